//! The check itself: every diagnostic of a loaded notebook. Per-file findings were placed
//! when each file was loaded; here they meet the cross-file rules, `checks.ignore` and the
//! per-file cap in one [`Sink`]. `check`, `watch`, `import` and the language server share it.

use crate::diagnostic::Diagnostic;
use crate::index::Index;
use crate::rules;
use crate::sink::Sink;

/// Every diagnostic of the notebook: per-file, walk, `ties.yaml` and cross-file ones, less
/// the codes `checks.ignore` silences, in path and position order.
pub(crate) fn diagnostics(index: &Index) -> Vec<Diagnostic> {
    let mut sink = Sink::new(&index.settings.ignore);
    let located = index
        .docs
        .iter()
        .flat_map(|d| &d.findings)
        .chain(&index.walk_findings)
        .chain(&index.settings_findings);
    for d in located {
        sink.push_placed(d.clone());
    }
    check_notebook(index, &mut sink);
    let mut diagnostics: Vec<Diagnostic> = sink.finish().into_iter().map(rules::word).collect();
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics
}

/// Runs the rules that need the whole notebook.
pub(crate) fn check_notebook(index: &Index, out: &mut Sink) {
    rules::t201::check(index, out);
    rules::t202::check(index, out);
    rules::t203::check(index, out);
    rules::t204::check(index, out);
    rules::t301::check(index, out);
    rules::t302::check(index, out);
    rules::t303::check(index, out);
    rules::t304::check(index, out);
}

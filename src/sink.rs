//! Where every diagnostic goes on its way out: `checks.ignore` and the per-file cap.

use std::collections::HashMap;

use crate::diagnostic::Placed;
use crate::document::Document;
use crate::findings::{Code, Finding, Problem};

pub(crate) use crate::findings::MAX_PER_FILE_AND_RULE;

/// Where every diagnostic goes: drops the codes `checks.ignore` silences, and keeps at most
/// [`MAX_PER_FILE_AND_RULE`] per file and rule (only those are placed in their file, which
/// is what costs), then says how many more there were.
pub(crate) struct Sink {
    ignore: Vec<Code>,
    kept: Vec<Placed>,
    /// Per file, per code: how many were pushed, and the first one not kept.
    counts: HashMap<String, [(usize, Option<Placed>); Code::COUNT]>,
}

impl Sink {
    pub(crate) fn new(ignore: &[Code]) -> Self {
        Self {
            ignore: ignore.to_vec(),
            kept: Vec::new(),
            counts: HashMap::new(),
        }
    }

    /// A finding in `doc`.
    pub(crate) fn push(&mut self, doc: &Document, finding: Finding) {
        if let Some(keep) = self.admit(&doc.path, finding.code()) {
            keep(self, doc.locate(finding));
        }
    }

    /// A finding already placed in its file.
    pub(crate) fn push_placed(&mut self, diagnostic: Placed) {
        if let Some(keep) = self.admit(&diagnostic.path, diagnostic.code()) {
            keep(self, diagnostic);
        }
    }

    /// Counts `more` findings of `code` in `path` that were never made: their file kept
    /// only the ones that can be shown (`body::Links`), and "… and N more" counts the rest.
    pub(crate) fn count_more(&mut self, path: &str, code: Code, more: usize) {
        if more == 0 || self.ignore.contains(&code) {
            return;
        }
        if let Some(codes) = self.counts.get_mut(path) {
            codes[code as usize].0 += more;
        }
    }

    /// Counts one more `code` in `path`; says where to put it, if anywhere.
    fn admit(&mut self, path: &str, code: Code) -> Option<fn(&mut Self, Placed)> {
        if self.ignore.contains(&code) {
            return None;
        }
        if !self.counts.contains_key(path) {
            self.counts
                .insert(path.to_owned(), std::array::from_fn(|_| (0, None)));
        }
        let slot = &mut self.counts.get_mut(path)?[code as usize];
        slot.0 += 1;
        match slot.0 {
            n if n <= MAX_PER_FILE_AND_RULE => Some(|sink, d| sink.kept.push(d)),
            n if n == MAX_PER_FILE_AND_RULE + 1 => Some(|sink, d| {
                let slot = sink
                    .counts
                    .get_mut(d.path.as_str())
                    .map(|codes| &mut codes[d.code() as usize].1);
                if let Some(slot) = slot {
                    *slot = Some(d);
                }
            }),
            _ => None,
        }
    }

    /// Everything kept, with one "… and N more" per capped file and rule.
    pub(crate) fn finish(mut self) -> Vec<Placed> {
        for codes in self.counts.into_values() {
            for (count, first_hidden) in codes {
                if let Some(d) = first_hidden {
                    let more = count - MAX_PER_FILE_AND_RULE;
                    let message = format!(
                        "… and {more} more {} problems in this file (only the first {MAX_PER_FILE_AND_RULE} are shown)",
                        d.code()
                    );
                    let problem = Problem::Worded {
                        code: d.code(),
                        message,
                        help: None,
                        remedy: None,
                    };
                    self.kept.push(Placed { problem, ..d });
                }
            }
        }
        self.kept
    }
}

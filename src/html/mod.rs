//! The notebook as one HTML page, for `ties html` (a file to open offline, on a phone, or to
//! send to a coach) and `ties serve` (the same page, live). The page is self-contained: its
//! CSS and script are inline and a Content-Security-Policy forbids every request, so nothing
//! leaves it, and it allows only ties' own script and style (by hash), so even a name that
//! escaped escaping could run nothing. Its sections (Today, Funnel, Activity, Companies,
//! People, Events, Goals) are pages shown by the URL's fragment (`#funnel`) with CSS alone;
//! the script only copies commands and sorts and filters the People table.
//!
//! [`view`] turns the domain's structs into strings and numbers, [`chart`] lays out the SVG,
//! and the askama templates in `templates/` write the HTML, escaping every value.

mod chart;
mod redact;
mod view;

pub(crate) use view::View;

use std::sync::LazyLock;

use askama::Template;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::index::Index;
use crate::render::escape;

/// The page's style sheet and scripts, inlined.
const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");
/// `ties serve` adds this: reload when the notebook changed (server-sent events).
const LIVE: &str = include_str!("live.js");

/// What the page is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// Names become initials; notes, paths and commands are left out.
    pub redact: bool,
    /// Served by `ties serve`: the page listens for changes on `/events` and may show the
    /// notebook's errors.
    pub live: bool,
}

/// What `ties serve` adds above a page: the errors of the last check, and which view is
/// shown while they last.
pub(crate) struct Banner<'a> {
    pub diagnostics: &'a [Diagnostic],
    /// When the view shown was made, if it is an older one (the last without errors).
    pub kept_from: Option<String>,
}

/// One line of the banner.
struct Problem {
    at: String,
    severity: &'static str,
    code: &'static str,
    message: String,
}

#[derive(Template)]
#[template(path = "page.html")]
struct Page<'a> {
    view: &'a View,
    csp: &'a str,
    style: &'static str,
    script: &'a str,
    live: bool,
    version: u64,
    problems: Vec<Problem>,
    more_problems: usize,
    kept_from: Option<String>,
}

/// The Content-Security-Policy of a page with `script`: nothing but ties' own style and
/// script, no request at all (a served page may open its event stream to where it came
/// from).
fn csp(script: &str, live: bool) -> String {
    let hash = |text: &str| {
        let digest = Sha256::digest(text.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    };
    let connect = if live { "'self'" } else { "'none'" };
    format!(
        "default-src 'none'; style-src {}; script-src {}; img-src data:; connect-src {connect}; base-uri 'none'; form-action 'none'",
        hash(STYLE),
        hash(script)
    )
}

static FILE: LazyLock<(String, String)> = LazyLock::new(|| (SCRIPT.to_owned(), csp(SCRIPT, false)));
static SERVED: LazyLock<(String, String)> = LazyLock::new(|| {
    let script = format!("{SCRIPT}{LIVE}");
    let policy = csp(&script, true);
    (script, policy)
});

/// Banner lines past this many are counted, not listed.
const MOST_PROBLEMS: usize = 50;

/// The page for `index` as of its today, as `ties html` writes it.
pub(crate) fn page(index: &Index, options: Options) -> String {
    render(&view(index, options), options, 0, None)
}

/// What the page shows of `index`, kept by `ties serve` as the last good view.
pub(crate) fn view(index: &Index, options: Options) -> View {
    view::build(index, options.redact)
}

/// The page of `view`. `version` tells a served page whether what it shows is still
/// current; `banner` lists the errors of the last check.
pub(crate) fn render(
    view: &View,
    options: Options,
    version: u64,
    banner: Option<&Banner>,
) -> String {
    let (script, csp) = if options.live { &*SERVED } else { &*FILE };
    let problems = banner.map_or(&[][..], |b| b.diagnostics);
    let page = Page {
        view,
        csp,
        style: STYLE,
        script,
        live: options.live,
        version,
        problems: problems
            .iter()
            .take(MOST_PROBLEMS)
            .map(|d| Problem {
                at: format!(
                    "{}:{}:{}",
                    escape::line(&d.path),
                    d.start.line,
                    d.start.column
                ),
                severity: d.severity().as_str(),
                code: d.code.as_str(),
                message: escape::line(&d.message).into_owned(),
            })
            .collect(),
        more_problems: problems.len().saturating_sub(MOST_PROBLEMS),
        kept_from: banner.and_then(|b| b.kept_from.clone()),
    };
    // Rendering into a String fails only if a value's Display fails, and none of ours does.
    page.render()
        .unwrap_or_else(|e| format!("<!doctype html><title>ties</title><p>{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_exactly_the_inline_style_and_script() {
        let (script, policy) = &*FILE;
        assert!(policy.starts_with("default-src 'none';"), "{policy}");
        assert!(policy.contains("connect-src 'none'"), "{policy}");
        let digest = Sha256::digest(script.as_bytes());
        let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
        assert!(
            policy.contains(&format!("script-src 'sha256-{b64}'")),
            "{policy}"
        );
        let (_, served) = &*SERVED;
        assert!(served.contains("connect-src 'self'"), "{served}");
        assert!(
            !STYLE.contains("</style"),
            "the style closes its own element"
        );
        assert!(!SCRIPT.contains("</script") && !LIVE.contains("</script"));
    }
}

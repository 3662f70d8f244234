//! ## What it checks
//! Links in a body that lead nowhere: wiki links `[[id]]` (also `[[id|label]]`,
//! `[[id#heading]]`) to no record or note (a wiki link resolves as a reference does: the
//! exact id, else, ignoring case, a file title, `name` or alias; several matches are
//! ambiguous, and the message names each), and relative Markdown links to `.md` files that do
//! not exist. External URLs are not checked (`ties` never uses the network).
//!
//! ## Why it matters
//! Links are how notes connect people, companies and chats; a broken one is a dead end when
//! you come back to prepare a follow-up months later.
//!
//! ## Example
//! ```markdown
//! Introduced me to [[jane-do]]. See [her notes](../contacts/jane.md).
//! ```
//!
//! ## How to fix
//! Correct the id or path (the message suggests the closest id), or create the note.

use std::collections::HashMap;
use std::path::Path;

use crate::body::{KEPT_PER_TARGET, LinkTarget};
use crate::findings::{Code, Finding};
use crate::index::{Index, Resolved};
use crate::rules::shorten;
use crate::sink::Sink;
use crate::span::Span;
use crate::suggest;

pub(crate) fn check(index: &Index, out: &mut Sink) {
    // One suggestion per distinct broken id: a suggestion scans every id of the notebook.
    let mut hints: HashMap<&str, String> = HashMap::new();
    for doc in &index.docs {
        // Each distinct target is resolved once; its kept positions are the only ones that
        // can be shown, and the rest are counted into "… and N more". Only the shown ones
        // are worded (a suggestion scans every id of the notebook).
        let targets = &doc.body.links.targets;
        let mut broken: Vec<(Span, usize)> = Vec::new();
        let mut total = 0;
        for (at, linked) in targets.iter().enumerate() {
            let is_broken = match &linked.target {
                LinkTarget::Wiki(id) => !matches!(index.resolve(None, id), Resolved::One(_)),
                LinkTarget::File(path) => !file_exists(index, &doc.path, path),
            };
            if is_broken {
                broken.extend(linked.spans().map(|span| (span, at)));
                total += linked.count;
            }
        }
        broken.sort_by_key(|(span, _)| span.start);
        broken.truncate(KEPT_PER_TARGET);
        let shown = broken.len();
        for (span, at) in broken {
            let message = match &targets[at].target {
                LinkTarget::Wiki(id) => match index.resolve(None, id) {
                    Resolved::Several(found) => format!(
                        "ambiguous link: `{}` names several files: {}",
                        shorten(id),
                        super::t201::candidates(index, &found)
                    ),
                    _ => {
                        let hint = hints
                            .entry(id)
                            .or_insert_with(|| suggest::hint(id, index.all_ids()));
                        format!("broken link: no record or note `{}`{hint}", shorten(id))
                    }
                },
                LinkTarget::File(path) => {
                    format!("broken link: `{}` does not exist", shorten(path))
                }
            };
            out.push(doc, Finding::worded(Code::T204, span, message));
        }
        out.count_more(&doc.path, Code::T204, total - shown);
    }
}

/// Resolves `link` against the folder of `from` (both relative to the notebook root).
fn file_exists(index: &Index, from: &str, link: &str) -> bool {
    let link: std::borrow::Cow<str> = if link.contains('%') {
        percent_decode(link).into()
    } else {
        link.into()
    };
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    // Leaves the notebook: only the file system can tell.
                    return index
                        .root
                        .join(from)
                        .parent()
                        .is_some_and(|dir| dir.join(link.as_ref()).is_file());
                }
            }
            other => parts.push(other),
        }
    }
    let resolved = parts.join("/");
    index.has_path(&resolved) || index.root.join(Path::new(&resolved)).is_file()
}

/// `%20` and friends, as Markdown editors write spaces in link paths.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_decoding() {
        for (input, expected) in [
            ("my%20note.md", "my note.md"),
            ("100%.md", "100%.md"),
            ("a%2", "a%2"),
        ] {
            assert_eq!(super::percent_decode(input), expected, "{input:?}");
        }
    }
}

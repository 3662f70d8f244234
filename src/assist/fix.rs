//! Fixes an editor can apply: the did-you-mean of a diagnostic (replace the wrong word),
//! the file an unknown reference asks for (`companies/acme.md`, from `ties new`'s template),
//! both read from the diagnostic's [`Remedy`](crate::findings::Remedy), and the one-line
//! edit `ties log follow-up` makes on a contact whose follow-up is due.

use crate::action::{self, Request};
use crate::agenda::{Group, ItemKind};
use crate::create::{self, Options};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::edit;
use crate::findings::NewRecord;
use crate::index::Index;
use crate::model::Kind;
use crate::notebook::CONFIG_FILE;
use crate::span::Span;

use super::next;

/// One fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Fix {
    /// Replace spans of the file at `path`.
    Edit {
        title: String,
        path: String,
        edits: Vec<(Span, String)>,
    },
    /// Create the file at `path` with `text`.
    Create {
        title: String,
        path: String,
        text: String,
    },
}

/// The fixes of `diagnostic`.
pub(crate) fn of(index: &Index, diagnostic: &Diagnostic) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let text = if diagnostic.path == CONFIG_FILE {
        Some(index.settings_text.as_str())
    } else {
        doc(index, &diagnostic.path).map(|d| d.text().unwrap_or(""))
    };
    if let (Some(word), Some(text)) = (&diagnostic.remedy.suggestion, text)
        && let Some(span) = core(text, diagnostic.span)
    {
        fixes.push(Fix::Edit {
            title: format!("replace `{}` with `{word}`", &text[span.range()]),
            path: diagnostic.path.clone(),
            edits: vec![(span, word.clone())],
        });
    }
    if let Some(record) = &diagnostic.remedy.create
        && let Some(fix) = create(index, record)
    {
        fixes.push(fix);
    }
    fixes
}

fn doc<'a>(index: &'a Index, path: &str) -> Option<&'a Document> {
    index
        .docs
        .binary_search_by(|d| d.path.as_str().cmp(path))
        .ok()
        .map(|i| &index.docs[i])
}

/// The word of `span`: without the quotes and brackets around it, and without a link's
/// `|label` or `#heading`.
pub(crate) fn core(text: &str, span: Span) -> Option<Span> {
    let slice = text.get(span.range())?;
    let open = slice.len() - slice.trim_start_matches(['"', '\'', '[', ' ']).len();
    let rest = &slice[open..];
    let len = rest.find(['|', '#', ']', '"', '\'']).unwrap_or(rest.len());
    let word = rest[..len].trim_end();
    (!word.is_empty()).then(|| Span::new(span.start + open, span.start + open + word.len()))
}

/// "Create companies/acme.md": the record an unknown reference or a broken link asks for,
/// as `ties new` would make it, or a note with the link's name as its heading. Not an event
/// or a chat: they need a date no reference gives.
fn create(index: &Index, record: &NewRecord) -> Option<Fix> {
    let kind = index.settings.conventions.kind_of(&record.path);
    if kind == Kind::Note {
        return Some(Fix::Create {
            title: format!("create {}", record.path),
            path: record.path.clone(),
            text: format!("# {}\n", record.name),
        });
    }
    if !matches!(kind, Kind::Company | Kind::Contact) {
        return None;
    }
    let request = create::Request::named(kind, record.name.clone());
    let options = Options {
        id: Some(record.id.clone()),
        ..Options::default()
    };
    let file = create::new_file(index, &request, &options).ok()?;
    Some(Fix::Create {
        title: format!("create {}", file.path),
        path: file.path,
        text: file.text,
    })
}

/// "Record follow-up today" on a contact whose follow-up is due: the edit `ties log
/// follow-up` makes, on the text as it is in the editor.
pub(crate) fn record_follow_up(index: &Index, doc: &Document) -> Option<Fix> {
    if doc.kind != Kind::Contact {
        return None;
    }
    let due = next::about(index, doc)
        .into_iter()
        .any(|i| i.kind == ItemKind::FollowUp && i.group != Group::Upcoming);
    if !due {
        return None;
    }
    let request = Request::FollowUp {
        contact: doc.id.to_string(),
        date: None,
    };
    let plan = action::plan(index, &request).ok()?;
    let mut text = doc.text().unwrap_or("").to_owned();
    for change in &plan.changes {
        if let edit::Edited::Changed(new) =
            edit::apply_in(&text, change, &index.settings.conventions).ok()?
        {
            text = new;
        }
    }
    let (span, replacement) = difference(doc.text().unwrap_or(""), &text)?;
    Some(Fix::Edit {
        title: format!("record follow-up today ({})", index.today()),
        path: doc.path.clone(),
        edits: vec![(span, replacement)],
    })
}

/// The one replacement that turns `before` into `after`: the span of `before` between
/// their common start and end, and what replaces it; `None` if they are equal.
fn difference(before: &str, after: &str) -> Option<(Span, String)> {
    if before == after {
        return None;
    }
    let prefix = before
        .char_indices()
        .zip(after.chars())
        .find(|((_, a), b)| a != b)
        .map_or(before.len().min(after.len()), |((i, _), _)| i);
    let suffix = before[prefix..]
        .chars()
        .rev()
        .zip(after[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    Some((
        Span::new(prefix, before.len() - suffix),
        after[prefix..after.len() - suffix].to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::{doc, index_of, index_with};
    use crate::check;
    use crate::findings::Code;

    fn index() -> Index {
        index_of(&[
            (
                "contacts/ada.md",
                "---\nname: Ada\ncompany: acm\nrole: develper\nreached_out: 2026-11-10\n---\n",
            ),
            (
                "contacts/bob.md",
                "---\nname: Bob\ncompany: \"[[zeta-labs]]\"\n---\n",
            ),
            ("companies/acme.md", "---\nname: Acme\n---\n"),
        ])
    }

    fn fixes_of(index: &Index, code: Code, path: &str) -> Vec<Fix> {
        let diagnostic = check::diagnostics(index)
            .into_iter()
            .find(|d| d.code == code && d.path == path)
            .unwrap();
        of(index, &diagnostic)
    }

    #[test]
    fn did_you_mean_replaces_the_word() {
        let index = index();
        let ada = doc(&index, "contacts/ada.md").text().unwrap_or("");
        let fixes = fixes_of(&index, Code::T201, "contacts/ada.md");
        let Some(Fix::Edit { title, edits, .. }) = fixes.first() else {
            panic!("{fixes:?}");
        };
        assert_eq!(title, "replace `acm` with `acme`");
        assert_eq!(&ada[edits[0].0.range()], "acm");
        let fixes = fixes_of(&index, Code::T103, "contacts/ada.md");
        let Some(Fix::Edit { edits, .. }) = fixes.first() else {
            panic!("{fixes:?}");
        };
        assert_eq!(
            (&ada[edits[0].0.range()], edits[0].1.as_str()),
            ("develper", "developer")
        );
    }

    #[test]
    fn an_unknown_company_can_be_created() {
        let index = index();
        let fixes = fixes_of(&index, Code::T201, "contacts/bob.md");
        assert_eq!(fixes.len(), 1, "no did-you-mean for zeta-labs");
        let Fix::Create { title, path, text } = &fixes[0] else {
            panic!("{fixes:?}");
        };
        assert_eq!(title, "create companies/zeta-labs.md");
        assert_eq!(path, "companies/zeta-labs.md");
        assert!(text.starts_with("---\nname: Zeta Labs\n"), "{text}");
    }

    /// The fixes come from the diagnostic's remedy, never from its words: a message that
    /// says "did you mean" without a remedy offers nothing, and a remedy offers its fix
    /// whatever the message says.
    #[test]
    fn fixes_are_read_from_the_remedy_not_the_words() {
        let index = index();
        let mut d = check::diagnostics(&index)
            .into_iter()
            .find(|d| d.code == Code::T103)
            .unwrap();
        assert_eq!(d.remedy.suggestion.as_deref(), Some("developer"));
        d.message = "something else entirely".into();
        assert_eq!(of(&index, &d).len(), 1);
        d.message = "`x` (did you mean `y`?)".into();
        d.remedy = crate::findings::Remedy::default();
        assert_eq!(of(&index, &d), []);
    }

    #[test]
    fn a_reference_by_name_creates_the_file_ties_new_would_write() {
        let slugs = index_of(&[(
            "contacts/ada.md",
            "---\nname: Ada\ncompany: Zeta Labs\n---\n",
        )]);
        // In a title notebook, the title is the reference (one whose references are strict:
        // by default a title notebook's name without a note is an implicit record, T206).
        let titles = index_with(
            "ids: title\nreferences: strict\n",
            &[(
                "contacts/Ada.md",
                "---\nname: Ada\ncompany: zeta-labs\n---\n",
            )],
        );
        for (index, ada) in [(slugs, "contacts/ada.md"), (titles, "contacts/Ada.md")] {
            let fixes = fixes_of(&index, Code::T201, ada);
            let [Fix::Create { path, text, .. }] = fixes.as_slice() else {
                panic!("{fixes:?}");
            };
            assert_eq!(path, "companies/zeta-labs.md");
            assert!(text.starts_with("---\nname: Zeta Labs\n"), "{text}");
        }
    }

    #[test]
    fn a_broken_link_creates_a_note_or_the_record_its_folder_says() {
        let index = index_of(&[
            (
                "notes/plan/week.md",
                "Ask [[rust-meetup-notes]] and [[companies/zeta-labs]].\n",
            ),
            (
                "contacts/ada.md",
                "---\nname: Ada\n---\nSee [[Project X]].\n",
            ),
        ]);
        let creates = |path: &str| -> Vec<(String, String)> {
            check::diagnostics(&index)
                .into_iter()
                .filter(|d| d.code == Code::T204 && d.path == path)
                .flat_map(|d| of(&index, &d))
                .filter_map(|f| match f {
                    Fix::Create { path, text, .. } => Some((path, text)),
                    Fix::Edit { .. } => None,
                })
                .collect()
        };
        let week = creates("notes/plan/week.md");
        assert_eq!(
            week[0],
            (
                "notes/plan/rust-meetup-notes.md".to_owned(),
                "# Rust Meetup Notes\n".to_owned()
            ),
            "beside the note that links"
        );
        assert_eq!(week[1].0, "companies/zeta-labs.md");
        assert!(
            week[1].1.starts_with("---\nname: Zeta Labs\n"),
            "{}",
            week[1].1
        );
        assert_eq!(
            creates("contacts/ada.md"),
            [("notes/project-x.md".to_owned(), "# Project X\n".to_owned())],
            "a record links to a note in the notes folder"
        );
    }

    #[test]
    fn an_implicit_record_offers_to_write_its_note() {
        let index = index_with(
            "ids: title\n",
            &[("contacts/Ada.md", "---\ncompany: LEA Technologies\n---\n")],
        );
        let fixes = fixes_of(&index, Code::T206, "contacts/Ada.md");
        let [Fix::Create { path, text, .. }] = fixes.as_slice() else {
            panic!("{fixes:?}");
        };
        assert_eq!(path, "companies/LEA Technologies.md");
        assert!(text.starts_with("---\nname: LEA Technologies\n"), "{text}");
    }

    #[test]
    fn a_misspelt_setting_is_fixed_in_ties_yaml() {
        let index = index_with("rules:\n  horizn: 2w\n", &[]);
        let fixes = fixes_of(&index, Code::T401, "ties.yaml");
        let [Fix::Edit { title, edits, .. }] = fixes.as_slice() else {
            panic!("{fixes:?}");
        };
        assert_eq!(title, "replace `horizn` with `horizon`");
        assert_eq!(edits[0].0, Span::new(9, 15));
    }

    #[test]
    fn a_due_follow_up_is_recorded_in_one_line() {
        let index = index();
        let fix = record_follow_up(&index, doc(&index, "contacts/ada.md")).unwrap();
        let Fix::Edit { title, edits, .. } = &fix else {
            panic!("{fix:?}");
        };
        assert_eq!(title, "record follow-up today (2026-11-21)");
        let ada = doc(&index, "contacts/ada.md").text().unwrap_or("");
        let mut after = ada.to_owned();
        after.replace_range(edits[0].0.range(), &edits[0].1);
        assert_eq!(
            after,
            "---\nname: Ada\ncompany: acm\nrole: develper\nreached_out: 2026-11-10\nfollowed_up: [2026-11-21]\n---\n"
        );
        assert_eq!(
            record_follow_up(&index, doc(&index, "contacts/bob.md")),
            None
        );
    }

    #[test]
    fn difference_is_one_replacement() {
        assert_eq!(difference("abc", "abc"), None);
        assert_eq!(
            difference("abXc", "abYYc"),
            Some((Span::new(2, 3), "YY".into()))
        );
        assert_eq!(difference("aa", "aaa"), Some((Span::new(2, 2), "a".into())));
        assert_eq!(difference("é", "è"), Some((Span::new(0, 2), "è".into())));
    }
}

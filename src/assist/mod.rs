//! What an editor asks of the notebook, answered in byte offsets of a file's text: what is
//! under the cursor ([`at`]), what may be typed there ([`complete`]), what a record or key is
//! ([`hover`]), who names a record ([`references`]) and how to rename it ([`rename`]), what
//! keeps the references right when files move ([`moves`]), where a file may be created or
//! moved to ([`files`]), the fixes of a diagnostic and the one-line edit that records a
//! follow-up ([`fix`]), the drafts of the messages its agenda items ask for ([`draft`]), a
//! record's next agenda item ([`next`]), a note's sections
//! ([`sections`]), the people and companies by name ([`symbols`]) and the keys of
//! `ties.yaml` ([`settings`]). Nothing here knows the
//! Language Server Protocol: `lsp/` turns offsets into lines and UTF-16 columns and these
//! answers into messages, so any other front end could ask the same questions.

pub(crate) mod at;
pub(crate) mod complete;
pub(crate) mod draft;
pub(crate) mod files;
pub(crate) mod fix;
pub(crate) mod hover;
pub(crate) mod keys;
pub(crate) mod moves;
pub(crate) mod next;
pub(crate) mod references;
pub(crate) mod rename;
pub(crate) mod sections;
pub(crate) mod settings;
pub(crate) mod symbols;

#[cfg(test)]
pub(crate) mod fixture {
    //! A small notebook in memory for the tests of this module.

    use chrono::NaiveDate;

    use crate::document::Document;
    use crate::index::Index;

    pub(crate) const FILES: &[(&str, &str)] = &[
        (
            "contacts/ada.md",
            "---\nname: Ada Lovelace\ncompany: acme\ntitle: Engineer\nreached_out: 2026-11-01\n---\nMet at [[rust-meetup]].\n",
        ),
        (
            "contacts/bob.md",
            "---\nname: Bob Stone\ncompany: \"[[acme]]\"\nintroduced_by: ada\n---\nSee [[ada|Ada]] and [her file](ada.md).\n",
        ),
        (
            "companies/acme.md",
            "---\nname: Acme\nstatus: target\n---\n",
        ),
        (
            "chats/2026/2026-11-12-ada.md",
            "---\nwith: [ada, bob]\ndate: 2026-11-12\n---\n## Questions\n- why?\n## Notes\nfine\n",
        ),
        (
            "events/rust-meetup.md",
            "---\nname: Rust Meetup\ndate: 2026-11-10\nmet:\n  - ada\n---\n",
        ),
        ("notes/plan.md", "Ask [[ada]] about [[acme]].\n"),
    ];

    pub(crate) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    pub(crate) fn index_of(files: &[(&str, &str)]) -> Index {
        index_with("", files)
    }

    /// The notebook of `files` under the settings `ties_yaml`.
    pub(crate) fn index_with(ties_yaml: &str, files: &[(&str, &str)]) -> Index {
        let settings = crate::notebook::decode_settings(ties_yaml.as_bytes().to_vec());
        let docs = files
            .iter()
            .map(|(path, text)| {
                Document::parse(
                    (*path).to_owned(),
                    Ok(text.as_bytes().to_vec()),
                    &settings.0.conventions,
                )
            })
            .collect();
        Index::new(
            std::path::PathBuf::from("/nb"),
            today().and_time(chrono::NaiveTime::MIN),
            settings,
            docs,
            Vec::new(),
        )
    }

    pub(crate) fn index() -> Index {
        index_of(FILES)
    }

    /// The offset of the first `needle` in the file at `path`, plus `delta`.
    pub(crate) fn offset(index: &Index, path: &str, needle: &str, delta: usize) -> usize {
        let doc = doc(index, path);
        doc.text().unwrap_or("").find(needle).unwrap() + delta
    }

    pub(crate) fn doc<'a>(index: &'a Index, path: &str) -> &'a Document {
        index.docs.iter().find(|d| d.path == path).unwrap()
    }
}

//! `ties init --adopt`: the few lines of `ties.yaml` that read an existing vault where and
//! as it is, found by looking at it: the folder of each kind of record (`People`,
//! `Organizations`, `CRM/Meetings`…, at most two levels down), `ids: title` where note
//! names are titles (`Jane Doe.md`), and `since:` today, so the first agendas show what is
//! due from now on ([`crate::agenda::adoption`]). Nothing else is written.

use std::fmt::Write;
use std::path::Path;

use chrono::NaiveDate;

use crate::model::Kind;

/// The folder names (letters and digits only, lower case) that hold each kind of record,
/// in [`Kind::RECORDS`] order.
const NAMES: [&[&str]; 4] = [
    &[
        "people",
        "contacts",
        "persons",
        "person",
        "network",
        "crmpeople",
    ],
    &[
        "companies",
        "company",
        "organizations",
        "organisations",
        "organization",
        "organisation",
        "orgs",
    ],
    &[
        "meetings",
        "meetingnotes",
        "chats",
        "calls",
        "conversations",
        "interactions",
    ],
    &["events", "conferences", "meetups"],
];

/// What `ties init --adopt` found in a folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Found {
    /// The folder of each kind, relative to the root, if one was found.
    pub folders: [Option<String>; 4],
    /// Note names are titles (`Jane Doe.md`), not slugs.
    pub titles: bool,
}

impl Found {
    /// Looks at the folders and Markdown files under `root` (hidden ones left out).
    pub(crate) fn of(root: &Path) -> Self {
        let mut found = Self::default();
        let mut level = vec![String::new()];
        for _ in 0..2 {
            let mut next = Vec::new();
            for dir in &level {
                for (name, is_dir) in entries(&root.join(dir)) {
                    let rel = if dir.is_empty() {
                        name.clone()
                    } else {
                        format!("{dir}/{name}")
                    };
                    if is_dir {
                        let key: String = (name.chars())
                            .filter(|c| c.is_alphanumeric())
                            .flat_map(char::to_lowercase)
                            .collect();
                        if let Some(i) = NAMES.iter().position(|names| names.contains(&&*key))
                            && found.folders[i].is_none()
                        {
                            found.folders[i] = Some(rel.clone());
                        }
                        next.push(rel);
                    } else if let Some(stem) = name.strip_suffix(".md")
                        && !crate::model::id::is_slug(stem)
                        && !crate::model::conventions::is_readme(&name)
                    {
                        found.titles = true;
                    }
                }
            }
            level = next;
        }
        found
    }

    /// The `ties.yaml` to write: what was found, `since: today`, and the owner to fill in.
    pub(crate) fn settings(&self, today: NaiveDate) -> String {
        let mut out = format!(
            "# Written by `ties init --adopt` on {today}: your notes are read where and as they are.\n"
        );
        let folders: Vec<String> = (Kind::RECORDS.iter().zip(&self.folders))
            .filter_map(|(kind, folder)| {
                let folder = folder.as_ref()?;
                let quoted = if folder.contains([':', '#', '{', '}', ',', '[', ']', '"', '\''])
                    || folder.starts_with(|c: char| !c.is_alphanumeric())
                {
                    format!("\"{}\"", folder.replace('\\', "\\\\").replace('"', "\\\""))
                } else {
                    folder.clone()
                };
                Some(format!("{}: {quoted}", kind.folder()))
            })
            .collect();
        if !folders.is_empty() {
            let _ = writeln!(out, "folders: {{ {} }}", folders.join(", "));
        }
        if self.titles {
            out.push_str("ids: title\n");
        }
        let _ = writeln!(out, "since: {today}");
        out.push_str("# owner: Your Name              # as your meeting notes name you\n");
        out
    }
}

/// The names of the entries of `dir` that are not hidden, with whether each is a folder,
/// in name order.
fn entries(dir: &Path) -> Vec<(String, bool)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut entries: Vec<(String, bool)> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_owned();
            let is_dir = e.file_type().ok()?.is_dir();
            (!name.starts_with('.')).then_some((name, is_dir))
        })
        .collect();
    entries.sort();
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vaults_folders_and_titles_are_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        for path in [
            "👤 People/Jane Doe.md",
            "CRM/Organizations/Acme.md",
            "CRM/Meeting Notes/2026-11-18 Sync.md",
            ".obsidian/Events/x.md",
            "Daily/2026-11-18.md",
        ] {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let found = Found::of(dir.path());
        assert_eq!(
            found.folders,
            [
                Some("👤 People".to_owned()),
                Some("CRM/Organizations".to_owned()),
                Some("CRM/Meeting Notes".to_owned()),
                None
            ]
        );
        assert!(found.titles);
        let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let text = found.settings(day);
        assert_eq!(
            text,
            "# Written by `ties init --adopt` on 2026-11-21: your notes are read where and as they are.\nfolders: { contacts: \"👤 People\", companies: CRM/Organizations, chats: CRM/Meeting Notes }\nids: title\nsince: 2026-11-21\n# owner: Your Name              # as your meeting notes name you\n"
        );
        let (settings, findings) = crate::model::Settings::decode(&text);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(settings.since, Some(day));
        assert_eq!(settings.conventions.folder(Kind::Contact), "👤 People");
        assert_eq!(Found::of(&dir.path().join("nothing")), Found::default());
    }
}

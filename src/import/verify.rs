//! Every planned file checked together with the notebook before anything is written: a
//! row whose file would not pass `ties check`, or could not be written, is reported with its
//! line and left out, so an import never makes a notebook dirty.

use std::collections::HashMap;

use super::plan::{Edit, Writable};
use crate::document::Document;
use crate::fs::NewFile;
use crate::index::Index;

/// Checks the planned files together with the notebook, and that each can be written; the
/// lines of the rows whose files have problems (`owners` maps a file to its rows), with the
/// first problem.
pub(super) fn check(
    index: &Index,
    writable: Writable<'_>,
    files: &[NewFile],
    edits: &[Edit],
    owners: &HashMap<String, Vec<u64>>,
) -> Vec<(u64, String)> {
    let mut problems: Vec<(u64, String)> = Vec::new();
    let mut blame = |path: &str, why: String| {
        for line in owners.get(path).into_iter().flatten() {
            if !problems.iter().any(|(l, _)| l == line) {
                problems.push((*line, why.clone()));
            }
        }
    };
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for (path, answer) in paths.iter().zip(writable(&paths)) {
        if let Err(why) = answer {
            blame(path, format!("its file {path} cannot be written: {why}"));
        }
    }
    let edited: HashMap<&str, &str> = edits
        .iter()
        .map(|e| (e.path.as_str(), e.after.as_str()))
        .collect();
    let conventions = &index.settings.conventions;
    let mut docs: Vec<Document> = index
        .docs
        .iter()
        .map(|doc| match edited.get(doc.path.as_str()) {
            Some(after) => {
                Document::parse(doc.path.clone(), Ok(after.as_bytes().to_vec()), conventions)
            }
            None => doc.clone(),
        })
        .collect();
    docs.extend(files.iter().map(|f| {
        let bytes = Ok(f.text.clone().into_bytes());
        Document::parse(f.path.clone(), bytes, &index.settings.conventions)
    }));
    let combined = Index::new(
        index.root.clone(),
        index.now().exact(),
        (
            index.settings.clone(),
            index.settings_text.clone(),
            Vec::new(),
        ),
        docs,
        Vec::new(),
    );
    // Only the planned files are blamed: only they are checked.
    for d in crate::check::diagnostics_at(&combined, owners.keys().map(String::as_str)) {
        blame(
            &d.path,
            format!(
                "its file {} would not pass `ties check`: {}[{}]: {}",
                d.path,
                d.severity().as_str(),
                d.code.as_str(),
                d.message
            ),
        );
    }
    problems
}

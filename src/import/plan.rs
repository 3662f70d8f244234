//! The vocabulary of an import, shared by every reader and planner: which importer was asked
//! for, what the plan holds, and the messages it says about the file's rows. A leaf of the
//! import module: it uses none of its siblings.

use super::people::Person;
use crate::fs::NewFile;

/// Which importer the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// Any spreadsheet with a header row (a Google Contacts export is recognised by its
    /// headers, an export of `ties` by its columns).
    Csv,
    /// LinkedIn's `Connections.csv`: preamble lines, then a fixed header.
    Linkedin,
    /// An address book: vCard 2.1, 3.0 or 4.0.
    Vcard,
    /// A calendar: `.ics`, a whole calendar or one invitation.
    Ics,
}

/// What an import would do.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Companies first, then contacts in row order; paths relative to the notebook root.
    pub files: Vec<NewFile>,
    /// Files of the notebook changed in place (a person's new job), in row order.
    pub edits: Vec<Edit>,
    /// People seen at a new company (`job_changed` set): a subset of `edits`.
    pub moved: usize,
    /// Chats among `files` (messages, invitations, meetings).
    pub chats: usize,
    /// What a history (messages, invitations, a calendar) held: items new to the notebook,
    /// and items it already has (found by their `uid`, or a date already recorded).
    pub history: Vec<History>,
    /// Bad rows and notes, in line order.
    pub messages: Vec<Message>,
    pub contacts: usize,
    pub companies: usize,
    /// Rows whose person (or company) already has a file.
    pub present: usize,
    pub bad: usize,
    /// Headers of columns no field matched: their values go into the bodies.
    pub unknown_columns: Vec<String>,
    /// The contacts `files` create, for the rest of an export (messages, invitations) to
    /// name.
    pub(super) people: Vec<Person>,
    /// Where each file and edit of a history comes from, for the check of the whole plan.
    pub(super) origins: Vec<Origin>,
}

/// The row a file or an edit of an export's history comes from: a bad one is reported at
/// its line and left out with all it counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The path of the file created or changed.
    pub(super) path: String,
    /// The file of the export, as shown (`export.zip/messages.csv`).
    pub(super) file: String,
    pub(super) line: u64,
    /// The items of the history it brings (messages of a chat), uncounted if it is left out.
    pub(super) items: usize,
}

/// A file of the notebook changed in place by one-line edits: the text the plan was made
/// from, and the new one. The command writes it only if the file still holds `before`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    /// Relative to the notebook root.
    pub path: String,
    pub before: String,
    pub after: String,
    /// What changes, in words: "Ana Ruiz moved to Globex".
    pub what: String,
    /// The unified diff from `before` to `after`, one hunk per line changed or added.
    pub diff: String,
}

/// The items of a history the plan brings in, by what they are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct History {
    /// What an item is, in the plural: "messages", "invitations", "meetings".
    pub what: &'static str,
    pub new: usize,
    pub present: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    /// The file of an export it is about (`messages.csv`); `None` for the file imported.
    pub file: Option<String>,
    /// 1-based line of the file where the row starts; 0 for the file as a whole.
    pub line: u64,
    pub level: Level,
    pub text: String,
}

/// How much a message matters, as `ties check` grades its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// The row was skipped (the import exits 1).
    Bad,
    /// The row was imported, but a value of it waits in the body to be fixed.
    Warning,
    /// What the import did, for the record.
    Note,
}

/// The messages of a plan as they are found, in any order (sorted by line at the end).
#[derive(Debug, Default)]
pub(super) struct Log {
    pub(super) messages: Vec<Message>,
}

impl Log {
    pub(super) fn push(&mut self, line: u64, level: Level, text: String) {
        self.messages.push(Message {
            file: None,
            line,
            level,
            text,
        });
    }

    pub(super) fn bad(&mut self, line: u64, text: String) {
        self.push(line, Level::Bad, text);
    }

    pub(super) fn note(&mut self, line: u64, text: String) {
        self.push(line, Level::Note, text);
    }

    pub(super) fn warn(&mut self, line: u64, text: String) {
        self.push(line, Level::Warning, text);
    }

    /// A mark to [`Log::forget`] back to: the messages about a row that is then skipped
    /// would only distract.
    pub(super) fn mark(&self) -> usize {
        self.messages.len()
    }

    pub(super) fn forget(&mut self, mark: usize) {
        self.messages.truncate(mark);
    }

    /// The messages in line order (those on the whole file first), and how many rows were bad.
    pub(super) fn finish(mut self) -> (Vec<Message>, usize) {
        self.messages.sort_by_key(|m| m.line);
        let bad = self
            .messages
            .iter()
            .filter(|m| m.level == Level::Bad)
            .count();
        (self.messages, bad)
    }
}

/// Why each planned file (by its notebook-relative path) could not be written, asked of the
/// command for all of them at once before anything is written: the plan stays free of the
/// file system, and a file that cannot be written is reported with its rows instead of
/// failing the import half-way.
pub(crate) type Writable<'a> = &'a dyn Fn(&[&str]) -> Vec<Result<(), String>>;

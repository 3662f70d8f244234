//! Failures that stop a command (exit 2), as opposed to problems found in the notebook,
//! which are diagnostics. Each message says what to do next.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    #[error(
        "no notebook found in {} or any parent directory (a notebook is a folder with a ties.yaml)\n  \
         help: create one with `ties init`, or point at one with --notebook DIR or $TIES_NOTEBOOK",
        start.display()
    )]
    NoNotebook { start: PathBuf },

    #[error(
        "{} is not a notebook: it has no ties.yaml\n  help: run `ties init {}` to make it one (an empty ties.yaml is enough)",
        dir.display(), dir.display()
    )]
    NotANotebook { dir: PathBuf },

    #[error("notebook folder {} does not exist\n  help: check the path given to --notebook or $TIES_NOTEBOOK", dir.display())]
    NotebookMissing { dir: PathBuf },

    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot write to standard output: {source}")]
    Stdout { source: std::io::Error },

    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{} already exists; it was left as it was\n  help: pass --force to replace it", path.display())]
    Exists { path: PathBuf },

    #[error(
        "cannot write {}: its {part} is longer than the {max} bytes file systems allow\n  \
         help: choose a shorter id",
        path.display()
    )]
    TooLong {
        path: PathBuf,
        /// `file name` or `path`.
        part: &'static str,
        max: usize,
    },

    #[error(
        "refusing to write {}: its name {reason}, so the notebook could not be cloned there\n  \
         help: choose another id with --id",
        path.display()
    )]
    NameReserved { path: PathBuf, reason: &'static str },

    #[error(
        "refusing to write {}: {} is there, and macOS and Windows take names that differ only \
         in case or accents' encoding for the same file\n  help: choose another id with --id, \
         or use the existing record",
        path.display(), other.display()
    )]
    NameCollides { path: PathBuf, other: PathBuf },

    #[error(
        "refusing to write {}: its folder is a symlink to {}, outside the notebook\n  \
         help: replace the symlink with a folder, or write there yourself",
        path.display(), target.display()
    )]
    OutsideNotebook { path: PathBuf, target: PathBuf },

    #[error(
        "{} changed while ties was editing it; it was left as it was\n  help: run the command again",
        path.display()
    )]
    ChangedMeanwhile { path: PathBuf },

    #[error(
        "{} kept changing while ties read it (an editor saving it?); it was left as it was\n  \
         help: save it in your editor, then run the command again",
        path.display()
    )]
    KeepsChanging { path: PathBuf },

    #[error(
        "{} changed while ties was editing it; both were kept: the file holds the other save, \
         and {} what was there a moment before\n  help: compare the two, keep what you want, \
         delete the other, then run the command again",
        path.display(), kept.display()
    )]
    KeptBoth { path: PathBuf, kept: PathBuf },

    #[error(
        "refusing to edit {}: it is read-only\n  help: make it writable (chmod u+w) if it is to \
         be changed, or edit it by hand",
        path.display()
    )]
    ReadOnly { path: PathBuf },

    #[error(
        "refusing to edit {}: it is {size} bytes, over the {max} bytes ties reads of a file\n  \
         help: a note that large is not a note; split it, or edit it by hand",
        path.display()
    )]
    TooLarge { path: PathBuf, size: u64, max: u64 },

    #[error(
        "the notebook is locked by {holder}, which is writing to it; waited {waited} s and \
         changed nothing\n  help: run the command again when it is done (the lock is {})",
        path.display()
    )]
    Locked {
        path: PathBuf,
        holder: String,
        waited: f64,
    },

    #[error(
        "refusing to edit {}: it has errors\n  help: fix what `ties check` reports in it, then run the command again",
        path.display()
    )]
    EditHasErrors { path: PathBuf },

    #[error("refusing to edit {}: the edit would add {found}\n  help: {help}", path.display())]
    EditWouldAdd {
        path: PathBuf,
        found: String,
        help: String,
    },

    /// The reason is an `edit::EditError` in words: errors are a leaf, below the domain.
    #[error("refusing to edit {}: {reason}\n  help: {help}", path.display())]
    Edit {
        path: PathBuf,
        reason: String,
        help: String,
    },

    #[error(
        "no done chat with `{contact}` is waiting for a thank-you\n  help: name the chat: `ties log thank-you CHAT-ID`"
    )]
    NothingToThank { contact: String },

    #[error(
        "`{contact}` has several chats on the same day without a thank-you: {chats}\n  help: name the chat: `ties log thank-you CHAT-ID`"
    )]
    AmbiguousChat { contact: String, chats: String },

    #[error(
        "no agenda item has the key `{key}`{hint}\n  help: `ties agenda` shows each item's short key, `ties agenda --format json` its full key"
    )]
    UnknownKey { key: String, hint: String },

    #[error(
        "several agenda items have a short key starting `{key}`: {keys}\n  help: type more of its letters, or the whole key"
    )]
    AmbiguousKey { key: String, keys: String },

    #[error(
        "a snooze ends after today, and {until} is not after {today}\n  help: give a later date, or a duration from today: 10d, 2w, 3mo"
    )]
    SnoozeNotAhead { until: String, today: String },

    #[error(
        "`{chat}` is {status} ({when}): a thank-you follows the chat\n  help: run `ties log thank-you {chat}` once it is over; if it did happen, set its `date` or `status: done`"
    )]
    NotHappened {
        chat: String,
        status: &'static str,
        when: String,
    },

    #[error(
        "{} is already a notebook (it has a ties.yaml); nothing was changed\n  \
         help: pass --force to rewrite its ties.yaml, README.md, .gitignore and git hook",
        dir.display()
    )]
    AlreadyNotebook { dir: PathBuf },

    #[error(
        "the id `{id}` is taken by {existing}\n  help: choose another id with --id, e.g. --id {suggestion}"
    )]
    IdTaken {
        id: String,
        existing: String,
        suggestion: String,
    },

    #[error(
        "cannot make an id from `{name}`: it has no letter or digit\n  help: give one with --id, e.g. --id jane-doe"
    )]
    NoId { name: String },

    #[error(
        "`{id}` is not an id: write it in lowercase letters and digits joined by single hyphens, e.g. jane-doe"
    )]
    BadId { id: String },

    #[error(
        "`{id}` is not a file title: leave out / \\ : * ? \" < > | # ^ [ ], leading dots and double spaces, e.g. Jane Doe"
    )]
    BadTitle { id: String },

    #[error("unknown {kind} `{id}`{hint}\n  help: {help}")]
    UnknownRecord {
        kind: &'static str,
        id: String,
        hint: String,
        help: String,
    },

    #[error(
        "{kind} `{name}` has no note yet, only mentions in other notes: nothing to write in\n  help: `ties new {kind} \"{name}\"` writes {path}; then run this again"
    )]
    NoNoteYet {
        kind: &'static str,
        name: String,
        path: String,
    },

    #[error("created {}, but could not open it in an editor: {reason}\n  help: set $VISUAL or $EDITOR, e.g. export EDITOR=nano", path.display())]
    Editor { path: PathBuf, reason: String },

    #[error("{} is not {encoding} text\n  help: leave out --encoding to have the encoding guessed, or save it from your spreadsheet as \"CSV UTF-8\"", path.display())]
    NotInEncoding {
        path: PathBuf,
        encoding: &'static str,
    },

    #[error(
        "--encoding {label}: no such encoding\n  help: use a name such as utf-8, windows-1252, latin1, utf-16le, iso-8859-15, macintosh or shift_jis"
    )]
    UnknownEncoding { label: String },

    #[error("cannot read {} as CSV: {source}", path.display())]
    Csv { path: PathBuf, source: csv::Error },

    #[error(
        "{} has no column for the name (looked for Name, Full name, or First name and Last name; \
         found: {columns})\n  help: say which column holds it, e.g. --map \"Contact=name\"",
        path.display()
    )]
    NoNameColumn { path: PathBuf, columns: String },

    #[error(
        "{} is an export of {kind}: `ties import csv` creates contacts (and their companies) \
         from a spreadsheet of people, so it imports nothing from it\n  help: {kind} are created \
         with `ties new`; an export of contacts imports back",
        path.display()
    )]
    ForeignExport { path: PathBuf, kind: &'static str },

    #[error("{} is {what}\n  help: {help}", path.display())]
    WrongFormat {
        path: PathBuf,
        what: &'static str,
        help: String,
    },

    #[error("--map \"{spec}\": {reason}")]
    BadMap { spec: String, reason: String },

    #[error(
        "{} is not a LinkedIn connections export: no line starts with `First Name,Last Name,URL`\n  \
         help: download it from LinkedIn (Settings, Data privacy, Get a copy of your data, \
         Connections); for another spreadsheet use `ties import csv`",
        path.display()
    )]
    NotLinkedin { path: PathBuf },

    #[error("unknown rule code `{code}`{hint}\n  known codes: {known}")]
    UnknownCode {
        code: String,
        hint: String,
        known: String,
    },

    #[error("the notebook at {} is gone (deleted or renamed); stopping", dir.display())]
    NotebookGone { dir: PathBuf },

    #[error(
        "the system's limit on watched folders is reached, so `ties watch` cannot see every change\n  \
         help: raise it, e.g. `sudo sysctl fs.inotify.max_user_watches=524288` (make it permanent in \
         /etc/sysctl.d/), or use `ties watch --poll`"
    )]
    WatchLimit,

    #[error("cannot watch {}: {source}", dir.display())]
    Watch { dir: PathBuf, source: notify::Error },

    #[error(
        "cannot listen on {addr}: {reason}\n  help: another program (or another `ties serve`) may have the port: try `ties serve --port {next}`, or --port 0 for any free one"
    )]
    Listen {
        addr: std::net::SocketAddr,
        next: u16,
        reason: String,
    },

    #[error("{source}")]
    Period {
        #[from]
        source: crate::period::PeriodError,
    },

    #[error(
        "cannot sort {kind} by `{key}`{hint}\n  help: sort by one of their columns: {known} (prefix - for descending)"
    )]
    UnknownSortKey {
        key: String,
        kind: &'static str,
        hint: String,
        known: String,
    },

    #[error("{filter} does not apply to {kind}\n  help: it filters {applies_to}")]
    FilterNotApplicable {
        filter: &'static str,
        kind: &'static str,
        applies_to: &'static str,
    },

    #[error(
        "{who} has had {sent} follow-ups without an answer (rules.max_follow_ups: {max}): the advice is to move on\n  \
         help: close the loop with `ties close {id}` and spend the energy on someone new; reconnecting in a few months is fine"
    )]
    TooManyFollowUps {
        who: String,
        id: String,
        sent: usize,
        max: u32,
    },

    #[error(
        "nothing to follow up: you have not reached out to {who} yet\n  help: draft the first message with `ties draft outreach {id}`"
    )]
    NoOutreachYet { who: String, id: String },

    #[error(
        "the {what} with {with} on {when} ({path}) has not happened yet: a thank-you comes after it\n  \
         help: draft it once the chat is over: `ties draft thank-you {chat}`"
    )]
    ChatNotHappened {
        what: &'static str,
        with: String,
        when: String,
        path: String,
        chat: String,
    },

    #[error(
        "the {what} with {with} on {when} ({path}) was cancelled: there is nothing to thank them for yet\n  \
         help: a note to reschedule is a follow-up: `ties draft follow-up CONTACT`"
    )]
    ChatCancelled {
        what: &'static str,
        with: String,
        when: String,
        path: String,
    },

    #[error(
        "no chat with {who} to thank them for\n  help: record the chat with `ties new chat {id}`, then draft the thank-you"
    )]
    NoChatToThank { who: String, id: String },

    #[error(
        "{path} names no contact in `with`: there is no one to write to\n  help: add the contact's id to its `with`"
    )]
    ChatWithoutContact { path: String },

    #[error(
        "cannot draft from {path}: its front matter cannot be read\n  help: fix what `ties check` reports in it"
    )]
    UnreadableRecord { path: String },

    #[error("unknown template `{name}`{hint}\n  help: the templates are: {names}")]
    UnknownTemplate {
        name: String,
        hint: String,
        names: String,
    },

    #[error(
        "template `{name}` ({path}) has errors, and a draft from it would show them\n  help: fix what `ties check` reports in it"
    )]
    BrokenTemplate { name: String, path: String },

    #[error(
        "template `{name}` ({path}) drafts {kind} messages, not {asked}\n  help: name a template whose kind is {asked}, or set `kind: {asked}` in this one"
    )]
    WrongTemplateKind {
        name: String,
        path: String,
        kind: &'static str,
        asked: &'static str,
    },
}

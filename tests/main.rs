//! Integration tests of the `ties` binary (and a few of the library), in one test target.
//!
//! - `check`: every rule code with a minimal notebook; output formats, colour, discovery,
//!   ignored files.
//! - `bad_input`: hostile and broken files: each becomes a diagnostic, never a crash or hang.
//! - `bounds`: what one file can cost: links kept per target and counted, a body past the
//!   size limit skipped with a warning (T007).
//! - `explain`: `ties explain`, `--version`, `help`.
//! - `example`: the shipped `example-notebook/` is clean, and a broken copy reports exactly
//!   what was broken.
//! - `init_new`: `ties init` (and its git pre-commit hook), `ties new`, completions, man.
//! - `import`: `ties import csv|linkedin` on the fixtures `tests/fixtures/import-*`, and
//!   `ties export csv`.
//! - `vault`: Obsidian vaults where they are (`folders`, `ids: title`, `keys`, `owner`),
//!   on the fixtures `tests/fixtures/vault-*`, and each vault convention on its own.
//! - `migrate`: vaults as people keep them (issue 23): each class of what real vaults hold,
//!   at its boundary, and the fixture vaults of each class.
//! - `import_calendar`: `ties import ics`, a calendar's meetings as chats, moved and cancelled.
//! - `import_persona`: the persona's week rebuilt from a calendar and LinkedIn messages
//!   (`tests/fixtures/persona-history`) prints the agenda the hand-recorded week prints.
//! - `import_address_books`: Outlook's contacts CSV and LinkedIn's `Contacts.csv`.
//! - `import_formats`: `ties import vcard`, Google Contacts, LinkedIn's older exports, a US
//!   tracker, and the export → import round trip, field by field.
//! - `drafts`: message templates (`templates/`, T501–T503), `ties draft` on the example
//!   notebook, channel limits, `ties log --template` and `ties report templates`.
//! - `report`, `list_show`: `ties report`, `ties list` and `ties show` on the fixture
//!   `tests/fixtures/report-basic`, whose figures are worked out by hand in `report`.
//! - `clears`: issue 22, every agenda item cleared by its hint, each defect at its boundary,
//!   `ties next`.
//! - `persona`: the persona notebook `tests/fixtures/persona` (a bootcamp graduate's job
//!   hunt), its week replayed day by day.
//! - `cache`: the persistent index `.ties-cache/`: warm output equals cold, a broken index
//!   is rebuilt, `--no-cache`, `ties cache clear`.
//! - `writes`: the write path: refusals in words, mode under any umask, the lock, anchors,
//!   added diagnostics, names that are one file on macOS or Windows, device names.

mod agenda;
mod architecture;
mod bad_input;
mod bounds;
mod cache;
mod check;
mod clears;
mod drafts;
mod example;
mod explain;
mod hostile;
mod html;
mod import;
mod import_address_books;
mod import_calendar;
mod import_encodings;
mod import_formats;
mod import_linkedin_export;
mod import_persona;
mod import_rows;
mod init_new;
mod list_show;
mod log;
mod lsp;
mod man;
mod migrate;
mod persona;
mod report;
mod report_fixture;
mod serve;
mod support;
mod vault;
mod watch;
mod writes;

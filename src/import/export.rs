//! LinkedIn's data export as one plan: the files of its folder or zip told apart by their
//! headers, the people first (`Connections.csv`, with their job changes), then the history
//! that names them (`Invitations.csv`, `messages.csv`), all checked with the notebook
//! together before anything is written. The owner of the export (whose messages are
//! "sent") is `owner:` of `ties.yaml`, else the name in `Profile.csv`, else the one person
//! in every conversation; the plan says which.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use super::Options;
use super::contacts;
use super::decode;
use super::history::Scope;
use super::invitations;
use super::linkedin::{self, ExportFile};
use super::messages::{self, Owner};
use super::people::Directory;
use super::plan::{Level, Log, Plan, Source, Writable};
use super::table;
use super::verify;
use crate::error::Error;
use crate::index::Index;

/// A file of the export, read.
struct Found {
    /// As shown in messages: `export.zip/messages.csv`, or the file given.
    shown: String,
    file: ExportFile,
    text: String,
    note: Option<String>,
}

/// Plans the files of the export at `path` (`files`: each by its name in the folder or zip).
pub(super) fn plan(
    path: &Path,
    files: Vec<(String, Vec<u8>)>,
    options: &Options,
    index: &Index,
    writable: Writable<'_>,
) -> Result<Plan, Error> {
    // One file given on its own (`ties import linkedin messages.csv`) is shown as given.
    let given = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let one = files.len() == 1 && given.as_deref() == files.first().map(|(n, _)| n.as_str());
    let (found, others) = read(path, files, one, options)?;
    let first = |file: ExportFile| found.iter().find(|f| f.file == file);
    if [
        ExportFile::Connections,
        ExportFile::Messages,
        ExportFile::Invitations,
    ]
    .iter()
    .all(|f| first(*f).is_none())
    {
        return Err(Error::NotLinkedin {
            path: path.to_owned(),
        });
    }
    let mut plan = match first(ExportFile::Connections) {
        Some(c) => {
            let mut plan = contacts::plan(
                Path::new(&c.shown),
                &c.text,
                c.note.clone().into_iter().collect(),
                Source::Linkedin,
                &[],
                index,
                writable,
            )?;
            for m in &mut plan.messages {
                m.file = Some(c.shown.clone());
            }
            plan
        }
        None => Plan::default(),
    };
    let mut directory = Directory::new(index, &plan.people);
    let mut invitations = Vec::new();
    let mut logs: Vec<(String, Log)> = Vec::new();
    let log_of = |f: &Found| {
        let mut log = Log::default();
        if let Some(note) = &f.note {
            log.note(0, note.clone());
        }
        log
    };
    if let Some(f) = first(ExportFile::Invitations) {
        let mut log = log_of(f);
        invitations = invitations::read(Path::new(&f.shown), &f.text, &mut log)?;
        logs.push((f.shown.clone(), log));
    }
    // Every file of messages (an export has one; a folder of several exports, more).
    let mut msgs: Vec<messages::Messages> = Vec::new();
    for f in found.iter().filter(|f| f.file == ExportFile::Messages) {
        let mut log = log_of(f);
        msgs.push(messages::read(Path::new(&f.shown), &f.text, &mut log)?);
        logs.push((f.shown.clone(), log));
    }
    let all: Vec<messages::Msg> = msgs.iter().flat_map(|m| m.all.iter().cloned()).collect();
    let owner = owner(index, first(ExportFile::Profile), &invitations, &all, path)?;
    let mut summary = Log::default();
    if let Some(owner) = &owner {
        summary.note(0, format!("your messages are those of {}", owner.how));
    }
    let create = options.create_contacts;
    let mut msgs = msgs.into_iter();
    for (shown, log) in &mut logs {
        let invited = first(ExportFile::Invitations).is_some_and(|f| f.shown == *shown);
        let mut scope = Scope::new(index, &mut directory, create, shown, &mut plan, log);
        if invited {
            invitations::plan(&invitations, &mut scope);
        } else if let (Some(owner), Some(file)) = (&owner, msgs.next()) {
            messages::plan(&file, owner, &mut scope);
        }
    }
    check(index, writable, &mut plan, &mut logs);
    if !one {
        summary.note(0, read_note(&found, others));
    }
    if let Some(book) = first(ExportFile::AddressBook) {
        summary.note(
            0,
            format!(
                "{} is your uploaded address book, imported on its own: `ties import linkedin {}`",
                file_name(&book.shown),
                book.shown
            ),
        );
    }
    gather(&mut plan, summary, logs);
    Ok(plan)
}

/// The plan's messages: what is said of the export as a whole, then of each file.
pub(super) fn gather(plan: &mut Plan, summary: Log, logs: Vec<(String, Log)>) {
    let (mut messages, _) = summary.finish();
    messages.append(&mut plan.messages);
    for (shown, log) in logs {
        let (mut said, _) = log.finish();
        for m in &mut said {
            m.file = Some(shown.clone());
        }
        messages.append(&mut said);
    }
    plan.bad = messages.iter().filter(|m| m.level == Level::Bad).count();
    plan.messages = messages;
}

/// The files of the export, decoded and told apart; the names of the files it does not read.
fn read(
    path: &Path,
    files: Vec<(String, Vec<u8>)>,
    one: bool,
    options: &Options,
) -> Result<(Vec<Found>, Vec<String>), Error> {
    let mut found: Vec<Found> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    for (name, bytes) in files {
        let shown = if one {
            path.display().to_string()
        } else {
            format!("{}/{name}", path.display())
        };
        let (text, note) = decode::decode(Path::new(&shown), &bytes, options.encoding.as_deref())?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
        match linkedin::file_of(&text) {
            Some(file) => found.push(Found {
                shown,
                file,
                text,
                note,
            }),
            None => others.push(name),
        }
    }
    Ok((found, others))
}

/// The note that says which files of the export were read, and which were not.
fn read_note(found: &[Found], mut others: Vec<String>) -> String {
    let read: Vec<String> = found
        .iter()
        .map(|f| format!("{} ({})", file_name(&f.shown), f.file.what()))
        .collect();
    let mut note = format!("read {}", read.join(", "));
    if !others.is_empty() {
        others.sort();
        let _ = write!(note, "; not imported: {}", others.join(", "));
    }
    note
}

/// The last part of a shown name: `messages.csv`.
fn file_name(shown: &str) -> &str {
    shown.rsplit('/').next().unwrap_or(shown)
}

/// Who the export's owner is, when its messages need one.
fn owner(
    index: &Index,
    profile: Option<&Found>,
    invitations: &[invitations::Invitation],
    msgs: &[messages::Msg],
    path: &Path,
) -> Result<Option<Owner>, Error> {
    if msgs.is_empty() {
        return Ok(None);
    }
    let own_profile = invitations
        .iter()
        .find(|i| i.outgoing)
        .and_then(|i| i.own_profile.clone());
    let from_profile = profile.and_then(|p| {
        let (headers, rows) = table::csv(Path::new(&p.shown), &p.text, 0).ok()?;
        let cells = &rows.first()?.1;
        let cell = |name: &str| {
            headers
                .iter()
                .position(|h| super::columns::normalise(h) == name)
                .and_then(|i| cells.get(i))
                .map_or("", String::as_str)
        };
        let name = format!("{} {}", cell("firstname"), cell("lastname"));
        Some(name.trim().to_owned()).filter(|n| !n.is_empty())
    });
    let (name, how) = if let Some(name) = index.settings.conventions.owner.clone() {
        let how = format!("{name} (`owner:` in ties.yaml)");
        (name, how)
    } else if let Some(name) = from_profile {
        let how = format!("{name} (the name in Profile.csv)");
        (name, how)
    } else if let Some(name) = messages::owner_of(msgs) {
        let how = format!(
            "{name}, the one person in every conversation; write `owner: {name}` in ties.yaml to be sure"
        );
        (name, how)
    } else {
        return Err(Error::NoOwner {
            path: path.to_owned(),
        });
    };
    let mut owner = Owner {
        name,
        profile: own_profile,
        how,
    };
    owner.learn(msgs);
    Ok(Some(owner))
}

/// Checks every file and edit of the history with the notebook and the rest of the plan;
/// what would not pass is reported at its row and left out, with what it counted.
pub(super) fn check(
    index: &Index,
    writable: Writable<'_>,
    plan: &mut Plan,
    logs: &mut [(String, Log)],
) {
    if plan.origins.is_empty() {
        return;
    }
    loop {
        let mut owners: HashMap<String, Vec<u64>> = HashMap::new();
        for (i, origin) in plan.origins.iter().enumerate() {
            owners
                .entry(origin.path.clone())
                .or_default()
                .push(i as u64);
        }
        let problems = verify::check(index, writable, &plan.files, &plan.edits, &owners);
        if problems.is_empty() {
            return;
        }
        let bad: HashSet<usize> = problems.iter().map(|(i, _)| *i as usize).collect();
        let dropped: HashSet<String> = bad.iter().map(|&i| plan.origins[i].path.clone()).collect();
        for (i, why) in problems {
            let origin = &plan.origins[i as usize];
            if let Some((_, log)) = logs.iter_mut().find(|(shown, _)| *shown == origin.file) {
                log.bad(origin.line, why);
            }
            let chats = index.settings.conventions.folder(crate::model::Kind::Chat);
            if origin.path.starts_with(&format!("{chats}/"))
                && plan.files.iter().any(|f| f.path == origin.path)
            {
                plan.chats = plan.chats.saturating_sub(1);
            }
            for history in &mut plan.history {
                if origin.file.ends_with(history_file(history.what)) {
                    history.new = history.new.saturating_sub(origin.items);
                }
            }
        }
        plan.files.retain(|f| !dropped.contains(&f.path));
        plan.edits.retain(|e| !dropped.contains(&e.path));
        plan.origins.retain(|o| !dropped.contains(&o.path));
    }
}

/// The file a history comes from, by what it holds.
fn history_file(what: &str) -> &'static str {
    match what {
        "invitations" => "Invitations.csv",
        // A calendar is one file.
        "meetings" => "",
        _ => "messages.csv",
    }
}

//! LinkedIn's `messages.csv` as chats: one `kind: message` chat per conversation, day and
//! direction (what you wrote that day, and what they wrote), with the text in the body and
//! `uid: linkedin:CONVERSATION:DAY:DIRECTION`, so a newer export adds only the messages the
//! notebook does not have yet (to the chat of their day when it exists).
//!
//! The file has had three shapes: until early 2023 nine columns (`CONVERSATION ID`,
//! `CONVERSATION TITLE`, `FROM`, `SENDER PROFILE URL`, `TO`, `DATE`, `SUBJECT`, `CONTENT`,
//! `FOLDER`), then `RECIPIENT PROFILE URLS` after `TO`, then attachments and drafts; since
//! 2026 every cell is quoted and a message may span lines. Columns are found by name, so
//! all read the same. `DATE` is UTC (`2026-11-24 10:02:33 UTC`); chats are dated in the
//! machine's time zone. Your own messages are in `INBOX` too: a message is yours when its
//! sender is the owner (by profile, else by name).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone as _};

use super::columns::normalise;
use super::edits;
use super::files::printable;
use super::history::{Scope, chats_by_uid};
use super::people::{Person, profile_key};
use super::plan::{History, Log};
use super::table;
use crate::document::Document;
use crate::error::Error;

/// What a sponsored `InMail`'s content starts with.
const SPONSORED: &str = "<p class=\"spinmail-quill-editor__spin-break\">";

/// One message, as the file has it.
#[derive(Clone, Debug)]
pub(super) struct Msg {
    pub(super) line: u64,
    conversation: String,
    pub(super) from: String,
    /// The sender's profile; empty for "LinkedIn Member" and sponsored mail.
    pub(super) sender: Option<String>,
    /// The recipients: a profile (when the file says) and a name (when it can be told).
    pub(super) to: Vec<(Option<String>, Option<String>)>,
    /// UTC, as the file writes it.
    at: NaiveDateTime,
    content: String,
}

/// The messages of the file, and what was left out.
#[derive(Debug, Default)]
pub(super) struct Messages {
    pub(super) all: Vec<Msg>,
    drafts: usize,
    sponsored: usize,
    spam: usize,
}

/// Reads `text`, the messages file at `path`; a row whose date cannot be read is a bad row.
pub(super) fn read(path: &Path, text: &str, log: &mut Log) -> Result<Messages, Error> {
    let (headers, rows) = table::csv_raw(path, text)?;
    let column = |name: &str| headers.iter().position(|h| normalise(h) == name);
    let [
        conversation,
        from,
        sender,
        to,
        to_urls,
        date,
        content,
        folder,
        draft,
    ] = [
        "conversationid",
        "from",
        "senderprofileurl",
        "to",
        "recipientprofileurls",
        "date",
        "content",
        "folder",
        "ismessagedraft",
    ]
    .map(column);
    let mut out = Messages::default();
    for (line, cells) in rows {
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map_or("", |c| c.trim_matches([' ', '\t']))
        };
        let yes = |text: &str| matches!(text.to_lowercase().as_str(), "yes" | "true" | "1");
        if yes(cell(draft)) {
            out.drafts += 1;
            continue;
        }
        if cell(folder).eq_ignore_ascii_case("spam") {
            out.spam += 1;
            continue;
        }
        let body = cell(content);
        if cell(sender).is_empty() && body.trim_start().starts_with(SPONSORED) {
            out.sponsored += 1;
            continue;
        }
        let Some(at) = utc(cell(date)) else {
            log.bad(
                line,
                format!(
                    "`{}` in DATE is not a date and time (YYYY-MM-DD HH:MM:SS UTC)",
                    cell(date)
                ),
            );
            continue;
        };
        let to = recipients(cell(to), cell(to_urls));
        out.all.push(Msg {
            line,
            conversation: cell(conversation).to_owned(),
            from: cell(from).to_owned(),
            sender: Some(cell(sender).to_owned()).filter(|s| !s.is_empty()),
            to,
            at,
            content: body.replace("\r\n", "\n"),
        });
    }
    let skipped = [
        (out.drafts, "draft(s)"),
        (out.sponsored, "sponsored InMail(s)"),
        (out.spam, "message(s) in SPAM"),
    ];
    let said: Vec<String> = skipped
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if !said.is_empty() {
        log.note(0, format!("left out: {}", said.join(", ")));
    }
    Ok(out)
}

/// The recipients of a message: `TO` joins their names with `, ` and `RECIPIENT PROFILE
/// URLS` (since 2023) their profiles with commas. Names may hold `, ` themselves, so they
/// are told apart only where they are as many as the profiles (or the one name of a
/// one-to-one chat).
fn recipients(names: &str, urls: &str) -> Vec<(Option<String>, Option<String>)> {
    let urls: Vec<String> = urls
        .split([',', ' '])
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_owned)
        .collect();
    if urls.len() <= 1 {
        return vec![(
            urls.first().cloned(),
            Some(names.to_owned()).filter(|n| !n.is_empty()),
        )];
    }
    let split: Vec<&str> = names.split(", ").collect();
    if split.len() == urls.len() {
        urls.into_iter()
            .zip(split)
            .map(|(u, n)| (Some(u), Some(n.to_owned())))
            .collect()
    } else {
        urls.into_iter().map(|u| (Some(u), None)).collect()
    }
}

/// `2026-11-24 10:02:33 UTC` (or without seconds, or with a `T`).
fn utc(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim().trim_end_matches("UTC").trim();
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
}

/// Who the notebook's owner is in an export, and how that was found (for the plan's note).
#[derive(Clone, Debug)]
pub(super) struct Owner {
    pub(super) name: String,
    /// Their profile, when the export says it (an outgoing invitation, their own messages).
    pub(super) profile: Option<String>,
    pub(super) how: String,
}

impl Owner {
    fn is(&self, profile: Option<&str>, name: &str) -> bool {
        match (&self.profile, profile) {
            (Some(mine), Some(theirs)) => profile_key(mine) == profile_key(theirs),
            _ => name.trim().eq_ignore_ascii_case(self.name.trim()),
        }
    }

    /// Their profile, from the messages they sent, if not known yet.
    pub(super) fn learn(&mut self, messages: &[Msg]) {
        if self.profile.is_none() {
            self.profile = messages
                .iter()
                .find(|m| m.from.trim().eq_ignore_ascii_case(self.name.trim()))
                .and_then(|m| m.sender.clone());
        }
    }
}

/// The one name found in every conversation (as a sender or a recipient): the owner of the
/// export, when nothing else says who they are.
pub(super) fn owner_of(messages: &[Msg]) -> Option<String> {
    let mut seen: BTreeMap<String, (String, BTreeSet<&str>)> = BTreeMap::new();
    let mut conversations = BTreeSet::new();
    for m in messages {
        conversations.insert(m.conversation.as_str());
        let names =
            std::iter::once(m.from.as_str()).chain(m.to.iter().filter_map(|(_, n)| n.as_deref()));
        for name in names.filter(|n| !n.trim().is_empty()) {
            seen.entry(name.trim().to_lowercase())
                .or_insert_with(|| (name.trim().to_owned(), BTreeSet::new()))
                .1
                .insert(m.conversation.as_str());
        }
    }
    let everywhere: Vec<&String> = seen
        .values()
        .filter(|(_, in_)| in_.len() == conversations.len())
        .map(|(name, _)| name)
        .collect();
    // With one conversation, both people are in every conversation: no answer.
    match everywhere.as_slice() {
        [one] if conversations.len() > 1 => Some((*one).clone()),
        _ => None,
    }
}

/// A conversation's people other than the owner: (profile, name).
type People<'m> = Vec<(Option<&'m str>, Option<&'m str>)>;

/// The messages of one conversation, day and direction, with their local times.
type Day<'m> = Vec<(&'m Msg, NaiveDateTime)>;

/// The chats of the messages: new files for the notebook, messages added to chats it has,
/// and the people no file was found (or made) for.
pub(super) fn plan(messages: &Messages, owner: &Owner, scope: &mut Scope<'_>) {
    let existing = chats_by_uid(scope.index);
    let mut people: BTreeMap<&str, People<'_>> = BTreeMap::new();
    for m in &messages.all {
        let all = people.entry(m.conversation.as_str()).or_default();
        let them = std::iter::once((m.sender.as_deref(), Some(m.from.as_str())))
            .chain(m.to.iter().map(|(p, n)| (p.as_deref(), n.as_deref())));
        for (profile, name) in them {
            if owner.is(profile, name.unwrap_or_default()) {
                continue;
            }
            let known = all.iter().any(|(p, n)| {
                profile.is_some() && *p == profile || profile.is_none() && *n == name
            });
            if !known && (profile.is_some() || name.is_some_and(|n| !n.trim().is_empty())) {
                all.push((profile, name));
            }
        }
    }
    let mut days: BTreeMap<(&str, NaiveDate, bool), Day<'_>> = BTreeMap::new();
    for m in &messages.all {
        let local = Local.from_utc_datetime(&m.at).naive_local();
        let sent = owner.is(m.sender.as_deref(), &m.from);
        days.entry((m.conversation.as_str(), local.date(), sent))
            .or_default()
            .push((m, local));
    }
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    // Names several contacts have, with no profile to say which.
    let mut shared: BTreeMap<String, usize> = BTreeMap::new();
    let mut count = History {
        what: "messages",
        new: 0,
        present: 0,
    };
    for ((conversation, day, sent), mut msgs) in days {
        msgs.sort_by_key(|(m, at)| (*at, m.line));
        let line = msgs[0].0.line;
        let mut with: Vec<Person> = Vec::new();
        for (profile, name) in people.get(conversation).into_iter().flatten() {
            match scope.person(*profile, *name, line) {
                Some(p) if !with.iter().any(|w| w.id == p.id) => with.push(p),
                Some(_) => {}
                None => {
                    let shown = name.map_or_else(
                        || profile.unwrap_or_default().to_owned(),
                        |n| n.trim().to_owned(),
                    );
                    let list = if scope.is_shared(*name) {
                        &mut shared
                    } else {
                        &mut unknown
                    };
                    *list.entry(shown).or_default() += msgs.len();
                }
            }
        }
        if with.is_empty() {
            continue;
        }
        let direction = if sent { "sent" } else { "received" };
        let uid = format!("linkedin:{conversation}:{day}:{direction}");
        if let Some(doc) = existing.get(uid.as_str()) {
            add_to_chat(doc, &msgs, day, scope, &mut count);
            continue;
        }
        let (path, mut d) = scope.chat(&with, day);
        d.word("date", &msgs[0].1.format("%Y-%m-%d %H:%M").to_string())
            .word("kind", "message")
            .word("direction", direction)
            .word("medium", "linkedin")
            .text("uid", &uid);
        let body: Vec<String> = msgs.iter().map(|(m, at)| message(m, *at)).collect();
        d.body(&printable(&body.join("\n")));
        count.new += msgs.len();
        scope.add(path, d.render(), line, msgs.len());
    }
    note_unnamed(scope, &unknown, &shared);
    scope.plan.history.push(count);
}

/// The notes on the messages with no one to put them with: people with no file, and names
/// several contacts have (`shared`), each with how many messages.
fn note_unnamed(
    scope: &mut Scope<'_>,
    unknown: &BTreeMap<String, usize>,
    shared: &BTreeMap<String, usize>,
) {
    let listed = |people: &BTreeMap<String, usize>| {
        let listed: Vec<String> = people
            .iter()
            .map(|(name, n)| format!("{name} ({n} message{})", if *n == 1 { "" } else { "s" }))
            .collect();
        listed.join(", ")
    };
    if !unknown.is_empty() {
        scope.log.note(
            0,
            format!(
                "messages with people who have no file are not imported (--create-contacts \
                 creates them): {}",
                listed(unknown)
            ),
        );
    }
    if !shared.is_empty() {
        scope.log.note(
            0,
            format!(
                "messages with a name several contacts have, and no profile to say which, are \
                 not imported: {}",
                listed(shared)
            ),
        );
    }
}

/// The messages of a day the chat `doc` does not hold yet, added at its end (a newer export
/// of a day already imported); the others counted as present.
fn add_to_chat(
    doc: &Document,
    msgs: &[(&Msg, NaiveDateTime)],
    day: NaiveDate,
    scope: &mut Scope<'_>,
    count: &mut History,
) {
    let text = doc.text().unwrap_or_default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut added = Vec::new();
    for (m, at) in msgs {
        let said = heading(m, *at);
        let times = seen.entry(said.clone()).or_default();
        *times += 1;
        if text.matches(said.as_str()).count() >= *times {
            count.present += 1;
        } else {
            added.push(message(m, *at));
        }
    }
    if added.is_empty() {
        return;
    }
    let (n, line) = (added.len(), msgs[0].0.line);
    let what = format!("{n} new message(s) of {day}");
    let result = edits::change(scope.plan, scope.index, &doc.path, &what, |text| {
        Ok(edits::append_line(
            text,
            format!("\n{}", printable(&added.join("\n"))).trim_end(),
        ))
    });
    match result {
        Ok(()) => {
            count.new += n;
            scope.changed(&doc.path, line, n);
        }
        Err(why) => scope.log.bad(
            line,
            format!("its chat {} cannot be edited: {why}", doc.path),
        ),
    }
}

/// A message's heading in the body: who wrote it and when (local time).
fn heading(m: &Msg, at: NaiveDateTime) -> String {
    format!("**{}, {}**", m.from.trim(), at.format("%H:%M"))
}

/// A message as the body holds it: its heading, a blank line, its text.
fn message(m: &Msg, at: NaiveDateTime) -> String {
    let mut out = heading(m, at);
    let _ = write!(out, "\n\n{}\n", m.content.trim());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(conversation: &str, from: &str, to: &str) -> Msg {
        Msg {
            line: 2,
            conversation: conversation.to_owned(),
            from: from.to_owned(),
            sender: None,
            to: vec![(None, Some(to.to_owned()))],
            at: NaiveDateTime::default(),
            content: String::new(),
        }
    }

    #[test]
    fn the_owner_is_the_one_person_in_every_conversation() {
        let two = [msg("a", "Sam", "Ana"), msg("b", "Ben", "Sam")];
        assert_eq!(owner_of(&two).as_deref(), Some("Sam"));
        // One conversation: both are in every one.
        assert_eq!(owner_of(&two[..1]), None);
        assert_eq!(owner_of(&[]), None);
    }

    #[test]
    fn dates_are_utc_with_or_without_seconds() {
        let d = |s| utc(s).map(|d| d.to_string());
        assert_eq!(
            d("2026-11-24 10:02:33 UTC").as_deref(),
            Some("2026-11-24 10:02:33")
        );
        assert_eq!(
            d("2026-11-24 10:02").as_deref(),
            Some("2026-11-24 10:02:00")
        );
        assert_eq!(d("24 Nov 2026"), None);
    }
}

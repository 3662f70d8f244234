//! LinkedIn's `Invitations.csv` (`From,To,Sent At,Message,Direction,inviterProfileUrl,
//! inviteeProfileUrl`; the profile columns since late 2023): an invitation you sent is your
//! first outreach to them (`reached_out`, with its note kept in their body); one you
//! received is a message from them (a received chat, `uid: linkedin-invitation:DAY:THEM`).
//! `Sent At` is `1/29/26, 2:37 PM`, month first, without a time zone. An invitation already
//! in the notebook (the outreach date written, the chat there) adds nothing.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;

use super::cells::{Order, one_line, parse_loose_date};
use super::columns::normalise;
use super::edits;
use super::files::printable;
use super::history::{Scope, chats_by_uid};
use super::people::{Directory, Person, profile_key};
use super::plan::{History, Log};
use super::table;
use crate::error::Error;
use crate::model::Record;

/// One invitation, as the file has it.
#[derive(Clone, Debug)]
pub(super) struct Invitation {
    line: u64,
    pub(super) outgoing: bool,
    /// The other person: their name and profile.
    name: String,
    profile: Option<String>,
    /// Yours, when the file says it (the inviter of an outgoing invitation).
    pub(super) own_profile: Option<String>,
    day: NaiveDate,
    note: String,
}

/// The invitations of `text`, the file at `path`; a row whose date cannot be read is bad.
pub(super) fn read(path: &Path, text: &str, log: &mut Log) -> Result<Vec<Invitation>, Error> {
    let (headers, rows) = table::csv_raw(path, text)?;
    let column = |name: &str| headers.iter().position(|h| normalise(h) == name);
    let [from, to, sent, message, direction, by_url, to_url] = [
        "from",
        "to",
        "sentat",
        "message",
        "direction",
        "inviterprofileurl",
        "inviteeprofileurl",
    ]
    .map(column);
    let mut out = Vec::new();
    for (line, cells) in rows {
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map_or("", |c| c.trim());
        let outgoing = cell(direction).eq_ignore_ascii_case("outgoing");
        let Ok(day) = parse_loose_date(cell(sent), Some(Order::MonthFirst), true) else {
            log.bad(line, format!("`{}` in Sent At is not a date", cell(sent)));
            continue;
        };
        let (theirs, mine) = if outgoing {
            ((to, to_url), by_url)
        } else {
            ((from, by_url), to_url)
        };
        let url = |i| Some(cell(i).to_owned()).filter(|u| !u.is_empty());
        out.push(Invitation {
            line,
            outgoing,
            name: cell(theirs.0).to_owned(),
            profile: url(theirs.1),
            own_profile: url(mine),
            day,
            note: cell(message).replace("\r\n", "\n"),
        });
    }
    Ok(out)
}

/// Plans the invitations: outreach dates on contacts (of the notebook, or planned), and the
/// chats of invitations received.
pub(super) fn plan(invitations: &[Invitation], scope: &mut Scope<'_>) {
    let chats = chats_by_uid(scope.index);
    let mut count = History {
        what: "invitations",
        new: 0,
        present: 0,
    };
    let mut unknown: Vec<String> = Vec::new();
    let mut shared: Vec<String> = Vec::new();
    let mut received: HashSet<String> = HashSet::new();
    for inv in invitations {
        let Some(person) = scope.person(inv.profile.as_deref(), Some(&inv.name), inv.line) else {
            if scope.is_shared(Some(&inv.name)) {
                shared.push(inv.name.clone());
            } else {
                unknown.push(inv.name.clone());
            }
            continue;
        };
        let outcome = if inv.outgoing {
            outreach(inv, &person, scope)
        } else {
            let key = inv
                .profile
                .as_deref()
                .map_or_else(|| person.id.clone(), profile_key);
            let uid = format!("linkedin-invitation:{}:{key}", inv.day);
            if chats.contains_key(uid.as_str()) || !received.insert(uid.clone()) {
                Ok(false)
            } else {
                invited(inv, &person, &uid, scope);
                Ok(true)
            }
        };
        match outcome {
            Ok(true) => count.new += 1,
            Ok(false) => count.present += 1,
            Err(why) => scope.log.bad(inv.line, why),
        }
    }
    if !unknown.is_empty() {
        scope.log.note(
            0,
            format!(
                "{} invitation(s) name people who have no file, so they are not imported \
                 (--create-contacts creates them): {}",
                unknown.len(),
                unknown.join(", ")
            ),
        );
    }
    if !shared.is_empty() {
        scope.log.note(
            0,
            format!(
                "{} invitation(s) name a name several contacts have, and no profile to say \
                 which, so they are not imported: {}",
                shared.len(),
                shared.join(", ")
            ),
        );
    }
    scope.plan.history.push(count);
}

/// An invitation they sent you: a message from them.
fn invited(inv: &Invitation, person: &Person, uid: &str, scope: &mut Scope<'_>) {
    let (path, mut d) = scope.chat(std::slice::from_ref(person), inv.day);
    d.word("date", &inv.day.to_string())
        .word("kind", "message")
        .word("direction", "received")
        .word("medium", "linkedin")
        .text("uid", uid);
    let note = if inv.note.trim().is_empty() {
        format!("{} invited you to connect.", person.name)
    } else {
        format!(
            "{} invited you to connect:\n\n{}",
            person.name,
            inv.note.trim()
        )
    };
    d.body(&printable(&note));
    scope.add(path, d.render(), inv.line, 1);
}

/// An invitation you sent: `reached_out` on their file when it has none (a file this
/// import creates, or one of the notebook), with the note at the end of the body. `Ok(false)`
/// when their file already has an outreach date.
fn outreach(inv: &Invitation, person: &Person, scope: &mut Scope<'_>) -> Result<bool, String> {
    let index = scope.index;
    let path = Directory::path(index, &person.id);
    let reached = match index.get(&person.id).map(|d| &d.record) {
        Some(Some(Record::Contact(c))) => c.reached_out.is_some(),
        _ => scope
            .plan
            .files
            .iter()
            .find(|f| f.path == path)
            .is_some_and(|f| f.text.contains("\nreached_out:")),
    };
    if reached {
        return Ok(false);
    }
    let conventions = scope.conventions();
    let line = if inv.note.trim().is_empty() {
        format!("- LinkedIn invitation sent {}", inv.day)
    } else {
        format!(
            "- LinkedIn invitation sent {}: {}",
            inv.day,
            one_line(&inv.note)
        )
    };
    let what = format!("reached out to {} on {}", person.name, inv.day);
    edits::change(scope.plan, index, &path, &what, |text| {
        let text = edits::set(text, "reached_out", inv.day.to_string(), conventions)?;
        Ok(edits::append_line(&text, &printable(&line)))
    })
    .map_err(|why| format!("its file {path} cannot be edited: {why}"))?;
    scope.changed(&path, inv.line, 1);
    Ok(true)
}

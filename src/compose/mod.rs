//! `ties draft`: a message filled from the notes, to read, finish and send. It picks the
//! template (`--template`, else the one meant for the kind and channel), fills each
//! placeholder from what the notebook says about the person ([`facts`]), leaves a visible
//! `[[fill: …]]` where it says nothing, measures the result against the channel, and says
//! how to record it once sent. It refuses what the networking discipline advises against:
//! a follow-up past `rules.max_follow_ups`, and a thank-you for a chat that has not
//! happened. Pure: the index in, a [`Draft`] out.

pub(crate) mod facts;
pub(crate) mod hint;
pub(crate) mod notes;

use crate::document::Document;
use crate::error::Error;
use crate::index::Index;
use crate::lookup;
use crate::model::chat::ChatStatus;
use crate::model::time::When;
use crate::model::{Chat, Contact, Kind, Record};
use crate::template::{Channel, DraftKind, channel};
use crate::templates::Loaded;

use facts::{About, Value};

/// What to draft: as the user typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Request {
    pub kind: DraftKind,
    /// A contact (id, `[[id]]` or name); for a thank-you, a chat or a contact.
    pub id: String,
    pub channel: Option<Channel>,
    pub template: Option<String>,
}

/// A message ready to finish by hand and send.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Draft {
    #[serde(serialize_with = "as_str")]
    pub kind: DraftKind,
    /// The contact.
    pub id: String,
    pub who: String,
    /// The chat a thank-you is for.
    pub chat: Option<String>,
    #[serde(serialize_with = "as_str")]
    pub channel: Channel,
    /// Their address on the channel (email, LinkedIn profile), if the notes have it.
    pub to: Option<String>,
    pub template: String,
    /// `templates/NAME.md`; `None` for a built-in template.
    pub template_path: Option<String>,
    pub subject: Option<String>,
    pub body: String,
    /// The body's length as LinkedIn counts it (UTF-16 code units).
    pub length: usize,
    /// The same without its `[[fill: …]]` markers: what stays as it is once they are
    /// replaced. What the limit is measured against ([`Draft::room`] is what remains).
    pub written: usize,
    pub words: usize,
    /// The channel's hard limit (or the template's own).
    pub limit: Option<usize>,
    /// Under a limit, with parts to fill: the characters left for them.
    pub room: Option<usize>,
    /// Over the limit: by how much, and what to shorten.
    pub over: Option<Over>,
    /// The `[[fill: …]]` left to complete, in order.
    pub fills: Vec<Fill>,
    /// What else to know before sending, in words.
    pub notes: Vec<String>,
    /// The command that records the message once sent.
    pub log: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Over {
    pub by: usize,
    /// The placeholder with the longest value, and that length.
    pub shorten: Option<Shorten>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Shorten {
    pub placeholder: &'static str,
    pub length: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Fill {
    /// 1-based, in the body.
    pub line: usize,
    /// The whole marker, `[[fill: …]]`.
    pub text: String,
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with passes a reference"
)]
fn as_str<S: serde::Serializer, T: std::fmt::Display>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// Drafts `request` from the notes of `index`.
pub(crate) fn draft(index: &Index, request: &Request) -> Result<Draft, Error> {
    let (doc, contact, chat) = subject(index, request)?;
    let mut notes = Vec::new();
    let named = match &request.template {
        Some(name) => Some(named_template(index, name, request.kind)?),
        None => None,
    };
    let channel = request
        .channel
        .or_else(|| named.map(|t| t.template.channel))
        .unwrap_or_else(|| default_channel(request.kind, contact));
    let loaded = match named {
        Some(t) => t,
        None => index.templates().choose(request.kind, channel),
    };
    let template = &loaded.template;
    let about = About {
        index,
        doc,
        contact,
        kind: request.kind,
        chat,
    };
    let mut missing = Vec::new();
    let filled = template.fill(channel, &mut |fact| match about.value(fact) {
        Value::Known(text) => text,
        Value::Missing(what) => {
            missing.push(fact);
            format!("[[fill: {what}]]")
        }
    });
    let length = channel::length(&filled.body);
    let words = channel::words(&filled.body);
    let limit = template.limit_on(channel);
    // A `[[fill: …]]` is replaced before sending: the limit is for the rest, and what is
    // left of it is the room for what the user writes there.
    let fills = fills(&filled.body);
    let marked: usize = fills.iter().map(|f| channel::length(&f.text)).sum();
    let written = length - marked;
    let room = limit
        .filter(|l| !fills.is_empty() && written <= *l)
        .map(|l| l - written);
    let over = limit.filter(|l| written > *l).map(|limit| Over {
        by: written - limit,
        shorten: filled
            .parts
            .iter()
            .filter(|(fact, _)| !missing.contains(fact))
            .max_by_key(|(_, len)| *len)
            .filter(|(_, len)| *len > 0)
            .map(|(fact, len)| Shorten {
                placeholder: fact.name(),
                length: *len,
            }),
    });
    if let Some(advised) = channel.advised_words().filter(|a| words > *a) {
        notes.push(format!(
            "{words} words: long for {}; the advice is to keep it under about {advised}",
            channel.describe()
        ));
    }
    let to = address(contact, channel);
    notes.extend(cautions(
        index,
        request.kind,
        (doc, contact, chat),
        channel,
        to.is_none(),
    ));
    Ok(Draft {
        kind: request.kind,
        id: doc.id.to_string(),
        who: contact.name.clone(),
        chat: chat.map(|(d, _)| d.id.to_string()),
        channel,
        to,
        template: template.name.clone(),
        template_path: loaded.path.clone(),
        subject: filled.subject,
        fills,
        body: filled.body,
        length,
        written,
        words,
        limit,
        room,
        over,
        notes,
        log: log_command(
            request.kind,
            doc,
            contact,
            chat.map(|(d, _)| d),
            &template.name,
        ),
    })
}

/// What to know about the person before sending: no address on the channel, a closed or
/// paused contact, the others a chat was with, an outreach after a first message.
fn cautions(
    index: &Index,
    kind: DraftKind,
    (doc, contact, chat): Subject<'_>,
    channel: Channel,
    without_address: bool,
) -> Vec<String> {
    let mut notes = Vec::new();
    if without_address {
        notes.push(no_address(contact, doc, channel));
    }
    if !contact.is_active() {
        notes.push(format!(
            "{} is {} in {}",
            contact.name,
            contact.status.as_str(),
            doc.path
        ));
    }
    if let Some((chat_doc, chat)) = chat {
        notes.extend(thank_you_timing(index, chat_doc, chat));
    }
    if let Some((_, chat)) = chat
        && chat.with.len() > 1
    {
        let others: Vec<String> = chat
            .with
            .iter()
            .map(|w| index.name_of(&w.value))
            .filter(|n| *n != contact.name)
            .collect();
        notes.push(format!(
            "the chat was with {} too: this note is to {}; `ties draft thank-you CONTACT` drafts one to each",
            others.join(", "),
            contact.name
        ));
    }
    if let (DraftKind::Outreach, Some(first)) = (kind, &contact.reached_out) {
        notes.push(format!(
            "you reached out on {} already: a later message is a follow-up (ties draft follow-up {})",
            first.value,
            crate::agenda::shell_word(doc.id.as_str())
        ));
    }
    notes
}

/// A thank-you already sent (`thanked`), or past `rules.thank_you_within`: the courses'
/// advice is within a day, and always, so a late one is drafted all the same.
fn thank_you_timing(index: &Index, doc: &Document, chat: &Chat) -> Option<String> {
    if let Some(thanked) = &chat.thanked {
        return Some(format!(
            "you thanked them on {} already (`thanked` in {}): a second thank-you is rarely needed",
            thanked.value, doc.path
        ));
    }
    let within = index.settings.rules.thank_you_within;
    let due = crate::agenda::thank_you_due(chat.date.as_ref()?.value, chat.ends(), within);
    let late = match due {
        When::Date(day) => index.today() > day,
        When::DateTime(at) => index.now().passed(at),
    };
    late.then(|| {
        format!(
            "the thank-you was due by {} (rules.thank_you_within: {within}): send it today; a late thank-you is still better than none",
            crate::agenda::shown(due)
        )
    })
}

/// The contact a draft is for, and the chat, for a thank-you.
type Subject<'a> = (&'a Document, &'a Contact, Option<(&'a Document, &'a Chat)>);

/// The contact the draft is for (and the chat, for a thank-you), after the refusals.
fn subject<'a>(index: &'a Index, request: &Request) -> Result<Subject<'a>, Error> {
    if request.kind == DraftKind::ThankYou {
        let (chat_doc, chat) = thanked_chat(index, &request.id)?;
        // Those the chat was with; the one the ID names if it named one of them (a chat
        // with two gets a thank-you to each), else the first.
        let mut with = chat
            .with
            .iter()
            .filter_map(|w| contact_of(index.target(Kind::Contact, &w.value)?));
        let named = lookup::find(index, Kind::Contact, &request.id);
        let found = match named {
            Some(named) => with
                .clone()
                .find(|(d, _)| d.path == named.path)
                .or_else(|| with.next()),
            None => with.next(),
        };
        let (doc, contact) = found.ok_or_else(|| Error::ChatWithoutContact {
            path: chat_doc.path.clone(),
        })?;
        return Ok((doc, contact, Some((chat_doc, chat))));
    }
    let Some(found) = lookup::find(index, Kind::Contact, &request.id) else {
        // Not found: the lookup's own error names the closest id.
        lookup::resolve(index, Kind::Contact, &request.id)?;
        return Err(Error::UnknownRecord {
            kind: "contact",
            id: request.id.clone(),
            hint: String::new(),
            help: "`ties list contacts` shows the ids".to_owned(),
        });
    };
    let (doc, contact) = contact_of(found).ok_or_else(|| Error::UnreadableRecord {
        path: found.path.clone(),
    })?;
    if request.kind == DraftKind::FollowUp {
        refuse_follow_up(index, doc, contact)?;
    }
    Ok((doc, contact, None))
}

fn contact_of(doc: &Document) -> Option<(&Document, &Contact)> {
    match &doc.record {
        Some(Record::Contact(c)) => Some((doc, &**c)),
        _ => None,
    }
}

/// No follow-up without a first message, nor past `rules.max_follow_ups` unanswered ones
/// ("move on" is the advice).
fn refuse_follow_up(index: &Index, doc: &Document, contact: &Contact) -> Result<(), Error> {
    let id = doc.id.as_str();
    let outreach = index.outreach(id, contact);
    let Some(first) = outreach.first().copied() else {
        return Err(Error::NoOutreachYet {
            who: contact.name.clone(),
            id: crate::agenda::shell_word(id),
        });
    };
    let answered = crate::report::reply_date(index, id, contact).is_some_and(|d| d >= first);
    let follow_ups = outreach.len() - 1;
    let max = index.settings.rules.max_follow_ups;
    if !answered && follow_ups >= max as usize {
        return Err(Error::TooManyFollowUps {
            who: contact.name.clone(),
            id: crate::agenda::shell_word(id),
            sent: follow_ups,
            max,
        });
    }
    Ok(())
}

/// The chat a thank-you is for: the chat named, or the contact's latest chat that
/// happened (a conversation rather than a message thread, when there is one). A chat still
/// planned or cancelled is refused.
fn thanked_chat<'a>(index: &'a Index, text: &str) -> Result<(&'a Document, &'a Chat), Error> {
    let chat_of = |doc: &'a Document| match &doc.record {
        Some(Record::Chat(c)) => Some((doc, &**c)),
        _ => None,
    };
    if let Some(doc) = lookup::find(index, Kind::Chat, text) {
        let found = chat_of(doc).ok_or_else(|| Error::UnreadableRecord {
            path: doc.path.clone(),
        })?;
        return check_happened(index, found);
    }
    let contact = lookup::find(index, Kind::Contact, text).ok_or_else(|| Error::UnknownRecord {
        kind: "chat or contact",
        id: text.to_owned(),
        hint: lookup::hint(index, Kind::Chat, text),
        help: "`ties list chats` and `ties list contacts` show the ids".to_owned(),
    })?;
    let chats: Vec<(&Document, &Chat)> = index.chats_with(contact.id.as_str()).collect();
    let latest = |meeting: bool| {
        chats
            .iter()
            .filter(|(_, c)| facts::happened(index, c) && (!meeting || c.is_meeting(index.now())))
            .max_by_key(|(d, c)| (c.date.as_ref().map(|w| w.value.start()), d.path.clone()))
            .copied()
    };
    if let Some(found) = latest(true).or_else(|| latest(false)) {
        return Ok(found);
    }
    // None has happened: the next one planned says why there is nothing to thank yet.
    let planned = chats
        .iter()
        .filter(|(_, c)| c.status(index.now()) == ChatStatus::Planned)
        .min_by_key(|(_, c)| c.date.as_ref().map(|w| w.value.start()))
        .copied();
    match planned {
        Some(found) => check_happened(index, found),
        None => Err(Error::NoChatToThank {
            who: contact.name().unwrap_or(contact.id.as_str()).to_owned(),
            id: crate::agenda::shell_word(contact.id.as_str()),
        }),
    }
}

fn check_happened<'a>(
    index: &Index,
    (doc, chat): (&'a Document, &'a Chat),
) -> Result<(&'a Document, &'a Chat), Error> {
    let when = chat
        .date
        .as_ref()
        .map_or_else(String::new, |d| crate::agenda::shown(d.value));
    let with = chat
        .with
        .iter()
        .map(|w| index.name_of(&w.value))
        .collect::<Vec<_>>()
        .join(", ");
    match chat.status(index.now()) {
        ChatStatus::Done => Ok((doc, chat)),
        ChatStatus::Planned => Err(Error::ChatNotHappened {
            what: facts::chat_words(chat),
            with,
            when,
            path: doc.path.clone(),
            chat: crate::agenda::shell_word(doc.id.as_str()),
        }),
        ChatStatus::Cancelled => Err(Error::ChatCancelled {
            what: facts::chat_words(chat),
            with,
            when,
            path: doc.path.clone(),
        }),
    }
}

/// The template `--template` names, which must draft `kind` and be free of errors.
fn named_template<'a>(index: &'a Index, name: &str, kind: DraftKind) -> Result<&'a Loaded, Error> {
    let loaded = index.templates().named(name)?;
    let template = &loaded.template;
    let shown = || loaded.path.clone().unwrap_or_else(|| "built-in".to_owned());
    if template.broken {
        return Err(Error::BrokenTemplate {
            name: template.name.clone(),
            path: shown(),
        });
    }
    match template.kind {
        Some(k) if k == kind => Ok(loaded),
        other => Err(Error::WrongTemplateKind {
            name: template.name.clone(),
            path: shown(),
            kind: other.map_or("no", DraftKind::as_str),
            asked: kind.as_str(),
        }),
    }
}

/// Without `--channel`: email when the notes have their address; else LinkedIn when they
/// have their profile (a connection note for a first message, a message after); else email.
fn default_channel(kind: DraftKind, contact: &Contact) -> Channel {
    if contact.email.is_some() {
        Channel::Email
    } else if contact.linkedin.is_some() {
        if kind == DraftKind::Outreach && contact.reached_out.is_none() {
            Channel::LinkedinNote
        } else {
            Channel::LinkedinMessage
        }
    } else {
        Channel::Email
    }
}

fn address(contact: &Contact, channel: Channel) -> Option<String> {
    match channel {
        Channel::Email => contact.email.clone(),
        Channel::LinkedinNote | Channel::LinkedinMessage => contact.linkedin.clone(),
    }
}

fn no_address(contact: &Contact, doc: &Document, channel: Channel) -> String {
    let (key, other) = match channel {
        Channel::Email => ("email", "--channel linkedin-message"),
        Channel::LinkedinNote | Channel::LinkedinMessage => ("linkedin", "--channel email"),
    };
    format!(
        "no `{key}` for {} in {}: add it, or draft for another channel ({other})",
        contact.name, doc.path
    )
}

/// Every `[[fill: …]]` of `body`, with its line.
fn fills(body: &str) -> Vec<Fill> {
    let mut found = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("[[fill:") {
            let after = &rest[start..];
            let end = after.find("]]").map_or(after.len(), |e| e + 2);
            found.push(Fill {
                line: i + 1,
                text: after[..end].to_owned(),
            });
            rest = &after[end..];
        }
    }
    found
}

/// The recording command for the message once sent: a first message is outreach, any later
/// one a follow-up, a thank-you is the chat's.
fn log_command(
    kind: DraftKind,
    doc: &Document,
    contact: &Contact,
    chat: Option<&Document>,
    template: &str,
) -> String {
    let word = crate::agenda::shell_word;
    let template = word(template);
    match (kind, chat) {
        (DraftKind::ThankYou, Some(chat)) => {
            format!(
                "ties log thank-you {} --template {template}",
                word(chat.id.as_str())
            )
        }
        (DraftKind::FollowUp, _) => {
            format!(
                "ties log follow-up {} --template {template}",
                word(doc.id.as_str())
            )
        }
        _ if contact.reached_out.is_none() => {
            format!(
                "ties log outreach {} --template {template}",
                word(doc.id.as_str())
            )
        }
        _ => format!(
            "ties log follow-up {} --template {template}",
            word(doc.id.as_str())
        ),
    }
}

/// What a draft on the channel weighs, for a note: "213 of 300 characters", and with
/// parts to fill "193 of 300 characters besides the 2 parts to fill: 107 left for them".
pub(crate) fn measure(draft: &Draft) -> Option<String> {
    let limit = draft.limit?;
    let measured = format!("{} of {limit} characters{}", draft.written, besides(draft));
    let them = if draft.fills.len() == 1 { "it" } else { "them" };
    Some(match draft.room {
        Some(room) => format!("{measured}: {room} left for {them}"),
        None => measured,
    })
}

/// "", or " besides the part to fill", " besides the 2 parts to fill": what a length
/// leaves out.
pub(crate) fn besides(draft: &Draft) -> String {
    match draft.fills.len() {
        0 => String::new(),
        1 => " besides the part to fill".to_owned(),
        n => format!(" besides the {n} parts to fill"),
    }
}

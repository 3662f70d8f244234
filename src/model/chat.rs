//! A conversation (`chats/`): coffee chat, informational interview, call or message thread.

use chrono::{NaiveDate, NaiveDateTime};

use crate::findings::Finding;
use crate::model::decode::{Choice, Fields, Sent, choice_enum};
use crate::model::fields::{self, Field, Type, date, id, joined, opt, when};
use crate::model::id::Id;
use crate::model::time::{Duration, When};
use crate::now::Now;
use crate::span::{Span, Spanned};

choice_enum!(
    #[derive(serde::Serialize, serde::Deserialize)]
    ChatKind {
    CoffeeChat = "coffee-chat",
    InformationalInterview = "informational-interview",
    Call = "call",
    Message = "message",
    Event = "event",
    Interview = "interview",
    Other = "other",
});
choice_enum!(
    #[derive(serde::Serialize, serde::Deserialize)]
    ChatStatus { Planned = "planned", Done = "done", Cancelled = "cancelled" });
choice_enum!(
    #[derive(serde::Serialize, serde::Deserialize)]
    Direction { Sent = "sent", Received = "received" });

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Chat {
    pub with: Vec<Spanned<Id>>,
    #[serde(with = "crate::model::compact")]
    pub date: Option<Spanned<When>>,
    pub kind: ChatKind,
    /// Where `kind` is written (a message without `direction` is pointed at there).
    pub kind_span: Option<Span>,
    /// Who wrote a `message`: you (outreach, a follow-up) or they (a reply).
    pub direction: Option<Direction>,
    pub medium: Option<String>,
    pub duration: Option<Duration>,
    pub event: Option<Spanned<Id>>,
    #[serde(with = "crate::model::compact")]
    pub thanked: Option<Spanned<NaiveDate>>,
    /// The day your questions were ready (`ties done` on the agenda's `prepare` item).
    #[serde(with = "crate::model::compact")]
    pub prepared: Option<Spanned<NaiveDate>>,
    pub referrals: Vec<Spanned<Id>>,
    /// As written; see [`Chat::status`] for the effective status.
    pub declared_status: Option<ChatStatus>,
    pub tags: Vec<String>,
    /// Where an import found it: a calendar event's UID, a LinkedIn conversation and day;
    /// importing again finds the chat by it instead of adding it twice.
    pub uid: Option<String>,
    /// The thank-you sent with a template (`ties log thank-you … --template`).
    pub templates: Vec<Sent>,
}

impl Chat {
    pub(crate) const KEYS: &'static [&'static str] =
        &fields::keys::<Self, { FIELDS.len() }>(FIELDS);

    pub(crate) fn decode(mut f: Fields) -> (Self, Vec<Finding>) {
        let kind = f.spanned_choice("kind");
        let mut with = f.required_ids("with", "jane-doe");
        // The owner is at every meeting of their own notebook: accepted, and no contact.
        let conventions = f.conventions();
        with.retain(|w| !conventions.is_owner(w.value.as_str()));
        let chat = Self {
            with,
            date: f.required_when("date", "2026-11-21"),
            kind: kind.as_ref().map_or(ChatKind::CoffeeChat, |k| k.value),
            kind_span: kind.map(|k| k.span),
            direction: f.choice("direction"),
            medium: f.string("medium").map(|s| s.value),
            duration: f.length("duration").map(|d| d.value),
            event: f.id("event"),
            thanked: f.date("thanked"),
            prepared: f.date("prepared"),
            referrals: f.ids("referrals"),
            declared_status: f.choice("status"),
            tags: f.strings("tags"),
            uid: f.string("uid").map(|s| s.value),
            templates: f.sent("templates"),
        };
        (chat, f.finish(Self::KEYS))
    }

    /// The status as written, else `planned` until the chat has ended as of `now`, else
    /// `done`. See [`Chat::ends`].
    ///
    /// A `message` is a point in time: done from its date (and time) on, whatever its
    /// `status` says short of `cancelled`; never planned or prepared once it is dated.
    pub(crate) fn status(&self, now: &Now) -> ChatStatus {
        if self.kind == ChatKind::Message && self.declared_status != Some(ChatStatus::Cancelled) {
            return match &self.date {
                Some(date) if now.before(date.value.start()) => ChatStatus::Planned,
                _ => ChatStatus::Done,
            };
        }
        self.declared_status.unwrap_or(match self.ends() {
            Some(end) if now.before(end) => ChatStatus::Planned,
            Some(_) => ChatStatus::Done,
            None => ChatStatus::Planned,
        })
    }

    /// When the chat is over: its time plus its `duration` (default 1 hour), or for a
    /// date-only chat the end of its day (the time is unknown, so it may still be ahead).
    pub(crate) fn ends(&self) -> Option<NaiveDateTime> {
        Some(match self.date.as_ref()?.value {
            When::Date(day) => day.succ_opt().map_or(NaiveDateTime::MAX, |next| {
                next.and_time(chrono::NaiveTime::MIN)
            }),
            When::DateTime(at) => self.duration.unwrap_or(DEFAULT_DURATION).after(at),
        })
    }

    pub(crate) fn is_done(&self, now: &Now) -> bool {
        self.status(now) == ChatStatus::Done
    }

    /// A meeting: the chat happened (`done`) and was a conversation, not a `message` thread.
    /// Meetings make a contact `met`, count towards the chat goal, and deserve a thank-you.
    pub(crate) fn is_meeting(&self, now: &Now) -> bool {
        self.is_done(now) && self.kind != ChatKind::Message
    }

    /// An answer from them: a done chat, unless it is a message you sent. (A message without
    /// `direction` counts as received, as before the key existed; T304 asks to say which.)
    pub(crate) fn is_reply(&self, now: &Now) -> bool {
        self.is_done(now) && !self.is_sent()
    }

    /// A message you sent: outreach or a follow-up, never an answer.
    pub(crate) fn is_sent(&self) -> bool {
        self.kind == ChatKind::Message && self.direction == Some(Direction::Sent)
    }

    pub(crate) fn day(&self) -> Option<NaiveDate> {
        self.date.as_ref().map(|d| d.value.date())
    }
}

/// How long a chat with a time and no `duration` lasts.
pub(crate) const DEFAULT_DURATION: Duration = Duration::minutes(60);

pub(crate) type ChatField = Field<Chat>;

/// The keys of a chat, in the spec's order; see [`crate::model::fields`].
pub(crate) const FIELDS: &[ChatField] = &[
    ChatField::new("with", Type::Ids, |c, _| joined(&c.with)).hint("jane-doe", ""),
    ChatField::new("date", Type::When, |c, _| when(c.date.as_ref())).hint("YYYY-MM-DD HH:MM", ""),
    ChatField::new("kind", Type::Choice(ChatKind::NAMES), |c, _| {
        c.kind.as_str().to_owned()
    }),
    ChatField::new("direction", Type::Choice(Direction::NAMES), |c, _| {
        opt(c.direction.map(Direction::as_str))
    })
    .hint("", "for a message: who wrote it"),
    ChatField::new("medium", Type::Text, |c, _| opt(c.medium.as_ref()))
        .hint("zoom | phone | in-person | slack", ""),
    ChatField::new("duration", Type::Duration, |c, _| opt(c.duration)).hint("30m", ""),
    ChatField::new("event", Type::Id, |c, _| id(c.event.as_ref()))
        .hint("2026-11-10-rust-meetup", "the event where you met"),
    ChatField::new("thanked", Type::Date, |c, _| date(c.thanked.as_ref()))
        .hint("YYYY-MM-DD", "the day you sent the thank-you note"),
    ChatField::new("prepared", Type::Date, |c, _| date(c.prepared.as_ref()))
        .hint("YYYY-MM-DD", "the day your questions were ready"),
    ChatField::new("referrals", Type::Ids, |c, _| joined(&c.referrals))
        .hint("[john-roe]", "people they introduced you to"),
    ChatField::new("status", Type::Choice(ChatStatus::NAMES), |c, now| {
        c.status(now).as_str().to_owned()
    })
    .hint("", "default: planned until it ends, then done"),
    ChatField::new("tags", Type::List, |c, _| fields::list(&c.tags)).hint("[dotnet]", ""),
    ChatField::new("uid", Type::Text, |c, _| opt(c.uid.as_ref()))
        .hint("", "set by ties import: where the chat came from")
        .imported(),
    ChatField::new("templates", Type::List, |c, _| {
        crate::model::contact::sent(&c.templates)
    })
    .hint(
        "[\"YYYY-MM-DD thank-you\"]",
        "the thank-you's template (ties log --template)",
    ),
];

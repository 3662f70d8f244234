//! How each agenda item is cleared: the one command its hint shows, computed from the state
//! of the records (an outreach when there is none yet, else a follow-up), and always one
//! that runs as shown and takes the item off the agenda. `ties done KEY` answers every item
//! too ([`crate::action`] maps each [`Clear`] to its recording), so the hint and `done`
//! never disagree. A new kind of item adds its arm to [`hint`].

use std::fmt;

use crate::agenda::{Item, ItemKind, shell_word};
use crate::index::Index;
use crate::model::{Id, Record};

/// The command that clears an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Clear {
    /// `ties log outreach ID`: no outreach to them yet.
    Outreach(Id),
    /// `ties log follow-up ID`: a message after the first.
    FollowUp(Id),
    /// `ties log thank-you CHAT`.
    ThankYou(Id),
    /// `ties close ID`: the loop is closed.
    Close(Id),
    /// `ties log message ID --sent`: the answer you wrote them.
    Message(Id),
    /// `ties done SHORT`: ticks the task, marks the chat `prepared`, clears the contact's
    /// `next`, or sets the item aside in `dismissed.txt` (a nudge for its week).
    Done(String),
}

impl fmt::Display for Clear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = |id: &Id| shell_word(id.as_str());
        match self {
            Self::Outreach(id) => write!(f, "ties log outreach {}", word(id)),
            Self::FollowUp(id) => write!(f, "ties log follow-up {}", word(id)),
            Self::ThankYou(chat) => write!(f, "ties log thank-you {}", word(chat)),
            Self::Close(id) => write!(f, "ties close {}", word(id)),
            Self::Message(id) => write!(f, "ties log message {} --sent", word(id)),
            Self::Done(short) => write!(f, "ties done {short}"),
        }
    }
}

/// How `item` is cleared, as of the notebook's state now.
pub(crate) fn hint(index: &Index, item: &Item) -> Clear {
    let id = || item.id.clone();
    match item.kind {
        ItemKind::FollowUp => Clear::FollowUp(id()),
        ItemKind::MoveOn => Clear::Close(id()),
        ItemKind::ThankYou => {
            // The chat itself: given the contact, `log thank-you` picks their latest chat.
            let chat = index.doc(&item.path);
            Clear::ThankYou(chat.map_or_else(id, |d| d.id.clone()))
        }
        // A job change: congratulate them, as an outreach or, after one, a follow-up.
        ItemKind::Reconnect | ItemKind::EventFollowUp | ItemKind::JobChange => {
            reach_out(index, &item.id)
        }
        ItemKind::Reply | ItemKind::Referral => Clear::Message(id()),
        ItemKind::Prepare
        | ItemKind::Next
        | ItemKind::Task
        | ItemKind::Event
        | ItemKind::Birthday
        | ItemKind::Goal
        | ItemKind::Coverage => Clear::Done(item.short()),
    }
}

/// `ties log outreach ID` for someone you have never written to, else `ties log follow-up
/// ID` (`log outreach` refuses a second first message).
fn reach_out(index: &Index, id: &Id) -> Clear {
    match index.get(id.as_str()).and_then(|d| d.record.as_ref()) {
        Some(Record::Contact(c)) if index.outreach(id.as_str(), c).is_empty() => {
            Clear::Outreach(id.clone())
        }
        _ => Clear::FollowUp(id.clone()),
    }
}

//! The agenda's draft hint: for an item a message answers, the `ties draft` command that
//! writes it, shown beside the recording command that clears the item (`ties agenda`
//! prints both). Derived from the item's kind alone.

use crate::agenda::{Item, ItemKind, shell_word};
use crate::template::DraftKind;

/// The draft that answers an agenda item: its kind, and the id `ties draft` takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hint {
    pub kind: DraftKind,
    /// The contact; the chat for a thank-you.
    pub id: String,
}

impl Hint {
    /// `ties draft follow-up ann-lee`.
    pub(crate) fn command(&self) -> String {
        format!("ties draft {} {}", self.kind, shell_word(&self.id))
    }
}

/// `ties draft follow-up ann-lee` for a follow-up; `None` for an item no message answers.
pub(crate) fn draft(item: &Item) -> Option<String> {
    of(item).map(|h| h.command())
}

/// The draft that answers `item`, if a message does.
pub(crate) fn of(item: &Item) -> Option<Hint> {
    let kind = match item.kind {
        ItemKind::FollowUp => DraftKind::FollowUp,
        ItemKind::ThankYou => DraftKind::ThankYou,
        ItemKind::Reconnect => DraftKind::Reconnect,
        // Someone met at an event, not written to since: a first message that says where.
        ItemKind::EventFollowUp => DraftKind::Outreach,
        ItemKind::Birthday => DraftKind::Congratulate,
        _ => return None,
    };
    let id = if kind == DraftKind::ThankYou {
        // The chat itself (its file's name is its id), as `ties log thank-you` takes it.
        let file = item.path.rsplit('/').next().unwrap_or(&item.path);
        file.strip_suffix(".md").unwrap_or(file).to_owned()
    } else {
        item.id.to_string()
    };
    Some(Hint { kind, id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;
    use crate::model::time::When;

    fn item(kind: ItemKind, id: &str, path: &str) -> Item {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let (who, title) = (String::new(), String::new());
        Item::new(
            day,
            When::Date(day),
            kind,
            Id::new(id),
            who,
            path.to_owned(),
            title,
        )
    }

    #[test]
    fn a_draft_for_each_item_a_message_answers() {
        let hint = |kind, id, path| draft(&item(kind, id, path));
        assert_eq!(
            hint(ItemKind::FollowUp, "ann-lee", "contacts/ann-lee.md").as_deref(),
            Some("ties draft follow-up ann-lee")
        );
        assert_eq!(
            hint(
                ItemKind::ThankYou,
                "cy-ng",
                "chats/2026/2026-11-20-cy-ng.md"
            )
            .as_deref(),
            Some("ties draft thank-you 2026-11-20-cy-ng")
        );
        assert_eq!(
            hint(ItemKind::Reconnect, "Fay Wu", "People/Fay Wu.md").as_deref(),
            Some("ties draft reconnect \"Fay Wu\"")
        );
        assert_eq!(
            hint(ItemKind::EventFollowUp, "ana", "events/x.md").as_deref(),
            Some("ties draft outreach ana")
        );
        assert_eq!(
            hint(ItemKind::Birthday, "ana", "contacts/ana.md").as_deref(),
            Some("ties draft congratulate ana")
        );
        for kind in [
            ItemKind::MoveOn,
            ItemKind::Prepare,
            ItemKind::Task,
            ItemKind::Goal,
        ] {
            assert_eq!(hint(kind, "x", "contacts/x.md"), None, "{kind:?}");
        }
    }
}

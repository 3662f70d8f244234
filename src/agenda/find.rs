//! Finding an agenda item by what the user typed: its full key, or the first letters of its
//! short key ([`Item::short`]). `ties done`, `ties snooze KEY` and `ties agenda --explain`
//! all look up every item the notebook has, however far ahead, capped, set aside in
//! `dismissed.txt`, or done already (a task ticked, a chat marked `prepared`), so a key seen
//! once keeps working.

use chrono::NaiveDate;

use crate::agenda::{
    self, Agenda, Filter, Item, is_short, prepared_chats, short_code, ticked_tasks,
};
use crate::dismissed::Entry;
use crate::error::Error;
use crate::index::Index;

/// An item and where it stands.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub item: Item,
    pub state: State,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// On the agenda, or due after its last day.
    Open,
    /// Left out by the cap of its kind (`rules.nudges_per_kind`).
    Capped,
    /// Due before `since:`, held back behind `ties agenda --all` ([`agenda::adoption`]).
    Held,
    /// Set aside in `dismissed.txt`.
    Dismissed(Entry),
    /// A task ticked already.
    Ticked,
    /// A chat to prepare marked `prepared` on that day.
    Prepared(NaiveDate),
}

/// The item `key` names; several items whose short keys start with the letters typed are
/// refused, listing them with enough letters to tell them apart.
pub(crate) fn find(index: &Index, key: &str) -> Result<Found, Error> {
    // Every item, however far ahead: a key seen with `--days 30` must still be found.
    let agenda = agenda::build(index, Some(u32::MAX), &Filter::default());
    let ticked = ticked_tasks(index);
    let prepared = prepared_chats(index);
    let all = || every(index, &agenda, &ticked, &prepared);
    let key = key.trim();
    let found = |(item, state): (&Item, State)| Found {
        item: item.clone(),
        state,
    };
    if let Some(hit) = all().find(|(i, _)| i.key() == key) {
        return Ok(found(hit));
    }
    if is_short(key) {
        let mut matching: Vec<(&Item, State)> = all()
            .filter(|(i, _)| short_code(&i.key()).starts_with(key))
            .collect();
        matching.dedup_by(|a, b| a.0.key() == b.0.key());
        match matching.as_slice() {
            [hit] => return Ok(found(*hit)),
            [] => {}
            several => {
                let keys: Vec<String> = several
                    .iter()
                    .map(|(i, _)| {
                        let code = short_code(&i.key());
                        let len = (key.len() + 1).min(code.len());
                        format!("{} ({})", &code[..len], i.key())
                    })
                    .collect();
                return Err(Error::AmbiguousKey {
                    key: key.to_owned(),
                    keys: keys.join(", "),
                });
            }
        }
    }
    let keys: Vec<String> = all().map(|(i, _)| i.key()).collect();
    Err(Error::UnknownKey {
        key: key.to_owned(),
        hint: crate::suggest::hint(key, keys.iter().map(String::as_str)),
    })
}

fn every<'a>(
    index: &'a Index,
    agenda: &'a Agenda,
    ticked: &'a [Item],
    prepared: &'a [(Item, NaiveDate)],
) -> impl Iterator<Item = (&'a Item, State)> {
    let dismissed = agenda.dismissed.iter().map(|i| {
        let entry = index
            .dismissed
            .get(&i.key())
            .expect("a dismissed item has its entry");
        (i, State::Dismissed(entry))
    });
    agenda
        .items
        .iter()
        .map(|i| (i, State::Open))
        .chain(agenda.capped.iter().map(|i| (i, State::Capped)))
        .chain(agenda.held.iter().map(|i| (i, State::Held)))
        .chain(dismissed)
        .chain(ticked.iter().map(|i| (i, State::Ticked)))
        .chain(prepared.iter().map(|(i, day)| (i, State::Prepared(*day))))
}

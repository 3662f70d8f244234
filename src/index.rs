//! The notebook in memory: every document by id and by kind, who references whom, and the
//! derived facts of a contact (last interaction, stage) that the agenda and reports stand
//! on. Built from independently parsed documents; the cross-file rules run over it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::{NaiveDate, NaiveDateTime};

use crate::body::LinkTarget;
use crate::diagnostic::Placed;
use crate::document::Document;
use crate::hash::Fnv;
use crate::model::decode::choice_enum;
use crate::model::{Chat, Company, Contact, Event, Id, Kind, Record, Settings};
use crate::span::Spanned;

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

choice_enum!(
    /// How far a relationship has come, for the funnel. Ordered: a later stage implies the
    /// earlier ones.
    #[derive(serde::Serialize)]
    #[serde(rename_all = "lowercase")]
    Stage {
        Identified = "identified",
        Contacted = "contacted",
        Replied = "replied",
        Met = "met",
        Referred = "referred",
    }
);

/// One change to the notebook's files, for [`Index::apply`].
#[derive(Debug)]
pub(crate) enum Edit {
    /// A file read again, or a buffer edited and not saved yet: replaces the document with
    /// its path, or adds it.
    Put(Document),
    /// A file or folder that is gone: removes the document at this path and every document
    /// under it (and the walk problems there).
    Gone(String),
}

/// What a batch of [`Edit`]s can have changed for the cross-file rules: the documents to
/// check again ([`crate::check::Checker::update`] does).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Affected {
    /// The documents (by path) whose cross-file diagnostics may differ: the ones put, and,
    /// for a document that came or went, the ones sharing its id, naming it in their front
    /// matter or linking to it.
    pub paths: BTreeSet<String>,
    /// The documents removed (a path may be put back in the same batch).
    pub removed: BTreeSet<String>,
    /// A document came or went: the ids that suggestions choose from changed.
    pub ids_changed: bool,
    /// Documents added and replaced by [`Edit::Put`], and removed by [`Edit::Gone`], as
    /// the changes came one after the other.
    pub added: usize,
    pub modified: usize,
    pub dropped: usize,
}

pub(crate) struct Index {
    pub root: PathBuf,
    /// The date of `now`, which most rules count in.
    pub today: NaiveDate,
    /// The one "now" of this run: a chat is planned until it has ended as of it.
    pub now: NaiveDateTime,
    pub settings: Settings,
    /// The text of `ties.yaml` and the problems found in it.
    pub settings_text: String,
    pub settings_findings: Vec<Placed>,
    /// Sorted by path.
    pub docs: Vec<Document>,
    /// Problems met while walking (unreadable folders, symlink loops).
    pub walk_findings: Vec<Placed>,
    /// The lookups below hold document indices in path order, keyed by shared ids (a clone
    /// is a reference count): linking allocates only their lists.
    by_id: FastMap<Id, Vec<usize>>,
    paths: FastSet<String>,
    /// Who names whom: built on first use, as `check` needs none of it.
    links: OnceLock<Links>,
}

/// Who names whom, by document index in path order.
#[derive(Default)]
struct Links {
    chats_with: FastMap<Id, Vec<usize>>,
    events_met: FastMap<Id, Vec<usize>>,
    /// How many references make each id a referrer (counted, so one can be unlinked).
    referrers: FastMap<Id, usize>,
    referenced_by: FastMap<Id, Vec<usize>>,
    /// Documents with a wiki link `[[id]]` to each id.
    linked_by: FastMap<Id, Vec<usize>>,
    /// Documents with a relative Markdown link to each notebook path.
    files_linked_by: FastMap<Arc<str>, Vec<usize>>,
}

impl Links {
    fn new(docs: &[Document]) -> Self {
        let mut links = Self::default();
        for (i, doc) in docs.iter().enumerate() {
            links.edit(doc, i, true);
        }
        links
    }

    /// Adds document `i`, `doc`, to every lookup, or takes it out of them.
    fn edit(&mut self, doc: &Document, i: usize, add: bool) {
        let Self {
            chats_with,
            events_met,
            referrers,
            referenced_by,
            linked_by,
            files_linked_by,
        } = self;
        let mut count = |id: &Id| {
            if add {
                *referrers.entry(id.clone()).or_default() += 1;
            } else if let Some(n) = referrers.get_mut(id) {
                *n -= 1;
                if *n == 0 {
                    referrers.remove(id);
                }
            }
        };
        match &doc.record {
            Some(Record::Chat(chat)) => {
                for with in &chat.with {
                    edit(chats_with, &with.value, i, add);
                }
                if !chat.referrals.is_empty() {
                    chat.with.iter().for_each(|w| count(&w.value));
                }
            }
            Some(Record::Event(event)) => {
                for met in &event.met {
                    edit(events_met, &met.value, i, add);
                }
            }
            Some(Record::Contact(contact)) => {
                if let Some(by) = &contact.introduced_by {
                    count(&by.value);
                }
            }
            _ => {}
        }
        references_of(doc, |_, target, _| {
            edit(referenced_by, &target.value, i, add);
        });
        for linked in &doc.body.links.targets {
            if let LinkTarget::Wiki(id) = &linked.target {
                edit(linked_by, id, i, add);
            }
        }
        for (_, path) in &doc.files {
            if let Some(path) = path {
                edit(files_linked_by, path, i, add);
            }
        }
    }
}

impl Index {
    pub(crate) fn new(
        root: PathBuf,
        now: NaiveDateTime,
        (settings, settings_text, settings_findings): (Settings, String, Vec<Placed>),
        mut docs: Vec<Document>,
        walk_findings: Vec<Placed>,
    ) -> Self {
        // In place: documents are small (their records boxed), and sorting them where they
        // are needs no second list of them.
        docs.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        let mut index = Self {
            root,
            today: now.date(),
            now,
            settings,
            settings_text,
            settings_findings,
            docs,
            walk_findings,
            by_id: FastMap::default(),
            paths: FastSet::default(),
            links: OnceLock::new(),
        };
        index.link();
        index
    }

    fn link(&mut self) {
        self.by_id.clear();
        self.paths.clear();
        self.links = OnceLock::new();
        self.paths.reserve(self.docs.len());
        self.by_id.reserve(self.docs.len());
        for i in 0..self.docs.len() {
            self.link_doc(i, true);
        }
    }

    /// Who names whom, built on first use.
    fn links(&self) -> &Links {
        self.links.get_or_init(|| Links::new(&self.docs))
    }

    /// Adds document `i` to every lookup, or takes it out of them.
    fn link_doc(&mut self, i: usize, add: bool) {
        let doc = &self.docs[i];
        edit(&mut self.by_id, &doc.id, i, add);
        if add {
            self.paths.insert(doc.path.clone());
        } else {
            self.paths.remove(&doc.path);
        }
        if let Some(links) = self.links.get_mut() {
            links.edit(doc, i, add);
        }
    }

    /// Applies a batch of changes to the files, keeping every lookup up to date, and says
    /// which documents the cross-file rules must look at again. A change to a file that
    /// stays where it is relinks that one document; one that adds or removes a document
    /// shifts the positions of the others, so the whole index is relinked (still without
    /// reading or parsing anything).
    pub(crate) fn apply(&mut self, changes: Vec<Edit>) -> Affected {
        let mut affected = Affected::default();
        // The ids and paths of the documents that came or went.
        let mut moved: Vec<(Id, String)> = Vec::new();
        for change in changes {
            match change {
                Edit::Put(doc) => {
                    affected.paths.insert(doc.path.clone());
                    match self
                        .docs
                        .binary_search_by(|d| d.path.as_str().cmp(&doc.path))
                    {
                        // Same path, so same id and kind: only this document's own links move.
                        Ok(i) if moved.is_empty() => {
                            affected.modified += 1;
                            self.link_doc(i, false);
                            self.docs[i] = doc;
                            self.link_doc(i, true);
                        }
                        Ok(i) => {
                            affected.modified += 1;
                            self.docs[i] = doc;
                        }
                        Err(_) => {
                            affected.added += 1;
                            moved.push((doc.id.clone(), doc.path.clone()));
                            self.upsert(doc);
                        }
                    }
                }
                Edit::Gone(path) => {
                    let inside = |p: &str| is_under(p, &path);
                    for doc in self.docs.iter().filter(|d| inside(&d.path)) {
                        moved.push((doc.id.clone(), doc.path.clone()));
                        affected.removed.insert(doc.path.clone());
                        affected.dropped += 1;
                    }
                    self.remove_under(&path);
                }
            }
        }
        if moved.is_empty() {
            return affected;
        }
        self.relink();
        affected.ids_changed = true;
        let links = self.links();
        for (id, path) in &moved {
            let near = paths(self.by_id.get(id))
                .chain(paths(links.referenced_by.get(id)))
                .chain(paths(links.linked_by.get(id)))
                .chain(paths(links.files_linked_by.get(path.as_str())));
            for i in near {
                affected.paths.insert(self.docs[i].path.clone());
            }
        }
        affected
    }

    /// Adds `doc`, or replaces the document with the same path. Call [`Index::relink`] after
    /// a batch of changes (or use [`Index::apply`], which relinks only what changed).
    pub(crate) fn upsert(&mut self, doc: Document) {
        match self
            .docs
            .binary_search_by(|d| d.path.as_str().cmp(&doc.path))
        {
            Ok(i) => self.docs[i] = doc,
            Err(i) => self.docs.insert(i, doc),
        }
    }

    /// Removes the document at `path` and every document under the folder `path`, and the
    /// walk problems there; returns how many documents were removed.
    pub(crate) fn remove_under(&mut self, path: &str) -> usize {
        let before = self.docs.len();
        self.docs.retain(|d| !is_under(&d.path, path));
        self.walk_findings.retain(|d| !is_under(&d.path, path));
        before - self.docs.len()
    }

    pub(crate) fn set_now(&mut self, now: NaiveDateTime) {
        self.now = now;
        self.today = now.date();
    }

    /// Rebuilds the lookups after [`Index::upsert`] and [`Index::remove_under`].
    pub(crate) fn relink(&mut self) {
        self.link();
    }

    /// The document at this path, by its position.
    pub(crate) fn position(&self, path: &str) -> Option<usize> {
        self.docs
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
    }

    /// The documents with this id (more than one is a T203 problem).
    pub(crate) fn lookup(&self, id: &str) -> &[usize] {
        self.by_id.get(id).map_or(&[], Vec::as_slice)
    }

    /// The document with this id; the first by path if several share it.
    pub(crate) fn get(&self, id: &str) -> Option<&Document> {
        self.lookup(id).first().map(|&i| &self.docs[i])
    }

    /// Whether a file with this relative path was read.
    pub(crate) fn has_path(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    /// Ids of every document of `kind`, for suggestions.
    pub(crate) fn ids_of(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.docs
            .iter()
            .filter(move |d| d.kind == kind)
            .map(|d| d.id.as_str())
    }

    pub(crate) fn all_ids(&self) -> impl Iterator<Item = &str> {
        self.docs.iter().map(|d| d.id.as_str())
    }

    /// Documents that reference `id` in their front matter.
    pub(crate) fn referenced_by(&self, id: &str) -> impl Iterator<Item = &Document> {
        self.links()
            .referenced_by
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.docs[i])
    }

    /// Every record `pick` takes, with its document.
    fn records<'a, R: 'a>(
        &'a self,
        pick: fn(&Record) -> Option<&R>,
    ) -> impl Iterator<Item = (&'a Document, &'a R)> {
        self.docs
            .iter()
            .filter_map(move |d| Some((d, pick(d.record.as_ref()?)?)))
    }

    pub(crate) fn contacts(&self) -> impl Iterator<Item = (&Document, &Contact)> {
        self.records(|r| match r {
            Record::Contact(c) => Some(&**c),
            _ => None,
        })
    }

    pub(crate) fn companies(&self) -> impl Iterator<Item = (&Document, &Company)> {
        self.records(|r| match r {
            Record::Company(c) => Some(&**c),
            _ => None,
        })
    }

    pub(crate) fn chats(&self) -> impl Iterator<Item = (&Document, &Chat)> {
        self.records(|r| match r {
            Record::Chat(c) => Some(&**c),
            _ => None,
        })
    }

    pub(crate) fn events(&self) -> impl Iterator<Item = (&Document, &Event)> {
        self.records(|r| match r {
            Record::Event(e) => Some(&**e),
            _ => None,
        })
    }

    /// The contacts whose `company` is `company`, from the back-references (no scan).
    pub(crate) fn people_at(&self, company: &str) -> impl Iterator<Item = (&Document, &Contact)> {
        self.referenced_by(company)
            .filter_map(move |d| match &d.record {
                Some(Record::Contact(c))
                    if c.company
                        .as_ref()
                        .is_some_and(|id| id.value.as_str() == company) =>
                {
                    Some((d, &**c))
                }
                _ => None,
            })
    }

    /// Chats that list `contact` in `with`.
    pub(crate) fn chats_with(&self, contact: &str) -> impl Iterator<Item = (&Document, &Chat)> {
        self.links()
            .chats_with
            .get(contact)
            .into_iter()
            .flatten()
            .filter_map(|&i| match &self.docs[i].record {
                Some(Record::Chat(c)) => Some((&self.docs[i], &**c)),
                _ => None,
            })
    }

    /// Events that list `contact` in `met`.
    pub(crate) fn events_met(&self, contact: &str) -> impl Iterator<Item = (&Document, &Event)> {
        self.links()
            .events_met
            .get(contact)
            .into_iter()
            .flatten()
            .filter_map(|&i| match &self.docs[i].record {
                Some(Record::Event(e)) => Some((&self.docs[i], &**e)),
                _ => None,
            })
    }

    fn past_events_met(&self, contact: &str) -> impl Iterator<Item = NaiveDate> {
        self.events_met(contact)
            .filter_map(|(_, e)| e.day())
            .filter(|d| *d <= self.today)
    }

    /// The dates of every interaction with the contact: `reached_out`, `followed_up`,
    /// `replied`, their done chats, and the past events that list them in `met`. (A planned
    /// or cancelled chat has not happened.)
    pub(crate) fn interactions(
        &self,
        id: &str,
        contact: &Contact,
    ) -> impl Iterator<Item = NaiveDate> {
        let own = contact
            .reached_out
            .iter()
            .chain(&contact.followed_up)
            .chain(&contact.replied)
            .map(|d| d.value);
        let chats = self
            .chats_with(id)
            .filter(|(_, c)| c.is_done(self.now))
            .filter_map(|(_, c)| c.day());
        own.chain(chats).chain(self.past_events_met(id))
    }

    /// The days of sent messages (done `direction: sent` chats) not already logged on the
    /// contact as `reached_out` or `followed_up`, sorted: logging a message both ways counts
    /// once.
    pub(crate) fn sent_messages(&self, id: &str, contact: &Contact) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self
            .chats_with(id)
            .filter(|(_, c)| c.is_sent() && c.is_done(self.now))
            .filter_map(|(_, c)| c.day())
            .filter(|d| {
                !contact
                    .reached_out
                    .iter()
                    .chain(&contact.followed_up)
                    .any(|o| o.value == *d)
            })
            .collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// Every outreach to the contact, sorted: `reached_out`, `followed_up` and the
    /// [`Index::sent_messages`]. The first is the outreach, the others follow-ups.
    pub(crate) fn outreach(&self, id: &str, contact: &Contact) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = contact
            .reached_out
            .iter()
            .chain(&contact.followed_up)
            .map(|d| d.value)
            .chain(self.sent_messages(id, contact))
            .collect();
        days.sort_unstable();
        days
    }

    /// The name of the record `id` names, or the id itself (a chat, a note, an unknown id).
    pub(crate) fn name_of(&self, id: &Id) -> String {
        self.get(id.as_str())
            .and_then(Document::name)
            .map_or_else(|| id.to_string(), str::to_owned)
    }

    /// The latest of [`Index::interactions`].
    pub(crate) fn last_interaction(&self, id: &str, contact: &Contact) -> Option<NaiveDate> {
        self.interactions(id, contact).max()
    }

    /// The earliest of [`Index::interactions`]: when the contact was first contacted.
    pub(crate) fn first_interaction(&self, id: &str, contact: &Contact) -> Option<NaiveDate> {
        self.interactions(id, contact).min()
    }

    /// Whether you have met the contact: a done chat that is not a message thread, or a past
    /// event that lists them in `met`. (Being referred by them does not mean you met.)
    pub(crate) fn has_met(&self, id: &str) -> bool {
        let now = self.now;
        self.chats_with(id).any(|(_, c)| c.is_meeting(now))
            || self.past_events_met(id).next().is_some()
    }

    /// The highest stage the contact has reached.
    pub(crate) fn stage(&self, id: &str, contact: &Contact) -> Stage {
        if self.links().referrers.contains_key(id) {
            return Stage::Referred;
        }
        if self.has_met(id) {
            Stage::Met
        } else if contact.replied.is_some()
            || self.chats_with(id).any(|(_, c)| c.is_reply(self.now))
        {
            Stage::Replied
        } else if contact.reached_out.is_some() || self.chats_with(id).next().is_some() {
            Stage::Contacted
        } else {
            Stage::Identified
        }
    }
}

/// Every front-matter reference of `doc` to another record, in file order: the key, the
/// id and the kind it should name.
pub(crate) fn references_of<'a>(
    doc: &'a Document,
    mut each: impl FnMut(&'static str, &'a Spanned<Id>, Kind),
) {
    match doc.record.as_ref() {
        Some(Record::Contact(c)) => {
            c.company
                .iter()
                .for_each(|t| each("company", t, Kind::Company));
            c.introduced_by
                .iter()
                .for_each(|t| each("introduced_by", t, Kind::Contact));
        }
        Some(Record::Chat(c)) => {
            c.with.iter().for_each(|t| each("with", t, Kind::Contact));
            c.event.iter().for_each(|t| each("event", t, Kind::Event));
            c.referrals
                .iter()
                .for_each(|t| each("referrals", t, Kind::Contact));
        }
        Some(Record::Event(e)) => e.met.iter().for_each(|t| each("met", t, Kind::Contact)),
        Some(Record::Company(_)) | None => {}
    }
}

/// The documents of a lookup's list, if there is one.
fn paths(list: Option<&Vec<usize>>) -> impl Iterator<Item = usize> + '_ {
    list.into_iter().flatten().copied()
}

/// Adds `i` to the sorted list of `key`, or takes it out (dropping an emptied list).
fn edit<K, Q>(map: &mut FastMap<K, Vec<usize>>, key: &Q, i: usize, add: bool)
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: ToOwned<Owned = K> + std::hash::Hash + Eq + ?Sized,
{
    if add {
        let list = match map.get_mut(key) {
            Some(list) => list,
            None => map.entry(key.to_owned()).or_default(),
        };
        if let Err(at) = list.binary_search(&i) {
            list.insert(at, i);
        }
    } else if let Some(list) = map.get_mut(key) {
        if let Ok(at) = list.binary_search(&i) {
            list.remove(at);
        }
        if list.is_empty() {
            map.remove(key);
        }
    }
}

/// Whether `p` is `path` or lies under the folder `path` (everything, for `""`).
fn is_under(p: &str, path: &str) -> bool {
    p == path
        || path.is_empty()
        || p.strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(files: &[(&str, &str)]) -> Index {
        let docs = files
            .iter()
            .map(|(p, t)| Document::parse((*p).to_owned(), Ok(t.as_bytes().to_vec())))
            .collect();
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        Index::new(
            PathBuf::from("."),
            today.and_time(chrono::NaiveTime::MIN),
            (Settings::default(), String::new(), Vec::new()),
            docs,
            Vec::new(),
        )
    }

    fn contact<'a>(ix: &'a Index, id: &str) -> &'a Contact {
        match &ix.get(id).unwrap().record {
            Some(Record::Contact(c)) => c,
            _ => panic!("{id} is not a contact"),
        }
    }

    fn date(s: &str) -> NaiveDate {
        crate::model::time::parse_date(s).unwrap()
    }

    #[test]
    fn stages_climb_with_evidence() {
        let ix = index(&[
            ("contacts/idle.md", "---\nname: Idle\n---\n"),
            (
                "contacts/sent.md",
                "---\nname: Sent\nreached_out: 2026-11-01\n---\n",
            ),
            (
                "contacts/answered.md",
                "---\nname: A\nreached_out: 2026-11-01\nreplied: 2026-11-03\n---\n",
            ),
            ("contacts/texted.md", "---\nname: T\n---\n"),
            (
                "chats/2026-11-02-texted.md",
                "---\nwith: texted\ndate: 2026-11-02\nkind: message\ndirection: received\n---\n",
            ),
            ("contacts/messaged.md", "---\nname: Msg\n---\n"),
            (
                "chats/2026-11-02-messaged.md",
                "---\nwith: messaged\ndate: 2026-11-02\nkind: message\ndirection: sent\n---\n",
            ),
            ("contacts/coffee.md", "---\nname: C\n---\n"),
            (
                "chats/2026-11-05-coffee.md",
                "---\nwith: coffee\ndate: 2026-11-05\n---\n",
            ),
            ("contacts/planned.md", "---\nname: P\n---\n"),
            (
                "chats/2026-12-01-planned.md",
                "---\nwith: planned\ndate: 2026-12-01\n---\n",
            ),
            ("contacts/mentor.md", "---\nname: M\n---\n"),
            (
                "contacts/friend.md",
                "---\nname: F\nintroduced_by: mentor\n---\n",
            ),
            ("contacts/metup.md", "---\nname: E\n---\n"),
            (
                "events/2026-11-10-meetup.md",
                "---\nname: Meetup\ndate: 2026-11-10\nmet: [metup]\n---\n",
            ),
        ]);
        let stage = |id| ix.stage(id, contact(&ix, id));
        assert_eq!(stage("idle"), Stage::Identified);
        assert_eq!(stage("sent"), Stage::Contacted);
        assert_eq!(stage("planned"), Stage::Contacted);
        assert_eq!(stage("answered"), Stage::Replied);
        assert_eq!(
            stage("texted"),
            Stage::Replied,
            "a received message is a reply, not a meeting"
        );
        assert_eq!(
            stage("messaged"),
            Stage::Contacted,
            "a sent message is outreach"
        );
        assert_eq!(stage("coffee"), Stage::Met);
        assert_eq!(stage("metup"), Stage::Met);
        assert_eq!(stage("mentor"), Stage::Referred);
        assert_eq!(stage("friend"), Stage::Identified);
    }

    #[test]
    fn last_interaction_is_the_latest_evidence() {
        let ix = index(&[
            (
                "contacts/ada.md",
                "---\nname: Ada\nreached_out: 2026-09-01\nfollowed_up: [2026-09-08, 2026-09-15]\n---\n",
            ),
            (
                "chats/2026-10-01-ada.md",
                "---\nwith: [ada]\ndate: 2026-10-01 10:00\n---\n",
            ),
            (
                "chats/2026-12-01-ada.md",
                "---\nwith: ada\ndate: 2026-12-01\n---\n",
            ),
            (
                "chats/2026-10-20-ada.md",
                "---\nwith: ada\ndate: 2026-10-20\nstatus: cancelled\n---\n",
            ),
            ("contacts/bob.md", "---\nname: Bob\n---\n"),
            (
                "events/2026-10-10-conf.md",
                "---\nname: Conf\ndate: 2026-10-10\nmet: [bob, ada]\n---\n",
            ),
            (
                "events/2026-12-10-later.md",
                "---\nname: Later\ndate: 2026-12-10\nmet: bob\n---\n",
            ),
            ("contacts/cy.md", "---\nname: Cy\n---\n"),
        ]);
        assert_eq!(
            ix.last_interaction("ada", contact(&ix, "ada")),
            Some(date("2026-10-10"))
        );
        assert_eq!(
            ix.last_interaction("bob", contact(&ix, "bob")),
            Some(date("2026-10-10"))
        );
        assert_eq!(ix.last_interaction("cy", contact(&ix, "cy")), None);
        assert_eq!(ix.referenced_by("ada").count(), 4);
    }

    #[test]
    fn first_and_last_interaction_agree_on_what_counts() {
        // A planned or cancelled chat has not happened: it is neither the first nor the last
        // interaction (the funnel's cohort and the agenda's reconnect use the same dates).
        let ix = index(&[
            ("contacts/ada.md", "---\nname: Ada\n---\n"),
            (
                "chats/2026-10-20-ada.md",
                "---\nwith: ada\ndate: 2026-10-20\nstatus: cancelled\n---\n",
            ),
            (
                "chats/2026-12-01-ada.md",
                "---\nwith: ada\ndate: 2026-12-01\n---\n",
            ),
            (
                "chats/2026-11-02-ada.md",
                "---\nwith: ada\ndate: 2026-11-02\n---\n",
            ),
        ]);
        let ada = contact(&ix, "ada");
        assert_eq!(ix.first_interaction("ada", ada), Some(date("2026-11-02")));
        assert_eq!(ix.last_interaction("ada", ada), Some(date("2026-11-02")));
    }
}

//! The notebook in memory: every document by id and by kind, who references whom, and the
//! derived facts of a contact (last interaction, stage) that the agenda and reports stand
//! on. Built from independently parsed documents; the cross-file rules run over it.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};

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

/// `docs` in path order. Documents are large; sorting indices and moving each document
/// once is several times cheaper than sorting the documents themselves.
fn sorted_by_path(docs: Vec<Document>) -> Vec<Document> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_unstable_by(|&a, &b| docs[a].path.cmp(&docs[b].path));
    let mut slots: Vec<Option<Document>> = docs.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// A reference from one record's front matter to another record.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reference<'a> {
    /// Index of the referring document.
    pub from: usize,
    pub field: &'static str,
    pub target: &'a Spanned<Id>,
    pub expected: Kind,
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
    by_id: FastMap<Id, Vec<usize>>,
    paths: FastSet<String>,
    chats_with: FastMap<Id, Vec<usize>>,
    events_met: FastMap<Id, Vec<usize>>,
    referrers: FastSet<Id>,
    referenced_by: FastMap<Id, Vec<usize>>,
    /// Every document by its title, `name` and `aliases`, lower-cased: how a reference that
    /// is not an exact id resolves ([`Index::resolve`]).
    names: FastMap<String, Vec<usize>>,
}

/// What a reference names ([`Index::resolve`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// The document at this index.
    One(usize),
    /// Several documents, by path: the reference is ambiguous.
    Several(Vec<usize>),
    None,
}

impl Index {
    pub(crate) fn new(
        root: PathBuf,
        now: NaiveDateTime,
        (settings, settings_text, settings_findings): (Settings, String, Vec<Placed>),
        docs: Vec<Document>,
        walk_findings: Vec<Placed>,
    ) -> Self {
        let docs = sorted_by_path(docs);
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
            chats_with: FastMap::default(),
            events_met: FastMap::default(),
            referrers: FastSet::default(),
            referenced_by: FastMap::default(),
            names: FastMap::default(),
        };
        index.link();
        index
    }

    fn link(&mut self) {
        self.by_id.clear();
        self.paths.clear();
        for (i, doc) in self.docs.iter().enumerate() {
            self.by_id.entry(doc.id.clone()).or_default().push(i);
            self.paths.insert(doc.path.clone());
        }
        self.names = names(&self.docs);
        // Every map is keyed by the id a reference resolves to, so `[[jane doe]]` in a
        // chat counts for `Jane Doe.md`.
        let mut chats_with: FastMap<Id, Vec<usize>> = FastMap::default();
        let mut events_met: FastMap<Id, Vec<usize>> = FastMap::default();
        let mut referrers: FastSet<Id> = FastSet::default();
        let to = |id: &Spanned<Id>| self.canonical(Kind::Contact, &id.value).clone();
        for (i, doc) in self.docs.iter().enumerate() {
            match &doc.record {
                Some(Record::Chat(chat)) => {
                    for with in &chat.with {
                        chats_with.entry(to(with)).or_default().push(i);
                    }
                    if !chat.referrals.is_empty() {
                        referrers.extend(chat.with.iter().map(to));
                    }
                }
                Some(Record::Event(event)) => {
                    for met in &event.met {
                        events_met.entry(to(met)).or_default().push(i);
                    }
                }
                Some(Record::Contact(contact)) => {
                    if let Some(by) = &contact.introduced_by {
                        referrers.insert(to(by));
                    }
                }
                _ => {}
            }
        }
        self.chats_with = chats_with;
        self.events_met = events_met;
        self.referrers = referrers;
        let mut referenced_by: FastMap<Id, Vec<usize>> = FastMap::default();
        for r in self.references() {
            referenced_by
                .entry(self.canonical(r.expected, &r.target.value).clone())
                .or_default()
                .push(r.from);
        }
        for from in referenced_by.values_mut() {
            from.dedup();
        }
        self.referenced_by = referenced_by;
    }

    /// Adds `doc`, or replaces the document with the same path. Call [`Index::relink`] after
    /// a batch of changes.
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
        let inside = |p: &str| {
            p == path
                || path.is_empty()
                || p.strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        let before = self.docs.len();
        self.docs.retain(|d| !inside(&d.path));
        self.walk_findings.retain(|d| !inside(&d.path));
        before - self.docs.len()
    }

    /// Rebuilds the lookups after [`Index::upsert`] and [`Index::remove_under`].
    pub(crate) fn set_now(&mut self, now: NaiveDateTime) {
        self.now = now;
        self.today = now.date();
    }

    pub(crate) fn relink(&mut self) {
        self.link();
    }

    /// What `text` (an id, `[[id]]`, a title, a `name` or an alias) names among records of
    /// `kind` (any document if `None`), as Obsidian resolves a link: the exact id first,
    /// else, ignoring case, the file title, a `name` or an entry of `aliases`. A title or
    /// name found only among other kinds is still found, so T202 can say "wrong kind". The
    /// one place references resolve: checks, agenda, reports, `show` and lookups use it.
    pub(crate) fn resolve(&self, kind: Option<Kind>, text: &str) -> Resolved {
        // Nearly every reference and link is an exact id: found without an allocation.
        if let Some(&first) = self.lookup(text).first() {
            return Resolved::One(first);
        }
        let id = Id::from_reference(text);
        if let Some(&first) = self.lookup(id.as_str()).first() {
            return Resolved::One(first);
        }
        let Some(found) = self.names.get(&id.as_str().to_lowercase()) else {
            return Resolved::None;
        };
        let of_kind: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&i| kind.is_none_or(|k| self.docs[i].kind == k))
            .collect();
        let found = if of_kind.is_empty() {
            found.clone()
        } else {
            of_kind
        };
        match found.as_slice() {
            [] => Resolved::None,
            [one] => Resolved::One(*one),
            _ => Resolved::Several(found),
        }
    }

    /// The id `id` resolves to among records of `kind`; `id` itself when it names nothing or
    /// several (a problem T201 reports). Free when `id` is an exact id.
    pub(crate) fn canonical<'a>(&'a self, kind: Kind, id: &'a Id) -> &'a Id {
        if !self.lookup(id.as_str()).is_empty() {
            return id;
        }
        match self.resolve(Some(kind), id.as_str()) {
            Resolved::One(i) => &self.docs[i].id,
            _ => id,
        }
    }

    /// The record of `kind` a reference names, if it names exactly one.
    pub(crate) fn target(&self, kind: Kind, id: &Id) -> Option<&Document> {
        self.get(self.canonical(kind, id).as_str())
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
        self.referenced_by
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
            Record::Contact(c) => Some(c),
            _ => None,
        })
    }

    pub(crate) fn companies(&self) -> impl Iterator<Item = (&Document, &Company)> {
        self.records(|r| match r {
            Record::Company(c) => Some(c),
            _ => None,
        })
    }

    pub(crate) fn chats(&self) -> impl Iterator<Item = (&Document, &Chat)> {
        self.records(|r| match r {
            Record::Chat(c) => Some(c),
            _ => None,
        })
    }

    pub(crate) fn events(&self) -> impl Iterator<Item = (&Document, &Event)> {
        self.records(|r| match r {
            Record::Event(e) => Some(e),
            _ => None,
        })
    }

    /// Every front-matter reference in the notebook, in document order.
    pub(crate) fn references(&self) -> Vec<Reference<'_>> {
        let mut out = Vec::new();
        for (from, doc) in self.docs.iter().enumerate() {
            let mut add = |field, target, expected| {
                out.push(Reference {
                    from,
                    field,
                    target,
                    expected,
                });
            };
            match &doc.record {
                Some(Record::Contact(c)) => {
                    c.company
                        .iter()
                        .for_each(|t| add("company", t, Kind::Company));
                    c.introduced_by
                        .iter()
                        .for_each(|t| add("introduced_by", t, Kind::Contact));
                }
                Some(Record::Chat(c)) => {
                    c.with.iter().for_each(|t| add("with", t, Kind::Contact));
                    c.event.iter().for_each(|t| add("event", t, Kind::Event));
                    c.referrals
                        .iter()
                        .for_each(|t| add("referrals", t, Kind::Contact));
                }
                Some(Record::Event(e)) => e.met.iter().for_each(|t| add("met", t, Kind::Contact)),
                Some(Record::Company(_)) | None => {}
            }
        }
        out
    }

    /// The contacts whose `company` is `company`, from the back-references (no scan).
    pub(crate) fn people_at(&self, company: &str) -> impl Iterator<Item = (&Document, &Contact)> {
        self.referenced_by(company)
            .filter_map(move |d| match &d.record {
                Some(Record::Contact(c))
                    if c.company.as_ref().is_some_and(|id| {
                        self.canonical(Kind::Company, &id.value).as_str() == company
                    }) =>
                {
                    Some((d, c))
                }
                _ => None,
            })
    }

    /// Chats that list `contact` in `with`.
    pub(crate) fn chats_with(&self, contact: &str) -> impl Iterator<Item = (&Document, &Chat)> {
        self.chats_with
            .get(contact)
            .into_iter()
            .flatten()
            .filter_map(|&i| match &self.docs[i].record {
                Some(Record::Chat(c)) => Some((&self.docs[i], c)),
                _ => None,
            })
    }

    /// Events that list `contact` in `met`.
    pub(crate) fn events_met(&self, contact: &str) -> impl Iterator<Item = (&Document, &Event)> {
        self.events_met
            .get(contact)
            .into_iter()
            .flatten()
            .filter_map(|&i| match &self.docs[i].record {
                Some(Record::Event(e)) => Some((&self.docs[i], e)),
                _ => None,
            })
    }

    fn past_events_met(&self, contact: &str) -> impl Iterator<Item = NaiveDate> {
        self.events_met(contact)
            .filter_map(|(_, e)| e.day())
            .filter(|d| *d <= self.today)
    }

    /// The dates of every interaction with the contact: `reached_out`, `followed_up`,
    /// `replied`, `last_contact`, their done chats, and the past events that list them in
    /// `met`. (A planned or cancelled chat has not happened.)
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
            .chain(&contact.last_contact)
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

    /// The name of the record `id` names (resolved as a reference), or the id itself (a
    /// chat, a note, an unknown id).
    pub(crate) fn name_of(&self, id: &Id) -> String {
        let doc = match self.resolve(None, id.as_str()) {
            Resolved::One(i) => Some(&self.docs[i]),
            _ => None,
        };
        doc.and_then(Document::name)
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

    /// Whether you have been in touch both ways: met them, or a `last_contact` (a CRM's
    /// record that you were in touch), so they are someone to reconnect with.
    pub(crate) fn in_touch(&self, id: &str, contact: &Contact) -> bool {
        contact.last_contact.is_some() || self.has_met(id)
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
        if self.referrers.contains(id) {
            return Stage::Referred;
        }
        if self.has_met(id) {
            Stage::Met
        } else if contact.replied.is_some()
            || contact.last_contact.is_some()
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

/// Every document by its title (its id), and every record by its `name` and its
/// `aliases`, lower-cased; a document is listed once under each.
fn names(docs: &[Document]) -> FastMap<String, Vec<usize>> {
    let mut names: FastMap<String, Vec<usize>> = FastMap::default();
    for (i, doc) in docs.iter().enumerate() {
        let aliases = match &doc.record {
            Some(Record::Contact(c)) => c.aliases.as_slice(),
            Some(Record::Company(c)) => c.aliases.as_slice(),
            _ => &[],
        };
        let all = std::iter::once(doc.id.as_str())
            .chain(doc.name())
            .chain(aliases.iter().map(String::as_str));
        for name in all {
            let at = names.entry(name.trim().to_lowercase()).or_default();
            if at.last() != Some(&i) {
                at.push(i);
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(files: &[(&str, &str)]) -> Index {
        let docs = files
            .iter()
            .map(|(p, t)| {
                let bytes = Ok(t.as_bytes().to_vec());
                Document::parse((*p).to_owned(), bytes, &crate::model::conventions::PLAIN)
            })
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
    fn a_reference_resolves_by_id_then_title_name_or_alias_ignoring_case() {
        let ix = index(&[
            (
                "companies/acme.md",
                "---\nname: Acme Corp\naliases: [ACME, Roadrunner Inc]\n---\n",
            ),
            (
                "contacts/Sam Lee.md",
                "---\nname: Sam Lee\naliases: [Sam]\n---\n",
            ),
            ("contacts/sam.md", "---\nname: Samuel Ortiz\n---\n"),
            (
                "contacts/Samantha.md",
                "---\nname: Samantha Cole\naliases: [sam]\n---\n",
            ),
            ("notes/Evergreen.md", "# Evergreen\n"),
        ]);
        let found = |kind, text| match ix.resolve(kind, text) {
            Resolved::One(i) => vec![ix.docs[i].id.to_string()],
            Resolved::Several(all) => all.iter().map(|&i| ix.docs[i].id.to_string()).collect(),
            Resolved::None => Vec::new(),
        };
        let company = Some(Kind::Company);
        assert_eq!(found(company, "acme"), ["acme"]);
        assert_eq!(found(company, "[[acme corp]]"), ["acme"]);
        assert_eq!(found(company, "roadrunner inc"), ["acme"]);
        assert_eq!(found(None, "EVERGREEN"), ["Evergreen"]);
        // The exact id wins over names and aliases that are the same word.
        assert_eq!(found(Some(Kind::Contact), "sam"), ["sam"]);
        assert_eq!(
            found(Some(Kind::Contact), "SAM"),
            ["Sam Lee", "Samantha", "sam"]
        );
        // Found only among another kind: still found, so T202 can say so.
        assert_eq!(found(company, "Samuel Ortiz"), ["sam"]);
        assert_eq!(found(company, "nobody"), Vec::<String>::new());
        assert_eq!(
            ix.canonical(Kind::Company, &Id::new("ACME")).as_str(),
            "acme"
        );
        assert_eq!(ix.name_of(&Id::new("[[roadrunner inc]]")), "Acme Corp");
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

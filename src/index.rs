//! The notebook in memory: every document by id and by kind, who references whom, and the
//! derived facts of a contact (last interaction, stage) that the agenda and reports stand
//! on. Built from independently parsed documents; the cross-file rules run over it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::{NaiveDate, NaiveDateTime};

mod implicit;

use crate::body::LinkTarget;
use crate::diagnostic::Placed;
use crate::dismissed::Dismissals;
use crate::document::Document;
use crate::hash::Fnv;
use crate::model::decode::choice_enum;
use crate::model::settings::References;
use crate::model::{Chat, Company, Contact, Event, Id, Kind, Record, Settings};
use crate::now::Now;
use crate::span::{Span, Spanned};
use crate::templates::Templates;

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
    /// for a document that came, went or changed its `name` or `aliases`, the ones sharing
    /// its id, naming it (by id, title, name or alias, in their front matter or a wiki link)
    /// or linking to its file.
    pub paths: BTreeSet<String>,
    /// The documents removed (a path may be put back in the same batch).
    pub removed: BTreeSet<String>,
    /// The ids of the documents that came or went: the ids that suggestions choose from.
    pub moved: BTreeSet<String>,
    /// Documents added and replaced by [`Edit::Put`], and removed by [`Edit::Gone`], as
    /// the changes came one after the other.
    pub added: usize,
    pub modified: usize,
    pub dropped: usize,
}

pub(crate) struct Index {
    pub root: PathBuf,
    /// The one "now" of this run, asked through its questions ([`Now`]): a chat is planned
    /// until it has ended as of it; most rules count in its date.
    now: Now,
    pub settings: Settings,
    /// The text of `ties.yaml` and the problems found in it.
    pub settings_text: String,
    pub settings_findings: Vec<Placed>,
    /// Sorted by path.
    pub docs: Vec<Document>,
    /// Problems met while walking (unreadable folders, symlink loops).
    pub walk_findings: Vec<Placed>,
    /// The agenda items set aside in `dismissed.txt` ([`crate::dismissed`]).
    pub dismissed: Dismissals,
    /// The lookups below hold document indices in path order, keyed by shared ids (a clone
    /// is a reference count): linking allocates only their lists.
    by_id: FastMap<Id, Vec<usize>>,
    paths: FastSet<String>,
    /// Every document by its title, `name` and `aliases`, lower-cased: how a reference that
    /// is not an exact id resolves ([`Index::resolve`]). Built on first use: nearly every
    /// reference is an exact id.
    names: OnceLock<FastMap<String, Vec<usize>>>,
    /// Who names whom: built on first use, as `check` needs none of it.
    links: OnceLock<Links>,
    /// Every document's position beside the fingerprint of its path folded as macOS and
    /// Windows compare names ([`fold_key`]), in that order, for T205: built on first use.
    /// Sorted pairs and no table: most paths are alone, and a table with a list for each
    /// was 6.6 MB at 83,000 files.
    folded: OnceLock<Vec<(u64, usize)>>,
    /// The message templates (`templates/` over the built-in set): read on first use, as
    /// only the check, drafts and the templates report need them.
    templates: OnceLock<Templates>,
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

/// Who names whom, by document index in path order. Every map is keyed by the id a
/// reference resolves to, so `[[jane doe]]` in a chat counts for `Jane Doe.md`.
#[derive(Default)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Links {
    chats_with: FastMap<Id, Vec<usize>>,
    events_met: FastMap<Id, Vec<usize>>,
    /// Who introduced or referred someone, with how many documents say so.
    referrers: FastMap<Id, usize>,
    referenced_by: FastMap<Id, Vec<usize>>,
    /// Who must be looked at again when a document comes, goes or is renamed: built on
    /// first use, as only `watch` and the language server follow changes one by one (three
    /// quarters of building who names whom, which the agenda and reports need not wait for).
    reach: OnceLock<Reach>,
}

/// The lookups by which a change reaches the documents it concerns ([`Index::apply`]).
#[derive(Default)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Reach {
    /// Documents naming each id in their front matter, as written (`referenced_by` holds
    /// what it resolves to, which changes when a document comes or goes).
    named_by: FastMap<Id, Vec<usize>>,
    /// Documents with a wiki link `[[id]]` to each id, as written.
    linked_by: FastMap<Id, Vec<usize>>,
    /// Documents with a relative Markdown link to each notebook path.
    files_linked_by: FastMap<Arc<str>, Vec<usize>>,
    /// Documents naming each text in their front matter or a wiki link, as a reference by
    /// name is looked up ([`name_key`]): whose references can resolve differently when a
    /// document with that id, title, name or alias comes or goes.
    written: FastMap<String, Vec<usize>>,
}

/// Built on every core, each from a contiguous run of documents, and joined in order:
/// every list holds the same indices in the same order as one pass would.
fn built<T: Default + Send>(
    index: &Index,
    visit: fn(&mut T, &Index, usize, &Document, bool),
    append: fn(&mut T, T),
) -> T {
    // Not rayon: this runs inside a `OnceLock`'s initializer, often on one of rayon's
    // threads (the agenda's items ask who chats with whom), and a rayon thread waiting on a
    // join runs other queued jobs meanwhile, which may ask for the same table: initialising
    // a `OnceLock` again from within its initializer deadlocks. Threads of our own only wait.
    // Below this many documents per core, a thread costs more than it saves.
    const MIN_RUN: usize = 1024;
    let of = |range: std::ops::Range<usize>| {
        let mut part = T::default();
        for i in range {
            visit(&mut part, index, i, &index.docs[i], true);
        }
        part
    };
    let n = index.docs.len();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = threads.min(n / MIN_RUN).max(1);
    if threads == 1 {
        return of(0..n);
    }
    let size = n.div_ceil(threads);
    let parts: Vec<T> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .step_by(size)
            .map(|start| s.spawn(move || of(start..n.min(start + size))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut parts = parts.into_iter();
    let mut all = parts.next().unwrap_or_default();
    for later in parts {
        append(&mut all, later);
    }
    all
}

/// Appends the lists of `later` (documents after those of `map`): each stays in order.
fn join<K: std::hash::Hash + Eq>(map: &mut FastMap<K, Vec<usize>>, later: FastMap<K, Vec<usize>>) {
    for (key, list) in later {
        map.entry(key).or_default().extend(list);
    }
}

/// Puts `docs` in the order of their paths: the paths sorted beside their places, then
/// each document moved to its own place, once. Sorting the documents themselves (then
/// read documents of 416 bytes) moved them and read their paths through them at every
/// comparison: 2.2 ms against 1.5–1.7 ms at 8,300 files, on the one thread the walk hands
/// over to.
fn in_path_order(docs: &mut [Document]) {
    let mut keys: Vec<(&str, usize)> = (docs.iter().enumerate())
        .map(|(at, doc)| (doc.path.as_str(), at))
        .collect();
    keys.sort_unstable();
    // `from[i]`: where the document that goes at `i` is now; `usize::MAX` once in place.
    let mut from: Vec<usize> = keys.into_iter().map(|(_, at)| at).collect();
    for start in 0..from.len() {
        // Around the cycle of places that begins at `start`: the document now at `at` is
        // always the one that was at `start`, and goes where its turn comes.
        let mut at = start;
        while from[at] != usize::MAX {
            let next = std::mem::replace(&mut from[at], usize::MAX);
            if next == start {
                break;
            }
            docs.swap(at, next);
            at = next;
        }
    }
}

/// A fingerprint of [`crate::slug::fold`]`(name)`, made without allocating for a name of
/// ASCII up to 256 bytes (nearly every path): what the lookup of same-file paths keys on.
/// Folded copies of the paths were a quarter of the 2.8 ms that lookup took to build at
/// 8,300 files, and the rules folded each path again to look it up. Two folds may share a
/// fingerprint: whoever finds two paths under one compares their folds.
fn fold_key(name: &str) -> u64 {
    let mut buffer = [0; 256];
    match buffer.get_mut(..name.len()) {
        Some(folded) if name.is_ascii() => {
            folded.copy_from_slice(name.as_bytes());
            folded.make_ascii_lowercase();
            crate::hash::fingerprint(folded)
        }
        _ => crate::hash::fingerprint(crate::slug::fold(name).as_bytes()),
    }
}

/// The documents' positions by the fingerprints of their folded paths ([`Index::same_file`]).
fn folded(docs: &[Document]) -> Vec<(u64, usize)> {
    let mut all: Vec<(u64, usize)> = (docs.iter().enumerate())
        .map(|(i, doc)| (fold_key(&doc.path), i))
        .collect();
    all.sort_unstable();
    all
}

/// Puts the documents at `paths` under the first one's fingerprint in the same-file lookup, as if
/// their folds shared it: how a test meets a collision no real pair of paths makes.
#[cfg(test)]
pub(crate) fn fold_together(index: &mut Index, paths: &[&str]) {
    let _ = index.same_file("");
    let key = fold_key(paths[0]);
    let positions: Vec<usize> = paths.iter().filter_map(|p| index.position(p)).collect();
    let folded = index.folded.get_mut().expect("built above");
    folded.retain(|(_, i)| !positions.contains(i));
    folded.extend(positions.iter().map(|&i| (key, i)));
    folded.sort_unstable();
}

/// Every position at or after `at` in `folded` moves by one; their order stays.
fn shift_folded(folded: &mut [(u64, usize)], at: usize, inserted: bool) {
    for (_, i) in folded.iter_mut().filter(|(_, i)| *i >= at) {
        if inserted {
            *i += 1;
        } else {
            *i -= 1;
        }
    }
}

/// Every position at or after `at` in the lists of `map` moves by one.
fn shift_all<K>(map: &mut FastMap<K, Vec<usize>>, at: usize, inserted: bool) {
    for list in map.values_mut() {
        shift_list(list, at, inserted);
    }
}

impl Links {
    fn new(index: &Index) -> Self {
        built(index, Self::visit, Self::append)
    }

    /// The lookups a change reaches documents by, built now if they were not.
    fn reach(&self, index: &Index) -> &Reach {
        self.reach.get_or_init(|| Reach::new(index))
    }

    /// Appends what documents after those of `self` name: each list stays in document order.
    fn append(&mut self, later: Links) {
        join(&mut self.chats_with, later.chats_with);
        join(&mut self.events_met, later.events_met);
        for (id, n) in later.referrers {
            *self.referrers.entry(id).or_default() += n;
        }
        join(&mut self.referenced_by, later.referenced_by);
    }

    /// Every document position at or after `at` moves by one: up for a document inserted
    /// at `at`, down for one removed from there (its own entries already gone).
    fn shift(&mut self, at: usize, inserted: bool) {
        shift_all(&mut self.chats_with, at, inserted);
        shift_all(&mut self.events_met, at, inserted);
        shift_all(&mut self.referenced_by, at, inserted);
        if let Some(reach) = self.reach.get_mut() {
            shift_all(&mut reach.named_by, at, inserted);
            shift_all(&mut reach.linked_by, at, inserted);
            shift_all(&mut reach.files_linked_by, at, inserted);
            shift_all(&mut reach.written, at, inserted);
        }
    }

    /// Adds (or, `add` false, removes) every entry that `doc`, at `i`, makes, in what is
    /// built of the lookups.
    fn update(&mut self, index: &Index, i: usize, doc: &Document, add: bool) {
        self.visit(index, i, doc, add);
        if let Some(reach) = self.reach.get_mut() {
            reach.visit(index, i, doc, add);
        }
    }

    /// Adds (or, `add` false, removes) every entry that `doc`, at `i`, makes in these
    /// lookups, its reach aside.
    fn visit(&mut self, index: &Index, i: usize, doc: &Document, add: bool) {
        let to = |id: &Spanned<Id>| index.canonical(Kind::Contact, &id.value).clone();
        let mut referrer = |id: Id| {
            let n = self.referrers.entry(id.clone()).or_default();
            if add {
                *n += 1;
            } else {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.referrers.remove(&id);
                }
            }
        };
        match &doc.record {
            Some(Record::Chat(chat)) if !chat.referrals.is_empty() => {
                chat.with.iter().map(to).for_each(&mut referrer);
            }
            Some(Record::Contact(contact)) => {
                if let Some(by) = &contact.introduced_by {
                    referrer(to(by));
                }
            }
            _ => {}
        }
        match &doc.record {
            Some(Record::Chat(chat)) => {
                for with in &chat.with {
                    put(&mut self.chats_with, to(with), i, add);
                }
            }
            Some(Record::Event(event)) => {
                for met in &event.met {
                    put(&mut self.events_met, to(met), i, add);
                }
            }
            _ => {}
        }
        references_of(doc, |_, target, expected| {
            let id = index.canonical(expected, &target.value).clone();
            put(&mut self.referenced_by, id, i, add);
        });
    }
}

impl Reach {
    fn new(index: &Index) -> Self {
        built(index, Self::visit, Self::append)
    }

    fn append(&mut self, later: Reach) {
        join(&mut self.named_by, later.named_by);
        join(&mut self.linked_by, later.linked_by);
        join(&mut self.files_linked_by, later.files_linked_by);
        join(&mut self.written, later.written);
    }

    /// Adds (or, `add` false, removes) every entry that `doc`, at `i`, makes.
    fn visit(&mut self, _: &Index, i: usize, doc: &Document, add: bool) {
        references_of(doc, |_, target, _| {
            put(&mut self.named_by, target.value.clone(), i, add);
            put(&mut self.written, name_key(target.value.as_str()), i, add);
        });
        for linked in &doc.body.links.targets {
            if let LinkTarget::Wiki(id) = &linked.target {
                put(&mut self.linked_by, id.clone(), i, add);
                put(&mut self.written, name_key(id.as_str()), i, add);
            }
        }
        for linked in &doc.body.links.targets {
            if let LinkTarget::File(link) = &linked.target
                && let Some(path) = crate::body::resolve(&doc.path, link)
            {
                put(&mut self.files_linked_by, Arc::from(&*path), i, add);
            }
        }
    }
}

/// At most this many documents coming or going in one batch are followed one by one by
/// [`Index::apply`]; past it, building the lookups again costs less.
pub(crate) const ONE_BY_ONE: usize = 32;

/// Adds `doc`, at position `i`, to the lists of its title, name and aliases (or, with `add`
/// false, takes it out of them).
fn edit_names(names: &mut FastMap<String, Vec<usize>>, doc: &Document, i: usize, add: bool) {
    for key in name_keys(doc) {
        put(names, key, i, add);
    }
}

/// The title (id), `name` and `aliases` of a document as lookups by name key them.
fn name_keys(doc: &Document) -> impl Iterator<Item = String> + '_ {
    names_of(doc).map(|name| name.trim().to_lowercase())
}

/// Adds `i` to the list of `key` (kept sorted, once), or with `add` false takes it out.
fn put<K: std::hash::Hash + Eq>(map: &mut FastMap<K, Vec<usize>>, key: K, i: usize, add: bool) {
    if add {
        let list = map.entry(key).or_default();
        // Building from scratch, documents come in order: the common case is a push.
        if list.last().is_none_or(|&last| last < i) {
            list.push(i);
        } else if let Err(at) = list.binary_search(&i) {
            list.insert(at, i);
        }
    } else if let Some(list) = map.get_mut(&key) {
        if let Ok(at) = list.binary_search(&i) {
            list.remove(at);
        }
        if list.is_empty() {
            map.remove(&key);
        }
    }
}

/// Moves every position of `list` at or after `at` up by one (`inserted`) or down by one;
/// the list stays sorted.
fn shift_list(list: &mut [usize], at: usize, inserted: bool) {
    let from = list.partition_point(|&i| i < at);
    for i in &mut list[from..] {
        if inserted {
            *i += 1;
        } else {
            *i -= 1;
        }
    }
}

/// How a reference or link looks a record up by title, name or alias: its text without
/// `[[`, `]]` or a label, in lower case (as [`Index::resolve`] and [`names`] compare them);
/// of a path (`[[People/Jane Doe]]`), the title it ends with, which the path narrows.
fn name_key(text: &str) -> String {
    let id = Id::from_reference(text);
    let title = id.as_str().rsplit_once('/').map_or(id.as_str(), |(_, t)| t);
    let title = title.strip_suffix(".md").unwrap_or(title);
    title.trim().to_lowercase()
}

/// Adds `i` to the list of `key`, once (documents come in order).
fn push<K: std::hash::Hash + Eq>(map: &mut FastMap<K, Vec<usize>>, key: K, i: usize) {
    let list = map.entry(key).or_default();
    if list.last() != Some(&i) {
        list.push(i);
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
        // In place: documents are small (their records boxed), and putting them in order
        // where they are needs no second list of them.
        in_path_order(&mut docs);
        let mut index = Self {
            root,
            now: Now::new(now),
            settings,
            settings_text,
            settings_findings,
            docs,
            walk_findings,
            dismissed: Dismissals::default(),
            by_id: FastMap::default(),
            paths: FastSet::default(),
            names: OnceLock::new(),
            links: OnceLock::new(),
            folded: OnceLock::new(),
            templates: OnceLock::new(),
        };
        index.link();
        let (gone, made) = index.implied();
        if !made.is_empty() {
            index.imply_all(&gone, made);
        }
        index
    }

    /// What the references call for against the implicit records there are
    /// ([`implicit`]): the positions of those to drop (in order) and the records to make. An
    /// implicit record first named elsewhere is dropped and made again (its T206 moves).
    fn implied(&self) -> (Vec<usize>, Vec<Document>) {
        let wanted = if self.settings.references() == References::Implicit {
            implicit::wanted(self)
        } else {
            Vec::new()
        };
        let gone: Vec<usize> = (0..self.docs.len())
            .filter(|&i| self.docs[i].is_implicit())
            .filter(|&i| !wanted.iter().any(|w| w.is(&self.docs[i])))
            .collect();
        let kept = |w: &implicit::Wanted| {
            self.position(&w.path)
                .is_some_and(|i| w.is(&self.docs[i]) && !gone.contains(&i))
        };
        let made = (wanted.into_iter())
            .filter(|w| !kept(w))
            .map(|w| w.document(self))
            .collect();
        (gone, made)
    }

    /// Drops the implicit records at `gone` and adds `made` all at once, then builds the
    /// lookups again; returns the id and path of each, and their names as lookups key them.
    fn imply_all(
        &mut self,
        gone: &[usize],
        made: Vec<Document>,
    ) -> (Vec<(Id, String)>, Vec<String>) {
        let mut moved = Vec::new();
        let mut keys = Vec::new();
        for &i in gone.iter().rev() {
            let doc = self.docs.remove(i);
            keys.extend(name_keys(&doc));
            moved.push((doc.id, doc.path));
        }
        for doc in made {
            keys.extend(name_keys(&doc));
            moved.push((doc.id.clone(), doc.path.clone()));
            self.upsert(doc);
        }
        self.relink();
        (moved, keys)
    }

    /// [`Index::implied`] made so after a few changes followed one by one: each implicit
    /// record that goes or comes is removed or inserted as a file would be, so only the
    /// documents naming it are looked at again.
    fn imply(&mut self, affected: &mut Affected) {
        let (gone, made) = self.implied();
        if gone.len() + made.len() > ONE_BY_ONE {
            let (moved, keys) = self.imply_all(&gone, made);
            let reach = self.links().reach(self);
            let near = Self::naming(reach, &keys, None)
                .into_iter()
                .chain((moved.iter()).flat_map(|(id, path)| {
                    paths(self.by_id.get(id)).chain(paths(reach.files_linked_by.get(path.as_str())))
                }));
            let near: Vec<usize> = near.collect();
            for i in near {
                affected.paths.insert(self.docs[i].path.clone());
            }
            affected
                .moved
                .extend(moved.into_iter().map(|(id, _)| id.to_string()));
            return;
        }
        // Not what the files did: the counts stay the files' own.
        let mut implied = Affected::default();
        for &i in gone.iter().rev() {
            self.remove(i, &mut implied);
        }
        for doc in made {
            self.insert(doc, &mut implied);
        }
        affected.paths.extend(implied.paths);
        affected.moved.extend(implied.moved);
    }

    /// How many files the notebook has: its documents less the implicit records.
    pub(crate) fn files(&self) -> usize {
        self.docs.iter().filter(|d| !d.is_implicit()).count()
    }

    /// Builds the id and path lookups side by side, on the cores there are; the others are
    /// built again on first use. One after the other, they took 3.8 ms of a check at 8,300
    /// files while the other core waited: each pass over the documents misses the cache
    /// once or twice a document, which is most of what it costs.
    fn link(&mut self) {
        self.names = OnceLock::new();
        self.links = OnceLock::new();
        self.folded = OnceLock::new();
        let docs = &self.docs;
        (self.by_id, self.paths) = rayon::join(
            || {
                let mut by_id =
                    FastMap::with_capacity_and_hasher(docs.len(), BuildHasherDefault::default());
                for (i, doc) in docs.iter().enumerate() {
                    push(&mut by_id, doc.id.clone(), i);
                }
                by_id
            },
            || docs.iter().map(|doc| doc.path.clone()).collect(),
        );
    }

    /// The message templates, read from `templates/` on first use.
    pub(crate) fn templates(&self) -> &Templates {
        self.templates.get_or_init(|| Templates::load(&self.root))
    }

    /// Replaces the message templates (a file of `templates/` changed, or its buffer).
    pub(crate) fn set_templates(&mut self, templates: Templates) {
        self.templates = OnceLock::from(templates);
    }

    /// Who names whom, built on first use.
    fn links(&self) -> &Links {
        self.links.get_or_init(|| Links::new(self))
    }

    /// The documents (positions) whose path is the same file as `path` on a file system
    /// that ignores case and normalisation, `path`'s own among them if it is a document's.
    /// Alone or not: a path that came or went in a batch names the one it was the same file
    /// as, left alone now, whose T205 must go. Found by the fold's fingerprint, so a path
    /// whose fold only shares it may be among them: compare the folds
    /// ([`crate::slug::fold`]) before saying two are one file.
    pub(crate) fn same_file(&self, path: &str) -> impl Iterator<Item = usize> + '_ {
        let folded = self.folded.get_or_init(|| folded(&self.docs));
        let key = fold_key(path);
        let from = folded.partition_point(|&(k, _)| k < key);
        let to = from + folded[from..].partition_point(|&(k, _)| k == key);
        folded[from..to].iter().map(|&(_, i)| i)
    }

    /// Titles, names and aliases, built on first use.
    fn names(&self) -> &FastMap<String, Vec<usize>> {
        self.names.get_or_init(|| names(&self.docs))
    }

    /// Applies a batch of changes to the files, keeping every lookup up to date, and says
    /// which documents the cross-file rules must look at again: the documents put, and for
    /// a document that came, went, or changed its `name` or `aliases`, those sharing its id,
    /// naming it (by id, title, name or alias) or linking to its file. A few documents that
    /// come or go are followed one by one: the positions of the others move by one in every
    /// lookup, and only the references that name them are resolved again. More than
    /// [`ONE_BY_ONE`] (a `git checkout`, a folder moved) build the lookups again at once,
    /// still without reading or parsing anything.
    pub(crate) fn apply(&mut self, changes: Vec<Edit>) -> Affected {
        let moving: usize = changes
            .iter()
            .map(|c| match c {
                Edit::Put(doc) => usize::from(self.position(&doc.path).is_none()),
                Edit::Gone(path) => self.under(path).len(),
            })
            .sum();
        if moving > ONE_BY_ONE {
            return self.apply_all(changes);
        }
        // Followed one by one from here: the lookups are built once, then kept.
        self.links().reach(self);
        let mut affected = Affected::default();
        // Whether a change may call for other implicit records: a file that came or went,
        // or one whose names or references changed.
        let mut unsettled = false;
        for change in changes {
            let moves = match &change {
                Edit::Put(doc) => {
                    (self.position(&doc.path)).and_then(|i| implicit::moves(&self.docs[i], doc))
                }
                Edit::Gone(_) => None,
            };
            match &moves {
                None => unsettled = true,
                Some(moves) if !moves.is_empty() => {
                    if let Edit::Put(doc) = &change {
                        self.move_first_mentions(&doc.path, moves);
                    }
                }
                Some(_) => {}
            }
            match change {
                Edit::Put(doc) => match self.position(&doc.path) {
                    // A note written where an implicit record stood: the record goes (made
                    // again below if still called for), the note comes.
                    Some(i) if self.docs[i].is_implicit() => {
                        let mut implied = Affected::default();
                        self.remove(i, &mut implied);
                        affected.paths.extend(implied.paths);
                        affected.moved.extend(implied.moved);
                        self.insert(doc, &mut affected);
                    }
                    Some(i) => self.replace(i, doc, &mut affected),
                    None => self.insert(doc, &mut affected),
                },
                Edit::Gone(path) => {
                    // From the last: the positions before it stay.
                    for i in self.under(&path).into_iter().rev() {
                        self.remove(i, &mut affected);
                    }
                    self.walk_findings.retain(|d| !is_under(&d.path, &path));
                }
            }
        }
        // What the references call for may change: a name written or dropped, a note
        // that answers to it.
        if unsettled {
            self.imply(&mut affected);
        }
        self.without_implicit(&mut affected);
        affected
    }

    /// The implicit records first named in the file at `path` follow their mention where an
    /// edit moved it (`moves`: old span to new); the file itself is checked again.
    fn move_first_mentions(&mut self, path: &str, moves: &[(Span, Span)]) {
        let firsts = (self.docs.iter_mut()).filter_map(|d| d.implicit.as_deref_mut());
        for first in firsts.filter(|f| f.first_path == path) {
            if let Some((_, to)) = moves.iter().find(|(from, _)| *from == first.first) {
                first.first = *to;
            }
        }
    }

    /// Takes the implicit records out of `affected.paths`: they have no file and no
    /// findings of their own.
    fn without_implicit(&self, affected: &mut Affected) {
        (affected.paths).retain(|p| !self.doc(p).is_some_and(Document::is_implicit));
    }

    /// The positions of the document at `path` and of every document under the folder
    /// `path` (everything, for `""`), in order: a file `a/b` and the folder `a/b/` may be
    /// apart, as `a/b-c` sorts between them.
    /// Implicit records have no file to be gone ([`Index::imply`] keeps them).
    fn under(&self, path: &str) -> Vec<usize> {
        let all = if path.is_empty() {
            0..self.docs.len()
        } else {
            let folder = format!("{path}/");
            let inside = self
                .docs
                .partition_point(|d| d.path.as_str() < folder.as_str());
            let past = inside
                + self.docs[inside..].partition_point(|d| d.path.starts_with(folder.as_str()));
            inside..past
        };
        (self.position(path).filter(|_| !path.is_empty()).into_iter())
            .chain(all)
            .filter(|&i| !self.docs[i].is_implicit())
            .collect()
    }

    /// The documents that name any of `keys` (names looked up as [`name_key`] makes them),
    /// `but` aside, by position.
    fn naming(reach: &Reach, keys: &[String], but: Option<usize>) -> Vec<usize> {
        let mut near: Vec<usize> = keys
            .iter()
            .filter_map(|k| reach.written.get(k))
            .flatten()
            .copied()
            .filter(|&x| Some(x) != but)
            .collect();
        near.sort_unstable();
        near.dedup();
        near
    }

    /// `doc` replaces the document at `i`, which has its path.
    fn replace(&mut self, i: usize, doc: Document, affected: &mut Affected) {
        affected.paths.insert(doc.path.clone());
        affected.modified += 1;
        let mut links = self.links.take().unwrap_or_else(|| Links::new(self));
        // A property can change a file's kind (`kinds:`): what its names resolve to among
        // a kind changes as a new name would.
        let renamed = names_of(&self.docs[i]).ne(names_of(&doc)) || self.docs[i].kind != doc.kind;
        // Who else names it by an old or a new name: their references may resolve
        // differently, and their entries in the lookups with them.
        let near = if renamed {
            let keys: Vec<String> = name_keys(&self.docs[i]).chain(name_keys(&doc)).collect();
            Self::naming(links.reach(self), &keys, Some(i))
        } else {
            Vec::new()
        };
        for &x in &near {
            links.update(self, x, &self.docs[x], false);
        }
        links.update(self, i, &self.docs[i], false);
        if renamed && let Some(names) = self.names.get_mut() {
            edit_names(names, &self.docs[i], i, false);
            edit_names(names, &doc, i, true);
        }
        self.docs[i] = doc;
        links.update(self, i, &self.docs[i], true);
        for &x in &near {
            links.update(self, x, &self.docs[x], true);
            affected.paths.insert(self.docs[x].path.clone());
        }
        self.links = OnceLock::from(links);
    }

    /// Adds `doc`, whose path no document has.
    fn insert(&mut self, doc: Document, affected: &mut Affected) {
        let at = self.docs.partition_point(|d| d.path < doc.path);
        affected.paths.insert(doc.path.clone());
        affected.moved.insert(doc.id.to_string());
        affected.added += 1;
        let mut links = self.links.take().unwrap_or_else(|| Links::new(self));
        let keys: Vec<String> = name_keys(&doc).collect();
        let mut near = Self::naming(links.reach(self), &keys, None);
        for &x in &near {
            links.update(self, x, &self.docs[x], false);
        }
        self.docs.insert(at, doc);
        for list in self.by_id.values_mut() {
            shift_list(list, at, true);
        }
        if let Some(names) = self.names.get_mut() {
            for list in names.values_mut() {
                shift_list(list, at, true);
            }
            edit_names(names, &self.docs[at], at, true);
        }
        if let Some(folded) = self.folded.get_mut() {
            shift_folded(folded, at, true);
            let entry = (fold_key(&self.docs[at].path), at);
            let place = folded.partition_point(|e| *e < entry);
            folded.insert(place, entry);
        }
        links.shift(at, true);
        shift_list(&mut near, at, true);
        let doc = &self.docs[at];
        put(&mut self.by_id, doc.id.clone(), at, true);
        self.paths.insert(doc.path.clone());
        links.update(self, at, &self.docs[at], true);
        for &x in &near {
            links.update(self, x, &self.docs[x], true);
        }
        let doc = &self.docs[at];
        let also = paths(self.by_id.get(&doc.id))
            .chain(paths(
                links.reach(self).files_linked_by.get(doc.path.as_str()),
            ))
            .chain(self.same_file(&doc.path))
            .chain(near.iter().copied());
        for x in also {
            affected.paths.insert(self.docs[x].path.clone());
        }
        self.links = OnceLock::from(links);
    }

    /// Removes the document at `i`.
    fn remove(&mut self, i: usize, affected: &mut Affected) {
        let mut links = self.links.take().unwrap_or_else(|| Links::new(self));
        let doc = &self.docs[i];
        affected.removed.insert(doc.path.clone());
        affected.moved.insert(doc.id.to_string());
        affected.dropped += 1;
        let keys: Vec<String> = name_keys(doc).collect();
        let mut near = Self::naming(links.reach(self), &keys, Some(i));
        let also = paths(self.by_id.get(&doc.id))
            .chain(paths(
                links.reach(self).files_linked_by.get(doc.path.as_str()),
            ))
            .chain(self.same_file(&doc.path))
            .filter(|&x| x != i);
        for x in also.chain(near.iter().copied()) {
            affected.paths.insert(self.docs[x].path.clone());
        }
        for &x in &near {
            links.update(self, x, &self.docs[x], false);
        }
        links.update(self, i, &self.docs[i], false);
        let doc = &self.docs[i];
        put(&mut self.by_id, doc.id.clone(), i, false);
        self.paths.remove(&doc.path);
        if let Some(names) = self.names.get_mut() {
            edit_names(names, &self.docs[i], i, false);
        }
        if let Some(folded) = self.folded.get_mut()
            && let Ok(place) = folded.binary_search(&(fold_key(&self.docs[i].path), i))
        {
            folded.remove(place);
        }
        self.docs.remove(i);
        for list in self.by_id.values_mut() {
            shift_list(list, i, false);
        }
        if let Some(names) = self.names.get_mut() {
            for list in names.values_mut() {
                shift_list(list, i, false);
            }
        }
        if let Some(folded) = self.folded.get_mut() {
            shift_folded(folded, i, false);
        }
        links.shift(i, false);
        shift_list(&mut near, i, false);
        for &x in &near {
            links.update(self, x, &self.docs[x], true);
        }
        self.links = OnceLock::from(links);
    }

    /// [`Index::apply`] for many documents coming or going: the changes made, then the
    /// lookups built again. The documents are moved once, at the end: each insertion or
    /// removal in place would shift every document after it, and a `git checkout` of 200
    /// files into 83,000 moved gigabytes.
    fn apply_all(&mut self, changes: Vec<Edit>) -> Affected {
        let mut affected = Affected::default();
        // The ids, paths and names of the documents that came, went or were renamed.
        let mut moved: Vec<(Id, String)> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        // The documents that came, by path, and the positions of those that went.
        let mut came: BTreeMap<String, Document> = BTreeMap::new();
        let mut dropped = vec![false; self.docs.len()];
        for change in changes {
            match change {
                Edit::Put(doc) => {
                    affected.paths.insert(doc.path.clone());
                    let mut here = self.position(&doc.path).filter(|&i| !dropped[i]);
                    // A note written where an implicit record stood: the implicit record
                    // goes (made again below if still called for).
                    if let Some(i) = here
                        && self.docs[i].is_implicit()
                    {
                        dropped[i] = true;
                        let was = &self.docs[i];
                        keys.extend(name_keys(was));
                        affected.moved.insert(was.id.to_string());
                        moved.push((was.id.clone(), was.path.clone()));
                        here = None;
                    }
                    match here.map(|i| &mut self.docs[i]).or(came.get_mut(&doc.path)) {
                        Some(was) => {
                            affected.modified += 1;
                            // A property can change a file's kind (`kinds:`): what its
                            // title resolves to among a kind changes as a name would.
                            if names_of(was).ne(names_of(&doc)) || was.kind != doc.kind {
                                keys.extend(name_keys(was).chain(name_keys(&doc)));
                            }
                            *was = doc;
                        }
                        None => {
                            affected.added += 1;
                            affected.moved.insert(doc.id.to_string());
                            keys.extend(name_keys(&doc));
                            moved.push((doc.id.clone(), doc.path.clone()));
                            came.insert(doc.path.clone(), doc);
                        }
                    }
                }
                Edit::Gone(path) => {
                    let staged = came.keys().filter(|p| is_under(p, &path)).cloned();
                    let staged: Vec<String> = staged.collect();
                    let went = (self.under(&path).into_iter().filter(|&i| !dropped[i]))
                        .collect::<Vec<_>>();
                    for i in &went {
                        dropped[*i] = true;
                    }
                    let docs = went.iter().map(|&i| &self.docs[i]);
                    for doc in docs.chain(staged.iter().filter_map(|p| came.get(p))) {
                        moved.push((doc.id.clone(), doc.path.clone()));
                        keys.extend(name_keys(doc));
                        affected.moved.insert(doc.id.to_string());
                        affected.removed.insert(doc.path.clone());
                        affected.dropped += 1;
                    }
                    for p in &staged {
                        came.remove(p);
                    }
                    self.walk_findings.retain(|d| !is_under(&d.path, &path));
                }
            }
        }
        let mut went = dropped.into_iter();
        self.docs.retain(|_| !went.next().unwrap_or(false));
        if !came.is_empty() {
            // Both in path order: one merge.
            let mut came = came.into_values().peekable();
            let mut docs = Vec::with_capacity(self.docs.len() + came.len());
            for doc in std::mem::take(&mut self.docs) {
                docs.extend(std::iter::from_fn(|| came.next_if(|c| c.path < doc.path)));
                docs.push(doc);
            }
            docs.extend(came);
            self.docs = docs;
        }
        self.relink();
        // What the references call for may change with any edit: a name written or
        // dropped, a note that answers to it.
        let (gone, made) = self.implied();
        if !gone.is_empty() || !made.is_empty() {
            let (implied, implied_keys) = self.imply_all(&gone, made);
            affected
                .moved
                .extend(implied.iter().map(|(id, _)| id.to_string()));
            moved.extend(implied);
            keys.extend(implied_keys);
        }
        // T205: a file that came or went may be the same file as another on macOS and
        // Windows (names that differ only in case or normalisation).
        for (_, path) in &moved {
            for i in self.same_file(path) {
                affected.paths.insert(self.docs[i].path.clone());
            }
        }
        let reach = self.links().reach(self);
        for i in Self::naming(reach, &keys, None) {
            affected.paths.insert(self.docs[i].path.clone());
        }
        for (id, path) in &moved {
            let near =
                paths(self.by_id.get(id)).chain(paths(reach.files_linked_by.get(path.as_str())));
            for i in near {
                affected.paths.insert(self.docs[i].path.clone());
            }
        }
        self.without_implicit(&mut affected);
        affected
    }

    /// Adds `doc`, or replaces the document with the same path. Call [`Index::relink`] after
    /// a batch of them.
    pub(crate) fn upsert(&mut self, doc: Document) {
        match self
            .docs
            .binary_search_by(|d| d.path.as_str().cmp(&doc.path))
        {
            Ok(i) => self.docs[i] = doc,
            Err(i) => self.docs.insert(i, doc),
        }
    }

    pub(crate) fn set_now(&mut self, now: NaiveDateTime) {
        self.now = Now::new(now);
    }

    /// The one "now" of this run: what it was asked bounds how long an output made from
    /// the notebook holds.
    pub(crate) fn now(&self) -> &Now {
        &self.now
    }

    /// The date of now, which most rules count in ([`Now::today`]).
    pub(crate) fn today(&self) -> NaiveDate {
        self.now.today()
    }

    /// Rebuilds the lookups after [`Index::upsert`].
    pub(crate) fn relink(&mut self) {
        self.link();
    }

    /// The document at this path, by its position.
    pub(crate) fn position(&self, path: &str) -> Option<usize> {
        self.docs
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
    }

    /// The document at this path.
    pub(crate) fn doc(&self, path: &str) -> Option<&Document> {
        self.position(path).map(|i| &self.docs[i])
    }

    /// Takes the settings read from `ties.yaml`, its text and its problems.
    pub(crate) fn set_settings(&mut self, settings: Settings, text: String, found: Vec<Placed>) {
        self.settings = settings;
        self.keep_settings(text, found);
    }

    /// Keeps the settings in force, with the text of a `ties.yaml` that does not read and
    /// its problems.
    pub(crate) fn keep_settings(&mut self, text: String, found: Vec<Placed>) {
        self.settings_text = text;
        self.settings_findings = found;
    }

    /// Adds problems met while walking a folder.
    pub(crate) fn add_walk_findings(&mut self, found: Vec<Placed>) {
        self.walk_findings.extend(found);
    }

    /// What `text` (an id, `[[id]]`, a title, a `name` or an alias) names among records of
    /// `kind` (any document if `None`), as Obsidian resolves a link: the exact id first,
    /// else, ignoring case, the file title, a `name` or an entry of `aliases`. A title or
    /// name found only among other kinds is still found, so T202 can say "wrong kind". The
    /// one place references resolve: checks, agenda, reports, `show` and lookups use it.
    ///
    /// A reference with a `/` is a path from the notebook root, as Obsidian writes a link
    /// to a note whose title another note shares (`[[People/Network/Deb Tien]]`, `.md`
    /// optional, any case); it may leave out leading folders (`[[Network/Deb Tien]]`). In a
    /// title notebook, where two folders may hold one title, a title several records share
    /// names several unless a path says which.
    pub(crate) fn resolve(&self, kind: Option<Kind>, text: &str) -> Resolved {
        self.resolve_among(kind, text, false)
    }

    /// [`Index::resolve`] among the notebook's files alone, as if there were no implicit
    /// records: what decides which names are implicit records.
    fn resolve_files(&self, kind: Option<Kind>, text: &str) -> Resolved {
        self.resolve_among(kind, text, true)
    }

    fn resolve_among(&self, kind: Option<Kind>, text: &str, files_only: bool) -> Resolved {
        // Nearly every reference and link is an exact id: found without an allocation.
        if let Some(found) = self.exact(kind, text, files_only) {
            return found;
        }
        let id = Id::from_reference(text);
        if let Some(found) = self.exact(kind, id.as_str(), files_only) {
            return found;
        }
        let id = id.as_str();
        let keep = |i: &usize| !files_only || !self.docs[*i].is_implicit();
        if let Some((_, title)) = id.rsplit_once('/') {
            let mut found = self.by_path(id, title);
            found.retain(keep);
            return self.of_kind(kind, found);
        }
        match self.names().get(&id.to_lowercase()) {
            Some(found) => self.of_kind(kind, found.iter().copied().filter(keep).collect()),
            None => Resolved::None,
        }
    }

    /// The documents whose id is exactly `id`: the first by path where ids are unique (a
    /// second one is T203), each of `kind` in a title notebook; of the files alone with
    /// `files_only`.
    fn exact(&self, kind: Option<Kind>, id: &str, files_only: bool) -> Option<Resolved> {
        let all = self.lookup(id);
        let files: Vec<usize>;
        let all = if files_only && all.iter().any(|&i| self.docs[i].is_implicit()) {
            files = (all.iter().copied())
                .filter(|&i| !self.docs[i].is_implicit())
                .collect();
            &files[..]
        } else {
            all
        };
        match all {
            [] => None,
            [one] => Some(Resolved::One(*one)),
            // Title ids, or implicit records of two kinds with one name, can share an id.
            all if self.settings.conventions.title_ids()
                || all.iter().any(|&i| self.docs[i].is_implicit()) =>
            {
                Some(self.of_kind(kind, all.to_vec()))
            }
            all => Some(Resolved::One(all[0])),
        }
    }

    /// The document at the notebook path `path` (without `.md`, any case), or at a path
    /// that ends with it after a folder; `title` is its last part.
    fn by_path(&self, path: &str, title: &str) -> Vec<usize> {
        let lower = |s: &str| s.trim().to_lowercase();
        let path = lower(path.strip_suffix(".md").unwrap_or(path));
        let title = lower(title.strip_suffix(".md").unwrap_or(title));
        let Some(titled) = self.names().get(&title) else {
            return Vec::new();
        };
        (titled.iter().copied())
            .filter(|&i| {
                let doc = lower(&self.docs[i].path);
                let doc = doc.strip_suffix(".md").unwrap_or(&doc);
                doc == path
                    || doc
                        .strip_suffix(path.as_str())
                        .is_some_and(|folder| folder.ends_with('/'))
            })
            .collect()
    }

    /// What `found` names among records of `kind`: those of the kind if any, else all (so
    /// T202 can say "wrong kind").
    fn of_kind(&self, kind: Option<Kind>, found: Vec<usize>) -> Resolved {
        let of_kind: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&i| kind.is_none_or(|k| self.docs[i].kind == k))
            .collect();
        let found = if of_kind.is_empty() { found } else { of_kind };
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
        match self.resolve(Some(kind), id.as_str()) {
            Resolved::One(i) => Some(&self.docs[i]),
            _ => None,
        }
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
                    if c.company.as_ref().is_some_and(|id| {
                        self.canonical(Kind::Company, &id.value).as_str() == company
                    }) =>
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
            .filter(|d| *d <= self.today())
    }

    /// The dates of every interaction with the contact: `reached_out`, `followed_up`,
    /// `replied`, `last_contact`, their done chats, and the past events that list them in
    /// `met`. (A planned or cancelled chat has not happened.)
    pub(crate) fn interactions(
        &self,
        id: &str,
        contact: &Contact,
    ) -> impl Iterator<Item = NaiveDate> {
        let own = contact.own_dates();
        let chats = self
            .chats_with(id)
            .filter(|(_, c)| c.is_done(&self.now))
            .filter_map(|(_, c)| c.day());
        own.chain(chats).chain(self.past_events_met(id))
    }

    /// The days of sent messages (done `direction: sent` chats) not already logged on the
    /// contact as `reached_out` or `followed_up`, sorted: logging a message both ways counts
    /// once.
    pub(crate) fn sent_messages(&self, id: &str, contact: &Contact) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self
            .chats_with(id)
            .filter(|(_, c)| c.is_sent() && c.is_done(&self.now))
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
        Self::outreach_with(contact, &self.sent_messages(id, contact))
    }

    /// [`Index::outreach`] of a contact whose [`Index::sent_messages`] are `sent`.
    pub(crate) fn outreach_with(contact: &Contact, sent: &[NaiveDate]) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = contact
            .reached_out
            .iter()
            .chain(&contact.followed_up)
            .map(|d| d.value)
            .chain(sent.iter().copied())
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
        self.chats_with(id).any(|(_, c)| c.is_meeting(&self.now))
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
            || contact.last_contact.is_some()
            || self.chats_with(id).any(|(_, c)| c.is_reply(&self.now))
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

/// Whether `p` is `path` or lies under the folder `path` (everything, for `""`).
fn is_under(p: &str, path: &str) -> bool {
    p == path
        || path.is_empty()
        || p.strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Every document by its title (its id), and every record by its `name` and its
/// `aliases`, lower-cased; a document is listed once under each.
fn names(docs: &[Document]) -> FastMap<String, Vec<usize>> {
    // At least a title each: sized once rather than grown (and moved) a dozen times.
    let mut names: FastMap<String, Vec<usize>> =
        FastMap::with_capacity_and_hasher(docs.len(), BuildHasherDefault::default());
    for (i, doc) in docs.iter().enumerate() {
        for name in names_of(doc) {
            let at = names.entry(name.trim().to_lowercase()).or_default();
            if at.last() != Some(&i) {
                at.push(i);
            }
        }
    }
    names
}

/// The title (id), `name` and `aliases` of a document: what a reference by name finds it by.
fn names_of(doc: &Document) -> impl Iterator<Item = &str> {
    let aliases = match &doc.record {
        Some(Record::Contact(c)) => c.aliases.as_slice(),
        Some(Record::Company(c)) => c.aliases.as_slice(),
        _ => &[],
    };
    std::iter::once(doc.id.as_str())
        .chain(doc.name())
        .chain(aliases.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Documents in any order, some paths alike but for case or a prefix, come out in
    /// the order of their paths, each once, as a sort of the documents themselves puts them.
    #[test]
    fn documents_are_put_in_path_order() {
        let conventions = crate::model::conventions::Conventions::default();
        let names = [
            "a.md",
            "B.md",
            "b.md",
            "contacts/a.md",
            "contacts/a.md.md",
            "z/ä.md",
        ];
        let mut rng = crate::rng::Rng::new(0x50_27);
        for len in 0..40 {
            let mut docs: Vec<Document> = (0..len)
                .map(|n| {
                    let path = format!("{}{}", n % 3, rng.pick(&names));
                    Document::parse(path, Ok(format!("{n}").into_bytes()), &conventions)
                })
                .collect();
            let mut expected: Vec<(String, String)> = (docs.iter())
                .map(|d| (d.path.clone(), format!("{:?}", d.text())))
                .collect();
            expected.sort();
            in_path_order(&mut docs);
            let mut got: Vec<(String, String)> = (docs.iter())
                .map(|d| (d.path.clone(), format!("{:?}", d.text())))
                .collect();
            assert!(got.is_sorted_by(|a, b| a.0 <= b.0), "{got:?}");
            got.sort();
            assert_eq!(got, expected, "each document once");
        }
    }

    #[test]
    fn a_fold_key_is_the_fingerprint_of_the_fold_on_either_path() {
        let long = "contacts/".to_owned() + &"Ab".repeat(200) + ".md";
        for name in ["contacts/Ana Li.md", "José.md", "Jose\u{301}.md", &long, ""] {
            assert_eq!(
                fold_key(name),
                crate::hash::fingerprint(crate::slug::fold(name).as_bytes()),
                "{name}"
            );
        }
        assert_eq!(
            fold_key("contacts/ANA LI.md"),
            fold_key("contacts/ana li.md")
        );
        assert_eq!(fold_key("Jose\u{301}.md"), fold_key("JOSÉ.md"));
        assert_ne!(
            fold_key("contacts/ana li.md"),
            fold_key("contacts/ana lee.md")
        );
    }

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

    #[test]
    fn links_follow_a_changed_file_as_if_built_again() {
        let chat = "---\nwith: [ada, \"[[Bob Stone]]\"]\ndate: 2026-11-12\nreferrals: [cy]\n---\nSee [[acme]] and [Ada](../contacts/ada.md).\n";
        let files = [
            (
                "contacts/ada.md",
                "---\nname: Ada\nintroduced_by: bob\ncompany: acme\n---\n",
            ),
            ("contacts/bob.md", "---\nname: Bob Stone\n---\n[[ada]]\n"),
            ("contacts/cy.md", "---\nname: Cy\nintroduced_by: bob\n---\n"),
            ("companies/acme.md", "---\nname: Acme\n---\n"),
            ("chats/2026-11-12-ada.md", chat),
            (
                "events/meetup.md",
                "---\nname: Meetup\ndate: 2026-11-10\nmet: [ada, cy]\n---\n",
            ),
        ];
        // Each edit as a keystroke would make it: references added, dropped and moved.
        let edits = [
            (
                "chats/2026-11-12-ada.md",
                "---\nwith: [cy]\ndate: 2026-11-12\n---\n",
            ),
            ("chats/2026-11-12-ada.md", chat),
            (
                "contacts/ada.md",
                "---\nname: Ada\ncompany: acme\n---\n[[cy]] [[cy]]\n",
            ),
            ("contacts/cy.md", "---\nname: Cy\n---\n"),
            (
                "events/meetup.md",
                "---\nname: Meetup\ndate: 2026-11-10\nmet: [bob, bob]\n---\n",
            ),
            (
                "contacts/bob.md",
                "---\nname: Bob Stone\nintroduced_by: ada\n---\n",
            ),
        ];
        let mut ix = index(&files);
        ix.links();
        for (path, text) in edits {
            let doc = Document::parse(
                path.to_owned(),
                Ok(text.as_bytes().to_vec()),
                &crate::model::conventions::PLAIN,
            );
            let affected = ix.apply(vec![Edit::Put(doc)]);
            assert!(affected.moved.is_empty(), "{path}");
            let kept = ix.links.get().expect("updated, not dropped");
            let fresh = Links::new(&ix);
            fresh.reach(&ix);
            assert_eq!(kept, &fresh, "after {path}");
        }
        assert!(ix.links().referrers.contains_key("ada"));
        assert!(
            ix.links().referrers.contains_key("bob"),
            "the chat's referrals"
        );
        assert!(
            !ix.links().referrers.contains_key("cy"),
            "cy referred no one"
        );
    }

    /// Documents coming, going and renamed one by one keep every lookup as building them
    /// again would make it: ids, paths, names and who names whom.
    #[test]
    fn lookups_followed_one_by_one_equal_lookups_built_again() {
        const TEXTS: [&str; 7] = [
            "---\nname: Ada Byron\naliases: [Ada, countess]\nintroduced_by: bo\n---\n[[bo]]\n",
            "---\nname: Bo\ncompany: \"[[Acme Corp]]\"\n---\n[x](../notes/n.md) [[countess]]\n",
            "---\nname: Acme Corp\naliases: [acme]\n---\n",
            "---\nwith: [ada, Bo, countess]\ndate: 2026-10-01\nreferrals: [cy]\n---\n[[Acme]]\n",
            "---\nname: Meetup\ndate: 2026-10-03\nmet: [Ada Byron, bo]\n---\n",
            "[[ada]] [[bo]] [[ACME CORP]] [n](n.md)\n",
            "---\nname: Cy\naliases: [bo]\n---\n",
        ];
        const PATHS: [&str; 10] = [
            "contacts/ada.md",
            "contacts/ADA.md",
            "contacts/bo.md",
            "contacts/cy.md",
            "contacts/x/ada.md",
            "companies/acme.md",
            "chats/2026-10-01-ada.md",
            "events/meetup.md",
            "notes/n.md",
            "notes/x/acme.md",
        ];
        for seed in 1..=30_u64 {
            let mut rng = crate::rng::Rng::new(seed);
            let mut ix = index(&[]);
            for _ in 0..40 {
                let path = *rng.pick(&PATHS);
                let edits = if rng.chance(30) {
                    vec![Edit::Gone(
                        ["contacts/x", "notes", path][rng.below(3)].to_owned(),
                    )]
                } else {
                    let text = *rng.pick(&TEXTS);
                    let bytes = Ok(text.as_bytes().to_vec());
                    let doc =
                        Document::parse(path.to_owned(), bytes, &crate::model::conventions::PLAIN);
                    vec![Edit::Put(doc)]
                };
                // Asked for now and then, so that both the kept and the unbuilt ones change.
                if rng.chance(50) {
                    ix.names();
                }
                if rng.chance(50) {
                    let _ = ix.same_file("contacts/ada.md");
                }
                ix.apply(edits);
                let fresh = index(&[]);
                let mut fresh = Index {
                    docs: ix
                        .docs
                        .iter()
                        .map(|d| {
                            let text = d.text().unwrap_or_default();
                            Document::parse(
                                d.path.clone(),
                                Ok(text.as_bytes().to_vec()),
                                &crate::model::conventions::PLAIN,
                            )
                        })
                        .collect(),
                    ..fresh
                };
                fresh.link();
                assert_eq!(ix.by_id, fresh.by_id, "seed {seed}");
                assert_eq!(ix.paths, fresh.paths, "seed {seed}");
                if let Some(names) = ix.names.get() {
                    assert_eq!(names, fresh.names(), "seed {seed}");
                }
                if let Some(folded) = ix.folded.get() {
                    let _ = fresh.same_file("");
                    assert_eq!(Some(folded), fresh.folded.get(), "seed {seed}");
                }
                // The reach of the changes is built by following them.
                fresh.links().reach(&fresh);
                assert_eq!(ix.links(), fresh.links(), "seed {seed}");
            }
        }
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
    fn links_built_in_runs_and_joined_are_those_of_one_pass() {
        let ix = index(&[
            (
                "chats/2026-10-01-ada.md",
                "---\nwith: [ada, bo]\ndate: 2026-10-01 10:00\nreferrals: [cy]\n---\n[[bo]] [x](../notes/n.md)\n",
            ),
            (
                "chats/2026-10-02-ada.md",
                "---\nwith: [Ada Byron]\ndate: 2026-10-02 10:00\n---\n[[ada]]\n",
            ),
            (
                "contacts/ada.md",
                "---\nname: Ada Byron\nintroduced_by: bo\n---\n[[bo]]\n",
            ),
            ("contacts/bo.md", "---\nname: Bo\n---\n[x](../notes/n.md)\n"),
            (
                "events/2026-10-03-meetup.md",
                "---\nname: Meetup\ndate: 2026-10-03\nmet: [ada, bo]\n---\n",
            ),
            ("notes/n.md", "[[ada]] [[bo]]\n"),
        ]);
        let of = |range: std::ops::Range<usize>| {
            let (mut links, mut reach) = (Links::default(), Reach::default());
            for i in range {
                links.visit(&ix, i, &ix.docs[i], true);
                reach.visit(&ix, i, &ix.docs[i], true);
            }
            (links, reach)
        };
        let whole = of(0..ix.docs.len());
        assert!(!whole.0.chats_with.is_empty() && !whole.1.linked_by.is_empty());
        for cut in 0..=ix.docs.len() {
            let (mut links, mut reach) = of(0..cut);
            let (later_links, later_reach) = of(cut..ix.docs.len());
            links.append(later_links);
            reach.append(later_reach);
            assert_eq!((links, reach), whole, "cut at {cut}");
        }
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

//! The rows together: who is new and who is already in the notebook, the ids of new files,
//! references resolved, and every planned file checked with the notebook.

use std::collections::{HashMap, HashSet};

use super::cells::one_line;
use super::columns::{self, Column};
use super::edits;
use super::files::contact_file;
use super::formats::Format;
use super::naming;
use super::people::{Person, profile_key};
use super::plan::{Edit, Log, Plan, Writable};
use super::row::{NO_NAME, Reader, Row};
use super::verify;
use crate::document::Document;
use crate::draft::{self, Draft};
use crate::fs::NewFile;
use crate::index::Index;
use crate::lookup;
use crate::model::conventions::Conventions;
use crate::model::fields::Type;
use crate::model::id::Id;
use crate::model::{Kind, Record};

/// What tells two people with the same name apart: a LinkedIn profile, an email address.
#[derive(Clone, Debug, Default)]
struct Identity {
    profile: Option<String>,
    email: Option<String>,
}

impl Identity {
    fn of(linkedin: Option<&str>, email: Option<&str>) -> Self {
        Self {
            profile: linkedin.map(profile_key),
            email: email.map(str::to_lowercase),
        }
    }

    /// Has a different profile or email: another person, whatever the name.
    fn differs(&self, other: &Self) -> bool {
        let different =
            |a: &Option<String>, b: &Option<String>| a.is_some() && b.is_some() && a != b;
        different(&self.profile, &other.profile) || different(&self.email, &other.email)
    }
}

/// Who is who: the people the rows are compared with (the notebook's contacts, or the rows
/// planned so far), by each thing that identifies them, so that each row is compared with
/// the few that share its profile, email, id or name rather than with everyone.
#[derive(Default)]
struct People {
    ids: HashMap<String, usize>,
    profiles: HashMap<String, usize>,
    emails: HashMap<String, usize>,
    /// By lower-case name: everyone of that name.
    names: HashMap<String, Vec<usize>>,
    /// Each person's identity and company (an id for the notebook's, the text of the cell
    /// for rows).
    who: Vec<(Identity, Option<String>)>,
    /// Each person's id.
    id: Vec<String>,
}

impl People {
    fn add(&mut self, id: &str, name: &str, who: Identity, company: Option<String>) {
        let at = self.who.len();
        self.ids.entry(id.to_owned()).or_insert(at);
        if let Some(profile) = &who.profile {
            self.profiles.entry(profile.clone()).or_insert(at);
        }
        if let Some(email) = &who.email {
            self.emails.entry(email.clone()).or_insert(at);
        }
        self.names.entry(name.to_lowercase()).or_default().push(at);
        self.who.push((who, company));
        self.id.push(id.to_owned());
    }

    /// The first person who shares a profile or an email with `me`.
    fn same(&self, me: &Identity) -> Option<usize> {
        let profile = me.profile.as_ref().and_then(|p| self.profiles.get(p));
        let email = me.email.as_ref().and_then(|e| self.emails.get(e));
        match (profile, email) {
            (Some(a), Some(b)) => Some(*a.min(b)),
            (a, b) => a.or(b).copied(),
        }
    }

    /// Everyone named `name` (lower case).
    fn named(&self, name: &str) -> &[usize] {
        self.names.get(name).map_or(&[], Vec::as_slice)
    }
}

pub(super) struct Planner<'a> {
    index: &'a Index,
    writable: Writable<'a>,
    reader: Reader<'a>,
    rows: Vec<Row>,
    /// The rows planned so far; `who` of each holds the company cell's text.
    planned: People,
    /// The notebook's contacts; `who` of each holds the company's id.
    existing: People,
    /// The notebook's company a company cell names, by the cell's text: asked once per name.
    company_ids: HashMap<String, Option<String>>,
    /// Bad rows and what the planner says of the file.
    log: Log,
    present: usize,
    /// LinkedIn's rows without a name (closed or hidden accounts): counted, not errors.
    nameless: Vec<u64>,
    /// Companies of an export of contacts created with their id as the name (the export has
    /// no `company_name`), for the note that says so.
    unnamed: usize,
    /// Known people whose row says they moved on.
    moves: Vec<Move>,
}

impl<'a> Planner<'a> {
    pub(super) fn new(index: &'a Index, reader: Reader<'a>, writable: Writable<'a>) -> Self {
        let mut existing = People::default();
        for (doc, c) in index.contacts() {
            existing.add(
                doc.id.as_str(),
                &c.name,
                Identity::of(c.linkedin.as_deref(), c.email.as_deref()),
                c.company.as_ref().map(|id| id.value.to_string()),
            );
        }
        Self {
            index,
            writable,
            reader,
            rows: Vec::new(),
            planned: People::default(),
            existing,
            company_ids: HashMap::new(),
            log: Log::default(),
            present: 0,
            nameless: Vec::new(),
            unnamed: 0,
            moves: Vec::new(),
        }
    }

    pub(super) fn row(&mut self, line: u64, cells: &[&str]) {
        // Notes on a row that is then skipped would only distract.
        let before = self.reader.log.mark();
        let mut row = match self.reader.read(line, cells) {
            Ok(row) => row,
            // A row without a name is nothing to fix in most exports (LinkedIn leaves the
            // connections of closed and hidden accounts empty but for the date; address books
            // hold bare email addresses): counted in one note rather than reported one by one.
            Err(why) if why == NO_NAME => {
                self.reader.log.forget(before);
                self.nameless.push(line);
                return;
            }
            Err(why) => {
                self.reader.log.forget(before);
                return self.log.bad(line, why);
            }
        };
        match self.identify(&mut row) {
            Ok(Identified::New) => self.rows.push(row),
            Ok(Identified::Known(them)) => {
                self.reader.log.forget(before);
                self.present += 1;
                // A newer export of connections says where they work now.
                if let Some(id) = them
                    && self.reader.format == Format::Linkedin
                {
                    self.compare(&row, &id);
                }
            }
            Err(why) => {
                self.reader.log.forget(before);
                self.log.bad(line, why);
            }
        }
    }

    /// Whether the row is a new person (its id then set), one the notebook already has, or
    /// a duplicate of an earlier row (`Err`).
    fn identify(&mut self, row: &mut Row) -> Result<Identified, String> {
        let index = self.index;
        let me = Identity::of(row.text("linkedin"), row.text("email"));
        if !row.id.is_empty()
            && let Some(doc) = index.get(&row.id)
        {
            return if doc.kind == Kind::Contact {
                Ok(Identified::Known(None))
            } else {
                Err(format!("id `{}` is taken by {}", row.id, doc.path))
            };
        }
        if let Some(i) = self.existing.same(&me) {
            return Ok(Identified::Known(Some(self.existing.id[i].clone())));
        }
        let name = row.name().to_lowercase();
        // The same name at the same company is the same person, whatever their profiles say:
        // LinkedIn changes a profile's address when its owner picks a vanity one.
        let company = row.text("company").and_then(|c| self.company_id(c));
        if company.is_some()
            && let Some(&i) = self
                .existing
                .named(&name)
                .iter()
                .find(|&&i| self.existing.who[i].1 == company)
        {
            return Ok(Identified::Known(Some(self.existing.id[i].clone())));
        }
        let conventions = &index.settings.conventions;
        let base = naming::id_from_name(conventions, row.name());
        if base.is_empty() && row.id.is_empty() {
            return Err(format!(
                "cannot make an id from the name `{}`; add an id column",
                row.name()
            ));
        }
        // The file named after them is them, unless a profile, an email or their company says
        // otherwise.
        if row.id.is_empty()
            && let Some(&them) = self.existing.ids.get(&base)
        {
            let (who, their_company) = &self.existing.who[them];
            let elsewhere =
                company.is_some() && their_company.is_some() && company != *their_company;
            if !me.differs(who) && !elsewhere {
                return Ok(Identified::Known(None));
            }
        }
        let earlier = (!row.id.is_empty())
            .then(|| self.planned.ids.get(&row.id).copied())
            .flatten()
            .or_else(|| self.planned.same(&me))
            .or_else(|| {
                // The same name is the same person, unless a profile, an email or the company
                // tells them apart.
                let cell = row.text("company");
                self.planned.named(&name).iter().copied().find(|&i| {
                    let (who, their_cell) = &self.planned.who[i];
                    let same_company = match (cell, their_cell) {
                        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                        _ => false,
                    };
                    let other_company = cell.is_some() && their_cell.is_some() && !same_company;
                    same_company || !me.differs(who) && !other_company
                })
            });
        if let Some(i) = earlier {
            let earlier = &self.rows[i];
            return Err(format!(
                "duplicate of line {}, {}",
                earlier.line,
                earlier.name()
            ));
        }
        if row.id.is_empty() {
            let planned = &self.planned.ids;
            row.id = naming::first_free(conventions, &base, |id| {
                index.get(id).is_some() || planned.contains_key(id)
            });
        }
        self.planned.add(
            &row.id,
            row.name(),
            me,
            row.text("company").map(str::to_owned),
        );
        Ok(Identified::New)
    }

    /// A known person's row against their file: another company than theirs is a job
    /// change, another title a new title; both are planned as edits of the file.
    fn compare(&mut self, row: &Row, id: &str) {
        let Some(doc) = self.index.get(id) else {
            return;
        };
        let Some(Record::Contact(contact)) = &doc.record else {
            return;
        };
        // Only a value the file has is changed: a key left empty stays empty (a notebook
        // written by hand, then a first export over it, is no list of job changes), and a
        // placeholder employer ("Open to Work") or an empty cell says nothing of a job.
        let now_at = contact.company.as_ref().map(|c| c.value.to_string());
        let company = row
            .text("company")
            .filter(|cell| now_at.is_some() && self.company_id(cell) != now_at)
            .map(str::to_owned);
        let title = row
            .text("title")
            .filter(|t| {
                contact
                    .title
                    .as_deref()
                    .is_some_and(|now| !now.eq_ignore_ascii_case(t))
            })
            .map(str::to_owned);
        if company.is_some() || title.is_some() {
            self.moves.push(Move {
                line: row.line,
                id: id.to_owned(),
                company,
                company_id: None,
                title,
            });
        }
    }

    /// The id of the notebook's company a company cell names, if there is one.
    fn company_id(&mut self, text: &str) -> Option<String> {
        let index = self.index;
        self.company_ids
            .entry(text.to_owned())
            .or_insert_with(|| lookup::find(index, Kind::Company, text).map(|d| d.id.to_string()))
            .clone()
    }

    /// Resolves references, renders the files, checks them with the notebook, and drops
    /// the rows whose file would not pass, until every planned file passes.
    pub(super) fn finish(mut self) -> Plan {
        let mut rows = std::mem::take(&mut self.rows);
        let mut moves = std::mem::take(&mut self.moves);
        let (files, companies, edits) = loop {
            self.introducers(&mut rows);
            let (files, companies, mut owners) = self.render(&mut rows, &mut moves);
            let mut edits = Vec::new();
            let mut problems = Vec::new();
            for edit in self.edits(&moves) {
                match edit {
                    Ok((line, edit)) => {
                        owners.entry(edit.path.clone()).or_default().push(line);
                        edits.push(edit);
                    }
                    Err(problem) => problems.push(problem),
                }
            }
            if problems.is_empty() {
                problems = verify::check(self.index, self.writable, &files, &edits, &owners);
            }
            if problems.is_empty() {
                break (files, companies, edits);
            }
            let bad: HashSet<u64> = problems.iter().map(|(line, _)| *line).collect();
            rows.retain(|r| !bad.contains(&r.line));
            moves.retain(|m| !bad.contains(&m.line));
            for (line, why) in problems {
                self.log.bad(line, why);
            }
        };
        let imported: HashSet<u64> = rows.iter().map(|r| r.line).collect();
        let (format, headers, columns) =
            (self.reader.format, self.reader.headers, self.reader.columns);
        self.note_kept(&imported);
        let unnamed = self.unnamed;
        if format == Format::ContactsExport && unnamed > 0 {
            self.log.note(
                0,
                format!(
                    "{unnamed} compan{} not in the notebook: created with the id as the name, \
                     since this export of contacts has no company_name column; to keep their \
                     names, import `ties export csv companies` first",
                    if unnamed == 1 { "y" } else { "ies" }
                ),
            );
        }
        if let Some(note) = nameless(format, &self.nameless) {
            self.log.note(0, note);
        }
        let mut unknown: Vec<String> = Vec::new();
        let said: HashSet<usize> = rows
            .iter()
            .flat_map(|r| r.extras.iter().map(|(c, _)| *c))
            .collect();
        for (i, header) in headers.iter().enumerate() {
            let name = if header.is_empty() {
                format!("column {}", i + 1)
            } else {
                header.clone()
            };
            // Google's export has dozens of columns, most of them empty: only those that said
            // something are named.
            let said = !format.is_wide() || said.contains(&i);
            if columns[i].is_none() && said && !unknown.contains(&name) && format != Format::Vcard {
                unknown.push(name);
            }
        }
        let mut log = self.log;
        log.messages.append(&mut self.reader.log.messages);
        let (messages, bad) = log.finish();
        let people = rows
            .iter()
            .map(|r| Person {
                id: r.id.clone(),
                name: r.name().to_owned(),
                linkedin: r.text("linkedin").map(str::to_owned),
                email: r.text("email").map(str::to_owned),
            })
            .collect();
        Plan {
            people,
            bad,
            moved: moves.iter().filter(|m| m.company_id.is_some()).count(),
            edits,
            contacts: rows.len(),
            companies,
            present: self.present,
            files,
            messages,
            unknown_columns: unknown,
            ..Plan::default()
        }
    }

    /// One note per column whose values were none of its allowed words, counting the rows
    /// imported.
    fn note_kept(&mut self, imported: &HashSet<u64>) {
        let (headers, columns) = (self.reader.headers, self.reader.columns);
        for (column, mut lines) in std::mem::take(&mut self.reader.kept) {
            lines.retain(|line| imported.contains(line));
            if lines.is_empty() {
                continue;
            }
            // Only cells of choices are counted as kept.
            let Some(Column::Key(key)) = columns[column] else {
                unreachable!("a kept column is a key")
            };
            let Type::Choice(allowed) = columns::field(key).ty else {
                unreachable!("a kept column is a choice")
            };
            let header = &headers[column];
            self.log.note(
                0,
                format!(
                    "{} value(s) in column `{header}` are none of {}: kept in the body",
                    lines.len(),
                    allowed.join(", ")
                ),
            );
        }
    }

    /// Resolves each `introduced_by` to a contact of the notebook or a planned row; rows
    /// whose introducer is unknown are dropped, which may orphan others, hence the loop.
    fn introducers(&mut self, rows: &mut Vec<Row>) {
        let conventions = &self.index.settings.conventions;
        loop {
            // `[[jane-doe]]` names a row of this file as it names a file; so do its name and
            // the id its name makes.
            let mut by_id: HashMap<&str, usize> = HashMap::new();
            let mut by_name: HashMap<String, usize> = HashMap::new();
            for (i, r) in rows.iter().enumerate() {
                by_id.entry(r.id.as_str()).or_insert(i);
                by_name.entry(r.name().to_lowercase()).or_insert(i);
            }
            let mut found = Vec::new();
            let mut dropped = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                let Some(text) = row.text("introduced_by") else {
                    continue;
                };
                let id = lookup::find(self.index, Kind::Contact, text)
                    .map(|d| d.id.to_string())
                    .or_else(|| {
                        let made = naming::id_from_name(conventions, text);
                        by_id
                            .get(Id::from_reference(text).as_str())
                            .or_else(|| by_name.get(&text.trim().to_lowercase()))
                            .or_else(|| by_id.get(made.as_str()))
                            .map(|&r| rows[r].id.clone())
                    });
                match id {
                    Some(id) => found.push((i, id)),
                    None => dropped.push((row.line, text.to_owned())),
                }
            }
            for (i, id) in found {
                rows[i].resolved.insert("introduced_by", id);
            }
            if dropped.is_empty() {
                return;
            }
            let lines: HashSet<u64> = dropped.iter().map(|(line, _)| *line).collect();
            rows.retain(|r| !lines.contains(&r.line));
            for (line, text) in dropped {
                self.log.bad(
                    line,
                    format!(
                        "introduced by `{text}`, who is neither in the notebook nor in the file"
                    ),
                );
            }
        }
    }

    /// The files for `rows` (companies first) and how many are companies; `owners` maps
    /// each file to the rows that need it.
    fn render(
        &mut self,
        rows: &mut [Row],
        moves: &mut [Move],
    ) -> (Vec<NewFile>, usize, HashMap<String, Vec<u64>>) {
        let conventions = &self.index.settings.conventions;
        self.unnamed = 0;
        let mut companies = NewCompanies::default();
        let mut owners: HashMap<String, Vec<u64>> = HashMap::new();
        let row_ids: HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let index = self.index;
        let taken = |id: &str, companies: &NewCompanies| {
            index.get(id).is_some() || row_ids.contains(id) || companies.ids.contains_key(id)
        };
        let mut company_ids = Vec::with_capacity(rows.len());
        let wanted = rows
            .iter()
            .map(|r| (r.line, r.text("company"), r.company_name.as_deref()))
            .chain(moves.iter().map(|m| (m.line, m.company.as_deref(), None)));
        for (line, cell, named) in wanted {
            let Some(name) = cell else {
                company_ids.push(None);
                continue;
            };
            let id = if let Some(id) = self.company_id(name) {
                id
            } else if self.reader.format == Format::ContactsExport
                && naming::is_id(conventions, name)
                && !taken(name, &companies)
            {
                // An export names the company by its id, and by its name in `company_name`;
                // an older export has no name, so the id stands for it (an export of
                // companies imported first keeps the names).
                if named.is_none() {
                    self.unnamed += 1;
                }
                companies.add(name.to_owned(), named.unwrap_or(name).to_owned());
                name.to_owned()
            } else if let Some(id) = companies.find(name, conventions) {
                id.to_owned()
            } else {
                let base = naming::id_from_name(conventions, name);
                let base = if base.is_empty() {
                    "company".to_owned()
                } else {
                    base
                };
                let id = naming::first_free(conventions, &base, |id| taken(id, &companies));
                companies.add(id.clone(), one_line(name));
                id
            };
            owners
                .entry(naming::path(conventions, Kind::Company, &id))
                .or_default()
                .push(line);
            company_ids.push(Some(id));
        }
        let (of_rows, of_moves) = company_ids.split_at_mut(rows.len());
        for (row, id) in rows.iter_mut().zip(of_rows) {
            match id.take() {
                Some(id) => row.resolved.insert("company", id),
                None => row.resolved.remove("company"),
            };
        }
        for (change, id) in moves.iter_mut().zip(of_moves) {
            change.company_id = id.take();
        }
        let mut files: Vec<NewFile> = companies
            .new
            .iter()
            .map(|(id, name)| NewFile {
                path: naming::path(conventions, Kind::Company, id),
                text: Draft::new().text("name", name).render(),
            })
            .collect();
        let count = files.len();
        for row in rows.iter() {
            let path = naming::path(conventions, Kind::Contact, &row.id);
            owners.entry(path.clone()).or_default().push(row.line);
            files.push(NewFile {
                path,
                text: contact_file(row),
            });
        }
        (files, count, owners)
    }

    /// The edits of the files of people who moved on: `company` and `title` replaced,
    /// `job_changed` set to today when the company is another, and what they were until
    /// today kept as one line at the end of the body. A file that refuses the edit is a bad
    /// row (`Err` with its line).
    fn edits(&self, moves: &[Move]) -> Vec<Result<(u64, Edit), (u64, String)>> {
        let index = self.index;
        let conventions = &index.settings.conventions;
        let today = index.today();
        let name_of = |id: &str| {
            index
                .get(id)
                .and_then(Document::name)
                .unwrap_or(id)
                .to_owned()
        };
        moves
            .iter()
            .filter_map(|change| {
                let doc = index.get(&change.id)?;
                let Some(Record::Contact(contact)) = &doc.record else {
                    return None;
                };
                let path = doc.path.clone();
                let mut diff = String::new();
                let edited = (|| {
                    let mut text = doc.text().ok_or("it changed since it was read")?.to_owned();
                    // One hunk per line: the diff of each change on the text before it.
                    let mut set = |key: &'static str, value: String| -> Result<(), String> {
                        let new = edits::set(&text, key, value, conventions)?;
                        diff.push_str(&edits::hunk(&path, &text, &new));
                        text = new;
                        Ok(())
                    };
                    if let Some(id) = &change.company_id {
                        set("company", draft::id(id))?;
                    }
                    if let Some(title) = &change.title {
                        set("title", draft::scalar(title))?;
                    }
                    if change.company_id.is_some() {
                        set("job_changed", today.to_string())?;
                    }
                    Ok::<String, String>(text)
                })();
                let mut after = match edited {
                    Ok(after) => after,
                    Err(why) => {
                        return Some(Err((
                            change.line,
                            format!("its file {} cannot be edited: {why}", doc.path),
                        )));
                    }
                };
                let was_at = contact.company.as_ref().map(|c| name_of(c.value.as_str()));
                let was = match (contact.title.as_deref(), was_at.as_deref()) {
                    (Some(title), Some(at)) => format!("{title} at {at}"),
                    (Some(title), None) => title.to_owned(),
                    (None, Some(at)) => format!("at {at}"),
                    (None, None) => String::new(),
                };
                if !was.is_empty() {
                    let before = std::mem::take(&mut after);
                    after = edits::append_line(&before, &format!("- Until {today}: {was}"));
                    diff.push_str(&edits::hunk(&path, &before, &after));
                }
                let who = &contact.name;
                let what = match (&change.company, &change.title) {
                    (Some(company), _) => format!("{who} moved to {}", one_line(company)),
                    (None, Some(title)) => format!("{who} is now {title}"),
                    (None, None) => unreachable!("a move changes the company or the title"),
                };
                Some(Ok((
                    change.line,
                    Edit {
                        before: doc.text().unwrap_or_default().to_owned(),
                        after,
                        what,
                        diff: format!("--- a/{path}\n+++ b/{path}\n{diff}"),
                        path,
                    },
                )))
            })
            .collect()
    }
}

/// The one note on the rows without a name, if there were any.
fn nameless(format: Format, lines: &[u64]) -> Option<String> {
    let (first, n) = (lines.first()?, lines.len());
    let mut at: Vec<String> = lines.iter().take(5).map(ToString::to_string).collect();
    if n > 5 {
        at.push("…".to_owned());
    }
    let at = at.join(", ");
    Some(match format {
        Format::Linkedin => format!(
            "{n} row(s) without a name skipped, from line {first}: LinkedIn leaves the \
             connections of closed or hidden accounts empty but for the date"
        ),
        Format::AddressBook => format!(
            "{n} row(s) without a name skipped, at line(s) {at}: the address book holds \
             people you know only by an email address; add them with `ties new contact`"
        ),
        Format::Vcard => {
            format!("{n} card(s) without a name (neither FN nor N) skipped, at line(s) {at}")
        }
        _ => format!(
            "{n} row(s) without a name skipped, at line(s) {at}: give them a name to import them"
        ),
    })
}

/// What a row is to the notebook.
enum Identified {
    /// A new person: the row's id is set.
    New,
    /// Someone with a file already: its id when a profile, an email, or their name at their
    /// company says so (only then is another company a job change, not another person).
    Known(Option<String>),
}

/// A known person at another company or with another title than their file says.
struct Move {
    line: u64,
    /// Their file's id.
    id: String,
    /// The company cell, when it names another company than theirs.
    company: Option<String>,
    /// The id of that company, once it is resolved or planned.
    company_id: Option<String>,
    /// The new title, when it is another.
    title: Option<String>,
}

/// The companies an import creates, `(id, name)` in the order first named, found again by
/// id, by name (ignoring case) or by the id the name makes.
#[derive(Default)]
struct NewCompanies {
    new: Vec<(String, String)>,
    ids: HashMap<String, usize>,
    names: HashMap<String, usize>,
}

impl NewCompanies {
    fn add(&mut self, id: String, name: String) {
        let at = self.new.len();
        self.names.entry(name.to_lowercase()).or_insert(at);
        self.ids.entry(id.clone()).or_insert(at);
        self.new.push((id, name));
    }

    fn find(&self, name: &str, conventions: &Conventions) -> Option<&str> {
        self.names
            .get(&name.to_lowercase())
            .or_else(|| self.ids.get(&naming::id_from_name(conventions, name)))
            .map(|&i| self.new[i].0.as_str())
    }
}

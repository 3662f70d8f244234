//! The rows together: who is new and who is already in the notebook, the ids of new files,
//! references resolved, and every planned file checked with the notebook.

use std::collections::{HashMap, HashSet};

use super::cells::one_line;
use super::columns::{self, Column};
use super::files::contact_file;
use super::formats::Format;
use super::naming;
use super::plan::{Log, Plan, Writable};
use super::row::{NO_NAME, Reader, Row};
use super::verify;
use crate::draft::Draft;
use crate::fs::NewFile;
use crate::index::Index;
use crate::lookup;
use crate::model::Kind;
use crate::model::fields::Type;
use crate::model::id::Id;

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

    /// Shares a profile or an email: the same person.
    fn same(&self, other: &Self) -> bool {
        let shared = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
        shared(&self.profile, &other.profile) || shared(&self.email, &other.email)
    }

    /// Has a different profile or email: another person, whatever the name.
    fn differs(&self, other: &Self) -> bool {
        let different =
            |a: &Option<String>, b: &Option<String>| a.is_some() && b.is_some() && a != b;
        different(&self.profile, &other.profile) || different(&self.email, &other.email)
    }
}

/// A notebook's contact as the import compares it with a row.
struct Known {
    id: String,
    who: Identity,
    /// Lower case.
    name: String,
    company: Option<String>,
}

pub(super) struct Planner<'a> {
    index: &'a Index,
    writable: Writable<'a>,
    reader: Reader<'a>,
    rows: Vec<Row>,
    /// The identity of each of `rows`, and their ids.
    identities: Vec<Identity>,
    planned: HashSet<String>,
    existing: Vec<Known>,
    /// Bad rows and what the planner says of the file.
    log: Log,
    present: usize,
    /// LinkedIn's rows without a name (closed or hidden accounts): counted, not errors.
    nameless: Vec<u64>,
}

impl<'a> Planner<'a> {
    pub(super) fn new(index: &'a Index, reader: Reader<'a>, writable: Writable<'a>) -> Self {
        Self {
            index,
            writable,
            reader,
            rows: Vec::new(),
            identities: Vec::new(),
            planned: HashSet::new(),
            existing: index
                .contacts()
                .map(|(doc, c)| Known {
                    id: doc.id.to_string(),
                    who: Identity::of(c.linkedin.as_deref(), c.email.as_deref()),
                    name: c.name.to_lowercase(),
                    company: c.company.as_ref().map(|id| id.value.to_string()),
                })
                .collect(),
            log: Log::default(),
            present: 0,
            nameless: Vec::new(),
        }
    }

    pub(super) fn row(&mut self, line: u64, cells: &[&str]) {
        // Notes on a row that is then skipped would only distract.
        let before = self.reader.log.mark();
        let format = self.reader.format;
        let mut row = match self.reader.read(line, cells) {
            Ok(row) => row,
            // LinkedIn leaves the rows of closed and hidden accounts empty but for the date:
            // nothing the user can fix, so counted in one note rather than reported.
            Err(why) if format == Format::Linkedin && why == NO_NAME => {
                self.reader.log.forget(before);
                self.nameless.push(line);
                return;
            }
            Err(why) => {
                self.reader.log.forget(before);
                let why = if format == Format::Vcard && why == NO_NAME {
                    "no name: the card has neither FN nor N".to_owned()
                } else {
                    why
                };
                return self.log.bad(line, why);
            }
        };
        match self.identify(&mut row) {
            Ok(true) => self.rows.push(row),
            Ok(false) => {
                self.reader.log.forget(before);
                self.present += 1;
            }
            Err(why) => {
                self.reader.log.forget(before);
                self.log.bad(line, why);
            }
        }
    }

    /// Whether the row is a new person (`Ok(true)`, its id then set), one the notebook
    /// already has (`Ok(false)`), or a duplicate of an earlier row (`Err`).
    fn identify(&mut self, row: &mut Row) -> Result<bool, String> {
        let index = self.index;
        let me = Identity::of(row.text("linkedin"), row.text("email"));
        if !row.id.is_empty()
            && let Some(doc) = index.get(&row.id)
        {
            return if doc.kind == Kind::Contact {
                Ok(false)
            } else {
                Err(format!("id `{}` is taken by {}", row.id, doc.path))
            };
        }
        if self.existing.iter().any(|them| me.same(&them.who)) {
            return Ok(false);
        }
        let name = row.name().to_lowercase();
        // The same name at the same company is the same person, whatever their profiles say:
        // LinkedIn changes a profile's address when its owner picks a vanity one.
        let company = row.text("company").and_then(|c| self.company_id(c));
        if company.is_some()
            && self
                .existing
                .iter()
                .any(|them| them.name == name && them.company == company)
        {
            return Ok(false);
        }
        let conventions = &index.settings.conventions;
        let base = naming::id_from_name(conventions, row.name());
        if base.is_empty() && row.id.is_empty() {
            return Err(format!(
                "cannot make an id from the name `{}`; add an id column",
                row.name()
            ));
        }
        // The file named after them is them, unless a profile or an email says otherwise.
        if row.id.is_empty()
            && let Some(them) = self.existing.iter().find(|them| them.id == base)
            && !me.differs(&them.who)
        {
            return Ok(false);
        }
        for (earlier, them) in self.rows.iter().zip(&self.identities) {
            let same_id = !row.id.is_empty() && earlier.id == row.id;
            let same_name = earlier.name().to_lowercase() == name
                && (!me.differs(them)
                    || row.text("company").is_some_and(|c| {
                        earlier
                            .text("company")
                            .is_some_and(|e| e.eq_ignore_ascii_case(c))
                    }));
            if same_id || me.same(them) || same_name {
                return Err(format!(
                    "duplicate of line {}, {}",
                    earlier.line,
                    earlier.name()
                ));
            }
        }
        if row.id.is_empty() {
            let planned = &self.planned;
            row.id = naming::first_free(conventions, &base, |id| {
                index.get(id).is_some() || planned.contains(id)
            });
        }
        self.planned.insert(row.id.clone());
        self.identities.push(me);
        Ok(true)
    }

    /// The id of the notebook's company a company cell names, if there is one.
    fn company_id(&self, text: &str) -> Option<String> {
        lookup::find(self.index, Kind::Company, text).map(|d| d.id.to_string())
    }

    /// Resolves references, renders the files, checks them with the notebook, and drops
    /// the rows whose file would not pass, until every planned file passes.
    pub(super) fn finish(mut self) -> Plan {
        let mut rows = std::mem::take(&mut self.rows);
        let (files, companies) = loop {
            self.introducers(&mut rows);
            let (files, companies, owners) = self.render(&mut rows);
            let problems = verify::check(self.index, self.writable, &files, &owners);
            if problems.is_empty() {
                break (files, companies);
            }
            for (line, why) in problems {
                rows.retain(|r| r.line != line);
                self.log.bad(line, why);
            }
        };
        let (format, headers, columns) =
            (self.reader.format, self.reader.headers, self.reader.columns);
        for (column, mut lines) in std::mem::take(&mut self.reader.kept) {
            lines.retain(|line| rows.iter().any(|r| r.line == *line));
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
        if format == Format::ContactsExport && companies > 0 {
            self.log.note(
                0,
                format!(
                    "{companies} compan{} not in the notebook: created with the id as the name, \
                     since an export of contacts names companies by id; to keep their names, \
                     import `ties export csv companies` first",
                    if companies == 1 { "y" } else { "ies" }
                ),
            );
        }
        if let Some(first) = self.nameless.first() {
            let n = self.nameless.len();
            self.log.note(
                0,
                format!(
                    "{n} row(s) without a name skipped, from line {first}: LinkedIn leaves the \
                     connections of closed or hidden accounts empty but for the date"
                ),
            );
        }
        let mut unknown: Vec<String> = Vec::new();
        for (i, header) in headers.iter().enumerate() {
            let name = if header.is_empty() {
                format!("column {}", i + 1)
            } else {
                header.clone()
            };
            // Google's export has dozens of columns, most of them empty: only those that said
            // something are named.
            let said = format != Format::Google
                || rows.iter().any(|r| r.extras.iter().any(|(c, _)| *c == i));
            if columns[i].is_none() && said && !unknown.contains(&name) && format != Format::Vcard {
                unknown.push(name);
            }
        }
        let mut log = self.log;
        log.messages.append(&mut self.reader.log.messages);
        let (messages, bad) = log.finish();
        Plan {
            bad,
            contacts: rows.len(),
            companies,
            present: self.present,
            files,
            messages,
            unknown_columns: unknown,
        }
    }

    /// Resolves each `introduced_by` to a contact of the notebook or a planned row; rows
    /// whose introducer is unknown are dropped, which may orphan others, hence the loop.
    fn introducers(&mut self, rows: &mut Vec<Row>) {
        loop {
            let mut dropped = Vec::new();
            for i in 0..rows.len() {
                let Some(text) = rows[i].text("introduced_by").map(str::to_owned) else {
                    continue;
                };
                let found = lookup::find(self.index, Kind::Contact, &text)
                    .map(|d| d.id.to_string())
                    .or_else(|| {
                        // `[[jane-doe]]` names a row of this file as it names a file.
                        let id = Id::from_reference(&text);
                        let made = naming::id_from_name(&self.index.settings.conventions, &text);
                        rows.iter()
                            .find(|r| {
                                r.id == id.as_str()
                                    || r.name().eq_ignore_ascii_case(text.trim())
                                    || r.id == made
                            })
                            .map(|r| r.id.clone())
                    });
                match found {
                    Some(id) => {
                        rows[i].resolved.insert("introduced_by", id);
                    }
                    None => dropped.push((rows[i].line, text)),
                }
            }
            if dropped.is_empty() {
                return;
            }
            for (line, text) in dropped {
                rows.retain(|r| r.line != line);
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
    fn render(&self, rows: &mut [Row]) -> (Vec<NewFile>, usize, HashMap<String, Vec<u64>>) {
        let conventions = &self.index.settings.conventions;
        let mut companies: Vec<(String, String)> = Vec::new();
        let mut owners: HashMap<String, Vec<u64>> = HashMap::new();
        let taken = |id: &str, companies: &[(String, String)]| {
            self.index.get(id).is_some()
                || rows_taken(rows, id)
                || companies.iter().any(|(c, _)| c == id)
        };
        let mut company_ids = Vec::with_capacity(rows.len());
        for row in rows.iter() {
            let Some(name) = row.text("company") else {
                company_ids.push(None);
                continue;
            };
            let id = if let Some(doc) = lookup::find(self.index, Kind::Company, name) {
                doc.id.to_string()
            } else if self.reader.format == Format::ContactsExport
                && naming::is_id(conventions, name)
                && !taken(name, &companies)
            {
                // An export names the company by its id; without the company's file its name
                // is unknown, so the id stands for it (an export of companies imported first
                // keeps the names).
                companies.push((name.to_owned(), name.to_owned()));
                name.to_owned()
            } else if let Some((id, _)) = companies.iter().find(|(id, n)| {
                n.eq_ignore_ascii_case(name) || *id == naming::id_from_name(conventions, name)
            }) {
                id.clone()
            } else {
                let base = naming::id_from_name(conventions, name);
                let base = if base.is_empty() {
                    "company".to_owned()
                } else {
                    base
                };
                let id = naming::first_free(conventions, &base, |id| taken(id, &companies));
                companies.push((id.clone(), one_line(name)));
                id
            };
            owners
                .entry(naming::path(conventions, Kind::Company, &id))
                .or_default()
                .push(row.line);
            company_ids.push(Some(id));
        }
        for (row, id) in rows.iter_mut().zip(company_ids) {
            match id {
                Some(id) => row.resolved.insert("company", id),
                None => row.resolved.remove("company"),
            };
        }
        let mut files: Vec<NewFile> = companies
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
}

fn rows_taken(rows: &[Row], id: &str) -> bool {
    rows.iter().any(|r| r.id == id)
}

/// A LinkedIn profile as a comparable key: `https://www.linkedin.com/in/Jane-Doe/`,
/// `de.linkedin.com/in/jane-doe` and the bare handle `jane-doe` are the same person.
fn profile_key(url: &str) -> String {
    let lower = url.trim().to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest
        .split(['?', '#'])
        .next()
        .unwrap_or(rest)
        .trim_end_matches('/');
    match rest.split_once('/') {
        Some((host, path)) if host.ends_with("linkedin.com") => format!("linkedin.com/{path}"),
        None if !rest.contains('.') => format!("linkedin.com/in/{}", rest.trim_start_matches('@')),
        _ => rest.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_compare_by_their_path() {
        assert_eq!(
            profile_key("https://www.linkedin.com/in/Jane-Doe/?trk=x"),
            profile_key("linkedin.com/in/jane-doe")
        );
        assert_eq!(
            profile_key("https://de.linkedin.com/in/jane"),
            "linkedin.com/in/jane"
        );
    }
}

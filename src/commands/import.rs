//! `ties import csv FILE`, `ties import linkedin FILE` and `ties import vcard FILE`: plan the files (see
//! [`crate::import`]), report bad rows with their line numbers on stderr, then create
//! the files, or with `--dry-run` only list them. Exit 0 when every row was imported or was
//! already there, 1 when some rows were bad (the others are imported all the same), 2 when
//! the import could not run at all. Warnings (a value kept in the body to be fixed) and notes
//! do not change the exit code, as warnings do not for `ties check`.

use std::io::Write;
use std::path::Path;

use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::fs::{self, Existing};
use crate::import::{self, Level, Plan, Source};
use crate::notebook;
use crate::render::{self, escape};

use super::Outcome;
use super::progress::Progress;

pub(crate) fn run(
    config: &Config,
    file: &Path,
    source: Source,
    options: &import::Options,
    dry_run: bool,
) -> Result<Outcome, Error> {
    let _lock = super::lock(config)?;
    let (root, index) = super::load(config)?;
    let path = config.cwd.join(file);
    let input = read(file, &path)?;
    // The real run and `--dry-run` ask the same question of every file before the first
    // write, so the dry run predicts the real one, and a file that cannot be written is a
    // bad row, not an import that stops half-way.
    let names = fs::Names::default();
    let writable = |rels: &[&str]| {
        let paths: Vec<std::path::PathBuf> = rels.iter().map(|rel| root.join(rel)).collect();
        fs::can_create_all_in(&root, &paths, Existing::Keep)
            .into_iter()
            .zip(&paths)
            .map(|(answer, path)| {
                answer
                    .and_then(|()| names.claim(path))
                    .map_err(|e| why_not(&root, e))
            })
            .collect()
    };
    let planning = Progress::planning(&file.display().to_string(), rows(&input));
    let plan = import::plan(file, input, source, options, &index, &writable)?;
    drop(planning);
    report(config, file, &plan)?;
    // Every file to change is read before the first write: one an editor saved since the
    // notebook was read stops the import before it writes anything.
    let paths: Vec<std::path::PathBuf> = plan.edits.iter().map(|e| root.join(&e.path)).collect();
    let reads = fs::read_all_in(&root, paths.iter().map(std::path::PathBuf::as_path))?;
    let mut current = Vec::with_capacity(plan.edits.len());
    for ((edit, path), read) in plan.edits.iter().zip(paths).zip(reads) {
        let bom = if read.bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        if read.bytes[bom..] != *edit.before.as_bytes() {
            return Err(Error::ChangedMeanwhile { path });
        }
        current.push((path, read, bom));
    }
    let mut out = super::stdout(config);
    // A dry run writes nothing: its listing is done at once, with no bar among its lines.
    let writing = if dry_run {
        Progress::writing(0)
    } else {
        Progress::writing(plan.files.len() + plan.edits.len())
    };
    for new in &plan.files {
        if !dry_run {
            fs::create_in(&root, &root.join(&new.path), &new.text, Existing::Keep)?;
        }
        let verb = if dry_run { "would create" } else { "created" };
        // A path made of a spreadsheet's cell (a title notebook) may hold anything.
        writing
            .step(|| super::finish_output(writeln!(out, "{verb} {}", escape::line(&new.path))))?;
    }
    for (edit, (path, read, bom)) in plan.edits.iter().zip(current) {
        let what = escape::line(&edit.what);
        if dry_run {
            let mut shown = format!("would change {}: {what}\n", escape::line(&edit.path));
            // Line by line: `escape::line` would show the line feeds themselves as `\n`.
            for line in edit.diff.lines() {
                shown.push_str(&escape::line(line));
                shown.push('\n');
            }
            super::finish_output(out.write_all(shown.as_bytes()))?;
        } else {
            let new = [&read.bytes[..bom], edit.after.as_bytes()].concat();
            fs::replace_in(&root, &path, &read, &new)?;
            let shown = escape::line(&edit.path);
            writing.step(|| super::finish_output(writeln!(out, "changed {shown}: {what}")))?;
        }
    }
    drop(writing);
    super::finish_output(writeln!(out, "{}", summary(&plan, dry_run)).and_then(|()| out.flush()))?;
    let status = if plan.bad > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    };
    // What was written is read once more while the notebook is still locked, so that the
    // persistent index describes it: the next run (a newer export imported, `ties check`)
    // then takes the new files from the index instead of parsing them all (the first
    // re-import of 30,000 rows went from 2.4-3.3 s of CPU to 0.9 s). A real import is
    // minutes of writes; this is under a second of them. Nothing is lost if it fails:
    // the next run parses the files.
    let written = !dry_run && (!plan.files.is_empty() || !plan.edits.is_empty());
    let index = if written && config.cache.uses() {
        match notebook::load_with(&root, config.now(), config.cache) {
            Ok(fresh) => {
                // Neither is freed document by document (see `Outcome`).
                std::mem::forget(index);
                fresh
            }
            Err(_) => index,
        }
    } else {
        index
    };
    // The notebook goes to `main`, which exits without freeing it document by document.
    Ok(Outcome::with(status, index))
}

/// How many lines the input has, for the planning spinner: a LinkedIn zip is counted by
/// its size, about 40 compressed bytes a row.
fn rows(input: &import::Input) -> usize {
    let lines = |bytes: &[u8]| memchr::memchr_iter(b'\n', bytes).count();
    match input {
        import::Input::File(bytes) if bytes.starts_with(b"PK\x03\x04") => bytes.len() / 40,
        import::Input::File(bytes) => lines(bytes),
        import::Input::Folder(files) => files.iter().map(|(_, bytes)| lines(bytes)).sum(),
    }
}

/// The file to import, or the CSV files of a folder (an unpacked LinkedIn export, its
/// `Jobs/` too), each by its path in the folder.
fn read(shown: &Path, path: &Path) -> Result<import::Input, Error> {
    let failed = |source| Error::Io {
        path: shown.to_owned(),
        source,
    };
    if !path.is_dir() {
        return std::fs::read(path).map(import::Input::File).map_err(failed);
    }
    let mut files = Vec::new();
    let mut folders = vec![(path.to_owned(), 0)];
    while let Some((dir, depth)) = folders.pop() {
        for entry in std::fs::read_dir(&dir).map_err(failed)? {
            let entry = entry.map_err(failed)?;
            let found = entry.path();
            let kind = entry.file_type().map_err(failed)?;
            if kind.is_dir() && depth < 2 {
                folders.push((found, depth + 1));
            } else if kind.is_file()
                && found
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            {
                let name = found
                    .strip_prefix(path)
                    .unwrap_or(&found)
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((name, std::fs::read(&found).map_err(failed)?));
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(import::Input::Folder(files))
}

/// Why a file cannot be written, in the words of a bad row.
fn why_not(root: &Path, e: Error) -> String {
    match e {
        Error::TooLong { part, max, .. } => {
            format!("its {part} is longer than the {max} bytes file systems allow")
        }
        Error::OutsideNotebook { target, .. } => format!(
            "its folder is a symlink to {}, outside the notebook",
            target.display()
        ),
        Error::Exists { .. } => "it already exists".to_owned(),
        Error::NameReserved { reason, .. } => format!("its name {reason}"),
        Error::NameCollides { other, .. } => format!(
            "{} is there, and macOS and Windows take the two names for one file",
            other.strip_prefix(root).unwrap_or(&other).display()
        ),
        other => other
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
    }
}

/// Bad rows and notes, `FILE:LINE: error: …`, as compilers print them. Messages quote the
/// cells of the file, which may hold anything, so every line is escaped: no control character
/// of a spreadsheet reaches the terminal.
fn report(config: &Config, file: &Path, plan: &Plan) -> Result<(), Error> {
    let mut err = render::stderr(config.color);
    let name = file.display().to_string();
    let name = escape::line(&name);
    let (error, warning, note) = (
        render::label(render::ERROR, "error"),
        render::label(render::WARNING, "warning"),
        render::label(render::BOLD, "note"),
    );
    let mut written = Ok(());
    for m in &plan.messages {
        // A message about one file of an export names that file.
        let file = m.file.as_deref().map_or(name.clone(), escape::line);
        let at = if m.line == 0 {
            file.to_string()
        } else {
            format!("{file}:{}", m.line)
        };
        let text = escape::line(&m.text);
        written = written.and_then(|()| match m.level {
            Level::Bad => writeln!(err, "{at}: {error} {text} (row skipped)"),
            Level::Warning => writeln!(err, "{at}: {warning} {text}"),
            Level::Note => writeln!(err, "{at}: {note} {text}"),
        });
    }
    if !plan.unknown_columns.is_empty() {
        let columns = escape::line(&plan.unknown_columns.join(", ")).into_owned();
        let first = escape::line(&plan.unknown_columns[0]);
        written = written.and_then(|()| {
            writeln!(
                err,
                "{name}: {note} columns kept in each body as `- Column: value` lines: {columns}\n  \
                 help: map one to a key with --map \"{first}=KEY\", or drop it with --map \"{first}=-\""
            )
        });
    }
    super::finish_output(written.and_then(|()| err.flush()))
}

fn summary(plan: &Plan, dry_run: bool) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let created = if plan.chats > 0 {
        format!(
            "{}, {} and {}",
            plural(plan.contacts, "contact", "contacts"),
            plural(plan.companies, "company", "companies"),
            plural(plan.chats, "chat", "chats"),
        )
    } else {
        format!(
            "{} and {}",
            plural(plan.contacts, "contact", "contacts"),
            plural(plan.companies, "company", "companies"),
        )
    };
    let mut parts = vec![format!(
        "{} {created}",
        if dry_run { "would create" } else { "created" },
    )];
    if !plan.edits.is_empty() {
        let moved = if plan.moved > 0 {
            format!(" ({} at a new company)", plan.moved)
        } else {
            String::new()
        };
        // Connections change people; a history changes chats and contacts alike.
        let edited = if plan.history.is_empty() {
            plural(plan.edits.len(), "person", "people")
        } else {
            plural(plan.edits.len(), "file", "files")
        };
        parts.push(format!(
            "{} {edited}{moved}",
            if dry_run { "would update" } else { "updated" },
        ));
    }
    // Several files of one kind (messages of several exports) are counted together.
    let mut histories: Vec<import::History> = Vec::new();
    for h in &plan.history {
        match histories.iter_mut().find(|k| k.what == h.what) {
            Some(k) => {
                k.new += h.new;
                k.present += h.present;
            }
            None => histories.push(*h),
        }
    }
    for h in histories {
        let what = if h.new == 1 {
            h.what.trim_end_matches('s')
        } else {
            h.what
        };
        parts.push(format!(
            "{} new {what}, {} already in the notebook",
            h.new, h.present
        ));
    }
    if plan.present > 0 {
        parts.push(format!(
            "{} already in the notebook",
            plural(plan.present, "person", "people")
        ));
    }
    if plan.bad > 0 {
        parts.push(format!(
            "{} skipped (see above)",
            plural(plan.bad, "bad row", "bad rows")
        ));
    }
    parts.join("; ")
}

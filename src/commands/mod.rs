//! One file per command; each takes the plain [`Config`] and returns an exit status.

pub(crate) mod agenda;
pub(crate) mod cache;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod draft;
pub(crate) mod explain;
pub(crate) mod export;
pub(crate) mod html;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod list;
pub(crate) mod log;
pub(crate) mod lsp;
pub(crate) mod man;
pub(crate) mod new;
pub(crate) mod next;
mod progress;
pub(crate) mod report;
pub(crate) mod serve;
pub(crate) mod show;
pub(crate) mod watch;

use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::{Command, Config};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::hash::Fnv;
use crate::index::Index;
use crate::notebook::{self, Survey};
use crate::render::{self, Format, Render};
use crate::templates::Templates;

/// What a command leaves behind: its exit status, and the notebook it loaded, which `main`
/// lets the process drop wholesale at exit: freeing tens of thousands of documents one by one
/// would only delay the exit (measured: a tenth of the single-threaded tail of a large check).
pub struct Outcome {
    pub status: ExitStatus,
    #[allow(dead_code, reason = "held, never read: main forgets it with the rest")]
    notebook: Option<Index>,
}

impl Outcome {
    fn with(status: ExitStatus, index: Index) -> Self {
        Self {
            status,
            notebook: Some(index),
        }
    }
}

impl From<ExitStatus> for Outcome {
    fn from(status: ExitStatus) -> Self {
        Self {
            status,
            notebook: None,
        }
    }
}

pub(crate) fn run(config: &Config) -> Result<Outcome, Error> {
    let status = match &config.command {
        Command::Check {
            format,
            deny_warnings,
        } => return check::run(config, *format, *deny_warnings),
        Command::Explain { code } => explain::run(config, code.as_deref()),
        Command::Lsp => Ok(lsp::run(config)),
        Command::Init {
            dir,
            force,
            adopt: true,
            ..
        } => init::adopt(config, dir.as_deref(), *force),
        Command::Init {
            dir, git, force, ..
        } => init::run(config, dir.as_deref(), *git, *force),
        Command::New { request, options } => new::run(config, request, options),
        Command::Import {
            file,
            source,
            options,
            dry_run,
        } => return import::run(config, file, *source, options, *dry_run),
        Command::Export { kind, cells } => export::run(config, *kind, *cells),
        Command::CacheClear => cache::clear(config),
        Command::Completions { script } => completions::run(script),
        Command::Man { pages, dir, force } => man::run(config, pages, dir.as_deref(), *force),
        Command::Watch {
            format,
            agenda,
            poll,
        } => watch::run(config, *format, *agenda, *poll),
        Command::Agenda {
            format,
            days,
            filter,
            explain,
        } => return agenda::run(config, *format, *days, filter, explain.as_deref()),
        Command::Next { n, explain, format } => return next::run(config, *n, *explain, *format),
        Command::Report {
            kind,
            period,
            by,
            format,
        } => return report::run(config, *kind, period, *by, *format),
        Command::List {
            kind,
            options,
            format,
        } => return list::run(config, *kind, options, *format),
        Command::Html { output, redact } => return html::run(config, output.as_deref(), *redact),
        Command::Serve { port, host, redact } => serve::run(config, *port, *host, *redact),
        Command::Show { id, format } => return show::run(config, id, *format),
        Command::Record {
            request,
            dry_run,
            template,
        } => return log::run(config, request, *dry_run, template.as_deref()),
        Command::Draft { request, json } => return draft::run(config, request, *json),
    };
    status.map(Outcome::from)
}

/// The notebook this invocation works on, found and loaded.
pub(crate) fn load(config: &Config) -> Result<(PathBuf, Index), Error> {
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let index = notebook::load_with(&root, config.now(), config.cache)?;
    Ok((root, index))
}

/// The lock of the notebook this invocation writes to, taken before it is loaded so that
/// what the command plans from is what it writes over: every writing command holds it.
pub(crate) fn lock(config: &Config) -> Result<crate::fs::NotebookLock, Error> {
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    crate::fs::NotebookLock::acquire(&root, config.lock_wait)
}

/// What a command makes of the loaded notebook, to print and keep.
struct Made {
    output: Vec<u8>,
    failed: bool,
    /// The files looked up on disk beyond the notebook ([`crate::findings::Probe`]).
    probes: Vec<crate::findings::Probe>,
}

/// What a command whose output is kept prints for the notebook at `root` at `now`: the
/// answer kept by an earlier run for `asked` if no file changed since, nothing else the
/// output depends on did ([`question`]) and the clock is within the span over which what
/// that run asked of it ([`crate::now::Now`]) is answered alike; else what `make` makes of
/// the whole notebook, loaded (and returned), kept for that span.
fn kept_or_made(
    root: &Path,
    now: chrono::NaiveDateTime,
    policy: crate::cache::Policy,
    asked: &str,
    make: impl FnOnce(&Index) -> Result<Made, Error>,
) -> Result<(crate::cache::Answer, Option<Index>), Error> {
    let survey = notebook::survey(root, policy)?;
    let templates = Templates::load(root);
    let answers = survey.answers();
    // Asked only where an answer can be kept (not with `--no-cache`): it reads
    // `dismissed.txt` and goes through every template.
    let question = answers
        .as_ref()
        .map_or(0, |_| question(root, &survey, &templates, asked));
    if let (Some(state), Some(answers)) = (survey.unchanged(), &answers)
        && let Some(answer) = answers.get(state, question, now)
    {
        return Ok((answer, None));
    }
    let (mut index, saving) = survey.load(now);
    index.set_templates(templates);
    let result = make(&index)?;
    let span = index.now().span();
    let (from, until) = span.unwrap_or_default();
    let answer = crate::cache::Answer {
        question,
        from,
        until,
        probes: result.probes,
        output: result.output,
        failed: result.failed,
    };
    // Kept for as long as the clock answers what the command asked of it alike.
    if let (Some(state), Some(answers), Some(_)) = (saving.state(), answers, span) {
        answers.keep(state, answer.clone());
    }
    Ok((answer, Some(index)))
}

/// A fingerprint of everything a command's output depends on besides the documents (which
/// the index's state stands for) and the time (which the answer's span does): what is
/// `asked` (the command and its options), `ties.yaml`, `dismissed.txt`, the message
/// templates and what the walk met. An answer kept for it ([`crate::cache::Answers`]) is printed
/// again while the notebook is in the same state.
fn question(root: &Path, survey: &Survey, templates: &Templates, asked: &str) -> u64 {
    let mut hasher = Fnv::default();
    let mut put = |bytes: &[u8]| {
        hasher.write_usize(bytes.len());
        hasher.write(bytes);
    };
    put(asked.as_bytes());
    let (_, text, problems) = &survey.settings;
    put(text.as_bytes());
    put(&postcard::to_stdvec(problems).unwrap_or_default());
    put(&postcard::to_stdvec(&survey.walk_findings).unwrap_or_default());
    match std::fs::read(root.join(crate::dismissed::FILE)) {
        Ok(bytes) => put(&bytes),
        Err(e) => put(format!("{:?} {e}", e.kind()).as_bytes()),
    }
    // Its every field, texts and problems included; the same build prints it the same.
    put(format!("{templates:?}").as_bytes());
    hasher.finish()
}

/// What [`print`] writes of `result` in `format`, made for stdout's colour `choice`.
fn rendered(
    choice: anstream::ColorChoice,
    result: &impl Render,
    format: Format,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let written = if choice == anstream::ColorChoice::Never {
        let mut plain = render::plain::Plain::new(&mut out);
        result
            .render(format, &mut plain)
            .and_then(|()| plain.flush())
    } else {
        result.render(format, &mut out)
    };
    written.map_err(|source| Error::Stdout { source })?;
    Ok(out)
}

/// Prints `result` to stdout in `format`: the one output path of agenda, report, list and
/// show.
/// Where colour is off, styles are dropped by [`render::plain::Plain`], not by `anstream`'s
/// slower stripper (the same bytes).
pub(crate) fn print(config: &Config, result: &impl Render, format: Format) -> Result<(), Error> {
    let mut out = stdout(config);
    if out.current_choice() == anstream::ColorChoice::Never {
        let mut plain = render::plain::Plain::new(out.into_inner());
        return finish_output(
            result
                .render(format, &mut plain)
                .and_then(|()| plain.flush()),
        );
    }
    finish_output(result.render(format, &mut out).and_then(|()| out.flush()))
}

/// Stdout for a command's output, with colour decided by `--color`, the terminal and `NO_COLOR`.
pub(crate) fn stdout(config: &Config) -> anstream::AutoStream<std::io::StdoutLock<'static>> {
    anstream::AutoStream::new(std::io::stdout().lock(), config.color)
}

/// Bytes made in advance (a script, a page, a CSV file) to stdout, uncoloured.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    finish_output(out.write_all(bytes).and_then(|()| out.flush()))
}

/// A closed pipe (`ties check | head`) is not a failure of ties.
pub(crate) fn finish_output(result: std::io::Result<()>) -> Result<(), Error> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Stdout { source: e }),
        _ => Ok(()),
    }
}

/// Files with errors may be missing from a report, list or record (a bad date is ignored,
/// not guessed): say so on stderr, so that CSV and JSON on stdout stay clean.
fn warn_if_errors(config: &Config, index: &Index) {
    let n = index.docs.iter().filter(|d| d.has_errors()).count();
    let files = match n {
        0 => return,
        1 => "1 file has".to_owned(),
        n => format!("{n} files have"),
    };
    let _ = writeln!(
        render::stderr(config.color),
        "{} {files} errors, and what they hold may be missing here; run `ties check`",
        render::label(render::WARNING, "warning")
    );
}

//! `ties check`: load the notebook, run the cross-file rules, print every diagnostic. When
//! no file changed since the last run, what that run printed is printed again, without
//! decoding a document: the answer kept beside the persistent index ([`cache::Answers`]).

use std::io::Write;
use std::path::Path;

use chrono::NaiveDateTime;

use crate::cache::{self, Answer};
use crate::check::Checker;
use crate::config::{CheckFormat, Config};
use crate::diagnostic::Tally;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::index::Index;
use crate::notebook;
use crate::render;

use super::Outcome;

pub(crate) fn run(
    config: &Config,
    format: CheckFormat,
    deny_warnings: bool,
) -> Result<Outcome, Error> {
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let asked = Asked {
        format,
        prefix: prefix(format, &root, &config.cwd),
        deny_warnings,
    };
    let (answer, index) = answer(&root, config.now(), config.cache, &asked)?;
    let mut out = super::stdout(config);
    super::finish_output(out.write_all(&answer.output).and_then(|()| out.flush()))?;
    let status = if answer.failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    };
    Ok(match index {
        Some(index) => Outcome::with(status, index),
        None => status.into(),
    })
}

/// What a check is asked to print.
pub(crate) struct Asked {
    pub format: CheckFormat,
    /// The notebook's place below the current folder, for GitHub's annotations.
    pub prefix: String,
    pub deny_warnings: bool,
}

/// Annotations name files relative to where the workflow runs (the repository root), so
/// the notebook's own place below the current folder goes in front.
fn prefix(format: CheckFormat, root: &Path, cwd: &Path) -> String {
    if format != CheckFormat::Github {
        return String::new();
    }
    root.canonicalize()
        .ok()
        .zip(cwd.canonicalize().ok())
        .and_then(|(root, cwd)| {
            root.strip_prefix(&cwd)
                .ok()
                .map(|p| notebook::relative(Path::new(""), p))
        })
        .unwrap_or_default()
}

/// What `ties check` prints for the notebook at `root` at `now`, and whether it fails: the
/// answer kept by the last run if no file changed since and nothing else it depends on
/// did; else made from the whole notebook, loaded (and returned), and kept.
pub(crate) fn answer(
    root: &Path,
    now: NaiveDateTime,
    policy: cache::Policy,
    asked: &Asked,
) -> Result<(Answer, Option<Index>), Error> {
    let asked_for = format!(
        "check {:?} {} {}",
        asked.format, asked.deny_warnings, asked.prefix
    );
    super::kept_or_made(root, now, policy, &asked_for, |index| {
        let checker = Checker::new(index);
        let probes = checker.probes();
        let diagnostics = checker.into_diagnostics();
        let tally = Tally::of(&diagnostics);
        let files = index.files() + 1 + index.templates().files();
        let mut out = Vec::new();
        let written = match asked.format {
            CheckFormat::Human => render::human::write(
                &mut out,
                &diagnostics,
                &render::sources(index, &diagnostics),
            )
            .and_then(|()| writeln!(out, "{}", render::summary(tally, files))),
            CheckFormat::Json => render::json::write(&mut out, &diagnostics),
            CheckFormat::Github => render::github::write(&mut out, &diagnostics, &asked.prefix)
                .and_then(|()| writeln!(out, "{}", render::summary(tally, files))),
        };
        written.map_err(|source| Error::Stdout { source })?;
        Ok(super::Made {
            output: out,
            failed: tally.errors > 0 || asked.deny_warnings && tally.warnings > 0,
            probes,
        })
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::NaiveDate;

    use super::*;
    use crate::cache::{change_dismissed, change_settings, edit, notebook, put_files};
    use crate::rng::Rng;

    const SETTINGS: &[&str] = &[
        "rules:\n  follow_up_after: 7d\n",
        "rules:\n  follow_up_after: 7d\nchecks:\n  ignore: [T101, T302]\n",
        "rules:\n  follow_up_after: 14d\nreferences: implicit\n",
        "rules: [\n",
    ];

    const DISMISSED: &[Option<&str>] = &[
        None,
        Some("follow-up-ada-20261121 until 2026-12-01\n"),
        Some("no key here at all\n"),
    ];

    /// A chat planned for 2026-11-21 at 10:00 and marked thanked: T302 while it is ahead.
    const TIMED_CHAT: &str = "---\nwith: [ada]\ndate: 2026-11-21T10:00\nthanked: 2026-11-21\n---\n";
    /// An event listing people met: T303 before its day.
    const TIMED_EVENT: &str = "---\nname: Rust Meetup\ndate: 2026-11-10\nmet: [ada]\n---\n";
    /// A note whose links lead to files the notebook does not read: only the disk knows
    /// whether T204 finds them broken.
    const LINKS_OUT: &str = "# Links\n\n[CV](../.private/cv.md) and [the offer](../.offer.md)\n";
    /// Those files, each made or removed at random between runs.
    const OUT_FILES: &[&str] = &[".private/cv.md", ".offer.md"];

    /// Around the fixtures' times: a thanked chat on 2026-11-21 at 10:00 (an hour long),
    /// an event on 2026-11-10 listing people met.
    fn a_time(rng: &mut Rng) -> NaiveDateTime {
        let (day, hour, minute) = *rng.pick(&[
            (9, 12, 0),
            (10, 0, 0),
            (21, 9, 0),
            (21, 10, 0),
            (21, 10, 30),
            (21, 11, 0),
            (22, 0, 0),
        ]);
        NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .unwrap()
    }

    /// The property of the kept answers: whatever changed between runs (files, `ties.yaml`,
    /// `dismissed.txt`, the clock, the options), a cached check prints what an uncached one
    /// prints, and fails when it fails. And answers are used: a run with nothing changed
    /// decodes no document.
    #[test]
    fn a_kept_answer_is_what_a_check_would_print() {
        let mut hits = 0;
        for seed in 0..6 {
            let mut rng = Rng::new(0x0A45_3E25 + seed);
            let (_dir, root) = notebook();
            // What the rules that count in the time look at, from the start.
            put_files(
                &root,
                &[
                    ("chats/2026/2026-11-12-ada.md", TIMED_CHAT),
                    ("events/rust-meetup.md", TIMED_EVENT),
                    ("notes/links.md", LINKS_OUT),
                ],
            );
            let mut log = Vec::new();
            let mut now = a_time(&mut rng);
            for step in 0..24 {
                match rng.below(8) {
                    0 => log.push(change_settings(&mut rng, &root, SETTINGS)),
                    1 => log.push(change_dismissed(&mut rng, &root, DISMISSED)),
                    2 | 3 => {
                        now = a_time(&mut rng);
                        log.push(format!("now {now}"));
                    }
                    4 => {}
                    5 => {
                        let path = root.join(rng.pick(OUT_FILES));
                        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                        if path.exists() {
                            std::fs::remove_file(&path).unwrap();
                        } else {
                            std::fs::write(&path, "%PDF").unwrap();
                        }
                        log.push(format!("toggled {}", path.display()));
                    }
                    _ => log.push(edit(&mut rng, &root)),
                }
                if rng.chance(40) {
                    std::thread::sleep(Duration::from_millis(60));
                }
                let asked = Asked {
                    format: *rng.pick(&[
                        CheckFormat::Human,
                        CheckFormat::Json,
                        CheckFormat::Github,
                    ]),
                    prefix: rng.pick(&["", "notes"]).to_string(),
                    deny_warnings: rng.chance(50),
                };
                let policy = cache::Policy::Testing {
                    back: Duration::ZERO,
                    racy: Duration::from_millis(40),
                };
                let (fresh, _) = answer(&root, now, cache::Policy::Off, &asked).unwrap();
                // Asked again with nothing changed, once the racy window is over, the
                // answer kept is taken.
                for again in 0..=rng.below(3) {
                    if again > 0 {
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    let (cached, index) = answer(&root, now, policy, &asked).unwrap();
                    hits += usize::from(index.is_none());
                    assert!(
                        cached.output == fresh.output && cached.failed == fresh.failed,
                        "seed {seed} step {step} run {again}: {log:?}\n--- cached\n{}\n--- fresh\n{}",
                        String::from_utf8_lossy(&cached.output),
                        String::from_utf8_lossy(&fresh.output),
                    );
                }
            }
        }
        assert!(hits > 40, "answers were used ({hits} times)");
    }
}

//! `ties agenda`: load the notebook and print what to do, in the chosen format; with
//! `--explain KEY`, why one item is there. When no file changed since the last run and the
//! clock is where that run's agenda reads the same, what it printed is printed again,
//! without decoding a document: the answer kept beside the persistent index
//! ([`cache::Answers`]).

use std::io::Write;
use std::path::Path;

use chrono::NaiveDateTime;

use crate::agenda::{self, Filter, State};
use crate::cache::{self, Answer};
use crate::config::{AgendaFormat, Config};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::index::Index;
use crate::notebook;
use crate::render::{self, Format};

use super::Outcome;

pub(crate) fn run(
    config: &Config,
    format: AgendaFormat,
    days: Option<u32>,
    filter: &Filter,
    explain: Option<&str>,
) -> Result<Outcome, Error> {
    if let Some(key) = explain {
        let (_, index) = super::load(config)?;
        explain_key(config, &index, format, days, key)?;
        return Ok(Outcome::with(ExitStatus::Success, index));
    }
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let mut out = super::stdout(config);
    let asked = Asked {
        format,
        days,
        filter,
        color: out.current_choice(),
    };
    let (answer, index) = answer(&root, config.now(), config.cache, &asked)?;
    if asked.color == anstream::ColorChoice::Never {
        // Made without styles for this choice: nothing for the stream to strip.
        drop(out);
        super::write_stdout(&answer.output)?;
    } else {
        super::finish_output(out.write_all(&answer.output).and_then(|()| out.flush()))?;
    }
    Ok(match index {
        Some(index) => Outcome::with(ExitStatus::Success, index),
        None => ExitStatus::Success.into(),
    })
}

/// What an agenda is asked to print.
pub(crate) struct Asked<'a> {
    pub format: AgendaFormat,
    pub days: Option<u32>,
    pub filter: &'a Filter,
    /// Stdout's colour: the styles are in the bytes kept, or not.
    pub color: anstream::ColorChoice,
}

/// What `ties agenda` prints for the notebook at `root` at `now`: the answer kept by an
/// earlier run if no file changed since, nothing else it depends on did, and the clock is
/// within the span over which the agenda it made reads the same (every question it asked
/// of the time, [`crate::now::Now`], answered alike); else made from the whole notebook,
/// loaded (and returned), and kept.
pub(crate) fn answer(
    root: &Path,
    now: NaiveDateTime,
    policy: cache::Policy,
    asked: &Asked,
) -> Result<(Answer, Option<Index>), Error> {
    let asked_for = format!(
        "agenda {:?} {:?} {:?} {:?}",
        asked.format, asked.days, asked.filter, asked.color
    );
    super::kept_or_made(root, now, policy, &asked_for, |index| {
        let filter = asked.filter.resolve(index)?;
        let agenda = agenda::build(index, asked.days, &filter);
        let output = match asked.format {
            AgendaFormat::Plain(format) => super::rendered(asked.color, &agenda, format)?,
            AgendaFormat::Ics => render::ics::calendar(&agenda).to_string().into_bytes(),
        };
        Ok(super::Made {
            output,
            failed: false,
            probes: Vec::new(),
        })
    })
}

/// Why the item `key` (full or short) is there: found among every item however far ahead,
/// capped, set aside or ticked, whatever the filters; an unknown key is a usage error with
/// the closest key.
fn explain_key(
    config: &Config,
    index: &Index,
    format: AgendaFormat,
    days: Option<u32>,
    key: &str,
) -> Result<(), Error> {
    let found = agenda::find(index, key)?;
    let item = &found.item;
    let until = agenda::until(index, days);
    let explained = render::agenda::Explained {
        item,
        today: index.today(),
        capped: (found.state == State::Capped).then_some(index.settings.rules.nudges_per_kind),
        beyond: (item.due.date() > until).then_some(until),
        held: (found.state == State::Held)
            .then_some(index.settings.since)
            .flatten(),
        set_aside: match found.state {
            State::Dismissed(entry) => Some(entry),
            _ => None,
        },
        done: match found.state {
            State::Ticked => Some("ticked already (`- [x]`): done".to_owned()),
            State::Prepared(day) => Some(format!("the chat is marked `prepared: {day}`: done")),
            _ => None,
        },
    };
    let format = match format {
        AgendaFormat::Plain(Format::Json) => Format::Json,
        _ => Format::Text,
    };
    super::print(config, &explained, format)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::{NaiveDate, TimeDelta};

    use super::*;
    use crate::cache::{change_dismissed, change_settings, edit, notebook, put_files};
    use crate::rng::Rng;

    const SETTINGS: &[&str] = &[
        "rules:\n  follow_up_after: 7d\n",
        "rules:\n  follow_up_after: 3d\n  thank_you_within: 2h\n  thank_you_expires: 1d\n",
        "rules:\n  horizon: 2d\n",
        "rules: [\n",
    ];

    const DISMISSED: &[Option<&str>] = &[
        None,
        Some("follow-up-ada-20261108 until 2026-11-22\n"),
        Some("no key here at all\n"),
    ];

    /// What the agenda asks the clock about, beside the random files: a chat today at
    /// 10:00 (prepared for, then planned, then over), a message received at 14:30, a chat
    /// yesterday whose thank-you falls due and expires, an event tomorrow evening, a
    /// birthday, a contact gone quiet.
    const TIMED: &[(&str, &str)] = &[
        (
            "chats/2026/2026-11-21-ada.md",
            "---\nwith: [ada]\ndate: 2026-11-21T10:00\n---\n",
        ),
        (
            "chats/2026/2026-11-21-bob.md",
            "---\nwith: [bob]\nkind: message\ndirection: received\ndate: 2026-11-21T14:30\n---\n",
        ),
        (
            "chats/2026/2026-11-20-ada.md",
            "---\nwith: [ada]\ndate: 2026-11-20T16:00\nduration: 30m\n---\n",
        ),
        (
            "events/2026-11-22-meetup.md",
            "---\nname: Meetup\ndate: 2026-11-22T18:00\ngoal: 2\n---\n",
        ),
        (
            "contacts/flo.md",
            "---\nname: Flo\nbirthday: 11-23\ntie: strong\nlast_contact: 2026-05-01\n---\n",
        ),
    ];

    /// A moment near one at which something on the agenda turns: a minute either side,
    /// on it, an hour either side, or a second after.
    fn a_time(rng: &mut Rng) -> NaiveDateTime {
        let (day, hour, minute) = *rng.pick(&[
            (20, 16, 0),
            (20, 16, 30),
            (21, 0, 0),
            (21, 9, 0),
            (21, 10, 0),
            (21, 11, 0),
            (21, 14, 30),
            (21, 18, 30),
            (22, 0, 0),
            (22, 18, 0),
            (23, 0, 0),
            (27, 16, 30),
        ]);
        let at = NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .unwrap();
        let by = *rng.pick(&[
            TimeDelta::zero(),
            TimeDelta::minutes(-1),
            TimeDelta::minutes(1),
            TimeDelta::minutes(-61),
            TimeDelta::minutes(59),
            TimeDelta::hours(5),
            TimeDelta::seconds(1),
        ]);
        at + by
    }

    fn asked(rng: &mut Rng) -> (AgendaFormat, Option<u32>, Filter, anstream::ColorChoice) {
        let format = *rng.pick(&[
            AgendaFormat::Plain(Format::Text),
            AgendaFormat::Plain(Format::Json),
            AgendaFormat::Plain(Format::Markdown),
            AgendaFormat::Ics,
        ]);
        let days = *rng.pick(&[None, Some(1), Some(14)]);
        let filter = match rng.below(4) {
            0 => Filter {
                contact: Some("ada".to_owned()),
                ..Filter::default()
            },
            1 => Filter {
                all: true,
                ..Filter::default()
            },
            _ => Filter::default(),
        };
        let color = *rng.pick(&[anstream::ColorChoice::Never, anstream::ColorChoice::Always]);
        (format, days, filter, color)
    }

    /// The property of the kept agendas: whatever changed between runs (files, `ties.yaml`,
    /// `dismissed.txt`, the clock, the options), a cached agenda prints what an uncached one
    /// prints, or fails as it fails. And answers are used, also at another moment than the
    /// one they were made at, as long as the clock asks nothing new.
    #[test]
    fn a_kept_agenda_is_what_an_agenda_would_print() {
        let (mut hits, mut later) = (0, 0);
        for seed in 0..6 {
            let mut rng = Rng::new(0xA6E4_DA00 + seed);
            let (_dir, root) = notebook();
            put_files(&root, TIMED);
            let mut log = Vec::new();
            let mut now = a_time(&mut rng);
            for step in 0..24 {
                match rng.below(8) {
                    0 => log.push(change_settings(&mut rng, &root, SETTINGS)),
                    1 => log.push(change_dismissed(&mut rng, &root, DISMISSED)),
                    2..=4 => {
                        now = a_time(&mut rng);
                        log.push(format!("now {now}"));
                    }
                    5 => {}
                    _ => log.push(edit(&mut rng, &root)),
                }
                if rng.chance(40) {
                    std::thread::sleep(Duration::from_millis(60));
                }
                let (format, days, filter, color) = asked(&mut rng);
                let asked = Asked {
                    format,
                    days,
                    filter: &filter,
                    color,
                };
                let policy = cache::Policy::Testing {
                    back: Duration::ZERO,
                    racy: Duration::from_millis(40),
                };
                let printed = |result: Result<(Answer, Option<Index>), Error>| match result {
                    Ok((answer, index)) => (Ok(answer.output), index.is_none()),
                    Err(e) => (Err(e.to_string()), false),
                };
                // Asked again with nothing changed but the clock, moved a little or not,
                // once the racy window is over: the answer kept is taken where it holds.
                for again in 0..=rng.below(3) {
                    if again > 0 {
                        std::thread::sleep(Duration::from_millis(50));
                        // Another moment, or the clock moved on a little: where spans end.
                        now = match rng.below(3) {
                            0 => now,
                            1 => a_time(&mut rng),
                            _ => {
                                now + *rng.pick(&[
                                    TimeDelta::minutes(1),
                                    TimeDelta::minutes(-1),
                                    TimeDelta::minutes(30),
                                    TimeDelta::minutes(59),
                                    TimeDelta::minutes(61),
                                ])
                            }
                        };
                        log.push(format!("now {now}"));
                    }
                    let (fresh, _) = printed(answer(&root, now, cache::Policy::Off, &asked));
                    let (cached, hit) = printed(answer(&root, now, policy, &asked));
                    hits += usize::from(hit);
                    later += usize::from(
                        hit && again > 0 && log.last().is_some_and(|l| l.starts_with("now")),
                    );
                    let text = |r: &Result<Vec<u8>, String>| match r {
                        Ok(bytes) => String::from_utf8_lossy(bytes).into_owned(),
                        Err(e) => e.clone(),
                    };
                    assert!(
                        cached == fresh,
                        "seed {seed} step {step} run {again}: {log:?}\n--- cached\n{}\n--- fresh\n{}",
                        text(&cached),
                        text(&fresh),
                    );
                }
            }
        }
        assert!(hits > 40, "answers were used ({hits} times)");
        assert!(
            later > 3,
            "answers were used at a later moment ({later} times)"
        );
    }
}

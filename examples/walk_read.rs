//! Baseline for `ties check`: walk a folder and read every `*.md` file, in parallel, doing
//! nothing else; with `--parse`, also run the two parsers `ties` uses over each file — the
//! YAML parser over the front matter (every event pulled) and `pulldown-cmark` over the
//! body, with the options `ties` enables — keeping nothing.
//!
//! ```text
//! cargo run --release --example walk_read -- [--parse] DIR
//! ```
//!
//! Uses the same walker as `ties` (`ignore::WalkBuilder::build_parallel`, with its default
//! hidden-file and `.gitignore` filters and `require_git(false)`), reads each `*.md` file fully
//! into memory with `std::fs::read`, and prints the number of files and bytes read (and parser
//! events) and the time taken. `benches/check.sh` compares `ties check` against both: the
//! floor is what merely walking and reading the same files costs; with `--parse`, what no
//! stateless check with these parsers can beat. What `ties check --no-cache` costs beyond
//! that is ours: building the documents, the rules, the output.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use ignore::{WalkBuilder, WalkState};
use pulldown_cmark::{Options, Parser};
use serde_saphyr::granit_parser::{Event, Parser as YamlParser};

/// The front matter (between a first line `---` and the next line `---`) and the body.
fn split(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    match rest.find("\n---\n") {
        Some(end) => (&rest[..=end], &rest[end + 5..]),
        None => ("", text),
    }
}

/// How many events the two parsers produce for `data` (0 if it is not UTF-8).
fn parse(data: &[u8]) -> u64 {
    let Ok(text) = std::str::from_utf8(data) else {
        return 0;
    };
    let (yaml, body) = split(text);
    let mut events = 0;
    let mut parser = YamlParser::new_from_str(yaml);
    while let Some(Ok((event, _))) = parser.next() {
        events += 1;
        if matches!(event, Event::StreamEnd) {
            break;
        }
    }
    let options = Options::ENABLE_TASKLISTS | Options::ENABLE_WIKILINKS;
    events + Parser::new_ext(body, options).into_offset_iter().count() as u64
}

fn main() -> ExitCode {
    let mut args: Vec<_> = std::env::args_os().skip(1).collect();
    let parsing = args.first().is_some_and(|a| a == "--parse");
    if parsing {
        args.remove(0);
    }
    let [dir] = args.as_slice() else {
        eprintln!("usage: walk_read [--parse] DIR");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    if !dir.is_dir() {
        eprintln!("walk_read: {} is not a directory", dir.display());
        return ExitCode::from(2);
    }

    let start = Instant::now();
    let files = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let events = AtomicU64::new(0);
    let errors = AtomicU64::new(0);
    WalkBuilder::new(&dir)
        .require_git(false)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                let Ok(entry) = entry else {
                    errors.fetch_add(1, Ordering::Relaxed);
                    return WalkState::Continue;
                };
                let is_md = entry.file_type().is_some_and(|t| t.is_file())
                    && entry.path().extension().is_some_and(|e| e == "md");
                if is_md {
                    match std::fs::read(entry.path()) {
                        Ok(data) => {
                            files.fetch_add(1, Ordering::Relaxed);
                            bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
                            if parsing {
                                events.fetch_add(parse(&data), Ordering::Relaxed);
                            }
                        }
                        Err(_) => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
                WalkState::Continue
            })
        });
    let elapsed = start.elapsed();

    let (files, bytes, errors) = (files.into_inner(), bytes.into_inner(), errors.into_inner());
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / 1e6;
    let parsed = if parsing {
        format!(" and parsed ({} parser events)", events.into_inner())
    } else {
        String::new()
    };
    println!(
        "{files} files, {bytes} bytes ({mb:.1} MB) read{parsed} in {elapsed:.2?}{}",
        if errors > 0 {
            format!(" ({errors} errors)")
        } else {
            String::new()
        }
    );
    ExitCode::SUCCESS
}

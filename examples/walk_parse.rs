//! The floor of a stateless `ties check` with its parsers: walk and read every `*.md` file
//! as `walk_read` does, and run the two parsers `ties` uses over it — the YAML parser over
//! the front matter (every event pulled) and `pulldown-cmark` over the body, with the
//! options `ties` enables — keeping nothing. What `ties check --no-cache` costs beyond this
//! is ours: building the documents, the rules, the output.
//!
//! ```text
//! cargo run --release --example walk_parse -- DIR
//! ```
//!
//! `benches/check.sh` runs it beside `walk_read` (the floor) as `parsers`.

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

/// How many events the two parsers produce for `text`.
fn parse(text: &str) -> u64 {
    let (yaml, body) = split(text);
    let mut events = 0;
    let mut parser = YamlParser::new_from_str(yaml);
    while let Some(Ok((event, _))) = parser.next() {
        events += 1;
        if matches!(event, Event::StreamEnd) {
            break;
        }
    }
    let options = Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    events + Parser::new_ext(body, options).into_offset_iter().count() as u64
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: walk_parse DIR");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    if !dir.is_dir() {
        eprintln!("walk_parse: {} is not a directory", dir.display());
        return ExitCode::from(2);
    }
    let start = Instant::now();
    let files = AtomicU64::new(0);
    let events = AtomicU64::new(0);
    WalkBuilder::new(&dir)
        .require_git(false)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                let Ok(entry) = entry else {
                    return WalkState::Continue;
                };
                let is_md = entry.file_type().is_some_and(|t| t.is_file())
                    && entry.path().extension().is_some_and(|e| e == "md");
                if is_md && let Ok(text) = std::fs::read_to_string(entry.path()) {
                    files.fetch_add(1, Ordering::Relaxed);
                    events.fetch_add(parse(&text), Ordering::Relaxed);
                }
                WalkState::Continue
            })
        });
    println!(
        "{} files, {} parser events in {:.2?}",
        files.into_inner(),
        events.into_inner(),
        start.elapsed()
    );
    ExitCode::SUCCESS
}

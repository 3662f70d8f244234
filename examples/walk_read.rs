//! Baseline for `ties check`: walk a folder and read every `*.md` file, in parallel, doing
//! nothing else.
//!
//! ```text
//! cargo run --release --example walk_read -- DIR
//! ```
//!
//! Uses the same walker as `ties` (`ignore::WalkBuilder::build_parallel`, with its default
//! hidden-file and `.gitignore` filters and `require_git(false)`), reads each `*.md` file fully
//! into memory with `std::fs::read`, and prints the number of files and bytes read and the time
//! taken. `benches/check.sh` compares `ties check` against this: the difference is what parsing
//! and checking cost on top of merely walking and reading the same files.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use ignore::{WalkBuilder, WalkState};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: walk_read DIR");
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
    println!(
        "{files} files, {bytes} bytes ({mb:.1} MB) read in {elapsed:.2?}{}",
        if errors > 0 {
            format!(" ({errors} errors)")
        } else {
            String::new()
        }
    );
    ExitCode::SUCCESS
}

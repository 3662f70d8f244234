//! Progress on stderr for long imports (`indicatif`): a spinner while a large file is
//! planned, a bar while many files are written. It is drawn only when stderr is a terminal
//! and the import is large, so pipes, scripts and tests see the same bytes as ever, and it is
//! cleared before the next line of output, so nothing of it stays on the screen.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How many rows (lines of the input while planning, files while writing) an import must
/// pass before it shows progress: below it, an import ends before a bar would be read.
pub(crate) const THRESHOLD: usize = 500;

const PLANNING: &str = "{spinner} {msg} {elapsed}";
const WRITING: &str = "writing files {wide_bar} {pos}/{len} {eta}";

/// Whether to show progress for `items` rows: only for a person at a terminal, and only
/// when there are many.
pub(crate) fn shows_progress(stderr_is_terminal: bool, items: usize) -> bool {
    stderr_is_terminal && items > THRESHOLD
}

/// A spinner or bar on stderr, or nothing at all; cleared when dropped (an import that
/// stops with an error leaves no half-drawn line before its message).
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    /// Lines printed to a terminal stdout while the bar is drawn take the bar off first.
    stdout_is_terminal: bool,
}

impl Progress {
    /// A spinner while `rows` lines of `file` are planned, if they are many.
    pub(crate) fn planning(file: &str, rows: usize) -> Self {
        Self::new(rows, |bar| {
            bar.set_style(style(PLANNING));
            bar.set_message(format!("planning the import of {file} ({rows} lines)"));
            bar.enable_steady_tick(Duration::from_millis(100));
        })
    }

    /// A bar while `files` files are written, if they are many.
    pub(crate) fn writing(files: usize) -> Self {
        Self::new(files, |bar| {
            bar.set_length(files as u64);
            bar.set_style(style(WRITING));
        })
    }

    fn new(items: usize, setup: impl FnOnce(&ProgressBar)) -> Self {
        let bar = shows_progress(std::io::stderr().is_terminal(), items).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            setup(&bar);
            bar
        });
        Self {
            bar,
            stdout_is_terminal: std::io::stdout().is_terminal(),
        }
    }

    /// Runs `print` (a line of output) with the bar off a terminal stdout, then counts one.
    pub(crate) fn step<R>(&self, print: impl FnOnce() -> R) -> R {
        let Some(bar) = &self.bar else {
            return print();
        };
        let result = if self.stdout_is_terminal {
            bar.suspend(print)
        } else {
            print()
        };
        bar.inc(1);
        result
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `template` as a style; the templates are constants, so a bad one is a bug caught by the
/// tests below, and shows the default style rather than stopping an import.
fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_only_for_a_terminal_and_a_large_import() {
        assert!(shows_progress(true, THRESHOLD + 1));
        assert!(shows_progress(true, 30_000));
        assert!(!shows_progress(true, THRESHOLD));
        assert!(!shows_progress(true, 0));
        assert!(!shows_progress(false, THRESHOLD + 1));
        assert!(!shows_progress(false, 30_000));
    }

    #[test]
    fn the_templates_are_valid() {
        for template in [PLANNING, WRITING] {
            assert!(ProgressStyle::with_template(template).is_ok(), "{template}");
        }
    }
}

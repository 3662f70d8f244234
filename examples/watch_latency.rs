//! Measures `ties watch`: from a change on disk to the round that reports it printed.
//!
//! ```sh
//! cargo build --release && cargo run --release --example watch_latency -- DIR [TIMES]
//! ```
//!
//! Starts `target/release/ties --notebook DIR watch --format json`, then, TIMES times each
//! (default 30):
//!
//! - **save**: rewrites one contact (alternating a broken and a fixed version, so every save
//!   changes the diagnostics);
//! - **create** and **delete**: writes a new contact that names a company, then deletes it
//!   (what `ties new`, an import or an editor's "new note" and a `git checkout` do);
//! - **burst**: writes 200 new contacts at once, then deletes them (five times, not TIMES:
//!   each is 400 files), timed until the rounds have reported all 200;
//!
//! and times each until the round that reports it is printed. Reports the median, 90th
//! percentile and worst of each, which include the debounce window, and how many files the
//! rounds re-read.

use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::process::{ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// How many files a burst writes.
const BURST: usize = 200;
/// How many bursts are timed (each writes and then deletes [`BURST`] files).
const BURSTS: usize = 5;

/// The rounds `ties watch` prints, as JSON (`--format json`) or as text (piped).
struct Rounds {
    lines: Lines<BufReader<ChildStdout>>,
    json: bool,
}

/// What a round said: files read, added and removed.
#[derive(Default)]
struct Said {
    read: u64,
    added: u64,
    removed: u64,
}

impl Rounds {
    /// The next round printed, and when its last line came.
    fn next(&mut self) -> (Said, Instant) {
        if self.json {
            let line = self.lines.next().expect("a round").expect("read");
            let at = Instant::now();
            let round: serde_json::Value = serde_json::from_str(&line).expect("JSON round");
            let n = |key: &str| round[key].as_u64().unwrap_or(0);
            let said = Said {
                read: n("files_read"),
                added: n("added"),
                removed: n("removed"),
            };
            return (said, at);
        }
        // Text: the status line ends a round: "read 1 file (2 ms) · + 0 added ~ 1 modified
        // - 0 removed · …".
        loop {
            let line = self.lines.next().expect("a round").expect("read");
            if !line.contains("watching for changes") {
                continue;
            }
            let at = Instant::now();
            let number = |after: &str| -> u64 {
                line.split(after)
                    .next()
                    .and_then(|s| s.split_whitespace().last())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0)
            };
            let said = Said {
                read: line
                    .split(" read ")
                    .nth(1)
                    .and_then(|s| s.split_whitespace().next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0),
                added: number(" added"),
                removed: number(" removed"),
            };
            return (said, at);
        }
    }

    /// Rounds until `added` files were added and `removed` removed; when the last came and
    /// how many files the rounds re-read.
    fn until(&mut self, added: u64, removed: u64) -> (Instant, u64) {
        let (mut a, mut r, mut read) = (0, 0, 0);
        loop {
            let (said, at) = self.next();
            a += said.added;
            r += said.removed;
            read += said.read;
            if a >= added && r >= removed {
                return (at, read);
            }
        }
    }
}

/// Median, 90th percentile and worst, nearest rank.
fn summary(name: &str, mut times: Vec<Duration>, read: &[u64]) {
    times.sort();
    let pick = |q: usize| times[(q * times.len()).div_ceil(100).saturating_sub(1)];
    let read: std::collections::BTreeSet<u64> = read.iter().copied().collect();
    println!(
        "{name}: median {:.1} ms, p90 {:.1} ms, worst {:.1} ms ({} times); files re-read per round: {read:?}",
        ms(pick(50)),
        ms(pick(90)),
        ms(times[times.len() - 1]),
        times.len(),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Lets the watcher settle, so that each change is its own round.
fn pause() {
    std::thread::sleep(Duration::from_millis(150));
}

fn contact_named(company: &str, i: usize) -> String {
    format!(
        "---\nname: Bench Person {i}\ncompany: {company}\nrole: developer\n---\nMet at [[{company}]].\n"
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: watch_latency DIR [TIMES]"));
    let times: usize = args
        .next()
        .map_or(30, |s| s.parse().expect("TIMES is a number"));
    let binary = std::env::var_os("TIES_BIN")
        .map_or_else(|| PathBuf::from("target/release/ties"), PathBuf::from);
    let first_md = |folder: &str| -> PathBuf {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
            .unwrap_or_else(|_| panic!("DIR/{folder}"))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        files.into_iter().next().expect("a file")
    };
    let contact = first_md("contacts");
    let company = first_md("companies");
    let company = company.file_stem().unwrap().to_string_lossy().into_owned();
    let original = std::fs::read_to_string(&contact).expect("read contact");
    let broken = original.replacen("---\n", "---\nrole: develper\n", 1);

    let json = std::env::var("WATCH_FORMAT").map_or(true, |f| f != "text");
    let format = if json { "json" } else { "text" };
    println!("ties watch --format {format}");
    let mut child = Command::new(&binary)
        .args([
            "--notebook".as_ref(),
            dir.as_os_str(),
            "watch".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
        ])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start ties watch (build with `cargo build --release` first)");
    let mut rounds = Rounds {
        lines: BufReader::new(child.stdout.take().unwrap()).lines(),
        json,
    };
    let started = Instant::now();
    let (first, at) = rounds.next();
    println!(
        "initial check: {:.0} ms, {} files",
        ms(at - started),
        first.added
    );

    // Saves.
    let (mut took, mut read) = (Vec::new(), Vec::new());
    for i in 0..times {
        pause();
        let text = if i % 2 == 0 { &broken } else { &original };
        let t0 = Instant::now();
        std::fs::write(&contact, text).expect("save");
        let (round, at) = rounds.next();
        took.push(at - t0);
        read.push(round.read);
    }
    std::fs::write(&contact, &original).expect("restore");
    summary("save", took, &read);
    pause();
    rounds.next();

    // Files created and deleted, one at a time.
    let new_file = |i: usize| dir.join(format!("contacts/bench-new-{i}.md"));
    let (mut created, mut deleted, mut read) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..times {
        pause();
        let t0 = Instant::now();
        std::fs::write(new_file(i), contact_named(&company, i)).expect("create");
        let (at, n) = rounds.until(1, 0);
        created.push(at - t0);
        read.push(n);
        pause();
        let t0 = Instant::now();
        std::fs::remove_file(new_file(i)).expect("delete");
        let (at, _) = rounds.until(0, 1);
        deleted.push(at - t0);
    }
    summary("create", created, &read);
    summary("delete", deleted, &[]);

    // Bursts of BURST new files, as a `git checkout` or an import writes them.
    let burst_dir = dir.join("contacts/bench-burst");
    let (mut wrote, mut removed) = (Vec::new(), Vec::new());
    for _ in 0..BURSTS {
        pause();
        let t0 = Instant::now();
        std::fs::create_dir_all(&burst_dir).expect("burst folder");
        write_burst(&burst_dir, &company);
        let (at, _) = rounds.until(BURST as u64, 0);
        wrote.push(at - t0);
        pause();
        let t0 = Instant::now();
        std::fs::remove_dir_all(&burst_dir).expect("delete the burst");
        let (at, _) = rounds.until(0, BURST as u64);
        removed.push(at - t0);
    }
    summary(&format!("burst of {BURST} new files"), wrote, &[]);
    summary(&format!("burst of {BURST} deleted"), removed, &[]);

    let _ = child.kill();
    let _ = child.wait();
}

fn write_burst(dir: &Path, company: &str) {
    for i in 0..BURST {
        std::fs::write(dir.join(format!("p{i}.md")), contact_named(company, i)).expect("write");
    }
}

//! Measures `ties watch`: from a save to the updated diagnostics printed.
//!
//! ```sh
//! cargo build --release && cargo run --release --example watch_latency -- DIR [SAVES]
//! ```
//!
//! Starts `target/release/ties --notebook DIR watch --format json`, then SAVES times (default
//! 30) rewrites one contact file (alternating a broken and a fixed version, so every save
//! changes the diagnostics) and times until the next round is printed. Reports the median,
//! 90th percentile and worst latency, which include the debounce window, and how many files
//! each round re-read (a one-file save must re-read one file).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: watch_latency DIR [SAVES]"));
    let saves: usize = args
        .next()
        .map_or(30, |s| s.parse().expect("SAVES is a number"));
    let binary = std::env::var_os("TIES_BIN")
        .map_or_else(|| PathBuf::from("target/release/ties"), PathBuf::from);
    let contact = std::fs::read_dir(dir.join("contacts"))
        .expect("DIR/contacts")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a contact file");
    let original = std::fs::read_to_string(&contact).expect("read contact");
    let broken = original.replacen("---\n", "---\nrole: develper\n", 1);

    let mut child = Command::new(&binary)
        .args([
            "--notebook".as_ref(),
            dir.as_os_str(),
            "watch".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start ties watch (build with `cargo build --release` first)");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let started = Instant::now();
    let first = lines.next().expect("first round").expect("read");
    println!(
        "initial check: {:?} ({} bytes of JSON)",
        started.elapsed(),
        first.len()
    );

    let mut latencies = Vec::new();
    let mut reread = Vec::new();
    for i in 0..saves {
        // Let the watcher settle so each save is its own round.
        std::thread::sleep(Duration::from_millis(150));
        let text = if i % 2 == 0 { &broken } else { &original };
        let t0 = Instant::now();
        std::fs::write(&contact, text).expect("save");
        let line = lines.next().expect("a round").expect("read");
        latencies.push(t0.elapsed());
        let round: serde_json::Value = serde_json::from_str(&line).expect("JSON round");
        reread.push(round["files_read"].as_u64().unwrap_or(u64::MAX));
    }
    std::fs::write(&contact, &original).expect("restore");
    let _ = child.kill();
    let _ = child.wait();

    latencies.sort();
    // Nearest-rank percentile: index = ceil(q/100 * n) - 1.
    let pick = |q: usize| latencies[(q * latencies.len()).div_ceil(100).saturating_sub(1)];
    println!(
        "{saves} saves: median {:?}, p90 {:?}, worst {:?}; files re-read per save: {:?}",
        pick(50),
        pick(90),
        latencies[latencies.len() - 1],
        reread
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
    );
}

#!/usr/bin/env bash
# Benchmark import planning: `ties import linkedin --dry-run` of a generated LinkedIn
# Connections.csv of N connections, into an empty notebook, then again into the notebook the
# real import made (every person already there, a tenth of them moved to another job). The
# second run is the first after the import: it reads every file anew (no cache yet).
#
#   benches/import.sh [N...]        # default: 5000 20000 30000
#
# Prints the CPU time (user + system) and the wall time of each run. The bar (issue 24): a
# 30,000-row export plans in under 2 s of CPU.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
profile="${BENCH_PROFILE:-release}"
TIES="${CARGO_TARGET_DIR:-$ROOT/target}/$profile/ties"
echo "== building ($profile)" >&2
cargo build --profile "$profile" --quiet --bin ties
sizes=("$@")
((${#sizes[@]})) || sizes=(5000 20000 30000)

# connections N SHIFT: a Connections.csv of N people at N/10 companies; SHIFT moves every
# tenth person to the next company (a later export: job changes).
connections() {
    awk -v n="$1" -v shift_="$2" 'BEGIN {
        split("Ana Ben Chloe Dev Eli Fatima Gus Hana Ivan Jia Kofi Lena Mateo Nia Omar Priya Quinn Rosa Sam Tomas Uma Vik Wen Yusuf Zoe", first, " ")
        split("Ruiz Okafor Lindqvist Raman Novak Haddad Kim Silva Mensah Dubois Petrov Tanaka Moreau Costa Ibrahim Walsh", last, " ")
        split("Software Engineer|Engineering Manager|Technical Recruiter|Product Designer|Data Scientist|Staff Engineer", title, "|")
        print "Notes:"
        print "\"When exporting your connection data, you may notice that some of the email addresses are missing.\""
        print ""
        print "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
        companies = int(n / 10) + 1
        for (i = 0; i < n; i++) {
            f = first[i % 25 + 1]; l = last[int(i / 25) % 16 + 1]
            c = i % companies
            if (shift_ && i % 10 == 0) c = (c + 1) % companies
            printf "%s,%s %d,https://www.linkedin.com/in/%s-%s-%d,,Company %d,%s,%02d %s 2025\n", f, l, i, tolower(f), tolower(l), i, c, title[i % 6 + 1], i % 28 + 1, (i % 2 ? "Mar" : "Nov")
        }
    }'
}

TIMEFORMAT='%U %S %R'
for n in "${sizes[@]}"; do
    work="$ROOT/target/bench/import-$n"
    rm -rf "$work"
    mkdir -p "$work/export"
    connections "$n" 0 >"$work/export/Connections.csv"
    "$TIES" init --no-git "$work/notebook" >/dev/null
    run() {
        # `time` of bash prints user, system and real seconds on stderr's last line.
        { time "$TIES" --notebook "$work/notebook" --today 2026-11-21 import linkedin "$@" \
            >/dev/null 2>"$work/stderr"; } 2>&1 | tail -1
    }
    first=$(run "$work/export/Connections.csv" --dry-run)
    "$TIES" --notebook "$work/notebook" --today 2026-11-21 import linkedin "$work/export/Connections.csv" >/dev/null 2>&1
    # The import's own writes flushed first: the kernel writing back N files while the
    # next run reads them is the disk's time, charged to whoever reads (docs/performance.md
    # gives both figures).
    sync
    connections "$n" 1 >"$work/export/Connections.csv"
    again=$(run "$work/export/Connections.csv" --dry-run)
    printf '%6d rows  first import: %s   again (all there, a tenth moved): %s\n' "$n" \
        "$(awk '{ printf "%.2f s CPU, %.2f s wall", $1 + $2, $3 }' <<<"$first")" \
        "$(awk '{ printf "%.2f s CPU, %.2f s wall", $1 + $2, $3 }' <<<"$again")"
done

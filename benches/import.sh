#!/usr/bin/env bash
# Benchmark import planning: `ties import linkedin --dry-run` of a generated LinkedIn export
# of N connections (and N/2 messages), into an empty notebook, then again into the notebook
# the real import made (every person already there, a tenth of them moved to another job).
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

# messages N: a messages.csv of N/2 messages, two per conversation, with every tenth person.
messages() {
    awk -v n="$1" 'BEGIN {
        print "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER"
        for (i = 0; i < n; i += 10) {
            printf "conv-%d,,Sam Rivera,https://www.linkedin.com/in/sam-rivera,Person %d,https://www.linkedin.com/in/p-%d,2026-03-%02d 10:00:00 UTC,,Hello there,INBOX\n", i, i, i, i % 28 + 1
            printf "conv-%d,,Person %d,https://www.linkedin.com/in/p-%d,Sam Rivera,https://www.linkedin.com/in/sam-rivera,2026-03-%02d 12:00:00 UTC,,Hi Sam,INBOX\n", i, i, i, i % 28 + 1
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
    connections "$n" 1 >"$work/export/Connections.csv"
    again=$(run "$work/export/Connections.csv" --dry-run)
    printf '%6d rows  first import: %s   again (all there, a tenth moved): %s\n' "$n" \
        "$(awk '{ printf "%.2f s CPU, %.2f s wall", $1 + $2, $3 }' <<<"$first")" \
        "$(awk '{ printf "%.2f s CPU, %.2f s wall", $1 + $2, $3 }' <<<"$again")"
done

"""The race harness of the write path (issue 20), run by benches/race.sh: `ties` recording
commands against editors saving the same file at random instants, two `ties` writers at
once, and `kill -9` at random instants of `log` and `import`. Not a timed test: it counts
outcomes, and fails (exit 1) on any lost save, torn file or leftover junk.

Editors, as they save:
  rename   write a new file beside it, rename it over (vim, most IDEs)
  inplace  truncate and write the whole file in one write (nano)
  chunked  truncate, write half, pause 0.5-5 ms, write the rest (a slow in-place save)

An iteration starts from the file as B (settled: a minute old), starts `ties`, and at a
random instant within the time a `ties` run takes, an editor saves E (B with another marker
in every body line). Afterwards the file must be E (the editor saved last, or `ties` refused)
or edit(E) (`ties` recorded on top of the save); B or edit(B) means the save was lost, and
anything else is a torn file. `ties` must exit 0 (recorded) or 2 (refused, in words).
"""

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TIES = sys.argv[1]
ITERATIONS = int(sys.argv[2])
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 20
# `in-place`: every edit written in place under the lock instead of exchanged (the
# alternative docs/log.md weighs), through TIES_WRITE_IN_PLACE.
MODE = sys.argv[4] if len(sys.argv) > 4 else "exchange"
if MODE == "in-place":
    os.environ["TIES_WRITE_IN_PLACE"] = "1"
TODAY = "2026-11-21"
BASE = "Mbase0000"
rng = random.Random(SEED)


def body(marker):
    lines = [f"# Notes {marker}\n", "- [ ] Send CV (due 2026-11-22)\n"]
    lines += [f"Line {k:02} of the save {marker}: what we talked about.\n" for k in range(60)]
    return "".join(lines)


def contact(front, marker):
    return f"---\nname: Ana Lima\n{front}---\n{body(marker)}"


# command name -> (args, file it edits, the file's text for a marker)
COMMANDS = {
    "outreach": (["log", "outreach", "ana", "--date", "2026-11-20"], "contacts/ana.md",
                 lambda m: contact("", m)),
    "follow-up": (["log", "follow-up", "ana", "--date", "2026-11-20"], "contacts/ana.md",
                  lambda m: contact("reached_out: 2026-11-01\n", m)),
    "reply": (["log", "reply", "ana", "--date", "2026-11-20"], "contacts/ana.md",
              lambda m: contact("reached_out: 2026-11-01\n", m)),
    "snooze": (["snooze", "ana", "2026-12-15"], "contacts/ana.md",
               lambda m: contact("reached_out: 2026-11-01\n", m)),
    "close": (["close", "ana"], "contacts/ana.md", lambda m: contact("status: active\n", m)),
    "pause": (["pause", "ana"], "contacts/ana.md", lambda m: contact("status: active\n", m)),
    "resume": (["resume", "ana"], "contacts/ana.md", lambda m: contact("status: paused\n", m)),
    "done": (["done", None], "contacts/ana.md", lambda m: contact("reached_out: 2026-11-01\n", m)),
    "thank-you": (["log", "thank-you", "2026-11-19-ana", "--date", "2026-11-20"],
                  "chats/2026-11-19-ana.md",
                  lambda m: f"---\nwith: ana\ndate: 2026-11-19\nkind: coffee-chat\n---\n{body(m)}"),
    "met": (["log", "met", "meetup", "ana"], "events/meetup.md",
            lambda m: f"---\nname: Meetup\ndate: 2026-11-10\n---\n{body(m)}"),
}


def ties(root, args, **kw):
    return subprocess.Popen([TIES, "--notebook", root, "--today", TODAY, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def settled(path, text):
    """Writes the file as it was before the iteration: complete, and a minute old."""
    with open(path, "w") as f:
        f.write(text)
    past = time.time() - 60
    os.utime(path, (past, past))


def notebook(name, command):
    root = os.path.join(WORK, name)
    os.makedirs(root)
    subprocess.run([TIES, "init", root, "--no-git"], check=True, stdout=subprocess.DEVNULL)
    args, rel, text = COMMANDS[command]
    files = {"contacts/ana.md": contact("reached_out: 2026-11-01\n", BASE)}
    files[rel] = text(BASE)
    for path, content in files.items():
        settled(os.path.join(root, path), content)
    if None in args:
        out = subprocess.run([TIES, "--notebook", root, "--today", TODAY, "agenda", "--format",
                              "json", "--days", "30"], check=True, capture_output=True, text=True)
        import json
        key = next(i["key"] for i in json.loads(out.stdout) if i["kind"] == "task")
        args = [key if a is None else a for a in args]
    return root, args, rel, text


def edited(root, args, rel, text):
    """The file as `ties` edits it from B: run once, read, put B back."""
    path = os.path.join(root, rel)
    p = ties(root, args)
    out, err = p.communicate()
    assert p.returncode == 0, (args, err.decode())
    after = open(path).read()
    settled(path, text(BASE))
    return after


def save(kind, path, text):
    data = text.encode()
    if kind == "rename":
        tmp = path + ".swp~"
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, path)
    elif kind == "inplace":
        with open(path, "wb") as f:
            f.write(data)
    else:
        half = len(data) // 2
        with open(path, "wb", buffering=0) as f:
            f.write(data[:half])
            time.sleep(rng.uniform(0.0005, 0.005))
            f.write(data[half:])


def leftovers(root):
    junk = []
    for folder, _, names in os.walk(root):
        junk += [os.path.join(folder, n) for n in names
                 if n.startswith(".ties-") or n.endswith(".swp~") or n == ".ties.lock"]
    return junk


def duration(root, args, rel, text):
    """How long a run takes here: the window the editor's save is spread over."""
    times = []
    for _ in range(15):
        settled(os.path.join(root, rel), text(BASE))
        start = time.perf_counter()
        p = ties(root, args)
        p.communicate()
        times.append(time.perf_counter() - start)
    settled(os.path.join(root, rel), text(BASE))
    return statistics.median(times)


RESULTS = []
FAILED = []


def editor_races():
    for n, command in enumerate(COMMANDS):
        root, args, rel, text = notebook(f"editor-{n}", command)
        path = os.path.join(root, rel)
        after = edited(root, args, rel, text)
        window = duration(root, args, rel, text) * 1.3
        for kind in ["rename", "inplace", "chunked"]:
            count = {"recorded": 0, "refused": 0, "lost": 0, "torn": 0, "bad exit": 0, "junk": 0}
            for i in range(ITERATIONS):
                marker = f"M{i:04}{kind[:4]}"
                settled(path, text(BASE))
                theirs = text(marker)
                p = ties(root, args)
                time.sleep(rng.uniform(0, window))
                save(kind, path, theirs)
                _, err = p.communicate()
                final = open(path).read()
                if p.returncode == 0:
                    count["recorded"] += 1
                elif p.returncode == 2:
                    count["refused"] += 1
                else:
                    count["bad exit"] += 1
                    FAILED.append(f"{command}/{kind}#{i}: exit {p.returncode}: {err.decode()}")
                if final in (theirs, after.replace(BASE, marker)):
                    pass
                elif final in (text(BASE), after):
                    count["lost"] += 1
                    FAILED.append(f"{command}/{kind}#{i}: the editor's save was lost")
                else:
                    count["torn"] += 1
                    FAILED.append(f"{command}/{kind}#{i}: torn file:\n{final[-300:]}")
                junk = leftovers(root)
                if junk:
                    count["junk"] += 1
                    FAILED.append(f"{command}/{kind}#{i}: left {junk}")
                    for j in junk:
                        os.remove(j)
            RESULTS.append((f"{command} vs {kind}", count, window))


def ties_against_ties():
    root, _, rel, text = notebook("ties-ties", "reply")
    path = os.path.join(root, rel)
    one = ["log", "reply", "ana", "--date", "2026-11-20"]
    two = ["snooze", "ana", "2026-12-15"]
    window = duration(root, one, rel, text)
    count = {"both recorded": 0, "lost": 0, "bad exit": 0, "junk": 0}
    for i in range(ITERATIONS * 3):
        settled(path, text(BASE))
        a = ties(root, one)
        time.sleep(rng.uniform(0, window))
        b = ties(root, two)
        _, ea = a.communicate()
        _, eb = b.communicate()
        final = open(path).read()
        if a.returncode != 0 or b.returncode != 0:
            count["bad exit"] += 1
            FAILED.append(f"ties/ties#{i}: exits {a.returncode} {b.returncode}: {ea} {eb}")
        elif "replied: 2026-11-20" in final and "snooze: 2026-12-15" in final:
            count["both recorded"] += 1
        else:
            count["lost"] += 1
            FAILED.append(f"ties/ties#{i}: a recording was lost:\n{final[:200]}")
        if leftovers(root):
            count["junk"] += 1
            FAILED.append(f"ties/ties#{i}: left {leftovers(root)}")
    RESULTS.append(("log reply vs snooze (two ties)", count, window))


def git_notebook(name):
    root = os.path.join(WORK, name)
    subprocess.run([TIES, "init", root], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    git = ["git", "-C", root, "-c", "user.name=race", "-c", "user.email=race@example.com"]
    return root, git


def untracked(git):
    out = subprocess.run(git + ["status", "--porcelain", "--untracked-files=all"],
                         check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


def kill_log():
    root, git = git_notebook("kill-log")
    args, rel, text = COMMANDS["reply"][0], "contacts/ana.md", COMMANDS["reply"][2]
    settled(os.path.join(root, rel), text(BASE))
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "base", "--no-verify"], check=True)
    path = os.path.join(root, rel)
    after = edited(root, args, rel, text)
    window = duration(root, args, rel, text)
    count = {"old": 0, "new": 0, "torn": 0, "junk": 0}
    for i in range(ITERATIONS * 2):
        settled(path, text(BASE))
        p = ties(root, args)
        time.sleep(rng.uniform(0, window))
        p.kill()
        p.communicate()
        final = open(path).read()
        if final == text(BASE):
            count["old"] += 1
        elif final == after:
            count["new"] += 1
        else:
            count["torn"] += 1
            FAILED.append(f"kill log#{i}: torn file")
        junk = [line for line in untracked(git) if line != " M contacts/ana.md"]
        if junk:
            count["junk"] += 1
            FAILED.append(f"kill log#{i}: git add -A would stage {junk}")
    RESULTS.append(("kill -9 log reply", count, window))


def kill_import():
    rows = 300
    csv = "Name,Email,Company\n" + "".join(
        f"Person {k},p{k}@example.com,Company {k % 40}\n" for k in range(rows))
    template, git = git_notebook("kill-import-template")
    with open(os.path.join(template, "people.csv"), "w") as f:
        f.write(csv)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "base", "--no-verify"], check=True)
    reference = os.path.join(WORK, "kill-import-reference")
    shutil.copytree(template, reference)
    start = time.perf_counter()
    subprocess.run([TIES, "--notebook", reference, "--today", TODAY, "import", "csv",
                    os.path.join(reference, "people.csv")], check=True, capture_output=True)
    window = time.perf_counter() - start
    expected = {}
    for folder in ["contacts", "companies"]:
        for name in os.listdir(os.path.join(reference, folder)):
            if name.endswith(".md"):
                expected[f"{folder}/{name}"] = open(os.path.join(reference, folder, name)).read()
    count = {"files checked": 0, "torn": 0, "junk": 0}
    for i in range(max(ITERATIONS // 6, 10)):
        root = os.path.join(WORK, f"kill-import-{i}")
        shutil.copytree(template, root)
        p = ties(root, ["import", "csv", os.path.join(root, "people.csv")])
        time.sleep(rng.uniform(0, window))
        p.kill()
        p.communicate()
        git = ["git", "-C", root]
        for line in untracked(git):
            rel = line[3:]
            if rel in expected and open(os.path.join(root, rel)).read() == expected[rel]:
                count["files checked"] += 1
            elif rel in expected:
                count["torn"] += 1
                FAILED.append(f"kill import#{i}: torn {rel}")
            else:
                count["junk"] += 1
                FAILED.append(f"kill import#{i}: git add -A would stage {rel}")
        shutil.rmtree(root)
    RESULTS.append(("kill -9 import (300 rows)", count, window))


WORK = tempfile.mkdtemp(prefix="ties-race-")
try:
    begin = time.perf_counter()
    editor_races()
    ties_against_ties()
    kill_log()
    kill_import()
    print(f"{'race':32} {'window':>8}  outcomes")
    for name, count, window in RESULTS:
        outcomes = ", ".join(f"{k} {v}" for k, v in count.items())
        print(f"{name:32} {window * 1000:6.1f}ms  {outcomes}")
    print(f"{len(FAILED)} failures; {time.perf_counter() - begin:.0f} s; seed {SEED}; {MODE}")
    for failure in FAILED[:20]:
        print("FAIL", failure)
    sys.exit(1 if FAILED else 0)
finally:
    shutil.rmtree(WORK, ignore_errors=True)

#!/usr/bin/env python3
"""`ties html` and `ties serve` in headless Chromium (tests/e2e/browser.sh runs this).

Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON
messages ending in NUL on file descriptors 3 and 4), so it needs nothing but Python's
standard library: no WebSocket client, no Node packages, no browser download.

It loads the example notebook's page from a file and from `ties serve` at 390x844 (a phone)
and 1280x800, keeps a screenshot of every page (target/e2e/browser/, test artefacts, not
golden images), and asserts from the DOM:
  - the funnel's and the goals' figures equal `ties report --format json`;
  - no horizontal scroll at 390 px, on every page;
  - no console message of level error, no uncaught exception;
  - the file makes no network request (only the file itself is loaded);
  - the People filter and sort, a copy button, and a person's panel work;
  - a saved edit appears in `ties serve` within 2 s;
  - the hostile notebook (tests/fixtures/hostile-html) runs no script of its own: no
    dialog, no changed title, no element its payloads would make.
With --docs, the screenshots shown in the README and docs/views.md are written to docs/views/.
"""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TIES = os.environ.get("TIES_BIN") or os.path.join(ROOT, "target", "debug", "ties")
TODAY = "2026-11-21"
OUT = os.path.join(ROOT, "target", "e2e", "browser")
PAGES = ["today", "funnel", "activity", "companies", "people", "events", "goals"]
VIEWPORTS = {"phone": (390, 844, True), "desktop": (1280, 800, False)}
DEADLINE = 20.0
FAILURES = []


def fail(message):
    FAILURES.append(message)
    print(f"FAIL: {message}", flush=True)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


class Chromium:
    """One headless Chromium, one tab, spoken to over the DevTools pipe."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="ties-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():
            # Chromium reads commands on fd 3 and writes answers on fd 4.
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        binary = shutil.which("chromium") or "/usr/bin/chromium"
        self.proc = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            preexec_fn=fds,
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.call(
            "Target.attachToTarget",
            {"targetId": target["targetId"], "flatten": True},
            session=False,
        )
        self.session = attached["sessionId"]
        for domain in ["Page", "Runtime", "Network", "Log"]:
            self.call(f"{domain}.enable")

    def _read_message(self, timeout):
        import select

        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.from_chrome], [], [], timeout)
            if not ready:
                raise TimeoutError("Chromium said nothing")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read_message(DEADLINE)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            if "method" in answer:
                self._event(answer)

    def _event(self, event):
        self.events.append(event)
        if event["method"] == "Page.javascriptDialogOpening":
            # Answer it on the side so the page goes on; the test fails on it later.
            self.next_id += 1
            os.write(
                self.to_chrome,
                json.dumps(
                    {
                        "id": self.next_id,
                        "method": "Page.handleJavaScriptDialog",
                        "params": {"accept": False},
                        "sessionId": self.session,
                    }
                ).encode()
                + b"\0",
            )

    def pump(self, seconds):
        """Takes the events that arrive in the next `seconds`."""
        end = time.time() + seconds
        while time.time() < end:
            try:
                message = self._read_message(max(0.01, end - time.time()))
            except TimeoutError:
                return
            if "method" in message:
                self._event(message)

    def viewport(self, name):
        width, height, mobile = VIEWPORTS[name]
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
        )

    def dark(self, on):
        value = "dark" if on else "light"
        self.call(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": value}]},
        )

    def load(self, url):
        # A new fragment of the same page is a navigation within the document: no load event.
        done = ("Page.loadEventFired", "Page.navigatedWithinDocument")
        self.events = [e for e in self.events if e["method"] not in done]
        self.call("Page.navigate", {"url": url})
        end = time.time() + DEADLINE
        while not any(e["method"] in done for e in self.events):
            if time.time() > end:
                raise TimeoutError(f"{url} never loaded")
            self.pump(0.05)

    def js(self, expression):
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path):
        self.js("window.scrollTo(0, 0)")
        shot = self.call("Page.captureScreenshot", {"format": "png"})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def problems(self):
        """Console errors, uncaught exceptions and dialogs seen so far."""
        found = []
        for e in self.events:
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                found.append(f"exception: {p['exceptionDetails'].get('text')}")
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                found.append(f"console.{p['type']}: {p.get('args')}")
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                found.append(f"log: {p['entry'].get('text')}")
            elif e["method"] == "Page.javascriptDialogOpening":
                found.append(f"dialog: {p.get('message')}")
        return found

    def requests(self):
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def ties(notebook, *args):
    out = subprocess.run(
        [TIES, "--notebook", notebook, "--today", TODAY, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    if out.returncode != 0:
        raise RuntimeError(f"ties {' '.join(args)}: {out.stderr}")
    return out.stdout


class Served:
    """`ties serve --port 0` on a notebook, until closed."""

    def __init__(self, notebook):
        self.proc = subprocess.Popen(
            [TIES, "--notebook", notebook, "--today", TODAY, "serve", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )
        line = self.proc.stdout.readline()
        found = re.search(r"http://[^/\s]+/", line)
        if not found:
            raise RuntimeError(f"ties serve said: {line!r}")
        self.url = found.group(0)

    def close(self):
        self.proc.send_signal(2)  # Ctrl-C
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = None
        check(code == 0, f"ties serve exited with {code} on Ctrl-C")


def check_pages(browser, base, label, report):
    """Every page at both sizes: shown, no horizontal scroll on a phone, a screenshot."""
    for size in VIEWPORTS:
        browser.viewport(size)
        for page in PAGES:
            browser.load(f"{base}#{page}")
            shown = browser.js(
                f"getComputedStyle(document.getElementById('{page}')).display !== 'none'"
            )
            check(shown, f"{label} {size}: #{page} is not shown")
            others = browser.js(
                "Array.from(document.querySelectorAll('main > section'))"
                f".filter(s => s.id !== '{page}' && getComputedStyle(s).display !== 'none').length"
            )
            check(others == 0, f"{label} {size}: #{page} shows {others} other pages too")
            if size == "phone":
                widths = browser.js(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                check(
                    widths[0] <= widths[1],
                    f"{label} phone: #{page} scrolls sideways ({widths[0]} px in {widths[1]})",
                )
            browser.screenshot(os.path.join(OUT, f"{label}-{size}-{page}.png"))
        # A person's panel.
        browser.load(f"{base}#person-maya-chen")
        panel = browser.js(
            "(() => { const p = document.getElementById('person-maya-chen');"
            " return [getComputedStyle(p).display, p.innerText,"
            " getComputedStyle(document.querySelector('.people-list')).display]; })()"
        )
        check(panel[0] != "none", f"{label} {size}: Maya Chen's panel is hidden")
        check("Priya Natarajan" in panel[1], f"{label} {size}: no introduction in the panel")
        check(panel[2] == "none", f"{label} {size}: the table shows beside a panel")
        if size == "phone":
            widths = browser.js("[document.documentElement.scrollWidth, window.innerWidth]")
            check(widths[0] <= widths[1], f"{label} phone: a panel scrolls sideways {widths}")
        browser.screenshot(os.path.join(OUT, f"{label}-{size}-person.png"))
    check_figures(browser, base, label, report)


def check_figures(browser, base, label, report):
    browser.load(f"{base}#funnel")
    rows = browser.js(
        "Array.from(document.querySelectorAll('#funnel-table tbody tr')).map(r =>"
        " [r.dataset.stage, ...Array.from(r.querySelectorAll('[data-field]')).map(c => c.textContent)])"
    )
    expected = [
        [
            s["stage"],
            str(s["contacts"]),
            str(s["reached"]),
            "" if s["conversion"] is None else f"{s['conversion']:.1f}%",
        ]
        for s in report["funnel"]["stages"]
    ]
    check(rows == expected, f"{label}: funnel {rows} != report {expected}")
    browser.load(f"{base}#goals")
    rows = browser.js(
        "Array.from(document.querySelectorAll('#goals-table tbody tr')).map(r =>"
        " [r.dataset.goal, ...Array.from(r.querySelectorAll('[data-field]')).map(c => c.textContent)])"
    )
    expected = [
        [
            g["goal"],
            str(g["count"]),
            str(g["target"]),
            "yes" if g["met"] else "no",
            "" if g["streak"] is None else str(g["streak"]),
        ]
        for g in report["goals"]["rows"]
    ]
    check(rows == expected, f"{label}: goals {rows} != report {expected}")


def check_script(browser, base, label):
    """The People filter and sort, and a copy button."""
    browser.load(f"{base}#people")
    shown = browser.js(
        "(() => { const f = document.getElementById('filter'); f.value = 'harbor';"
        " f.dispatchEvent(new Event('input'));"
        " return Array.from(document.querySelectorAll('#people-table tbody tr'))"
        ".filter(r => !r.hidden).length; })()"
    )
    check(shown == 3, f"{label}: filtering by 'harbor' shows {shown} people, not 3")
    order = browser.js(
        "(() => { const th = Array.from(document.querySelectorAll('#people-table th'))"
        ".find(t => t.textContent.trim() === 'stage'); th.click(); th.click();"
        " return Array.from(document.querySelectorAll('#people-table tbody tr'))"
        ".map(r => Number(r.cells[3].dataset.rank)); })()"
    )
    check(order == sorted(order, reverse=True), f"{label}: stage sort gives {order}")
    browser.load(f"{base}#today")
    answer = browser.js(
        "(() => { const b = document.querySelector('button[data-copy]'); b.click();"
        " return new Promise(r => setTimeout(() => r(b.textContent), 300)); })()"
    )
    check(answer in ("Copied", "Selected: Ctrl-C"), f"{label}: the copy button says {answer!r}")


def check_clean(browser, label, allowed_prefixes):
    problems = browser.problems()
    check(not problems, f"{label}: {problems}")
    outside = [u for u in browser.requests() if not u.startswith(tuple(allowed_prefixes))]
    check(not outside, f"{label}: requests beyond the page: {outside}")


def check_hostile(browser, base, label):
    for page in PAGES + ["person-eve"]:
        browser.load(f"{base}#{page}")
        browser.pump(0.1)
        state = browser.js(
            "[document.title, document.scripts.length,"
            " document.querySelectorAll('img, iframe, b, object, embed, a[href^=\"javascript\"]').length,"
            " document.querySelectorAll('svg[onload], [onerror], [onmouseover]').length,"
            " getComputedStyle(document.body).display]"
        )
        # The owner's name holds a script that would set the title to `pwned-owner`.
        check(
            state[0].startswith("Mallory <script>"),
            f"{label} #{page}: the title was changed: {state[0]!r}",
        )
        check(state[1] == 1, f"{label} #{page}: {state[1]} scripts in the page")
        check(state[2] == 0 and state[3] == 0, f"{label} #{page}: injected elements {state}")
        check(state[4] != "none", f"{label} #{page}: an injected style hid the page")
        if page == "people":
            text = browser.js("document.body.innerText")
            check("<script>alert('name')</script>" in text, f"{label}: the payload is not text")


def main():
    docs = "--docs" in sys.argv
    started = time.time()
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix="ties-browser-")
    example = os.path.join(work, "example")
    shutil.copytree(os.path.join(ROOT, "example-notebook"), example)
    report = json.loads(ties(example, "report", "--format", "json"))
    page = os.path.join(work, "network.html")
    ties(example, "html", "-o", page)
    file_url = "file://" + page

    browser = Chromium()
    try:
        # The file.
        check_pages(browser, file_url, "file", report)
        check_script(browser, file_url, "file")
        check_clean(browser, "file", [file_url])
        browser.events.clear()
        browser.dark(True)
        for size in VIEWPORTS:
            browser.viewport(size)
            browser.load(f"{file_url}#activity")
            browser.screenshot(os.path.join(OUT, f"file-{size}-activity-dark.png"))
        browser.dark(False)
        check_clean(browser, "file (dark)", [file_url])

        # Served, live.
        served = Served(example)
        try:
            browser.events.clear()
            check_pages(browser, served.url, "serve", report)
            check_script(browser, served.url, "serve")
            check_clean(browser, "serve", [served.url])
            browser.viewport("desktop")
            browser.load(f"{served.url}#people")
            contact = os.path.join(example, "contacts", "maya-chen.md")
            with open(contact, encoding="utf-8") as f:
                text = f.read()
            saved = time.time()
            with open(contact, "w", encoding="utf-8") as f:
                f.write(text.replace("name: Maya Chen", "name: Maya Chen-Okafor", 1))
            seen = None
            while time.time() - saved < 5:
                browser.pump(0.02)
                try:
                    if "Maya Chen-Okafor" in browser.js("document.body.innerText"):
                        seen = time.time() - saved
                        break
                except RuntimeError:
                    pass  # the page is reloading
            check(seen is not None and seen < 2.0, f"serve: the saved edit showed after {seen} s")
            print(f"browser: a save reached the served page in {seen:.2f} s" if seen else "")
            # A broken file: the banner, over the last good view.
            with open(contact, "w", encoding="utf-8") as f:
                f.write(text.replace("reached_out: 2026-10-28", "reached_out: 2026-13-45", 1))
            banner = None
            end = time.time() + 5
            while time.time() < end and not banner:
                browser.pump(0.05)
                try:
                    banner = browser.js(
                        "(() => { const b = document.getElementById('problems');"
                        " return b ? b.innerText : null; })()"
                    )
                except RuntimeError:
                    pass
            check(banner and "contacts/maya-chen.md" in banner, f"serve: banner {banner!r}")
            browser.screenshot(os.path.join(OUT, "serve-desktop-banner.png"))
            still = browser.js("document.body.innerText")
            check("Maya Chen-Okafor" in still, "serve: the last good view did not stay")
        finally:
            browser.load("about:blank")
            served.close()

        # A hostile notebook, from a file and served.
        browser.events.clear()
        hostile = os.path.join(work, "hostile")
        shutil.copytree(os.path.join(ROOT, "tests", "fixtures", "hostile-html"), hostile)
        hostile_page = os.path.join(work, "hostile.html")
        ties(hostile, "html", "-o", hostile_page)
        check_hostile(browser, "file://" + hostile_page, "hostile file")
        check_clean(browser, "hostile file", ["file://" + hostile_page])
        served = Served(hostile)
        try:
            browser.events.clear()
            check_hostile(browser, served.url, "hostile serve")
            check_clean(browser, "hostile serve", [served.url])
        finally:
            browser.load("about:blank")
            served.close()
    finally:
        browser.close()
        shutil.rmtree(work, ignore_errors=True)

    if docs and not FAILURES:
        views = os.path.join(ROOT, "docs", "views")
        os.makedirs(views, exist_ok=True)
        for name in [f"file-desktop-{p}" for p in PAGES] + [
            "file-desktop-person",
            "file-phone-today",
            "file-phone-people",
            "file-phone-activity-dark",
            "serve-desktop-banner",
        ]:
            shutil.copy(os.path.join(OUT, f"{name}.png"), os.path.join(views, f"{name}.png"))
        print(f"browser: screenshots for the docs in {views}")
    shots = len([f for f in os.listdir(OUT) if f.endswith(".png")])
    print(f"browser: {shots} screenshots in {OUT}; {time.time() - started:.1f} s")
    if FAILURES:
        print(f"browser: {len(FAILURES)} failed", file=sys.stderr)
        sys.exit(1)
    print("browser: every check passed")


if __name__ == "__main__":
    main()

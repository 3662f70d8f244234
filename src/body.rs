//! The Markdown body of a file: the links `check` verifies, the tasks the agenda schedules,
//! the headings, and a chat's prepared questions. pulldown-cmark reads the whole file so its
//! offsets are file offsets; links inside code are code, not links.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::findings::{DateForm, Finding, MAX_PER_FILE_AND_RULE, Problem};
use crate::hash::Fnv;
use crate::model::{Id, time};
use crate::span::{Span, Spanned};

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Body {
    pub links: Links,
    pub tasks: Vec<Task>,
    pub headings: Vec<Heading>,
    /// Non-empty list items under a `Questions` heading; `None` without such a heading.
    pub questions: Option<usize>,
    /// The wiki links in list items under a `Participants` or `Attendees` heading, in
    /// order: who was at a meeting, where a vault writes it in the body instead of `with`.
    pub participants: Vec<Spanned<Id>>,
}

/// Whether a heading opens a section listing who was there.
fn lists_participants(heading: &str) -> bool {
    // ASCII case alone: no other letter lowercases to one of these words' letters.
    let heading = heading.trim().trim_end_matches(':');
    heading.eq_ignore_ascii_case("participants") || heading.eq_ignore_ascii_case("attendees")
}

/// One link as the tests see it; the check reads the kept positions per target.
#[cfg(test)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    pub target: LinkTarget,
    pub span: Span,
}

/// A body larger than this is not parsed (T007). pulldown-cmark streams its events, but the
/// tree behind them keeps every block and inline of the document until the parse ends, so
/// its memory grows with the body: 8 MiB of nothing but `[[x]]` peaks at about 600 MB and
/// 0.6 s of CPU in a release build (50 MB took 5 GB and 20 s). A note someone wrote is rarely
/// even 1 MiB (a novel is about 1 MB); past 8 MiB it is a dump, an export or a pasted log.
pub(crate) const MAX_BODY_BYTES: u64 = 8 * 1024 * 1024;

/// How many positions of one target a body keeps: a file reports at most
/// [`MAX_PER_FILE_AND_RULE`] broken links, and the one after them is where "… and N more"
/// points. Whichever targets turn out broken, the first that many broken links of the file
/// are among the first that many of each broken target, so nothing reported is lost.
pub(crate) const KEPT_PER_TARGET: usize = MAX_PER_FILE_AND_RULE + 1;

/// A body's checked links, bounded by what can ever be reported: each distinct target once,
/// with its first [`KEPT_PER_TARGET`] positions and how often it occurs. A note of 10 M
/// `[[x]]` costs one target, not 10 M links.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Links {
    /// In the order of their first occurrence.
    pub targets: Vec<Linked>,
}

/// One distinct link target of a body and where it occurs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Linked {
    pub target: LinkTarget,
    /// Its first occurrence: most targets occur once, and need no other allocation.
    pub first: Span,
    /// The occurrences after the first, up to [`KEPT_PER_TARGET`] in all, in file order.
    pub later: Vec<Span>,
    /// Every occurrence, kept or not.
    pub count: usize,
}

impl Linked {
    /// The kept occurrences, in file order.
    pub(crate) fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        std::iter::once(self.first).chain(self.later.iter().copied())
    }
}

#[cfg(test)]
impl Links {
    /// Every kept link, in file order (all of them, in a body below the bound).
    pub(crate) fn iter(&self) -> impl Iterator<Item = Link> + '_ {
        let mut kept: Vec<Link> = self
            .targets
            .iter()
            .flat_map(|l| {
                l.spans().map(|span| Link {
                    target: l.target.clone(),
                    span,
                })
            })
            .collect();
        kept.sort_by_key(|l| l.span.start);
        kept.into_iter()
    }

    /// How many links there are in all, kept or not.
    pub(crate) fn count(&self) -> usize {
        self.targets.iter().map(|l| l.count).sum()
    }
}

/// Collects [`Links`] while the body is parsed: each target is stored once, as the map's key.
#[derive(Default)]
struct LinksBuilder {
    /// In the order of their first occurrence.
    targets: Vec<Linked>,
    /// Where each target is in `targets`, once there are more than [`LinksBuilder::SCANNED`]:
    /// comparing a handful of targets is cheaper than hashing them (and a map per file was
    /// 4% of a check's instructions), and nearly every body links that few.
    at: Option<HashMap<LinkTarget, usize, BuildHasherDefault<Fnv>>>,
}

impl LinksBuilder {
    const SCANNED: usize = 16;

    fn push(&mut self, target: LinkTarget, span: Span) {
        let found = match &mut self.at {
            Some(at) => at.get(&target).copied(),
            None => self.targets.iter().position(|l| l.target == target),
        };
        let Some(i) = found else {
            if let Some(at) = &mut self.at {
                at.insert(target.clone(), self.targets.len());
            }
            self.targets.push(Linked {
                target,
                first: span,
                later: Vec::new(),
                count: 1,
            });
            if self.at.is_none() && self.targets.len() > Self::SCANNED {
                let at = self.targets.iter().enumerate();
                self.at = Some(at.map(|(i, l)| (l.target.clone(), i)).collect());
            }
            return;
        };
        let linked = &mut self.targets[i];
        linked.count += 1;
        if linked.later.len() + 1 < KEPT_PER_TARGET {
            linked.later.push(span);
        }
    }

    fn finish(mut self) -> Links {
        // Kept for as long as the notebook is loaded: without the room their growth left.
        self.targets.shrink_to_fit();
        Links {
            targets: self.targets,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) enum LinkTarget {
    /// `[[id]]`, `[[id|label]]`, `[[id#heading]]`: the id.
    Wiki(Id),
    /// `[text](../contacts/jane-doe.md)`: the path as written, without `#fragment`.
    File(String),
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Task {
    /// The task's first line as written, without the checkbox and the due date.
    pub text: String,
    pub done: bool,
    #[serde(with = "crate::model::compact")]
    pub due: Option<Spanned<NaiveDate>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Heading {
    pub level: u8,
    pub text: String,
    pub span: Span,
}

/// The notebook path (relative, `/`-separated) a relative Markdown link `link` in the file
/// at `from` leads to; `None` if it climbs out of the notebook (only the file system can
/// tell then).
pub(crate) fn resolve<'a>(from: &str, link: &'a str) -> Option<Cow<'a, str>> {
    match from_the_root(from, link) {
        Some(path) => Some(Cow::Borrowed(path)),
        None => walked(from, link).map(Cow::Owned),
    }
}

/// [`resolve`], one part of the link after the other.
fn walked(from: &str, link: &str) -> Option<String> {
    let link: Cow<str> = if link.contains('%') {
        percent_decode(link).into()
    } else {
        link.into()
    };
    // One string built in place: every relative link of every file is resolved by each
    // check (T204), and again when the lookups of who links to a file are built.
    let mut out = String::with_capacity(from.len() + link.len());
    out.push_str(from.rsplit_once('/').map_or("", |(dir, _)| dir));
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.is_empty() {
                    return None;
                }
                out.truncate(out.rfind('/').unwrap_or(0));
            }
            other => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(other);
            }
        }
    }
    Some(out)
}

/// The part of `link` after one `../` per folder `from` is in, when that part is a plain
/// path (no empty, `.` or `..` part, nothing percent-encoded): then it is what
/// [`resolve`] leads to, as written. Nearly every link between a notebook's folders is
/// written so (`../../contacts/jane-doe.md` from `chats/2026/`), and each check resolves
/// them all: building each path was half of the cross-file rules' instructions. Bytes are
/// compared one by one: paths are short, and splitting them with `str::split` and
/// `rsplit_once` (a `memchr` search set up for each part) was a quarter of the rules'
/// instructions again (73 M against 54 M at 8,300 files).
fn from_the_root<'a>(from: &str, link: &'a str) -> Option<&'a str> {
    let depth = match from.bytes().rposition(|b| b == b'/') {
        Some(end) => plain_parts(&from.as_bytes()[..end], false)?,
        None => 0,
    };
    let mut rest = link;
    for _ in 0..depth {
        rest = rest.strip_prefix("../")?;
    }
    plain_parts(rest.as_bytes(), true).map(|_| rest)
}

/// How many parts between slashes `path` has, if none is empty, `.` or `..` (and, with
/// `encoded_too`, no byte is a `%`), in one pass.
pub(crate) fn plain_parts(path: &[u8], encoded_too: bool) -> Option<usize> {
    let plain = |part: &[u8]| !matches!(part, b"" | b"." | b"..");
    let mut parts = 1;
    let mut start = 0;
    for (at, &byte) in path.iter().enumerate() {
        if byte == b'/' {
            if !plain(&path[start..at]) {
                return None;
            }
            parts += 1;
            start = at + 1;
        } else if encoded_too && byte == b'%' {
            return None;
        }
    }
    plain(&path[start..]).then_some(parts)
}

/// `%20` and friends, as Markdown editors write spaces in link paths.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses the body of `text`, which starts at `body_start` (front matter before it is
/// skipped); findings (bad due dates) are appended to `findings`.
pub(crate) fn parse(text: &str, body_start: usize, findings: &mut Vec<Finding>) -> Body {
    // Only what changes where links, tasks and headings are: tables and strikethrough do
    // not, and parsing them costs time on every file. The body is parsed as a document of
    // its own: the front matter before it is read already (parsing it again as a metadata
    // block cost 2% of a check's instructions). And no metadata blocks: pulldown-cmark
    // takes one at any block start, so a rule (`---`), a few lines and another rule in the
    // body hid the tasks and links between them. Front matter is only ever the file's first
    // lines, as every editor shows it.
    let options = Options::ENABLE_TASKLISTS | Options::ENABLE_WIKILINKS;
    let mut body = Body::default();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut questions_level: Option<u8> = None;
    let mut participants_level: Option<u8> = None;
    let mut list_depth = 0usize;
    let mut questions = 0usize;
    let mut links = LinksBuilder::default();
    let body_text = text.get(body_start..).unwrap_or_default();
    for (event, range) in Parser::new_ext(body_text, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_number(level), range.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, mut title)) = heading.take() {
                    // Trimmed in place: no second copy of every heading.
                    title.truncate(title.trim_end().len());
                    title.drain(..title.len() - title.trim_start().len());
                    if questions_level.is_some_and(|q| level <= q) {
                        questions_level = None;
                    }
                    if participants_level.is_some_and(|p| level <= p) {
                        participants_level = None;
                    }
                    if lists_participants(&title) {
                        participants_level = Some(level);
                    }
                    if title
                        .get(.."questions".len())
                        .is_some_and(|start| start.eq_ignore_ascii_case("questions"))
                    {
                        questions_level = Some(level);
                        body.questions.get_or_insert(0);
                    }
                    body.headings.push(Heading {
                        level,
                        text: title,
                        span: Span::new(start, range.end),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item)
                if questions_level.is_some()
                    && list_depth == 1
                    && !item_is_empty(&text[range.clone()]) =>
            {
                questions += 1;
            }
            Event::TaskListMarker(done) => body.tasks.push(task(text, range.start, done, findings)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                if let Some(target) = link_target(link_type, &dest_url) {
                    if let LinkTarget::Wiki(id) = &target
                        && participants_level.is_some()
                        && list_depth > 0
                    {
                        let span = Span::new(range.start, range.end);
                        body.participants.push(Spanned::new(id.clone(), span));
                    }
                    links.push(target, Span::new(range.start, range.end));
                }
            }
            _ => {}
        }
    }
    if body.questions.is_some() {
        body.questions = Some(questions);
    }
    body.links = links.finish();
    // Kept for as long as the notebook is loaded: without the room their growth left.
    body.headings.shrink_to_fit();
    body.tasks.shrink_to_fit();
    body
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// An item whose first line holds nothing but its bullet (a template's empty slot).
fn item_is_empty(item: &str) -> bool {
    let first = item.lines().next().unwrap_or("").trim_start();
    let rest = first
        .strip_prefix(['-', '*', '+'])
        .or_else(|| {
            first
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .strip_prefix(['.', ')'])
        })
        .unwrap_or(first)
        .trim();
    let rest = rest
        .strip_prefix("[ ]")
        .or_else(|| rest.strip_prefix("[x]"))
        .unwrap_or(rest);
    rest.trim().is_empty()
}

fn link_target(link_type: LinkType, dest: &str) -> Option<LinkTarget> {
    match link_type {
        LinkType::WikiLink { .. } => {
            let id = dest.split(['#', '|']).next().unwrap_or(dest).trim();
            (!id.is_empty()).then(|| LinkTarget::Wiki(Id::new(id)))
        }
        LinkType::Inline | LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
            let path = dest.split(['#', '?']).next().unwrap_or(dest);
            let external =
                dest.contains("://") || dest.starts_with("mailto:") || path.starts_with('/');
            let md =
                path.len() >= 3 && path.as_bytes()[path.len() - 3..].eq_ignore_ascii_case(b".md");
            (!external && md).then(|| LinkTarget::File(path.to_owned()))
        }
        _ => None,
    }
}

/// A task from its checkbox at `marker` to the end of that line.
fn task(text: &str, marker: usize, done: bool, findings: &mut Vec<Finding>) -> Task {
    let line_end = text[marker..].find('\n').map_or(text.len(), |i| marker + i);
    let line = &text[marker..line_end];
    let after_box = line.find(']').map_or(0, |i| i + 1);
    let (due, due_range) = match find_due(line) {
        Some((range, raw)) => {
            let span = Span::new(marker + range.start, marker + range.end);
            if let Some(date) = time::parse_day(raw).or_else(|| time::parse_written_date(raw)) {
                (Some(Spanned::new(date, span)), Some(range))
            } else {
                findings.push(Finding::new(
                    span,
                    Problem::InvalidDate {
                        key: "due".into(),
                        value: raw.into(),
                        form: DateForm::Due,
                    },
                ));
                (None, None)
            }
        }
        None => (None, None),
    };
    let title = match due_range {
        Some(range) => drop_due(line, after_box, range),
        None => line[after_box..].to_owned(),
    };
    Task {
        text: title.split_whitespace().collect::<Vec<_>>().join(" "),
        done,
        due,
        span: Span::new(marker, line_end),
    }
}

/// `line` from `from` on, without the due annotation whose date is at `range`: the whole
/// `(due 2026-11-20)` or `📅 2026-11-20`.
fn drop_due(line: &str, from: usize, range: std::ops::Range<usize>) -> String {
    let start = line[..range.start]
        .rfind(['(', '📅'])
        .unwrap_or(range.start);
    let end = if line[range.end..].starts_with(')') {
        range.end + 1
    } else {
        range.end
    };
    format!("{}{}", &line[from..start.max(from)], &line[end..])
}

/// A line of text without its due annotation, if it has one (a task quoted in a message).
pub(crate) fn without_due(line: &str) -> String {
    match find_due(line) {
        Some((range, _)) => drop_due(line, 0, range),
        None => line.to_owned(),
    }
}

/// The date of `(due DATE)` or `📅 DATE` in a task line: its byte range and text. In
/// parentheses the date runs to the `)`, so `(due 12 Feb 2026)` is one date, not `12`.
fn find_due(line: &str) -> Option<(std::ops::Range<usize>, &str)> {
    let (start, parenthesised) = if let Some(i) = line.find("(due ") {
        (i + "(due ".len(), true)
    } else {
        (line.find('📅').map(|i| i + '📅'.len_utf8())?, false)
    };
    let rest = &line[start..];
    let skipped = rest.len() - rest.trim_start().len();
    let start = start + skipped;
    let rest = &line[start..];
    let len = match rest.find(')') {
        Some(close) if parenthesised => rest[..close].trim_end().len(),
        _ => rest
            .find(|c: char| c.is_whitespace() || c == ')')
            .unwrap_or(rest.len()),
    };
    Some((start..start + len, &line[start..start + len]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> (Body, Vec<Finding>) {
        let mut findings = Vec::new();
        let start = crate::frontmatter::FrontMatter::split(text).body_start();
        (parse(text, start, &mut findings), findings)
    }

    #[test]
    fn the_body_is_a_document_of_its_own_with_the_positions_of_the_file() {
        // After front matter, a `---` block is a rule and a heading, not a second metadata
        // block; before the body was parsed alone, the whole file was.
        let text = "---\nname: A\n---\n---\nx: y\n---\n# Questions\n- a\n- [ ] ask [[jane]]\n";
        let (parsed, findings) = body(text);
        assert!(findings.is_empty());
        let headings: Vec<(&str, usize)> = parsed
            .headings
            .iter()
            .map(|h| (h.text.as_str(), h.span.start))
            .collect();
        let at = |s: &str| text.rfind(s).unwrap();
        assert_eq!(headings, [("x: y", at("x: y")), ("Questions", at("# Q"))]);
        assert_eq!(parsed.questions, Some(2));
        assert_eq!(parsed.tasks[0].span.start, at("[ ]"));
        let links: Vec<Span> = parsed.links.targets.iter().map(|l| l.first).collect();
        assert_eq!(links, [Span::new(at("[[jane]]"), at("[[jane]]") + 8)]);
        // Between two rules later in a body, with front matter or without, nothing is
        // hidden as metadata.
        for text in [
            "---\nname: A\n---\nIntro.\n\n---\n- [ ] thank [[bob]]\n## Notes\n---\n",
            "Intro.\n\n---\n- [ ] thank [[bob]]\n## Notes\n---\n",
        ] {
            let (parsed, _) = body(text);
            assert_eq!(parsed.tasks.len(), 1, "{text}");
            assert_eq!(parsed.links.targets.len(), 1, "{text}");
            assert_eq!(parsed.headings.len(), 1, "{text}");
        }
    }

    /// [`from_the_root`] as it was written with `str::split`: what the one pass over the
    /// bytes must answer alike.
    fn by_parts<'a>(from: &str, link: &'a str) -> Option<&'a str> {
        let (dir, _) = from.rsplit_once('/').unwrap_or(("", from));
        let plain = |path: &str| {
            path.split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..")
        };
        if link.contains('%') || !(dir.is_empty() || plain(dir)) {
            return None;
        }
        let depth = if dir.is_empty() {
            0
        } else {
            dir.split('/').count()
        };
        let mut rest = link;
        for _ in 0..depth {
            rest = rest.strip_prefix("../")?;
        }
        plain(rest).then_some(rest)
    }

    #[test]
    fn links_from_the_root_resolve_as_those_walked_part_by_part() {
        let mut rng = crate::rng::Rng::new(5);
        let froms = [
            "a.md",
            "chats/x.md",
            "chats/2026/x.md",
            "a/b/c/d.md",
            "a//b.md",
            "/a/b.md",
            "./a/b.md",
            "a/./b.md",
            "a/../b.md",
            "../a.md",
            "a%20b/c.md",
        ];
        let parts = ["..", ".", "", "contacts", "jane.md", "a%20b.md", "c"];
        for _ in 0..20_000 {
            let from = *rng.pick(&froms);
            let len = 1 + rng.below(7);
            let link = (0..len)
                .map(|_| *rng.pick(&parts))
                .collect::<Vec<_>>()
                .join("/");
            assert_eq!(
                resolve(from, &link).map(Cow::into_owned),
                walked(from, &link),
                "{from} {link}"
            );
            // Taken as often as the plain reading of the paths allows: a link the short
            // way misses is still right, but slower.
            if !from.starts_with('/') {
                assert_eq!(
                    from_the_root(from, &link),
                    by_parts(from, &link),
                    "{from} {link}"
                );
            }
        }
        assert_eq!(
            from_the_root("chats/2026/x.md", "../../contacts/jane.md"),
            Some("contacts/jane.md")
        );
    }

    #[test]
    fn links_resolve_against_their_folder() {
        for (from, link, expected) in [
            (
                "chats/2026/a.md",
                "../../contacts/ada.md",
                Some("contacts/ada.md"),
            ),
            ("chats/a.md", "./b%20c.md", Some("chats/b c.md")),
            ("plan.md", "notes/x.md", Some("notes/x.md")),
            ("notes/x.md", "../../up.md", None),
            ("notes/x.md", "..//a/../b.md", Some("b.md")),
        ] {
            assert_eq!(resolve(from, link).as_deref(), expected, "{from} {link}");
        }
    }

    #[test]
    fn finds_wiki_and_relative_links_but_not_in_code() {
        let text = "---\nname: A\n---\nSee [[jane-doe]], [[acme|Acme]], [[bob#notes]] and [J](../contacts/jane.md#x).\n`[[not-me]]` [web](https://x.com/a.md)\n\n```\n[[nor-me]]\n```\n";
        let (b, _) = body(text);
        let targets: Vec<_> = b.links.iter().map(|l| l.target).collect();
        assert_eq!(
            targets,
            vec![
                LinkTarget::Wiki(Id::new("jane-doe")),
                LinkTarget::Wiki(Id::new("acme")),
                LinkTarget::Wiki(Id::new("bob")),
                LinkTarget::File("../contacts/jane.md".into()),
            ]
        );
        assert_eq!(
            &text[b.links.iter().next().unwrap().span.range()],
            "[[jane-doe]]"
        );
    }

    #[test]
    fn repeated_links_keep_their_first_positions_and_their_count() {
        // 3 targets, 1000 times each, interleaved: a, b, c, a, b, c…
        let text = "[[a]] [[b]] [[c]]\n".repeat(1000);
        let (b, _) = body(&text);
        assert_eq!(b.links.targets.len(), 3);
        assert_eq!(b.links.count(), 3000);
        for linked in &b.links.targets {
            assert_eq!(linked.count, 1000);
            assert_eq!(linked.spans().count(), KEPT_PER_TARGET);
        }
        // The kept links of `b` are its first ones: lines 1 to 101, column 7.
        let b_spans: Vec<Span> = b.links.targets[1].spans().collect();
        assert_eq!(b_spans[0].start, 6);
        assert_eq!(b_spans[KEPT_PER_TARGET - 1].start, 18 * 100 + 6);
        // Merged, they come back in file order.
        let starts: Vec<usize> = b.links.iter().take(4).map(|l| l.span.start).collect();
        assert_eq!(starts, [0, 6, 12, 18]);
    }

    #[test]
    fn many_targets_are_found_again_as_few_are() {
        // Past the targets compared one by one, the map must find the same: 40 targets,
        // wiki and file links, in a shuffled order, each a different number of times.
        let mut rng = crate::rng::Rng::new(3);
        let mut text = String::new();
        let mut expected: Vec<(String, usize)> = Vec::new();
        for _ in 0..2000 {
            let n = rng.below(40);
            let link = if n.is_multiple_of(2) {
                format!("[[t{n}]]")
            } else {
                format!("[x](t{n}.md)")
            };
            match expected.iter_mut().find(|(l, _)| *l == link) {
                Some((_, count)) => *count += 1,
                None => expected.push((link.clone(), 1)),
            }
            text.push_str(&link);
            text.push(' ');
        }
        let (b, _) = body(&text);
        let found: Vec<(String, usize)> = b
            .links
            .targets
            .iter()
            .map(|l| (text[l.first.range()].to_owned(), l.count))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn tasks_with_due_dates_in_both_forms() {
        let text = "- [ ] send thanks (due 2026-11-20)\n- [x] done thing\n- [ ] call 📅 2026-11-22 today\n- [ ] bad (due 2026-13-01)\n";
        let (b, findings) = body(text);
        assert_eq!(b.tasks.len(), 4);
        assert_eq!(b.tasks[0].text, "send thanks");
        assert_eq!(
            b.tasks[0].due.as_ref().unwrap().value.to_string(),
            "2026-11-20"
        );
        assert!(b.tasks[1].done);
        assert_eq!(b.tasks[2].text, "call today");
        assert_eq!(
            b.tasks[2].due.as_ref().unwrap().value.to_string(),
            "2026-11-22"
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(&text[findings[0].span.range()], "2026-13-01");
    }

    #[test]
    fn a_due_date_in_words_is_one_date() {
        let text = "- [ ] renew (due 12 Feb 2026)
- [ ] call (due 3 september 2026) soon
- [ ] bad (due 12 Febr 2026)
- [ ] at 📅 2026-02-12T09:30
";
        let (b, findings) = body(text);
        let due: Vec<String> = (b.tasks.iter())
            .map(|t| {
                t.due
                    .as_ref()
                    .map(|d| d.value.to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(due, ["2026-02-12", "2026-09-03", "", "2026-02-12"]);
        assert_eq!(b.tasks[1].text, "call soon");
        assert_eq!(findings.len(), 1);
        assert_eq!(&text[findings[0].span.range()], "12 Febr 2026");
    }

    #[test]
    fn counts_non_empty_questions_in_their_section() {
        let text = "## Questions\n\n- What do you like?\n- How did you start?\n  - nested\n-\n\n### Follow-ups\n- sub\n\n## Notes\n- not a question\n";
        let (b, _) = body(text);
        assert_eq!(b.questions, Some(3));
        assert_eq!(
            b.headings
                .iter()
                .map(|h| h.text.as_str())
                .collect::<Vec<_>>(),
            ["Questions", "Follow-ups", "Notes"]
        );
        assert_eq!(body("## Notes\n- x\n").0.questions, None);
    }

    #[test]
    fn participants_are_the_links_listed_under_their_heading() {
        let text = "# Sync\n[[Not Me]]\n## Participants:\n- [[Derek Wu]]\n- [[Jake Fuchs|Jake]], [[Muli Motola]]\n- Ana (no link)\n\nSee [[Elsewhere]].\n## Notes\n- [[Later]]\n## Attendees\n1. [[Ana Lima]]\n";
        let (b, _) = body(text);
        let names: Vec<&str> = b.participants.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(names, ["Derek Wu", "Jake Fuchs", "Muli Motola", "Ana Lima"]);
        assert_eq!(&text[b.participants[0].span.range()], "[[Derek Wu]]");
        assert!(body("## Notes\n- [[a]]\n").0.participants.is_empty());
    }
}

//! A draft message ([`crate::compose::Draft`]): the message itself, as it will be sent
//! (subject line first for an email), the notes that go with it (on stderr), and the JSON
//! an editor reads. The message's text is the user's own and leaves `ties` as written,
//! except for control characters, which are shown escaped ([`crate::render::escape`]) as
//! everywhere else; JSON is exact.

use std::io::{self, Write};

use crate::compose::{self, Draft};
use crate::render::escape::safe;
use crate::render::{self, BOLD, ERROR, WARNING};
use crate::template::DraftKind;

/// The message: `Subject: …`, a blank line and the body; or the body alone.
pub(crate) fn message(draft: &Draft, out: &mut impl Write) -> io::Result<()> {
    if let Some(subject) = &draft.subject {
        writeln!(out, "Subject: {}\n", safe(subject))?;
    }
    for line in draft.body.lines() {
        writeln!(out, "{}", safe(line))?;
    }
    Ok(())
}

/// What to know before sending, one `note:` (or `warning:`, `error:`) line each.
pub(crate) fn notes(draft: &Draft, out: &mut impl Write) -> io::Result<()> {
    let note = render::label(BOLD, "note");
    let from = match &draft.template_path {
        Some(path) => format!("template {} ({path})", draft.template),
        None => format!(
            "built-in template {} (make it yours in templates/{}.md)",
            draft.template, draft.template
        ),
    };
    let to = draft
        .to
        .as_deref()
        .map_or_else(String::new, |to| format!(" <{to}>"));
    writeln!(
        out,
        "{note} {} for {}{to} as {}, from the {from}",
        what(draft.kind),
        safe(&draft.who),
        draft.channel,
    )?;
    if let Some(over) = &draft.over {
        let limit = draft.limit.unwrap_or_default();
        let shorten = over.shorten.as_ref().map_or_else(
            || "shorten the template's own text".to_owned(),
            |s| {
                format!(
                    "shorten `{{{{{}}}}}` ({} characters here) or the template's own text",
                    s.placeholder, s.length
                )
            },
        );
        writeln!(
            out,
            "{} {} characters{}, {} over the limit of {limit} for {}: {shorten}",
            render::label(ERROR, "error"),
            draft.written,
            compose::besides(draft),
            over.by,
            draft.channel.describe(),
        )?;
    } else if let Some(measure) = compose::measure(draft) {
        writeln!(out, "{note} {measure}")?;
    }
    match draft.fills.len() {
        0 => {}
        n => {
            let warning = render::label(WARNING, "warning");
            let what = if n == 1 { "1 part" } else { "parts" };
            let n = if n == 1 {
                String::new()
            } else {
                format!("{n} ")
            };
            writeln!(out, "{warning} {n}{what} to fill by hand before sending:")?;
            for fill in &draft.fills {
                writeln!(out, "  line {}: {}", fill.line, safe(&fill.text))?;
            }
        }
    }
    for line in &draft.notes {
        writeln!(out, "{note} {}", safe(line))?;
    }
    writeln!(out, "{note} once sent: {}", safe(&draft.log))
}

/// The draft as one JSON object.
pub(crate) fn json(draft: &Draft, out: &mut impl Write) -> io::Result<()> {
    render::json(out, draft)
}

/// What a draft of `kind` is, in words.
fn what(kind: DraftKind) -> &'static str {
    match kind {
        DraftKind::Outreach => "a first message",
        DraftKind::FollowUp => "a follow-up",
        DraftKind::ThankYou => "a thank-you note",
        DraftKind::Reconnect => "a message to reconnect",
        DraftKind::Congratulate => "a congratulation",
        DraftKind::Ask => "a favour to ask",
    }
}

//! ## What it checks
//! A message template for a channel with a hard limit (a LinkedIn connection note: 300
//! characters; or the template's own `limit:`) whose body goes over it once its
//! placeholders are filled with long but realistic values (an 11-letter first name, a
//! 27-letter company, a 46-letter title: the samples are listed in docs/drafts.md).
//! Characters are counted as LinkedIn counts them: UTF-16 code units, so an emoji is 2.
//!
//! ## Why it matters
//! LinkedIn refuses a note over the limit, and most people's names and companies are
//! shorter than the samples: a template that overflows with them will overflow for someone
//! in your notebook. `ties draft` also checks each real draft and says by how much it is
//! over.
//!
//! ## Example
//! ```text
//! ---
//! channel: linkedin-note
//! ---
//! Hi {{first_name}}! {{shared_interest}} {{how_we_met}} I'm a career changer … (and on)
//! ```
//!
//! ## How to fix
//! Shorten the template's own text, or drop the placeholder the finding points at (the
//! one with the longest value). A free LinkedIn account has 200 characters: `limit: 200`.

use crate::rules::Words;

pub(crate) fn over(
    channel: &str,
    limit: usize,
    length: usize,
    longest: Option<(&str, usize)>,
) -> Words {
    let words = Words::new(format!(
        "with long but realistic values this {channel} template comes to {length} characters, {} over its limit of {limit}",
        length - limit
    ));
    match longest {
        Some((name, sample)) => words.help(format!(
            "shorten the text, or drop `{{{{{name}}}}}` (its sample is {sample} characters long)"
        )),
        None => words.help("shorten the text"),
    }
}

//! Where a message goes and how long it may be there. A LinkedIn connection note has a hard
//! limit, counted as LinkedIn counts; an email and a LinkedIn message have none, but the
//! networking courses' advice is to keep a first message short, which a draft says when it
//! is not.
//!
//! How LinkedIn counts: its invitation box is a web text area whose counter and limit are
//! the browser's string length, which is UTF-16 code units (the HTML `maxlength` rule and
//! JavaScript's `String.length`). So a letter with an accent is 1, an emoji outside the
//! Basic Multilingual Plane (😀) is 2, a family emoji joined by zero-width joiners is the
//! sum of its parts (👩‍👩‍👧 is 8), and a line break is 1 (the box's value uses `\n`).
//! Counting code points or graphemes would let through a note LinkedIn refuses.

use crate::model::decode::choice_enum;

choice_enum!(
    /// The channel a draft is for (`--channel`, a template's `channel:`).
    Channel {
        Email = "email",
        LinkedinNote = "linkedin-note",
        LinkedinMessage = "linkedin-message",
    }
);

/// LinkedIn's limit on the note of a connection request. Free accounts have been held to
/// 200 since 2023; a template's `limit: 200` says so.
pub(crate) const LINKEDIN_NOTE_LIMIT: usize = 300;

impl Channel {
    /// The hard limit on the body, in [`length`] units.
    pub(crate) const fn limit(self) -> Option<usize> {
        match self {
            Self::LinkedinNote => Some(LINKEDIN_NOTE_LIMIT),
            Self::Email | Self::LinkedinMessage => None,
        }
    }

    /// Past this many words a draft says it is long: the courses ask for a short message
    /// (a one-sentence bio, one clear ask), which reads in under a minute.
    pub(crate) const fn advised_words(self) -> Option<usize> {
        match self {
            Self::Email => Some(200),
            Self::LinkedinMessage => Some(120),
            Self::LinkedinNote => None,
        }
    }

    /// Only an email has a subject line.
    pub(crate) const fn has_subject(self) -> bool {
        matches!(self, Self::Email)
    }

    /// "LinkedIn's connection note", for messages.
    pub(crate) const fn describe(self) -> &'static str {
        match self {
            Self::Email => "an email",
            Self::LinkedinNote => "a LinkedIn connection note",
            Self::LinkedinMessage => "a LinkedIn message",
        }
    }
}

/// The length of `text` as LinkedIn counts it: UTF-16 code units, a line break (`\r\n` or
/// `\n`) counting 1.
pub(crate) fn length(text: &str) -> usize {
    let crlf = text.matches("\r\n").count();
    text.encode_utf16().count() - crlf
}

/// How many words `text` has, for the advice on long messages.
pub(crate) fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_utf16_units_as_a_browser_does() {
        assert_eq!(length("Hi Zoe!"), 7);
        // One code point each, in the Basic Multilingual Plane.
        assert_eq!(length("José Ñúñez"), 10);
        assert_eq!(length("李小龍"), 3);
        // Outside it: two units each.
        assert_eq!(length("😀"), 2);
        assert_eq!(length("𝒜"), 2);
        // A ZWJ sequence is the sum of its parts: 👩 ZWJ 👩 ZWJ 👧.
        assert_eq!(length("👩\u{200d}👩\u{200d}👧"), 8);
        // A flag is two regional indicators.
        assert_eq!(length("🇨🇴"), 4);
        // A combining accent is its own unit.
        assert_eq!(length("e\u{301}"), 2);
        assert_eq!(length("a\nb"), 3);
        assert_eq!(length("a\r\nb"), 3);
    }

    #[test]
    fn only_the_connection_note_has_a_hard_limit() {
        assert_eq!(Channel::LinkedinNote.limit(), Some(300));
        assert_eq!(Channel::Email.limit(), None);
        assert_eq!(Channel::LinkedinMessage.limit(), None);
        assert!(Channel::Email.has_subject());
        assert!(!Channel::LinkedinMessage.has_subject());
    }
}

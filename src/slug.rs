//! Ids for new records, made from names: "José Álvarez" → `jose-alvarez`. Letters are folded
//! to ASCII by transliteration (`deunicode`), which also covers letters that have no accent
//! to strip (`Ł`, `ø`, `ß`) and non-Latin scripts; symbols and emoji are separators, not
//! words, so "Jane Doe 🚀" is still `jane-doe`. Names are composed (Unicode NFC) first: a
//! macOS export writes "José" as `e` plus a combining accent, which must make the same id
//! and file name as the precomposed `é`. Also what a file name may not be on some system a
//! notebook is cloned to ([`is_reserved`]) and when two names are one file there ([`fold`]).

use unicode_normalization::UnicodeNormalization;

/// The longest slug made from a name, in bytes. A file name may have 255 bytes on most file
/// systems; 80 leaves room for `.md`, a `-2` or a chat's date, and is still an id one can
/// read and type. A 300-character name pasted into a spreadsheet must not fail the write.
pub(crate) const MAX_LEN: usize = 80;

/// The slug of a name, at most [`MAX_LEN`] bytes; empty when the name has no letter or digit
/// at all.
pub(crate) fn from_name(name: &str) -> String {
    // Most names asked about are ids already (every `with: jane-doe` of every chat is
    // compared with the owner's slug): those are their own slug.
    if is_slug(name) {
        return name.to_owned();
    }
    transliterated(name)
}

/// [`from_name`] the long way, for any name.
fn transliterated(name: &str) -> String {
    let mut ascii = String::with_capacity(name.len());
    for c in name.nfc() {
        if c.is_ascii() {
            ascii.push(c);
        } else if c.is_alphanumeric() {
            ascii.push_str(deunicode::deunicode_char(c).unwrap_or(" "));
        } else {
            ascii.push(' ');
        }
    }
    cap(slugify(&ascii))
}

/// Whether `text` is what [`from_name`] makes of it: lowercase ASCII words of letters and
/// digits joined by single hyphens, at most [`MAX_LEN`] bytes.
fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_LEN
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A name for `text` when it is written as a slug (`bob-smith` → "Bob Smith", whose slug is
/// `bob-smith` again), so a suggestion to create the record makes that id and a readable
/// name; any other text is taken as the name it already is.
pub(crate) fn to_name(text: &str) -> String {
    let text = text.trim();
    let is_slug = text
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && text.bytes().any(|b| b.is_ascii_lowercase());
    if !is_slug {
        return text.to_owned();
    }
    text.split('-')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A file title made from a name, for notebooks whose ids are titles (`ids: title`): the
/// name as written, without what a file name or an Obsidian link cannot hold
/// (`/ \ : * ? " < > | # ^ [ ]`, control characters, leading dots), spaces collapsed, and
/// cut to [`MAX_LEN`] bytes after a whole word where one ends in the second half.
pub(crate) fn title_from_name(name: &str) -> String {
    let kept: String = name
        .nfc()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|#^[]".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut title = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    // Leading dots hide a file; trailing ones read as `Co..md` and trouble Windows.
    title = title.trim_matches(['.', ' ']).to_owned();
    if title.len() > MAX_LEN {
        let mut end = MAX_LEN;
        while !title.is_char_boundary(end) {
            end -= 1;
        }
        let cut = match title[..end].rfind(' ') {
            Some(space) if space >= MAX_LEN / 2 => space,
            _ => end,
        };
        title.truncate(cut);
        title = title.trim_end_matches(['.', ' ']).to_owned();
    }
    title
}

/// The names Windows keeps for devices, whatever the case and extension (`con.md`,
/// `Aux.txt.md`): a file so named cannot be checked out there.
const DEVICES: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Why `name` (one component of a path) cannot be a file or folder name on every system a
/// notebook may be cloned to, if it cannot: a Windows device name, or a trailing dot or
/// space (Windows drops them, so `Acme.` and `Acme` are one file there).
pub(crate) fn is_reserved(name: &str) -> Option<&'static str> {
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches(' ');
    if DEVICES.iter().any(|d| d.eq_ignore_ascii_case(stem)) {
        Some("is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)")
    } else if name.ends_with(['.', ' ']) {
        Some("ends with a dot or a space, which Windows drops")
    } else {
        None
    }
}

/// What a name is on a file system that ignores case and Unicode normalisation (macOS,
/// Windows): `Ana Li.md`, `ana li.md` and `ANA LI.md` fold the same, and so do `José` with a
/// precomposed `é` and with a combining accent.
pub(crate) fn fold(name: &str) -> String {
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    name.nfc().flat_map(char::to_lowercase).nfc().collect()
}

/// `name` composed (NFC), as every name `ties` writes.
pub(crate) fn composed(name: &str) -> String {
    name.nfc().collect()
}

/// `title`, or `title 2`, `title 3`… : the first that `taken` does not hold.
pub(crate) fn first_free_title(title: &str, taken: impl Fn(&str) -> bool) -> String {
    first_free_after(title, ' ', taken)
}

/// `slug` cut to [`MAX_LEN`] bytes, after a whole word when one ends in the second half.
fn cap(mut slug: String) -> String {
    if slug.len() <= MAX_LEN {
        return slug;
    }
    // A slug is ASCII, so every byte offset is a character boundary.
    let cut = if slug.as_bytes()[MAX_LEN] == b'-' {
        MAX_LEN
    } else {
        match slug[..MAX_LEN].rfind('-') {
            Some(end) if end >= MAX_LEN / 2 => end,
            _ => MAX_LEN,
        }
    };
    slug.truncate(cut);
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Lowercase ASCII words joined by single hyphens; every other character separates words.
fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `base`, or `base-2`, `base-3`… : the first that `taken` does not hold.
pub(crate) fn first_free(base: &str, taken: impl Fn(&str) -> bool) -> String {
    first_free_after(base, '-', taken)
}

/// `base`, or `base`, `sep` and 2, 3…: the first that `taken` does not hold.
fn first_free_after(base: &str, sep: char, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    let mut n = 2;
    loop {
        let id = format!("{base}{sep}{n}");
        if !taken(&id) {
            return id;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_is_its_own_slug_and_nothing_else_takes_the_shortcut() {
        let mut rng = crate::rng::Rng::new(7);
        let parts = [
            "a", "z", "0", "9", "-", "--", "A", " ", "é", "_", ".", "jane", "doe-2",
        ];
        for _ in 0..20_000 {
            let len = rng.below(12);
            let mut name: String = (0..len).map(|_| *rng.pick(&parts)).collect();
            if rng.chance(5) {
                name = name.repeat(20);
            }
            assert_eq!(from_name(&name), transliterated(&name), "{name:?}");
            if is_slug(&name) {
                assert_eq!(transliterated(&name), name);
            }
        }
        assert!(is_slug("jane-doe-2") && !is_slug("jane--doe") && !is_slug("-jane"));
        assert!(!is_slug("Jane-doe") && !is_slug("jane-") && !is_slug(""));
        assert!(!is_slug(&"a".repeat(MAX_LEN + 1)) && is_slug(&"a".repeat(MAX_LEN)));
    }

    #[test]
    fn titles_keep_the_name_but_not_what_a_file_name_cannot_hold() {
        assert_eq!(title_from_name("Jane Doe"), "Jane Doe");
        assert_eq!(title_from_name("José  Álvarez"), "José Álvarez");
        assert_eq!(title_from_name("AC/DC: Live [2026]"), "AC DC Live 2026");
        assert_eq!(title_from_name("..hidden"), "hidden");
        assert_eq!(title_from_name("Acme: The Co."), "Acme The Co");
        assert_eq!(title_from_name("?"), "");
        assert!(title_from_name(&"word ".repeat(40)).len() <= MAX_LEN);
        assert_eq!(
            first_free_title("Jane Doe", |t| t == "Jane Doe"),
            "Jane Doe 2"
        );
    }

    #[test]
    fn decomposed_names_make_the_ids_of_composed_ones() {
        let nfd = "Jose\u{301} Nu\u{301}n\u{303}ez";
        assert_eq!(from_name(nfd), "jose-nunez");
        assert_eq!(from_name("José Núñez"), "jose-nunez");
        assert_eq!(title_from_name(nfd), "José Núñez");
        assert_eq!(composed(nfd), "José Núñez");
        assert_eq!(fold(nfd), fold("JOSÉ NÚÑEZ"));
        assert_eq!(fold("Ana Li.md"), fold("ana li.md"));
        assert_ne!(fold("Ana Li.md"), fold("Ana Lee.md"));
    }

    #[test]
    fn device_names_and_trailing_dots_are_reserved() {
        for name in [
            "CON",
            "con.md",
            "Aux.txt.md",
            "nul",
            "COM1.md",
            "lpt9.md",
            "CON .md",
            "Acme.",
            "a ",
        ] {
            assert!(is_reserved(name).is_some(), "{name}");
        }
        for name in [
            "contacts",
            "con-2.md",
            "Conan.md",
            "com10.md",
            "console.md",
            "jane-doe.md",
        ] {
            assert!(is_reserved(name).is_none(), "{name}");
        }
    }

    #[test]
    fn folds_to_ascii() {
        for (input, expected) in [
            ("José Álvarez", "jose-alvarez"),
            ("Łukasz Żółć", "lukasz-zolc"),
            ("Søren Straße", "soren-strasse"),
            ("Jane Doe 🚀", "jane-doe"),
            ("  O'Brien, PhD ", "o-brien-phd"),
            ("张伟", "zhang-wei"),
            ("🚀 !!", ""),
        ] {
            assert_eq!(from_name(input), expected, "{input:?}");
        }
    }

    #[test]
    fn long_names_make_slugs_of_at_most_max_len_cut_after_a_word() {
        let name = "Wolfgang ".repeat(40);
        let slug = from_name(&name);
        assert!(slug.len() <= MAX_LEN, "{}", slug.len());
        assert!(slug.ends_with("-wolfgang"), "{slug}");
        assert_eq!(slug.len(), 9 * 8 + 8);
        // One long word is cut where it must.
        assert_eq!(from_name(&"x".repeat(300)), "x".repeat(MAX_LEN));
        // A word that ends exactly at the limit is kept whole.
        let exact = format!("{} tail", "y".repeat(MAX_LEN));
        assert_eq!(from_name(&exact), "y".repeat(MAX_LEN));
    }

    #[test]
    fn slug_given_as_a_name_reads_as_one_and_slugs_back() {
        for (input, expected) in [
            ("bob-smith", "Bob Smith"),
            ("jane-doe-2", "Jane Doe 2"),
            ("acme", "Acme"),
            ("Bob Smith", "Bob Smith"),
            ("  José Álvarez ", "José Álvarez"),
            ("2026", "2026"),
        ] {
            assert_eq!(to_name(input), expected, "{input:?}");
        }
        assert_eq!(from_name(&to_name("bob-smith")), "bob-smith");
    }

    #[test]
    fn numbers_clashes() {
        let taken = ["jane-doe", "jane-doe-2"];
        assert_eq!(
            first_free("jane-doe", |id| taken.contains(&id)),
            "jane-doe-3"
        );
        assert_eq!(first_free("john", |id| taken.contains(&id)), "john");
    }
}

//! Ids for new records, made from names: "José Álvarez" → `jose-alvarez`. Letters are folded
//! to ASCII by transliteration (`deunicode`), which also covers letters that have no accent
//! to strip (`Ł`, `ø`, `ß`) and non-Latin scripts; symbols and emoji are separators, not
//! words, so "Jane Doe 🚀" is still `jane-doe`.

/// The slug of a name; empty when the name has no letter or digit at all.
pub fn from_name(name: &str) -> String {
    let mut ascii = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else if c.is_alphanumeric() {
            ascii.push_str(deunicode::deunicode_char(c).unwrap_or(" "));
        } else {
            ascii.push(' ');
        }
    }
    slugify(&ascii)
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
pub fn first_free(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    let mut n = 2;
    loop {
        let id = format!("{base}-{n}");
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
    fn folds_to_ascii() {
        assert_eq!(from_name("José Álvarez"), "jose-alvarez");
        assert_eq!(from_name("Łukasz Żółć"), "lukasz-zolc");
        assert_eq!(from_name("Søren Straße"), "soren-strasse");
        assert_eq!(from_name("Jane Doe 🚀"), "jane-doe");
        assert_eq!(from_name("  O'Brien, PhD "), "o-brien-phd");
        assert_eq!(from_name("张伟"), "zhang-wei");
        assert_eq!(from_name("🚀 !!"), "");
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

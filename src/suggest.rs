//! "Did you mean" suggestions: the closest known word by edit distance, when it is close
//! enough to be a plausible typo rather than a different word.

/// The candidate closest to `word`, if its edit distance is small for the word's length.
pub(crate) fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word = word.to_lowercase();
    let limit = limit(&word);
    candidates
        .into_iter()
        .filter_map(|c| {
            let d = distance(&word, &c.to_lowercase());
            (d <= limit || c.starts_with(word.as_str()) && word.len() >= 3).then_some((d, c))
        })
        .min()
        .map(|(_, c)| c)
}

/// How many edits make a typo of a word this long rather than another word.
fn limit(word: &str) -> usize {
    (word.chars().count() / 3).clamp(1, 4)
}

/// Whether `candidate` is a likely typo of `word` (or the other way round): a few edits
/// apart, ignoring case. Narrower than [`did_you_mean`], which also offers a longer word
/// that starts with `word` (`Acme` for `acm`, but also `Google Cloud` for `Google`): a
/// vault's name that is merely the start of another is no typo.
pub(crate) fn is_typo(word: &str, candidate: &str) -> bool {
    let word = word.to_lowercase();
    distance(&word, &candidate.to_lowercase()) <= limit(&word)
}

/// A " (did you mean `x`?)" suffix, or nothing.
pub(crate) fn hint<'a, I>(word: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    said(did_you_mean(word, candidates))
}

/// A suggestion as a message ends with it: " (did you mean `x`?)", or nothing.
pub(crate) fn said(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |c| format!(" (did you mean `{c}`?)"))
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_says_the_suggestion() {
        assert_eq!(said(Some("acme")), " (did you mean `acme`?)");
        assert_eq!(said(None), "");
        assert_eq!(hint("acm", ["acme", "zeta"]), said(Some("acme")));
    }

    #[test]
    fn suggests_close_words_only() {
        let words = ["acme", "globex", "initech"];
        assert_eq!(did_you_mean("acm", words), Some("acme"));
        assert_eq!(did_you_mean("Globx", words), Some("globex"));
        assert_eq!(did_you_mean("zzz", words), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(hint("acm", words), " (did you mean `acme`?)");
    }
}

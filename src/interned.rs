//! The words of `ties`' own vocabulary that findings hold as `&'static str` (a kind's name,
//! the keys a record knows, the words a choice allows), read back from the persistent cache
//! (`crate::cache`). Each distinct word or list is made `'static` once per process and
//! shared from then on.
//!
//! Why leaking is bounded: the cache decodes only entries that this very build wrote and
//! whose checksum holds, and those words come from the code's own tables (never from a
//! user's file: what a user wrote is a `String` in a finding). So the set is the code's
//! vocabulary, a few hundred words at most, however often a notebook is loaded.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex, PoisonError};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A word of the vocabulary: spelt so, serde does not take the field for one borrowed from
/// what it reads.
pub(crate) type Word = &'static str;
/// A list of such words (the words a choice allows).
pub(crate) type List = &'static [&'static str];

static WORDS: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Mutex::default);
static LISTS: LazyLock<Mutex<HashSet<&'static [&'static str]>>> = LazyLock::new(Mutex::default);

/// `text` as a `'static` word, the same one for every equal text.
fn intern(text: &str) -> &'static str {
    let mut words = WORDS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(word) = words.get(text) {
        return word;
    }
    let word: &'static str = Box::leak(text.into());
    words.insert(word);
    word
}

/// `list` as a `'static` list, the same one for every equal list.
fn intern_list(list: Vec<&'static str>) -> &'static [&'static str] {
    let mut lists = LISTS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = lists.get(list.as_slice()) {
        return found;
    }
    let leaked: &'static [&'static str] = Box::leak(list.into_boxed_slice());
    lists.insert(leaked);
    leaked
}

fn words<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    let read: Vec<std::borrow::Cow<'de, str>> = Vec::deserialize(d)?;
    Ok(read.iter().map(|w| intern(w)).collect())
}

/// `#[serde(with = "crate::interned::word")]` for a `&'static str`.
pub(crate) mod word {
    use super::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(word: &&'static str, s: S) -> Result<S::Ok, S::Error> {
        word.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        let read = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(super::intern(&read))
    }
}

/// `#[serde(with = "crate::interned::words")]` for a `Vec<&'static str>`.
pub(crate) mod words {
    use super::{Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        words: &[&'static str],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        words.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<&'static str>, D::Error> {
        super::words(d)
    }
}

/// `#[serde(with = "crate::interned::list")]` for a `&'static [&'static str]`.
pub(crate) mod list {
    use super::{Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        list: &&'static [&'static str],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        list.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<&'static [&'static str], D::Error> {
        super::words(d).map(super::intern_list)
    }
}

/// `#[serde(with = "crate::interned::counted")]` for an `Option<(&'static str, usize)>`.
pub(crate) mod counted {
    use super::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<(&'static str, usize)>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        #![allow(clippy::ref_option, reason = "the signature serde's `with` calls")]
        value.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<(&'static str, usize)>, D::Error> {
        let read = Option::<(std::borrow::Cow<'de, str>, usize)>::deserialize(d)?;
        Ok(read.map(|(word, n)| (super::intern(&word), n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_words_and_lists_are_made_static_once() {
        let a = intern(&String::from("developer"));
        let b = intern(&String::from("developer"));
        assert!(std::ptr::eq(a, b));
        let l1 = intern_list(vec![a, "manager"]);
        let l2 = intern_list(vec![b, "manager"]);
        assert!(std::ptr::eq(l1, l2));
        assert_eq!(l1, ["developer", "manager"]);
    }
}

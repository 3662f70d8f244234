//! Record ids: a file's name without `.md`, unique across the notebook, written as slugs.

use std::fmt;

/// The id of a record or note (`jane-doe`). Shared, not copied: the index keys its lookups
/// by the ids of the documents and references, and cloning one is a reference count, so
/// linking 200,000 files allocates no string (it was a third of `Index::new`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Id(std::sync::Arc<str>);

impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Self::new(id))
    }
}

impl Id {
    pub(crate) fn new(id: impl AsRef<str>) -> Self {
        Self(id.as_ref().into())
    }

    /// An id as written in a reference: `acme` or the Obsidian form `[[acme]]`
    /// (also `[[acme|Acme]]`).
    pub(crate) fn from_reference(text: &str) -> Self {
        let text = text.trim();
        let inner = text
            .strip_prefix("[[")
            .and_then(|t| t.strip_suffix("]]"))
            .unwrap_or(text);
        let inner = inner.split('|').next().unwrap_or(inner);
        Self(inner.trim().into())
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn is_slug(&self) -> bool {
        is_slug(&self.0)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// `[a-z0-9]+(-[a-z0-9]+)*`
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("jane-doe"));
        assert!(is_slug("2026-11-12-jane-doe"));
        assert!(!is_slug("Jane-Doe"));
        assert!(!is_slug("jane--doe"));
        assert!(!is_slug("jane_doe"));
        assert!(!is_slug("-jane"));
    }

    #[test]
    fn references_accept_the_obsidian_form() {
        assert_eq!(Id::from_reference("acme").as_str(), "acme");
        assert_eq!(Id::from_reference("[[acme]]").as_str(), "acme");
        assert_eq!(Id::from_reference(" [[acme|Acme Inc]] ").as_str(), "acme");
    }
}

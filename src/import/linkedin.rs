//! LinkedIn's `Connections.csv`: a few lines of notes about missing email addresses come
//! before the real header, `First Name,Last Name,URL,Email Address,Company,Position,Connected
//! On`. The importer starts at that header and keeps counting lines from the top of the file,
//! so a bad row is reported at the line a text editor shows.

use super::columns::normalise;

/// The byte offset of the header line.
pub(super) fn header_start(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        // `First Name,` and the `FirstName,` of some exports alike.
        let first = line.split([',', ';', '\t']).next().unwrap_or("");
        if normalise(first) == "firstname" {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_header_after_the_preamble() {
        let text = "Notes:\n\"When exporting your connection data, you may notice...\"\n\nFirst Name,Last Name,URL\nJane,Doe,https://www.linkedin.com/in/jane\n";
        let offset = header_start(text).unwrap();
        assert!(text[offset..].starts_with("First Name,"));
        assert_eq!(header_start("First Name,Last Name\n"), Some(0));
        assert_eq!(header_start("Name,Company\n"), None);
        let squeezed = "FirstName,LastName,EmailAddress,Company,Position,ConnectedOn\n";
        assert_eq!(header_start(squeezed), Some(0));
    }
}

//! LinkedIn's data export: its files told apart by their headers, and `Connections.csv`'s
//! preamble. A few lines of notes about missing email addresses come before the real header
//! of the connections, `First Name,Last Name,URL,Email Address,Company,Position,Connected
//! On`; the importer starts at that header and keeps counting lines from the top of the
//! file, so a bad row is reported at the line a text editor shows.

use super::columns::normalise;

/// A file of the export, by what its header says it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ExportFile {
    /// `Connections.csv`: the people.
    Connections,
    /// `messages.csv`: every message, by conversation.
    Messages,
    /// `Invitations.csv`: invitations sent and received.
    Invitations,
    /// `Contacts.csv`: the address book the user uploaded.
    AddressBook,
    /// `Profile.csv`: the owner's own name.
    Profile,
}

impl ExportFile {
    /// What the file holds, for the note that lists what was read.
    pub(super) const fn what(self) -> &'static str {
        match self {
            Self::Connections => "connections",
            Self::Messages => "messages",
            Self::Invitations => "invitations",
            Self::AddressBook => "the address book",
            Self::Profile => "your profile",
        }
    }
}

/// Which file of the export `text` is, by its header (the first line that has one, past the
/// connections' preamble); `None` for the files the import does not read.
pub(super) fn file_of(text: &str) -> Option<ExportFile> {
    let start = header_start(text).unwrap_or(0);
    let header = text[start..].lines().next().unwrap_or("");
    let names: Vec<String> = header.split([',', ';', '\t']).map(normalise).collect();
    let has = |h: &str| names.iter().any(|n| n == h);
    if has("conversationid") && has("from") && has("content") {
        Some(ExportFile::Messages)
    } else if has("sentat") && has("direction") {
        Some(ExportFile::Invitations)
    } else if has("headline") && has("firstname") {
        Some(ExportFile::Profile)
    } else if has("emails") && (has("fullname") || has("firstname")) {
        Some(ExportFile::AddressBook)
    } else if has("connectedon") || has("firstname") && has("lastname") {
        Some(ExportFile::Connections)
    } else {
        None
    }
}

/// The byte offset of the header line, among the first lines (the preamble is three lines
/// long; a message further down may well start with "First name").
pub(super) fn header_start(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n').take(10) {
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
        assert_eq!(file_of(text), Some(ExportFile::Connections));
        assert_eq!(file_of(squeezed), Some(ExportFile::Connections));
        assert_eq!(
            file_of(
                "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\"\n"
            ),
            Some(ExportFile::Messages)
        );
        assert_eq!(
            file_of("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"),
            Some(ExportFile::Invitations)
        );
        assert_eq!(
            file_of(
                "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,Addresses,Sites,InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,Profiles\n"
            ),
            Some(ExportFile::AddressBook)
        );
        assert_eq!(
            file_of("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary\n"),
            Some(ExportFile::Profile)
        );
        assert_eq!(file_of("Organization,Followed On\n"), None);
    }
}

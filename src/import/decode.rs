//! From the bytes of a file to its text, in whatever encoding it was saved: UTF-8 (with or
//! without a byte-order mark), UTF-16 with a byte-order mark (what Excel's "Unicode Text"
//! and some Outlook exports write), or a legacy code page — a European Excel saves CSV in
//! Windows-1252, old phones write vCard in Latin-1 — guessed from the bytes by `chardetng`
//! (the detector Firefox uses) and decoded by `encoding_rs`, or named with `--encoding`.
//! Anything but plain UTF-8 is said in one note, so a wrong guess is seen, not silent.

use std::path::Path;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::Error;

/// The text of `bytes`, and the note that says how it was decoded when it was not plain
/// UTF-8. `label` is `--encoding`'s value (`latin1`, `windows-1252`, `utf-16`…).
pub(super) fn decode(
    path: &Path,
    bytes: &[u8],
    label: Option<&str>,
) -> Result<(String, Option<String>), Error> {
    sniff_bytes(path, bytes)?;
    if let Some(label) = label {
        let encoding =
            Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| Error::UnknownEncoding {
                label: label.to_owned(),
            })?;
        // A byte-order mark still wins: it cannot be a mistake.
        let (text, used, malformed) = encoding.decode(bytes);
        if malformed {
            return Err(Error::NotInEncoding {
                path: path.to_owned(),
                encoding: used.name(),
            });
        }
        let note = (used != UTF_8).then(|| format!("read as {} (--encoding)", used.name()));
        return Ok((text.into_owned(), note));
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if malformed {
            return Err(Error::NotInEncoding {
                path: path.to_owned(),
                encoding: encoding.name(),
            });
        }
        let note = if encoding == UTF_16LE || encoding == UTF_16BE {
            Some(format!(
                "read as {} (its byte-order mark says so)",
                encoding.name()
            ))
        } else {
            None
        };
        return Ok((text.into_owned(), note));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), None));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guessed = detector.guess(None, true);
    // A file that is not UTF-8 is never read as UTF-8 with replacement characters: the
    // guess falls back to Windows-1252, which decodes every byte.
    let encoding = if guessed == UTF_8 {
        encoding_rs::WINDOWS_1252
    } else {
        guessed
    };
    let (text, _, _) = encoding.decode(bytes);
    Ok((
        text.into_owned(),
        Some(format!(
            "not UTF-8: read as {}, guessed from its letters; check the accented letters of \
             the names, or name the encoding with --encoding",
            encoding.name()
        )),
    ))
}

/// Refuses what is no text file before it is decoded: a spreadsheet workbook, a PDF.
fn sniff_bytes(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let what = if bytes.starts_with(b"PK\x03\x04") {
        "a spreadsheet workbook or another zip archive (an .xlsx or .ods file)"
    } else if bytes.starts_with(b"\xd0\xcf\x11\xe0") {
        "an old Excel workbook (.xls)"
    } else if bytes.starts_with(b"%PDF") {
        "a PDF document"
    } else {
        return Ok(());
    };
    Err(Error::WrongFormat {
        path: path.to_owned(),
        what,
        help: "save it from the spreadsheet as \"CSV UTF-8\", then `ties import csv` the CSV file"
            .to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], label: Option<&str>) -> (String, Option<String>) {
        decode(Path::new("f.csv"), bytes, label).expect("decodes")
    }

    #[test]
    fn encodings_are_told_by_the_bytes_or_named() {
        assert_eq!(read(b"Name\nAna\n", None), ("Name\nAna\n".to_owned(), None));
        assert_eq!(read(b"\xEF\xBB\xBFName\n", None).0, "Name\n");
        // Windows-1252: é is E9, the euro sign 80, a curly apostrophe 92.
        let (text, note) = read(
            b"Name;Ort\nJos\xE9 M\xFCller;K\xF6ln \x80 O\x92Brien\n",
            None,
        );
        assert_eq!(text, "Name;Ort\nJosé Müller;Köln € O’Brien\n");
        assert!(note.unwrap().contains("windows-1252"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Name\nÁna\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (text, note) = read(&utf16, None);
        assert_eq!(text, "Name\nÁna\n");
        assert_eq!(
            note.unwrap(),
            "read as UTF-16LE (its byte-order mark says so)"
        );
        let (text, note) = read(b"Jos\xE9\n", Some("latin1"));
        assert_eq!(text, "José\n");
        assert_eq!(note.unwrap(), "read as windows-1252 (--encoding)");
        assert!(decode(Path::new("f"), b"x", Some("klingon")).is_err());
        assert!(decode(Path::new("f"), b"Jos\xE9", Some("utf-8")).is_err());
        assert!(decode(Path::new("x.xlsx"), b"PK\x03\x04rest", None).is_err());
    }
}

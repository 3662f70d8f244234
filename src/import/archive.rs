//! LinkedIn's export as it is downloaded: a zip archive of CSV files
//! (`Basic_LinkedInDataExport_12-01-2026.zip`), read in memory. Only the CSV files are
//! taken, each at most [`MAX_FILE`] once unpacked, so an archive that unpacks to more than
//! it should (a zip bomb) is refused, not unpacked.

use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// The most one file of the archive may unpack to: exports of 12,000 messages are tens of
/// megabytes.
const MAX_FILE: u64 = 256 << 20;

/// Whether `bytes` are a zip archive.
pub(super) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The CSV files of the archive at `path`, by their names in it (`Jobs/Job Applications.csv`),
/// in the archive's order.
pub(super) fn files(path: &Path, bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let bad = |reason: String| Error::BadArchive {
        path: path.to_owned(),
        reason,
    };
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| bad(e.to_string()))?;
        let name = entry.name().map_err(|e| bad(e.to_string()))?.into_owned();
        if entry.is_dir() || !name.to_lowercase().ends_with(".csv") {
            continue;
        }
        if entry.size() > MAX_FILE {
            return Err(bad(format!(
                "{name} unpacks to {} bytes, more than the {MAX_FILE} an export's file holds",
                entry.size()
            )));
        }
        let mut content = Vec::new();
        // The declared size can lie: read one byte past the limit to know.
        (&mut entry)
            .take(MAX_FILE + 1)
            .read_to_end(&mut content)
            .map_err(|e| bad(format!("{name}: {e}")))?;
        if content.len() as u64 > MAX_FILE {
            return Err(bad(format!(
                "{name} unpacks to more than the {MAX_FILE} bytes an export's file holds"
            )));
        }
        out.push((name, content));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn the_csv_files_of_an_archive() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, text) in [
            ("Connections.csv", "First Name,Last Name\n"),
            ("Jobs/Job Applications.csv", "Application Date\n"),
            ("Rich_Media.pdf", "%PDF"),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(is_zip(&bytes));
        let files = files(Path::new("x.zip"), &bytes).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Connections.csv", "Jobs/Job Applications.csv"]);
        assert_eq!(files[0].1, b"First Name,Last Name\n");
        assert!(super::files(Path::new("x.zip"), b"PK\x03\x04 not really").is_err());
    }
}

//! The package zip: sorted entries, fixed timestamps and permissions, so the
//! same site always gives the same bytes (a changed package means changed
//! content, and LMS uploads can be compared by hash).

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// One file of the package: its path inside the zip (`/`-separated) and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Zips `entries` in path order with the DOS epoch (1980-01-01) as every
/// file's time.
pub fn zip(mut entries: Vec<Entry>) -> zip::result::ZipResult<Vec<u8>> {
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    for entry in &entries {
        writer.start_file(entry.path.as_str(), options)?;
        writer.write_all(&entry.bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, text: &str) -> Entry {
        Entry {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn the_same_files_in_any_order_give_the_same_bytes() {
        let a = zip(vec![
            entry("b/index.html", "b"),
            entry("imsmanifest.xml", "m"),
        ])
        .unwrap();
        let b = zip(vec![
            entry("imsmanifest.xml", "m"),
            entry("b/index.html", "b"),
        ])
        .unwrap();
        assert_eq!(a, b);
        let mut archive = zip::ZipArchive::new(Cursor::new(a)).unwrap();
        assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "b/index.html");
        assert_eq!(
            archive.by_index(1).unwrap().name().unwrap(),
            "imsmanifest.xml"
        );
    }
}

//! Whether `kurator build` has anything to do.
//!
//! A build records, in the output's marker file, a fingerprint of
//! everything it read (`kurator.yaml`, `content/`, `static/`, `data/`,
//! `templates/`, `themes/`, `i18n/`, the command-line options and the
//! kurator binary)
//! and one of the files it wrote (path, size, modification time). When both
//! still match, the output is byte for byte what a new build would write, so
//! the build stops there: a no-change rebuild costs reading the sources, not
//! rendering them. Any difference means a full build; rendering is not
//! cached page by page.
//!
//! Reading every source (rather than trusting modification times, as make
//! does) costs ~0.1 s on 10,000 pages and catches edits that keep the time,
//! such as `git checkout` of a file with the same size or `cp -p`.

use std::hash::Hasher as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use crate::build_types::BuildOptions;
use crate::content::walk;
use crate::output::{MARKER, MARKER_TEXT};

/// What a finished build leaves in its marker file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BuildRecord {
    /// Fingerprint of the build's inputs, see [`inputs`].
    pub inputs: u128,
    /// Fingerprint of the output folder as written, see [`output`].
    pub output: u128,
    pub pages: usize,
    pub sections: usize,
    pub files: usize,
}

impl BuildRecord {
    /// The marker file's text: the usual notice, then one `key: value` line
    /// per field.
    pub(crate) fn to_text(self) -> String {
        format!(
            "{MARKER_TEXT}\nkurator: {}\ninputs: {:032x}\noutput: {:032x}\npages: {}\nsections: {}\nfiles: {}\n",
            env!("CARGO_PKG_VERSION"),
            self.inputs,
            self.output,
            self.pages,
            self.sections,
            self.files
        )
    }

    /// Reads a marker file's text; `None` for a plain marker, one written
    /// by another version, or anything damaged.
    pub(crate) fn parse(text: &str) -> Option<BuildRecord> {
        let mut fields = std::collections::HashMap::new();
        for line in text.lines() {
            if let Some((key, value)) = line.split_once(": ") {
                fields.insert(key, value);
            }
        }
        if *fields.get("kurator")? != env!("CARGO_PKG_VERSION") {
            return None;
        }
        Some(BuildRecord {
            inputs: u128::from_str_radix(fields.get("inputs")?, 16).ok()?,
            output: u128::from_str_radix(fields.get("output")?, 16).ok()?,
            pages: fields.get("pages")?.parse().ok()?,
            sections: fields.get("sections")?.parse().ok()?,
            files: fields.get("files")?.parse().ok()?,
        })
    }
}

/// The record of the build that made `output`, if that output is still
/// exactly as the build left it and the inputs are still `inputs`.
pub(crate) fn up_to_date(output: &Path, inputs: u128) -> Option<BuildRecord> {
    let text = std::fs::read_to_string(output.join(MARKER)).ok()?;
    let record = BuildRecord::parse(&text)?;
    (record.inputs == inputs && self::output(output)? == record.output).then_some(record)
}

/// Folders and files under the site root that a build reads.
const INPUT_DIRS: [&str; 6] = ["content", "static", "data", "templates", "themes", "i18n"];

/// Fingerprint of everything a build of `options` reads. `None` when
/// something cannot be read: the build itself then reports it.
pub(crate) fn inputs(options: &BuildOptions) -> Option<u128> {
    let root = &options.root;
    // The build's own walk: a link out of the site is never followed, not
    // even to hash it (`site_root.rs`); any problem means "build in full",
    // and the build reports it.
    let site_root = crate::site_root::SiteRoot::new(root, &[]);
    let mut files: Vec<(String, PathBuf)> = vec![(
        crate::config::CONFIG_FILE.to_string(),
        root.join(crate::config::CONFIG_FILE),
    )];
    let mut trouble = false;
    // The pages' folder may have another name (`content_dir: src`); pages
    // at the root (a vault) would take in the output: no record then.
    let config = crate::config::load(root).ok()?;
    let pages = config.content_prefix();
    if pages.is_empty() {
        return None;
    }
    let pages = pages.trim_end_matches('/');
    let extra = (!INPUT_DIRS.contains(&pages)).then_some(pages);
    for dir in INPUT_DIRS.iter().copied().chain(extra) {
        let top = root.join(dir);
        if std::fs::symlink_metadata(&top).is_err() {
            continue;
        }
        walk::walk_tree(&site_root, &top, &|_| false, &mut |walked| match walked {
            walk::Walked::File(path) => match path.strip_prefix(root) {
                Ok(rel) => files.push((rel.to_string_lossy().into_owned(), path)),
                Err(_) => trouble = true,
            },
            walk::Walked::Problem(_) => trouble = true,
        });
    }
    if trouble {
        return None;
    }
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let hashes: Vec<u128> = files
        .par_iter()
        .map(|(_, path)| std::fs::read(path).ok().map(|bytes| xxh3_128(&bytes)))
        .collect::<Option<_>>()?;

    let mut hasher = Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(&binary_identity()?);
    hasher.update(&[u8::from(options.drafts), u8::from(options.relative)]);
    let base_url = options.base_url.as_deref();
    hasher.update(&[u8::from(base_url.is_some())]);
    write_str(&mut hasher, base_url.unwrap_or(""));
    hasher.update(&[u8::from(options.inject.is_some())]);
    write_str(
        &mut hasher,
        &options.today.map(|d| d.to_string()).unwrap_or_default(),
    );
    write_str(&mut hasher, options.inject.as_deref().unwrap_or(""));
    for ((rel, _), hash) in files.iter().zip(&hashes) {
        write_str(&mut hasher, rel);
        hasher.update(&hash.to_le_bytes());
    }
    Some(hasher.digest128())
}

/// Fingerprint of the files in an output folder (all but the marker): path,
/// size and modification time of each, so a file edited, added or removed
/// by hand makes the next build a full one. `None` if the folder cannot be
/// read.
pub(crate) fn output(dir: &Path) -> Option<u128> {
    // Each top-level folder is walked on its own thread: a page is a
    // folder, and reading 10,000 folders one after another is most of the
    // time of a no-change build.
    let top: Vec<walkdir::DirEntry> = WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .collect::<Result<_, _>>()
        .ok()?;
    let lists: Vec<Option<Vec<(String, u64, u128)>>> = top
        .par_iter()
        .filter(|entry| !(entry.file_type().is_file() && entry.file_name() == MARKER))
        .map(|entry| {
            let mut files = Vec::new();
            for entry in WalkDir::new(entry.path()) {
                let entry = entry.ok()?;
                if entry.file_type().is_dir() {
                    continue;
                }
                let meta = entry.metadata().ok()?;
                let rel = entry.path().strip_prefix(dir).ok()?;
                files.push((
                    rel.to_string_lossy().into_owned(),
                    meta.len(),
                    modified_nanos(&meta)?,
                ));
            }
            Some(files)
        })
        .collect();
    let mut files = Vec::new();
    for list in lists {
        files.extend(list?);
    }
    files.sort_unstable();
    let mut hasher = Xxh3::new();
    for (rel, len, modified) in &files {
        write_str(&mut hasher, rel);
        hasher.write_u64(*len);
        hasher.update(&modified.to_le_bytes());
    }
    Some(hasher.digest128())
}

/// The running binary's size and modification time: a rebuilt or upgraded
/// kurator may render differently, and its built-in theme may differ.
fn binary_identity() -> Option<[u8; 24]> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = modified_nanos(&meta)?;
    let mut id = [0; 24];
    id[..8].copy_from_slice(&meta.len().to_le_bytes());
    id[8..].copy_from_slice(&modified.to_le_bytes());
    Some(id)
}

fn modified_nanos(meta: &std::fs::Metadata) -> Option<u128> {
    let since = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH);
    Some(since.ok()?.as_nanos())
}

/// Length-prefixed, so ("ab", "c") and ("a", "bc") hash differently.
fn write_str(hasher: &mut Xxh3, s: &str) {
    hasher.write_u64(s.len() as u64);
    hasher.update(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build_types::Mode;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kurator.yaml"), "title: T\n").unwrap();
        std::fs::create_dir_all(dir.path().join("content/a")).unwrap();
        std::fs::write(
            dir.path().join("content/a/b.md"),
            "---\ntitle: B\n---\nHi\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn record_round_trips_and_rejects_damage() {
        let record = BuildRecord {
            inputs: u128::MAX - 7,
            output: 42,
            pages: 3,
            sections: 2,
            files: 9,
        };
        let text = record.to_text();
        assert!(text.starts_with(MARKER_TEXT));
        assert_eq!(BuildRecord::parse(&text), Some(record));
        assert_eq!(BuildRecord::parse(MARKER_TEXT), None);
        assert_eq!(
            BuildRecord::parse(&text.replace("inputs: ", "inputs: z")),
            None
        );
        assert_eq!(
            BuildRecord::parse(&text.replace("kurator: ", "kurator: 0.0.")),
            None
        );
    }

    #[test]
    fn inputs_change_with_any_source_byte_or_option() {
        let dir = site();
        let options = BuildOptions::new(dir.path(), Mode::Build);
        let first = inputs(&options).unwrap();
        assert_eq!(inputs(&options), Some(first), "stable");

        // Same size, different byte.
        std::fs::write(
            dir.path().join("content/a/b.md"),
            "---\ntitle: B\n---\nHo\n",
        )
        .unwrap();
        let edited = inputs(&options).unwrap();
        assert_ne!(edited, first);

        let mut drafts = options.clone();
        drafts.drafts = true;
        assert_ne!(inputs(&drafts).unwrap(), edited);
        let mut relative = options.clone();
        relative.relative = true;
        assert_ne!(inputs(&relative).unwrap(), edited);
        let mut base = options.clone();
        base.base_url = Some("https://example.org/".into());
        assert_ne!(inputs(&base).unwrap(), edited);

        // A new template, static file or data file counts too.
        for extra in [
            "templates/page.html",
            "static/x.css",
            "data/d.yaml",
            "themes/t/a",
            "i18n/ru.yaml",
        ] {
            let path = dir.path().join(extra);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
            assert_ne!(inputs(&options).unwrap(), edited, "{extra}");
            std::fs::remove_file(&path).unwrap();
        }
        assert_eq!(inputs(&options), Some(edited));

        // Renaming a file with the same bytes counts.
        std::fs::rename(
            dir.path().join("content/a/b.md"),
            dir.path().join("content/a/c.md"),
        )
        .unwrap();
        assert_ne!(inputs(&options).unwrap(), edited);
    }

    #[test]
    fn inputs_are_none_when_the_config_is_missing() {
        let dir = site();
        std::fs::remove_file(dir.path().join("kurator.yaml")).unwrap();
        assert_eq!(inputs(&BuildOptions::new(dir.path(), Mode::Build)), None);
    }

    #[test]
    fn output_notices_files_added_removed_or_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "one").unwrap();
        std::fs::write(out.join(MARKER), "m").unwrap();
        let first = output(out).unwrap();
        std::fs::write(out.join(MARKER), "another record").unwrap();
        assert_eq!(output(out), Some(first), "the marker itself does not count");

        std::fs::write(out.join("extra.txt"), "").unwrap();
        assert_ne!(output(out).unwrap(), first);
        std::fs::remove_file(out.join("extra.txt")).unwrap();
        assert_eq!(output(out), Some(first));

        // A longer text: file times are only as fine as the kernel's tick, so
        // a same-size rewrite within milliseconds may keep the time.
        std::fs::write(out.join("a/index.html"), "three").unwrap();
        assert_ne!(output(out).unwrap(), first, "rewritten");
    }

    #[test]
    fn up_to_date_needs_matching_inputs_and_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("index.html"), "x").unwrap();
        let record = BuildRecord {
            inputs: 1,
            output: output(out).unwrap(),
            pages: 1,
            sections: 0,
            files: 1,
        };
        std::fs::write(out.join(MARKER), record.to_text()).unwrap();
        assert_eq!(up_to_date(out, 1), Some(record));
        assert_eq!(up_to_date(out, 2), None);
        std::fs::remove_file(out.join("index.html")).unwrap();
        assert_eq!(up_to_date(out, 1), None);
    }
}

//! One piece over 500 lines with its tests: the record, the sources' scan
//! and the output's listing must agree, so they live together.
//!
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
//! A source counts by its size, modification and change times, inode and
//! device, as git's index does: `cp -p` and `touch -r` can set a file's
//! modification time back, but its change time is the kernel's. Its bytes
//! are read only when it changed within [`RACY`] of the moment the
//! fingerprint stands for: file times are only as fine as the kernel's
//! clock tick, and an edit in the same tick could leave them as they were
//! (git's "racily clean" files). Reading every source instead cost 1.1 s of
//! the 1.5 s no-change check at 100,000 pages (issue 24). Where the times
//! are not to be had (not Unix), every source is read.

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
    /// Fingerprint of the build's inputs, see [`Scan::fingerprint`].
    pub inputs: u128,
    /// When the inputs were scanned (nanoseconds since the Unix epoch): the
    /// next check decides which files it reads against this moment.
    pub taken: u128,
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
            "{MARKER_TEXT}\nkurator: {}\ninputs: {:032x}\ntaken: {}\noutput: {:032x}\npages: {}\nsections: {}\nfiles: {}\n",
            env!("CARGO_PKG_VERSION"),
            self.inputs,
            self.taken,
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
            taken: fields.get("taken")?.parse().ok()?,
            output: u128::from_str_radix(fields.get("output")?, 16).ok()?,
            pages: fields.get("pages")?.parse().ok()?,
            sections: fields.get("sections")?.parse().ok()?,
            files: fields.get("files")?.parse().ok()?,
        })
    }
}

/// The record of the build that made `output`, if that output is still
/// exactly as the build left it and `scan` finds the inputs as they were.
pub(crate) fn up_to_date(output: &Path, scan: &Scan) -> Option<BuildRecord> {
    let text = std::fs::read_to_string(output.join(MARKER)).ok()?;
    let record = BuildRecord::parse(&text)?;
    (scan.fingerprint(record.taken)? == record.inputs && self::output(output)? == record.output)
        .then_some(record)
}

/// Folders and files under the site root that a build reads.
const INPUT_DIRS: [&str; 6] = ["content", "static", "data", "templates", "themes", "i18n"];

/// A file changed this close before the moment a fingerprint stands for
/// (or after it) is read, not trusted by its times: see the module's note.
const RACY: u128 = 2_000_000_000;

/// The inputs of a build as found once, before it reads them: each file's
/// times, and its bytes' hash when needed. Fingerprints for several
/// moments (the last build's, this one's) come from one scan.
pub(crate) struct Scan {
    /// The options and the binary.
    settings: u128,
    files: Vec<ScannedFile>,
}

struct ScannedFile {
    rel: String,
    path: PathBuf,
    /// `None` where the times are not to be had: the bytes count.
    stamp: Option<Stamp>,
    /// The bytes' hash, read once when first needed (`None` inside:
    /// unreadable, so no fingerprint).
    content: std::sync::OnceLock<Option<u128>>,
}

/// What a file's metadata says of its contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: i128,
    changed: i128,
    inode: u64,
    device: u64,
}

impl Stamp {
    #[cfg(unix)]
    fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let nanos = |secs: i64, nsecs: i64| i128::from(secs) * 1_000_000_000 + i128::from(nsecs);
        Some(Stamp {
            len: meta.len(),
            modified: nanos(meta.mtime(), meta.mtime_nsec()),
            changed: nanos(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        })
    }

    #[cfg(not(unix))]
    fn of(_: &std::fs::Metadata) -> Option<Stamp> {
        None
    }

    /// Whether the file changed too close to `taken` for its times to tell.
    fn racy(&self, taken: u128) -> bool {
        let last = self.modified.max(self.changed);
        last.saturating_add(RACY as i128) >= taken as i128
    }
}

/// Now, in nanoseconds since the Unix epoch: the moment a build's scan
/// stands for.
pub(crate) fn now() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// Scans everything a build of `options` reads. `None` when something
/// cannot be read: the build itself then reports it.
pub(crate) fn scan(options: &BuildOptions) -> Option<Scan> {
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
    let files: Vec<ScannedFile> = files
        .into_par_iter()
        .map(|(rel, path)| {
            let meta = std::fs::metadata(&path).ok()?;
            Some(ScannedFile {
                rel,
                stamp: Stamp::of(&meta),
                path,
                content: std::sync::OnceLock::new(),
            })
        })
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
    Some(Scan {
        settings: hasher.digest128(),
        files,
    })
}

impl Scan {
    /// The fingerprint of the inputs as of `taken` (see [`now`]): each
    /// file by its times, or by its bytes when it changed within [`RACY`]
    /// of `taken`. `None` when a file to read cannot be read.
    pub(crate) fn fingerprint(&self, taken: u128) -> Option<u128> {
        // How each file is known: by its times, or by its bytes.
        enum Known {
            Times(Stamp),
            Bytes(u128),
        }
        let known: Vec<Known> = self
            .files
            .par_iter()
            .map(|file| match file.stamp {
                Some(stamp) if !stamp.racy(taken) => Some(Known::Times(stamp)),
                _ => {
                    let hash = file.content.get_or_init(|| {
                        std::fs::read(&file.path).ok().map(|bytes| xxh3_128(&bytes))
                    });
                    Some(Known::Bytes((*hash)?))
                }
            })
            .collect::<Option<_>>()?;
        let mut hasher = Xxh3::new();
        hasher.update(&self.settings.to_le_bytes());
        for (file, known) in self.files.iter().zip(&known) {
            write_str(&mut hasher, &file.rel);
            match known {
                Known::Times(s) => {
                    hasher.update(&[1]);
                    hasher.write_u64(s.len);
                    hasher.update(&s.modified.to_le_bytes());
                    hasher.update(&s.changed.to_le_bytes());
                    hasher.write_u64(s.inode);
                    hasher.write_u64(s.device);
                }
                Known::Bytes(hash) => {
                    hasher.update(&[0]);
                    hasher.update(&hash.to_le_bytes());
                }
            }
        }
        Some(hasher.digest128())
    }
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
            #[cfg(target_os = "linux")]
            if entry.file_type().is_dir() {
                let mut files = Vec::new();
                let name = entry.file_name().to_string_lossy().into_owned();
                linux::list(entry.path(), &name, &mut files).ok()?;
                return Some(files);
            }
            list_portable(entry.path(), dir)
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

/// The files under `top` (a file or folder in the output `dir`): path from
/// `dir`, size and modification time of each entry that is not a folder.
fn list_portable(top: &Path, dir: &Path) -> Option<Vec<(String, u64, u128)>> {
    let mut files = Vec::new();
    for entry in WalkDir::new(top) {
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
}

/// The output's files on Linux: each folder read through its descriptor
/// and each file looked up by name in it, not by its whole path, and
/// folders told apart by the listing's type. At 100,000 pages (220,000
/// files in 100,000 folders) resolving every path from the root was most
/// of the no-change check (issue 24). The same list as the portable walk:
/// path (`/`-separated from the output), size and modification time of
/// every entry that is not a folder, links not followed.
#[cfg(target_os = "linux")]
mod linux {
    use std::path::Path;

    use rustix::fs::{openat, statat, AtFlags, Dir, FileType, Mode, OFlags, CWD};
    use rustix::io::Result;

    pub(super) fn list(dir: &Path, rel: &str, out: &mut Vec<(String, u64, u128)>) -> Result<()> {
        let fd = openat(CWD, dir, flags(), Mode::empty())?;
        list_at(fd, rel, out)
    }

    fn flags() -> OFlags {
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC
    }

    fn list_at(
        fd: rustix::fd::OwnedFd,
        rel: &str,
        out: &mut Vec<(String, u64, u128)>,
    ) -> Result<()> {
        let mut dir = Dir::new(fd)?;
        let mut folders = Vec::new();
        while let Some(entry) = dir.read() {
            let entry = entry?;
            let name = entry.file_name();
            if name.to_bytes() == b"." || name.to_bytes() == b".." {
                continue;
            }
            let name = name.to_owned();
            let path = format!("{rel}/{}", name.to_string_lossy());
            let kind = entry.file_type();
            let stat = match kind {
                FileType::Directory => None,
                _ => Some(statat(dir.fd()?, &name, AtFlags::SYMLINK_NOFOLLOW)?),
            };
            match stat {
                // A listing that does not say the type: the stat does.
                Some(stat) if FileType::from_raw_mode(stat.st_mode) != FileType::Directory => {
                    let nanos =
                        i128::from(stat.st_mtime) * 1_000_000_000 + i128::from(stat.st_mtime_nsec);
                    let modified = u128::try_from(nanos).map_err(|_| rustix::io::Errno::INVAL)?;
                    out.push((path, stat.st_size as u64, modified));
                }
                _ => folders.push((name, path)),
            }
        }
        for (name, path) in folders {
            let fd = openat(dir.fd()?, &name, flags(), Mode::empty())?;
            list_at(fd, &path, out)?;
        }
        Ok(())
    }
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

    /// The fingerprint a build starting now records.
    fn inputs(options: &BuildOptions) -> Option<u128> {
        scan(options)?.fingerprint(now())
    }

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
            taken: 1_700_000_000_123_456_789,
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

    /// The Linux walk of the output lists what the portable one does.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_linux_walk_lists_the_same_files() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().join("docs");
        std::fs::create_dir_all(top.join("a/b/c")).unwrap();
        std::fs::create_dir_all(top.join("empty")).unwrap();
        std::fs::write(top.join("index.html"), "home").unwrap();
        std::fs::write(top.join("a/b/c/index.html"), "deep page").unwrap();
        std::fs::write(top.join("a/ёлка.js"), "x").unwrap();
        std::os::unix::fs::symlink("a", top.join("link-to-folder")).unwrap();
        std::os::unix::fs::symlink("nowhere", top.join("dangling")).unwrap();
        let mut linux = Vec::new();
        linux::list(&top, "docs", &mut linux).unwrap();
        let mut portable = list_portable(&top, dir.path()).unwrap();
        linux.sort();
        portable.sort();
        assert_eq!(linux.len(), 5, "{linux:?}");
        assert_eq!(linux, portable);
    }

    #[test]
    fn up_to_date_needs_matching_inputs_and_output() {
        let site = site();
        let scanned = scan(&BuildOptions::new(site.path(), Mode::Build)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("index.html"), "x").unwrap();
        let taken = now();
        let record = BuildRecord {
            inputs: scanned.fingerprint(taken).unwrap(),
            taken,
            output: output(out).unwrap(),
            pages: 1,
            sections: 0,
            files: 1,
        };
        std::fs::write(out.join(MARKER), record.to_text()).unwrap();
        assert_eq!(up_to_date(out, &scanned), Some(record));
        let other = BuildRecord {
            inputs: 2,
            ..record
        };
        std::fs::write(out.join(MARKER), other.to_text()).unwrap();
        assert_eq!(up_to_date(out, &scanned), None);
        std::fs::write(out.join(MARKER), record.to_text()).unwrap();
        std::fs::remove_file(out.join("index.html")).unwrap();
        assert_eq!(up_to_date(out, &scanned), None);
    }

    /// Files that changed long before the moment are known by their times,
    /// not read; any change to one changes its change time.
    #[test]
    fn settled_files_count_by_their_times() {
        let dir = site();
        let options = BuildOptions::new(dir.path(), Mode::Build);
        let later = now() + 3_600_000_000_000;
        let first = scan(&options).unwrap();
        assert_eq!(first.fingerprint(later), first.fingerprint(later));
        assert!(
            first.files.iter().all(|f| f.content.get().is_none()),
            "nothing was read"
        );
        // Racy now: the same files are read, and fingerprint otherwise.
        assert_ne!(first.fingerprint(now()), first.fingerprint(later));
        assert!(first.files.iter().all(|f| f.content.get().is_some()));
        // An edit changes the file's times; within one clock tick they may
        // stay (the racy case above), so this edit changes the size too.
        std::fs::write(
            dir.path().join("content/a/b.md"),
            "---\ntitle: B\n---\nHello\n",
        )
        .unwrap();
        let edited = scan(&options).unwrap();
        assert_ne!(edited.fingerprint(later), first.fingerprint(later));
    }

    #[test]
    fn a_racy_file_counts_by_its_bytes() {
        let later = 10 * 1_000_000_000;
        let stamp = |changed: i128| Stamp {
            len: 1,
            modified: 0,
            changed,
            inode: 1,
            device: 1,
        };
        assert!(!stamp(7_000_000_000).racy(later), "3 s before");
        assert!(stamp(8_000_000_000).racy(later), "2 s before");
        assert!(stamp(12_000_000_000).racy(later), "after");
    }
}

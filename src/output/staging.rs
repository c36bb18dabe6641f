//! One piece over 500 lines: staging, the swap and the tidying of what
//! killed builds left share the lock and marker rules, kept side by side.
//!
//! The staging folder: a build writes beside the output and swaps the two
//! at the end (atomically on Linux), so a failed or killed build leaves the
//! previous site whole. Also tidies what killed builds left beside the
//! output, and never reads or deletes through a symbolic link: every folder
//! it removes is checked to be a real folder holding Kurator's marker.
//!
//! A staging folder is in use while its build holds an exclusive lock on
//! `.NAME.kurator-tmp-PID.lock` beside it (issue 19 item 4). The operating
//! system drops the lock when the process ends, however it ends, so a
//! later build can tell a killed build's folder from a running one on any
//! system (the old check looked for `/proc/PID`, which macOS lacks).
//!
//! One piece past 500 lines (a third of it tests): the swap, the lock and
//! the tidy-up of killed builds share the names of the folders beside the
//! output, and only read together do they show that no folder is removed
//! while a build uses it, nor through a link.

use std::collections::HashSet;
use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::{bail, Context as _, Result};

use super::guard::{check_output_dir, has_marker, is_real_dir};
use super::{safe_rel, Sink, MARKER, MARKER_TEXT};

/// A staging folder beside the output, swapped in by [`Staging::publish`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// The current output, if Kurator made it: files whose bytes did not
    /// change are hard-linked from it instead of written again.
    previous: Option<PathBuf>,
    /// Folders made so far: the search index writes ten thousand files
    /// into one folder, which then needs no `mkdir` and `stat` per file.
    made: Mutex<HashSet<PathBuf>>,
    published: bool,
    /// Held while the staging folder exists: says "this build is alive".
    lock: Option<LivenessLock>,
}

impl Staging {
    /// Checks that `output` may be replaced, removes staging folders left by
    /// killed builds, and creates a fresh staging folder.
    pub fn create(root: &Path, output: &Path) -> Result<Staging> {
        check_output_dir(root, output)?;
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create `{}`", parent.display()))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        remove_stale(parent, &name);
        restore_retired(parent, &name, output);
        let dir = parent.join(format!(".{name}.kurator-tmp-{}", std::process::id()));
        // The lock first: a folder without a held lock is a killed build's.
        let lock = LivenessLock::acquire(&lock_path(&dir))?;
        if std::fs::symlink_metadata(&dir).is_ok() {
            // Left by an earlier process with this PID, which is gone.
            remove_output(&dir).with_context(|| format!("failed to remove `{}`", dir.display()))?;
        }
        std::fs::create_dir(&dir)
            .with_context(|| format!("failed to create `{}`", dir.display()))?;
        std::fs::write(dir.join(MARKER), MARKER_TEXT)
            .with_context(|| format!("failed to write into `{}`", dir.display()))?;
        let previous = has_marker(output).then(|| output.to_path_buf());
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            previous,
            made: Mutex::default(),
            published: false,
            lock: Some(lock),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces the marker file's text (with the build's record, see
    /// `fingerprint.rs`); written beside it and renamed over it, so the
    /// folder never lacks a whole marker.
    pub fn write_marker(&self, text: &str) -> Result<()> {
        let tmp = self.dir.join(format!("{MARKER}.tmp"));
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, self.dir.join(MARKER)))
            .with_context(|| format!("failed to write into `{}`", self.dir.display()))
    }

    /// Swaps the staging folder in as the output and removes the old one.
    ///
    /// The old site is moved aside to `.NAME.kurator-old-PID`, not deleted:
    /// removing a large tree can take longer than the build itself on some
    /// disks, so the caller decides when ([`remove_retired`]).
    pub fn publish(mut self) -> Result<()> {
        let old = retired_path(&self.output);
        if std::fs::symlink_metadata(&old).is_ok() {
            remove_output(&old).with_context(|| format!("failed to remove `{}`", old.display()))?;
        }
        // Checked again: the output may have changed during the build, and
        // the swap must never move a link or a special file aside.
        if std::fs::symlink_metadata(&self.output).is_ok() {
            if !is_real_dir(&self.output) {
                bail!(
                    "`{}` changed during the build and is no longer a folder; nothing was replaced",
                    self.output.display()
                );
            }
            if exchange(&self.dir, &self.output).is_ok() {
                // The old site now sits at the staging path.
                self.published = true;
                if std::fs::rename(&self.dir, &old).is_err() {
                    let _ = remove_output(&self.dir);
                }
                return Ok(());
            }
            std::fs::rename(&self.output, &old).with_context(|| {
                format!(
                    "failed to move the old output `{}` aside",
                    self.output.display()
                )
            })?;
        }
        if let Err(err) = std::fs::rename(&self.dir, &self.output) {
            if old.exists() {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(err).with_context(|| {
                format!(
                    "failed to move the new site into `{}`",
                    self.output.display()
                )
            });
        }
        self.published = true;
        Ok(())
    }
}

/// `.NAME.kurator-tmp-PID` → `.NAME.kurator-tmp-PID.lock`.
fn lock_path(dir: &Path) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    dir.with_file_name(name)
}

/// An exclusive lock on a file beside the staging folder, released by the
/// operating system when the build ends in any way.
#[derive(Debug)]
struct LivenessLock {
    path: PathBuf,
    _file: File,
}

impl LivenessLock {
    fn acquire(path: &Path) -> Result<LivenessLock> {
        // A build tidying up may hold the lock of a stale file for a
        // moment, and then delete it: wait for it, and lock the new file.
        for _ in 0..200 {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)
                .with_context(|| format!("failed to create `{}`", path.display()))?;
            match file.try_lock() {
                Ok(()) if same_file(&file, path) => {
                    return Ok(LivenessLock {
                        path: path.to_path_buf(),
                        _file: file,
                    })
                }
                Ok(()) | Err(TryLockError::WouldBlock) => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("failed to lock `{}`", path.display()))
                }
            }
        }
        bail!(
            "`{}` stays locked: another build of this output is running",
            path.display()
        )
    }
}

impl Drop for LivenessLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether the open `file` is still the one at `path` (not deleted and
/// replaced between opening and locking).
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// Where the previous output goes once a new one is swapped in.
fn retired_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.kurator-old-{}", std::process::id()))
}

/// Removes previous outputs retired by [`Staging::publish`] beside `output`
/// (only folders with the Kurator marker and the retired-name pattern).
pub fn remove_retired(output: &Path) {
    let (parent, name) = beside(output);
    let prefix = format!(".{name}.kurator-old-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let is_retired = entry.file_name().to_string_lossy().starts_with(&prefix);
        if is_retired && has_marker(&entry.path()) {
            let _ = remove_output(&entry.path());
        }
    }
}

/// The folder `output` sits in, and its name.
fn beside(output: &Path) -> (&Path, String) {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    (parent, name)
}

/// Tidies what killed builds left beside `output` (their staging folders),
/// and says whether retired outputs wait there to be removed. For a build
/// that finds the output up to date and writes nothing: it must still
/// clean up after a build killed between its swap and its cleanup.
pub fn tidy_beside(output: &Path) -> bool {
    let (parent, name) = beside(output);
    remove_stale(parent, &name);
    let prefix = format!(".{name}.kurator-old-");
    std::fs::read_dir(parent).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
    })
}

/// Removes a folder Kurator made, its marker file last, so a process killed
/// in the middle leaves a folder that later builds still recognise as
/// theirs and remove (issue 9: `remove_dir_all` may delete the marker first,
/// and the half-deleted folder then stayed forever).
fn remove_output(dir: &Path) -> io::Result<()> {
    // Never through a link: `read_dir` would list the folder it points to.
    if !is_real_dir(dir) {
        if std::fs::symlink_metadata(dir).is_err() {
            return Ok(()); // already removed by another build's cleanup
        }
        return Err(io::Error::other(format!(
            "refusing to remove `{}`: it is not a folder (a link or a file)",
            dir.display()
        )));
    }
    let mut first_error = None;
    for entry in gone_is_done(std::fs::read_dir(dir).map(Some))?
        .into_iter()
        .flatten()
    {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let result = if is_dir {
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        };
        // Two cleanups may remove the same retired folder at once (a build
        // right after another one): what the other took is done, not an error.
        if let Err(e) = gone_is_done(result) {
            first_error.get_or_insert(e);
        }
    }
    if let Some(e) = first_error {
        return Err(e);
    }
    gone_is_done(std::fs::remove_file(dir.join(MARKER)))?;
    gone_is_done(std::fs::remove_dir(dir))
}

/// A removal that finds its target already gone has succeeded.
fn gone_is_done<T: Default>(result: io::Result<T>) -> io::Result<T> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(T::default()),
        other => other,
    }
}

/// Where the atomic exchange is missing, [`Staging::publish`] renames the
/// output aside and then the new site in: a build killed between the two
/// leaves no output and the previous site retired. Puts it back, so a
/// failing next build does not lose it (issue 9).
fn restore_retired(parent: &Path, name: &str, output: &Path) {
    if std::fs::symlink_metadata(output).is_ok() {
        return;
    }
    let prefix = format!(".{name}.kurator-old-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut retired: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| has_marker(&e.path()))
        .map(|e| {
            let modified = e
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (modified, e.path())
        })
        .collect();
    retired.sort();
    if let Some((_, newest)) = retired.pop() {
        let _ = std::fs::rename(newest, output);
    }
}

impl Drop for Staging {
    /// A build that failed leaves no staging folder behind.
    fn drop(&mut self) {
        if !self.published {
            let _ = remove_output(&self.dir);
        }
        // The folder is gone or published: release and delete the lock.
        self.lock.take();
    }
}

impl Staging {
    /// Creates the folder `path` goes in, unless this build made it already.
    fn make_parent(&self, path: &Path) -> Result<()> {
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        let made = || self.made.lock().unwrap_or_else(PoisonError::into_inner);
        if made().contains(parent) {
            return Ok(());
        }
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create `{}`", parent.display()))?;
        made().insert(parent.to_path_buf());
        Ok(())
    }

    /// Links the previous output's copy of `rel` into the staging folder if
    /// its bytes equal `bytes`. Unchanged files then cost a read instead of a
    /// write, and removing the old output frees no data.
    fn reuse(&self, rel: &str, path: &Path, same: impl FnOnce(&Path) -> bool) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(rel);
        // Not `is_file`: a link planted in the old output is not reused.
        std::fs::symlink_metadata(&old).is_ok_and(|m| m.file_type().is_file())
            && same(&old)
            && std::fs::hard_link(&old, path).is_ok()
    }
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<()> {
        let path = self.dir.join(safe_rel(rel)?);
        self.make_parent(&path)?;
        let unchanged = |old: &Path| {
            std::fs::metadata(old).is_ok_and(|m| m.len() == bytes.len() as u64)
                && std::fs::read(old).is_ok_and(|b| b == bytes)
        };
        if self.reuse(rel, &path, unchanged) {
            return Ok(());
        }
        std::fs::write(&path, bytes)
            .with_context(|| format!("failed to write `{}`", path.display()))
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let path = self.dir.join(safe_rel(rel)?);
        self.make_parent(&path)?;
        let unchanged = |old: &Path| {
            let (Ok(a), Ok(b)) = (std::fs::metadata(old), std::fs::metadata(from)) else {
                return false;
            };
            a.len() == b.len() && std::fs::read(old).ok() == std::fs::read(from).ok()
        };
        if self.reuse(rel, &path, unchanged) {
            return Ok(());
        }
        std::fs::copy(from, &path).map(|_| ()).with_context(|| {
            format!(
                "failed to copy `{}` to `{}`",
                from.display(),
                path.display()
            )
        })
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

/// Removes `.NAME.kurator-tmp-PID` folders of builds that are no longer
/// running (nobody holds their lock): those with the marker file, and empty
/// ones (a build killed between creating its folder and writing the
/// marker); then lock files left without a folder.
fn remove_stale(parent: &Path, name: &str) {
    let prefix = format!(".{name}.kurator-tmp-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut locks = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !file_name.starts_with(&prefix) {
            continue;
        }
        if file_name.ends_with(".lock") {
            locks.push(entry.path());
            continue;
        }
        let dir = entry.path();
        if !is_real_dir(&dir) {
            continue;
        }
        // Held while the folder is removed, so a build starting with the
        // same name waits instead of writing into a folder being deleted.
        let Some(_guard) = stale_lock(&dir) else {
            continue;
        };
        if dir.join(MARKER).exists() {
            let _ = remove_output(&dir);
        } else {
            // Succeeds only if the folder is empty.
            let _ = std::fs::remove_dir(&dir);
        }
    }
    for lock in locks {
        let dir = lock.with_extension("");
        if std::fs::symlink_metadata(&dir).is_err() {
            if let Some(_guard) = stale_lock(&dir) {
                let _ = std::fs::remove_file(&lock);
            }
        }
    }
}

/// Takes the lock of a staging folder whose build is gone; `None` while
/// its build runs. A folder without a lock file is a killed build's.
fn stale_lock(dir: &Path) -> Option<Option<File>> {
    let Ok(file) = File::open(lock_path(dir)) else {
        return Some(None);
    };
    file.try_lock().is_ok().then_some(Some(file))
}
#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("kurator.yaml"), "").unwrap();
        dir
    }

    #[test]
    fn staging_swaps_in_and_cleans_up() {
        let s = site();
        let out = s.path().join("public");
        let staging = Staging::create(s.path(), &out).unwrap();
        staging.put("a/index.html", b"one".to_vec()).unwrap();
        staging.publish().unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        let staging = Staging::create(s.path(), &out).unwrap();
        staging.put("b/index.html", b"two".to_vec()).unwrap();
        staging.publish().unwrap();
        assert!(!out.join("a/index.html").exists());
        assert!(out.join(MARKER).exists());
        let leftovers: Vec<_> = std::fs::read_dir(s.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("kurator-tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn unchanged_files_are_linked_not_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let s = site();
        let out = s.path().join("public");
        let staging = Staging::create(s.path(), &out).unwrap();
        staging.put("same.html", b"same".to_vec()).unwrap();
        staging.put("changed.html", b"old".to_vec()).unwrap();
        staging.publish().unwrap();
        let same_inode = std::fs::metadata(out.join("same.html")).unwrap().ino();
        let staging = Staging::create(s.path(), &out).unwrap();
        staging.put("same.html", b"same".to_vec()).unwrap();
        staging.put("changed.html", b"new".to_vec()).unwrap();
        staging.publish().unwrap();
        assert_eq!(
            std::fs::metadata(out.join("same.html")).unwrap().ino(),
            same_inode
        );
        assert_eq!(std::fs::read(out.join("changed.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(out.join("same.html")).unwrap(), b"same");
    }

    #[test]
    fn dropped_staging_leaves_old_output() {
        let s = site();
        let out = s.path().join("public");
        let staging = Staging::create(s.path(), &out).unwrap();
        staging.put("index.html", b"old".to_vec()).unwrap();
        staging.publish().unwrap();
        let staging = Staging::create(s.path(), &out).unwrap();
        staging.put("index.html", b"new".to_vec()).unwrap();
        drop(staging);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"old");
    }

    /// Issue 9: a build killed while removing a folder (or before writing
    /// its marker) leaves one the next build removes.
    #[test]
    fn stale_folders_of_killed_builds_are_removed() {
        let s = site();
        let out = s.path().join("public");
        // Killed while removing: some files gone, the marker still there.
        let half = s.path().join(".public.kurator-tmp-999999999");
        std::fs::create_dir_all(half.join("a")).unwrap();
        std::fs::write(half.join(MARKER), MARKER_TEXT).unwrap();
        // Killed before the marker: an empty folder.
        let empty = s.path().join(".public.kurator-tmp-999999998");
        std::fs::create_dir(&empty).unwrap();
        // Not ours: holds a file but no marker.
        let foreign = s.path().join(".public.kurator-tmp-999999997");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
        let staging = Staging::create(s.path(), &out).unwrap();
        assert!(!half.exists());
        assert!(!empty.exists());
        assert!(foreign.join("keep.txt").exists());
        drop(staging);
    }

    /// Without RENAME_EXCHANGE, a build killed between moving the old
    /// output aside and moving the new one in leaves only the retired copy.
    #[test]
    fn retired_output_of_a_killed_swap_is_put_back() {
        let s = site();
        let out = s.path().join("public");
        let old = s.path().join(".public.kurator-old-999999999");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(old.join("index.html"), "old").unwrap();
        let staging = Staging::create(s.path(), &out).unwrap();
        drop(staging);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"old");
        assert!(!old.exists());
    }

    #[test]
    fn remove_output_deletes_the_marker_last() {
        let s = site();
        let dir = s.path().join("x");
        std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
        std::fs::write(dir.join("sub/deeper/f"), "f").unwrap();
        std::fs::write(dir.join(MARKER), MARKER_TEXT).unwrap();
        remove_output(&dir).unwrap();
        assert!(!dir.exists());
    }

    /// Two cleanups removing the same retired folder at once (builds run
    /// back to back) must not both give up half-way and leave it behind.
    #[test]
    fn concurrent_removals_of_one_folder_all_finish_it() {
        for _ in 0..20 {
            let s = site();
            let dir = s.path().join(".public.kurator-old-1");
            for i in 0..40 {
                std::fs::create_dir_all(dir.join(format!("d{i}/sub"))).unwrap();
                std::fs::write(dir.join(format!("d{i}/sub/f")), "f").unwrap();
                std::fs::write(dir.join(format!("f{i}.html")), "f").unwrap();
            }
            std::fs::write(dir.join(MARKER), MARKER_TEXT).unwrap();
            let results: Vec<io::Result<()>> = std::thread::scope(|scope| {
                let workers: Vec<_> = (0..6)
                    .map(|_| scope.spawn(|| remove_output(&dir)))
                    .collect();
                workers.into_iter().map(|w| w.join().unwrap()).collect()
            });
            assert!(!dir.exists(), "left behind: {results:?}");
            assert!(results.iter().all(Result::is_ok), "{results:?}");
        }
    }

    /// Issue 19 item 4: a running build's staging folder survives another
    /// build's tidy-up; once it is gone (lock released) it is removed.
    #[test]
    fn a_running_builds_staging_folder_is_kept() {
        let s = site();
        let out = s.path().join("public");
        let running = Staging::create(s.path(), &out).unwrap();
        running.put("index.html", b"x".to_vec()).unwrap();
        // Another build (its own lock on another file) tidies beside it.
        let other = s.path().join(".public.kurator-tmp-1");
        let _ = std::fs::remove_dir(&other);
        remove_stale(s.path(), "public");
        assert!(running.dir().join("index.html").exists());
        assert!(lock_path(running.dir()).exists());
        // Simulate a killed build: the folder stays, nobody holds its lock.
        let killed = s.path().join(".public.kurator-tmp-999999996");
        std::fs::create_dir(&killed).unwrap();
        std::fs::write(killed.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(lock_path(&killed), "").unwrap();
        remove_stale(s.path(), "public");
        assert!(!killed.exists());
        assert!(!lock_path(&killed).exists());
        assert!(running.dir().join("index.html").exists());
        let dir = running.dir().to_path_buf();
        drop(running);
        assert!(!dir.exists());
        assert!(!lock_path(&dir).exists());
    }

    /// Issue 17 item 1: a retired output that is a link is never emptied,
    /// and removing it never deletes the folder it points to.
    #[cfg(unix)]
    #[test]
    fn retired_links_are_never_followed() {
        let s = site();
        let out = s.path().join("public");
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(elsewhere.path().join("keep.txt"), "precious").unwrap();
        let old = s.path().join(".public.kurator-old-999999999");
        std::os::unix::fs::symlink(elsewhere.path(), &old).unwrap();
        remove_retired(&out);
        assert!(remove_output(&old).is_err());
        assert!(elsewhere.path().join("keep.txt").exists());
        // Not put back as the output either.
        restore_retired(s.path(), "public", &out);
        assert!(std::fs::symlink_metadata(&out).is_err());
        // A link as the output is refused before anything is written.
        std::os::unix::fs::symlink(elsewhere.path(), &out).unwrap();
        assert!(Staging::create(s.path(), &out).is_err());
        assert!(elsewhere.path().join("keep.txt").exists());
    }
}

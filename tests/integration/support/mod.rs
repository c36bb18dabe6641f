//! The one support module of the integration binary. `SiteTest` copies a
//! fixture site into a temporary folder, runs the `kurator` binary on it and
//! gives access to the output; `serve` starts `kurator serve` and talks HTTP
//! and server-sent events to it; `tools` decides whether a missing external
//! tool skips a test or fails the run, and prints skips visibly.

#![allow(dead_code)] // not every module uses every helper

pub(crate) mod serve;
pub(crate) mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture site copied to `<temp>/site`, so tests can also put files
/// beside it (outside the site root) in `<temp>`.
pub(crate) struct SiteTest {
    pub dir: tempfile::TempDir,
    root: PathBuf,
}

/// What a run printed and how it ended.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>`.
    pub(crate) fn fixture(name: &str) -> SiteTest {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let root = dir.path().join("site");
        copy_dir(&src, &root);
        SiteTest { dir, root }
    }

    /// The site root.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder the site root is in.
    pub(crate) fn outside(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub(crate) fn remove(&self, rel: &str) {
        let path = self.path(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
    }

    pub(crate) fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.path(from), self.path(to)).unwrap();
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Runs `kurator ARGS --root <site>` (the root flag is added for the
    /// subcommands that take it).
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kurator"));
        cmd.args(args);
        if matches!(args.first(), Some(&"build") | Some(&"check") | Some(&"new")) {
            cmd.arg("--root").arg(self.root());
        }
        cmd.current_dir(self.root());
        run(&cmd.output().unwrap())
    }
}

pub(crate) fn run(output: &Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub(crate) fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let target = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir`, as (relative path, bytes), sorted.
/// Every file under `dir` with its bytes, except the build record in the
/// marker file (it holds the output files' modification times, which differ
/// from build to build; see `src/fingerprint.rs`).
pub(crate) fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir(dir) {
        let rel = entry
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let mut bytes = std::fs::read(&entry).unwrap();
        if rel == ".kurator-output" {
            bytes = marker_notice(&bytes);
        }
        files.push((rel, bytes));
    }
    files.sort();
    files
}

/// The marker's first line, without the record that follows it.
pub(crate) fn marker_notice(bytes: &[u8]) -> Vec<u8> {
    bytes
        .split(|&b| b == b'\n')
        .next()
        .unwrap_or_default()
        .to_vec()
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The `<main>` element of a page, for golden comparisons.
pub(crate) fn main_region(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    &html[start..end]
}

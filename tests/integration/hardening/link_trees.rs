//! Property: whatever tree of symbolic links a site holds (links inside,
//! links out, loops, dangling links, links to links), a build and a check
//! open nothing outside the site, write nothing outside the output folder,
//! and refuse every link that leads out. Reads and writes outside are
//! watched with inotify (`notify`), which sees every open of a file or a
//! folder there, so "never read" is observed, not inferred.
//! `PROPTEST_CASES=200` raises the number of trees (default 24).

#![cfg(target_os = "linux")]

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use proptest::prelude::*;

const SECRET: &str = "OUTSIDE-SECRET-CONTENT";
const FOLDERS: [&str; 6] = [
    "content",
    "content/guide",
    "static",
    "data",
    "templates",
    "themes/t/static",
];

/// Where one link points.
#[derive(Debug, Clone)]
enum Target {
    InsideFile,
    InsideDir,
    OutsideFile,
    OutsideDir,
    /// `../../../outside/secret.txt`: out by climbing, not by an absolute path.
    OutsideClimb,
    /// `.` or `..`: a folder that holds the link.
    Loop(bool),
    Dangling,
    /// Another link of the same tree.
    Chain(usize),
}

#[derive(Debug, Clone)]
struct Link {
    folder: usize,
    ext: &'static str,
    target: Target,
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        Just(Target::InsideFile),
        Just(Target::InsideDir),
        Just(Target::OutsideFile),
        Just(Target::OutsideDir),
        Just(Target::OutsideClimb),
        any::<bool>().prop_map(Target::Loop),
        Just(Target::Dangling),
        (0usize..6).prop_map(Target::Chain),
    ]
}

fn link() -> impl Strategy<Value = Link> {
    (
        0..FOLDERS.len(),
        prop::sample::select(vec!["", ".md", ".txt", ".yaml", ".html"]),
        target(),
    )
        .prop_map(|(folder, ext, target)| Link {
            folder,
            ext,
            target,
        })
}

/// Every entry under `dir`, not following links: files with their bytes,
/// links with their target text.
fn snapshot(dir: &Path, skip: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(dir).unwrap().display().to_string();
            if rel == skip
                || rel.starts_with(&format!("{skip}/"))
                || rel.starts_with(&format!(".{skip}."))
            {
                continue;
            }
            let t = entry.file_type().unwrap();
            if t.is_symlink() {
                out.insert(
                    rel,
                    format!("-> {}", std::fs::read_link(&path).unwrap().display()),
                );
            } else if t.is_dir() {
                out.insert(rel, "dir".into());
                stack.push(path);
            } else {
                out.insert(
                    rel,
                    String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned(),
                );
            }
        }
    }
    out
}

/// Builds the tree; returns the link paths (relative to the site) and
/// whether some link points out directly.
fn make_tree(site: &Path, outside: &Path, links: &[Link]) -> (Vec<PathBuf>, bool) {
    for f in FOLDERS {
        std::fs::create_dir_all(site.join(f)).unwrap();
    }
    std::fs::write(site.join("themes/t/static/t.css"), "body{}").unwrap();
    let mut made: Vec<PathBuf> = Vec::new();
    let mut leads_out = false;
    for (i, l) in links.iter().enumerate() {
        let rel = PathBuf::from(FOLDERS[l.folder]).join(format!("l{i}{}", l.ext));
        let depth = rel.components().count() - 1;
        let up = "../".repeat(depth);
        let to: PathBuf = match &l.target {
            Target::InsideFile => PathBuf::from(format!("{up}static/extra.txt")),
            Target::InsideDir => site.join("content/guide"),
            Target::OutsideFile => outside.join("secret.txt"),
            Target::OutsideDir => outside.join("dir"),
            Target::OutsideClimb => PathBuf::from(format!("{up}../outside/secret.txt")),
            Target::Loop(parent) => PathBuf::from(if *parent { ".." } else { "." }),
            Target::Dangling => PathBuf::from("nowhere/at/all"),
            Target::Chain(j) => match made.get(*j) {
                Some(other) => site.join(other),
                None => PathBuf::from("nowhere"),
            },
        };
        // `themes/t` is not the site's theme, so it is never read: links
        // there must cause no read, but no error either.
        leads_out |= FOLDERS[l.folder] != "themes/t/static"
            && matches!(
                l.target,
                Target::OutsideFile | Target::OutsideDir | Target::OutsideClimb
            );
        symlink(&to, site.join(&rel)).unwrap();
        made.push(rel);
    }
    (made, leads_out)
}

/// Every inotify event under `outside` while `run` runs.
pub(super) fn watch_outside(outside: &Path, run: impl FnOnce()) -> Vec<String> {
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
        let _ = tx.send(e);
    })
    .unwrap();
    watcher.watch(outside, RecursiveMode::Recursive).unwrap();
    // Setting the watch opens the folders itself: let those events pass.
    std::thread::sleep(Duration::from_millis(100));
    drain(&rx);
    run();
    std::thread::sleep(Duration::from_millis(100));
    let events = drain(&rx);
    drop(watcher);
    events
}

fn drain(rx: &Receiver<notify::Result<notify::Event>>) -> Vec<String> {
    rx.try_iter()
        .map(|e| match e {
            Ok(e) => format!("{:?} {:?}", e.kind, e.paths),
            Err(e) => format!("error {e}"),
        })
        .collect()
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn no_link_tree_reads_outside_the_site_or_writes_outside_the_output(
        links in prop::collection::vec(link(), 1..7)
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let outside = tmp.path().join("outside");
        crate::support::copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"),
            &site,
        );
        std::fs::create_dir_all(outside.join("dir")).unwrap();
        std::fs::write(outside.join("secret.txt"), SECRET).unwrap();
        std::fs::write(outside.join("dir/inner.md"), format!("# {SECRET}\n")).unwrap();
        let (_, leads_out) = make_tree(&site, &outside, &links);
        let site_before = snapshot(&site, "public");
        let outside_before = snapshot(&outside, "");
        let mut runs = Vec::new();
        let events = watch_outside(&outside, || {
            for command in ["check", "build"] {
                let out = Command::new(env!("CARGO_BIN_EXE_kurator"))
                    .args([command, "--root"])
                    .arg(&site)
                    .output()
                    .unwrap();
                runs.push((command, out));
            }
        });
        prop_assert!(events.is_empty(), "opened or changed outside: {events:#?}");
        prop_assert_eq!(snapshot(&outside, ""), outside_before);
        prop_assert_eq!(snapshot(&site, "public"), site_before, "the site changed outside public/");
        for (command, out) in &runs {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let code = out.status.code();
            prop_assert!(code == Some(0) || code == Some(1), "{command}: {code:?}\n{stderr}");
            prop_assert!(!stderr.contains(SECRET) && !stdout.contains(SECRET), "{command} printed the secret");
            if leads_out {
                prop_assert_eq!(code, Some(1), "{}: a link out was accepted\n{}", command, stderr);
                prop_assert!(stderr.contains("outside the site"), "{}", stderr);
            }
        }
        if site.join("public").exists() {
            for (rel, text) in snapshot(&site.join("public"), "") {
                prop_assert!(!text.contains(SECRET), "public/{rel} holds the secret");
            }
        }
    }
}

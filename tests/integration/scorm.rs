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

/// A step of the bundled `data/onboarding.yaml`, as the manifest should show it.
struct Step {
    id: String,
    title: String,
    /// The output path of the step's first page, e.g. `first-90-days/index.html`.
    first_page: String,
}

/// Read from the bundled data, so that rewriting the course does not break
/// the test while a wrong mapping (step → item, page → launch path) does.
fn onboarding_steps(root: &Path) -> Vec<Step> {
    let text = std::fs::read_to_string(root.join("data/onboarding.yaml")).unwrap();
    let steps: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).unwrap();
    assert!(!steps.is_empty(), "the bundled course has onboarding steps");
    steps
        .iter()
        .map(|step| {
            let field = |key: &str| step[key].as_str().unwrap().to_string();
            let source = step["pages"][0].as_str().unwrap();
            let stem = source.strip_suffix(".md").unwrap();
            let dir = stem
                .strip_suffix("_index")
                .unwrap_or(&format!("{stem}/"))
                .to_string();
            Step {
                id: field("id"),
                title: field("title"),
                first_page: format!("{dir}index.html"),
            }
        })
        .collect()
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
        for step in onboarding_steps(root) {
            let item = format!(
                "<item identifier=\"item-{}\" identifierref=\"kurator-sco\" isvisible=\"true\" parameters=\"?page={}\">",
                step.id, step.first_page
            );
            assert!(manifest.contains(&item), "{item} missing in {manifest}");
            assert!(manifest.contains(&format!("<title>{}</title>", step.title)));
        }
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

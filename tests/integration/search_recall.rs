//! Search quality over the bundled site: builds it with the real binary and
//! runs `tests/js/recall.test.mjs` (40+ reader queries) and
//! `tests/js/recall-blind.test.mjs` (150+ questions written blind) through
//! the real JavaScript engine and index. In CI a missing node is a failure.

use std::process::Command;

use crate::support::tools;

#[test]
fn recall_at_five_on_the_bundled_site() {
    let node = match tools::node() {
        Ok(node) => node,
        Err(reason) => return tools::missing(&reason, None),
    };
    let root = env!("CARGO_MANIFEST_DIR");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build = Command::new(env!("CARGO_BIN_EXE_kurator"))
        .args(["build", "--root", root, "--output"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let run = Command::new(node)
        .args([
            "--test",
            "tests/js/recall.test.mjs",
            "tests/js/recall-blind.test.mjs",
        ])
        .current_dir(root)
        .env("KURATOR_SITE_DIR", &site)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

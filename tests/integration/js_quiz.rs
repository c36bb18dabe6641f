//! Runs the quiz script's node tests (`tests/js/*.test.mjs`) as part of
//! `cargo test`, so scoring and the progress store are checked with the
//! Rust side. Without node the test is skipped visibly, except in CI, where
//! a missing node is a failure (`support::tools`).

use std::process::Command;

use crate::support::tools;

#[test]
fn node_tests_for_quiz_js_pass() {
    let node = match tools::node() {
        Ok(node) => node,
        Err(reason) => return tools::missing(&reason, None),
    };
    let output = Command::new(&node)
        .current_dir(tools::root())
        .args([
            "--test",
            "tests/js/quiz.test.mjs",
            "tests/js/progress.test.mjs",
            "tests/js/scorm.test.mjs",
            "tests/js/checklist.test.mjs",
            "tests/js/typography-search.test.mjs",
            "tests/js/preview.test.mjs",
            "tests/js/reading.test.mjs",
            "tests/js/texts.test.mjs",
        ])
        .output()
        .expect("node ran a moment ago");
    assert!(
        output.status.success(),
        "node --test failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

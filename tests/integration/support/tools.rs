//! External tools (node, Chromium, root, a tmpfs…) some tests need: one
//! rule for whether a missing tool fails the run or skips the test, and one
//! way to say a test was skipped so the reader sees it.
//!
//! The rule: in CI (`CI` set to anything but empty, `false` or `0`, which
//! is how GitHub, GitLab and `.ci/run` set it) a missing tool is a failure,
//! so CI never passes by skipping; anywhere else the test is skipped and
//! says so. A machine with only the Rust toolchain passes `cargo test`.
//!
//! Why skips are written to the `std::io::stderr()` handle: libtest
//! captures `print!`, `println!`, `eprint!` and `eprintln!` of a passing
//! test and throws the text away, so a skip written with them is never
//! seen. A write to the stderr handle is not captured: it appears in the
//! `cargo test` output (with or without `-q`), on its own line, measured
//! with rustc 1.95. The line starts with `SKIPPED` so it can be grepped.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;

/// The repository root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether this run is CI: `CI` set and not empty, `false` or `0`.
pub(crate) fn in_ci() -> bool {
    ci_value(std::env::var("CI").ok().as_deref())
}

fn ci_value(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        let v = v.trim();
        !(v.is_empty() || v == "0" || v.eq_ignore_ascii_case("false"))
    })
}

/// A tool the running test needs is missing: panics in CI (unless
/// `allow_var` names a variable that is set, for CI machines that cannot
/// provide the tool), otherwise prints a visible `SKIPPED` line. The caller
/// returns after it.
pub(crate) fn missing(reason: &str, allow_var: Option<&str>) {
    let test = current_test();
    let allowed = allow_var.is_some_and(|v| std::env::var_os(v).is_some());
    if in_ci() && !allowed {
        let hint = allow_var.map_or(String::new(), |v| {
            format!(" (set {v}=1 if this machine cannot run it)")
        });
        panic!("CI is set and {test} cannot run: {reason}{hint}");
    }
    skipped(reason);
}

/// Prints `SKIPPED <test>: <reason>` where `cargo test` shows it.
pub(crate) fn skipped(reason: &str) {
    let _ = writeln!(std::io::stderr(), "SKIPPED {}: {reason}", current_test());
}

/// libtest runs each test on a thread named after it.
fn current_test() -> String {
    let thread = std::thread::current();
    thread.name().unwrap_or("a test").to_string()
}

/// The node binary (`NODE` or `node`), if it runs; else the reason.
pub(crate) fn node() -> Result<String, String> {
    let node = std::env::var("NODE").unwrap_or_else(|_| "node".to_string());
    match Command::new(&node).arg("--version").output() {
        Ok(out) if out.status.success() => Ok(node),
        Ok(out) => Err(format!(
            "`{node} --version` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(err) => Err(format!(
            "`{node}` cannot run ({err}); install Node.js 20 or newer"
        )),
    }
}

/// The node major version, if node runs.
pub(crate) fn node_major() -> Option<u32> {
    let node = node().ok()?;
    let out = Command::new(node).arg("--version").output().ok()?;
    let version = String::from_utf8_lossy(&out.stdout);
    version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

#[test]
fn ci_is_read_one_way() {
    for (value, ci) in [
        (None, false),
        (Some(""), false),
        (Some("false"), false),
        (Some("FALSE"), false),
        (Some("0"), false),
        (Some("true"), true),
        (Some("1"), true),
        (Some("yes"), true),
    ] {
        assert_eq!(ci_value(value), ci, "CI={value:?}");
    }
}

//! Stage timings for profiling: with `KURATOR_TIMINGS=1` in the
//! environment, each stage prints how long it took since the previous mark,
//! and the process's resident memory then and at its peak so far (Linux).

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

fn state() -> Option<&'static Mutex<Instant>> {
    static STATE: OnceLock<Option<Mutex<Instant>>> = OnceLock::new();
    STATE
        .get_or_init(|| std::env::var_os("KURATOR_TIMINGS").map(|_| Mutex::new(Instant::now())))
        .as_ref()
}

/// Prints the time since the last mark, labelled, when timings are on.
pub(crate) fn mark(label: &str) {
    if let Some(last) = state() {
        if let Ok(mut last) = last.lock() {
            let now = Instant::now();
            eprintln!(
                "timing: {label:<12} {:>8.1} ms{}",
                (now - *last).as_secs_f64() * 1000.0,
                memory()
            );
            *last = now;
        }
    }
}

/// "  rss 512 MB, peak 640 MB" from /proc/self/status, or nothing.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
            .map(|kb| kb / 1024)
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(rss), Some(peak)) => format!("  rss {rss:>5} MB, peak {peak:>5} MB"),
        _ => String::new(),
    }
}

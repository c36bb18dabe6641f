//! Stage timings for profiling: with `KURATOR_TIMINGS=1` in the
//! environment, each stage prints how long it took since the previous mark.

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

fn state() -> Option<&'static Mutex<Instant>> {
    static STATE: OnceLock<Option<Mutex<Instant>>> = OnceLock::new();
    STATE
        .get_or_init(|| std::env::var_os("KURATOR_TIMINGS").map(|_| Mutex::new(Instant::now())))
        .as_ref()
}

/// Prints the time since the last mark, labelled, when timings are on.
pub fn mark(label: &str) {
    if let Some(last) = state() {
        if let Ok(mut last) = last.lock() {
            let now = Instant::now();
            eprintln!(
                "timing: {label:<12} {:>8.1} ms",
                (now - *last).as_secs_f64() * 1000.0
            );
            *last = now;
        }
    }
}

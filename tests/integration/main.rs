//! One integration-test binary. Each module covers one feature, building the
//! tiny fixture sites under `tests/fixtures/` with the real `kurator` binary.

mod build;
mod bundled_content;
mod check;
mod cli;
mod incremental;
mod kb_engine;
mod seed_windows;
mod support;

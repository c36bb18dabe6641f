//! One integration-test binary. Each module covers one feature, building the
//! tiny fixture sites under `tests/fixtures/` with the real `kurator` binary.

mod build;
mod check;
mod cli;
mod hardening;
mod incremental;
mod support;

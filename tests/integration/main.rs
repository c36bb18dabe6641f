//! One integration-test binary (one link step, one place to look). Each
//! module covers one feature, mostly building the tiny fixture sites under
//! `tests/fixtures/` with the real `kurator` binary; `support` holds every
//! shared helper. Run one module with `cargo test --test integration serve::`.
//!
//! Tests that need a tool beyond the Rust toolchain (node, Chromium, root)
//! skip visibly without it and fail in CI: see `support/tools.rs`.

/// The browser suite (tests/browser/): Chromium, axe, the Nu checker.
mod browser;
/// `kurator build`: output, goldens, up-to-date checks.
mod build;
/// The bundled knowledge base (issue 18): sections, quizzes, arithmetic, seed overlap.
mod bundled_content;
/// `kurator check`: diagnostics and exit codes.
mod check;
/// The command line: help, versions, init, new.
mod cli;
/// Faults during a build: kills, immutable folders, a full disk.
mod faults;
/// Issue 24: sitemap index past 50,000 URLs, feed limits, section feeds.
mod feeds;
/// Markdown written for other tools: mdBook style (issue 21).
mod formats;
/// GIFT quiz blocks and files, and `kurator export quizzes`.
mod gift;
/// Issue 17: nothing outside the site is read, published or destroyed.
mod hardening;
/// Hostile content: no script from content reaches a page.
mod hostile;
/// Huge and odd input builds or fails clearly, in bounded time.
mod huge;
/// Issue 22: the interface text from translation tables, ru and en.
mod i18n;
/// `kurator import --from mdbook` (issue 21).
mod import;
/// `serve`'s one-page fast path against a clean build.
mod incremental;
/// quiz.js and progress under node.
mod js_quiz;
/// search.js and stemmer.js under node, against the Rust index.
mod js_search;
/// Issue 18's engine features on a fixture: typography, template blocks,
/// checklists, the onboarding path.
mod kb_engine;
/// Issue 22: owners, review dates, stale notices, `check --stale`.
mod living;
/// proptest: no panic, every diagnostic inside its file.
mod properties;
/// `kurator package scorm`: the manifest and the zip.
mod scorm;
/// Data shown by templates, and the thesaurus, in the index (issue 20).
mod search_data;
/// Search quality (recall@5) over the bundled site.
mod search_recall;
/// The committed hashes of the seed article's 10-word windows.
mod seed_windows;
/// `kurator serve` over HTTP: files, reloads, errors.
mod serve;
/// Shared helpers: fixture sites, the serve client, external tools.
mod support;

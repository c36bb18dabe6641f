//! Arbitrary request paths through `kurator serve`'s sanitiser: no panic,
//! and an accepted path never leaves the served folder.
#![no_main]

use kurator::serve::server::site_path;
use libfuzzer_sys::fuzz_target;
use std::path::{Component, Path};

fuzz_target!(|raw: &str| {
    if let Ok(path) = site_path(raw) {
        assert!(!path.starts_with('/'), "{raw:?} -> {path:?}");
        assert!(!path.contains('\\'), "{raw:?} -> {path:?}");
        assert!(!path.chars().any(char::is_control), "{raw:?} -> {path:?}");
        for c in Path::new(&path).components() {
            assert!(matches!(c, Component::Normal(_)), "{raw:?} -> {path:?}");
        }
        for segment in path.trim_end_matches('/').split('/') {
            assert!(segment != ".." && segment != ".", "{raw:?} -> {path:?}");
        }
    }
});

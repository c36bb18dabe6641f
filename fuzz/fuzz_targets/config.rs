//! Arbitrary text as `kurator.yaml`: parsed and validated without a panic;
//! every rejection names the file and a line that exists in it.
#![no_main]

use kurator::config::SiteConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match SiteConfig::parse(text) {
        Ok(config) => {
            let base = config.base_path();
            assert!(base.starts_with('/') && base.ends_with('/'), "{base:?}");
            let _ = config.origin();
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            let lines = text.split('\n').count();
            for d in &diagnostics {
                assert_eq!(d.path, "kurator.yaml");
                let line = d.line.expect("a config diagnostic has a line");
                assert!((1..=lines).contains(&line), "line {line} of {lines}: {d}");
            }
        }
    }
});

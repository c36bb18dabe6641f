//! Arbitrary bytes as a Markdown source: decode (BOM, CRLF, bad UTF-8),
//! split the front matter, parse it, and build the page. Nothing may panic,
//! and every diagnostic must point at a line that exists in the file.
#![no_main]

use kurator::content::page::Page;
use kurator::content::walk::{decode, SourceFile};
use kurator::diagnostic::Diagnostic;
use libfuzzer_sys::fuzz_target;

const PATH: &str = "content/fuzz.md";

fn check(text: &str, diagnostics: &[Diagnostic]) {
    assert!(!diagnostics.is_empty(), "rejected without a diagnostic");
    let lines = text.split('\n').count();
    for d in diagnostics {
        assert_eq!(d.path, PATH);
        let line = d.line.expect("a text diagnostic has a line");
        assert!((1..=lines).contains(&line), "line {line} of {lines}: {d}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = match decode(PATH, data.to_vec()) {
        Ok(text) => text,
        Err(d) => {
            let lossy = String::from_utf8_lossy(data).replace("\r\n", "\n");
            check(&lossy, &[d]);
            return;
        }
    };
    let file = SourceFile {
        rel: PATH.to_string(),
        text: text.clone(),
    };
    match Page::parse(&file) {
        Ok(page) => assert!(page.body_line >= 1),
        Err(diagnostics) => check(&text, &diagnostics),
    }
});

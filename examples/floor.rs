//! The Markdown floor for `bench/compare`: reads every `.md` file under a
//! folder and renders its body with pulldown-cmark alone, in parallel, and
//! throws the HTML away. No front matter parsing, no links, no templates, no
//! writes: the least any generator must do with the same Markdown, so
//! Kurator's build time can be quoted as a multiple of it.
//!
//! Usage: `cargo run --release --example floor -- DIR`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: floor DIR   (renders every .md under DIR, discarding the HTML)");
        return ExitCode::from(2);
    };
    let files: Vec<PathBuf> = WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let rendered: Result<Vec<usize>, String> = files.par_iter().map(|p| render(p)).collect();
    match rendered {
        Ok(sizes) => {
            let bytes: usize = sizes.iter().sum();
            eprintln!("rendered {} files, {bytes} bytes of HTML", sizes.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Renders one file's body (front matter between `---` lines skipped) and
/// returns the HTML's length, so the work cannot be optimised away.
fn render(path: &Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(body(&text), options));
    Ok(out.len())
}

/// The text after a leading `---` … `---` front matter block, if any.
fn body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}

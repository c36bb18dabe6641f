//! Times `search::build_index` over a content folder (e.g. the corpus from
//! `../shared/bench/gen-corpus`) and reports the index files' sizes. Run by
//! hand, in release mode:
//!
//! ```text
//! cargo run --release --example search_bench -- /tmp/c10k/content [/tmp/out]
//! ```
//!
//! Pages are read crudely (front matter `title`/`description`, `##`/`###`
//! headings, Markdown marks left in the text): enough to time the index on
//! realistic volumes, not a substitute for the pipeline.

use std::path::Path;
use std::time::Instant;

use kurator::config::SearchConfig;
use kurator::markdown::TextSection;
use kurator::search::{build_index, SearchDoc};

struct Page {
    url: String,
    title: String,
    description: String,
    tags: Vec<String>,
    sections: Vec<TextSection>,
}

fn read_page(root: &Path, path: &Path) -> Page {
    let text = std::fs::read_to_string(path).unwrap();
    let rel = path
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let url = format!(
        "/{}",
        rel.trim_end_matches(".md")
            .trim_end_matches("_index")
            .trim_end_matches('/')
    );
    let url = if url == "/" { url } else { format!("{url}/") };
    let (mut title, mut description, mut tags) = (String::new(), String::new(), Vec::new());
    let mut body = text.as_str();
    if let Some(rest) = text.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---\n") {
            for line in rest[..end].lines() {
                let unquote = |s: &str| s.trim().trim_matches('"').to_string();
                if let Some(v) = line.strip_prefix("title:") {
                    title = unquote(v);
                } else if let Some(v) = line.strip_prefix("description:") {
                    description = unquote(v);
                } else if let Some(v) = line.strip_prefix("  - ") {
                    tags.push(unquote(v));
                }
            }
            body = &rest[end + 5..];
        }
    }
    let mut sections = vec![TextSection::default()];
    for line in body.lines() {
        if let Some(heading) = line
            .strip_prefix("## ")
            .or_else(|| line.strip_prefix("### "))
        {
            let anchor = format!("h{}", sections.len());
            sections.push(TextSection {
                anchor: Some(anchor),
                heading: heading.into(),
                level: 2,
                text: String::new(),
            });
        } else {
            let current = sections.last_mut().unwrap();
            current.text.push_str(line);
            current.text.push(' ');
        }
    }
    Page {
        url,
        title,
        description,
        tags,
        sections,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(args.get(1).map(String::as_str).unwrap_or("content"));
    let files: Vec<_> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let pages: Vec<Page> = files.iter().map(|p| read_page(root, p)).collect();
    let text_bytes: usize = pages
        .iter()
        .flat_map(|p| &p.sections)
        .map(|s| s.text.len())
        .sum();
    let docs: Vec<SearchDoc> = pages
        .iter()
        .map(|p| SearchDoc {
            url: &p.url,
            title: &p.title,
            breadcrumb: vec!["Главная"],
            description: &p.description,
            tags: &p.tags,
            sections: kurator::search::Sections::Here(&p.sections),
            weight: 1.0,
            defines: false,
        })
        .collect();
    // BENCH_TOKENIZE=1: the index's word path alone (three passes, one
    // thread); BENCH_TOKENIZE_ALL=1 also the general path.
    if std::env::var_os("BENCH_TOKENIZE").is_some() {
        let mut tok = kurator::search::tokenize::Tokenizer::default();
        let cpu = cpu_seconds();
        let start = Instant::now();
        let mut stemmers = kurator::search::stem::Stemmers::default();
        let mut ids = 0u64;
        let mut counted = 0usize;
        for _ in 0..3 {
            for p in &pages {
                for s in &p.sections {
                    counted += tok.terms(&s.text, &mut stemmers, |id| ids += u64::from(id));
                }
            }
        }
        println!(
            "terms x3 (hot path): {ids} {counted} {:?} cpu {:.2}",
            start.elapsed(),
            cpu_seconds() - cpu
        );
    }
    if std::env::var_os("BENCH_TOKENIZE_ALL").is_some() {
        let cpu = cpu_seconds();
        let start = Instant::now();
        let mut n = 0usize;
        let mut tok = kurator::search::tokenize::Tokenizer::default();
        for p in &pages {
            for s in &p.sections {
                tok.words(&s.text, |parts| n += parts.len());
            }
        }
        println!(
            "tokenize: {n} words {:?} cpu {:.2}",
            start.elapsed(),
            cpu_seconds() - cpu
        );
        let cpu = cpu_seconds();
        let start = Instant::now();
        let mut stemmers = kurator::search::stem::Stemmers::default();
        let mut ids = 0u64;
        for p in &pages {
            for s in &p.sections {
                tok.words(&s.text, |parts| {
                    kurator::search::tokenize::word_terms(parts, &mut stemmers, |id| {
                        ids += u64::from(id)
                    });
                });
            }
        }
        println!(
            "tokenize+terms: {ids} {:?} cpu {:.2}",
            start.elapsed(),
            cpu_seconds() - cpu
        );
        let cpu = cpu_seconds();
        let start = Instant::now();
        let mut n = 0usize;
        for p in &pages {
            for s in &p.sections {
                n += s.text.bytes().filter(|c| *c == b' ').count();
            }
        }
        println!(
            "chars: {n} {:?} cpu {:.2}",
            start.elapsed(),
            cpu_seconds() - cpu
        );
    }
    let config = SearchConfig::default();
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut files_out = Vec::new();
    // BENCH_RUNS=0 times nothing: with callgrind, the instructions of
    // reading the pages, to subtract from a run's.
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    for _ in 0..runs {
        let start = Instant::now();
        let cpu = cpu_seconds();
        files_out = build_index(&docs, &config, "ru").expect("an index in memory");
        best = best.min(start.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(cpu_seconds() - cpu);
    }
    println!(
        "{} pages, {} bytes of text: build_index best of {runs}: {:.3} s wall, {:.3} s CPU",
        docs.len(),
        text_bytes,
        best,
        best_cpu
    );
    let sum = |prefix: &str| -> (usize, usize) {
        let matching: Vec<_> = files_out
            .iter()
            .filter(|(n, _)| n.starts_with(prefix))
            .collect();
        (matching.len(), matching.iter().map(|(_, b)| b.len()).sum())
    };
    for (label, prefix) in [
        ("meta", "search/meta"),
        ("shards", "search/t/"),
        ("fragments", "search/f/"),
    ] {
        let (count, bytes) = sum(prefix);
        println!("{label:>9}: {count:>6} files, {:>10} bytes", bytes);
    }
    let largest = files_out
        .iter()
        .filter(|(n, _)| n.starts_with("search/t/"))
        .map(|(_, b)| b.len())
        .max();
    println!("largest shard: {} bytes", largest.unwrap_or(0));
    if let Some(out) = args.get(2) {
        for (name, bytes) in &files_out {
            let path = Path::new(out).join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        println!("written to {out}");
    }
}

/// User + system CPU time of this process (Linux), in seconds: wall time
/// alone misleads on a shared machine.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

//! Writes the hash file of the seed article's 10-word windows to stdout
//! (see tests/integration/seed_windows.rs). Run through scripts/seed-hashes.

#[path = "../tests/integration/seed_windows.rs"]
mod seed_windows;

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: seed-hashes ARTICLE.txt > tests/data/seed-windows.xxh3");
        return std::process::ExitCode::from(2);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            print!("{}", seed_windows::hash_file(&text));
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

//! Thin entry point: parse the command line, run, map the outcome to an exit
//! code (0 success, 1 the site has errors, 2 usage or system error).

use std::process::ExitCode;

use clap::Parser;

// A build allocates and frees hundreds of megabytes (page HTML, posting
// lists growing by doubling). glibc's malloc hands much of it back to the
// kernel and faults it in again (180,000 page faults on a 10k-page build);
// mimalloc keeps it: 1–5 thousand faults; the 10k build about 2.0 → 1.7 s
// without the search index and 2.9 → 2.0 s with it (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = kurator::cli::Cli::parse();
    kurator::run(cli)
}

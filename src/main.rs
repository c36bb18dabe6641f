//! Thin entry point: parse the command line, run, map the outcome to an exit
//! code (0 success, 1 the site has errors, 2 usage or system error).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kurator::cli::Cli::parse();
    kurator::run(cli)
}

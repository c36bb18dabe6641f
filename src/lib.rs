//! Kurator: a static-site generator for training and onboarding knowledge
//! bases. The pipeline (`pipeline.rs`) reads top-down:
//! config → content → markdown → quizzes → templates → search → output.

pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod fingerprint;
pub mod incremental;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod pipeline;
pub mod quiz;
pub mod search;
/// `kurator serve`: in-memory builds, HTTP, file watching, live reload.
pub mod serve;
pub mod site_files;
pub mod site_root;
pub mod templates;
pub mod theme;
pub mod timing;
pub mod yaml;

use std::process::ExitCode;

use cli::{Cli, Command};

/// Exit code: the site has errors.
pub const EXIT_SITE_ERRORS: u8 = 1;
/// Exit code: bad usage or a system failure (disk, permissions).
pub const EXIT_USAGE: u8 = 2;

/// Runs one command and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(&args),
        Command::Check(args) => cmd::check::run(&args),
        Command::Serve(args) => cmd::serve::run(&args),
        Command::Init(args) => cmd::init::run(&args),
        Command::New(args) => cmd::new::run(&args),
        Command::RemoveRetired { output } => {
            output::remove_retired(&output);
            Ok(0)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(EXIT_USAGE)
        }
    }
}

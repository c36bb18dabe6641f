//! One module per subcommand, named like the CLI verb. Only this layer
//! prints summaries and chooses exit codes.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod package;
pub(crate) mod serve;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::diagnostic::Diagnostic;

/// Exit code: the site has errors.
pub const EXIT_SITE_ERRORS: u8 = 1;
/// Exit code: bad usage or a system failure (disk, permissions).
pub const EXIT_USAGE: u8 = 2;

/// Runs one command and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Init(args) => init::run(&args),
        Command::New(args) => new::run(&args),
        Command::Package(args) => package::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Import(args) => import::run(&args),
        Command::RemoveRetired { output } => {
            crate::output::remove_retired(&output);
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

/// "Today" for review dates: `--today`, else `SOURCE_DATE_EPOCH`, else the
/// clock. A bad value is a usage error.
pub(crate) fn today(flag: Option<&str>) -> anyhow::Result<jiff::civil::Date> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    crate::review::today(flag, epoch.as_deref()).map_err(anyhow::Error::msg)
}

/// Prints a build's problems: every error (each must be fixed), and the
/// warnings grouped by kind, three of each in full, then a count
/// (`kurator check` prints every one).
pub(crate) fn print_grouped(diagnostics: &[Diagnostic]) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.iter().cloned().partition(Diagnostic::is_error);
    for d in &errors {
        let _ = writeln!(err, "{d}");
    }
    for group in crate::diagnostic::group(&warnings, 3) {
        for d in &group.shown {
            let _ = writeln!(err, "{d}");
        }
        if group.more > 0 {
            let _ = writeln!(
                err,
                "note: {} more like the above; `kurator check` lists every one\n",
                group.more
            );
        }
    }
}

/// Prints diagnostics to stderr, one per line, in file order.
pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic]) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

/// "1 error, 2 warnings" style counts.
pub(crate) fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

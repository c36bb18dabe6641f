//! One module per subcommand, named like the CLI verb.

pub mod build;
pub mod check;
pub mod export;
pub mod init;
pub mod new;
pub mod package;
pub mod serve;

use crate::diagnostic::Diagnostic;

/// Prints diagnostics to stderr, one per line, in file order.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

/// "1 error, 2 warnings" style counts.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

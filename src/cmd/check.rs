//! `kurator check`: everything `build` validates, plus strict link and
//! anchor checks and orphan pages; writes nothing, reports every problem.

use anyhow::Result;

use super::{counts, plural, print_diagnostics};
use crate::cli::CheckArgs;
use crate::output::NullSink;
use crate::pipeline::{self, BuildFailure, BuildOptions, Mode};

pub(crate) fn run(args: &CheckArgs) -> Result<u8> {
    let mut options = BuildOptions::new(&args.site.root, Mode::Check);
    options.drafts = args.site.drafts;
    // The full pipeline into nowhere: template errors count as problems too.
    let diagnostics = match pipeline::build(&options, &NullSink) {
        Ok(report) => report.diagnostics,
        Err(BuildFailure::Content(problems)) => problems,
        Err(BuildFailure::Io(err)) => return Err(err),
    };
    print_diagnostics(&diagnostics);
    let (errors, warnings) = counts(&diagnostics);
    if errors > 0 {
        eprintln!(
            "error: check found {} and {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        );
        Ok(super::EXIT_SITE_ERRORS)
    } else {
        println!(
            "Check passed: no errors, {}",
            plural(warnings, "warning", "warnings")
        );
        Ok(0)
    }
}

//! `kurator check`: everything `build` validates, plus strict link and
//! anchor checks and orphan pages; writes nothing, reports every problem.

use anyhow::Result;

use super::{counts, plural, print_diagnostics};
use crate::cli::CheckArgs;
use crate::pipeline::{self, BuildOptions, Mode};

pub fn run(args: &CheckArgs) -> Result<u8> {
    let mut options = BuildOptions::new(&args.site.root, Mode::Check);
    options.drafts = args.site.drafts;
    let diagnostics = match pipeline::analyse(&options) {
        Ok(analysis) => analysis.warnings,
        Err(problems) => problems,
    };
    print_diagnostics(&diagnostics);
    let (errors, warnings) = counts(&diagnostics);
    if errors > 0 {
        eprintln!("error: check found {} and {}", plural(errors, "error", "errors"), plural(warnings, "warning", "warnings"));
        Ok(crate::EXIT_SITE_ERRORS)
    } else {
        println!("Check passed: no errors, {}", plural(warnings, "warning", "warnings"));
        Ok(0)
    }
}

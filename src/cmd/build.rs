//! `kurator build`: the pipeline into a staging folder, swapped in as the
//! output at the end; prints one summary line.

use std::path::Path;

use anyhow::{Context as _, Result};

use super::{counts, plural, print_diagnostics};
use crate::cli::BuildArgs;
use crate::output::Staging;
use crate::pipeline::{self, BuildFailure, BuildOptions, Mode};

pub fn run(args: &BuildArgs) -> Result<u8> {
    let root = args.site.root.clone();
    let mut options = BuildOptions::new(&root, Mode::Build);
    options.drafts = args.site.drafts;
    options.base_url = args.base_url.clone();
    options.relative = args.relative;
    let output = match &args.output {
        Some(o) => o.clone(),
        None => match pipeline::load_config(&root) {
            Ok(config) => root.join(config.output_dir),
            Err(problems) => {
                print_diagnostics(&problems);
                return Ok(crate::EXIT_SITE_ERRORS);
            }
        },
    };
    build_into(&options, &output)
}

/// Builds the site at `options.root` into `output`.
pub fn build_into(options: &BuildOptions, output: &Path) -> Result<u8> {
    let staging = Staging::create(&options.root, output)?;
    match pipeline::build(options, &staging) {
        Ok(report) => {
            print_diagnostics(&report.diagnostics);
            staging.publish().with_context(|| {
                format!("build failed; {} was left as it was", output.display())
            })?;
            remove_retired_in_background(output);
            let (_, warnings) = counts(&report.diagnostics);
            let warn = if warnings > 0 {
                format!(", {}", plural(warnings, "warning", "warnings"))
            } else {
                String::new()
            };
            println!(
                "Built {}, {} and {} other files in {} ms into {}{warn}",
                plural(report.pages, "page", "pages"),
                plural(report.sections, "section", "sections"),
                report.files.saturating_sub(report.pages + report.sections),
                report.elapsed.as_millis(),
                output.display()
            );
            Ok(0)
        }
        Err(BuildFailure::Content(problems)) => {
            print_diagnostics(&problems);
            let (errors, _) = counts(&problems);
            eprintln!(
                "error: build failed with {}; {} was left as it was",
                plural(errors, "error", "errors"),
                output.display()
            );
            Ok(crate::EXIT_SITE_ERRORS)
        }
        Err(BuildFailure::Io(err)) => Err(err.context(format!(
            "build failed; {} was left as it was",
            output.display()
        ))),
    }
}

/// Deletes the previous output in a detached process: on some disks
/// removing a tree of thousands of folders takes longer than the build, and
/// the new site is already in place. A later build removes leftovers.
fn remove_retired_in_background(output: &Path) {
    use std::process::{Command, Stdio};
    let spawned = std::env::current_exe().and_then(|exe| {
        Command::new(exe)
            .arg("__remove-retired")
            .arg(output)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    });
    if spawned.is_err() {
        crate::output::remove_retired(output);
    }
}

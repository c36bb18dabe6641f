//! `kurator build`: the pipeline into a staging folder, swapped in as the
//! output at the end; prints one summary line.

use std::path::Path;

use anyhow::{Context as _, Result};

use super::{counts, plural, print_grouped};
use crate::cli::BuildArgs;
use crate::fingerprint::{self, BuildRecord};
use crate::output::Staging;
use crate::pipeline::{self, BuildFailure, BuildOptions, BuildReport, Mode};

pub(crate) fn run(args: &BuildArgs) -> Result<u8> {
    let root = args.site.root.clone();
    let mut options = BuildOptions::new(&root, Mode::Build);
    options.drafts = args.site.drafts;
    options.base_url = args.base_url.clone();
    options.relative = args.relative;
    options.today = Some(super::today(args.today.as_deref())?);
    let output = match &args.output {
        Some(o) => o.clone(),
        None => match crate::config::load(&root) {
            Ok(config) => root.join(config.output_dir),
            Err(problems) => {
                print_grouped(&problems);
                return Ok(super::EXIT_SITE_ERRORS);
            }
        },
    };
    build_into(&options, &output, args.force)
}

/// Builds the site at `options.root` into `output`, unless the output is
/// already what the build would write and `force` is off.
pub(crate) fn build_into(options: &BuildOptions, output: &Path, force: bool) -> Result<u8> {
    let start = std::time::Instant::now();
    crate::timing::mark("begin");
    // The up-to-date path writes nothing; `Staging::create` checks that the
    // output may be replaced before anything is.
    // Refused before anything is read or compared: an up-to-date output
    // behind a link or in a source folder is still the wrong place.
    crate::output::check_output_dir(&options.root, output)?;
    let scan = fingerprint::scan(options);
    // What this build records: the inputs as they are before it reads them.
    let taken = fingerprint::now();
    let inputs = scan.as_ref().and_then(|scan| scan.fingerprint(taken));
    crate::timing::mark("scan");
    if let Some(record) = scan
        .as_ref()
        .filter(|_| !force)
        .and_then(|scan| fingerprint::up_to_date(output, scan))
    {
        // A build killed after its swap left the old site retired: the
        // output is whole and current, but the old site still goes.
        if crate::output::tidy_beside(output) {
            remove_retired_in_background(output);
        }
        println!(
            "Up to date: {}, {} and {} other files in {} (nothing changed since the last build; checked in {} ms, --force builds anyway)",
            plural(record.pages, "page", "pages"),
            plural(record.sections, "section", "sections"),
            record.files.saturating_sub(record.pages + record.sections),
            output.display(),
            start.elapsed().as_millis(),
        );
        return Ok(0);
    }
    crate::timing::mark("fingerprint");
    let staging = Staging::create(&options.root, output)?;
    match pipeline::build(options, &staging) {
        Ok(report) => {
            if let Some(line) = report.format.summary_line() {
                println!("{line}");
            }
            print_grouped(&report.diagnostics);
            // Builds with warnings are not recorded: the next build runs in
            // full and shows them again.
            if let Some(inputs) = inputs.filter(|_| report.diagnostics.is_empty()) {
                record_build(&staging, inputs, taken, &report)?;
            }
            crate::timing::mark("record");
            staging.publish().with_context(|| {
                format!("build failed; {} was left as it was", output.display())
            })?;
            remove_retired_in_background(output);
            crate::timing::mark("publish");
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
            print_grouped(&problems);
            let (errors, _) = counts(&problems);
            eprintln!(
                "error: build failed with {}; {} was left as it was",
                plural(errors, "error", "errors"),
                output.display()
            );
            Ok(super::EXIT_SITE_ERRORS)
        }
        Err(BuildFailure::Io(err)) => Err(err.context(format!(
            "build failed; {} was left as it was",
            output.display()
        ))),
    }
}

/// Writes the build's record into the staging folder's marker, so the next
/// build can tell whether anything changed.
fn record_build(staging: &Staging, inputs: u128, taken: u128, report: &BuildReport) -> Result<()> {
    let Some(output) = fingerprint::output(staging.dir()) else {
        return Ok(()); // unreadable now: the next build simply runs in full
    };
    let record = BuildRecord {
        inputs,
        taken,
        output,
        pages: report.pages,
        sections: report.sections,
        files: report.files,
    };
    staging.write_marker(&record.to_text())
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

//! `kurator check`: everything `build` validates, plus strict link and
//! anchor checks and orphan pages; writes nothing, reports every problem.

use std::io::Write as _;

use anyhow::Result;

use super::{counts, plural, print_diagnostics};
use crate::cli::{CheckArgs, StaleFormat};
use crate::output::NullSink;
use crate::pipeline::{self, BuildFailure, BuildOptions, Mode};
use crate::review::{self, Freshness};

pub(crate) fn run(args: &CheckArgs) -> Result<u8> {
    let mut options = BuildOptions::new(&args.site.root, Mode::Check);
    options.drafts = args.site.drafts;
    options.today = Some(super::today(args.today.as_deref())?);
    if args.stale {
        return stale(&options, args);
    }
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

/// `check --stale`: the pages past or near their review date, by owner.
fn stale(options: &BuildOptions, args: &CheckArgs) -> Result<u8> {
    let analysis = match pipeline::analyse(options) {
        Ok(analysis) => analysis,
        Err(problems) => {
            print_diagnostics(&problems);
            eprintln!("error: the site has errors; fix them to list stale pages");
            return Ok(super::EXIT_SITE_ERRORS);
        }
    };
    let today = options.today.unwrap_or_default();
    let reviews = review::site_reviews(&analysis.site, &analysis.config, today);
    let entries = review::stale_entries(&analysis.site, &reviews);
    let overdue = entries
        .iter()
        .filter(|e| matches!(e.freshness, Freshness::Overdue { .. }))
        .count();
    let mut out = std::io::stdout().lock();
    match args.format {
        StaleFormat::Json => {
            let report = StaleReport {
                today: today.to_string(),
                overdue,
                due_soon: entries.len() - overdue,
                pages: &entries,
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        StaleFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record([
                "owner", "status", "days", "reviewed", "due", "source", "url", "title",
            ])?;
            for e in &entries {
                let (status, days) = status_days(e.freshness);
                csv.write_record([
                    e.owner.as_deref().unwrap_or(""),
                    status,
                    &days.to_string(),
                    &e.reviewed,
                    &e.due,
                    &e.source,
                    &e.url,
                    &e.title,
                ])?;
            }
            csv.flush()?;
        }
        StaleFormat::Text => {
            let mut owner: Option<Option<&str>> = None;
            for e in &entries {
                if owner != Some(e.owner.as_deref()) {
                    owner = Some(e.owner.as_deref());
                    writeln!(out, "{}:", e.owner.as_deref().unwrap_or("(no owner)"))?;
                }
                let when = match e.freshness {
                    Freshness::Overdue { days } => format!(
                        "{} overdue",
                        plural(days.unsigned_abs() as usize, "day", "days")
                    ),
                    Freshness::DueSoon { days } => format!(
                        "due in {}",
                        plural(days.unsigned_abs() as usize, "day", "days")
                    ),
                    Freshness::Fresh => String::new(),
                };
                writeln!(
                    out,
                    "  {}: {when} (reviewed {}, due {}) — {}",
                    e.source, e.reviewed, e.due, e.title
                )?;
            }
            writeln!(
                out,
                "{} overdue, {} due within {} days (today is {today})",
                plural(overdue, "page", "pages"),
                entries.len() - overdue,
                review::SOON_DAYS
            )?;
        }
    }
    Ok(if args.fail_on_stale && overdue > 0 {
        super::EXIT_SITE_ERRORS
    } else {
        0
    })
}

/// What `check --stale --format json` prints.
#[derive(serde::Serialize)]
struct StaleReport<'a> {
    today: String,
    overdue: usize,
    due_soon: usize,
    pages: &'a [review::StaleEntry],
}

fn status_days(f: Freshness) -> (&'static str, i64) {
    match f {
        Freshness::Overdue { days } => ("overdue", days),
        Freshness::DueSoon { days } => ("due-soon", days),
        Freshness::Fresh => ("fresh", 0),
    }
}

//! `kurator serve`: parses the address, hands over to `serve::run`, and
//! prints what the server reports.

use std::net::{IpAddr, Ipv4Addr};

use anyhow::{bail, Result};

use super::{counts, plural, print_grouped};
use crate::cli::ServeArgs;
use crate::serve::{self, Options, Progress};

pub(crate) fn run(args: &ServeArgs) -> Result<u8> {
    let bind: IpAddr = match args.bind.as_str() {
        "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
        other => match other.parse() {
            Ok(ip) => ip,
            Err(_) => {
                bail!("--bind expects an IP address such as 127.0.0.1 or 0.0.0.0, not `{other}`")
            }
        },
    };
    serve::run(
        &Options {
            root: args.site.root.clone(),
            drafts: args.site.drafts,
            bind,
            port: args.port,
        },
        print,
    )?;
    Ok(0)
}

/// One line (or a block of diagnostics) per thing the server reports.
fn print(progress: Progress<'_>) {
    match progress {
        Progress::Exposed(ip) => eprintln!(
            "warning: serving on {ip} makes the preview, drafts included, reachable from other machines on the network; \
             use --bind 127.0.0.1 to keep it private"
        ),
        Progress::PortTaken { asked, used } => {
            println!("Port {asked} is taken; using {used} instead.");
        }
        Progress::FirstBuild(report) => {
            if let Some(line) = report.format.summary_line() {
                println!("{line}");
            }
            print_grouped(&report.diagnostics);
            let (_, warnings) = counts(&report.diagnostics);
            let warn = if warnings > 0 {
                format!(", {}", plural(warnings, "warning", "warnings"))
            } else {
                String::new()
            };
            println!(
                "Built {} and {} in memory in {} ms{warn}",
                plural(report.pages, "page", "pages"),
                plural(report.sections, "section", "sections"),
                report.elapsed.as_millis()
            );
        }
        Progress::FirstBuildFailed(text) => {
            eprintln!("{text}");
            eprintln!("error: the site does not build yet; fix the errors above and save, the preview will update");
        }
        Progress::Serving(addr) => println!("Serving the site at http://{addr}/ (Ctrl-C to stop)"),
        Progress::Updated { ms, files } => println!("Updated in {ms} ms ({files})"),
        Progress::Unchanged { ms, files } => {
            println!("Rebuilt in {ms} ms, nothing changed ({files})");
        }
        Progress::Rebuilt {
            ms,
            files,
            diagnostics,
        } => {
            print_grouped(diagnostics);
            println!("Rebuilt in {ms} ms ({files})");
        }
        Progress::RebuildFailed { text, files } => {
            eprintln!("{text}");
            eprintln!("error: rebuild failed ({files}); still serving the last good build");
        }
        Progress::Stopped => println!("Stopped."),
    }
}

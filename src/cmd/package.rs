//! `kurator package scorm`: builds the site with relative links into a
//! temporary folder and zips it as a SCORM package (see `src/scorm/`).

use anyhow::{Context as _, Result};

use super::print_diagnostics;
use crate::cli::{PackageArgs, PackageKind, ScormArgs, ScormVersionArg};
use crate::pipeline::{BuildOptions, Mode};
use crate::scorm::{self, manifest::Version, ScormError};

pub(crate) fn run(args: &PackageArgs) -> Result<u8> {
    match &args.kind {
        PackageKind::Scorm(scorm) => run_scorm(scorm),
    }
}

fn run_scorm(args: &ScormArgs) -> Result<u8> {
    let root = args.site.root.clone();
    let config = match crate::config::load(&root) {
        Ok(config) => config,
        Err(problems) => {
            print_diagnostics(&problems);
            return Ok(crate::cmd::EXIT_SITE_ERRORS);
        }
    };
    let version = match args.version {
        ScormVersionArg::V12 => Version::Scorm12,
        ScormVersionArg::V2004 => Version::Scorm2004,
    };
    let out = args.out.clone().unwrap_or_else(|| {
        root.join(format!(
            "{}-scorm{}.zip",
            config.output_dir.trim_end_matches('/'),
            version.as_str()
        ))
    });
    let tmp = tempfile::tempdir().context("cannot create a temporary folder for the build")?;
    let site = tmp.path().join("site");
    let mut options = BuildOptions::new(&root, Mode::Build);
    options.drafts = args.site.drafts;
    options.relative = true;
    options.scorm = true;
    let code = super::build::build_into(&options, &site, true)?;
    if code != 0 {
        return Ok(code);
    }
    let package = match scorm::package_built(&root, &config, &site, version) {
        Ok(p) => p,
        Err(ScormError::Site(problems)) => {
            print_diagnostics(&problems);
            return Ok(crate::cmd::EXIT_SITE_ERRORS);
        }
        Err(err) => return Err(err.into()),
    };
    std::fs::write(&out, &package.zip)
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "Packaged SCORM {} into {}: {} files, {} items, {} counted quizzes, {} counted checklists, {} bytes",
        version.as_str(),
        out.display(),
        package.files,
        package.items,
        package.counted,
        package.checklists,
        package.zip.len()
    );
    Ok(0)
}

//! `kurator export quizzes`: every knowledge quiz of the site as GIFT or
//! Moodle XML (see `src/gift/`).

use anyhow::Result;

use crate::cli::ExportArgs;

pub fn run(_args: &ExportArgs) -> Result<u8> {
    anyhow::bail!("not yet")
}

//! `kurator serve`: not built yet.

use anyhow::{bail, Result};

use crate::cli::ServeArgs;

pub fn run(_args: &ServeArgs) -> Result<u8> {
    bail!("serve is not available yet; use `kurator build`")
}

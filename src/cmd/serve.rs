//! `kurator serve`: parses the address, then hands over to `serve::run`.

use std::net::{IpAddr, Ipv4Addr};

use anyhow::{bail, Result};

use crate::cli::ServeArgs;
use crate::serve::{self, Options};

pub fn run(args: &ServeArgs) -> Result<u8> {
    let bind: IpAddr = match args.bind.as_str() {
        "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
        other => match other.parse() {
            Ok(ip) => ip,
            Err(_) => {
                bail!("--bind expects an IP address such as 127.0.0.1 or 0.0.0.0, not `{other}`")
            }
        },
    };
    serve::run(&Options {
        root: args.site.root.clone(),
        drafts: args.site.drafts,
        bind,
        port: args.port,
    })
}

//! `kurator serve`: builds the site into memory, serves it over HTTP, and
//! rebuilds and reloads open pages when a source file changes.
//!
//! - `server`  the axum app: paths, content types, the site in memory
//! - `reload`  the injected script and its server-sent events
//! - `watch`   notify debouncer and the pure `classify(path) -> ChangeKind`
//! - `rebuild` one build into a fresh in-memory site, and what changed
//!
//! Nothing is ever written into the site folder or `public/`.

pub mod rebuild;
pub mod reload;
pub mod server;
pub mod watch;

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use tokio::sync::watch as tokio_watch;

use crate::build_types::BuildReport;
use crate::diagnostic::Diagnostic;

pub use rebuild::Builder;
pub use reload::{Notice, Reloader, INJECT};
use server::AppState;
use watch::{ChangeKind, Watcher};

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub drafts: bool,
    pub bind: IpAddr,
    pub port: u16,
}

/// What the server has to tell the person running it. `serve` decides
/// when; the command (`cmd/serve.rs`) decides how it reads.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// Bound to an address other machines can reach.
    Exposed(IpAddr),
    PortTaken {
        asked: u16,
        used: u16,
    },
    FirstBuild(&'a BuildReport),
    /// The first build failed; the text lists the problems.
    FirstBuildFailed(&'a str),
    Serving(SocketAddr),
    /// One page re-rendered on its own.
    Updated {
        ms: u128,
        files: &'a str,
    },
    /// A rebuild wrote what was already served.
    Unchanged {
        ms: u128,
        files: &'a str,
    },
    Rebuilt {
        ms: u128,
        files: &'a str,
        diagnostics: &'a [Diagnostic],
    },
    RebuildFailed {
        text: &'a str,
        files: &'a str,
    },
    Stopped,
}

/// Where [`Progress`] goes: a plain function, so the rebuild thread can
/// hold it.
pub type Report = fn(Progress<'_>);

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 50;

/// Binds `ip:port`, or the next free port after it. Returns the listener
/// and whether the port differs from the one asked for.
pub fn bind(ip: IpAddr, port: u16) -> io::Result<TcpListener> {
    let mut last = None;
    for p in (0..=PORT_TRIES).filter_map(|i| port.checked_add(i)) {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(e),
        }
        if port == 0 {
            break;
        }
    }
    Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::AddrInUse, "no free port")))
}

/// Runs the server until Ctrl-C, telling `report` what happens.
pub fn run(options: &Options, report: Report) -> Result<()> {
    // The whole site is held in memory: see `memory::no_huge_pages`.
    crate::memory::no_huge_pages();
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("cannot open the site folder `{}`", options.root.display()))?;
    if !options.bind.is_loopback() {
        report(Progress::Exposed(options.bind));
    }
    let listener = bind(options.bind, options.port)
        .with_context(|| format!("cannot listen on {}:{}", options.bind, options.port))?;
    let addr = listener.local_addr()?;
    if addr.port() != options.port && options.port != 0 {
        report(Progress::PortTaken {
            asked: options.port,
            used: addr.port(),
        });
    }

    let mut builder = Builder::new(&root, options.drafts);
    let (shutdown_tx, shutdown_rx) = tokio_watch::channel(false);
    let reloader = Reloader::new(shutdown_rx);
    let first = match builder.build() {
        Ok(outcome) => {
            report(Progress::FirstBuild(&outcome.report));
            outcome.served
        }
        Err(failure) => {
            report(Progress::FirstBuildFailed(&failure.text));
            reloader.notify(Notice::Error(failure.text.clone()));
            rebuild::error_site(&failure.text)
        }
    };
    let state = AppState {
        site: Arc::new(RwLock::new(Arc::new(first))),
        reloader: reloader.clone(),
    };

    let (changes_tx, changes_rx) = mpsc::channel();
    let watcher =
        Watcher::start(&root, changes_tx).context("cannot watch the site folder for changes")?;
    let loop_state = state.clone();
    std::thread::Builder::new()
        .name("kurator-rebuild".into())
        .spawn(move || rebuild_loop(watcher, builder, &changes_rx, &loop_state, report))
        .context("cannot start the rebuild thread")?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let shown = if addr.ip().is_unspecified() {
            SocketAddr::new(IpAddr::from([127, 0, 0, 1]), addr.port())
        } else {
            addr
        };
        report(Progress::Serving(shown));
        let app = server::router(state);
        // `server::run`: Host check and header-read timeout (issue 17).
        server::run(listener, app, async move {
            wait_for_signal().await;
            let _ = shutdown_tx.send(true);
        })
        .await
    })?;
    // Open connections have been told to close; do not wait on stragglers.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    report(Progress::Stopped);
    Ok(())
}

/// Ctrl-C, or SIGTERM where there is one.
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = match signal(SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Waits for bursts of changes, rebuilds, swaps the site in and tells the
/// pages. Changes that arrive during a build are coalesced into the next.
fn rebuild_loop(
    mut watcher: Watcher,
    mut builder: Builder,
    changes: &mpsc::Receiver<Vec<PathBuf>>,
    state: &AppState,
    report: Report,
) {
    // After a one-page update the search index lags behind; it is caught
    // up by a full build once the author pauses, so quick saves never wait
    // behind it.
    let mut index_behind = false;
    loop {
        let mut paths = if index_behind {
            match changes.recv_timeout(Duration::from_millis(400)) {
                Ok(paths) => paths,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    index_behind = false;
                    if let Ok(outcome) = builder.build() {
                        state.swap(outcome.served);
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match changes.recv() {
                Ok(paths) => paths,
                Err(_) => break,
            }
        };
        while let Ok(more) = changes.try_recv() {
            paths.extend(more);
        }
        let start = Instant::now();
        let rels: Vec<&Path> = paths.iter().filter_map(|p| watcher.relative(p)).collect();
        let kind = watch::classify_all(rels.iter().copied(), watcher.layout());
        if kind == ChangeKind::Ignored {
            continue;
        }
        watcher.refresh();
        let mut names: Vec<String> = rels
            .iter()
            .filter(|p| watch::classify(p, watcher.layout()) != ChangeKind::Ignored)
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        names.sort();
        names.dedup();
        let was_failing = state.reloader.failing();
        // One saved page whose body alone changed: re-render just that page,
        // reload, then catch the search index up with a full build.
        if kind == ChangeKind::Content && names.len() == 1 && !was_failing {
            let old = state.current();
            if let Some(served) = builder.update_page(Path::new(&names[0]), &old) {
                if !rebuild::same_files(&old, &served) {
                    state.swap(served);
                    state.reloader.notify(Notice::Reload);
                    report(Progress::Updated {
                        ms: start.elapsed().as_millis(),
                        files: &shorten(&names),
                    });
                }
                index_behind = true;
                continue;
            }
        }
        index_behind = false;
        match builder.build() {
            Ok(outcome) => {
                let old = state.current();
                if !was_failing && rebuild::same_files(&old, &outcome.served) {
                    report(Progress::Unchanged {
                        ms: start.elapsed().as_millis(),
                        files: &shorten(&names),
                    });
                    continue;
                }
                let notice = match kind {
                    ChangeKind::Style if !was_failing => rebuild::css_swaps(&old, &outcome.served)
                        .map_or(Notice::Reload, Notice::Css),
                    _ => Notice::Reload,
                };
                let diagnostics = outcome.report.diagnostics;
                state.swap(outcome.served);
                state.reloader.notify(notice);
                report(Progress::Rebuilt {
                    ms: start.elapsed().as_millis(),
                    files: &shorten(&names),
                    diagnostics: &diagnostics,
                });
            }
            Err(failure) => {
                report(Progress::RebuildFailed {
                    text: &failure.text,
                    files: &shorten(&names),
                });
                state.reloader.notify(Notice::Error(failure.text));
            }
        }
    }
}

fn shorten(names: &[String]) -> String {
    match names.len() {
        0 => "no files".into(),
        1..=3 => names.join(", "),
        n => format!("{}, … {} files", names[..2].join(", "), n),
    }
}

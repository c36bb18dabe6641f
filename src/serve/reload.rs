//! Live reload: the script pages load in serve mode and the server-sent
//! events it listens to. The script is served from the binary at
//! [`SCRIPT_PATH`] and is never written by `build`; pages get it through
//! [`INJECT`] (`BuildOptions::inject`).
//!
//! Events: `hello` (`SERVER:BUILD`, sent first on every connection, so a
//! page reconnecting to a restarted server or after a missed build reloads),
//! `reload`, `css` (JSON `[[old, new], …]` stylesheet paths to swap), and
//! `error` (the diagnostics text, shown in an overlay).

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::header;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::{broadcast, watch};

/// Where the reload script is served.
pub const SCRIPT_PATH: &str = "/__kurator/livereload.js";
/// Where the event stream is served.
pub const EVENTS_PATH: &str = "/__kurator/events";
/// What serve inserts before `</body>` of every page.
pub const INJECT: &str = "<script src=\"/__kurator/livereload.js\" defer></script>";

const SCRIPT: &str = include_str!("livereload.js");

/// What a page is told after a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Reload the page.
    Reload,
    /// Only stylesheets changed: swap `old` for `new` paths.
    Css(Vec<(String, String)>),
    /// The build failed: show this text.
    Error(String),
}

#[derive(Debug)]
struct Status {
    build: u64,
    error: Option<String>,
}

/// The broadcast side, shared by the rebuild loop and the SSE handlers.
#[derive(Clone)]
pub struct Reloader {
    server: String,
    sender: broadcast::Sender<(u64, Notice)>,
    status: Arc<Mutex<Status>>,
    shutdown: watch::Receiver<bool>,
}

impl Reloader {
    /// `shutdown` turning true ends every open event stream, so a graceful
    /// shutdown does not wait on browsers.
    pub fn new(shutdown: watch::Receiver<bool>) -> Reloader {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let (sender, _) = broadcast::channel(64);
        Reloader {
            server: format!("{:x}-{}", nanos, std::process::id()),
            sender,
            status: Arc::new(Mutex::new(Status {
                build: 1,
                error: None,
            })),
            shutdown,
        }
    }

    /// Tells every open page about a finished build.
    pub fn notify(&self, notice: Notice) {
        let build = {
            let mut status = self
                .status
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match &notice {
                Notice::Error(text) => status.error = Some(text.clone()),
                _ => {
                    status.build += 1;
                    status.error = None;
                }
            }
            status.build
        };
        let _ = self.sender.send((build, notice));
    }

    /// Whether the last build failed.
    pub fn failing(&self) -> bool {
        self.status
            .lock()
            .map(|s| s.error.is_some())
            .unwrap_or(false)
    }
}

/// `GET /__kurator/livereload.js`.
pub async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

/// `GET /__kurator/events`: `hello`, the current error if any, then every
/// notice until the server shuts down.
pub async fn events(
    State(reloader): State<Reloader>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = reloader.sender.subscribe();
    let (build, error) = {
        let status = reloader
            .status
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (status.build, status.error.clone())
    };
    let mut first = vec![Event::default()
        .event("hello")
        .data(format!("{}:{build}", reloader.server))];
    if let Some(text) = error {
        first.push(error_event(&text));
    }
    let live = stream::unfold(receiver, |mut receiver| async move {
        let event = match receiver.recv().await {
            Ok((_, notice)) => to_event(&notice),
            // Missed notices: a reload is always a safe answer.
            Err(broadcast::error::RecvError::Lagged(_)) => {
                Event::default().event("reload").data("lagged")
            }
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((event, receiver))
    });
    let mut shutdown = reloader.shutdown.clone();
    let stop = async move {
        let _ = shutdown.wait_for(|down| *down).await;
    };
    let stream = stream::iter(first).chain(live).take_until(stop).map(Ok);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn to_event(notice: &Notice) -> Event {
    match notice {
        Notice::Reload => Event::default().event("reload").data("reload"),
        Notice::Css(pairs) => {
            let json = serde_json::to_string(pairs).unwrap_or_else(|_| "[]".into());
            Event::default().event("css").data(json)
        }
        Notice::Error(text) => error_event(text),
    }
}

/// SSE cannot carry a carriage return; newlines become `data:` lines.
fn error_event(text: &str) -> Event {
    Event::default().event("error").data(text.replace('\r', ""))
}

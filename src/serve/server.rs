//! The HTTP side of `kurator serve`: an axum app that answers from the site
//! rendered in memory. It owns path checking, content types, folders and
//! redirects, the 404 page, and the routes under `/__kurator/`. It does not
//! build anything; `serve::mod` swaps a new [`Served`] in after each build.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use super::reload::{self, Reloader};

/// Longest request path accepted, in bytes (before decoding).
pub const MAX_PATH: usize = 2048;

/// One finished build: every output file by its `/`-separated path.
#[derive(Debug, Default)]
pub struct Served {
    pub files: BTreeMap<String, Arc<[u8]>>,
}

/// What the handlers share: the current site (swapped whole, so a request
/// sees one build or the next, never a mix) and the reload channel.
#[derive(Clone)]
pub struct AppState {
    pub site: Arc<RwLock<Arc<Served>>>,
    pub reloader: Reloader,
}

// The event stream needs only the reloader (and `reload` need not know
// this module: no cycle between them).
impl axum::extract::FromRef<AppState> for Reloader {
    fn from_ref(state: &AppState) -> Self {
        state.reloader.clone()
    }
}

impl AppState {
    /// The build requests are answered from right now.
    pub fn current(&self) -> Arc<Served> {
        match self.site.read() {
            Ok(site) => Arc::clone(&site),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Makes `served` the site every later request sees.
    pub fn swap(&self, served: Served) {
        let served = Arc::new(served);
        match self.site.write() {
            Ok(mut site) => *site = served,
            Err(poisoned) => *poisoned.into_inner() = served,
        }
    }
}

/// The router: reload script and events under `/__kurator/`, the site
/// everywhere else; every response says `Cache-Control: no-cache`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(reload::SCRIPT_PATH, get(reload::script))
        .route(reload::EVENTS_PATH, get(reload::events))
        .route("/__kurator/files", get(file_list))
        .fallback(site_file)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .with_state(state)
}

/// Why a request path was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Malformed or dangerous: 400.
    BadRequest(&'static str),
}

/// Turns a raw request path (still percent-encoded) into a path inside the
/// site, or refuses it. Pure; the rules are the security boundary, so they
/// are strict: encoded dots, slashes and backslashes, `..` and `.`
/// segments, empty segments, backslashes, NUL and control bytes, and
/// over-long paths are all refused rather than normalised.
pub fn site_path(raw: &str) -> Result<String, Refusal> {
    if raw.len() > MAX_PATH {
        return Err(Refusal::BadRequest("path too long"));
    }
    let Some(rest) = raw.strip_prefix('/') else {
        return Err(Refusal::BadRequest("path must start with /"));
    };
    let lower = rest.to_ascii_lowercase();
    for encoded in ["%2e", "%2f", "%5c", "%00"] {
        if lower.contains(encoded) {
            return Err(Refusal::BadRequest("encoded dot, slash, backslash or NUL"));
        }
    }
    let decoded =
        percent_decode(rest).ok_or(Refusal::BadRequest("bad percent-encoding or not UTF-8"))?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return Err(Refusal::BadRequest("backslash or control character"));
    }
    if decoded.starts_with('/') {
        return Err(Refusal::BadRequest("absolute path"));
    }
    let trimmed = decoded.strip_suffix('/').unwrap_or(&decoded);
    if !trimmed.is_empty()
        && trimmed
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == ".." || s.contains(':'))
    {
        return Err(Refusal::BadRequest("empty, dot or drive segment"));
    }
    Ok(decoded)
}

/// `%XX` decoding of a request path into UTF-8, strict: `None` when a `%`
/// is not followed by two hex digits or the result is not UTF-8 (the
/// `percent-encoding` crate would keep a bad escape as it is, which
/// `content/links.rs` wants for authors' links and a server must not).
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let well_formed = (0..b.len()).filter(|&i| b[i] == b'%').all(|i| {
        b.get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    let decoded = percent_encoding::percent_decode_str(s).decode_utf8().ok()?;
    well_formed.then(|| decoded.into_owned())
}

/// The `Content-Type` for an output file, by extension; text gets UTF-8.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// What a site path resolves to in a build.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    File(String),
    /// A folder asked for without its slash: redirect to `path/`.
    Redirect(String),
    NotFound,
}

/// Finds `path` (decoded, no leading `/`) in `served`.
pub fn lookup(served: &Served, path: &str) -> Lookup {
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return if served.files.contains_key(&index) {
            Lookup::File(index)
        } else {
            Lookup::NotFound
        };
    }
    if served.files.contains_key(path) {
        return Lookup::File(path.to_string());
    }
    if served.files.contains_key(&format!("{path}/index.html")) {
        return Lookup::Redirect(format!("/{path}/"));
    }
    Lookup::NotFound
}

async fn site_file(State(state): State<AppState>, method: Method, uri: Uri) -> Response {
    let head = method == Method::HEAD;
    if method != Method::GET && !head {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "405 Method Not Allowed\n",
        )
            .into_response();
    }
    let path = match site_path(uri.path()) {
        Ok(p) => p,
        Err(Refusal::BadRequest(why)) => {
            return text(StatusCode::BAD_REQUEST, format!("400 Bad Request: {why}\n"))
        }
    };
    let served = state.current();
    match lookup(&served, &path) {
        Lookup::File(rel) => file(StatusCode::OK, &rel, &served.files[&rel], head),
        Lookup::Redirect(to) => {
            let location = match uri.query() {
                Some(q) => format!("{}?{q}", encode_path(&to)),
                None => encode_path(&to),
            };
            (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
            )
                .into_response()
        }
        Lookup::NotFound => match served.files.get("404.html") {
            Some(page) => file(StatusCode::NOT_FOUND, "404.html", page, head),
            None => text(StatusCode::NOT_FOUND, "404 Not Found\n".to_string()),
        },
    }
}

fn file(status: StatusCode, rel: &str, bytes: &Arc<[u8]>, head: bool) -> Response {
    let body = if head {
        Body::empty()
    } else {
        Body::from(bytes.to_vec())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(rel)),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    response
}

fn text(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

/// Percent-encodes what a `Location` header cannot carry as it is.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Every served path, one a line: lets tests compare the served site with a
/// clean build.
async fn file_list(State(state): State<AppState>) -> Response {
    let served = state.current();
    let list: String = served.files.keys().map(|k| format!("{k}\n")).collect();
    text(StatusCode::OK, list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_paths() {
        assert_eq!(site_path("/").unwrap(), "");
        assert_eq!(site_path("/a/b/").unwrap(), "a/b/");
        assert_eq!(
            site_path("/static/style.1a2b.css").unwrap(),
            "static/style.1a2b.css"
        );
        assert_eq!(
            site_path("/%D0%B3%D0%BB%D0%BE%D1%81%D1%81%D0%B0%D1%80%D0%B8%D0%B9/").unwrap(),
            "глоссарий/"
        );
        assert_eq!(site_path("/a%20b.html").unwrap(), "a b.html");
    }

    #[test]
    fn refuses_escapes() {
        let long = format!("/{}", "a".repeat(MAX_PATH + 1));
        for raw in [
            "/../etc/passwd",
            "/a/../../x",
            "/a/./b",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/.%2e/x",
            "/a%2fb",
            "/a%2F..%2Fb",
            "/a%5cb",
            "/a\\..\\b",
            "/a%00.html",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/a//b",
            "/C:/windows",
            "/%ff",
            "/%zz",
            "/%",
            long.as_str(),
            "relative",
        ] {
            assert!(site_path(raw).is_err(), "{raw} was accepted");
        }
    }

    #[test]
    fn folders_redirect_and_index() {
        let mut served = Served::default();
        for f in ["index.html", "a/index.html", "a/img.png", "404.html"] {
            served.files.insert(f.to_string(), Arc::from(&b"x"[..]));
        }
        assert_eq!(lookup(&served, ""), Lookup::File("index.html".into()));
        assert_eq!(lookup(&served, "a/"), Lookup::File("a/index.html".into()));
        assert_eq!(lookup(&served, "a"), Lookup::Redirect("/a/".into()));
        assert_eq!(
            lookup(&served, "a/img.png"),
            Lookup::File("a/img.png".into())
        );
        assert_eq!(lookup(&served, "b"), Lookup::NotFound);
        assert_eq!(lookup(&served, "b/"), Lookup::NotFound);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("static/style.abc.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type("x.PNG"), "image/png");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}

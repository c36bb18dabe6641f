//! One piece over 500 lines: the routes, the connection loop and the path
//! checks share one `Served` and one set of response helpers.
//!
//! The HTTP side of `kurator serve`: an axum app that answers from the site
//! rendered in memory. It owns path checking, content types, folders and
//! redirects, the 404 page, and the routes under `/__kurator/`. It does not
//! build anything; `serve::mod` swaps a new [`Served`] in after each build.
//!
//! Issue 17 item 9: [`run`] accepts connections itself (hyper with a
//! header-read timeout, so half-sent requests cannot hold connections
//! open), checks every request's `Host` against the bound address and
//! `localhost` (a DNS-rebinding page cannot read drafts), and files carry
//! an `ETag` and answer `If-None-Match` and single `Range` requests with
//! the semantics of tower-http's `ServeDir`.
//!
//! One piece past 500 lines (a third of it tests): it is the preview's
//! whole HTTP boundary, every rule a request meets between the socket and
//! the file, kept where one reading covers all of them.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tower_http::set_header::SetResponseHeaderLayer;

use super::reload::{self, Reloader};

/// Longest request path accepted, in bytes (before decoding).
pub const MAX_PATH: usize = 2048;

/// A client gets this long to send a request's headers; then the
/// connection is closed. Browsers send them at once; 500 half-open
/// connections were held for more than 35 s before (issue 17 item 9).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` completes: HTTP/1.1 with a
/// header-read timeout, and the `Host` check in front of every route.
pub async fn run(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let bound = listener.local_addr()?;
    let app = app.layer(middleware::from_fn(move |request: Request, next: Next| {
        check_host(bound, request, next)
    }));
    tokio::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                // Out of file descriptors and the like: keep serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Refuses requests whose `Host` is not this server (403).
async fn check_host(bound: SocketAddr, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if host_allowed(host, bound) {
        return next.run(request).await;
    }
    let shown = host.unwrap_or("(none)");
    text(
        StatusCode::FORBIDDEN,
        format!(
            "403 Forbidden: the Host header `{shown}` does not name this preview server; open http://localhost:{}/ instead \
             (other names are refused so that a web page cannot reach your drafts through DNS rebinding)\n",
            bound.port()
        ),
    )
}

/// Whether a request's `Host` names this server: `localhost` (or a name
/// under it), the bound address, or loopback when bound to loopback. When
/// bound to all interfaces (`--bind 0.0.0.0`), any IP address is accepted,
/// since the machine's addresses are not known here; names still are not.
/// DNS rebinding needs a name, so names are what is refused.
pub fn host_allowed(host: Option<&str>, bound: SocketAddr) -> bool {
    let Some(host) = host.map(str::trim).filter(|h| !h.is_empty()) else {
        return false;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inner, tail)) if tail.is_empty() || tail.starts_with(':') => inner,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    let Ok(ip) = name.parse::<IpAddr>() else {
        return false;
    };
    let bound_ip = bound.ip();
    bound_ip.is_unspecified() || ip == bound_ip || (ip.is_loopback() && bound_ip.is_loopback())
}

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

async fn site_file(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
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
        Lookup::File(rel) => static_file(&rel, &served.files[&rel], head, &headers),
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

/// A file found at its path: `ETag`, `If-None-Match` (304), `Range` (206
/// for one range, 416 for several or none satisfiable, as `ServeDir`
/// does), `If-Range`.
fn static_file(rel: &str, bytes: &Arc<[u8]>, head: bool, headers: &HeaderMap) -> Response {
    let etag = etag(bytes);
    let header_str = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if header_str(header::IF_NONE_MATCH).is_some_and(|list| etag_matches(list, &etag)) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response
            .headers_mut()
            .insert(header::ETAG, header_value(&etag));
        return response;
    }
    let range = header_str(header::RANGE)
        .filter(|_| header_str(header::IF_RANGE).is_none_or(|tag| tag.trim() == etag));
    let mut response = match range.map(|r| byte_range(r, bytes.len() as u64)) {
        None => file(StatusCode::OK, rel, bytes, head),
        Some(Ok(range)) => {
            let part: Arc<[u8]> = Arc::from(&bytes[range.start..range.end]);
            let mut response = file(StatusCode::PARTIAL_CONTENT, rel, &part, head);
            let content_range = format!("bytes {}-{}/{}", range.start, range.end - 1, bytes.len());
            response
                .headers_mut()
                .insert(header::CONTENT_RANGE, header_value(&content_range));
            response
        }
        Some(Err(why)) => {
            let mut response = text(
                StatusCode::RANGE_NOT_SATISFIABLE,
                format!("416 Range Not Satisfiable: {why}\n"),
            );
            let all = format!("bytes */{}", bytes.len());
            response
                .headers_mut()
                .insert(header::CONTENT_RANGE, header_value(&all));
            response
        }
    };
    let h = response.headers_mut();
    h.insert(header::ETAG, header_value(&etag));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    response
}

/// A strong validator: the bytes' 64-bit xxh3, quoted.
fn etag(bytes: &[u8]) -> String {
    format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// `If-None-Match`: `*`, or a list of tags compared weakly (RFC 9110 13.1.2).
pub fn etag_matches(list: &str, etag: &str) -> bool {
    list.split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

/// One byte range of a file of `len` bytes, as a half-open range; several
/// ranges, a malformed header or an unsatisfiable range are refused.
pub fn byte_range(header: &str, len: u64) -> Result<std::ops::Range<usize>, &'static str> {
    let ranges = http_range_header::parse_range_header(header)
        .map_err(|_| "malformed Range header")?
        .validate(len)
        .map_err(|_| "the range lies outside the file")?;
    match ranges.as_slice() {
        [one] => Ok(*one.start() as usize..*one.end() as usize + 1),
        _ => Err("several ranges in one request are not served"),
    }
}

fn header_value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""))
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
    fn hosts() {
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        let lan: SocketAddr = "192.168.1.5:1111".parse().unwrap();
        let any: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        for ok in [
            "localhost:1111",
            "LOCALHOST",
            "127.0.0.1:1111",
            "127.0.0.1",
            "[::1]:1111",
            "kb.localhost:1111",
            "localhost.:1111",
        ] {
            assert!(host_allowed(Some(ok), local), "{ok}");
        }
        for bad in [
            "evil.com",
            "evil.com:1111",
            "127.0.0.1.nip.io:1111",
            "192.168.1.5:1111",
            "",
            "localhost:x",
            "[::1]x",
            "localhost.evil.com",
        ] {
            assert!(!host_allowed(Some(bad), local), "{bad}");
        }
        assert!(!host_allowed(None, local));
        assert!(host_allowed(Some("192.168.1.5:1111"), lan));
        assert!(!host_allowed(Some("127.0.0.1:1111"), lan));
        assert!(host_allowed(Some("10.0.0.7:1111"), any));
        assert!(!host_allowed(Some("rebind.example:1111"), any));
    }

    #[test]
    fn ranges_and_etags() {
        assert_eq!(byte_range("bytes=0-3", 10), Ok(0..4));
        assert_eq!(byte_range("bytes=5-", 10), Ok(5..10));
        assert_eq!(byte_range("bytes=-2", 10), Ok(8..10));
        assert!(byte_range("bytes=0-1,4-5", 10).is_err());
        assert!(byte_range("bytes=20-30", 10).is_err());
        assert!(byte_range("lines=1-2", 10).is_err());
        let tag = etag(b"abc");
        assert!(etag_matches(&tag, &tag));
        assert!(etag_matches(&format!("\"x\", W/{tag}"), &tag));
        assert!(etag_matches("*", &tag));
        assert!(!etag_matches("\"other\"", &tag));
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

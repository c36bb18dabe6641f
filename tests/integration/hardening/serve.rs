//! Item 9: the preview server against a running `kurator serve`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::preview::Preview;
use crate::support::SiteTest;

/// A DNS-rebinding page reaches the server with its own name as `Host`.
#[test]
fn foreign_host_headers_are_refused() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/guide/secret.md",
        "---\ntitle: Secret draft\ndraft: true\n---\nUnreleased.\n",
    );
    let preview = Preview::start(site.root(), &["--drafts"]);
    let port = preview.port;
    let ok = preview.get("/guide/secret/", &[]);
    assert_eq!(ok.status, 200, "{ok:?}");
    for path in [
        "/guide/secret/",
        "/__kurator/files",
        "/__kurator/livereload.js",
    ] {
        for host in [
            format!("Host: attacker.example:{port}"),
            format!("Host: 127.0.0.1.nip.io:{port}"),
        ] {
            let r = preview.raw(&format!("GET {path} HTTP/1.1"), &[&host]);
            assert_eq!(r.status, 403, "{path} {host}: {r:?}");
            assert!(!r.text().contains("Unreleased"));
        }
    }
    let r = preview.raw("GET / HTTP/1.0", &[]);
    assert_eq!(r.status, 403, "no Host at all: {r:?}");
    let local = format!("Host: localhost:{port}");
    assert_eq!(preview.raw("GET / HTTP/1.1", &[&local]).status, 200);
}

/// Half-sent requests are closed after the header-read timeout; a server
/// without one held them open (500 for more than 35 s).
#[test]
fn half_open_connections_are_closed() {
    let site = SiteTest::fixture("minimal");
    let preview = Preview::start(site.root(), &[]);
    let start = Instant::now();
    let mut idle = Vec::new();
    for i in 0..50 {
        let mut stream = TcpStream::connect(("127.0.0.1", preview.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        if i % 2 == 0 {
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                .unwrap();
        }
        idle.push(stream);
    }
    // The server still answers others meanwhile.
    assert_eq!(preview.get("/", &[]).status, 200);
    for mut stream in idle {
        let mut buf = Vec::new();
        // Closed by the server: read returns (EOF, or a 408 then EOF).
        let _ = stream.read_to_end(&mut buf);
    }
    let held = start.elapsed();
    assert!(
        held < Duration::from_secs(20),
        "half-open connections held for {held:?}"
    );
    eprintln!("50 half-open connections closed after {held:?}");
}

#[test]
fn etag_if_none_match_and_range() {
    let site = SiteTest::fixture("minimal");
    site.write("static/big.txt", &"0123456789".repeat(100));
    let preview = Preview::start(site.root(), &[]);
    let full = preview.get("/big.txt", &[]);
    assert_eq!(full.status, 200);
    assert_eq!(full.header("accept-ranges"), Some("bytes"));
    let etag = full.header("etag").expect("an ETag").to_string();
    let again = preview.get("/big.txt", &[&format!("If-None-Match: {etag}")]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let changed = preview.get("/big.txt", &["If-None-Match: \"stale\""]);
    assert_eq!(changed.status, 200);

    let part = preview.get("/big.txt", &["Range: bytes=10-14"]);
    assert_eq!(part.status, 206);
    assert_eq!(part.text(), "01234");
    assert_eq!(part.header("content-range"), Some("bytes 10-14/1000"));
    assert_eq!(part.header("content-length"), Some("5"));
    let tail = preview.get("/big.txt", &["Range: bytes=-3"]);
    assert_eq!(tail.text(), "789");
    let beyond = preview.get("/big.txt", &["Range: bytes=5000-"]);
    assert_eq!(beyond.status, 416);
    assert_eq!(beyond.header("content-range"), Some("bytes */1000"));
    let several = preview.get("/big.txt", &["Range: bytes=0-1,5-6"]);
    assert_eq!(several.status, 416);
    // If-Range with an old tag: the whole file.
    let stale = preview.get("/big.txt", &["Range: bytes=0-1", "If-Range: \"old\""]);
    assert_eq!(stale.status, 200);
    assert_eq!(stale.body.len(), 1000);
    let fresh = preview.get(
        "/big.txt",
        &["Range: bytes=0-1", &format!("If-Range: {etag}")],
    );
    assert_eq!(fresh.status, 206);
}

//! `kurator serve` end to end: the built binary on a free port, a temp copy
//! of `tests/fixtures/serve-site`, plain HTTP over `TcpStream`. Every wait
//! is bounded (see `support::serve::EVENT_TIMEOUT`). Timing targets are measured by
//! `bench/serve-latency`, not here.

use crate::support::serve::{free_port, request, Server};
use crate::support::{self, SiteTest};
use kurator::output::MemorySite;
use kurator::pipeline;
use kurator::serve::rebuild::build_options;
use kurator::serve::INJECT;

const FIXTURE: &str = "serve-site";

#[test]
fn serves_pages_with_types_folders_404_head_and_405() {
    let site = SiteTest::fixture(FIXTURE);
    let server = Server::start(site.root(), free_port());

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-cache"));
    assert!(
        home.text().contains(INJECT),
        "the reload script is injected"
    );

    let page = server.get("/a/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Original text of page A."));

    let redirect = server.get("/a");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/a/"));

    let css = server.get("/site.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        missing.text().contains("</html>"),
        "the site's 404.html is served"
    );

    let head = request(server.port, "HEAD", "/a/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length").map(str::to_string),
        Some(page.body.len().to_string())
    );

    for method in ["POST", "PUT", "DELETE"] {
        let r = request(server.port, method, "/a/");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
    }

    let script = server.get("/__kurator/livereload.js");
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.text().contains("EventSource"));
    assert!(!script.text().contains("innerHTML"));

    // The preview never writes into the site folder.
    assert!(!site.root().join("public").exists());
}

#[test]
fn traversal_paths_are_refused() {
    let site = SiteTest::fixture(FIXTURE);
    std::fs::write(site.outside().join("secret.txt"), "TOP SECRET").unwrap();
    let server = Server::start(site.root(), free_port());
    let long = format!("/{}", "a/".repeat(3000));
    let paths = [
        "/../secret.txt",
        "/../../secret.txt",
        "/a/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/a%00.html",
        "/index.html%00",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/C:/Windows/win.ini",
        "/./index.html",
        long.as_str(),
    ];
    for path in paths {
        let r = request(server.port, "GET", path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(!r.text().contains("TOP SECRET"), "{path}");
    }
}

#[test]
fn an_edit_sends_reload_and_the_new_content() {
    let site = SiteTest::fixture(FIXTURE);
    let server = Server::start(site.root(), free_port());
    let mut events = server.events();
    site.write(
        "content/a.md",
        "---\ntitle: Page A\n---\n\nEdited text of page A.\n",
    );
    events.expect("reload");
    let page = server.get("/a/");
    assert!(
        page.text().contains("Edited text of page A."),
        "{}",
        page.text()
    );
    assert!(!page.text().contains("Original text"));
}

#[test]
fn a_bad_edit_sends_the_error_then_a_fix_recovers() {
    let site = SiteTest::fixture(FIXTURE);
    let mut server = Server::start(site.root(), free_port());
    let mut events = server.events();
    site.write(
        "content/a.md",
        "---\ntitle: Page A\ntags: [unclosed\n---\n\nBroken.\n",
    );
    let error = events.expect("error");
    assert!(error.data.contains("content/a.md:"), "{}", error.data);
    let after = error.data.split("content/a.md:").nth(1).unwrap();
    assert!(
        after.starts_with(|c: char| c.is_ascii_digit()),
        "file:line in {}",
        error.data
    );
    // The terminal prints the same text.
    let first_line = error.data.lines().next().unwrap().to_string();
    let stderr = server.wait_stderr(&first_line);
    assert!(stderr.contains(&first_line), "{stderr:?}");
    // The last good build is still served.
    assert!(server
        .get("/a/")
        .text()
        .contains("Original text of page A."));
    // A page opened now learns about the error as soon as it connects.
    let mut late = server.events();
    assert!(late.next().name == "error");

    site.write("content/a.md", "---\ntitle: Page A\n---\n\nFixed text.\n");
    events.expect("reload");
    late.expect("reload");
    assert!(server.get("/a/").text().contains("Fixed text."));
    server.wait_line("Rebuilt in", support::serve::EVENT_TIMEOUT);
}

#[test]
fn pages_and_folders_created_deleted_renamed_match_a_clean_build() {
    let site = SiteTest::fixture(FIXTURE);
    let server = Server::start(site.root(), free_port());
    let mut events = server.events();

    site.write("content/b.md", "---\ntitle: Page B\n---\n\nPage B text.\n");
    events.expect("reload");
    assert_eq!(server.get("/b/").status, 200);

    site.remove("content/b.md");
    events.expect("reload");
    assert_eq!(server.get("/b/").status, 404);

    site.write(
        "content/guide/_index.md",
        "---\ntitle: Guide\n---\n\nThe guide.\n",
    );
    site.write(
        "content/guide/step.md",
        "---\ntitle: Step\n---\n\nOne step.\n",
    );
    events.expect("reload");
    // Both files may arrive in one burst or two.
    let deadline = std::time::Instant::now() + support::serve::EVENT_TIMEOUT;
    while server.get("/guide/step/").status != 200 && std::time::Instant::now() < deadline {
        events.expect("reload");
    }
    assert_eq!(server.get("/guide/").status, 200);

    site.rename("content/guide", "content/manual");
    events.expect("reload");
    // A rename may come as a removal and a creation, each with its own
    // rebuild (seen once in four full runs, with the machine busy).
    let deadline = std::time::Instant::now() + support::serve::EVENT_TIMEOUT;
    while server.get("/manual/step/").status != 200 && std::time::Instant::now() < deadline {
        events.expect("reload");
    }
    assert_eq!(server.get("/manual/step/").status, 200);
    assert_eq!(server.get("/guide/step/").status, 404);

    site.write(
        "content/a.md",
        "---\ntitle: Page A, renamed\n---\n\nNew body.\n",
    );
    events.expect("reload");

    // After the edits, the served site is byte for byte a clean build.
    let clean = MemorySite::default();
    pipeline::build(&build_options(site.root(), false), &clean).unwrap();
    let clean = clean.snapshot();
    let served: Vec<String> = server
        .get("/__kurator/files")
        .text()
        .lines()
        .map(str::to_string)
        .collect();
    let expected: Vec<String> = clean.keys().cloned().collect();
    assert_eq!(served, expected);
    for (path, bytes) in &clean {
        let r = server.get(&format!("/{path}"));
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.body == bytes.as_ref(),
            "{path} differs from a clean build"
        );
    }
}

#[test]
fn a_css_change_swaps_the_stylesheet() {
    let site = SiteTest::fixture(FIXTURE);
    let server = Server::start(site.root(), free_port());
    let mut events = server.events();
    site.write("static/site.css", "body { color: navy; }\n");
    let css = events.expect("css");
    assert_eq!(css.data, r#"[["/site.css","/site.css"]]"#);
    assert!(server.get("/site.css").text().contains("navy"));
}

#[test]
fn a_second_server_takes_the_next_port() {
    let site = SiteTest::fixture(FIXTURE);
    let first = Server::start(site.root(), free_port());
    let mut second = Server::start(site.root(), first.port);
    assert_ne!(second.port, first.port);
    second.wait_line(
        &format!(
            "Port {} is taken; using {} instead.",
            first.port, second.port
        ),
        support::serve::START_TIMEOUT,
    );
    assert_eq!(first.get("/a/").status, 200);
    assert_eq!(second.get("/a/").status, 200);
}

#[test]
fn drafts_are_served_only_with_the_flag() {
    let site = SiteTest::fixture(FIXTURE);
    site.write(
        "content/wip.md",
        "---\ntitle: Work in progress\ndraft: true\n---\n\nNot yet.\n",
    );
    let plain = Server::start(site.root(), free_port());
    assert_eq!(plain.get("/wip/").status, 404);
    let drafts = Server::start_with(site.root(), free_port(), &["--drafts"]);
    assert!(drafts.get("/wip/").text().contains("Not yet."));
}

#[test]
fn binding_beyond_loopback_warns() {
    let site = SiteTest::fixture(FIXTURE);
    let server = Server::start_with(site.root(), free_port(), &["--bind", "0.0.0.0"]);
    server.wait_stderr("warning: serving on 0.0.0.0");
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn ctrl_c_stops_cleanly_and_leaves_no_files() {
    let site = SiteTest::fixture(FIXTURE);
    let before = listing(site.outside());
    let server = Server::start(site.root(), free_port());
    let _events = server.events();
    assert_eq!(server.get("/").status, 200);
    let (status, stderr) = server.interrupt();
    assert!(status.success(), "{status:?} {stderr:?}");
    assert!(!stderr.iter().any(|l| l.contains("panicked")), "{stderr:?}");
    assert_eq!(listing(site.outside()), before);
}

fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut all: Vec<String> = walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
        .collect();
    all.sort();
    all
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        out.push(entry.path());
        if entry.path().is_dir() {
            out.extend(walk(&entry.path()));
        }
    }
    out
}

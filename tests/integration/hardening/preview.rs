//! A running `kurator serve` for the hardening tests: a child process on a
//! free port, and raw HTTP requests with any headers (so a forged `Host` or
//! a half-sent request reaches the server as written).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

pub(super) struct Preview {
    child: Child,
    pub port: u16,
    pub stderr: Receiver<String>,
}

impl Preview {
    /// Starts `kurator serve` at `root` and waits until it listens.
    pub(super) fn start(root: &Path, args: &[&str]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kurator"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .arg("--port")
            .arg("0")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = lines(child.stdout.take().unwrap());
        let stderr = lines(child.stderr.take().unwrap());
        let deadline = Instant::now() + Duration::from_secs(60);
        let port = loop {
            let line = stdout
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("serve did not start");
            if let Some(rest) = line.split("http://").nth(1) {
                let addr = rest.split('/').next().unwrap();
                break addr.rsplit(':').next().unwrap().parse().unwrap();
            }
        };
        Preview {
            child,
            port,
            stderr,
        }
    }

    /// Every stderr line printed so far.
    pub(super) fn stderr_lines(&self) -> Vec<String> {
        self.stderr.try_iter().collect()
    }

    /// `GET path` with `Host: 127.0.0.1:PORT` and the extra header lines.
    pub(super) fn get(&self, path: &str, headers: &[&str]) -> Response {
        let host = format!("Host: 127.0.0.1:{}", self.port);
        let mut all = vec![host.as_str()];
        all.extend_from_slice(headers);
        self.raw(&format!("GET {path} HTTP/1.1"), &all)
    }

    /// A request line and exactly these header lines.
    pub(super) fn raw(&self, request_line: &str, headers: &[&str]) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut text = format!("{request_line}\r\n");
        for h in headers {
            text.push_str(h);
            text.push_str("\r\n");
        }
        text.push_str("Connection: close\r\n\r\n");
        stream.write_all(text.as_bytes()).unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        Response::parse(&raw)
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

pub(super) struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.text();
        let start: String = text.chars().take(300).collect();
        write!(f, "{} {:?} {start:?}", self.status, self.headers)
    }
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
            return Response {
                status: 0,
                headers: Vec::new(),
                body: raw.to_vec(),
            };
        };
        let head = String::from_utf8_lossy(&raw[..end]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: raw[end + 4..].to_vec(),
        }
    }

    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

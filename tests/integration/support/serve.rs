//! Helpers for the `serve` tests: the `kurator` binary started as a
//! server, and a dependency-free HTTP/1.1 client and server-sent-events
//! reader over `TcpStream`. The site is a `SiteTest`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Generous bounds: CI machines are slow, but nothing waits forever.
pub(crate) const START_TIMEOUT: Duration = Duration::from_secs(30);
pub(crate) const EVENT_TIMEOUT: Duration = Duration::from_secs(15);

/// A port that was free a moment ago.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `kurator serve` running as a child process.
pub(crate) struct Server {
    child: Child,
    pub port: u16,
    /// Every stdout line so far.
    pub lines: Vec<String>,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
}

impl Server {
    pub(crate) fn start(root: &Path, port: u16) -> Server {
        Server::start_with(root, port, &[])
    }

    /// Starts with extra arguments (`--drafts`, `--bind …`).
    pub(crate) fn start_with(root: &Path, port: u16, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kurator"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .arg("--port")
            .arg(port.to_string())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = lines(child.stdout.take().unwrap());
        let stderr = lines(child.stderr.take().unwrap());
        let mut server = Server {
            child,
            port: 0,
            lines: Vec::new(),
            stdout,
            stderr,
        };
        let line = server.wait_line("Serving the site at http://", START_TIMEOUT);
        let addr = line
            .split("http://")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap();
        server.port = addr.rsplit(':').next().unwrap().parse().unwrap();
        server
    }

    /// Waits for a stdout line containing `needle`.
    pub(crate) fn wait_line(&mut self, needle: &str, timeout: Duration) -> String {
        if let Some(l) = self.lines.iter().find(|l| l.contains(needle)) {
            return l.clone();
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) => {
                    self.lines.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "no line with {needle:?} in time; stdout so far: {:?}; stderr: {:?}",
                    self.lines,
                    self.stderr_now()
                ),
            }
        }
    }

    /// Stderr lines printed so far.
    pub(crate) fn stderr_now(&self) -> Vec<String> {
        self.stderr.try_iter().collect()
    }

    /// Waits for a stderr line containing `needle`; the lines read meanwhile.
    pub(crate) fn wait_stderr(&self, needle: &str) -> Vec<String> {
        let deadline = Instant::now() + EVENT_TIMEOUT;
        let mut seen = Vec::new();
        while let Ok(line) = self
            .stderr
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            let found = line.contains(needle);
            seen.push(line);
            if found {
                return seen;
            }
        }
        panic!("no stderr line with {needle:?} in time; got {seen:?}");
    }

    pub(crate) fn get(&self, path: &str) -> Response {
        request(self.port, "GET", path)
    }

    pub(crate) fn events(&self) -> Events {
        Events::connect(self.port)
    }

    /// Sends SIGINT (what Ctrl-C sends) and waits for the exit.
    pub(crate) fn interrupt(mut self) -> (std::process::ExitStatus, Vec<String>) {
        let status = self.stop();
        let mut err = self.stderr_now();
        let deadline = Instant::now() + Duration::from_secs(2);
        while let Ok(line) = self
            .stderr
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            err.push(line);
        }
        (status.expect("the server did not stop on SIGINT"), err)
    }

    fn stop(&mut self) -> Option<std::process::ExitStatus> {
        let _ = Command::new("kill")
            .arg("-INT")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

fn lines(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
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

/// An HTTP response, read whole.
#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `method path` as it is (no normalisation, so traversal attempts
/// reach the server untouched) and reads the whole response.
pub(crate) fn request(port: u16, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse_response(&raw, method == "HEAD")
}

fn parse_response(raw: &[u8], head: bool) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no end of headers");
    let head_text = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head_text.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let body = if head {
        rest.to_vec()
    } else if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&rest[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        body.extend_from_slice(&rest[eol + 2..eol + 2 + size]);
        rest = &rest[eol + 2 + size + 2..];
    }
    body
}

/// One server-sent event.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub name: String,
    pub data: String,
}

/// A connection to `/__kurator/events`, parsed on a thread.
pub(crate) struct Events {
    events: Receiver<Event>,
}

impl Events {
    pub(crate) fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        // HTTP/1.0: the body is the stream until close, not chunked.
        write!(stream, "GET /__kurator/events HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(stream);
            let (mut name, mut data, mut in_body) = (String::new(), Vec::<String>::new(), false);
            for line in reader.lines() {
                let Ok(line) = line else { break };
                if !in_body {
                    in_body = line.is_empty();
                    continue;
                }
                if line.is_empty() {
                    if !name.is_empty() || !data.is_empty() {
                        let event = Event {
                            name: std::mem::take(&mut name),
                            data: data.join("\n"),
                        };
                        data.clear();
                        if tx.send(event).is_err() {
                            break;
                        }
                    }
                } else if let Some(v) = line.strip_prefix("event:") {
                    name = v.trim_start().to_string();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push(v.strip_prefix(' ').unwrap_or(v).to_string());
                }
            }
        });
        let mut events = Events { events: rx };
        events.expect("hello");
        events
    }

    /// The next event named `name`, skipping others; panics on timeout.
    pub(crate) fn expect(&mut self, name: &str) -> Event {
        let deadline = Instant::now() + EVENT_TIMEOUT;
        loop {
            match self
                .events
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(e) if e.name == name => return e,
                Ok(_) => {}
                Err(_) => panic!("no `{name}` event in time"),
            }
        }
    }

    /// The next event of any name; panics on timeout.
    pub(crate) fn next(&mut self) -> Event {
        self.events
            .recv_timeout(EVENT_TIMEOUT)
            .expect("no event in time")
    }
}

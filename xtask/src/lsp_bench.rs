//! The language server, timed as an editor meets it: from spawning `scs lsp` to the first
//! diagnostics of an opened document (the initial load), and from each `didChange` to the
//! `publishDiagnostics` it causes (the changes alternate between adding and removing a broken
//! link, so every one changes the diagnostics). Measured from the client side, so each figure
//! includes the pipe: an upper bound of the server-side time.

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// What one workspace gave.
pub struct LspTimes {
    pub name: String,
    pub documents: usize,
    pub initial: Duration,
    pub changes: Vec<Duration>,
}

impl LspTimes {
    pub fn median(&self) -> Duration {
        let mut sorted = self.changes.clone();
        sorted.sort();
        sorted.get(sorted.len() / 2).copied().unwrap_or_default()
    }
}

pub(crate) struct Pipe {
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Pipe {
    pub(crate) fn send(&mut self, message: &Value) -> Result<(), String> {
        let message: lsp_server::Message = serde_json::from_value(message.clone()).map_err(|e| e.to_string())?;
        let mut bytes = Vec::new();
        message.write(&mut bytes).map_err(|e| e.to_string())?;
        self.send_bytes(&bytes)
    }

    /// Sends an already framed message, so that timing it measures only the pipe.
    pub(crate) fn send_bytes(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.stdin.write_all(bytes).map_err(|e| e.to_string())?;
        self.stdin.flush().map_err(|e| e.to_string())
    }

    /// The next message, read as lsp-server reads one.
    pub(crate) fn receive(&mut self) -> Result<Value, String> {
        let message = lsp_server::Message::read(&mut self.stdout)
            .map_err(|e| e.to_string())?
            .ok_or("the server closed its output")?;
        serde_json::to_value(message).map_err(|e| e.to_string())
    }

    /// Waits for the diagnostics of `uri`.
    pub(crate) fn published(&mut self, uri: &str) -> Result<(), String> {
        loop {
            let message = self.receive()?;
            if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri {
                return Ok(());
            }
        }
    }
}

/// Times `scs lsp` on the repository at `root`, editing `document` (`changes` times).
pub fn measure(scs: &Path, name: &str, root: &Path, document: &Path, changes: usize) -> Result<LspTimes, String> {
    let documents = std::fs::read_dir(root.join("Standards"))
        .map(|d| d.flatten().filter(|e| e.file_name().to_string_lossy().starts_with("scs-")).count())
        .unwrap_or(0);
    let root = std::fs::canonicalize(root).map_err(|e| e.to_string())?;
    let document = std::fs::canonicalize(document).map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(&document).map_err(|e| e.to_string())?;
    let uri = format!("file://{}", document.display());
    let start = Instant::now();
    let mut server = Server::start(scs, &root)?;
    let pipe = &mut server.pipe;
    pipe.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}))?;
    pipe.published(&uri)?;
    let initial = start.elapsed();
    let broken = format!("{text}\n[gone](scs-9999-v1-gone.md)\n");
    let mut times = Vec::with_capacity(changes);
    for i in 0..changes {
        let body = if i % 2 == 0 { &broken } else { &text };
        let params = json!({"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": body}]});
        let mut message = Vec::new();
        lsp_server::Message::Notification(lsp_server::Notification::new("textDocument/didChange".into(), params))
            .write(&mut message)
            .map_err(|e| e.to_string())?;
        let sent = Instant::now();
        pipe.send_bytes(&message)?;
        pipe.published(&uri)?;
        times.push(sent.elapsed());
    }
    server.stop();
    Ok(LspTimes { name: name.to_owned(), documents, initial, changes: times })
}

/// A running `scs lsp`, initialized on a repository.
pub(crate) struct Server {
    pub(crate) pipe: Pipe,
    child: std::process::Child,
    next_id: i32,
}

impl Server {
    pub(crate) fn start(scs: &Path, root: &Path) -> Result<Self, String> {
        let root = std::fs::canonicalize(root).map_err(|e| e.to_string())?;
        let mut child = Command::new(scs)
            .arg("lsp")
            .current_dir(&root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run scs lsp: {e}"))?;
        let mut pipe = Pipe {
            stdin: child.stdin.take().ok_or("no stdin")?,
            stdout: BufReader::new(child.stdout.take().ok_or("no stdout")?),
        };
        let root_uri = format!("file://{}", root.display());
        pipe.send(&json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"processId": null, "rootUri": root_uri, "capabilities": {}}}))?;
        while pipe.receive()?["id"] != 0 {}
        pipe.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))?;
        Ok(Self { pipe, child, next_id: 1 })
    }

    /// Sends a notification.
    pub(crate) fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.pipe.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// The time from sending a request until its answer.
    pub(crate) fn time(&mut self, method: &str, params: Value) -> Result<Duration, String> {
        self.next_id += 1;
        let id = self.next_id;
        let request = lsp_server::Message::Request(lsp_server::Request::new(id.into(), method.into(), params));
        let mut bytes = Vec::new();
        request.write(&mut bytes).map_err(|e| e.to_string())?;
        let sent = Instant::now();
        self.pipe.send_bytes(&bytes)?;
        loop {
            let message = self.pipe.receive()?;
            if message["id"] == id {
                if message.get("error").is_some_and(|e| !e.is_null()) {
                    return Err(format!("{method} failed: {}", message["error"]));
                }
                return Ok(sent.elapsed());
            }
        }
    }

    pub(crate) fn stop(mut self) {
        let _ = self.pipe.send(&json!({"jsonrpc": "2.0", "id": 999_999, "method": "shutdown", "params": null}));
        let _ = self.pipe.send(&json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
        let _ = self.child.wait();
    }
}

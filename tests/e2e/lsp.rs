//! `scs lsp` end to end: the real binary driven over stdio with JSON-RPC framing, as an editor
//! drives it.

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{GOOD, Repo};

const WAIT: Duration = Duration::from_secs(30);

/// An editor's side of the connection.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests received while waiting for something else.
    pub seen: Vec<Value>,
}

impl Client {
    /// Starts `scs lsp` for the repository at `root` and initializes it with `capabilities`.
    pub fn start(root: &Path, capabilities: Value) -> (Self, Value) {
        Self::start_with(root, capabilities, Value::Null)
    }

    /// [`Client::start`] with `initializationOptions`.
    pub fn start_with(root: &Path, capabilities: Value, options: Value) -> (Self, Value) {
        let mut client = Self::spawn(root);
        let result = client.initialize(root, capabilities, options);
        (client, result)
    }

    /// Sends `initialize` (and `initialized`) for the repository at `root`.
    pub fn initialize(&mut self, root: &Path, capabilities: Value, options: Value) -> Value {
        let root_uri = uri(root);
        let result = self.request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "capabilities": capabilities,
                   "initializationOptions": options,
                   "workspaceFolders": [{"uri": root_uri, "name": "standards"}]}),
        );
        self.notify("initialized", json!({}));
        result
    }

    /// Starts `scs lsp` in `root` without initializing it.
    pub fn spawn(root: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scs"))
            .arg("lsp")
            .env("SCS_LSP_CRASH_FOR_TESTS", "1")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("scs lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        // The server's output is framed by the transport's reader; every message must be one
        // lsp-server can type, but for JSON-RPC's error answer with `"id": null` (to input that
        // had no readable id), which it cannot represent. The tests see the message as it came
        // (so that they can check `"jsonrpc"`, which the typed form drops).
        std::thread::spawn(move || {
            let mut frames = scs_lsp::transport::FrameReader::new(BufReader::new(stdout), u64::MAX);
            while let Ok(scs_lsp::transport::Frame::Body(body)) = frames.next_frame() {
                let value = serde_json::from_slice::<Value>(&body).expect("the server writes JSON");
                if value.get("id") == Some(&Value::Null) {
                    assert!(value.get("error").is_some(), "only an error answers without an id: {value}");
                } else if let Err(e) = serde_json::from_value::<lsp_server::Message>(value.clone()) {
                    panic!("not an LSP message ({e}): {value}");
                }
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Self { child, stdin: Some(stdin), messages, next_id: 1, seen: Vec::new() }
    }

    /// Sends a JSON-RPC message, framed and checked by lsp-server (a message it cannot type
    /// is a mistake of the test; malformed input is sent with [`Client::send_raw`]).
    pub fn send(&mut self, message: &Value) {
        let message: lsp_server::Message = serde_json::from_value(message.clone()).expect("a JSON-RPC message");
        let mut bytes = Vec::new();
        message.write(&mut bytes).expect("framed");
        self.send_raw(&bytes);
    }

    /// Writes `bytes` as they are: framing is the caller's.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("input still open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    /// Ends the server's input (as an editor that quits does) and returns its exit code.
    pub fn close_input(mut self) -> Option<i32> {
        self.stdin = None;
        self.exit_code()
    }

    fn exit_code(&mut self) -> Option<i32> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The next message that `matches`, keeping the others in `seen`.
    pub fn wait(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.messages.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(m) if matches(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no answer within {WAIT:?}; seen {:#?}", self.seen),
                Err(RecvTimeoutError::Disconnected) => panic!("the server went away; seen {:#?}", self.seen),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.seen.iter().position(|m| is_publish(m, uri)) {
            let m = self.seen.remove(i);
            return m["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
        }
        let m = self.wait(|m| is_publish(m, uri));
        m["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// `shutdown`, then `exit`; the server's exit code.
    pub fn stop(mut self) -> Option<i32> {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_publish(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

/// The `file:` URI of a path (as an editor writes it).
pub fn uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::from("file://");
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn doc_uri(repo: &Repo, name: &str) -> String {
    uri(&repo.path().join("Standards").join(name))
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or_default().to_owned()).collect()
}

const V1: &str = "---\ntitle: Flavors\ntype: Standard\nstatus: Deprecated\ntrack: IaaS\nstabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\nreplaced_by:\n  - scs-0100-v2-flavors.md\n---\n\n## Introduction\n\n## Motivation\n\n## Flavors\n\n## Conformance Tests\n";
const V2: &str = "---\ntitle: Flavors\ntype: Standard\nstatus: Stable\ntrack: IaaS\nstabilized_at: 2025-01-01\nreplaces:\n  - scs-0100-v1-flavors.md\n---\n\n## Introduction\n\nSee [v1](scs-0100-v1-flavors.md#motivation) and https://docs.scs.community/standards/scs-0100-v1-flavors.\n\n## Motivation\n\n## Flavors\n\n## Conformance Tests\n";

fn repo() -> Repo {
    Repo::new().doc("scs-0100-v1-flavors.md", V1).doc("scs-0100-v2-flavors.md", V2).doc("scs-0101-v1-good.md", GOOD)
}

#[test]
fn lifecycle_errors_and_robustness() {
    let repo = repo();
    let (mut client, init) = Client::start(repo.path(), json!({}));
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "UTF-16 when the client offers nothing");
    assert_eq!(init["result"]["serverInfo"]["name"], "scs");
    let unknown = client.request("textDocument/unknownThing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad = client.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    // A file outside the repository gets an empty answer.
    let outside = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": "file:///etc/passwd"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(outside["result"], Value::Null, "{outside}");
    // Malformed notifications are ignored and the server goes on.
    client.notify("textDocument/didOpen", json!({"nonsense": true}));
    client.notify("textDocument/didChange", json!(null));
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": doc_uri(&repo, "scs-0101-v1-good.md")}}),
    );
    assert_eq!(symbols["result"][0]["name"], "Introduction", "{symbols}");
    assert_eq!(client.stop(), Some(0));

    // A folder that is no SCS repository is served, empty, and answers nothing.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let (mut client, init) = Client::start(elsewhere.path(), json!({}));
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    let file = uri(&elsewhere.path().join("notes.md"));
    client.open(&file, "# notes\n");
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": file}}));
    assert_eq!(symbols["result"], Value::Null);
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn an_edit_that_breaks_replaces_shows_on_both_documents_and_the_quick_fix_restores_them() {
    let repo = repo();
    let (mut client, _) = Client::start(repo.path(), json!({}));
    let (v1, v2) = (doc_uri(&repo, "scs-0100-v1-flavors.md"), doc_uri(&repo, "scs-0100-v2-flavors.md"));
    client.open(&v1, V1);
    assert_eq!(client.diagnostics(&v1), Vec::<Value>::new());
    client.open(&v2, V2);
    assert_eq!(client.diagnostics(&v2), Vec::<Value>::new());
    // v2 stops naming v1 in a list: a string instead (fixable) naming another file.
    let broken = V2.replace("replaces:\n  - scs-0100-v1-flavors.md", "replaces: scs-0100-v1-flavor.md");
    client.change(&v2, 2, &broken);
    let on_v2 = client.diagnostics(&v2);
    let on_v1 = client.diagnostics(&v1);
    assert!(codes(&on_v1).contains(&"replacement-asymmetry".to_owned()), "{on_v1:#?}");
    assert!(codes(&on_v2).contains(&"replacement-asymmetry".to_owned()), "{on_v2:#?}");
    let not_list = on_v2.iter().find(|d| d["code"] == "replaces-not-list").expect("replaces-not-list");
    assert_eq!((not_list["source"].as_str(), not_list["severity"].as_i64()), (Some("scs"), Some(2)));
    // The quick fix is exactly the edit --fix writes.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": v2}, "range": not_list["range"], "context": {"diagnostics": [not_list]}}),
    );
    let fix = actions["result"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a quick fix")
        .clone();
    let edits = fix["edit"]["changes"][&v2].as_array().expect("edits").clone();
    let fixed = apply(&broken, &edits);
    assert!(fixed.contains("replaces:\n  - scs-0100-v1-flavor.md"), "{fixed}");
    let by_fix = Repo::new().doc("scs-0100-v2-flavors.md", &broken);
    crate::support::scs(&["check", "--fix", "--select", "replaces-not-list"], by_fix.path());
    let written = std::fs::read_to_string(by_fix.path().join("Standards/scs-0100-v2-flavors.md")).expect("fixed");
    assert_eq!(fixed, written, "the quick fix is the edit --fix writes");
    // Then the typo in the name: back to the original, and both documents are clean again.
    client.change(&v2, 3, &fixed.replace("scs-0100-v1-flavor.md", "scs-0100-v1-flavors.md"));
    assert_eq!(client.diagnostics(&v2), Vec::<Value>::new());
    assert_eq!(client.diagnostics(&v1), Vec::<Value>::new());
    // Closing clears a document's diagnostics.
    client.change(&v2, 4, &broken);
    let _ = client.diagnostics(&v2);
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": v2}}));
    assert_eq!(client.diagnostics(&v2), Vec::<Value>::new());
    assert_eq!(client.stop(), Some(0));
}

/// Applies LSP text edits (UTF-16 positions, no edit spanning lines here but the whole
/// document) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let (line, character) =
            (p["line"].as_u64().unwrap_or(0) as usize, p["character"].as_u64().unwrap_or(0) as usize);
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let rest = &text[start..];
        let mut units = 0;
        for (i, c) in rest.char_indices() {
            if units >= character {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

#[test]
fn positions_in_each_encoding_with_an_emoji_before_the_finding() {
    let text = "---\ntitle: Flavors\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n\n## Introduction\n\n🦀 [x](scs-0100-v9-gone.md)\n";
    let repo = Repo::new().doc("scs-0100-v1-a.md", text);
    let uri = doc_uri(&repo, "scs-0100-v1-a.md");
    for (offered, expected) in [
        (json!(["utf-8"]), ("utf-8", 5)),
        (json!(["utf-16"]), ("utf-16", 3)),
        (json!(["utf-32"]), ("utf-32", 2)),
        (json!([]), ("utf-16", 3)),
    ] {
        let (mut client, init) = Client::start(repo.path(), json!({"general": {"positionEncodings": offered}}));
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], expected.0);
        client.open(&uri, text);
        let diagnostics = client.diagnostics(&uri);
        let link = diagnostics.iter().find(|d| d["code"] == "broken-link").expect("broken-link");
        assert_eq!(link["range"]["start"], json!({"line": 9, "character": expected.1}), "{offered}");
        client.stop();
    }
}

#[test]
fn diagnostics_link_to_the_rule_documentation_when_configured() {
    let repo = repo();
    let options = json!({"ruleDocsUrl": "https://docs.example/rules/{rule}"});
    let (mut client, _) = Client::start_with(repo.path(), json!({}), options);
    let uri = doc_uri(&repo, "scs-0101-v1-good.md");
    client.open(&uri, &format!("{GOOD}\n[gone](scs-0199-v1-gone.md)\n"));
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(diagnostics[0]["codeDescription"]["href"], "https://docs.example/rules/broken-link", "{diagnostics:#?}");
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn navigation_hover_links_and_symbols() {
    let repo = repo();
    std::fs::create_dir_all(repo.path().join("Tests")).expect("mkdir");
    std::fs::write(
        repo.path().join("Tests/scs-compatible-x.yaml"),
        "name: X\nurl: https://example.org/x.yaml\nmodules:\n  - id: flavors\n    name: Flavors\n    url: https://docs.scs.community/standards/scs-0100-v2-flavors\nversions:\n  - version: v1\n    include: [flavors]\n",
    )
    .expect("scope");
    let (mut client, _) = Client::start(repo.path(), json!({}));
    let (v1, v2) = (doc_uri(&repo, "scs-0100-v1-flavors.md"), doc_uri(&repo, "scs-0100-v2-flavors.md"));
    client.open(&v2, V2);
    let at = |line: u32, character: u32| json!({"textDocument": {"uri": v2}, "position": {"line": line, "character": character}});
    // definition on a `replaces` entry, and on a link with a fragment (to its heading)
    let entry = client.request("textDocument/definition", at(7, 6));
    assert_eq!(entry["result"]["uri"], v1, "{entry}");
    let link = client.request("textDocument/definition", at(12, 6));
    assert_eq!(link["result"]["uri"], v1);
    assert_eq!(link["result"]["range"]["start"]["line"], 13, "the Motivation heading of v1: {link}");
    // hover: title, type, track, status, state, replaced_by
    let hover = client.request("textDocument/hover", at(7, 6));
    let text = hover["result"]["contents"]["value"].as_str().unwrap_or_default().to_owned();
    for part in [
        "**Flavors**",
        "Standard",
        "track IaaS",
        "status Deprecated",
        "deprecated today",
        "replaced by `scs-0100-v2-flavors.md`",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    // references to v2: v1's replaced_by, and the scope's module url
    let refs = client.request("textDocument/references", json!({"textDocument": {"uri": v1}, "position": {"line": 8, "character": 6}, "context": {"includeDeclaration": false}}));
    let places: Vec<String> = refs["result"]
        .as_array()
        .expect("list")
        .iter()
        .map(|l| l["uri"].as_str().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_owned())
        .collect();
    assert!(
        places.contains(&"scs-0100-v1-flavors.md".to_owned()) && places.contains(&"scs-compatible-x.yaml".to_owned()),
        "{places:?}"
    );
    // document links: the docs-site URL, not the relative link
    let links = client.request("textDocument/documentLink", json!({"textDocument": {"uri": v2}}));
    let links = links["result"].as_array().expect("links");
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0]["target"], v1);
    // a certificate scope: its diagnostics, and definition from a module's url
    let scope = uri(&repo.path().join("Tests/scs-compatible-x.yaml"));
    let scope_text = std::fs::read_to_string(repo.path().join("Tests/scs-compatible-x.yaml")).expect("scope");
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": scope, "languageId": "yaml", "version": 1, "text": scope_text.replace("include: [flavors]", "include: [flavours]")}}));
    let on_scope = client.diagnostics(&scope);
    assert!(codes(&on_scope).contains(&"scope-unknown-module".to_owned()), "{on_scope:#?}");
    let from_url = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": scope}, "position": {"line": 5, "character": 20}}),
    );
    assert_eq!(from_url["result"]["uri"], v2, "{from_url}");
    // symbols: the headings
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": v2}}));
    let names: Vec<&str> =
        symbols["result"].as_array().expect("symbols").iter().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names, ["Introduction", "Motivation", "Flavors", "Conformance Tests"]);
    client.stop();
}

#[test]
fn completion_of_values_keys_names_and_anchors() {
    let repo = repo();
    let (mut client, _) = Client::start(repo.path(), json!({}));
    let uri = doc_uri(&repo, "scs-0101-v1-good.md");
    let text = "---\ntitle: Good\ntype: Procedural\nstatus: \ntrack: IaaS\nsta\nreplaces:\n  - \n---\n\nSee [x](scs-0100-v1-flavors.md#) and [y](\n";
    client.open(&uri, text);
    let labels = |client: &mut Client, line: u32, character: u32| -> Vec<String> {
        let answer = client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        );
        answer["result"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|i| i["label"].as_str().map(str::to_owned))
            .collect()
    };
    assert_eq!(labels(&mut client, 3, 8), ["Draft", "Stable", "Deprecated", "Rejected"]);
    assert!(labels(&mut client, 5, 3).contains(&"stabilized_at".to_owned()));
    assert!(labels(&mut client, 7, 4).contains(&"scs-0100-v2-flavors.md".to_owned()));
    assert_eq!(labels(&mut client, 10, 31), ["introduction", "motivation", "flavors", "conformance-tests"]);
    assert!(labels(&mut client, 10, 41).contains(&"scs-0100-v1-flavors.md".to_owned()));
    client.stop();
}

#[test]
fn ignore_here_fix_all_and_files_changed_outside_the_editor() {
    let repo = repo();
    let (mut client, _) =
        Client::start(repo.path(), json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}));
    let registration = client.wait(|m| m["method"] == "client/registerCapability");
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(
        watchers,
        &json!([{"globPattern": "**/Standards/**"}, {"globPattern": "**/Tests/**"},
                {"globPattern": "**/scs.toml"}, {"globPattern": "**/.scs.toml"}])
    );
    let uri = doc_uri(&repo, "scs-0101-v1-good.md");
    let text = GOOD.replace("status: Stable", "status: Proposal") + "\n[gone](scs-0199-v1-gone.md)\n";
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["obsolete-status", "date-status-mismatch", "broken-link"].map(str::to_owned));
    // "ignore here" on the broken link inserts a comment with a reason to fill in.
    let link = diagnostics.iter().find(|d| d["code"] == "broken-link").expect("link").clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": link["range"], "context": {"diagnostics": [link]}}),
    );
    let ignore = actions["result"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with("Ignore broken-link")))
        .expect("ignore")
        .clone();
    let ignored = apply(&text, ignore["edit"]["changes"][&uri].as_array().expect("edits"));
    assert!(ignored.contains("<!-- scs-ignore broken-link: reason -->\n[gone]"), "{ignored}");
    // fix all: what --fix writes
    let all = client.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.scs"]}}));
    let fixed = apply(&text, all["result"][0]["edit"]["changes"][&uri].as_array().expect("edits"));
    assert!(fixed.contains("status: Draft"), "{fixed}");
    // A file changed on disk (a checkout): the open document's findings follow.
    let v2 = doc_uri(&repo, "scs-0100-v2-flavors.md");
    client.open(&v2, V2);
    let _ = client.diagnostics(&v2);
    std::fs::write(
        repo.path().join("Standards/scs-0100-v1-flavors.md"),
        V1.replace("replaced_by:\n  - scs-0100-v2-flavors.md\n", ""),
    )
    .expect("write");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": doc_uri(&repo, "scs-0100-v1-flavors.md"), "type": 2}]}),
    );
    let on_v2 = client.diagnostics(&v2);
    assert!(codes(&on_v2).contains(&"replacement-asymmetry".to_owned()), "{on_v2:#?}");
    client.stop();
}

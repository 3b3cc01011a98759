//! The language server's handlers, in process: `serve` runs on one end of
//! `lsp_server::Connection::memory()`, a typed client on the other. Each test names exactly
//! what a handler answers (labels, ranges, edits), so that a changed answer fails here.

use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidOpenTextDocument, Exit, Initialized, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentLinkRequest, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    Initialize, References, Request as _, Shutdown,
};
use lsp_types::{
    ClientCapabilities, CodeActionContext, CodeActionKind, CodeActionOrCommand, CodeActionParams, CompletionItem,
    CompletionParams, CompletionResponse, Diagnostic, DidChangeTextDocumentParams, DidOpenTextDocumentParams,
    DocumentLinkParams, DocumentSymbolParams, DocumentSymbolResponse, GeneralClientCapabilities, GotoDefinitionParams,
    GotoDefinitionResponse, HoverContents, HoverParams, InitializeParams, InitializedParams, Location, Position,
    PositionEncodingKind, Range, ReferenceContext, ReferenceParams, TextDocumentContentChangeEvent,
    TextDocumentIdentifier, TextDocumentItem, TextDocumentPositionParams, TextEdit, Uri,
    VersionedTextDocumentIdentifier, WorkspaceFolder,
};
use scs_lsp::workspace::path_to_uri;

const WAIT: Duration = Duration::from_secs(30);

const V1: &str = "---\ntitle: Flavors\ntype: Standard\nstatus: Deprecated\ntrack: IaaS\nstabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\nreplaced_by:\n  - scs-0100-v2-flavors.md\n---\n\n## Introduction\n\n## Motivation\n\n## Flavors\n\n## Conformance Tests\n";
const V2: &str = "---\ntitle: Flavors v2\ntype: Standard\nstatus: Stable\ntrack: IaaS\nstabilized_at: 2025-01-01\nreplaces:\n  - scs-0100-v1-flavors.md\n---\n\n## Introduction\n\nSee [v1](scs-0100-v1-flavors.md#motivation) and https://docs.scs.community/standards/scs-0100-v1-flavors.\n\n## Motivation\n\n## Flavors\n\n## Conformance Tests\n";
const GOOD: &str = "---\ntitle: Good\ntype: Procedural\nstatus: Stable\ntrack: IaaS\nstabilized_at: 2024-01-01\n---\n\n## Introduction\n";
const SCOPE: &str = "name: X\nurl: https://example.org/x.yaml\nmodules:\n  - id: flavors\n    name: Flavors\n    url: https://docs.scs.community/standards/scs-0100-v2-flavors\nversions:\n  - version: v1\n    include: [flavors]\n";

/// A repository on disk: V1, V2, GOOD and a certificate scope naming V2.
struct Repo(tempfile::TempDir);

impl Repo {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("Standards")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("Tests")).expect("mkdir");
        for (name, text) in
            [("scs-0100-v1-flavors.md", V1), ("scs-0100-v2-flavors.md", V2), ("scs-0101-v1-good.md", GOOD)]
        {
            std::fs::write(dir.path().join("Standards").join(name), text).expect("write");
        }
        std::fs::write(dir.path().join("Tests/scs-compatible-x.yaml"), SCOPE).expect("scope");
        Self(dir)
    }

    fn root(&self) -> std::path::PathBuf {
        std::fs::canonicalize(self.0.path()).expect("root")
    }

    fn uri(&self, rel: &str) -> Uri {
        path_to_uri(&self.root().join(rel)).expect("a file URI")
    }

    fn doc(&self, name: &str) -> Uri {
        self.uri(&format!("Standards/{name}"))
    }
}

/// The editor's end of an in-memory connection to a server running in a thread.
struct Client {
    connection: Connection,
    server: Option<JoinHandle<scs_lsp::Exit>>,
    next_id: i32,
    /// Notifications received while waiting for something else.
    seen: Vec<Notification>,
}

impl Client {
    /// Starts the server and initializes it for `root`, offering `encodings`.
    fn start(root: &Path, encodings: Option<Vec<PositionEncodingKind>>) -> (Self, lsp_types::InitializeResult) {
        let (server, connection) = Connection::memory();
        let handle = std::thread::spawn(move || scs_lsp::serve(&server));
        let mut client = Self { connection, server: Some(handle), next_id: 0, seen: Vec::new() };
        let uri = path_to_uri(root).expect("root URI");
        let params = InitializeParams {
            capabilities: ClientCapabilities {
                general: Some(GeneralClientCapabilities { position_encodings: encodings, ..Default::default() }),
                ..Default::default()
            },
            workspace_folders: Some(vec![WorkspaceFolder { uri, name: "standards".into() }]),
            ..Default::default()
        };
        let result = client.request::<Initialize>(params);
        client.notify::<Initialized>(InitializedParams {});
        (client, result)
    }

    fn notify<N: lsp_types::notification::Notification>(&mut self, params: N::Params) {
        let note = Notification::new(N::METHOD.into(), params);
        self.connection.sender.send(Message::Notification(note)).expect("the server listens");
    }

    /// The whole response to a request.
    fn respond<R: lsp_types::request::Request>(&mut self, params: R::Params) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), R::METHOD.into(), params);
        self.connection.sender.send(Message::Request(request)).expect("the server listens");
        loop {
            match self.connection.receiver.recv_timeout(WAIT).expect("an answer in time") {
                Message::Response(response) if response.id == id => return response,
                Message::Notification(note) => self.seen.push(note),
                _ => {}
            }
        }
    }

    /// The result of a request, typed; an error answer fails the test.
    fn request<R: lsp_types::request::Request>(&mut self, params: R::Params) -> R::Result {
        let response = self.respond::<R>(params);
        match response.response_result {
            Ok(result) => serde_json::from_value(result).expect("a result of the declared type"),
            Err(error) => panic!("{} failed: {error:?}", R::METHOD),
        }
    }

    fn open(&mut self, uri: &Uri, text: &str) {
        self.notify::<DidOpenTextDocument>(DidOpenTextDocumentParams {
            text_document: TextDocumentItem::new(uri.clone(), "markdown".into(), 1, text.into()),
        });
    }

    fn change(&mut self, uri: &Uri, version: i32, text: &str) {
        self.notify::<DidChangeTextDocument>(DidChangeTextDocumentParams {
            text_document: VersionedTextDocumentIdentifier::new(uri.clone(), version),
            content_changes: vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: text.into(),
            }],
        });
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &Uri) -> Vec<Diagnostic> {
        let is_for = |note: &Notification| {
            note.method == PublishDiagnostics::METHOD && note.params["uri"].as_str() == Some(uri.as_str())
        };
        let note = match self.seen.iter().position(is_for) {
            Some(i) => self.seen.remove(i),
            None => loop {
                match self.connection.receiver.recv_timeout(WAIT).expect("diagnostics in time") {
                    Message::Notification(note) if is_for(&note) => break note,
                    Message::Notification(note) => self.seen.push(note),
                    _ => {}
                }
            },
        };
        let params: lsp_types::PublishDiagnosticsParams = serde_json::from_value(note.params).expect("typed");
        params.diagnostics
    }

    /// `shutdown`, then `exit`: how the server ended.
    fn stop(mut self) -> scs_lsp::Exit {
        self.request::<Shutdown>(());
        self.notify::<Exit>(());
        self.server.take().expect("running").join().expect("the server thread ends")
    }

    fn at(uri: &Uri, line: u32, character: u32) -> TextDocumentPositionParams {
        TextDocumentPositionParams::new(TextDocumentIdentifier::new(uri.clone()), Position::new(line, character))
    }

    fn complete(&mut self, uri: &Uri, line: u32, character: u32) -> Option<Vec<CompletionItem>> {
        let params = CompletionParams {
            text_document_position: Self::at(uri, line, character),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: None,
        };
        self.request::<Completion>(params).map(|r| match r {
            CompletionResponse::Array(items) => items,
            CompletionResponse::List(list) => list.items,
        })
    }

    fn labels(&mut self, uri: &Uri, line: u32, character: u32) -> Vec<String> {
        self.complete(uri, line, character).unwrap_or_default().into_iter().map(|i| i.label).collect()
    }

    fn definition(&mut self, uri: &Uri, line: u32, character: u32) -> Option<Location> {
        let params = GotoDefinitionParams {
            text_document_position_params: Self::at(uri, line, character),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        match self.request::<GotoDefinition>(params)? {
            GotoDefinitionResponse::Scalar(location) => Some(location),
            other => panic!("one location, not {other:?}"),
        }
    }

    fn actions(&mut self, uri: &Uri, range: Range, only: Option<Vec<CodeActionKind>>) -> Vec<lsp_types::CodeAction> {
        let params = CodeActionParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            range,
            context: CodeActionContext { diagnostics: Vec::new(), only, trigger_kind: None },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        let actions = self.request::<CodeActionRequest>(params).unwrap_or_default();
        actions
            .into_iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(action) => action,
                CodeActionOrCommand::Command(command) => panic!("scs offers no commands: {command:?}"),
            })
            .collect()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            // A failing test: closing the client's end ends the server's input, then the server.
            let (sender, _) = crossbeam_channel::unbounded();
            drop(std::mem::replace(&mut self.connection.sender, sender));
            let _ = server.join();
        }
    }
}

fn range(start: (u32, u32), end: (u32, u32)) -> Range {
    Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1))
}

/// `edits` applied to `text` (positions in UTF-16, the default encoding; ASCII texts here).
fn apply(text: &str, edits: &[TextEdit]) -> String {
    let offset = |p: Position| {
        let start: usize = text.split_inclusive('\n').take(p.line as usize).map(str::len).sum();
        start + p.character as usize
    };
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
    let mut out = text.to_owned();
    for edit in edits {
        out.replace_range(offset(edit.range.start)..offset(edit.range.end), &edit.new_text);
    }
    out
}

fn edits_of(action: &lsp_types::CodeAction, uri: &Uri) -> Vec<TextEdit> {
    action.edit.as_ref().and_then(|e| e.changes.as_ref()).and_then(|c| c.get(uri)).cloned().expect("edits for the file")
}

#[test]
fn completion_offers_the_values_keys_names_and_anchors_scs_0001_allows_where_they_belong() {
    let repo = Repo::new();
    let (mut client, _) = Client::start(&repo.root(), None);
    let uri = repo.doc("scs-0101-v1-good.md");
    let text = "---\ntitle: Good\ntype: \nstatus: \ntrack: \nsta\nreplaces:\n  - \n---\n\nSee [x](scs-0100-v1-flavors.md#) and [y](\nSee [z](#\nA [done](x.md) here.\nPlain text.\n";
    client.open(&uri, text);
    assert_eq!(client.labels(&uri, 2, 6), ["Procedural", "Standard", "Decision Record", "Supplement"]);
    assert_eq!(client.labels(&uri, 3, 8), ["Draft", "Stable", "Deprecated", "Rejected"], "never `Proposal`");
    let tracks: Vec<String> = scs_core::Track::ALL.iter().map(|t| t.as_str().to_owned()).collect();
    assert_eq!(client.labels(&uri, 4, 7), tracks);
    // A key being typed: every key, inserted with its colon.
    let keys = client.complete(&uri, 5, 3).expect("items");
    let stabilized = keys.iter().find(|i| i.label == "stabilized_at").expect("stabilized_at");
    assert_eq!(stabilized.insert_text.as_deref(), Some("stabilized_at: "));
    for key in ["title", "description", "type", "status", "track", "replaces", "replaced_by", "supplements"] {
        assert!(keys.iter().any(|i| i.label == key), "{key}");
    }
    // The value of an unknown key: nothing to offer.
    assert_eq!(client.labels(&uri, 1, 8), Vec::<String>::new());
    // An entry of `replaces`: the documents, with their titles.
    let names = client.complete(&uri, 7, 4).expect("items");
    let v1 = names.iter().find(|i| i.label == "scs-0100-v1-flavors.md").expect("v1");
    assert_eq!(v1.detail.as_deref(), Some("Flavors"));
    assert_eq!(names.len(), 3, "{names:?}");
    // In the body: anchors of the link's target after `#`, of this document after `](#`,
    // names after `](`, nothing after a closed link or in plain text.
    assert_eq!(client.labels(&uri, 10, 31), ["introduction", "motivation", "flavors", "conformance-tests"]);
    assert_eq!(client.labels(&uri, 10, 41).len(), 3);
    let own = client.labels(&uri, 11, 10);
    assert_eq!(own, Vec::<String>::new(), "the buffer has no headings");
    assert_eq!(client.labels(&uri, 12, 17), Vec::<String>::new());
    assert_eq!(client.labels(&uri, 13, 5), Vec::<String>::new());
    // Outside the repository's documents: no answer at all.
    assert!(client.complete(&repo.uri("notes.md"), 0, 0).is_none());
    assert_eq!(client.stop(), scs_lsp::Exit::AfterShutdown);
}

#[test]
fn completion_of_this_documents_own_anchors() {
    let repo = Repo::new();
    let (mut client, _) = Client::start(&repo.root(), None);
    let uri = repo.doc("scs-0100-v2-flavors.md");
    client.open(&uri, &format!("{V2}\nBack to [top](#\n"));
    let last = V2.lines().count() as u32 + 1;
    assert_eq!(client.labels(&uri, last, 15), ["introduction", "motivation", "flavors", "conformance-tests"]);
    client.stop();
}

#[test]
fn definition_follows_entries_links_site_urls_and_scope_modules() {
    let repo = Repo::new();
    let (mut client, _) = Client::start(&repo.root(), None);
    let (v1, v2) = (repo.doc("scs-0100-v1-flavors.md"), repo.doc("scs-0100-v2-flavors.md"));
    client.open(&v2, V2);
    let top = range((0, 0), (0, 0));
    // The `replaces` entry: the file, at its start.
    assert_eq!(client.definition(&v2, 7, 6), Some(Location::new(v1.clone(), top)));
    // Both ends of the entry count, one past it does not.
    assert_eq!(client.definition(&v2, 7, 4).map(|l| l.uri), Some(v1.clone()));
    assert_eq!(client.definition(&v2, 7, 26).map(|l| l.uri), Some(v1.clone()));
    assert_eq!(client.definition(&v2, 7, 3), None);
    // Past the end of the line is its end (LSP): still the entry.
    assert_eq!(client.definition(&v2, 7, 99).map(|l| l.uri), Some(v1.clone()));
    // A link with a fragment: the heading it names.
    assert_eq!(client.definition(&v2, 12, 6), Some(Location::new(v1.clone(), range((13, 0), (14, 0)))));
    // The docs-site URL: the file.
    assert_eq!(client.definition(&v2, 12, 60), Some(Location::new(v1.clone(), top)));
    // Plain text and headings name nothing.
    assert_eq!(client.definition(&v2, 10, 4), None);
    assert_eq!(client.definition(&v2, 0, 0), None);
    // A certificate scope's module url.
    let scope = repo.uri("Tests/scs-compatible-x.yaml");
    client.open(&scope, SCOPE);
    assert_eq!(client.definition(&scope, 5, 20), Some(Location::new(v2.clone(), top)));
    assert_eq!(client.definition(&scope, 3, 10), None);
    // A link to a document that does not exist: nothing (the diagnostic says why).
    client.change(&v2, 2, &V2.replace("scs-0100-v1-flavors.md#motivation", "scs-0199-v1-gone.md"));
    assert_eq!(client.definition(&v2, 12, 6), None);
    client.stop();
}

#[test]
fn references_name_every_place_that_points_at_the_document() {
    let repo = Repo::new();
    let (mut client, _) = Client::start(&repo.root(), None);
    let v1 = repo.doc("scs-0100-v1-flavors.md");
    let scope = repo.uri("Tests/scs-compatible-x.yaml");
    let references = |client: &mut Client, uri: &Uri, line, character| {
        let params = ReferenceParams {
            text_document_position: Client::at(uri, line, character),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: ReferenceContext { include_declaration: false },
        };
        let found = client.request::<References>(params)?;
        let mut found: Vec<(String, u32, u32)> = found
            .into_iter()
            .map(|l| {
                (
                    l.uri.as_str().rsplit('/').next().unwrap_or_default().to_owned(),
                    l.range.start.line,
                    l.range.start.character,
                )
            })
            .collect();
        found.sort();
        Some(found)
    };
    // From v1's `replaced_by` entry: the places naming v2.
    let to_v2 = references(&mut client, &v1, 8, 6).expect("a list");
    assert_eq!(
        to_v2,
        [("scs-0100-v1-flavors.md".to_owned(), 8, 4), ("scs-compatible-x.yaml".to_owned(), 5, 9)],
        "v1's entry and the scope's url"
    );
    // From anywhere else in v1: v1 itself, named by v2's entry, link and URL.
    let to_v1 = references(&mut client, &v1, 11, 3).expect("a list");
    assert_eq!(
        to_v1,
        [
            ("scs-0100-v2-flavors.md".to_owned(), 7, 4),
            ("scs-0100-v2-flavors.md".to_owned(), 12, 4),
            ("scs-0100-v2-flavors.md".to_owned(), 12, 48),
        ]
    );
    // A scope's text outside its module urls is no document: no answer.
    assert_eq!(references(&mut client, &scope, 0, 0), None);
    client.stop();
}

#[test]
fn hover_states_the_target_as_of_today() {
    let repo = Repo::new();
    let (mut client, _) = Client::start(&repo.root(), None);
    let v2 = repo.doc("scs-0100-v2-flavors.md");
    client.open(&v2, V2);
    let hover = |client: &mut Client, line, character| {
        let params = HoverParams {
            text_document_position_params: Client::at(&v2, line, character),
            work_done_progress_params: Default::default(),
        };
        client.request::<HoverRequest>(params)
    };
    let on_entry = hover(&mut client, 7, 6).expect("a hover");
    let today = scs_repository::today(None).expect("today");
    let HoverContents::Markup(markup) = on_entry.contents else { panic!("markdown") };
    assert_eq!(
        markup.value,
        format!(
            "**Flavors** — `scs-0100-v1-flavors.md`\n\nStandard · track IaaS · status Deprecated · deprecated today ({today})\n\nreplaced by `scs-0100-v2-flavors.md`"
        )
    );
    assert_eq!(on_entry.range, Some(range((7, 4), (7, 26))));
    // v2 seen from v2's own link to #motivation of v1 is v1 again; from the Motivation
    // heading, nothing.
    assert!(hover(&mut client, 12, 6).is_some());
    assert!(hover(&mut client, 14, 4).is_none());
    // A scheduled document: effective only from its date.
    let good = repo.doc("scs-0101-v1-good.md");
    client.open(
        &good,
        "---\ntitle: Good\ntype: Procedural\nstatus: Draft\ntrack: IaaS\nreplaces:\n  - scs-0100-v2-flavors.md\n---\n",
    );
    let params = HoverParams {
        text_document_position_params: Client::at(&good, 6, 6),
        work_done_progress_params: Default::default(),
    };
    let HoverContents::Markup(markup) = client.request::<HoverRequest>(params).expect("hover").contents else {
        panic!("markdown")
    };
    assert_eq!(
        markup.value,
        format!(
            "**Flavors v2** — `scs-0100-v2-flavors.md`\n\nStandard · track IaaS · status Stable · effective today ({today})"
        )
    );
    client.stop();
}

#[test]
fn document_links_are_the_urls_and_literal_links_not_relative_paths() {
    let repo = Repo::new();
    let (mut client, _) = Client::start(&repo.root(), None);
    let (v1, v2) = (repo.doc("scs-0100-v1-flavors.md"), repo.doc("scs-0100-v2-flavors.md"));
    let text = format!(
        "{V2}\n[site](https://docs.scs.community/standards/scs-0100-v1-flavors#motivation) and [gh](https://github.com/SovereignCloudStack/standards/blob/main/Standards/scs-0101-v1-good.md) and [away](https://example.org/x)\n"
    );
    client.open(&v2, &text);
    let params = DocumentLinkParams {
        text_document: TextDocumentIdentifier::new(v2.clone()),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    };
    let links = client.request::<DocumentLinkRequest>(params).expect("links");
    let found: Vec<(u32, u32, Option<Uri>, Option<String>)> =
        links.into_iter().map(|l| (l.range.start.line, l.range.start.character, l.target, l.tooltip)).collect();
    let last = V2.lines().count() as u32 + 1;
    assert_eq!(
        found,
        [
            (12, 48, Some(v1.clone()), Some("scs-0100-v1-flavors.md".to_owned())),
            (last, 0, Some(v1), Some("scs-0100-v1-flavors.md#motivation".to_owned())),
            (last, 80, Some(repo.doc("scs-0101-v1-good.md")), Some("scs-0101-v1-good.md".to_owned())),
        ]
    );
    client.stop();
}

#[test]
fn symbols_are_the_headings_in_order_with_their_anchors() {
    let repo = Repo::new();
    let (mut client, _) = Client::start(&repo.root(), None);
    let uri = repo.doc("scs-0101-v1-good.md");
    client.open(&uri, "---\ntitle: Good\n---\n\n# Good\n\n## Why & how\n\n##\n\n### Ä detail\n");
    let params = DocumentSymbolParams {
        text_document: TextDocumentIdentifier::new(uri.clone()),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    };
    let Some(DocumentSymbolResponse::Nested(symbols)) = client.request::<DocumentSymbolRequest>(params) else {
        panic!("nested symbols")
    };
    // A heading's range is its line with the line break.
    let found: Vec<(String, Option<String>, Range)> =
        symbols.into_iter().map(|s| (s.name, s.detail, s.range)).collect();
    assert_eq!(
        found,
        [
            ("Good".to_owned(), Some("#good".to_owned()), range((4, 0), (5, 0))),
            ("Why & how".to_owned(), Some("#why--how".to_owned()), range((6, 0), (7, 0))),
            ("(empty heading)".to_owned(), Some("#".to_owned()), range((8, 0), (9, 0))),
            ("Ä detail".to_owned(), Some("#ä-detail".to_owned()), range((10, 0), (11, 0))),
        ]
    );
    client.stop();
}

#[test]
fn code_actions_fix_ignore_and_fix_all_as_scs_check_fix_would() {
    let repo = Repo::new();
    let (mut client, _) = Client::start(&repo.root(), None);
    let uri = repo.doc("scs-0101-v1-good.md");
    let text = GOOD.replace("status: Stable", "status: Proposal").replace("stabilized_at: 2024-01-01\n", "")
        + "\n[gone](scs-0199-v1-gone.md)\n";
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri);
    let codes: Vec<String> = diagnostics
        .iter()
        .map(|d| match &d.code {
            Some(lsp_types::NumberOrString::String(code)) => code.clone(),
            other => panic!("a rule id, not {other:?}"),
        })
        .collect();
    assert_eq!(codes, ["obsolete-status", "broken-link"]);
    // On the status line: its fix (preferred) and "ignore here" at the top of the body.
    let status_line = range((3, 8), (3, 8));
    let actions = client.actions(&uri, status_line, None);
    let titles: Vec<&str> = actions.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    let fix = &actions[0];
    assert_eq!(fix.kind, Some(CodeActionKind::QUICKFIX));
    assert_eq!(fix.is_preferred, Some(true));
    assert_eq!(fix.diagnostics.as_ref().map(|d| d[0].code.clone()), Some(diagnostics[0].code.clone()));
    assert_eq!(apply(&text, &edits_of(fix, &uri)), text.replace("status: Proposal", "status: Draft"));
    assert_eq!(actions[1].title, "Ignore obsolete-status here (scs-ignore, give the reason)");
    assert_eq!(actions[1].is_preferred, Some(false));
    let ignored = apply(&text, &edits_of(&actions[1], &uri));
    assert_eq!(
        ignored,
        text.replace("---\n\n## Intro", "---\n<!-- scs-ignore obsolete-status: reason -->\n\n## Intro")
    );
    // On the broken link: no fix, "ignore here" on the line before the link.
    let link_line = diagnostics[1].range;
    let actions = client.actions(&uri, link_line, None);
    assert_eq!(actions.len(), 1);
    let ignored = apply(&text, &edits_of(&actions[0], &uri));
    assert!(ignored.ends_with("\n<!-- scs-ignore broken-link: reason -->\n[gone](scs-0199-v1-gone.md)\n"), "{ignored}");
    // A range touching no finding: nothing; `only` filters the kinds.
    assert!(client.actions(&uri, range((7, 0), (7, 3)), None).is_empty());
    assert!(client.actions(&uri, status_line, Some(vec![CodeActionKind::REFACTOR])).is_empty());
    let fix_all =
        client.actions(&uri, range((0, 0), (0, 0)), Some(vec![CodeActionKind::new(scs_lsp::actions::FIX_ALL)]));
    assert_eq!(fix_all.len(), 1);
    assert_eq!(fix_all[0].title, "Fix all safe scs findings");
    assert_eq!(apply(&text, &edits_of(&fix_all[0], &uri)), text.replace("status: Proposal", "status: Draft"));
    // "source" asks for every source action: fix all is one.
    assert_eq!(client.actions(&uri, range((0, 0), (0, 0)), Some(vec![CodeActionKind::SOURCE])).len(), 1);
    // Without anything to fix, no fix-all action.
    client.change(&uri, 2, &text.replace("status: Proposal", "status: Draft"));
    assert!(
        client
            .actions(&uri, range((0, 0), (0, 0)), Some(vec![CodeActionKind::new(scs_lsp::actions::FIX_ALL)]))
            .is_empty()
    );
    client.stop();
}

#[test]
fn the_ignore_comment_keeps_the_files_line_breaks() {
    let repo = Repo::new();
    let (mut client, _) = Client::start(&repo.root(), None);
    let uri = repo.doc("scs-0101-v1-good.md");
    let text = GOOD.replace('\n', "\r\n") + "\r\n[gone](scs-0199-v1-gone.md)\r\n";
    client.open(&uri, &text);
    let link = client.diagnostics(&uri).into_iter().find(|d| d.message.contains("scs-0199")).expect("broken link");
    let actions = client.actions(&uri, link.range, None);
    assert_eq!(edits_of(&actions[0], &uri)[0].new_text, "<!-- scs-ignore broken-link: reason -->\r\n");
    client.stop();
}

#[test]
fn positions_count_in_the_encoding_the_client_chose() {
    let repo = Repo::new();
    // 🦀 is 4 UTF-8 bytes, 2 UTF-16 units, 1 code point.
    let text = format!("{GOOD}\n🦀 [gone](scs-0199-v1-gone.md) and [x](scs-0100-v1-flavors.md#)\n");
    for (offered, kind, start) in [
        (None, PositionEncodingKind::UTF16, 3),
        (Some(vec![PositionEncodingKind::UTF8]), PositionEncodingKind::UTF8, 5),
        (Some(vec![PositionEncodingKind::UTF32, PositionEncodingKind::UTF8]), PositionEncodingKind::UTF32, 2),
        (Some(vec![PositionEncodingKind::new("ebcdic"), PositionEncodingKind::UTF16]), PositionEncodingKind::UTF16, 3),
    ] {
        let (mut client, init) = Client::start(&repo.root(), offered.clone());
        assert_eq!(init.capabilities.position_encoding, Some(kind.clone()), "{offered:?}");
        let uri = repo.doc("scs-0101-v1-good.md");
        client.open(&uri, &text);
        let link = client.diagnostics(&uri).into_iter().find(|d| d.message.contains("scs-0199")).expect("broken link");
        assert_eq!(link.range.start, Position::new(10, start), "{kind:?}");
        // … and positions the client sends are read in the same units: just after the `#` of
        // the second link, 59 characters after the first link's start (ASCII from there).
        assert_eq!(
            client.labels(&uri, 10, start + 59),
            ["introduction", "motivation", "flavors", "conformance-tests"],
            "{kind:?}"
        );
        client.stop();
    }
}

#[test]
fn the_life_cycle_in_process() {
    let repo = Repo::new();
    let (server, connection) = Connection::memory();
    let handle = std::thread::spawn(move || scs_lsp::serve(&server));
    let early = Request::new(RequestId::from(1), HoverRequest::METHOD.into(), serde_json::json!({}));
    connection.sender.send(Message::Request(early)).expect("send");
    let Message::Response(answer) = connection.receiver.recv_timeout(WAIT).expect("answer") else {
        panic!("a response")
    };
    assert_eq!(answer.response_result.err().map(|e| e.code), Some(-32002));
    drop(connection);
    assert_eq!(handle.join().expect("ends"), scs_lsp::Exit::WithoutShutdown, "input ended without shutdown");
    let (client, _) = Client::start(&repo.root(), None);
    assert_eq!(client.stop(), scs_lsp::Exit::AfterShutdown);
}

/// Issue 31: the handlers stay linear in what they answer. Each input once cost quadratic
/// time (a line index built per reference or per finding, the corpus re-indexed per created
/// file); the answers are checked whole, and a generous guard catches a return of the
/// quadratic cost (the figures are `cargo xtask bench --adversarial`'s).
mod linear {
    use super::*;
    use lsp_types::notification::DidChangeWatchedFiles;
    use lsp_types::{DidChangeWatchedFilesParams, FileChangeType, FileEvent};
    use std::time::Instant;

    const GUARD: Duration = Duration::from_secs(20);

    fn head() -> String {
        "---\ntitle: Many\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n\n## Introduction\n\n".to_owned()
    }

    #[test]
    fn references_to_a_document_named_40000_times() {
        let repo = Repo::new();
        let links: String = (0..40_000).map(|_| "[g](scs-0101-v1-good.md) ").collect();
        std::fs::write(repo.0.path().join("Standards/scs-0102-v1-many.md"), head() + &links).expect("write");
        let (mut client, _) = Client::start(&repo.root(), None);
        let good = repo.doc("scs-0101-v1-good.md");
        let started = Instant::now();
        let params = ReferenceParams {
            text_document_position: Client::at(&good, 0, 0),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: ReferenceContext { include_declaration: false },
        };
        let found = client.request::<References>(params).expect("references");
        assert!(started.elapsed() < GUARD, "{:?}", started.elapsed());
        assert_eq!(found.len(), 40_000);
        assert_eq!(found[39_999].range.start, Position::new(9, 39_999 * 25));
        client.stop();
    }

    #[test]
    fn code_actions_over_20000_findings() {
        let repo = Repo::new();
        let links: String = (0..20_000).map(|i| format!("[g](gone-{i}.md)\n")).collect();
        let text = head() + &links;
        let (mut client, _) = Client::start(&repo.root(), None);
        let uri = repo.doc("scs-0102-v1-many.md");
        std::fs::write(repo.0.path().join("Standards/scs-0102-v1-many.md"), &text).expect("write");
        client.open(&uri, &text);
        let started = Instant::now();
        let actions = client.actions(&uri, range((0, 0), (30_000, 0)), None);
        assert!(started.elapsed() < GUARD, "{:?}", started.elapsed());
        // One "ignore here" per finding, for as many findings as a file publishes; the last
        // one goes before its line.
        assert_eq!(actions.len(), scs_lsp::workspace::MAX_DIAGNOSTICS);
        let last = edits_of(&actions[999], &uri);
        assert_eq!(last[0].range.start, Position::new(1_008, 0));
        // A range at the end still gets its findings' actions.
        let end = client.actions(&uri, range((20_008, 0), (20_008, 5)), None);
        assert_eq!(end.len(), 1);
        assert_eq!(edits_of(&end[0], &uri)[0].range.start, Position::new(20_008, 0));
        client.stop();
    }

    #[test]
    fn symbols_of_100000_headings_are_capped() {
        let repo = Repo::new();
        let headings: String = (0..100_000).map(|i| format!("## H{i}\n")).collect();
        std::fs::write(repo.0.path().join("Standards/scs-0102-v1-many.md"), head() + &headings).expect("write");
        let (mut client, _) = Client::start(&repo.root(), None);
        let params = DocumentSymbolParams {
            text_document: TextDocumentIdentifier::new(repo.doc("scs-0102-v1-many.md")),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        let Some(DocumentSymbolResponse::Nested(symbols)) = client.request::<DocumentSymbolRequest>(params) else {
            panic!("nested symbols")
        };
        assert_eq!(symbols.len(), scs_lsp::navigation::MAX_SYMBOLS);
        client.stop();
    }

    #[test]
    fn five_thousand_created_files_in_one_notification() {
        let repo = Repo::new();
        let (mut client, _) = Client::start(&repo.root(), None);
        let mut changes = Vec::new();
        for i in 0..5_000 {
            let name = format!("scs-{:04}-v1-created.md", 1000 + i);
            std::fs::write(repo.0.path().join("Standards").join(&name), GOOD).expect("write");
            changes.push(FileEvent::new(repo.doc(&name), FileChangeType::CREATED));
        }
        let started = Instant::now();
        client.notify::<DidChangeWatchedFiles>(DidChangeWatchedFilesParams { changes });
        // The next answer comes after the notification was handled; the new documents are known.
        let found = client.definition(&repo.doc("scs-0100-v2-flavors.md"), 7, 6);
        assert!(started.elapsed() < GUARD, "{:?}", started.elapsed());
        assert!(found.is_some());
        let params = ReferenceParams {
            text_document_position: Client::at(&repo.doc("scs-5999-v1-created.md"), 0, 0),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: ReferenceContext { include_declaration: false },
        };
        assert_eq!(client.request::<References>(params), Some(Vec::new()), "the last created file is a document");
        client.stop();
    }

    /// A watched-file URI under `Tests/` that climbs out with `%2F..%2F` names no file of the
    /// repository and is never read.
    #[test]
    fn a_uri_that_climbs_out_is_no_file_of_the_repository() {
        let outside = tempfile::tempdir().expect("tempdir");
        let repo = Repo::new();
        let root = repo.root();
        let secret = outside.path().join("scs-compatible-secret.yaml");
        std::fs::write(&secret, "name: SECRET\n").expect("write");
        let climb = format!(
            "{}/Tests/scs-compatible-x%2F..%2F..%2F..{}",
            path_to_uri(&root).expect("uri").as_str(),
            secret.display()
        );
        let uri: Uri = climb.parse().expect("a URI");
        let (mut client, _) = Client::start(&root, None);
        client.notify::<DidChangeWatchedFiles>(DidChangeWatchedFilesParams {
            changes: vec![FileEvent::new(uri.clone(), FileChangeType::CREATED)],
        });
        let params = DocumentSymbolParams {
            text_document: TextDocumentIdentifier::new(uri),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        assert_eq!(client.request::<DocumentSymbolRequest>(params), None, "not a file of the repository");
        client.stop();
    }

    /// LSP counts a lone CR as a line break: a finding after one is on the next line.
    #[test]
    fn a_lone_cr_is_a_line_break() {
        let repo = Repo::new();
        let (mut client, _) = Client::start(&repo.root(), None);
        let uri = repo.doc("scs-0102-v1-cr.md");
        let text = "---\ntitle: A\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n\n## Introduction\r\r[x](scs-0999-v1-gone.md)\r";
        std::fs::write(repo.0.path().join("Standards/scs-0102-v1-cr.md"), text).expect("write");
        client.open(&uri, text);
        let diagnostics = client.diagnostics(&uri);
        let broken =
            diagnostics.iter().find(|d| d.code == Some(lsp_types::NumberOrString::String("broken-link".into())));
        assert_eq!(broken.map(|d| d.range.start), Some(Position::new(9, 0)), "{diagnostics:?}");
        client.stop();
    }
}

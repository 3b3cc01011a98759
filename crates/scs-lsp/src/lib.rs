//! The language server of scs (`scs lsp`): LSP 3.17 over standard input and output, on
//! `lsp-server` (the synchronous scaffold behind rust-analyzer and ruff's server: messages are
//! handled one after the other, in order). It runs the same parser and rules as `scs check`,
//! on the repository with the editor's open buffers laid over it.
//!
//! [`transport`] frames messages over untrusted bytes; [`serve`] runs the life cycle on any
//! [`Connection`] (standard input and output, or `Connection::memory()` in tests); the
//! handlers have a module each: [`completion`], [`navigation`] (definition, references, hover,
//! links, symbols), [`actions`] (quick fixes), [`position`] (the client's position encoding)
//! and [`workspace`] (the repository with the open buffers).

pub mod actions;
pub mod completion;
pub mod navigation;
pub mod position;
pub mod transport;
pub mod workspace;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DidChangeWatchedFilesRegistrationOptions, DocumentLinkOptions, FileSystemWatcher, GlobPattern,
    HoverProviderCapability, InitializeParams, OneOf, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri, notification, request,
};
use serde_json::Value;

use position::Encoding;
use workspace::{Workspace, uri_to_path};

/// How the server ended, as LSP asks the process to exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `shutdown` came before `exit` or the end of input: exit code 0.
    AfterShutdown,
    /// `exit` or the end of input without `shutdown`: exit code 1.
    WithoutShutdown,
}

impl Exit {
    /// The process exit code LSP 3.17 gives this end.
    pub fn code(self) -> u8 {
        match self {
            Exit::AfterShutdown => 0,
            Exit::WithoutShutdown => 1,
        }
    }
}

/// Runs the server on standard input and output until the client says `exit`, or its input ends.
pub fn run() -> Exit {
    let (connection, io_threads) = transport::stdio();
    let result = serve(&connection);
    drop(connection);
    io_threads.join();
    result
}

/// Where the server is in the life cycle LSP 3.17 gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`: requests get -32002, notifications are dropped.
    Uninitialized,
    Running,
    /// After `shutdown`: requests get -32600; `exit` or the end of input ends with 0.
    ShutDown,
}

/// Serves `connection` until `exit` or the end of input. The exit code is LSP's: 0 when the
/// client asked for `shutdown` first (also when its input then just ends, as Neovim's `:qa`
/// does), 1 otherwise.
pub fn serve(connection: &Connection) -> Exit {
    let mut phase = Phase::Uninitialized;
    let mut workspace: Option<Workspace> = None;
    for message in &connection.receiver {
        match message {
            Message::Request(req) => match phase {
                Phase::Uninitialized if req.method == request::Initialize::METHOD => {
                    workspace = Some(initialize(connection, req));
                    phase = Phase::Running;
                }
                Phase::Uninitialized => {
                    let message = format!("the server is not initialized yet: {} before initialize", req.method);
                    reply_error(connection, req.id, ErrorCode::ServerNotInitialized, message);
                }
                Phase::ShutDown => {
                    let message = format!("the server is shut down: {} after shutdown", req.method);
                    reply_error(connection, req.id, ErrorCode::InvalidRequest, message);
                }
                Phase::Running if req.method == request::Shutdown::METHOD => {
                    phase = Phase::ShutDown;
                    let _ = connection.sender.send(Message::Response(Response::new_ok(req.id, ())));
                }
                Phase::Running if req.method == request::Initialize::METHOD => {
                    reply_error(connection, req.id, ErrorCode::InvalidRequest, "initialize was sent twice".into());
                }
                Phase::Running => {
                    let Some(workspace) = workspace.as_mut() else { continue };
                    let response = answer(workspace, req);
                    let _ = connection.sender.send(Message::Response(response));
                }
            },
            Message::Notification(note) if note.method == notification::Exit::METHOD => {
                // `exit` without `shutdown` first: LSP asks for exit code 1.
                return if phase == Phase::ShutDown { Exit::AfterShutdown } else { Exit::WithoutShutdown };
            }
            Message::Notification(note) => {
                let (Phase::Running, Some(workspace)) = (phase, workspace.as_mut()) else { continue };
                let method = note.method.clone();
                if catch_unwind(AssertUnwindSafe(|| notify(connection, workspace, note))).is_err() {
                    log(connection, &format!("scs: handling {method} failed (a bug in scs); the server goes on"));
                }
            }
            Message::Response(_) => {}
        }
    }
    if phase == Phase::ShutDown { Exit::AfterShutdown } else { Exit::WithoutShutdown }
}

fn reply_error(connection: &Connection, id: RequestId, code: ErrorCode, message: String) {
    let _ = connection.sender.send(Message::Response(Response::new_err(id, code as i32, message)));
}

/// Answers `initialize` and loads the workspace. The server never ends for a repository it
/// cannot read or a configuration with a mistake: it serves what it can, on defaults, and
/// says why.
fn initialize(connection: &Connection, req: Request) -> Workspace {
    let params: InitializeParams = serde_json::from_value(req.params).unwrap_or_default();
    let encoding =
        Encoding::negotiate(params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
    let root = workspace_root(&params);
    let rule_docs = params.initialization_options.as_ref().and_then(|o| o["ruleDocsUrl"].as_str()).map(str::to_owned);
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": {"name": "scs", "version": env!("CARGO_PKG_VERSION")},
    });
    let _ = connection.sender.send(Message::Response(Response::new_ok(req.id, result)));
    let mut workspace = Workspace::load(root.clone(), encoding, rule_docs);
    log(connection, &format!("scs: serving {} ({} documents)", root.display(), workspace.corpus.documents.len()));
    config_changed(connection, &mut workspace);
    if watch {
        register_watchers(connection);
    }
    workspace
}

/// Tells the editor about the configuration as last read: its mistake, if any, as a message
/// and as a diagnostic on the file; no diagnostic once it is mended.
fn config_changed(connection: &Connection, workspace: &mut Workspace) {
    if let Some((message, _)) = &workspace.config_problem {
        let params = lsp_types::ShowMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: format!("scs: {message}; the server runs on the default configuration until it is mended"),
        };
        let note = Notification::new(notification::ShowMessage::METHOD.into(), params);
        let _ = connection.sender.send(Message::Notification(note));
    }
    for (uri, diagnostics) in workspace.config_diagnostics() {
        publish(connection, uri, diagnostics);
    }
}

/// The folder to serve: the first workspace folder (or the root URI) with a `Standards/`
/// folder in it or above it, as `scs check` finds a repository.
fn workspace_root(params: &InitializeParams) -> PathBuf {
    #[allow(deprecated)]
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or_else(|| params.root_uri.clone())
        .and_then(|uri| uri_to_path(&uri))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let found = scs_repository::discover::targets(&[], &folder)
        .ok()
        .and_then(|t| t.into_iter().next())
        .map(|t| folder.join(t.root));
    found.unwrap_or(folder)
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(actions::FIX_ALL)]),
            ..CodeActionOptions::default()
        })),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: lsp_types::WorkDoneProgressOptions::default(),
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["#".into(), "(".into(), "/".into(), ":".into(), " ".into(), "-".into()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

/// Asks the client to tell the server about changes to `Standards/` and `Tests/` made outside
/// the editor (git checkout, another tool).
fn register_watchers(connection: &Connection) {
    let watchers = ["**/Standards/**", "**/Tests/**", "**/scs.toml", "**/.scs.toml"]
        .iter()
        .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String((*glob).to_owned()), kind: None })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "scs-watch".into(),
            method: notification::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let request =
        Request::new(RequestId::from("scs-watch".to_owned()), request::RegisterCapability::METHOD.into(), params);
    let _ = connection.sender.send(Message::Request(request));
}

/// Answers a request; a panic in a handler is caught and answered as an internal error.
fn answer(workspace: &mut Workspace, req: Request) -> Response {
    let id = req.id.clone();
    let method = req.method.clone();
    match catch_unwind(AssertUnwindSafe(|| dispatch(workspace, req))) {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
        Err(_) => {
            eprintln!("scs: handling {method} failed (a bug in scs); the server goes on");
            Response::new_err(id, ErrorCode::InternalError as i32, format!("scs failed on {method}"))
        }
    }
}

type Answer = Result<Value, (ErrorCode, String)>;

fn params<P: serde::de::DeserializeOwned>(req: &Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(req.params.clone())
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params for {}: {e}", req.method)))
}

fn dispatch(workspace: &mut Workspace, req: Request) -> Answer {
    let json = |v: Result<Value, serde_json::Error>| v.map_err(|e| (ErrorCode::InternalError, e.to_string()));
    match req.method.as_str() {
        request::CodeActionRequest::METHOD => {
            json(serde_json::to_value(actions::code_actions(workspace, &params(&req)?)))
        }
        request::GotoDefinition::METHOD => {
            json(serde_json::to_value(navigation::definition(workspace, &params(&req)?)))
        }
        request::References::METHOD => json(serde_json::to_value(navigation::references(workspace, &params(&req)?))),
        request::HoverRequest::METHOD => json(serde_json::to_value(navigation::hover(workspace, &params(&req)?))),
        request::DocumentLinkRequest::METHOD => {
            json(serde_json::to_value(navigation::document_links(workspace, &params(&req)?)))
        }
        request::DocumentSymbolRequest::METHOD => {
            json(serde_json::to_value(navigation::document_symbols(workspace, &params(&req)?)))
        }
        request::Completion::METHOD => json(serde_json::to_value(completion::complete(workspace, &params(&req)?))),
        // For the tests of panic handling only: never a method for editors.
        "scs/crash" if std::env::var_os("SCS_LSP_CRASH_FOR_TESTS").is_some() => panic!("scs/crash was asked for"),
        other => Err((ErrorCode::MethodNotFound, format!("scs does not handle {other}"))),
    }
}

fn notify(connection: &Connection, workspace: &mut Workspace, note: Notification) {
    match note.method.as_str() {
        notification::DidOpenTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(note.params) else { return };
            let Some(rel) = workspace.rel_path(&p.text_document.uri) else { return };
            workspace.set_text(&rel, p.text_document.text);
            workspace.open.insert(rel, p.text_document.uri);
        }
        notification::DidChangeTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(note.params) else { return };
            let Some(rel) = workspace.rel_path(&p.text_document.uri) else { return };
            // Full synchronisation: the last change holds the whole text.
            let Some(change) = p.content_changes.into_iter().last() else { return };
            workspace.set_text(&rel, change.text);
        }
        notification::DidSaveTextDocument::METHOD => {}
        notification::DidCloseTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(note.params) else { return };
            let Some(rel) = workspace.rel_path(&p.text_document.uri) else { return };
            workspace.open.remove(&rel);
            workspace.reload(&rel);
            workspace.forget(&rel);
            publish(connection, p.text_document.uri, Vec::new());
        }
        notification::DidChangeWatchedFiles::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(note.params) else { return };
            if p.changes.iter().any(|c| workspace.is_config(&c.uri)) {
                workspace.reload_config();
                config_changed(connection, workspace);
            }
            let mut changed = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for change in p.changes {
                // Any file: a link may point at it.
                if let Some(rel) = workspace.relative(&change.uri) {
                    workspace.corpus.note_file(&rel, change.typ != lsp_types::FileChangeType::DELETED);
                }
                if let Some(rel) = workspace.rel_path(&change.uri).filter(|r| !workspace.open.contains_key(r))
                    && seen.insert(rel.clone())
                {
                    changed.push(rel);
                }
            }
            workspace.reload_many(&changed);
        }
        _ => return,
    }
    for (uri, diagnostics) in workspace.diagnostics_to_publish() {
        publish(connection, uri, diagnostics);
    }
}

fn publish(connection: &Connection, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>) {
    let params = PublishDiagnosticsParams { uri, diagnostics, version: None };
    let note = Notification::new(notification::PublishDiagnostics::METHOD.into(), params);
    let _ = connection.sender.send(Message::Notification(note));
}

/// A message in the client's log (`window/logMessage`), and on stderr.
fn log(connection: &Connection, message: &str) {
    eprintln!("{message}");
    let params = lsp_types::LogMessageParams { typ: lsp_types::MessageType::INFO, message: message.to_owned() };
    let _ = connection
        .sender
        .send(Message::Notification(Notification::new(notification::LogMessage::METHOD.into(), params)));
}

//! The properties every input must satisfy, one function per fuzz target. The fuzz targets in
//! `fuzz/` call these functions with generated inputs; `tests/replay.rs` calls them with the
//! seeds and the regression inputs under `fuzz/`, so a crash found once stays fixed. Each
//! function panics when a property fails, which is what a fuzzer reports.

use scs_core::front_matter::{self, Block};
use scs_core::{Corpus, DocId, DocName, Document, ScopeFile, Span};

/// Asserts that `span` lies inside `text`, on character boundaries.
fn assert_inside(span: Span, text: &str, what: &dyn std::fmt::Debug) {
    assert!(span.start <= span.end && span.end <= text.len(), "span {span:?} outside the text: {what:?}");
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "span {span:?} splits a character");
}

/// File names: parsing never panics, and an id prints back to itself.
pub fn file_name(name: &str) {
    if let Ok(parsed) = DocName::parse(name) {
        let id = parsed.id.to_string();
        assert!(id.starts_with("scs-"), "{id}");
        assert_eq!(DocId::parse(&id).map(|i| i.to_string()), Some(id));
    }
    let _ = DocId::parse(name);
}

/// Front matter: locating and parsing never panic, every span lies inside the text.
pub fn front_matter(text: &str) {
    if let Block::Closed { yaml, .. } = front_matter::locate(text, 0) {
        match front_matter::parse(text, yaml) {
            Ok(fm) => {
                for entry in &fm.entries {
                    assert_inside(entry.key_span, text, &entry.key);
                    assert_inside(entry.value.span, text, &entry.key);
                }
            }
            Err(e) => assert_inside(e.span, text, &e),
        }
    }
}

/// Whole documents: parsing never panics; headings and links lie inside the text.
pub fn document(bytes: &[u8]) {
    let doc = Document::parse("Standards/scs-0100-v1-a.md".into(), "scs-0100-v1-a.md".into(), bytes.to_vec());
    for span in doc.body.headings.iter().map(|h| h.span).chain(doc.body.links.iter().map(|l| l.span)) {
        assert_inside(span, &doc.text, &"heading or link");
    }
}

/// The names the documents of [`check_corpus`] get, in order.
const NAMES: [&str; 6] = [
    "scs-0100-v1-a.md",
    "scs-0100-v2-a.md",
    "scs-0100-w1-a.md",
    "scs-xxxx-v1-b.md",
    "scs-0501-v1-scope.md",
    "scs-0001-v1-c.md",
];

/// The documents of a small repository: `bytes` split at NUL bytes, named by [`NAMES`].
fn documents(bytes: &[u8], parse: fn(String, String, Vec<u8>) -> Document) -> Vec<Document> {
    bytes
        .split(|&b| b == 0)
        .take(NAMES.len())
        .zip(NAMES)
        .map(|(text, name)| parse(format!("Standards/{name}"), name.into(), text.to_vec()))
        .collect()
}

/// A small repository (documents separated by NUL bytes): every rule runs without a panic and
/// every finding points into its file.
pub fn check_corpus(bytes: &[u8]) {
    let corpus = Corpus::from_documents("repo".into(), documents(bytes, Document::parse));
    for d in scs_rules::check(&corpus, &scs_rules::Settings::default()) {
        let text = corpus.text_of(&d.path).unwrap_or("");
        if let Some(span) = d.span {
            assert_inside(span, text, &d);
        }
    }
}

/// Certificate scopes: parsing and the scope rules never panic; ids lie inside the text.
pub fn scope(bytes: &[u8]) {
    let scope = ScopeFile::parse("Tests/scs-compatible-x.yaml".into(), bytes.to_vec());
    let view = scope.view();
    for text in view.modules.iter().map(|m| m.id).chain(view.testcases.iter().map(|t| t.id)) {
        assert!(text.span.end <= scope.text.len(), "{:?}", text.span);
    }
    let corpus = Corpus::from_documents("repo".into(), Vec::new()).with_scopes(vec![scope]);
    let _ = scs_rules::check(&corpus, &scs_rules::Settings::default());
}

/// The keys the front-matter editor is asked to change in [`edit`].
const EDITED_KEYS: [&str; 6] = ["replaces", "replaced_by", "supplements", "status", "stabilized_at", "description"];

/// The front-matter editor on any document: every operation on every key never panics, the
/// planned edits lie inside the text, and applying them keeps valid UTF-8 (a `String`).
pub fn edit(bytes: &[u8]) {
    let doc = Document::parse("Standards/scs-0100-v2-a.md".into(), "scs-0100-v2-a.md".into(), bytes.to_vec());
    for (n, key) in EDITED_KEYS.iter().enumerate() {
        let mut editor = scs_core::edit::FrontMatterEditor::new(&doc);
        match n % 3 {
            0 => {
                editor.string_to_list(key);
            }
            1 => editor.add_to_list(key, "scs-0100-v1-a.md"),
            _ => {
                editor.replace_scalar(key, "Draft");
            }
        }
        editor.set("deprecated_at", "2024-01-01");
        editor.rename_reference("scs-0100-v1-a.md", "scs-0100-v3-a.md");
        if let Ok(edits) = editor.into_edits() {
            for e in &edits {
                assert_inside(e.span, &doc.text, &key);
            }
            let _ = scs_core::edit::apply(&doc.text, &edits);
        }
    }
}

/// Check, fix and check again, in memory, as `scs check --fix` does: no panic anywhere, and a
/// fixed text that parses is checked again without a panic either.
pub fn check_and_fix(bytes: &[u8]) {
    let documents = documents(bytes, Document::parse);
    let corpus = Corpus::from_documents("repo".into(), documents.clone());
    let findings = scs_rules::check(&corpus, &scs_rules::Settings::default());
    assert!(!findings.iter().any(|d| d.rule == "internal-error"), "a rule panicked: {findings:?}");
    let fixed: Vec<Document> = documents
        .iter()
        .map(|doc| {
            let fixes = findings.iter().filter(|d| d.path == doc.path).filter_map(|d| d.fix.as_ref());
            let (text, _) = scs_rules::fix::apply(&doc.text, fixes);
            Document::parse(doc.path.clone(), doc.file_name.clone(), text.into_bytes())
        })
        .collect();
    let again = scs_rules::check(&Corpus::from_documents("repo".into(), fixed), &scs_rules::Settings::default());
    assert!(!again.iter().any(|d| d.rule == "internal-error"), "a rule panicked after the fixes: {again:?}");
}

/// The docs site's model and pages of any repository: no panic, and every page path stays
/// inside the output folder (relative, no `..`, no empty or hidden component).
pub fn site(bytes: &[u8]) {
    let corpus = Corpus::from_documents("repo".into(), documents(bytes, Document::parse_metadata));
    let site = scs_site::Site::build(&corpus, "2025-01-01");
    let (pages, _) = scs_site::render(&site, &scs_site::Templates::builtin());
    for page in pages {
        let path = std::path::Path::new(&page.path);
        assert!(path.is_relative() && !page.path.contains('\\'), "{}", page.path);
        for part in path.components() {
            let std::path::Component::Normal(name) = part else { panic!("{} leaves the folder", page.path) };
            let name = name.to_string_lossy();
            assert!(!name.is_empty() && !name.starts_with('.'), "{}", page.path);
        }
    }
}

/// The language server's framing on any bytes: every frame is read or refused without a
/// panic, reading ends, and every body is decoded or answered with an error.
pub fn lsp_frames(bytes: &[u8]) {
    use scs_lsp::transport::{Frame, FrameReader, decode};
    let mut frames = FrameReader::new(bytes, 4096);
    // Each frame consumes input; the bound only guards the property itself.
    for _ in 0..=bytes.len() {
        match frames.next_frame() {
            Ok(Frame::Body(body)) => {
                assert!(body.len() <= 4096);
                if let Err(answer) = decode(&body) {
                    assert!(answer["error"]["code"].is_i64(), "{answer}");
                }
            }
            Ok(Frame::Broken(_)) => {}
            Ok(Frame::End) | Err(_) => return,
        }
    }
    panic!("the frame reader did not reach the end of {} bytes", bytes.len());
}

/// The human renderer on a small repository's findings: no panic whatever the columns, every
/// finding rendered, and its output bounded by its own texts and a window of the line (not by
/// the length of the lines it points into).
pub fn human(bytes: &[u8]) {
    let corpus = Corpus::from_documents("repo".into(), documents(bytes, Document::parse));
    let findings = scs_rules::check(&corpus, &scs_rules::Settings::default());
    let renderer = scs_render::human::Human::new(false);
    for finding in &findings {
        let mut out = String::new();
        renderer.diagnostic(&mut out, &corpus, &finding.path, finding);
        let own: usize = finding.message.len()
            + finding.help.as_ref().map_or(0, String::len)
            + finding
                .labels
                .iter()
                .map(|l| l.message.len() + l.path.as_ref().map_or(0, String::len) + 2_000)
                .sum::<usize>();
        // Box drawing, the file name, and at most a few short lines or one window of a long one.
        let bound = 4 * own + 16 * finding.path.len() + 40_000;
        assert!(out.len() <= bound, "{} bytes for one finding ({bound} allowed): {finding:?}", out.len());
    }
}

/// The language server's handlers on a small repository, in process: definition, references,
/// hover, document links, symbols, completion and code actions at positions taken from the
/// input, without a panic, with every range inside its file.
pub fn lsp_handlers(bytes: &[u8]) {
    use lsp_types::{
        CodeActionContext, CodeActionParams, CompletionParams, DocumentLinkParams, DocumentSymbolParams,
        GotoDefinitionParams, HoverParams, Position, Range, ReferenceContext, ReferenceParams, TextDocumentIdentifier,
        TextDocumentPositionParams,
    };
    use scs_lsp::{actions, completion, navigation, position::Encoding, workspace::Workspace};
    let root = std::path::PathBuf::from("/scs-fuzz-root");
    let corpus = Corpus::from_documents(root.clone(), documents(bytes, Document::parse));
    // Positions from the input's first bytes; every encoding in turn.
    let numbers: Vec<u32> = bytes.iter().take(8).map(|&b| u32::from(b)).collect();
    let at = |i: usize| numbers.get(i).copied().unwrap_or(0);
    for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
        let workspace = Workspace::in_memory(root.clone(), corpus.clone(), encoding);
        for doc in &corpus.documents {
            let Some(uri) = workspace.uri_of(&doc.path) else { continue };
            let id = TextDocumentIdentifier::new(uri.clone());
            let position = Position::new(at(0) % 16, at(1) * 3);
            let here = TextDocumentPositionParams::new(id.clone(), position);
            let _ = navigation::definition(
                &workspace,
                &GotoDefinitionParams {
                    text_document_position_params: here.clone(),
                    work_done_progress_params: Default::default(),
                    partial_result_params: Default::default(),
                },
            );
            let _ = navigation::hover(
                &workspace,
                &HoverParams {
                    text_document_position_params: here.clone(),
                    work_done_progress_params: Default::default(),
                },
            );
            let _ = navigation::references(
                &workspace,
                &ReferenceParams {
                    text_document_position: here.clone(),
                    work_done_progress_params: Default::default(),
                    partial_result_params: Default::default(),
                    context: ReferenceContext { include_declaration: true },
                },
            );
            let _ = navigation::document_links(
                &workspace,
                &DocumentLinkParams {
                    text_document: id.clone(),
                    work_done_progress_params: Default::default(),
                    partial_result_params: Default::default(),
                },
            );
            let _ = navigation::document_symbols(
                &workspace,
                &DocumentSymbolParams {
                    text_document: id.clone(),
                    work_done_progress_params: Default::default(),
                    partial_result_params: Default::default(),
                },
            );
            let _ = completion::complete(
                &workspace,
                &CompletionParams {
                    text_document_position: here.clone(),
                    work_done_progress_params: Default::default(),
                    partial_result_params: Default::default(),
                    context: None,
                },
            );
            let range = Range::new(Position::new(0, 0), Position::new(at(2) % 64 + 1, at(3)));
            let actions = actions::code_actions(
                &workspace,
                &CodeActionParams {
                    text_document: id,
                    range,
                    context: CodeActionContext { diagnostics: Vec::new(), only: None, trigger_kind: None },
                    work_done_progress_params: Default::default(),
                    partial_result_params: Default::default(),
                },
            );
            // Every edit lies inside the file it edits.
            let lines = doc.text.split_inclusive(['\n', '\r']).count() as u32 + 1;
            for action in actions.into_iter().flatten() {
                let lsp_types::CodeActionOrCommand::CodeAction(action) = action else { continue };
                for edits in action.edit.and_then(|e| e.changes).into_iter().flat_map(|c| c.into_values()) {
                    for edit in edits {
                        assert!(edit.range.start <= edit.range.end && edit.range.end.line <= lines, "{edit:?}");
                    }
                }
            }
        }
    }
}

//! Going from a reference to its document and back: definition, references, hover, document
//! links and the headings as symbols. A reference is an entry of `replaces`, `replaced_by` or
//! `supplements`, a link in any form the site renders, or a certificate scope's module `url`;
//! each is resolved exactly as the link rules of `scs check` resolve it.

use lsp_types::{
    DocumentLink, DocumentLinkParams, DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse,
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location, MarkupContent,
    MarkupKind, Range, ReferenceParams, SymbolKind, Uri,
};
use scs_core::{Document, LinkForm, Span};
use scs_rules::links::{self, Target};

use super::workspace::{LinesCache, Workspace};

/// A reference found at a place of a file: what it names, and where it is written.
pub struct Reference<'a> {
    pub target: &'a Document,
    pub fragment: Option<String>,
    pub span: Span,
}

/// The file names in the reference lists (`replaces`, `replaced_by`, `supplements`) of `doc`.
pub fn reference_entries(doc: &Document) -> Vec<(&str, Span)> {
    scs_core::model::REFERENCE_KEYS.iter().filter_map(|key| doc.entry(key)).flat_map(|e| e.value.items()).collect()
}

/// Every reference written in the file at `rel`.
pub fn references_in<'a>(workspace: &'a Workspace, rel: &str) -> Vec<Reference<'a>> {
    let corpus = &workspace.corpus;
    let mut out = Vec::new();
    if let Some(doc) = corpus.by_path(rel) {
        for (name, span) in reference_entries(doc) {
            if let Some(target) = corpus.by_file_name(name) {
                out.push(Reference { target, fragment: None, span });
            }
        }
        for link in &doc.body.links {
            match links::resolve(corpus, &workspace.settings, rel, &link.destination) {
                Target::Document { doc: target, fragment } => out.push(Reference { target, fragment, span: link.span }),
                Target::SameDocument { fragment } => {
                    out.push(Reference { target: doc, fragment: Some(fragment), span: link.span });
                }
                _ => {}
            }
        }
    } else if let Some(scope) = corpus.scopes.iter().find(|s| s.path == rel) {
        for module in &scope.view().modules {
            let Some(url) = module.url else { continue };
            if let Target::Document { doc: target, fragment } =
                links::resolve(corpus, &workspace.settings, rel, url.text)
            {
                out.push(Reference { target, fragment, span: url.span });
            }
        }
    }
    out
}

/// The reference at `uri`'s `position`, if there is one.
fn reference_at<'a>(
    workspace: &'a Workspace,
    uri: &Uri,
    position: lsp_types::Position,
) -> Option<(String, Reference<'a>)> {
    let rel = workspace.rel_path(uri)?;
    let offset = workspace.lines(&rel)?.offset(position);
    let found = references_in(workspace, &rel).into_iter().find(|r| r.span.start <= offset && offset <= r.span.end)?;
    Some((rel, found))
}

/// Where `span` of `rel` is; `lines` holds each file's line index, built once per request.
fn location(workspace: &Workspace, lines: &mut LinesCache, rel: &str, span: Span) -> Option<Location> {
    workspace.text(rel)?;
    Some(Location { uri: workspace.uri_of(rel)?, range: lines.get(rel).range(span) })
}

pub fn definition(workspace: &Workspace, params: &GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let at = &params.text_document_position_params;
    let (_, reference) = reference_at(workspace, &at.text_document.uri, at.position)?;
    let target = reference.target;
    let heading = reference.fragment.as_deref().and_then(|f| target.body.heading(f)).map(|h| h.span);
    let span = heading.unwrap_or_default();
    location(workspace, &mut LinesCache::new(workspace), &target.path, span).map(GotoDefinitionResponse::Scalar)
}

/// Every place that names the document at the position (or, elsewhere in a document, the
/// document itself): front matter, links and certificate scopes.
pub fn references(workspace: &Workspace, params: &ReferenceParams) -> Option<Vec<Location>> {
    let at = &params.text_document_position;
    let target_path = match reference_at(workspace, &at.text_document.uri, at.position) {
        Some((_, r)) => r.target.path.clone(),
        None => workspace.rel_path(&at.text_document.uri).filter(|r| workspace.corpus.by_path(r).is_some())?,
    };
    let corpus = &workspace.corpus;
    let files = corpus.documents.iter().map(|d| d.path.clone()).chain(corpus.scopes.iter().map(|s| s.path.clone()));
    let mut out = Vec::new();
    let mut lines = LinesCache::new(workspace);
    for rel in files {
        for reference in references_in(workspace, &rel) {
            if reference.target.path == target_path && !(reference.target.path == rel && reference.fragment.is_some()) {
                out.extend(location(workspace, &mut lines, &rel, reference.span));
            }
        }
    }
    Some(out)
}

/// The target's title, type, track, status, state today and `replaced_by`.
pub fn hover(workspace: &Workspace, params: &HoverParams) -> Option<Hover> {
    let at = &params.text_document_position_params;
    let (rel, reference) = reference_at(workspace, &at.text_document.uri, at.position)?;
    let doc = reference.target;
    let text = |key: &str| doc.entry(key).and_then(|e| e.value.as_str()).map(|s| s.trim().to_owned());
    let today = scs_repository::today(None).map(|d| d.to_string()).unwrap_or_default();
    let state = match scs_core::LifecycleState::of(doc, &today) {
        scs_core::LifecycleState::Draft => "draft".to_owned(),
        scs_core::LifecycleState::Effective { stabilized_later: true, .. } => {
            "stable, effective only from its stabilized_at".into()
        }
        scs_core::LifecycleState::Effective { deprecated_later: true, .. } => "effective, deprecation scheduled".into(),
        scs_core::LifecycleState::Effective { .. } => "effective".into(),
        scs_core::LifecycleState::Deprecated => "deprecated".into(),
        scs_core::LifecycleState::Rejected => "rejected".into(),
    };
    let replaced_by: Vec<String> = doc
        .entry("replaced_by")
        .map(|e| e.value.items())
        .unwrap_or_default()
        .iter()
        .map(|(n, _)| format!("`{n}`"))
        .collect();
    let mut value = format!(
        "**{}** — `{}`\n\n{} · track {} · status {} · {} today ({today})",
        text("title").unwrap_or_else(|| doc.file_name.clone()),
        doc.file_name,
        text("type").unwrap_or_else(|| "no type".into()),
        text("track").unwrap_or_else(|| "none".into()),
        text("status").unwrap_or_else(|| "none".into()),
        state,
    );
    if !replaced_by.is_empty() {
        value.push_str(&format!("\n\nreplaced by {}", replaced_by.join(", ")));
    }
    let range = workspace.lines(&rel).map(|l| l.range(reference.span));
    Some(Hover { contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }), range })
}

/// Links to documents written as docs-site or GitHub URLs (not plain relative paths), as
/// links to the files.
pub fn document_links(workspace: &Workspace, params: &DocumentLinkParams) -> Option<Vec<DocumentLink>> {
    let rel = workspace.rel_path(&params.text_document.uri)?;
    let doc = workspace.corpus.by_path(&rel)?;
    let lines = workspace.lines(&rel)?;
    let mut out = Vec::new();
    for link in doc.body.links.iter().filter(|l| l.destination.contains("://") || l.form == LinkForm::Literal) {
        if let Target::Document { doc: target, fragment } =
            links::resolve(&workspace.corpus, &workspace.settings, &rel, &link.destination)
        {
            let tooltip = match &fragment {
                Some(f) => format!("{}#{f}", target.file_name),
                None => target.file_name.clone(),
            };
            out.push(DocumentLink {
                range: lines.range(link.span),
                target: workspace.uri_of(&target.path),
                tooltip: Some(tooltip),
                data: None,
            });
        }
    }
    Some(out)
}

/// The most symbols answered for one document: an outline of more helps no one, and each
/// costs the client a tree node (100,000 headings were a gigabyte on both sides).
pub const MAX_SYMBOLS: usize = 5_000;

/// Characters of a heading shown as a symbol's name.
const MAX_SYMBOL_NAME: usize = 200;

/// The headings of a document, in order (at most [`MAX_SYMBOLS`]).
pub fn document_symbols(workspace: &Workspace, params: &DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let rel = workspace.rel_path(&params.text_document.uri)?;
    let doc = workspace.corpus.by_path(&rel)?;
    let lines = workspace.lines(&rel)?;
    let name = |text: &str| match text.char_indices().nth(MAX_SYMBOL_NAME) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    };
    #[allow(deprecated)]
    let symbols = doc
        .body
        .headings
        .iter()
        .take(MAX_SYMBOLS)
        .map(|h| {
            let range: Range = lines.range(h.span);
            DocumentSymbol {
                name: if h.text.is_empty() { "(empty heading)".into() } else { name(&h.text) },
                detail: Some(format!("#{}", name(&h.anchor))),
                kind: SymbolKind::STRING,
                tags: None,
                deprecated: None,
                range,
                selection_range: range,
                children: None,
            }
        })
        .collect();
    Some(DocumentSymbolResponse::Nested(symbols))
}

//! Completion where SCS knows the answer: the values of `type`, `status` and `track`, the
//! front-matter keys, document file names in `replaces`/`replaced_by`/`supplements` and in link
//! targets, and heading anchors after `#` in a link target.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse};
use scs_core::{DocType, Status, Track};

use super::workspace::Workspace;

/// The keys SCS-0001 and the docs site use: the title and description, then SCS-0001's table.
fn keys() -> impl Iterator<Item = &'static str> {
    ["title", "description"].into_iter().chain(scs_core::model::METADATA_KEYS.iter().copied())
}

pub fn complete(workspace: &Workspace, params: &CompletionParams) -> Option<CompletionResponse> {
    let at = &params.text_document_position;
    let rel = workspace.rel_path(&at.text_document.uri)?;
    let doc = workspace.corpus.by_path(&rel)?;
    let text = workspace.text(&rel)?;
    let offset = workspace.lines(&rel)?.offset(at.position);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    let in_front_matter = match (doc.front_matter_open, doc.front_matter_close) {
        (Some(open), Some(close)) => offset > open.end && offset <= close.start,
        (Some(open), None) => offset > open.end,
        _ => false,
    };
    let items =
        if in_front_matter { front_matter(workspace, text, line_start, line) } else { body(workspace, &rel, line) };
    Some(CompletionResponse::Array(items))
}

fn items(labels: impl IntoIterator<Item = String>, kind: CompletionItemKind) -> Vec<CompletionItem> {
    labels.into_iter().map(|label| CompletionItem { label, kind: Some(kind), ..CompletionItem::default() }).collect()
}

fn front_matter(workspace: &Workspace, text: &str, line_start: usize, line: &str) -> Vec<CompletionItem> {
    let values: Option<Vec<&str>> = match line.split_once(':').map(|(k, _)| k.trim()) {
        Some("type") => Some(DocType::ALL.iter().map(|t| t.as_str()).collect()),
        // `Proposal` is the obsolete spelling of `Draft`: never offered.
        Some("status") => Some(Status::ALL.iter().filter(|s| **s != Status::Proposal).map(|s| s.as_str()).collect()),
        Some("track") => Some(Track::ALL.iter().map(|t| t.as_str()).collect()),
        _ => None,
    };
    if let Some(values) = values {
        return items(values.into_iter().map(str::to_owned), CompletionItemKind::ENUM_MEMBER);
    }
    // The key this line belongs to: its own, or (for `  - …`) the last key above it.
    let key = if line.starts_with([' ', '-']) {
        text[..line_start].lines().rev().find(|l| !l.starts_with([' ', '-', '#']) && !l.trim().is_empty())
    } else {
        Some(line)
    };
    let key = key.and_then(|l| l.split_once(':').map(|(k, _)| k.trim()));
    if matches!(key, Some("replaces" | "replaced_by" | "supplements")) {
        return document_names(workspace);
    }
    if !line.contains(':') {
        return items(keys().map(str::to_owned), CompletionItemKind::PROPERTY)
            .into_iter()
            .map(|item| CompletionItem { insert_text: Some(format!("{}: ", item.label)), ..item })
            .collect();
    }
    Vec::new()
}

fn document_names(workspace: &Workspace) -> Vec<CompletionItem> {
    let names = workspace.corpus.documents.iter().map(|d| d.file_name.clone());
    let mut out = items(names, CompletionItemKind::FILE);
    for (item, doc) in out.iter_mut().zip(&workspace.corpus.documents) {
        item.detail = doc.entry("title").and_then(|e| e.value.as_str()).map(str::to_owned);
    }
    out
}

/// In the body: inside a link target `](…`, file names, or after `#` the anchors of the
/// target document (or of this one, for `](#…`).
fn body(workspace: &Workspace, rel: &str, line: &str) -> Vec<CompletionItem> {
    let Some(open) = line.rfind("](") else { return Vec::new() };
    let target = &line[open + 2..];
    if target.contains(')') {
        return Vec::new();
    }
    match target.split_once('#') {
        Some((file, _)) => {
            let doc = if file.is_empty() {
                workspace.corpus.by_path(rel)
            } else {
                workspace.corpus.by_file_name(file.rsplit('/').next().unwrap_or(file))
            };
            let anchors = doc.map(|d| d.body.headings.iter().map(|h| h.anchor.clone()).collect::<Vec<_>>());
            items(anchors.unwrap_or_default(), CompletionItemKind::REFERENCE)
        }
        None => document_names(workspace),
    }
}

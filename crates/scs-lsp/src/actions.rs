//! Code actions: the quick fix of every finding `--fix` can fix (exactly its edits, made by
//! scs-core's front-matter editor), "ignore here" for every finding (an `scs-ignore` comment
//! with a reason to fill in), and `source.fixAll.scs` (every fix `--fix` would write).

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit};
use scs_core::Span;

use super::workspace::Workspace;

/// The kind of the action that applies every safe fix of a file.
pub const FIX_ALL: &str = "source.fixAll.scs";

pub fn code_actions(workspace: &Workspace, params: &CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let uri = &params.text_document.uri;
    let rel = workspace.rel_path(uri)?;
    let text = workspace.text(&rel)?;
    let lines = workspace.lines(&rel)?;
    let (from, to) = (lines.offset(params.range.start), lines.offset(params.range.end));
    let wants = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
    };
    let findings: Vec<scs_rules::Diagnostic> = workspace.findings().into_iter().filter(|d| d.path == rel).collect();
    let mut actions = Vec::new();
    // Line indexes, built once for the request (not once per finding).
    let mut cache = super::workspace::LinesCache::new(workspace);
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let quickfix = CodeActionKind::QUICKFIX;
    if wants(&quickfix) {
        // As many findings as are published for a file: an action for a finding the editor
        // does not show helps no one, and tens of thousands made an answer of megabytes.
        let touching = findings.iter().filter(|finding| {
            let span = finding.span.unwrap_or_default();
            span.start <= to && from <= span.end || finding.span.is_none()
        });
        for finding in touching.take(super::workspace::MAX_DIAGNOSTICS) {
            let diagnostic = workspace.to_lsp(finding, &mut cache);
            if let Some(fix) = &finding.fix {
                let edits =
                    fix.edits.iter().map(|e| TextEdit { range: lines.range(e.span), new_text: e.replacement.clone() });
                actions.push(action(
                    &fix.description,
                    quickfix.clone(),
                    uri,
                    edits.collect(),
                    Some(diagnostic.clone()),
                    true,
                ));
            }
            let (at, comment) = ignore_comment(workspace, &lines, &rel, text.len(), nl, finding);
            let edit = TextEdit { range: lines.range(Span::at(at)), new_text: comment };
            let title = format!("Ignore {} here (scs-ignore, give the reason)", finding.rule);
            actions.push(action(&title, quickfix.clone(), uri, vec![edit], Some(diagnostic), false));
        }
    }
    let fix_all = CodeActionKind::new(FIX_ALL);
    if wants(&fix_all) && params.context.only.is_some() {
        let fixes: Vec<&scs_rules::Fix> = findings.iter().filter_map(|d| d.fix.as_ref()).collect();
        let (fixed, applied) = scs_rules::fix::apply(text, fixes);
        if applied > 0 {
            let whole = TextEdit { range: lines.range(Span::new(0, text.len())), new_text: fixed };
            actions.push(action("Fix all safe scs findings", fix_all, uri, vec![whole], None, false));
        }
    }
    Some(actions)
}

fn action(
    title: &str,
    kind: CodeActionKind,
    uri: &Uri,
    edits: Vec<TextEdit>,
    diagnostic: Option<lsp_types::Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.to_owned(),
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// Where the `scs-ignore` comment for `finding` goes, and the comment: for a finding in the
/// front matter or about the whole file, at the top of the body (where a comment covers
/// both); else on its own line before the finding's line (where it covers the next line).
fn ignore_comment(
    workspace: &Workspace,
    lines: &super::position::Lines,
    rel: &str,
    len: usize,
    nl: &str,
    finding: &scs_rules::Diagnostic,
) -> (usize, String) {
    let comment = format!("<!-- scs-ignore {}: reason -->{nl}", finding.rule);
    let body_start = workspace.corpus.by_path(rel).map_or(0, |d| d.body_start);
    match finding.span {
        Some(span) if span.start >= body_start => (lines.line_start_of(span.start), comment),
        _ => (body_start.min(len), comment),
    }
}

//! Applying the suppression comments after the checks: the findings they cover are dropped,
//! and comments without a reason, naming an unknown rule or matching nothing are reported
//! (the rules `invalid-suppression` and `unused-suppression`, declared in
//! `rules/suppression.rs`).

use std::collections::HashMap;

use scs_core::{Document, LineIndex, Span};

use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Reporter, Rule};
use crate::rules::suppression::{InvalidSuppression, UnusedSuppression};

/// A suppression's reach: the findings of its rules on one line, or in the document's head.
struct Reach<'a> {
    rules: Vec<&'a str>,
    line: Option<usize>,
    head: bool,
    span: Span,
    used: bool,
    /// Whether what it covers names a document whose metadata cannot be read: the finding it
    /// suppresses may then be missing for that reason, not because it is gone.
    names_unreadable: bool,
}

/// Drops the findings that suppression comments cover, and adds findings about the comments.
pub fn apply(cx: Context, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut by_path: HashMap<&str, Vec<Reach>> = HashMap::new();
    // Documents whose suppressions can be judged unused: see `metadata_readable`.
    let mut judged: HashMap<&str, bool> = HashMap::new();
    let mut added = Vec::new();
    let invalid = cx.settings.severity(InvalidSuppression.meta());
    for doc in cx.corpus.documents.iter().filter(|d| !d.body.suppressions.is_empty()) {
        let index = LineIndex::new(&doc.text);
        let mut reaches = Vec::new();
        for s in &doc.body.suppressions {
            let mut report = |message: String| {
                if let Some(severity) = invalid {
                    Reporter::new(InvalidSuppression.meta(), severity, &mut added).report(doc, Some(s.span), message);
                }
            };
            if s.reason.is_none() {
                report("this suppression gives no reason, so it suppresses nothing; write `<!-- scs-ignore RULE: reason -->`".into());
                continue;
            }
            let mut rules = Vec::new();
            for rule in &s.rules {
                match crate::registry::find(rule) {
                    Some(meta) => rules.push(meta.id),
                    None => report(match crate::registry::suggest(rule, false) {
                        Some(suggestion) => format!("there is no rule `{rule}` to suppress; {suggestion}"),
                        None => format!("there is no rule `{rule}` to suppress"),
                    }),
                }
            }
            if rules.is_empty() {
                continue;
            }
            let (line, head) = target(doc, &index, s.span);
            let names_unreadable = names_unreadable(cx, doc, &index, line, head);
            reaches.push(Reach { rules, line, head, span: s.span, used: false, names_unreadable });
        }
        by_path.insert(&doc.path, reaches);
        judged.insert(&doc.path, metadata_readable(doc));
    }
    if by_path.is_empty() {
        return diagnostics;
    }
    let mut indexes: HashMap<&str, LineIndex> = HashMap::new();
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let Some(reaches) = by_path.get_mut(d.path.as_str()) else {
            kept.push(d);
            continue;
        };
        let doc = cx.corpus.by_path(&d.path);
        let in_head = match (d.span, doc) {
            (None, _) => true,
            (Some(span), Some(doc)) => span.start < doc.body_start,
            (Some(_), None) => false,
        };
        let line = match (d.span, doc) {
            (Some(span), Some(doc)) => {
                let index = indexes.entry(doc.path.as_str()).or_insert_with(|| LineIndex::new(&doc.text));
                Some(index.line_col(&doc.text, span.start).line)
            }
            _ => None,
        };
        let covering = reaches.iter_mut().find(|r| {
            r.rules.contains(&d.rule) && ((r.head && in_head) || (r.line.is_some() && r.line == line && !in_head))
        });
        match covering {
            Some(reach) => reach.used = true,
            None => kept.push(d),
        }
    }
    if let Some(severity) = cx.settings.severity(UnusedSuppression.meta()) {
        for (path, reaches) in by_path.iter().filter(|(path, _)| judged.get(*path) == Some(&true)) {
            for r in reaches.iter().filter(|r| !r.used && !r.names_unreadable) {
                Reporter::new(UnusedSuppression.meta(), severity, &mut added).report_path(
                    path,
                    Some(r.span),
                    format!("this suppression of {} matches no finding", r.rules.join(", ")),
                );
            }
        }
    }
    kept.extend(added);
    kept
}

/// Whether the metadata that decides which rules apply can be read: front matter, `status`,
/// `type` and `track`. When it cannot (`status: Stabel`), rules that depend on it do not run
/// and their suppressions match nothing; calling them unused would add a follow-on finding to
/// the one typo, so they are judged again once the document is readable.
fn metadata_readable(doc: &Document) -> bool {
    doc.front_matter.is_some() && doc.status().is_some() && doc.doc_type().is_some() && doc.track().is_some()
}

/// Whether the place a suppression covers names a document whose metadata cannot be read: a
/// link on its line, or (in the head) an entry of `replaces`, `replaced_by` or `supplements`.
fn names_unreadable(cx: Context, doc: &Document, index: &LineIndex, line: Option<usize>, head: bool) -> bool {
    let unreadable = |target: &Document| target.path != doc.path && !metadata_readable(target);
    if head {
        return ["replaces", "replaced_by", "supplements"].iter().filter_map(|key| doc.entry(key)).any(|entry| {
            entry.value.items().into_iter().any(|(name, _)| cx.corpus.by_file_name(name).is_some_and(unreadable))
        });
    }
    let Some(line) = line else { return false };
    doc.body.links.iter().filter(|l| index.line_col(&doc.text, l.span.start).line == line).any(|link| {
        matches!(
            crate::links::resolve(cx.corpus, cx.settings, &doc.path, &link.destination),
            crate::links::Target::Document { doc: target, .. } if unreadable(target)
        )
    })
}

/// The line a suppression covers (the next line with text that is not itself a comment), and
/// whether it stands in the head of the body, before any text.
fn target(doc: &Document, index: &LineIndex, span: Span) -> (Option<usize>, bool) {
    let head = doc.text[doc.body_start..span.start.max(doc.body_start)]
        .lines()
        .all(|l| l.trim().is_empty() || is_comment_line(l));
    let after = &doc.text[span.end.min(doc.text.len())..];
    let first_line = index.line_col(&doc.text, span.end).line;
    let line = after
        .lines()
        .enumerate()
        .skip(1)
        .find(|(_, l)| !l.trim().is_empty() && !is_comment_line(l))
        .map(|(i, _)| first_line + i);
    (line, head)
}

fn is_comment_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

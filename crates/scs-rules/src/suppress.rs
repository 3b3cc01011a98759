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
    // Which reach covers a finding: the first of its rule in the head, or on its line.
    let mut covers: HashMap<(&str, &str, Place), usize> = HashMap::new();
    for doc in cx.corpus.documents.iter().filter(|d| !d.body.suppressions.is_empty()) {
        let index = LineIndex::new(&doc.text);
        let lines = BodyLines::new(doc, &index);
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
            let (line, head) = lines.target(s.span);
            let names_unreadable = names_unreadable(cx, doc, &lines, line, head);
            for rule in &rules {
                let place = if head { Place::Head } else { Place::Line(line.unwrap_or(0)) };
                if head || line.is_some() {
                    covers.entry((doc.path.as_str(), rule, place)).or_insert(reaches.len());
                }
            }
            reaches.push(Reach { rules, span: s.span, used: false, names_unreadable });
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
        let place = match (in_head, line) {
            (true, _) => Some(Place::Head),
            (false, Some(line)) => Some(Place::Line(line)),
            (false, None) => None,
        };
        match place.and_then(|place| covers.get(&(d.path.as_str(), d.rule, place))) {
            Some(&i) => reaches[i].used = true,
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
fn names_unreadable(cx: Context, doc: &Document, lines: &BodyLines, line: Option<usize>, head: bool) -> bool {
    let unreadable = |target: &Document| target.path != doc.path && !metadata_readable(target);
    if head {
        return scs_core::model::REFERENCE_KEYS.iter().filter_map(|key| doc.entry(key)).any(|entry| {
            entry.value.items().into_iter().any(|(name, _)| cx.corpus.by_file_name(name).is_some_and(unreadable))
        });
    }
    let Some(line) = line else { return false };
    lines.links_on(line).any(|link| {
        matches!(
            crate::links::resolve(cx.corpus, cx.settings, &doc.path, &link.destination),
            crate::links::Target::Document { doc: target, .. } if unreadable(target)
        )
    })
}

/// Where a suppression reaches: the head of the body, or one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    Head,
    Line(usize),
}

/// The lines of one document as the suppressions need them, computed in one pass each, so
/// that thousands of suppressions cost linear time: where the head of the body ends, the next
/// line with text after each line, and the links by line.
struct BodyLines<'a> {
    doc: &'a Document,
    index: &'a LineIndex,
    /// The offset where the first line of the body with text (not a comment) starts.
    head_end: usize,
    /// For each 1-based line (index 0 unused): the first line at or after it with text that
    /// is not itself a comment.
    next_text: Vec<Option<usize>>,
    /// The links of the body, by the 1-based line they start on.
    links: std::cell::OnceCell<HashMap<usize, Vec<usize>>>,
}

impl<'a> BodyLines<'a> {
    fn new(doc: &'a Document, index: &'a LineIndex) -> Self {
        let text = &doc.text;
        // The line starts the index already has (1-based lines).
        let starts: Vec<usize> = (1..).map_while(|line| index.line_start(line)).collect();
        let mut next_text = vec![None; starts.len() + 1];
        let mut head_end = text.len();
        for (i, &start) in starts.iter().enumerate().rev() {
            let end = starts.get(i + 1).map_or(text.len(), |&next| next);
            let line = &text[start..end];
            let is_text = !line.trim().is_empty() && !is_comment_line(line);
            next_text[i + 1] = if is_text { Some(i + 1) } else { next_text.get(i + 2).copied().flatten() };
            if is_text && end > doc.body_start {
                head_end = start.max(doc.body_start);
            }
        }
        Self { doc, index, head_end, next_text, links: std::cell::OnceCell::new() }
    }

    /// The line a suppression covers (the next line with text that is not itself a comment),
    /// and whether it stands in the head of the body, before any text.
    fn target(&self, span: Span) -> (Option<usize>, bool) {
        let head = span.start.max(self.doc.body_start) <= self.head_end;
        let first_line = self.index.line_col(&self.doc.text, span.end).line;
        let line = self.next_text.get(first_line + 1).copied().flatten();
        (line, head)
    }

    fn links_on(&self, line: usize) -> impl Iterator<Item = &'a scs_core::Link> + '_ {
        let by_line = self.links.get_or_init(|| {
            let mut by_line: HashMap<usize, Vec<usize>> = HashMap::new();
            for (i, link) in self.doc.body.links.iter().enumerate() {
                by_line.entry(self.index.line_col(&self.doc.text, link.span.start).line).or_default().push(i);
            }
            by_line
        });
        let links = &self.doc.body.links;
        by_line.get(&line).into_iter().flatten().map(move |&i| &links[i])
    }
}

fn is_comment_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

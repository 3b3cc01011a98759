//! The one editor of front matter: minimal text edits that set a value, add to a list, turn a
//! string into a list or rename a reference, used by `--fix`, the authoring commands and the
//! editor integration. Everything it does not touch stays byte for byte: comments, quoting of
//! other values, key order, blank lines, line endings and a byte-order mark. Edits that
//! overlap are refused, never merged by guesswork.

use crate::document::Document;
use crate::span::Span;
use crate::yaml::{Entry, ScalarStyle, ValueKind};

/// Replace `span` of a text with `replacement` (an insertion when `span` is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// Why a set of edits cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("two edits overlap at bytes {}..{} and {}..{}", .0.start, .0.end, .1.start, .1.end)]
    Overlap(Span, Span),
    #[error("an edit at bytes {}..{} lies outside the text or inside a character", .0.start, .0.end)]
    OutOfText(Span),
    #[error("the document has no closed front matter to add `{0}` to")]
    NoFrontMatter(String),
}

/// Applies `edits` to `text`. Insertions at the same place keep the order they are given in;
/// overlapping edits are refused.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut order: Vec<&Edit> = edits.iter().collect();
    // Stable: insertions at one offset stay in the order given.
    order.sort_by_key(|e| (e.span.start, e.span.end));
    for edit in &order {
        let span = edit.span;
        if span.start > span.end
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return Err(EditError::OutOfText(span));
        }
    }
    for pair in order.windows(2) {
        let (a, b) = (pair[0].span, pair[1].span);
        if b.start < a.end || (a.start == b.start && !a.is_empty() && !b.is_empty()) {
            return Err(EditError::Overlap(a, b));
        }
    }
    let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.replacement.len()).sum::<usize>());
    let mut at = 0;
    for edit in order {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// Edits planned on one document's front matter.
pub struct FrontMatterEditor<'a> {
    doc: &'a Document,
    edits: Vec<Edit>,
    /// `key: value` lines to insert before the closing `---`, in order.
    appended: Vec<String>,
}

impl<'a> FrontMatterEditor<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Self { doc, edits: Vec::new(), appended: Vec::new() }
    }

    fn edit(&mut self, span: Span, replacement: String) {
        self.edits.push(Edit { span, replacement });
    }

    /// The line ending of the line at `at`: the file's own, also in files that mix them.
    fn newline_at(&self, at: usize) -> &'static str {
        let text = &self.doc.text;
        let line = text[at.min(text.len())..].split('\n').next().unwrap_or_default();
        if line.ends_with('\r') { "\r\n" } else { "\n" }
    }

    /// The line ending of the front matter's opening line, for new lines.
    fn newline(&self) -> &'static str {
        self.newline_at(self.doc.front_matter_open.map_or(0, |s| s.start))
    }

    /// Sets `key` to the plain scalar `value`: replaces the value in place (with its quotes),
    /// or adds a `key: value` line.
    pub fn set(&mut self, key: &str, value: &str) {
        match self.doc.entry(key) {
            Some(entry) if matches!(entry.value.kind, ValueKind::Scalar { .. }) && !entry.value.is_null() => {
                self.edit(entry.value.span, value.to_owned());
            }
            Some(entry) => {
                // An empty or non-scalar value: replace from after the colon to the value's end.
                let colon = after_colon(&self.doc.text, entry.key_span);
                let end = entry.value.span.end.max(colon);
                self.edit(Span::new(colon, end), format!(" {value}"));
            }
            None => self.appended.push(format!("{key}: {value}")),
        }
    }

    /// Replaces the text of the scalar `key` inside its quotes, if it has any: `"Proposal"`
    /// becomes `"Draft"`. Returns whether `key` is a plain or quoted scalar it could edit.
    pub fn replace_scalar(&mut self, key: &str, value: &str) -> bool {
        let Some(entry) = self.doc.entry(key) else { return false };
        let ValueKind::Scalar { style, .. } = &entry.value.kind else { return false };
        let span = entry.value.span;
        let span = match style {
            ScalarStyle::Plain => span,
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted if span.len() >= 2 => {
                Span::new(span.start + 1, span.end - 1)
            }
            _ => return false,
        };
        self.edit(span, value.to_owned());
        true
    }

    /// `key: value` → `key:` and `  - value` on the next line, the value as written (quotes,
    /// trailing comment). Only a single-line plain or quoted scalar; returns whether it was.
    pub fn string_to_list(&mut self, key: &str) -> bool {
        let Some(entry) = self.doc.entry(key) else { return false };
        match self.scalar_to_list(entry, None) {
            Some(edit) => {
                self.edits.push(edit);
                true
            }
            None => false,
        }
    }

    /// The edit that writes the scalar of `entry` as a list item, followed by `extra`.
    fn scalar_to_list(&self, entry: &Entry, extra: Option<&str>) -> Option<Edit> {
        if !matches!(
            entry.value.kind,
            ValueKind::Scalar { style: ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted, .. }
        ) || entry.value.is_null()
        {
            return None;
        }
        let text = &self.doc.text;
        let colon = after_colon(text, entry.key_span);
        // Only a value on the key's own line: a multi-line plain scalar is left alone. (A value
        // that does not follow its colon is never edited: the spans would not be trusted.)
        let between = text.get(colon..entry.value.span.start)?;
        if between.contains('\n') || text.get(entry.value.span.range())?.contains('\n') {
            return None;
        }
        let nl = self.newline_at(entry.key_span.start);
        let value = &text[entry.value.span.range()];
        let extra = extra.map(|item| format!("{nl}  - {item}")).unwrap_or_default();
        Some(Edit { span: Span::new(colon, entry.value.span.end), replacement: format!("{nl}  - {value}{extra}") })
    }

    /// Adds `item` to the list `key` unless it is there already: appends to a block or flow
    /// list in its own style, turns a single string into a list, or adds the key.
    pub fn add_to_list(&mut self, key: &str, item: &str) {
        let Some(entry) = self.doc.entry(key) else {
            let nl = self.newline();
            self.appended.push(format!("{key}:{nl}  - {item}"));
            return;
        };
        let text = &self.doc.text;
        let nl = self.newline_at(entry.key_span.start);
        match &entry.value.kind {
            ValueKind::Sequence(items) => {
                if items.iter().any(|i| i.as_str().map(str::trim) == Some(item)) {
                    return;
                }
                let span = entry.value.span;
                if text[span.range()].starts_with('[') {
                    let close = span.end.saturating_sub(1);
                    let sep = if items.is_empty() { "" } else { ", " };
                    self.edit(Span::at(close), format!("{sep}{item}"));
                } else if let Some(last) = items.last() {
                    let line_start = text[..last.span.start].rfind('\n').map_or(0, |i| i + 1);
                    let indent = text[line_start..last.span.start].to_owned();
                    let line_end = text[last.span.end..].find('\n').map_or(text.len(), |i| last.span.end + i);
                    // Before a `\r` that ends the line, so that the line keeps its ending.
                    let line_end = if text[..line_end].ends_with('\r') { line_end - 1 } else { line_end };
                    self.edit(Span::at(line_end), format!("{nl}{indent}{item}"));
                }
            }
            ValueKind::Scalar { text: existing, .. } if !entry.value.is_null() => {
                if existing.trim() == item {
                    return;
                }
                match self.scalar_to_list(entry, Some(item)) {
                    Some(edit) => self.edits.push(edit),
                    None => {
                        let colon = after_colon(text, entry.key_span);
                        let Some(original) =
                            text.get(entry.value.span.range()).filter(|_| colon <= entry.value.span.start)
                        else {
                            return;
                        };
                        let replacement = format!("{nl}  - {original}{nl}  - {item}");
                        self.edit(Span::new(colon, entry.value.span.end), replacement);
                    }
                }
            }
            _ => {
                let colon = after_colon(text, entry.key_span);
                self.edit(Span::new(colon, entry.value.span.end.max(colon)), format!("{nl}  - {item}"));
            }
        }
    }

    /// Replaces every entry naming `old` in the reference lists with `new`.
    pub fn rename_reference(&mut self, old: &str, new: &str) {
        for key in crate::model::REFERENCE_KEYS {
            let Some(entry) = self.doc.entry(key) else { continue };
            for (_, span) in entry.value.items().into_iter().filter(|(name, _)| *name == old) {
                // Inside the item as written: its quotes and comment stay.
                if let Some(at) = self.doc.text[span.range()].find(old) {
                    let start = span.start + at;
                    self.edit(Span::new(start, start + old.len()), new.to_owned());
                }
            }
        }
    }

    /// The planned edits, the added keys as one insertion before the closing `---` line.
    pub fn into_edits(mut self) -> Result<Vec<Edit>, EditError> {
        if !self.appended.is_empty() {
            let Some(close) = self.doc.front_matter_close else {
                return Err(EditError::NoFrontMatter(self.appended.join(", ")));
            };
            let nl = self.newline();
            let lines: String = self.appended.iter().map(|l| format!("{l}{nl}")).collect();
            self.edits.push(Edit { span: Span::at(close.start), replacement: lines });
        }
        Ok(self.edits)
    }

    /// The edited text.
    pub fn finish(self) -> Result<String, EditError> {
        let text = &self.doc.text;
        let edits = self.into_edits()?;
        apply(text, &edits)
    }
}

/// Offset right after the `:` of the key at `key_span`.
fn after_colon(text: &str, key_span: Span) -> usize {
    let Some(rest) = text.get(key_span.end..) else { return key_span.end };
    key_span.end + rest.find(':').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::parse("Standards/scs-0100-v1-a.md".into(), "scs-0100-v1-a.md".into(), text.as_bytes().to_vec())
    }

    const TEXT: &str = "---\ntitle: A # the title\nstatus: Draft  # still a draft\n\ntrack: IaaS\nreplaces: [a.md]\nsupplements:\n  - x.md # first\n---\n# Body\n";

    #[test]
    fn edits_keep_comments_order_and_blank_lines() {
        let d = doc(TEXT);
        let mut e = FrontMatterEditor::new(&d);
        e.set("status", "Stable");
        e.set("stabilized_at", "2026-12-01");
        e.add_to_list("replaces", "b.md");
        e.add_to_list("supplements", "y.md");
        e.add_to_list("replaced_by", "z.md");
        assert_eq!(
            e.finish().expect("edits"),
            "---\ntitle: A # the title\nstatus: Stable  # still a draft\n\ntrack: IaaS\nreplaces: [a.md, b.md]\nsupplements:\n  - x.md # first\n  - y.md\nstabilized_at: 2026-12-01\nreplaced_by:\n  - z.md\n---\n# Body\n"
        );
    }

    #[test]
    fn strings_become_lists_keeping_quotes_comments_and_line_endings() {
        let list = |text: &str, key: &str| {
            let d = doc(text);
            let mut e = FrontMatterEditor::new(&d);
            assert!(e.string_to_list(key));
            e.finish().expect("edits")
        };
        assert_eq!(
            list("---\nreplaces: a.md\ntrack: IaaS\n---\n", "replaces"),
            "---\nreplaces:\n  - a.md\ntrack: IaaS\n---\n"
        );
        assert_eq!(
            list("---\nreplaces: 'a.md'  # the old one\n---\n", "replaces"),
            "---\nreplaces:\n  - 'a.md'  # the old one\n---\n"
        );
        assert_eq!(list("---\r\nreplaces:   a.md \r\n---\r\n", "replaces"), "---\r\nreplaces:\r\n  - a.md \r\n---\r\n");
        let d = doc("---\nreplaces: [a.md]\nempty:\n---\n");
        let mut e = FrontMatterEditor::new(&d);
        assert!(!e.string_to_list("replaces") && !e.string_to_list("empty") && !e.string_to_list("missing"));
    }

    #[test]
    fn crlf_lists_bom_and_quotes() {
        let d = doc("\u{feff}---\r\nreplaces: old.md\r\nreplaced_by:\r\n  - new.md\r\nstatus: \"Proposal\"\r\n---\r\n");
        let mut e = FrontMatterEditor::new(&d);
        e.add_to_list("replaces", "older.md");
        e.add_to_list("replaced_by", "new.md");
        e.add_to_list("replaced_by", "newer.md");
        assert!(e.replace_scalar("status", "Draft"));
        e.set("deprecated_at", "2026-01-01");
        assert_eq!(
            e.finish().expect("edits"),
            "\u{feff}---\r\nreplaces:\r\n  - old.md\r\n  - older.md\r\nreplaced_by:\r\n  - new.md\r\n  - newer.md\r\nstatus: \"Draft\"\r\ndeprecated_at: 2026-01-01\r\n---\r\n"
        );
    }

    #[test]
    fn rename_references_in_place() {
        let d = doc("---\nreplaces:\n  - 'scs-xxxx-v1-a.md'  # proposal\nsupplements: scs-xxxx-v1-a.md\n---\n");
        let mut e = FrontMatterEditor::new(&d);
        e.rename_reference("scs-xxxx-v1-a.md", "scs-0150-v1-a.md");
        assert_eq!(
            e.finish().expect("edits"),
            "---\nreplaces:\n  - 'scs-0150-v1-a.md'  # proposal\nsupplements: scs-0150-v1-a.md\n---\n"
        );
    }

    #[test]
    fn overlapping_edits_and_missing_front_matter_are_refused() {
        let d = doc("---\nstatus: Draft\n---\n");
        let mut e = FrontMatterEditor::new(&d);
        e.set("status", "Stable");
        assert!(e.replace_scalar("status", "Deprecated"));
        assert!(matches!(e.finish(), Err(EditError::Overlap(..))));
        let none = doc("# no front matter\n");
        let mut e = FrontMatterEditor::new(&none);
        e.set("status", "Draft");
        assert!(matches!(e.finish(), Err(EditError::NoFrontMatter(_))));
        let insertions =
            [Edit { span: Span::at(0), replacement: "a".into() }, Edit { span: Span::at(0), replacement: "b".into() }];
        assert_eq!(apply("x", &insertions), Ok("abx".into()));
        assert!(matches!(
            apply("x", &[Edit { span: Span::new(0, 5), replacement: String::new() }]),
            Err(EditError::OutOfText(_))
        ));
    }
}

//! Minimal text edits of a document's front matter: set a value, add to a list. Everything
//! else (comments, key order, quoting of other values, blank lines, line endings) stays as it
//! was.

use scs_core::{Document, Span, ValueKind};

/// Edits accumulated on one document's text; applied from the end so spans stay valid.
pub struct Editor<'a> {
    doc: &'a Document,
    edits: Vec<(Span, String)>,
    /// Lines to insert before the closing `---`.
    appended: Vec<String>,
}

impl<'a> Editor<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Self { doc, edits: Vec::new(), appended: Vec::new() }
    }

    fn newline(&self) -> &'static str {
        if self.doc.text.contains("\r\n") { "\r\n" } else { "\n" }
    }

    /// Sets `key` to the plain scalar `value`: replaces the value in place, or adds a line.
    pub fn set(&mut self, key: &str, value: &str) {
        match self.doc.entry(key) {
            Some(entry) if matches!(entry.value.kind, ValueKind::Scalar { .. }) && !entry.value.is_null() => {
                self.edits.push((entry.value.span, value.to_owned()));
            }
            Some(entry) => {
                // An empty or non-scalar value: replace from after the colon to the value's end.
                let colon = after_colon(&self.doc.text, entry.key_span);
                let end = entry.value.span.end.max(colon);
                self.edits.push((Span::new(colon, end), format!(" {value}")));
            }
            None => self.appended.push(format!("{key}: {value}")),
        }
    }

    /// Adds `item` to the list `key` unless it is there already: appends to a block or flow
    /// list, turns a single string into a list, or adds the key.
    pub fn add_to_list(&mut self, key: &str, item: &str) {
        let nl = self.newline();
        let Some(entry) = self.doc.entry(key) else {
            self.appended.push(format!("{key}:{nl}  - {item}"));
            return;
        };
        let text = &self.doc.text;
        match &entry.value.kind {
            ValueKind::Sequence(items) => {
                if items.iter().any(|i| i.as_str().map(str::trim) == Some(item)) {
                    return;
                }
                let span = entry.value.span;
                if text[span.range()].starts_with('[') {
                    let close = span.end.saturating_sub(1);
                    let sep = if items.is_empty() { "" } else { ", " };
                    self.edits.push((Span::at(close), format!("{sep}{item}")));
                } else if let Some(last) = items.last() {
                    let line_start = text[..last.span.start].rfind('\n').map_or(0, |i| i + 1);
                    let indent = &text[line_start..last.span.start];
                    let line_end = text[last.span.end..].find('\n').map_or(text.len(), |i| last.span.end + i);
                    self.edits.push((Span::at(line_end), format!("{nl}{indent}{item}")));
                }
            }
            ValueKind::Scalar { text: existing, .. } if !entry.value.is_null() => {
                if existing.trim() == item {
                    return;
                }
                let colon = after_colon(text, entry.key_span);
                let original = &text[entry.value.span.range()];
                self.edits.push((Span::new(colon, entry.value.span.end), format!("{nl}  - {original}{nl}  - {item}")));
            }
            _ => {
                let colon = after_colon(text, entry.key_span);
                self.edits.push((Span::new(colon, entry.value.span.end.max(colon)), format!("{nl}  - {item}")));
            }
        }
    }

    /// Replaces every entry naming `old` in the reference lists with `new`.
    pub fn rename_reference(&mut self, old: &str, new: &str) {
        for key in ["replaces", "replaced_by", "supplements"] {
            let Some(entry) = self.doc.entry(key) else { continue };
            let values: Vec<&scs_core::Value> = match &entry.value.kind {
                ValueKind::Sequence(items) => items.iter().collect(),
                ValueKind::Scalar { .. } => vec![&entry.value],
                ValueKind::Mapping(_) => Vec::new(),
            };
            for v in values {
                if v.as_str().map(str::trim) == Some(old) {
                    let span = v.span;
                    let written = &self.doc.text[span.range()];
                    self.edits.push((span, written.replacen(old, new, 1)));
                }
            }
        }
    }

    /// The edited text.
    pub fn finish(mut self) -> String {
        let text = &self.doc.text;
        if !self.appended.is_empty()
            && let Some(close) = closing_line(self.doc)
        {
            let nl = self.newline();
            let lines: String = self.appended.iter().map(|l| format!("{l}{nl}")).collect();
            self.edits.push((Span::at(close), lines));
        }
        self.edits.sort_by_key(|(span, _)| std::cmp::Reverse((span.start, span.end)));
        let mut out = text.clone();
        for (span, replacement) in self.edits {
            out.replace_range(span.range(), &replacement);
        }
        out
    }
}

/// Offset right after the `:` of the key at `key_span`.
fn after_colon(text: &str, key_span: Span) -> usize {
    let rest = &text[key_span.end..];
    key_span.end + rest.find(':').map_or(0, |i| i + 1)
}

/// Where the closing `---` line of the front matter starts.
fn closing_line(doc: &Document) -> Option<usize> {
    let body = doc.body_start;
    let before = &doc.text[..body];
    let trimmed = before.trim_end_matches(['\n', '\r']);
    trimmed.rfind('\n').map(|i| i + 1)
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
        let mut e = Editor::new(&d);
        e.set("status", "Stable");
        e.set("stabilized_at", "2026-12-01");
        e.add_to_list("replaces", "b.md");
        e.add_to_list("supplements", "y.md");
        e.add_to_list("replaced_by", "z.md");
        insta::assert_snapshot!(e.finish(), @r"
        ---
        title: A # the title
        status: Stable  # still a draft

        track: IaaS
        replaces: [a.md, b.md]
        supplements:
          - x.md # first
          - y.md
        stabilized_at: 2026-12-01
        replaced_by:
          - z.md
        ---
        # Body
        ");
    }

    #[test]
    fn string_becomes_list_and_duplicates_are_skipped() {
        let d = doc("---\r\nreplaces: old.md\r\nreplaced_by:\r\n  - new.md\r\n---\r\n");
        let mut e = Editor::new(&d);
        e.add_to_list("replaces", "older.md");
        e.add_to_list("replaced_by", "new.md");
        assert_eq!(
            e.finish(),
            "---\r\nreplaces:\r\n  - old.md\r\n  - older.md\r\nreplaced_by:\r\n  - new.md\r\n---\r\n"
        );
    }

    #[test]
    fn rename_references_in_place() {
        let d = doc("---\nreplaces:\n  - 'scs-xxxx-v1-a.md'  # proposal\nsupplements: scs-xxxx-v1-a.md\n---\n");
        let mut e = Editor::new(&d);
        e.rename_reference("scs-xxxx-v1-a.md", "scs-0150-v1-a.md");
        assert_eq!(
            e.finish(),
            "---\nreplaces:\n  - 'scs-0150-v1-a.md'  # proposal\nsupplements: scs-0150-v1-a.md\n---\n"
        );
    }
}

//! Safe fixes: the edits that turn a finding into correct text, built here for the rules that
//! have one, and applied to a file's text.

use scs_core::{Document, Entry, ScalarStyle, Span, ValueKind};

use crate::diagnostic::{Edit, Fix};

/// `key: value` → `key:` and `  - value` on the next line, keeping the value as written
/// (quotes, trailing comment) and the file's line endings.
pub fn string_to_list(doc: &Document, entry: &Entry) -> Option<Fix> {
    if !matches!(
        entry.value.kind,
        ValueKind::Scalar { style: ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted, .. }
    ) || entry.value.is_null()
    {
        return None;
    }
    let text = &doc.text;
    let line = &text[entry.key_span.end..];
    let colon = entry.key_span.end + line.find(':')?;
    // Only a value on the key's own line: a multi-line plain scalar is left alone.
    if text[colon..entry.value.span.start].contains('\n') || text[entry.value.span.range()].contains('\n') {
        return None;
    }
    let newline =
        if text[entry.value.span.end..].split('\n').next().is_some_and(|l| l.ends_with('\r')) { "\r\n" } else { "\n" };
    let value = &text[entry.value.span.range()];
    Some(Fix {
        description: format!("write {} as a one-element list", entry.key),
        edits: vec![Edit {
            span: Span::new(colon + 1, entry.value.span.end),
            replacement: format!("{newline}  - {value}"),
        }],
    })
}

/// Replaces a scalar's text, inside its quotes if it has any.
pub fn replace_scalar(entry: &Entry, replacement: &str, description: String) -> Option<Fix> {
    let ValueKind::Scalar { style, .. } = &entry.value.kind else { return None };
    let span = entry.value.span;
    let span = match style {
        ScalarStyle::Plain => span,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted if span.len() >= 2 => {
            Span::new(span.start + 1, span.end - 1)
        }
        _ => return None,
    };
    Some(Fix { description, edits: vec![Edit { span, replacement: replacement.to_owned() }] })
}

/// Applies non-overlapping edits to `text`; an edit that overlaps an earlier one is skipped.
/// Returns the new text and how many fixes were applied.
pub fn apply<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| !f.edits.is_empty()).collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min());
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let overlaps =
            fix.edits.iter().any(|e| edits.iter().any(|o| e.span.start < o.span.end && o.span.start < e.span.end));
        let inside = fix.edits.iter().all(|e| {
            e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end)
        });
        if !overlaps && inside {
            edits.extend(&fix.edits);
            applied += 1;
        }
    }
    edits.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::parse("Standards/scs-0100-v2-a.md".into(), "scs-0100-v2-a.md".into(), text.as_bytes().to_vec())
    }

    fn fixed(text: &str, key: &str) -> String {
        let d = doc(text);
        let fix = string_to_list(&d, d.entry(key).expect("entry")).expect("a fix");
        apply(&d.text, [&fix]).0
    }

    #[test]
    fn string_to_list_keeps_quotes_comments_and_line_endings() {
        assert_eq!(
            fixed("---\nreplaces: a.md\ntrack: IaaS\n---\n", "replaces"),
            "---\nreplaces:\n  - a.md\ntrack: IaaS\n---\n"
        );
        assert_eq!(
            fixed("---\nreplaces: 'a.md'  # the old one\n---\n", "replaces"),
            "---\nreplaces:\n  - 'a.md'  # the old one\n---\n"
        );
        assert_eq!(
            fixed("---\r\nreplaces:   a.md \r\n---\r\n", "replaces"),
            "---\r\nreplaces:\r\n  - a.md \r\n---\r\n"
        );
        let d = doc("---\nreplaces: [a.md]\nempty:\n---\n");
        assert!(string_to_list(&d, d.entry("replaces").expect("entry")).is_none());
        assert!(string_to_list(&d, d.entry("empty").expect("entry")).is_none());
    }

    #[test]
    fn replace_inside_quotes() {
        let d = doc("---\nstatus: \"Proposal\"\nother: Proposal # x\n---\n");
        let a = replace_scalar(d.entry("status").expect("status"), "Draft", "x".into()).expect("fix");
        let b = replace_scalar(d.entry("other").expect("other"), "Draft", "x".into()).expect("fix");
        assert_eq!(apply(&d.text, [&a, &b]), ("---\nstatus: \"Draft\"\nother: Draft # x\n---\n".into(), 2));
    }

    #[test]
    fn overlapping_edits_are_skipped() {
        let one = Fix { description: "a".into(), edits: vec![Edit { span: Span::new(0, 3), replacement: "x".into() }] };
        let two = Fix { description: "b".into(), edits: vec![Edit { span: Span::new(2, 4), replacement: "y".into() }] };
        assert_eq!(apply("abcdef", [&one, &two]), ("xdef".into(), 1));
        let outside =
            Fix { description: "c".into(), edits: vec![Edit { span: Span::new(5, 99), replacement: "z".into() }] };
        assert_eq!(apply("abcdef", [&outside]), ("abcdef".into(), 0));
    }
}

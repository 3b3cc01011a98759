//! Safe fixes: the edits that turn a finding into correct text, built here for the rules that
//! have one, and applied to a file's text.

use scs_core::edit::FrontMatterEditor;
use scs_core::{Document, Entry};

use crate::diagnostic::{Edit, Fix};

/// `key: value` → `key:` and `  - value` on the next line, through scs-core's front-matter
/// editor (the value as written, the file's line endings).
pub fn string_to_list(doc: &Document, entry: &Entry) -> Option<Fix> {
    let mut editor = FrontMatterEditor::new(doc);
    if !editor.string_to_list(&entry.key) {
        return None;
    }
    let edits = editor.into_edits().ok()?;
    Some(Fix { description: format!("write {} as a one-element list", entry.key), edits })
}

/// Replaces the scalar `key`'s text, inside its quotes if it has any.
pub fn replace_scalar(doc: &Document, key: &str, replacement: &str, description: String) -> Option<Fix> {
    let mut editor = FrontMatterEditor::new(doc);
    if !editor.replace_scalar(key, replacement) {
        return None;
    }
    Some(Fix { description, edits: editor.into_edits().ok()? })
}

/// Applies the fixes to `text` that do not overlap an earlier one (those wait for the next run),
/// through scs-core's `apply`. Returns the new text and how many fixes were applied.
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
    let edits: Vec<Edit> = edits.into_iter().cloned().collect();
    match scs_core::edit::apply(text, &edits) {
        Ok(out) => (out, applied),
        // Unreachable after the selection above; leave the text as it is rather than guess.
        Err(_) => (text.to_owned(), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scs_core::Span;

    fn doc(text: &str) -> Document {
        Document::parse("Standards/scs-0100-v2-a.md".into(), "scs-0100-v2-a.md".into(), text.as_bytes().to_vec())
    }

    fn fixed(text: &str, key: &str) -> String {
        let d = doc(text);
        let fix = string_to_list(&d, d.entry(key).expect("entry")).expect("a fix");
        apply(&d.text, [&fix]).0
    }

    #[test]
    fn string_to_list_is_the_editors_edit_with_a_description() {
        // The edit itself is tested with scs_core's editor; here the fix around it.
        assert_eq!(
            fixed("---\nreplaces: a.md\ntrack: IaaS\n---\n", "replaces"),
            "---\nreplaces:\n  - a.md\ntrack: IaaS\n---\n"
        );
        let d = doc("---\nreplaces: [a.md]\n---\n");
        assert!(string_to_list(&d, d.entry("replaces").expect("entry")).is_none());
    }

    #[test]
    fn replace_inside_quotes() {
        let d = doc("---\nstatus: \"Proposal\"\nother: Proposal # x\n---\n");
        let a = replace_scalar(&d, "status", "Draft", "x".into()).expect("fix");
        let b = replace_scalar(&d, "other", "Draft", "x".into()).expect("fix");
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

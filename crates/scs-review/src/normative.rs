//! The normative sentences of a document: those with an RFC 2119 keyword in capitals (and
//! SCS-0001's `FORBIDDEN`), compared between two versions of the text.

use std::collections::BTreeSet;

use scs_core::Document;
use serde::Serialize;

const KEYWORDS: [&str; 9] =
    ["MUST", "REQUIRED", "SHALL", "SHOULD", "RECOMMENDED", "MAY", "OPTIONAL", "FORBIDDEN", "NOT"];

/// Normative sentences the head removed and added (a changed sentence is both).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NormativeChanges {
    pub removed: Vec<String>,
    pub added: Vec<String>,
}

pub fn changes(before: &Document, after: &Document) -> NormativeChanges {
    let (old, new) = (sentences(body(before)), sentences(body(after)));
    NormativeChanges {
        removed: old.difference(&new).cloned().collect(),
        added: new.difference(&old).cloned().collect(),
    }
}

fn body(doc: &Document) -> &str {
    doc.text.get(doc.body_start..).unwrap_or_default()
}

/// The normative sentences of `text`: paragraphs joined into lines, split after `.`, `!`
/// or `?` followed by a space, keeping those with a keyword (`NOT` only with another).
pub fn sentences(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut in_code = false;
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, out: &mut BTreeSet<String>| {
        for sentence in split(paragraph) {
            let words: Vec<&str> =
                sentence.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| KEYWORDS.contains(w)).collect();
            if words.iter().any(|w| *w != "NOT") {
                out.insert(sentence);
            }
        }
        paragraph.clear();
    };
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            flush(&mut paragraph, &mut out);
            continue;
        }
        if in_code {
            continue;
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('|') {
            flush(&mut paragraph, &mut out);
            continue;
        }
        // A list item starts a sentence of its own.
        if line.starts_with("- ") || line.starts_with("* ") {
            flush(&mut paragraph, &mut out);
        }
        if !paragraph.is_empty() {
            paragraph.push(' ');
        }
        paragraph.push_str(line);
    }
    flush(&mut paragraph, &mut out);
    out
}

fn split(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = paragraph.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            out.push(paragraph[start..=i].trim().to_owned());
            start = i + 2;
        }
    }
    if start < paragraph.len() {
        out.push(paragraph[start..].trim().to_owned());
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_with_keywords_only() {
        let text = "## Title\n\nFlavors MUST be named so.\nThis is prose. Images SHOULD NOT\nbe public.\n\n- A list item MAY differ\n\n```\nMUST in code\n```\n\n| MUST | in a table |\nNOT alone here.\n";
        let found: Vec<String> = sentences(text).into_iter().collect();
        assert_eq!(found, ["- A list item MAY differ", "Flavors MUST be named so.", "Images SHOULD NOT be public."]);
    }
}

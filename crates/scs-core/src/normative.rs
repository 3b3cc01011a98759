//! The text of a document as the units a requirement is written in (sentences of paragraphs,
//! list items, table rows), compared between two versions: what `scs review` lists for an
//! edit of a Stable document and `scs report` sums up in a line. A requirement need not carry
//! an RFC 2119 keyword, and keywords are not always in capitals, so every changed unit counts;
//! the keywords are found in any case so that a renderer can mark them.

use std::collections::HashMap;

use serde::Serialize;

use crate::document::Document;

/// RFC 2119's keywords and SCS-0001's `FORBIDDEN`; `NOT` is marked only beside one of them.
const KEYWORDS: [&str; 8] = ["MUST", "REQUIRED", "SHALL", "SHOULD", "RECOMMENDED", "MAY", "OPTIONAL", "FORBIDDEN"];

/// What a unit of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Sentence,
    ListItem,
    TableRow,
}

/// A sentence, list item or table row, its white space collapsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub kind: UnitKind,
    pub text: String,
    /// Whether it holds an RFC 2119 keyword, in any case.
    pub keyword: bool,
}

/// The units of the head that the base lacks and the other way round (a changed unit is
/// both), each in document order, and the lines of the body removed and added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TextChanges {
    pub removed: Vec<Unit>,
    pub added: Vec<Unit>,
    pub lines_removed: usize,
    pub lines_added: usize,
}

impl TextChanges {
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.added.is_empty() && self.lines_removed == 0 && self.lines_added == 0
    }

    /// One line for a table: the counts and, when one unit was replaced by another, both.
    pub fn summary(&self, width: usize) -> String {
        if self.is_empty() {
            return "no change in the text".into();
        }
        let keywords = self.removed.iter().chain(&self.added).filter(|u| u.keyword).count();
        let mut line = format!("−{} +{} sentences, list items or table rows", self.removed.len(), self.added.len());
        if keywords > 0 {
            line.push_str(&format!(" ({keywords} with RFC 2119 keywords)"));
        }
        line.push_str(&format!(", −{} +{} lines", self.lines_removed, self.lines_added));
        let first = |units: &[Unit]| units.first().map(|u| cut(&u.text, width)).unwrap_or_default();
        match (self.removed.first(), self.added.first()) {
            (Some(old), Some(new)) => {
                let (old, new) = difference_in_context(&old.text, &new.text, width / 3);
                line.push_str(&format!(": “{old}” → “{new}”"));
            }
            (Some(_), None) => line.push_str(&format!(": removed “{}”", first(&self.removed))),
            (None, Some(_)) => line.push_str(&format!(": added “{}”", first(&self.added))),
            (None, None) => {}
        }
        line
    }
}

/// The part of `old` and `new` that differs, with up to `context` characters around it and
/// `…` where text is left out: "…longer than 2 weeks if the…" → "…longer than 1 month if the…".
fn difference_in_context(old: &str, new: &str, context: usize) -> (String, String) {
    let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a.iter().rev().zip(b.iter().rev()).take(room).take_while(|(x, y)| x == y).count();
    let show = |chars: &[char]| {
        // The context ends at word boundaries.
        let mut start = prefix.saturating_sub(context);
        while start > 0 && start < prefix && !chars[start - 1].is_whitespace() {
            start += 1;
        }
        let changed_end = chars.len() - suffix;
        let mut end = (changed_end + context).min(chars.len());
        while end < chars.len() && end > changed_end && !chars[end].is_whitespace() {
            end -= 1;
        }
        let middle: String = chars[start..end].iter().collect();
        // A long changed middle is cut too.
        let middle = cut(&middle, 4 * context + 40);
        format!(
            "{}{middle}{}",
            if start > 0 { "…" } else { "" },
            if end < chars.len() && !middle.ends_with('…') { "…" } else { "" }
        )
    };
    (show(&a), show(&b))
}

fn cut(text: &str, width: usize) -> String {
    match text.char_indices().nth(width) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

fn body(doc: &Document) -> &str {
    doc.text.get(doc.body_start..).unwrap_or_default()
}

/// The changes of the text after the front matter from `before` to `after`.
pub fn changes(before: &Document, after: &Document) -> TextChanges {
    let (old, new) = (body(before), body(after));
    let (old_units, new_units) = (units(old), units(new));
    let (removed, added) = difference(&old_units, &new_units, |u| u.text.as_str());
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) = (
        old.lines().filter(|l| !l.trim().is_empty()).collect(),
        new.lines().filter(|l| !l.trim().is_empty()).collect(),
    );
    let (lines_removed, lines_added) = difference(&old_lines, &new_lines, |l| l.trim());
    TextChanges { removed, added, lines_removed: lines_removed.len(), lines_added: lines_added.len() }
}

/// The items of `a` not in `b` and of `b` not in `a`, counted (an item twice in `b` and once
/// in `a` is added once), each in its own order.
fn difference<T: Clone>(a: &[T], b: &[T], key: impl Fn(&T) -> &str) -> (Vec<T>, Vec<T>) {
    let minus = |x: &[T], y: &[T]| {
        let mut left: HashMap<&str, usize> = HashMap::new();
        for item in y {
            *left.entry(key(item)).or_default() += 1;
        }
        x.iter()
            .filter(|item| match left.get_mut(key(item)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .cloned()
            .collect::<Vec<T>>()
    };
    (minus(a, b), minus(b, a))
}

/// The byte ranges of RFC 2119 keywords in `text`, in any case (`must not` as one).
pub fn keywords(text: &str) -> Vec<(usize, usize)> {
    let words: Vec<(usize, &str)> = text
        .split(|c: char| !c.is_alphanumeric())
        .scan(0usize, |offset, word| {
            let start = *offset;
            *offset += word.len() + text[start + word.len()..].chars().next().map_or(0, char::len_utf8);
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, (start, word)) in words.iter().enumerate() {
        if KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word)) {
            let mut end = start + word.len();
            if let Some((next, w)) = words.get(i + 1)
                && w.eq_ignore_ascii_case("not")
                && text[end..*next].chars().all(char::is_whitespace)
            {
                end = next + w.len();
            }
            out.push((*start, end));
        }
    }
    out
}

/// The units of a body: paragraphs split into sentences, list items whole, table rows whole
/// (not the delimiter row); fenced code and headings left out.
pub fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut block = String::new();
    let mut item = false;
    let flush = |block: &mut String, item: bool, out: &mut Vec<Unit>| {
        if item {
            push(out, UnitKind::ListItem, block);
        } else {
            for sentence in sentences(block) {
                push(out, UnitKind::Sentence, sentence);
            }
        }
        block.clear();
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut block, item, &mut out);
            fence = Some(&trimmed[..3]);
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            flush(&mut block, item, &mut out);
            item = false;
            continue;
        }
        if trimmed.starts_with('|') {
            flush(&mut block, item, &mut out);
            item = false;
            let delimiter = trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
            if !delimiter {
                push(&mut out, UnitKind::TableRow, trimmed);
            }
            continue;
        }
        if is_list_item(trimmed) {
            flush(&mut block, item, &mut out);
            item = true;
        }
        if !block.is_empty() {
            block.push(' ');
        }
        block.push_str(trimmed);
    }
    flush(&mut block, item, &mut out);
    out
}

fn is_list_item(line: &str) -> bool {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=9).contains(&digits) && matches!(&line.as_bytes()[digits..], [b'.' | b')', b' ', ..])
}

fn push(out: &mut Vec<Unit>, kind: UnitKind, text: &str) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        out.push(Unit { kind, keyword: !keywords(&text).is_empty(), text });
    }
}

/// Sentences of a paragraph: split after `.`, `!` or `?` followed by a space.
fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = paragraph.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            out.push(paragraph[start..=i].trim());
            start = i + 2;
        }
    }
    if start < paragraph.len() {
        out.push(paragraph[start..].trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Document {
        let text = format!("---\nstatus: Stable\n---\n{body}");
        Document::parse("Standards/scs-0100-v1-a.md".into(), "scs-0100-v1-a.md".into(), text.into_bytes())
    }

    #[test]
    fn units_of_a_body() {
        let text = "## Title\n\nFlavors MUST be named so.\nThis is prose. Images should not\nbe public.\n\n- A list item\n  continued\n1. numbered\n\n```\nMUST in code\n```\n\n| Field | Presence |\n|---|---|\n| `os_distro` | REQUIRED |\n";
        let units = units(text);
        let found: Vec<(UnitKind, &str, bool)> = units.iter().map(|u| (u.kind, u.text.as_str(), u.keyword)).collect();
        assert_eq!(
            found,
            [
                (UnitKind::Sentence, "Flavors MUST be named so.", true),
                (UnitKind::Sentence, "This is prose.", false),
                (UnitKind::Sentence, "Images should not be public.", true),
                (UnitKind::ListItem, "- A list item continued", false),
                (UnitKind::ListItem, "1. numbered", false),
                (UnitKind::TableRow, "| Field | Presence |", false),
                (UnitKind::TableRow, "| `os_distro` | REQUIRED |", true),
            ]
        );
    }

    #[test]
    fn keywords_in_any_case() {
        let text = "Providers must not and should; Recommended, MAY. mustard";
        let marked: Vec<&str> = keywords(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(marked, ["must not", "should", "Recommended", "MAY"]);
    }

    #[test]
    fn the_changes_that_were_missed() {
        let table = |field: &str| format!("| Field | Presence |\n|---|---|\n| `{field}` | REQUIRED |\n");
        let renamed = changes(&doc(&table("os_distro")), &doc(&table("os_distribution")));
        assert_eq!(renamed.removed.len(), 1);
        assert_eq!(renamed.added[0].text, "| `os_distribution` | REQUIRED |");
        let lower = changes(
            &doc("Patches must be applied within 2 weeks.\n"),
            &doc("Patches must be applied within 1 month.\n"),
        );
        assert!(lower.removed[0].keyword && lower.added[0].keyword);
        assert!(
            lower.summary(60).ends_with(": “…be applied within 2 weeks.” → “…be applied within 1 month.”"),
            "{}",
            lower.summary(60)
        );
        let plain = changes(&doc("The validity is 12 months.\n"), &doc("The validity is 6 months.\n"));
        assert_eq!((plain.removed.len(), plain.added.len()), (1, 1));
        assert!(!plain.removed[0].keyword);
        let cut = changes(&doc("a\nb\nc\n"), &doc("a\n"));
        assert_eq!((cut.lines_removed, cut.lines_added), (2, 0));
        assert!(changes(&doc("same.\n"), &doc("same.\n")).is_empty());
    }
}

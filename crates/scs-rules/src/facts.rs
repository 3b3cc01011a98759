//! Readings of a document shared by several rules: its kind, version, reference lists.

use scs_core::{DocKind, Document, Span, Value};

/// `v` (a major version) or `w` (a supplement), from the file name; also for names that are
/// otherwise malformed, as long as the version part starts with `v` or `w`.
pub fn doc_kind(doc: &Document) -> Option<DocKind> {
    if let Ok(name) = &doc.name {
        return Some(name.id.kind);
    }
    match doc.file_name.split('-').nth(2)?.as_bytes().first()? {
        b'v' => Some(DocKind::Major),
        b'w' => Some(DocKind::Supplement),
        _ => None,
    }
}

/// A `v` document whose front matter could be read: the documents the field rules check.
pub fn is_major_with_front_matter(doc: &Document) -> bool {
    doc.front_matter.is_some() && doc_kind(doc) == Some(DocKind::Major)
}

/// A `w` document whose front matter could be read.
pub fn is_supplement_with_front_matter(doc: &Document) -> bool {
    doc.front_matter.is_some() && doc_kind(doc) == Some(DocKind::Supplement)
}

/// Reads an ISO date `YYYY-MM-DD` that exists in the calendar.
pub fn iso_date(text: &str) -> Result<jiff::civil::Date, String> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err("is not an ISO date `YYYY-MM-DD`".into());
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<i16>().unwrap_or(0);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    jiff::civil::Date::new(year, month as i8, day as i8)
        .map_err(|_| format!("is not a day of the calendar (month {month}, day {day} of {year})"))
}

/// The major version number of a `v` document (`None` for templates and malformed names).
pub fn major_version(doc: &Document) -> Option<u32> {
    let name = doc.name.as_ref().ok()?;
    if name.id.kind != DocKind::Major {
        return None;
    }
    name.id.version.number()
}

pub use crate::suggest::closest as suggest;

/// Quotes a value for a message; long or multi-line values are cut.
pub fn quote(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    format!("`{out}`")
}

/// What a front-matter field holds, for fields with a fixed set of spellings.
pub enum Choice<'a> {
    Missing,
    /// A list, mapping or empty value where one word was expected.
    NotAWord(&'a Value),
    Unknown(&'a str, Span),
    Known,
}

/// Reads `key` of `doc` against the allowed `choices`.
pub fn choice<'a>(doc: &'a Document, key: &str, choices: &[&str]) -> Choice<'a> {
    let Some(entry) = doc.entry(key) else { return Choice::Missing };
    match entry.value.as_str() {
        _ if entry.value.is_null() => Choice::NotAWord(&entry.value),
        Some(text) if choices.contains(&text) => Choice::Known,
        Some(text) => Choice::Unknown(text, entry.value.span),
        None => Choice::NotAWord(&entry.value),
    }
}

/// Reports a missing or wrong value of a field with a fixed set of spellings.
pub fn report_choice(doc: &Document, key: &str, choices: &[&str], out: &mut crate::rule::Reporter) {
    let expected = choices.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    match choice(doc, key, choices) {
        Choice::Known => {}
        Choice::Missing => {
            out.report(doc, Some(doc.head_span()), format!("{key} is missing"))
                .help(format!("add `{key}:` with one of {expected}"));
        }
        Choice::NotAWord(value) => {
            out.report(doc, Some(value.span), format!("{key} must be one of {expected}, found {}", value.describe()));
        }
        Choice::Unknown(text, span) => {
            let d = out.report(doc, Some(span), format!("{key} must be one of {expected}, found {}", quote(text)));
            if let Some(s) = suggest(text, choices.iter().copied()) {
                d.help(format!("did you mean `{s}`?"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert!(iso_date("2024-02-29").is_ok());
        assert!(iso_date("2023-02-29").is_err());
        assert!(iso_date("2023-13-01").is_err());
        assert!(iso_date("2023-1-01").is_err());
        assert!(iso_date("2023-01-01T00:00").is_err());
        assert!(iso_date("٢٠٢٣-01-01").is_err());
        // Both dashes are required, each in its place.
        assert!(iso_date("2024x02-29").is_err());
        assert!(iso_date("2024-02x29").is_err());
        assert!(iso_date("2024-0229").is_err());
    }

    #[test]
    fn the_kind_of_a_malformed_name_is_read_from_its_version_part() {
        let kind = |name: &str| {
            doc_kind(&Document::parse(
                format!("Standards/{name}"),
                name.to_owned(),
                b"---
---
"
                .to_vec(),
            ))
        };
        assert_eq!(kind("scs-01-v1-short-number.md"), Some(DocKind::Major));
        assert_eq!(kind("scs-01-w1-short-number.md"), Some(DocKind::Supplement));
        assert_eq!(kind("scs-01-x1-short-number.md"), None);
        assert_eq!(kind("scs-0100-w2-notes.md"), Some(DocKind::Supplement));
    }

    #[test]
    fn quote_cuts_long_values() {
        assert_eq!(quote("abc"), "`abc`");
        assert_eq!(quote("a\nb"), "`a…`");
        assert_eq!(quote(&"x".repeat(70)), format!("`{}…`", "x".repeat(60)));
    }
}

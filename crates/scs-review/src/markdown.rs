//! The review as Markdown, for a job summary or a comment. Every text from the branch (file
//! names, titles, tracks, messages, the base's name) is made inert: it cannot open HTML, a
//! code span, a heading or a new line.

use std::fmt::Write;

use scs_core::normative::{self, Unit, UnitKind};

use crate::{DocumentReview, Finding, Review};

/// From this many documents on, a summary table opens the review.
const SUMMARY_FROM: usize = 4;

pub fn render(review: &Review) -> String {
    let mut out = String::new();
    let count = review.documents.len();
    let _ = writeln!(out, "# SCS review against `{}`\n", code(&review.base));
    if count == 0 {
        out.push_str("The branch changes no document of `Standards/`.\n");
        return out;
    }
    let _ = writeln!(out, "The branch changes {count} document{} of `Standards/`.", if count == 1 { "" } else { "s" });
    if count >= SUMMARY_FROM {
        summary(&mut out, review);
    }
    for doc in &review.documents {
        document(&mut out, doc);
    }
    out
}

fn steps(doc: &DocumentReview) -> String {
    if doc.steps.is_empty() {
        return "no change".into();
    }
    doc.steps.iter().map(|s| text(&s.describe().replace('`', ""))).collect::<Vec<_>>().join("; ")
}

fn summary(out: &mut String, review: &Review) {
    out.push_str("\n| Document | Type | Track | Steps | Findings introduced | Fixed |\n|---|---|---|---|---|---|\n");
    for doc in &review.documents {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            code(&doc.file_name),
            cell(doc.doc_type.as_deref().unwrap_or("no type")),
            cell(doc.track.as_deref().unwrap_or("no track")),
            cell(&steps(doc)),
            doc.introduced.len(),
            doc.fixed.len()
        );
    }
}

fn document(out: &mut String, doc: &DocumentReview) {
    let _ = writeln!(out, "\n## `{}`: {}\n", code(&doc.file_name), steps(doc));
    if let Some(was) = &doc.was {
        let _ = writeln!(out, "Was `{}`.\n", code(was));
    }
    let doc_type = doc.doc_type.as_deref().map_or_else(|| "no type".to_owned(), text);
    let track = doc.track.as_deref().map_or_else(|| "no track".to_owned(), |t| format!("track {}", text(t)));
    let _ = writeln!(out, "{} · {doc_type} · {track} · decided by {}", text(&doc.title), text(&doc.deciders));
    for note in &doc.notes {
        let _ = writeln!(out, "\n**Note:** {}", text(note));
    }
    if !doc.checklist.is_empty() {
        out.push_str("\nSCS-0001 asks, before merge:\n\n");
        for item in &doc.checklist {
            let _ = writeln!(out, "- [ ] {item}");
        }
    }
    findings(out, "Findings the branch introduces", &doc.introduced);
    findings(out, "Findings the branch fixes", &doc.fixed);
    if let Some(changes) = &doc.text_changes {
        if changes.removed.is_empty() && changes.added.is_empty() {
            out.push_str("\nThe text of this Stable document: no sentence, list item or table row changed.\n");
        } else {
            let _ = writeln!(
                out,
                "\nThe text of this Stable document that the branch changes ({} removed, {} added; RFC 2119 keywords in bold, in any case):\n",
                changes.removed.len(),
                changes.added.len()
            );
            for unit in &changes.removed {
                let _ = writeln!(out, "- removed {}: {}", kind(unit), marked(unit));
            }
            for unit in &changes.added {
                let _ = writeln!(out, "- added {}: {}", kind(unit), marked(unit));
            }
        }
    }
}

fn kind(unit: &Unit) -> &'static str {
    match (unit.kind, unit.keyword) {
        (UnitKind::Sentence, true) => "requirement",
        (UnitKind::Sentence, false) => "sentence",
        (UnitKind::ListItem, _) => "list item",
        (UnitKind::TableRow, _) => "table row",
    }
}

fn findings(out: &mut String, heading: &str, list: &[Finding]) {
    if list.is_empty() {
        let _ = writeln!(out, "\n{heading}: none.");
        return;
    }
    let _ = writeln!(out, "\n{heading}:\n");
    for f in list {
        let _ = writeln!(out, "- `{}`: {}", f.rule, text(&f.message));
    }
}

/// Text from a document (a title, a track, a message quoting it) as one line of Markdown that
/// cannot open HTML or break the line: control characters escaped, cut at 300 characters.
fn text(value: &str) -> String {
    scs_core::untrusted::printable(&value.replace(['\n', '\r'], " "), 300).replace('<', "&lt;").replace('>', "&gt;")
}

/// A text for a table cell: as [`text`], with `|` escaped.
fn cell(value: &str) -> String {
    text(value).replace('|', "\\|")
}

/// A file name or ref inside a code span: no backtick can close it.
fn code(value: &str) -> String {
    scs_core::untrusted::printable(value, 200).replace('`', "'")
}

/// A unit of text as inline Markdown that cannot break the list around it, its RFC 2119
/// keywords in bold: every character Markdown reads is escaped, `<` and `>` as entities.
fn marked(unit: &Unit) -> String {
    let source: String = unit.text.chars().take(600).collect();
    let marks = normative::keywords(&source);
    let mut out = String::with_capacity(source.len() + 16);
    let mut next = marks.iter().peekable();
    let mut open_until: Option<usize> = None;
    for (i, c) in source.char_indices() {
        if open_until == Some(i) {
            out.push_str("**");
            open_until = None;
        }
        if let Some(&&(start, end)) = next.peek()
            && start == i
        {
            out.push_str("**");
            open_until = Some(end);
            next.next();
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || scs_core::untrusted::is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    if open_until.is_some() {
        out.push_str("**");
    }
    if unit.text.chars().count() > 600 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DocumentReview, Review};
    use scs_core::lifecycle::Step;

    #[test]
    fn text_from_a_pull_request_cannot_inject_markdown_or_html() {
        let review = Review {
            base: "x`<img/src=x/onerror=alert(1)>".into(),
            today: "2026-12-08".into(),
            documents: vec![DocumentReview {
                file_name: "scs-0100-v1-`x`.md".into(),
                was: None,
                title: "<img src=x onerror=alert(1)>\n# injected\u{1b}[31m \u{202e}gpj.exe".into(),
                doc_type: None,
                track: Some("IaaS\n## also".into()),
                steps: vec![Step::Removed],
                deciders: "d".into(),
                checklist: vec![],
                notes: vec![],
                introduced: vec![Finding { rule: "r".into(), message: "a\n# b".into() }],
                fixed: vec![],
                text_changes: None,
            }],
        };
        let text = render(&review);
        assert!(!text.contains("<img src"), "{text}");
        assert!(
            !text.lines().any(|l| l.starts_with("# injected") || l.starts_with("## also") || l.starts_with("# b")),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(!text.contains('\u{202e}'), "no bidirectional control reaches the summary: {text}");
        assert!(text.contains("## `scs-0100-v1-'x'.md`: removed"), "{text}");
        // Inside one code span, where GitHub renders no HTML.
        assert!(text.starts_with("# SCS review against `x'<img/src=x/onerror=alert(1)>`\n"), "{text}");
    }

    #[test]
    fn keywords_are_bold_and_markdown_is_escaped() {
        let unit = Unit { kind: UnitKind::TableRow, text: "| `os_distro` | must not <b> |".into(), keyword: true };
        assert_eq!(marked(&unit), "\\| \\`os\\_distro\\` \\| **must not** &lt;b&gt; \\|");
    }
}

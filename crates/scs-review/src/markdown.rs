//! The review as Markdown, for a job summary or a comment.

use std::fmt::Write;

use crate::{DocumentReview, Finding, Review};

pub fn render(review: &Review) -> String {
    let mut out = String::new();
    let count = review.documents.len();
    let _ = writeln!(out, "# SCS review against `{}`\n", review.base);
    if count == 0 {
        out.push_str("The branch changes no document of `Standards/`.\n");
        return out;
    }
    let _ = writeln!(out, "The branch changes {count} document{} of `Standards/`.", if count == 1 { "" } else { "s" });
    for doc in &review.documents {
        document(&mut out, doc);
    }
    out
}

fn document(out: &mut String, doc: &DocumentReview) {
    let _ = writeln!(out, "\n## `{}`: {}\n", code(&doc.file_name), text(&doc.transition.describe()));
    if let Some(was) = &doc.was {
        let _ = writeln!(out, "Was `{}`.\n", code(was));
    }
    let track = doc.track.as_deref().map_or_else(|| "no track".to_owned(), |t| format!("track {}", text(t)));
    let _ = writeln!(out, "{} · {track} · decided by {}", text(&doc.title), text(&doc.deciders));
    if !doc.checklist.is_empty() {
        out.push_str("\nSCS-0001 asks, before merge:\n\n");
        for item in &doc.checklist {
            let _ = writeln!(out, "- [ ] {item}");
        }
    }
    findings(out, "Findings the branch introduces", &doc.introduced);
    findings(out, "Findings the branch fixes", &doc.fixed);
    if let Some(normative) = &doc.normative {
        if normative.added.is_empty() && normative.removed.is_empty() {
            out.push_str("\nNormative sentences (MUST, SHOULD, …) of this Stable document: unchanged.\n");
        } else {
            out.push_str(
                "\nNormative sentences (MUST, SHOULD, …) of this Stable document that the branch changes:\n\n",
            );
            for s in &normative.removed {
                let _ = writeln!(out, "- removed: {}", quote(s));
            }
            for s in &normative.added {
                let _ = writeln!(out, "- added: {}", quote(s));
            }
        }
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

/// A file name inside a code span.
fn code(value: &str) -> String {
    scs_core::untrusted::printable(value, 200).replace('`', "'")
}

/// A sentence as inline text that cannot break the Markdown around it.
fn quote(sentence: &str) -> String {
    let cut: String = sentence.chars().take(400).collect();
    format!("“{}”", scs_core::untrusted::printable(&cut, 400).replace(['<', '>'], ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DocumentReview, Transition};

    #[test]
    fn text_from_a_pull_request_cannot_inject_markdown_or_html() {
        let review = Review {
            base: "main".into(),
            documents: vec![DocumentReview {
                file_name: "scs-0100-v1-`x`.md".into(),
                was: None,
                title: "<img src=x onerror=alert(1)>\n# injected\u{1b}[31m".into(),
                track: Some("IaaS\n## also".into()),
                transition: Transition::Removed,
                deciders: "d".into(),
                checklist: vec![],
                introduced: vec![Finding { rule: "r".into(), message: "a\n# b".into() }],
                fixed: vec![],
                normative: None,
            }],
        };
        let text = render(&review);
        assert!(!text.contains("<img"), "{text}");
        assert!(
            !text.lines().any(|l| l.starts_with("# injected") || l.starts_with("## also") || l.starts_with("# b")),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("## `scs-0100-v1-'x'.md`: removed"), "{text}");
    }
}

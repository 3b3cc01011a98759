//! `broken-anchor`: `#fragment`s of links name headings of their target document.

use scs_core::Document;

use crate::declare_rules;
use crate::facts;
use crate::links::{self, Target};
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub BrokenAnchor {
        id: "broken-anchor",
        severity: Error,
        kinds: [document],
        groups: [LINKS],
        summary: "A link whose `#fragment` names no heading of the target document",
        explanation: r#"A fragment such as `#conformance-tests` is the anchor GitHub and the docs site give
a heading: its text in lower case, punctuation removed, spaces turned into hyphens, and
`-1`, `-2` … appended to repeats (an explicit `{#id}` or `<a id="…">` counts too). When a
heading is renamed, links to it silently land at the top of the page. Same-document links
(`#motivation`) and links into other documents, by relative path, docs-site or GitHub URL,
are checked.

Fails: `[tests](scs-0100-v3-flavor-naming.md#conformance-test)` when the heading is
"Conformance Tests".
Passes: `[tests](scs-0100-v3-flavor-naming.md#conformance-tests)`."#,
    }
}

impl DocumentRule for BrokenAnchor {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        let mut suggestions = crate::suggest::PER_DOCUMENT;
        for link in &doc.body.links {
            let (target, fragment, name) = match links::resolve(cx.corpus, cx.settings, &doc.path, &link.destination) {
                Target::SameDocument { fragment } => (doc, fragment, "this document".to_owned()),
                Target::Document { doc: target, fragment: Some(fragment) } => {
                    (target, fragment, format!("`{}`", target.file_name))
                }
                _ => continue,
            };
            if fragment.is_empty() || links::has_fragment(target, &fragment) {
                continue;
            }
            let d = out.report(doc, Some(link.span), format!("{name} has no heading with the anchor `#{fragment}`"));
            if suggestions == 0 {
                continue;
            }
            suggestions -= 1;
            if let Some(s) = facts::suggest(&fragment, target.body.headings.iter().map(|h| h.anchor.as_str())) {
                d.help(format!("did you mean `#{s}`?"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn broken() {
        insta::assert_snapshot!(check_rule("broken-anchor", &[
            ("scs-0100-v3-a.md", b"---\n---\n## Conformance Tests\n"),
            ("scs-0101-v1-a.md", b"---\n---\n## Motivation\n[t](scs-0100-v3-a.md#conformance-test) [m](#motivatoin)\n[u](https://docs.scs.community/standards/scs-0100-v3-a#nope)\n"),
        ]), @r"
        Standards/scs-0101-v1-a.md:4:1: error[broken-anchor] `scs-0100-v3-a.md` has no heading with the anchor `#conformance-test`
          help: did you mean `#conformance-tests`?
        Standards/scs-0101-v1-a.md:4:40: error[broken-anchor] this document has no heading with the anchor `#motivatoin`
          help: did you mean `#motivation`?
        Standards/scs-0101-v1-a.md:5:1: error[broken-anchor] `scs-0100-v3-a.md` has no heading with the anchor `#nope`
        ");
    }

    /// Issue 19: thousands of missing anchors among thousands of headings cost linear time.
    /// Every one is reported; only the first few of a document get a "did you mean", each of
    /// which is a pass over the headings (the rest would make it headings × links).
    #[test]
    fn thousands_of_missing_anchors_are_all_reported_and_suggestions_are_bounded() {
        let body: String = (0..3000).map(|i| format!("## Heading {i}\n\nSee [a](#heading-{i}x).\n\n")).collect();
        let doc = format!("---\n---\n{body}");
        let corpus = crate::testing::corpus(&[("scs-0100-v1-a.md", doc.as_bytes())]);
        let found: Vec<_> = crate::check(&corpus, &crate::Settings::default())
            .into_iter()
            .filter(|d| d.rule == "broken-anchor")
            .collect();
        assert_eq!(found.len(), 3000);
        let helped = found.iter().filter(|d| d.help.is_some()).count();
        assert_eq!(helped, crate::suggest::PER_DOCUMENT);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `#heading-0`?"));
    }

    #[test]
    fn resolving() {
        assert_eq!(check_rule("broken-anchor", &[
            ("scs-0100-v3-a.md", b"---\n---\n## Conformance Tests\n## Notes {#custom}\n<a name=\"old-name\"></a>\n"),
            ("scs-0101-v1-a.md", b"---\n---\n## Motivation\n[a](scs-0100-v3-a.md#conformance-tests) [b](#motivation) [c](scs-0100-v3-a.md#custom)\n[d](scs-0100-v3-a.md#old-name) [e](https://example.com/#x) [f](https://github.com/SovereignCloudStack/standards/blob/main/Standards/scs-0100-v3-a.md#L3)\n"),
        ]), "");
    }
}

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

    #[test]
    fn resolving() {
        assert_eq!(check_rule("broken-anchor", &[
            ("scs-0100-v3-a.md", b"---\n---\n## Conformance Tests\n## Notes {#custom}\n<a name=\"old-name\"></a>\n"),
            ("scs-0101-v1-a.md", b"---\n---\n## Motivation\n[a](scs-0100-v3-a.md#conformance-tests) [b](#motivation) [c](scs-0100-v3-a.md#custom)\n[d](scs-0100-v3-a.md#old-name) [e](https://example.com/#x) [f](https://github.com/SovereignCloudStack/standards/blob/main/Standards/scs-0100-v3-a.md#L3)\n"),
        ]), "");
    }
}

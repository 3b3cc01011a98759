//! `supplements-not-list`: a supplement lists the documents it supplements.

use scs_core::Document;

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub SupplementsNotList {
        id: "supplements-not-list",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A supplement whose `supplements` is missing or not a list",
        explanation: r#"SCS-0001's metadata table: `supplements` is "REQUIRED precisely when `type` is
`Supplement`", a "list of documents that are extended by this document (e.g., multiple
major versions)". Without it a supplement is not attached to any standard.

Fails:
```yaml
type: Supplement
supplements: scs-0100-v3-flavor-naming.md
```
Passes:
```yaml
type: Supplement
supplements:
  - scs-0100-v3-flavor-naming.md
```"#,
    }
}

impl DocumentRule for SupplementsNotList {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if !facts::is_supplement_with_front_matter(doc) {
            return;
        }
        match doc.entry("supplements") {
            None => {
                out.report(doc, Some(doc.head_span()), "supplements is missing")
                    .help("list the documents this supplement extends:\nsupplements:\n  - scs-NNNN-vN-….md");
            }
            Some(entry) if entry.value.as_sequence().is_none() => {
                let d = out.report(
                    doc,
                    Some(entry.value.span),
                    format!("supplements must be a list, found {}", entry.value.describe()),
                );
                if let Some(text) = entry.value.as_str().filter(|_| !entry.value.is_null()) {
                    d.help(format!("write a one-element list:\nsupplements:\n  - {}", text.trim()));
                }
                if let Some(fix) = crate::fix::string_to_list(doc, entry) {
                    d.fix(fix);
                }
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn not_a_list() {
        insta::assert_snapshot!(check_rule("supplements-not-list", &[
            ("scs-0100-w1-a.md", b"---\ntype: Supplement\nsupplements: scs-0100-v1-a.md\n---\n"),
            ("scs-0100-w2-a.md", b"---\ntype: Supplement\n---\n"),
        ]), @r"
        Standards/scs-0100-w1-a.md:3:14: error[supplements-not-list] supplements must be a list, found a string
          help: write a one-element list:
        supplements:
          - scs-0100-v1-a.md
        Standards/scs-0100-w2-a.md:1:1: error[supplements-not-list] supplements is missing
          help: list the documents this supplement extends:
        supplements:
          - scs-NNNN-vN-….md
        ");
    }

    #[test]
    fn list() {
        assert_eq!(
            check_rule(
                "supplements-not-list",
                &[("scs-0100-w1-a.md", b"---\ntype: Supplement\nsupplements:\n  - scs-0100-v1-a.md\n---\n"),]
            ),
            ""
        );
    }
}

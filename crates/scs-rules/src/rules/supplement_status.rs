//! `supplement-status`: a supplement has no `status`.

use scs_core::Document;

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub SupplementStatus {
        id: "supplement-status",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A supplement with a `status` field",
        explanation: r#"SCS-0001 ("Process"): "Supplements are perpetually kept in phase Draft, because
they are not authoritative, and this phase is not recorded in the document (i.e., no
`status` field)". A status on a supplement suggests a lifecycle it does not have.

Fails:
```yaml
type: Supplement
status: Stable
```
Passes:
```yaml
type: Supplement
supplements:
  - scs-0100-v3-flavor-naming.md
```"#,
    }
}

impl DocumentRule for SupplementStatus {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if !facts::is_supplement_with_front_matter(doc) {
            return;
        }
        if let Some(entry) = doc.entry("status") {
            out.report(doc, Some(entry.key_span), "a supplement has no status")
                .help("remove the status line: supplements are always informative drafts");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn status_on_supplement() {
        insta::assert_snapshot!(check_rule("supplement-status", &[
            ("scs-0100-w1-a.md", b"---\ntype: Supplement\nstatus: Draft\n---\n"),
        ]), @r"
        Standards/scs-0100-w1-a.md:3:1: error[supplement-status] a supplement has no status
          help: remove the status line: supplements are always informative drafts
        ");
    }

    #[test]
    fn no_status() {
        assert_eq!(
            check_rule(
                "supplement-status",
                &[
                    ("scs-0100-w1-a.md", b"---\ntype: Supplement\n---\n"),
                    ("scs-0100-v1-a.md", b"---\nstatus: Draft\n---\n"),
                ]
            ),
            ""
        );
    }
}

//! `supplement-type`: a `w` document has `type: Supplement`.

use scs_core::{DocType, Document};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub SupplementType {
        id: "supplement-type",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A `w` document whose `type` is not `Supplement`",
        explanation: r#"Files named `scs-NNNN-wN-…` are supplements (SCS-0001, "Document format"):
informative implementation and testing notes to a standard. Their `type` is `Supplement`.
A `w` file with another type is either misnamed or mistyped.

Fails: `scs-0100-w1-implementation.md` with `type: Standard`.
Passes: `scs-0100-w1-implementation.md` with `type: Supplement`."#,
    }
}

impl DocumentRule for SupplementType {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if facts::is_supplement_with_front_matter(doc) {
            facts::report_choice(doc, "type", &[DocType::Supplement.as_str()], out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn wrong_type() {
        insta::assert_snapshot!(check_rule("supplement-type", &[
            ("scs-0100-w1-a.md", b"---\ntype: Standard\n---\n"),
            ("scs-0100-w2-a.md", b"---\ntrack: IaaS\n---\n"),
        ]), @r"
        Standards/scs-0100-w1-a.md:2:7: error[supplement-type] type must be one of `Supplement`, found `Standard`
        Standards/scs-0100-w2-a.md:1:1: error[supplement-type] type is missing
          help: add `type:` with one of `Supplement`
        ");
    }

    #[test]
    fn supplement() {
        assert_eq!(
            check_rule(
                "supplement-type",
                &[
                    ("scs-0100-w1-a.md", b"---\ntype: Supplement\n---\n"),
                    ("scs-0100-v1-a.md", b"---\ntype: Standard\n---\n"),
                ]
            ),
            ""
        );
    }
}

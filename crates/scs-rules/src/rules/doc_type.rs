//! `invalid-type`: a document's `type` is one SCS-0001 defines.

use scs_core::{DocType, Document};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

const CHOICES: &[&str] = &[DocType::Procedural.as_str(), DocType::Standard.as_str(), DocType::DecisionRecord.as_str()];

declare_rules! {
    pub InvalidType {
        id: "invalid-type",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A `v` document whose `type` is missing or not Procedural, Standard or Decision Record",
        explanation: r#"Every document states its `type` in the front matter (SCS-0001, "Types of
documents"). A major version (`scs-NNNN-vN-…`) is a `Procedural` document, a `Standard`
or a `Decision Record`; the type decides which sections it needs and how it is listed on
the docs site. Supplements are named `scs-NNNN-wN-…` and checked by `supplement-type`.

Fails:
```yaml
type: ADR
```
Passes:
```yaml
type: Decision Record
```"#,
    }
}

impl DocumentRule for InvalidType {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if !facts::is_major_with_front_matter(doc) {
            return;
        }
        if let facts::Choice::Unknown("Supplement", span) = facts::choice(doc, "type", CHOICES) {
            out.report(doc, Some(span), "a `v` document cannot be a `Supplement`")
                .help("name supplements `scs-NNNN-wN-slug.md`, with the number of the document they supplement");
            return;
        }
        facts::report_choice(doc, "type", CHOICES, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn bad_types() {
        insta::assert_snapshot!(check_rule("invalid-type", &[
            ("scs-0001-v1-a.md", b"---\ntype: Standart\n---\n"),
            ("scs-0002-v1-b.md", b"---\nstatus: Draft\n---\n"),
            ("scs-0003-v1-c.md", b"---\ntype: [Standard]\n---\n"),
            ("scs-0004-v1-d.md", b"---\ntype: Supplement\n---\n"),
            ("scs-0005-v1-e.md", b"---\ntype:\n---\n"),
        ]), @r"
        Standards/scs-0001-v1-a.md:2:7: error[invalid-type] type must be one of `Procedural`, `Standard`, `Decision Record`, found `Standart`
          help: did you mean `Standard`?
        Standards/scs-0002-v1-b.md:1:1: error[invalid-type] type is missing
          help: add `type:` with one of `Procedural`, `Standard`, `Decision Record`
        Standards/scs-0003-v1-c.md:2:7: error[invalid-type] type must be one of `Procedural`, `Standard`, `Decision Record`, found a list
        Standards/scs-0004-v1-d.md:2:7: error[invalid-type] a `v` document cannot be a `Supplement`
          help: name supplements `scs-NNNN-wN-slug.md`, with the number of the document they supplement
        Standards/scs-0005-v1-e.md:2:6: error[invalid-type] type must be one of `Procedural`, `Standard`, `Decision Record`, found an empty value
        ");
    }

    #[test]
    fn good_types_and_supplements_are_not_checked_here() {
        assert_eq!(
            check_rule(
                "invalid-type",
                &[
                    ("scs-0001-v1-a.md", b"---\ntype: Standard  # | Procedural\n---\n"),
                    ("scs-0002-v1-b.md", b"---\ntype: \"Decision Record\"\n---\n"),
                    ("scs-0002-w1-b.md", b"---\ntype: Other\n---\n"),
                    ("scs-0003-v1-c.md", b"no front matter\n"),
                ]
            ),
            ""
        );
    }
}

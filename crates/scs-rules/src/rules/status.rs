//! `invalid-status`: a document's `status` is one of SCS-0001's lifecycle phases.

use scs_core::{Document, Status};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

const CHOICES: &[&str] = &[
    Status::Draft.as_str(),
    Status::Stable.as_str(),
    Status::Deprecated.as_str(),
    Status::Rejected.as_str(),
    Status::Proposal.as_str(),
];

declare_rules! {
    pub InvalidStatus {
        id: "invalid-status",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A `v` document whose `status` is missing or not Draft, Stable, Deprecated or Rejected",
        explanation: r#"SCS-0001 ("Process") moves every document through the phases Draft → Stable →
Deprecated, or Draft → Rejected, and records the phase in `status`. It is required for
every document except supplements. The obsolete spelling `Proposal` is accepted here and
reported by `obsolete-status`.

Fails:
```yaml
status: Accepted
```
Passes:
```yaml
status: Stable
stabilized_at: 2024-11-13
```"#,
    }
}

impl DocumentRule for InvalidStatus {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if facts::is_major_with_front_matter(doc) {
            // `Proposal` is valid but obsolete; it is not offered as a choice.
            let offered = &CHOICES[..4];
            match facts::choice(doc, "status", CHOICES) {
                facts::Choice::Known => {}
                _ => facts::report_choice(doc, "status", offered, out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn bad_status() {
        insta::assert_snapshot!(check_rule("invalid-status", &[
            ("scs-0001-v1-a.md", b"---\nstatus: stable\n---\n"),
            ("scs-0002-v1-b.md", b"---\ntype: Standard\n---\n"),
        ]), @r"
        Standards/scs-0001-v1-a.md:2:9: error[invalid-status] status must be one of `Draft`, `Stable`, `Deprecated`, `Rejected`, found `stable`
          help: did you mean `Stable`?
        Standards/scs-0002-v1-b.md:1:1: error[invalid-status] status is missing
          help: add `status:` with one of `Draft`, `Stable`, `Deprecated`, `Rejected`
        ");
    }

    #[test]
    fn good_status() {
        assert_eq!(
            check_rule(
                "invalid-status",
                &[
                    ("scs-0001-v1-a.md", b"---\nstatus: Draft\n---\n"),
                    ("scs-0002-v1-b.md", b"---\nstatus: Proposal\n---\n"),
                    ("scs-0002-w1-b.md", b"---\ntype: Supplement\n---\n"),
                ]
            ),
            ""
        );
    }
}

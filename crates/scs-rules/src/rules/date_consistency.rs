//! `date-order` and `date-status-mismatch`: lifecycle dates that agree with each other and with
//! the status.

use scs_core::{Document, Status};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub DateOrder {
        id: "date-order",
        severity: Error,
        kinds: [document],
        groups: [LIFECYCLE],
        summary: "`deprecated_at` or `rejected_at` before `stabilized_at`",
        explanation: r#"A document is deprecated after it was stable (SCS-0001, "Process"): Draft → Stable →
Deprecated. A `deprecated_at` before the `stabilized_at` would make the document deprecated
before it ever took effect, and the docs site would never show it as effective. The same
holds for a `rejected_at` before the `stabilized_at` of a document removed from the corpus.

Fails:
```yaml
stabilized_at: 2024-11-13
deprecated_at: 2024-01-31
```
Passes:
```yaml
stabilized_at: 2024-01-31
deprecated_at: 2024-11-13
```"#,
    }

    pub DateStatusMismatch {
        id: "date-status-mismatch",
        severity: Warning,
        kinds: [document],
        groups: [LIFECYCLE],
        summary: "A lifecycle date that the status contradicts (`stabilized_at` on a Draft, `rejected_at` without Rejected, …)",
        explanation: r#"Each lifecycle date belongs to a phase (SCS-0001 metadata table and "Process"):
`stabilized_at` is set when a document becomes Stable, `deprecated_at` when it moves to
Deprecated, `rejected_at` when it is Rejected. A Draft cannot have been Stable, so a
`stabilized_at` on it is either premature or the status was not updated; a `deprecated_at`
or `rejected_at` without that status likewise.

Fails:
```yaml
status: Draft
stabilized_at: 2024-11-13
```
Passes:
```yaml
status: Stable
stabilized_at: 2024-11-13
```"#,
    }
}

impl DocumentRule for DateOrder {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        let date = |key: &str| {
            let entry = doc.entry(key)?;
            facts::iso_date(entry.value.as_str()?.trim()).ok().map(|d| (d, entry))
        };
        let Some((stabilized, stabilized_entry)) = date("stabilized_at") else { return };
        for key in ["deprecated_at", "rejected_at"] {
            if let Some((later, entry)) = date(key)
                && later < stabilized
            {
                out.report(doc, Some(entry.value.span), format!("{key} {later} is before stabilized_at {stabilized}"))
                    .label(stabilized_entry.value.span, "stabilized here");
            }
        }
    }
}

impl DocumentRule for DateStatusMismatch {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if !facts::is_major_with_front_matter(doc) {
            return;
        }
        let Some(status) = doc.status() else { return };
        let mismatches: &[(&str, &str)] = match status {
            Status::Draft | Status::Proposal => &[
                ("stabilized_at", "a Draft has not been Stable yet"),
                ("deprecated_at", "only a Deprecated document has a deprecation date"),
                ("rejected_at", "only a Rejected document has a rejection date"),
            ],
            Status::Stable => &[
                ("deprecated_at", "only a Deprecated document has a deprecation date"),
                ("rejected_at", "only a Rejected document has a rejection date"),
            ],
            Status::Deprecated => &[("rejected_at", "only a Rejected document has a rejection date")],
            Status::Rejected => &[("deprecated_at", "only a Deprecated document has a deprecation date")],
        };
        let status_span = doc.entry("status").map(|e| e.value.span);
        for (key, why) in mismatches {
            if let Some(entry) = doc.entry(key) {
                let d =
                    out.report(doc, Some(entry.key_span), format!("{key} is set but the status is `{status}`: {why}"));
                if let Some(span) = status_span {
                    d.label(span, "the status");
                }
                d.help(format!("update the status, or remove {key}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn order() {
        insta::assert_snapshot!(check_rule("date-order", &[
            ("scs-0100-v1-a.md", b"---\nstabilized_at: 2024-11-13\ndeprecated_at: 2024-01-31\n---\n"),
        ]), @r"
        Standards/scs-0100-v1-a.md:3:16: error[date-order] deprecated_at 2024-01-31 is before stabilized_at 2024-11-13
          2:16: stabilized here
        ");
        assert_eq!(
            check_rule(
                "date-order",
                &[(
                    "scs-0100-v1-a.md",
                    b"---\nstabilized_at: 2024-01-31\ndeprecated_at: 2024-01-31\nrejected_at: x\n---\n"
                )]
            ),
            ""
        );
    }

    #[test]
    fn status_mismatch() {
        insta::assert_snapshot!(check_rule("date-status-mismatch", &[
            ("scs-0100-v1-a.md", b"---\nstatus: Draft\nstabilized_at: 2024-11-13\n---\n"),
            ("scs-0101-v1-a.md", b"---\nstatus: Stable\nstabilized_at: 2024-11-13\nrejected_at: 2025-01-01\n---\n"),
        ]), @r"
        Standards/scs-0100-v1-a.md:3:1: warning[date-status-mismatch] stabilized_at is set but the status is `Draft`: a Draft has not been Stable yet
          2:9: the status
          help: update the status, or remove stabilized_at
        Standards/scs-0101-v1-a.md:4:1: warning[date-status-mismatch] rejected_at is set but the status is `Stable`: only a Rejected document has a rejection date
          2:9: the status
          help: update the status, or remove rejected_at
        ");
        assert_eq!(
            check_rule(
                "date-status-mismatch",
                &[
                    (
                        "scs-0100-v1-a.md",
                        b"---\nstatus: Deprecated\nstabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\n---\n"
                    ),
                    (
                        "scs-0101-v1-a.md",
                        b"---\nstatus: Rejected\nstabilized_at: 2024-01-01\nrejected_at: 2025-01-01\n---\n"
                    ),
                ]
            ),
            ""
        );
    }
}

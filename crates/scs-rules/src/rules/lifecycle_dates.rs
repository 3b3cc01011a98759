//! `missing-lifecycle-date`: each lifecycle phase records the date it began.

use scs_core::{Document, Status};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub MissingLifecycleDate {
        id: "missing-lifecycle-date",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A Stable, Deprecated or Rejected document without the date of that phase",
        explanation: r#"SCS-0001's metadata table: `stabilized_at` is "REQUIRED if `status` was ever
`Stable`" (so also for Deprecated documents, which were Stable before), `deprecated_at`
is "REQUIRED if `status` is `Deprecated`", and `rejected_at` is "REQUIRED if `status` is
`Rejected`". The docs site needs these dates to tell which version is in effect.

Fails:
```yaml
status: Deprecated
stabilized_at: 2023-02-21
```
Passes:
```yaml
status: Deprecated
stabilized_at: 2023-02-21
deprecated_at: 2023-11-30
```"#,
    }
}

impl DocumentRule for MissingLifecycleDate {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if !facts::is_major_with_front_matter(doc) {
            return;
        }
        let (Some(status), Some(entry)) = (doc.status(), doc.entry("status")) else { return };
        let required: &[(&str, &str)] = match status {
            Status::Stable => &[("stabilized_at", "the date after which the document is considered stable")],
            Status::Deprecated => &[
                ("stabilized_at", "the date after which the document was considered stable"),
                ("deprecated_at", "the date after which the deprecation is in effect"),
            ],
            Status::Rejected => &[("rejected_at", "the date on which the document was rejected")],
            Status::Draft | Status::Proposal => &[],
        };
        for (key, meaning) in required {
            if doc.entry(key).is_none() {
                out.report(doc, Some(entry.value.span), format!("status is `{status}` but {key} is missing"))
                    .help(format!("add `{key}: YYYY-MM-DD`, {meaning}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn missing_dates() {
        insta::assert_snapshot!(check_rule("missing-lifecycle-date", &[
            ("scs-0001-v1-a.md", b"---\nstatus: Stable\n---\n"),
            ("scs-0002-v1-a.md", b"---\nstatus: Deprecated\n---\n"),
            ("scs-0003-v1-a.md", b"---\nstatus: Rejected\n---\n"),
        ]), @"
        Standards/scs-0001-v1-a.md:2:9: error[missing-lifecycle-date] status is `Stable` but stabilized_at is missing
          help: add `stabilized_at: YYYY-MM-DD`, the date after which the document is considered stable
        Standards/scs-0002-v1-a.md:2:9: error[missing-lifecycle-date] status is `Deprecated` but deprecated_at is missing
          help: add `deprecated_at: YYYY-MM-DD`, the date after which the deprecation is in effect
        Standards/scs-0002-v1-a.md:2:9: error[missing-lifecycle-date] status is `Deprecated` but stabilized_at is missing
          help: add `stabilized_at: YYYY-MM-DD`, the date after which the document was considered stable
        Standards/scs-0003-v1-a.md:2:9: error[missing-lifecycle-date] status is `Rejected` but rejected_at is missing
          help: add `rejected_at: YYYY-MM-DD`, the date on which the document was rejected
        ");
    }

    #[test]
    fn dates_present() {
        assert_eq!(
            check_rule(
                "missing-lifecycle-date",
                &[
                    ("scs-0001-v1-a.md", b"---\nstatus: Stable\nstabilized_at: 2024-01-01\n---\n"),
                    (
                        "scs-0002-v1-a.md",
                        b"---\nstatus: Deprecated\nstabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\n---\n"
                    ),
                    ("scs-0003-v1-a.md", b"---\nstatus: Rejected\nrejected_at: 2024-01-01\n---\n"),
                    ("scs-0004-v1-a.md", b"---\nstatus: Draft\n---\n"),
                ]
            ),
            ""
        );
    }
}

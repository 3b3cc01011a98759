//! `replaced-by-forbidden`: only Deprecated or Rejected documents have `replaced_by`.

use scs_core::{Document, Status};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub ReplacedByForbidden {
        id: "replaced-by-forbidden",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "`replaced_by` on a document that is not Deprecated or Rejected",
        explanation: r#"SCS-0001's metadata table: `replaced_by` is "RECOMMENDED if `status` is
`Deprecated` or `Rejected`, FORBIDDEN otherwise". A document in effect cannot already be
replaced; the replacement is recorded when the old document is deprecated, after the new
one became Stable.

Fails:
```yaml
status: Stable
replaced_by:
  - scs-0100-v2-flavor-naming.md
```
Passes:
```yaml
status: Deprecated
deprecated_at: 2024-01-31
replaced_by:
  - scs-0100-v2-flavor-naming.md
```"#,
    }
}

impl DocumentRule for ReplacedByForbidden {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if !facts::is_major_with_front_matter(doc) {
            return;
        }
        let Some(entry) = doc.entry("replaced_by") else { return };
        // A status that cannot be read has its own finding (one typo, one finding).
        if matches!(doc.status(), Some(Status::Deprecated | Status::Rejected) | None) {
            return;
        }
        let d = out.report(
            doc,
            Some(entry.key_span),
            "replaced_by is only allowed when status is `Deprecated` or `Rejected`",
        );
        match doc.entry("status") {
            Some(status) => d.label(status.value.span, "the status is set here"),
            None => d,
        }
        .help("remove replaced_by, or deprecate the document (status, deprecated_at) once its replacement is Stable");
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn forbidden() {
        insta::assert_snapshot!(check_rule("replaced-by-forbidden", &[
            ("scs-0001-v1-a.md", b"---\nstatus: Stable\nreplaced_by:\n  - scs-0001-v2-a.md\n---\n"),
        ]), @r"
        Standards/scs-0001-v1-a.md:3:1: error[replaced-by-forbidden] replaced_by is only allowed when status is `Deprecated` or `Rejected`
          2:9: the status is set here
          help: remove replaced_by, or deprecate the document (status, deprecated_at) once its replacement is Stable
        ");
    }

    #[test]
    fn allowed() {
        assert_eq!(
            check_rule(
                "replaced-by-forbidden",
                &[
                    ("scs-0001-v1-a.md", b"---\nstatus: Deprecated\nreplaced_by: [scs-0001-v2-a.md]\n---\n"),
                    ("scs-0002-v1-a.md", b"---\nstatus: Rejected\nreplaced_by: [scs-0001-v2-a.md]\n---\n"),
                    ("scs-0003-v1-a.md", b"---\nstatus: Stable\n---\n"),
                ]
            ),
            ""
        );
    }
}

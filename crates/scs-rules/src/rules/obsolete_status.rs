//! `obsolete-status`: `status: Proposal` is the old name of a new `Draft`.

use scs_core::{Document, Status};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub ObsoleteStatus {
        id: "obsolete-status",
        severity: Warning,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "`status: Proposal`, which SCS-0001 no longer has",
        explanation: r#"Earlier versions of SCS-0001 had a `Proposal` status. Today a proposal is a
document named `scs-xxxx-v1-…` whose status is `Draft` (SCS-0001, "Proposal phase"); the
status `Proposal` is still understood but should be replaced.

Fails:
```yaml
status: Proposal
```
Passes:
```yaml
status: Draft
```"#,
    }
}

impl DocumentRule for ObsoleteStatus {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if !facts::is_major_with_front_matter(doc) || doc.status() != Some(Status::Proposal) {
            return;
        }
        if let Some(entry) = doc.entry("status") {
            let d = out.report(doc, Some(entry.value.span), "status `Proposal` is obsolete");
            d.help("write `status: Draft`; a proposal is a Draft named `scs-xxxx-v1-…`");
            if let Some(fix) =
                crate::fix::replace_scalar(doc, "status", "Draft", "replace the obsolete status Proposal by Draft".into())
            {
                d.fix(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn proposal_is_obsolete() {
        insta::assert_snapshot!(check_rule("obsolete-status", &[("scs-xxxx-v1-a.md", b"---\nstatus: Proposal\n---\n")]), @r"
        Standards/scs-xxxx-v1-a.md:2:9: warning[obsolete-status] status `Proposal` is obsolete
          help: write `status: Draft`; a proposal is a Draft named `scs-xxxx-v1-…`
        ");
        assert_eq!(check_rule("obsolete-status", &[("scs-xxxx-v1-a.md", b"---\nstatus: Draft\n---\n")]), "");
    }
}

//! `lifecycle-reversed`: a status only moves forward through SCS-0001's lifecycle.

use scs_core::Status;
use scs_core::history::History;

use super::{StatusChange, report, status_changes};
use crate::declare_rules;
use crate::rule::{Context, HistoryRule, Reporter};

declare_rules! {
    pub LifecycleReversed {
        id: "lifecycle-reversed",
        severity: Error,
        kinds: [history],
        groups: [HISTORY],
        summary: "A document's status moved back against the lifecycle",
        explanation: r#"SCS-0001's lifecycle: Draft → Stable → Deprecated, or Draft → Rejected; and "if a
document is removed from the normative corpus, its status is changed to Rejected", so a
Stable or Deprecated document may also become Rejected. No path leads back: a Stable
document does not become a Draft again, a Deprecated one neither Stable nor Draft, and
Rejected is final. Implementers rely on a Stable document staying
what it is; a change that needs more work goes into a new major version.

Draft → Deprecated is not reported here: such a document lacks `stabilized_at`, which
`missing-lifecycle-date` reports. Changes back and forth that happened only on the branch
under review are not reported; its result is compared with the default branch.

Needs `scs check --history` or `--base REF`.

Fails (on the default branch, then later):
```yaml
status: Stable    # then
status: Draft
```
Passes:
```yaml
status: Stable    # then
status: Deprecated
```"#,
    }
}

/// Whether SCS-0001's lifecycle leads from `from` to `to` (staying counts).
pub fn allowed(from: Status, to: Status) -> bool {
    use Status::*;
    from == to
        || match from {
            Proposal => true,
            Draft => to != Proposal,
            Stable => matches!(to, Deprecated | Rejected),
            Deprecated => to == Rejected,
            Rejected => false,
        }
}

impl HistoryRule for LifecycleReversed {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        for trail in history.documents() {
            let Some(current) = trail.current() else { continue };
            for StatusChange { from, since, to, at } in status_changes(history, trail) {
                if allowed(from, to) {
                    continue;
                }
                let message = format!(
                    "status went from `{from}` (in {}) to `{to}` in {}, against SCS-0001's lifecycle",
                    history.revision(since),
                    history.revision(at),
                );
                report(out, cx, current, Some("status"), message).help(
                    "the lifecycle is Draft → Stable → Deprecated, or Draft → Rejected; further changes to a Stable document go into a new major version",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use scs_core::Status::*;

    use super::allowed;
    use crate::testing::{Doc, Step, check_history};

    #[test]
    fn the_lifecycle_moves_forward_only() {
        for (from, to) in [
            (Proposal, Draft),
            (Draft, Stable),
            (Draft, Rejected),
            (Stable, Deprecated),
            (Stable, Rejected),
            (Deprecated, Rejected),
        ] {
            assert!(allowed(from, to), "{from} → {to}");
        }
        for (from, to) in [
            (Stable, Draft),
            (Deprecated, Stable),
            (Deprecated, Draft),
            (Rejected, Draft),
            (Rejected, Stable),
            (Draft, Proposal),
        ] {
            assert!(!allowed(from, to), "{from} → {to}");
        }
    }

    #[test]
    fn reversals_name_the_commit() {
        let revisions =
            [("draft", true), ("stable", true), ("typo", true), ("back to draft", true), ("working tree", false)];
        let stable = "---\nstatus: Stable\nstabilized_at: 2025-01-02\n---\n";
        let steps = [
            Step(0, "scs-0100-v1-a.md", "---\nstatus: Draft\n---\n"),
            Step(1, "scs-0100-v1-a.md", stable),
            Step(2, "scs-0100-v1-a.md", "---\nstatus: [broken\n---\n"),
            Step(3, "scs-0100-v1-a.md", "---\nstatus: Draft\nstabilized_at: 2025-01-02\n---\n"),
            Step(4, "scs-0100-v1-a.md", "---\nstatus: Rejected\nrejected_at: 2025-02-01\n---\n"),
        ];
        insta::assert_snapshot!(check_history("lifecycle-reversed", &revisions, &[Doc(&steps, None)]), @r#"
        Standards/scs-0100-v1-a.md:2:9: error[lifecycle-reversed] status went from `Stable` (in commit c1 (2025-01-02, "stable")) to `Draft` in commit c3 (2025-01-04, "back to draft"), against SCS-0001's lifecycle
          help: the lifecycle is Draft → Stable → Deprecated, or Draft → Rejected; further changes to a Stable document go into a new major version
        "#);
    }

    #[test]
    fn back_and_forth_on_the_branch_under_review_is_not_reported() {
        let revisions = [("stable", true), ("oops", false), ("fixed", false)];
        let stable = "---\nstatus: Stable\n---\n";
        let steps = [
            Step(0, "scs-0100-v1-a.md", stable),
            Step(1, "scs-0100-v1-a.md", "---\nstatus: Draft\n---\n"),
            Step(2, "scs-0100-v1-a.md", stable),
        ];
        assert_eq!(check_history("lifecycle-reversed", &revisions, &[Doc(&steps, None)]), "");
    }
}

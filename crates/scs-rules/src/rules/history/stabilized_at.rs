//! `stabilized-at-dropped` and `stabilized-at-changed`: the date a document became Stable is
//! recorded once and kept.

use scs_core::Status;
use scs_core::history::History;

use super::report;
use crate::declare_rules;
use crate::rule::{Context, HistoryRule, Reporter};
use crate::rules::lifecycle_dates::MissingLifecycleDate;

declare_rules! {
    pub StabilizedAtDropped {
        id: "stabilized-at-dropped",
        severity: Error,
        kinds: [history],
        groups: [HISTORY],
        summary: "A document that was Stable has no `stabilized_at` now",
        explanation: r#"SCS-0001's metadata table: `stabilized_at` is "REQUIRED if `status` was ever
`Stable`". The file alone cannot tell whether a Draft or Rejected document was ever Stable;
the history can. (A Stable or Deprecated document without the date is left to
`missing-lifecycle-date`, which needs no history, unless that rule is turned off.)

Needs `scs check --history` or `--base REF`.

Fails (Stable on the default branch, later):
```yaml
status: Rejected
rejected_at: 2025-03-01
```
Passes:
```yaml
status: Rejected
stabilized_at: 2024-06-01
rejected_at: 2025-03-01
```"#,
    }

    pub StabilizedAtChanged {
        id: "stabilized-at-changed",
        severity: Warning,
        kinds: [history],
        groups: [HISTORY],
        summary: "`stabilized_at` was changed after it was first set",
        explanation: r#"`stabilized_at` records "the date after which the document was considered
stable" (SCS-0001). Implementers and certificate scopes plan with that date; moving it
later rewrites when the document became binding. A correction of a typo before the date
was reached is the usual exception, hence a warning.

Needs `scs check --history` or `--base REF`.

Fails (on the default branch, then later):
```yaml
stabilized_at: 2024-06-01   # then
stabilized_at: 2024-09-01
```
Passes: the date as first set, whatever else changes later."#,
    }
}

impl HistoryRule for StabilizedAtDropped {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        // Supplements have no status (SCS-0001): one that once said `Stable` by mistake was
        // never stabilized.
        for trail in history.documents().filter(|t| !t.is_supplement()) {
            let Some(current) = trail.current() else { continue };
            // A Stable or Deprecated document without the date is `missing-lifecycle-date`'s,
            // unless that rule is off (as in `--select history`).
            let reported_anyway = matches!(current.status, Some(Status::Stable | Status::Deprecated))
                && cx.settings.severity(&MissingLifecycleDate::META).is_some();
            if current.stabilized_at.is_some() || reported_anyway {
                continue;
            }
            let milestones = history.milestones(trail);
            let Some(stable) = milestones.iter().find(|s| s.status == Some(Status::Stable)) else { continue };
            let message = format!(
                "the document was Stable in {}, so `stabilized_at` is required, but it is missing",
                history.revision(stable)
            );
            let help = match milestones.iter().rev().find_map(|s| s.stabilized_at.as_deref()) {
                Some(date) => format!("add back `stabilized_at: {date}`"),
                None => "add `stabilized_at: YYYY-MM-DD`, the date after which the document was considered stable"
                    .to_owned(),
            };
            report(out, cx, current, Some("status"), message).help(help);
        }
    }
}

impl HistoryRule for StabilizedAtChanged {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        for trail in history.documents() {
            let Some(now) = trail.current().and_then(|c| c.stabilized_at.as_deref().map(|d| (c, d))) else { continue };
            let milestones = history.milestones(trail);
            let Some((set, first)) = milestones.iter().find_map(|s| s.stabilized_at.as_deref().map(|d| (s, d))) else {
                continue;
            };
            if now.1 == first {
                continue;
            }
            let Some(changed) = milestones
                .iter()
                .skip_while(|s| s.revision <= set.revision)
                .find(|s| s.stabilized_at.as_deref().is_some_and(|d| d != first))
            else {
                continue;
            };
            let message = format!(
                "`stabilized_at` was `{first}` (in {}) and was changed in {}",
                history.revision(set),
                history.revision(changed)
            );
            report(out, cx, now.0, Some("stabilized_at"), message)
                .help(format!("keep `stabilized_at: {first}`, the date the document became Stable"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Doc, Step, check_history, check_history_with};

    #[test]
    fn stable_once_then_date_dropped() {
        let revisions = [("stable", true), ("reject", true)];
        let steps = [
            Step(0, "scs-0100-v1-a.md", "---\nstatus: Stable\nstabilized_at: 2024-06-01\n---\n"),
            Step(1, "scs-0100-v1-a.md", "---\nstatus: Rejected\nrejected_at: 2025-01-01\n---\n"),
        ];
        let never_stable = [Step(0, "scs-0200-v1-a.md", "---\nstatus: Draft\n---\n")];
        insta::assert_snapshot!(check_history("stabilized-at-dropped", &revisions, &[Doc(&steps, None), Doc(&never_stable, None)]), @r#"
        Standards/scs-0100-v1-a.md:2:9: error[stabilized-at-dropped] the document was Stable in commit c0 (2025-01-01, "stable"), so `stabilized_at` is required, but it is missing
          help: add back `stabilized_at: 2024-06-01`
        "#);
    }

    #[test]
    fn stable_now_is_left_to_missing_lifecycle_date_when_it_runs() {
        let steps = [Step(0, "scs-0100-v1-a.md", "---\nstatus: Stable\n---\n")];
        assert_eq!(check_history("stabilized-at-dropped", &[("stable", true)], &[Doc(&steps, None)]), "");
        let mut history_only = crate::Settings::default();
        history_only.severities.insert("missing-lifecycle-date".into(), None);
        let found =
            check_history_with("stabilized-at-dropped", &history_only, &[("stable", true)], &[Doc(&steps, None)]);
        assert!(found.contains("the document was Stable in commit c0"), "{found}");
    }

    #[test]
    fn date_changed_after_it_was_set() {
        let revisions = [("draft", true), ("stable", true), ("move date", true), ("working tree", false)];
        let steps = [
            Step(0, "scs-0100-v1-a.md", "---\nstatus: Draft\n---\n"),
            Step(1, "scs-0100-v1-a.md", "---\nstatus: Stable\nstabilized_at: 2024-06-01\n---\n"),
            Step(2, "scs-0100-v1-a.md", "---\nstatus: Stable\nstabilized_at: 2024-09-01\n---\n"),
            Step(3, "scs-0100-v1-a.md", "---\nstatus: Deprecated\nstabilized_at: 2024-09-01\n---\n"),
        ];
        let unchanged = [
            Step(1, "scs-0200-v1-a.md", "---\nstatus: Stable\nstabilized_at: 2024-06-01\n---\n"),
            Step(2, "scs-0200-v1-a.md", "---\nstatus: Stable\nstabilized_at: '2024-06-01'\n---\n"),
        ];
        insta::assert_snapshot!(check_history("stabilized-at-changed", &revisions, &[Doc(&steps, None), Doc(&unchanged, None)]), @r#"
        Standards/scs-0100-v1-a.md:3:16: warning[stabilized-at-changed] `stabilized_at` was `2024-06-01` (in commit c1 (2025-01-02, "stable")) and was changed in commit c2 (2025-01-03, "move date")
          help: keep `stabilized_at: 2024-06-01`, the date the document became Stable
        "#);
    }
}

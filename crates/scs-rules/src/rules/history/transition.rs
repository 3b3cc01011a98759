//! `lifecycle-transition`: the branch under review moves a document to another phase; the
//! reviewer sees who decides and what SCS-0001 asks for that step.

use scs_core::lifecycle::{deciders, requirements_for_status};
use scs_core::history::History;

use super::lifecycle::allowed;
use super::{StatusChange, report, status_changes};
use crate::declare_rules;
use crate::rule::{Context, HistoryRule, Reporter};

declare_rules! {
    pub LifecycleTransition {
        id: "lifecycle-transition",
        severity: Info,
        kinds: [history],
        groups: [HISTORY],
        summary: "The branch under review moves a document to another phase of the lifecycle",
        explanation: r#"Every phase transition of SCS-0001 is a decision: "All decisions for phase
transitions follow loose consensus, where the group which has to form the consensus depends
on the `track` of the document", and a pull request touching a Global document "MUST NOT be
merged unless approved by a representative of the Forum SCS-Standards". A Standard is
stabilized only when its conformance tests are implemented, shown to work with the reference
implementation and documented. This rule points a reviewer at each transition a pull request
makes, with the deciding group and what the step requires; transitions already on the
default branch are history and not reported. Transitions against the lifecycle are
`lifecycle-reversed`.

Needs `scs check --base REF` (or `--history` on a branch).

Fails (info, for the reviewer): a pull request that changes `status: Draft` to `status: Stable`.
Passes: a pull request that edits a Draft and keeps its status."#,
    }
}

impl HistoryRule for LifecycleTransition {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        for trail in history.documents() {
            let Some(current) = trail.current() else { continue };
            for StatusChange { from, to, at, .. } in status_changes(history, trail) {
                if !allowed(from, to) || history.revision(at).accepted() {
                    continue;
                }
                let doc = cx.corpus.by_path(&current.path);
                let group = deciders(doc.and_then(|d| d.scalar("track"))).short;
                let message =
                    format!("status moves from `{from}` to `{to}` in {}: a decision of {group}", history.revision(at));
                let required = requirements_for_status(to, doc.and_then(|d| d.doc_type()), doc.and_then(|d| d.track()));
                let help = if required.is_empty() {
                    "SCS-0001: the document is developed as a Draft; no date is needed".to_owned()
                } else {
                    format!("SCS-0001: {}", required.join("; "))
                };
                report(out, cx, current, Some("status"), message).help(help);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Doc, Step, check_history};

    #[test]
    fn transitions_on_the_branch_with_the_deciding_group() {
        let revisions = [("draft", true), ("stable on main", true), ("working tree", false)];
        let draft = |track: &str| format!("---\nstatus: Draft\ntrack: {track}\n---\n");
        let stable = |track: &str| format!("---\nstatus: Stable\ntrack: {track}\nstabilized_at: 2025-01-01\n---\n");
        let (global_draft, global_stable) = (draft("Global"), stable("Global"));
        let (iaas_draft, iaas_stable) = (draft("IaaS"), stable("IaaS"));
        let on_branch = [Step(0, "scs-0001-v1-a.md", &global_draft), Step(2, "scs-0001-v1-a.md", &global_stable)];
        let on_main = [Step(0, "scs-0100-v1-a.md", &iaas_draft), Step(1, "scs-0100-v1-a.md", &iaas_stable)];
        insta::assert_snapshot!(check_history("lifecycle-transition", &revisions, &[Doc(&on_branch, None), Doc(&on_main, None)]), @r#"
        Standards/scs-0001-v1-a.md:2:9: info[lifecycle-transition] status moves from `Draft` to `Stable` in the working tree: a decision of the SCS community and the Forum SCS-Standards (its approval before merge)
          help: SCS-0001: "the field `stabilized_at` MUST be added and set to a date after which the document is to be considered stable"; "Any pull request affecting a document in the Global track MUST NOT be merged unless approved by a representative of the Forum SCS-Standards"
        "#);
    }
}

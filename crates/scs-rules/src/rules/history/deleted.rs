//! `document-deleted`: an accepted document is deprecated or rejected, not deleted.

use scs_core::history::History;

use super::file_name;
use crate::declare_rules;
use crate::rule::{Context, HistoryRule, Reporter};

declare_rules! {
    pub DocumentDeleted {
        id: "document-deleted",
        severity: Warning,
        kinds: [history],
        groups: [HISTORY],
        summary: "The branch under review deletes a document the default branch accepted",
        explanation: r#"SCS-0001 ends a document's life by status, not by deletion: a document that is
no longer fit for use is `Deprecated` (with `deprecated_at`, and `replaced_by` if a
successor exists), one removed from the normative corpus is `Rejected`. The file stays so
that certificate scopes, links and the docs site keep resolving. Deletions the default
branch already made are history and not reported; only deletions on the branch under
review (or in the working tree) are.

Needs `scs check --history` or `--base REF`.

Fails: a pull request that removes `Standards/scs-0100-v1-flavor-naming.md`.
Passes: a pull request that sets its `status: Deprecated` and `deprecated_at`."#,
    }
}

impl HistoryRule for DocumentDeleted {
    fn check(&self, history: &History, _: Context, out: &mut Reporter) {
        for trail in history.documents() {
            let (Some(deleted), Some(accepted), Some(last)) =
                (trail.deleted, history.acceptance(trail), trail.states.last())
            else {
                continue;
            };
            if history.revisions[deleted].accepted() {
                continue;
            }
            out.report_path(
                &last.path,
                None,
                format!(
                    "`{}` was deleted in {}, but it is an accepted document (the default branch had it under its number in {})",
                    file_name(last),
                    history.revisions[deleted],
                    history.revision(accepted)
                ),
            )
            .help("keep the file and set `status: Deprecated` with `deprecated_at` (or `Rejected` with `rejected_at`)");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Doc, Step, check_history};

    const DRAFT: &str = "---\nstatus: Draft\n---\n";

    #[test]
    fn deletions_on_the_branch_of_accepted_documents() {
        let revisions = [("add", true), ("old delete", true), ("propose", false), ("working tree", false)];
        let accepted = [Step(0, "scs-0100-v1-a.md", DRAFT)];
        let deleted_long_ago = [Step(0, "scs-0200-v1-a.md", DRAFT)];
        let proposal = [Step(2, "scs-0300-v1-new.md", DRAFT)];
        let docs = [Doc(&accepted, Some(3)), Doc(&deleted_long_ago, Some(1)), Doc(&proposal, Some(3))];
        insta::assert_snapshot!(check_history("document-deleted", &revisions, &docs), @r#"
        Standards/scs-0100-v1-a.md:1:1: warning[document-deleted] `scs-0100-v1-a.md` was deleted in the working tree, but it is an accepted document (the default branch had it under its number in commit c0 (2025-01-01, "add"))
          help: keep the file and set `status: Deprecated` with `deprecated_at` (or `Rejected` with `rejected_at`)
        "#);
    }
}

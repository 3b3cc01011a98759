//! `new-document-numbered`: a new document is proposed as `scs-xxxx-v1-…`; the number comes
//! with acceptance.

use std::collections::HashSet;

use scs_core::DocKind;
use scs_core::history::History;

use super::{file_name, report};
use crate::declare_rules;
use crate::rule::{Context, HistoryRule, Reporter};

declare_rules! {
    pub NewDocumentNumbered {
        id: "new-document-numbered",
        severity: Warning,
        kinds: [history],
        groups: [HISTORY],
        summary: "The branch under review adds a document under a number that the default branch does not know",
        explanation: r#"SCS-0001: "In the proposal phase, the document number MUST be replaced with `xxxx`
in the file name". A number is assigned "upon acceptance by the group of people identified
by the `track`" (the next unused one), and only then is the file renamed, just before the
merge. So a branch that adds `scs-0123-v1-…` either took a number nobody assigned, or is at
its very last step; a reviewer should know which. New major versions of an existing
document (`scs-0100-v2-…` next to an accepted `scs-0100-v1-…`) and supplements keep
their number and are not reported.

Needs `scs check --history` or `--base REF`.

Fails: a pull request that adds `Standards/scs-0123-v1-new-idea.md`.
Passes: a pull request that adds `Standards/scs-xxxx-v1-new-idea.md`."#,
    }
}

impl HistoryRule for NewDocumentNumbered {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        let accepted = |s: &scs_core::history::State| history.revision(s).accepted();
        let known: HashSet<u16> = history
            .trails
            .iter()
            .flat_map(|t| &t.states)
            .filter(|s| accepted(s))
            .filter_map(|s| s.name.as_ref()?.id.number.assigned())
            .collect();
        for trail in history.documents() {
            let Some(current) = trail.current() else { continue };
            let Some(name) = &current.name else { continue };
            let Some(number) = name.id.number.assigned() else { continue };
            if name.id.kind != DocKind::Major || trail.states.iter().any(accepted) || known.contains(&number) {
                continue;
            }
            let message = format!(
                "`{}` is a new document with the number {number:04}, which the default branch does not have yet",
                file_name(current)
            );
            report(out, cx, current, None, message).help(format!(
                "propose it as `scs-xxxx-v1-{}.md`; the number is assigned when the group accepts it, right before the merge",
                name.slug
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Doc, Step, check_history};

    const DRAFT: &str = "---\nstatus: Draft\n---\n";

    #[test]
    fn numbered_new_documents_on_the_branch() {
        let revisions = [("base", true), ("working tree", false)];
        let v1 = [Step(0, "scs-0100-v1-a.md", DRAFT)];
        let v2 = [Step(1, "scs-0100-v2-a.md", DRAFT)];
        let proposal = [Step(1, "scs-xxxx-v1-idea.md", DRAFT)];
        let supplement = [Step(1, "scs-0100-w1-a.md", "---\nsupplements:\n- scs-0100-v1-a.md\n---\n")];
        let numbered = [Step(1, "scs-0123-v1-idea.md", DRAFT)];
        let docs = [Doc(&v1, None), Doc(&v2, None), Doc(&proposal, None), Doc(&supplement, None), Doc(&numbered, None)];
        insta::assert_snapshot!(check_history("new-document-numbered", &revisions, &docs), @"
        Standards/scs-0123-v1-idea.md:1:1: warning[new-document-numbered] `scs-0123-v1-idea.md` is a new document with the number 0123, which the default branch does not have yet
          help: propose it as `scs-xxxx-v1-idea.md`; the number is assigned when the group accepts it, right before the merge
        ");
    }
}

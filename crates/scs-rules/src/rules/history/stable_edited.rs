//! `stable-edited`: the text of a Stable document changed; a reviewer judges whether the
//! change is breaking.

use scs_core::Status;
use scs_core::history::History;

use super::report;
use crate::declare_rules;
use crate::rule::{Context, HistoryRule, Reporter};

declare_rules! {
    pub StableEdited {
        id: "stable-edited",
        severity: Info,
        kinds: [history],
        groups: [HISTORY],
        summary: "The text of a Stable document changed after it became Stable",
        explanation: r#"SCS-0001: "After stabilization, changes to the document which may render existing
implementations non-conformant MUST NOT be made." Whether a change is breaking needs a
human; this rule lists the commits that changed the text after the front matter while the
document was Stable, so that a reviewer can look at each. Changes of the front matter alone
(deprecating the document, adding `replaced_by`) are not listed.

Needs `scs check --history` or `--base REF`. On a pull request (`--base`), the one
"commit" is the pull request's change.

Fails (info, to be judged): a commit that rewrites a requirement of a Stable standard.
Passes: a commit that only sets `status: Deprecated` and `deprecated_at`."#,
    }
}

/// How many commits a finding names before it says how many more there are.
const LISTED: usize = 5;

impl HistoryRule for StableEdited {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        for trail in history.documents() {
            let Some(current) = trail.current() else { continue };
            let milestones = history.milestones(trail);
            let edits: Vec<String> = milestones
                .windows(2)
                .filter(|pair| pair[0].status == Some(Status::Stable) && pair[0].body != pair[1].body)
                .map(|pair| history.revision(pair[1]).to_string())
                .collect();
            if edits.is_empty() {
                continue;
            }
            let mut listed = edits[..edits.len().min(LISTED)].join("; ");
            if edits.len() > LISTED {
                listed.push_str(&format!("; and {} more", edits.len() - LISTED));
            }
            let message = format!("the text changed while the document was Stable, in {listed}");
            report(out, cx, current, Some("status"), message).help(
                "check that each change keeps existing implementations conformant; a breaking change needs a new major version",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Doc, Step, check_history};

    #[test]
    fn edits_while_stable_are_listed() {
        let names: Vec<String> = (0..9).map(|i| format!("edit {i}")).collect();
        let mut revisions: Vec<(&str, bool)> = vec![("draft", true), ("stable", true)];
        revisions.extend(names.iter().map(|n| (n.as_str(), true)));
        let stable = |body: &str| format!("---\nstatus: Stable\nstabilized_at: 2024-01-01\n---\n{body}\n");
        let texts: Vec<String> = (0..9).map(|i| stable(&format!("text {i}"))).collect();
        let mut steps = vec![
            Step(0, "scs-0100-v1-a.md", "---\nstatus: Draft\n---\nfirst\n"),
            Step(1, "scs-0100-v1-a.md", "---\nstatus: Stable\nstabilized_at: 2024-01-01\n---\nfirst\n"),
        ];
        steps.extend(texts.iter().enumerate().map(|(i, t)| Step(i + 2, "scs-0100-v1-a.md", t)));
        insta::assert_snapshot!(check_history("stable-edited", &revisions, &[Doc(&steps, None)]), @r#"
        Standards/scs-0100-v1-a.md:2:9: info[stable-edited] the text changed while the document was Stable, in commit c2 (2025-01-03, "edit 0"); commit c3 (2025-01-04, "edit 1"); commit c4 (2025-01-05, "edit 2"); commit c5 (2025-01-06, "edit 3"); commit c6 (2025-01-07, "edit 4"); and 4 more
          help: check that each change keeps existing implementations conformant; a breaking change needs a new major version
        "#);
    }

    #[test]
    fn front_matter_changes_and_drafts_are_not_listed() {
        let revisions = [("draft", true), ("draft edit", true), ("stable", true), ("deprecate", true)];
        let steps = [
            Step(0, "scs-0100-v1-a.md", "---\nstatus: Draft\n---\none\n"),
            Step(1, "scs-0100-v1-a.md", "---\nstatus: Draft\n---\ntwo\n"),
            Step(2, "scs-0100-v1-a.md", "---\nstatus: Stable\nstabilized_at: 2024-01-01\n---\ntwo\n"),
            Step(
                3,
                "scs-0100-v1-a.md",
                "---\nstatus: Deprecated\nstabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\n---\ntwo\n",
            ),
        ];
        assert_eq!(check_history("stable-edited", &revisions, &[Doc(&steps, None)]), "");
    }
}

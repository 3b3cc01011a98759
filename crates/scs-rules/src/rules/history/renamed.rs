//! `slug-changed` and `number-changed`: an accepted document keeps its file name.

use std::collections::{HashMap, HashSet};

use scs_core::DocId;
use scs_core::history::{History, State};

use super::{file_name, report};
use crate::declare_rules;
use crate::rule::{Context, HistoryRule, Reporter};

declare_rules! {
    pub SlugChanged {
        id: "slug-changed",
        severity: Error,
        kinds: [history],
        groups: [HISTORY],
        summary: "An accepted document was renamed to another slug",
        explanation: r#"SCS-0001: "The slugified title MUST NOT be changed after the acceptance of the
document into the repository". Links from the docs site, from certificate scopes and from
other documents use the file name; a new slug breaks them. A document counts as accepted
once the default branch had it under a number (`scs-0100-…`, not `scs-xxxx-…`); renaming a
proposal, or a document only on the branch under review, is fine. A new major version
(`scs-0100-v2-…`) may choose a new slug. The id is what counts, not what git pairs as a
rename: when the default branch once had `scs-0100-v1` as one file and it is now another
(the old one renamed to another number and a new file added under the id, or deleted and
written anew), that is a slug change too.

Needs `scs check --history` or `--base REF`.

Fails (on the default branch, then in a later commit):
```text
Standards/scs-0100-v1-flavor-naming.md  →  Standards/scs-0100-v1-flavour-names.md
```
Passes:
```text
Standards/scs-xxxx-v1-flavor-naming.md  →  Standards/scs-0100-v1-flavor-naming.md
```"#,
    }

    pub NumberChanged {
        id: "number-changed",
        severity: Warning,
        kinds: [history],
        groups: [HISTORY],
        summary: "An accepted document was renamed to another number or version",
        explanation: r#"SCS-0001 assigns a document its number on acceptance, and a major version is a
new file (`scs-0100-v2-…` next to `scs-0100-v1-…`). Renaming an accepted document to another
number or version changes its identity: references by id (`replaces`, `supplements`,
certificate scopes) and links stop pointing at it. A warning, since a mistaken number
is sometimes corrected on purpose.

Needs `scs check --history` or `--base REF`.

Fails (on the default branch, then in a later commit):
```text
Standards/scs-0100-v1-flavor-naming.md  →  Standards/scs-0101-v1-flavor-naming.md
```
Passes: a new file `Standards/scs-0100-v2-flavor-naming.md` for the new version."#,
    }
}

impl HistoryRule for SlugChanged {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        let reported = renames(history, cx, out, Kind::Slug);
        same_id_other_slug(history, cx, out, &reported);
    }
}

impl HistoryRule for NumberChanged {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        renames(history, cx, out, Kind::Number);
    }
}

/// A document id (`scs-0100-v1`, `scs-0100-w1`) whose current file has another slug than the
/// default branch once gave the same id, whatever git paired as a rename: a rename to another
/// number plus a new file under the old id, or a deletion and a re-creation, change what the
/// id names as much as a rename does. Pairs `renames` reported already are skipped; an id whose
/// other file still exists is `duplicate-id`'s.
fn same_id_other_slug(history: &History, cx: Context, out: &mut Reporter, reported: &HashSet<(String, String)>) {
    // Every file name the default branch had for each id, with the first commit that had it.
    let mut accepted: HashMap<DocId, Vec<&State>> = HashMap::new();
    for state in history.trails.iter().flat_map(|t| &t.states) {
        let Some(name) = state.name.as_ref().filter(|_| state.is_numbered()) else { continue };
        if !history.revision(state).accepted() {
            continue;
        }
        let names = accepted.entry(name.id).or_default();
        match names.iter_mut().find(|s| file_name(s) == file_name(state)) {
            Some(first) if first.revision <= state.revision => {}
            Some(first) => *first = state,
            None => names.push(state),
        }
    }
    let current: HashSet<&str> = history.trails.iter().filter_map(|t| t.current()).map(file_name).collect();
    for current_state in history.trails.iter().filter_map(|t| t.current()) {
        let Some(name) = current_state.name.as_ref().filter(|_| current_state.is_numbered()) else { continue };
        let Some(earlier) = accepted.get(&name.id) else { continue };
        for before in earlier {
            let (old, new) = (file_name(before), file_name(current_state));
            if old == new || current.contains(old) || reported.contains(&(current_state.path.clone(), old.to_owned())) {
                continue;
            }
            let message = format!(
                "`{new}` has the id {}, which the default branch gave `{old}` in {}; the slug of an accepted document does not change",
                name.id,
                history.revision(before),
            );
            report(out, cx, current_state, None, message).help(format!(
                "keep the name `{old}` for {}; a different document needs a number of its own (`scs number`)",
                name.id
            ));
        }
    }
}

#[derive(PartialEq, Eq)]
enum Kind {
    Slug,
    Number,
}

/// Reports every rename of an accepted document between two milestones; returns the
/// (current path, old file name) pairs reported.
fn renames(history: &History, cx: Context, out: &mut Reporter, kind: Kind) -> HashSet<(String, String)> {
    let mut reported = HashSet::new();
    for trail in &history.trails {
        let (Some(current), Some(accepted)) = (trail.current(), history.acceptance(trail)) else { continue };
        let milestones = history.milestones(trail);
        for pair in milestones.windows(2) {
            let (before, after) = (pair[0], pair[1]);
            if before.revision < accepted.revision || before.path == after.path || !before.is_numbered() {
                continue;
            }
            let Some(old) = &before.name else { continue };
            let found = match &after.name {
                Some(new) if new.id == old.id => Kind::Slug,
                Some(_) => Kind::Number,
                None => Kind::Slug,
            };
            if found != kind {
                continue;
            }
            let what = match (&kind, &after.name) {
                (Kind::Slug, _) => "slug",
                (Kind::Number, Some(new)) if new.id.number == old.id.number => "version",
                (Kind::Number, _) => "number",
            };
            let message = format!(
                "renamed from `{}` to `{}` in {}, but the {what} of an accepted document does not change (the default branch had it under its number in {})",
                file_name(before),
                file_name(after),
                history.revision(after),
                history.revision(accepted),
            );
            let help = match kind {
                Kind::Slug => format!("keep the name `{}`; a new slug needs a new major version", file_name(before)),
                Kind::Number => format!(
                    "keep the name `{}`; a new major version is a new file next to the old one",
                    file_name(before)
                ),
            };
            report(out, cx, current, None, message).help(help);
            reported.insert((current.path.clone(), file_name(before).to_owned()));
        }
    }
    reported
}

#[cfg(test)]
mod tests {
    use crate::testing::{Doc, Step, check_history};

    const DRAFT: &str = "---\nstatus: Draft\n---\n# A\n";

    #[test]
    fn renames_after_acceptance() {
        let revisions = [("propose", true), ("rename", true), ("renumber", false), ("working tree", false)];
        let steps = [
            Step(0, "scs-0100-v1-a.md", DRAFT),
            Step(1, "scs-0100-v1-b.md", DRAFT),
            Step(2, "scs-0101-v1-b.md", DRAFT),
        ];
        insta::assert_snapshot!(check_history("slug-changed", &revisions, &[Doc(&steps, None)]), @r#"
        Standards/scs-0101-v1-b.md:1:1: error[slug-changed] renamed from `scs-0100-v1-a.md` to `scs-0100-v1-b.md` in commit c1 (2025-01-02, "rename"), but the slug of an accepted document does not change (the default branch had it under its number in commit c0 (2025-01-01, "propose"))
          help: keep the name `scs-0100-v1-a.md`; a new slug needs a new major version
        "#);
        insta::assert_snapshot!(check_history("number-changed", &revisions, &[Doc(&steps, None)]), @r#"
        Standards/scs-0101-v1-b.md:1:1: warning[number-changed] renamed from `scs-0100-v1-b.md` to `scs-0101-v1-b.md` in commit c2 (2025-01-03, "renumber"), but the number of an accepted document does not change (the default branch had it under its number in commit c0 (2025-01-01, "propose"))
          help: keep the name `scs-0100-v1-b.md`; a new major version is a new file next to the old one
        "#);
    }

    #[test]
    fn renames_before_acceptance_or_only_on_the_branch_are_fine() {
        let revisions = [("propose", true), ("number", true), ("on branch", false), ("back", false)];
        let proposal = [
            Step(0, "scs-xxxx-v1-a.md", DRAFT),
            Step(1, "scs-0100-v1-a.md", DRAFT),
            Step(2, "scs-0100-v1-b.md", DRAFT),
            Step(3, "scs-0100-v1-a.md", DRAFT),
        ];
        let branch_only = [Step(2, "scs-0200-v1-a.md", DRAFT), Step(3, "scs-0200-v1-b.md", DRAFT)];
        let docs = [Doc(&proposal, None), Doc(&branch_only, None)];
        assert_eq!(check_history("slug-changed", &revisions, &docs), "");
        assert_eq!(check_history("number-changed", &revisions, &docs), "");
    }

    #[test]
    fn a_version_change_says_so() {
        let steps = [Step(0, "scs-0100-v1-a.md", DRAFT), Step(1, "scs-0100-v2-a.md", DRAFT)];
        let found = check_history("number-changed", &[("add", true), ("bump", true)], &[Doc(&steps, None)]);
        assert!(found.contains("but the version of an accepted document does not change"), "{found}");
    }

    #[test]
    fn deleted_documents_are_left_to_document_deleted() {
        let revisions = [("add", true), ("rename", true), ("delete", true)];
        let steps = [Step(0, "scs-0100-v1-a.md", DRAFT), Step(1, "scs-0100-v1-b.md", DRAFT)];
        assert_eq!(check_history("slug-changed", &revisions, &[Doc(&steps, Some(2))]), "");
    }
}

//! `slug-changed` and `number-changed`: an accepted document keeps its file name.

use std::collections::HashMap;

use scs_core::DocId;
use scs_core::history::{History, Trail};

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
(`scs-0100-v2-…`) may choose a new slug. A document is followed by its content, as git pairs
renames: when it moved to another number and slug at once, the finding is on the file now
holding it (with `number-changed` beside it). A different document that later takes over
the old number is `id-reused`'s, not a slug change of either.

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
        severity: Info,
        kinds: [history],
        groups: [HISTORY],
        summary: "An accepted document was renamed to another number or version (a fact for reviewers)",
        explanation: r#"SCS-0001 assigns a document its number on acceptance, and a major version is a
new file (`scs-0100-v2-…` next to `scs-0100-v1-…`). Renaming an accepted document to another
number or version changes its identity: references by id (`replaces`, `supplements`,
certificate scopes) and links stop pointing at it, so reviewers should know. No SCS text
forbids it, and the real renumberings fixed duplicate numbers: information, not a warning.

Needs `scs check --history` or `--base REF`.

Fails (is reported; on the default branch, then in a later commit):
```text
Standards/scs-0100-v1-flavor-naming.md  →  Standards/scs-0101-v1-flavor-naming.md
```
Passes: a new file `Standards/scs-0100-v2-flavor-naming.md` for the new version."#,
    }

    pub IdReused {
        id: "id-reused",
        severity: Info,
        kinds: [history],
        groups: [HISTORY],
        summary: "A document took over an id that the default branch gave another document before",
        explanation: r#"A document's docs-site address and every reference by file name follow its
number and version. When the default branch once had `scs-0100-v1-a.md`, that document left
the number (renamed to another one, or deleted), and a different document now holds
`scs-0100-v1`, the old addresses and references show the new document. No SCS text forbids
it, so it is information for reviewers, not a warning; a document that kept its name while
another one briefly shared and then left its number gets nothing (that other document
changed, not this one). A document deleted and another of the same id added in one commit
is the same document renamed (`slug-changed`), not a reuse.

Needs `scs check --history` or `--base REF`.

Fails: `scs-0100-v1-a.md` on the default branch, renamed to `scs-0150-v1-a.md`, then a new
`scs-0100-v1-c.md`.
Passes: `scs-0100-v1-c.md` since its first commit, and `scs-0100-v1-a.md` added later and
renumbered away."#,
    }
}

impl HistoryRule for SlugChanged {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        renames(history, cx, out, Kind::Slug);
    }
}

impl HistoryRule for IdReused {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        id_reused(history, cx, out);
    }
}

impl HistoryRule for NumberChanged {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter) {
        renames(history, cx, out, Kind::Number);
    }
}

/// The revisions during which `trail` held `id`: from the first state with it to the first
/// later state without it (or the deletion), end exclusive.
fn held(trail: &Trail, id: DocId) -> Option<(usize, usize)> {
    let first = trail.states.iter().position(|s| s.is_numbered() && s.name.as_ref().is_some_and(|n| n.id == id))?;
    let end = trail.states[first..]
        .iter()
        .find(|s| s.name.as_ref().is_none_or(|n| n.id != id))
        .map(|s| s.revision)
        .or(trail.deleted)
        .unwrap_or(usize::MAX);
    Some((trail.states[first].revision, end))
}

/// Documents that hold an id the default branch gave another document (under another file
/// name) which has left it since; identity follows git's content pairing (the trails).
fn id_reused(history: &History, cx: Context, out: &mut Reporter) {
    let trails: Vec<&Trail> = history.documents().collect();
    // The trails that ever held each id, so that each document meets only those.
    let mut holders: HashMap<DocId, Vec<usize>> = HashMap::new();
    for (t, trail) in trails.iter().enumerate() {
        for name in trail.states.iter().filter(|s| s.is_numbered()).filter_map(|s| s.name.as_ref()) {
            let list = holders.entry(name.id).or_default();
            if list.last() != Some(&t) {
                list.push(t);
            }
        }
    }
    for (t, trail) in trails.iter().enumerate() {
        let Some(current) = trail.current() else { continue };
        let Some(name) = current.name.as_ref().filter(|_| current.is_numbered()) else { continue };
        let Some((since, _)) = held(trail, name.id) else { continue };
        for other in holders.get(&name.id).into_iter().flatten().filter(|&&o| o != t).map(|&o| trails[o]) {
            let Some((from, until)) = held(other, name.id) else { continue };
            // The other document had the id on the default branch and left it before this
            // one took it: the id was taken over. Had this one held it first, or at the same
            // time, it kept its name and the other one moved.
            let Some(before) = other.states.iter().find(|s| {
                s.revision >= from && s.revision < until && history.revision(s).accepted() && file_name(s) != file_name(current)
            }) else {
                continue;
            };
            if since < until {
                continue;
            }
            let message = format!(
                "`{}` has the id {}, which the default branch gave `{}` in {} until it left it; links to that address now show this document",
                file_name(current),
                name.id,
                file_name(before),
                history.revision(before),
            );
            report(out, cx, current, None, message).help(
                "nothing to change if the old address was meant to move here; otherwise say in the pull request that the address now shows another document",
            );
        }
    }
}

#[derive(PartialEq, Eq)]
enum Kind {
    Slug,
    Number,
}

/// Reports every rename of an accepted document between two milestones.
fn renames(history: &History, cx: Context, out: &mut Reporter, kind: Kind) {
    for trail in history.documents() {
        let (Some(current), Some(accepted)) = (trail.current(), history.acceptance(trail)) else { continue };
        // Back at the name it was accepted under: nothing changed for those who link to it.
        if file_name(current) == file_name(accepted) {
            continue;
        }
        let milestones = history.milestones(trail);
        for pair in milestones.windows(2) {
            let (before, after) = (pair[0], pair[1]);
            if before.revision < accepted.revision || before.path == after.path || !before.is_numbered() {
                continue;
            }
            let Some(old) = &before.name else { continue };
            // What changed: the slug (also when the number changed with it: the document now
            // holding the content has a new name), the number or version.
            let (slug, number) = match &after.name {
                Some(new) if new.id == old.id => (new.slug != old.slug, false),
                Some(new) if new.id.number != old.id.number => (new.slug != old.slug, true),
                Some(_) => (false, true),
                None => (true, false),
            };
            let found = match kind {
                Kind::Slug => slug,
                Kind::Number => number,
            };
            if !found {
                continue;
            }
            let what = match (&kind, &after.name) {
                (Kind::Slug, _) => "slug",
                (Kind::Number, Some(new)) if new.id.number == old.id.number => "version",
                (Kind::Number, _) => "number",
            };
            let message = match kind {
                Kind::Slug => format!(
                    "renamed from `{}` to `{}` in {}, but the slug of an accepted document does not change (the default branch had it under its number in {})",
                    file_name(before),
                    file_name(after),
                    history.revision(after),
                    history.revision(accepted),
                ),
                Kind::Number => format!(
                    "renamed from `{}` to `{}` in {}: the {what} of a document accepted in {} changed; links and references by the old name no longer reach it",
                    file_name(before),
                    file_name(after),
                    history.revision(after),
                    history.revision(accepted),
                ),
            };
            let help = match kind {
                Kind::Slug => slug_help(cx, before, current),
                // Going back could clash with the number's or the track's rules now: the
                // advice is to make the references follow.
                Kind::Number => format!(
                    "make what still names `{}` (`replaces`, `replaced_by`, `supplements`, certificate scopes, links) name `{}`; a new major version would have been a new file next to the old one",
                    file_name(before),
                    file_name(current)
                ),
            };
            report(out, cx, current, None, message).help(help);
        }
    }
}

/// The advice for a slug change: go back to the old name when that name is free (no other
/// document holds its id), and make what names the new one follow; else (another document
/// has the old name's id now) there is no way back, and the finding is for the record.
fn slug_help(cx: Context, before: &scs_core::history::State, current: &scs_core::history::State) -> String {
    let old = file_name(before);
    let old_id = before.name.as_ref().map(|n| n.id);
    let taken = cx.corpus.documents.iter().find(|d| {
        d.path != current.path && (d.file_name == old || d.name.as_ref().ok().map(|n| n.id) == old_id)
    });
    match taken {
        Some(other) => format!(
            "the old name cannot come back: `{}` has its id now; record the rename in the pull request (or suppress this finding with the reason)",
            other.file_name
        ),
        None => format!(
            "rename it back to `{old}` and make what names `{}` name `{old}` again; a new slug needs a new major version",
            file_name(current)
        ),
    }
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
          help: rename it back to `scs-0100-v1-a.md` and make what names `scs-0101-v1-b.md` name `scs-0100-v1-a.md` again; a new slug needs a new major version
        "#);
        insta::assert_snapshot!(check_history("number-changed", &revisions, &[Doc(&steps, None)]), @r#"
        Standards/scs-0101-v1-b.md:1:1: info[number-changed] renamed from `scs-0100-v1-b.md` to `scs-0101-v1-b.md` in commit c2 (2025-01-03, "renumber"): the number of a document accepted in commit c0 (2025-01-01, "propose") changed; links and references by the old name no longer reach it
          help: make what still names `scs-0100-v1-b.md` (`replaces`, `replaced_by`, `supplements`, certificate scopes, links) name `scs-0101-v1-b.md`; a new major version would have been a new file next to the old one
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
        assert!(found.contains("the version of a document accepted in"), "{found}");
    }

    #[test]
    fn deleted_documents_are_left_to_document_deleted() {
        let revisions = [("add", true), ("rename", true), ("delete", true)];
        let steps = [Step(0, "scs-0100-v1-a.md", DRAFT), Step(1, "scs-0100-v1-b.md", DRAFT)];
        assert_eq!(check_history("slug-changed", &revisions, &[Doc(&steps, Some(2))]), "");
    }
}

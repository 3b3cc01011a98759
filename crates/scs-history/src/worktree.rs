//! The step from a commit to the working tree: tracked changes (renames found by git) and new
//! untracked files, with renames git cannot see (an untracked new name) paired by document id.

use crate::git::{Git, GitError, STANDARDS};
use crate::log::{Change, ChangeKind, parse_diff};

/// Files of `Standards/` that differ between `commit` and the working tree.
pub(crate) fn changes(git: &Git, commit: &str) -> Result<Vec<Change>, GitError> {
    let diff = git.run(&[
        "diff",
        "--no-ext-diff",
        "--no-textconv",
        "-M",
        "--raw",
        "-z",
        "--no-abbrev",
        "--no-color",
        "--relative",
        commit,
        "--",
        STANDARDS,
    ])?;
    let mut changes = parse_diff(&diff);
    let untracked = git.run(&["ls-files", "-z", "--others", "--exclude-standard", "--", STANDARDS])?;
    changes.extend(untracked.split(|&b| b == 0).filter(|p| !p.is_empty()).map(|p| Change {
        kind: ChangeKind::Added,
        path: String::from_utf8_lossy(p).into_owned(),
        blob: String::new(),
        old_blob: String::new(),
    }));
    pair_renames(&mut changes);
    Ok(changes)
}

/// Turns a deleted file and an added file with the same numbered document id into a rename.
fn pair_renames(changes: &mut Vec<Change>) {
    let id = |path: &str| {
        let name = scs_core::history::doc_name(path)?;
        name.id.number.assigned().map(|_| name.id)
    };
    let mut i = 0;
    while i < changes.len() {
        if changes[i].kind == ChangeKind::Added
            && let Some(added) = id(&changes[i].path)
            && let Some(d) = changes.iter().position(|c| c.kind == ChangeKind::Deleted && id(&c.path) == Some(added))
        {
            let from = changes.remove(d).path;
            if d < i {
                i -= 1;
            }
            changes[i].kind = ChangeKind::Renamed { from };
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(kind: ChangeKind, path: &str) -> Change {
        Change { kind, path: path.into(), blob: String::new(), old_blob: String::new() }
    }

    #[test]
    fn deleted_and_added_with_the_same_id_are_a_rename() {
        let mut changes = vec![
            change(ChangeKind::Deleted, "Standards/scs-0100-v1-old.md"),
            change(ChangeKind::Deleted, "Standards/scs-0200-v1-gone.md"),
            change(ChangeKind::Added, "Standards/scs-xxxx-v1-new.md"),
            change(ChangeKind::Added, "Standards/scs-0100-v1-new.md"),
        ];
        pair_renames(&mut changes);
        assert_eq!(
            changes,
            [
                change(ChangeKind::Deleted, "Standards/scs-0200-v1-gone.md"),
                change(ChangeKind::Added, "Standards/scs-xxxx-v1-new.md"),
                change(
                    ChangeKind::Renamed { from: "Standards/scs-0100-v1-old.md".into() },
                    "Standards/scs-0100-v1-new.md"
                ),
            ]
        );
    }
}

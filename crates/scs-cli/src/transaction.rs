//! Changing several files of a repository all or nothing, as `--fix` and the authoring
//! commands do: every new content is written to a temporary file first, then the renames and
//! replacements are made, and a failure at any step undoes the steps before it. One policy for
//! links: a symbolic link that stays inside the repository is edited at its target, one that
//! leaves it is refused, and a file with several hard links is rewritten in place, so that
//! every link keeps seeing it.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::write::temp_beside;

/// The changes to make, with paths relative to the repository root.
#[derive(Debug, Default)]
pub struct Transaction {
    /// (from, to): renamed first; the changes name the new paths.
    pub renames: Vec<(String, String)>,
    /// Existing files and their new text.
    pub changes: Vec<(String, String)>,
    /// New files, never written over an existing one.
    pub created: Vec<(String, String)>,
    /// Files as the command read them: if one holds other bytes now (an editor or another
    /// program wrote it since), nothing is changed, so that no edit is lost.
    pub expected: Vec<(String, Vec<u8>)>,
}

/// Why the transaction failed: the file, and what went wrong. Nothing was changed.
#[derive(Debug)]
pub struct Failed {
    pub path: PathBuf,
    pub error: io::Error,
}

/// A step of the commit, for the tests' injected failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Stage,
    Rename,
    Replace,
    Create,
}

/// What was done and how to undo it.
enum Done {
    Renamed {
        from: PathBuf,
        to: PathBuf,
    },
    /// The original was moved to `backup` and the new text put in its place.
    Replaced {
        target: PathBuf,
        backup: PathBuf,
    },
    /// A file with several hard links, rewritten in place: its old bytes.
    Rewritten {
        target: PathBuf,
        old: Vec<u8>,
    },
    Created(PathBuf),
}

impl Transaction {
    /// Carries the transaction out under `root`. (Debug builds only: `SCS_FAIL_AT_WRITE_STEP=N`
    /// makes the N-th step fail, so that the end-to-end tests inject a failure into the real
    /// binary; release builds ignore it.)
    pub fn commit(&self, root: &Path) -> Result<(), Failed> {
        let fail_at: Option<usize> = if cfg!(debug_assertions) {
            std::env::var("SCS_FAIL_AT_WRITE_STEP").ok().and_then(|n| n.parse().ok())
        } else {
            None
        };
        let mut n = 0;
        self.commit_with(root, |step| {
            n += 1;
            if Some(n) == fail_at {
                Err(io::Error::other(format!("injected failure at step {n} ({step:?})")))
            } else {
                Ok(())
            }
        })
    }

    /// [`Transaction::commit`] with `fault` called before every step: an error from it is
    /// treated as that step's failure (the tests inject one at each step).
    pub fn commit_with(&self, root: &Path, mut fault: impl FnMut(Step) -> io::Result<()>) -> Result<(), Failed> {
        let real_root = fs::canonicalize(root).map_err(|error| Failed { path: root.to_path_buf(), error })?;
        for (path, bytes) in &self.expected {
            let target = resolve(&real_root, &root.join(path))?;
            let now = fs::read(&target).map_err(|error| Failed { path: target.clone(), error })?;
            if now != *bytes {
                return Err(Failed {
                    path: target,
                    error: io::Error::other(
                        "it changed on disk after scs read it (another program wrote it); run the command again",
                    ),
                });
            }
        }
        // The changes' targets, resolved before anything moves: a symbolic link is written at
        // its target (a rename moves the link, not the target); a plain file at its new name.
        let mut targets = Vec::new();
        for (path, text) in &self.changes {
            let before = self.renames.iter().find(|(_, to)| to == path).map_or(path.as_str(), |(from, _)| from);
            let resolved = resolve(&real_root, &root.join(before))?;
            let target = if resolved == root.join(before) { root.join(path) } else { resolved };
            targets.push((target, text));
        }
        // Stage every new content beside its target before anything changes.
        let mut staged: Vec<PathBuf> = Vec::new();
        let cleanup = |staged: &[PathBuf]| {
            for temp in staged {
                let _ = fs::remove_file(temp);
            }
        };
        for (target, text) in targets
            .iter()
            .map(|(t, text)| (t.clone(), text.as_str()))
            .chain(self.created.iter().map(|(path, text)| (root.join(path), text.as_str())))
        {
            let temp = temp_beside(&target, "scs-tmp");
            let written = fault(Step::Stage).and_then(|()| {
                let mut file = OpenOptions::new().write(true).create_new(true).open(&temp)?;
                file.write_all(text.as_bytes())?;
                file.sync_all()
            });
            if let Err(error) = written {
                let _ = fs::remove_file(&temp);
                cleanup(&staged);
                return Err(Failed { path: target, error });
            }
            staged.push(temp);
        }
        let mut done: Vec<Done> = Vec::new();
        let result = self.apply(root, &targets, &staged, &mut done, &mut fault);
        match result {
            Ok(()) => {
                for step in &done {
                    if let Done::Replaced { backup, .. } = step {
                        let _ = fs::remove_file(backup);
                    }
                }
                Ok(())
            }
            Err(failed) => {
                for step in done.iter().rev() {
                    undo(step);
                }
                cleanup(&staged);
                Err(failed)
            }
        }
    }

    fn apply(
        &self,
        root: &Path,
        targets: &[(PathBuf, &String)],
        staged: &[PathBuf],
        done: &mut Vec<Done>,
        fault: &mut impl FnMut(Step) -> io::Result<()>,
    ) -> Result<(), Failed> {
        for (from, to) in &self.renames {
            let (from, to) = (root.join(from), root.join(to));
            let step = fault(Step::Rename).and_then(|()| {
                if to.symlink_metadata().is_ok() {
                    return Err(io::Error::new(io::ErrorKind::AlreadyExists, "exists already"));
                }
                fs::rename(&from, &to)
            });
            step.map_err(|error| Failed { path: to.clone(), error })?;
            done.push(Done::Renamed { from, to });
        }
        for ((target, _), temp) in targets.iter().zip(staged) {
            let fail = |error| Failed { path: target.clone(), error };
            fault(Step::Replace).map_err(fail)?;
            let meta = fs::metadata(target).map_err(fail)?;
            if hard_links(&meta) > 1 {
                // Rewritten in place: every hard link keeps the same file.
                let old = fs::read(target).map_err(fail)?;
                let new = fs::read(temp).map_err(fail)?;
                done.push(Done::Rewritten { target: target.clone(), old });
                fs::write(target, new).map_err(fail)?;
                let _ = fs::remove_file(temp);
            } else {
                fs::set_permissions(temp, meta.permissions()).map_err(fail)?;
                let backup = temp_beside(target, "scs-bak");
                fs::hard_link(target, &backup).map_err(fail)?;
                fs::rename(temp, target).map_err(|error| {
                    let _ = fs::remove_file(&backup);
                    fail(error)
                })?;
                done.push(Done::Replaced { target: target.clone(), backup });
            }
        }
        for ((path, _), temp) in self.created.iter().zip(&staged[targets.len()..]) {
            let abs = root.join(path);
            let fail = |error| Failed { path: abs.clone(), error };
            fault(Step::Create).map_err(fail)?;
            // A hard link fails if the name exists: never over an existing file.
            fs::hard_link(temp, &abs).map_err(fail)?;
            let _ = fs::remove_file(temp);
            done.push(Done::Created(abs));
        }
        Ok(())
    }
}

fn undo(step: &Done) {
    let _ = match step {
        Done::Renamed { from, to } => fs::rename(to, from),
        Done::Replaced { target, backup } => fs::rename(backup, target),
        Done::Rewritten { target, old } => fs::write(target, old),
        Done::Created(path) => fs::remove_file(path),
    };
}

/// Where edits of `path` go: the file itself, or the target of a symbolic link that stays in
/// the repository; a link that leaves it is refused.
pub fn resolve(real_root: &Path, path: &Path) -> Result<PathBuf, Failed> {
    let meta = fs::symlink_metadata(path).map_err(|error| Failed { path: path.to_path_buf(), error })?;
    if !meta.file_type().is_symlink() {
        return Ok(path.to_path_buf());
    }
    let target = fs::canonicalize(path).map_err(|error| Failed { path: path.to_path_buf(), error })?;
    if !target.starts_with(real_root) {
        let error = io::Error::new(
            io::ErrorKind::PermissionDenied,
            "it is a symbolic link to a file outside the repository; scs does not write there",
        );
        return Err(Failed { path: path.to_path_buf(), error });
    }
    Ok(target)
}

#[cfg(unix)]
fn hard_links(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_: &fs::Metadata) -> u64 {
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of `dir` with its text, sorted.
    fn snapshot(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = fs::read_dir(dir)
            .expect("ls")
            .map(|e| {
                let e = e.expect("entry");
                (e.file_name().to_string_lossy().into_owned(), fs::read_to_string(e.path()).unwrap_or_default())
            })
            .collect();
        files.sort();
        files
    }

    /// `scs number`'s shape: a rename, the renamed file's new text, a reference elsewhere
    /// changed, and (for the sake of the test) a created file.
    fn numbering() -> Transaction {
        Transaction {
            renames: vec![("scs-xxxx-v1-a.md".into(), "scs-0105-v1-a.md".into())],
            changes: vec![
                ("scs-0105-v1-a.md".into(), "numbered\n".into()),
                ("scs-0100-v1-b.md".into(), "replaces: scs-0105-v1-a.md\n".into()),
            ],
            created: vec![("scs-0105-w1-a.md".into(), "new\n".into())],
            expected: Vec::new(),
        }
    }

    /// A file changed on disk after it was read: nothing is written, its edit is kept.
    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = repo();
        let mut transaction = numbering();
        let b = dir.path().join("scs-0100-v1-b.md");
        let before = std::fs::read(&b).expect("read");
        transaction.expected = vec![("scs-0100-v1-b.md".into(), before.clone())];
        std::fs::write(&b, "an editor's edit\n").expect("write");
        let failed = transaction.commit_with(dir.path(), |_| Ok(())).expect_err("refused");
        assert!(failed.error.to_string().contains("changed on disk after scs read it"), "{}", failed.error);
        assert_eq!(std::fs::read_to_string(&b).expect("read"), "an editor's edit\n");
        assert!(dir.path().join("scs-xxxx-v1-a.md").exists(), "nothing renamed");
    }

    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("scs-xxxx-v1-a.md"), "proposal\n").expect("write");
        fs::write(dir.path().join("scs-0100-v1-b.md"), "replaces: scs-xxxx-v1-a.md\n").expect("write");
        dir
    }

    #[test]
    fn a_failure_at_any_step_leaves_every_file_as_it_was() {
        let before = snapshot(repo().path());
        // Stage ×3, Rename ×1, Replace ×2, Create ×1: fail at each of the seven.
        for fail_at in 0..7 {
            let dir = repo();
            let mut n = 0;
            let result = numbering().commit_with(dir.path(), |_| {
                n += 1;
                if n - 1 == fail_at { Err(io::Error::other("injected")) } else { Ok(()) }
            });
            assert!(result.is_err(), "step {fail_at}");
            assert_eq!(snapshot(dir.path()), before, "after a failure at step {fail_at}");
        }
        let dir = repo();
        numbering().commit(dir.path()).expect("commit");
        assert_eq!(
            snapshot(dir.path()),
            [
                ("scs-0100-v1-b.md".to_owned(), "replaces: scs-0105-v1-a.md\n".to_owned()),
                ("scs-0105-v1-a.md".to_owned(), "numbered\n".to_owned()),
                ("scs-0105-w1-a.md".to_owned(), "new\n".to_owned()),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_are_followed_links_outside_refused_hard_links_kept() {
        let outside = tempfile::tempdir().expect("tempdir");
        let dir = repo();
        let root = dir.path();
        fs::create_dir(root.join("real")).expect("mkdir");
        fs::write(root.join("real/doc.md"), "old\n").expect("write");
        std::os::unix::fs::symlink(root.join("real/doc.md"), root.join("inside.md")).expect("symlink");
        fs::write(outside.path().join("victim.md"), "precious\n").expect("write");
        std::os::unix::fs::symlink(outside.path().join("victim.md"), root.join("outside.md")).expect("symlink");
        fs::write(root.join("hard.md"), "old\n").expect("write");
        fs::hard_link(root.join("hard.md"), root.join("hard-too.md")).expect("hard link");

        let edit = |path: &str| Transaction { changes: vec![(path.into(), "new\n".into())], ..Transaction::default() };
        edit("inside.md").commit(root).expect("inside");
        assert!(fs::symlink_metadata(root.join("inside.md")).expect("meta").file_type().is_symlink(), "the link stays");
        assert_eq!(fs::read_to_string(root.join("real/doc.md")).expect("read"), "new\n");

        let refused = edit("outside.md").commit(root).expect_err("outside");
        assert!(refused.error.to_string().contains("outside the repository"));
        assert_eq!(fs::read_to_string(outside.path().join("victim.md")).expect("read"), "precious\n");

        edit("hard.md").commit(root).expect("hard");
        assert_eq!(fs::read_to_string(root.join("hard-too.md")).expect("read"), "new\n", "both names see the change");
        assert_eq!(hard_links(&fs::metadata(root.join("hard.md")).expect("meta")), 2);
        assert!(
            !fs::read_dir(root).expect("ls").any(|e| e.expect("e").file_name().to_string_lossy().contains(".scs-"))
        );
    }
}

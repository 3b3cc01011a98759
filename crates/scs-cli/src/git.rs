//! The few facts `scs` asks git for, through the `git` command: which files changed since a
//! reference. (A git library would add a large dependency for two read-only queries.)

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git: {0}")]
    Spawn(std::io::Error),
    #[error("`{0}` is not a commit, branch or tag of this git repository")]
    UnknownReference(String),
    #[error("git {command} failed in {folder}: {message}")]
    Failed { command: String, folder: String, message: String },
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .output()
        .map_err(GitError::Spawn)?;
    if !out.status.success() {
        return Err(GitError::Failed {
            command: args.first().copied().unwrap_or_default().to_owned(),
            folder: root.display().to_string(),
            message: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        });
    }
    Ok(out.stdout)
}

/// Paths (relative to `root`, `/`-separated) of files added, modified or renamed since
/// `reference`, in commits or in the working tree, and of new untracked files.
pub fn changed_since(root: &Path, reference: &str) -> Result<BTreeSet<String>, GitError> {
    let toplevel = String::from_utf8_lossy(&git(root, &["rev-parse", "--show-toplevel"])?).trim().to_owned();
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let canonical_top = std::fs::canonicalize(&toplevel).unwrap_or_else(|_| toplevel.clone().into());
    let prefix =
        canonical_root.strip_prefix(&canonical_top).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
    let prefix = if prefix.is_empty() { prefix } else { format!("{prefix}/") };
    let verified = format!("{reference}^{{commit}}");
    git(root, &["rev-parse", "--verify", "--quiet", &verified])
        .map_err(|_| GitError::UnknownReference(reference.to_owned()))?;
    let changed = git(root, &["diff", "--name-only", "-z", "-M", "--diff-filter=AMR", reference, "--"])?;
    let untracked = git(root, &["ls-files", "-z", "--full-name", "--others", "--exclude-standard"])?;
    Ok(changed
        .split(|&b| b == 0)
        .chain(untracked.split(|&b| b == 0))
        .filter(|p| !p.is_empty())
        .filter_map(|p| String::from_utf8_lossy(p).strip_prefix(prefix.as_str()).map(str::to_owned))
        .collect())
}

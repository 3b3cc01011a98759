//! `scs check --changed-since REF`: which files changed since a reference.

use std::collections::BTreeSet;
use std::path::Path;

use crate::git::{Git, GitError};

/// Paths (relative to `root`, `/`-separated) of files added, modified or renamed since
/// `reference`, in commits or in the working tree, and of new untracked files.
pub fn changed_since(root: &Path, reference: &str) -> Result<BTreeSet<String>, GitError> {
    let git = Git::new(root);
    let commit = git.commit_id(reference).ok_or_else(|| GitError::UnknownReference(reference.to_owned()))?;
    let changed = git.run(&["diff", "--name-only", "-z", "-M", "--relative", "--diff-filter=AMR", &commit, "--"])?;
    let untracked = git.run(&["ls-files", "-z", "--others", "--exclude-standard"])?;
    Ok(changed
        .split(|&b| b == 0)
        .chain(untracked.split(|&b| b == 0))
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect())
}

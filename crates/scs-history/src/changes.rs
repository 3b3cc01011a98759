//! `scs check --changed-since REF`: which files changed since a reference.

use std::collections::BTreeSet;
use std::path::Path;

use crate::git::{Git, GitError};

/// Paths (relative to `root`, `/`-separated) of files added, modified or renamed since
/// `reference`, in commits or in the working tree, and of new untracked files.
pub fn changed_since(root: &Path, reference: &str) -> Result<BTreeSet<String>, GitError> {
    let git = Git::new(root);
    let commit = git.commit_id(reference).ok_or_else(|| GitError::UnknownReference(reference.to_owned()))?;
    let changed = git.run(&[
        "diff",
        "--no-ext-diff",
        "--no-textconv",
        "--name-only",
        "-z",
        "-M",
        "--relative",
        "--diff-filter=AMR",
        &commit,
        "--",
    ])?;
    let untracked = git.run(&["ls-files", "-z", "--others", "--exclude-standard"])?;
    Ok(changed
        .split(|&b| b == 0)
        .chain(untracked.split(|&b| b == 0))
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect())
}

/// The documents of `Standards/` as the commit `reference` has them: (file name, bytes),
/// sorted, each at most `max` bytes (larger ones are left out). What `scs review` compares
/// the working tree with.
pub fn documents_at(root: &Path, reference: &str, max: u64) -> Result<Vec<(String, Vec<u8>)>, GitError> {
    let git = Git::new(root);
    let commit = git.commit_id(reference).ok_or_else(|| GitError::UnknownReference(reference.to_owned()))?;
    let tree = git.run(&["ls-tree", "-z", &commit, "--", crate::git::STANDARDS])?;
    let mut wanted: Vec<(String, String)> = tree
        .split(|&b| b == 0)
        .filter_map(|line| {
            let line = String::from_utf8_lossy(line);
            let (meta, path) = line.split_once('\t')?;
            let mut meta = meta.split(' ');
            let (kind, blob) = (meta.nth(1)?, meta.next()?);
            let name = path.strip_prefix(crate::git::STANDARDS)?;
            (kind == "blob" && scs_core::corpus::is_document_file_name(name))
                .then(|| (blob.to_owned(), name.to_owned()))
        })
        .collect();
    wanted.sort_by(|a, b| a.1.cmp(&b.1));
    let ids: Vec<&str> = wanted.iter().map(|(id, _)| id.as_str()).collect();
    let mut bytes: std::collections::HashMap<String, Vec<u8>> = std::collections::HashMap::new();
    git.each_blob(&ids, max, |id, content| {
        bytes.insert(id.to_owned(), content.to_vec());
    })?;
    Ok(wanted.into_iter().filter_map(|(id, name)| bytes.remove(&id).map(|b| (name, b))).collect())
}

//! The commits the default branch received in a window of dates, with the documents each one
//! changed before and after: what `scs report` lists as "since the last meeting".

use std::collections::HashMap;
use std::path::Path;

use scs_core::corpus::is_document_path;
use scs_core::history::{CommitChanges, DocumentVersions, Head, Revision, Version};

use crate::log::ChangeKind;
use crate::read::{HistoryError, Options, first_parent_log, full_history, repository};

/// The first-parent commits of `HEAD` (the checked-out branch, normally the default branch:
/// a merged pull request is one commit against its first parent) whose commit date lies in
/// `since..=until` (`YYYY-MM-DD`), oldest first, with the documents of `Standards/` each one
/// added, changed, renamed or removed. A commit date outside the window ends nothing: commits
/// are filtered, not cut off, so a commit with a skewed date cannot hide the ones before it.
pub fn commits_between(
    root: &Path,
    since: &str,
    until: &str,
    options: &Options,
) -> Result<Vec<CommitChanges>, HistoryError> {
    let git = repository(root)?;
    let head = full_history(&git)?;
    // The window is a range of UTC days, whatever the committer's time zone was.
    let commits: Vec<_> = first_parent_log(&git, &head, "--date=format-local:%Y-%m-%d")?
        .into_iter()
        .filter(|c| c.date.as_str() >= since && c.date.as_str() <= until)
        .filter(|c| c.changes.iter().any(|ch| is_document_path(&ch.path) || renamed_from_document(&ch.kind)))
        .collect();
    let mut ids: Vec<&str> = commits
        .iter()
        .flat_map(|c| &c.changes)
        .flat_map(|c| [c.blob.as_str(), c.old_blob.as_str()])
        .filter(|id| !id.is_empty() && id.bytes().any(|b| b != b'0'))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut blobs: HashMap<String, Vec<u8>> = HashMap::with_capacity(ids.len());
    git.each_blob(&ids, options.max_file_size, |id, bytes| {
        blobs.insert(id.to_owned(), bytes.to_vec());
    })?;
    // A blob that was not read (over the size limit) is no version: `None` here.
    let version =
        |path: &str, blob: &str| blobs.get(blob).map(|bytes| Version { path: path.to_owned(), bytes: bytes.clone() });
    Ok(commits
        .iter()
        .map(|c| {
            let mut documents = Vec::new();
            let mut unread = Vec::new();
            for ch in &c.changes {
                let (before, after) = match &ch.kind {
                    ChangeKind::Added => (None, Some(&ch.path)),
                    ChangeKind::Modified => (Some(&ch.path), Some(&ch.path)),
                    ChangeKind::Deleted => (Some(&ch.path), None),
                    ChangeKind::Renamed { from } => (Some(from), Some(&ch.path)),
                };
                let before = before.filter(|p| is_document_path(p)).map(|p| (p, version(p, &ch.old_blob)));
                let after = after.filter(|p| is_document_path(p)).map(|p| (p, version(p, &ch.blob)));
                match (before, after) {
                    (None, None) => {}
                    (Some((path, None)), _) | (_, Some((path, None))) => unread.push(path.clone()),
                    (before, after) => documents.push(DocumentVersions {
                        before: before.and_then(|(_, v)| v),
                        after: after.and_then(|(_, v)| v),
                    }),
                }
            }
            CommitChanges {
                id: c.id.clone(),
                revision: Revision::commit(&c.short, &c.date, &c.subject, true),
                documents,
                unread,
            }
        })
        .collect())
}

fn renamed_from_document(kind: &ChangeKind) -> bool {
    matches!(kind, ChangeKind::Renamed { from } if is_document_path(from))
}

/// The local clone's `HEAD`, and whether it has the commit `remote` (GitHub's default branch
/// head, a full id): `None` when not asked or not known here.
pub fn head(root: &Path, remote: Option<&str>) -> Result<(Head, Option<bool>), HistoryError> {
    let git = repository(root)?;
    let out = git.run(&[
        "log",
        "-1",
        "-z",
        "--no-color",
        "--no-show-signature",
        "--date=format-local:%Y-%m-%d",
        crate::log::LOG_FORMAT,
        "HEAD",
    ])?;
    let commit = crate::log::parse_log(&out).into_iter().next().ok_or(HistoryError::NoCommits)?;
    let has = remote
        .filter(|id| id.len() >= 7 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(|id| git.commit_id(id).is_some());
    Ok((Head { id: commit.id, short: commit.short, date: commit.date }, has))
}

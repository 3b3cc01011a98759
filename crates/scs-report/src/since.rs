//! "Since the last meeting": the pull requests merged or closed in the window, each with the
//! lifecycle steps it made, and the lifecycle steps the default branch received, read from the
//! repository's own history (so also offline).
//!
//! A merged pull request's steps are those of its merge commit on the local default branch
//! (`mergeCommit`; for a regular merge, the merge against its first parent, which is the whole
//! pull request; for a squash, the one commit). They cost no request to GitHub. A pull request
//! whose merge commit the local history does not have (another repository, a merge into another
//! branch, a clone not fetched) says so instead of guessing.

use std::collections::HashMap;

use jiff::civil::Date;
use scs_core::Document;
use scs_core::history::{CommitChanges, Revision, Version};
use scs_review::Transition;
use serde::Serialize;

use crate::facts::ClosedInWindow;

/// One lifecycle step of one document in one commit of the default branch.
#[derive(Debug, Clone, Serialize)]
pub struct LifecycleChange {
    /// The commit date, `YYYY-MM-DD`.
    pub date: String,
    /// The abbreviated commit id.
    pub commit: String,
    #[serde(skip)]
    pub commit_id: String,
    pub subject: String,
    /// The file name after the step (before it, for a removal).
    pub file_name: String,
    /// The file name before, when the step renamed it (a proposal numbered).
    pub was: Option<String>,
    pub title: Option<String>,
    pub track: Option<String>,
    pub transition: Transition,
    /// The pull request whose merge commit this is, when GitHub named it.
    pub pull_request: Option<u64>,
}

/// A pull request merged or closed in the window, as the report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ClosedAnalysis {
    pub number: u64,
    pub title: String,
    pub url: String,
    pub author: Option<String>,
    pub merged: bool,
    /// The UTC date it was merged or closed.
    pub date: Date,
    pub base_ref: String,
    /// The file names of the documents it touched.
    pub documents: Vec<String>,
    /// For a merged pull request whose merge commit the local history has, the lifecycle
    /// steps it made (empty: it changed no document's lifecycle); `None` otherwise.
    pub transitions: Option<Vec<LifecycleChange>>,
}

/// Whether a step changes a document's place in the lifecycle (an edit that keeps the status
/// does not).
fn is_lifecycle(transition: &Transition) -> bool {
    !matches!(transition, Transition::Edited { .. })
}

fn document(version: &Version) -> Document {
    let file_name = version.path.rsplit('/').next().unwrap_or(&version.path).to_owned();
    Document::parse(version.path.clone(), file_name, version.bytes.clone())
}

/// A front-matter text as the report shows it: trimmed, absent when empty.
fn text(doc: &Document, key: &str) -> Option<String> {
    doc.scalar(key).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// The lifecycle steps of `commits`, oldest first.
pub fn lifecycle_changes(commits: &[CommitChanges]) -> Vec<LifecycleChange> {
    let mut changes = Vec::new();
    for commit in commits {
        let Revision::Commit { short, date, subject, .. } = &commit.revision else { continue };
        for versions in &commit.documents {
            let before = versions.before.as_ref().map(document);
            let after = versions.after.as_ref().map(document);
            let transition = Transition::of(before.as_ref(), after.as_ref());
            if !is_lifecycle(&transition) {
                continue;
            }
            let Some(shown) = after.as_ref().or(before.as_ref()) else { continue };
            let was = before.as_ref().filter(|b| b.file_name != shown.file_name).map(|b| b.file_name.clone());
            changes.push(LifecycleChange {
                date: date.clone(),
                commit: short.clone(),
                commit_id: commit.id.clone(),
                subject: subject.clone(),
                file_name: shown.file_name.clone(),
                was,
                title: text(shown, "title"),
                track: text(shown, "track"),
                transition,
                pull_request: None,
            });
        }
    }
    changes
}

/// What the local history knows of the window: the commits that changed documents, and
/// their lifecycle steps.
#[derive(Debug, Clone, Copy)]
pub struct WindowHistory<'a> {
    pub commits: &'a [CommitChanges],
    pub lifecycle: &'a [LifecycleChange],
}

/// Names, for each step of `lifecycle`, the merged pull request whose merge commit made it.
pub fn attribute(lifecycle: &mut [LifecycleChange], prs: &[ClosedInWindow]) {
    for change in lifecycle {
        if let Some(pr) =
            prs.iter().find(|pr| pr.merged && pr.merge_commit.as_deref() == Some(change.commit_id.as_str()))
        {
            change.pull_request = Some(pr.number);
        }
    }
}

/// The pull requests of the window with the steps their merge commits made, newest first.
pub fn closed(prs: &[ClosedInWindow], window: Option<WindowHistory<'_>>) -> Vec<ClosedAnalysis> {
    let mut by_commit: HashMap<&str, Vec<&LifecycleChange>> = HashMap::new();
    if let Some(window) = window {
        for commit in window.commits {
            by_commit.entry(commit.id.as_str()).or_default();
        }
        for change in window.lifecycle {
            by_commit.entry(change.commit_id.as_str()).or_default().push(change);
        }
    }
    let mut out: Vec<ClosedAnalysis> = prs
        .iter()
        .map(|pr| {
            let documents: Vec<String> = pr
                .files
                .iter()
                .filter(|(path, _)| scs_core::corpus::is_document_path(path))
                .map(|(path, _)| path.rsplit('/').next().unwrap_or(path).to_owned())
                .collect();
            let transitions = if !pr.merged {
                None
            } else if documents.is_empty() {
                // No document touched: no step, whatever the history holds.
                Some(Vec::new())
            } else {
                pr.merge_commit
                    .as_deref()
                    .and_then(|commit| by_commit.get(commit))
                    .map(|steps| steps.iter().map(|s| (*s).clone()).collect())
            };
            ClosedAnalysis {
                number: pr.number,
                title: pr.title.clone(),
                url: pr.url.clone(),
                author: pr.author.clone(),
                merged: pr.merged,
                date: pr.closed_at.to_zoned(jiff::tz::TimeZone::UTC).date(),
                base_ref: pr.base_ref.clone(),
                documents,
                transitions,
            }
        })
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date).then(b.number.cmp(&a.number)));
    out
}

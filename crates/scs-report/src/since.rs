//! "Since the last meeting": the lifecycle steps and edits of Stable documents the default
//! branch received, read from the repository's own history (so also offline), each named
//! with the pull request that made it; and the pull requests opened, merged and closed in the
//! window.
//!
//! A merged pull request's steps are those of its merge commit on the local default branch
//! (`mergeCommit`; for a regular merge, the merge against its first parent, which is the whole
//! pull request; for a squash, the one commit). They cost no request to GitHub. Without
//! GitHub (offline, or a commit no pull request of the window names), a subject ending in
//! `(#N)`, as GitHub's squash and merge writes it, names the pull request, marked as read
//! from the subject.

use std::collections::HashMap;

use jiff::civil::Date;
use scs_core::Document;
use scs_core::history::{CommitChanges, Revision, Version};
use scs_core::lifecycle::{self, Step};
use serde::Serialize;

use crate::facts::ClosedInWindow;

/// Where the pull request of a commit was learnt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// GitHub named the commit as the pull request's merge commit.
    Github,
    /// The commit subject ends in `(#N)`.
    Subject,
}

/// The lifecycle steps of one document in one commit of the default branch.
#[derive(Debug, Clone, Serialize)]
pub struct LifecycleChange {
    /// The commit date, `YYYY-MM-DD`.
    pub date: String,
    /// The abbreviated commit id.
    pub commit: String,
    /// The full commit id.
    pub commit_id: String,
    pub subject: String,
    /// The path after the step (before it, for a removal).
    pub path: String,
    /// The file name after the step (before it, for a removal).
    pub file_name: String,
    /// The file name before, when the step renamed it.
    pub was: Option<String>,
    pub title: Option<String>,
    pub doc_type: Option<String>,
    pub track: Option<String>,
    /// The lifecycle steps (`scs_core::lifecycle`); an edit of a Draft is none.
    pub steps: Vec<Step>,
    /// For an edit of a Stable document: what changed in its text, in a line.
    pub text_changes: Option<String>,
    /// The pull request whose merge commit this is.
    pub pull_request: Option<u64>,
    /// How that pull request was found.
    pub attribution: Option<Attribution>,
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
    /// The UTC date it was opened, when known.
    pub opened: Option<Date>,
    pub base_ref: String,
    /// The file names of the documents it touched.
    pub documents: Vec<String>,
    /// For a merged pull request whose merge commit the local history has, the lifecycle
    /// steps it made (empty: it changed no document's lifecycle); `None` otherwise.
    pub steps: Option<Vec<LifecycleChange>>,
}

fn document(version: &Version) -> Document {
    let file_name = version.path.rsplit('/').next().unwrap_or(&version.path).to_owned();
    Document::parse(version.path.clone(), file_name, version.bytes.clone())
}

/// A front-matter text as the report shows it: trimmed, absent when empty.
fn text(doc: &Document, key: &str) -> Option<String> {
    doc.scalar(key).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// `(#123)` at the end of a commit subject: the pull request GitHub's squash merge names.
pub fn subject_pull_request(subject: &str) -> Option<u64> {
    let inner = subject.trim_end().strip_suffix(')')?;
    let (_, number) = inner.rsplit_once("(#")?;
    if number.is_empty() || number.len() > 9 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse().ok().filter(|&n| n > 0)
}

/// The lifecycle steps of `commits`, oldest first, one entry per document and commit.
pub fn lifecycle_changes(commits: &[CommitChanges]) -> Vec<LifecycleChange> {
    let mut changes = Vec::new();
    for commit in commits {
        let Revision::Commit { short, date, subject, .. } = &commit.revision else { continue };
        let documents: Vec<lifecycle::Change<Document>> = commit
            .documents
            .iter()
            .map(|v| (v.before.as_ref().map(document), v.after.as_ref().map(document)))
            .collect();
        for (before, after) in lifecycle::pair(documents) {
            let steps: Vec<Step> =
                lifecycle::steps(before.as_ref(), after.as_ref()).into_iter().filter(Step::is_lifecycle).collect();
            if steps.is_empty() {
                continue;
            }
            let Some(shown) = after.as_ref().or(before.as_ref()) else { continue };
            let was = before
                .as_ref()
                .filter(|b| after.as_ref().is_some_and(|a| a.file_name != b.file_name))
                .map(|b| b.file_name.clone());
            let text_changes = match (&before, &after) {
                (Some(b), Some(a)) if steps.contains(&Step::StableEdit) => {
                    Some(scs_core::normative::changes(b, a).summary(90))
                }
                _ => None,
            };
            let from_subject = subject_pull_request(subject);
            changes.push(LifecycleChange {
                date: date.clone(),
                commit: short.clone(),
                commit_id: commit.id.clone(),
                subject: subject.clone(),
                path: shown.path.clone(),
                file_name: shown.file_name.clone(),
                was,
                title: text(shown, "title"),
                doc_type: text(shown, "type"),
                track: text(shown, "track"),
                steps,
                text_changes,
                pull_request: from_subject,
                attribution: from_subject.map(|_| Attribution::Subject),
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

/// Names, for each step of `lifecycle`, the merged pull request whose merge commit made it;
/// GitHub's word wins over the subject's.
pub fn attribute(lifecycle: &mut [LifecycleChange], prs: &[ClosedInWindow]) {
    for change in lifecycle {
        if let Some(pr) =
            prs.iter().find(|pr| pr.merged && pr.merge_commit.as_deref() == Some(change.commit_id.as_str()))
        {
            change.pull_request = Some(pr.number);
            change.attribution = Some(Attribution::Github);
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
    let day = |t: jiff::Timestamp| t.to_zoned(jiff::tz::TimeZone::UTC).date();
    let mut out: Vec<ClosedAnalysis> = prs
        .iter()
        .map(|pr| {
            let documents: Vec<String> = pr
                .files
                .iter()
                .filter(|(path, _)| scs_core::corpus::is_document_path(path))
                .map(|(path, _)| path.rsplit('/').next().unwrap_or(path).to_owned())
                .collect();
            let steps = if !pr.merged {
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
                date: day(pr.closed_at),
                opened: pr.created_at.map(day),
                base_ref: pr.base_ref.clone(),
                documents,
                steps,
            }
        })
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date).then(b.number.cmp(&a.number)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_requests_from_subjects() {
        assert_eq!(subject_pull_request("Stabilize scs-0100-v3 (#412)"), Some(412));
        assert_eq!(subject_pull_request("Revert \"x (#3)\" (#9)  "), Some(9));
        for none in ["Fix (#)", "Fix (#12) again", "Fix #12", "Fix (#0)", "Fix (#12a)", "(#99999999999)"] {
            assert_eq!(subject_pull_request(none), None, "{none}");
        }
    }
}

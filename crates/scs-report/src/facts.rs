//! Plain facts about open pull requests, as a forge reports them. `scs-github` fills them from
//! GitHub's API; tests fill them by hand.

use jiff::Timestamp;
use serde::Serialize;

/// Everything fetched for one repository, and what could not be fetched.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Fetched {
    /// `owner/name`.
    pub repository: String,
    pub pull_requests: Vec<PullRequest>,
    /// The web address of the repository (`https://github.com/OWNER/NAME`), for links.
    pub url: Option<String>,
    /// The head of the default branch on GitHub, to tell whether the local clone is behind.
    pub default_branch: Option<BranchHead>,
    /// The most recently closed pull requests, merged or not, with the documents they added;
    /// `None` when they could not be fetched.
    pub closed_recently: Option<Vec<ClosedPullRequest>>,
    /// Pull requests merged or closed in the report's window (newest first); `None` when they
    /// could not be fetched.
    pub closed_in_window: Option<Vec<ClosedInWindow>>,
    /// Whether the default branch has a `Standards/` folder: a standards repository, whose pull
    /// requests are read as lifecycle steps; any other gets the plain tables.
    pub standards: bool,
    /// Parts that could not be fetched (the report says so instead of leaving them out).
    pub missing: Vec<String>,
}

/// The head commit of a branch on the forge.
#[derive(Debug, Clone, Serialize)]
pub struct BranchHead {
    pub name: String,
    pub oid: String,
    pub committed_at: Option<Timestamp>,
}

/// A pull request merged or closed without merge in the window.
#[derive(Debug, Clone, Serialize)]
pub struct ClosedInWindow {
    pub number: u64,
    pub title: String,
    pub url: String,
    pub author: Option<String>,
    pub merged: bool,
    /// When it was opened.
    pub created_at: Option<Timestamp>,
    /// When it was merged, or closed without merge.
    pub closed_at: Timestamp,
    /// The commit the merge made on the base branch (for a squash or rebase, the last one).
    pub merge_commit: Option<String>,
    pub base_ref: String,
    /// The files it changed (the first 100), without their texts.
    pub files: Vec<(String, ChangeType)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClosedPullRequest {
    pub number: u64,
    pub url: String,
    pub merged: bool,
    /// The documents it added (paths).
    pub added: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PullRequest {
    pub number: u64,
    pub title: String,
    pub url: String,
    pub author: Option<String>,
    pub draft: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub labels: Vec<String>,
    pub review_decision: Option<ReviewDecision>,
    /// The latest review of each reviewer.
    pub reviews: Vec<Review>,
    /// Reviews requested and not yet given.
    pub review_requests: Vec<ReviewRequest>,
    pub mergeable: Mergeable,
    pub checks: Checks,
    pub base_ref: String,
    /// The head commit, for links to its versions of the documents.
    pub head_oid: String,
    pub body: String,
    pub files: Vec<ChangedFile>,
    /// Issues and pull requests the body says this one is blocked by or depends on.
    pub dependencies: Vec<Dependency>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    Approved,
    ChangesRequested,
    ReviewRequired,
}

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub author: Option<String>,
    /// GitHub's state: `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED`, `PENDING`.
    pub state: String,
    pub submitted_at: Option<Timestamp>,
}

/// A review requested from a person or a team and not yet given.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewRequest {
    /// A login, or a team's name.
    pub reviewer: String,
    pub team: bool,
    /// When it was (last) requested, from the pull request's timeline; `None` if not found.
    pub requested_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mergeable {
    Mergeable,
    Conflicting,
    Unknown,
}

/// The combined state of a pull request's status checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Checks {
    Success,
    Pending,
    Failure,
    None,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangedFile {
    pub path: String,
    pub change: ChangeType,
    /// The file at the head commit (`None` if removed or not fetched).
    pub head_text: Option<String>,
    /// The file at the base commit (`None` if added or not fetched).
    pub base_text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeType {
    Added,
    Modified,
    Removed,
    Renamed,
    Copied,
    Changed,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dependency {
    pub number: u64,
    /// `Some(true)` open, `Some(false)` closed or merged, `None` not known.
    pub open: Option<bool>,
}

/// `blocked by #12`, `depends on #34` (any case, also `depends on: #34, #35`) in a body.
pub fn dependency_numbers(body: &str) -> Vec<u64> {
    let lower = body.to_lowercase();
    let mut numbers = Vec::new();
    for phrase in ["blocked by", "depends on"] {
        let mut rest = lower.as_str();
        while let Some(i) = rest.find(phrase) {
            rest = &rest[i + phrase.len()..];
            let mut tail = rest.trim_start_matches([' ', ':']);
            while let Some(after_hash) = tail.strip_prefix('#') {
                let digits: String = after_hash.chars().take_while(char::is_ascii_digit).collect();
                let Ok(n) = digits.parse::<u64>() else { break };
                if !numbers.contains(&n) {
                    numbers.push(n);
                }
                tail = after_hash[digits.len()..].trim_start_matches([' ', ',']).trim_start_matches("and ");
            }
        }
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependencies_in_bodies() {
        assert_eq!(dependency_numbers("Blocked by #12.\nDepends on: #34, #35 and #36"), [12, 34, 35, 36]);
        assert_eq!(dependency_numbers("depends on #7 and blocked by #7"), [7]);
        assert_eq!(dependency_numbers("fixes #3, see #4, blocked by nothing"), Vec::<u64>::new());
    }
}

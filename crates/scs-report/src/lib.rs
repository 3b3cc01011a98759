//! The weekly report of the SIG meeting: "Are there any PRs to discuss? Any ADRs blocked?",
//! and what happened since the last meeting. Plain facts about pull requests (from
//! `scs-github` or from tests), the local repository and its history go in; an analysed
//! [`Report`] comes out, rendered as Markdown or JSON. No network here.

pub mod analysis;
pub mod facts;
pub mod followups;
pub mod markdown;
pub mod since;

use jiff::civil::Date;
use scs_core::Corpus;
use scs_core::history::CommitChanges;
use serde::Serialize;

pub use analysis::{Options, PullRequestAnalysis, Section, Transition};
pub use facts::Fetched;
pub use followups::FollowUp;
pub use since::{ClosedAnalysis, LifecycleChange};

/// Everything the meeting needs, as data.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub today: Date,
    /// The first day of the window "since the last meeting".
    pub since: Date,
    /// One per repository asked for, in that order; empty when nothing was fetched (`--offline`).
    pub repositories: Vec<RepositoryReport>,
    /// The lifecycle steps the local default branch received in the window, oldest first;
    /// `None` when its history could not be read (the reason is in `missing`).
    pub lifecycle: Option<Vec<LifecycleChange>>,
    /// What the local repository itself shows to follow up.
    pub follow_ups: Vec<FollowUp>,
    /// What could not be fetched or checked, so that nobody mistakes silence for "nothing".
    pub missing: Vec<String>,
}

/// One repository's pull requests.
#[derive(Debug, Clone, Serialize)]
pub struct RepositoryReport {
    /// `owner/name`.
    pub repository: String,
    /// Whether it has `Standards/`: its pull requests are read as lifecycle steps.
    pub standards: bool,
    pub pull_requests: Vec<PullRequestAnalysis>,
    /// Merged or closed in the window, newest first; `None` when they could not be fetched.
    pub closed: Option<Vec<ClosedAnalysis>>,
}

/// What a report is made of.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// The local repository.
    pub corpus: &'a Corpus,
    /// What GitHub said, one per repository; `None` with `--offline`.
    pub fetched: Option<&'a [Fetched]>,
    /// The local default branch's commits in the window, or why they could not be read.
    pub history: Result<&'a [CommitChanges], &'a str>,
}

/// Builds the report from the local repository, its history and, unless offline, the fetched
/// facts.
pub fn build(sources: Sources<'_>, options: &Options) -> Report {
    let corpus = sources.corpus;
    let mut missing = Vec::new();
    let mut follow_ups = followups::follow_ups(corpus, options.today);
    let mut lifecycle = match sources.history {
        Ok(commits) => {
            for commit in commits {
                if let scs_core::history::Revision::Commit { short, .. } = &commit.revision {
                    missing.extend(commit.unread.iter().map(|path| {
                        format!("the lifecycle step of {path} in commit {short}: not read (larger than the size limit)")
                    }));
                }
            }
            Some(since::lifecycle_changes(commits))
        }
        Err(why) => {
            missing.push(format!("lifecycle changes on the default branch since {}: {why}", options.since));
            None
        }
    };
    // The local history is the standards repository's: its merged pull requests name the steps.
    if let Some(changes) = &mut lifecycle {
        for f in sources.fetched.unwrap_or_default().iter().filter(|f| f.standards) {
            since::attribute(changes, f.closed_in_window.as_deref().unwrap_or_default());
        }
    }
    let window = match (sources.history, &lifecycle) {
        (Ok(commits), Some(lifecycle)) => Some(since::WindowHistory { commits, lifecycle }),
        _ => None,
    };
    let mut repositories = Vec::new();
    match sources.fetched {
        Some(fetched) => {
            let several = fetched.len() > 1;
            let named = |repository: &str, text: &str| {
                if several { format!("{repository}: {text}") } else { text.to_owned() }
            };
            for f in fetched {
                missing.extend(f.missing.iter().map(|m| named(&f.repository, m)));
                if f.standards {
                    match &f.closed_unmerged {
                        Some(closed) => follow_ups.extend(followups::closed_proposals(corpus, closed)),
                        None => missing.push(named(&f.repository, "documents whose proposal pull request was closed: not checked (closed pull requests could not be read)")),
                    }
                }
                let mut prs: Vec<PullRequestAnalysis> = f
                    .pull_requests
                    .iter()
                    .filter(|pr| options.selects(pr))
                    .map(|pr| analysis::analyse(pr, corpus, options, f.standards))
                    .collect();
                prs.sort_by_key(|p| (p.section, p.number));
                let closed = f.closed_in_window.as_ref().map(|closed| {
                    let window = if f.standards { window } else { None };
                    since::closed(closed, window)
                });
                if closed.is_none() {
                    missing.push(named(
                        &f.repository,
                        &format!("pull requests merged or closed since {}: not fetched", options.since),
                    ));
                }
                repositories.push(RepositoryReport {
                    repository: f.repository.clone(),
                    standards: f.standards,
                    pull_requests: prs,
                    closed,
                });
            }
        }
        None => {
            missing.push("open pull requests: not fetched (--offline)".into());
            missing.push(format!("pull requests merged or closed since {}: not fetched (--offline)", options.since));
            missing.push("documents whose proposal pull request was closed: not checked (--offline)".into());
        }
    }
    Report { today: options.today, since: options.since, repositories, lifecycle, follow_ups, missing }
}

impl Report {
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

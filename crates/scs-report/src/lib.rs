//! The weekly report of the SIG meeting: "Are there any PRs to discuss? Any ADRs blocked?"
//! Plain facts about pull requests (from `scs-github` or from tests) and the local repository
//! go in; an analysed [`Report`] comes out, rendered as Markdown or JSON. No network here.

pub mod analysis;
pub mod facts;
pub mod followups;
pub mod markdown;

use jiff::civil::Date;
use scs_core::Corpus;
use serde::Serialize;

pub use analysis::{Options, PullRequestAnalysis, Section, Transition};
pub use facts::Fetched;
pub use followups::FollowUp;

/// Everything the meeting needs, as data.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub today: Date,
    /// `None` when pull requests were not fetched (`--offline`).
    pub repository: Option<String>,
    pub pull_requests: Vec<PullRequestAnalysis>,
    pub follow_ups: Vec<FollowUp>,
    /// What could not be fetched or checked, so that nobody mistakes silence for "nothing".
    pub missing: Vec<String>,
}

/// Builds the report from the local repository and, unless offline, the fetched facts.
pub fn build(corpus: &Corpus, fetched: Option<&Fetched>, options: &Options) -> Report {
    let mut missing = Vec::new();
    let mut follow_ups = followups::follow_ups(corpus, options.today);
    let (repository, pull_requests) = match fetched {
        Some(f) => {
            missing.extend(f.missing.iter().cloned());
            match &f.closed_unmerged {
                Some(closed) => follow_ups.extend(followups::closed_proposals(corpus, closed)),
                None => missing.push("documents whose proposal pull request was closed: not checked (closed pull requests could not be read)".into()),
            }
            let mut prs: Vec<PullRequestAnalysis> = f
                .pull_requests
                .iter()
                .filter(|pr| options.selects(pr))
                .map(|pr| analysis::analyse(pr, corpus, options))
                .collect();
            prs.sort_by_key(|p| (p.section, p.number));
            (Some(f.repository.clone()), prs)
        }
        None => {
            missing.push("open pull requests: not fetched (--offline)".into());
            missing.push("documents whose proposal pull request was closed: not checked (--offline)".into());
            (None, Vec::new())
        }
    };
    Report { today: options.today, repository, pull_requests, follow_ups, missing }
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

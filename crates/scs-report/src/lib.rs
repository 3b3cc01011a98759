//! The report of the SIG meeting, in the order the meeting takes it: decisions for today,
//! number clashes, pull requests waiting on reviewers and on authors, candidates to close,
//! "Any ADRs blocked?", and what happened since the last meeting. Plain facts about pull
//! requests (from `scs-github` or from tests), the local repository and its history go in; an
//! analysed [`Report`] comes out, rendered as Markdown or JSON. No network here.

pub mod analysis;
pub mod facts;
pub mod followups;
pub mod markdown;
pub mod since;

use jiff::civil::Date;
use scs_core::Corpus;
use scs_core::history::{CommitChanges, Head};
use serde::Serialize;

pub use analysis::{DocumentChange, NumberClash, Options, PullRequestAnalysis, Requested, Section, Wait};
pub use facts::Fetched;
pub use followups::FollowUp;
pub use since::{Attribution, ClosedAnalysis, LifecycleChange};

/// Everything the meeting needs, as data.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub today: Date,
    /// The first day of the window "since the last meeting".
    pub since: Date,
    /// Where the local clone stands against GitHub's default branch; `None` when not known.
    pub clone: Option<CloneState>,
    /// One per repository asked for, in that order; empty when nothing was fetched (`--offline`).
    pub repositories: Vec<RepositoryReport>,
    /// The lifecycle steps the local default branch received in the window, oldest first;
    /// `None` when its history could not be read (the reason is in `missing`).
    pub lifecycle: Option<Vec<LifecycleChange>>,
    /// The repository's web address for links of the local history (`https://github.com/O/N`).
    pub web: Option<String>,
    /// What the local repository itself shows to follow up.
    pub follow_ups: Vec<FollowUp>,
    /// What could not be fetched or checked, so that nobody mistakes silence for "nothing".
    pub missing: Vec<String>,
    /// Pull requests waiting on their authors this many days idle are candidates to close.
    pub stale_days: i64,
    /// The level of the top heading (1–6).
    #[serde(skip)]
    pub heading_level: u8,
}

/// The local clone against GitHub's default branch.
#[derive(Debug, Clone, Serialize)]
pub struct CloneState {
    /// The local `HEAD`.
    pub head: String,
    pub head_date: String,
    /// GitHub's default branch and its head, when fetched.
    pub remote_branch: Option<String>,
    pub remote_head: Option<String>,
    pub remote_date: Option<Date>,
    /// Whether the local clone is at GitHub's head (`None` offline: not known).
    pub current: Option<bool>,
    /// Whether the local clone has GitHub's head among its commits (ahead of it).
    pub has_remote_head: Option<bool>,
}

/// One repository's pull requests, sorted into the meeting's sections. Every open pull
/// request is in `pull_requests` with everything known of it; the sections name them by
/// `number` with what that section is about.
#[derive(Debug, Clone, Serialize)]
pub struct RepositoryReport {
    /// `owner/name`.
    pub repository: String,
    /// Its web address, when GitHub named it.
    pub url: Option<String>,
    /// Whether it has `Standards/`: its pull requests are read as lifecycle steps.
    pub standards: bool,
    pub pull_requests: Vec<PullRequestAnalysis>,
    pub decisions: Vec<DecisionEntry>,
    pub number_clashes: Vec<NumberClash>,
    /// Oldest request first.
    pub waiting_on_reviewers: Vec<ReviewerEntry>,
    pub waiting_on_authors: Vec<AuthorEntry>,
    /// Waiting on their authors and idle for `--stale-days` or longer, longest idle first.
    pub candidates_to_close: Vec<AuthorEntry>,
    pub ready_to_merge: Vec<ReadyEntry>,
    /// Open pull requests that touch a Decision Record, and what holds each.
    pub decision_records: Vec<DecisionRecordEntry>,
    /// Opened in the window (still open or not), newest first; `None` when the closed ones
    /// could not be fetched.
    pub opened: Vec<OpenedEntry>,
    /// Merged or closed in the window, newest first; `None` when they could not be fetched.
    pub closed: Option<Vec<ClosedAnalysis>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionEntry {
    pub number: u64,
    pub documents: Vec<DocumentChange>,
    pub waits_for: Vec<Wait>,
    pub new_errors: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewerEntry {
    pub number: u64,
    pub requested: Vec<Requested>,
    /// Days since the oldest pending request, when known.
    pub oldest_days: Option<i64>,
    pub approvals: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthorEntry {
    pub number: u64,
    pub waits_for: Vec<Wait>,
    pub idle_days: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReadyEntry {
    pub number: u64,
    pub approvals: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRecordEntry {
    pub number: u64,
    /// The file names of the Decision Records it touches.
    pub documents: Vec<String>,
    /// What holds it, in words; empty: nothing, it can be decided.
    pub holds: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpenedEntry {
    pub number: u64,
    pub title: String,
    pub url: String,
    pub author: Option<String>,
    pub date: Date,
    /// Still open at the time of the report.
    pub open: bool,
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
    /// The local `HEAD` and whether it has GitHub's default branch head, when read.
    pub head: Option<(&'a Head, Option<bool>)>,
    /// The standards repository's web address when GitHub does not say (offline).
    pub web: Option<&'a str>,
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
    let fetched = sources.fetched.unwrap_or_default();
    let standards_repository = fetched.iter().find(|f| f.standards);
    // The local history is the standards repository's: its merged pull requests name the steps.
    if let (Some(changes), Some(f)) = (&mut lifecycle, standards_repository) {
        since::attribute(changes, f.closed_in_window.as_deref().unwrap_or_default());
    }
    let window = match (sources.history, &lifecycle) {
        (Ok(commits), Some(lifecycle)) => Some(since::WindowHistory { commits, lifecycle }),
        _ => None,
    };
    let clone = sources.head.map(|(head, has_remote)| {
        let remote = standards_repository.and_then(|f| f.default_branch.as_ref());
        CloneState {
            head: head.short.clone(),
            head_date: head.date.clone(),
            remote_branch: remote.map(|r| r.name.clone()),
            remote_head: remote.map(|r| r.oid.chars().take(10).collect()),
            remote_date: remote.and_then(|r| r.committed_at).map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date()),
            current: remote.map(|r| r.oid == head.id),
            has_remote_head: remote.and(has_remote),
        }
    });
    let mut repositories = Vec::new();
    if sources.fetched.is_some() {
        let several = fetched.len() > 1;
        let named =
            |repository: &str, text: &str| if several { format!("{repository}: {text}") } else { text.to_owned() };
        for f in fetched {
            missing.extend(f.missing.iter().map(|m| named(&f.repository, m)));
            if f.standards {
                match &f.closed_recently {
                    Some(closed) => follow_ups.extend(followups::closed_proposals(corpus, closed)),
                    None => missing.push(named(&f.repository, "documents whose proposal pull request was closed: not checked (closed pull requests could not be read)")),
                }
            }
            let window = if f.standards { window } else { None };
            let closed = f.closed_in_window.as_ref().map(|closed| since::closed(closed, window));
            if closed.is_none() {
                missing.push(named(
                    &f.repository,
                    &format!("pull requests merged or closed since {}: not fetched", options.since),
                ));
            }
            repositories.push(repository(f, corpus, options, closed));
        }
    } else {
        missing.push("open pull requests: not fetched (--offline)".into());
        missing.push(format!("pull requests merged or closed since {}: not fetched (--offline)", options.since));
        missing.push("documents whose proposal pull request was closed: not checked (--offline)".into());
    }
    let web = standards_repository.and_then(|f| f.url.clone()).or(sources.web.map(str::to_owned));
    Report {
        today: options.today,
        since: options.since,
        clone,
        repositories,
        lifecycle,
        web,
        follow_ups,
        missing,
        stale_days: options.stale_days,
        heading_level: options.heading_level,
    }
}

/// One repository's pull requests, analysed and sorted into the meeting's sections.
fn repository(
    f: &Fetched,
    corpus: &Corpus,
    options: &Options,
    closed: Option<Vec<ClosedAnalysis>>,
) -> RepositoryReport {
    let mut prs: Vec<PullRequestAnalysis> = f
        .pull_requests
        .iter()
        .filter(|pr| options.selects(pr))
        .map(|pr| analysis::analyse(pr, corpus, options, f.standards, f.url.as_deref()))
        .collect();
    prs.sort_by_key(|p| p.number);
    let in_section = |s: Section| prs.iter().filter(move |p| p.section == s);
    let decisions = in_section(Section::Decision)
        .map(|p| DecisionEntry {
            number: p.number,
            documents: p.documents.iter().filter(|d| d.needs_decision()).cloned().collect(),
            waits_for: p.waits_for.clone(),
            new_errors: p.new_errors.len(),
        })
        .collect();
    // Oldest request first; a pull request nobody was asked to review waits since it was opened.
    let mut reviewers: Vec<&PullRequestAnalysis> = in_section(Section::WaitingOnReviewers).collect();
    reviewers.sort_by_key(|p| (std::cmp::Reverse(p.oldest_request_days().unwrap_or(p.age_days)), p.number));
    let waiting_on_reviewers = reviewers
        .into_iter()
        .map(|p| ReviewerEntry {
            number: p.number,
            requested: p.review_requests.clone(),
            oldest_days: p.oldest_request_days(),
            approvals: p.approvals.clone(),
        })
        .collect();
    let author_entries = |s: Section| {
        let mut list: Vec<AuthorEntry> = in_section(s)
            .map(|p| AuthorEntry { number: p.number, waits_for: p.waits_for.clone(), idle_days: p.idle_days })
            .collect();
        list.sort_by_key(|e| (std::cmp::Reverse(e.idle_days), e.number));
        list
    };
    let decision_records = prs
        .iter()
        .filter(|p| p.has_decision_record())
        .map(|p| DecisionRecordEntry {
            number: p.number,
            documents: p.documents.iter().filter(|d| d.is_decision_record()).map(|d| d.file_name.clone()).collect(),
            holds: holds(p),
        })
        .collect();
    let since = options.since;
    let mut opened: Vec<OpenedEntry> = prs
        .iter()
        .filter(|p| p.opened >= since)
        .map(|p| OpenedEntry {
            number: p.number,
            title: p.title.clone(),
            url: p.url.clone(),
            author: p.author.clone(),
            date: p.opened,
            open: true,
        })
        .collect();
    opened.extend(closed.iter().flatten().filter(|c| c.opened.is_some_and(|d| d >= since)).map(|c| OpenedEntry {
        number: c.number,
        title: c.title.clone(),
        url: c.url.clone(),
        author: c.author.clone(),
        date: c.opened.unwrap_or(c.date),
        open: false,
    }));
    opened.sort_by(|a, b| b.date.cmp(&a.date).then(b.number.cmp(&a.number)));
    RepositoryReport {
        repository: f.repository.clone(),
        url: f.url.clone(),
        standards: f.standards,
        number_clashes: if f.standards { analysis::number_clashes(&prs, corpus) } else { Vec::new() },
        decisions,
        waiting_on_reviewers,
        waiting_on_authors: author_entries(Section::WaitingOnAuthors),
        candidates_to_close: author_entries(Section::CandidateToClose),
        ready_to_merge: in_section(Section::ReadyToMerge)
            .map(|p| ReadyEntry { number: p.number, approvals: p.approvals.clone() })
            .collect(),
        decision_records,
        opened,
        closed,
        pull_requests: prs,
    }
}

/// What holds a pull request, in words: what it waits for, the reviews still requested, the
/// new errors.
pub fn holds(pr: &PullRequestAnalysis) -> Vec<String> {
    let mut out: Vec<String> = pr.waits_for.iter().map(Wait::describe).collect();
    for request in &pr.review_requests {
        out.push(match request.days {
            Some(days) => format!("review requested from {} ({days} days)", request.reviewer),
            None => format!("review requested from {}", request.reviewer),
        });
    }
    if !pr.new_errors.is_empty() {
        out.push(format!("{} new errors", pr.new_errors.len()));
    }
    out
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

//! What each open pull request does to the standards, who decides it, what blocks it, and
//! which new errors it would bring.

use std::collections::HashSet;

use jiff::civil::Date;
use scs_core::{Corpus, DocKind, DocNumber, Document, Status, Track};
use scs_rules::{Settings, Severity};
use serde::Serialize;

use crate::facts::{ChangeType, Checks, Mergeable, PullRequest, ReviewDecision};

/// The lifecycle step a pull request takes for one document (SCS-0001 "Process").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    NewProposal,
    NewMajorVersion,
    Stabilization,
    Deprecation,
    Rejection,
    /// SCS-0001 forbids breaking changes after stabilization: a reviewer must judge it.
    StableEdit,
    SupplementChange,
    Other,
}

impl Transition {
    pub fn describe(self) -> &'static str {
        match self {
            Transition::NewProposal => "new proposal",
            Transition::NewMajorVersion => "new major version",
            Transition::Stabilization => "stabilization (Draft → Stable)",
            Transition::Deprecation => "deprecation",
            Transition::Rejection => "rejection",
            Transition::StableEdit => "edit of a Stable document (check that it is not breaking)",
            Transition::SupplementChange => "supplement change",
            Transition::Other => "other change",
        }
    }
}

/// Who decides, from the track (SCS-0001 "Process").
pub fn decided_by(track: Option<Track>) -> &'static str {
    track.map_or("unknown (no valid track)", Track::decided_by)
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentChange {
    pub path: String,
    pub title: Option<String>,
    pub track: Option<String>,
    pub transition: Transition,
    pub decided_by: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason", content = "detail")]
pub enum Blocked {
    Label(String),
    ChangesRequested,
    FailingChecks,
    MergeConflict,
    DependsOn(u64),
    /// A dependency whose state could not be fetched.
    DependsOnUnknown(u64),
    Draft,
}

impl Blocked {
    pub fn describe(&self) -> String {
        match self {
            Blocked::Label(l) => format!("label \"{l}\""),
            Blocked::ChangesRequested => "changes requested".into(),
            Blocked::FailingChecks => "failing checks".into(),
            Blocked::MergeConflict => "merge conflict".into(),
            Blocked::DependsOn(n) => format!("depends on open #{n}"),
            Blocked::DependsOnUnknown(n) => format!("depends on #{n} (state unknown)"),
            Blocked::Draft => "draft".into(),
        }
    }
}

/// An error the pull request's versions of its documents would bring into the repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewError {
    pub path: String,
    pub rule: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Discuss,
    Blocked,
    Stale,
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct PullRequestAnalysis {
    pub number: u64,
    pub title: String,
    pub url: String,
    pub author: Option<String>,
    pub changes: Vec<DocumentChange>,
    pub blocked: Vec<Blocked>,
    /// Days since the last update.
    pub idle_days: i64,
    /// Days since the last update, when that is at least the stale limit.
    pub stale_days: Option<i64>,
    pub new_errors: Vec<NewError>,
    pub section: Section,
}

/// What the analysis needs besides the facts.
#[derive(Debug, Clone)]
pub struct Options {
    pub today: Date,
    /// The first day of "since the last meeting" (default: seven days before `today`).
    pub since: Date,
    pub stale_days: i64,
    /// Labels that mean blocked, compared without regard to case.
    pub blocking_labels: Vec<String>,
    /// Report only pull requests with one of these labels (all when empty).
    pub only_labels: Vec<String>,
    /// Report only pull requests that change a file under one of these path prefixes (all
    /// when empty), such as `Standards/`.
    pub only_paths: Vec<String>,
    pub settings: Settings,
}

impl Options {
    pub fn new(today: Date) -> Self {
        Self {
            today,
            since: today.checked_sub(jiff::Span::new().days(7)).unwrap_or(today),
            stale_days: 14,
            blocking_labels: vec!["blocked".into(), "on hold".into(), "waiting".into()],
            only_labels: Vec::new(),
            only_paths: Vec::new(),
            settings: Settings::default(),
        }
    }

    /// Whether the label and path filters let `pr` into the report.
    pub fn selects(&self, pr: &PullRequest) -> bool {
        let labelled = self.only_labels.is_empty()
            || pr.labels.iter().any(|l| self.only_labels.iter().any(|o| o.eq_ignore_ascii_case(l.trim())));
        let touches = self.only_paths.is_empty()
            || pr.files.iter().any(|f| self.only_paths.iter().any(|p| f.path.starts_with(p.as_str())));
        labelled && touches
    }
}

/// Analyses one pull request against the local repository `corpus`. In a repository without
/// `Standards/` (`standards` false) nothing is read as a lifecycle step: every pull request that
/// is neither blocked nor stale is to discuss.
pub fn analyse(pr: &PullRequest, corpus: &Corpus, options: &Options, standards: bool) -> PullRequestAnalysis {
    let changes: Vec<DocumentChange> =
        if standards { pr.files.iter().filter_map(|f| change(f, corpus)).collect() } else { Vec::new() };
    let mut blocked = Vec::new();
    for label in &pr.labels {
        if options.blocking_labels.iter().any(|b| b.eq_ignore_ascii_case(label.trim())) {
            blocked.push(Blocked::Label(label.clone()));
        }
    }
    if pr.review_decision == Some(ReviewDecision::ChangesRequested) {
        blocked.push(Blocked::ChangesRequested);
    }
    if pr.checks == Checks::Failure {
        blocked.push(Blocked::FailingChecks);
    }
    if pr.mergeable == Mergeable::Conflicting {
        blocked.push(Blocked::MergeConflict);
    }
    for dependency in &pr.dependencies {
        match dependency.open {
            Some(true) => blocked.push(Blocked::DependsOn(dependency.number)),
            None => blocked.push(Blocked::DependsOnUnknown(dependency.number)),
            Some(false) => {}
        }
    }
    if pr.draft {
        blocked.push(Blocked::Draft);
    }
    let updated = pr.updated_at.to_zoned(jiff::tz::TimeZone::UTC).date();
    let idle = (options.today - updated).get_days() as i64;
    let stale_days = (idle >= options.stale_days).then_some(idle);
    let section = if !blocked.is_empty() {
        Section::Blocked
    } else if stale_days.is_some() {
        Section::Stale
    } else if !changes.is_empty() || !standards {
        Section::Discuss
    } else {
        Section::Other
    };
    PullRequestAnalysis {
        number: pr.number,
        title: pr.title.clone(),
        url: pr.url.clone(),
        author: pr.author.clone(),
        new_errors: if standards { new_errors(pr, corpus, &options.settings) } else { Vec::new() },
        changes,
        blocked,
        idle_days: idle,
        stale_days,
        section,
    }
}

fn parse(path: &str, text: &str) -> Document {
    let file_name = path.rsplit('/').next().unwrap_or(path).to_owned();
    Document::parse(path.to_owned(), file_name, text.as_bytes().to_vec())
}

fn change(file: &crate::facts::ChangedFile, corpus: &Corpus) -> Option<DocumentChange> {
    if !scs_core::corpus::is_document_path(&file.path) {
        return None;
    }
    let head = file.head_text.as_deref().map(|t| parse(&file.path, t));
    let base = match &file.base_text {
        Some(text) => Some(parse(&file.path, text)),
        // Without the base text, the local version stands in for it.
        None if file.change != ChangeType::Added => corpus.by_path(&file.path).cloned(),
        None => None,
    };
    let name = head.as_ref().or(base.as_ref()).and_then(|d| d.name.as_ref().ok()).cloned();
    let transition = match (&name, file.change) {
        (Some(n), _) if n.id.kind == DocKind::Supplement => Transition::SupplementChange,
        (Some(n), ChangeType::Added)
            if n.id.version.number().is_some_and(|v| v > 1) && n.id.number != DocNumber::Unassigned =>
        {
            Transition::NewMajorVersion
        }
        (Some(_), ChangeType::Added) => Transition::NewProposal,
        _ => {
            let before = base.as_ref().and_then(Document::status);
            let after = head.as_ref().and_then(Document::status);
            match (before, after) {
                (Some(Status::Draft | Status::Proposal), Some(Status::Stable)) => Transition::Stabilization,
                (Some(b), Some(Status::Deprecated)) if b != Status::Deprecated => Transition::Deprecation,
                (Some(b), Some(Status::Rejected)) if b != Status::Rejected => Transition::Rejection,
                (Some(Status::Stable), _) => Transition::StableEdit,
                _ => Transition::Other,
            }
        }
    };
    let shown = head.as_ref().or(base.as_ref());
    let track = shown.and_then(Document::track);
    Some(DocumentChange {
        path: file.path.clone(),
        title: shown.and_then(|d| d.entry("title")).and_then(|e| e.value.as_str()).map(|t| t.trim().to_owned()),
        track: track.map(|t| t.to_string()),
        transition,
        decided_by: decided_by(track),
    })
}

/// Runs the rules on the repository with the pull request's versions of its documents laid
/// over it, and returns the errors in those documents that the repository does not have now.
fn new_errors(pr: &PullRequest, corpus: &Corpus, settings: &Settings) -> Vec<NewError> {
    let heads: Vec<Document> = pr
        .files
        .iter()
        .filter(|f| scs_core::corpus::is_document_path(&f.path) && !matches!(f.change, ChangeType::Removed))
        .filter_map(|f| f.head_text.as_deref().map(|t| parse(&f.path, t)))
        .collect();
    if heads.is_empty() {
        return Vec::new();
    }
    let removed: HashSet<&str> =
        pr.files.iter().filter(|f| f.change == ChangeType::Removed).map(|f| f.path.as_str()).collect();
    // A renamed document replaces the local file with the same id.
    let renamed_ids: HashSet<_> = pr
        .files
        .iter()
        .filter(|f| f.change == ChangeType::Renamed)
        .filter_map(|f| scs_core::DocId::parse(f.path.rsplit('/').next().unwrap_or_default()))
        .collect();
    let changed: std::collections::BTreeSet<String> = heads.iter().map(|d| d.path.clone()).collect();
    let mut documents: Vec<Document> = corpus
        .documents
        .iter()
        .filter(|d| !changed.contains(&d.path) && !removed.contains(d.path.as_str()))
        .filter(|d| !d.name.as_ref().is_ok_and(|n| renamed_ids.contains(&n.id)))
        .cloned()
        .collect();
    documents.extend(heads);
    let overlay = Corpus::from_documents(corpus.root.clone(), documents).with_scopes(corpus.scopes.clone());
    let before: HashSet<(String, &str, String)> = scs_rules::check_files(corpus, settings, Some(&changed))
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.path, d.rule, d.message))
        .collect();
    scs_rules::check_files(&overlay, settings, Some(&changed))
        .into_iter()
        .filter(|d| d.severity == Severity::Error && !before.contains(&(d.path.clone(), d.rule, d.message.clone())))
        .map(|d| NewError { path: d.path, rule: d.rule, message: d.message })
        .collect()
}

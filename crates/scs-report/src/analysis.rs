//! What each open pull request does to the standards (its steps in SCS-0001's process, per
//! document), who decides, who was asked to review and since when, what it waits for, which
//! new errors it would bring, and so where the meeting takes it up.

use std::collections::{BTreeMap, HashSet};

use jiff::Timestamp;
use jiff::civil::Date;
use scs_core::lifecycle::{self, Step};
use scs_core::{Corpus, DocId, Document};
use scs_rules::{Settings, Severity};
use serde::Serialize;

use crate::facts::{ChangeType, ChangedFile, Checks, Mergeable, PullRequest, ReviewDecision};

/// One document a pull request touches.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentChange {
    pub path: String,
    pub file_name: String,
    /// The file name before, when the pull request renames it.
    pub was: Option<String>,
    pub title: Option<String>,
    /// `type` as written (`Standard`, `Decision Record`, …).
    pub doc_type: Option<String>,
    pub track: Option<String>,
    /// Its steps in SCS-0001's process (`scs_core::lifecycle`).
    pub steps: Vec<Step>,
    /// Who decides (SCS-0001: the track's group).
    pub deciders: String,
    /// The pull request's version of it, when the forge gave a head commit.
    pub url: Option<String>,
}

impl DocumentChange {
    /// Whether the meeting decides it: a lifecycle step, an edit of a Stable document, or any
    /// change of a Global document (the Forum SCS-Standards approves before merge).
    pub fn needs_decision(&self) -> bool {
        self.steps.iter().any(Step::is_lifecycle)
            || (self.track.as_deref() == Some("Global") && self.steps.iter().any(|s| *s != Step::Template))
    }

    pub fn is_decision_record(&self) -> bool {
        self.doc_type.as_deref() == Some("Decision Record")
    }
}

/// What a pull request waits for before it can be merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Wait {
    /// Another pull request or issue its body names ("depends on #12"); `open` unknown when
    /// its state could not be read.
    PullRequest {
        number: u64,
        open: Option<bool>,
    },
    Draft,
    ChangesRequested {
        by: Vec<String>,
    },
    MergeConflict,
    FailingChecks,
    /// A label that means blocked (`report.blocking-labels`).
    Label {
        name: String,
    },
}

impl Wait {
    /// In words, for a cell.
    pub fn describe(&self) -> String {
        match self {
            Wait::PullRequest { number, open: Some(true) } => format!("#{number} (open)"),
            Wait::PullRequest { number, open: None } => format!("#{number} (state unknown)"),
            Wait::PullRequest { number, open: Some(false) } => format!("#{number} (closed)"),
            Wait::Draft => "draft".into(),
            Wait::ChangesRequested { by } if by.is_empty() => "changes requested".into(),
            Wait::ChangesRequested { by } => format!("changes requested by {}", by.join(", ")),
            Wait::MergeConflict => "merge conflict".into(),
            Wait::FailingChecks => "failing checks".into(),
            Wait::Label { name } => format!("label \"{name}\""),
        }
    }
}

/// A review requested and not yet given.
#[derive(Debug, Clone, Serialize)]
pub struct Requested {
    pub reviewer: String,
    pub team: bool,
    /// The UTC day it was requested, when the timeline shows it.
    pub since: Option<Date>,
    /// Days from then to the day of the report.
    pub days: Option<i64>,
}

/// An error the pull request's versions of its documents would bring into the repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewError {
    pub path: String,
    pub rule: &'static str,
    pub message: String,
}

/// Where the meeting takes a pull request up; every open pull request is in exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// A lifecycle step, an edit of a Stable document or a Global document: decided today,
    /// whatever else holds it.
    Decision,
    /// Nothing for the author to do: reviews are pending.
    WaitingOnReviewers,
    /// Draft, changes requested, conflict, failing checks, a blocking label or another
    /// pull request.
    WaitingOnAuthors,
    /// Waiting on its author, or on nobody (no review requested), and idle for
    /// `--stale-days` or longer.
    CandidateToClose,
    /// Approved, checks not failing, no conflict: someone can merge it.
    ReadyToMerge,
}

#[derive(Debug, Clone, Serialize)]
pub struct PullRequestAnalysis {
    pub number: u64,
    pub title: String,
    pub url: String,
    pub author: Option<String>,
    pub draft: bool,
    /// The UTC day it was opened.
    pub opened: Date,
    /// Days since it was opened.
    pub age_days: i64,
    /// Days since its last update.
    pub idle_days: i64,
    pub documents: Vec<DocumentChange>,
    /// Who approved (their latest review).
    pub approvals: Vec<String>,
    pub review_requests: Vec<Requested>,
    pub checks: Checks,
    pub mergeable: Mergeable,
    pub waits_for: Vec<Wait>,
    pub new_errors: Vec<NewError>,
    pub section: Section,
}

impl PullRequestAnalysis {
    /// Whether it touches a Decision Record.
    pub fn has_decision_record(&self) -> bool {
        self.documents.iter().any(DocumentChange::is_decision_record)
    }

    /// Days since the oldest pending review request, when known.
    pub fn oldest_request_days(&self) -> Option<i64> {
        self.review_requests.iter().filter_map(|r| r.days).max()
    }
}

/// What the analysis needs besides the facts.
#[derive(Debug, Clone)]
pub struct Options {
    pub today: Date,
    /// The first day of "since the last meeting".
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
    /// The level of the report's top heading (1–6); its sections go one and two deeper.
    pub heading_level: u8,
}

/// The days between meetings when `report.meeting-days` does not say.
pub const MEETING_DAYS: i64 = 7;

impl Options {
    pub fn new(today: Date) -> Self {
        Self {
            today,
            since: today.checked_sub(jiff::Span::new().days(MEETING_DAYS)).unwrap_or(today),
            stale_days: 14,
            blocking_labels: vec!["blocked".into(), "on hold".into(), "waiting".into()],
            only_labels: Vec::new(),
            only_paths: Vec::new(),
            settings: Settings::default(),
            heading_level: 1,
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

    fn days_since(&self, at: Timestamp) -> (Date, i64) {
        let day = at.to_zoned(jiff::tz::TimeZone::UTC).date();
        (day, (self.today - day).get_days() as i64)
    }
}

/// Analyses one pull request against the local repository `corpus`. In a repository without
/// `Standards/` (`standards` false) nothing is read as a document; `web` is the repository's
/// address for links to the pull request's versions of its documents.
pub fn analyse(
    pr: &PullRequest,
    corpus: &Corpus,
    options: &Options,
    standards: bool,
    web: Option<&str>,
) -> PullRequestAnalysis {
    let documents = if standards { documents(pr, corpus, web) } else { Vec::new() };
    let approvals: Vec<String> =
        pr.reviews.iter().filter(|r| r.state == "APPROVED").filter_map(|r| r.author.clone()).collect();
    let changes_by: Vec<String> =
        pr.reviews.iter().filter(|r| r.state == "CHANGES_REQUESTED").filter_map(|r| r.author.clone()).collect();
    let mut waits_for = Vec::new();
    for dependency in &pr.dependencies {
        if dependency.open != Some(false) {
            waits_for.push(Wait::PullRequest { number: dependency.number, open: dependency.open });
        }
    }
    if pr.draft {
        waits_for.push(Wait::Draft);
    }
    if pr.review_decision == Some(ReviewDecision::ChangesRequested) || !changes_by.is_empty() {
        waits_for.push(Wait::ChangesRequested { by: changes_by });
    }
    if pr.mergeable == Mergeable::Conflicting {
        waits_for.push(Wait::MergeConflict);
    }
    if pr.checks == Checks::Failure {
        waits_for.push(Wait::FailingChecks);
    }
    for label in &pr.labels {
        if options.blocking_labels.iter().any(|b| b.eq_ignore_ascii_case(label.trim())) {
            waits_for.push(Wait::Label { name: label.clone() });
        }
    }
    let review_requests: Vec<Requested> = pr
        .review_requests
        .iter()
        .map(|r| {
            let since = r.requested_at.map(|at| options.days_since(at));
            Requested {
                reviewer: r.reviewer.clone(),
                team: r.team,
                since: since.map(|s| s.0),
                days: since.map(|s| s.1),
            }
        })
        .collect();
    let (opened, age_days) = options.days_since(pr.created_at);
    let (_, idle_days) = options.days_since(pr.updated_at);
    let approved =
        pr.review_decision == Some(ReviewDecision::Approved) || (pr.review_decision.is_none() && !approvals.is_empty());
    let section = if documents.iter().any(DocumentChange::needs_decision) {
        Section::Decision
    } else if !waits_for.is_empty() {
        if idle_days >= options.stale_days { Section::CandidateToClose } else { Section::WaitingOnAuthors }
    } else if !review_requests.is_empty() {
        Section::WaitingOnReviewers
    } else if idle_days >= options.stale_days {
        // Nobody was asked to review and nothing moved: as good as abandoned.
        Section::CandidateToClose
    } else if !approved {
        Section::WaitingOnReviewers
    } else {
        Section::ReadyToMerge
    };
    PullRequestAnalysis {
        number: pr.number,
        title: pr.title.clone(),
        url: pr.url.clone(),
        author: pr.author.clone(),
        draft: pr.draft,
        opened,
        age_days,
        idle_days,
        new_errors: if standards { new_errors(pr, corpus, &options.settings) } else { Vec::new() },
        documents,
        approvals,
        review_requests,
        checks: pr.checks,
        mergeable: pr.mergeable,
        waits_for,
        section,
    }
}

fn parse(path: &str, text: &str) -> Document {
    let file_name = path.rsplit('/').next().unwrap_or(path).to_owned();
    Document::parse(path.to_owned(), file_name, text.as_bytes().to_vec())
}

/// The local document a renamed file came from: the proposal of a numbered name, or the
/// document with the same id (GitHub does not name a renamed file's old path).
fn renamed_from<'a>(corpus: &'a Corpus, path: &str) -> Option<&'a Document> {
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let proposal = scs_core::name::proposal_name(file_name)?;
    corpus
        .by_file_name(&proposal)
        .or_else(|| corpus.by_file_name(&proposal.replacen("xxxx", "XXXX", 1)))
        .or_else(|| corpus.by_id(DocId::numbered(file_name)?).find(|d| d.path != path))
}

/// The documents `pr` touches, each with its steps; a removal and an addition of the same
/// document are one change.
fn documents(pr: &PullRequest, corpus: &Corpus, web: Option<&str>) -> Vec<DocumentChange> {
    let mut changes: Vec<lifecycle::Change<Document>> = Vec::new();
    let mut renamed_without_origin: HashSet<String> = HashSet::new();
    for file in pr.files.iter().filter(|f| scs_core::corpus::is_document_path(&f.path)) {
        let after = match file.change {
            ChangeType::Removed => None,
            // Without the head text (not fetched), the step cannot be told: the local version
            // stands in, so that an edit is not taken for an addition.
            _ => {
                file.head_text.as_deref().map(|t| parse(&file.path, t)).or_else(|| corpus.by_path(&file.path).cloned())
            }
        };
        let before = before(file, corpus);
        if file.change == ChangeType::Renamed && before.is_none() {
            renamed_without_origin.insert(file.path.clone());
        }
        changes.push((before, after));
    }
    lifecycle::pair(changes)
        .into_iter()
        .filter_map(|(before, after)| {
            let mut steps = lifecycle::steps(before.as_ref(), after.as_ref());
            let shown = after.as_ref().or(before.as_ref())?;
            if renamed_without_origin.contains(&shown.path) {
                steps.insert(0, Step::Renamed { from: "a file GitHub does not name".into() });
            }
            let text = |key: &str| shown.scalar(key).filter(|s| !s.is_empty()).map(str::to_owned);
            let url = match (web, &after) {
                (Some(web), Some(_)) if !pr.head_oid.is_empty() => {
                    Some(format!("{web}/blob/{}/{}", pr.head_oid, shown.path))
                }
                _ => None,
            };
            Some(DocumentChange {
                path: shown.path.clone(),
                file_name: shown.file_name.clone(),
                was: before
                    .as_ref()
                    .filter(|b| after.as_ref().is_some_and(|a| a.file_name != b.file_name))
                    .map(|b| b.file_name.clone()),
                title: text("title"),
                doc_type: text("type"),
                track: text("track"),
                deciders: lifecycle::deciders(shown.scalar("track")).short,
                steps,
                url,
            })
        })
        .collect()
}

/// The version of `file` before the pull request: its base text, else the local version (of
/// the file, or for a rename the document it came from).
fn before(file: &ChangedFile, corpus: &Corpus) -> Option<Document> {
    match (&file.base_text, file.change) {
        (Some(text), _) => Some(parse(&file.path, text)),
        (None, ChangeType::Added | ChangeType::Copied) => None,
        (None, ChangeType::Renamed) => renamed_from(corpus, &file.path).cloned(),
        (None, _) => corpus.by_path(&file.path).cloned(),
    }
}

/// Two open pull requests that want the same document id, or one that wants an id the
/// default branch already has for another file.
#[derive(Debug, Clone, Serialize)]
pub struct NumberClash {
    pub id: String,
    pub pull_requests: Vec<u64>,
    /// The file of the default branch that has the id, if one does.
    pub existing: Option<String>,
}

/// The ids each pull request brings: documents whose id is new at the head (added, numbered,
/// renumbered); an edit keeps its id and wants none.
pub fn number_clashes(prs: &[PullRequestAnalysis], corpus: &Corpus) -> Vec<NumberClash> {
    // Per id: the pull request, the path it adds, the name it renames from.
    type Want<'a> = (u64, &'a str, Option<&'a str>);
    let mut wanted: BTreeMap<DocId, Vec<Want<'_>>> = BTreeMap::new();
    for pr in prs {
        for doc in &pr.documents {
            let Some(id) = DocId::numbered(&doc.file_name) else { continue };
            let kept = doc.was.as_deref().and_then(DocId::parse) == Some(id)
                || (doc.was.is_none() && corpus.by_path(&doc.path).is_some());
            let removed = doc.steps.contains(&Step::Removed);
            if !kept && !removed {
                wanted.entry(id).or_default().push((pr.number, &doc.path, doc.was.as_deref()));
            }
        }
    }
    let mut out = Vec::new();
    for (id, wants) in wanted {
        let mut numbers: Vec<u64> = wants.iter().map(|w| w.0).collect();
        numbers.sort_unstable();
        numbers.dedup();
        // The default branch's file with the id, unless a pull request wanting it is the one
        // that moves it away (a rename keeps its own id).
        let existing = corpus
            .by_id(id)
            .find(|d| !wants.iter().any(|(_, path, was)| *path == d.path || *was == Some(d.file_name.as_str())))
            .map(|d| d.file_name.clone());
        if numbers.len() > 1 || existing.is_some() {
            out.push(NumberClash { id: id.to_string(), pull_requests: numbers, existing });
        }
    }
    out
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
    // A renamed document replaces the local file it came from.
    let renamed: HashSet<String> = pr
        .files
        .iter()
        .filter(|f| f.change == ChangeType::Renamed)
        .filter_map(|f| renamed_from(corpus, &f.path).map(|d| d.path.clone()))
        .collect();
    let changed: std::collections::BTreeSet<String> = heads.iter().map(|d| d.path.clone()).collect();
    let mut documents: Vec<Document> = corpus
        .documents
        .iter()
        .filter(|d| !changed.contains(&d.path) && !removed.contains(d.path.as_str()) && !renamed.contains(&d.path))
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

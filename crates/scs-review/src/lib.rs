//! `scs review`: what a branch does to the documents of `Standards/`, for the reviewer of one
//! pull request. Pure: the documents at the base and at the head (two corpora) in, a
//! [`Review`] out, rendered as Markdown or JSON. Reading git is the caller's.
//!
//! For each document the branch adds, changes or removes: its steps in SCS-0001's process
//! (`scs_core::lifecycle`, the model `scs report` and the history rules share), who decides,
//! what SCS-0001 requires for those steps, the findings the branch introduces and those it
//! fixes, and for a document that was Stable every changed sentence, list item and table row.

mod markdown;

use std::collections::BTreeMap;

use scs_core::lifecycle::{self, Step};
use scs_core::normative::{self, TextChanges};
use scs_core::{Corpus, Document, Status};
use scs_rules::{Diagnostic, Settings};
use serde::Serialize;

/// What the branch does, document by document.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The reference compared with (as the user named it).
    pub base: String,
    /// The day of the review (`YYYY-MM-DD`): lifecycle dates are judged against it.
    pub today: String,
    pub documents: Vec<DocumentReview>,
}

/// One document the branch touches.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReview {
    /// The file name at the head (at the base, for a removed document).
    pub file_name: String,
    /// The file name at the base, when it differs (a proposal numbered, a slug changed).
    pub was: Option<String>,
    pub title: String,
    /// `type` as written.
    pub doc_type: Option<String>,
    pub track: Option<String>,
    /// Its steps in SCS-0001's process, in the order name, status, metadata, text.
    pub steps: Vec<Step>,
    /// Who decides, in SCS-0001's words.
    pub deciders: String,
    /// What SCS-0001 requires for these steps before merge.
    pub checklist: Vec<String>,
    /// Lifecycle dates that SCS-0001's words put in question (a deprecation not announced
    /// ahead, a stabilization dated back).
    pub notes: Vec<String>,
    /// Findings at the head that the base did not have (rule and message).
    pub introduced: Vec<Finding>,
    /// Findings of the base that the head no longer has.
    pub fixed: Vec<Finding>,
    /// For a document that was Stable at the base: every changed sentence, list item and table
    /// row of its text.
    pub text_changes: Option<TextChanges>,
}

/// A finding, as a reviewer reads it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    pub rule: String,
    pub message: String,
}

impl Review {
    /// Compares `head` (the working tree) with `base` (the documents at `base_name`) on `today`.
    pub fn of(base_name: &str, base: &Corpus, head: &Corpus, settings: &Settings, today: &str) -> Self {
        let base_findings = by_path(scs_rules::check(base, settings));
        let head_findings = by_path(scs_rules::check(head, settings));
        let mut changes: Vec<lifecycle::Change<&Document>> = Vec::new();
        for doc in &head.documents {
            match base.by_file_name(&doc.file_name) {
                Some(before) if before.text == doc.text => {}
                before => changes.push((before, Some(doc))),
            }
        }
        for doc in base.documents.iter().filter(|d| head.by_file_name(&d.file_name).is_none()) {
            changes.push((Some(doc), None));
        }
        let mut documents: Vec<DocumentReview> = lifecycle::pair(changes)
            .into_iter()
            .filter_map(|(before, after)| {
                let shown = after.or(before)?;
                let steps = lifecycle::steps(before, after);
                let (introduced, fixed) = compare(
                    before.and_then(|b| base_findings.get(&b.path)),
                    after.and_then(|a| head_findings.get(&a.path)),
                );
                let text_changes = match (before, after) {
                    (Some(b), Some(a)) if b.status() == Some(Status::Stable) => Some(normative::changes(b, a)),
                    _ => None,
                };
                Some(DocumentReview {
                    file_name: shown.file_name.clone(),
                    was: before
                        .filter(|b| after.is_some_and(|a| a.file_name != b.file_name))
                        .map(|b| b.file_name.clone()),
                    title: shown.scalar("title").filter(|t| !t.is_empty()).unwrap_or(&shown.file_name).to_owned(),
                    doc_type: shown.scalar("type").map(str::to_owned),
                    track: shown.scalar("track").map(str::to_owned),
                    deciders: lifecycle::deciders(shown.scalar("track")).words,
                    checklist: checklist(&steps, shown),
                    notes: notes(&steps, today),
                    steps,
                    introduced,
                    fixed,
                    text_changes,
                })
            })
            .collect();
        documents.sort_by(|a, b| a.file_name.cmp(&b.file_name));
        Review { base: base_name.to_owned(), today: today.to_owned(), documents }
    }

    /// The review as Markdown, for a pull request's job summary.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }
}

/// SCS-0001's requirements for every step, each once.
fn checklist(steps: &[Step], doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for step in steps {
        for requirement in step.requirements(doc.doc_type(), doc.track()) {
            if !out.iter().any(|r| r == requirement) {
                out.push(requirement.to_owned());
            }
        }
    }
    out
}

/// A deprecation dated on or before the day of the review was not "announced ahead of its
/// execution"; a stabilization dated back makes the document Stable for days nobody could
/// implement against it. Both are facts for the reviewer, not findings.
fn notes(steps: &[Step], today: &str) -> Vec<String> {
    let mut out = Vec::new();
    for step in steps {
        match step {
            Step::Deprecated { deprecated_at: Some(date), .. } if date.as_str() <= today => out.push(format!(
                "`deprecated_at` is {date}, not after {today}: SCS-0001 says \"Deprecations SHOULD be announced ahead of their execution by setting the `deprecated_at` field to a future date\""
            )),
            Step::Stabilized { stabilized_at: Some(date) } if date.as_str() < today => out.push(format!(
                "`stabilized_at` is {date}, before {today}: SCS-0001 sets it to \"a date after which the document is to be considered stable\"; a past date makes the document Stable retroactively, not announced ahead"
            )),
            _ => {}
        }
    }
    out
}

fn by_path(findings: Vec<Diagnostic>) -> BTreeMap<String, Vec<Finding>> {
    let mut out: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for d in findings {
        out.entry(d.path).or_default().push(Finding { rule: d.rule.to_owned(), message: d.message });
    }
    out
}

/// Findings of `head` not in `base` and of `base` not in `head`, counted (a finding twice at
/// the head and once at the base is introduced once).
fn compare(base: Option<&Vec<Finding>>, head: Option<&Vec<Finding>>) -> (Vec<Finding>, Vec<Finding>) {
    let (mut base, mut head) = (base.cloned().unwrap_or_default(), head.cloned().unwrap_or_default());
    base.sort();
    head.sort();
    let minus = |a: &[Finding], b: &[Finding]| {
        let mut left = b.to_vec();
        let mut out = Vec::new();
        for f in a {
            match left.iter().position(|x| x == f) {
                Some(i) => {
                    left.remove(i);
                }
                None => out.push(f.clone()),
            }
        }
        out
    };
    (minus(&head, &base), minus(&base, &head))
}

//! `scs review`: what a branch does to the documents of `Standards/`, for the reviewer of one
//! pull request. Pure: the documents at the base and at the head (two corpora) in, a
//! [`Review`] out, rendered as Markdown or JSON. Reading git is the caller's.
//!
//! For each document the branch adds, changes or removes: the lifecycle transition, who
//! decides (SCS-0001, "Procedure": the track's team; Global: the community, and a
//! representative of the Forum SCS-Standards must approve before merge), the checklist
//! SCS-0001 attaches to that step, the findings the branch introduces and those it fixes, and
//! for an edit of a Stable document the normative sentences (RFC 2119 keywords) added and
//! removed.

mod checklist;
mod markdown;
mod normative;
mod transition;

use std::collections::BTreeMap;

use scs_core::{Corpus, Document};
use scs_rules::{Diagnostic, Settings};
use serde::Serialize;

pub use transition::Transition;

/// What the branch does, document by document.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The reference compared with (as the user named it).
    pub base: String,
    pub documents: Vec<DocumentReview>,
}

/// One document the branch touches.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReview {
    /// The file name at the head (at the base, for a removed document).
    pub file_name: String,
    /// The file name at the base, when it differs (a proposal numbered).
    pub was: Option<String>,
    pub title: String,
    pub track: Option<String>,
    pub transition: Transition,
    /// Who decides, in SCS-0001's words.
    pub deciders: String,
    /// What SCS-0001 asks of this step before merge.
    pub checklist: Vec<String>,
    /// Findings at the head that the base did not have (rule and message).
    pub introduced: Vec<Finding>,
    /// Findings of the base that the head no longer has.
    pub fixed: Vec<Finding>,
    /// For a document Stable at the base and still at the head: normative sentences.
    pub normative: Option<normative::NormativeChanges>,
}

/// A finding, as a reviewer reads it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    pub rule: String,
    pub message: String,
}

impl Review {
    /// Compares `head` (the working tree) with `base` (the documents at `base_name`).
    pub fn of(base_name: &str, base: &Corpus, head: &Corpus, settings: &Settings) -> Self {
        let base_findings = by_path(scs_rules::check(base, settings));
        let head_findings = by_path(scs_rules::check(head, settings));
        let mut documents = Vec::new();
        let mut matched_base: Vec<&str> = Vec::new();
        for doc in &head.documents {
            let before = base.by_file_name(&doc.file_name).or_else(|| numbered_from(base, head, doc));
            if let Some(before) = before {
                matched_base.push(&before.file_name);
                if before.text == doc.text && before.file_name == doc.file_name {
                    continue;
                }
            }
            let transition = Transition::of(before, Some(doc));
            let (introduced, fixed) =
                compare(before.and_then(|b| base_findings.get(&b.path)), head_findings.get(&doc.path));
            let normative = before
                .filter(|b| transition::status(b) == Some("Stable") && transition::status(doc) == Some("Stable"))
                .map(|b| normative::changes(b, doc));
            documents.push(review(
                doc,
                before.filter(|b| b.file_name != doc.file_name),
                transition,
                introduced,
                fixed,
                normative,
            ));
        }
        for doc in base.documents.iter().filter(|d| !matched_base.contains(&d.file_name.as_str())) {
            let transition = Transition::of(Some(doc), None);
            let (_, fixed) = compare(base_findings.get(&doc.path), None);
            documents.push(review(doc, None, transition, Vec::new(), fixed, None));
        }
        Review { base: base_name.to_owned(), documents }
    }

    /// The review as Markdown, for a pull request's job summary.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }
}

fn review(
    doc: &Document,
    was: Option<&Document>,
    transition: Transition,
    introduced: Vec<Finding>,
    fixed: Vec<Finding>,
    normative: Option<normative::NormativeChanges>,
) -> DocumentReview {
    let text = |key: &str| doc.entry(key).and_then(|e| e.value.as_str()).map(|s| s.trim().to_owned());
    let track = text("track");
    DocumentReview {
        file_name: doc.file_name.clone(),
        was: was.map(|w| w.file_name.clone()),
        title: text("title").unwrap_or_else(|| doc.file_name.clone()),
        deciders: checklist::deciders(track.as_deref()),
        checklist: checklist::of(&transition, text("type").as_deref(), track.as_deref()),
        track,
        transition,
        introduced,
        fixed,
        normative,
    }
}

/// A numbered document whose proposal (`scs-xxxx-vN-slug.md`, same version and slug) the
/// base has and the head no longer has: SCS-0001's numbering before merge.
fn numbered_from<'a>(base: &'a Corpus, head: &Corpus, doc: &Document) -> Option<&'a Document> {
    let rest = doc.file_name.strip_prefix("scs-")?.split_once('-')?.1;
    let proposal = format!("scs-xxxx-{rest}");
    (proposal != doc.file_name && head.by_file_name(&proposal).is_none())
        .then(|| base.by_file_name(&proposal))
        .flatten()
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

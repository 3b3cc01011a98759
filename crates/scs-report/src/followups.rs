//! Follow-ups the repository itself shows, without asking GitHub: deprecations that are due,
//! deprecations about to take effect, and drafts that replace something no longer in effect.

use jiff::ToSpan;
use jiff::civil::Date;
use scs_core::{Corpus, Document, Status};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FollowUp {
    /// A Stable document replaced by a Stable successor, not yet deprecated.
    DeprecationDue { document: String, successor: String },
    /// A deprecation that takes effect within the next 90 days.
    DeprecationSoon { document: String, date: String },
    /// A draft whose `replaces` names a document that is not Stable any more.
    DraftReplacesRetired { document: String, target: String, status: String },
    /// A document of the repository whose proposal pull request was closed without merge.
    ProposalClosed { document: String, pull_request: u64 },
}

impl FollowUp {
    pub fn describe(&self) -> String {
        match self {
            FollowUp::DeprecationDue { document, successor } => {
                format!("{document} is still Stable although its successor {successor} is Stable: deprecate it")
            }
            FollowUp::DeprecationSoon { document, date } => format!("{document} is deprecated from {date}"),
            FollowUp::DraftReplacesRetired { document, target, status } => {
                format!("the draft {document} replaces {target}, which is {status}")
            }
            FollowUp::ProposalClosed { document, pull_request } => {
                format!("the proposal pull request #{pull_request} of {document} was closed without merge")
            }
        }
    }
}

fn date(doc: &Document, key: &str) -> Option<Date> {
    doc.entry(key)?.value.as_str()?.trim().parse().ok()
}

fn id(doc: &Document) -> String {
    doc.name.as_ref().map_or_else(|_| doc.file_name.clone(), |n| n.id.to_string())
}

fn replaced<'a>(corpus: &'a Corpus, doc: &Document) -> Vec<&'a Document> {
    let Some(entry) = doc.entry("replaces") else { return Vec::new() };
    let names: Vec<String> = match &entry.value.kind {
        scs_core::ValueKind::Sequence(items) => {
            items.iter().filter_map(|i| i.as_str()).map(|s| s.trim().to_owned()).collect()
        }
        _ => entry.value.as_str().map(|s| vec![s.trim().to_owned()]).unwrap_or_default(),
    };
    names.iter().filter_map(|n| corpus.by_file_name(n)).filter(|d| d.path != doc.path).collect()
}

/// Documents of `corpus` that a closed, unmerged pull request proposed, and that no merged
/// pull request among `closed` brought instead (a proposal superseded by another pull
/// request is no follow-up).
pub fn closed_proposals(corpus: &Corpus, closed: &[crate::facts::ClosedPullRequest]) -> Vec<FollowUp> {
    let mut out = Vec::new();
    for pr in closed.iter().filter(|p| !p.merged) {
        for path in &pr.added {
            let brought = closed.iter().any(|other| other.merged && other.added.iter().any(|a| a == path));
            if let Some(doc) = corpus.by_path(path).filter(|_| !brought) {
                out.push(FollowUp::ProposalClosed { document: id(doc), pull_request: pr.number });
            }
        }
    }
    out
}

/// The follow-ups of `corpus` as of `today`.
pub fn follow_ups(corpus: &Corpus, today: Date) -> Vec<FollowUp> {
    let mut out = Vec::new();
    let horizon = today.checked_add(90.days()).unwrap_or(today);
    for doc in &corpus.documents {
        match doc.status() {
            Some(Status::Stable) => {
                for old in replaced(corpus, doc).into_iter().filter(|o| o.status() == Some(Status::Stable)) {
                    out.push(FollowUp::DeprecationDue { document: id(old), successor: id(doc) });
                }
            }
            Some(Status::Deprecated) => {
                if let Some(at) = date(doc, "deprecated_at").filter(|d| *d > today && *d <= horizon) {
                    out.push(FollowUp::DeprecationSoon { document: id(doc), date: at.to_string() });
                }
            }
            Some(Status::Draft | Status::Proposal) => {
                for target in replaced(corpus, doc) {
                    // "No longer Stable": the target went on to be deprecated or rejected.
                    if let Some(status) = target.status().filter(|s| matches!(s, Status::Deprecated | Status::Rejected))
                    {
                        out.push(FollowUp::DraftReplacesRetired {
                            document: id(doc),
                            target: id(target),
                            status: status.to_string(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|f| f.describe());
    out
}

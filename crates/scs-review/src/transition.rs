//! The lifecycle step a branch makes with one document (SCS-0001, "Procedure" and the phases).

use scs_core::Document;
use serde::Serialize;

/// What happened to a document between the base and the head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Transition {
    /// A new proposal `scs-xxxx-…` enters in `status`.
    Proposed { status: Option<String> },
    /// A new document that already has its number.
    Added { status: Option<String> },
    /// A new major version of a number, replacing the documents in `replaces`.
    NewMajorVersion { replaces: Vec<String> },
    /// A new supplement.
    NewSupplement,
    /// The proposal got its number (`scs-xxxx-…` renamed).
    Numbered,
    /// Draft → Stable.
    Stabilized { stabilized_at: Option<String> },
    /// → Deprecated, with the replacements named.
    Deprecated { deprecated_at: Option<String>, replaced_by: Vec<String> },
    /// → Rejected.
    Rejected { replaced_by: Vec<String> },
    /// Any other change of `status`.
    StatusChanged { from: Option<String>, to: Option<String> },
    /// The text changed, the status did not.
    Edited { status: Option<String> },
    /// The document was removed.
    Removed,
}

/// The `status` of a document, trimmed; `Proposal` is SCS-0001's old name for Draft.
pub(crate) fn status(doc: &Document) -> Option<&str> {
    let status = doc.entry("status").and_then(|e| e.value.as_str()).map(str::trim)?;
    Some(if status == "Proposal" { "Draft" } else { status })
}

fn text(doc: &Document, key: &str) -> Option<String> {
    doc.entry(key).and_then(|e| e.value.as_str()).map(|s| s.trim().to_owned())
}

fn list(doc: &Document, key: &str) -> Vec<String> {
    doc.entry(key).map(|e| e.value.items().into_iter().map(|(s, _)| s.to_owned()).collect()).unwrap_or_default()
}

impl Transition {
    /// The step from `before` (at the base; `None`: new) to `after` (at the head; `None`: removed).
    pub fn of(before: Option<&Document>, after: Option<&Document>) -> Self {
        let Some(after) = after else { return Transition::Removed };
        let Some(before) = before else {
            if text(after, "type").as_deref() == Some("Supplement") || after.entry("supplements").is_some() {
                return Transition::NewSupplement;
            }
            let replaces = list(after, "replaces");
            if !replaces.is_empty() {
                return Transition::NewMajorVersion { replaces };
            }
            let status = status(after).map(str::to_owned);
            return if after.file_name.starts_with("scs-xxxx-") {
                Transition::Proposed { status }
            } else {
                Transition::Added { status }
            };
        };
        match (status(before), status(after)) {
            (from, to) if from == to => {
                if before.file_name != after.file_name {
                    Transition::Numbered
                } else {
                    Transition::Edited { status: to.map(str::to_owned) }
                }
            }
            (_, Some("Stable")) => Transition::Stabilized { stabilized_at: text(after, "stabilized_at") },
            (_, Some("Deprecated")) => Transition::Deprecated {
                deprecated_at: text(after, "deprecated_at"),
                replaced_by: list(after, "replaced_by"),
            },
            (_, Some("Rejected")) => Transition::Rejected { replaced_by: list(after, "replaced_by") },
            (from, to) => Transition::StatusChanged { from: from.map(str::to_owned), to: to.map(str::to_owned) },
        }
    }

    /// In words, for the heading of its section.
    pub fn describe(&self) -> String {
        let names = |l: &[String]| l.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        match self {
            Transition::Proposed { status } => {
                format!("new proposal ({})", status.as_deref().unwrap_or("no status"))
            }
            Transition::Added { status } => {
                format!("new document, already numbered ({})", status.as_deref().unwrap_or("no status"))
            }
            Transition::NewMajorVersion { replaces } => format!("new major version, replacing {}", names(replaces)),
            Transition::NewSupplement => "new supplement".into(),
            Transition::Numbered => "numbered (the proposal got its number)".into(),
            Transition::Stabilized { stabilized_at } => {
                format!("stabilized (Draft → Stable, from {})", stabilized_at.as_deref().unwrap_or("no date"))
            }
            Transition::Deprecated { deprecated_at, replaced_by } => {
                let by = if replaced_by.is_empty() {
                    "no replacement named".into()
                } else {
                    format!("replaced by {}", names(replaced_by))
                };
                format!("deprecated (from {}, {by})", deprecated_at.as_deref().unwrap_or("no date"))
            }
            Transition::Rejected { replaced_by } if replaced_by.is_empty() => "rejected".into(),
            Transition::Rejected { replaced_by } => format!("rejected (replaced by {})", names(replaced_by)),
            Transition::StatusChanged { from, to } => {
                format!("status {} → {}", from.as_deref().unwrap_or("none"), to.as_deref().unwrap_or("none"))
            }
            Transition::Edited { status: Some(status) } => format!("edited ({status})"),
            Transition::Edited { status: None } => "edited".into(),
            Transition::Removed => "removed".into(),
        }
    }
}

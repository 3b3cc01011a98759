//! The lifecycle steps of SCS-0001 ("Process"): Draft → Stable → Deprecated, Draft → Rejected.
//! Steps SCS-0001 does not have are refused with the reason.

use jiff::civil::Date;
use scs_core::{Corpus, DocKind, Document, Status};

use crate::plan::{Edits, Plan};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AuthorError {
    #[error("{document} cannot become {to}: {why}")]
    Refused { document: String, to: &'static str, why: String },
    #[error("there is no document `{0}` in this repository")]
    NoDocument(String),
    #[error("{0} has parse problems; fix them first (`scs check`)")]
    Unparsed(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{document}: {error}")]
    Edit { document: String, error: scs_core::edit::EditError },
}

fn name(doc: &Document) -> String {
    doc.name.as_ref().map_or_else(|_| doc.file_name.clone(), |n| n.id.to_string())
}

fn refuse(doc: &Document, to: &'static str, why: impl Into<String>) -> AuthorError {
    AuthorError::Refused { document: name(doc), to, why: why.into() }
}

fn usable(doc: &Document) -> Result<(), AuthorError> {
    if doc.problems.is_empty() && doc.front_matter.is_some() {
        Ok(())
    } else {
        Err(AuthorError::Unparsed(doc.file_name.clone()))
    }
}

fn is_supplement(doc: &Document) -> bool {
    doc.name.as_ref().is_ok_and(|n| n.id.kind == DocKind::Supplement)
}

/// The documents `doc` names in `key` that exist in the repository.
pub fn referenced<'a>(corpus: &'a Corpus, doc: &Document, key: &str) -> Vec<&'a Document> {
    let Some(entry) = doc.entry(key) else { return Vec::new() };
    let names: Vec<&str> = match &entry.value.kind {
        scs_core::ValueKind::Sequence(items) => items.iter().filter_map(|i| i.as_str()).map(str::trim).collect(),
        _ => entry.value.as_str().map(str::trim).into_iter().collect(),
    };
    names.into_iter().filter_map(|n| corpus.by_file_name(n)).filter(|d| d.path != doc.path).collect()
}

/// Draft → Stable, with `stabilized_at`. With `deprecate_replaced`, the Stable documents it
/// replaces are deprecated on the same date, naming it in `replaced_by`.
pub fn stabilize(corpus: &Corpus, doc: &Document, date: Date, deprecate_replaced: bool) -> Result<Plan, AuthorError> {
    usable(doc)?;
    if is_supplement(doc) {
        return Err(refuse(doc, "Stable", "supplements have no lifecycle (SCS-0001: they stay informative drafts)"));
    }
    if doc.name.as_ref().is_ok_and(|n| n.is_proposal()) {
        return Err(refuse(doc, "Stable", "a proposal gets its number first (`scs number`)"));
    }
    match doc.status() {
        Some(Status::Draft | Status::Proposal) => {}
        Some(Status::Stable) => return Err(refuse(doc, "Stable", "it is Stable already")),
        Some(Status::Deprecated) => {
            return Err(refuse(doc, "Stable", "a Deprecated document does not return; write a new major version"));
        }
        Some(Status::Rejected) => return Err(refuse(doc, "Stable", "Rejected → Stable is not a step of SCS-0001")),
        None => return Err(refuse(doc, "Stable", "it has no valid status")),
    }
    let mut edits = Edits::new();
    let editor = edits.of(doc);
    editor.set("status", "Stable");
    editor.set("stabilized_at", &date.to_string());
    if deprecate_replaced {
        for old in referenced(corpus, doc, "replaces").into_iter().filter(|o| o.status() == Some(Status::Stable)) {
            usable(old)?;
            let e = edits.of(old);
            e.set("status", "Deprecated");
            e.set("deprecated_at", &date.to_string());
            e.add_to_list("replaced_by", &doc.file_name);
        }
    }
    edits.into_plan()
}

/// Stable → Deprecated from `date`, naming the replacements, which must be Stable; their
/// `replaces` is completed so that both ends agree.
pub fn deprecate(corpus: &Corpus, doc: &Document, date: Date, replaced_by: &[&Document]) -> Result<Plan, AuthorError> {
    usable(doc)?;
    match doc.status() {
        Some(Status::Stable) => {}
        Some(Status::Draft | Status::Proposal) => {
            return Err(refuse(doc, "Deprecated", "a Draft was never in effect; reject it instead (`scs reject`)"));
        }
        Some(Status::Deprecated) => return Err(refuse(doc, "Deprecated", "it is Deprecated already")),
        Some(Status::Rejected) => {
            return Err(refuse(doc, "Deprecated", "Rejected → Deprecated is not a step of SCS-0001"));
        }
        None => return Err(refuse(doc, "Deprecated", "it has no valid status")),
    }
    let mut edits = Edits::new();
    for new in replaced_by {
        usable(new)?;
        if new.status() != Some(Status::Stable) {
            return Err(refuse(
                doc,
                "Deprecated",
                format!(
                    "its replacement {} is not Stable yet (SCS-0001: deprecation follows stabilization)",
                    name(new)
                ),
            ));
        }
        edits.of(new).add_to_list("replaces", &doc.file_name);
    }
    let e = edits.of(doc);
    e.set("status", "Deprecated");
    e.set("deprecated_at", &date.to_string());
    for new in replaced_by {
        e.add_to_list("replaced_by", &new.file_name);
    }
    let _ = corpus;
    edits.into_plan()
}

/// Draft → Rejected on `date`.
pub fn reject(doc: &Document, date: Date) -> Result<Plan, AuthorError> {
    usable(doc)?;
    if is_supplement(doc) {
        return Err(refuse(doc, "Rejected", "supplements have no lifecycle"));
    }
    match doc.status() {
        Some(Status::Draft | Status::Proposal) => {}
        Some(status) => {
            return Err(refuse(
                doc,
                "Rejected",
                format!("{status} → Rejected is not a step of SCS-0001 (only a Draft is rejected)"),
            ));
        }
        None => return Err(refuse(doc, "Rejected", "it has no valid status")),
    }
    let mut edits = Edits::new();
    let e = edits.of(doc);
    e.set("status", "Rejected");
    e.set("rejected_at", &date.to_string());
    edits.into_plan()
}

//! The registry: every rule `scs` knows, in the order `scs rules` lists them.

use crate::rule::{CorpusRule, DocumentRule, RuleMeta};

pub mod date;
pub mod doc_type;
pub mod duplicate_id;
pub mod duplicate_stable;
pub mod file_name;
pub mod lifecycle_dates;
pub mod obsolete_status;
pub mod parse;
pub mod replaced_by_status;
pub mod replaces_list;
pub mod replaces_required;
pub mod status;
pub mod supplement_status;
pub mod supplement_type;
pub mod supplements_list;
pub mod track;
pub mod unknown_document;

/// Rules that look at one document at a time.
pub static DOCUMENT_RULES: &[&dyn DocumentRule] = &[
    &parse::UnreadableFile,
    &parse::InvalidUtf8,
    &parse::EmptyFile,
    &parse::FrontMatterMissing,
    &parse::FrontMatterUnclosed,
    &parse::InvalidYaml,
    &file_name::FileName,
    &doc_type::InvalidType,
    &status::InvalidStatus,
    &obsolete_status::ObsoleteStatus,
    &track::InvalidTrack,
    &date::InvalidDate,
    &lifecycle_dates::MissingLifecycleDate,
    &replaced_by_status::ReplacedByForbidden,
    &replaces_required::MissingReplaces,
    &replaces_list::ReplacesNotList,
    &unknown_document::UnknownDocument,
    &supplement_type::SupplementType,
    &supplement_status::SupplementStatus,
    &supplements_list::SupplementsNotList,
];

/// Rules that look at the relations between documents.
pub static CORPUS_RULES: &[&dyn CorpusRule] = &[&duplicate_id::DuplicateId, &duplicate_stable::DuplicateStable];

/// Every rule's metadata, documents rules first.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    DOCUMENT_RULES.iter().map(|r| r.meta()).chain(CORPUS_RULES.iter().map(|r| r.meta()))
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.id == id)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for meta in all() {
            assert!(seen.insert(meta.id), "duplicate rule id {}", meta.id);
            assert!(meta.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", meta.id);
            assert!(!meta.summary.ends_with('.'), "{}: summaries are one line without a full stop", meta.id);
            assert!(meta.explanation.contains("Fails") && meta.explanation.contains("Passes"), "{}", meta.id);
        }
        assert!(find("file-name").is_some());
        assert!(find("no-such-rule").is_none());
    }
}

//! The registry: every rule `scs` knows, in the order `scs rules` lists them.

use crate::rule::{CorpusRule, DocumentRule, HistoryRule, Rule, RuleMeta, ScopeRule};

pub mod broken_anchor;
pub mod broken_link;
pub mod date;
pub mod date_consistency;
pub mod deprecated_link;
pub mod doc_type;
pub mod duplicate_id;
pub mod duplicate_stable;
pub mod file_name;
pub mod follow_up;
pub mod history;
pub mod keys;
pub mod lifecycle_dates;
pub mod link_text;
pub mod obsolete_status;
pub mod parse;
pub mod proposal;
pub mod replaced_by_status;
pub mod replaced_by_target;
pub mod replacement_symmetry;
pub mod replaces_cycle;
pub mod replaces_list;
pub mod replaces_required;
pub mod scope_refs;
pub mod scope_schema;
pub mod scope_stability;
pub mod scope_timeline;
pub mod scope_url;
pub mod sections;
pub mod slug;
pub mod status;
pub mod supplement_status;
pub mod supplement_target;
pub mod supplement_type;
pub mod supplements_list;
pub mod suppression;
pub mod title;
pub mod track;
pub mod track_number;
pub mod unknown_document;
pub mod value_type;
pub mod versions;

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
    // SCS-0001 beyond chk_adrs.py
    &slug::SlugFormat,
    &slug::SlugStyle,
    &track_number::TrackNumber,
    &proposal::ProposalVersion,
    &keys::UnknownKey,
    &keys::LegacyKey,
    &title::MissingTitle,
    &value_type::ValueType,
    &value_type::ReferenceNotList,
    &date_consistency::DateOrder,
    &date_consistency::DateStatusMismatch,
    &supplement_target::SupplementTarget,
    &versions::VersionGap,
    &versions::ReplacesOlderVersion,
    &replaced_by_target::ReplacedByTarget,
    &sections::MissingSection,
    &broken_link::BrokenLink,
    &broken_anchor::BrokenAnchor,
    &link_text::LinkTextMismatch,
    &deprecated_link::LinkToDeprecated,
];

/// Rules that look at the relations between documents.
pub static CORPUS_RULES: &[&dyn CorpusRule] = &[
    &duplicate_id::DuplicateId,
    &duplicate_stable::DuplicateStable,
    &replacement_symmetry::ReplacementAsymmetry,
    &follow_up::DeprecationFollowUp,
    &replaces_cycle::ReplacesCycle,
];

/// Rules that look at one certificate-scope file at a time.
pub static SCOPE_RULES: &[&dyn ScopeRule] = &[
    &parse::UnreadableFile,
    &parse::InvalidUtf8,
    &parse::EmptyFile,
    &parse::InvalidYaml,
    &scope_schema::ScopeSchema,
    &scope_refs::ScopeUnknownModule,
    &scope_refs::ScopeUnknownTestcase,
    &scope_url::ScopeBrokenUrl,
    &scope_timeline::ScopeTimeline,
    &scope_timeline::ScopeTimelineOrder,
    &scope_stability::ScopeUnstableModule,
];

/// Rules about the past of the documents (`scs check --history`, `--base REF`).
pub static HISTORY_RULES: &[&dyn HistoryRule] = &[
    &history::renamed::SlugChanged,
    &history::renamed::NumberChanged,
    &history::deleted::DocumentDeleted,
    &history::lifecycle::LifecycleReversed,
    &history::transition::LifecycleTransition,
    &history::stabilized_at::StabilizedAtDropped,
    &history::stabilized_at::StabilizedAtChanged,
    &history::stable_edited::StableEdited,
    &history::new_document::NewDocumentNumbered,
];

/// Rules applied by the engine itself, after the checks.
static ENGINE_RULES: &[&dyn Rule] = &[&suppression::InvalidSuppression, &suppression::UnusedSuppression];

/// Every rule's metadata, once each, documents rules first.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    let mut seen = std::collections::HashSet::new();
    DOCUMENT_RULES
        .iter()
        .map(|r| r.meta())
        .chain(SCOPE_RULES.iter().map(|r| r.meta()))
        .chain(CORPUS_RULES.iter().map(|r| r.meta()))
        .chain(HISTORY_RULES.iter().map(|r| r.meta()))
        .chain(ENGINE_RULES.iter().map(|r| r.meta()))
        .filter(move |m| seen.insert(m.id))
}

/// Named sets of rules for `--select` and `--ignore`.
pub static GROUPS: &[(&str, &str, &[&str])] = &[
    (
        "chk-adrs",
        "the checks of SCS's own Tests/chk_adrs.py",
        &[
            "unreadable-file",
            "invalid-utf8",
            "empty-file",
            "front-matter-missing",
            "front-matter-unclosed",
            "invalid-yaml",
            "file-name",
            "invalid-type",
            "invalid-status",
            "obsolete-status",
            "invalid-track",
            "invalid-date",
            "missing-lifecycle-date",
            "replaced-by-forbidden",
            "missing-replaces",
            "replaces-not-list",
            "unknown-document",
            "supplement-type",
            "supplement-status",
            "supplements-not-list",
            "duplicate-id",
            "duplicate-stable",
        ],
    ),
    (
        "links",
        "links and anchors in documents",
        &["broken-link", "broken-anchor", "link-text-mismatch", "link-to-deprecated"],
    ),
    (
        "scopes",
        "certificate-scope files (SCS-0003)",
        &[
            "scope-schema",
            "scope-unknown-module",
            "scope-unknown-testcase",
            "scope-broken-url",
            "scope-timeline",
            "scope-timeline-order",
            "scope-unstable-module",
        ],
    ),
    (
        "lifecycle",
        "replacements and lifecycle across documents",
        &[
            "replaced-by-target",
            "replacement-asymmetry",
            "deprecation-follow-up",
            "replaces-cycle",
            "version-gap",
            "replaces-older-version",
            "date-order",
            "date-status-mismatch",
        ],
    ),
    (
        "history",
        "the past of documents, read from git (`scs check --history` or `--base REF`)",
        &[
            "slug-changed",
            "number-changed",
            "document-deleted",
            "lifecycle-reversed",
            "lifecycle-transition",
            "stabilized-at-dropped",
            "stabilized-at-changed",
            "stable-edited",
            "new-document-numbered",
        ],
    ),
];

/// The rule ids a selector names: a rule id, a group name, or `all`.
pub fn expand(selector: &str) -> Option<Vec<&'static str>> {
    if selector == "all" {
        return Some(all().map(|m| m.id).collect());
    }
    if let Some(meta) = find(selector) {
        return Some(vec![meta.id]);
    }
    GROUPS.iter().find(|(name, ..)| *name == selector).map(|(_, _, ids)| ids.to_vec())
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.id == id)
}

/// "did you mean …?" for a word that is no rule id (and, with `groups`, no group or `all`).
pub fn suggest(word: &str, groups: bool) -> Option<String> {
    let group_names = GROUPS.iter().map(|(name, ..)| *name).chain(["all"]).filter(|_| groups);
    crate::suggest::did_you_mean(word, all().map(|m| m.id).chain(group_names))
}

/// The help for an unknown rule or selector: the suggestion, and where the rules are listed.
pub fn unknown_help(word: &str, groups: bool) -> String {
    let list = if groups {
        let names: Vec<&str> = GROUPS.iter().map(|(name, ..)| *name).collect();
        format!("`scs rules` lists the rules; the groups are {} and all", names.join(", "))
    } else {
        "`scs rules` lists the rules".to_owned()
    };
    match suggest(word, groups) {
        Some(suggestion) => format!("{suggestion} {list}"),
        None => list,
    }
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
        for (name, _, ids) in GROUPS {
            assert!(find(name).is_none(), "group {name} shadows a rule");
            for id in *ids {
                assert!(find(id).is_some(), "group {name} names unknown rule {id}");
            }
        }
        assert_eq!(expand("chk-adrs").map(|ids| ids.len()), Some(22));
        assert_eq!(expand("broken-link"), Some(vec!["broken-link"]));
        assert!(expand("nope").is_none());
        assert!(find("no-such-rule").is_none());
    }
}

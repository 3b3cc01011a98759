//! The rule modules: one file per rule (or small family), each declaring its rules with
//! `declare_rules!`. Their order here is the order `scs rules` lists them in; the registry
//! (`crate::registry`) is collected from these declarations.

pub use crate::registry::{GROUPS, all, expand, find, suggest, unknown_help};

crate::rule_modules! {
    parse,
    file_name,
    doc_type,
    status,
    obsolete_status,
    track,
    date,
    lifecycle_dates,
    replaced_by_status,
    replaces_required,
    replaces_list,
    unknown_document,
    supplement_type,
    supplement_status,
    supplements_list,
    // SCS-0001 beyond chk_adrs.py
    slug,
    track_number,
    proposal,
    keys,
    title,
    value_type,
    date_consistency,
    supplement_target,
    versions,
    replaced_by_target,
    sections,
    broken_link,
    broken_anchor,
    link_text,
    deprecated_link,
    // SCS-0003: certificate scopes
    scope_schema,
    scope_refs,
    scope_url,
    scope_timeline,
    scope_stability,
    // across documents
    duplicate_id,
    duplicate_stable,
    replacement_symmetry,
    follow_up,
    replaces_cycle,
    history,
    suppression,
}

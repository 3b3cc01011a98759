//! The registry: every rule, collected from the declarations in the rule files (each file's
//! `declare_rules!`, gathered by `rule_modules!` in `rules/mod.rs`), the named groups, and
//! lookups by id. No list here names a rule: a rule states its kinds and groups where it is
//! declared.

use std::sync::LazyLock;

use crate::groups::{CHK_ADRS, GROUPS, HISTORY};
use crate::meta::{Group, RuleMeta};
use crate::rule::{CorpusRule, DocumentRule, HistoryRule, Registration, ScopeRule};

/// Every registered rule, in the order of the rule modules and of the declarations in them.
pub fn registry() -> &'static [Registration] {
    static REGISTRY: LazyLock<Vec<Registration>> = LazyLock::new(|| {
        let mut rules = Vec::new();
        crate::rules::register(&mut rules);
        rules
    });
    &REGISTRY
}

pub fn document_rules() -> impl Iterator<Item = &'static dyn DocumentRule> {
    registry().iter().filter_map(|r| r.document)
}

pub fn corpus_rules() -> impl Iterator<Item = &'static dyn CorpusRule> {
    registry().iter().filter_map(|r| r.corpus)
}

pub fn scope_rules() -> impl Iterator<Item = &'static dyn ScopeRule> {
    registry().iter().filter_map(|r| r.scope)
}

pub fn history_rules() -> impl Iterator<Item = &'static dyn HistoryRule> {
    registry().iter().filter_map(|r| r.history)
}

/// Every rule's metadata, in registry order.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    registry().iter().map(|r| r.meta)
}

/// The ids of the rules in `group`.
pub fn members(group: &Group) -> Vec<&'static str> {
    all().filter(|m| m.groups.iter().any(|g| g.name == group.name)).map(|m| m.id).collect()
}

/// The rule ids a selector names: a rule id, a group name, or `all`.
pub fn expand(selector: &str) -> Option<Vec<&'static str>> {
    if selector == "all" {
        return Some(all().map(|m| m.id).collect());
    }
    if let Some(meta) = find(selector) {
        return Some(vec![meta.id]);
    }
    GROUPS.iter().find(|g| g.name == selector).map(|g| members(g))
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.id == id)
}

/// "did you mean …?" for a word that is no rule id (and, with `groups`, no group or `all`).
pub fn suggest(word: &str, groups: bool) -> Option<String> {
    let group_names = GROUPS.iter().map(|g| g.name).chain(["all"]).filter(|_| groups);
    crate::suggest::did_you_mean(word, all().map(|m| m.id).chain(group_names))
}

/// The help for an unknown rule or selector: the suggestion, and where the rules are listed.
pub fn unknown_help(word: &str, groups: bool) -> String {
    let list = if groups {
        let names: Vec<&str> = GROUPS.iter().map(|g| g.name).collect();
        format!("`scs rules` lists the rules; the groups are {} and all", names.join(", "))
    } else {
        "`scs rules` lists the rules".to_owned()
    };
    match suggest(word, groups) {
        Some(suggestion) => format!("{suggestion} {list}"),
        None => list,
    }
}

/// The rule tables of the README, generated from the registry: the checks of chk_adrs.py, the
/// other rules, and the history rules, each with its id, default severity, other groups and
/// summary. `cargo xtask readme` writes them between the README's `rules` markers.
pub fn markdown_tables() -> String {
    let table = |title: &str, keep: &dyn Fn(&RuleMeta) -> bool, shown: &Group| {
        let mut out = format!("{title}\n\n| id | default | also in | what it finds |\n|---|---|---|---|\n");
        for meta in all().filter(|m| keep(m)) {
            let groups: Vec<String> =
                meta.groups.iter().filter(|g| g.name != shown.name).map(|g| format!("`{}`", g.name)).collect();
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                meta.id,
                meta.default_severity.as_str(),
                groups.join(", "),
                meta.summary.replace('|', "\\|")
            ));
        }
        out
    };
    let in_group = |meta: &RuleMeta, group: &Group| meta.groups.iter().any(|g| g.name == group.name);
    [
        table(
            "The checks of SCS's own `Tests/chk_adrs.py` (group `chk-adrs`):",
            &|m| in_group(m, &CHK_ADRS),
            &CHK_ADRS,
        ),
        table(
            "The rest of SCS-0001 (names, metadata, lifecycle, sections, links), SCS-0003 (scopes) and the \
             suppression comments:",
            &|m| !in_group(m, &CHK_ADRS) && !in_group(m, &HISTORY),
            &CHK_ADRS,
        ),
        table(
            "The history rules (group `history`) look at the documents' past in git; they run with \
             `--history` or `--base REF` (see [History rules](#history-rules---history-and---base)):",
            &|m| in_group(m, &HISTORY),
            &HISTORY,
        ),
    ]
    .join("\n")
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
        assert_eq!(expand("broken-link"), Some(vec!["broken-link"]));
        assert!(expand("nope").is_none());
        assert!(find("no-such-rule").is_none());
    }

    #[test]
    fn every_rule_runs_somewhere_and_groups_are_consistent() {
        for r in registry() {
            let kinds = [r.document.is_some(), r.corpus.is_some(), r.scope.is_some(), r.history.is_some(), r.engine];
            assert!(kinds.iter().any(|k| *k), "{} takes part in no check", r.meta.id);
            // The history group is exactly the rules that read the history.
            assert_eq!(r.history.is_some(), r.meta.groups.iter().any(|g| g.name == HISTORY.name), "{}", r.meta.id);
        }
        for group in GROUPS {
            assert!(find(group.name).is_none(), "group {} shadows a rule", group.name);
            assert!(!members(group).is_empty(), "group {} is empty", group.name);
        }
    }
}

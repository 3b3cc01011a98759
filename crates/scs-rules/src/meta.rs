//! What a rule is called and how it is documented: its metadata and the groups it joins.
//! A leaf: the settings, the rules and the registry all read it.

use crate::diagnostic::Severity;

/// A rule's identity and documentation; `scs rules` and `scs explain` print these.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable, kebab-case: used in configuration, suppressions and baselines.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters, with a failing and a passing example (Markdown).
    pub explanation: &'static str,
    /// The groups it belongs to, for `--select` and `--ignore`.
    pub groups: &'static [&'static Group],
}

/// A named set of rules for `--select` and `--ignore`; rules join it in their declaration
/// (the groups are in `crate::groups`).
#[derive(Debug)]
pub struct Group {
    pub name: &'static str,
    pub description: &'static str,
}

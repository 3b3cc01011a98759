//! Runs the rules over a corpus and returns the findings, sorted by place.

use std::collections::HashMap;

use rayon::prelude::*;
use scs_core::Corpus;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Reporter, RuleMeta};
use crate::rules::{CORPUS_RULES, DOCUMENT_RULES};

/// Which rules run and how severe their findings are.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Per rule id: a severity, or `None` to turn the rule off. Unlisted rules use their default.
    pub severities: HashMap<String, Option<Severity>>,
}

impl Settings {
    /// The severity `meta`'s findings get, or `None` when the rule is off.
    pub fn severity(&self, meta: &RuleMeta) -> Option<Severity> {
        self.severities.get(meta.id).copied().unwrap_or(Some(meta.default_severity))
    }
}

/// Checks every document of `corpus` (documents in parallel), then the corpus as a whole.
pub fn check(corpus: &Corpus, settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = corpus
        .documents
        .par_iter()
        .flat_map_iter(|doc| {
            let mut found = Vec::new();
            for rule in DOCUMENT_RULES {
                if let Some(severity) = settings.severity(rule.meta()) {
                    rule.check(doc, corpus, &mut Reporter::new(rule.meta(), severity, &mut found));
                }
            }
            found
        })
        .collect();
    for rule in CORPUS_RULES {
        if let Some(severity) = settings.severity(rule.meta()) {
            rule.check(corpus, &mut Reporter::new(rule.meta(), severity, &mut diagnostics));
        }
    }
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| (d.path.clone(), d.span.map(|s| s.start), d.rule, d.message.clone());
        key(a).cmp(&key(b))
    });
    diagnostics
}

/// Counts of findings per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut counts = Self::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }

    pub fn total(self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus;

    #[test]
    fn settings_turn_rules_off_and_change_severity() {
        let c =
            corpus(&[("scs-0100-v2-a.md", b"---\ntype: Standard\nstatus: Draft\ntrack: IaaS\nreplaces: x.md\n---\n")]);
        let default = check(&c, &Settings::default());
        let rules: Vec<_> = default.iter().map(|d| (d.rule, d.severity)).collect();
        assert_eq!(rules, [("replaces-not-list", Severity::Warning), ("unknown-document", Severity::Error)]);

        let mut settings = Settings::default();
        settings.severities.insert("replaces-not-list".into(), Some(Severity::Error));
        settings.severities.insert("unknown-document".into(), None);
        let changed = check(&c, &settings);
        let rules: Vec<_> = changed.iter().map(|d| (d.rule, d.severity)).collect();
        assert_eq!(rules, [("replaces-not-list", Severity::Error)]);
        assert_eq!(Counts::of(&changed), Counts { errors: 1, warnings: 0, infos: 0 });
    }
}

//! Runs the rules over a corpus and returns the findings, sorted by place: per-document and
//! per-scope-file rules in parallel, then corpus rules, then the configuration's ignores and
//! the documents' own suppression comments.

use std::collections::BTreeSet;

use rayon::prelude::*;
use scs_core::Corpus;
use scs_core::history::History;

use crate::diagnostic::{Diagnostic, Severity};
use crate::registry::{corpus_rules, document_rules, history_rules, scope_rules};
use crate::rule::{Context, Reporter};
use crate::settings::Settings;

/// Checks `corpus` with every enabled rule.
pub fn check(corpus: &Corpus, settings: &Settings) -> Vec<Diagnostic> {
    check_files(corpus, settings, None)
}

/// Checks `corpus` and returns the findings in the files `only` names (paths relative to the
/// root), or in every file. Rules that look at one file run only on those files; rules across
/// documents still see the whole corpus.
pub fn check_files(corpus: &Corpus, settings: &Settings, only: Option<&BTreeSet<String>>) -> Vec<Diagnostic> {
    check_with_history(corpus, settings, only, None)
}

/// [`check_files`], and with a `history` also the history rules.
pub fn check_with_history(
    corpus: &Corpus,
    settings: &Settings,
    only: Option<&BTreeSet<String>>,
    history: Option<&History>,
) -> Vec<Diagnostic> {
    let cx = Context { corpus, settings, history };
    let wanted = |path: &str| only.is_none_or(|o| o.contains(path));
    let mut diagnostics: Vec<Diagnostic> = corpus
        .documents
        .par_iter()
        .filter(|doc| wanted(&doc.path))
        .flat_map_iter(|doc| {
            let mut found = Vec::new();
            for rule in document_rules() {
                if let Some(severity) = settings.severity(rule.meta()) {
                    rule.check(doc, cx, &mut Reporter::new(rule.meta(), severity, &mut found));
                }
            }
            found
        })
        .collect();
    for scope in corpus.scopes.iter().filter(|s| wanted(&s.path)) {
        for rule in scope_rules() {
            if let Some(severity) = settings.severity(rule.meta()) {
                rule.check(scope, cx, &mut Reporter::new(rule.meta(), severity, &mut diagnostics));
            }
        }
    }
    for rule in corpus_rules() {
        if let Some(severity) = settings.severity(rule.meta()) {
            rule.check(cx, &mut Reporter::new(rule.meta(), severity, &mut diagnostics));
        }
    }
    if let Some(history) = history {
        for rule in history_rules() {
            if let Some(severity) = settings.severity(rule.meta()) {
                rule.check(history, cx, &mut Reporter::new(rule.meta(), severity, &mut diagnostics));
            }
        }
    }
    diagnostics.retain(|d| !settings.is_ignored(d.rule, &d.path));
    let mut diagnostics = crate::suppress::apply(cx, diagnostics);
    // Only now: suppressions in files outside `only` saw no findings and would look unused.
    diagnostics.retain(|d| wanted(&d.path));
    sort(&mut diagnostics);
    diagnostics
}

/// Orders findings by file, then place, then rule.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.span.map(|s| s.start), a.rule, &a.message).cmp(&(
            &b.path,
            b.span.map(|s| s.start),
            b.rule,
            &b.message,
        ))
    });
}

/// Counts of findings per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
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
    use crate::settings::Ignore;
    use crate::testing::corpus;

    #[test]
    fn settings_turn_rules_off_change_severity_and_ignore_paths() {
        let c = corpus(&[(
            "scs-0100-v2-a.md",
            b"---\ntitle: A\ntype: Procedural\nstatus: Draft\ntrack: IaaS\nreplaces: x.md\n---\n",
        )]);
        let rules = |settings: &Settings| -> Vec<(&str, Severity)> {
            check(&c, settings)
                .iter()
                .map(|d| (d.rule, d.severity))
                .filter(|(r, _)| *r == "replaces-not-list")
                .collect()
        };
        assert_eq!(rules(&Settings::default()), [("replaces-not-list", Severity::Warning)]);

        let mut settings = Settings::default();
        settings.severities.insert("replaces-not-list".into(), Some(Severity::Error));
        assert_eq!(rules(&settings), [("replaces-not-list", Severity::Error)]);
        settings.severities.insert("replaces-not-list".into(), None);
        assert_eq!(rules(&settings), []);

        let ignoring =
            Settings { ignores: vec![Ignore::new("Standards/*-v2-*", vec![]).expect("glob")], ..Settings::default() };
        assert!(check(&c, &ignoring).is_empty());
        let only = BTreeSet::from(["Standards/scs-0100-v2-a.md".to_owned()]);
        assert_eq!(check_files(&c, &Settings::default(), Some(&only)), check(&c, &Settings::default()));
        assert!(check_files(&c, &Settings::default(), Some(&BTreeSet::new())).is_empty());
        assert_eq!(Counts::of(&check(&c, &Settings::default())).total(), check(&c, &Settings::default()).len());
    }
}

//! Runs the rules over a corpus and returns the findings, sorted by place: per-document and
//! per-scope-file rules in parallel, then corpus rules, then the configuration's ignores and
//! the documents' own suppression comments.

use std::collections::BTreeSet;

use rayon::prelude::*;
use scs_core::Corpus;
use scs_core::history::History;

use crate::diagnostic::{Diagnostic, Severity};
use crate::registry::{corpus_rules, document_rules, history_rules, scope_rules};
use crate::rule::{Context, Reporter, RuleMeta};
use crate::rules::internal_error::InternalError;
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
                    guarded(rule.meta(), &doc.path, settings, &mut found, |out| {
                        rule.check(doc, cx, &mut Reporter::new(rule.meta(), severity, out));
                    });
                }
            }
            found
        })
        .collect();
    for scope in corpus.scopes.iter().filter(|s| wanted(&s.path)) {
        for rule in scope_rules() {
            if let Some(severity) = settings.severity(rule.meta()) {
                guarded(rule.meta(), &scope.path, settings, &mut diagnostics, |out| {
                    rule.check(scope, cx, &mut Reporter::new(rule.meta(), severity, out));
                });
            }
        }
    }
    for rule in corpus_rules() {
        if let Some(severity) = settings.severity(rule.meta()) {
            guarded(rule.meta(), REPOSITORY, settings, &mut diagnostics, |out| {
                rule.check(cx, &mut Reporter::new(rule.meta(), severity, out));
            });
        }
    }
    if let Some(history) = history {
        for rule in history_rules() {
            if let Some(severity) = settings.severity(rule.meta()) {
                guarded(rule.meta(), REPOSITORY, settings, &mut diagnostics, |out| {
                    rule.check(history, cx, &mut Reporter::new(rule.meta(), severity, out));
                });
            }
        }
    }
    diagnostics.retain(|d| !settings.is_ignored(d.rule, &d.path));
    let mut diagnostics = crate::suppress::apply(cx, diagnostics);
    // Only now: suppressions in files outside `only` saw no findings and would look unused.
    // A finding of a named file is one with any location there, main or label: an edit of one
    // end of a cross-document problem shows on the edited file.
    diagnostics.retain(|d| d.paths().any(wanted));
    sort(&mut diagnostics);
    diagnostics
}

/// Where an internal error of a rule across documents is reported: the documents' folder.
const REPOSITORY: &str = "Standards";

/// Runs one rule's check into `sink`. Should it panic, what it found is dropped and an
/// `internal-error` finding on `path` takes its place, so that one bug in one rule loses
/// neither the other rules' findings nor the other files'.
pub(crate) fn guarded(
    rule: &RuleMeta,
    path: &str,
    settings: &Settings,
    sink: &mut Vec<Diagnostic>,
    check: impl FnOnce(&mut Vec<Diagnostic>),
) {
    let mut found = Vec::new();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&mut found))) {
        Ok(()) => sink.append(&mut found),
        Err(payload) => {
            let Some(severity) = settings.severity(&InternalError::META) else { return };
            let reason = scs_core::untrusted::panic_message(payload.as_ref());
            let reason: String = reason.chars().take(300).filter(|c| !c.is_control()).collect();
            sink.push(Diagnostic {
                rule: InternalError::META.id,
                severity,
                path: path.to_owned(),
                span: None,
                message: format!("internal error in rule `{}`: {reason}", rule.id),
                help: Some(
                    "this is a bug in scs: the other rules still ran; please report it with this file".to_owned(),
                ),
                labels: Vec::new(),
                fix: None,
            });
        }
    }
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

    #[test]
    fn counts_count_each_severity() {
        let finding = |severity| Diagnostic {
            rule: "broken-link",
            severity,
            path: "a.md".into(),
            span: None,
            message: String::new(),
            help: None,
            labels: vec![],
            fix: None,
        };
        let all: Vec<Diagnostic> =
            [Severity::Error, Severity::Info, Severity::Error, Severity::Warning, Severity::Info, Severity::Info]
                .into_iter()
                .map(finding)
                .collect();
        let counts = Counts::of(&all);
        assert_eq!((counts.errors, counts.warnings, counts.infos, counts.total()), (2, 1, 3, 6));
    }
}

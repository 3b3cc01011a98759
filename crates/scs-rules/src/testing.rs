//! Helpers for the rule tests: build a corpus from literal files, render findings as lines.

use std::fmt::Write;

use scs_core::{Corpus, Document, ScopeFile};

use crate::check::check;
use crate::position::Locators;
use crate::settings::Settings;

/// A corpus of `Standards/<name>` files with the given bytes.
pub fn corpus(files: &[(&str, &[u8])]) -> Corpus {
    corpus_with(
        files
            .iter()
            .map(|(name, bytes)| Document::parse(format!("Standards/{name}"), (*name).to_owned(), bytes.to_vec()))
            .collect(),
    )
}

pub fn corpus_with(documents: Vec<Document>) -> Corpus {
    Corpus::from_documents("repo".into(), documents)
}

/// A corpus of documents and `Tests/<name>` scope files.
pub fn corpus_with_scopes(files: &[(&str, &[u8])], scopes: &[(&str, &[u8])]) -> Corpus {
    corpus(files).with_scopes(scopes.iter().map(|(n, b)| ScopeFile::parse(format!("Tests/{n}"), b.to_vec())).collect())
}

/// The findings of rule `id` on these files, one `path:line:col: severity[rule] message` each.
pub fn check_rule(id: &str, files: &[(&str, &[u8])]) -> String {
    render_rule(id, &corpus(files))
}

pub fn render_rule(id: &str, corpus: &Corpus) -> String {
    assert!(crate::registry::find(id).is_some(), "no rule {id}");
    render(corpus, check(corpus, &Settings::default()).iter().filter(|d| d.rule == id))
}

/// Every finding on these files.
pub fn check_all(files: &[(&str, &[u8])]) -> String {
    let corpus = corpus(files);
    render(&corpus, check(&corpus, &Settings::default()).iter())
}

/// Findings as `path:line:col: severity[rule] message` lines, with labels and help indented.
pub fn render<'a>(corpus: &Corpus, diagnostics: impl Iterator<Item = &'a crate::Diagnostic>) -> String {
    let mut out = String::new();
    let mut locators = Locators::new(corpus);
    for d in diagnostics {
        let p = locators.position(&d.path, d.span);
        let _ =
            writeln!(out, "{}:{}:{}: {}[{}] {}", d.path, p.start.line, p.start.column, d.severity, d.rule, d.message);
        for label in &d.labels {
            let l = locators.position(d.label_path(label), Some(label.span));
            match &label.path {
                Some(other) => writeln!(out, "  {other}:{}:{}: {}", l.start.line, l.start.column, label.message),
                None => writeln!(out, "  {}:{}: {}", l.start.line, l.start.column, label.message),
            }
            .ok();
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  help: {help}");
        }
    }
    out
}

/// One state of a document in a test history: at revision `.0`, named `.1`, with text `.2`.
pub struct Step<'a>(pub usize, pub &'a str, pub &'a str);

/// A document's trail in a test history, and the revision that deleted it.
pub struct Doc<'a>(pub &'a [Step<'a>], pub Option<usize>);

/// The findings of history rule `id` on a history of `revisions` (subject, accepted; the
/// subject `working tree` stands for the working tree) and documents. The corpus is what
/// the documents are now.
pub fn check_history(id: &str, revisions: &[(&str, bool)], docs: &[Doc]) -> String {
    check_history_with(id, &Settings::default(), revisions, docs)
}

/// [`check_history`] with these settings.
pub fn check_history_with(id: &str, settings: &Settings, revisions: &[(&str, bool)], docs: &[Doc]) -> String {
    use scs_core::history::{History, Revision, State, Trail};
    assert!(crate::registry::find(id).is_some(), "no rule {id}");
    let revisions = revisions
        .iter()
        .enumerate()
        .map(|(i, (subject, accepted))| match *subject {
            "working tree" => Revision::WorkingTree,
            _ => Revision::Commit {
                short: format!("c{i}"),
                date: format!("2025-01-{:02}", i + 1),
                subject: (*subject).to_owned(),
                accepted: *accepted,
            },
        })
        .collect();
    let trails: Vec<Trail> = docs
        .iter()
        .map(|Doc(steps, deleted)| Trail {
            states: steps
                .iter()
                .map(|Step(rev, name, text)| State::read(*rev, &format!("Standards/{name}"), text.as_bytes()))
                .collect(),
            deleted: *deleted,
        })
        .collect();
    let current: Vec<(&str, &[u8])> = docs
        .iter()
        .filter(|Doc(_, deleted)| deleted.is_none())
        .filter_map(|Doc(steps, _)| steps.last())
        .map(|Step(_, name, text)| (*name, text.as_bytes()))
        .collect();
    let corpus = corpus(&current);
    let history = History { revisions, trails };
    let found = crate::check::check_with_history(&corpus, settings, None, Some(&history));
    render(&corpus, found.iter().filter(|d| d.rule == id))
}

//! Helpers for the rule tests: build a corpus from literal files, render findings as lines.

use std::fmt::Write;

use scs_core::{Corpus, Document};

use crate::check::{Settings, check};
use crate::position::Locator;

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

/// The findings of rule `id` on these files, one `path:line:col: severity[rule] message` each.
pub fn check_rule(id: &str, files: &[(&str, &[u8])]) -> String {
    render_rule(id, &corpus(files))
}

pub fn render_rule(id: &str, corpus: &Corpus) -> String {
    assert!(crate::rules::find(id).is_some(), "no rule {id}");
    let mut out = String::new();
    for d in check(corpus, &Settings::default()).iter().filter(|d| d.rule == id) {
        let text = corpus.by_path(&d.path).map_or("", |doc| doc.text.as_str());
        let locator = Locator::new(text);
        let p = locator.position(d.span);
        let _ =
            writeln!(out, "{}:{}:{}: {}[{}] {}", d.path, p.start.line, p.start.column, d.severity, d.rule, d.message);
        for label in &d.labels {
            let l = locator.position(Some(label.span));
            let _ = writeln!(out, "  {}:{}: {}", l.start.line, l.start.column, label.message);
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  help: {help}");
        }
    }
    out
}

//! The properties every input must satisfy, one function per fuzz target. The fuzz targets in
//! `fuzz/` call these functions with generated inputs; `tests/replay.rs` calls them with the
//! seeds and the regression inputs under `fuzz/`, so a crash found once stays fixed. Each
//! function panics when a property fails, which is what a fuzzer reports.

use scs_core::front_matter::{self, Block};
use scs_core::{Corpus, DocId, DocName, Document, ScopeFile, Span};

/// Asserts that `span` lies inside `text`, on character boundaries.
fn assert_inside(span: Span, text: &str, what: &dyn std::fmt::Debug) {
    assert!(span.start <= span.end && span.end <= text.len(), "span {span:?} outside the text: {what:?}");
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "span {span:?} splits a character");
}

/// File names: parsing never panics, and an id prints back to itself.
pub fn file_name(name: &str) {
    if let Ok(parsed) = DocName::parse(name) {
        let id = parsed.id.to_string();
        assert!(id.starts_with("scs-"), "{id}");
        assert_eq!(DocId::parse(&id).map(|i| i.to_string()), Some(id));
    }
    let _ = DocId::parse(name);
}

/// Front matter: locating and parsing never panic, every span lies inside the text.
pub fn front_matter(text: &str) {
    if let Block::Closed { yaml, .. } = front_matter::locate(text, 0) {
        match front_matter::parse(text, yaml) {
            Ok(fm) => {
                for entry in &fm.entries {
                    assert_inside(entry.key_span, text, &entry.key);
                    assert_inside(entry.value.span, text, &entry.key);
                }
            }
            Err(e) => assert_inside(e.span, text, &e),
        }
    }
}

/// Whole documents: parsing never panics; headings and links lie inside the text.
pub fn document(bytes: &[u8]) {
    let doc = Document::parse("Standards/scs-0100-v1-a.md".into(), "scs-0100-v1-a.md".into(), bytes.to_vec());
    for span in doc.body.headings.iter().map(|h| h.span).chain(doc.body.links.iter().map(|l| l.span)) {
        assert_inside(span, &doc.text, &"heading or link");
    }
}

/// The names the documents of [`check_corpus`] get, in order.
const NAMES: [&str; 6] = [
    "scs-0100-v1-a.md",
    "scs-0100-v2-a.md",
    "scs-0100-w1-a.md",
    "scs-xxxx-v1-b.md",
    "scs-0501-v1-scope.md",
    "scs-0001-v1-c.md",
];

/// A small repository (documents separated by NUL bytes): every rule runs without a panic and
/// every finding points into its file.
pub fn check_corpus(bytes: &[u8]) {
    let documents = bytes
        .split(|&b| b == 0)
        .take(NAMES.len())
        .zip(NAMES)
        .map(|(text, name)| Document::parse(format!("Standards/{name}"), name.into(), text.to_vec()))
        .collect();
    let corpus = Corpus::from_documents("repo".into(), documents);
    for d in scs_rules::check(&corpus, &scs_rules::Settings::default()) {
        let text = corpus.text_of(&d.path).unwrap_or("");
        if let Some(span) = d.span {
            assert_inside(span, text, &d);
        }
    }
}

/// Certificate scopes: parsing and the scope rules never panic; ids lie inside the text.
pub fn scope(bytes: &[u8]) {
    let scope = ScopeFile::parse("Tests/scs-compatible-x.yaml".into(), bytes.to_vec());
    let view = scope.view();
    for text in view.modules.iter().map(|m| m.id).chain(view.testcases.iter().map(|t| t.id)) {
        assert!(text.span.end <= scope.text.len(), "{:?}", text.span);
    }
    let corpus = Corpus::from_documents("repo".into(), Vec::new()).with_scopes(vec![scope]);
    let _ = scs_rules::check(&corpus, &scs_rules::Settings::default());
}

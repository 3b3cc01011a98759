//! Checking one file with only its related documents loaded finds exactly what a check of the
//! whole repository finds with a location (main or label) in that file.

use std::collections::BTreeSet;
use std::path::Path;

use scs_core::{Corpus, LoadOptions};
use scs_rules::{Diagnostic, Settings};

/// Compares, for every document and scope file of `root`, the findings of a related-only
/// check of that file with the findings of the full check in it.
pub fn assert_related_check_is_exact(root: &Path) {
    let settings = Settings::default();
    let full_corpus = Corpus::load(root).expect("repository loads");
    let full = scs_rules::check(&full_corpus, &settings);
    let paths =
        full_corpus.documents.iter().map(|d| d.path.clone()).chain(full_corpus.scopes.iter().map(|s| s.path.clone()));
    let mut checked = 0;
    for path in paths {
        let only = BTreeSet::from([path.clone()]);
        let partial_corpus = Corpus::load_related(root, &only, LoadOptions::default()).expect("related load");
        let partial = scs_rules::check_files(&partial_corpus, &settings, Some(&only));
        // A finding with any location in the file, main or label (issue 20).
        let expected: Vec<&Diagnostic> = full.iter().filter(|d| d.paths().any(|p| p == path)).collect();
        let got: Vec<&Diagnostic> = partial.iter().collect();
        assert_eq!(got, expected, "findings in {path} differ when only its related documents are loaded");
        let in_full_corpus = scs_rules::check_files(&full_corpus, &settings, Some(&only));
        assert_eq!(in_full_corpus.iter().collect::<Vec<_>>(), expected, "findings of a check of {path} alone");
        assert!(partial_corpus.documents.len() <= full_corpus.documents.len());
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn example_repository() {
    assert_related_check_is_exact(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../standards"));
}

#[test]
fn shared_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/scs-standards");
    assert!(root.join("Standards").is_dir(), "the vendored corpus is missing at {}", root.display());
    assert_related_check_is_exact(&root);
}

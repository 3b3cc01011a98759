#![no_main]
//! Certificate-scope YAML: parsing and the typed view never panic; the scope rules run.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let scope = scs_core::ScopeFile::parse("Tests/scs-compatible-x.yaml".into(), bytes.to_vec());
    let view = scope.view();
    for text in view.modules.iter().map(|m| m.id).chain(view.testcases.iter().map(|t| t.id)) {
        assert!(text.span.end <= scope.text.len());
    }
    let corpus = scs_core::Corpus::from_documents("repo".into(), Vec::new()).with_scopes(vec![scope]);
    let _ = scs_rules::check(&corpus, &scs_rules::Settings::default());
});

#![no_main]
//! The whole check of a small corpus built from the input (split into documents at NUL
//! bytes, named after their first line): no rule panics, every finding's span is inside its
//! file.

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 6] = [
    "scs-0100-v1-a.md",
    "scs-0100-v2-a.md",
    "scs-0100-w1-a.md",
    "scs-xxxx-v1-b.md",
    "scs-0501-v1-scope.md",
    "scs-0001-v1-c.md",
];

fuzz_target!(|bytes: &[u8]| {
    let documents = bytes
        .split(|&b| b == 0)
        .take(NAMES.len())
        .zip(NAMES)
        .map(|(text, name)| scs_core::Document::parse(format!("Standards/{name}"), name.into(), text.to_vec()))
        .collect();
    let corpus = scs_core::Corpus::from_documents("repo".into(), documents);
    for d in scs_rules::check(&corpus, &scs_rules::Settings::default()) {
        let text = corpus.text_of(&d.path).unwrap_or("");
        if let Some(span) = d.span {
            assert!(span.end <= text.len(), "{d:?}");
        }
    }
});

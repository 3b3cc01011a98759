//! Criterion benchmarks of the phases of `scs check` on the shared corpus: reading and parsing
//! the repository, parsing one document, running every rule on the parsed corpus, and the
//! one-file check of a pre-commit hook. The whole process is timed by
//! `cargo xtask bench`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use scs_core::{Corpus, Document, LoadOptions};
use scs_rules::{Settings, check, check_files};

fn repositories() -> Vec<(&'static str, PathBuf)> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    vec![("example", workspace.join("standards")), ("shared-corpus", workspace.join("tests/data/scs-standards"))]
}

fn bench(c: &mut Criterion) {
    for (name, root) in repositories() {
        c.bench_function(&format!("load/{name}"), |b| b.iter(|| Corpus::load(&root).map(|c| c.documents.len())));
        if let Ok(text) = std::fs::read(root.join("Tests/scs-compatible-iaas.yaml")) {
            c.bench_function(&format!("scope-parse/{name}"), |b| {
                b.iter(|| {
                    scs_core::ScopeFile::parse("Tests/scs-compatible-iaas.yaml".into(), text.clone()).entries.len()
                })
            });
            let yaml = String::from_utf8_lossy(&text).into_owned();
            c.bench_function(&format!("marked-yaml-only/{name}"), |b| {
                b.iter(|| marked_yaml::parse_yaml(0, &yaml).is_ok())
            });
        }
        let Ok(corpus) = Corpus::load(&root) else { continue };
        // The parser alone, on the largest document, without any I/O.
        if let Some(doc) = corpus.documents.iter().max_by_key(|d| d.text.len()) {
            let (path, file_name, bytes) = (doc.path.clone(), doc.file_name.clone(), doc.text.clone().into_bytes());
            c.bench_function(&format!("parse-largest-document/{name}"), |b| {
                b.iter(|| Document::parse(path.clone(), file_name.clone(), bytes.clone()).body.links.len())
            });
        }
        let settings = Settings::default();
        c.bench_function(&format!("rules/{name}"), |b| b.iter(|| check(&corpus, &settings).len()));
        // What the pre-commit hook does for one file: load what it needs, check it.
        if let Some(doc) = corpus.documents.get(corpus.documents.len() / 2) {
            let only = BTreeSet::from([doc.path.clone()]);
            c.bench_function(&format!("one-file/{name}"), |b| {
                b.iter(|| {
                    let related = Corpus::load_related(&root, &only, LoadOptions::default());
                    related.map(|r| check_files(&r, &settings, Some(&only)).len())
                })
            });
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

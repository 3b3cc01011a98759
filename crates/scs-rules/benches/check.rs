//! Criterion benchmarks of the phases of `scs check` on the shared corpus: reading and parsing
//! the repository, and running every rule on the parsed corpus. The whole process is timed by
//! `cargo xtask bench`.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use scs_core::Corpus;
use scs_rules::{Settings, check};

fn repositories() -> Vec<(&'static str, PathBuf)> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut repos = vec![("example", workspace.join("standards"))];
    let shared = workspace.join("../shared/corpus/scs-standards");
    if shared.join("Standards").is_dir() {
        repos.push(("shared-corpus", shared));
    } else {
        eprintln!("skipped: the shared corpus is not at {}", shared.display());
    }
    repos
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
        let settings = Settings::default();
        c.bench_function(&format!("rules/{name}"), |b| b.iter(|| check(&corpus, &settings).len()));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Replays the fuzz seeds and every committed regression input through the fuzz targets'
//! properties, so that `cargo test` catches a return of any crash the fuzzers found.

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut found = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            found.push((path, bytes));
        }
    }
    found.sort();
    found
}

fn replay(target: &str, property: impl Fn(&[u8])) -> usize {
    let inputs = inputs(target);
    for (path, bytes) in &inputs {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| property(bytes)));
        assert!(outcome.is_ok(), "the {target} property fails on {}", path.display());
    }
    inputs.len()
}

/// The fuzz target takes `&str`: libFuzzer skips inputs that are not UTF-8.
fn text(property: fn(&str)) -> impl Fn(&[u8]) {
    move |bytes| {
        if let Ok(text) = std::str::from_utf8(bytes) {
            property(text);
        }
    }
}

#[test]
fn document() {
    assert!(replay("document", scs_oracles::document) > 0, "no seeds found for document");
}

#[test]
fn front_matter() {
    // The document seeds are the front-matter seeds too.
    assert!(replay("document", text(scs_oracles::front_matter)) > 0);
    assert!(replay("front_matter", text(scs_oracles::front_matter)) > 0, "no regression inputs for front_matter");
}

#[test]
fn file_name() {
    assert!(replay("file_name", text(scs_oracles::file_name)) > 0);
}

#[test]
fn scope() {
    assert!(replay("scope", scs_oracles::scope) > 0);
}

#[test]
fn check_corpus() {
    // The seeds of `document`, joined as one repository, and any regression inputs.
    let joined: Vec<u8> = inputs("document").into_iter().flat_map(|(_, b)| b.into_iter().chain([0])).collect();
    scs_oracles::check_corpus(&joined);
    assert!(replay("check_corpus", scs_oracles::check_corpus) > 0, "no regression inputs for check_corpus");
}

#[test]
fn edit() {
    // Every document seed is an input of the editor too.
    assert!(replay("document", scs_oracles::edit) > 0);
    assert!(replay("edit", scs_oracles::edit) > 0, "no regression inputs for edit");
}

#[test]
fn check_and_fix() {
    assert!(replay("check_corpus", scs_oracles::check_and_fix) > 0);
}

#[test]
fn site() {
    assert!(replay("check_corpus", scs_oracles::site) > 0);
    assert!(replay("site", scs_oracles::site) > 0, "no regression inputs for site");
}

#[test]
fn lsp_frames() {
    assert!(replay("lsp_frames", scs_oracles::lsp_frames) > 0, "no seeds for lsp_frames");
}

#[test]
fn human() {
    assert!(replay("human", scs_oracles::human) > 0, "no regression inputs for human");
    assert!(replay("document", scs_oracles::human) > 0);
}

#[test]
fn lsp_handlers() {
    assert!(replay("lsp_handlers", scs_oracles::lsp_handlers) > 0, "no regression inputs for lsp_handlers");
    assert!(replay("document", scs_oracles::lsp_handlers) > 0);
}

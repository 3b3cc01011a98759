//! The pages of the vendored SCS corpus, rendered in process with the texts of the docs site's
//! own `populateStds.js`, against what that script writes (tests/data/site-reference): every
//! page and the sidebar byte for byte, but for the one intended difference (a supplement's
//! State, which the script prints as `undefined`). The end-to-end test runs the same through
//! the `scs` binary; this one lets `cargo mutants -p scs-site` see the pages.

use std::path::{Path, PathBuf};

use scs_core::{Corpus, LoadOptions};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data")
}

#[test]
fn the_pages_of_the_real_corpus_are_populatestds_byte_for_byte() {
    let corpus =
        Corpus::load_with(&data().join("scs-standards"), LoadOptions { metadata_only: true, ..LoadOptions::default() })
            .expect("the vendored corpus");
    let site = scs_site::Site::build(&corpus, "2026-11-26");
    assert!(site.warnings.is_empty(), "{:?}", site.warnings);
    let script = std::fs::read_to_string(data().join("site-reference/docs-repo/populateStds.js")).expect("script");
    let templates = scs_site::templates_from_script(&script).expect("texts");
    assert!(templates.tracks_without_text(&site).is_empty());
    let (pages, sidebar) = scs_site::render(&site, &templates);
    let expected = data().join("site-reference/expected-populateStds-2026-11-26");
    let want_sidebar = std::fs::read_to_string(expected.join("sidebarsStandardsItems.js")).expect("sidebar");
    assert_eq!(sidebar, want_sidebar);
    let mut seen = Vec::new();
    for page in &pages {
        let want = std::fs::read_to_string(expected.join("standards").join(&page.path))
            .unwrap_or_else(|_| panic!("{} is not in the reference", page.path));
        let (want_lines, got_lines): (Vec<&str>, Vec<&str>) =
            (want.split('\n').collect(), page.text.split('\n').collect());
        assert_eq!(want_lines.len(), got_lines.len(), "{}", page.path);
        for (w, g) in want_lines.iter().zip(&got_lines) {
            if w != g {
                assert!(w.contains("  | undefined  |"), "{}: {w:?} became {g:?}", page.path);
                let real = ["Draft", "Stable", "Deprecated", "Rejected"]
                    .map(|s| w.replace("  | undefined  |", &format!("  | {s}  |")));
                assert!(real.contains(&(*g).to_owned()), "{}: {w:?} became {g:?}", page.path);
            }
        }
        seen.push(page.path.clone());
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 68, "the overview, 6 track pages and 61 number pages");
}

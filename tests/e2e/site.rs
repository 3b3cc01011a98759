//! `scs site`: the docs site's pages, byte for byte as the site's generator writes them
//! (tests/data/site-reference), with its defects fixed; --check, JSON, templates, bad input.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{GOOD, Repo, Run, scs, workspace};

fn reference() -> PathBuf {
    workspace().join("tests/data/site-reference")
}

/// Every file below `dir`, relative to it.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path)
            } else {
                out.push(path.strip_prefix(dir).expect("below").to_path_buf())
            }
        }
    }
    out.sort();
    out
}

/// `scs site` of `repo` into `site/standards` with the reference templates on `today`.
fn site(repo: &Path, site: &Path, today: &str, extra: &[&str]) -> Run {
    let out = site.join("standards");
    let templates = reference().join("templates");
    let mut args = vec!["site", ".", "--today", today, "--out"];
    let (out, templates) = (out.to_string_lossy().into_owned(), templates.to_string_lossy().into_owned());
    args.push(&out);
    args.extend(["--templates", &templates]);
    args.extend(extra);
    scs(&args, repo)
}

/// Compares every page of `expected` (but `copied-files.txt`) with what `out` holds, byte for
/// byte but for the intended difference (a supplement's State); returns how many.
fn same_as_reference(expected: &Path, out: &Path) -> usize {
    let mut compared = 0;
    for rel in files(expected).into_iter().filter(|r| r != Path::new("copied-files.txt")) {
        let want = fs::read_to_string(expected.join(&rel)).expect("reference");
        let got = fs::read_to_string(out.join(&rel)).unwrap_or_else(|_| panic!("{} was not written", rel.display()));
        // The one intended difference: a supplement's State is its real state, not `undefined`.
        let (want_lines, got_lines): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
        assert_eq!(want_lines.len(), got_lines.len(), "{}", rel.display());
        for (w, g) in want_lines.iter().zip(&got_lines) {
            if w != g {
                assert!(w.contains("  | undefined  |"), "{}: {w:?} became {g:?}", rel.display());
                assert_eq!(
                    w.replace("  | undefined  |", "  | Draft  |"),
                    *g,
                    "{}: a supplement without stabilized_at is a Draft",
                    rel.display()
                );
            }
        }
        compared += 1;
    }
    compared
}

#[test]
fn the_real_corpus_gives_the_reference_byte_for_byte() {
    let out = tempfile::tempdir().expect("tempdir");
    let run = site(&crate::shared_corpus::corpus(), out.path(), "2026-11-26", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = reference().join("expected-2026-11-26");
    let compared = same_as_reference(&expected, out.path());
    assert_eq!(compared, 69, "the overview, 6 track pages, 61 number pages and the sidebar");
    // The byte copies are exactly the generator's (copied-files.txt lists the folder).
    let listed = fs::read_to_string(expected.join("copied-files.txt")).expect("list");
    let mut want: Vec<&str> = listed.lines().filter(|l| *l != "standards").collect();
    want.sort_unstable();
    let copies: Vec<String> = fs::read_dir(out.path().join("standards"))
        .expect("read")
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut got: Vec<&str> = copies.iter().map(String::as_str).collect();
    got.sort_unstable();
    assert_eq!(got, want);
    for name in &got {
        let original = [
            crate::shared_corpus::corpus().join("Standards").join(name),
            crate::shared_corpus::corpus().join("Tests").join(name),
        ];
        let source = original.iter().find(|p| p.exists()).expect("a source");
        assert_eq!(
            fs::read(source).expect("source"),
            fs::read(out.path().join("standards").join(name)).expect("copy"),
            "{name}"
        );
    }
    // A second run finds everything up to date, and --check agrees.
    let again = site(&crate::shared_corpus::corpus(), out.path(), "2026-11-26", &[]);
    assert!(again.stderr.contains("wrote 0 of 175 files"), "{}", again.stderr);
    assert_eq!(site(&crate::shared_corpus::corpus(), out.path(), "2026-11-26", &["--check"]).code, 0);
}

fn doc(title: &str, doc_type: &str, status: &str, track: &str, extra: &str) -> String {
    let track = if track.is_empty() { String::new() } else { format!("track: {track}\n") };
    format!("---\ntitle: \"{title}\"\ntype: {doc_type}\nstatus: {status}\n{track}{extra}---\n\n## Introduction\n")
}

/// A repository with each case the generator got wrong.
fn defects() -> Repo {
    let stable =
        |title: &str, date: &str| doc(title, "Standard", "Stable", "IaaS", &format!("stabilized_at: {date}\n"));
    Repo::new()
        .doc("scs-0100-v1-a.md", stable("Flavors", "2024-01-01"))
        .doc("scs-0100-v2-a.md", doc("Flavors", "Standard", "Draft", "IaaS", "replaces:\n  - scs-0100-v1-a.md\n"))
        .doc(
            "scs-0100-w1-a-notes.md",
            doc("Flavors: Testing notes", "Supplement", "Draft", "IaaS", "supplements:\n  - scs-0100-v1-a.md\n")
                .replace("status: Draft\n", "")
                .replace("track: IaaS\n", "track: IaaS\nstabilized_at: 2024-02-01\n"),
        )
        .doc(
            "scs-0101-v1-b.md",
            doc("Rejected idea | with a pipe", "Decision Record", "Rejected", "IaaS", "rejected_at: 2024-03-01\n"),
        )
        .doc("scs-0102-v2-c.md", stable("Two", "2024-01-01"))
        .doc("scs-0102-v10-c.md", stable("Ten", "2024-06-01"))
        .doc("scs-0102-v9-c.md", stable("Nine", "2024-05-01"))
        .doc("scs-1000-v1-d.md", stable("Big number", "2024-01-01").replace("track: IaaS", "track: Global"))
        .doc("scs-0001-v1-e.md", stable("Small number", "2024-01-01").replace("track: IaaS", "track: Global"))
        .doc("scs-0103-v1-f.md", doc("Trackless", "Standard", "Draft", "", ""))
        .doc("scs-0104-v1-g.md", stable("Future", "2027-01-01"))
        .doc(
            "scs-0105-v1-h.md",
            stable("Going away", "2024-01-01").replace("stabilized_at", "deprecated_at: 2027-02-01\nstabilized_at"),
        )
}

#[test]
fn the_generators_defects_are_fixed() {
    let repo = defects();
    let out = tempfile::tempdir().expect("tempdir");
    let run =
        scs(&["site", "--today", "2026-11-26", "--out", &out.path().join("standards").to_string_lossy()], repo.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |rel: &str| fs::read_to_string(out.path().join("standards").join(rel)).expect(rel);
    let iaas = read("iaas/index.md");
    // A supplement's State is its real state (stabilized: Stable), never `undefined`.
    assert!(
        read("iaas/scs-0100.md").contains("| [w1](/standards/scs-0100-w1-a-notes)  | Stable  | 2024-02-01  | -  |")
    );
    assert!(!read("iaas/scs-0100.md").contains("undefined"));
    // A Rejected version is in none of the three columns; its page says Rejected. `|` is escaped.
    assert!(
        iaas.contains("| [scs-0101](/standards/iaas/scs-0101)  | Rejected idea \\| with a pipe  | - | - | -  |"),
        "{iaas}"
    );
    assert!(read("iaas/scs-0101.md").contains("| Decision Record  | Rejected  | -  | -  |"));
    // Versions in numeric order: v2, v9, v10; the newest effective one gives the title.
    assert!(iaas.contains("| [scs-0102](/standards/iaas/scs-0102)  | Ten  | - | [v2](/standards/scs-0102-v2-c), [v9](/standards/scs-0102-v9-c), [v10](/standards/scs-0102-v10-c) | -  |"), "{iaas}");
    let page = read("iaas/scs-0102.md");
    assert!(page.find("scs-0102-v2]").expect("v2") < page.find("scs-0102-v9]").expect("v9"));
    assert!(page.find("scs-0102-v9]").expect("v9") < page.find("scs-0102-v10]").expect("v10"));
    // Numbers in numeric order: 0001 before 1000.
    let global = read("global/index.md");
    assert!(global.find("scs-0001").expect("0001") < global.find("scs-1000").expect("1000"), "{global}");
    // A document without a track is named in a warning.
    assert!(run.stderr.contains("scs site: warning: Standards/scs-0103-v1-f.md: it has no `track`"), "{}", run.stderr);
    // `*`: effective but stabilized later; `&#8224;`: effective with a deprecation ahead.
    assert!(iaas.contains("| [v1](/standards/scs-0104-v1-g)* |"), "{iaas}");
    assert!(iaas.contains("| [v1](/standards/scs-0105-v1-h)&#8224; |"), "{iaas}");
    // On a later day the deprecation has come.
    let later = tempfile::tempdir().expect("tempdir");
    scs(&["site", "--today", "2027-03-01", "--out", &later.path().join("standards").to_string_lossy()], repo.path());
    let iaas_later = fs::read_to_string(later.path().join("standards/iaas/index.md")).expect("page");
    assert!(iaas_later.contains("| - | - | [v1](/standards/scs-0105-v1-h)  |"), "{iaas_later}");
    assert!(iaas_later.contains("| [v1](/standards/scs-0104-v1-g) |"), "{iaas_later}");
}

#[test]
fn check_mode_names_what_differs_and_writes_nothing() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", GOOD);
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("standards");
    let dir_text = dir.to_string_lossy().into_owned();
    let fresh = scs(&["site", "--check", "--out", &dir_text, "--today", "2026-11-26"], repo.path());
    assert_eq!(fresh.code, 1);
    assert!(fresh.stdout.contains("standards/iaas/scs-0100.md is missing"), "{}", fresh.stdout);
    assert!(!dir.exists(), "--check wrote nothing");
    assert_eq!(scs(&["site", "--out", &dir_text, "--today", "2026-11-26"], repo.path()).code, 0);
    assert_eq!(scs(&["site", "--check", "--out", &dir_text, "--today", "2026-11-26"], repo.path()).code, 0);
    fs::write(dir.join("iaas/index.md"), "edited by hand\n").expect("write");
    fs::write(dir.join("my-own-page.md"), "not generated\n").expect("write");
    let dirty = scs(&["site", "--check", "--out", &dir_text, "--today", "2026-11-26"], repo.path());
    assert_eq!(dirty.code, 1);
    assert_eq!(
        dirty.stdout.trim(),
        format!("{} differs from what scs site generates", dir.join("iaas/index.md").display())
    );
    // Writing restores the page and leaves the file scs site does not generate alone.
    assert_eq!(scs(&["site", "--out", &dir_text, "--today", "2026-11-26"], repo.path()).code, 0);
    assert_eq!(fs::read_to_string(dir.join("my-own-page.md")).expect("kept"), "not generated\n");
    assert!(out.path().join("sidebarsStandardsItems.js").exists(), "the sidebar goes beside DIR by default");
}

#[test]
fn json_prints_the_model() {
    let run = scs(&["site", "--format", "json", "--today", "2026-11-26"], defects().path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["today"], "2026-11-26");
    let iaas = &json["tracks"][1];
    assert_eq!(iaas["name"], "IaaS");
    let flavors = &iaas["numbers"][0];
    assert_eq!(
        (flavors["name"].as_str(), flavors["link"].as_str()),
        (Some("scs-0100"), Some("/standards/iaas/scs-0100"))
    );
    assert_eq!(flavors["versions"][0]["state"], "effective");
    assert_eq!(flavors["versions"][1]["state"], "draft");
    assert_eq!(flavors["supplements"][0]["versions"][0]["link"], "/standards/scs-0100-w1-a-notes");
    assert_eq!(iaas["numbers"][1]["versions"][0]["state"], "rejected");
}

#[test]
fn missing_templates_are_named() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", GOOD);
    let templates = tempfile::tempdir().expect("tempdir");
    fs::write(templates.path().join("intro.md"), "x").expect("write");
    let out = tempfile::tempdir().expect("tempdir");
    let site = || {
        scs(
            &[
                "site",
                "--out",
                &out.path().join("standards").to_string_lossy(),
                "--templates",
                &templates.path().to_string_lossy(),
            ],
            repo.path(),
        )
    };
    let run = site();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("lacks legend.md, table-style.mdx;"), "{}", run.stderr);
    assert!(!out.path().join("standards").exists(), "nothing is written");
    // A track without its text is no reason to stop the docs build: a plain sentence and a
    // warning.
    fs::write(templates.path().join("legend.md"), "L").expect("write");
    fs::write(templates.path().join("table-style.mdx"), "S").expect("write");
    let run = site();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning: no introduction for the track `IaaS`"), "{}", run.stderr);
    let page = fs::read_to_string(out.path().join("standards/iaas/index.md")).expect("track page");
    assert!(page.starts_with("# IaaS Standards\n\nThe standards of the IaaS track.\n\nL\nS\n"), "{page}");
}

/// The docs repository as it is: `getDocs.js` has copied the documents and scopes flat into
/// the site's `standards/` folder (and removed its clone); `scs site --flat` makes the pages
/// there with the texts of the site's own `populateStds.js`, exactly as that script does.
#[test]
fn the_docs_repository_as_getdocs_leaves_it_with_the_texts_of_populatestds() {
    let site_dir = tempfile::tempdir().expect("tempdir");
    let flat = site_dir.path().join("standards");
    fs::create_dir_all(&flat).expect("mkdir");
    let corpus = crate::shared_corpus::corpus();
    // getDocs.js: `cp -r repo/Standards/*.md repo/Tests/scs-*.yaml standards/`, README.md removed.
    let mut copied = Vec::new();
    for (folder, keep) in [("Standards", ".md"), ("Tests", ".yaml")] {
        for entry in fs::read_dir(corpus.join(folder)).expect("read").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(keep) && name != "README.md" && (folder == "Standards" || name.starts_with("scs-")) {
                fs::copy(entry.path(), flat.join(&name)).expect("copy");
                copied.push(name);
            }
        }
    }
    let script = reference().join("docs-repo/populateStds.js");
    let script = script.to_string_lossy();
    let flat_site = |extra: &[&str]| {
        let mut args = vec![
            "site",
            "--flat",
            "standards",
            "--out",
            "standards",
            "--templates-from",
            &script,
            "--today",
            "2026-11-26",
        ];
        args.extend(extra);
        scs(&args, site_dir.path())
    };
    let run = flat_site(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let compared = same_as_reference(&reference().join("expected-populateStds-2026-11-26"), site_dir.path());
    assert_eq!(compared, 69, "the overview, 6 track pages, 61 number pages and the sidebar");
    // Nothing but the pages was written: the flat copies are as getDocs.js left them.
    let written: Vec<PathBuf> = files(site_dir.path())
        .into_iter()
        .filter(|p| p.components().count() > 2 || p == Path::new("sidebarsStandardsItems.js"))
        .collect();
    assert_eq!(written.len(), 69, "{written:?}");
    for name in &copied {
        let source = [corpus.join("Standards").join(name), corpus.join("Tests").join(name)];
        let source = source.iter().find(|p| p.exists()).expect("source");
        assert_eq!(fs::read(source).expect("source"), fs::read(flat.join(name)).expect("copy"), "{name}");
    }
    // The docs repository's CI: generate, and the next run finds nothing to do.
    let again = flat_site(&["--check"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
}

/// A script whose texts scs cannot reproduce is refused with the reason, and nothing written.
#[test]
fn a_generator_script_with_computed_texts_is_refused() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", GOOD);
    let script = repo.path().join("populateStds.js");
    fs::write(&script, "const intro = `Hello ${name}`\n").expect("write");
    let run = scs(&["site", "--out", "site/standards", "--templates-from", "populateStds.js"], repo.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`intro`: the template has a `${…}` part"), "{}", run.stderr);
    assert!(!repo.path().join("site").exists());
}

#[test]
fn a_document_that_does_not_parse_is_reported_and_left_out() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", GOOD).doc("scs-0101-v1-b.md", "---\ntitle: [unclosed\n---\n");
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("standards");
    let run = scs(&["site", "--out", &dir.to_string_lossy(), "--today", "2026-11-26"], repo.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("invalid-yaml"), "reported as scs check reports it: {}", run.stderr);
    assert!(run.stderr.contains("scs site: warning: Standards/scs-0101-v1-b.md: it does not parse"), "{}", run.stderr);
    assert!(dir.join("iaas/scs-0100.md").exists(), "the rest is written");
    assert!(!dir.join("iaas/scs-0101.md").exists());
    assert!(dir.join("scs-0101-v1-b.md").exists(), "the byte copy is made as the site's copy step makes it");
}

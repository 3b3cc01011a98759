//! A finding caused by an edit shows on the edited file.
//!
//! The property: for every cross-document rule and every document F of a real repository (the
//! example `standards/` and the vendored SCS corpus), a violation injected by editing F alone
//! makes the check of F alone (what the pre-commit hook runs: related documents loaded,
//! findings of F reported) report a finding of that rule located in F. Every (F, injection)
//! that applies is tried, not a sample: the inputs are the real repositories.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use scs_core::edit::FrontMatterEditor as Editor;
use scs_core::{Corpus, DocKind, Document, LoadOptions, Status};
use scs_rules::{Settings, check_files};

use crate::support::{scs, workspace};

/// One way of breaking a cross-document rule by editing F: the rule, and the edited text of F
/// (or `None` where the injection does not apply to F).
struct Injection {
    rule: &'static str,
    what: &'static str,
    edit: fn(&Document, &Corpus) -> Option<String>,
}

fn edited(doc: &Document, change: impl FnOnce(&mut Editor)) -> String {
    let mut editor = Editor::new(doc);
    change(&mut editor);
    editor.finish().expect("the injection is one set of edits")
}

fn major(doc: &Document) -> Option<(u16, u32)> {
    let name = doc.name.as_ref().ok()?;
    (name.id.kind == DocKind::Major).then_some(())?;
    Some((name.id.number.assigned()?, name.id.version.number()?))
}

fn stable(editor: &mut Editor) {
    editor.set("status", "Stable");
    editor.set("stabilized_at", "2024-01-01");
}

/// F made Stable and replacing the first other document that `old` accepts.
fn stable_replacing(doc: &Document, corpus: &Corpus, old: impl Fn(&Document) -> bool) -> Option<String> {
    major(doc)?;
    let old = others(doc, corpus).find(|o| old(o))?;
    Some(edited(doc, |e| {
        stable(e);
        e.add_to_list("replaces", &old.file_name);
    }))
}

fn others<'a>(doc: &'a Document, corpus: &'a Corpus) -> impl Iterator<Item = &'a Document> {
    corpus.documents.iter().filter(move |d| d.path != doc.path && d.front_matter.is_some() && d.name.is_ok())
}

fn names(doc: &Document, key: &str) -> Vec<String> {
    doc.entry(key)
        .map(|e| match e.value.as_sequence() {
            Some(items) => items.iter().filter_map(|i| i.as_str()).map(|s| s.trim().to_owned()).collect(),
            None => e.value.as_str().map(|s| vec![s.trim().to_owned()]).unwrap_or_default(),
        })
        .unwrap_or_default()
}

fn injections() -> Vec<Injection> {
    vec![
        Injection {
            rule: "replaces-cycle",
            what: "F replaces itself",
            edit: |doc, _| Some(edited(doc, |e| e.add_to_list("replaces", &doc.file_name))),
        },
        Injection {
            rule: "replaces-cycle",
            what: "F replaces a document that replaces F",
            edit: |doc, corpus| {
                let successor = others(doc, corpus).find(|g| names(g, "replaces").contains(&doc.file_name))?;
                Some(edited(doc, |e| e.add_to_list("replaces", &successor.file_name)))
            },
        },
        Injection {
            rule: "replaces-older-version",
            what: "F replaces a newer version of its own number",
            edit: |doc, _| {
                let (number, version) = major(doc)?;
                Some(edited(doc, |e| e.add_to_list("replaces", &format!("scs-{number:04}-v{}-later.md", version + 1))))
            },
        },
        Injection {
            rule: "replacement-asymmetry",
            what: "F names in replaced_by a document that does not replace it",
            edit: |doc, corpus| {
                let other = others(doc, corpus).find(|g| !names(g, "replaces").contains(&doc.file_name))?;
                Some(edited(doc, |e| e.add_to_list("replaced_by", &other.file_name)))
            },
        },
        Injection {
            rule: "replacement-asymmetry",
            what: "Stable F replaces a Deprecated document whose replaced_by does not name F",
            edit: |doc, corpus| {
                stable_replacing(doc, corpus, |o| {
                    o.status() == Some(Status::Deprecated) && !names(o, "replaced_by").contains(&doc.file_name)
                })
            },
        },
        Injection {
            rule: "deprecation-follow-up",
            what: "Stable F replaces a Stable document",
            edit: |doc, corpus| stable_replacing(doc, corpus, |o| o.status() == Some(Status::Stable)),
        },
        Injection {
            rule: "duplicate-stable",
            what: "F becomes Stable beside another Stable version of its number",
            edit: |doc, corpus| {
                let (number, _) = major(doc)?;
                others(doc, corpus)
                    .find(|o| o.status() == Some(Status::Stable) && major(o).is_some_and(|(n, _)| n == number))?;
                Some(edited(doc, stable))
            },
        },
        Injection {
            rule: "replaced-by-target",
            what: "F's replaced_by names a document that does not exist",
            edit: |doc, _| Some(edited(doc, |e| e.add_to_list("replaced_by", "scs-9999-v1-gone.md"))),
        },
        Injection {
            rule: "broken-link",
            what: "F links a document that does not exist, by bare docs-site URL",
            edit: |doc, _| Some(format!("{}\nSee https://docs.scs.community/standards/scs-9999-v1-gone.\n", doc.text)),
        },
        Injection {
            rule: "broken-anchor",
            what: "F links a heading another document does not have",
            edit: |doc, corpus| {
                let other = others(doc, corpus).next()?;
                Some(format!("{}\n[x]({}#no-such-heading-anywhere)\n", doc.text, other.file_name))
            },
        },
        Injection {
            rule: "link-to-deprecated",
            what: "Stable F links a Deprecated document of another number",
            edit: |doc, corpus| {
                (doc.status() == Some(Status::Stable)).then_some(())?;
                let number = |d: &Document| d.name.as_ref().ok().map(|n| n.id.number);
                let old =
                    others(doc, corpus).find(|o| o.status() == Some(Status::Deprecated) && number(o) != number(doc))?;
                Some(format!("{}\n<a href=\"{}\">old</a>\n", doc.text, old.file_name))
            },
        },
    ]
}

/// Runs every injection on every document of the repository at `root` (copied), checking the
/// edited file alone; returns how often each rule was tried, and the failures.
fn inject_everywhere(root: &Path) -> (BTreeMap<&'static str, usize>, Vec<String>) {
    let dir = crate::support::copy_repository(root);
    let copy = dir.path();
    let corpus = Corpus::load(copy).expect("load");
    let settings = Settings::default();
    let mut tried = BTreeMap::new();
    let mut failures = Vec::new();
    for doc in corpus.documents.iter().filter(|d| d.front_matter.is_some() && d.name.is_ok()) {
        let file = copy.join(&doc.path);
        for injection in injections() {
            let Some(text) = (injection.edit)(doc, &corpus) else { continue };
            fs::write(&file, &text).expect("write");
            let only = BTreeSet::from([doc.path.clone()]);
            let partial = Corpus::load_related(copy, &only, LoadOptions::default()).expect("load related");
            let found = check_files(&partial, &settings, Some(&only));
            *tried.entry(injection.rule).or_default() += 1;
            // Reported with a location in the edited file: the finding itself, or (issue 20:
            // one finding per cross-document problem, on the document that must change) a label.
            if !found.iter().any(|d| d.rule == injection.rule && d.paths().any(|p| p == doc.path)) {
                let got: Vec<_> = found.iter().map(|d| format!("{} {}", d.rule, d.message)).collect();
                failures.push(format!("{}: {} → no {} in it; got {got:?}", doc.path, injection.what, injection.rule));
            }
            fs::write(&file, doc.text.as_bytes()).expect("restore");
        }
    }
    (tried, failures)
}

fn assert_holds(root: &Path, expected_rules: usize) {
    let (tried, failures) = inject_everywhere(root);
    eprintln!("{}: {tried:?}", root.display());
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(tried.len(), expected_rules, "every rule was injected somewhere: {tried:?}");
}

#[test]
fn an_edit_shows_on_the_edited_file_in_the_example() {
    assert_holds(&workspace().join("standards"), 9);
}

#[test]
fn an_edit_shows_on_the_edited_file_in_the_real_corpus() {
    assert_holds(&crate::shared_corpus::corpus(), 9);
}

/// The case that showed the defect: Draft scs-0003-v1 names its successor in `replaces`.
#[test]
fn a_first_version_naming_its_successor_is_reported_once_with_a_label_on_the_successor() {
    let dir = crate::support::copy_repository(&crate::shared_corpus::corpus());
    let root = dir.path();
    let v1 = root.join("Standards/scs-0003-v1-sovereign-cloud-standards-yaml.md");
    let text = fs::read_to_string(&v1).expect("read");
    let text =
        text.replacen("status: ", "replaces:\n  - scs-0003-v2-sovereign-cloud-standards-testing.md\nstatus: ", 1);
    fs::write(&v1, text).expect("write");

    let alone = scs(&["check", "--format", "concise", "Standards/scs-0003-v1-sovereign-cloud-standards-yaml.md"], root);
    assert_eq!(alone.code, 1, "{}", alone.stdout);
    insta::assert_snapshot!("first_version_names_successor_alone", alone.stdout);
    let all = scs(&["check", "--format", "json", "--select", "replaces-cycle,replaces-older-version"], root);
    let on: Vec<(String, String)> = all.json()["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or_default()[10..21].to_owned(),
                d["rule"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .filter(|(id, _)| id.starts_with("scs-0003"))
        .collect();
    // One cycle, one finding: on v1, the entry that leads back (issue 20), with a label on v2.
    assert_eq!(
        on,
        [("scs-0003-v1".into(), "replaces-cycle".into()), ("scs-0003-v1".into(), "replaces-older-version".into())]
    );
}

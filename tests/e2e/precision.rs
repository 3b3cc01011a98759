//! No silent no-ops and no follow-on findings: option combinations that would do nothing are
//! refused with a reason, unknown rule ids get the same "did you mean" everywhere, and one typo
//! gives one finding.

use std::fs;

use crate::support::{Repo, scs, workspace};

fn example_copy() -> tempfile::TempDir {
    crate::support::copy_repository(&workspace().join("standards"))
}

fn edit(dir: &tempfile::TempDir, file: &str, from: &str, to: &str) {
    let path = dir.path().join("Standards").join(file);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} holds {from}");
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn combinations_that_would_do_nothing_are_refused() {
    let example = workspace().join("standards");
    for (args, says) in [
        (&["check", "--diff", "--format", "json"][..], "'--diff' cannot be used with '--format <FORMAT>'"),
        (&["check", "--write-baseline", "b.json", "--format", "sarif"][..], "cannot be used with '--format <FORMAT>'"),
        (&["check", "--write-baseline", "b.json", "--output", "o.txt"][..], "cannot be used with '--output <FILE>'"),
        (&["check", "--write-baseline", "b.json", "--fix"][..], "cannot be used with '--fix'"),
        (&["check", "--write-baseline", "b.json", "--diff"][..], "cannot be used with '--diff'"),
        (&["check", "--fix", "--diff"][..], "cannot be used with"),
        (
            &["check", "--select", "history"][..],
            "--select names the history rules, which read the git history: add --history",
        ),
        (&["check", "--select", "links,slug-changed"][..], "--select names history rules (slug-changed)"),
    ] {
        let run = scs(args, &example);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    assert!(!example.join("b.json").exists() && !example.join("o.txt").exists(), "nothing was written");
    // What still works: --select all, and the history group with a history source.
    assert_eq!(scs(&["check", "--select", "all"], &example).code, 0);
}

#[test]
fn diff_honours_output() {
    let dir = example_copy();
    edit(
        &dir,
        "scs-0110-v2-volume-encryption.md",
        "replaces:\n  - scs-0110-v1-volume-encryption.md",
        "replaces: scs-0110-v1-volume-encryption.md",
    );
    let run = scs(&["check", "--diff", "--output", "fixes.diff"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "", "the diff went to the file");
    let diff = fs::read_to_string(dir.path().join("fixes.diff")).expect("written");
    assert!(diff.contains("+  - scs-0110-v1-volume-encryption.md"), "{diff}");
    let untouched = fs::read_to_string(dir.path().join("Standards/scs-0110-v2-volume-encryption.md")).expect("read");
    assert!(untouched.contains("replaces: scs-0110-v1"), "--diff changes no document");
}

#[test]
fn unknown_rule_ids_get_one_did_you_mean_everywhere() {
    let example = workspace().join("standards");
    let select = scs(&["check", "--select", "slug-fromat"], &example);
    let ignore = scs(&["check", "--ignore", "histroy"], &example);
    let explain = scs(&["explain", "replaces-not-lst"], &example);
    assert_eq!((select.code, ignore.code, explain.code), (2, 2, 2));
    assert!(
        select.stderr.contains("there is no rule or group `slug-fromat`; did you mean `slug-format`?"),
        "{}",
        select.stderr
    );
    assert!(ignore.stderr.contains("did you mean `history`?"), "{}", ignore.stderr);
    assert!(explain.stderr.contains("did you mean `replaces-not-list`?"), "{}", explain.stderr);
    let repo = Repo::new();
    fs::write(repo.path().join("scs.toml"), "[rules]\nslug-fromat = \"off\"\n").expect("write");
    let config = scs(&["check"], repo.path());
    assert_eq!(config.code, 2);
    assert!(config.stderr.contains("did you mean `slug-format`?"), "{}", config.stderr);
}

#[test]
fn one_typo_gives_one_finding() {
    // A Stable document that a certificate scope includes and whose successor links it.
    let dir = example_copy();
    edit(&dir, "scs-0110-v2-volume-encryption.md", "status: Stable", "status: Stabel");
    let run = scs(&["check", "--format", "concise"], dir.path());
    insta::assert_snapshot!("one_typo_stable", run.stdout);
    // A Deprecated document with replaced_by, linked with a suppression from another file.
    let dir = example_copy();
    edit(&dir, "scs-0110-v1-volume-encryption.md", "status: Deprecated", "status: Deprecatd");
    let run = scs(&["check", "--format", "concise"], dir.path());
    insta::assert_snapshot!("one_typo_deprecated", run.stdout);
    // The suppressions of rules the typo switched off in the document itself.
    let dir = example_copy();
    edit(&dir, "scs-0001-v1-example-document-process.md", "status: Stable", "status: Stabel");
    let run = scs(&["check", "--format", "concise"], dir.path());
    insta::assert_snapshot!("one_typo_with_suppressions", run.stdout);
}

#[test]
fn sections_at_any_level_and_no_unstable_module_rule() {
    let body = "## Introduction\n\n## Background\n\n### Motivation\n\n## Flavors\n\n### Conformance Tests\n";
    let doc = format!("---\ntitle: A\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n\n{body}");
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc);
    let (run, diagnostics) = repo.check_json();
    assert_eq!((run.code, diagnostics.len()), (0, 0), "{diagnostics:#?}");
    let rules = scs(&["rules"], &workspace());
    // Issue 20: no SCS text asks for it, and it judged a module's current URL by a scope
    // version's old stabilization date.
    assert!(!rules.stdout.contains("scope-unstable-module"), "{}", rules.stdout);
}

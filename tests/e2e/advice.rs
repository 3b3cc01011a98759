//! A help text is advice: taking it must not bring a new error. Each help that names an
//! action (issue 31: `number-changed`, `replaces-cycle`, `id-reused`, `slug-changed`,
//! `legacy-key`) is taken here on a copy, and the repository is checked again.

use std::collections::BTreeSet;
use std::fs;

use crate::support::{Repo, git, git_with, scs};

fn doc(title: &str, status: &str, extra: &str) -> String {
    doc_in("IaaS", title, status, extra)
}

fn doc_in(track: &str, title: &str, status: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\ntype: Procedural\nstatus: {status}\ntrack: {track}\n{extra}---\n\n## Introduction\n\nText.\n"
    )
}

/// The errors and warnings of `scs check ARGS`: (rule, file name).
fn findings(repo: &Repo, args: &[&str]) -> (BTreeSet<(String, String)>, Vec<serde_json::Value>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let run = scs(&all, repo.path());
    assert!(run.code <= 1, "{}", run.stderr);
    let list = run.json()["diagnostics"].as_array().cloned().unwrap_or_default();
    let set = list
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| {
            let path = d["path"].as_str().unwrap_or_default();
            (d["rule"].as_str().unwrap_or_default().to_owned(), path.rsplit('/').next().unwrap_or(path).to_owned())
        })
        .collect();
    (set, list)
}

fn help_of(list: &[serde_json::Value], rule: &str) -> String {
    list.iter().find(|d| d["rule"] == rule).and_then(|d| d["help"].as_str()).unwrap_or_default().to_owned()
}

fn commit(repo: &Repo, subject: &str, when: &str) {
    git(repo.path(), &["add", "-A"]);
    git_with(repo.path(), &["commit", "-q", "-m", subject], &[("GIT_AUTHOR_DATE", when), ("GIT_COMMITTER_DATE", when)]);
}

#[test]
fn replaces_cycle_points_at_the_version_before() {
    let repo = Repo::new()
        .doc(
            "scs-0100-v1-a.md",
            doc(
                "A",
                "Deprecated",
                "stabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\nreplaced_by:\n  - scs-0100-v2-a.md\n",
            ),
        )
        .doc("scs-0100-v2-a.md", doc("A", "Stable", "stabilized_at: 2025-01-01\nreplaces:\n  - scs-0100-v2-a.md\n"));
    let (before, list) = findings(&repo, &[]);
    let help = help_of(&list, "replaces-cycle");
    assert!(help.contains("at the version before, `scs-0100-v1-a.md`"), "{help}");
    let path = repo.path().join("Standards/scs-0100-v2-a.md");
    let text = fs::read_to_string(&path).expect("read").replace("  - scs-0100-v2-a.md", "  - scs-0100-v1-a.md");
    fs::write(&path, text).expect("write");
    let (after, _) = findings(&repo, &[]);
    assert!(after.is_subset(&before), "new: {:?}", after.difference(&before).collect::<Vec<_>>());
    assert!(!after.iter().any(|(rule, _)| rule == "replaces-cycle"), "{after:?}");
}

#[test]
fn legacy_keys_can_go() {
    let repo = Repo::new()
        .doc("scs-0100-v1-a.md", doc("A", "Draft", ""))
        .doc("scs-0110-v1-b.md", doc("B", "Draft", "enhances: scs-0100-v1-a.md\nauthors: A. Author\n"));
    let (before, list) = findings(&repo, &[]);
    let enhances = list
        .iter()
        .find(|d| d["rule"] == "legacy-key" && d["message"].as_str().is_some_and(|m| m.starts_with("`enhances`")));
    let message = enhances.and_then(|d| d["message"].as_str()).unwrap_or_default();
    assert!(message.contains("defined by no SCS text") && !message.contains("earlier document formats"), "{message}");
    let path = repo.path().join("Standards/scs-0110-v1-b.md");
    let text = fs::read_to_string(&path)
        .expect("read")
        .replace("enhances: scs-0100-v1-a.md\n", "")
        .replace("authors: A. Author\n", "");
    fs::write(&path, text).expect("write");
    let (after, _) = findings(&repo, &[]);
    assert!(after.is_subset(&before), "new: {:?}", after.difference(&before).collect::<Vec<_>>());
}

/// A renumbered accepted document: the help asks to make the references follow, not to go
/// back to a number another document may have, or the track's digit forbids.
#[test]
fn number_changed_references_follow() {
    let repo = Repo::new()
        .doc("scs-0212-v1-registries.md", doc_in("KaaS", "Registries", "Draft", ""))
        .doc("scs-0213-v1-other.md", doc_in("KaaS", "Other", "Draft", "replaces:\n  - scs-0212-v1-registries.md\n"));
    git(repo.path(), &["init", "-q"]);
    commit(&repo, "accepted", "2026-01-01T10:00:00Z");
    git(repo.path(), &["mv", "Standards/scs-0212-v1-registries.md", "Standards/scs-0218-v1-registries.md"]);
    commit(&repo, "renumber", "2026-02-01T10:00:00Z");
    let (before, list) = findings(&repo, &["--history"]);
    let help = help_of(&list, "number-changed");
    assert!(
        help.contains("make what still names `scs-0212-v1-registries.md`")
            && help.contains("name `scs-0218-v1-registries.md`"),
        "{help}"
    );
    let path = repo.path().join("Standards/scs-0213-v1-other.md");
    let text =
        fs::read_to_string(&path).expect("read").replace("scs-0212-v1-registries.md", "scs-0218-v1-registries.md");
    fs::write(&path, text).expect("write");
    let (after, _) = findings(&repo, &["--history"]);
    assert!(after.is_subset(&before), "new: {:?}", after.difference(&before).collect::<Vec<_>>());
}

/// A slug change: back to the old name when it is free (and the finding goes), no way back
/// when another document holds the old id now (the help names no action that would clash).
#[test]
fn slug_changed_goes_back_only_when_it_can() {
    let repo = Repo::new().doc("scs-0217-v1-baseline.md", doc_in("KaaS", "Baseline", "Draft", ""));
    git(repo.path(), &["init", "-q"]);
    commit(&repo, "accepted", "2026-01-01T10:00:00Z");
    git(repo.path(), &["mv", "Standards/scs-0217-v1-baseline.md", "Standards/scs-0217-v1-hardening.md"]);
    commit(&repo, "rename", "2026-02-01T10:00:00Z");
    let (before, list) = findings(&repo, &["--history"]);
    let help = help_of(&list, "slug-changed");
    assert!(help.starts_with("rename it back to `scs-0217-v1-baseline.md`"), "{help}");
    git(repo.path(), &["mv", "Standards/scs-0217-v1-hardening.md", "Standards/scs-0217-v1-baseline.md"]);
    let (after, _) = findings(&repo, &["--history"]);
    assert!(after.is_subset(&before), "new: {:?}", after.difference(&before).collect::<Vec<_>>());
    assert!(!after.iter().any(|(rule, _)| rule == "slug-changed"), "back at its name: {after:?}");

    // scs-0218-v1 came from scs-0212-v1-…, whose id another document holds now.
    let taken = Repo::new().doc("scs-0212-v1-registry.md", doc_in("KaaS", "Registry", "Draft", ""));
    git(taken.path(), &["init", "-q"]);
    commit(&taken, "accepted", "2026-01-01T10:00:00Z");
    git(taken.path(), &["mv", "Standards/scs-0212-v1-registry.md", "Standards/scs-0218-v1-registry-impl.md"]);
    fs::write(taken.path().join("Standards/scs-0212-v1-requirements.md"), doc_in("KaaS", "Requirements", "Draft", ""))
        .expect("write");
    commit(&taken, "rename and a new 0212", "2026-02-01T10:00:00Z");
    let (_, list) = findings(&taken, &["--history"]);
    let help = help_of(&list, "slug-changed");
    assert!(help.starts_with("the old name cannot come back: `scs-0212-v1-requirements.md` has its id now"), "{help}");
}

/// A document deleted and another of the same id added in one commit (content rewritten, so
/// git does not pair them) is that document renamed: `slug-changed`, not `id-reused`.
#[test]
fn a_rewritten_rename_is_a_slug_change() {
    let lines = |word: &str| -> String { (0..40).map(|i| format!("{word} rule {i}.\n")).collect() };
    let repo = Repo::new().doc("scs-0217-v1-baseline.md", doc_in("KaaS", "Baseline", "Draft", "") + &lines("Baseline"));
    git(repo.path(), &["init", "-q"]);
    commit(&repo, "accepted", "2026-01-01T10:00:00Z");
    fs::remove_file(repo.path().join("Standards/scs-0217-v1-baseline.md")).expect("remove");
    fs::write(
        repo.path().join("Standards/scs-0217-v1-cluster-hardening.md"),
        doc_in("KaaS", "Hardening", "Draft", "") + &lines("Hardening"),
    )
    .expect("write");
    commit(&repo, "Cluster hardening, previously baseline security", "2026-02-01T10:00:00Z");
    let (_, list) = findings(&repo, &["--history"]);
    let rules: Vec<&str> = list.iter().filter_map(|d| d["rule"].as_str()).collect();
    assert!(rules.contains(&"slug-changed"), "{rules:?}");
    assert!(!rules.contains(&"id-reused") && !rules.contains(&"document-deleted"), "{rules:?}");
}

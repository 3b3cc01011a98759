//! The authoring commands end to end: a document's life from proposal to a successor, with
//! every file pinned at each step, and `scs check` clean at the end.

use std::fs;
use std::path::Path;

use crate::support::{Repo, scs, workspace};

/// Every file of Standards/, name and text, for a snapshot.
fn files(repo: &Path) -> String {
    let mut names: Vec<_> =
        fs::read_dir(repo.join("Standards")).expect("read").flatten().map(|e| e.file_name()).collect();
    names.sort();
    names
        .iter()
        .map(|n| {
            format!(
                "== {}\n{}",
                n.to_string_lossy(),
                fs::read_to_string(repo.join("Standards").join(n)).unwrap_or_default()
            )
        })
        .collect()
}

fn ok(args: &[&str], repo: &Repo) -> String {
    let run = scs(args, repo.path());
    assert_eq!(run.code, 0, "scs {args:?}: {}{}", run.stdout, run.stderr);
    run.stdout
}

#[test]
fn round_trip_from_proposal_to_successor() {
    let repo = Repo::new().doc(
        "scs-0110-v1-volumes.md",
        "---\ntitle: Volumes\ntype: Procedural  # how volumes are named\nstatus: Stable\ntrack: IaaS\nstabilized_at: 2024-01-01\n---\n\n## Introduction\n",
    );
    assert_eq!(
        ok(&["new", "--type", "standard", "--track", "IaaS", "--title", "Volume Snapshots"], &repo),
        "Standards/scs-xxxx-v1-volume-snapshots.md\n"
    );
    ok(
        &[
            "new",
            "--type",
            "supplement",
            "--title",
            "Snapshot tests",
            "--supplements",
            "scs-xxxx-v1-volume-snapshots.md",
        ],
        &repo,
    );
    insta::assert_snapshot!("authoring_1_new", files(repo.path()));

    assert!(ok(&["number", "Standards/scs-xxxx-v1-volume-snapshots.md", "--dry-run"], &repo).starts_with("would give"));
    assert!(repo.path().join("Standards/scs-xxxx-v1-volume-snapshots.md").exists(), "a dry run changes nothing");
    ok(&["number", "scs-xxxx-v1-volume-snapshots.md"], &repo);
    insta::assert_snapshot!("authoring_2_number", files(repo.path()));

    // DOC, then the repository as a PATH argument (here: the current folder).
    ok(&["stabilize", "scs-0111-v1", ".", "--date", "2026-12-01"], &repo);
    ok(&["new", "--type", "standard", "--title", "Volume Snapshots", "--supersedes", "scs-0111-v1"], &repo);
    ok(&["stabilize", "scs-0111-v2", "--date", "2027-03-01", "--deprecate-replaced"], &repo);
    insta::assert_snapshot!("authoring_3_stabilize", files(repo.path()));

    let check = scs(&["check"], repo.path());
    assert_eq!((check.code, check.stdout.as_str()), (0, "4 documents checked: no findings\n"), "{}", check.stdout);
    let list = ok(&["list", "--today", "2026-12-15", "--format", "markdown"], &repo);
    assert!(
        list.contains("| 0111 | IaaS | Volume Snapshots |  | scs-0111-v2 | scs-0111-v1 |  |  | scs-0111-w1 |"),
        "{list}"
    );
}

#[test]
fn refused_steps_and_missing_documents_exit_with_2() {
    let repo = Repo::new().doc(
        "scs-0110-v1-a.md",
        "---\ntitle: A\ntype: Procedural\nstatus: Rejected\ntrack: IaaS\nrejected_at: 2025-01-01\n---\n",
    );
    let before = fs::read_to_string(repo.path().join("Standards/scs-0110-v1-a.md")).expect("read");
    let run = scs(&["stabilize", "scs-0110-v1"], repo.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("Rejected → Stable is not a step of SCS-0001"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(repo.path().join("Standards/scs-0110-v1-a.md")).expect("read"), before);
    let run = scs(&["deprecate", "scs-0999-v1", "--date", "2026-01-01"], repo.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("there is no document `scs-0999-v1`"), "{}", run.stderr);
    let run = scs(&["new", "--type", "standard", "--track", "IaaS", "--title", "A"], repo.path());
    assert_eq!(run.code, 0);
    let again = scs(&["new", "--type", "standard", "--track", "IaaS", "--title", "A"], repo.path());
    assert_eq!(again.code, 2, "never overwrites");
    assert!(again.stderr.contains("exists already"), "{}", again.stderr);
}

#[test]
fn graph_of_the_example_repository() {
    let run = scs(&["graph", "standards"], &workspace());
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("flowchart LR\n"));
    assert!(
        run.stdout.contains("scs_0110_v2_volume_encryption -->|replaces| scs_0110_v1_volume_encryption"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("scs_0110_w1_volume_encryption_testing -.->|supplements| scs_0110_v2_volume_encryption")
    );
    let dot = scs(&["graph", "--format", "dot", "--repository", "standards"], &workspace());
    assert!(dot.stdout.starts_with("digraph scs {") && dot.stdout.trim_end().ends_with('}'));
}

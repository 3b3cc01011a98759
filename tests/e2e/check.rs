//! `scs check` on fixture repositories: output, JSON positions, file selection, exit codes.

use std::fs;

use crate::support::{GOOD, Repo, places, scs, workspace};

#[test]
fn example_repository_is_clean() {
    let run = scs(&["check", "standards"], &workspace());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "9 documents checked: no findings\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn human_output_of_a_broken_repository() {
    let run = scs(&["check", "tests/fixtures/broken"], &workspace());
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("broken_human", run.stdout);
}

#[test]
fn json_output_parses_back_and_points_at_the_offending_text() {
    let root = workspace().join("tests/fixtures/broken");
    let run = scs(&["check", "--format", "json", "."], &root);
    assert_eq!(run.code, 1);
    let report = run.json();
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    insta::assert_json_snapshot!("broken_json", report);
    for d in diagnostics {
        for key in ["rule", "severity", "path", "message"] {
            assert!(d[key].is_string(), "{key} in {d}");
        }
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(d[key].as_u64().is_some_and(|n| n >= 1), "{key} in {d}");
        }
    }
    // Each located finding starts at the text it is about.
    let at = |rule: &str, path: &str| {
        let d = diagnostics.iter().find(|d| d["rule"] == rule && d["path"] == path).expect("finding");
        let text = fs::read_to_string(root.join(path)).expect("read");
        let line = text.lines().nth(d["line"].as_u64().unwrap_or(1) as usize - 1).unwrap_or("");
        let col = d["column"].as_u64().unwrap_or(1) as usize - 1;
        let end = d["end_column"].as_u64().unwrap_or(1) as usize - 1;
        line.chars().skip(col).take(end - col).collect::<String>()
    };
    assert_eq!(at("invalid-status", "Standards/scs-0100-v2-flavors.md"), "stable");
    assert_eq!(at("replaces-not-list", "Standards/scs-0100-v2-flavors.md"), "scs-0100-v1-flavors.md");
    assert_eq!(at("invalid-date", "Standards/scs-0100-v1-flavors.md"), "2023-02-30");
    assert_eq!(at("supplement-status", "Standards/scs-0100-w1-flavors-testing.md"), "status");
    assert_eq!(at("invalid-track", "Standards/scs-0200-v1-clusters.md"), "Kaas");
    assert_eq!(report["summary"]["documents"], 4);
    assert_eq!(
        report["summary"]["errors"].as_u64(),
        Some(diagnostics.iter().filter(|d| d["severity"] == "error").count() as u64)
    );
}

#[test]
fn single_files_are_checked_against_the_repository_and_reported_alone() {
    let repo = Repo::new()
        .doc("scs-0100-v1-a.md", GOOD)
        .doc("scs-0100-w1-a.md", "---\ntitle: W\ntype: Supplement\nsupplements:\n  - scs-0100-v1-a.md\n---\n")
        .doc("scs-0200-v1-b.md", "---\ntitle: B\ntype: Procedural\nstatus: Draft\ntrack: Nowhere\n---\n");
    // The supplement's reference resolves although only the supplement is named.
    let run = scs(&["check", "Standards/scs-0100-w1-a.md"], repo.path());
    assert_eq!((run.code, run.stdout.as_str()), (0, "1 of 3 documents checked: no findings\n"));
    // From inside Standards/, two files, one of them with an error.
    let inside = repo.path().join("Standards");
    let run = scs(&["check", "--format", "json", "scs-0100-w1-a.md", "scs-0200-v1-b.md"], &inside);
    assert_eq!(run.code, 1);
    let diagnostics = run.json()["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(places(&diagnostics), [("invalid-track".to_owned(), "../Standards/scs-0200-v1-b.md".to_owned(), 5, 8)]);
}

#[test]
fn discovers_the_repository_from_a_subfolder() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", GOOD);
    fs::create_dir(repo.path().join("Tests")).expect("mkdir");
    let run = scs(&["check"], &repo.path().join("Tests"));
    assert_eq!((run.code, run.stdout.as_str()), (0, "1 document checked: no findings\n"));
}

#[test]
fn warnings_pass_unless_denied() {
    let repo = Repo::new()
        .doc(
            "scs-0100-v1-a.md",
            GOOD.replace("Stable", "Deprecated").replace(
                "stabilized_at: 2024-01-01",
                "stabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\nreplaced_by:\n  - scs-0100-v2-a.md",
            ),
        )
        .doc("scs-0100-v2-a.md", GOOD.replace("---\n\n", "replaces: scs-0100-v1-a.md\n---\n\n"));
    let run = scs(&["check"], repo.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.ends_with("2 documents checked: 0 errors, 1 warning (1 fixable with `scs check --fix`)\n"),
        "{}",
        run.stdout
    );
    let run = scs(&["check", "--deny-warnings"], repo.path());
    assert_eq!(run.code, 1);
}

#[test]
fn usage_and_io_failures_exit_with_2() {
    let repo = Repo::new();
    let run = scs(&["check", "no/such/path"], repo.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no/such/path: no such file or folder"), "{}", run.stderr);
    assert_eq!(run.stdout, "");

    let run = scs(&["check", "Standards/.."], &repo.path().join("Standards"));
    assert_eq!(run.code, 2, "{}", run.stderr);

    let empty = tempfile::tempdir().expect("tempdir");
    let run = scs(&["check"], empty.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no Standards/ folder"), "{}", run.stderr);

    let run = scs(&["check", "--format", "xml"], repo.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid value 'xml'"), "{}", run.stderr);
}

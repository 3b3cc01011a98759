//! The command line itself: help, version, rules and explanations.

use crate::support::{scs, workspace};

#[test]
fn version_and_help() {
    let run = scs(&["--version"], &workspace());
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, format!("scs {}\n", env!("CARGO_PKG_VERSION")));

    let run = scs(&["check", "--help"], &workspace());
    assert_eq!(run.code, 0);
    for option in ["--format", "--color", "--deny-warnings", "Standards/", "[PATHS]..."] {
        assert!(run.stdout.contains(option), "check --help lacks {option}:\n{}", run.stdout);
    }
    let run = scs(&["--help"], &workspace());
    assert!(run.stdout.contains("Exit codes: 0"), "{}", run.stdout);
}

#[test]
fn rules_lists_every_rule() {
    let run = scs(&["rules"], &workspace());
    assert_eq!(run.code, 0);
    let ids: Vec<&str> = run.stdout.lines().filter_map(|l| l.split_whitespace().next()).collect();
    for id in ["file-name", "invalid-type", "replaces-not-list", "duplicate-stable", "invalid-yaml"] {
        assert!(ids.contains(&id), "{id} missing from:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("replaces-not-list       warning"), "{}", run.stdout);
}

#[test]
fn explain_prints_examples_or_suggests() {
    let run = scs(&["explain", "replaces-not-list"], &workspace());
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("replaces-not-list (warning by default)"), "{}", run.stdout);
    assert!(run.stdout.contains("Fails:") && run.stdout.contains("Passes:"));

    let run = scs(&["explain", "replace-not-list"], &workspace());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `replaces-not-list`?"), "{}", run.stderr);
}

#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).expect("README.md");
    let run = scs(&["rules"], &workspace());
    for line in run.stdout.lines() {
        let mut parts = line.split_whitespace();
        let (Some(id), Some(severity)) = (parts.next(), parts.next()) else { continue };
        assert!(readme.contains(&format!("| `{id}` | {severity} |")), "README's rule table lacks `{id}` ({severity})");
    }
}

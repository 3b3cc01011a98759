//! Issue 32: what the README promises of the command line, for each defect a new user met.

use std::fs;
use std::io::Read;

use crate::support::{Repo, git_init_commit, scs};

fn doc(status: &str) -> String {
    format!("---\ntitle: A\ntype: Procedural\nstatus: {status}\ntrack: IaaS\n---\n\n## Introduction\n\nText.\n")
}

/// "Options that would do nothing are refused."
#[test]
fn options_that_would_do_nothing_are_refused() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Draft"));
    for (args, says) in [
        (&["check", "--color", "always", "--format", "json"][..], "--color applies to the human output only"),
        (&["check", "--default-branch", "main"], "--default-branch says which commits count as accepted"),
        (&["check", "--deny-warnings", "--write-baseline", "b.json"], "cannot be used with"),
        (&["check", "--select", "broken-link", "--ignore", "broken-link"], "leaves no rule to run"),
        (&["check", "--select", "links", "--ignore", "links"], "leaves no rule to run"),
    ] {
        let run = scs(args, repo.path());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    assert!(!repo.path().join("b.json").exists());
    assert_eq!(scs(&["check", "--color", "never"], repo.path()).code, 0);
}

/// A typo in `--base` exits 2, as one in `--changed-since` does.
#[test]
fn a_base_that_names_nothing_is_a_usage_error() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Draft"));
    git_init_commit(repo.path(), "base");
    let run = scs(&["check", "--base", "mian"], repo.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`mian`"), "{}", run.stderr);
    let changed = scs(&["check", "--changed-since", "mian"], repo.path());
    assert_eq!(changed.code, 2, "{}", changed.stderr);
}

/// `--changed-since` counted any changed file (the Action's own scs.sarif) as a document.
#[test]
fn only_documents_count_as_checked() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Draft"));
    git_init_commit(repo.path(), "base");
    fs::write(repo.path().join("scs.sarif"), "{}").expect("write");
    let run = scs(&["check", "--changed-since", "HEAD"], repo.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 of 1 document checked"), "{}", run.stdout);
}

/// `--diff` run from a subfolder wrote `a//tmp/…` headers that `git apply` rejects.
#[test]
fn a_diff_from_a_subfolder_applies_at_the_root() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Proposal"));
    git_init_commit(repo.path(), "base");
    let run = scs(&["check", "--diff"], &repo.path().join("Standards"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("--- a/Standards/scs-0100-v1-a.md\n+++ b/Standards/scs-0100-v1-a.md"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("//"), "{}", run.stdout);
    fs::write(repo.path().join("fix.patch"), &run.stdout).expect("write");
    crate::support::git(repo.path(), &["apply", "fix.patch"]);
    assert!(
        fs::read_to_string(repo.path().join("Standards/scs-0100-v1-a.md")).expect("read").contains("status: Draft")
    );
}

/// `scs site --format json | head` printed "Broken pipe" and exited 2.
#[test]
fn a_reader_that_goes_away_is_no_failure() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Draft"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(["site", "--format", "json"])
        .current_dir(repo.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("scs runs");
    let mut first = [0u8; 1];
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("a byte");
    // The reader is gone (dropped above); scs ends without a complaint.
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("Broken pipe") && !stderr.contains("broken pipe"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// Values of `list` and `new` get "did you mean"; `new` says when `--track` is needed.
#[test]
fn values_are_suggested_and_requirements_said() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Draft"));
    let run = scs(&["list", "--status", "Stabel"], repo.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `Stable`?"), "{}", run.stderr);
    let track = scs(&["list", "--track", "Kaas2"], repo.path());
    assert!(track.stderr.contains("is not a track"), "{}", track.stderr);
    let new = scs(&["new", "--type", "standard", "--title", "X"], repo.path());
    assert_eq!(new.code, 2, "{}", new.stderr);
    assert!(new.stderr.contains("--track is needed for a document that builds on no other"), "{}", new.stderr);
}

/// `baseline = "…"` in scs.toml before the file exists made every command fail with exit 2,
/// `--write-baseline` included.
#[test]
fn a_configured_baseline_may_not_exist_yet() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Draft"));
    fs::write(repo.path().join("scs.toml"), "baseline = \"scs-baseline.json\"\n").expect("write");
    let first = scs(&["check"], repo.path());
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stderr.contains("does not exist yet"), "{}", first.stderr);
    let write = scs(&["check", "--write-baseline", "scs-baseline.json"], repo.path());
    assert_eq!(write.code, 0, "{}", write.stderr);
    assert!(repo.path().join("scs-baseline.json").is_file());
    let then = scs(&["check"], repo.path());
    assert_eq!((then.code, then.stderr.as_str()), (0, ""));
    // A baseline named on the command line must be there.
    let named = scs(&["check", "--baseline", "gone.json"], repo.path());
    assert_eq!(named.code, 2, "{}", named.stderr);
}

/// `scs explain links` did not know the group; human output showed severity only as a glyph.
#[test]
fn groups_are_explained_and_severities_are_words() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Draft") + "\n[x](scs-0999-v1-gone.md)\n");
    let run = scs(&["explain", "links"], repo.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("links (a group of rules"), "{}", run.stdout);
    assert!(run.stdout.contains("broken-link"), "{}", run.stdout);
    let unknown = scs(&["explain", "linkz"], repo.path());
    assert!(unknown.stderr.contains("did you mean `links`?"), "{}", unknown.stderr);
    let human = scs(&["check", "--color", "never"], repo.path());
    assert!(human.stdout.contains("error[broken-link]"), "{}", human.stdout);
}

/// What ruff users reach for: --statistics, "N fixable", --show-settings, --exit-zero, -q.
#[test]
fn the_conveniences_of_a_linter() {
    let repo =
        Repo::new().doc("scs-0100-v1-a.md", doc("Proposal") + "\n[x](scs-0999-v1-gone.md)\n[y](scs-0998-v1-gone.md)\n");
    let plain = scs(&["check", "--format", "concise"], repo.path());
    assert_eq!(plain.code, 1, "{}", plain.stderr);
    assert!(plain.stdout.ends_with("(1 fixable with `scs check --fix`)\n"), "{}", plain.stdout);
    let stats = scs(&["check", "--statistics"], repo.path());
    assert_eq!(stats.code, 1);
    assert!(stats.stdout.starts_with("     2  broken-link                  error\n"), "{}", stats.stdout);
    let zero = scs(&["check", "--exit-zero", "--format", "concise"], repo.path());
    assert_eq!(zero.code, 0);
    assert!(zero.stdout.contains("error[broken-link]"), "{}", zero.stdout);
    let quiet = scs(&["check", "-q", "--format", "concise"], repo.path());
    assert!(!quiet.stdout.contains("checked"), "{}", quiet.stdout);
    assert_eq!(quiet.stdout.lines().count(), 3, "{}", quiet.stdout);
    let settings = scs(&["check", "--show-settings", "--ignore", "links"], repo.path());
    assert_eq!(settings.code, 0, "{}", settings.stderr);
    assert!(settings.stdout.contains("  broken-link                  off\n"), "{}", settings.stdout);
    assert!(settings.stdout.contains("configuration: none (the defaults)"), "{}", settings.stdout);
    let clean = Repo::new().doc("scs-0100-v1-a.md", doc("Draft"));
    assert_eq!(scs(&["check", "-q"], clean.path()).stdout, "", "nothing when there is nothing");
}

/// `--config` worked on 2 of the 11 commands that open a repository.
#[test]
fn every_command_that_opens_a_repository_takes_config() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Draft"));
    fs::write(repo.path().join("other.toml"), "[rules]\nslug-fromat = \"off\"\n").expect("write");
    for command in
        ["check", "report", "review", "site", "new", "number", "stabilize", "deprecate", "reject", "list", "graph"]
    {
        let help = scs(&[command, "--help"], repo.path());
        assert!(help.stdout.contains("--config <FILE>"), "{command}: {}", help.stdout);
    }
    for args in [
        &["list", "--config", "other.toml"][..],
        &["graph", "--config", "other.toml"],
        &["site", "--config", "other.toml", "--format", "json"],
        &["report", "--offline", "--config", "other.toml"],
    ] {
        let run = scs(args, repo.path());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("other.toml") && run.stderr.contains("slug-fromat"), "{args:?}: {}", run.stderr);
    }
}

/// `scs check - --stdin-filename PATH`: an unsaved buffer checked as the file at PATH.
#[test]
fn a_document_from_standard_input() {
    use std::io::Write as _;
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Draft")).doc("scs-0101-v1-b.md", doc("Draft"));
    let run = |args: &[&str], input: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scs"))
            .args(args)
            .current_dir(repo.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("scs runs");
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
        child.wait_with_output().expect("wait")
    };
    let broken = doc("Draft") + "\n[x](scs-0999-v1-gone.md) [b](scs-0101-v1-b.md)\n";
    let out = run(&["check", "-", "--stdin-filename", "Standards/scs-0100-v1-a.md", "--format", "concise"], &broken);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("Standards/scs-0100-v1-a.md:12:1: error[broken-link]"), "{stdout}");
    assert!(stdout.contains("1 of 2 documents checked"), "the link to b resolves against the repository: {stdout}");
    assert_eq!(
        fs::read_to_string(repo.path().join("Standards/scs-0100-v1-a.md")).expect("read"),
        doc("Draft"),
        "the file is untouched"
    );
    // A new, unsaved document, and the mistakes of the options.
    let new = run(&["check", "-", "--stdin-filename", "Standards/scs-0102-v1-new.md"], &doc("Draft"));
    assert_eq!(new.status.code(), Some(0), "{}", String::from_utf8_lossy(&new.stderr));
    let no_name = run(&["check", "-"], "");
    assert_eq!(no_name.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_name.stderr).contains("--stdin-filename"));
    let not_a_document = run(&["check", "-", "--stdin-filename", "README.md"], "");
    assert_eq!(not_a_document.status.code(), Some(2));
}

//! How scs runs around a repository: as a pre-commit hook on staged files, on the documents
//! changed since a git reference, and fixing what is mechanical.

use std::fs;
use std::path::PathBuf;

use crate::support::{GOOD, Repo, git, places, scs};

fn committed_repo() -> Repo {
    let repo = Repo::new()
        .doc("scs-0100-v1-flavors.md", GOOD)
        .doc(
            "scs-0100-w1-flavors-notes.md",
            "---\ntitle: Notes\ntype: Supplement\nsupplements:\n  - scs-0100-v1-flavors.md\n---\n",
        )
        .doc("scs-0101-v1-entropy.md", GOOD);
    crate::support::git_init_commit(repo.path(), "initial");
    repo
}

#[test]
fn pre_commit_checks_the_staged_files_against_the_repository() {
    let repo = committed_repo();
    // Staged: a new document with an error, and an edited supplement whose reference must
    // resolve against an unstaged, unchanged document.
    fs::write(repo.path().join("Standards/scs-0102-v1-new.md"), GOOD.replace("track: IaaS", "track: Iaas"))
        .expect("write");
    fs::write(
        repo.path().join("Standards/scs-0100-w1-flavors-notes.md"),
        "---\ntitle: Notes, edited\ntype: Supplement\nsupplements:\n  - scs-0100-v1-flavors.md\n---\n",
    )
    .expect("write");
    git(repo.path(), &["add", "-A"]);
    let staged = git(repo.path(), &["diff", "--cached", "--name-only"]);
    let files: Vec<&str> = staged.lines().collect();
    assert_eq!(files, ["Standards/scs-0100-w1-flavors-notes.md", "Standards/scs-0102-v1-new.md"]);

    // pre-commit runs the hook from the repository root with the staged paths.
    let mut args = vec!["check"];
    args.extend(&files);
    let run = scs(&args, repo.path());
    assert_eq!(run.code, 1, "an error fails the commit:\n{}", run.stdout);
    assert!(run.stdout.ends_with("2 of 4 documents checked: 1 error, 0 warnings\n"), "{}", run.stdout);
    assert!(run.stdout.contains("found `Iaas`"));

    // The same from a subfolder of the repository, with paths relative to it.
    let inside = repo.path().join("Standards");
    let run = scs(&["check", "scs-0102-v1-new.md", "scs-0100-w1-flavors-notes.md"], &inside);
    assert_eq!(run.code, 1);

    // Fixed and staged again: the hook passes.
    fs::write(repo.path().join("Standards/scs-0102-v1-new.md"), GOOD).expect("write");
    git(repo.path(), &["add", "-A"]);
    let run = scs(&args, repo.path());
    assert_eq!((run.code, run.stdout.as_str()), (0, "2 of 4 documents checked: no findings\n"));

    // A staged certificate scope is a valid argument too; other files are refused clearly.
    fs::create_dir(repo.path().join("Tests")).expect("mkdir");
    fs::write(repo.path().join("Tests/scs-compatible-x.yaml"), "name: x\n").expect("write");
    let run = scs(&["check", "--select", "scope-schema", "Tests/scs-compatible-x.yaml"], repo.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    let run = scs(&["check", "README.md"], repo.path());
    assert_eq!(run.code, 2);
}

#[test]
fn changed_since_reports_added_modified_and_renamed_documents() {
    let repo = committed_repo();
    let bad = |text: &str| text.replace("track: IaaS", "track: Moon");
    fs::write(repo.path().join("Standards/scs-0101-v1-entropy.md"), bad(GOOD)).expect("modify");
    fs::write(repo.path().join("Standards/scs-0103-v1-untracked.md"), bad(GOOD)).expect("add");
    git(repo.path(), &["mv", "Standards/scs-0100-v1-flavors.md", "Standards/scs-0100-v1-renamed.md"]);
    let (run, diagnostics) = {
        let run = scs(&["check", "--changed-since", "HEAD", "--format", "json"], repo.path());
        let d = run.json()["diagnostics"].as_array().cloned().unwrap_or_default();
        (run, d)
    };
    assert_eq!(run.code, 1);
    let paths: Vec<String> = places(&diagnostics).into_iter().map(|p| format!("{} {}", p.1, p.0)).collect();
    // The renamed document is checked too (it has no finding); the supplement, which now
    // names a missing file, did not change and is not reported.
    assert_eq!(
        paths,
        ["Standards/scs-0101-v1-entropy.md invalid-track", "Standards/scs-0103-v1-untracked.md invalid-track"]
    );
    assert_eq!(run.json()["summary"]["documents"], 4);
    let human = scs(&["check", "--changed-since", "HEAD"], repo.path());
    assert!(human.stdout.ends_with("3 of 4 documents checked: 2 errors, 0 warnings\n"), "{}", human.stdout);

    let run = scs(&["check", "--changed-since", "no-such-branch"], repo.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`no-such-branch` is not a commit, branch or tag"), "{}", run.stderr);
    let not_git = Repo::new().doc("scs-0100-v1-a.md", GOOD);
    assert_eq!(scs(&["check", "--changed-since", "HEAD"], not_git.path()).code, 2);
}

fn corpus_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = crate::support::copy_repository(&crate::shared_corpus::corpus());
    let copy = dir.path().to_path_buf();
    (dir, copy)
}

#[test]
fn fix_on_the_real_repository_changes_exactly_what_the_diff_shows() {
    let (_dir, copy) = corpus_copy();
    let original = crate::shared_corpus::corpus();

    let preview = scs(&["check", "--diff", "."], &copy);
    assert_eq!(preview.code, 1, "fixes are pending: {}", preview.stderr);
    insta::assert_snapshot!("corpus_fix_diff", preview.stdout);

    let fixed = scs(&["check", "--fix", "--format", "json", "."], &copy);
    assert!(fixed.stderr.contains("fixed 12 findings in 12 files"), "{}", fixed.stderr);
    let report = fixed.json();
    let rules: Vec<&str> =
        report["diagnostics"].as_array().expect("list").iter().filter_map(|d| d["rule"].as_str()).collect();
    for gone in ["replaces-not-list", "reference-not-list"] {
        assert!(!rules.contains(&gone), "{gone} is fixed");
    }
    for parse_rule in ["invalid-yaml", "front-matter-unclosed", "front-matter-missing", "invalid-utf8"] {
        assert!(!rules.contains(&parse_rule), "every fixed file still parses");
    }

    // The files changed are exactly the ones the preview showed, and only as it showed.
    let mut changed = Vec::new();
    for entry in fs::read_dir(copy.join("Standards")).expect("read").flatten() {
        let before = fs::read(original.join("Standards").join(entry.file_name())).expect("original");
        let after = fs::read(entry.path()).expect("fixed");
        if before != after {
            let (before, after) = (String::from_utf8_lossy(&before), String::from_utf8_lossy(&after));
            let name = format!("Standards/{}", entry.file_name().to_string_lossy());
            let diff = similar::TextDiff::from_lines(before.as_ref(), after.as_ref());
            changed.push((
                name.clone(),
                diff.unified_diff().context_radius(2).header(&format!("a/{name}"), &format!("b/{name}")).to_string(),
            ));
        }
    }
    changed.sort();
    assert_eq!(changed.len(), 12);
    assert_eq!(changed.into_iter().map(|(_, d)| d).collect::<String>(), preview.stdout);

    // A second run finds nothing more to fix.
    let again = scs(&["check", "--diff", "."], &copy);
    assert_eq!((again.code, again.stdout.as_str()), (0, ""));
    let again = scs(&["check", "--fix", "."], &copy);
    assert!(!again.stderr.contains("fixed"), "{}", again.stderr);
}

#[test]
fn fix_never_touches_files_with_parse_problems() {
    let broken = "---\ntitle: X\ntype: Standard\nstatus: Proposal\nstatus: Draft\n---\n";
    let repo = Repo::new().doc("scs-0100-v1-a.md", broken).doc("scs-0101-v1-b.md", GOOD.replace("Stable", "Proposal"));
    let run = scs(&["check", "--fix"], repo.path());
    assert!(run.stderr.contains("fixed 1 findings in 1 files"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(repo.path().join("Standards/scs-0100-v1-a.md")).expect("read"), broken);
    assert!(
        fs::read_to_string(repo.path().join("Standards/scs-0101-v1-b.md")).expect("read").contains("status: Draft")
    );
}

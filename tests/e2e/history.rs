//! The history rules on real git repositories scripted in temporary folders: one history per
//! rule, renames, merges, a pull request against its base, a shallow clone, and what happens
//! without a usable history.

use std::fs;
use std::path::Path;

use crate::support::{Repo, Run, git, git_with, scs};

/// A git repository whose commits are made one day apart, so that their ids and dates are
/// the same on every run.
struct Script {
    repo: Repo,
    day: std::cell::Cell<u32>,
}

impl Script {
    fn new() -> Self {
        let repo = Repo::new();
        git(repo.path(), &["init", "-q"]);
        Self { repo, day: std::cell::Cell::new(0) }
    }

    fn path(&self) -> &Path {
        self.repo.path()
    }

    fn write(&self, name: &str, text: &str) -> &Self {
        // `git rm` of the last document removes the folder too.
        fs::create_dir_all(self.path().join("Standards")).expect("mkdir");
        fs::write(self.path().join("Standards").join(name), text).expect("write");
        self
    }

    fn git(&self, args: &[&str]) -> String {
        git(self.path(), args)
    }

    fn mv(&self, from: &str, to: &str) -> &Self {
        self.git(&["mv", &format!("Standards/{from}"), &format!("Standards/{to}")]);
        self
    }

    /// Commits everything with `subject`, dated one day after the previous commit.
    fn commit(&self, subject: &str) -> &Self {
        self.git(&["add", "-A"]);
        let date = self.next_day();
        let env = [("GIT_AUTHOR_DATE", date.as_str()), ("GIT_COMMITTER_DATE", date.as_str())];
        git_with(self.path(), &["commit", "-q", "--allow-empty", "-m", subject], &env);
        self
    }

    /// Merges `branch` into the current branch with a merge commit.
    fn merge(&self, branch: &str, subject: &str) -> &Self {
        let date = self.next_day();
        let env = [("GIT_AUTHOR_DATE", date.as_str()), ("GIT_COMMITTER_DATE", date.as_str())];
        git_with(self.path(), &["merge", "-q", "--no-ff", "-m", subject, branch], &env);
        self
    }

    /// The date of the next commit: one day after the last.
    fn next_day(&self) -> String {
        self.day.set(self.day.get() + 1);
        format!("2025-01-{:02}T12:00:00Z", self.day.get())
    }

    /// `scs check ARGS --select history --format concise` (history findings only).
    fn check(&self, args: &[&str]) -> Run {
        let mut all = vec!["check", "--select", "history", "--format", "concise"];
        all.extend(args);
        scs(&all, self.path())
    }
}

fn doc(status: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: Flavors\ntype: Standard\nstatus: {status}\ntrack: IaaS\n{extra}---\n\n## Introduction\n\n{body}\n"
    )
}

/// The finding lines of a concise run, without the summary and with commit ids masked.
fn findings(run: &Run) -> String {
    let ids = regex::Regex::new(r"commit [0-9a-f]{7,}").expect("regex");
    run.stdout
        .lines()
        .filter(|l| l.starts_with("Standards/"))
        .map(|l| ids.replace_all(l, "commit <id>").into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn slug_changed_after_acceptance_names_both_commits() {
    let s = Script::new();
    s.write("scs-xxxx-v1-flavors.md", &doc("Draft", "", "one")).commit("Propose flavors");
    s.mv("scs-xxxx-v1-flavors.md", "scs-0100-v1-flavors.md").commit("Accept flavors as scs-0100");
    // Renamed and edited in one commit: git still sees the rename.
    s.mv("scs-0100-v1-flavors.md", "scs-0100-v1-flavours.md");
    s.write("scs-0100-v1-flavours.md", &doc("Draft", "", "one, and a new paragraph")).commit("Spell it British");
    let run = s.check(&["--history"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    insta::assert_snapshot!(findings(&run), @r#"Standards/scs-0100-v1-flavours.md:1:1: error[slug-changed] renamed from `scs-0100-v1-flavors.md` to `scs-0100-v1-flavours.md` in commit <id> (2025-01-03, "Spell it British"), but the slug of an accepted document does not change (the default branch had it under its number in commit <id> (2025-01-02, "Accept flavors as scs-0100"))"#);
}

/// git pairs `scs-0100-v1-a.md` → `scs-0150-v1-b.md` by content while the same commit adds a
/// new `scs-0100-v1-c.md`: the id scs-0100-v1 now names another slug, whatever git paired.
#[test]
fn identity_follows_the_content_and_a_taken_over_id_is_information_of_its_own() {
    // Issue 20, items 4 and 8: a moves to another number and slug (git pairs the content);
    // c is a different document that takes the free number afterwards.
    let s = Script::new();
    let text = doc("Draft", "", "The same words, so that git sees a rename.");
    s.write("scs-0100-v1-a.md", &text).commit("Add a as scs-0100");
    s.mv("scs-0100-v1-a.md", "scs-0150-v1-b.md");
    s.write("scs-0100-v1-c.md", &doc("Draft", "", "Entirely different words for another document."))
        .commit("Move a to 0150 as b, add c as 0100");
    let log = s.git(&["log", "-1", "--name-status", "-M", "--format="]);
    assert!(log.contains("R100\tStandards/scs-0100-v1-a.md\tStandards/scs-0150-v1-b.md"), "git pairs them: {log}");
    let run = s.check(&["--history"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    insta::assert_snapshot!(findings(&run), @r#"
    Standards/scs-0100-v1-c.md:1:1: info[id-reused] `scs-0100-v1-c.md` has the id scs-0100-v1, which the default branch gave `scs-0100-v1-a.md` in commit <id> (2025-01-01, "Add a as scs-0100") until it left it; links to that address now show this document
    Standards/scs-0150-v1-b.md:1:1: info[number-changed] renamed from `scs-0100-v1-a.md` to `scs-0150-v1-b.md` in commit <id> (2025-01-02, "Move a to 0150 as b, add c as 0100"): the number of a document accepted in commit <id> (2025-01-01, "Add a as scs-0100") changed; links and references by the old name no longer reach it
    Standards/scs-0150-v1-b.md:1:1: error[slug-changed] renamed from `scs-0100-v1-a.md` to `scs-0150-v1-b.md` in commit <id> (2025-01-02, "Move a to 0150 as b, add c as 0100"), but the slug of an accepted document does not change (the default branch had it under its number in commit <id> (2025-01-01, "Add a as scs-0100"))
    "#);

    // The same with the change on a branch under review, checked against its base.
    let s = Script::new();
    s.write("scs-0100-v1-a.md", &text).commit("Add a as scs-0100");
    s.git(&["branch", "-M", "main"]);
    s.git(&["checkout", "-q", "-b", "review"]);
    s.mv("scs-0100-v1-a.md", "scs-0150-v1-b.md");
    s.write("scs-0100-v1-c.md", &doc("Draft", "", "Entirely different words for another document."))
        .commit("Move and add");
    let run = s.check(&["--base", "main"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Standards/scs-0150-v1-b.md:1:1: error[slug-changed]"), "{}", run.stdout);
    assert!(run.stdout.contains("Standards/scs-0100-v1-c.md:1:1: info[id-reused]"), "{}", run.stdout);
    assert!(!run.stdout.contains("scs-0100-v1-c.md:1:1: error[slug-changed]"), "{}", run.stdout);

    // Deleted and written anew under another slug: the id was taken over, no slug change.
    let s = Script::new();
    s.write("scs-0100-v1-a.md", &text).commit("Add a");
    s.git(&["rm", "-q", "Standards/scs-0100-v1-a.md"]);
    s.commit("Remove a");
    s.write("scs-0100-v1-c.md", &doc("Draft", "", "Entirely different words.")).commit("Add c");
    let run = s.check(&["--history"]);
    assert!(run.stdout.contains("info[id-reused] `scs-0100-v1-c.md` has the id scs-0100-v1"), "{}", run.stdout);
    assert!(!run.stdout.contains("slug-changed"), "{}", run.stdout);

    // A proposal renamed to its number, and a new major version with a new slug, stay fine.
    let s = Script::new();
    s.write("scs-xxxx-v1-a.md", &text).commit("Propose");
    s.mv("scs-xxxx-v1-a.md", "scs-0100-v1-a.md").commit("Accept");
    s.write("scs-0100-v2-b.md", &doc("Draft", "replaces:\n  - scs-0100-v1-a.md\n", "v2")).commit("v2");
    assert_eq!(findings(&s.check(&["--history"])), "");
}

/// Issue 20, item 4 (the real `scs-0110-v1`): a document that kept its name while another one
/// briefly collided on its number and was renumbered away gets nothing.
#[test]
fn a_document_that_kept_its_name_while_another_left_its_number_gets_nothing() {
    let s = Script::new();
    s.write("scs-0110-v1-volume-encryption.md", &doc("Draft", "", "Volumes, encrypted.")).commit("Add 0110");
    s.write("scs-0110-v1-key-manager.md", &doc("Draft", "", "A key manager, quite another text."))
        .commit("Add a second 0110");
    s.mv("scs-0110-v1-key-manager.md", "scs-0111-v1-key-manager.md").commit("Renumber the key manager");
    let run = s.check(&["--history"]);
    let found = findings(&run);
    assert!(!found.contains("scs-0110-v1-volume-encryption.md"), "{found}");
    assert!(found.contains("scs-0111-v1-key-manager.md:1:1: info[number-changed]"), "{found}");
    assert!(!found.contains("slug-changed") && !found.contains("id-reused"), "{found}");
    assert_eq!(run.code, 0, "{found}");
}

/// Issue 20, item 3: the templates are no documents, a supplement that once said `Stable` by
/// mistake was never stabilized, and Draft → Proposal followed SCS-0001 as it read then.
#[test]
fn history_rules_see_the_documents_of_the_plain_check() {
    let s = Script::new();
    let template = "---\ntitle: Template\ntype: Standard\nstatus: Stable\ntrack: Global\n---\n\n## Introduction\n";
    s.write("scs-XXXX-vN-standard-template.md", template);
    let supplement = |extra: &str| {
        format!(
            "---\ntitle: Notes\ntype: Supplement\ntrack: IaaS\n{extra}supplements:\n  - scs-0100-v1-flavors.md\n---\n\n## Notes\n"
        )
    };
    s.write("scs-0100-v1-flavors.md", &doc("Draft", "", "one"));
    s.write("scs-0100-w1-notes.md", &supplement("status: Stable\nstabilized_at: 2024-01-01\n"));
    s.write("scs-0101-v1-entropy.md", &doc("Draft", "", "two")).commit("Add");
    s.write("scs-XXXX-vN-standard-template.md", &template.replace("status: Stable", "status: Draft"));
    s.write("scs-0100-w1-notes.md", &supplement(""));
    s.write("scs-0101-v1-entropy.md", &doc("Proposal", "", "two"))
        .commit("Templates say Draft; the supplement loses its status; Proposal");
    let found = findings(&s.check(&["--history"]));
    for rule in ["lifecycle-reversed", "stabilized-at-dropped"] {
        assert!(!found.contains(rule), "{found}");
    }
    assert!(!found.contains("XXXX"), "{found}");
}

#[test]
fn number_changed_is_information() {
    let s = Script::new();
    s.write("scs-0100-v1-flavors.md", &doc("Draft", "", "one")).commit("Add flavors");
    s.mv("scs-0100-v1-flavors.md", "scs-0110-v1-flavors.md").commit("Renumber");
    let run = s.check(&["--history"]);
    assert_eq!(run.code, 0, "information passes:\n{}", run.stdout);
    insta::assert_snapshot!(findings(&run), @r#"Standards/scs-0110-v1-flavors.md:1:1: info[number-changed] renamed from `scs-0100-v1-flavors.md` to `scs-0110-v1-flavors.md` in commit <id> (2025-01-02, "Renumber"): the number of a document accepted in commit <id> (2025-01-01, "Add flavors") changed; links and references by the old name no longer reach it"#);
    assert_eq!(s.check(&["--history", "--deny-warnings"]).code, 0, "not a warning");
}

#[test]
fn lifecycle_reversed_through_a_merge_names_the_merge() {
    let s = Script::new();
    let stable = doc("Stable", "stabilized_at: 2025-01-01\n", "one");
    s.write("scs-0100-v1-flavors.md", &stable).commit("Stabilize flavors");
    // A branch that goes back and forth is judged by what it merges.
    s.git(&["checkout", "-q", "-b", "tryout"]);
    s.write("scs-0100-v1-flavors.md", &doc("Draft", "stabilized_at: 2025-01-01\n", "one")).commit("Oops");
    s.write("scs-0100-v1-flavors.md", &stable).commit("Undo oops");
    s.git(&["checkout", "-q", "main"]);
    s.merge("tryout", "Merge branch 'tryout'");
    assert_eq!(findings(&s.check(&["--history"])), "");

    s.git(&["checkout", "-q", "-b", "revert"]);
    s.write("scs-0100-v1-flavors.md", &doc("Draft", "stabilized_at: 2025-01-01\n", "one")).commit("Back to draft");
    s.git(&["checkout", "-q", "main"]);
    s.merge("revert", "Merge pull request #7 from revert");
    let run = s.check(&["--history", "--select", "lifecycle-reversed"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(findings(&run), @r#"Standards/scs-0100-v1-flavors.md:4:9: error[lifecycle-reversed] status went from `Stable` (in commit <id> (2025-01-01, "Stabilize flavors")) to `Draft` in commit <id> (2025-01-06, "Merge pull request #7 from revert"), against SCS-0001's lifecycle"#);
}

#[test]
fn stabilized_at_dropped_and_changed() {
    let s = Script::new();
    s.write("scs-0100-v1-flavors.md", &doc("Stable", "stabilized_at: 2025-01-01\n", "one"));
    s.write("scs-0101-v1-entropy.md", &doc("Stable", "stabilized_at: 2025-01-01\n", "one"));
    s.commit("Two stable standards");
    s.write("scs-0100-v1-flavors.md", &doc("Rejected", "rejected_at: 2025-02-01\n", "one"));
    s.write("scs-0101-v1-entropy.md", &doc("Stable", "stabilized_at: 2025-03-01\n", "one"));
    s.commit("Reject one, move the other's date");
    let run = s.check(&["--history", "--select", "stabilized-at-dropped,stabilized-at-changed"]);
    insta::assert_snapshot!(findings(&run), @r#"
    Standards/scs-0100-v1-flavors.md:4:9: error[stabilized-at-dropped] the document was Stable in commit <id> (2025-01-01, "Two stable standards"), so `stabilized_at` is required, but it is missing
    Standards/scs-0101-v1-entropy.md:6:16: warning[stabilized-at-changed] `stabilized_at` was `2025-01-01` (in commit <id> (2025-01-01, "Two stable standards")) and was changed in commit <id> (2025-01-02, "Reject one, move the other's date")
    "#);
}

#[test]
fn stable_edits_are_listed_for_review_but_deprecation_is_not() {
    let s = Script::new();
    s.write("scs-0100-v1-flavors.md", &doc("Draft", "", "one")).commit("Draft");
    s.write("scs-0100-v1-flavors.md", &doc("Draft", "", "two")).commit("Edit the draft");
    s.write("scs-0100-v1-flavors.md", &doc("Stable", "stabilized_at: 2025-01-03\n", "two")).commit("Stabilize");
    s.write("scs-0100-v1-flavors.md", &doc("Stable", "stabilized_at: 2025-01-03\n", "three")).commit("Reword");
    let deprecated = doc("Deprecated", "stabilized_at: 2025-01-03\ndeprecated_at: 2025-06-01\n", "three");
    s.write("scs-0100-v1-flavors.md", &deprecated).commit("Deprecate");
    let run = s.check(&["--history"]);
    assert_eq!(run.code, 0, "info does not fail a run");
    insta::assert_snapshot!(findings(&run), @r#"Standards/scs-0100-v1-flavors.md:4:9: info[stable-edited] the text changed while the document was Stable, in commit <id> (2025-01-04, "Reword")"#);
}

/// main: two accepted documents, one of them Stable. The branch `pr` renames, deletes,
/// adds and edits; part of it uncommitted, part untracked.
fn pull_request() -> Script {
    let s = Script::new();
    s.write("scs-0100-v1-flavors.md", &doc("Stable", "stabilized_at: 2025-01-01\n", "one"));
    s.write("scs-0101-v1-entropy.md", &doc("Draft", "", "one"));
    // Texts of their own: git pairs similar files as renames, and identity follows its pairing.
    s.write(
        "scs-0102-v1-images.md",
        &doc(
            "Draft",
            "",
            "Images are uploaded with their metadata: architecture, hypervisor, licence, and a checksum.",
        ),
    );
    s.write("scs-0103-v1-keys.md", &doc("Draft", "", "one"));
    s.commit("Accepted documents");
    s.git(&["checkout", "-q", "-b", "pr"]);
    s.write("scs-0100-v1-flavors.md", &doc("Draft", "stabilized_at: 2025-01-01\n", "changed"));
    s.mv("scs-0101-v1-entropy.md", "scs-0101-v1-randomness.md");
    s.write("scs-0103-v1-keys.md", &doc("Stable", "stabilized_at: 2025-02-01\n", "one"));
    s.commit("Rework");
    s.git(&["rm", "-q", "Standards/scs-0102-v1-images.md"]);
    s.write("scs-xxxx-v1-proposal.md", &doc("Draft", "", "new"));
    s.write("scs-0100-v2-flavors.md", &doc("Draft", "replaces:\n  - scs-0100-v1-flavors.md\n", "v2"));
    s.write(
        "scs-0150-v1-numbered.md",
        &doc("Draft", "", "A numbered newcomer: nothing here resembles any other text of this repository at all."),
    ); // untracked
    s
}

#[test]
fn base_compares_the_pull_request_with_its_base() {
    let s = pull_request();
    let run = s.check(&["--base", "main"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    insta::assert_snapshot!(findings(&run), @r#"
    Standards/scs-0100-v1-flavors.md:4:9: error[lifecycle-reversed] status went from `Stable` (in commit <id> (2025-01-01, "Accepted documents")) to `Draft` in the working tree, against SCS-0001's lifecycle
    Standards/scs-0100-v1-flavors.md:4:9: info[stable-edited] the text changed while the document was Stable, in the working tree
    Standards/scs-0101-v1-randomness.md:1:1: error[slug-changed] renamed from `scs-0101-v1-entropy.md` to `scs-0101-v1-randomness.md` in the working tree, but the slug of an accepted document does not change (the default branch had it under its number in commit <id> (2025-01-01, "Accepted documents"))
    Standards/scs-0102-v1-images.md:1:1: warning[document-deleted] `scs-0102-v1-images.md` was deleted in the working tree, but it is an accepted document (the default branch had it under its number in commit <id> (2025-01-01, "Accepted documents"))
    Standards/scs-0103-v1-keys.md:4:9: info[lifecycle-transition] status moves from `Draft` to `Stable` in the working tree: a decision of the IaaS team
    Standards/scs-0150-v1-numbered.md:1:1: warning[new-document-numbered] `scs-0150-v1-numbered.md` is a new document with the number 0150, which the default branch does not have yet
    "#);
}

#[test]
fn history_on_a_branch_names_its_commits_and_spares_the_default_branch() {
    let s = pull_request();
    s.commit("Delete images, add proposals");
    let run = s.check(&["--history"]);
    let found = findings(&run);
    assert!(found.contains(r#"to `Draft` in commit <id> (2025-01-02, "Rework")"#), "{found}");
    assert!(found.contains(r#"was deleted in commit <id> (2025-01-03, "Delete images, add proposals")"#), "{found}");
    assert!(found.contains("new-document-numbered] `scs-0150-v1-numbered.md`"), "{found}");
    assert!(!found.contains("scs-0100-v2-flavors.md"), "a new major version is not a new number: {found}");
    // On main, after the merge, the same changes are accepted history: the deletion and the
    // new number are no longer news, the rename and the reversal still break SCS-0001.
    s.git(&["checkout", "-q", "main"]);
    s.merge("pr", "Merge pull request #8 from pr");
    let merged = findings(&s.check(&["--history"]));
    assert!(!merged.contains("document-deleted") && !merged.contains("new-document-numbered"), "{merged}");
    assert!(merged.contains(r#"slug-changed] renamed from `scs-0101-v1-entropy.md` to `scs-0101-v1-randomness.md` in commit <id> (2025-01-04, "Merge pull request #8 from pr")"#), "{merged}");
}

#[test]
fn configuration_turns_history_on_and_sets_the_default_branch() {
    let s = pull_request();
    fs::write(s.path().join("scs.toml"), "[history]\nenabled = true\ndefault-branch = \"main\"\n").expect("write");
    let run = s.check(&[]);
    assert!(findings(&run).contains("slug-changed"), "{}", run.stdout);
    fs::write(s.path().join("scs.toml"), "[history]\nenabled = true\ndefault-branch = \"nope\"\n").expect("write");
    let run = s.check(&[]);
    assert!(run.stderr.contains("the default branch `nope` is not a branch or commit of this clone"), "{}", run.stderr);
}

#[test]
fn without_a_usable_history_the_other_rules_still_run() {
    let s = Script::new();
    s.write("scs-0100-v1-flavors.md", &doc("Stable", "stabilized_at: 2025-01-01\n", "one")).commit("One");
    s.write("scs-0101-v1-entropy.md", &doc("Draft", "", "one").replace("IaaS", "Storage")).commit("Two");

    // A shallow clone has no history to read.
    let shallow = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", s.path().display());
    git(shallow.path(), &["clone", "-q", "--depth", "1", &url, "clone"]);
    let clone = shallow.path().join("clone");
    let run = scs(&["check", "--history", "--format", "concise"], &clone);
    assert!(run.stderr.contains("this is a shallow clone"), "{}", run.stderr);
    assert!(run.stdout.contains("error[invalid-track]"), "the ordinary rules ran: {}", run.stdout);
    assert_eq!(run.code, 1);
    // ...but a base it has is enough for --base.
    let run = scs(&["check", "--base", "HEAD", "--format", "concise"], &clone);
    assert_eq!(run.stderr, "");

    // A base that names no commit is a mistake in the command (issue 32): exit 2, as for
    // --changed-since.
    let missing = scs(&["check", "--base", "origin/nope", "--format", "concise"], s.path());
    assert!(missing.stderr.contains("the base `origin/nope` is not a commit of this clone"), "{}", missing.stderr);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    let option = scs(&["check", "--base=--output=/tmp/x", "--format", "concise"], s.path());
    assert!(option.stderr.contains("is not a commit of this clone"), "{}", option.stderr);

    let not_git = Repo::new().doc("scs-0100-v1-flavors.md", doc("Draft", "", "x").replace("IaaS", "Storage"));
    let run = scs(&["check", "--history", "--format", "concise"], not_git.path());
    assert!(run.stderr.contains("is not inside a git checkout"), "{}", run.stderr);
    assert!(run.stdout.contains("error[invalid-track]"));
    assert_eq!(run.code, 1);

    // In GitHub's format the reason is also an annotation, so that it shows on the run.
    let github = scs(&["check", "--history", "--format", "github"], not_git.path());
    assert!(
        github.stdout.starts_with("::warning title=scs history::the history rules did not run"),
        "{}",
        github.stdout
    );

    // Without git at all.
    let no_git = std::process::Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(["check", "--history", "--format", "concise"])
        .current_dir(s.path())
        .env("PATH", "")
        .output()
        .expect("scs runs");
    let stderr = String::from_utf8_lossy(&no_git.stderr);
    assert!(stderr.contains("cannot run git"), "{stderr}");
    assert_eq!(no_git.status.code(), Some(1), "the ordinary rules ran and found the wrong track");

    let empty = Script::new();
    empty.write("scs-0100-v1-flavors.md", &doc("Draft", "", "x"));
    let run = scs(&["check", "--history"], empty.path());
    assert!(run.stderr.contains("HEAD has no commits yet"), "{}", run.stderr);
}

#[test]
fn hostile_commit_subjects_stay_on_one_line() {
    let s = Script::new();
    s.write("scs-0100-v1-flavors.md", &doc("Draft", "", "one")).commit("Add");
    s.mv("scs-0100-v1-flavors.md", "scs-0100-v1-other.md").commit("\u{1b}[31mred\u{7} ::error::forged");
    let run = scs(&["check", "--history", "--select", "history", "--format", "github"], s.path());
    let annotations: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 1, "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'), "{:?}", run.stdout);
}

#[test]
fn one_file_checks_report_history_only_for_that_file() {
    let s = pull_request();
    let run = s.check(&["--base", "main", "Standards/scs-0101-v1-randomness.md"]);
    let found = findings(&run);
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.contains("slug-changed"));
}

#[test]
fn a_repository_in_a_subfolder_and_a_rename_git_cannot_see() {
    // The standards live in `docs/` of a larger git repository.
    let outer = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(outer.path().join("docs/Standards")).expect("mkdir");
    git(outer.path(), &["init", "-q"]);
    let file = |name: &str| outer.path().join("docs/Standards").join(name);
    fs::write(file("scs-0100-v1-flavors.md"), doc("Draft", "", "one")).expect("write");
    fs::write(outer.path().join("README.md"), "outer\n").expect("write");
    git(outer.path(), &["add", "-A"]);
    git(outer.path(), &["commit", "-q", "-m", "Add flavors"]);
    // Renamed with `mv`, not `git mv`: a deleted tracked file and an untracked new one, with
    // the text rewritten so that git's similarity would not pair them either.
    fs::remove_file(file("scs-0100-v1-flavors.md")).expect("remove");
    fs::write(file("scs-0100-v1-flavours.md"), doc("Draft", "", &"entirely new text ".repeat(40))).expect("write");
    for args in [
        &["check", "--history", "--select", "history", "--format", "concise", "docs"][..],
        &["check", "--base", "HEAD", "--select", "history", "--format", "concise", "docs"],
    ] {
        let run = scs(args, outer.path());
        let found: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("docs/")).collect();
        assert_eq!(found.len(), 1, "{args:?}: {}\n{}", run.stdout, run.stderr);
        assert!(
            found[0].starts_with("docs/Standards/scs-0100-v1-flavours.md:1:1: error[slug-changed] renamed from `scs-0100-v1-flavors.md` to `scs-0100-v1-flavours.md` in the working tree"),
            "{args:?}: {}",
            found[0]
        );
    }
}

/// Issue 20: a small git history of the real repository's shapes, built from the vendored
/// documents (tests/data has the working tree only): templates whose status changed, a
/// supplement that once said `Stable`, Draft → Proposal in 2024, a number two documents briefly
/// shared, and the accepted decision record `scs-0212-v1-requirements-for-container-registry`
/// that became `scs-0218-v1-container-registry-for-scs-standard-implementation` (number and
/// slug at once, partly rewritten: git pairs them as a rename) while a new document took 0212.
/// `--history` gives no finding of classes 3–5 and does give item 8.
#[test]
fn the_real_repositorys_shapes() {
    let real =
        |name: &str| fs::read_to_string(crate::shared_corpus::corpus().join("Standards").join(name)).expect("read");
    let s = Script::new();
    let template = real("scs-XXXX-vN-standard-template.md");
    let supplement = real("scs-0007-w1-certification-integrators-implementation-notes.md");
    let registry = real("scs-0218-v1-container-registry-for-scs-standard-implementation.md");
    // The record as first accepted: another title and only part of today's text.
    let lines: Vec<&str> = registry.lines().collect();
    let first = lines[..lines.len() * 3 / 4].join("\n").replacen("title: ", "title: Requirements for ", 1) + "\n";
    let decisions = real("scs-0111-v1-volume-type-decisions.md");
    s.write("scs-XXXX-vN-standard-template.md", &template);
    s.write("scs-0110-v1-ssd-flavors.md", &real("scs-0110-v1-ssd-flavors.md"));
    s.write(
        "scs-0007-w1-certification-integrators-implementation-notes.md",
        &supplement.replacen("type: Supplement\n", "type: Supplement\nstatus: Stable\n", 1),
    );
    s.write("scs-0212-v1-requirements-for-container-registry.md", &first);
    s.commit("Initial documents");
    // Another document lands on 0110 and is renumbered away.
    s.write("scs-0110-v1-volume-type-decisions.md", &decisions.replacen("status: ", "status: Draft\nx-status: ", 1))
        .commit("Volume types");
    s.mv("scs-0110-v1-volume-type-decisions.md", "scs-0111-v1-volume-type-decisions.md")
        .commit("Fix the duplicate number 0110");
    // 2024: Draft → Proposal, as SCS-0001 read then; templates and the supplement mended.
    s.write("scs-0111-v1-volume-type-decisions.md", &decisions.replacen("status: ", "status: Proposal\nx-status: ", 1));
    s.write("scs-XXXX-vN-standard-template.md", &template.replacen("status: Draft", "status: Proposal", 1));
    s.write("scs-0007-w1-certification-integrators-implementation-notes.md", &supplement);
    s.commit("Proposal is the status of new documents");
    s.write("scs-XXXX-vN-standard-template.md", &template).commit("Templates: Draft again");
    // The decision record moves to 0218 under a new slug; a new document takes 0212.
    s.mv(
        "scs-0212-v1-requirements-for-container-registry.md",
        "scs-0218-v1-container-registry-for-scs-standard-implementation.md",
    );
    s.write("scs-0218-v1-container-registry-for-scs-standard-implementation.md", &registry);
    s.write(
        "scs-0212-v1-requirements-for-container-registries.md",
        &real("scs-0212-v1-requirements-for-container-registries.md"),
    );
    s.commit("Container registry: 0218");
    let log = s.git(&["log", "-1", "--name-status", "-M", "--format="]);
    assert!(
        log.contains("\tStandards/scs-0212-v1-requirements-for-container-registry.md\tStandards/scs-0218-v1"),
        "git pairs them: {log}"
    );

    let found = findings(&s.check(&["--history", "--select", "history"]));
    for class in ["lifecycle-reversed", "stabilized-at-dropped", "warning[number-changed]"] {
        assert!(!found.contains(class), "class {class}: {found}");
    }
    assert!(
        !found.contains("XXXX") && !found.contains("scs-0007-w1") && !found.contains("scs-0110-v1-ssd-flavors"),
        "{found}"
    );
    assert!(found.contains("Standards/scs-0218-v1-container-registry-for-scs-standard-implementation.md:1:1: error[slug-changed] renamed from `scs-0212-v1-requirements-for-container-registry.md`"), "item 8: {found}");
    assert!(
        found.contains("scs-0218-v1-container-registry-for-scs-standard-implementation.md:1:1: info[number-changed]"),
        "{found}"
    );
    assert!(found.contains("scs-0212-v1-requirements-for-container-registries.md:1:1: info[id-reused]"), "{found}");
}

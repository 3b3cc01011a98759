//! Issue 31, hostile input round three: each test names the item it pins and failed on the
//! main branch before the fix.

use std::fs;

use crate::support::{Repo, scs};

fn doc(body: &str) -> String {
    format!("---\ntitle: A\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n\n## Introduction\n\n{body}\n")
}

/// A finding past column 65,535 used to panic the human renderer (exit 101, nothing
/// reported), and a YAML error there stopped `scs site`.
#[test]
fn findings_past_column_65535_are_shown() {
    let line = format!("{}[a](scs-0999-v1-gone.md)", "x ".repeat(35_000));
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc(&line));
    let run = scs(&["check", "--color", "never"], repo.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("scs-0100-v1-a.md:10:70001]"), "{}", run.stdout);
    assert!(run.stdout.lines().all(|l| l.len() < 400), "a window of the line, not the line");

    let yaml = format!(
        "---\ntitle: A\ntype: Procedural\nstatus: Draft\ntrack: IaaS\ndescription: {}: [\n---\n",
        "x".repeat(70_000)
    );
    let broken = Repo::new().doc("scs-0100-v1-a.md", yaml).doc("scs-0101-v1-b.md", doc("Text."));
    let out = tempfile::tempdir().expect("tempdir");
    let site = scs(&["site", "--out", &out.path().join("standards").to_string_lossy()], broken.path());
    assert_eq!(site.code, 1, "{}", site.stderr);
    assert!(site.stderr.contains("invalid YAML") && site.stderr.contains(":6:70014]"), "{}", site.stderr);
    assert!(out.path().join("standards/iaas/scs-0101.md").is_file(), "the other pages are written");
}

/// 6,000 broken links on one line: each finding shows a window of the line, so the output
/// grows with the findings, not with findings × line length (it was 487 MB in 5.7 s).
#[test]
fn many_findings_on_one_line_print_a_window_each() {
    let line: Vec<String> = (0..6000).map(|i| format!("[a{i}](scs-0999-v1-gone{i}.md)")).collect();
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc(&line.join(" ")));
    let run = scs(&["check", "--color", "never"], repo.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout.matches("broken-link").count(), 6000);
    assert!(run.stdout.len() < 6000 * 700, "{} bytes", run.stdout.len());
    // The last finding is marked where it is.
    assert!(run.stdout.contains("[a5999](scs-0999-v1-gone5999.md)"), "the window holds the finding");
}

/// A server that says `totalCount: 10^12` (here 2^31 - 1, GraphQL's largest Int) and always
/// has a next page: scs read 2,085 pages
/// and 2 GiB before it was killed. Now it reads at most 40 pages of open pull requests,
/// reports what it read, and names the rest under "Not in this report".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_never_ends_is_read_within_the_runs_budget() {
    use serde_json::json;
    use wiremock::Mock;
    use wiremock::matchers::{body_string_contains, method};

    use crate::fake_github::{Answer, FakeGithub, Hosted};
    let fake = FakeGithub::start().await;
    let nodes: Vec<serde_json::Value> =
        (1..=50).map(|n| crate::report::pr(n, &format!("Endless {n}"), json!([]))).collect();
    let endless = json!({"data": {"repository": {"url": "https://github.com/SovereignCloudStack/standards",
        "standards": {"__typename": "Tree"}, "defaultBranchRef": null, "pullRequests": {
        "totalCount": i32::MAX, "pageInfo": {"hasNextPage": true, "endCursor": "again"}, "nodes": nodes
    }}}});
    Mock::given(method("POST"))
        .and(body_string_contains("OpenPullRequests"))
        .respond_with(Answer(endless))
        .with_priority(2)
        .mount(&fake.server)
        .await;
    crate::report_since::host(&fake, Hosted::new("SovereignCloudStack/standards", Vec::new()).with_standards()).await;
    let repo = Repo::new().doc("scs-0101-v1-good.md", crate::support::GOOD);
    let run = crate::report::report(&repo, &fake, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let missing = json["missing"].to_string();
    assert!(missing.contains("open pull requests after the first 2000"), "{missing}");
    let sent = crate::report_since::requests(&fake).await;
    assert_eq!(crate::report_since::count(&sent, "standards", "OpenPullRequests"), 40, "{}", sent.len());
    assert!(sent.len() <= 45, "{}", sent.len());
}

/// A file name with a line break forged `---`/`+++` headers in `check --diff` (`patch -p0`
/// then edited README.md); git quotes such a name, and so does scs now.
#[test]
fn a_file_name_cannot_forge_a_diff_header() {
    let forged = "scs-0100-v1-a\n+++ README.md\n@@ -1 +1 @@\n-x\n+owned.md";
    let repo = Repo::new().doc(forged, doc("Text.").replace("status: Draft", "status: Proposal"));
    fs::write(repo.path().join("README.md"), "x\n").expect("write");
    crate::support::git_init_commit(repo.path(), "base");
    let run = scs(&["check", "--diff"], repo.path());
    assert!(
        run.stdout.contains("+++ \"b/Standards/scs-0100-v1-a\\n+++ README.md\\n@@ -1 +1 @@\\n-x\\n+owned.md\""),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.lines().any(|l| l == "+++ README.md"), "{}", run.stdout);
    let patch = repo.path().join("fix.patch");
    fs::write(&patch, &run.stdout).expect("write");
    let stat = crate::support::git(repo.path(), &["apply", "--numstat", "fix.patch"]);
    assert_eq!(stat.lines().count(), 1, "{stat}");
    assert!(stat.contains("scs-0100-v1-a\\n+++ README.md"), "git reads the quoted name: {stat}");
    crate::support::git(repo.path(), &["apply", "fix.patch"]);
    assert_eq!(fs::read_to_string(repo.path().join("README.md")).expect("read"), "x\n");
    assert!(fs::read_to_string(repo.path().join("Standards").join(forged)).expect("read").contains("status: Draft"));
}

/// A file name with `|` added a row to the site's overview table, and ESC or BEL in a name
/// reached the pages and `site --check`'s output raw.
#[test]
fn file_names_cannot_inject_into_the_site() {
    let repo = Repo::new()
        .doc("scs-0100-v1-good.md", doc("Text."))
        .doc("scs-0101-v1-a|b|c.md", doc("Text."))
        .doc("scs-0102-v1-\u{1b}[31mred\u{7}.md", doc("Text."));
    let out = tempfile::tempdir().expect("tempdir");
    let standards = out.path().join("standards");
    let run = scs(&["site", "--out", &standards.to_string_lossy()], repo.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'), "{}", run.stderr);
    assert!(run.stderr.contains("scs-0101-v1-a|b|c.md: its file name has characters"), "{}", run.stderr);
    let overview = fs::read_to_string(standards.join("standards/overview.mdx")).expect("overview");
    assert!(!overview.contains("a|b|c") && !overview.contains('\u{1b}'), "{overview}");
    assert!(overview.contains("scs-0100-v1-good"), "{overview}");
    let check = scs(&["site", "--check", "--out", &standards.to_string_lossy()], repo.path());
    assert!(!check.stdout.contains('\u{1b}') && !check.stderr.contains('\u{1b}'), "{}", check.stdout);
}

fn spawn(args: &[&str], cwd: &std::path::Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(args)
        .current_dir(cwd)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("scs runs")
}

/// Two `scs number` at once gave two proposals the same number in 11 of 20 rounds, and
/// `number` with `stabilize` at once lost one edit in 15 of 20: they take turns now.
#[test]
fn authoring_commands_at_once_take_turns() {
    let proposal = |title: &str| {
        format!("---\ntitle: {title}\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n\n## Introduction\n\nText.\n")
    };
    for round in 0..10 {
        let repo = Repo::new()
            .doc("scs-xxxx-v1-a.md", proposal("A"))
            .doc("scs-xxxx-v1-b.md", proposal("B"))
            .doc("scs-0100-v1-draft.md", proposal("Draft"));
        let children = [
            spawn(&["number", "scs-xxxx-v1-a.md"], repo.path()),
            spawn(&["number", "scs-xxxx-v1-b.md"], repo.path()),
            spawn(&["stabilize", "scs-0100-v1", "--date", "2027-01-01"], repo.path()),
        ];
        for child in children {
            let out = child.wait_with_output().expect("wait");
            assert!(out.status.success(), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
        }
        let mut names: Vec<String> = fs::read_dir(repo.path().join("Standards"))
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let numbers: Vec<&str> = names.iter().filter_map(|n| n.get(4..8)).collect();
        let mut unique = numbers.clone();
        unique.dedup();
        assert_eq!(numbers, unique, "round {round}: {names:?}");
        assert!(!names.iter().any(|n| n.contains("xxxx")), "round {round}: {names:?}");
        let draft = fs::read_to_string(repo.path().join("Standards/scs-0100-v1-draft.md")).expect("read");
        assert!(draft.contains("status: Stable"), "round {round}: the stabilization is kept");
    }
}

/// `scs stabilize ../B/Standards/X.md` run in repository A edited A's document of that name.
#[test]
fn a_path_into_another_repository_is_not_this_ones_document() {
    let root = tempfile::tempdir().expect("tempdir");
    let text = "---\ntitle: X\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n\n## Introduction\n";
    for repo in ["A", "B"] {
        fs::create_dir_all(root.path().join(repo).join("Standards")).expect("mkdir");
        fs::write(root.path().join(repo).join("Standards/scs-0100-v1-x.md"), text).expect("write");
    }
    let a = root.path().join("A");
    let run = scs(&["stabilize", "../B/Standards/scs-0100-v1-x.md", "--date", "2027-01-01"], &a);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not a document of the repository at"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(a.join("Standards/scs-0100-v1-x.md")).expect("read"), text);
    let here = scs(&["stabilize", "Standards/scs-0100-v1-x.md", "--date", "2027-01-01"], &a);
    assert_eq!(here.code, 0, "{}", here.stderr);
}

/// A `.git/config` clean filter and a `post-index-change` hook ran during `check --history`,
/// `--changed-since` and `--base`: no program of the repository's git configuration may run.
#[cfg(unix)]
#[test]
fn no_program_of_the_git_configuration_runs() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Text."));
    let ran = repo.path().join("ran");
    fs::write(repo.path().join(".gitattributes"), "*.md filter=evil\n").expect("write");
    crate::support::git_init_commit(repo.path(), "base");
    let marker = ran.display().to_string();
    crate::support::git(repo.path(), &["config", "filter.evil.clean", &format!("touch {marker}-clean; cat")]);
    crate::support::git(repo.path(), &["config", "filter.evil.smudge", &format!("touch {marker}-smudge; cat")]);
    let hook = repo.path().join(".git/hooks/post-index-change");
    fs::create_dir_all(hook.parent().expect("hooks")).expect("mkdir");
    fs::write(&hook, format!("#!/bin/sh\ntouch {marker}-hook\n")).expect("write");
    fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).expect("chmod");
    // A change in the working tree, so that git compares it with the index.
    fs::write(repo.path().join("Standards/scs-0100-v1-a.md"), doc("Changed.")).expect("write");
    for args in [
        &["check", "--history"][..],
        &["check", "--changed-since", "HEAD"],
        &["check", "--base", "HEAD"],
        &["review", "--base", "HEAD"],
    ] {
        let run = scs(args, repo.path());
        assert!(run.code <= 1, "{args:?}: {}", run.stderr);
        for what in ["clean", "smudge", "hook"] {
            assert!(!repo.path().join(format!("ran-{what}")).exists(), "{args:?} ran the {what}");
        }
    }
}

/// `review --base` outside git said "--changed-since needs a git checkout".
#[test]
fn git_errors_name_no_other_option() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", doc("Text."));
    let run = scs(&["review", "--base", "main"], repo.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("--changed-since"), "{}", run.stderr);
    assert!(run.stderr.contains("git checkout"), "{}", run.stderr);
}

/// In `--flat` mode findings named `Standards/…` paths that do not exist.
#[test]
fn flat_mode_names_the_files_where_they_are() {
    let root = tempfile::tempdir().expect("tempdir");
    let flat = root.path().join("standards");
    fs::create_dir_all(&flat).expect("mkdir");
    fs::write(flat.join("scs-0100-v1-good.md"), doc("Text.")).expect("write");
    fs::write(flat.join("scs-0101-v1-bad.md"), "---\ntitle: [\n---\n").expect("write");
    let run = scs(&["site", "--flat", "standards", "--out", "out"], root.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("standards/scs-0101-v1-bad.md"), "{}", run.stderr);
    assert!(!run.stderr.contains("Standards/scs-0101"), "{}", run.stderr);
}

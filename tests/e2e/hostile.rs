//! Issue 19: what an attacker's input does. Each test names the item of the issue it pins;
//! each failed on the main branch before the fix.

use std::fs;

use crate::support::{GOOD, Repo, scs};

/// Item 1: a document's `track` never names a folder outside `--out`.
#[test]
fn site_writes_nothing_outside_out_whatever_the_track_says() {
    let root = tempfile::tempdir().expect("tempdir");
    let repo = root.path().join("repo");
    fs::create_dir_all(repo.join("Standards")).expect("mkdir");
    let victim = root.path().join("victim");
    fs::create_dir_all(&victim).expect("mkdir");
    fs::write(victim.join("index.md"), "precious\n").expect("write");
    let doc = |track: &str| format!("---\ntitle: T\ntype: Standard\nstatus: Draft\ntrack: {track}\n---\n\n## Introduction\n");
    fs::write(repo.join("Standards/scs-0100-v1-good.md"), doc("IaaS")).expect("write");
    fs::write(repo.join("Standards/scs-0101-v1-up.md"), doc("../../victim")).expect("write");
    fs::write(repo.join("Standards/scs-0102-v1-abs.md"), doc(&victim.display().to_string())).expect("write");
    fs::write(repo.join("Standards/scs-0103-v1-empty.md"), doc("\"\"")).expect("write");
    fs::write(repo.join("Standards/scs-0104-v1-dot.md"), doc("'.'")).expect("write");
    let templates = root.path().join("templates");
    fs::create_dir_all(templates.join("tracks")).expect("mkdir");
    for name in ["intro.md", "legend.md", "table-style.mdx", "tracks/IaaS.md"] {
        fs::write(templates.join(name), "text\n").expect("write");
    }
    let out = root.path().join("site/standards");
    let run = scs(
        &["site", "--out", &out.to_string_lossy(), "--templates", &templates.to_string_lossy(), "--today", "2026-01-01"],
        &repo,
    );
    assert_eq!(run.code, 1, "a track that cannot name a folder is a finding: {}", run.stderr);
    assert_eq!(fs::read_to_string(victim.join("index.md")).expect("read"), "precious\n");
    assert_eq!(fs::read_dir(&victim).expect("ls").count(), 1);
    for name in ["scs-0101-v1-up.md", "scs-0102-v1-abs.md", "scs-0104-v1-dot.md"] {
        assert!(run.stderr.contains(&format!("Standards/{name}: its track")), "{name}: {}", run.stderr);
    }
    // The good document still has its pages; nothing lands beside the site folder but the sidebar.
    assert!(out.join("iaas/scs-0100.md").is_file());
    let mut beside: Vec<String> =
        fs::read_dir(root.path().join("site")).expect("ls").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    beside.sort();
    assert_eq!(beside, ["sidebarsStandardsItems.js", "standards"]);
    let mut top: Vec<String> =
        fs::read_dir(root.path()).expect("ls").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    top.sort();
    assert_eq!(top, ["repo", "site", "templates", "victim"]);
}

/// Item 2: the six-line file that made the front-matter editor panic is checked like any other.
#[test]
fn the_file_that_panicked_the_editor_is_checked_in_every_mode() {
    let text = b"---\ndescription: |\n -\xf0\x9f\xa6\x80\nreplaces: 4\n---\n:";
    let repo = Repo::new().doc("scs-0104-v2-x.md", text).doc("scs-0101-v1-good.md", GOOD);
    for args in [
        &["check"][..],
        &["check", "--format", "json"],
        &["check", "--select", "chk-adrs"],
        &["check", "--diff"],
        &["check", "--fix"],
    ] {
        let run = scs(args, repo.path());
        assert_eq!(run.code, 1, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(!run.stderr.contains("panicked") && !run.stderr.contains("internal error"), "{args:?}: {}", run.stderr);
    }
    let after = fs::read_to_string(repo.path().join("Standards/scs-0104-v2-x.md")).expect("read");
    assert!(after.contains("replaces:\n  - 4\n"), "--fix wrote the list: {after}");
}

/// Item 11: `scs check` on a FIFO says what it is.
#[cfg(unix)]
#[test]
fn a_fifo_given_as_path_is_named_as_such() {
    let repo = Repo::new().doc("scs-0101-v1-good.md", GOOD);
    let fifo = repo.path().join("Standards/scs-0100-v1-pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
    let run = scs(&["check", &fifo.to_string_lossy()], repo.path());
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("not a regular file") && !run.stderr.contains("no such file"), "{}", run.stderr);
}

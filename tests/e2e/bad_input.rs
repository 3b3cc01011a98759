//! Every kind of bad input yields a located finding, and the rest of the repository is still
//! checked (each repository also holds a document with a wrong track, which must be reported).

use std::fs;

use crate::support::{GOOD, Repo, WRONG_TRACK, places};

fn assert_reported(repo: &Repo, expected: &[(&str, &str, u64, u64)]) {
    let (run, diagnostics) = repo.check_json();
    assert_eq!(run.code, 1, "errors exit with 1; stderr: {}", run.stderr);
    let mut got = places(&diagnostics);
    got.retain(|(_, path, ..)| path != "Standards/scs-0101-v1-good.md");
    let mut want: Vec<_> =
        expected.iter().map(|(r, p, l, c)| (r.to_string(), format!("Standards/{p}"), *l, *c)).collect();
    want.push(("invalid-track".into(), "Standards/scs-0199-v1-other.md".into(), 5, 8));
    want.sort();
    got.sort();
    assert_eq!(got, want);
}

fn repo() -> Repo {
    Repo::new().doc("scs-0101-v1-good.md", GOOD).doc("scs-0199-v1-other.md", WRONG_TRACK)
}

#[test]
fn crlf_line_endings_are_read_and_located() {
    let crlf =
        "---\r\ntitle: CRLF\r\ntype: Procedural\r\nstatus: Draft\r\ntrack: iaas\r\n---\r\n\r\n## Introduction\r\n";
    assert_reported(&repo().doc("scs-0100-v1-crlf.md", crlf), &[("invalid-track", "scs-0100-v1-crlf.md", 5, 8)]);
}

#[test]
fn lf_line_endings() {
    let lf = "---\ntitle: LF\ntype: Procedural\nstatus: Draft\ntrack: iaas\n---\n";
    assert_reported(&repo().doc("scs-0100-v1-lf.md", lf), &[("invalid-track", "scs-0100-v1-lf.md", 5, 8)]);
}

#[test]
fn byte_order_mark() {
    let bom = "\u{FEFF}---\ntitle: BOM\ntype: Procedural\nstatus: Draft\ntrack: iaas\n---\n";
    assert_reported(&repo().doc("scs-0100-v1-bom.md", bom), &[("invalid-track", "scs-0100-v1-bom.md", 5, 8)]);
}

#[test]
fn missing_front_matter() {
    assert_reported(
        &repo().doc("scs-0100-v1-none.md", "# Only a title\n"),
        &[("front-matter-missing", "scs-0100-v1-none.md", 1, 1)],
    );
}

#[test]
fn unclosed_front_matter() {
    assert_reported(
        &repo().doc("scs-0100-v1-open.md", "---\ntype: Standard\n"),
        &[("front-matter-unclosed", "scs-0100-v1-open.md", 1, 1)],
    );
}

#[test]
fn invalid_yaml() {
    assert_reported(
        &repo().doc("scs-0100-v1-yaml.md", "---\ntitle: Y\ntype: Procedural\nstatus: [Draft\n---\n"),
        &[("invalid-yaml", "scs-0100-v1-yaml.md", 5, 1)],
    );
}

#[test]
fn invalid_utf8() {
    let latin1 = b"---\ntitle: Gr\xf6\xdfe\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n";
    assert_reported(&repo().doc("scs-0100-v1-latin1.md", latin1), &[("invalid-utf8", "scs-0100-v1-latin1.md", 2, 10)]);
}

#[test]
fn empty_file() {
    assert_reported(&repo().doc("scs-0100-v1-empty.md", ""), &[("empty-file", "scs-0100-v1-empty.md", 1, 1)]);
}

#[test]
fn directory_named_like_a_document() {
    let repo = repo();
    std::fs::create_dir(repo.path().join("Standards/scs-0100-v1-folder.md")).expect("mkdir");
    assert_reported(&repo, &[("unreadable-file", "scs-0100-v1-folder.md", 1, 1)]);
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_repository_is_not_followed() {
    let outside = tempfile::NamedTempFile::new().expect("outside file");
    std::fs::write(outside.path(), "---\ntype: Standard\n---\n").expect("write");
    let repo = repo();
    std::os::unix::fs::symlink(outside.path(), repo.path().join("Standards/scs-0100-v1-link.md")).expect("symlink");
    let (_, diagnostics) = repo.check_json();
    let link: Vec<_> = diagnostics.iter().filter(|d| d["path"] == "Standards/scs-0100-v1-link.md").collect();
    assert_eq!(link.len(), 1, "{link:?}");
    assert_eq!(link[0]["rule"], "unreadable-file");
    assert!(link[0]["message"].as_str().unwrap_or_default().contains("outside the repository"));
}

#[test]
fn hostile_nesting_is_refused_without_crashing() {
    let depth = 100_000;
    let deep = format!("---\ntype: Standard\nx: {}{}\n---\n", "[".repeat(depth), "]".repeat(depth));
    let quotes = format!("---\ntitle: Q\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n{} x\n", ">".repeat(depth));
    let repo = repo().doc("scs-0100-v1-deep.md", deep).doc("scs-0102-v1-quotes.md", quotes);
    let (run, diagnostics) = repo.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let deep: Vec<_> = diagnostics.iter().filter(|d| d["path"] == "Standards/scs-0100-v1-deep.md").collect();
    assert_eq!(deep.len(), 1, "{deep:?}");
    assert_eq!(deep[0]["rule"], "invalid-yaml");
    assert!(diagnostics.iter().all(|d| d["path"] != "Standards/scs-0102-v1-quotes.md"));
    assert!(diagnostics.iter().any(|d| d["path"] == "Standards/scs-0199-v1-other.md"));
}

#[test]
fn a_file_over_the_size_limit_is_reported_not_read() {
    let repo = repo();
    // 100 MB without writing them: a sparse file.
    let big = fs::File::create(repo.path().join("Standards/scs-0100-v1-huge.md")).expect("create");
    big.set_len(100 * 1024 * 1024).expect("set_len");
    let (_, diagnostics) = repo.check_json();
    let huge: Vec<_> = diagnostics.iter().filter(|d| d["path"] == "Standards/scs-0100-v1-huge.md").collect();
    assert_eq!(huge.len(), 1);
    assert!(huge[0]["message"].as_str().unwrap_or_default().contains("more than the limit of 1048576"), "{huge:?}");
    // The limit is configurable.
    fs::write(repo.path().join("scs.toml"), "max-file-size = 1000\n").expect("write");
    fs::write(repo.path().join("Standards/scs-0100-v1-huge.md"), "x".repeat(2000)).expect("write");
    let (_, diagnostics) = repo.check_json();
    assert!(diagnostics.iter().any(|d| d["path"] == "Standards/scs-0100-v1-huge.md" && d["rule"] == "unreadable-file"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let repo = repo();
    let std_dir = repo.path().join("Standards");
    std::os::unix::fs::symlink(std_dir.join("scs-0100-v1-loop-b.md"), std_dir.join("scs-0100-v1-loop-a.md"))
        .expect("link");
    std::os::unix::fs::symlink(std_dir.join("scs-0100-v1-loop-a.md"), std_dir.join("scs-0100-v1-loop-b.md"))
        .expect("link");
    let name = std::ffi::OsStr::from_bytes(b"scs-0100-v1-caf\xe9.md");
    fs::write(std_dir.join(name), "---\ntitle: x\n---\n").expect("write");
    let (run, diagnostics) = repo.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let unreadable: Vec<String> = diagnostics
        .iter()
        .filter(|d| d["rule"] == "unreadable-file")
        .map(|d| format!("{} {}", d["path"].as_str().unwrap_or_default(), d["message"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(unreadable.len(), 3, "{unreadable:#?}");
    assert!(unreadable.iter().any(|u| u.contains("not valid UTF-8")));
    assert!(unreadable.iter().filter(|u| u.contains("cannot be followed")).count() == 2, "{unreadable:#?}");
}

/// Opening a named pipe blocks until someone writes to it: it must not even be opened.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_reported_not_opened() {
    let repo = repo();
    let fifo = repo.path().join("Standards/scs-0100-v1-pipe.md");
    // Every Unix has mkfifo; where it fails, the test fails rather than pass untested.
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.as_ref().is_ok_and(|s| s.success()), "mkfifo could not make {}: {made:?}", fifo.display());
    let (run, diagnostics) = repo.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let pipe: Vec<_> = diagnostics.iter().filter(|d| d["path"] == "Standards/scs-0100-v1-pipe.md").collect();
    assert_eq!(pipe.len(), 1, "{pipe:#?}");
    assert_eq!(pipe[0]["rule"], "unreadable-file");
    assert!(pipe[0]["message"].as_str().unwrap_or_default().contains("not a regular file"), "{pipe:#?}");
}

#[test]
fn links_out_of_the_repository_and_a_hundred_thousand_links() {
    let many: String = (0..100_000).map(|i| format!("[l{i}](../../../etc/passwd) ")).collect();
    let doc = format!("---\ntitle: Links\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n{many}\n");
    let repo = repo().doc("scs-0100-v1-links.md", doc);
    // 2.9 MB: above the default limit of 1 MiB, which a repository may raise.
    fs::write(repo.path().join("scs.toml"), "max-file-size = 10485760\n").expect("write");
    let (run, diagnostics) = repo.check_json();
    assert_eq!(run.code, 1);
    let outside = diagnostics
        .iter()
        .filter(|d| {
            d["rule"] == "broken-link" && d["message"].as_str().unwrap_or_default().contains("outside the repository")
        })
        .count();
    assert_eq!(outside, 100_000);
}

#[test]
fn alias_bomb_is_refused() {
    let bomb = "---\ntitle: Bomb\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n";
    let repo = repo().doc("scs-0100-v1-bomb.md", bomb);
    let (_, diagnostics) = repo.check_json();
    let bomb: Vec<_> = diagnostics.iter().filter(|d| d["path"] == "Standards/scs-0100-v1-bomb.md").collect();
    assert_eq!(bomb.len(), 1, "{bomb:?}");
    assert_eq!(bomb[0]["rule"], "invalid-yaml");
}

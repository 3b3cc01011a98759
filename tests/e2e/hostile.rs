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
    let doc =
        |track: &str| format!("---\ntitle: T\ntype: Standard\nstatus: Draft\ntrack: {track}\n---\n\n## Introduction\n");
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
        &[
            "site",
            "--out",
            &out.to_string_lossy(),
            "--templates",
            &templates.to_string_lossy(),
            "--today",
            "2026-01-01",
        ],
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
    let mut beside: Vec<String> = fs::read_dir(root.path().join("site"))
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["sidebarsStandardsItems.js", "standards"]);
    let mut top: Vec<String> = fs::read_dir(root.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
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

mod lsp {
    use std::fs;

    use serde_json::{Value, json};

    use crate::lsp::{Client, uri};
    use crate::support::{GOOD, Repo};

    fn is_error(m: &Value, code: i64) -> bool {
        m["error"]["code"] == code
    }

    /// Item 8: broken framing and bodies get -32700 and the server goes on; a request before
    /// `initialize` gets -32002; an absurd length is refused without allocating it; after
    /// `shutdown`, the end of input ends the server with 0.
    #[test]
    fn framing_errors_are_answered_and_the_server_goes_on() {
        let repo = Repo::new().doc("scs-0101-v1-good.md", GOOD);
        let mut client = Client::spawn(repo.path());
        let early = client.request("textDocument/hover", json!({}));
        assert!(is_error(&early, -32002), "{early}");
        client.initialize(repo.path(), json!({}), Value::Null);
        for broken in [
            &b"Content-Length: 10\r\n\r\n{\"jsonrpc\""[..],
            b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc",
            // A body without headers is seen as such when the next message starts.
            b"{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}",
            b"Content-Length: -5\r\n\r\n",
            b"Content-Length: twelve\r\n\r\n",
        ] {
            client.send_raw(broken);
            // The next request is answered.
            let answer =
                client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": "file:///elsewhere.md"}}));
            assert_eq!(answer["result"], Value::Null, "{answer}");
            assert_eq!(answer["jsonrpc"], "2.0");
            // The parse error and the answer leave by two writers: either may come first.
            let mut errors: Vec<Value> = client.seen.drain(..).filter(|m| is_error(m, -32700)).collect();
            if errors.is_empty() {
                errors.push(client.wait(|m| is_error(m, -32700)));
            }
            assert_eq!(errors.len(), 1, "{broken:?}: {errors:?}");
            assert_eq!(errors[0]["id"], Value::Null);
        }
        let shutdown = client.request("shutdown", Value::Null);
        assert_eq!(shutdown["result"], Value::Null);
        let late = client.request("textDocument/hover", json!({}));
        assert!(is_error(&late, -32600), "{late}");
        client.send_raw(b"Content-Length: 1000000000000\r\n\r\n{}");
        client.wait(|m| {
            is_error(m, -32700) && m["error"]["message"].as_str().is_some_and(|t| t.contains("1000000000000"))
        });
        assert_eq!(client.close_input(), Some(0), "end of input after shutdown (Neovim's :qa)");
    }

    #[test]
    fn exit_codes_follow_lsp() {
        let repo = Repo::new().doc("scs-0101-v1-good.md", GOOD);
        let (client, _) = Client::start(repo.path(), json!({}));
        assert_eq!(client.close_input(), Some(1), "the input ended without shutdown");
        let (client, _) = Client::start(repo.path(), json!({}));
        assert_eq!(client.stop(), Some(0));
    }

    /// Item 8: a mistake in scs.toml leaves the server running on defaults, shown as a message
    /// and a diagnostic on the file; the file is watched and read again when it changes.
    #[test]
    fn a_bad_configuration_is_shown_and_read_again_when_mended() {
        let repo = Repo::new().doc("scs-0101-v1-good.md", GOOD.replace("status: Stable", "status: Proposal"));
        fs::write(repo.path().join("scs.toml"), "[rules]\nobsolete-statuss = \"off\"\n").expect("write");
        let (mut client, _) =
            Client::start(repo.path(), json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}));
        let shown = client.wait(|m| m["method"] == "window/showMessage");
        assert!(shown["params"]["message"].as_str().is_some_and(|t| t.contains("obsolete-statuss")), "{shown}");
        let config_uri = uri(&repo.path().join("scs.toml"));
        let on_file = client.diagnostics(&config_uri);
        assert_eq!(on_file.len(), 1, "{on_file:?}");
        assert_eq!(on_file[0]["range"]["start"]["line"], 1);
        let doc = uri(&repo.path().join("Standards/scs-0101-v1-good.md"));
        client.open(&doc, &GOOD.replace("status: Stable", "status: Proposal"));
        let codes =
            |d: &[Value]| d.iter().map(|d| d["code"].as_str().unwrap_or_default().to_owned()).collect::<Vec<_>>();
        assert!(codes(&client.diagnostics(&doc)).contains(&"obsolete-status".to_owned()), "defaults apply");
        fs::write(repo.path().join("scs.toml"), "[rules]\nobsolete-status = \"off\"\n").expect("write");
        client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": config_uri, "type": 2}]}));
        assert_eq!(client.diagnostics(&config_uri), Vec::<Value>::new(), "the mended file is clean");
        assert!(!codes(&client.diagnostics(&doc)).contains(&"obsolete-status".to_owned()), "the new settings apply");
        assert_eq!(client.stop(), Some(0));
    }

    /// Item 3: files read on didClose and on watched changes get the refusals of `scs check`.
    #[cfg(unix)]
    #[test]
    fn files_read_from_disk_are_refused_as_scs_check_refuses_them() {
        let outside = tempfile::tempdir().expect("tempdir");
        fs::write(outside.path().join("secret.md"), "---\ntitle: S\n---\n\n## Secret heading\n").expect("write");
        let repo = Repo::new().doc("scs-0101-v1-good.md", GOOD);
        fs::write(repo.path().join("scs.toml"), "max-file-size = 2000\n").expect("write");
        let std = repo.path().join("Standards");
        let (mut client, _) = Client::start(repo.path(), json!({}));
        // Created after the server read the repository, then announced as changed.
        assert!(
            std::process::Command::new("mkfifo")
                .arg(std.join("scs-0102-v1-pipe.md"))
                .status()
                .expect("mkfifo")
                .success()
        );
        std::os::unix::fs::symlink(outside.path().join("secret.md"), std.join("scs-0103-v1-link.md")).expect("symlink");
        let sparse = fs::File::create(std.join("scs-0104-v1-huge.md")).expect("create");
        sparse.set_len(3 << 30).expect("sparse 3 GiB");
        // A file of the repository with the same text, created and announced the same way: the
        // control that shows completion offers the headings of files read on a watched change.
        fs::write(std.join("scs-0105-v1-inside.md"), "---\ntitle: S\n---\n\n## Secret heading\n").expect("write");
        let changes: Vec<Value> =
            ["scs-0102-v1-pipe.md", "scs-0103-v1-link.md", "scs-0104-v1-huge.md", "scs-0105-v1-inside.md"]
                .iter()
                .map(|n| json!({"uri": uri(&std.join(n)), "type": 1}))
                .collect();
        client.notify("workspace/didChangeWatchedFiles", json!({"changes": changes}));
        // A FIFO opened and closed in the editor is read again from disk on didClose.
        let pipe = uri(&std.join("scs-0102-v1-pipe.md"));
        client.open(&pipe, GOOD);
        client.notify("textDocument/didClose", json!({"textDocument": {"uri": pipe}}));
        // The server still answers, and nothing of the file outside is served.
        let doc = uri(&std.join("scs-0101-v1-good.md"));
        let text = format!("{GOOD}\nSee [s](scs-0103-v1-link.md#)\n");
        client.open(&doc, &text);
        let opened = client.diagnostics(&doc);
        assert!(!opened.iter().any(|d| d["code"] == "unreadable-file"), "{opened:?}");
        let line = text.lines().count() as u32 - 1;
        let answer = client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": doc}, "position": {"line": line, "character": 28}}),
        );
        assert!(!answer.to_string().contains("secret-heading"), "{answer}");
        let control = format!("{GOOD}\nSee [s](scs-0105-v1-inside.md#)\n");
        client.change(&doc, 2, &control);
        let answer = client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": doc}, "position": {"line": line, "character": 30}}),
        );
        assert!(answer.to_string().contains("secret-heading"), "the control: {answer}");
        // A buffer above the size limit is not parsed: it gets the finding a file that large gets.
        let big = format!("{GOOD}\n{}\n", "x".repeat(3000));
        client.change(&doc, 3, &big);
        let diagnostics = client.diagnostics(&doc);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0]["code"], "unreadable-file");
        assert!(diagnostics[0]["message"].as_str().is_some_and(|m| m.contains("more than the limit of 2000")));
        assert_eq!(client.stop(), Some(0));
    }
}

mod report {
    use serde_json::json;
    use wiremock::matchers::method;
    use wiremock::{Mock, ResponseTemplate};

    use crate::fake_github::{FakeGithub, TOKEN};
    use crate::support::{GOOD, Repo, Run};

    /// `scs report` in a small repository against `fake` (the report tests' runner: it also
    /// asserts that the token appears in no output).
    fn report(fake: &FakeGithub, extra: &[&str]) -> Run {
        crate::report::report(&Repo::new().doc("scs-0101-v1-good.md", GOOD), fake, extra)
    }

    /// Item 5: a server that always has a next page is read for as many pages as its total
    /// implies, plus one.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn endless_pages_stop_at_what_the_total_implies() {
        let fake = FakeGithub::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"data": {"repository": {"url": "https://github.com/o/n", "standards": null, "defaultBranchRef": null, "pullRequests": {
                    "totalCount": 60, "pageInfo": {"hasNextPage": true, "endCursor": "again"}, "nodes": []
                }}}}),
            ))
            .mount(&fake.server)
            .await;
        let run = report(&fake, &[]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("its total of 60 makes 2 pages"), "{}", run.stderr);
        assert_eq!(fake.accepted().await.len(), 3, "two pages for 60, plus one");
    }

    /// Item 5: an answer above 50 MiB is not read whole.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_oversized_answer_ends_the_run_naming_the_limit() {
        let fake = FakeGithub::start().await;
        let huge = format!("{{\"data\": \"{}\"}}", "x".repeat(51 * 1024 * 1024));
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_string(huge))
            .mount(&fake.server)
            .await;
        let run = report(&fake, &[]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("larger than 50 MiB"), "{}", run.stderr);
    }

    /// Item 6: what the server says is printed without control characters, and a server that
    /// echoes the Authorization header does not get the token printed.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn server_text_is_escaped_and_the_token_redacted() {
        let fake = FakeGithub::start().await;
        let message = format!("\u{1b}]0;owned\u{7}\u{1b}[2Jrefused\rfor Authorization: Bearer {TOKEN}");
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(418).set_body_json(json!({"message": message})))
            .mount(&fake.server)
            .await;
        let run = report(&fake, &[]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}') && !run.stderr.contains('\r'),
            "{:?}",
            run.stderr
        );
        assert!(run.stderr.contains("[REDACTED]") && run.stderr.contains("\\u{1b}"), "{}", run.stderr);

        let fake = FakeGithub::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"data": null, "errors": [{"message": format!("bad \u{1b}[31m{TOKEN}")}]})),
            )
            .mount(&fake.server)
            .await;
        let run = report(&fake, &[]);
        assert_eq!(run.code, 2);
        assert!(!run.stderr.contains('\u{1b}') && run.stderr.contains("[REDACTED]"), "{:?}", run.stderr);
    }

    /// Item 7: plain http to a host that is not this machine is refused before any connection
    /// (the test never connects to it: the decision is made on the address alone).
    #[test]
    fn plain_http_to_another_host_is_refused() {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_scs"))
            .args(["report", "--repo", "o/n", "--api-url", "http://github.example.org/api/graphql"])
            .current_dir(Repo::new().doc("scs-0101-v1-good.md", GOOD).path())
            .env("GITHUB_TOKEN", TOKEN)
            .output()
            .expect("scs runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("plain http://") && stderr.contains("unencrypted"), "{stderr}");
    }
}

/// Items 9 and 10: the authoring commands change all or nothing, and follow one link policy.
#[cfg(unix)]
mod writers {
    use std::fs;

    use crate::support::{Repo, scs};

    const PROPOSAL: &str =
        "---\ntitle: Snapshots\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n\n## Introduction\n";

    fn supplement(of: &str) -> String {
        format!("---\ntitle: Snapshot tests\ntype: Supplement\ntrack: IaaS\nsupplements:\n  - {of}\n---\n")
    }

    /// Item 9: a failure at any step of `scs number` (a full disk, a file that cannot be
    /// replaced) leaves every file as it was: injected into the real binary at each step.
    #[test]
    fn number_changes_nothing_when_any_step_fails() {
        let snapshot = |repo: &Repo| {
            let mut files: Vec<(String, String)> = fs::read_dir(repo.path().join("Standards"))
                .expect("ls")
                .map(|e| {
                    let e = e.expect("entry");
                    (e.file_name().to_string_lossy().into_owned(), fs::read_to_string(e.path()).expect("read"))
                })
                .collect();
            files.sort();
            files
        };
        let repo = || {
            Repo::new()
                .doc("scs-xxxx-v1-snapshots.md", PROPOSAL)
                .doc("scs-xxxx-w1-tests.md", supplement("scs-xxxx-v1-snapshots.md"))
        };
        let before = snapshot(&repo());
        // Every step fails once (staging, renames, replacements), until a step number beyond
        // the last lets the run through.
        for step in 1.. {
            let repo = repo();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_scs"))
                .args(["number", "scs-xxxx-v1-snapshots.md"])
                .current_dir(repo.path())
                .env("SCS_FAIL_AT_WRITE_STEP", step.to_string())
                .output()
                .expect("scs runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            if out.status.code() == Some(0) {
                assert!(step > 4, "a rename and changes of two files take more steps than {}", step - 1);
                break;
            }
            assert_eq!(out.status.code(), Some(2), "step {step}: {stderr}");
            assert!(stderr.contains("nothing was changed"), "step {step}: {stderr}");
            assert_eq!(snapshot(&repo), before, "step {step}");
        }
        let repo = repo();
        assert_eq!(scs(&["number", "scs-xxxx-v1-snapshots.md"], repo.path()).code, 0);
        let after = snapshot(&repo);
        assert!(after.iter().all(|(name, text)| !name.contains("xxxx") && !text.contains("xxxx")), "{after:?}");
    }

    /// Item 10: `scs stabilize` on a document that is a link inside the repository edits its
    /// target and keeps the link, as `--fix` does; hard links stay one file.
    #[test]
    fn stabilize_edits_a_linked_document_at_its_target_and_keeps_hard_links() {
        let repo = Repo::new();
        let std_dir = repo.path().join("Standards");
        fs::create_dir(repo.path().join("drafts")).expect("mkdir");
        fs::write(repo.path().join("drafts/snapshots.md"), PROPOSAL.replace("scs-xxxx", "scs-0110")).expect("write");
        std::os::unix::fs::symlink(repo.path().join("drafts/snapshots.md"), std_dir.join("scs-0110-v1-snapshots.md"))
            .expect("symlink");
        let run = scs(&["stabilize", "scs-0110-v1", "--date", "2026-12-01"], repo.path());
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        assert!(fs::symlink_metadata(std_dir.join("scs-0110-v1-snapshots.md")).expect("meta").file_type().is_symlink());
        let target = fs::read_to_string(repo.path().join("drafts/snapshots.md")).expect("read");
        assert!(target.contains("status: Stable") && target.contains("stabilized_at: 2026-12-01"), "{target}");

        fs::write(std_dir.join("scs-0111-v1-hard.md"), PROPOSAL).expect("write");
        fs::hard_link(std_dir.join("scs-0111-v1-hard.md"), repo.path().join("drafts/hard.md")).expect("hard link");
        let run = scs(&["stabilize", "scs-0111-v1", "--date", "2026-12-01"], repo.path());
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let other_name = fs::read_to_string(repo.path().join("drafts/hard.md")).expect("read");
        assert!(other_name.contains("status: Stable"), "the hard link sees the change: {other_name}");
    }
}

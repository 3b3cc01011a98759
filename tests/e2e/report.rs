//! `scs report` against a local fake GitHub (wiremock): realistic answers, pagination, faults,
//! the request budget, and the token kept out of every output.

use std::process::Command;

use serde_json::{Value, json};
use wiremock::matchers::{body_partial_json, body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{GOOD, Repo, Run};

const TOKEN: &str = "ghp_secret_token_for_tests_0123456789";

/// Runs `scs report` in `repo` against the fake GitHub at `server`.
fn report(repo: &Repo, server: &MockServer, extra: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(["report", "--today", "2026-11-26", "--repo", "SovereignCloudStack/standards", "--api-url"])
        .arg(format!("{}/graphql", server.uri()))
        .args(extra)
        .current_dir(repo.path())
        .env("GITHUB_TOKEN", TOKEN)
        .env_remove("GH_TOKEN")
        .env_remove("GITHUB_GRAPHQL_URL")
        .env_remove("GITHUB_API_URL")
        .output()
        .expect("scs runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stdout.contains(TOKEN) && !run.stderr.contains(TOKEN), "the token leaked");
    assert!(!run.stdout.contains("ghp_") && !run.stderr.contains("ghp_"), "part of the token leaked");
    run
}

async fn requests(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap_or(Value::Null))
        .collect()
}

fn budget(prs: usize) -> usize {
    prs.div_ceil(50) + 3
}

fn pr(number: u64, title: &str, files: Value) -> Value {
    json!({
        "number": number, "title": title, "url": format!("https://github.com/SovereignCloudStack/standards/pull/{number}"),
        "isDraft": false, "createdAt": "2026-11-20T09:00:00Z", "updatedAt": "2026-11-25T09:00:00Z", "body": "",
        "author": {"login": "alice"}, "labels": {"nodes": []}, "reviewDecision": "REVIEW_REQUIRED",
        "latestReviews": {"nodes": []}, "mergeable": "MERGEABLE", "baseRefName": "main",
        "baseRefOid": "base0000", "headRefOid": format!("head{number:04}"),
        "commits": {"nodes": [{"commit": {"statusCheckRollup": {"state": "SUCCESS"}}}]},
        "files": {"nodes": files}
    })
}

fn page(nodes: Vec<Value>, total: usize, next: Option<&str>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"data": {"repository": {"pullRequests": {
        "totalCount": total, "pageInfo": {"hasNextPage": next.is_some(), "endCursor": next}, "nodes": nodes
    }}}}))
}

fn repo() -> Repo {
    Repo::new()
        .doc(
            "scs-0100-v1-flavors.md",
            GOOD.replace("status: Stable", "status: Draft").replace("stabilized_at: 2024-01-01\n", ""),
        )
        .doc("scs-0101-v1-entropy.md", GOOD)
        .doc(
            "scs-0001-v1-process.md",
            GOOD.replace("track: IaaS", "track: Global")
                .replace("status: Stable", "status: Draft")
                .replace("stabilized_at: 2024-01-01\n", ""),
        )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_open_pull_requests() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/graphql")).respond_with(page(vec![], 0, None)).mount(&server).await;
    let run = report(&repo(), &server, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 open pull requests"), "{}", run.stdout);
    assert_eq!(requests(&server).await.len(), 2, "one page and the closed pull requests");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_hundred_twenty_pull_requests_in_three_pages() {
    let server = MockServer::start().await;
    let nodes = |from: u64, to: u64| (from..to).map(|n| pr(n, &format!("PR {n}"), json!([]))).collect::<Vec<_>>();
    for (cursor, from, to, next) in
        [(Value::Null, 1, 51, Some("c50")), (json!("c50"), 51, 101, Some("c100")), (json!("c100"), 101, 121, None)]
    {
        Mock::given(method("POST"))
            .and(body_partial_json(json!({"variables": {"cursor": cursor}})))
            .respond_with(page(nodes(from, to), 120, next))
            .mount(&server)
            .await;
    }
    let run = report(&repo(), &server, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json[0]["pull_requests"].as_array().map(Vec::len), Some(120));
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 4, "three pages and the closed pull requests");
    assert!(sent.len() <= budget(120));
}

/// Answers the batched text query like GitHub: each alias `fN: object(expression: "oid:path")`
/// gets the text stored for that expression, or null.
fn serve_texts(texts: std::collections::HashMap<String, String>) -> impl Fn(&wiremock::Request) -> ResponseTemplate {
    move |request: &wiremock::Request| {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let query = body["query"].as_str().unwrap_or_default();
        let mut repository = serde_json::Map::new();
        for line in query.lines() {
            let Some((alias, rest)) = line.trim().split_once(": object(expression: ") else { continue };
            let expression: String =
                serde_json::from_str(rest.split(") {").next().unwrap_or("\"\"")).unwrap_or_default();
            let value = texts.get(&expression).map_or(Value::Null, |t| json!({"text": t, "isBinary": false}));
            repository.insert(alias.to_owned(), value);
        }
        ResponseTemplate::new(200).set_body_json(json!({"data": {"repository": repository}}))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_realistic_week() {
    let server = MockServer::start().await;
    let draft = "---\ntitle: Flavors\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n";
    let stable = "---\ntitle: Flavors\ntype: Procedural\nstatus: Stable\ntrack: IaaS\nstabilized_at: 2026-12-01\n---\n";
    let entropy = GOOD.replace("title: Good", "title: Entropy");
    let global_draft = "---\ntitle: Process\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n";
    let global_stable =
        "---\ntitle: Process\ntype: Procedural\nstatus: Stable\ntrack: Global\nstabilized_at: 2026-12-01\n---\n";
    let broken =
        "---\ntitle: Entropy\ntype: Procedural\nstatus: Stable\ntrack: IaaS\n---\n[gone](scs-0199-v1-gone.md)\n";
    let deprecated = entropy
        .replace("status: Stable", "status: Deprecated")
        .replace("stabilized_at: 2024-01-01", "stabilized_at: 2024-01-01\ndeprecated_at: 2027-01-31");
    let rejected = draft.replace("status: Draft", "status: Rejected\nrejected_at: 2026-11-20");
    let entropy_v2 = entropy
        .replace("status: Stable", "status: Draft")
        .replace("stabilized_at: 2024-01-01", "replaces:\n  - scs-0101-v1-entropy.md");
    let notes =
        "---\ntitle: Entropy notes\ntype: Supplement\ntrack: IaaS\nsupplements:\n  - scs-0101-v1-entropy.md\n---\n";
    let file = |path: &str, change: &str| json!({"path": format!("Standards/{path}"), "changeType": change});
    let mut nodes = vec![
        pr(10, "Stabilize flavor naming", json!([file("scs-0100-v1-flavors.md", "MODIFIED")])),
        pr(11, "SCS-0001: make stable", json!([file("scs-0001-v1-process.md", "MODIFIED")])),
        pr(12, "New proposal | with a pipe\n# and @everyone <b>", json!([file("scs-xxxx-v1-new-idea.md", "ADDED")])),
        pr(13, "Entropy clean-up", json!([file("scs-0101-v1-entropy.md", "MODIFIED")])),
        pr(14, "Blocked by everything", json!([])),
        pr(15, "Old and forgotten", json!([])),
        pr(16, "Fix a typo in the README", json!([{"path": "README.md", "changeType": "MODIFIED"}])),
        pr(17, "Entropy v2", json!([file("scs-0101-v2-entropy.md", "ADDED")])),
        pr(18, "Deprecate entropy v1", json!([file("scs-0101-v1-entropy.md", "MODIFIED")])),
        pr(19, "Reject flavor naming", json!([file("scs-0100-v1-flavors.md", "MODIFIED")])),
        pr(20, "Entropy testing notes", json!([file("scs-0101-w1-entropy-notes.md", "ADDED")])),
        pr(21, "Reword flavor naming", json!([file("scs-0100-v1-flavors.md", "MODIFIED")])),
    ];
    let blocked = nodes[4].as_object_mut().expect("object");
    blocked.insert("labels".into(), json!({"nodes": [{"name": "on hold"}]}));
    blocked.insert("reviewDecision".into(), json!("CHANGES_REQUESTED"));
    blocked.insert("mergeable".into(), json!("CONFLICTING"));
    blocked.insert("isDraft".into(), json!(true));
    blocked.insert("body".into(), json!("Depends on #3 and blocked by #4."));
    blocked.insert("commits".into(), json!({"nodes": [{"commit": {"statusCheckRollup": {"state": "FAILURE"}}}]}));
    nodes[5].as_object_mut().expect("object").insert("updatedAt".into(), json!("2026-10-01T00:00:00Z"));
    let total = nodes.len();
    Mock::given(method("POST"))
        .and(body_string_contains("OpenPullRequests"))
        .respond_with(page(nodes, total, None))
        .mount(&server)
        .await;
    let base = "base0000";
    let at = |oid: &str, path: &str| format!("{oid}:Standards/{path}");
    let texts = std::collections::HashMap::from([
        (at("head0010", "scs-0100-v1-flavors.md"), stable.to_owned()),
        (at(base, "scs-0100-v1-flavors.md"), draft.to_owned()),
        (at("head0011", "scs-0001-v1-process.md"), global_stable.to_owned()),
        (at(base, "scs-0001-v1-process.md"), global_draft.to_owned()),
        (at("head0012", "scs-xxxx-v1-new-idea.md"), draft.to_owned()),
        (at("head0013", "scs-0101-v1-entropy.md"), broken.to_owned()),
        // the base of scs-0101-v1 is deliberately missing: the report must say so
        (at("head0017", "scs-0101-v2-entropy.md"), entropy_v2),
        (at("head0018", "scs-0101-v1-entropy.md"), deprecated),
        (at("head0019", "scs-0100-v1-flavors.md"), rejected),
        (at("head0020", "scs-0101-w1-entropy-notes.md"), notes.to_owned()),
        (at("head0021", "scs-0100-v1-flavors.md"), format!("{draft}\nClearer wording.\n")),
    ]);
    Mock::given(method("POST"))
        .and(body_string_contains("FileTexts"))
        .respond_with(serve_texts(texts))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(body_string_contains("DependencyStates"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"repository": {
            "d3": {"issueState": "OPEN"}, "d4": {"pullRequestState": "MERGED"}
        }}})))
        .mount(&server)
        .await;
    // Closed without merge: #9 proposed the entropy standard that is in the repository.
    Mock::given(method("POST"))
        .and(body_string_contains("ClosedPullRequests"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": {"repository": {"pullRequests": {"nodes": [
                {"number": 9, "url": "https://github.com/SovereignCloudStack/standards/pull/9", "merged": false,
                 "files": {"nodes": [{"path": "Standards/scs-0101-v1-entropy.md", "changeType": "ADDED"}]}},
                {"number": 8, "url": "https://github.com/SovereignCloudStack/standards/pull/8", "merged": true,
                 "files": {"nodes": [{"path": "Standards/scs-0100-v1-flavors.md", "changeType": "ADDED"}]}}
            ]}}}}),
        ))
        .mount(&server)
        .await;
    let run = report(&repo(), &server, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("report_realistic_week", run.stdout);
    for transition in [
        "new proposal",
        "new major version",
        "stabilization (Draft → Stable)",
        "deprecation",
        "rejection",
        "edit of a Stable document",
        "supplement change",
        "other change",
    ] {
        assert!(run.stdout.contains(transition), "{transition} is reported");
    }
    let json = report(&repo(), &server, &["--format", "json"]);
    let facts: Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(facts[0]["pull_requests"].as_array().map(Vec::len), Some(12));
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 8, "twice: one page, then texts, dependencies and closed pull requests");
    assert!(sent.len() / 2 <= budget(12));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_then_success() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("retry-after", "1")
                .set_body_json(json!({"message": "API rate limit exceeded"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(page(vec![pr(1, "One", json!([]))], 1, None))
        .with_priority(2)
        .mount(&server)
        .await;
    let run = report(&repo(), &server, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("1 open pull requests"));
    assert_eq!(requests(&server).await.len(), 3, "the refused request, the page, the closed pull requests");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_gateway_then_success() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>bad gateway</html>"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(page(vec![], 0, None)).with_priority(2).mount(&server).await;
    let run = report(&repo(), &server, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(requests(&server).await.len(), 3, "the failed request, the page, the closed pull requests");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_credentials_graphql_errors_and_malformed_answers_exit_with_2() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Bad credentials"})))
        .mount(&server)
        .await;
    let run = report(&repo(), &server, &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("GitHub rejected the token (HTTP 401)"), "{}", run.stderr);

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": null, "errors": [{"message": "Could not resolve to a Repository with the name 'standards'."}]})))
        .mount(&server)
        .await;
    let run = report(&repo(), &server, &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("Could not resolve to a Repository"), "{}", run.stderr);

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"data\": [unterminated"))
        .mount(&server)
        .await;
    let run = report(&repo(), &server, &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not the expected JSON"), "{}", run.stderr);
}

#[test]
fn offline_report_needs_no_token_and_online_needs_one() {
    let repo = repo();
    let out = Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(["report", "--offline", "--today", "2026-11-26"])
        .current_dir(repo.path())
        .env_remove("GITHUB_TOKEN")
        .env_remove("GH_TOKEN")
        .output()
        .expect("scs runs");
    assert_eq!(out.status.code(), Some(0));
    let out = Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(["report"])
        .current_dir(repo.path())
        .env_remove("GITHUB_TOKEN")
        .env_remove("GH_TOKEN")
        .output()
        .expect("scs runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--offline"));
}

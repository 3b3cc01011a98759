//! `scs report` against a local fake GitHub (wiremock) that refuses what GitHub refuses
//! (tests/e2e/fake_github.rs): realistic answers, pagination, chunked batches, faults, every way
//! of naming the endpoint, the request budget, and the token kept out of every output and away
//! from every other host.

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use wiremock::matchers::{body_partial_json, body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fake_github::{Answer, FakeGithub, Hosted, TOKEN, stalled};
use crate::support::{GOOD, Repo, Run};

/// Runs `scs report` in `repo` against the fake GitHub at `server`.
pub fn report(repo: &Repo, server: &FakeGithub, extra: &[&str]) -> Run {
    let endpoint = format!("{}/graphql", server.uri());
    report_with(repo, &[("--api-url", endpoint.as_str())], &[], extra)
}

/// Runs `scs report` with the endpoint named by `flags` and `env` (nothing else of the
/// environment's GitHub settings reaches it).
fn report_with(repo: &Repo, flags: &[(&str, &str)], env: &[(&str, &str)], extra: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scs"));
    command.arg("report");
    // The day of every test unless it names its own.
    if !extra.contains(&"--today") {
        command.args(["--today", "2026-11-26"]);
    }
    command
        .args(["--repo", "SovereignCloudStack/standards"])
        .args(flags.iter().flat_map(|(flag, value)| [*flag, *value]))
        .args(extra)
        .current_dir(repo.path())
        .env("GITHUB_TOKEN", TOKEN)
        .env_remove("GH_TOKEN")
        .env_remove("GITHUB_GRAPHQL_URL")
        .env_remove("GITHUB_API_URL");
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().expect("scs runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stdout.contains(TOKEN) && !run.stderr.contains(TOKEN), "the token leaked");
    assert!(!run.stdout.contains("ghp_") && !run.stderr.contains("ghp_"), "part of the token leaked");
    run
}

/// The requests scs may send for `prs` open pull requests with `texts` document versions to
/// read and `dependencies` issues named in bodies (the README states the same).
/// With `closed` pull requests merged or closed and updated since the window's first day.
fn budget(prs: usize, texts: usize, dependencies: usize) -> usize {
    budget_with_window(prs, texts, dependencies, 0)
}

pub(crate) fn budget_with_window(prs: usize, texts: usize, dependencies: usize, closed: usize) -> usize {
    prs.div_ceil(50).max(1) + texts.div_ceil(50) + dependencies.div_ceil(100) + 1 + (closed / 50 + 1)
}

pub(crate) fn pr(number: u64, title: &str, files: Value) -> Value {
    json!({
        "number": number, "title": title, "url": format!("https://github.com/SovereignCloudStack/standards/pull/{number}"),
        "isDraft": false, "createdAt": "2026-11-20T09:00:00Z", "updatedAt": "2026-11-25T09:00:00Z", "body": "",
        "author": {"login": "alice"}, "labels": {"nodes": []}, "reviewDecision": "REVIEW_REQUIRED",
        "latestReviews": {"nodes": []}, "reviewRequests": {"nodes": []}, "timelineItems": {"nodes": []},
        "mergeable": "MERGEABLE", "baseRefName": "main",
        "baseRefOid": "base0000", "headRefOid": format!("head{number:04}"),
        "commits": {"nodes": [{"commit": {"statusCheckRollup": {"state": "SUCCESS"}}}]},
        "files": {"nodes": files}
    })
}

fn page(nodes: Vec<Value>, total: usize, next: Option<&str>) -> Answer {
    Answer(json!({"data": {"repository": {"url": "https://github.com/SovereignCloudStack/standards",
        "standards": {"__typename": "Tree"}, "defaultBranchRef": null, "pullRequests": {
        "totalCount": total, "pageInfo": {"hasNextPage": next.is_some(), "endCursor": next}, "nodes": nodes
    }}}}))
}

/// Answers the GraphQL operation named `operation` with `responder`.
async fn answer(server: &MockServer, operation: &str, responder: impl wiremock::Respond + 'static) {
    Mock::given(method("POST")).and(body_string_contains(operation)).respond_with(responder).mount(server).await;
}

/// GitHub at `at` with the open pull requests `nodes` (one page) and none closed recently.
async fn week(server: &MockServer, at: &str, nodes: Vec<Value>) {
    let total = nodes.len();
    for (operation, answer) in [
        ("OpenPullRequests", page(nodes, total, None)),
        ("ClosedPullRequests", Answer(json!({"data": {"repository": {"pullRequests": {"nodes": []}}}}))),
    ] {
        Mock::given(method("POST"))
            .and(path(at))
            .and(body_string_contains(operation))
            .respond_with(answer)
            .with_priority(2)
            .mount(server)
            .await;
    }
    Mock::given(method("POST"))
        .and(path(at))
        .and(body_string_contains("ClosedSince"))
        .respond_with(Hosted::new("SovereignCloudStack/standards", Vec::new()))
        .with_priority(2)
        .mount(server)
        .await;
}

/// GitHub's answer when no pull request was closed recently (nor in the window).
async fn no_closed_pull_requests(server: &MockServer) {
    answer(server, "ClosedPullRequests", Answer(json!({"data": {"repository": {"pullRequests": {"nodes": []}}}})))
        .await;
    answer(server, "ClosedSince", Hosted::new("SovereignCloudStack/standards", Vec::new())).await;
}

/// What the JSON report names as missing, but the history: these repositories are no git
/// checkouts.
fn missing_but_history(json: &Value) -> Vec<&str> {
    let all = json["missing"].as_array().expect("missing");
    assert!(
        all.iter().any(|m| m.as_str().is_some_and(|m| m.contains("not read: the repository is not a git checkout"))),
        "{all:?}"
    );
    all.iter().filter_map(Value::as_str).filter(|m| !m.starts_with("lifecycle changes on the default branch")).collect()
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
    let fake = FakeGithub::start().await;
    let server = &fake.server;
    week(server, "/graphql", vec![]).await;
    let run = report(&repo(), &fake, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 open pull requests"), "{}", run.stdout);
    assert_eq!(fake.accepted().await.len(), 3, "one page, the closed pull requests, one page of the window");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_hundred_twenty_pull_requests_in_three_pages() {
    let fake = FakeGithub::start().await;
    let server = &fake.server;
    let nodes = |from: u64, to: u64| (from..to).map(|n| pr(n, &format!("PR {n}"), json!([]))).collect::<Vec<_>>();
    for (cursor, from, to, next) in
        [(Value::Null, 1, 51, Some("c50")), (json!("c50"), 51, 101, Some("c100")), (json!("c100"), 101, 121, None)]
    {
        Mock::given(method("POST"))
            .and(body_string_contains("OpenPullRequests"))
            .and(body_partial_json(json!({"variables": {"cursor": cursor}})))
            .respond_with(page(nodes(from, to), 120, next))
            .mount(server)
            .await;
    }
    no_closed_pull_requests(server).await;
    let run = report(&repo(), &fake, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["repositories"][0]["pull_requests"].as_array().map(Vec::len), Some(120));
    assert_eq!(missing_but_history(&json), Vec::<&str>::new());
    let sent = fake.accepted().await;
    assert_eq!(sent.len(), 5, "three pages, the closed pull requests, the window");
    assert!(sent.len() <= budget(120, 0, 0));
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
        wiremock::Respond::respond(&Answer(json!({"data": {"repository": repository}})), request)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_realistic_week() {
    let fake = FakeGithub::start().await;
    let server = &fake.server;
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
    answer(server, "OpenPullRequests", page(nodes, total, None)).await;
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
    answer(server, "FileTexts", serve_texts(texts)).await;
    answer(
        server,
        "DependencyStates",
        Answer(json!({"data": {"repository": {
            "d3": {"issueState": "OPEN"}, "d4": {"pullRequestState": "MERGED"}
        }}})),
    )
    .await;
    // Closed without merge: #9 proposed the entropy standard that is in the repository.
    answer(
        server,
        "ClosedPullRequests",
        Answer(json!({"data": {"repository": {"pullRequests": {"nodes": [
            {"number": 9, "url": "https://github.com/SovereignCloudStack/standards/pull/9", "merged": false,
             "files": {"nodes": [{"path": "Standards/scs-0101-v1-entropy.md", "changeType": "ADDED"}]}},
            {"number": 8, "url": "https://github.com/SovereignCloudStack/standards/pull/8", "merged": true,
             "files": {"nodes": [{"path": "Standards/scs-0100-v1-flavors.md", "changeType": "ADDED"}]}}
        ]}}}})),
    )
    .await;
    answer(server, "ClosedSince", Hosted::new("SovereignCloudStack/standards", Vec::new())).await;
    let run = report(&repo(), &fake, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("report_realistic_week", run.stdout);
    for step in [
        "new proposal",
        "new major version",
        "stabilized (→ Stable",
        "deprecated (from",
        "rejected (2026-11-20)",
        "edit of a Stable document",
        "new supplement of scs-0101-v1-entropy.md",
    ] {
        assert!(run.stdout.contains(step), "{step} is reported");
    }
    let json = report(&repo(), &fake, &["--format", "json"]);
    let facts: Value = serde_json::from_str(&json.stdout).expect("JSON");
    let repository = &facts["repositories"][0];
    assert_eq!(repository["pull_requests"].as_array().map(Vec::len), Some(12));
    let numbers = |key: &str| -> Vec<u64> {
        repository[key].as_array().expect(key).iter().filter_map(|e| e["number"].as_u64()).collect()
    };
    // An edit of a Draft and a README fix wait on their reviewers; the rest but the blocked
    // and the forgotten one is the meeting's.
    assert_eq!(numbers("decisions"), [10, 11, 12, 13, 17, 18, 19, 20]);
    assert_eq!(numbers("waiting_on_reviewers"), [16, 21]);
    assert_eq!(numbers("waiting_on_authors"), [14]);
    assert_eq!(numbers("candidates_to_close"), [15], "idle 56 days, nobody asked to review");
    let sent = fake.accepted().await;
    assert_eq!(sent.len(), 10, "twice: one page, then texts, dependencies, closed pull requests, the window");
    assert!(sent.len() / 2 <= budget(12, 11, 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_then_success() {
    let fake = FakeGithub::start().await;
    let server = &fake.server;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("retry-after", "1")
                .set_body_json(json!({"message": "API rate limit exceeded"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    week(server, "/graphql", vec![pr(1, "One", json!([]))]).await;
    let run = report(&repo(), &fake, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("1 open pull request:"));
    assert_eq!(fake.accepted().await.len(), 4, "the refused request, the page, the closed pull requests, the window");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_gateway_then_success() {
    let fake = FakeGithub::start().await;
    let server = &fake.server;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>bad gateway</html>"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    week(server, "/graphql", vec![]).await;
    let run = report(&repo(), &fake, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.accepted().await.len(), 4, "the failed request, the page, the closed pull requests, the window");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_graphql_errors_and_malformed_answers_exit_with_2() {
    // No answer is mounted for a good token: the fake's own guard answers the wrong one.
    let fake = FakeGithub::start().await;
    let endpoint = format!("{}/graphql", fake.uri());
    let run = report_with(&repo(), &[("--api-url", &endpoint)], &[("GITHUB_TOKEN", "ghp_wrong")], &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(&format!("GitHub at {endpoint} rejected the token (HTTP 401)")), "{}", run.stderr);
    assert!(!run.stderr.contains("ghp_wrong"), "{}", run.stderr);

    let fake = FakeGithub::start().await;
    let server = &fake.server;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": null, "errors": [{"message": "Something went wrong while executing your query."}]}),
        ))
        .mount(server)
        .await;
    let run = report(&repo(), &fake, &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("Something went wrong while executing your query"), "{}", run.stderr);

    let fake = FakeGithub::start().await;
    let server = &fake.server;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"data\": [unterminated"))
        .mount(server)
        .await;
    let run = report(&repo(), &fake, &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not the expected JSON"), "{}", run.stderr);
}

/// GitHub answers a repository that does not exist, or that the token cannot see, with HTTP 200,
/// `repository: null` and a NOT_FOUND error; a wrong endpoint answers HTTP 404. Each has its
/// own message, naming the repository or the address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_repository_and_a_wrong_endpoint_are_named() {
    let fake = FakeGithub::start().await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"repository": null},
            "errors": [{"type": "NOT_FOUND", "path": ["repository"], "locations": [{"line": 2, "column": 3}],
                        "message": "Could not resolve to a Repository with the name 'SovereignCloudStack/standards'."}]
        })))
        .mount(&fake.server)
        .await;
    let endpoint = format!("{}/graphql", fake.uri());
    let run = report(&repo(), &fake, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "the repository SovereignCloudStack/standards was not found at {endpoint}, or this token cannot see it"
        )),
        "{}",
        run.stderr
    );

    // Nothing is mounted at /api/graphql: the fake answers 404 as a wrong address would.
    let api = format!("{}/api/v3", fake.uri());
    let run = report_with(&repo(), &[], &[("GITHUB_API_URL", &api)], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{}/api/graphql answered HTTP 404: there is no GraphQL API", fake.uri())),
        "{}",
        run.stderr
    );
}

/// octocrab sends its credentials only to api.github.com; scs sends the token to the endpoint
/// however it is named: --api-url, GITHUB_GRAPHQL_URL, or GITHUB_API_URL (GitHub Enterprise's
/// REST base). The fake answers 401 to any request without it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_reaches_every_configured_endpoint() {
    let fake = FakeGithub::start().await;
    for at in ["/graphql", "/api/graphql"] {
        week(&fake.server, at, vec![pr(1, "One", json!([]))]).await;
    }
    let uri = fake.uri();
    let graphql = format!("{uri}/graphql");
    let ghes_rest = format!("{uri}/api/v3");
    let ghes_graphql = format!("{uri}/api/graphql");
    type Pairs<'a> = &'a [(&'a str, &'a str)];
    let ways: [(&str, Pairs, Pairs); 5] = [
        ("--api-url GraphQL URL", &[("--api-url", &graphql)], &[]),
        ("--api-url REST base", &[("--api-url", &ghes_rest)], &[]),
        ("GITHUB_GRAPHQL_URL", &[], &[("GITHUB_GRAPHQL_URL", &ghes_graphql)]),
        ("GITHUB_API_URL", &[], &[("GITHUB_API_URL", &ghes_rest)]),
        ("GH_TOKEN", &[("--api-url", &graphql)], &[("GITHUB_TOKEN", ""), ("GH_TOKEN", TOKEN)]),
    ];
    for (way, flags, env) in ways {
        let before = fake.received().await;
        let run = report_with(&repo(), flags, env, &[]);
        assert_eq!(run.code, 0, "{way}: {}", run.stderr);
        assert!(run.stdout.contains("1 open pull request:"), "{way}: {}", run.stdout);
        assert_eq!(fake.received().await - before, 3, "{way}: one page, the closed pull requests, the window, no 401");
    }
}

/// The token goes to the configured endpoint and nowhere else: a redirect to another host is
/// not followed (that host sees no request at all), and the user is told where it pointed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_is_not_sent_to_another_host() {
    let elsewhere = MockServer::start().await;
    week(&elsewhere, "/graphql", vec![]).await;
    let fake = FakeGithub::start().await;
    let target = format!("{}/graphql", elsewhere.uri());
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(307).insert_header("location", target.as_str()))
        .mount(&fake.server)
        .await;
    let run = report(&repo(), &fake, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("redirect (HTTP 307) to {target}")), "{}", run.stderr);
    assert!(elsewhere.received_requests().await.unwrap_or_default().is_empty(), "the other host saw a request");

    // Naming two endpoints: only the one in force sees the token; the other sees nothing.
    let other = FakeGithub::start().await;
    let chosen = FakeGithub::start().await;
    week(&chosen.server, "/graphql", vec![]).await;
    let run = report_with(
        &repo(),
        &[("--api-url", &format!("{}/graphql", chosen.uri()))],
        &[("GITHUB_GRAPHQL_URL", &format!("{}/graphql", other.uri()))],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(other.received().await, 0);
    assert_eq!(chosen.accepted().await.len(), 3);
}

/// A server that accepts the connection and never answers ends the report with exit 2 and a
/// clear message within the bound: 3 attempts of --timeout seconds and 1 + 2 s of backoff.
#[test]
fn a_stalled_server_ends_the_report_within_the_bound() {
    let stalled = stalled();
    let endpoint = format!("http://127.0.0.1:{}/graphql", stalled.port);
    let started = Instant::now();
    let run = report_with(&repo(), &[("--api-url", &endpoint), ("--timeout", "1")], &[], &[]);
    let took = started.elapsed();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("GitHub at {endpoint} did not answer within 1 s, 3 times")), "{}", run.stderr);
    assert!(took >= Duration::from_secs(3), "three attempts of one second each: {took:?}");
    assert!(took < Duration::from_secs(30), "the bound is 3 × 1 s + 3 s of backoff: {took:?}");
    let help = crate::support::scs(&["report", "--help"], &crate::support::workspace());
    assert!(help.stdout.contains("--timeout <SECS>") && help.stdout.contains("[default: 30]"), "{}", help.stdout);
}

/// Texts and dependencies are read in chunks that stay within GitHub's limits (the fake
/// refuses a batch of more than 100 aliases), and the requests stay within the stated budget.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_batches_are_split_into_chunks() {
    let fake = FakeGithub::start().await;
    let server = &fake.server;
    // 70 pull requests, each changing one existing document (head and base: 140 texts) and
    // depending on three issues of its own (210 dependencies).
    let nodes: Vec<Value> = (1..=70)
        .map(|n| {
            let mut node = pr(
                n,
                &format!("Change {n}"),
                json!([{"path": "Standards/scs-0101-v1-entropy.md", "changeType": "MODIFIED"}]),
            );
            node["body"] = json!(format!("Depends on #{} and #{} and #{}", 1000 + 3 * n, 1001 + 3 * n, 1002 + 3 * n));
            node
        })
        .collect();
    for (cursor, range, next) in [(Value::Null, 0..50, Some("c50")), (json!("c50"), 50..70, None)] {
        Mock::given(method("POST"))
            .and(body_string_contains("OpenPullRequests"))
            .and(body_partial_json(json!({"variables": {"cursor": cursor}})))
            .respond_with(page(nodes[range].to_vec(), 70, next))
            .mount(server)
            .await;
    }
    let texts = (1..=70u64)
        .flat_map(|n| {
            [format!("head{n:04}:Standards/scs-0101-v1-entropy.md"), "base0000:Standards/scs-0101-v1-entropy.md".into()]
        })
        .map(|e| (e, GOOD.replace("title: Good", "title: Entropy")))
        .collect();
    answer(server, "FileTexts", serve_texts(texts)).await;
    answer(server, "DependencyStates", |request: &wiremock::Request| {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let query = body["query"].as_str().unwrap_or_default();
        let repository: serde_json::Map<String, Value> = query
            .lines()
            .filter_map(|l| l.trim().split_once(": issueOrPullRequest"))
            .map(|(alias, _)| (alias.to_owned(), json!({"issueState": "CLOSED"})))
            .collect();
        wiremock::Respond::respond(&Answer(json!({"data": {"repository": repository}})), request)
    })
    .await;
    no_closed_pull_requests(server).await;
    let run = report(&repo(), &fake, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["repositories"][0]["pull_requests"].as_array().map(Vec::len), Some(70));
    assert_eq!(missing_but_history(&json), Vec::<&str>::new(), "every text and dependency was read");
    let sent = fake.accepted().await;
    let count = |name: &str| sent.iter().filter(|b| b["query"].as_str().unwrap_or_default().contains(name)).count();
    assert_eq!(count("OpenPullRequests"), 2);
    assert_eq!(count("FileTexts"), 3, "140 texts in chunks of 50");
    assert_eq!(count("DependencyStates"), 3, "210 dependencies in chunks of 100");
    assert_eq!(count("ClosedPullRequests"), 1);
    assert_eq!(count("ClosedSince"), 1);
    assert_eq!(sent.len(), budget(70, 140, 210));
    assert_eq!(fake.received().await, sent.len(), "GitHub would have refused none of them");
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

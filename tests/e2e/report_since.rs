//! `scs report --since DATE`: "Since the last meeting" from a scripted git history (commits
//! dated in and out of the window) and a fake GitHub that executes every query against the
//! schema with GitHub's connection arguments (states, ordering, cursors), holding two
//! repositories, one of them without `Standards/`. The requests are counted against the
//! budget the README states.

use std::fs;

use serde_json::{Value, json};
use wiremock::Mock;
use wiremock::matchers::{body_partial_json, method};

use crate::fake_github::{FakeGithub, Hosted};
use crate::report::{budget_with_window, pr, report};
use crate::support::{Repo, git, git_with, scs};

const STANDARDS: &str = "SovereignCloudStack/standards";
const DOCS: &str = "SovereignCloudStack/docs";

fn doc(title: &str, track: &str, status: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\ntype: Procedural\nstatus: {status}\ntrack: {track}\n{extra}---\n\n## Introduction\n\nText.\n"
    )
}

fn write(repo: &Repo, name: &str, text: &str) {
    fs::write(repo.path().join("Standards").join(name), text).expect("write");
}

/// Commits everything with `subject` at `when` (ISO 8601) and returns the commit id.
fn commit(repo: &Repo, subject: &str, when: &str) -> String {
    git(repo.path(), &["add", "-A"]);
    let env = [("GIT_AUTHOR_DATE", when), ("GIT_COMMITTER_DATE", when)];
    git_with(repo.path(), &["commit", "-q", "-m", subject], &env);
    git(repo.path(), &["rev-parse", "HEAD"]).trim().to_owned()
}

/// The default branch's commits and their ids: one before the window, then a stabilization,
/// a new major version with the deprecation of its predecessor (`replaced_by`), a new
/// proposal in the Global track, an edit of a Stable document, and the proposal numbered.
struct History {
    repo: Repo,
    stabilized: String,
    deprecated: String,
    proposed: String,
    numbered: String,
}

fn history() -> History {
    let repo = Repo::new()
        .doc("scs-0100-v1-flavors.md", doc("Flavors", "IaaS", "Draft", ""))
        .doc("scs-0101-v1-entropy.md", doc("Entropy", "IaaS", "Stable", "stabilized_at: 2024-01-01\n"))
        .doc("scs-0001-v1-process.md", doc("Process", "Global", "Stable", "stabilized_at: 2023-01-01\n"));
    git(repo.path(), &["init", "-q"]);
    commit(&repo, "The standards so far", "2026-11-02T10:00:00Z");
    write(&repo, "scs-0100-v1-flavors.md", &doc("Flavors", "IaaS", "Stable", "stabilized_at: 2026-11-20\n"));
    let stabilized = commit(&repo, "Stabilize flavor naming (#30)", "2026-11-20T10:00:00Z");
    write(
        &repo,
        "scs-0101-v1-entropy.md",
        &doc(
            "Entropy",
            "IaaS",
            "Deprecated",
            "stabilized_at: 2024-01-01\ndeprecated_at: 2027-01-31\nreplaced_by:\n  - scs-0101-v2-entropy.md\n",
        ),
    );
    write(&repo, "scs-0101-v2-entropy.md", &doc("Entropy", "IaaS", "Draft", "replaces:\n  - scs-0101-v1-entropy.md\n"));
    let deprecated = commit(&repo, "Entropy v2 deprecates v1 (#31)", "2026-11-21T23:30:00-05:00");
    write(&repo, "scs-xxxx-v1-glossary.md", &doc("Glossary", "Global", "Draft", ""));
    let proposed = commit(&repo, "Propose a glossary (#32)", "2026-11-23T08:00:00Z");
    write(
        &repo,
        "scs-0001-v1-process.md",
        &format!("{}\nClearer wording.\n", doc("Process", "Global", "Stable", "stabilized_at: 2023-01-01\n")),
    );
    commit(&repo, "Reword the process (#34)", "2026-11-24T08:00:00Z");
    git(repo.path(), &["mv", "Standards/scs-xxxx-v1-glossary.md", "Standards/scs-0002-v1-glossary.md"]);
    let numbered = commit(&repo, "Number the glossary", "2026-11-25T08:00:00Z");
    History { repo, stabilized, deprecated, proposed, numbered }
}

/// An open pull request as GitHub stores it (every field of every query).
fn open(number: u64, repository: &str, title: &str, files: Value) -> Value {
    let mut pr = pr(number, title, files);
    let fields = pr.as_object_mut().expect("object");
    fields.insert("url".into(), json!(format!("https://github.com/{repository}/pull/{number}")));
    fields.insert("state".into(), json!("OPEN"));
    for (key, value) in
        [("merged", json!(false)), ("closedAt", Value::Null), ("mergedAt", Value::Null), ("mergeCommit", Value::Null)]
    {
        fields.insert(key.into(), value);
    }
    pr
}

/// A pull request merged (with its merge commit) or closed without merge at `closed`, last
/// updated at `updated`.
fn closed(
    number: u64,
    repository: &str,
    title: &str,
    merge_commit: Option<&str>,
    closed: &str,
    updated: &str,
    files: Value,
) -> Value {
    let mut pr = open(number, repository, title, files);
    let fields = pr.as_object_mut().expect("object");
    let merged = merge_commit.is_some();
    fields.insert("state".into(), json!(if merged { "MERGED" } else { "CLOSED" }));
    fields.insert("merged".into(), json!(merged));
    fields.insert("createdAt".into(), json!(format!("2026-0{}-01T09:00:00Z", 1 + number % 9)));
    fields.insert("updatedAt".into(), json!(updated));
    fields.insert("closedAt".into(), json!(closed));
    fields.insert("mergedAt".into(), if merged { json!(closed) } else { Value::Null });
    fields.insert("mergeCommit".into(), merge_commit.map_or(Value::Null, |oid| json!({"oid": oid})));
    pr
}

fn file(path: &str, change: &str) -> Value {
    json!({"path": path, "changeType": change})
}

/// Serves `hosted` for the queries that name its repository.
pub(crate) async fn host(fake: &FakeGithub, hosted: Hosted) {
    let name = hosted.name.clone();
    Mock::given(method("POST"))
        .and(body_partial_json(json!({"variables": {"name": name}})))
        .respond_with(hosted)
        .with_priority(3)
        .mount(&fake.server)
        .await;
}

/// `(repository name, operation)` of each accepted request.
pub(crate) async fn requests(fake: &FakeGithub) -> Vec<(String, String)> {
    fake.accepted()
        .await
        .iter()
        .map(|body| {
            let query = body["query"].as_str().unwrap_or_default();
            let operation = query
                .strip_prefix("query ")
                .or_else(|| query.strip_prefix("mutation "))
                .and_then(|q| q.split(['(', ' ']).next())
                .unwrap_or_default();
            (body["variables"]["name"].as_str().unwrap_or_default().to_owned(), operation.to_owned())
        })
        .collect()
}

pub(crate) fn count(requests: &[(String, String)], repository: &str, operation: &str) -> usize {
    requests.iter().filter(|(r, o)| r == repository && o == operation).count()
}

/// Two repositories: the standards with its history, pull requests merged in the window
/// (some of them the commits above, one whose merge commit this clone lacks), one closed
/// without merge, one updated in the window but closed before it, and 120 closed long ago;
/// the docs repository, without `Standards/`, with its own open, stale, merged and closed ones.
async fn github(history: &History) -> FakeGithub {
    let fake = FakeGithub::start().await;
    let standards_file = |name: &str, change: &str| file(&format!("Standards/{name}"), change);
    let mut standards = vec![
        open(40, STANDARDS, "Stabilize the process", json!([standards_file("scs-0001-v1-process.md", "MODIFIED")])),
        closed(
            30,
            STANDARDS,
            "Stabilize flavor naming",
            Some(&history.stabilized),
            "2026-11-20T10:00:00Z",
            "2026-11-20T10:05:00Z",
            json!([standards_file("scs-0100-v1-flavors.md", "MODIFIED")]),
        ),
        closed(
            31,
            STANDARDS,
            "Entropy v2",
            Some(&history.deprecated),
            "2026-11-22T04:30:00Z",
            "2026-11-22T04:31:00Z",
            json!([
                standards_file("scs-0101-v1-entropy.md", "MODIFIED"),
                standards_file("scs-0101-v2-entropy.md", "ADDED")
            ]),
        ),
        closed(
            32,
            STANDARDS,
            "Propose a glossary",
            Some(&history.proposed),
            "2026-11-23T08:00:00Z",
            "2026-11-23T08:01:00Z",
            json!([standards_file("scs-xxxx-v1-glossary.md", "ADDED")]),
        ),
        closed(
            33,
            STANDARDS,
            "Flavor naming: fix a typo",
            Some("0123456789abcdef0123456789abcdef01234567"),
            "2026-11-24T12:00:00Z",
            "2026-11-24T12:00:00Z",
            json!([standards_file("scs-0100-v1-flavors.md", "MODIFIED")]),
        ),
        closed(
            35,
            STANDARDS,
            "Propose a | pipe <b>dream</b>",
            None,
            "2026-11-25T16:00:00Z",
            "2026-11-25T16:00:00Z",
            json!([standards_file("scs-xxxx-v1-dream.md", "ADDED")]),
        ),
        closed(
            36,
            STANDARDS,
            "Fix the README",
            Some("fedcba9876543210fedcba9876543210fedcba98"),
            "2026-11-26T07:00:00Z",
            "2026-11-26T07:00:00Z",
            json!([file("README.md", "MODIFIED")]),
        ),
        // Commented on in the window, closed long before it: not part of the window.
        closed(29, STANDARDS, "Old idea", None, "2026-10-01T10:00:00Z", "2026-11-24T10:00:00Z", json!([])),
        // After --today: not part of the window either.
        closed(37, STANDARDS, "Tomorrow", None, "2026-11-27T10:00:00Z", "2026-11-27T10:00:00Z", json!([])),
    ];
    standards.extend((100..220).map(|n| {
        closed(
            n,
            STANDARDS,
            &format!("Long ago {n}"),
            None,
            "2026-03-01T10:00:00Z",
            &format!("2026-03-{:02}T10:00:00Z", 1 + n % 28),
            json!([]),
        )
    }));
    let mut hosted = Hosted::new(STANDARDS, standards).with_standards();
    let process = doc("Process", "Global", "Stable", "stabilized_at: 2023-01-01\n");
    for (expression, text) in [
        ("base0000:Standards/scs-0001-v1-process.md", process.clone()),
        ("head0040:Standards/scs-0001-v1-process.md", format!("{process}\nMore text.\n")),
    ] {
        hosted.objects.insert(expression.into(), json!({"__typename": "Blob", "text": text, "isBinary": false}));
    }
    host(&fake, hosted).await;
    let mut stale = open(6, DOCS, "Rewrite the glossary page", json!([file("docs/glossary.md", "MODIFIED")]));
    stale["updatedAt"] = json!("2026-10-01T00:00:00Z");
    let docs = vec![
        open(5, DOCS, "Update the getting-started guide", json!([file("docs/getting-started.md", "MODIFIED")])),
        stale,
        closed(
            7,
            DOCS,
            "Link the standards",
            Some("1111111111111111111111111111111111111111"),
            "2026-11-21T10:00:00Z",
            "2026-11-21T10:00:00Z",
            json!([file("docs/index.md", "MODIFIED")]),
        ),
        closed(8, DOCS, "Duplicate of #7", None, "2026-11-22T10:00:00Z", "2026-11-22T10:00:00Z", json!([])),
    ];
    host(&fake, Hosted::new(DOCS, docs)).await;
    fake
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn since_the_last_meeting_with_history_and_two_repositories() {
    let history = history();
    let fake = github(&history).await;
    let run = report(&history.repo, &fake, &["--repo", DOCS]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids = [&history.stabilized, &history.deprecated, &history.proposed, &history.numbered];
    let mut shown = run.stdout.clone();
    for (i, id) in ids.iter().enumerate() {
        shown = shown.replace(&id[..10], &format!("commit{i}"));
    }
    let renumbered = regex::Regex::new(r"\b[0-9a-f]{10}\b").expect("regex");
    let shown = renumbered.replace_all(&shown, "<commit>");
    insta::assert_snapshot!("report_since_the_last_meeting", shown);

    // The merged pull requests point at the steps their merge commits made, listed once.
    for line in [
        "| Stabilize flavor naming | alice | merged 2026-11-20 into main | scs-0100-v1-flavors.md: 1 step (in the table above) |",
        "| Entropy v2 | alice | merged 2026-11-22 into main | scs-0101-v1-entropy.md, scs-0101-v2-entropy.md: 2 steps (in the table above) |",
        "| Propose a glossary | alice | merged 2026-11-23 into main | scs-xxxx-v1-glossary.md: 1 step (in the table above) |",
    ] {
        assert!(shown.contains(line), "{line}\n{shown}");
    }
    let json = report(&history.repo, &fake, &["--repo", DOCS, "--format", "json"]).json();
    let standards = &json["repositories"][0];
    let closed: Vec<u64> =
        standards["closed"].as_array().expect("closed").iter().filter_map(|c| c["number"].as_u64()).collect();
    assert_eq!(closed, [36, 35, 33, 32, 31, 30], "newest first; #29 and #37 are outside the window");
    let steps = |n: u64| -> Value {
        standards["closed"].as_array().expect("closed").iter().find(|c| c["number"] == n).expect("listed")["steps"]
            .clone()
    };
    assert_eq!(steps(30)[0]["steps"], json!([{"step": "stabilized", "stabilized_at": "2026-11-20"}]));
    assert_eq!(steps(31).as_array().map(Vec::len), Some(2), "the deprecation and the new major version");
    assert_eq!(steps(33), Value::Null, "the merge commit is not in the local history: unknown, not none");
    assert_eq!(steps(35), Value::Null, "closed without merge");
    assert_eq!(steps(36), json!([]), "no document touched");
    assert_eq!(json["repositories"][1]["standards"], false);
    assert_eq!(json["repositories"][1]["closed"].as_array().map(Vec::len), Some(2));
    let lifecycle: Vec<(&str, Option<u64>)> = json["lifecycle"]
        .as_array()
        .expect("lifecycle")
        .iter()
        .map(|c| (c["file_name"].as_str().unwrap_or_default(), c["pull_request"].as_u64()))
        .collect();
    assert_eq!(
        lifecycle,
        [
            ("scs-0100-v1-flavors.md", Some(30)),
            ("scs-0101-v1-entropy.md", Some(31)),
            ("scs-0101-v2-entropy.md", Some(31)),
            ("scs-xxxx-v1-glossary.md", Some(32)),
            ("scs-0001-v1-process.md", Some(34)),
            ("scs-0002-v1-glossary.md", None),
        ],
        "the edit of the Stable #34 is listed (its number from the subject); the commit of 23:30 at UTC-5 is the 22nd"
    );

    // Two runs; each: per repository one page of open pull requests, the closed ones, one
    // page of the window (the 120 old ones are never read); the texts of the standards PR.
    let sent = requests(&fake).await;
    for operation in ["OpenPullRequests", "ClosedPullRequests", "ClosedSince"] {
        assert_eq!(count(&sent, "standards", operation), 2, "{operation}: {sent:?}");
        assert_eq!(count(&sent, "docs", operation), 2, "{operation}: {sent:?}");
    }
    assert_eq!(count(&sent, "standards", "FileTexts"), 2, "{sent:?}");
    assert_eq!(sent.len(), 14, "{sent:?}");
    // Updated since the window's first day: 8 in standards (#29 to #37), 2 in docs.
    assert!(sent.len() / 2 <= budget_with_window(1, 2, 0, 8) + budget_with_window(2, 0, 0, 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_is_read_page_by_page_and_no_further() {
    let history = history();
    let fake = FakeGithub::start().await;
    // 120 merged in the window, 200 before it, interleaved by number.
    let prs: Vec<Value> = (1..=320)
        .map(|n| {
            let day = if n % 8 < 3 {
                format!("2026-11-{:02}T10:00:00Z", 19 + n % 8)
            } else {
                format!("2026-10-{:02}T10:00:00Z", 1 + n % 28)
            };
            closed(
                n,
                STANDARDS,
                &format!("Change {n}"),
                Some("2222222222222222222222222222222222222222"),
                &day,
                &day,
                json!([]),
            )
        })
        .collect();
    let in_window = prs.iter().filter(|p| p["closedAt"].as_str().is_some_and(|d| d >= "2026-11-19")).count();
    assert_eq!(in_window, 120);
    host(&fake, Hosted::new(STANDARDS, prs).with_standards()).await;
    let run = report(&history.repo, &fake, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["repositories"][0]["closed"].as_array().map(Vec::len), Some(120));
    let sent = requests(&fake).await;
    assert_eq!(
        count(&sent, "standards", "ClosedSince"),
        120 / 50 + 1,
        "pages of 50 until one reaches before the window: {sent:?}"
    );
    assert!(sent.len() <= budget_with_window(0, 0, 0, 120));
}

#[test]
fn offline_the_history_alone_gives_the_lifecycle_changes() {
    let history = history();
    let run = scs(&["report", "--offline", "--today", "2026-11-26", "--since", "2026-11-21"], history.repo.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("## Since the last meeting (2026-11-21 to 2026-11-26)"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("scs-0100-v1-flavors.md](") && !run.stdout.contains("| scs-0100-v1-flavors.md"),
        "the 20th is before the window:\n{}",
        run.stdout
    );
    for expected in [
        "| [#31](https://github.com/SovereignCloudStack/standards/pull/31) (from the subject) | [scs-0101-v1-entropy.md]",
        "deprecated (from 2027-01-31, replaced by scs-0101-v2-entropy.md)",
        "new major version, replacing scs-0101-v1-entropy.md",
        "| [#32](https://github.com/SovereignCloudStack/standards/pull/32) (from the subject) | [scs-xxxx-v1-glossary.md]",
        "new proposal (Draft)",
        "| [#34](https://github.com/SovereignCloudStack/standards/pull/34) (from the subject) | [scs-0001-v1-process.md]",
        "edit of a Stable document: −0 +1 sentences, list items or table rows, −0 +1 lines: added “Clearer wording.”",
        "| — | [scs-0002-v1-glossary.md]",
        "numbered (was scs-xxxx-v1-glossary.md)",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
}

#[test]
fn a_shallow_clone_or_no_git_says_the_history_is_missing() {
    let history = history();
    let shallow = tempfile::tempdir().expect("tempdir");
    let source = format!("file://{}", history.repo.path().display());
    let target = shallow.path().join("clone");
    git(shallow.path(), &["clone", "-q", "--depth", "1", &source, target.to_str().expect("utf-8")]);
    let run = scs(&["report", "--offline", "--today", "2026-11-26", "--format", "json"], &target);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let missing = run.json()["missing"].to_string();
    assert!(missing.contains("lifecycle changes on the default branch") && missing.contains("shallow"), "{missing}");
}

#[test]
fn a_bad_since_is_a_usage_error() {
    let history = history();
    for (since, says) in [("last week", "YYYY-MM-DD"), ("2026-11-27", "after the day of the report")] {
        let run = scs(&["report", "--offline", "--today", "2026-11-26", "--since", since], history.repo.path());
        assert_eq!(run.code, 2, "{since}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{since}: {}", run.stderr);
    }
}

/// The fake executes queries as GitHub does: the same question asked differently gets
/// GitHub's different answer, and what GitHub refuses is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_orders_pages_and_refuses_as_github_does() {
    let fake = FakeGithub::start().await;
    let prs: Vec<Value> = (1..=5)
        .map(|n| {
            closed(n, STANDARDS, "x", None, "2026-11-20T10:00:00Z", &format!("2026-11-2{}T10:00:00Z", 6 - n), json!([]))
        })
        .collect();
    host(&fake, Hosted::new(STANDARDS, prs)).await;
    let uri = fake.uri();
    let ask = |arguments: &str| {
        let query = format!(
            "query Q($owner: String!, $name: String!) {{ repository(owner: $owner, name: $name) {{ pullRequests({arguments}) {{ totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ number }} }} }} }}"
        );
        post(&uri, json!({"query": query, "variables": {"owner": "SovereignCloudStack", "name": "standards"}}), true)
    };
    let numbers = |answer: &Value| -> Vec<u64> {
        answer["data"]["repository"]["pullRequests"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n["number"].as_u64())
            .collect()
    };
    assert_eq!(numbers(&ask("states: [CLOSED], first: 3").await.1), [1, 2, 3], "by creation, then number");
    let newest = ask("states: [CLOSED, MERGED], first: 2, orderBy: {field: UPDATED_AT, direction: DESC}").await.1;
    assert_eq!(numbers(&newest), [1, 2]);
    let cursor =
        newest["data"]["repository"]["pullRequests"]["pageInfo"]["endCursor"].as_str().expect("cursor").to_owned();
    let next = ask(&format!(
        "states: [CLOSED, MERGED], first: 2, after: \"{cursor}\", orderBy: {{field: UPDATED_AT, direction: ASC}}"
    ))
    .await
    .1;
    assert_eq!(numbers(&next), [3, 2], "a cursor is a position in the order asked for");
    assert_eq!(numbers(&ask("states: [MERGED], first: 5").await.1), Vec::<u64>::new());
    assert_eq!(ask("states: [CLOSED], first: 5").await.1["data"]["repository"]["pullRequests"]["totalCount"], 5);
    for (arguments, error) in [
        ("states: [CLOSED]", "must provide a `first` or `last`"),
        ("first: 2, last: 2", "both `first` and `last`"),
        ("first: 2, after: \"bm90IGEgY3Vyc29y\"", "valid cursor"),
        ("first: 2, labels: [\"x\"]", "does not implement the argument `labels`"),
    ] {
        let (_, answer) = ask(arguments).await;
        let message = answer["errors"][0]["message"].as_str().unwrap_or_default().to_owned();
        assert!(message.contains(error), "{arguments}: {answer}");
    }
    let other = json!({
        "query": "query Q($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { pullRequests(first: 1) { totalCount } } }",
        "variables": {"owner": "someone", "name": "standards"}
    });
    let (_, answer) = post(&uri, other.clone(), true).await;
    assert!(answer["errors"][0]["message"].as_str().is_some_and(|m| m.contains("Could not resolve")), "{answer}");
    assert_eq!(post(&uri, other, false).await.0, 401);
}

/// POSTs `body` to the fake's GraphQL endpoint over plain HTTP/1.1, with the token or
/// without; the status and the JSON answer.
pub(crate) async fn post(uri: &str, body: Value, token: bool) -> (u16, Value) {
    use std::io::{Read, Write};
    let address = uri.trim_start_matches("http://").to_owned();
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&address).expect("connect");
        let body = body.to_string();
        let authorization =
            if token { format!("Authorization: Bearer {}\r\n", crate::fake_github::TOKEN) } else { String::new() };
        write!(
            stream,
            "POST /graphql HTTP/1.1\r\nHost: {address}\r\nUser-Agent: scs-tests\r\n{authorization}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let (_, payload) = answer.split_once("\r\n\r\n").unwrap_or_default();
        (status, serde_json::from_str(payload).unwrap_or(Value::Null))
    })
    .await
    .expect("the request ran")
}

/// A server that lies: every page of the window is full of pull requests updated today and
/// has a next one. The pages read are bounded by the total it states, and the report says
/// that the window was cut short.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_that_never_ends_is_read_as_far_as_its_total_and_said_so() {
    let history = history();
    let fake = FakeGithub::start().await;
    host(&fake, Hosted::new(STANDARDS, Vec::new()).with_standards()).await;
    let asked = [
        "number",
        "title",
        "url",
        "merged",
        "createdAt",
        "updatedAt",
        "closedAt",
        "mergedAt",
        "author",
        "baseRefName",
        "mergeCommit",
        "files",
    ];
    let nodes: Vec<Value> = (1..=50)
        .map(|n| {
            let stored = closed(n, STANDARDS, "Again", None, "2026-11-25T10:00:00Z", "2026-11-25T10:00:00Z", json!([]));
            asked.iter().map(|key| ((*key).to_owned(), stored[*key].clone())).collect::<serde_json::Map<_, _>>().into()
        })
        .collect();
    let endless = json!({"data": {"repository": {"pullRequests": {
        "totalCount": 60, "pageInfo": {"hasNextPage": true, "endCursor": "Y3Vyc29yOnYyOpK0"}, "nodes": nodes
    }}}});
    Mock::given(method("POST"))
        .and(wiremock::matchers::body_string_contains("ClosedSince"))
        .respond_with(crate::fake_github::Answer(endless))
        .with_priority(2)
        .mount(&fake.server)
        .await;
    let run = report(&history.repo, &fake, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert!(
        json["missing"].to_string().contains("only the 100 most recently updated were read"),
        "{}",
        json["missing"]
    );
    let sent = requests(&fake).await;
    assert_eq!(count(&sent, "standards", "ClosedSince"), 2, "a total of 60 is two pages: {sent:?}");
}

/// A document version in the window larger than `max-file-size` is not read as empty (which
/// would be a false step, such as a deprecation read as a removal of the status): it is
/// named under "Not in this report".
#[test]
fn an_oversized_version_in_the_window_is_named_not_misread() {
    let history = history();
    fs::write(history.repo.path().join("scs.toml"), "max-file-size = 2000\n").expect("scs.toml");
    let big =
        format!("{}\n{}\n", doc("Flavors", "IaaS", "Stable", "stabilized_at: 2026-11-20\n"), "Padding. ".repeat(400));
    write(&history.repo, "scs-0100-v1-flavors.md", &big);
    commit(&history.repo, "Pad flavor naming", "2026-11-25T12:00:00Z");
    let run = scs(&["report", "--offline", "--today", "2026-11-26", "--format", "json"], history.repo.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let missing = json["missing"].to_string();
    assert!(missing.contains("the lifecycle step of Standards/scs-0100-v1-flavors.md in commit"), "{missing}");
    let steps: Vec<&str> =
        json["lifecycle"].as_array().expect("lifecycle").iter().filter_map(|c| c["file_name"].as_str()).collect();
    assert_eq!(
        steps.iter().filter(|f| **f == "scs-0100-v1-flavors.md").count(),
        1,
        "only the stabilization: {steps:?}"
    );
}

/// The steps the history shows, each labelled by the one lifecycle model in the report and in
/// `scs review`: two renumberings (0212 → 0218, 0118 → 0119, paired by git), a slug change git
/// does not pair (the content was rewritten: a removal and an addition of the same id), an
/// edit of a template (no document: no step), and proposals named `scs-XXXX-…` and
/// `scs-01xx-…` (not "already numbered").
#[test]
fn history_steps_are_labelled_by_the_one_model() {
    let text = |title: &str, track: &str, body: &str| {
        format!(
            "---\ntitle: {title}\ntype: Standard\nstatus: Draft\ntrack: {track}\n---\n\n## Introduction\n\n{body}\n"
        )
    };
    let baseline: String = (0..40).map(|i| format!("Baseline rule {i} for clusters.\n")).collect();
    let hardening: String = (0..40).map(|i| format!("Hardening measure {i}: apply it.\n")).collect();
    let repo = Repo::new()
        .doc("scs-0212-v1-registries.md", text("Registries", "KaaS", "Registries."))
        .doc("scs-0118-v1-taxonomy.md", text("Taxonomy", "IaaS", "Levels."))
        .doc("scs-0217-v1-baseline-security.md", text("K8s cluster baseline security", "KaaS", &baseline))
        .doc("scs-XXXX-vN-standard-template.md", text("Template", "Global", "Fill in."));
    git(repo.path(), &["init", "-q"]);
    let base = commit(&repo, "The standards so far", "2026-11-01T10:00:00Z");
    git(repo.path(), &["mv", "Standards/scs-0212-v1-registries.md", "Standards/scs-0218-v1-registries.md"]);
    commit(&repo, "Renumber the registry standard (#501)", "2026-11-20T10:00:00Z");
    git(repo.path(), &["mv", "Standards/scs-0118-v1-taxonomy.md", "Standards/scs-0119-v1-taxonomy.md"]);
    commit(&repo, "Renumber the taxonomy (#502)", "2026-11-21T10:00:00Z");
    fs::remove_file(repo.path().join("Standards/scs-0217-v1-baseline-security.md")).expect("remove");
    write(
        &repo,
        "scs-0217-v1-cluster-hardening.md",
        &text("Cluster hardening (previously K8s cluster baseline security)", "KaaS", &hardening),
    );
    commit(&repo, "Cluster hardening, previously baseline security (#503)", "2026-11-22T10:00:00Z");
    write(&repo, "scs-XXXX-vN-standard-template.md", &text("Template", "Global", "Fill in, please."));
    commit(&repo, "Template wording (#504)", "2026-11-23T10:00:00Z");
    write(&repo, "scs-XXXX-v1-new-idea.md", &text("A new idea", "IaaS", "Idea."));
    commit(&repo, "Propose a new idea (#505)", "2026-11-24T10:00:00Z");
    write(&repo, "scs-01xx-v1-partial.md", &text("Partly numbered", "IaaS", "Idea."));
    commit(&repo, "Propose another (#506)", "2026-11-25T10:00:00Z");

    let run = scs(&["report", "--offline", "--today", "2026-11-26", "--format", "json"], repo.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let steps: Vec<(String, Value, Option<u64>)> = json["lifecycle"]
        .as_array()
        .expect("lifecycle")
        .iter()
        .map(|c| {
            (c["file_name"].as_str().unwrap_or_default().to_owned(), c["steps"].clone(), c["pull_request"].as_u64())
        })
        .collect();
    assert_eq!(
        steps,
        [
            (
                "scs-0218-v1-registries.md".into(),
                json!([{"step": "renumbered", "from": "scs-0212-v1-registries.md"}]),
                Some(501)
            ),
            (
                "scs-0119-v1-taxonomy.md".into(),
                json!([{"step": "renumbered", "from": "scs-0118-v1-taxonomy.md"}]),
                Some(502)
            ),
            (
                "scs-0217-v1-cluster-hardening.md".into(),
                json!([{"step": "renamed", "from": "scs-0217-v1-baseline-security.md"}]),
                Some(503)
            ),
            ("scs-XXXX-v1-new-idea.md".into(), json!([{"step": "proposed", "status": "Draft"}]), Some(505)),
            ("scs-01xx-v1-partial.md".into(), json!([{"step": "proposed", "status": "Draft"}]), Some(506)),
        ],
        "the template's edit is no step"
    );

    // `scs review` against the first commit labels the same way (and the template's edit as
    // a template, not a document).
    let review = scs(&["review", "--base", &base, "--format", "json", "--today", "2026-11-26"], repo.path()).json();
    let labels: Vec<(String, Value)> = review["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| (d["file_name"].as_str().unwrap_or_default().to_owned(), d["steps"][0].clone()))
        .collect();
    assert_eq!(
        labels,
        [
            ("scs-0119-v1-taxonomy.md".into(), json!({"step": "renumbered", "from": "scs-0118-v1-taxonomy.md"})),
            ("scs-01xx-v1-partial.md".into(), json!({"step": "proposed", "status": "Draft"})),
            (
                "scs-0217-v1-cluster-hardening.md".into(),
                json!({"step": "renamed", "from": "scs-0217-v1-baseline-security.md"})
            ),
            ("scs-0218-v1-registries.md".into(), json!({"step": "renumbered", "from": "scs-0212-v1-registries.md"})),
            ("scs-XXXX-v1-new-idea.md".into(), json!({"step": "proposed", "status": "Draft"})),
            ("scs-XXXX-vN-standard-template.md".into(), json!({"step": "template"})),
        ]
    );
}

//! `scs report --post-issue OWNER/NAME#N`: one comment per meeting day on one issue, found by
//! its marker (which names the day) among the comments the token wrote, updated in place on
//! that day; added on a new day, leaving last week's as it was; the newest one before today
//! dates the last meeting. The fake GitHub executes the mutations against the schema and
//! refuses what GitHub refuses: no token, a token without write access, another's comment, an
//! issue that is not there.

use serde_json::json;
use wiremock::Mock;
use wiremock::matchers::{body_string_contains, method};

use crate::fake_github::{FakeGithub, Hosted};
use crate::report::report;
use crate::report_since::{count, host, post, requests};
use crate::support::{GOOD, Repo, Run};

const STANDARDS: &str = "SovereignCloudStack/standards";
const ISSUE: &str = "SovereignCloudStack/standards#42";
/// The marker of the meeting on `day`.
fn marker(day: &str) -> String {
    format!("<!-- scs report {day}: this comment is updated in place by `scs report --post-issue` for that meeting -->")
}

fn repo() -> Repo {
    Repo::new().doc("scs-0101-v1-entropy.md", GOOD)
}

/// Serves `hosted` for its repository's queries and for every mutation.
async fn serve(fake: &FakeGithub, hosted: &Hosted) {
    host(fake, hosted.clone()).await;
    Mock::given(method("POST"))
        .and(body_string_contains("mutation "))
        .respond_with(hosted.clone())
        .with_priority(3)
        .mount(&fake.server)
        .await;
}

/// The comments of issue `number`: `(author, body)`.
fn comments(hosted: &Hosted, number: u64) -> Vec<(String, String)> {
    let issues = hosted.issues.lock().expect("issues");
    issues[&number]["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| {
            (c["author"].as_str().unwrap_or_default().to_owned(), c["body"].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

/// The run succeeded and says it added the comment at `url` (or a URL starting with it).
fn assert_added(run: &Run, day: &str, url: &str) {
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("added the report comment of {day} on {ISSUE}: {url}")), "{}", run.stderr);
}

fn meeting_issue() -> Hosted {
    Hosted::new(STANDARDS, Vec::new()).with_standards().with_issue(
        42,
        &[
            ("alice", "Agenda for Thursday"),
            ("github-actions[bot]", "Another workflow's comment"),
            // Someone else's comment that starts with the marker is not scs's comment.
            ("mallory", &format!("{}\nnot the report", marker("2026-11-26"))),
        ],
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_comment_is_added_once_then_updated_in_place() {
    let fake = FakeGithub::start().await;
    let hosted = meeting_issue();
    serve(&fake, &hosted).await;
    let repo = repo();
    let first = report(&repo, &fake, &["--post-issue", ISSUE]);
    assert_added(&first, "2026-11-26", "https://github.com/SovereignCloudStack/standards/issues/42#issuecomment-42003");
    let after_first = comments(&hosted, 42);
    assert_eq!(after_first.len(), 4);
    let (author, body) = &after_first[3];
    assert_eq!(author, "github-actions[bot]");
    assert_eq!(body, &format!("{}\n\n{}", marker("2026-11-26"), first.stdout), "the comment is the printed report");
    assert!(
        first.stdout.contains("Since the last meeting: 2026-11-19 to 2026-11-26"),
        "no earlier report: meeting-days"
    );

    // Again on the meeting's day, as JSON on stdout: the same comment gets the new Markdown.
    let second = report(&repo, &fake, &["--post-issue", ISSUE, "--since", "2026-11-25", "--format", "json"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stderr.contains("updated the report comment of 2026-11-26 on SovereignCloudStack/standards#42"),
        "{}",
        second.stderr
    );
    let after_second = comments(&hosted, 42);
    assert_eq!(after_second.len(), 4, "no second comment");
    assert_eq!(after_second[..3], after_first[..3], "the other comments, mallory's included, are untouched");
    assert!(
        after_second[3].1.starts_with(&marker("2026-11-26")) && after_second[3].1.contains("2026-11-25 to 2026-11-26"),
        "{}",
        after_second[3].1
    );
    assert!(second.json()["repositories"].is_array(), "stdout keeps the JSON asked for");

    // The next meeting, two weeks later: a new comment; last meeting's stays as it was, and
    // its day is where "since the last meeting" starts.
    let next = report(&repo, &fake, &["--post-issue", ISSUE, "--today", "2026-12-10"]);
    assert_added(&next, "2026-12-10", "https://github.com/SovereignCloudStack/standards/issues/42#issuecomment-42004");
    assert!(next.stdout.contains("Since the last meeting: 2026-11-26 to 2026-12-10"), "{}", next.stdout);
    let after_next = comments(&hosted, 42);
    assert_eq!(after_next.len(), 5);
    assert_eq!(after_next[..4], after_second[..], "last meeting's comment is untouched");
    assert!(after_next[4].1.starts_with(&marker("2026-12-10")));

    // Per run: the three report queries, one page of comments, one mutation.
    let sent = requests(&fake).await;
    assert_eq!(count(&sent, "standards", "ReportComments"), 3, "{sent:?}");
    let mutations: Vec<&str> = sent.iter().filter(|(r, _)| r.is_empty()).map(|(_, o)| o.as_str()).collect();
    assert_eq!(mutations, ["AddReportComment", "UpdateReportComment", "AddReportComment"]);
    assert_eq!(sent.len(), 3 * (3 + 1 + 1), "{sent:?}");
}

/// `report.meeting-days` sets the window when no report comment dates the last meeting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meeting_days_set_the_default_window() {
    let fake = FakeGithub::start().await;
    serve(&fake, &meeting_issue()).await;
    let repo = repo();
    std::fs::write(repo.path().join("scs.toml"), "[report]\nmeeting-days = 14\n").expect("config");
    let run = report(&repo, &fake, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Since the last meeting: 2026-11-12 to 2026-11-26"), "{}", run.stdout);
    std::fs::write(repo.path().join("scs.toml"), "[report]\nmeeting-days = 0\n").expect("config");
    let zero = report(&repo, &fake, &[]);
    assert_eq!(zero.code, 2, "{}", zero.stderr);
    assert!(zero.stderr.contains("`meeting-days` must be a whole number of days from 1"), "{}", zero.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn its_comment_is_found_beyond_the_first_page() {
    let fake = FakeGithub::start().await;
    let mut thread: Vec<(&str, String)> = (0..150).map(|i| ("alice", format!("comment {i}"))).collect();
    thread[120] = ("github-actions[bot]", format!("{}\n\ntoday's first report", marker("2026-11-26")));
    thread[7] = ("github-actions[bot]", format!("{}\n\nlast week's report", marker("2026-11-19")));
    let thread: Vec<(&str, &str)> = thread.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let hosted = Hosted::new(STANDARDS, Vec::new()).with_standards().with_issue(42, &thread);
    serve(&fake, &hosted).await;
    let run = report(&repo(), &fake, &["--post-issue", ISSUE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = comments(&hosted, 42);
    assert_eq!(after.len(), 150);
    assert!(after[120].1.contains("# SCS standards: meeting report, 2026-11-26"), "{}", after[120].1);
    assert!(after[7].1.ends_with("last week's report"), "last week's comment is untouched");
    assert!(run.stdout.contains("Since the last meeting: 2026-11-19 to 2026-11-26"), "{}", run.stdout);
    let sent = requests(&fake).await;
    assert_eq!(count(&sent, "standards", "ReportComments"), 2, "pages of 100: {sent:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_that_cannot_write_or_a_missing_issue_ends_with_2_and_writes_nothing() {
    let fake = FakeGithub::start().await;
    let mut hosted = meeting_issue();
    hosted.can_write = false;
    serve(&fake, &hosted).await;
    let run = report(&repo(), &fake, &["--post-issue", ISSUE]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.contains("# SCS standards: meeting report"), "the report is still printed");
    assert!(run.stderr.contains("Resource not accessible by integration"), "{}", run.stderr);
    assert!(run.stderr.contains("permissions: issues: write"), "{}", run.stderr);
    assert_eq!(comments(&hosted, 42).len(), 3);

    let missing = report(&repo(), &fake, &["--post-issue", "SovereignCloudStack/standards#7"]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(missing.stdout.contains("# SCS standards: meeting report"), "the report is still printed");
    assert!(missing.stderr.contains("SovereignCloudStack/standards#7 is not an issue"), "{}", missing.stderr);
    let sent = requests(&fake).await;
    let mutations = sent.iter().filter(|(repository, _)| repository.is_empty()).count();
    assert_eq!(mutations, 1, "the refused one of the first run, none for #7: {sent:?}");

    // Without the token GitHub refuses the mutation itself.
    let issue_id = hosted.issues.lock().expect("issues")[&42]["id"].clone();
    let mutation = json!({
        "query": "mutation AddReportComment($subject: ID!, $body: String!) { addComment(input: {subjectId: $subject, body: $body}) { commentEdge { node { id url } } } }",
        "variables": {"subject": issue_id, "body": "spam"}
    });
    let (status, _) = post(&fake.uri(), mutation, false).await;
    assert_eq!(status, 401);
    assert_eq!(comments(&hosted, 42).len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_target_is_refused_before_any_request() {
    let fake = FakeGithub::start().await;
    serve(&fake, &meeting_issue()).await;
    for target in ["standards#42", "SovereignCloudStack/standards", "SovereignCloudStack/standards#0", "a/b#x"] {
        let run = report(&repo(), &fake, &["--post-issue", target]);
        assert_eq!(run.code, 2, "{target}: {}", run.stderr);
        assert!(run.stderr.contains("OWNER/NAME#N"), "{target}: {}", run.stderr);
    }
    let offline = report(&repo(), &fake, &["--post-issue", ISSUE, "--offline"]);
    assert_eq!(offline.code, 2, "{}", offline.stderr);
    assert!(offline.stderr.contains("cannot be used with"), "{}", offline.stderr);
    assert_eq!(fake.received().await, 0);
}

/// The fake holds the comment body to GitHub's limit: scs cuts a report that is longer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_refuses_a_body_over_githubs_limit() {
    let fake = FakeGithub::start().await;
    let hosted = meeting_issue();
    serve(&fake, &hosted).await;
    let mutation = |body: String| {
        json!({
            "query": "mutation AddReportComment($subject: ID!, $body: String!) { addComment(input: {subjectId: $subject, body: $body}) { commentEdge { node { id url } } } }",
            "variables": {"subject": "I_kwDO42", "body": body}
        })
    };
    let (_, answer) = post(&fake.uri(), mutation("x".repeat(65_537)), true).await;
    assert!(answer["errors"][0]["message"].as_str().is_some_and(|m| m.contains("Body is too long")), "{answer}");
    let (_, answer) = post(&fake.uri(), mutation("x".repeat(65_536)), true).await;
    assert!(answer["data"]["addComment"]["commentEdge"]["node"]["url"].is_string(), "{answer}");
    assert_eq!(comments(&hosted, 42).len(), 4);
}

/// A server that echoes the token (or control characters) in the comment's URL: scs prints
/// the URL redacted and cleaned (`report` fails the test on any trace of the token).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_url_a_server_sends_back_is_printed_redacted() {
    let fake = FakeGithub::start().await;
    serve(&fake, &meeting_issue()).await;
    let url = format!("https://github.com/o/n/issues/42#{}\u{1b}[2J", crate::fake_github::TOKEN);
    Mock::given(method("POST"))
        .and(body_string_contains("AddReportComment"))
        .respond_with(crate::fake_github::Answer(
            json!({"data": {"addComment": {"commentEdge": {"node": {"id": "IC_1", "url": url}}}}}),
        ))
        .with_priority(2)
        .mount(&fake.server)
        .await;
    let run = report(&repo(), &fake, &["--post-issue", ISSUE]);
    assert_added(&run, "2026-11-26", "https://github.com/o/n/issues/42#");
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
}

/// A mutation whose answer is a server error may have been carried out: scs sends it once,
/// never again, so that a lost answer cannot make two comments (queries are retried).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_mutation_is_not_sent_again() {
    let fake = FakeGithub::start().await;
    let hosted = meeting_issue();
    serve(&fake, &hosted).await;
    Mock::given(method("POST"))
        .and(body_string_contains("AddReportComment"))
        .respond_with(wiremock::ResponseTemplate::new(502).set_body_string("Bad Gateway"))
        .with_priority(2)
        .mount(&fake.server)
        .await;
    let run = report(&repo(), &fake, &["--post-issue", ISSUE]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("502"), "{}", run.stderr);
    let sent = requests(&fake).await;
    let mutations = sent.iter().filter(|(_, operation)| operation == "AddReportComment").count();
    assert_eq!(mutations, 1, "{sent:?}");
}

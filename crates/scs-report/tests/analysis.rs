//! The report logic on hand-made facts: steps, deciders, what pull requests wait for, the
//! meeting's sections, number clashes, new errors and the Markdown it renders.

use jiff::Timestamp;
use scs_core::history::{CommitChanges, DocumentVersions, Revision, Version};
use scs_core::lifecycle::Step;
use scs_core::{Corpus, Document};
use scs_report::facts::{
    ChangeType, ChangedFile, Checks, ClosedInWindow, ClosedPullRequest, Dependency, Fetched, Mergeable, PullRequest,
    ReviewDecision,
};
use scs_report::{Options, Section, Sources};

const DRAFT: &str = "---\ntitle: Flavors\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n";
const STABLE: &str =
    "---\ntitle: Flavors\ntype: Procedural\nstatus: Stable\ntrack: IaaS\nstabilized_at: 2026-01-01\n---\n";
const GLOBAL_DRAFT: &str = "---\ntitle: Process\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n";

fn corpus() -> Corpus {
    let doc =
        |name: &str, text: &str| Document::parse(format!("Standards/{name}"), name.into(), text.as_bytes().to_vec());
    Corpus::from_documents(
        "repo".into(),
        vec![
            doc("scs-0100-v1-flavors.md", DRAFT),
            doc("scs-0101-v1-stable.md", STABLE),
            doc("scs-0001-v1-process.md", GLOBAL_DRAFT),
            doc("scs-0102-v1-old.md", STABLE),
        ],
    )
}

fn pr(number: u64, files: Vec<ChangedFile>) -> PullRequest {
    PullRequest {
        number,
        title: format!("PR {number}"),
        url: format!("https://github.com/o/r/pull/{number}"),
        author: Some("alice".into()),
        draft: false,
        created_at: "2026-11-20T10:00:00Z".parse::<Timestamp>().expect("time"),
        updated_at: "2026-11-25T10:00:00Z".parse::<Timestamp>().expect("time"),
        labels: vec![],
        review_decision: None,
        reviews: vec![],
        review_requests: vec![],
        mergeable: Mergeable::Mergeable,
        checks: Checks::Success,
        base_ref: "main".into(),
        head_oid: format!("head{number}"),
        body: String::new(),
        files,
        dependencies: vec![],
    }
}

fn file(path: &str, change: ChangeType, base: Option<&str>, head: Option<&str>) -> ChangedFile {
    ChangedFile {
        path: format!("Standards/{path}"),
        change,
        base_text: base.map(Into::into),
        head_text: head.map(Into::into),
    }
}

fn options() -> Options {
    Options::new("2026-11-26".parse().expect("date"))
}

fn sources<'a>(
    corpus: &'a Corpus,
    fetched: Option<&'a [Fetched]>,
    history: Result<&'a [CommitChanges], &'a str>,
) -> Sources<'a> {
    Sources { corpus, fetched, history, head: None, web: Some("https://github.com/o/r") }
}

fn analyse(pr: &PullRequest) -> scs_report::PullRequestAnalysis {
    scs_report::analysis::analyse(pr, &corpus(), &options(), true, Some("https://github.com/o/r"))
}

#[test]
fn every_transition_kind() {
    let corpus = corpus();
    let cases = [
        (file("scs-xxxx-v1-new.md", ChangeType::Added, None, Some(DRAFT)), "proposed"),
        (file("scs-0101-v2-stable.md", ChangeType::Added, None, Some(DRAFT)), "new_major_version"),
        (file("scs-0100-v1-flavors.md", ChangeType::Modified, Some(DRAFT), Some(STABLE)), "stabilized"),
        (
            file(
                "scs-0102-v1-old.md",
                ChangeType::Modified,
                Some(STABLE),
                Some(
                    &STABLE
                        .replace("Stable", "Deprecated")
                        .replace("---\n", "deprecated_at: 2027-01-01\n---\n")
                        .replacen("deprecated_at: 2027-01-01\n---\n", "---\n", 1),
                ),
            ),
            "deprecated",
        ),
        (
            file(
                "scs-0100-v1-flavors.md",
                ChangeType::Modified,
                Some(DRAFT),
                Some(&DRAFT.replace("Draft", "Rejected")),
            ),
            "rejected",
        ),
        (
            file("scs-0101-v1-stable.md", ChangeType::Modified, Some(STABLE), Some(&format!("{STABLE}\nNew text.\n"))),
            "stable_edit",
        ),
        (
            file(
                "scs-0101-w1-notes.md",
                ChangeType::Added,
                None,
                Some("---\ntitle: N\ntype: Supplement\ntrack: IaaS\n---\n"),
            ),
            "new_supplement",
        ),
        (
            file("scs-0100-v1-flavors.md", ChangeType::Modified, Some(DRAFT), Some(&format!("{DRAFT}\nMore.\n"))),
            "draft_edit",
        ),
    ];
    for (i, (f, want)) in cases.into_iter().enumerate() {
        let a = scs_report::analysis::analyse(&pr(i as u64, vec![f]), &corpus, &options(), true, None);
        let step = serde_json::to_value(&a.documents[0].steps[0]).expect("json");
        assert_eq!(step["step"], want, "case {i}");
        assert_eq!(a.documents[0].deciders, "the IaaS team");
        let decision = want != "draft_edit";
        assert_eq!(a.section == Section::Decision, decision, "case {i}: {:?}", a.section);
    }
}

/// A renamed file whose old path GitHub does not give: the local proposal of the same
/// version and slug, or the local document of the same id, is what it was.
#[test]
fn renames_without_their_old_path() {
    let numbered = file("scs-0130-v1-new.md", ChangeType::Renamed, None, Some(DRAFT));
    let mut corpus_docs = corpus().documents;
    corpus_docs.push(Document::parse(
        "Standards/scs-xxxx-v1-new.md".into(),
        "scs-xxxx-v1-new.md".into(),
        DRAFT.as_bytes().to_vec(),
    ));
    let corpus = Corpus::from_documents("repo".into(), corpus_docs);
    let a = scs_report::analysis::analyse(&pr(1, vec![numbered]), &corpus, &options(), true, None);
    assert_eq!(a.documents[0].steps, [Step::Numbered { from: "scs-xxxx-v1-new.md".into() }]);
    let slug = file("scs-0101-v1-renamed.md", ChangeType::Renamed, None, Some(STABLE));
    let a = scs_report::analysis::analyse(&pr(2, vec![slug]), &corpus, &options(), true, None);
    assert_eq!(a.documents[0].steps, [Step::Renamed { from: "scs-0101-v1-stable.md".into() }]);
    assert!(a.new_errors.iter().all(|e| e.rule != "duplicate-id"), "the old file is replaced: {:?}", a.new_errors);
}

/// Two pull requests that want one id, and one that wants an id the default branch has.
#[test]
fn number_clashes() {
    let a = pr(1, vec![file("scs-0130-v1-a.md", ChangeType::Added, None, Some(DRAFT))]);
    let b = pr(2, vec![file("scs-0130-v1-b.md", ChangeType::Added, None, Some(DRAFT))]);
    let c = pr(3, vec![file("scs-0101-v1-other.md", ChangeType::Added, None, Some(DRAFT))]);
    let edit =
        pr(4, vec![file("scs-0101-v1-stable.md", ChangeType::Modified, Some(STABLE), Some(&format!("{STABLE}x")))]);
    let fetched = Fetched {
        repository: "o/r".into(),
        pull_requests: vec![a, b, c, edit],
        standards: true,
        closed_recently: Some(vec![]),
        closed_in_window: Some(vec![]),
        ..Fetched::default()
    };
    let corpus = corpus();
    let report = scs_report::build(sources(&corpus, Some(std::slice::from_ref(&fetched)), Ok(&[])), &options());
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("JSON");
    assert_eq!(
        json["repositories"][0]["number_clashes"],
        serde_json::json!([
            {"id": "scs-0101-v1", "pull_requests": [3], "existing": "scs-0101-v1-stable.md"},
            {"id": "scs-0130-v1", "pull_requests": [1, 2], "existing": null},
        ])
    );
}

#[test]
fn global_stabilization_needs_the_forum() {
    let f = file(
        "scs-0001-v1-process.md",
        ChangeType::Modified,
        Some(GLOBAL_DRAFT),
        Some(
            &GLOBAL_DRAFT
                .replace("Draft", "Stable")
                .replace("track: Global", "track: Global\nstabilized_at: 2026-12-01"),
        ),
    );
    let a = analyse(&pr(1, vec![f]));
    assert_eq!(a.documents[0].steps, [Step::Stabilized { stabilized_at: Some("2026-12-01".into()) }]);
    assert!(a.documents[0].deciders.contains("Forum SCS-Standards"));
    assert_eq!(
        a.documents[0].url.as_deref(),
        Some("https://github.com/o/r/blob/head1/Standards/scs-0001-v1-process.md")
    );
    // Any edit of a Global document is the meeting's, even of a Draft.
    let edit =
        file("scs-0001-v1-process.md", ChangeType::Modified, Some(GLOBAL_DRAFT), Some(&format!("{GLOBAL_DRAFT}x")));
    assert_eq!(analyse(&pr(2, vec![edit])).section, Section::Decision);
}

#[test]
fn what_pull_requests_wait_for_and_their_sections() {
    let mut p = pr(7, vec![]);
    p.labels = vec!["On Hold".into(), "documentation".into()];
    p.review_decision = Some(ReviewDecision::ChangesRequested);
    p.reviews = vec![scs_report::facts::Review {
        author: Some("carol".into()),
        state: "CHANGES_REQUESTED".into(),
        submitted_at: None,
    }];
    p.checks = Checks::Failure;
    p.mergeable = Mergeable::Conflicting;
    p.dependencies = vec![
        Dependency { number: 3, open: Some(true) },
        Dependency { number: 4, open: Some(false) },
        Dependency { number: 5, open: None },
    ];
    p.draft = true;
    let a = analyse(&p);
    let reasons: Vec<String> = a.waits_for.iter().map(|b| b.describe()).collect();
    assert_eq!(
        reasons,
        [
            "#3 (open)",
            "#5 (state unknown)",
            "draft",
            "changes requested by carol",
            "merge conflict",
            "failing checks",
            "label \"On Hold\"",
        ]
    );
    assert_eq!(a.section, Section::WaitingOnAuthors);

    let mut old = p.clone();
    old.updated_at = "2026-11-01T00:00:00Z".parse().expect("time");
    let a = analyse(&old);
    assert_eq!((a.section, a.idle_days), (Section::CandidateToClose, 25));
    let mut requested = pr(9, vec![]);
    requested.review_requests = vec![scs_report::facts::ReviewRequest {
        reviewer: "dave".into(),
        team: false,
        requested_at: "2026-11-14T08:00:00Z".parse().ok(),
    }];
    let a = analyse(&requested);
    assert_eq!(a.section, Section::WaitingOnReviewers);
    assert_eq!(
        (a.review_requests[0].days, a.review_requests[0].since.map(|d| d.to_string())),
        (Some(12), Some("2026-11-14".into()))
    );
    let mut approved = pr(10, vec![]);
    approved.review_decision = Some(ReviewDecision::Approved);
    approved.reviews =
        vec![scs_report::facts::Review { author: Some("erin".into()), state: "APPROVED".into(), submitted_at: None }];
    let a = analyse(&approved);
    assert_eq!((a.section, a.approvals.clone()), (Section::ReadyToMerge, vec!["erin".to_owned()]));
}

#[test]
fn new_errors_of_a_pull_request() {
    let broken =
        "---\ntitle: Flavors\ntype: Procedural\nstatus: Stable\ntrack: IaaS\n---\n[gone](scs-0999-v1-gone.md)\n";
    let f = file("scs-0100-v1-flavors.md", ChangeType::Modified, Some(DRAFT), Some(broken));
    let a = analyse(&pr(1, vec![f]));
    let rules: Vec<&str> = a.new_errors.iter().map(|e| e.rule).collect();
    assert_eq!(rules, ["missing-lifecycle-date", "broken-link"]);
    let clean = file("scs-0100-v1-flavors.md", ChangeType::Modified, Some(DRAFT), Some(&format!("{DRAFT}\nok\n")));
    assert!(analyse(&pr(2, vec![clean])).new_errors.is_empty());
}

#[test]
fn markdown_report_with_hostile_titles() {
    let mut hostile = pr(42, vec![file("scs-xxxx-v1-new.md", ChangeType::Added, None, Some(DRAFT))]);
    hostile.title = "| broken | table\n# heading @everyone <img src=x onerror=alert(1)> `code`".into();
    hostile.author = Some("mallory".into());
    let mut blocked = pr(43, vec![]);
    blocked.labels = vec!["blocked".into()];
    let closed = ClosedPullRequest {
        number: 5,
        url: "https://github.com/o/r/pull/5".into(),
        merged: false,
        added: vec!["Standards/scs-0102-v1-old.md".into()],
    };
    // Another proposal of the same file, closed too: not the one that brought it.
    let superseded = ClosedPullRequest {
        number: 6,
        url: "https://github.com/o/r/pull/6".into(),
        merged: false,
        added: vec!["Standards/scs-0100-v1-flavors.md".into()],
    };
    let brought = ClosedPullRequest {
        number: 8,
        url: "https://github.com/o/r/pull/8".into(),
        merged: true,
        added: vec!["Standards/scs-0100-v1-flavors.md".into()],
    };
    let fetched = Fetched {
        repository: "SovereignCloudStack/standards".into(),
        pull_requests: vec![hostile, blocked],
        closed_recently: Some(vec![closed, superseded, brought]),
        closed_in_window: Some(Vec::new()),
        standards: true,
        ..Fetched::default()
    };
    let corpus = corpus();
    let report = scs_report::build(sources(&corpus, Some(std::slice::from_ref(&fetched)), Ok(&[])), &options());
    let follow_ups: Vec<String> = report.follow_ups.iter().map(|f| f.describe()).collect();
    assert!(follow_ups.iter().any(|f| f.contains("#5 of scs-0102-v1")), "{follow_ups:?}");
    assert!(!follow_ups.iter().any(|f| f.contains("#6")), "another pull request brought it: {follow_ups:?}");
    insta::assert_snapshot!(report.to_markdown());
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("JSON");
    assert_eq!(json["repositories"][0]["pull_requests"].as_array().map(Vec::len), Some(2));
}

fn version(name: &str, text: &str) -> Option<Version> {
    Some(Version { path: format!("Standards/{name}"), bytes: text.as_bytes().to_vec() })
}

fn commit(id: &str, date: &str, subject: &str, documents: Vec<DocumentVersions>) -> CommitChanges {
    CommitChanges {
        id: id.into(),
        revision: Revision::commit(&id[..7], date, subject, true),
        documents,
        unread: Vec::new(),
    }
}

fn closed_pr(number: u64, title: &str, merged: bool, at: &str, commit: Option<&str>, files: &[&str]) -> ClosedInWindow {
    ClosedInWindow {
        number,
        title: title.into(),
        url: format!("https://github.com/o/r/pull/{number}"),
        author: Some("bob".into()),
        merged,
        created_at: "2026-11-18T10:00:00Z".parse().ok(),
        closed_at: at.parse().expect("time"),
        merge_commit: commit.map(Into::into),
        base_ref: "main".into(),
        files: files.iter().map(|f| (f.to_string(), ChangeType::Modified)).collect(),
    }
}

/// "Since the last meeting" from facts alone: merged pull requests get the steps of their merge
/// commits; one merged elsewhere is "not known", not guessed; one closed without merge made no
/// step; an edit is no lifecycle change; a second repository without `Standards/` gets the plain
/// tables; hostile text from commits and titles stays in its cell.
#[test]
fn since_the_last_meeting_from_history_and_github() {
    let stable_flavors = STABLE;
    let deprecated = STABLE.replace(
        "status: Stable",
        "status: Deprecated\ndeprecated_at: 2026-12-31\nreplaced_by:\n  - scs-0102-v1-old.md",
    );
    let commits = vec![
        commit(
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "2026-11-20",
            "Stabilize flavors (#30)",
            vec![DocumentVersions {
                before: version("scs-0100-v1-flavors.md", DRAFT),
                after: version("scs-0100-v1-flavors.md", stable_flavors),
            }],
        ),
        commit(
            "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "2026-11-21",
            "Number the glossary | <b>@everyone</b>",
            vec![
                DocumentVersions {
                    before: version("scs-xxxx-v1-glossary.md", GLOBAL_DRAFT),
                    after: version("scs-0003-v1-glossary.md", GLOBAL_DRAFT),
                },
                DocumentVersions {
                    before: version("scs-0101-v1-stable.md", STABLE),
                    after: version("scs-0101-v1-stable.md", &deprecated),
                },
            ],
        ),
        commit(
            "cccccccccccccccccccccccccccccccccccccccc",
            "2026-11-22",
            "Typo",
            vec![DocumentVersions {
                before: version("scs-0102-v1-old.md", STABLE),
                after: version("scs-0102-v1-old.md", &format!("{STABLE}\nTypo fixed.\n")),
            }],
        ),
    ];
    let standards = Fetched {
        repository: "SovereignCloudStack/standards".into(),
        closed_recently: Some(vec![]),
        closed_in_window: Some(vec![
            closed_pr(
                33,
                "Typo in old",
                true,
                "2026-11-22T10:00:00Z",
                Some("cccccccccccccccccccccccccccccccccccccccc"),
                &["Standards/scs-0102-v1-old.md"],
            ),
            closed_pr(
                30,
                "Stabilize | flavors\n# now",
                true,
                "2026-11-20T10:00:00Z",
                Some("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                &["Standards/scs-0100-v1-flavors.md"],
            ),
            closed_pr(
                31,
                "Merged into a release branch",
                true,
                "2026-11-21T10:00:00Z",
                Some("dddddddddddddddddddddddddddddddddddddddd"),
                &["Standards/scs-0101-v1-stable.md"],
            ),
            closed_pr(32, "Abandoned idea", false, "2026-11-23T10:00:00Z", None, &["Standards/scs-xxxx-v1-idea.md"]),
        ]),
        standards: true,
        ..Fetched::default()
    };
    let mut docs_pr = pr(7, vec![]);
    docs_pr.files = vec![file("../docs/page.md", ChangeType::Modified, None, None)];
    let docs = Fetched {
        repository: "SovereignCloudStack/docs".into(),
        pull_requests: vec![docs_pr],
        closed_recently: Some(vec![]),
        closed_in_window: Some(vec![closed_pr(
            70,
            "Docs page",
            true,
            "2026-11-24T10:00:00Z",
            Some("eeee"),
            &["docs/page.md"],
        )]),
        standards: false,
        ..Fetched::default()
    };
    let corpus = corpus();
    let fetched = [standards, docs];
    let report = scs_report::build(sources(&corpus, Some(&fetched), Ok(&commits)), &options());
    insta::assert_snapshot!(report.to_markdown());
    let steps: Vec<String> = report
        .lifecycle
        .iter()
        .flatten()
        .map(|c| {
            let steps: Vec<String> = c.steps.iter().map(Step::describe).collect();
            format!("{} {} #{:?}", c.file_name, steps.join("; "), c.pull_request)
        })
        .collect();
    assert_eq!(
        steps,
        [
            "scs-0100-v1-flavors.md stabilized (→ Stable from 2026-01-01) #Some(30)",
            "scs-0003-v1-glossary.md numbered (was `scs-xxxx-v1-glossary.md`) #None",
            "scs-0101-v1-stable.md deprecated (from 2026-12-31, replaced by `scs-0102-v1-old.md`) #None",
            "scs-0102-v1-old.md edit of a Stable document #Some(33)",
        ]
    );
    assert!(
        report
            .lifecycle
            .iter()
            .flatten()
            .last()
            .and_then(|c| c.text_changes.as_deref())
            .is_some_and(|t| t.contains("Typo fixed."))
    );
    let closed = report.repositories[0].closed.as_ref().expect("fetched");
    let numbers: Vec<(u64, Option<usize>)> =
        closed.iter().map(|c| (c.number, c.steps.as_ref().map(Vec::len))).collect();
    assert_eq!(numbers, [(32, None), (33, Some(1)), (31, None), (30, Some(1))], "newest first");
    assert_eq!(report.repositories[1].pull_requests[0].section, Section::WaitingOnReviewers);
    assert!(report.repositories[1].pull_requests[0].documents.is_empty());
    // Without history, merged pull requests are "not known" and the report says why.
    let offline =
        scs_report::build(sources(&corpus, None, Err("not read: the repository is not a git checkout")), &options());
    assert!(offline.lifecycle.is_none());
    assert!(offline.missing.iter().any(|m| m.contains("not a git checkout")), "{:?}", offline.missing);
}

#[test]
fn label_and_path_filters() {
    let mut options = options();
    let mut labelled = pr(1, vec![]);
    labelled.labels = vec!["SCS-Standards".into()];
    let touching = pr(2, vec![file("scs-0100-v1-flavors.md", ChangeType::Modified, None, None)]);
    assert!(options.selects(&labelled) && options.selects(&touching));
    options.only_labels = vec!["scs-standards".into()];
    assert!(options.selects(&labelled) && !options.selects(&touching));
    options.only_labels.clear();
    options.only_paths = vec!["Standards/".into()];
    assert!(!options.selects(&labelled) && options.selects(&touching));
}

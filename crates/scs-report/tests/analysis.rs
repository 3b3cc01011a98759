//! The report logic on hand-made facts: transitions, deciders, blocked reasons, staleness,
//! new errors and the Markdown it renders.

use jiff::Timestamp;
use scs_core::history::{CommitChanges, DocumentVersions, Revision, Version};
use scs_core::{Corpus, Document};
use scs_report::facts::{
    ChangeType, ChangedFile, Checks, ClosedInWindow, ClosedPullRequest, Dependency, Fetched, Mergeable, PullRequest,
    ReviewDecision,
};
use scs_report::{Options, Section, Sources, Transition};

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
        mergeable: Mergeable::Mergeable,
        checks: Checks::Success,
        base_ref: "main".into(),
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

#[test]
fn every_transition_kind() {
    let corpus = corpus();
    let cases = [
        (file("scs-xxxx-v1-new.md", ChangeType::Added, None, Some(DRAFT)), Transition::NewProposal),
        (file("scs-0101-v2-stable.md", ChangeType::Added, None, Some(DRAFT)), Transition::NewMajorVersion),
        (file("scs-0100-v1-flavors.md", ChangeType::Modified, Some(DRAFT), Some(STABLE)), Transition::Stabilization),
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
            Transition::Deprecation,
        ),
        (
            file(
                "scs-0100-v1-flavors.md",
                ChangeType::Modified,
                Some(DRAFT),
                Some(&DRAFT.replace("Draft", "Rejected")),
            ),
            Transition::Rejection,
        ),
        (
            file("scs-0101-v1-stable.md", ChangeType::Modified, Some(STABLE), Some(&format!("{STABLE}\nNew text.\n"))),
            Transition::StableEdit,
        ),
        (
            file(
                "scs-0101-w1-notes.md",
                ChangeType::Added,
                None,
                Some("---\ntitle: N\ntype: Supplement\ntrack: IaaS\n---\n"),
            ),
            Transition::SupplementChange,
        ),
        (
            file("scs-0100-v1-flavors.md", ChangeType::Modified, Some(DRAFT), Some(&format!("{DRAFT}\nMore.\n"))),
            Transition::Other,
        ),
    ];
    for (i, (f, want)) in cases.into_iter().enumerate() {
        let a = scs_report::analysis::analyse(&pr(i as u64, vec![f]), &corpus, &options(), true);
        assert_eq!(a.changes[0].transition, want, "case {i}");
        assert_eq!(a.changes[0].decided_by, "the IaaS team");
        assert_eq!(a.section, Section::Discuss);
    }
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
    let a = scs_report::analysis::analyse(&pr(1, vec![f]), &corpus(), &options(), true);
    assert_eq!(a.changes[0].transition, Transition::Stabilization);
    assert!(a.changes[0].decided_by.contains("Forum SCS-Standards"));
}

#[test]
fn every_blocked_reason_and_staleness() {
    let mut p = pr(7, vec![]);
    p.labels = vec!["On Hold".into(), "documentation".into()];
    p.review_decision = Some(ReviewDecision::ChangesRequested);
    p.checks = Checks::Failure;
    p.mergeable = Mergeable::Conflicting;
    p.dependencies = vec![
        Dependency { number: 3, open: Some(true) },
        Dependency { number: 4, open: Some(false) },
        Dependency { number: 5, open: None },
    ];
    p.draft = true;
    let a = scs_report::analysis::analyse(&p, &corpus(), &options(), true);
    let reasons: Vec<String> = a.blocked.iter().map(|b| b.describe()).collect();
    assert_eq!(
        reasons,
        [
            "label \"On Hold\"",
            "changes requested",
            "failing checks",
            "merge conflict",
            "depends on open #3",
            "depends on #5 (state unknown)",
            "draft"
        ]
    );
    assert_eq!(a.section, Section::Blocked);

    let mut old = pr(8, vec![]);
    old.updated_at = "2026-11-01T00:00:00Z".parse().expect("time");
    let a = scs_report::analysis::analyse(&old, &corpus(), &options(), true);
    assert_eq!((a.section, a.stale_days), (Section::Stale, Some(25)));
    let fresh = scs_report::analysis::analyse(&pr(9, vec![]), &corpus(), &options(), true);
    assert_eq!((fresh.section, fresh.stale_days), (Section::Other, None));
}

#[test]
fn new_errors_of_a_pull_request() {
    let broken =
        "---\ntitle: Flavors\ntype: Procedural\nstatus: Stable\ntrack: IaaS\n---\n[gone](scs-0999-v1-gone.md)\n";
    let f = file("scs-0100-v1-flavors.md", ChangeType::Modified, Some(DRAFT), Some(broken));
    let a = scs_report::analysis::analyse(&pr(1, vec![f]), &corpus(), &options(), true);
    let rules: Vec<&str> = a.new_errors.iter().map(|e| e.rule).collect();
    assert_eq!(rules, ["missing-lifecycle-date", "broken-link"]);
    let clean = file("scs-0100-v1-flavors.md", ChangeType::Modified, Some(DRAFT), Some(&format!("{DRAFT}\nok\n")));
    assert!(scs_report::analysis::analyse(&pr(2, vec![clean]), &corpus(), &options(), true).new_errors.is_empty());
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
        added: vec!["Standards/scs-0102-v1-old.md".into()],
    };
    let fetched = Fetched {
        repository: "SovereignCloudStack/standards".into(),
        pull_requests: vec![hostile, blocked],
        closed_unmerged: Some(vec![closed]),
        closed_in_window: Some(Vec::new()),
        standards: true,
        missing: vec![],
    };
    let report =
        scs_report::build(Sources { corpus: &corpus(), fetched: Some(&[fetched]), history: Ok(&[]) }, &options());
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
        closed_unmerged: Some(vec![]),
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
        closed_unmerged: Some(vec![]),
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
    let report = scs_report::build(
        Sources { corpus: &corpus(), fetched: Some(&[standards, docs]), history: Ok(&commits) },
        &options(),
    );
    insta::assert_snapshot!(report.to_markdown());
    let steps: Vec<String> =
        report.lifecycle.iter().flatten().map(|c| format!("{} {}", c.file_name, c.transition.describe())).collect();
    assert_eq!(
        steps,
        [
            "scs-0100-v1-flavors.md stabilized (Draft → Stable, from 2026-01-01)",
            "scs-0003-v1-glossary.md numbered (the proposal got its number)",
            "scs-0101-v1-stable.md deprecated (from 2026-12-31, replaced by `scs-0102-v1-old.md`)",
        ]
    );
    let closed = report.repositories[0].closed.as_ref().expect("fetched");
    let numbers: Vec<(u64, Option<usize>)> =
        closed.iter().map(|c| (c.number, c.transitions.as_ref().map(Vec::len))).collect();
    assert_eq!(numbers, [(32, None), (33, Some(0)), (31, None), (30, Some(1))], "newest first");
    assert_eq!(report.repositories[1].pull_requests[0].section, Section::Discuss, "plain table: to discuss");
    assert!(report.repositories[1].pull_requests[0].changes.is_empty());
    // Without history, merged pull requests are "not known" and the report says why.
    let offline = scs_report::build(
        Sources { corpus: &corpus(), fetched: None, history: Err("not read: the repository is not a git checkout") },
        &options(),
    );
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

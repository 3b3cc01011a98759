//! The report logic on hand-made facts: transitions, deciders, blocked reasons, staleness,
//! new errors and the Markdown it renders.

use jiff::Timestamp;
use scs_core::{Corpus, Document};
use scs_report::facts::{
    ChangeType, ChangedFile, Checks, ClosedPullRequest, Dependency, Fetched, Mergeable, PullRequest, ReviewDecision,
};
use scs_report::{Options, Section, Transition};

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
        let a = scs_report::analysis::analyse(&pr(i as u64, vec![f]), &corpus, &options());
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
    let a = scs_report::analysis::analyse(&pr(1, vec![f]), &corpus(), &options());
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
    let a = scs_report::analysis::analyse(&p, &corpus(), &options());
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
    let a = scs_report::analysis::analyse(&old, &corpus(), &options());
    assert_eq!((a.section, a.stale_days), (Section::Stale, Some(25)));
    let fresh = scs_report::analysis::analyse(&pr(9, vec![]), &corpus(), &options());
    assert_eq!((fresh.section, fresh.stale_days), (Section::Other, None));
}

#[test]
fn new_errors_of_a_pull_request() {
    let broken =
        "---\ntitle: Flavors\ntype: Procedural\nstatus: Stable\ntrack: IaaS\n---\n[gone](scs-0999-v1-gone.md)\n";
    let f = file("scs-0100-v1-flavors.md", ChangeType::Modified, Some(DRAFT), Some(broken));
    let a = scs_report::analysis::analyse(&pr(1, vec![f]), &corpus(), &options());
    let rules: Vec<&str> = a.new_errors.iter().map(|e| e.rule).collect();
    assert_eq!(rules, ["missing-lifecycle-date", "broken-link"]);
    let clean = file("scs-0100-v1-flavors.md", ChangeType::Modified, Some(DRAFT), Some(&format!("{DRAFT}\nok\n")));
    assert!(scs_report::analysis::analyse(&pr(2, vec![clean]), &corpus(), &options()).new_errors.is_empty());
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
        missing: vec![],
    };
    let report = scs_report::build(&corpus(), Some(&fetched), &options());
    insta::assert_snapshot!(report.to_markdown());
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("JSON");
    assert_eq!(json["pull_requests"].as_array().map(Vec::len), Some(2));
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

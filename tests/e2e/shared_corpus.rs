//! The real SCS repository snapshot in tests/data/scs-standards: parity with SCS's own checker.

use std::path::PathBuf;

use crate::support::{scs, workspace};

/// The vendored snapshot; it is part of the repository, so a missing one is a failure.
pub fn corpus() -> PathBuf {
    let path = workspace().join("tests/data/scs-standards");
    assert!(path.join("Standards").is_dir(), "the vendored corpus is missing at {}", path.display());
    path
}

/// chk_adrs.py reports exactly these ten warnings "replaces field not a list" on the snapshot.
const REPLACES_NOT_LIST: [&str; 10] = [
    "scs-0002-v2",
    "scs-0005-v2",
    "scs-0100-v2",
    "scs-0100-v3",
    "scs-0102-v2",
    "scs-0104-v2",
    "scs-0123-v2",
    "scs-0210-v2",
    "scs-0211-v2",
    "scs-0214-v2",
];

#[test]
fn parity_with_chk_adrs() {
    let root = corpus();
    let run = scs(&["check", "--select", "chk-adrs", "--format", "json", "."], &root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["warnings"], 10);
    let diagnostics = report["diagnostics"].as_array().cloned().unwrap_or_default();
    let found: Vec<(String, String)> = diagnostics
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap_or_default();
            (d["rule"].as_str().unwrap_or_default().to_owned(), path["Standards/".len()..][..11].to_owned())
        })
        .collect();
    let expected: Vec<(String, String)> =
        REPLACES_NOT_LIST.iter().map(|id| ("replaces-not-list".to_owned(), id.to_string())).collect();
    assert_eq!(found, expected);
    assert!(diagnostics.iter().all(|d| d["message"] == "replaces is not a list"));

    let human = scs(&["check", "--select", "chk-adrs", "."], &root);
    assert_eq!(human.code, 0);
    assert!(
        human.stdout.ends_with("104 documents checked: 0 errors, 10 warnings (10 fixable with `scs check --fix`)\n"),
        "{}",
        human.stdout
    );
}

/// Every finding of every rule on the real repository, pinned: each was checked against
/// SCS-0001 and SCS-0003 (see the closing note of issue 3).
#[test]
fn all_findings_on_the_real_repository() {
    let root = corpus();
    let run = scs(&["check", "--format", "json", "."], &root);
    assert_eq!(run.code, 1, "the snapshot has errors: {}", run.stderr);
    let report = run.json();
    let lines: Vec<String> = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}[{}] {}",
                d["path"].as_str().unwrap_or_default(),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap_or_default(),
                d["rule"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    insta::assert_snapshot!("corpus_findings", format!("{}\n\nsummary: {}", lines.join("\n"), report["summary"]));
}

/// The offline weekly report of the real repository, as the meeting would get it.
#[test]
fn offline_report_of_the_real_repository() {
    let root = corpus();
    let run = scs(&["report", "--offline", "--today", "2026-11-26", root.to_str().unwrap_or_default()], &workspace());
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The vendored copy lies inside this project's git checkout, whose history (full, shallow
    // or absent in a CI clone) is not the corpus's own: its lines are masked.
    let mut masked = run.stdout.clone();
    for (pattern, by) in [
        (r"The local clone's newest commit [^\n]*\n\n", ""),
        (r"- The default branch: [^\n]*", "- The default branch: [history of the enclosing checkout]"),
        (r"(?s)## Since the last meeting \(.*?\n## ", "## "),
        (r"- lifecycle changes on the default branch[^\n]*\n", ""),
    ] {
        masked = regex::Regex::new(pattern).expect("regex").replace_all(&masked, by).into_owned();
    }
    insta::assert_snapshot!("corpus_offline_report", masked);
}

/// `scs list` of the real repository as the docs site would split it on 2026-11-26.
#[test]
fn list_of_the_real_repository() {
    let root = corpus();
    let run = scs(
        &["list", "--format", "json", "--today", "2026-11-26", "--repository", root.to_str().unwrap_or_default()],
        &workspace(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("corpus_list", run.stdout);
}

//! `scs review --base REF` on a scripted git history: a stabilization, a deprecation with
//! `replaced_by`, an edit of a Stable document that changes a MUST sentence, and a new
//! proposal in the Global track; the Markdown is a snapshot.

use std::fs;

use crate::support::{Repo, git, scs};

const BODY: &str = "## Introduction\n\nFlavors MUST be named as this standard says. Names are short.\n\n## Motivation\n\nText.\n\n## Flavors\n\nThe name SHOULD start with `SCS-`.\n\n## Conformance Tests\n\nThe test `flavor-names` checks it.\n";

fn doc(title: &str, track: &str, status: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ntype: Standard\nstatus: {status}\ntrack: {track}\n{extra}---\n\n{body}")
}

fn write(repo: &Repo, name: &str, text: &str) {
    fs::write(repo.path().join("Standards").join(name), text).expect("write");
}

/// The base: four documents on `main`. The working tree then makes the four steps.
fn history() -> Repo {
    let repo = Repo::new()
        .doc("scs-0100-v1-flavors.md", doc("Flavors", "IaaS", "Stable", "stabilized_at: 2024-01-01\n", BODY))
        .doc(
            "scs-0100-v2-flavors.md",
            doc(
                "Flavors",
                "IaaS",
                "Stable",
                "stabilized_at: 2025-01-01\nreplaces:\n  - scs-0100-v1-flavors.md\n",
                BODY,
            ),
        )
        .doc("scs-0101-v1-images.md", doc("Images", "IaaS", "Draft", "", BODY))
        .doc("scs-0102-v1-volumes.md", doc("Volumes", "IaaS", "Stable", "stabilized_at: 2024-06-01\n", BODY));
    crate::support::git_init_commit(repo.path(), "base");
    git(repo.path(), &["checkout", "-q", "-b", "proposal"]);
    // Stabilization of a Draft.
    write(&repo, "scs-0101-v1-images.md", &doc("Images", "IaaS", "Stable", "stabilized_at: 2026-12-01\n", BODY));
    // Deprecation with replaced_by (which fixes the findings of two Stable versions).
    write(
        &repo,
        "scs-0100-v1-flavors.md",
        &doc(
            "Flavors",
            "IaaS",
            "Deprecated",
            "stabilized_at: 2024-01-01\ndeprecated_at: 2027-01-01\nreplaced_by:\n  - scs-0100-v2-flavors.md\n",
            BODY,
        ),
    );
    // An edit of a Stable document that changes a MUST sentence and breaks a link.
    let edited = BODY
        .replace("Flavors MUST be named as this standard says.", "Flavors MUST be named as the catalogue says.")
        + "\nSee [gone](scs-0199-v1-gone.md).\n";
    write(&repo, "scs-0102-v1-volumes.md", &doc("Volumes", "IaaS", "Stable", "stabilized_at: 2024-06-01\n", &edited));
    // A new proposal in the Global track.
    write(&repo, "scs-xxxx-v1-glossary.md", &doc("Glossary", "Global", "Draft", "", BODY));
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "the branch"]);
    repo
}

#[test]
fn a_branch_with_a_stabilization_a_deprecation_a_stable_edit_and_a_global_proposal() {
    let repo = history();
    let run = scs(&["review", "--base", "main", "--today", "2026-11-26"], repo.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("review_markdown", run.stdout);
    let json = scs(&["review", "--base", "main", "--format", "json", "--today", "2026-11-26"], repo.path());
    assert_eq!(json.code, 0, "{}", json.stderr);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let kinds: Vec<(&str, &str)> = value["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| (d["file_name"].as_str().unwrap_or_default(), d["steps"][0]["step"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("scs-0100-v1-flavors.md", "deprecated"),
            ("scs-0101-v1-images.md", "stabilized"),
            ("scs-0102-v1-volumes.md", "stable_edit"),
            ("scs-xxxx-v1-glossary.md", "proposed"),
        ]
    );
}

#[test]
fn numbering_a_proposal_is_one_step_and_nothing_changed_is_said_so() {
    let repo = Repo::new().doc("scs-xxxx-v1-glossary.md", doc("Glossary", "Global", "Draft", "", BODY));
    crate::support::git_init_commit(repo.path(), "base");
    let unchanged = scs(&["review", "--base", "HEAD"], repo.path());
    assert!(unchanged.stdout.contains("The branch changes no document of `Standards/`."), "{}", unchanged.stdout);
    git(repo.path(), &["mv", "Standards/scs-xxxx-v1-glossary.md", "Standards/scs-0009-v1-glossary.md"]);
    let run = scs(&["review", "--base", "HEAD"], repo.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("## `scs-0009-v1-glossary.md`: numbered (was scs-xxxx-v1-glossary.md)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Was `scs-xxxx-v1-glossary.md`."), "{}", run.stdout);
    assert!(
        run.stdout.contains("MUST NOT be merged unless approved by a representative of the Forum SCS-Standards"),
        "{}",
        run.stdout
    );
    let bad = scs(&["review", "--base", "no-such-ref"], repo.path());
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

/// The four kinds of change in a Stable document that used to read "unchanged": a REQUIRED
/// field renamed in a table, lowercase keywords, a requirement without a keyword, and a type
/// change; and lifecycle dates in the past, named against SCS-0001's "announced ahead".
#[test]
fn every_rule_change_of_a_stable_document_is_shown() {
    let table = |field: &str| {
        format!(
            "{BODY}\n## Properties\n\n| Property | Presence |\n|---|---|\n| `{field}` | REQUIRED |\n| `os_version` | RECOMMENDED |\n"
        )
    };
    let stable = |doc_type: &str, body: &str| {
        doc("Volumes", "IaaS", "Stable", "stabilized_at: 2024-06-01\n", body)
            .replace("type: Standard", &format!("type: {doc_type}"))
    };
    let repo = Repo::new()
        .doc("scs-0102-v1-volumes.md", stable("Standard", &table("os_distro")))
        .doc("scs-0103-v1-lower.md", stable("Standard", &format!("{BODY}\nPatches must be applied within 2 weeks.\n")))
        .doc("scs-0104-v1-plain.md", stable("Standard", &format!("{BODY}\nThe certificate is valid for 12 months.\n")))
        .doc("scs-0105-v1-typed.md", stable("Standard", BODY))
        .doc("scs-0106-v1-old.md", doc("Old", "IaaS", "Stable", "stabilized_at: 2024-06-01\n", BODY))
        .doc("scs-0107-v1-draft.md", doc("Draft", "IaaS", "Draft", "", BODY));
    crate::support::git_init_commit(repo.path(), "base");
    write(&repo, "scs-0102-v1-volumes.md", &stable("Standard", &table("os_distribution")));
    write(
        &repo,
        "scs-0103-v1-lower.md",
        &stable("Standard", &format!("{BODY}\nPatches must be applied within 1 month.\n")),
    );
    write(
        &repo,
        "scs-0104-v1-plain.md",
        &stable("Standard", &format!("{BODY}\nThe certificate is valid for 6 months.\n")),
    );
    write(&repo, "scs-0105-v1-typed.md", &stable("Procedural", BODY));
    write(
        &repo,
        "scs-0106-v1-old.md",
        &doc("Old", "IaaS", "Deprecated", "stabilized_at: 2024-06-01\ndeprecated_at: 2026-11-01\n", BODY),
    );
    write(&repo, "scs-0107-v1-draft.md", &doc("Draft", "IaaS", "Stable", "stabilized_at: 2026-10-01\n", BODY));
    let run = scs(&["review", "--base", "HEAD", "--today", "2026-11-26"], repo.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = &run.stdout;
    assert!(!text.contains("unchanged"), "{text}");
    for expected in [
        // A summary table opens a review of this size.
        "| Document | Type | Track | Steps | Findings introduced | Fixed |",
        "| `scs-0105-v1-typed.md` | Procedural | IaaS | type Standard → Procedural | 0 | 0 |",
        "- removed table row: \\| \\`os\\_distro\\` \\| **REQUIRED** \\|",
        "- added table row: \\| \\`os\\_distribution\\` \\| **REQUIRED** \\|",
        "- removed requirement: Patches **must** be applied within 2 weeks.",
        "- added requirement: Patches **must** be applied within 1 month.",
        "- removed sentence: The certificate is valid for 12 months.",
        "- added sentence: The certificate is valid for 6 months.",
        "## `scs-0105-v1-typed.md`: type Standard → Procedural",
        "**Note:** `deprecated_at` is 2026-11-01, not after 2026-11-26",
        "Deprecations SHOULD be announced ahead of their execution",
        "**Note:** `stabilized_at` is 2026-10-01, before 2026-11-26",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    let json = scs(&["review", "--base", "HEAD", "--today", "2026-11-26", "--format", "json"], repo.path()).json();
    let typed = json["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["file_name"] == "scs-0105-v1-typed.md")
        .cloned()
        .expect("typed");
    assert_eq!(
        typed["steps"],
        serde_json::json!([{"step": "metadata_changed", "key": "type", "from": "Standard", "to": "Procedural"}])
    );
}

//! Adopting scs on an existing repository: configuration, baselines, rule selection.

use std::fs;

use crate::support::{GOOD, Repo, places, scs};

/// A repository with an accepted document whose slug breaks SCS-0001 and one broken link.
fn legacy_repo() -> Repo {
    Repo::new().doc("scs-0121-v1-Availability-Zones.md", GOOD).doc(
        "scs-0122-v1-links.md",
        GOOD.replace("## Introduction\n", "## Introduction\n\n[gone](scs-0199-v1-gone.md)\n"),
    )
}

#[test]
fn configuration_changes_severities_and_ignores_paths() {
    let repo = legacy_repo();
    let (run, diagnostics) = repo.check_json();
    assert_eq!(run.code, 1);
    let rules: Vec<String> = places(&diagnostics).into_iter().map(|p| p.0).collect();
    assert_eq!(rules, ["slug-format", "broken-link"]);

    fs::write(
        repo.path().join("scs.toml"),
        "[rules]\nbroken-link = \"warning\"\n\n[[ignore]]\npath = \"Standards/scs-0121-*\"\nrules = [\"slug-format\"]\n",
    )
    .expect("write scs.toml");
    let (run, diagnostics) = repo.check_json();
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        (diagnostics[0]["rule"].as_str(), diagnostics[0]["severity"].as_str()),
        (Some("broken-link"), Some("warning"))
    );
}

#[test]
fn configuration_mistakes_exit_with_2_and_point_into_the_file() {
    let repo = legacy_repo();
    fs::write(repo.path().join(".scs.toml"), "[rules]\nslug-fromat = \"off\"\n").expect("write");
    let run = scs(&["check"], repo.path());
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("config_error", run.stderr.replace(&repo.path().display().to_string(), "REPO"));
}

#[test]
fn baseline_hides_recorded_findings_and_reports_new_ones() {
    let repo = legacy_repo();
    let run = scs(&["check", "--write-baseline", "baseline.json"], repo.path());
    assert_eq!((run.code, run.stdout.as_str()), (0, "recorded 2 findings in baseline.json\n"));
    let written = fs::read_to_string(repo.path().join("baseline.json")).expect("baseline written");
    assert!(written.contains("\"rule\": \"slug-format\""), "{written}");

    let run = scs(&["check", "--baseline", "baseline.json"], repo.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "2 documents checked: no findings (2 more hidden by the baseline)\n");

    // A new problem is reported; the recorded ones stay hidden, also through the configuration.
    fs::write(repo.path().join("Standards/scs-0123-v1-new.md"), GOOD.replace("track: IaaS", "track: Moon"))
        .expect("write");
    fs::write(repo.path().join("scs.toml"), "baseline = \"baseline.json\"\n").expect("write");
    let (run, diagnostics) = repo.check_json();
    assert_eq!(run.code, 1);
    assert_eq!(places(&diagnostics), [("invalid-track".into(), "Standards/scs-0123-v1-new.md".into(), 5, 8)]);
    assert_eq!(run.json()["summary"]["baseline_hidden"], 2);

    let run = scs(&["check", "--baseline", "missing.json"], repo.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.json"), "{}", run.stderr);
}

#[test]
fn select_and_ignore_rules_and_groups() {
    let repo = legacy_repo();
    let only_links = scs(&["check", "--format", "json", "--select", "links"], repo.path());
    let rules: Vec<String> =
        places(only_links.json()["diagnostics"].as_array().expect("list")).into_iter().map(|p| p.0).collect();
    assert_eq!(rules, ["broken-link"]);
    let without = scs(&["check", "--ignore", "broken-link,slug-format"], repo.path());
    assert_eq!((without.code, without.stdout.as_str()), (0, "2 documents checked: no findings\n"));
    let wrong = scs(&["check", "--select", "linkz"], repo.path());
    assert_eq!(wrong.code, 2);
    assert!(wrong.stderr.contains("there is no rule or group `linkz`"), "{}", wrong.stderr);
}

#[test]
fn inline_suppression_with_a_reason() {
    let doc = GOOD.replace(
        "## Introduction\n",
        "## Introduction\n\n<!-- scs-ignore broken-link: the target arrives with PR 42 -->\n[soon](scs-0199-v1-soon.md)\n",
    );
    let repo = Repo::new().doc("scs-0122-v1-links.md", doc);
    let run = scs(&["check"], repo.path());
    assert_eq!((run.code, run.stdout.as_str()), (0, "1 document checked: no findings\n"));
}

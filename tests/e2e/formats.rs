//! The machine formats: SARIF (validated against the official schema), GitHub workflow
//! commands (with hostile paths and messages), concise lines, and `--output`.

use std::fs;

use crate::support::{GOOD, Repo, scs, workspace};

fn sarif_schema() -> jsonschema::Validator {
    let text =
        fs::read_to_string(workspace().join("tests/data/sarif/sarif-schema-2.1.0.json")).expect("vendored schema");
    let mut schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    // The published schema's `language` patterns have a stray `]` that the validator's check of
    // the schema itself rejects as a regex. scs never writes `language`; correct just these
    // patterns in memory (the vendored file stays as published) and validate everything else.
    fix_language_patterns(&mut schema);
    jsonschema::validator_for(&schema).expect("a usable JSON schema")
}

fn fix_language_patterns(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("pattern").and_then(|p| p.as_str()) == Some("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$") {
                map.insert("pattern".into(), "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into());
            }
            map.values_mut().for_each(fix_language_patterns);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(fix_language_patterns),
        _ => {}
    }
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let validator = sarif_schema();
    for repo in ["tests/fixtures/broken", "standards"] {
        let run = scs(&["check", "--format", "sarif", repo], &workspace());
        let sarif: serde_json::Value = serde_json::from_str(&run.stdout).expect("SARIF is JSON");
        let errors: Vec<String> =
            validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{repo}: {errors:#?}");
        let run0 = &sarif["runs"][0];
        let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), scs(&["rules"], &workspace()).stdout.lines().count(), "every rule is described");
        assert!(rules.iter().all(|r| r["shortDescription"]["text"].is_string() && r["help"]["text"].is_string()));
        for result in run0["results"].as_array().expect("results") {
            let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
            let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri");
            assert!(
                uri.starts_with(&format!("{repo}/Standards/")) || uri.starts_with(&format!("{repo}/Tests/")),
                "{uri}"
            );
        }
    }
    // A schema violation is caught: the validator is not vacuous.
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]});
    assert!(validator.iter_errors(&broken).next().is_some());
}

#[test]
fn github_annotations_escape_hostile_paths_and_messages() {
    // A file name with `,` `:` `%` and a value that carries a newline into the message.
    let name = "scs-0100-v1-a,b:c%d.md";
    let repo = Repo::new()
        .doc(name, GOOD.replace("track: IaaS", "track: \"Io%0A::error::x\\nboom\""))
        // A name with a line break and a carriage return (legal on Linux) reaches both the
        // `file=` property and the message of the slug finding.
        .doc("scs-0101-v1-x\n::error::y\r.md", GOOD);
    let run = scs(&["check", "--format", "github"], repo.path());
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "one line per finding and the summary, none split:\n{}", run.stdout);
    assert!(!run.stdout.contains('\r'));
    insta::assert_snapshot!("github_hostile", lines.join("\n"));
    for line in &lines[..3] {
        assert!(
            line.starts_with("::error ") || line.starts_with("::warning ") || line.starts_with("::notice "),
            "{line}"
        );
    }
    assert_eq!(lines[3], "2 documents checked: 3 errors, 0 warnings");
}

#[test]
fn concise_and_output_file() {
    let run = scs(&["check", "--format", "concise", "tests/fixtures/broken"], &workspace());
    assert_eq!(run.code, 1);
    let first = run.stdout.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "tests/fixtures/broken/Standards/scs-0100-v1-flavors.md:4:9: error[missing-lifecycle-date] status is `Deprecated` but deprecated_at is missing"
    );
    assert!(run.stdout.ends_with("4 documents checked: 6 errors, 2 warnings (2 fixable with `scs check --fix`)\n"));

    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("report.sarif");
    let run = scs(
        &["check", "--format", "sarif", "--output", file.to_str().unwrap_or_default(), "tests/fixtures/broken"],
        &workspace(),
    );
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (1, "4 documents checked: 6 errors, 2 warnings (2 fixable with `scs check --fix`)\n")
    );
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).expect("report written")).expect("JSON");
    assert_eq!(written["runs"][0]["results"].as_array().map(Vec::len), Some(8));
}

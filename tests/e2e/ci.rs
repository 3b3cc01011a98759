//! The CI workflow (.github/workflows/ci.yml) and what .ci/run promises, read as files: a
//! job dropped, an operating system left out or an MSRV that disagrees with Cargo.toml fails
//! here, not months later on a user's Mac.

use std::fs;

use crate::integrations::yaml;
use crate::support::workspace;

fn job(name: &str) -> marked_yaml::types::MarkedMappingNode {
    let workflow = yaml(".github/workflows/ci.yml");
    workflow
        .as_mapping()
        .and_then(|m| m.get_mapping("jobs"))
        .and_then(|j| j.get_mapping(name))
        .cloned()
        .unwrap_or_else(|| panic!("ci.yml has no job `{name}`"))
}

/// Every `run:` of a job's steps, joined.
fn runs(job: &marked_yaml::types::MarkedMappingNode) -> String {
    let steps = job.get_sequence("steps").expect("steps");
    steps
        .iter()
        .filter_map(|s| s.as_mapping())
        .filter_map(|s| s.get_scalar("run").map(|r| r.as_str().to_owned()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn uses(job: &marked_yaml::types::MarkedMappingNode) -> Vec<String> {
    job.get_sequence("steps")
        .expect("steps")
        .iter()
        .filter_map(|s| s.as_mapping())
        .filter_map(|s| s.get_scalar("uses").map(|u| u.as_str().to_owned()))
        .collect()
}

fn scalar(job: &marked_yaml::types::MarkedMappingNode, key: &str) -> String {
    job.get_scalar(key).map(|s| s.as_str().to_owned()).unwrap_or_else(|| panic!("no `{key}`"))
}

#[test]
fn ci_runs_the_projects_checks_on_linux_and_the_tests_on_macos_and_windows() {
    let workflow = yaml(".github/workflows/ci.yml");
    let on = workflow.as_mapping().and_then(|m| m.get_mapping("on")).expect("on");
    assert!(on.get_node("pull_request").is_some() && on.get_node("push").is_some(), "every push and pull request");

    let linux = job("linux");
    assert!(scalar(&linux, "runs-on").starts_with("ubuntu-"));
    assert!(runs(&linux).lines().any(|l| l.trim() == ".ci/run"), "{}", runs(&linux));
    // .ci/run installs nothing the runner lacks but Node.js and Python, set up here.
    let steps = uses(&linux);
    assert!(steps.iter().any(|u| u.starts_with("actions/setup-node@")), "{steps:?}");
    assert!(steps.iter().any(|u| u.starts_with("actions/setup-python@")), "{steps:?}");

    let test = job("test");
    let oses: Vec<String> = test
        .get_mapping("strategy")
        .and_then(|s| s.get_mapping("matrix"))
        .and_then(|m| m.get_sequence("os"))
        .expect("strategy.matrix.os")
        .iter()
        .filter_map(|o| o.as_scalar().map(|s| s.as_str().to_owned()))
        .collect();
    assert!(oses.iter().any(|o| o.starts_with("macos-")), "{oses:?}");
    assert!(oses.iter().any(|o| o.starts_with("windows-")), "{oses:?}");
    assert_eq!(scalar(&test, "runs-on"), "${{ matrix.os }}");
    assert!(runs(&test).contains("cargo test --workspace"), "{}", runs(&test));
}

#[test]
fn the_msrv_job_uses_the_declared_rust_version() {
    let manifest = fs::read_to_string(workspace().join("Cargo.toml")).expect("Cargo.toml");
    let declared = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("rust-version in [workspace.package]");
    let msrv = job("msrv");
    let run = runs(&msrv);
    assert!(run.contains(&format!("rustup toolchain install {declared} ")), "MSRV {declared}: {run}");
    assert!(run.contains(&format!("rustup default {declared}")), "{run}");
    assert!(run.contains("cargo test --workspace"), "{run}");
}

#[test]
fn deny_and_docs_jobs_check_licences_and_documentation() {
    let deny = job("deny");
    assert!(uses(&deny).iter().any(|u| u.starts_with("EmbarkStudios/cargo-deny-action@")));
    assert!(workspace().join("deny.toml").is_file(), "the policy cargo deny checks");
    let docs = job("docs");
    let run = runs(&docs);
    assert!(run.contains("cargo doc --workspace"), "{run}");
    let env = docs
        .get_sequence("steps")
        .expect("steps")
        .iter()
        .filter_map(|s| s.as_mapping())
        .filter_map(|s| s.get_mapping("env"))
        .filter_map(|e| e.get_scalar("RUSTDOCFLAGS").map(|f| f.as_str().to_owned()))
        .next();
    assert_eq!(env.as_deref(), Some("-D warnings"));
}

/// `.ci/run` (the linux job) packages every crate and tests the npm package.
#[test]
fn ci_run_packages_every_crate_and_tests_the_npm_package() {
    let run = fs::read_to_string(workspace().join(".ci/run")).expect(".ci/run");
    assert!(run.contains("cargo package --workspace"), "{run}");
    assert!(run.contains("bash .ci/npm-test"), "{run}");
    let manifest = fs::read_to_string(workspace().join("Cargo.toml")).expect("Cargo.toml");
    // A path dependency without a version cannot be packaged.
    for line in manifest.lines().filter(|l| l.starts_with("scs-") && l.contains("path = ")) {
        assert!(line.contains("version = "), "{line}");
    }
}

/// The README's weekly-report workflow installs the release asset (checked), not a build from
/// source, and names an asset the release workflow makes.
#[test]
fn the_weekly_report_example_installs_the_release() {
    let readme = fs::read_to_string(workspace().join("README.md")).expect("README.md");
    let start = readme.find("# .github/workflows/weekly-report.yml").expect("the weekly-report example");
    let example = &readme[start..start + readme[start..].find("\n```").expect("its end")];
    assert!(!example.contains("cargo install"), "{example}");
    assert!(example.contains("/releases/download/v") && example.contains("sha256sum -c"), "{example}");
    assert!(example.contains("scs-x86_64-unknown-linux-musl.tar.gz"), "{example}");
    let release = fs::read_to_string(workspace().join(".github/workflows/release.yml")).expect("release.yml");
    assert!(release.contains("target: x86_64-unknown-linux-musl"));
}

/// ARCHITECTURE.md has a paragraph for every crate of the workspace: a new crate without one
/// fails here.
#[test]
fn architecture_names_every_crate() {
    let root = crate::support::workspace();
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let members = manifest.lines().find(|l| l.starts_with("members = [")).expect("members");
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut crates: Vec<String> = members
        .split('"')
        .filter(|m| m.starts_with("crates/") || *m == "xtask")
        .map(|m| m.rsplit('/').next().unwrap_or(m).to_owned())
        .collect();
    crates.push("scs-cli".into());
    assert!(crates.len() > 10, "{crates:?}");
    for name in crates {
        assert!(architecture.contains(&format!("\n### `{name}`\n")), "ARCHITECTURE.md has no paragraph for {name}");
    }
}

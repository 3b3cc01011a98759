//! The files other tools read: the pre-commit hook definition and the GitHub Action, whose
//! check step is run here as GitHub would run it.

use std::fs;
use std::process::Command;

use crate::support::{GOOD, Repo, git, workspace};

pub fn yaml(name: &str) -> marked_yaml::Node {
    let text = fs::read_to_string(workspace().join(name)).expect("file exists");
    marked_yaml::parse_yaml_with_options(0, &text, marked_yaml::LoaderOptions::default().toplevel_sequence())
        .or_else(|_| marked_yaml::parse_yaml(0, &text))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn pre_commit_hook_installs_with_cargo_and_selects_documents_and_scopes() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = hooks.as_sequence().and_then(|s| s.first()).and_then(|h| h.as_mapping()).expect("one hook");
    let get = |k: &str| hook.get_scalar(k).map(|s| s.as_str().to_owned()).unwrap_or_default();
    assert_eq!(get("id"), "scs-check");
    assert_eq!(get("language"), "rust");
    assert_eq!(get("entry"), "scs check");
    let files = regex::Regex::new(&get("files")).expect("files is a regex");
    for path in [
        "Standards/scs-0100-v1-a.md",
        "Standards/README.md",
        "Tests/scs-compatible-iaas.yaml",
        "Tests/scs-open-kaas.yml",
    ] {
        assert!(files.is_match(path), "{path} is passed to the hook");
    }
    for path in ["README.md", "Tests/iaas/openstack_test.py", "Tests/scs-0104-v1-images.yaml", "docs/Standards/x.md"] {
        assert!(!files.is_match(path), "{path} is not passed to the hook");
    }
}

#[test]
fn pre_commit_history_hook_compares_with_the_base_without_file_names() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = hooks
        .as_sequence()
        .and_then(|s| {
            s.iter()
                .filter_map(|h| h.as_mapping())
                .find(|h| h.get_scalar("id").is_some_and(|i| i.as_str() == "scs-history"))
        })
        .expect("an scs-history hook");
    let get = |k: &str| hook.get_scalar(k).map(|s| s.as_str().to_owned()).unwrap_or_default();
    assert_eq!(get("entry"), "scs check --select history");
    assert_eq!(get("pass_filenames"), "false");
    let args: Vec<String> = hook
        .get_sequence("args")
        .map(|a| a.iter().filter_map(|v| v.as_scalar()).map(|v| v.as_str().to_owned()).collect())
        .unwrap_or_default();
    assert_eq!(args, ["--base", "origin/main"]);
}

/// The `run` script of the action's step with this id.
fn action_step(id: &str) -> String {
    let action = yaml("action.yml");
    let steps =
        action.as_mapping().and_then(|m| m.get_mapping("runs")).and_then(|r| r.get_sequence("steps")).expect("steps");
    steps
        .iter()
        .filter_map(|s| s.as_mapping())
        .find(|s| s.get_scalar("id").is_some_and(|i| i.as_str() == id))
        .and_then(|s| s.get_scalar("run"))
        .map(|r| r.as_str().to_owned())
        .unwrap_or_else(|| panic!("no step {id}"))
}

#[test]
fn action_check_step_annotates_writes_sarif_and_honours_the_fail_level() {
    let script = action_step("check");
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_scs")).parent().expect("bin folder").to_path_buf();
    let repo =
        Repo::new().doc("scs-0100-v1-a.md", GOOD).doc("scs-0101-v1-b.md", GOOD.replace("track: IaaS", "track: Moon"));
    let run = |fail_level: &str, sarif: &str| {
        let output = tempfile::NamedTempFile::new().expect("GITHUB_OUTPUT");
        let out = Command::new("bash")
            .args(["-e", "-c", &script])
            .current_dir(repo.path())
            .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()))
            .env("GITHUB_OUTPUT", output.path())
            .env("SCS_PATH", ".")
            .env("SCS_CONFIG", "")
            .env("SCS_BASELINE", "")
            .env("SCS_CHANGED_SINCE", "")
            .env("SCS_FAIL_LEVEL", fail_level)
            .env("SCS_SARIF_FILE", sarif)
            .env("SCS_BASE", "")
            .env("SCS_HISTORY", "false")
            .output()
            .expect("bash runs");
        let outputs = fs::read_to_string(output.path()).unwrap_or_default();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), outputs)
    };
    let (code, stdout, _) = run("error", "");
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.starts_with("::error file=Standards/scs-0101-v1-b.md,line=5,col=8,"), "{stdout}");
    let (code, _, outputs) = run("never", "scs.sarif");
    assert_eq!(code, 0);
    assert_eq!(outputs.trim(), "sarif-file=scs.sarif");
    assert!(repo.path().join("scs.sarif").is_file());
    let (code, stdout, _) = run("sometimes", "");
    assert_eq!(code, 2);
    assert!(stdout.contains("fail-level must be error, warning or never"));
}

#[test]
fn action_check_step_runs_the_history_rules_against_the_base() {
    let script = action_step("check");
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_scs")).parent().expect("bin folder").to_path_buf();
    let repo = Repo::new().doc("scs-0100-v1-a.md", GOOD);
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "base"]);
    git(repo.path(), &["checkout", "-q", "-b", "pr"]);
    git(repo.path(), &["mv", "Standards/scs-0100-v1-a.md", "Standards/scs-0100-v1-renamed.md"]);
    git(repo.path(), &["commit", "-q", "-m", "rename"]);
    let output = tempfile::NamedTempFile::new().expect("GITHUB_OUTPUT");
    let out = Command::new("bash")
        .args(["-e", "-c", &script])
        .current_dir(repo.path())
        .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GITHUB_OUTPUT", output.path())
        .envs([("SCS_PATH", "."), ("SCS_CONFIG", ""), ("SCS_BASELINE", ""), ("SCS_CHANGED_SINCE", "")])
        .envs([("SCS_FAIL_LEVEL", "error"), ("SCS_SARIF_FILE", ""), ("SCS_BASE", "main"), ("SCS_HISTORY", "false")])
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.starts_with("::error file=Standards/scs-0100-v1-renamed.md,line=1,col=1,"), "{stdout}");
    assert!(stdout.contains("title=slug-changed::renamed from `scs-0100-v1-a.md`"), "{stdout}");
}

#[test]
fn action_scripts_are_valid_bash() {
    for id in ["key", "check"] {
        let status = Command::new("bash").args(["-n", "-c", &action_step(id)]).status().expect("bash runs");
        assert!(status.success(), "step {id}");
    }
}

/// The action's review step writes `scs review` to the job summary, and a base missing from a
/// shallow clone is a notice, not a failed job.
#[test]
fn action_review_step_writes_the_job_summary() {
    let script = action_step("review");
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_scs")).parent().expect("bin folder").to_path_buf();
    let repo = Repo::new().doc("scs-0100-v1-a.md", GOOD);
    crate::support::git_init_commit(repo.path(), "base");
    fs::write(repo.path().join("Standards/scs-0101-v1-b.md"), GOOD.replace("title: Good", "title: B")).expect("write");
    let run = |base: &str| {
        let summary = tempfile::NamedTempFile::new().expect("GITHUB_STEP_SUMMARY");
        let out = Command::new("bash")
            .args(["-e", "-c", &script])
            .current_dir(repo.path())
            .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()))
            .env("GITHUB_STEP_SUMMARY", summary.path())
            .env("SCS_PATH", ".")
            .env("SCS_BASE", base)
            .env("SCS_BASE_REF", "main")
            .output()
            .expect("bash runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            fs::read_to_string(summary.path()).unwrap_or_default(),
        )
    };
    let (code, _, summary) = run("HEAD");
    assert_eq!(code, Some(0));
    assert!(summary.starts_with("# SCS review against `HEAD`"), "{summary}");
    assert!(summary.contains("## `scs-0101-v1-b.md`: new document, numbered from the start (Stable)"), "{summary}");
    let (code, stdout, _) = run("");
    assert_eq!(code, Some(0), "origin/main is not in this clone: a notice");
    assert!(stdout.contains("::notice title=scs review::"), "{stdout}");
}

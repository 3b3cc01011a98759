//! Running the binary and building throw-away repositories.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of `scs` produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Runs `scs` with `args` in `cwd`, without colours.
pub fn scs(args: &[&str], cwd: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        // The git that scs runs sees no user or system configuration either.
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("the scs binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs git in `dir` with a fixed identity, no user or system configuration, and the given
/// environment (such as commit dates); returns its standard output.
pub fn git_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=scs tests", "-c", "user.email=tests@example.org", "-c", "commit.gpgsign=false"])
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .envs(env.iter().copied())
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Makes `dir` a git repository and commits everything in it with `subject`.
pub fn git_init_commit(dir: &Path, subject: &str) {
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", subject]);
}

/// Runs git in `dir` (see [`git_with`]).
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_with(dir, args, &[])
}

/// The workspace root, where `standards/` and `tests/fixtures/` are.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// A copy of the `Standards/` and `Tests/` folders of the repository at `from`, in a temporary
/// folder (returned, with the copy's root: the folder itself).
pub fn copy_repository(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for sub in ["Standards", "Tests"] {
        let Ok(entries) = std::fs::read_dir(from.join(sub)) else { continue };
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        for entry in entries.flatten() {
            std::fs::copy(entry.path(), dir.path().join(sub).join(entry.file_name())).expect("copy");
        }
    }
    dir
}

/// A repository in a temporary folder, with a `Standards/` folder to fill.
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("Standards")).expect("Standards/");
        Self { dir }
    }

    /// Writes `Standards/<name>` with exactly these bytes.
    pub fn doc(self, name: &str, bytes: impl AsRef<[u8]>) -> Self {
        fs::write(self.dir.path().join("Standards").join(name), bytes).expect("write document");
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `scs check --format json` on the repository, from its root.
    pub fn check_json(&self) -> (Run, Vec<serde_json::Value>) {
        let run = scs(&["check", "--format", "json"], self.path());
        let diagnostics = run.json()["diagnostics"].as_array().cloned().unwrap_or_default();
        (run, diagnostics)
    }
}

/// A valid Stable standard, for repositories that need a document without findings.
pub const GOOD: &str = "---\ntitle: Good\ntype: Procedural\nstatus: Stable\ntrack: IaaS\nstabilized_at: 2024-01-01\n---\n\n## Introduction\n";

/// A document with a known error elsewhere in the repository, to show that a run goes on.
pub const WRONG_TRACK: &str = "---\ntitle: Other\ntype: Procedural\nstatus: Draft\ntrack: Storage\n---\n";

/// `(rule, path, line, column)` of each finding.
pub fn places(diagnostics: &[serde_json::Value]) -> Vec<(String, String, u64, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_owned(),
                d["path"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

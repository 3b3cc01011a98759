//! Names the commit `scs --version` was built from: `SCS_BUILD_COMMIT` when the release
//! workflow sets it, else what git says about the checkout, else "unknown" (a source archive).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=SCS_BUILD_COMMIT");
    let commit = std::env::var("SCS_BUILD_COMMIT").ok().filter(|c| !c.trim().is_empty()).or_else(|| {
        let dir = std::env::var("CARGO_MANIFEST_DIR").ok()?;
        // Rebuild when HEAD moves (on a branch, the ref file changes; a detached HEAD, HEAD itself).
        let git_dir = Command::new("git").args(["rev-parse", "--git-dir"]).current_dir(&dir).output().ok()?;
        let git_dir = String::from_utf8(git_dir.stdout).ok()?;
        let git_dir = std::path::Path::new(&dir).join(git_dir.trim());
        println!("cargo:rerun-if-changed={}", git_dir.join("HEAD").display());
        if let Ok(head) = std::fs::read_to_string(git_dir.join("HEAD"))
            && let Some(reference) = head.trim().strip_prefix("ref: ")
        {
            println!("cargo:rerun-if-changed={}", git_dir.join(reference).display());
        }
        let out = Command::new("git").args(["rev-parse", "HEAD"]).current_dir(&dir).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    });
    let commit = commit.unwrap_or_else(|| "unknown".to_owned());
    let short: String = commit.chars().take(12).collect();
    println!("cargo:rustc-env=SCS_COMMIT={short}");
}

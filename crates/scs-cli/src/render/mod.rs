//! Renderers: findings in, text out. Each format in its own module.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::path::{Path, PathBuf};

use scs_core::Corpus;
use scs_rules::Diagnostic;

use crate::discover::Target;

/// What one repository's check produced, ready to render.
pub struct Checked {
    pub target: Target,
    pub corpus: Corpus,
    pub diagnostics: Vec<Diagnostic>,
    /// Findings hidden by the baseline.
    pub hidden: usize,
    /// The repository root relative to the root of its git checkout (`""` or `"sub/dir/"`), so
    /// that GitHub and SARIF paths are relative to what GitHub calls the repository root.
    pub vcs_prefix: String,
}

/// The root's path inside the git checkout that contains it, with a trailing `/`.
pub fn vcs_prefix(root: &Path) -> String {
    let Ok(root) = std::fs::canonicalize(root) else { return String::new() };
    let Some(git_root) = root.ancestors().find(|dir| dir.join(".git").exists()) else { return String::new() };
    let inner: PathBuf = root.strip_prefix(git_root).map(Path::to_path_buf).unwrap_or_default();
    let inner = inner.to_string_lossy().replace('\\', "/");
    if inner.is_empty() { inner } else { format!("{inner}/") }
}

/// The path of a finding's file as the user can open it: the repository root as given, joined
/// with the repository-relative path.
pub fn display_path(root: &Path, diagnostic: &Diagnostic) -> String {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        return diagnostic.path.clone();
    }
    let root = root.to_string_lossy();
    format!("{}/{}", root.trim_end_matches('/'), diagnostic.path)
}

//! Renderers: findings in, text out. Each format in its own module.

pub mod human;
pub mod json;

use std::path::Path;

use scs_rules::Diagnostic;

/// The path of a finding's file as the user can open it: the repository root as given, joined
/// with the repository-relative path.
pub fn display_path(root: &Path, diagnostic: &Diagnostic) -> String {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        return diagnostic.path.clone();
    }
    let root = root.to_string_lossy();
    format!("{}/{}", root.trim_end_matches('/'), diagnostic.path)
}

//! Renderers: findings in, text out. Each format in its own module.

pub mod concise;
pub mod github;
pub use scs_render::human;
pub mod json;
pub mod sarif;

use std::path::{Path, PathBuf};

use scs_core::Corpus;
use scs_rules::Diagnostic;

use scs_repository::Target;

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

#[cfg(test)]
mod properties {
    //! Rendering every finding in every format never panics, whatever the documents contain.

    use proptest::prelude::*;
    use scs_core::{Corpus, Document};

    use super::*;
    use scs_repository::Target;

    fn document() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just("---\n".to_owned()),
            Just("type: Standard\nstatus: stable\ntrack: iaas\n".to_owned()),
            Just("replaces: x.md\nreplaced_by: [y.md]\n".to_owned()),
            Just("title: \"a | b\\nc\"\n".to_owned()),
            Just("## Ünïcödé 🚀\n[x](gone.md#nope) [y](#missing)\n".to_owned()),
            Just("\r\n".to_owned()),
            "\\PC{0,16}",
        ];
        prop_oneof![
            proptest::collection::vec(piece, 0..16).prop_map(|p| p.concat().into_bytes()),
            proptest::collection::vec(any::<u8>(), 0..200),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn every_format_renders_every_finding(a in document(), b in document(), name in "[a-z,:%\\n ]{1,8}") {
            let documents = vec![
                Document::parse("Standards/scs-0100-v2-a.md".into(), "scs-0100-v2-a.md".into(), a),
                Document::parse(format!("Standards/scs-01-{name}.md"), format!("scs-01-{name}.md"), b),
            ];
            let corpus = Corpus::from_documents("repo".into(), documents);
            let diagnostics = scs_rules::check(&corpus, &scs_rules::Settings::default());
            let checked = vec![Checked {
                target: Target { root: "repo".into(), only: None },
                corpus,
                diagnostics,
                hidden: 0,
                vcs_prefix: String::new(),
            }];
            let _ = sarif::render(&checked);
            let github = github::render(&checked, "summary");
            prop_assert_eq!(github.lines().count(), checked[0].diagnostics.len() + 1);
            let concise = concise::render(&checked);
            prop_assert_eq!(concise.lines().count(), checked[0].diagnostics.len());
            let human = human::Human::new(false);
            for d in &checked[0].diagnostics {
                let mut out = String::new();
                human.diagnostic(&mut out, &checked[0].corpus, &d.path, d);
                let mut locators = scs_rules::Locators::new(&checked[0].corpus);
                let _ = json::diagnostic(&mut locators, d.path.clone(), d);
            }
        }
    }
}

//! `scs check --fix` and `--diff`: the safe fixes of the reported findings, applied per file.
//! Files with parse problems are never touched, a fixed text must parse again before it is
//! written, and writes are atomic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scs_core::{Corpus, Document};
use scs_rules::{Diagnostic, Fix};

/// The new text of one file.
pub struct FileFix {
    /// Path relative to the repository root.
    pub rel: String,
    pub old: String,
    pub new: String,
    /// How many findings the new text fixes.
    pub fixed: usize,
}

/// What `--fix` would change: per file, and the files it leaves alone with the reason.
#[derive(Default)]
pub struct Plan {
    pub files: Vec<FileFix>,
    pub skipped: Vec<(String, String)>,
}

impl Plan {
    pub fn fixed(&self) -> usize {
        self.files.iter().map(|f| f.fixed).sum()
    }
}

/// Plans the fixes of `diagnostics` in `corpus`.
pub fn plan(corpus: &Corpus, diagnostics: &[Diagnostic]) -> Plan {
    let mut by_path: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
    for d in diagnostics {
        if let Some(fix) = &d.fix {
            by_path.entry(&d.path).or_default().push(fix);
        }
    }
    let mut plan = Plan::default();
    for (path, fixes) in by_path {
        let Some(doc) = corpus.by_path(path) else { continue };
        if !doc.problems.is_empty() {
            plan.skipped.push((path.to_owned(), "it has parse problems".into()));
            continue;
        }
        let (new, fixed) = scs_rules::fix::apply(&doc.text, fixes);
        let reparsed = Document::parse(doc.path.clone(), doc.file_name.clone(), new.clone().into_bytes());
        if !reparsed.problems.is_empty() || reparsed.front_matter.is_none() {
            plan.skipped.push((path.to_owned(), "the fixed text would not parse".into()));
            continue;
        }
        if new != doc.text {
            plan.files.push(FileFix { rel: path.to_owned(), old: doc.text.clone(), new, fixed });
        }
    }
    plan
}

/// Writes the planned files under `root` all or nothing, with the link policy of every writer
/// (`crate::transaction`): permissions kept, a symbolic link inside the repository written at
/// its target, one leaving it refused, hard links kept.
pub fn write(root: &Path, plan: &Plan) -> Result<(), (PathBuf, std::io::Error)> {
    let transaction = crate::transaction::Transaction {
        changes: plan.files.iter().map(|f| (f.rel.clone(), f.new.clone())).collect(),
        // A file an editor saved since it was read keeps that edit: nothing is written.
        expected: plan.files.iter().map(|f| (f.rel.clone(), f.old.clone().into_bytes())).collect(),
        ..Default::default()
    };
    transaction.commit(root).map_err(|failed| (failed.path, failed.error))
}

/// A unified diff of every planned file, paths as the user opens them.
pub fn diff(plan: &Plan, display_root: &Path) -> String {
    let mut out = String::new();
    for file in &plan.files {
        // Paths as `git apply` (or `patch -p1`) run where the user is reads them: below the
        // current folder with its prefix; a repository above it or elsewhere (run from a
        // subfolder) relative to that repository's root, where the diff applies.
        let inside = !display_root.as_os_str().is_empty()
            && display_root != Path::new(".")
            && display_root
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir));
        let shown = if inside { format!("{}/{}", display_root.display(), file.rel) } else { file.rel.clone() };
        let text_diff = similar::TextDiff::from_lines(&file.old, &file.new);
        out.push_str(
            &text_diff
                .unified_diff()
                .context_radius(2)
                .header(&quoted(&format!("a/{shown}")), &quoted(&format!("b/{shown}")))
                .to_string(),
        );
    }
    out
}

/// A path for a diff header as git writes one: as it is, unless it holds a control character,
/// a quote or a backslash; then in double quotes with C escapes (`\n`, `\t`, `\"`, `\\`,
/// octal for other bytes), which `git apply` and GNU `patch` read. A file name with a line
/// break can then not forge a `---`/`+++` header of another file.
fn quoted(path: &str) -> String {
    if !path.chars().any(|c| c.is_control() || c == '"' || c == '\\') {
        return path.to_owned();
    }
    let mut out = String::from("\"");
    for c in path.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("\\{b:03o}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn diff_headers_quote_names_that_could_forge_a_header() {
        assert_eq!(super::quoted("a/Standards/x.md"), "a/Standards/x.md");
        assert_eq!(super::quoted("a/x\n+++ b/README.md"), "\"a/x\\n+++ b/README.md\"");
        assert_eq!(super::quoted("a/\u{1b}[31m\"\\"), "\"a/\\033[31m\\\"\\\\\"");
    }
}

//! Findings as data: what rule, how severe, where, and what to do about it.

use std::fmt;

use scs_core::Span;
use serde::{Deserialize, Serialize};

/// How much a finding matters; the order is from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary place that explains the finding: in the same file, or (`path`) in another
/// document whose part in a cross-document problem it marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// The other file (relative to the root), or `None` for the finding's own file.
    pub path: Option<String>,
}

impl Diagnostic {
    /// The file of `label`: its own, or the finding's.
    pub fn label_path<'a>(&'a self, label: &'a Label) -> &'a str {
        label.path.as_deref().unwrap_or(&self.path)
    }

    /// Every file the finding has a location in: its own, then its labels' other files.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.path.as_str()).chain(self.labels.iter().filter_map(|l| l.path.as_deref()))
    }
}

/// One finding of one rule in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    /// Path of the file relative to the repository root, `/`-separated.
    pub path: String,
    /// The offending text; `None` for findings about the file as a whole (such as its name).
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<Label>,
    /// A mechanical, safe correction, if the rule knows one.
    pub fix: Option<Fix>,
}

/// A safe correction: text edits of one file that change nothing but the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, for `--fix` and `--diff` output.
    pub description: String,
    pub edits: Vec<Edit>,
}

/// Replace the text at `span` with `replacement`: scs-core's one edit type.
pub use scs_core::edit::Edit;

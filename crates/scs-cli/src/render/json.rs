//! JSON output: one object with every finding (file, line, column, rule, message) and a summary.

use serde::Serialize;

use scs_rules::{Counts, Diagnostic, Locators, Severity};

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    pub summary: Summary,
}

/// One finding; lines and columns are 1-based, columns count characters, ends are exclusive.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub rule: &'static str,
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub labels: Vec<JsonLabel<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonLabel<'a> {
    /// The other file a label marks, as `path` is written; absent for the finding's own file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: &'a str,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub documents: usize,
    /// Findings a baseline hid.
    pub baseline_hidden: usize,
}

pub use scs_render::shown_as;

/// One finding with its position resolved against the corpus text.
pub fn diagnostic<'a>(locators: &mut Locators, path: String, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let p = locators.position(&d.path, d.span);
    let labels = d
        .labels
        .iter()
        .map(|l| {
            let lp = locators.position(d.label_path(l), Some(l.span));
            JsonLabel {
                path: l.path.as_deref().map(|other| shown_as(&path, &d.path, other)),
                line: lp.start.line,
                column: lp.start.column,
                end_line: lp.end.line,
                end_column: lp.end.column,
                message: &l.message,
            }
        })
        .collect();
    JsonDiagnostic {
        rule: d.rule,
        severity: d.severity,
        path,
        line: p.start.line,
        column: p.start.column,
        end_line: p.end.line,
        end_column: p.end.column,
        message: &d.message,
        help: d.help.as_deref(),
        labels,
    }
}

impl Summary {
    pub fn new(counts: Counts, documents: usize, baseline_hidden: usize) -> Self {
        Self { errors: counts.errors, warnings: counts.warnings, infos: counts.infos, documents, baseline_hidden }
    }
}

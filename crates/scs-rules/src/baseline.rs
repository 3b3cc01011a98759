//! Baselines: a recorded set of accepted findings, so that only new ones are reported. A
//! finding matches by rule, file and message (not by line, which shifts with every edit);
//! as many findings are hidden as were recorded.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// The file format: versioned, sorted, one entry per finding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub message: String,
}

/// Why a baseline file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("not a baseline file of scs: {0}")]
pub struct BaselineError(#[from] serde_json::Error);

impl Baseline {
    pub const VERSION: u32 = 1;

    /// Records `diagnostics`.
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut findings: Vec<Entry> = diagnostics
            .into_iter()
            .map(|d| Entry { path: d.path.clone(), rule: d.rule.to_owned(), message: d.message.clone() })
            .collect();
        findings.sort();
        Self { version: Self::VERSION, findings }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn from_json(text: &str) -> Result<Self, BaselineError> {
        Ok(serde_json::from_str(text)?)
    }

    /// Removes the recorded findings from `diagnostics`; returns how many were hidden.
    pub fn hide(&self, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let mut budget: HashMap<(String, String, String), usize> = HashMap::new();
        for e in &self.findings {
            *budget.entry((e.path.clone(), e.rule.clone(), e.message.clone())).or_default() += 1;
        }
        let before = diagnostics.len();
        diagnostics.retain(|d| match budget.get_mut(&(d.path.clone(), d.rule.to_owned(), d.message.clone())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - diagnostics.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn finding(path: &str, rule: &'static str, message: &str, at: usize) -> Diagnostic {
        Diagnostic {
            rule,
            severity: Severity::Error,
            path: path.into(),
            span: Some(scs_core::Span::at(at)),
            message: message.into(),
            help: None,
            labels: vec![],
            fix: None,
        }
    }

    #[test]
    fn hides_exactly_the_recorded_findings() {
        let old = vec![finding("a.md", "slug-format", "bad slug", 0), finding("a.md", "broken-link", "gone", 10)];
        let baseline = Baseline::from_json(&Baseline::of(&old).to_json()).expect("round trip");
        assert_eq!(baseline.findings.len(), 2);
        // the same findings moved to other lines, one more of the same kind, and a new one
        let mut now = vec![
            finding("a.md", "slug-format", "bad slug", 5),
            finding("a.md", "broken-link", "gone", 50),
            finding("a.md", "broken-link", "gone", 60),
            finding("b.md", "broken-link", "gone", 0),
        ];
        assert_eq!(baseline.hide(&mut now), 2);
        let left: Vec<_> = now.iter().map(|d| (d.path.as_str(), d.span.map(|s| s.start))).collect();
        assert_eq!(left, [("a.md", Some(60)), ("b.md", Some(0))]);
    }

    #[test]
    fn counts_what_it_hid() {
        let gone = |at| finding("a.md", "broken-link", "gone", at);
        let baseline = Baseline::of(&[gone(0), gone(1), gone(2)]);
        let mut now = vec![gone(0), gone(1), gone(2), finding("a.md", "slug-format", "bad slug", 0), gone(3).clone()];
        now[4].message = "other".into();
        // 5 findings, 3 hidden, 2 left (5 − 2, not 5 ÷ 2).
        assert_eq!(baseline.hide(&mut now), 3);
        assert_eq!(now.len(), 2);
    }

    #[test]
    fn rejects_other_files() {
        assert!(Baseline::from_json("{\"findings\": 3}").is_err());
        assert!(Baseline::from_json("not json").is_err());
    }
}

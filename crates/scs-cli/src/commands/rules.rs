//! `scs rules` and `scs explain`: the registry, printed.

use std::io::Write;

use crate::Failure;

/// One line per rule: id, default severity, summary.
pub fn list(stdout: &mut dyn Write) -> Result<(), Failure> {
    let width = scs_rules::rules::all().map(|m| m.id.len()).max().unwrap_or(0);
    let mut text = String::new();
    for meta in scs_rules::rules::all() {
        text.push_str(&format!("{:width$}  {:7}  {}\n", meta.id, meta.default_severity.as_str(), meta.summary));
    }
    stdout.write_all(text.as_bytes()).map_err(Failure::Output)
}

/// The explanation of one rule.
pub fn explain(id: &str, stdout: &mut dyn Write) -> Result<(), Failure> {
    let meta = scs_rules::rules::find(id)
        .ok_or_else(|| Failure::UnknownRule { id: id.to_owned(), suggestion: closest(id) })?;
    let text =
        format!("{} ({} by default)\n\n{}\n\n{}\n", meta.id, meta.default_severity, meta.summary, meta.explanation);
    stdout.write_all(text.as_bytes()).map_err(Failure::Output)
}

fn closest(id: &str) -> Option<String> {
    scs_rules::rules::all()
        .map(|m| (strsim_like(id, m.id), m.id))
        .filter(|(score, _)| *score > 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id.to_owned())
}

/// Share of the shorter id's characters found in order in the longer one.
fn strsim_like(a: &str, b: &str) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut rest = long.chars();
    let hits = short.chars().filter(|c| rest.any(|l| l == *c)).count();
    hits as f64 / long.chars().count().max(1) as f64
}

//! `scs rules` and `scs explain`: the registry, printed.

use std::io::Write;

use crate::Failure;
use crate::cli::RulesFormat;

/// One line per rule: id, default severity, summary; or the README's Markdown tables.
pub fn list(format: RulesFormat, stdout: &mut dyn Write) -> Result<(), Failure> {
    let text = match format {
        RulesFormat::Text => {
            let width = scs_rules::registry::all().map(|m| m.id.len()).max().unwrap_or(0);
            let mut text = String::new();
            for meta in scs_rules::registry::all() {
                text.push_str(&format!("{:width$}  {:7}  {}\n", meta.id, meta.default_severity.as_str(), meta.summary));
            }
            text
        }
        RulesFormat::Markdown => scs_rules::registry::markdown_tables(),
    };
    stdout.write_all(text.as_bytes()).map_err(Failure::Output)
}

/// The explanation of one rule.
pub fn explain(id: &str, stdout: &mut dyn Write) -> Result<(), Failure> {
    // A group (`links`, `history`, …): what it is for and its rules, one line each.
    if let Some(group) = scs_rules::groups::GROUPS.iter().find(|g| g.name == id) {
        let mut text = format!(
            "{} (a group of rules; `--select {}` runs them)\n\n{}\n\n",
            group.name, group.name, group.description
        );
        for rule in scs_rules::registry::expand(id).unwrap_or_default() {
            if let Some(meta) = scs_rules::registry::find(rule) {
                text.push_str(&format!(
                    "  {:<28} {:<8} {}\n",
                    meta.id,
                    meta.default_severity.to_string(),
                    meta.summary
                ));
            }
        }
        text.push_str("\n`scs explain RULE` explains one of them.\n");
        return stdout.write_all(text.as_bytes()).map_err(Failure::Output);
    }
    let meta = scs_rules::registry::find(id)
        .ok_or_else(|| Failure::UnknownRule { id: id.to_owned(), help: scs_rules::registry::unknown_help(id, true) })?;
    let text =
        format!("{} ({} by default)\n\n{}\n\n{}\n", meta.id, meta.default_severity, meta.summary, meta.explanation);
    stdout.write_all(text.as_bytes()).map_err(Failure::Output)
}

//! Concise output: one line per finding, `path:line:col: severity[rule] message`, for editors,
//! grep and CI logs.

use std::fmt::Write;

use scs_rules::Locators;

use super::Checked;

pub fn render(results: &[Checked]) -> String {
    let mut out = String::new();
    for r in results {
        let mut locators = Locators::new(&r.corpus);
        for d in &r.diagnostics {
            let p = locators.position(&d.path, d.span);
            // One line per finding, whatever a file name or message contains.
            let path: String = super::display_path(&r.target.root, d)
                .chars()
                .map(|c| if c.is_control() { c.escape_debug().to_string() } else { c.to_string() })
                .collect();
            let message = d.message.replace(['\n', '\r'], " ");
            let _ = writeln!(out, "{path}:{}:{}: {}[{}] {message}", p.start.line, p.start.column, d.severity, d.rule);
        }
    }
    out
}

//! GitHub Actions workflow commands: `::error file=…,line=…::message`, one per finding, so that
//! GitHub puts each finding as an annotation on the line of the pull request.

use std::fmt::Write;

use scs_rules::{Diagnostic, Locators, Severity};

use super::Checked;

/// The annotations, then the summary as a plain log line (the runner shows it as written).
pub fn render(results: &[Checked], summary: &str) -> String {
    let mut out = String::new();
    for r in results {
        let mut locators = Locators::new(&r.corpus);
        for d in &r.diagnostics {
            let p = locators.position(&d.path, d.span);
            let file = format!("{}{}", r.vcs_prefix, d.path);
            let _ = writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(d.severity),
                property(&file),
                p.start.line,
                p.start.column,
                p.end.line,
                p.end.column,
                property(d.rule),
                data(&text(d))
            );
        }
    }
    out.push_str(summary);
    out.push('\n');
    out
}

/// A warning without a place, such as why the history rules did not run.
pub fn warning(title: &str, message: &str) -> String {
    format!("::warning title={}::{}\n", property(title), data(message))
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The annotation's text: the message, then the advice on its own line.
fn text(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    }
}

/// Escapes a command's message as the runner decodes it: `%`, CR and LF.
pub fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`): also `:` and `,`, which end a property.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_as_the_runner_expects() {
        assert_eq!(data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
        assert_eq!(property("Standards/a,b:c%d.md"), "Standards/a%2Cb%3Ac%25d.md");
        // A hostile message cannot start a new workflow command: the newline is escaped.
        assert_eq!(data("x\n::set-output name=a::b"), "x%0A::set-output name=a::b");
        assert_eq!(property("x\n::error::y"), "x%0A%3A%3Aerror%3A%3Ay");
        // Escaping is not applied twice: an escape sequence in the input stays literal.
        assert_eq!(data("%0A"), "%250A");
    }
}

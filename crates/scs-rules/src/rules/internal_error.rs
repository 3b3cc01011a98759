//! The last line of defence: a rule that panics on one input becomes a finding on that file,
//! and the run goes on with every other rule and file (as ruff does). The goal stays zero such
//! findings; each one is a bug in scs and is fixed with a regression test.

use crate::declare_rules;

declare_rules! {
    pub InternalError {
        id: "internal-error",
        severity: Error,
        kinds: [engine],
        groups: [],
        summary: "scs failed on this file (a bug in scs): the other findings are still reported",
        explanation: r#"A check of scs stopped with an internal error on this file. The finding names the
rule and the reason; the other rules still ran on this file, and every other file was
checked. It is an error so that a gate does not pass a file scs could not fully check.
Please report it with the file (or a copy that reproduces it).

Fails: a file on which a rule of scs panics.
Passes: every other file."#,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::guarded;
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::settings::Settings;

    #[test]
    fn a_panic_in_a_rule_becomes_a_finding_on_its_file_and_its_partial_findings_are_dropped() {
        let path = "Standards/scs-0100-v1-a.md";
        let mut found = Vec::new();
        guarded(&crate::rules::title::MissingTitle::META, path, &Settings::default(), &mut found, |out| {
            out.push(Diagnostic {
                rule: "missing-title",
                severity: Severity::Error,
                path: path.into(),
                span: None,
                message: "half a finding".into(),
                help: None,
                labels: Vec::new(),
                fix: None,
            });
            panic!("begin > end (43 > 38)\u{1b}[2J");
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].rule, found[0].severity, found[0].path.as_str()), ("internal-error", Severity::Error, path));
        assert_eq!(found[0].message, "internal error in rule `missing-title`: begin > end (43 > 38)[2J");
        guarded(&crate::rules::title::MissingTitle::META, path, &Settings::default(), &mut found, |_| {});
        assert_eq!(found.len(), 1);
    }
}

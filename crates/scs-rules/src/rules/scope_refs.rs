//! `scope-unknown-module` and `scope-unknown-testcase`: references inside a certificate scope
//! resolve.

use std::collections::HashSet;

use scs_core::ScopeFile;

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, Reporter, ScopeRule};

declare_rules! {
    pub ScopeUnknownModule {
        id: "scope-unknown-module",
        severity: Error,
        kinds: [scope],
        groups: [SCOPES],
        summary: "A certificate-scope version that includes a module the file does not define",
        explanation: r#"SCS-0003: a version's `include` lists module ids, plainly or as `ref` of an include
descriptor. Each must be the `id` of a module in the same file; otherwise the version
silently tests less than it claims.

Fails: `include: [scs-0100-v3]` when the modules define `scs-0100-v3.1` only.
Passes: `include: [scs-0100-v3.1]`."#,
    }

    pub ScopeUnknownTestcase {
        id: "scope-unknown-testcase",
        severity: Error,
        kinds: [scope],
        groups: [SCOPES],
        summary: "A certificate-scope module target that lists a test case no script defines",
        explanation: r#"SCS-0003: a module's `targets` map target names to lists of test-case ids, and test
cases are defined in the `testcases` of the `scripts`. A target listing an undefined test
case can never pass, or is silently skipped by the tooling.

Fails: `targets: {main: [scs-0100-syntax-chek]}`.
Passes: `targets: {main: [scs-0100-syntax-check]}` with a script defining that test case."#,
    }
}

impl ScopeRule for ScopeUnknownModule {
    fn check(&self, scope: &ScopeFile, _: Context, out: &mut Reporter) {
        let view = scope.view();
        let ids: HashSet<&str> = view.modules.iter().map(|m| m.id.text).collect();
        for version in &view.versions {
            for include in version.include.iter().filter(|i| !ids.contains(i.text)) {
                let d = out.report_path(
                    &scope.path,
                    Some(include.span),
                    format!(
                        "version {} includes the module `{}`, which is not defined",
                        version.version.text, include.text
                    ),
                );
                if let Some(s) = facts::suggest(include.text, ids.iter().copied()) {
                    d.help(format!("did you mean `{s}`?"));
                }
            }
        }
    }
}

impl ScopeRule for ScopeUnknownTestcase {
    fn check(&self, scope: &ScopeFile, _: Context, out: &mut Reporter) {
        let view = scope.view();
        let ids: HashSet<&str> = view.testcases.iter().map(|t| t.id.text).collect();
        for module in &view.modules {
            for (target, cases) in &module.targets {
                for case in cases.iter().filter(|c| !ids.contains(c.text)) {
                    let d = out.report_path(
                        &scope.path,
                        Some(case.span),
                        format!(
                            "target `{target}` of module `{}` lists the test case `{}`, which no script defines",
                            module.id.text, case.text
                        ),
                    );
                    if let Some(s) = facts::suggest(case.text, ids.iter().copied()) {
                        d.help(format!("did you mean `{s}`?"));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{corpus_with_scopes, render_rule};

    const SCOPE: &[u8] = b"scripts:\n- testcases:\n  - id: scs-0100-syntax-check\nmodules:\n  - id: scs-0100-v3.1\n    targets:\n      main:\n      - scs-0100-syntax-chek\n      - scs-0100-syntax-check\nversions:\n  - version: v1\n    include:\n      - scs-0100-v3\n      - ref: scs-0100-v3.1\n";

    #[test]
    fn unknown_references() {
        let corpus = corpus_with_scopes(&[], &[("scs-compatible-x.yaml", SCOPE)]);
        insta::assert_snapshot!(render_rule("scope-unknown-module", &corpus), @r"
        Tests/scs-compatible-x.yaml:13:9: error[scope-unknown-module] version v1 includes the module `scs-0100-v3`, which is not defined
          help: did you mean `scs-0100-v3.1`?
        ");
        insta::assert_snapshot!(render_rule("scope-unknown-testcase", &corpus), @r"
        Tests/scs-compatible-x.yaml:8:9: error[scope-unknown-testcase] target `main` of module `scs-0100-v3.1` lists the test case `scs-0100-syntax-chek`, which no script defines
          help: did you mean `scs-0100-syntax-check`?
        ");
    }

    #[test]
    fn resolving_references() {
        let fixed = String::from_utf8_lossy(SCOPE)
            .replace("syntax-chek", "syntax-check")
            .replace("- scs-0100-v3\n", "- scs-0100-v3.1\n");
        let corpus = corpus_with_scopes(&[], &[("scs-compatible-x.yaml", fixed.as_bytes())]);
        assert_eq!(render_rule("scope-unknown-module", &corpus), "");
        assert_eq!(render_rule("scope-unknown-testcase", &corpus), "");
    }
}

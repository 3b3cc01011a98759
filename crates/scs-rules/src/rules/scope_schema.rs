//! `scope-schema`: a certificate-scope file has the keys and types SCS-0003 defines.

use std::collections::HashMap;

use scs_core::scope::field;
use scs_core::{ScopeFile, Span, Value, ValueKind};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, Reporter, ScopeRule};

declare_rules! {
    pub ScopeSchema {
        id: "scope-schema",
        severity: Error,
        kinds: [scope],
        groups: [SCOPES],
        summary: "A certificate-scope file missing a key SCS-0003 requires, or with a value of the wrong type",
        explanation: r#"SCS-0003 ("SCS Certification YAML") defines the certificate-scope files
`Tests/scs-compatible-*.yaml`: the keys `uuid`, `name`, `url` (strings) and `scripts`,
`modules`, `timeline`, `versions` (lists of maps) are required; a module has an `id` and
`targets` (a map of lists of test-case ids); a version has a `version` and an `include`
list, and its `stabilized_at` is an ISO date; a script lists `testcases`, each with an `id`
and a `lifetime` of `day`, `week`, `month`, `quarter` or `year`; a timeline entry has a
`date` and a map of `versions`. Module ids and test-case ids are unique. The compliance
tooling reads these files; a wrong shape breaks certification runs.

Fails:
```yaml
modules:
  - name: Flavor naming v3
    targets: {main: [flavor-name-check]}
```
Passes:
```yaml
modules:
  - id: scs-0100-v3
    name: Flavor naming v3
    targets: {main: [flavor-name-check]}
```"#,
    }
}

const LIFETIMES: &[&str] = &["day", "week", "month", "quarter", "year"];

/// `the module `flavors`` (by its id, else its name), or `module 3` (by its place).
fn named(what: &str, index: usize, item: &Value) -> String {
    let label = ["id", "name"].iter().find_map(|k| field(item, k).and_then(Value::as_str)).map(str::trim);
    match label.filter(|l| !l.is_empty()) {
        Some(label) => format!("the {what} `{}`", scs_core::untrusted::printable(label, 60)),
        None => format!("{what} {}", index + 1),
    }
}

/// What to do about a schema finding, from its message (SCS-0003 describes the format).
fn help_for(message: &str) -> String {
    if let Some((_, key)) = message.split_once(" has no `") {
        let key = key.trim_end_matches('`');
        return format!("add `{key}:` with its value (SCS-0003, \"Sovereign Cloud Standards YAML\", lists the fields)");
    }
    if message.contains("must be a list") {
        return "write it as a YAML list (`[a, b]` or one `- item` a line)".into();
    }
    if message.contains("must be a map") {
        return "write it as a map of keys (`key: value` a line)".into();
    }
    if message.contains("must be text") {
        return "write it as text (quote it if YAML reads it as something else)".into();
    }
    if message.contains("ISO date") {
        return "write the date as YYYY-MM-DD, such as 2026-01-31".into();
    }
    if message.contains("`lifetime`") {
        return "use one of day, week, month, quarter, year".into();
    }
    "SCS-0003 (\"Sovereign Cloud Standards YAML\") describes the format of a certificate scope".into()
}

struct Checker<'a, 'r> {
    scope: &'a ScopeFile,
    out: &'a mut Reporter<'r>,
}

impl Checker<'_, '_> {
    fn report(&mut self, span: Span, message: String) {
        let help = help_for(&message);
        self.out.report_path(&self.scope.path, Some(span), message).help(help);
    }

    /// A required text field of `item`; reports it missing or not text.
    fn text<'v>(&mut self, item: &'v Value, key: &str, what: &str) -> Option<&'v Value> {
        match field(item, key) {
            None => {
                self.report(item.span, format!("{what} has no `{key}`"));
                None
            }
            Some(v) if v.as_str().is_none() || v.is_null() => {
                self.report(v.span, format!("`{key}` of {what} must be text, found {}", v.describe()));
                None
            }
            Some(v) => Some(v),
        }
    }

    /// A required list field of `item`.
    fn list<'v>(&mut self, item: &'v Value, key: &str, what: &str) -> &'v [Value] {
        match field(item, key) {
            None => {
                self.report(item.span, format!("{what} has no `{key}`"));
                &[]
            }
            Some(v) => match v.as_sequence() {
                Some(items) => items,
                None => {
                    self.report(v.span, format!("`{key}` of {what} must be a list, found {}", v.describe()));
                    &[]
                }
            },
        }
    }

    /// Items of a top-level list, each of which must be a mapping.
    fn mappings<'v>(&mut self, items: &'v [Value], what: &str) -> Vec<&'v Value> {
        let mut out = Vec::new();
        for item in items {
            if matches!(item.kind, ValueKind::Mapping(_)) {
                out.push(item);
            } else {
                self.report(item.span, format!("each {what} must be a map of keys, found {}", item.describe()));
            }
        }
        out
    }

    fn date(&mut self, item: &Value, key: &str) {
        if let Some(v) = field(item, key) {
            let ok = v.as_str().is_some_and(|t| facts::iso_date(t.trim()).is_ok());
            if !ok {
                self.report(v.span, format!("`{key}` must be an ISO date `YYYY-MM-DD`"));
            }
        }
    }

    fn unique(&mut self, values: Vec<&Value>, what: &str) {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for v in values {
            let Some(text) = v.as_str() else { continue };
            if let Some(first) = seen.get(text.trim()) {
                let first = *first;
                self.out
                    .report_path(
                        &self.scope.path,
                        Some(v.span),
                        format!("the {what} id `{}` is used twice", text.trim()),
                    )
                    .label(first, "first used here")
                    .help(format!("give each {what} an id of its own"));
            } else {
                seen.insert(text.trim(), v.span);
            }
        }
    }
}

impl ScopeRule for ScopeSchema {
    fn check(&self, scope: &ScopeFile, _: Context, out: &mut Reporter) {
        if !scope.problems.is_empty() {
            return;
        }
        let root = Value { span: Span::at(0), kind: ValueKind::Mapping(scope.entries.clone()) };
        let mut c = Checker { scope, out };
        for key in ["uuid", "name", "url"] {
            c.text(&root, key, "the certificate scope");
        }
        let mut module_ids = Vec::new();
        let modules = c.list(&root, "modules", "the certificate scope");
        for (n, module) in c.mappings(modules, "module").into_iter().enumerate() {
            let what = named("module", n, module);
            module_ids.extend(c.text(module, "id", &what));
            for key in ["name", "url"] {
                if field(module, key).is_some() {
                    c.text(module, key, &what);
                }
            }
            match field(module, "targets") {
                None => c.report(module.span, format!("{what} has no `targets`")),
                Some(Value { kind: ValueKind::Mapping(targets), .. }) => {
                    for t in targets.iter().filter(|t| t.value.as_sequence().is_none()) {
                        c.report(
                            t.value.span,
                            format!(
                                "the target `{}` of {what} must be a list of test-case ids, found {}",
                                t.key,
                                t.value.describe()
                            ),
                        );
                    }
                }
                Some(v) => c.report(
                    v.span,
                    format!("`targets` of {what} must be a map of target names to lists, found {}", v.describe()),
                ),
            }
        }
        c.unique(module_ids, "module");
        let mut testcase_ids = Vec::new();
        let scripts = c.list(&root, "scripts", "the certificate scope");
        for script in c.mappings(scripts, "script") {
            let testcases = c.list(script, "testcases", "this script");
            for tc in c.mappings(testcases, "test case") {
                testcase_ids.extend(c.text(tc, "id", "this test case"));
                if let Some(l) = field(tc, "lifetime")
                    && !l.as_str().is_some_and(|t| LIFETIMES.contains(&t.trim()))
                {
                    c.report(l.span, "`lifetime` must be one of `day`, `week`, `month`, `quarter`, `year`".into());
                }
            }
        }
        c.unique(testcase_ids, "test-case");
        let versions = c.list(&root, "versions", "the certificate scope");
        for version in c.mappings(versions, "version") {
            c.text(version, "version", "this version");
            c.list(version, "include", "this version");
            c.date(version, "stabilized_at");
        }
        let timeline = c.list(&root, "timeline", "the certificate scope");
        for entry in c.mappings(timeline, "timeline entry") {
            match field(entry, "date") {
                None => c.report(entry.span, "this timeline entry has no `date`".into()),
                Some(_) => c.date(entry, "date"),
            }
            match field(entry, "versions") {
                None => c.report(entry.span, "this timeline entry has no `versions`".into()),
                Some(Value { kind: ValueKind::Mapping(_), .. }) => {}
                Some(v) => c.report(
                    v.span,
                    format!("`versions` must map version names to validity codes, found {}", v.describe()),
                ),
            }
        }
        if let Some(p) = field(&root, "prerequisite")
            && !matches!(p.kind, ValueKind::Mapping(_))
        {
            c.report(p.span, format!("`prerequisite` must be a map with `name` and `url`, found {}", p.describe()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{corpus_with_scopes, render_rule};

    #[test]
    fn schema_errors() {
        let scope = b"name: SCS-compatible X\nurl: [x]\nscripts:\n- testcases:\n  - id: tc\n    lifetime: hourly\n  - id: tc\nmodules:\n  - name: no id\n    targets: {main: tc}\n  - id: m\n    targets: [tc]\nversions:\n  - version: v1\n    stabilized_at: 2024-02-30\ntimeline: nope\n";
        let corpus = corpus_with_scopes(&[], &[("scs-compatible-x.yaml", scope)]);
        insta::assert_snapshot!(render_rule("scope-schema", &corpus), @r#"
        Tests/scs-compatible-x.yaml:1:1: error[scope-schema] the certificate scope has no `uuid`
          help: add `uuid:` with its value (SCS-0003, "Sovereign Cloud Standards YAML", lists the fields)
        Tests/scs-compatible-x.yaml:2:6: error[scope-schema] `url` of the certificate scope must be text, found a list
          help: write it as text (quote it if YAML reads it as something else)
        Tests/scs-compatible-x.yaml:6:15: error[scope-schema] `lifetime` must be one of `day`, `week`, `month`, `quarter`, `year`
          help: use one of day, week, month, quarter, year
        Tests/scs-compatible-x.yaml:7:9: error[scope-schema] the test-case id `tc` is used twice
          5:9: first used here
          help: give each test-case an id of its own
        Tests/scs-compatible-x.yaml:9:5: error[scope-schema] the module `no id` has no `id`
          help: add `id:` with its value (SCS-0003, "Sovereign Cloud Standards YAML", lists the fields)
        Tests/scs-compatible-x.yaml:10:21: error[scope-schema] the target `main` of the module `no id` must be a list of test-case ids, found a string
          help: write it as a YAML list (`[a, b]` or one `- item` a line)
        Tests/scs-compatible-x.yaml:12:14: error[scope-schema] `targets` of the module `m` must be a map of target names to lists, found a list
          help: write it as a map of keys (`key: value` a line)
        Tests/scs-compatible-x.yaml:14:5: error[scope-schema] this version has no `include`
          help: add `include:` with its value (SCS-0003, "Sovereign Cloud Standards YAML", lists the fields)
        Tests/scs-compatible-x.yaml:15:20: error[scope-schema] `stabilized_at` must be an ISO date `YYYY-MM-DD`
          help: write the date as YYYY-MM-DD, such as 2026-01-31
        Tests/scs-compatible-x.yaml:16:11: error[scope-schema] `timeline` of the certificate scope must be a list, found a string
          help: write it as a YAML list (`[a, b]` or one `- item` a line)
        "#);
    }

    #[test]
    fn valid_scope() {
        let scope = b"uuid: 1\nname: X\nurl: https://x\nscripts:\n- testcases:\n  - id: tc\n    lifetime: day\nmodules:\n  - id: m\n    targets: {main: [tc]}\n  - id: n\n    targets: {}\nversions:\n  - version: v1\n    include: [m]\n    stabilized_at: 2024-02-29\ntimeline:\n  - date: 2024-03-01\n    versions:\n      v1: effective\n";
        let corpus = corpus_with_scopes(&[], &[("scs-compatible-x.yaml", scope)]);
        assert_eq!(render_rule("scope-schema", &corpus), "");
    }
}

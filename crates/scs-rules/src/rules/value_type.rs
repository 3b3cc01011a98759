//! `value-type` and `reference-not-list`: front-matter values of the YAML type SCS-0001 means.

use scs_core::{Document, Value, ValueKind};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub ValueType {
        id: "value-type",
        severity: Error,
        kinds: [document],
        groups: [],
        summary: "A front-matter value of the wrong YAML type (a mapping where a list of documents belongs, …)",
        explanation: r#"`replaces`, `replaced_by` and `supplements` are lists of document file names;
`title` and `description` are text. A mapping, a number or a nested list in their place is
not what any tool expects: the docs site fails to build or drops the value. (Values of
`type`, `status`, `track` and the dates are checked by their own rules.)

Fails:
```yaml
replaces:
  scs-0100-v1-flavor-naming.md: yes
```
Passes:
```yaml
replaces:
  - scs-0100-v1-flavor-naming.md
```"#,
    }

    pub ReferenceNotList {
        id: "reference-not-list",
        severity: Warning,
        kinds: [document],
        groups: [],
        summary: "`replaced_by`, or the `replaces` of a first version, written as a single string",
        explanation: r#"SCS-0001 defines `replaced_by` and `replaces` as lists of documents. A single string
is read by SCS's tools today but is a different YAML type; write a one-element list. (The
`replaces` of versions above 1 is reported by `replaces-not-list`, the check SCS's own
script performs; `supplements` by `supplements-not-list`.)

Fails:
```yaml
replaced_by: scs-0100-v2-flavor-naming.md
```
Passes:
```yaml
replaced_by:
  - scs-0100-v2-flavor-naming.md
```"#,
    }
}

use scs_core::model::REFERENCE_KEYS;
const TEXT_KEYS: &[&str] = &["title", "description"];

impl DocumentRule for ValueType {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        let Some(fm) = &doc.front_matter else { return };
        for entry in &fm.entries {
            let key = entry.key.as_str();
            if REFERENCE_KEYS.contains(&key) {
                match &entry.value.kind {
                    ValueKind::Mapping(_) => {
                        out.report(
                            doc,
                            Some(entry.value.span),
                            format!("{key} must be a list of document file names, found a mapping"),
                        )
                        .help(format!("write\n{key}:\n  - scs-NNNN-vN-….md"));
                    }
                    ValueKind::Sequence(items) => {
                        for item in items.iter().filter(|i| !matches!(i.kind, ValueKind::Scalar { .. }) || i.is_null())
                        {
                            out.report(
                                doc,
                                Some(item.span),
                                format!("each entry of {key} is a document file name, found {}", item.describe()),
                            );
                        }
                    }
                    ValueKind::Scalar { .. } => {}
                }
            } else if TEXT_KEYS.contains(&key) && !matches!(entry.value.kind, ValueKind::Scalar { .. }) {
                out.report(
                    doc,
                    Some(entry.value.span),
                    format!("{key} must be text, found {}", entry.value.describe()),
                );
            }
        }
    }
}

impl DocumentRule for ReferenceNotList {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if !facts::is_major_with_front_matter(doc) {
            return;
        }
        let first_version = facts::major_version(doc).is_some_and(|v| v <= 1);
        let keys: &[&str] = if first_version { &["replaced_by", "replaces"] } else { &["replaced_by"] };
        for key in keys {
            if let Some(entry) = doc.entry(key)
                && let Some(text) = single_string(&entry.value)
            {
                let d = out.report(doc, Some(entry.value.span), format!("{key} is not a list"));
                d.help(format!("write a one-element list:\n{key}:\n  - {text}"));
                if let Some(fix) = crate::fix::string_to_list(doc, entry) {
                    d.fix(fix);
                }
            }
        }
    }
}

fn single_string(value: &Value) -> Option<&str> {
    match &value.kind {
        ValueKind::Scalar { text, .. } if !value.is_null() => Some(text.trim()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn wrong_types() {
        insta::assert_snapshot!(check_rule("value-type", &[
            ("scs-0100-v2-a.md", b"---\ntitle: [A, B]\nreplaces:\n  scs-0100-v1-a.md: yes\nreplaced_by:\n  - 3\n  - [x]\n---\n"),
        ]), @r"
        Standards/scs-0100-v2-a.md:2:8: error[value-type] title must be text, found a list
        Standards/scs-0100-v2-a.md:4:3: error[value-type] replaces must be a list of document file names, found a mapping
          help: write
        replaces:
          - scs-NNNN-vN-….md
        Standards/scs-0100-v2-a.md:7:5: error[value-type] each entry of replaced_by is a document file name, found a list
        ");
        assert_eq!(
            check_rule(
                "value-type",
                &[("scs-0100-v2-a.md", b"---\ntitle: A\nreplaces: [scs-0100-v1-a.md]\nsupplements: x.md\n---\n")]
            ),
            ""
        );
    }

    #[test]
    fn strings_instead_of_lists() {
        insta::assert_snapshot!(check_rule("reference-not-list", &[
            ("scs-0100-v1-a.md", b"---\nstatus: Deprecated\nreplaced_by: scs-0100-v2-a.md\nreplaces: Old-Spec.md\n---\n"),
            ("scs-0100-v2-a.md", b"---\nreplaces: scs-0100-v1-a.md\n---\n"),
        ]), @r"
        Standards/scs-0100-v1-a.md:3:14: warning[reference-not-list] replaced_by is not a list
          help: write a one-element list:
        replaced_by:
          - scs-0100-v2-a.md
        Standards/scs-0100-v1-a.md:4:11: warning[reference-not-list] replaces is not a list
          help: write a one-element list:
        replaces:
          - Old-Spec.md
        ");
        assert_eq!(
            check_rule(
                "reference-not-list",
                &[
                    (
                        "scs-0100-v1-a.md",
                        b"---\nstatus: Deprecated\nreplaced_by: [scs-0100-v2-a.md]\nreplaces:\n  - Old-Spec.md\n---\n"
                    ),
                    // versions above 1 are `replaces-not-list`, the check of SCS's own script
                    ("scs-0100-v2-a.md", b"---\nreplaces: scs-0100-v1-a.md\n---\n"),
                ]
            ),
            ""
        );
    }
}

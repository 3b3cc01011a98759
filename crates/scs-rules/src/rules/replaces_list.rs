//! `replaces-not-list`: `replaces` is a list, even of one document.

use scs_core::{Document, ValueKind};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub ReplacesNotList {
        id: "replaces-not-list",
        severity: Warning,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "`replaces` of a major version above 1 written as a single string, not a list",
        explanation: r#"SCS-0001 defines `replaces` as a "List of documents which this document
replaces". A single string is understood by SCS's tools today, but it is a different YAML
type: tools that expect a list iterate over its characters. Write a one-element list.

Fails:
```yaml
replaces: scs-0100-v1-flavor-naming.md
```
Passes:
```yaml
replaces:
  - scs-0100-v1-flavor-naming.md
```"#,
    }
}

impl DocumentRule for ReplacesNotList {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if !facts::is_major_with_front_matter(doc) || facts::major_version(doc).is_none_or(|v| v <= 1) {
            return;
        }
        let Some(entry) = doc.entry("replaces") else { return };
        if let ValueKind::Scalar { text, .. } = &entry.value.kind
            && !entry.value.is_null()
        {
            let d = out.report(doc, Some(entry.value.span), "replaces is not a list");
            d.help(format!("write a one-element list:\nreplaces:\n  - {}", text.trim()));
            if let Some(fix) = crate::fix::string_to_list(doc, entry) {
                d.fix(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn string_instead_of_list() {
        insta::assert_snapshot!(check_rule("replaces-not-list", &[
            ("scs-0100-v2-a.md", b"---\nreplaces: scs-0100-v1-a.md \n---\n"),
        ]), @r"
        Standards/scs-0100-v2-a.md:2:11: warning[replaces-not-list] replaces is not a list
          help: write a one-element list:
        replaces:
          - scs-0100-v1-a.md
        ");
    }

    #[test]
    fn lists_and_first_versions() {
        assert_eq!(
            check_rule(
                "replaces-not-list",
                &[
                    ("scs-0100-v2-a.md", b"---\nreplaces:\n- scs-0100-v1-a.md\n---\n"),
                    ("scs-0100-v3-a.md", b"---\nreplaces: [scs-0100-v2-a.md]\n---\n"),
                    // A first version may name a predecessor outside the SCS scheme; not checked here.
                    ("scs-0102-v1-b.md", b"---\nreplaces: Old-Spec.md\n---\n"),
                ]
            ),
            ""
        );
    }
}

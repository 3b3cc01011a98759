//! `canary` (tests only): a rule that exists to show that one file and one `mod` line are all
//! a new rule needs. Its declaration alone puts it in the registry, in its groups and in the
//! checks; the tests below look for it there.

use scs_core::Document;

use crate::declare_rules;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub Canary {
        id: "canary",
        severity: Info,
        kinds: [document],
        groups: [LINKS],
        summary: "A document whose title is `canary` (a rule for the tests of the registry)",
        explanation: r#"Exists only in tests.

Fails: `title: canary`.
Passes: any other title."#,
    }
}

impl DocumentRule for Canary {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if doc.entry("title").and_then(|e| e.value.as_str()) == Some("canary") {
            out.report(doc, Some(doc.head_span()), "this document is the canary");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::{expand, find, registry};
    use crate::testing::check_rule;

    #[test]
    fn a_declared_rule_is_registered_grouped_and_run() {
        assert!(find("canary").is_some());
        assert!(registry().iter().any(|r| r.meta.id == "canary" && r.document.is_some()));
        assert!(expand("links").is_some_and(|ids| ids.contains(&"canary")));
        let found = check_rule("canary", &[("scs-0100-v1-a.md", b"---\ntitle: canary\n---\n")]);
        assert_eq!(found, "Standards/scs-0100-v1-a.md:1:1: info[canary] this document is the canary\n");
    }
}

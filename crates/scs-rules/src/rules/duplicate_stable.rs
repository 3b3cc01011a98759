//! `duplicate-stable`: at most one Stable major version per document number.

use std::collections::BTreeMap;

use scs_core::{DocKind, Document, Status};

use crate::declare_rules;
use crate::rule::{Context, CorpusRule, Reporter};

declare_rules! {
    pub DuplicateStable {
        id: "duplicate-stable",
        severity: Error,
        kinds: [corpus],
        groups: [CHK_ADRS],
        summary: "Two Stable major versions of the same document number",
        explanation: r#"When a new major version becomes Stable, the old one is deprecated (SCS-0001,
"Deprecation phase"), usually with a `deprecated_at` in the future so that implementers
have time to move. Two versions both `Stable` leave it open which one is in effect.

Fails: `scs-0100-v2-…` and `scs-0100-v3-…` both with `status: Stable`.
Passes: `scs-0100-v2-…` with `status: Deprecated` and `deprecated_at`, `scs-0100-v3-…`
with `status: Stable`."#,
    }
}

impl CorpusRule for DuplicateStable {
    fn check(&self, cx: Context, out: &mut Reporter) {
        let corpus = cx.corpus;
        let mut stable: BTreeMap<u16, Vec<&Document>> = BTreeMap::new();
        for doc in &corpus.documents {
            if let Ok(name) = &doc.name
                && let Some(number) = name.id.number.assigned()
                && name.id.kind == DocKind::Major
                && doc.status() == Some(Status::Stable)
            {
                stable.entry(number).or_default().push(doc);
            }
        }
        for docs in stable.values().filter(|docs| docs.len() > 1) {
            for doc in docs {
                let others: Vec<String> =
                    docs.iter().filter(|d| d.path != doc.path).map(|d| format!("`{}`", d.file_name)).collect();
                let span = doc.entry("status").map(|e| e.value.span);
                out.report(doc, span, format!("another version of this document is Stable too: {}", others.join(", ")))
                    .help("deprecate the older version (status: Deprecated, deprecated_at, replaced_by)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn two_stable() {
        insta::assert_snapshot!(check_rule("duplicate-stable", &[
            ("scs-0100-v1-a.md", b"---\nstatus: Stable\n---\n"),
            ("scs-0100-v2-a.md", b"---\nstatus: Stable\n---\n"),
        ]), @r"
        Standards/scs-0100-v1-a.md:2:9: error[duplicate-stable] another version of this document is Stable too: `scs-0100-v2-a.md`
          help: deprecate the older version (status: Deprecated, deprecated_at, replaced_by)
        Standards/scs-0100-v2-a.md:2:9: error[duplicate-stable] another version of this document is Stable too: `scs-0100-v1-a.md`
          help: deprecate the older version (status: Deprecated, deprecated_at, replaced_by)
        ");
    }

    #[test]
    fn one_stable() {
        assert_eq!(
            check_rule(
                "duplicate-stable",
                &[
                    ("scs-0100-v1-a.md", b"---\nstatus: Deprecated\n---\n"),
                    ("scs-0100-v2-a.md", b"---\nstatus: Stable\n---\n"),
                    ("scs-0100-w1-a.md", b"---\nstatus: Stable\n---\n"),
                    ("scs-0200-v1-a.md", b"---\nstatus: Stable\n---\n"),
                ]
            ),
            ""
        );
    }
}

//! `supplement-target`: a supplement extends documents of its own number that are not
//! supplements themselves.

use scs_core::{DocKind, Document};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub SupplementTarget {
        id: "supplement-target",
        severity: Error,
        kinds: [document],
        groups: [],
        summary: "A supplement of a document with another number, or of another supplement",
        explanation: r#"SCS-0001 ("Document format"): "each supplement uses the same document number as the
main document it is extending", and a supplement "extends a Standard" — not another
supplement. A supplement listing a document of another number is misnumbered or lists the
wrong document.

Fails: `scs-0100-w1-….md` with `supplements: [scs-0101-v1-entropy.md]`.
Passes: `scs-0100-w1-….md` with `supplements: [scs-0100-v3-flavor-naming.md]`."#,
    }
}

impl DocumentRule for SupplementTarget {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        if !facts::is_supplement_with_front_matter(doc) {
            return;
        }
        let (Ok(name), Some(entry)) = (&doc.name, doc.entry("supplements")) else { return };
        for (target_name, span) in entry.value.items() {
            let Some(target) = cx.corpus.by_file_name(target_name) else { continue };
            let Ok(target_id) = target.name.as_ref().map(|n| n.id) else { continue };
            if target_id.kind == DocKind::Supplement {
                out.report(doc, Some(span), format!("`{target_name}` is itself a supplement"))
                    .help("list the standard that both supplements extend");
            } else if target_id.number != name.id.number {
                out.report(
                    doc,
                    Some(span),
                    format!("{} supplements {target_id}, a document with another number", name.id),
                )
                .help(format!("a supplement has the number of the document it extends: `scs-{}-w…`", target_id.number));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn wrong_targets() {
        insta::assert_snapshot!(check_rule("supplement-target", &[
            ("scs-0101-v1-a.md", b"---\n---\n"),
            ("scs-0100-w1-a.md", b"---\n---\n"),
            ("scs-0100-w2-b.md", b"---\nsupplements:\n  - scs-0101-v1-a.md\n  - scs-0100-w1-a.md\n---\n"),
        ]), @r"
        Standards/scs-0100-w2-b.md:3:5: error[supplement-target] scs-0100-w2 supplements scs-0101-v1, a document with another number
          help: a supplement has the number of the document it extends: `scs-0101-w…`
        Standards/scs-0100-w2-b.md:4:5: error[supplement-target] `scs-0100-w1-a.md` is itself a supplement
          help: list the standard that both supplements extend
        ");
        assert_eq!(
            check_rule(
                "supplement-target",
                &[
                    ("scs-0100-v1-a.md", b"---\n---\n"),
                    ("scs-0100-w1-a.md", b"---\nsupplements: [scs-0100-v1-a.md, scs-0100-v9-gone.md]\n---\n"),
                ]
            ),
            ""
        );
    }
}

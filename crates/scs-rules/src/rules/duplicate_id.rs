//! `duplicate-id`: no two documents share `scs-NNNN-vN` (or `-wN`).

use std::collections::BTreeMap;

use scs_core::{DocId, DocNumber, Document};

use crate::declare_rules;
use crate::rule::{Context, CorpusRule, Reporter};

declare_rules! {
    pub DuplicateId {
        id: "duplicate-id",
        severity: Error,
        kinds: [corpus],
        groups: [CHK_ADRS],
        summary: "Two documents with the same number and version",
        explanation: r#"A document's number and major version (`scs-0100-v3`) identify it: links,
`replaces`, `supplements` and certificate scopes all rely on that. Two files with the same
prefix and different slugs make every such reference ambiguous. Proposals (`scs-xxxx-…`)
have no number yet and may share the prefix.

Fails: `scs-0100-v1-flavor-naming.md` and `scs-0100-v1-flavours.md`.
Passes: `scs-0100-v1-flavor-naming.md` and `scs-0100-v2-flavor-naming.md`."#,
    }
}

impl CorpusRule for DuplicateId {
    fn check(&self, cx: Context, out: &mut Reporter) {
        let corpus = cx.corpus;
        let mut by_id: BTreeMap<DocId, Vec<&Document>> = BTreeMap::new();
        for doc in &corpus.documents {
            if let Ok(name) = &doc.name
                && name.id.number != DocNumber::Unassigned
            {
                by_id.entry(name.id).or_default().push(doc);
            }
        }
        for (id, docs) in by_id.into_iter().filter(|(_, docs)| docs.len() > 1) {
            for doc in &docs {
                let others: Vec<String> =
                    docs.iter().filter(|d| d.path != doc.path).map(|d| format!("`{}`", d.file_name)).collect();
                out.report(doc, None, format!("{id} is also used by {}", others.join(", ")))
                    .help("each number and version names one document: renumber or remove the extra file");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    const FM: &[u8] = b"---\nstatus: Draft\n---\n";

    #[test]
    fn duplicates() {
        insta::assert_snapshot!(check_rule("duplicate-id", &[
            ("scs-0100-v1-a.md", FM),
            ("scs-0100-v1-b.md", FM),
            ("scs-0100-w1-a.md", FM),
            ("scs-0100-w1-b.md", FM),
        ]), @r"
        Standards/scs-0100-v1-a.md:1:1: error[duplicate-id] scs-0100-v1 is also used by `scs-0100-v1-b.md`
          help: each number and version names one document: renumber or remove the extra file
        Standards/scs-0100-v1-b.md:1:1: error[duplicate-id] scs-0100-v1 is also used by `scs-0100-v1-a.md`
          help: each number and version names one document: renumber or remove the extra file
        Standards/scs-0100-w1-a.md:1:1: error[duplicate-id] scs-0100-w1 is also used by `scs-0100-w1-b.md`
          help: each number and version names one document: renumber or remove the extra file
        Standards/scs-0100-w1-b.md:1:1: error[duplicate-id] scs-0100-w1 is also used by `scs-0100-w1-a.md`
          help: each number and version names one document: renumber or remove the extra file
        ");
    }

    #[test]
    fn distinct_or_proposals() {
        assert_eq!(
            check_rule(
                "duplicate-id",
                &[
                    ("scs-0100-v1-a.md", FM),
                    ("scs-0100-v2-a.md", FM),
                    ("scs-0100-v10-a.md", FM),
                    ("scs-xxxx-v1-a.md", FM),
                    ("scs-xxxx-v1-b.md", FM),
                    ("scs-XXXX-vN-t1.md", FM),
                    ("scs-XXXX-vN-t2.md", FM),
                ]
            ),
            ""
        );
    }
}

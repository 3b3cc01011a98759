//! `replaced-by-target`: a document is replaced only by documents that exist and are in effect.

use scs_core::{Document, Status};

use crate::declare_rules;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub ReplacedByTarget {
        id: "replaced-by-target",
        severity: Error,
        kinds: [document],
        groups: [LIFECYCLE],
        summary: "`replaced_by` naming a missing, Draft or Rejected document",
        explanation: r#"SCS-0001 ("Proposal of a major update"): deprecating the old document and adding
`replaced_by` "can only be executed once the new document is `Stable`". A `replaced_by`
that names a Draft sends readers to a document that is not in effect; one that names a
Rejected or missing document sends them nowhere.

Fails: `replaced_by: [scs-0100-v3-flavor-naming.md]` while scs-0100-v3 is a Draft.
Passes: the same once scs-0100-v3 is Stable."#,
    }
}

impl DocumentRule for ReplacedByTarget {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        let Some(entry) = doc.entry("replaced_by").filter(|_| doc.front_matter.is_some()) else { return };
        for (name, span) in entry.value.items() {
            match cx.corpus.by_file_name(name) {
                None => {
                    out.report(
                        doc,
                        Some(span),
                        format!("replaced_by names `{name}`, which is not a document of this repository"),
                    );
                }
                Some(target) => match target.status() {
                    Some(status @ (Status::Draft | Status::Proposal)) => {
                        out.report(doc, Some(span), format!("replaced_by names `{name}`, which is still a {status}"))
                            .help("record the replacement when the new document is Stable");
                    }
                    Some(Status::Rejected) => {
                        out.report(doc, Some(span), format!("replaced_by names `{name}`, which was rejected"))
                            .help("name the document that replaces this one in effect, or remove the entry");
                    }
                    _ => {}
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn bad_targets() {
        insta::assert_snapshot!(check_rule("replaced-by-target", &[
            ("scs-0100-v1-a.md", b"---\nstatus: Deprecated\nreplaced_by:\n  - scs-0100-v2-a.md\n  - scs-0100-v3-a.md\n  - scs-0100-v4-a.md\n---\n"),
            ("scs-0100-v2-a.md", b"---\nstatus: Draft\n---\n"),
            ("scs-0100-v3-a.md", b"---\nstatus: Rejected\n---\n"),
        ]), @r"
        Standards/scs-0100-v1-a.md:4:5: error[replaced-by-target] replaced_by names `scs-0100-v2-a.md`, which is still a Draft
          help: record the replacement when the new document is Stable
        Standards/scs-0100-v1-a.md:5:5: error[replaced-by-target] replaced_by names `scs-0100-v3-a.md`, which was rejected
          help: name the document that replaces this one in effect, or remove the entry
        Standards/scs-0100-v1-a.md:6:5: error[replaced-by-target] replaced_by names `scs-0100-v4-a.md`, which is not a document of this repository
        ");
        assert_eq!(
            check_rule(
                "replaced-by-target",
                &[
                    ("scs-0100-v1-a.md", b"---\nstatus: Deprecated\nreplaced_by: [scs-0100-v2-a.md]\n---\n"),
                    ("scs-0100-v2-a.md", b"---\nstatus: Stable\n---\n"),
                ]
            ),
            ""
        );
    }
}

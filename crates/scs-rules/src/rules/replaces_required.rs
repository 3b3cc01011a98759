//! `missing-replaces`: a new major version names the version it replaces.

use scs_core::{DocId, DocVersion, Document};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub MissingReplaces {
        id: "missing-replaces",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A major version above 1 without `replaces`",
        explanation: r#"SCS-0001 ("Proposal of a major update to a stable document"): the new major
version "MUST refer to the old document in its `replaces` metadata". Without it, readers
and the docs site cannot connect the versions of one standard.

Fails: `scs-0100-v2-flavor-naming.md` with no `replaces`.
Passes:
```yaml
replaces:
  - scs-0100-v1-flavor-naming.md
```"#,
    }
}

impl DocumentRule for MissingReplaces {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        let corpus = cx.corpus;
        if !facts::is_major_with_front_matter(doc) || doc.entry("replaces").is_some() {
            return;
        }
        let (Some(version), Ok(name)) = (facts::major_version(doc), &doc.name) else { return };
        if version <= 1 {
            return;
        }
        let previous = DocId { version: DocVersion::Number(version - 1), ..name.id };
        let example = corpus.by_id(previous).next().map_or_else(|| format!("{previous}-….md"), |d| d.file_name.clone());
        out.report(doc, Some(doc.head_span()), format!("{} is version {version} but has no replaces", name.id))
            .help(format!("name the version it replaces:\nreplaces:\n  - {example}"));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn missing() {
        insta::assert_snapshot!(check_rule("missing-replaces", &[
            ("scs-0100-v1-a.md", b"---\nstatus: Stable\n---\n"),
            ("scs-0100-v2-a.md", b"---\nstatus: Draft\n---\n"),
            ("scs-0200-v3-b.md", b"---\nstatus: Draft\n---\n"),
        ]), @r"
        Standards/scs-0100-v2-a.md:1:1: error[missing-replaces] scs-0100-v2 is version 2 but has no replaces
          help: name the version it replaces:
        replaces:
          - scs-0100-v1-a.md
        Standards/scs-0200-v3-b.md:1:1: error[missing-replaces] scs-0200-v3 is version 3 but has no replaces
          help: name the version it replaces:
        replaces:
          - scs-0200-v2-….md
        ");
    }

    #[test]
    fn present_or_first_version() {
        assert_eq!(
            check_rule(
                "missing-replaces",
                &[
                    ("scs-0100-v1-a.md", b"---\nstatus: Stable\n---\n"),
                    ("scs-0100-v2-a.md", b"---\nreplaces: [scs-0100-v1-a.md]\n---\n"),
                    ("scs-XXXX-vN-template.md", b"---\nstatus: Draft\n---\n"),
                ]
            ),
            ""
        );
    }
}

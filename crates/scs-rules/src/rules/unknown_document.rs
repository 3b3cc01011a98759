//! `unknown-document`: `replaces` and `supplements` name documents of the repository.

use scs_core::{Corpus, DocId, Document};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub UnknownDocument {
        id: "unknown-document",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "`replaces` (of a version above 1) or `supplements` naming a file that is not in `Standards/`",
        explanation: r#"The entries of `replaces` and `supplements` are file names of documents in the
same `Standards/` folder. A typo, a renamed file or a document that was never merged
leaves the reference dangling: the docs site shows no link, and readers cannot find the
predecessor or the supplemented standard. (A first version's `replaces` may name a
predecessor from before the SCS scheme and is not checked here.)

Fails:
```yaml
supplements:
  - scs-0100-v3-flavour-naming.md
```
Passes:
```yaml
supplements:
  - scs-0100-v3-flavor-naming.md
```"#,
    }
}

impl DocumentRule for UnknownDocument {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        let corpus = cx.corpus;
        let key = if facts::is_supplement_with_front_matter(doc) {
            "supplements"
        } else if facts::is_major_with_front_matter(doc) && facts::major_version(doc).is_some_and(|v| v > 1) {
            "replaces"
        } else {
            return;
        };
        let Some(entry) = doc.entry(key) else { return };
        let mut suggestions = crate::suggest::PER_DOCUMENT;
        for (name, span) in entry.value.items() {
            if corpus.by_file_name(name).is_some() {
                continue;
            }
            let d = out.report(
                doc,
                Some(span),
                format!("{key} names `{name}`, which is not a document of this repository"),
            );
            if suggestions == 0 {
                continue;
            }
            suggestions -= 1;
            if let Some(candidate) = closest(corpus, doc, name) {
                d.help(format!("did you mean `{candidate}`?"));
            }
        }
    }
}

/// A document with the same id (only the slug differs); for names outside the scheme, a
/// document with a similar name.
fn closest<'a>(corpus: &'a Corpus, doc: &Document, name: &str) -> Option<&'a str> {
    match DocId::parse(name) {
        Some(id) => corpus.by_id(id).next().map(|d| d.file_name.as_str()),
        None => {
            facts::suggest(name, corpus.documents.iter().filter(|d| d.path != doc.path).map(|d| d.file_name.as_str()))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn dangling() {
        insta::assert_snapshot!(check_rule("unknown-document", &[
            ("scs-0100-v1-flavor-naming.md", b"---\nstatus: Stable\n---\n"),
            ("scs-0100-v2-flavor-naming.md", b"---\nreplaces:\n  - scs-0100-v1-flavour-naming.md\n---\n"),
            ("scs-0100-w1-notes.md", b"---\nsupplements: [scs-0100-v2-flavor-naming.md, scs-0100-v9-x.md]\n---\n"),
        ]), @"
        Standards/scs-0100-v2-flavor-naming.md:3:5: error[unknown-document] replaces names `scs-0100-v1-flavour-naming.md`, which is not a document of this repository
          help: did you mean `scs-0100-v1-flavor-naming.md`?
        Standards/scs-0100-w1-notes.md:2:45: error[unknown-document] supplements names `scs-0100-v9-x.md`, which is not a document of this repository
        ");
    }

    #[test]
    fn existing() {
        assert_eq!(
            check_rule(
                "unknown-document",
                &[
                    ("scs-0100-v1-a.md", b"---\nreplaces: Pre-SCS-Spec.md\n---\n"),
                    ("scs-0100-v2-a.md", b"---\nreplaces: scs-0100-v1-a.md\n---\n"),
                    ("scs-0100-w1-a.md", b"---\nsupplements:\n  - scs-0100-v1-a.md\n  - scs-0100-v2-a.md\n---\n"),
                ]
            ),
            ""
        );
    }
}

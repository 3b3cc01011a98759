//! `version-gap` and `replaces-older-version`: major versions follow each other.

use scs_core::{DocId, DocKind, DocVersion, Document};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub VersionGap {
        id: "version-gap",
        severity: Error,
        kinds: [document],
        groups: [LIFECYCLE],
        summary: "A major version N whose version N-1 is not in the repository",
        explanation: r#"SCS-0001 ("Proposal of a major update"): the new document keeps the number "and the
major version number MUST be incremented by 1". Old versions stay in the repository (they
are deprecated, not deleted), so `v3` without `v2` means a skipped number or a lost file.

Fails: `scs-0100-v3-….md` when there is no `scs-0100-v2-….md`.
Passes: `scs-0100-v2-….md` and `scs-0100-v3-….md`."#,
    }

    pub ReplacesOlderVersion {
        id: "replaces-older-version",
        severity: Error,
        kinds: [document],
        groups: [LIFECYCLE],
        summary: "`replaces` of a major version N naming something other than an older version of the same number",
        explanation: r#"SCS-0001: a major update "MUST refer to the old document in its `replaces` metadata";
the old document has the same number and a lower major version. An entry naming another
number or a newer version is a copy-paste slip. A first version may replace documents with
another number or from outside the scheme, but never a newer version of its own number.
(A document naming itself is reported by `replaces-cycle`.)

Fails: `scs-0501-v3-….md` with `replaces: [scs-0501-v4-….md]`.
Passes: `scs-0501-v3-….md` with `replaces: [scs-0501-v2-….md]`."#,
    }
}

impl DocumentRule for VersionGap {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        let Ok(name) = &doc.name else { return };
        let (DocKind::Major, Some(version), Some(_)) =
            (name.id.kind, name.id.version.number(), name.id.number.assigned())
        else {
            return;
        };
        if version <= 1 {
            return;
        }
        let previous = DocId { version: DocVersion::Number(version - 1), ..name.id };
        if cx.corpus.by_id(previous).next().is_none() {
            out.report(doc, None, format!("{} has no predecessor {previous} in the repository", name.id))
                .help("major versions are numbered one after the other, and old versions stay in the repository");
        }
    }
}

impl DocumentRule for ReplacesOlderVersion {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        let (Ok(name), Some(version)) = (&doc.name, facts::major_version(doc)) else { return };
        let Some(entry) = doc.entry("replaces") else { return };
        for (target, span) in entry.value.items() {
            if version == 1 {
                // A first version may replace a document with another number or from outside
                // the scheme (SCS-0001 allows it), but never a newer version of its own number.
                if let Some(target_id) = DocId::parse(target).filter(|t| {
                    t.number == name.id.number
                        && t.kind == DocKind::Major
                        && t.version.number().is_some_and(|v| v > version)
                }) {
                    out.report(
                        doc,
                        Some(span),
                        format!("{} replaces {target_id}, a newer version of its own number", name.id),
                    )
                    .help("a first version replaces nothing of its own number; remove the entry");
                }
                continue;
            }
            let Some(target_id) = DocId::parse(target) else {
                out.report(doc, Some(span), format!("`{target}` is not an SCS document name"))
                    .help(format!("{} replaces an older version of scs-{}", name.id, name.id.number));
                continue;
            };
            if target_id == name.id {
                continue;
            }
            let older = target_id.number == name.id.number
                && target_id.kind == DocKind::Major
                && target_id.version.number().is_some_and(|v| v < version);
            if !older {
                out.report(
                    doc,
                    Some(span),
                    format!("{} replaces {target_id}, which is not an older version of it", name.id),
                )
                .help(format!(
                    "name the version it replaces, usually scs-{}-v{}",
                    name.id.number,
                    version - 1
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn gaps() {
        insta::assert_snapshot!(check_rule("version-gap", &[
            ("scs-0100-v1-a.md", b"---\n---\n"),
            ("scs-0100-v3-a.md", b"---\n---\n"),
        ]), @r"
        Standards/scs-0100-v3-a.md:1:1: error[version-gap] scs-0100-v3 has no predecessor scs-0100-v2 in the repository
          help: major versions are numbered one after the other, and old versions stay in the repository
        ");
        assert_eq!(
            check_rule(
                "version-gap",
                &[
                    ("scs-0100-v1-a.md", b"---\n---\n"),
                    ("scs-0100-v2-b.md", b"---\n---\n"),
                    ("scs-0100-w3-a.md", b"---\n---\n"),
                    ("scs-XXXX-vN-t.md", b"---\n---\n"),
                ]
            ),
            ""
        );
    }

    #[test]
    fn replaces_older() {
        insta::assert_snapshot!(check_rule("replaces-older-version", &[
            ("scs-0501-v3-a.md", b"---\nreplaces:\n  - scs-0501-v4-a.md\n  - scs-0502-v1-a.md\n  - Old.md\n  - scs-0501-v3-a.md\n---\n"),
        ]), @r"
        Standards/scs-0501-v3-a.md:3:5: error[replaces-older-version] scs-0501-v3 replaces scs-0501-v4, which is not an older version of it
          help: name the version it replaces, usually scs-0501-v2
        Standards/scs-0501-v3-a.md:4:5: error[replaces-older-version] scs-0501-v3 replaces scs-0502-v1, which is not an older version of it
          help: name the version it replaces, usually scs-0501-v2
        Standards/scs-0501-v3-a.md:5:5: error[replaces-older-version] `Old.md` is not an SCS document name
          help: scs-0501-v3 replaces an older version of scs-0501
        ");
        assert_eq!(
            check_rule(
                "replaces-older-version",
                &[
                    ("scs-0501-v3-a.md", b"---\nreplaces: [scs-0501-v2-a.md, scs-0501-v1-a.md]\n---\n"),
                    ("scs-0102-v1-a.md", b"---\nreplaces: Image-Metadata-Spec.md\n---\n"),
                    // SCS-0001 lets a first version replace a document with another number
                    ("scs-0103-v1-a.md", b"---\nreplaces: [scs-0102-v1-a.md, scs-0102-v2-a.md]\n---\n"),
                    // naming itself is replaces-cycle's
                    ("scs-0104-v1-a.md", b"---\nreplaces: [scs-0104-v1-a.md]\n---\n"),
                ]
            ),
            ""
        );
    }

    #[test]
    fn a_first_version_naming_a_newer_version_of_its_own_number() {
        insta::assert_snapshot!(check_rule("replaces-older-version", &[
            ("scs-0003-v1-a.md", b"---\nstatus: Draft\nreplaces:\n  - scs-0003-v2-a.md\n  - scs-0099-v1-b.md\n---\n"),
            ("scs-0003-v2-a.md", b"---\nstatus: Draft\nreplaces: [scs-0003-v1-a.md]\n---\n"),
        ]), @"
        Standards/scs-0003-v1-a.md:4:5: error[replaces-older-version] scs-0003-v1 replaces scs-0003-v2, a newer version of its own number
          help: a first version replaces nothing of its own number; remove the entry
        ");
    }
}

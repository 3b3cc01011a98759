//! `replacement-asymmetry`: `replaces` and `replaced_by` tell the same story from both ends.

use std::collections::HashMap;

use scs_core::{Document, Status};

use crate::declare_rules;
use crate::rule::{Context, CorpusRule, Reporter};

declare_rules! {
    pub ReplacementAsymmetry {
        id: "replacement-asymmetry",
        severity: Error,
        kinds: [corpus],
        groups: [LIFECYCLE],
        summary: "`replaced_by` without the matching `replaces`, or a Deprecated document missing its Stable replacement in `replaced_by`",
        explanation: r#"A replacement is recorded at both ends: the new document names the old one in
`replaces` (SCS-0001: it "MUST refer to the old document"), and once the new document is
Stable the old one is deprecated and names it in `replaced_by` ("If one or more replacement
documents for the document exists, it MUST be listed in the `replaced_by` metadata field").
When only one end says so, readers of the other end miss the relation. Each gap is one
finding, on the document that must change (the new one for a missing `replaces`, the old one
for a missing `replaced_by`), with a label at the other end; a check of either file alone
(pre-commit, the editor) reports it.

Fails: scs-0100-v1 with `replaced_by: [scs-0100-v2-….md]` while scs-0100-v2 has no `replaces`;
or scs-0100-v1 Deprecated without `replaced_by` while the Stable scs-0100-v2 replaces it.
Passes: scs-0100-v2 `replaces: [scs-0100-v1-….md]`, scs-0100-v1 Deprecated with
`replaced_by: [scs-0100-v2-….md]`."#,
    }
}

impl CorpusRule for ReplacementAsymmetry {
    fn check(&self, cx: Context, out: &mut Reporter) {
        let names = |doc: &Document, key: &str| -> Vec<String> {
            doc.entry(key)
                .map(|e| e.value.items().iter().map(|(n, _)| (*n).to_owned()).collect())
                .unwrap_or_default()
        };
        // Who says that they replace each document; the major versions of each number.
        let mut replacing: HashMap<&str, Vec<&Document>> = HashMap::new();
        let mut majors: HashMap<u16, Vec<(u32, &Document)>> = HashMap::new();
        for doc in cx.corpus.documents.iter().filter(|d| d.front_matter.is_some()) {
            if let Ok(name) = &doc.name
                && name.id.kind == scs_core::DocKind::Major
                && let (Some(number), Some(version)) = (name.id.number.assigned(), name.id.version.number())
            {
                majors.entry(number).or_default().push((version, doc));
            }
            if let Some(entry) = doc.entry("replaces") {
                for (name, _) in entry.value.items() {
                    if let Some(old) = cx.corpus.by_file_name(name) {
                        replacing.entry(old.file_name.as_str()).or_default().push(doc);
                    }
                }
            }
        }
        for old in cx.corpus.documents.iter().filter(|d| d.front_matter.is_some()) {
            let replaced_by = names(old, "replaced_by");
            if let Some(entry) = old.entry("replaced_by") {
                for (name, span) in entry.value.items() {
                    let Some(new) = cx.corpus.by_file_name(name).filter(|n| n.path != old.path) else { continue };
                    if !names(new, "replaces").contains(&old.file_name) {
                        // One finding, on the document that must say it: SCS-0001 asks the new
                        // document to "refer to the old document"; the old one's entry is a label.
                        let at = new.entry("replaces").map(|e| e.key_span).unwrap_or_else(|| new.head_span());
                        out.report(
                            new,
                            Some(at),
                            format!("`{}` names this document in replaced_by, but replaces does not name it", old.file_name),
                        )
                        .label_in(&old.path, span, "names it in replaced_by here")
                        .help(format!(
                            "add it to replaces, or take this document out of the replaced_by of {}:\nreplaces:\n  - {}",
                            old.file_name, old.file_name
                        ));
                    }
                }
            }
            if !matches!(old.status(), Some(Status::Deprecated | Status::Rejected)) {
                continue;
            }
            // A Deprecated document with a newer major version of its number, which no
            // `replaces` names correctly, and no `replaced_by` at all: the newer version is a
            // replacement document all the same, which "MUST be listed" (SCS-0001).
            let named_by_someone =
                replacing.get(old.file_name.as_str()).is_some_and(|r| r.iter().any(|n| n.path != old.path));
            if old.status() == Some(Status::Deprecated)
                && replaced_by.is_empty()
                && !named_by_someone
                && let Some(newer) = newer_version(&majors, old)
            {
                let message = format!(
                    "this document is Deprecated and `{}` is a newer version of it, but replaced_by is empty",
                    newer.file_name
                );
                out.report(old, old.entry("status").map(|e| e.value.span), message)
                    .label_in(&newer.path, newer.head_span(), "the newer version")
                    .help(format!("replaced_by:\n  - {}", newer.file_name));
            }
            // A document naming itself is reported by `replaces-cycle`.
            for new in replacing.get(old.file_name.as_str()).into_iter().flatten().filter(|n| n.path != old.path) {
                let in_effect = matches!(new.status(), Some(Status::Stable | Status::Deprecated));
                if in_effect && !replaced_by.contains(&new.file_name) {
                    let span =
                        old.entry("replaced_by").map(|e| e.key_span).or(old.entry("status").map(|e| e.value.span));
                    // One finding, on the old document, which "MUST" list its replacement
                    // (SCS-0001); the new document's entry is a label.
                    let entry = new.entry("replaces").and_then(|e| {
                        e.value.items().into_iter().find(|(n, _)| *n == old.file_name).map(|(_, s)| s)
                    });
                    let d = out.report(
                        old,
                        span,
                        format!("`{}` replaces this document, but replaced_by does not name it", new.file_name),
                    );
                    if let Some(entry) = entry {
                        d.label_in(&new.path, entry, "replaces it here");
                    }
                    d.help(format!("replaced_by:\n  - {}", new.file_name));
                }
            }
        }
    }
}

/// The next major version of `doc`'s number among `majors` (by number), if any.
fn newer_version<'a>(majors: &HashMap<u16, Vec<(u32, &'a Document)>>, doc: &Document) -> Option<&'a Document> {
    let name = doc.name.as_ref().ok()?;
    let (number, version) = (name.id.number.assigned()?, name.id.version.number()?);
    majors.get(&number)?.iter().filter(|(v, _)| *v > version).min_by_key(|(v, _)| *v).map(|(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn one_sided() {
        insta::assert_snapshot!(check_rule("replacement-asymmetry", &[
            ("scs-0100-v1-a.md", b"---\nstatus: Deprecated\nreplaced_by: [scs-0100-v2-a.md]\n---\n"),
            ("scs-0100-v2-a.md", b"---\nstatus: Stable\n---\n"),
            ("scs-0200-v1-a.md", b"---\nstatus: Deprecated\n---\n"),
            ("scs-0200-v2-a.md", b"---\nstatus: Stable\nreplaces: [scs-0200-v1-a.md]\n---\n"),
            ("scs-0300-v2-a.md", b"---\nstatus: Deprecated\nreplaces: [scs-0300-v2-a.md]\nreplaced_by: [scs-0300-v3-a.md]\n---\n"),
            ("scs-0300-v3-a.md", b"---\nstatus: Stable\nreplaces: [scs-0300-v2-a.md]\n---\n"),
        ]), @"
        Standards/scs-0100-v2-a.md:1:1: error[replacement-asymmetry] `scs-0100-v1-a.md` names this document in replaced_by, but replaces does not name it
          Standards/scs-0100-v1-a.md:3:15: names it in replaced_by here
          help: add it to replaces, or take this document out of the replaced_by of scs-0100-v1-a.md:
        replaces:
          - scs-0100-v1-a.md
        Standards/scs-0200-v1-a.md:2:9: error[replacement-asymmetry] `scs-0200-v2-a.md` replaces this document, but replaced_by does not name it
          Standards/scs-0200-v2-a.md:3:12: replaces it here
          help: replaced_by:
          - scs-0200-v2-a.md
        ");
    }

    #[test]
    fn symmetric_or_not_yet_due() {
        assert_eq!(
            check_rule(
                "replacement-asymmetry",
                &[
                    ("scs-0100-v1-a.md", b"---\nstatus: Deprecated\nreplaced_by: [scs-0100-v2-a.md]\n---\n"),
                    ("scs-0100-v2-a.md", b"---\nstatus: Stable\nreplaces: [scs-0100-v1-a.md]\n---\n"),
                    // the new version is a Draft: the old one is not deprecated yet
                    ("scs-0200-v1-a.md", b"---\nstatus: Stable\n---\n"),
                    ("scs-0200-v2-a.md", b"---\nstatus: Draft\nreplaces: [scs-0200-v1-a.md]\n---\n"),
                ]
            ),
            ""
        );
    }

    /// Issue 20, item 6 (the real scs-0501-v1): the successor's `replaces` names itself, so
    /// no `replaces` names v1; v1 is Deprecated without `replaced_by` all the same.
    #[test]
    fn a_deprecated_document_with_a_newer_version_and_no_replaced_by() {
        insta::assert_snapshot!(check_rule("replacement-asymmetry", &[
            ("scs-0501-v1-a.md", b"---\nstatus: Deprecated\ndeprecated_at: 2024-01-01\n---\n"),
            ("scs-0501-v2-a.md", b"---\nstatus: Stable\nreplaces:\n  - scs-0501-v2-a.md\n---\n"),
            ("scs-0502-v1-b.md", b"---\nstatus: Deprecated\n---\n"),
        ]), @"
        Standards/scs-0501-v1-a.md:2:9: error[replacement-asymmetry] this document is Deprecated and `scs-0501-v2-a.md` is a newer version of it, but replaced_by is empty
          Standards/scs-0501-v2-a.md:1:1: the newer version
          help: replaced_by:
          - scs-0501-v2-a.md
        ");
    }

}

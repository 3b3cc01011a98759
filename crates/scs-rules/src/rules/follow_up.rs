//! `deprecation-follow-up`: a Stable document replaced by a Stable successor is deprecated.

use scs_core::Status;

use crate::declare_rules;
use crate::rule::{Context, CorpusRule, Reporter};

declare_rules! {
    pub DeprecationFollowUp {
        id: "deprecation-follow-up",
        severity: Warning,
        kinds: [corpus],
        groups: [LIFECYCLE],
        summary: "A Stable document that a Stable successor replaces, not yet deprecated",
        explanation: r#"SCS-0001: deprecating the previous document "is a separate step, and can only be
executed once the new document is `Stable`". Once the successor is Stable, that step is
due: set the old document's status to Deprecated with a `deprecated_at` (often a date a
few weeks ahead, so implementers can move) and `replaced_by`. The finding is on the old
document, with a label at the successor's `replaces` entry; a check of either file alone
reports it.

Fails: scs-0100-v2 Stable, and scs-0100-v3 Stable with `replaces: [scs-0100-v2-….md]`.
Passes: scs-0100-v2 Deprecated with `deprecated_at` and `replaced_by`."#,
    }
}

impl CorpusRule for DeprecationFollowUp {
    fn check(&self, cx: Context, out: &mut Reporter) {
        for new in cx.corpus.documents.iter().filter(|d| d.status() == Some(Status::Stable)) {
            let Some(entry) = new.entry("replaces") else { continue };
            for (name, entry_span) in entry.value.items() {
                let Some(old) = cx.corpus.by_file_name(name).filter(|o| o.path != new.path) else { continue };
                if old.status() != Some(Status::Stable) {
                    continue;
                }
                let since =
                    new.entry("stabilized_at").and_then(|e| e.value.as_str()).map(|d| format!(" since {}", d.trim()));
                let span = old.entry("status").map(|e| e.value.span);
                out.report(
                    old,
                    span,
                    format!(
                        "`{}` replaces this document and is Stable{}; this document is still Stable",
                        new.file_name,
                        since.unwrap_or_default()
                    ),
                )
                // The successor's entry, which makes the step due, is a label: one finding.
                .label_in(&new.path, entry_span, "Stable, and replaces it here")
                .help(format!(
                    "deprecate it (`scs deprecate {} --date YYYY-MM-DD --replaced-by {}`):\nstatus: Deprecated\ndeprecated_at: YYYY-MM-DD\nreplaced_by:\n  - {}",
                    old.file_name, new.file_name, new.file_name
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn follow_up_due() {
        insta::assert_snapshot!(check_rule("deprecation-follow-up", &[
            ("scs-0100-v2-a.md", b"---\nstatus: Stable\n---\n"),
            ("scs-0100-v3-a.md", b"---\nstatus: Stable\nstabilized_at: 2025-01-01\nreplaces: [scs-0100-v2-a.md]\n---\n"),
        ]), @"
        Standards/scs-0100-v2-a.md:2:9: warning[deprecation-follow-up] `scs-0100-v3-a.md` replaces this document and is Stable since 2025-01-01; this document is still Stable
          Standards/scs-0100-v3-a.md:4:12: Stable, and replaces it here
          help: deprecate it (`scs deprecate scs-0100-v2-a.md --date YYYY-MM-DD --replaced-by scs-0100-v3-a.md`):
        status: Deprecated
        deprecated_at: YYYY-MM-DD
        replaced_by:
          - scs-0100-v3-a.md
        ");
        assert_eq!(
            check_rule(
                "deprecation-follow-up",
                &[
                    ("scs-0100-v2-a.md", b"---\nstatus: Stable\n---\n"),
                    ("scs-0100-v3-a.md", b"---\nstatus: Draft\nreplaces: [scs-0100-v2-a.md]\n---\n"),
                ]
            ),
            ""
        );
    }
}

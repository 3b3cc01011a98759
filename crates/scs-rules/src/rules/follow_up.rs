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
few weeks ahead, so implementers can move) and `replaced_by`. The finding is reported on
the old document and on the successor's `replaces` entry, so that it shows in whichever
file was edited.

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
                .help(format!(
                    "deprecate it:\nstatus: Deprecated\ndeprecated_at: YYYY-MM-DD\nreplaced_by:\n  - {}",
                    new.file_name
                ));
                // The successor's side: its Stable status and this entry make the step due.
                out.report(
                    new,
                    Some(entry_span),
                    format!("this document is Stable and replaces `{}`, which is still Stable", old.file_name),
                )
                .help(format!(
                    "deprecate {} in the same change (`scs deprecate {} --date YYYY-MM-DD --replaced-by {}`)",
                    old.file_name, old.file_name, new.file_name
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
          help: deprecate it:
        status: Deprecated
        deprecated_at: YYYY-MM-DD
        replaced_by:
          - scs-0100-v3-a.md
        Standards/scs-0100-v3-a.md:4:12: warning[deprecation-follow-up] this document is Stable and replaces `scs-0100-v2-a.md`, which is still Stable
          help: deprecate scs-0100-v2-a.md in the same change (`scs deprecate scs-0100-v2-a.md --date YYYY-MM-DD --replaced-by scs-0100-v3-a.md`)
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

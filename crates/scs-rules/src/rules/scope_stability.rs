//! `scope-unstable-module`: a stable certificate-scope version includes only modules whose
//! documents were Stable when the version was stabilized.

use std::collections::HashMap;

use jiff::civil::Date;
use scs_core::{DocKind, Document, ScopeFile, Status};

use crate::declare_rules;
use crate::facts;
use crate::links::{self, Target};
use crate::rule::{Context, Reporter, ScopeRule};

declare_rules! {
    pub ScopeUnstableModule {
        id: "scope-unstable-module",
        severity: Warning,
        kinds: [scope],
        groups: [SCOPES],
        summary: "A stabilized certificate-scope version including a module whose document was not Stable on that date",
        explanation: r#"A certificate scope version with `stabilized_at` is what clouds are certified
against (SCS-0003), and certification rests on Stable standards (SCS-0001: a Draft "should
not be considered to be normative"). Each module's `url` names its document; on the
version's `stabilized_at` that document should have been Stable: stabilized on or before
that date, and not deprecated or rejected by then. A warning: no SCS text requires it in so
many words, but a certified scope resting on a Draft deserves a second look.

Fails: version `v5` stabilized 2024-12-19 including a module whose document is a Draft.
Passes: every included module's document Stable since before 2024-12-19."#,
    }
}

/// Whether `doc` was in effect on `date`: stabilized by then and not yet deprecated or rejected.
fn stable_on(doc: &Document, date: Date) -> Result<(), String> {
    let day = |key: &str| doc.entry(key).and_then(|e| e.value.as_str()).and_then(|t| facts::iso_date(t.trim()).ok());
    match doc.status() {
        Some(Status::Stable | Status::Deprecated | Status::Rejected) => {}
        Some(status) => return Err(format!("is {status}")),
        // Unreadable: reported on the document itself, and the caller skips it.
        None => return Ok(()),
    }
    match day("stabilized_at") {
        Some(since) if since <= date => {}
        Some(since) => return Err(format!("was stabilized only on {since}")),
        None => return Err("has no stabilized_at".into()),
    }
    for key in ["deprecated_at", "rejected_at"] {
        if let Some(end) = day(key).filter(|end| *end <= date) {
            return Err(format!("was {} on {end}", if key == "deprecated_at" { "deprecated" } else { "rejected" }));
        }
    }
    Ok(())
}

impl ScopeRule for ScopeUnstableModule {
    fn check(&self, scope: &ScopeFile, cx: Context, out: &mut Reporter) {
        let view = scope.view();
        let modules: HashMap<&str, &scs_core::scope::Module> = view.modules.iter().map(|m| (m.id.text, m)).collect();
        for version in &view.versions {
            let Some(date) = version.stabilized_at.and_then(|s| facts::iso_date(s.text).ok()) else { continue };
            for include in &version.include {
                let Some(url) = modules.get(include.text).and_then(|m| m.url) else { continue };
                let Target::Document { doc, .. } = links::resolve(cx.corpus, cx.settings, &scope.path, url.text) else {
                    continue;
                };
                // A supplement has no lifecycle of its own here; a document whose status cannot
                // be read has its own finding (one typo, one finding).
                if doc.name.as_ref().is_ok_and(|n| n.id.kind == DocKind::Supplement) || doc.status().is_none() {
                    continue;
                }
                if let Err(why) = stable_on(doc, date) {
                    out.report_path(
                        &scope.path,
                        Some(include.span),
                        format!(
                            "version {} (stabilized {date}) includes `{}`, whose document `{}` {why}",
                            version.version.text, include.text, doc.file_name
                        ),
                    )
                    .label(url.span, "the module's document");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{corpus_with_scopes, render_rule};

    const SCOPE: &[u8] = b"modules:\n  - id: a\n    url: https://docs.scs.community/standards/scs-0100-v1-a\n  - id: b\n    url: https://docs.scs.community/standards/scs-0101-v1-b\n  - id: c\n    url: https://docs.scs.community/standards/scs-0102-v1-c\nversions:\n  - version: v1\n    stabilized_at: 2024-06-01\n    include: [a, b, c]\n  - version: next\n    include: [a, b, c]\n";

    #[test]
    fn unstable_modules() {
        let corpus = corpus_with_scopes(
            &[
                ("scs-0100-v1-a.md", b"---\nstatus: Stable\nstabilized_at: 2024-01-01\n---\n"),
                ("scs-0101-v1-b.md", b"---\nstatus: Draft\n---\n"),
                (
                    "scs-0102-v1-c.md",
                    b"---\nstatus: Deprecated\nstabilized_at: 2023-01-01\ndeprecated_at: 2024-05-31\n---\n",
                ),
            ],
            &[("scs-compatible-x.yaml", SCOPE)],
        );
        insta::assert_snapshot!(render_rule("scope-unstable-module", &corpus), @"
        Tests/scs-compatible-x.yaml:11:18: warning[scope-unstable-module] version v1 (stabilized 2024-06-01) includes `b`, whose document `scs-0101-v1-b.md` is Draft
          5:10: the module's document
        Tests/scs-compatible-x.yaml:11:21: warning[scope-unstable-module] version v1 (stabilized 2024-06-01) includes `c`, whose document `scs-0102-v1-c.md` was deprecated on 2024-05-31
          7:10: the module's document
        ");
    }

    #[test]
    fn stable_modules() {
        let corpus = corpus_with_scopes(
            &[
                ("scs-0100-v1-a.md", b"---\nstatus: Stable\nstabilized_at: 2024-06-01\n---\n"),
                (
                    "scs-0101-v1-b.md",
                    b"---\nstatus: Deprecated\nstabilized_at: 2024-01-01\ndeprecated_at: 2024-06-02\n---\n",
                ),
                ("scs-0102-v1-c.md", b"---\nstatus: Stable\nstabilized_at: 2020-01-01\n---\n"),
            ],
            &[("scs-compatible-x.yaml", SCOPE)],
        );
        assert_eq!(render_rule("scope-unstable-module", &corpus), "");
    }
}

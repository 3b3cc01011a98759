//! `link-to-deprecated`: a Stable document that links a Deprecated or Rejected one.

use scs_core::{Document, Status};

use crate::declare_rules;
use crate::links::{self, Target};
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub LinkToDeprecated {
        id: "link-to-deprecated",
        severity: Info,
        kinds: [document],
        groups: [LINKS],
        summary: "A Stable document linking a Deprecated or Rejected document (names the replacement)",
        explanation: r#"A document in effect that points its readers to a deprecated or rejected one sends
them to rules that no longer apply. Often the link should go to the replacement; sometimes
(in a history of versions) the old document is meant, and the hint can be ignored or
suppressed.

Fails: a Stable standard linking `scs-0100-v2-flavor-naming.md`, which is Deprecated and
replaced by scs-0100-v3.
Passes: the same standard linking `scs-0100-v3-flavor-naming.md`."#,
    }
}

impl DocumentRule for LinkToDeprecated {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        if doc.status() != Some(Status::Stable) {
            return;
        }
        let number = doc.name.as_ref().ok().map(|n| n.id.number);
        for link in &doc.body.links {
            let Target::Document { doc: target, .. } =
                links::resolve(cx.corpus, cx.settings, &doc.path, &link.destination)
            else {
                continue;
            };
            let Some(status @ (Status::Deprecated | Status::Rejected)) = target.status() else { continue };
            // An older version of the document itself, named in its history: nothing better to link.
            if target.name.as_ref().ok().map(|n| n.id.number) == number {
                continue;
            }
            let mut replacements: Vec<&str> = target
                .entry("replaced_by")
                .map(|e| e.value.items().into_iter().map(|(n, _)| n).collect())
                .unwrap_or_default();
            if replacements.is_empty()
                && let Some(current) = stable_version_of(cx, target)
            {
                replacements.push(current);
            }
            let d = out.report(
                doc,
                Some(link.span),
                format!("this Stable document links `{}`, which is {status}", target.file_name),
            );
            if !replacements.is_empty() {
                d.help(format!(
                    "it is replaced by {}",
                    replacements.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ")
                ));
            }
        }
    }
}

/// The Stable major version with the same number as `doc`, if there is one.
fn stable_version_of<'a>(cx: Context<'a>, doc: &Document) -> Option<&'a str> {
    let number = doc.name.as_ref().ok()?.id.number;
    cx.corpus
        .documents
        .iter()
        .filter(|d| d.name.as_ref().is_ok_and(|n| n.id.number == number && n.id.kind == scs_core::DocKind::Major))
        .find(|d| d.status() == Some(Status::Stable))
        .map(|d| d.file_name.as_str())
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn hint() {
        insta::assert_snapshot!(check_rule("link-to-deprecated", &[
            ("scs-0100-v2-a.md", b"---\nstatus: Deprecated\nreplaced_by: [scs-0100-v3-a.md]\n---\n"),
            ("scs-0100-v3-a.md", b"---\nstatus: Stable\n---\nSee [v2](scs-0100-v2-a.md).\n"),
            ("scs-0200-v1-a.md", b"---\nstatus: Stable\n---\nSee [v2](scs-0100-v2-a.md) and [v1](scs-0100-v1-a.md).\n"),
            ("scs-0100-v1-a.md", b"---\nstatus: Deprecated\n---\n"),
        ]), @"
        Standards/scs-0200-v1-a.md:4:5: info[link-to-deprecated] this Stable document links `scs-0100-v2-a.md`, which is Deprecated
          help: it is replaced by `scs-0100-v3-a.md`
        Standards/scs-0200-v1-a.md:4:32: info[link-to-deprecated] this Stable document links `scs-0100-v1-a.md`, which is Deprecated
          help: it is replaced by `scs-0100-v3-a.md`
        ");
        assert_eq!(
            check_rule(
                "link-to-deprecated",
                &[
                    ("scs-0100-v2-a.md", b"---\nstatus: Deprecated\n---\n"),
                    ("scs-0200-v1-a.md", b"---\nstatus: Draft\n---\nSee [v2](scs-0100-v2-a.md).\n"),
                    ("scs-0100-v3-a.md", b"---\nstatus: Stable\n---\nHistory: [v2](scs-0100-v2-a.md).\n"),
                ]
            ),
            ""
        );
    }
}

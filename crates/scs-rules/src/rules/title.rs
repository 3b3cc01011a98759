//! `missing-title`: the docs site shows every document under its `title`.

use scs_core::Document;

use crate::declare_rules;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub MissingTitle {
        id: "missing-title",
        severity: Warning,
        kinds: [document],
        groups: [],
        summary: "A document without a `title` in its front matter",
        explanation: r#"The docs site (docs.scs.community) lists and heads every document with the `title`
of its front matter; without one it falls back to the file name. SCS documents therefore
carry a `title`, although SCS-0001's table does not list it.

Fails: front matter with `type`, `status` and `track` only.
Passes:
```yaml
title: SCS Flavor Naming Standard
type: Standard
```"#,
    }
}

impl DocumentRule for MissingTitle {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if doc.front_matter.is_none() {
            return;
        }
        match doc.entry("title") {
            None => {
                out.report(doc, Some(doc.head_span()), "title is missing")
                    .help("add `title:` with the document's title; the docs site shows it");
            }
            Some(e) if e.value.is_null() || e.value.as_str().is_some_and(|t| t.trim().is_empty()) => {
                out.report(doc, Some(e.value.span), "title is empty");
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn missing_or_empty() {
        insta::assert_snapshot!(check_rule("missing-title", &[
            ("scs-0100-v1-a.md", b"---\ntype: Standard\n---\n"),
            ("scs-0100-w1-a.md", b"---\ntitle: \"\"\n---\n"),
        ]), @r"
        Standards/scs-0100-v1-a.md:1:1: warning[missing-title] title is missing
          help: add `title:` with the document's title; the docs site shows it
        Standards/scs-0100-w1-a.md:2:8: warning[missing-title] title is empty
        ");
        assert_eq!(
            check_rule(
                "missing-title",
                &[("scs-0100-v1-a.md", b"---\ntitle: A\n---\n"), ("scs-0100-v2-a.md", b"no fm")]
            ),
            ""
        );
    }
}

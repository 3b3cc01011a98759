//! `missing-section`: Standards and Decision Records have the sections SCS-0001 requires.

use scs_core::{DocType, Document};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};
use crate::settings::Section;

declare_rules! {
    pub MissingSection {
        id: "missing-section",
        severity: Error,
        kinds: [document],
        groups: [],
        summary: "A Standard or Decision Record without a section SCS-0001 requires",
        explanation: r#"SCS-0001 ("Sections"): each Standard MUST have an Introduction, a Motivation, a
section containing the actual standardization decision, and a Conformance Tests section;
each Decision Record MUST have an Abstract, a Context, and a section with the decision.
Headings of any level count, since SCS-0001 sets none (`### Motivation` under a `## Background`
is a Motivation); they are compared without regard to case, and a heading may continue after
the name ("Motivation for this document"). Because SCS-0001 describes the
Abstract as "a brief introduction" and the Context as the issue "motivating" the record,
an Introduction counts as Abstract and a Motivation as Context (and the other way round).
More names for a section can be configured in `scs.toml` (`[sections] context =
["Background"]`). SCS-0001 gives the
decision section no fixed name, so it is reported missing only when no section other than
the named ones (Introduction, Terminology, Design Considerations, Related Documents, …)
could hold it.

Fails: a Standard with only `## Introduction` and `## Motivation`.
Passes: a Standard with `## Introduction`, `## Motivation`, `## Flavor names` and
`## Conformance Tests`."#,
    }
}

impl DocumentRule for MissingSection {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        if !facts::is_major_with_front_matter(doc) {
            return;
        }
        let (required, kind): (&[Section], &str) = match doc.doc_type() {
            Some(DocType::Standard) => {
                (&[Section::Introduction, Section::Motivation, Section::ConformanceTests], "a Standard")
            }
            Some(DocType::DecisionRecord) => (&[Section::Abstract, Section::Context], "a Decision Record"),
            _ => return,
        };
        let names = &cx.settings.sections;
        // Any level: SCS-0001 names the sections but not how deep they sit.
        let top: Vec<&str> = doc.body.headings.iter().map(|h| h.text.as_str()).collect();
        // The `type` asks for the sections: the finding points at it (a missing heading has
        // no place of its own).
        let span = Some(doc.entry("type").map_or_else(|| doc.head_span(), |e| e.value.span));
        for &section in required {
            if !top.iter().any(|h| names.is(section, h)) {
                let others: Vec<String> = names
                    .synonyms
                    .get(&section)
                    .into_iter()
                    .flatten()
                    .filter(|n| !n.eq_ignore_ascii_case(section.title()))
                    .map(|n| format!("\"{n}\""))
                    .collect();
                let also =
                    if others.is_empty() { String::new() } else { format!(" (also accepted: {})", others.join(", ")) };
                out.report(doc, span, format!("{kind} needs a section \"{}\"", section.title()))
                    .help(format!("add a heading `## {}`{also}", section.title()));
            }
        }
        if !top.iter().any(|h| !names.is_not_decision(h)) {
            out.report(doc, span, format!("{kind} needs a section with the decision; no section could hold it"))
                .help("add a section that states the decision, such as `## Decision` or a heading naming what is standardized");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn missing() {
        insta::assert_snapshot!(check_rule("missing-section", &[
            ("scs-0100-v1-a.md", b"---\ntype: Standard\n---\n## Introduction\n## Motivation\n## Design Considerations\n"),
            ("scs-0101-v1-a.md", b"---\ntype: Decision Record\n---\n# Title\n## Abstract\n### Context\n## Decision\n"),
            ("scs-0102-v1-a.md", b"---\ntype: Decision Record\n---\n## Introduction\n## Design Considerations\n"),
        ]), @r#"
        Standards/scs-0100-v1-a.md:2:7: error[missing-section] a Standard needs a section "Conformance Tests"
          help: add a heading `## Conformance Tests` (also accepted: "Conformance Test")
        Standards/scs-0100-v1-a.md:2:7: error[missing-section] a Standard needs a section with the decision; no section could hold it
          help: add a section that states the decision, such as `## Decision` or a heading naming what is standardized
        Standards/scs-0102-v1-a.md:2:7: error[missing-section] a Decision Record needs a section "Context"
          help: add a heading `## Context` (also accepted: "Motivation")
        Standards/scs-0102-v1-a.md:2:7: error[missing-section] a Decision Record needs a section with the decision; no section could hold it
          help: add a section that states the decision, such as `## Decision` or a heading naming what is standardized
        "#);
    }

    #[test]
    fn complete() {
        assert_eq!(check_rule("missing-section", &[
            ("scs-0100-v1-a.md", b"---\ntype: Standard\n---\n## INTRODUCTION\n## Motivation for this document\n## Flavor names\n## Conformance Tests, OPTIONAL\n"),
            ("scs-0101-v1-a.md", b"---\ntype: Decision Record\n---\n## Abstract\n## Context\n## Decision\n"),
            ("scs-0103-v1-a.md", b"---\ntype: Decision Record\n---\n## Introduction\n## Motivation\n## Decision\n"),
            ("scs-0102-v1-a.md", b"---\ntype: Procedural\n---\n"),
            ("scs-0102-w1-a.md", b"---\ntype: Supplement\n---\n"),
        ]), "");
    }

    #[test]
    fn configured_synonyms() {
        use crate::settings::{Section, Settings};
        let corpus = crate::testing::corpus(&[(
            "scs-0101-v1-a.md",
            b"---\ntype: Decision Record\n---\n## Abstract\n## Background\n## Decision\n",
        )]);
        let mut settings = Settings::default();
        assert_eq!(crate::check(&corpus, &settings).iter().filter(|d| d.rule == "missing-section").count(), 1);
        settings.sections.synonyms.entry(Section::Context).or_default().push("Background".into());
        assert_eq!(crate::check(&corpus, &settings).iter().filter(|d| d.rule == "missing-section").count(), 0);
    }
}

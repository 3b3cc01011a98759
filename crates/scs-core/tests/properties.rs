//! Properties of parsing, for any input: it never panics, and every span lies inside the text
//! on character boundaries. The inputs mix the pieces SCS documents are made of with noise, so
//! that the YAML and Markdown paths are reached, not only the "missing front matter" one.

use proptest::prelude::*;
use scs_core::{Document, ParseProblem, ScopeFile, Span, Value, ValueKind};

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_owned()),
        Just("---\r\n".to_owned()),
        Just("\u{FEFF}".to_owned()),
        Just("type: Standard\n".to_owned()),
        Just("status: \"Stable\" # c\n".to_owned()),
        Just("replaces:\n  - a.md\n  - 'b.md'\n".to_owned()),
        Just("m: {a: [1, {b: c}]}\n".to_owned()),
        Just("description: |\n  text\n".to_owned()),
        Just("k: &x [*x]\n".to_owned()),
        Just("## Größe `x` {#id}\n".to_owned()),
        Just("[t](scs-0100-v1-a.md#x) <a id=\"y\"></a>\n".to_owned()),
        Just("<!-- scs-ignore broken-link: r -->\n".to_owned()),
        Just("```\n[no](x)\n```\n".to_owned()),
        "[ -~]{0,20}\n",
        "\\PC{0,12}",
        "[\\[\\]{}:#&*!|>'\"-]{1,8}",
    ]
}

fn text() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(piece(), 0..24).prop_map(|p| p.concat().into_bytes()),
        proptest::collection::vec(any::<u8>(), 0..300),
    ]
}

fn inside(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn values_inside(text: &str, value: &Value) -> bool {
    inside(text, value.span)
        && match &value.kind {
            ValueKind::Scalar { .. } => true,
            ValueKind::Sequence(items) => items.iter().all(|v| values_inside(text, v)),
            ValueKind::Mapping(entries) => {
                entries.iter().all(|e| inside(text, e.key_span) && values_inside(text, &e.value))
            }
        }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn documents_parse_without_panic_and_spans_stay_inside(bytes in text()) {
        let doc = Document::parse("Standards/scs-0100-v1-a.md".into(), "scs-0100-v1-a.md".into(), bytes);
        let t = &doc.text;
        for entry in doc.front_matter.iter().flat_map(|f| &f.entries) {
            prop_assert!(inside(t, entry.key_span));
            prop_assert!(values_inside(t, &entry.value));
        }
        for span in doc.body.headings.iter().map(|h| h.span).chain(doc.body.links.iter().map(|l| l.span)).chain(doc.body.suppressions.iter().map(|s| s.span)) {
            prop_assert!(inside(t, span));
        }
        for problem in &doc.problems {
            let span = match problem {
                ParseProblem::InvalidUtf8 { span } | ParseProblem::FrontMatterUnclosed { open: span } => Some(*span),
                ParseProblem::InvalidYaml(e) => Some(e.span),
                _ => None,
            };
            if let Some(span) = span {
                prop_assert!(inside(t, span));
            }
        }
    }

    #[test]
    fn scope_files_parse_without_panic(bytes in text()) {
        let scope = ScopeFile::parse("Tests/scs-compatible-x.yaml".into(), bytes);
        let view = scope.view();
        for t in view.modules.iter().map(|m| m.id).chain(view.testcases.iter().map(|t| t.id)) {
            prop_assert!(inside(&scope.text, t.span));
        }
    }

    #[test]
    fn file_names_parse_without_panic(name in "\\PC{0,40}") {
        let _ = scs_core::DocName::parse(&name);
        let _ = scs_core::DocId::parse(&name);
    }
}

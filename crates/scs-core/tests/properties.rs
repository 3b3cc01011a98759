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

/// A certificate scope (`Tests/scs-compatible-*.yaml`): the sections the scope rules read, in
/// any order, with module entries in block and flow style, values from noise, and sometimes
/// a line of noise that may break the YAML.
fn scope_text() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        Just("scs-0100-v3".to_owned()),
        Just("https://docs.scs.community/standards/scs-0100-v3-flavor-naming#sec".to_owned()),
        Just("'quoted: value'".to_owned()),
        Just("\"Größe 🦀\"".to_owned()),
        "[a-z0-9-]{1,12}",
    ];
    let module = (value.clone(), value.clone(), any::<bool>(), any::<bool>()).prop_map(|(id, url, flow, targets)| {
        match (flow, targets) {
            (true, _) => format!("  - {{id: {id}, url: {url}}}\n"),
            (false, false) => format!("  - id: {id}\n    name: N\n    url: {url}\n"),
            (false, true) => format!("  - id: {id}\n    url: {url}\n    targets:\n      main:\n        - flavor-name-check\n      preview: [a, 'b']\n"),
        }
    });
    let section = prop_oneof![
        Just("name: SCS-compatible IaaS\nuid: scs-compatible-iaas\n".to_owned()),
        proptest::collection::vec(module, 1..4).prop_map(|m| format!("modules:\n{}", m.concat())),
        value.clone().prop_map(|id| format!("testcases:\n  - id: {id}\n    url: https://x/y\n")),
        (value.clone(), value).prop_map(|(a, b)| format!(
            "versions:\n  - version: v5\n    stabilized_at: 2024-02-28\n    include:\n      - {a}\n      - ref: {b}\n"
        )),
        Just("timeline:\n  - date: 2024-02-28\n    versions:\n      v5: effective\n      v4: warn\n".to_owned()),
    ];
    let noise =
        prop_oneof![Just(String::new()), Just(String::new()), Just(String::new()), "[ -~]{0,16}\n", "\\PC{0,8}"];
    (proptest::collection::vec(section, 0..6), noise, any::<prop::sample::Index>()).prop_map(|(sections, noise, at)| {
        let mut text = sections.concat();
        let at = at.index(text.len() + 1);
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(at, &noise);
        text.into_bytes()
    })
}

/// Every span a scope's view gives.
fn scope_spans<'a>(view: &scs_core::scope::ScopeView<'a>) -> Vec<Span> {
    let mut spans = Vec::new();
    for t in &view.testcases {
        spans.push(t.id.span);
        spans.extend(t.url.map(|u| u.span));
    }
    for m in &view.modules {
        spans.push(m.id.span);
        spans.extend(m.url.map(|u| u.span));
        spans.extend(m.targets.iter().flat_map(|(_, ids)| ids.iter().map(|i| i.span)));
    }
    for v in &view.versions {
        spans.push(v.version.span);
        spans.extend(v.stabilized_at.map(|d| d.span));
        spans.extend(v.include.iter().map(|i| i.span));
    }
    for t in &view.timeline {
        spans.push(t.span);
        spans.extend(t.date.map(|d| d.span));
        spans.extend(t.versions.iter().map(|(v, _)| v.span));
    }
    spans
}

/// The generator reaches what the scope rules read: modules with urls and targets, versions
/// with includes, timeline entries (a property over inputs that never hold them would prove
/// nothing about their spans).
#[test]
fn the_scope_generator_writes_modules_versions_and_timelines() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let (mut modules, mut urls, mut targets, mut includes, mut timelines) = (0, 0, 0, 0, 0);
    for _ in 0..256 {
        let bytes = scope_text().new_tree(&mut runner).expect("a value").current();
        let scope = ScopeFile::parse("Tests/scs-compatible-x.yaml".into(), bytes);
        let view = scope.view();
        modules += usize::from(!view.modules.is_empty());
        urls += usize::from(view.modules.iter().any(|m| m.url.is_some()));
        targets += usize::from(view.modules.iter().any(|m| !m.targets.is_empty()));
        includes += usize::from(view.versions.iter().any(|v| !v.include.is_empty()));
        timelines += usize::from(!view.timeline.is_empty());
    }
    for (what, count) in [
        ("modules", modules),
        ("module urls", urls),
        ("targets", targets),
        ("includes", includes),
        ("timelines", timelines),
    ] {
        assert!(count >= 8, "only {count} of 256 generated scopes have {what}");
    }
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
    fn scope_files_parse_without_panic(bytes in prop_oneof![text(), scope_text()]) {
        let scope = ScopeFile::parse("Tests/scs-compatible-x.yaml".into(), bytes);
        let view = scope.view();
        for span in scope_spans(&view) {
            prop_assert!(inside(&scope.text, span), "{span:?} in {:?}", scope.text);
        }
    }

    #[test]
    fn file_names_parse_without_panic(name in "\\PC{0,40}") {
        let _ = scs_core::DocName::parse(&name);
        let _ = scs_core::DocId::parse(&name);
    }
}

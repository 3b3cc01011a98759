//! SARIF 2.1.0, as GitHub code scanning accepts it: every rule of the registry in
//! `tool.driver.rules`, every finding a result with its rule, level, message and region;
//! artifact URIs are relative to the repository root.

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region, ReportingConfiguration,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use scs_rules::{Locators, Severity};

use super::Checked;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(results: &[Checked]) -> String {
    let metas: Vec<_> = scs_rules::registry::all().collect();
    let rules = metas
        .iter()
        .map(|m| {
            ReportingDescriptor::builder()
                .id(m.id)
                .name(m.id)
                .short_description(MultiformatMessageString::builder().text(m.summary).build())
                .full_description(MultiformatMessageString::builder().text(m.summary).build())
                .help(MultiformatMessageString::builder().text(m.explanation).markdown(m.explanation).build())
                .default_configuration(ReportingConfiguration::builder().level(level_name(m.default_severity)).build())
                .build()
        })
        .collect::<Vec<_>>();
    let mut sarif_results = Vec::new();
    for r in results {
        let mut locators = Locators::new(&r.corpus);
        for d in &r.diagnostics {
            let mut location_of = |path: &str, span: Option<scs_core::Span>| {
                let p = locators.position(path, span);
                let region = Region::builder()
                    .start_line(p.start.line as i64)
                    .start_column(p.start.column as i64)
                    .end_line(p.end.line as i64)
                    .end_column(p.end.column as i64)
                    .build();
                PhysicalLocation::builder()
                    .artifact_location(ArtifactLocation::builder().uri(format!("{}{}", r.vcs_prefix, path)).build())
                    .region(region)
                    .build()
            };
            let location = Location::builder().physical_location(location_of(&d.path, d.span)).build();
            // Every label, in this file or another, is a related location with its message.
            let related: Vec<Location> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    Location::builder()
                        .id(i as i64)
                        .physical_location(location_of(d.label_path(l), Some(l.span)))
                        .message(Message::builder().text(l.message.clone()).build())
                        .build()
                })
                .collect();
            let text = match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            };
            let index = metas.iter().position(|m| m.id == d.rule).map_or(-1, |i| i as i64);
            let result = SarifResult::builder()
                .rule_id(d.rule)
                .rule_index(index)
                .level(result_level(d.severity))
                .message(Message::builder().text(text).build())
                .locations(vec![location]);
            sarif_results.push(if related.is_empty() {
                result.build()
            } else {
                result.related_locations(related).build()
            });
        }
    }
    let driver = ToolComponent::builder()
        .name("scs")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(sarif_results)
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    let sarif = Sarif::builder().schema(SCHEMA).version(serde_json::json!("2.1.0")).runs(vec![run]).build();
    let mut text = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    text.push('\n');
    text
}

fn result_level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn level_name(severity: Severity) -> serde_json::Value {
    serde_json::json!(match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    })
}

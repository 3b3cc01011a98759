//! Certificate-scope files (`Tests/scs-compatible-*.yaml`, SCS-0003): their YAML with spans,
//! and a typed view of the parts that point into the standards.

use crate::document::ParseProblem;
use crate::span::Span;
use crate::yaml::{self, Entry, Value, ValueKind};

/// A certificate-scope YAML file, parsed as far as its content allowed.
#[derive(Debug, Clone)]
pub struct ScopeFile {
    /// Path relative to the repository root: `Tests/scs-compatible-iaas.yaml`.
    pub path: String,
    pub text: String,
    /// The top-level mapping; empty when the file could not be parsed.
    pub entries: Vec<Entry>,
    pub problems: Vec<ParseProblem>,
}

/// Whether a file name in `Tests/` is a certificate scope: `scs-<level>-<layer>.yaml` with the
/// levels of SCS-0003 (compatible, open, sovereign).
pub fn is_scope_file_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")) else { return false };
    ["scs-compatible-", "scs-open-", "scs-sovereign-"].iter().any(|p| stem.starts_with(p) && stem.len() > p.len())
}

impl ScopeFile {
    /// Parses a scope file from its bytes. Never fails: problems are recorded.
    pub fn parse(path: String, bytes: Vec<u8>) -> Self {
        let mut problems = Vec::new();
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                problems.push(ParseProblem::InvalidUtf8 { span: Span::new(at, at + '\u{FFFD}'.len_utf8()) });
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        let start = if text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
        let entries = if text[start..].trim().is_empty() {
            problems.push(ParseProblem::Empty);
            Vec::new()
        } else {
            match yaml::parse_mapping(&text, Span::new(start, text.len())) {
                Ok(entries) => entries,
                Err(e) => {
                    problems.push(ParseProblem::InvalidYaml(e));
                    Vec::new()
                }
            }
        };
        Self { path, text, entries, problems }
    }

    /// A file that could not be read.
    pub fn unreadable(path: String, reason: String) -> Self {
        Self { path, text: String::new(), entries: Vec::new(), problems: vec![ParseProblem::Unreadable { reason }] }
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The typed parts of the scope that point into the standards; malformed parts are left
    /// out here (the schema rule reports them).
    pub fn view(&self) -> ScopeView<'_> {
        let items = |key: &str| self.get(key).and_then(|e| e.value.as_sequence()).unwrap_or_default();
        let testcases = items("scripts")
            .iter()
            .flat_map(|script| field(script, "testcases").and_then(Value::as_sequence).unwrap_or_default())
            .filter_map(|tc| Some(Testcase { id: text_of(field(tc, "id")?)?, url: field(tc, "url").and_then(text_of) }))
            .collect();
        let modules = items("modules")
            .iter()
            .filter_map(|m| {
                let targets = match field(m, "targets").map(|t| &t.kind) {
                    Some(ValueKind::Mapping(targets)) => targets
                        .iter()
                        .map(|t| {
                            (
                                t.key.as_str(),
                                t.value.as_sequence().unwrap_or_default().iter().filter_map(text_of).collect(),
                            )
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                Some(Module { id: text_of(field(m, "id")?)?, url: field(m, "url").and_then(text_of), targets })
            })
            .collect();
        let versions = items("versions")
            .iter()
            .filter_map(|v| {
                let include = field(v, "include")
                    .and_then(Value::as_sequence)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|i| match &i.kind {
                        ValueKind::Scalar { .. } => text_of(i),
                        ValueKind::Mapping(_) => field(i, "ref").and_then(text_of),
                        ValueKind::Sequence(_) => None,
                    })
                    .collect();
                Some(ScopeVersion {
                    version: text_of(field(v, "version")?)?,
                    stabilized_at: field(v, "stabilized_at").and_then(text_of),
                    include,
                })
            })
            .collect();
        let timeline = items("timeline")
            .iter()
            .map(|t| TimelineEntry {
                span: t.span,
                date: field(t, "date").and_then(text_of),
                versions: match field(t, "versions").map(|v| &v.kind) {
                    Some(ValueKind::Mapping(vs)) => {
                        vs.iter().map(|e| (Text { text: e.key.as_str(), span: e.key_span }, e.value.as_str())).collect()
                    }
                    _ => Vec::new(),
                },
            })
            .collect();
        ScopeView { testcases, modules, versions, timeline }
    }
}

/// A string value and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text<'a> {
    pub text: &'a str,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Testcase<'a> {
    pub id: Text<'a>,
    pub url: Option<Text<'a>>,
}

#[derive(Debug, Clone)]
pub struct Module<'a> {
    pub id: Text<'a>,
    pub url: Option<Text<'a>>,
    /// Target name and the test-case ids it lists.
    pub targets: Vec<(&'a str, Vec<Text<'a>>)>,
}

#[derive(Debug, Clone)]
pub struct ScopeVersion<'a> {
    pub version: Text<'a>,
    pub stabilized_at: Option<Text<'a>>,
    /// Module ids, from plain entries and from `ref` of include descriptors.
    pub include: Vec<Text<'a>>,
}

#[derive(Debug, Clone)]
pub struct TimelineEntry<'a> {
    pub span: Span,
    pub date: Option<Text<'a>>,
    /// Version name and its validity code.
    pub versions: Vec<(Text<'a>, Option<&'a str>)>,
}

/// The parts of a scope file that rules check against the standards.
#[derive(Debug, Clone)]
pub struct ScopeView<'a> {
    pub testcases: Vec<Testcase<'a>>,
    pub modules: Vec<Module<'a>>,
    pub versions: Vec<ScopeVersion<'a>>,
    pub timeline: Vec<TimelineEntry<'a>>,
}

/// The value of `key` in a mapping value.
pub fn field<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    match &value.kind {
        ValueKind::Mapping(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
        _ => None,
    }
}

fn text_of(value: &Value) -> Option<Text<'_>> {
    if value.is_null() {
        return None;
    }
    value.as_str().map(|text| Text { text: text.trim(), span: value.span })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCOPE: &str = "name: SCS-compatible Example\nuuid: 0b4e\nscripts:\n- executable: ./x.py\n  testcases:\n  - id: tc-a\n    url: https://docs.scs.community/standards/scs-0110-v2-volume-encryption#encrypted-volume-types\n  - id: tc-b\nmodules:\n  - id: scs-0110-v2\n    url: https://docs.scs.community/standards/scs-0110-v2-volume-encryption\n    targets:\n      main:\n      - tc-a\n      - tc-b\nversions:\n  - version: v1\n    stabilized_at: 2025-01-01\n    include:\n      - scs-0110-v2\n      - ref: scs-0111-v1\n        parameters: {x: 1}\ntimeline:\n  - date: 2025-01-01\n    versions:\n      v1: effective\n";

    #[test]
    fn view_of_a_scope() {
        let scope = ScopeFile::parse("Tests/scs-compatible-example.yaml".into(), SCOPE.as_bytes().to_vec());
        assert!(scope.problems.is_empty(), "{:?}", scope.problems);
        let view = scope.view();
        let ids: Vec<_> = view.testcases.iter().map(|t| t.id.text).collect();
        assert_eq!(ids, ["tc-a", "tc-b"]);
        assert_eq!(view.modules[0].targets[0].0, "main");
        assert_eq!(view.modules[0].targets[0].1.len(), 2);
        let include: Vec<_> = view.versions[0].include.iter().map(|t| t.text).collect();
        assert_eq!(include, ["scs-0110-v2", "scs-0111-v1"]);
        assert_eq!(view.timeline[0].versions[0].0.text, "v1");
        assert_eq!(view.timeline[0].versions[0].1, Some("effective"));
        let url = view.modules[0].url.expect("url");
        assert_eq!(&scope.text[url.span.range()], "https://docs.scs.community/standards/scs-0110-v2-volume-encryption");
    }

    #[test]
    fn broken_scope_files() {
        let scope = ScopeFile::parse("Tests/scs-compatible-x.yaml".into(), b"modules: [\n".to_vec());
        assert!(matches!(scope.problems.as_slice(), [ParseProblem::InvalidYaml(_)]));
        assert!(scope.view().modules.is_empty());
        let scope = ScopeFile::parse("Tests/scs-compatible-x.yaml".into(), b"  \n".to_vec());
        assert_eq!(scope.problems, [ParseProblem::Empty]);
        let scope = ScopeFile::parse("Tests/scs-compatible-x.yaml".into(), b"modules: 3\nversions: {a: 1}\n".to_vec());
        assert!(scope.problems.is_empty());
        assert!(scope.view().modules.is_empty() && scope.view().versions.is_empty());
    }

    #[test]
    fn scope_file_names() {
        assert!(is_scope_file_name("scs-compatible-iaas.yaml"));
        assert!(is_scope_file_name("scs-open-kaas.yml"));
        assert!(!is_scope_file_name("scs-0104-v1-images.yaml"));
        assert!(!is_scope_file_name("scs-compatible-.yaml"));
        assert!(!is_scope_file_name("config.yaml"));
    }
}

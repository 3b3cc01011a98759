//! What a repository's configuration can change: severities, ignored paths, section names,
//! and the base URLs that links to the docs site and to GitHub use.

use std::collections::HashMap;

use globset::{Glob, GlobMatcher};

use crate::diagnostic::Severity;

/// Which rules run, how severe their findings are, and what the link and section rules assume.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Per rule id: a severity, or `None` to turn the rule off. Unlisted rules use their default.
    pub severities: HashMap<String, Option<Severity>>,
    /// Findings in matching files are dropped (for the listed rules, or all).
    pub ignores: Vec<Ignore>,
    pub sections: SectionNames,
    /// The docs site that renders `Standards/` (`https://docs.scs.community`).
    pub docs_base_url: String,
    /// The GitHub repository of the standards (`https://github.com/SovereignCloudStack/standards`).
    pub repository_url: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            severities: HashMap::new(),
            ignores: Vec::new(),
            sections: SectionNames::default(),
            docs_base_url: "https://docs.scs.community".into(),
            repository_url: "https://github.com/SovereignCloudStack/standards".into(),
        }
    }
}

impl Settings {
    /// The severity `id`'s findings get, or `None` when the rule is off.
    pub fn severity(&self, meta: &crate::meta::RuleMeta) -> Option<Severity> {
        self.severities.get(meta.id).copied().unwrap_or(Some(meta.default_severity))
    }

    /// Whether a finding of `rule` in `path` is ignored by the configuration.
    pub fn is_ignored(&self, rule: &str, path: &str) -> bool {
        self.ignores
            .iter()
            .any(|i| i.matcher.is_match(path) && (i.rules.is_empty() || i.rules.iter().any(|r| r == rule)))
    }
}

/// Findings of `rules` (all when empty) in files matching `pattern` are ignored.
#[derive(Debug, Clone)]
pub struct Ignore {
    pub pattern: String,
    pub rules: Vec<String>,
    matcher: GlobMatcher,
}

impl Ignore {
    /// A glob over paths relative to the repository root, such as `Standards/scs-0121-*`.
    pub fn new(pattern: &str, rules: Vec<String>) -> Result<Self, globset::Error> {
        let matcher = Glob::new(pattern)?.compile_matcher();
        Ok(Self { pattern: pattern.to_owned(), rules, matcher })
    }
}

/// The sections SCS-0001 requires, by the headings that count as each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Introduction,
    Motivation,
    ConformanceTests,
    Abstract,
    Context,
}

impl Section {
    pub const ALL: [Section; 5] =
        [Section::Introduction, Section::Motivation, Section::ConformanceTests, Section::Abstract, Section::Context];

    /// The name SCS-0001 gives the section, as a heading.
    pub const fn title(self) -> &'static str {
        match self {
            Section::Introduction => "Introduction",
            Section::Motivation => "Motivation",
            Section::ConformanceTests => "Conformance Tests",
            Section::Abstract => "Abstract",
            Section::Context => "Context",
        }
    }

    /// The key in the configuration's `[sections]` table.
    pub const fn key(self) -> &'static str {
        match self {
            Section::Introduction => "introduction",
            Section::Motivation => "motivation",
            Section::ConformanceTests => "conformance-tests",
            Section::Abstract => "abstract",
            Section::Context => "context",
        }
    }
}

/// Headings that count as each required section, and headings that cannot hold the decision.
/// Matching is case-insensitive; a heading counts when it is a name or starts with one followed
/// by punctuation or a space ("Motivation for this document", "Conformance Tests, OPTIONAL").
#[derive(Debug, Clone)]
pub struct SectionNames {
    pub synonyms: HashMap<Section, Vec<String>>,
    /// Sections SCS-0001 names for other purposes (Terminology, Design Considerations, …).
    pub not_decision: Vec<String>,
}

impl Default for SectionNames {
    fn default() -> Self {
        let names = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let synonyms = HashMap::from([
            // SCS-0001 describes the Abstract as "a brief introduction" and the Context as "the
            // issue relevant for motivating" the record: the headings that say so count.
            (Section::Introduction, names(&["Introduction", "Abstract"])),
            (Section::Motivation, names(&["Motivation", "Context"])),
            (Section::ConformanceTests, names(&["Conformance Tests", "Conformance Test"])),
            (Section::Abstract, names(&["Abstract", "Introduction"])),
            (Section::Context, names(&["Context", "Motivation"])),
        ]);
        let not_decision = names(&[
            "Introduction",
            "Motivation",
            "Abstract",
            "Context",
            "Conformance Tests",
            "Conformance Test",
            "Terminology",
            "Glossary",
            "Definitions",
            "Design Considerations",
            "Open Questions",
            "Related Documents",
            "References",
            "Consequences",
            "Acknowledgements",
            "Appendix",
            "Previous Standard Versions",
            "Previous Versions",
            "Version History",
        ]);
        Self { synonyms, not_decision }
    }
}

impl SectionNames {
    /// Whether `heading` counts as `section`.
    pub fn is(&self, section: Section, heading: &str) -> bool {
        self.synonyms.get(&section).is_some_and(|names| names.iter().any(|n| heading_matches(heading, n)))
    }

    /// Whether `heading` names a section that cannot be the one holding the decision.
    pub fn is_not_decision(&self, heading: &str) -> bool {
        self.not_decision.iter().any(|n| heading_matches(heading, n))
            || Section::ALL.iter().any(|&s| self.is(s, heading))
    }
}

fn heading_matches(heading: &str, name: &str) -> bool {
    let heading = heading.trim();
    let Some(prefix) = heading.get(..name.len()) else { return false };
    prefix.eq_ignore_ascii_case(name) && heading[name.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_names_and_prefixes() {
        let names = SectionNames::default();
        assert!(names.is(Section::Motivation, "Motivation"));
        assert!(names.is(Section::Motivation, "motivation for this document"));
        assert!(names.is(Section::ConformanceTests, "Conformance Tests, OPTIONAL"));
        assert!(!names.is(Section::Motivation, "Motivational speech"));
        assert!(!names.is(Section::Context, "Con"));
        assert!(names.is_not_decision("Design considerations"));
        assert!(!names.is_not_decision("Standard"));
    }

    #[test]
    fn ignores_match_globs_and_rules() {
        let settings = Settings {
            ignores: vec![
                Ignore::new("Standards/scs-0121-*", vec!["slug-format".into()]).expect("glob"),
                Ignore::new("Standards/scs-09*", vec![]).expect("glob"),
            ],
            ..Settings::default()
        };
        assert!(settings.is_ignored("slug-format", "Standards/scs-0121-v1-A.md"));
        assert!(!settings.is_ignored("missing-section", "Standards/scs-0121-v1-A.md"));
        assert!(settings.is_ignored("anything", "Standards/scs-0999-v1-x.md"));
        assert!(Ignore::new("[", vec![]).is_err());
    }
}

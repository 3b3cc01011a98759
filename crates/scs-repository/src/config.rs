//! The repository's configuration, `scs.toml` or `.scs.toml` at its root: read, validated key
//! by key (unknown keys are errors with a suggestion, pointing into the file), and turned into
//! the rule settings.

use std::ops::Range;
use std::path::{Path, PathBuf};

use miette::{NamedSource, SourceSpan};
use scs_rules::suggest::closest;
use scs_rules::{Ignore, Section, Settings, Severity};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The configuration file names, in the order they are looked for.
pub const FILE_NAMES: [&str; 2] = ["scs.toml", ".scs.toml"];

/// What a configuration file sets.
#[derive(Debug, Default)]
pub struct Config {
    pub settings: Settings,
    /// A baseline file, relative to the repository root.
    pub baseline: Option<PathBuf>,
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    pub report: ReportConfig,
    /// Files larger than this many bytes are reported and not read.
    pub max_file_size: Option<u64>,
    pub history: HistoryConfig,
}

/// `[history]`: the history rules of `scs check`.
#[derive(Debug, Default, Clone)]
pub struct HistoryConfig {
    /// Read the git history on every `scs check` (as `--history` does).
    pub enabled: bool,
    /// The branch whose commits count as accepted.
    pub default_branch: Option<String>,
}

/// `[report]`: defaults of `scs report`.
#[derive(Debug, Default, Clone)]
pub struct ReportConfig {
    pub repositories: Vec<String>,
    pub blocking_labels: Option<Vec<String>>,
    pub stale_days: Option<u32>,
    /// Days between two meetings: the default window of "since the last meeting".
    pub meeting_days: Option<u32>,
    pub only_labels: Vec<String>,
    pub only_paths: Vec<String>,
}

/// A mistake in a configuration file (boxed: errors are rare, results stay small).
pub type ConfigError = Box<ConfigMistake>;

/// A mistake in a configuration file, shown with the offending text.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(scs::config))]
pub struct ConfigMistake {
    message: String,
    #[source_code]
    src: NamedSource<String>,
    #[label("here")]
    span: Option<SourceSpan>,
    #[help]
    help: Option<String>,
}

impl ConfigMistake {
    /// What is wrong, in one line.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The offending text: its byte range in [`ConfigMistake::text`], if the mistake has one.
    pub fn span(&self) -> Option<Range<usize>> {
        self.span.map(|s| s.offset()..s.offset() + s.len())
    }

    /// The text of the configuration file.
    pub fn text(&self) -> &str {
        self.src.inner()
    }
}

/// No configuration comes near this size.
const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// Finds and reads the configuration of the repository at `root` (or the file `explicit`).
pub fn load(root: &Path, explicit: Option<&Path>) -> Result<Config, ConfigError> {
    // The repository's own file is as untrusted as its documents: no link out of it, no FIFO.
    // A file named with --config is the user's choice.
    let (path, reader) = match explicit {
        Some(path) => (Some(path.to_path_buf()), scs_core::Reader::anywhere(MAX_CONFIG_SIZE)),
        None => (
            FILE_NAMES.iter().map(|n| root.join(n)).find(|p| p.symlink_metadata().is_ok()),
            scs_core::Reader::for_repository(root, MAX_CONFIG_SIZE),
        ),
    };
    let Some(path) = path else { return Ok(Config::default()) };
    let text = reader
        .read_to_string(&path)
        .map_err(|e| ConfigMistake {
            message: format!("cannot read the configuration {}: {e}", path.display()),
            src: NamedSource::new(path.display().to_string(), String::new()),
            span: None,
            help: None,
        })
        .map_err(Box::new)?;
    let mut config = parse(&path.display().to_string(), &text)?;
    config.path = Some(path);
    Ok(config)
}

/// Parses configuration text; `name` is how the file is shown in errors.
pub fn parse(name: &str, text: &str) -> Result<Config, ConfigError> {
    let fail = |message: String, span: Option<Range<usize>>, help: Option<String>| {
        Box::new(ConfigMistake {
            message,
            src: NamedSource::new(name, text.to_owned()),
            span: span.map(Into::into),
            help,
        })
    };
    let table =
        DeTable::parse(text).map_err(|e| fail(format!("invalid TOML: {}", e.message().trim()), e.span(), None))?;
    let mut config = Config::default();
    let mut reader = Reader { fail: &fail };
    for (key, value) in table.get_ref().iter() {
        match key.get_ref().as_ref() {
            "rules" => reader.rules(value, &mut config.settings)?,
            "ignore" => reader.ignores(value, &mut config.settings)?,
            "sections" => reader.sections(value, &mut config.settings)?,
            "links" => reader.links(value, &mut config.settings)?,
            "baseline" => config.baseline = Some(PathBuf::from(reader.string(value, "baseline")?)),
            "report" => reader.report(value, &mut config.report)?,
            "history" => reader.history(value, &mut config.history)?,
            "max-file-size" => match value.get_ref() {
                DeValue::Integer(i) => {
                    config.max_file_size =
                        Some(i.to_string().parse().map_err(|_| {
                            fail("`max-file-size` is a number of bytes".into(), Some(value.span()), None)
                        })?);
                }
                _ => return Err(fail("`max-file-size` is a number of bytes".into(), Some(value.span()), None)),
            },
            other => {
                return Err(reader.unknown(
                    key,
                    other,
                    &["rules", "ignore", "sections", "links", "baseline", "report", "history", "max-file-size"],
                ));
            }
        }
    }
    Ok(config)
}

type Fail<'a> = dyn Fn(String, Option<Range<usize>>, Option<String>) -> ConfigError + 'a;

struct Reader<'f> {
    fail: &'f Fail<'f>,
}

impl Reader<'_> {
    fn unknown(&self, key: &Spanned<std::borrow::Cow<str>>, name: &str, known: &[&str]) -> ConfigError {
        let help = closest(name, known.iter().copied()).map(|s| format!("did you mean `{s}`?")).or_else(|| {
            Some(format!("the keys here are {}", known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")))
        });
        (self.fail)(format!("unknown key `{name}`"), Some(key.span()), help)
    }

    fn table<'v, 'i>(&self, value: &'v Spanned<DeValue<'i>>, what: &str) -> Result<&'v DeTable<'i>, ConfigError> {
        match value.get_ref() {
            DeValue::Table(t) => Ok(t),
            _ => Err((self.fail)(format!("`{what}` must be a table"), Some(value.span()), None)),
        }
    }

    fn string<'v>(&self, value: &'v Spanned<DeValue>, what: &str) -> Result<&'v str, ConfigError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s),
            _ => Err((self.fail)(format!("`{what}` must be a string"), Some(value.span()), None)),
        }
    }

    fn strings(&self, value: &Spanned<DeValue>, what: &str) -> Result<Vec<(String, Range<usize>)>, ConfigError> {
        match value.get_ref() {
            DeValue::Array(items) => items.iter().map(|i| Ok((self.string(i, what)?.to_owned(), i.span()))).collect(),
            _ => Err((self.fail)(format!("`{what}` must be a list of strings"), Some(value.span()), None)),
        }
    }

    fn rule_id(&self, id: &str, span: Range<usize>) -> Result<&'static str, ConfigError> {
        scs_rules::registry::find(id).map(|m| m.id).ok_or_else(|| {
            let help = scs_rules::registry::unknown_help(id, false);
            (self.fail)(format!("there is no rule `{id}`"), Some(span), Some(help))
        })
    }

    /// `[rules]`: `rule-id = "error" | "warning" | "info" | "off"`.
    fn rules(&mut self, value: &Spanned<DeValue>, settings: &mut Settings) -> Result<(), ConfigError> {
        for (key, level) in self.table(value, "rules")?.iter() {
            let id = self.rule_id(key.get_ref(), key.span())?;
            let severity = match self.string(level, "a rule's level")? {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "info" => Some(Severity::Info),
                "off" => None,
                other => {
                    let help = closest(other, ["error", "warning", "info", "off"]).map_or_else(
                        || "use `error`, `warning`, `info` or `off`".to_owned(),
                        |s| format!("did you mean `{s}`?"),
                    );
                    return Err((self.fail)(format!("`{other}` is not a level"), Some(level.span()), Some(help)));
                }
            };
            settings.severities.insert(id.to_owned(), severity);
        }
        Ok(())
    }

    /// `[[ignore]]`: `path = "glob"`, optional `rules = [ids]`.
    fn ignores(&mut self, value: &Spanned<DeValue>, settings: &mut Settings) -> Result<(), ConfigError> {
        let DeValue::Array(items) = value.get_ref() else {
            return Err((self.fail)(
                "`ignore` must be a list of tables: `[[ignore]]`".into(),
                Some(value.span()),
                Some("write\n[[ignore]]\npath = \"Standards/scs-0121-*\"\nrules = [\"slug-format\"]".into()),
            ));
        };
        for item in items.iter() {
            let table = self.table(item, "ignore")?;
            let mut pattern = None;
            let mut rules = Vec::new();
            for (key, v) in table.iter() {
                match key.get_ref().as_ref() {
                    "path" => pattern = Some((self.string(v, "path")?.to_owned(), v.span())),
                    "rules" => {
                        for (id, span) in self.strings(v, "rules")? {
                            rules.push(self.rule_id(&id, span)?.to_owned());
                        }
                    }
                    other => return Err(self.unknown(key, other, &["path", "rules"])),
                }
            }
            let Some((pattern, span)) = pattern else {
                return Err((self.fail)("an `[[ignore]]` entry needs a `path`".into(), Some(item.span()), None));
            };
            let ignore = Ignore::new(&pattern, rules)
                .map_err(|e| (self.fail)(format!("`{pattern}` is not a valid glob: {e}"), Some(span), None))?;
            settings.ignores.push(ignore);
        }
        Ok(())
    }

    /// `[sections]`: more headings for each required section, and `not-decision`.
    fn sections(&mut self, value: &Spanned<DeValue>, settings: &mut Settings) -> Result<(), ConfigError> {
        let mut known: Vec<&str> = Section::ALL.iter().map(|s| s.key()).collect();
        known.push("not-decision");
        for (key, names) in self.table(value, "sections")?.iter() {
            let names: Vec<String> = self.strings(names, key.get_ref())?.into_iter().map(|(n, _)| n).collect();
            if key.get_ref() == "not-decision" {
                settings.sections.not_decision.extend(names);
                continue;
            }
            let Some(section) = Section::ALL.iter().find(|s| s.key() == key.get_ref().as_ref()) else {
                return Err(self.unknown(key, key.get_ref(), &known));
            };
            settings.sections.synonyms.entry(*section).or_default().extend(names);
        }
        Ok(())
    }

    /// A whole number of days, at least `min` (and at most 3,650).
    fn days(&self, v: &Spanned<DeValue>, key: &str, min: u32) -> Result<u32, ConfigError> {
        let wrong =
            || (self.fail)(format!("`{key}` must be a whole number of days from {min} to 3650"), Some(v.span()), None);
        match v.get_ref() {
            DeValue::Integer(i) => {
                i.to_string().parse::<u32>().ok().filter(|d| (min..=3650).contains(d)).ok_or_else(wrong)
            }
            _ => Err(wrong()),
        }
    }

    /// `[report]`: `repositories`, `blocking-labels`, `stale-days`, `meeting-days`, `only-labels`,
    /// `only-paths`.
    fn report(&mut self, value: &Spanned<DeValue>, report: &mut ReportConfig) -> Result<(), ConfigError> {
        for (key, v) in self.table(value, "report")?.iter() {
            match key.get_ref().as_ref() {
                "repositories" => {
                    report.repositories = self.strings(v, "repositories")?.into_iter().map(|(s, _)| s).collect()
                }
                "blocking-labels" => {
                    report.blocking_labels =
                        Some(self.strings(v, "blocking-labels")?.into_iter().map(|(s, _)| s).collect());
                }
                "stale-days" => report.stale_days = Some(self.days(v, "stale-days", 0)?),
                "meeting-days" => report.meeting_days = Some(self.days(v, "meeting-days", 1)?),
                "only-labels" => {
                    report.only_labels = self.strings(v, "only-labels")?.into_iter().map(|(s, _)| s).collect()
                }
                "only-paths" => {
                    report.only_paths = self.strings(v, "only-paths")?.into_iter().map(|(s, _)| s).collect()
                }
                other => {
                    return Err(self.unknown(
                        key,
                        other,
                        &["repositories", "blocking-labels", "stale-days", "meeting-days", "only-labels", "only-paths"],
                    ));
                }
            }
        }
        Ok(())
    }

    /// `[history]`: `enabled`, `default-branch`.
    fn history(&mut self, value: &Spanned<DeValue>, history: &mut HistoryConfig) -> Result<(), ConfigError> {
        for (key, v) in self.table(value, "history")?.iter() {
            match key.get_ref().as_ref() {
                "enabled" => match v.get_ref() {
                    DeValue::Boolean(b) => history.enabled = *b,
                    _ => return Err((self.fail)("`enabled` must be true or false".into(), Some(v.span()), None)),
                },
                "default-branch" => history.default_branch = Some(self.string(v, "default-branch")?.to_owned()),
                other => return Err(self.unknown(key, other, &["enabled", "default-branch"])),
            }
        }
        Ok(())
    }

    /// `[links]`: `docs-base-url`, `repository-url`.
    fn links(&mut self, value: &Spanned<DeValue>, settings: &mut Settings) -> Result<(), ConfigError> {
        for (key, v) in self.table(value, "links")?.iter() {
            match key.get_ref().as_ref() {
                "docs-base-url" => {
                    settings.docs_base_url = self.string(v, "docs-base-url")?.trim_end_matches('/').to_owned()
                }
                "repository-url" => {
                    settings.repository_url = self.string(v, "repository-url")?.trim_end_matches('/').to_owned()
                }
                other => return Err(self.unknown(key, other, &["docs-base-url", "repository-url"])),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        let e = parse("scs.toml", text).expect_err("an error");
        let span = e.span.map(|s| &text[s.offset()..s.offset() + s.len()]);
        format!("{} | at {:?} | {}", e.message, span.unwrap_or(""), e.help.unwrap_or_default())
    }

    #[test]
    fn full_configuration() {
        let text = r#"
baseline = ".scs-baseline.json"

[rules]
slug-format = "warning"
legacy-key = "off"

[[ignore]]
path = "Standards/scs-0121-*"
rules = ["slug-format"]

[sections]
context = ["Background"]
not-decision = ["Out of Scope"]

[links]
docs-base-url = "https://docs.example.org/"

[report]
repositories = ["SovereignCloudStack/standards"]
blocking-labels = ["blocked", "needs decision"]
stale-days = 21

[history]
enabled = true
default-branch = "origin/main"
"#;
        let config = parse("scs.toml", text).expect("valid");
        let s = &config.settings;
        assert_eq!(s.severities.get("slug-format"), Some(&Some(Severity::Warning)));
        assert_eq!(s.severities.get("legacy-key"), Some(&None));
        assert!(s.is_ignored("slug-format", "Standards/scs-0121-v1-A.md"));
        assert!(s.sections.is(Section::Context, "Background"));
        assert!(s.sections.is_not_decision("Out of scope"));
        assert_eq!(s.docs_base_url, "https://docs.example.org");
        assert_eq!(config.baseline.as_deref(), Some(Path::new(".scs-baseline.json")));
        assert_eq!(config.report.repositories, ["SovereignCloudStack/standards"]);
        assert_eq!(config.report.stale_days, Some(21));
        assert_eq!(config.report.blocking_labels.as_deref().map(<[String]>::len), Some(2));
        assert!(config.history.enabled);
        assert_eq!(config.history.default_branch.as_deref(), Some("origin/main"));
    }

    #[test]
    fn mistakes_point_at_the_key_with_a_suggestion() {
        assert_eq!(error("[rule]\n"), "unknown key `rule` | at \"rule\" | did you mean `rules`?");
        assert_eq!(
            error("[rules]\nslug-fromat = \"off\"\n"),
            "there is no rule `slug-fromat` | at \"slug-fromat\" | did you mean `slug-format`? `scs rules` lists the rules"
        );
        assert_eq!(
            error("[rules]\nslug-format = \"warn\"\n"),
            "`warn` is not a level | at \"\\\"warn\\\"\" | did you mean `warning`?"
        );
        assert_eq!(
            error("[sections]\ncontxt = [\"x\"]\n"),
            "unknown key `contxt` | at \"contxt\" | did you mean `context`?"
        );
        assert_eq!(
            error("[[ignore]]\nrules = [\"slug-format\"]\n"),
            "an `[[ignore]]` entry needs a `path` | at \"[[ignore]]\" | "
        );
        assert!(error("rules = 3").starts_with("`rules` must be a table"));
        assert!(error("[rules\n").starts_with("invalid TOML"));
        assert_eq!(
            error("[links]\ndocs = \"x\"\n"),
            "unknown key `docs` | at \"docs\" | did you mean `docs-base-url`?"
        );
        assert_eq!(
            error("[links]\nsite = \"x\"\n"),
            "unknown key `site` | at \"site\" | the keys here are `docs-base-url`, `repository-url`"
        );
        assert_eq!(
            error("[history]\nenable = true\n"),
            "unknown key `enable` | at \"enable\" | did you mean `enabled`?"
        );
        assert_eq!(error("[history]\nenabled = \"yes\"\n"), "`enabled` must be true or false | at \"\\\"yes\\\"\" | ");
    }
}

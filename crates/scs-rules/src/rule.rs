//! What a rule is: its metadata, and the two kinds of check (per document, per corpus).

use scs_core::history::History;
use scs_core::{Corpus, Document, ScopeFile, Span};

use crate::settings::Settings;

use crate::diagnostic::{Diagnostic, Severity};

/// A rule's identity and documentation; `scs rules` and `scs explain` print these.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable, kebab-case: used in configuration, suppressions and baselines.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters, with a failing and a passing example (Markdown).
    pub explanation: &'static str,
    /// The groups it belongs to, for `--select` and `--ignore`.
    pub groups: &'static [&'static crate::registry::Group],
}

/// What every rule has: its metadata. Implemented by [`declare_rules!`].
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
}

/// What every check can see: the whole corpus, the settings, and the git history when
/// `scs check --history` or `--base` read it.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub corpus: &'a Corpus,
    pub settings: &'a Settings,
    pub history: Option<&'a History>,
}

/// A rule that looks at one document at a time (with the context for lookups).
pub trait DocumentRule: Rule {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter);
}

/// A rule that looks at the relations between documents.
pub trait CorpusRule: Rule {
    fn check(&self, cx: Context, out: &mut Reporter);
}

/// A rule that looks at one certificate-scope file (`Tests/scs-compatible-*.yaml`).
pub trait ScopeRule: Rule {
    fn check(&self, scope: &ScopeFile, cx: Context, out: &mut Reporter);
}

/// A rule about the past of the documents: runs only when the history was read.
pub trait HistoryRule: Rule {
    fn check(&self, history: &History, cx: Context, out: &mut Reporter);
}

/// Declares the rules of one rule file, each a unit struct with everything about it in one
/// place (as clippy's `declare_lint!` does): id, default severity, the checks it takes part in
/// (`kinds`: `document`, `corpus`, `scope`, `history`, `engine`), its groups, summary and
/// explanation. The checks are implemented beside it. It also generates the file's
/// `register`, which `rule_modules!` collects into the registry: one invocation per file.
#[macro_export]
macro_rules! declare_rules {
    ($(
        $(#[$doc:meta])*
        pub $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            kinds: [$($kind:ident),+ $(,)?],
            groups: [$($group:ident),* $(,)?],
            summary: $summary:literal,
            explanation: $explanation:literal $(,)?
        }
    )+) => {
        $(
            $(#[$doc])*
            pub struct $name;

            impl $name {
                pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                    id: $id,
                    default_severity: $crate::diagnostic::Severity::$severity,
                    summary: $summary,
                    explanation: $explanation,
                    groups: &[$(&$crate::registry::$group),*],
                };
            }

            impl $crate::rule::Rule for $name {
                fn meta(&self) -> &'static $crate::rule::RuleMeta {
                    &Self::META
                }
            }
        )+

        /// Adds the rules of this file to the registry, in declaration order.
        pub(crate) fn register(into: &mut Vec<$crate::registry::Registration>) {
            $(
                into.push($crate::registry::Registration::new(&$name::META)$(.$kind(&$name))+);
            )+
        }
    };
}

/// Declares the rule modules of a folder (`pub mod` each) and collects their registrations in
/// the order given: adding a rule file is adding its name here.
#[macro_export]
macro_rules! rule_modules {
    ($($module:ident),+ $(,)?) => {
        $(pub mod $module;)+

        /// Adds the rules of these modules to the registry.
        pub(crate) fn register(into: &mut Vec<$crate::registry::Registration>) {
            $($module::register(into);)+
        }
    };
}

/// Collects the findings of one rule, stamped with its id and effective severity.
pub struct Reporter<'a> {
    meta: &'static RuleMeta,
    severity: Severity,
    sink: &'a mut Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub fn new(meta: &'static RuleMeta, severity: Severity, sink: &'a mut Vec<Diagnostic>) -> Self {
        Self { meta, severity, sink }
    }

    /// Reports a finding at `span` of `doc` (`None`: the file as a whole).
    pub fn report(&mut self, doc: &Document, span: Option<Span>, message: impl Into<String>) -> &mut Diagnostic {
        self.report_path(&doc.path, span, message)
    }

    /// Reports a finding in the file at `path` (relative to the repository root).
    pub fn report_path(&mut self, path: &str, span: Option<Span>, message: impl Into<String>) -> &mut Diagnostic {
        self.sink.push(Diagnostic {
            rule: self.meta.id,
            severity: self.severity,
            path: path.to_owned(),
            span,
            message: message.into(),
            help: None,
            labels: Vec::new(),
            fix: None,
        });
        let last = self.sink.len() - 1;
        &mut self.sink[last]
    }
}

impl Diagnostic {
    /// Builder-style help for a finding just reported.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Builder-style safe fix for a finding just reported.
    pub fn fix(&mut self, fix: crate::diagnostic::Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// Builder-style secondary label for a finding just reported.
    pub fn label(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.labels.push(crate::diagnostic::Label { span, message: message.into() });
        self
    }
}

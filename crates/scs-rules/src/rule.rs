//! What a rule is: its metadata, and the two kinds of check (per document, per corpus).

use scs_core::history::History;
use scs_core::{Corpus, Document, ScopeFile, Span};

use crate::settings::Settings;

use crate::diagnostic::{Diagnostic, Severity};
pub use crate::meta::{Group, RuleMeta};

/// What every rule has: its metadata. Implemented by [`declare_rules!`](crate::declare_rules).
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
        self.labels.push(crate::diagnostic::Label { span, message: message.into(), path: None });
        self
    }

    /// Builder-style label in another document (`path` relative to the root): its part in a
    /// cross-document problem. A check of that file alone still reports the finding.
    pub fn label_in(&mut self, path: &str, span: Span, message: impl Into<String>) -> &mut Self {
        let path = (path != self.path).then(|| path.to_owned());
        self.labels.push(crate::diagnostic::Label { span, message: message.into(), path });
        self
    }
}

/// One rule and the checks it takes part in; built by `declare_rules!`.
#[derive(Clone, Copy)]
pub struct Registration {
    pub meta: &'static RuleMeta,
    pub document: Option<&'static dyn DocumentRule>,
    pub corpus: Option<&'static dyn CorpusRule>,
    pub scope: Option<&'static dyn ScopeRule>,
    pub history: Option<&'static dyn HistoryRule>,
    /// Applied by the engine itself after the checks (the suppression rules).
    pub engine: bool,
}

impl Registration {
    pub const fn new(meta: &'static RuleMeta) -> Self {
        Self { meta, document: None, corpus: None, scope: None, history: None, engine: false }
    }
    pub const fn document(mut self, rule: &'static dyn DocumentRule) -> Self {
        self.document = Some(rule);
        self
    }
    pub const fn corpus(mut self, rule: &'static dyn CorpusRule) -> Self {
        self.corpus = Some(rule);
        self
    }
    pub const fn scope(mut self, rule: &'static dyn ScopeRule) -> Self {
        self.scope = Some(rule);
        self
    }
    pub const fn history(mut self, rule: &'static dyn HistoryRule) -> Self {
        self.history = Some(rule);
        self
    }
    pub const fn engine<T>(mut self, _: &'static T) -> Self {
        self.engine = true;
        self
    }
}

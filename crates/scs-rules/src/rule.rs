//! What a rule is: its metadata, and the two kinds of check (per document, per corpus).

use scs_core::{Corpus, Document, Span};

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
}

/// A rule that looks at one document at a time (with the corpus for lookups).
pub trait DocumentRule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, doc: &Document, corpus: &Corpus, out: &mut Reporter);
}

/// A rule that looks at the relations between documents.
pub trait CorpusRule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, corpus: &Corpus, out: &mut Reporter);
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
        self.sink.push(Diagnostic {
            rule: self.meta.id,
            severity: self.severity,
            path: doc.path.clone(),
            span,
            message: message.into(),
            help: None,
            labels: Vec::new(),
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

    /// Builder-style secondary label for a finding just reported.
    pub fn label(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.labels.push(crate::diagnostic::Label { span, message: message.into() });
        self
    }
}

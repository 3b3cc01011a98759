//! Human output: each finding with its source line and a marker, rendered by miette.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use scs_core::Corpus;
use scs_rules::{Counts, Diagnostic, Severity};

/// One finding, shaped for miette.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    path: String,
    source: Option<Named<'a>>,
    /// Its labels in other documents, each shown with its own source line.
    elsewhere: Vec<Elsewhere<'a>>,
}

/// A label in another document: its message, marked in that file's text.
struct Elsewhere<'a> {
    message: &'a str,
    span: scs_core::Span,
    source: Named<'a>,
}

impl fmt::Debug for Elsewhere<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl fmt::Display for Elsewhere<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl std::error::Error for Elsewhere<'_> {}

impl miette::Diagnostic for Elsewhere<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(None, self.span.range()))))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report").field("diagnostic", self.diagnostic).finish()
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source {
            Some(_) => f.write_str(&self.diagnostic.message),
            // Without a place in the text, miette shows no file name: say it in the message.
            None => write!(f, "{}: {}", self.path, self.diagnostic.message),
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.diagnostic.span?;
        let primary = LabeledSpan::new_primary_with_span(None, span.range());
        let secondary = self
            .diagnostic
            .labels
            .iter()
            .filter(|l| l.path.is_none())
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span.range()));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.elsewhere.is_empty() {
            return None;
        }
        Some(Box::new(self.elsewhere.iter().map(|e| e as &dyn miette::Diagnostic)))
    }
}

/// A borrowed file text with its name (miette's `NamedSource` would need an owned copy).
struct Named<'a> {
    name: std::borrow::Cow<'a, str>,
    text: &'a str,
}

impl SourceCode for Named<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// Renders findings for a terminal (`color`) or a log (plain).
pub struct Human {
    handler: GraphicalReportHandler,
}

impl Human {
    pub fn new(color: bool) -> Self {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        let handler = GraphicalReportHandler::new_themed(theme).with_links(false).with_width(100);
        Self { handler }
    }

    /// One finding; `path` is how the user opens the file.
    pub fn diagnostic(&self, out: &mut String, corpus: &Corpus, path: &str, diagnostic: &Diagnostic) {
        let text = corpus.text_of(&diagnostic.path).unwrap_or("");
        let source = diagnostic.span.map(|_| Named { name: path.into(), text });
        let elsewhere = diagnostic
            .labels
            .iter()
            .filter_map(|l| {
                let other = l.path.as_deref()?;
                let shown = super::json::shown_as(path, &diagnostic.path, other);
                Some(Elsewhere {
                    message: &l.message,
                    span: l.span,
                    source: Named { name: shown.into(), text: corpus.text_of(other).unwrap_or("") },
                })
            })
            .collect();
        let report = Report { diagnostic, path: path.to_owned(), source, elsewhere };
        if self.handler.render_report(out, &report).is_err() {
            // Rendering into a String cannot fail for I/O; keep a plain line if it ever does.
            out.push_str(&format!("{path}: {}[{}] {}\n", diagnostic.severity, diagnostic.rule, diagnostic.message));
        }
    }
}

/// The closing line: how many documents were checked and what was found.
pub fn summary(documents: usize, reported: Option<usize>, counts: Counts, hidden: usize) -> String {
    let checked = match reported {
        Some(n) => format!("{n} of {documents} document{} checked", plural(documents)),
        None => format!("{documents} document{} checked", plural(documents)),
    };
    let hidden = match hidden {
        0 => String::new(),
        n => format!(" ({n} more hidden by the baseline)"),
    };
    if counts.total() == 0 {
        return format!("{checked}: no findings{hidden}");
    }
    let mut parts = vec![
        format!("{} error{}", counts.errors, plural(counts.errors)),
        format!("{} warning{}", counts.warnings, plural(counts.warnings)),
    ];
    if counts.infos > 0 {
        parts.push(format!("{} info{}", counts.infos, plural(counts.infos)));
    }
    format!("{checked}: {}{hidden}", parts.join(", "))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries() {
        assert_eq!(summary(9, None, Counts::default(), 0), "9 documents checked: no findings");
        assert_eq!(summary(1, Some(1), Counts::default(), 0), "1 of 1 document checked: no findings");
        assert_eq!(
            summary(105, None, Counts { errors: 0, warnings: 10, infos: 0 }, 0),
            "105 documents checked: 0 errors, 10 warnings"
        );
        assert_eq!(
            summary(2, None, Counts { errors: 1, warnings: 1, infos: 2 }, 3),
            "2 documents checked: 1 error, 1 warning, 2 infos (3 more hidden by the baseline)"
        );
    }
}

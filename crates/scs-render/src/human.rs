//! Human output: each finding with its source line and a marker, rendered by miette.
//!
//! Linear however the text looks: a finding's lines are found through a line index built once
//! per file (not by scanning the text from its start), and a line longer than [`LONG_LINE`]
//! bytes is shown as a window of [`WINDOW`] bytes on each side of the finding, so that
//! thousands of findings on one long line print a few hundred bytes each (and miette never
//! meets a column it cannot format).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use scs_core::{Corpus, LineIndex};
use scs_rules::{Counts, Diagnostic, Severity};

/// Lines longer than this many bytes are shown as a window around the finding.
const LONG_LINE: usize = 240;

/// Bytes shown on each side of a finding on a long line; a longer finding is marked on its
/// first [`WINDOW`] bytes.
const WINDOW: usize = 80;

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
        let span = self.source.shown(self.span.range());
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(None, span))))
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
    /// `error[broken-link]`: the severity as a word beside miette's glyph, as `concise` and
    /// compilers write it.
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("{}[{}]", self.diagnostic.severity, self.diagnostic.rule)))
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
        let source = self.source.as_ref()?;
        let primary = source.shown(span.range());
        // On a long line, only the labels inside the primary's window are shown.
        let window = source.window(primary.clone());
        let secondary = self
            .diagnostic
            .labels
            .iter()
            .filter(|l| l.path.is_none())
            .map(|l| source.shown(l.span.range()))
            .zip(self.diagnostic.labels.iter().filter(|l| l.path.is_none()))
            .filter(move |(range, _)| window.as_ref().is_none_or(|w| w.start <= range.start && range.end <= w.end))
            .map(|(range, l)| LabeledSpan::new_with_span(Some(l.message.clone()), range));
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(None, primary)).chain(secondary)))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.elsewhere.is_empty() {
            return None;
        }
        Some(Box::new(self.elsewhere.iter().map(|e| e as &dyn miette::Diagnostic)))
    }
}

/// A borrowed file text with its name and line index (miette's `NamedSource` would need an
/// owned copy, and miette's own reader scans the text from its start for every finding).
struct Named<'a> {
    name: std::borrow::Cow<'a, str>,
    text: &'a str,
    lines: Arc<LineIndex>,
}

impl Named<'_> {
    fn floor(&self, mut at: usize) -> usize {
        at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    fn ceil(&self, mut at: usize) -> usize {
        at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        at
    }

    /// `span` as it is marked: within the text, on character boundaries, and on a long line
    /// no longer than [`WINDOW`] bytes.
    fn shown(&self, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.floor(span.start);
        let mut end = self.ceil(span.end.max(start));
        let line = self.lines.line_range(self.lines.line_of(start), self.text.len());
        if line.len() > LONG_LINE {
            end = self.floor(end.min(start + WINDOW).min(line.end).max(start));
        }
        start..end
    }

    /// The part of a long line shown around `span`; `None` when its line is short.
    fn window(&self, span: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        let line = self.lines.line_range(self.lines.line_of(span.start), self.text.len());
        (line.len() > LONG_LINE).then(|| {
            let start = self.floor(span.start.saturating_sub(WINDOW).max(line.start));
            let end = self.ceil((span.end + WINDOW).min(line.end));
            start..end.max(span.end.min(line.end))
        })
    }
}

impl SourceCode for Named<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.lines.line_of(start);
        let last = self.lines.line_of(end.saturating_sub(1).max(start));
        let long = (first..=last).any(|l| self.lines.line_range(l, self.text.len()).len() > LONG_LINE);
        let (data, line) = match self.window(start..end).filter(|_| first == last && long) {
            // No context asked: the span itself (miette reads the primary label's place so).
            _ if context_lines_before == 0 && context_lines_after == 0 => (start..end, first),
            // A long line: only the window around the span, no context lines.
            Some(window) => (window, first),
            None if long => {
                // A span over several lines, one of them long: those lines alone.
                let from = self.lines.line_range(first, self.text.len()).start;
                (from..self.lines.line_range(last, self.text.len()).end, first)
            }
            None => {
                let before = first.saturating_sub(context_lines_before);
                let after = (last + context_lines_after).min(self.lines.line_count().saturating_sub(1));
                // Context lines that are long are left out.
                let before = (before..first)
                    .find(|&l| (l..first).all(|k| self.lines.line_range(k, self.text.len()).len() <= LONG_LINE))
                    .unwrap_or(first);
                let after = (last + 1..=after)
                    .take_while(|&l| self.lines.line_range(l, self.text.len()).len() <= LONG_LINE)
                    .last()
                    .unwrap_or(last);
                let from = self.lines.line_range(before, self.text.len()).start;
                (from..self.lines.line_range(after, self.text.len()).end, before)
            }
        };
        let line_start = self.lines.line_range(line, self.text.len()).start;
        let column = self.lines.chars_between(self.text, line_start, data.start);
        let line_count = self.lines.line_of(data.end) - line + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            &self.text.as_bytes()[data.clone()],
            (data.start, data.len()).into(),
            line,
            column,
            line_count,
        )))
    }
}

/// Renders findings for a terminal (`color`) or a log (plain).
pub struct Human {
    handler: GraphicalReportHandler,
    /// The line index of each file shown, built once.
    lines: Mutex<HashMap<String, Arc<LineIndex>>>,
}

impl Human {
    pub fn new(color: bool) -> Self {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        let handler = GraphicalReportHandler::new_themed(theme).with_links(false).with_width(100);
        Self { handler, lines: Mutex::default() }
    }

    fn lines(&self, path: &str, text: &str) -> Arc<LineIndex> {
        self.lines
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(path.to_owned())
            .or_insert_with(|| Arc::new(LineIndex::new(text)))
            .clone()
    }

    /// One finding; `path` is how the user opens the file.
    pub fn diagnostic(&self, out: &mut String, corpus: &Corpus, path: &str, diagnostic: &Diagnostic) {
        let text = corpus.text_of(&diagnostic.path).unwrap_or("");
        let source =
            diagnostic.span.map(|_| Named { name: path.into(), text, lines: self.lines(&diagnostic.path, text) });
        let elsewhere = diagnostic
            .labels
            .iter()
            .filter_map(|l| {
                let other = l.path.as_deref()?;
                let shown = crate::shown_as(path, &diagnostic.path, other);
                let text = corpus.text_of(other).unwrap_or("");
                Some(Elsewhere {
                    message: &l.message,
                    span: l.span,
                    source: Named { name: shown.into(), text, lines: self.lines(other, text) },
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

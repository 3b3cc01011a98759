//! Where a finding is, in lines and columns, for renderers.

use std::collections::HashMap;

use scs_core::{Corpus, LineCol, LineIndex, Span};

/// Start and end (exclusive) of a finding as 1-based lines and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub start: LineCol,
    pub end: LineCol,
}

/// Resolves spans of one file's text; build once per file.
pub struct Locator<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Self { text, index: LineIndex::new(text) }
    }

    /// The position of `span`; a finding about the whole file (`None`) is at 1:1.
    pub fn position(&self, span: Option<Span>) -> Position {
        match span {
            Some(span) => Position {
                start: self.index.line_col(self.text, span.start),
                end: self.index.line_col(self.text, span.end),
            },
            None => {
                let origin = LineCol { line: 1, column: 1 };
                Position { start: origin, end: origin }
            }
        }
    }
}

/// Positions in any file of a corpus, with one line index per file built on first use.
pub struct Locators<'a> {
    corpus: &'a Corpus,
    cache: HashMap<String, Locator<'a>>,
}

impl<'a> Locators<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        Self { corpus, cache: HashMap::new() }
    }

    /// The position of `span` in the file at `path` (relative to the repository root).
    pub fn position(&mut self, path: &str, span: Option<Span>) -> Position {
        let corpus = self.corpus;
        self.cache
            .entry(path.to_owned())
            .or_insert_with(|| Locator::new(corpus.text_of(path).unwrap_or("")))
            .position(span)
    }
}

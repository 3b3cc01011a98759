//! Where a finding is, in lines and columns, for renderers.

use scs_core::{LineCol, LineIndex, Span};

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

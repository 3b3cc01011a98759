//! Byte offsets of scs ↔ LSP positions (line, character), counting characters in the encoding
//! the client chose: UTF-8 bytes, UTF-16 code units (the default) or UTF-32 code points.

use lsp_types::{Position, PositionEncodingKind, Range};
use scs_core::{LineIndex, Span};

/// How a client counts the characters of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The first encoding the client offers that scs speaks, else UTF-16 (LSP 3.17).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        for kind in offered.unwrap_or_default() {
            if *kind == PositionEncodingKind::UTF8 {
                return Self::Utf8;
            }
            if *kind == PositionEncodingKind::UTF16 {
                return Self::Utf16;
            }
            if *kind == PositionEncodingKind::UTF32 {
                return Self::Utf32;
            }
        }
        Self::Utf16
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Self::Utf8 => PositionEncodingKind::UTF8,
            Self::Utf16 => PositionEncodingKind::UTF16,
            Self::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// A text with its line starts, for converting positions.
pub struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Self {
        Self { text, index: LineIndex::new(text), encoding }
    }

    /// The byte offset where the line holding byte `offset` starts.
    pub fn line_start_of(&self, offset: usize) -> usize {
        let line = self.index.line_of(offset.min(self.text.len()));
        self.index.line_start(line + 1).unwrap_or(0)
    }

    /// The position of byte `offset` (clamped into the text, onto a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_col(self.text, offset).line;
        let start = self.index.line_start(line).unwrap_or(0);
        let units = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.index.utf16_between(self.text, start, offset),
            Encoding::Utf32 => self.index.chars_between(self.text, start, offset),
        };
        Position::new(u32::try_from(line - 1).unwrap_or(u32::MAX), u32::try_from(units).unwrap_or(u32::MAX))
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of `position`; past the end of a line is its end, past the last line
    /// the end of the text.
    pub fn offset(&self, position: Position) -> usize {
        let Some(start) = self.index.line_start(position.line as usize + 1) else { return self.text.len() };
        let line = &self.text[start..];
        let line = &line[..line.find('\n').map_or(line.len(), |i| i + 1)];
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= position.character || c == '\n' || c == '\r' {
                return start + i;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8() as u32,
                Encoding::Utf16 => c.len_utf16() as u32,
                Encoding::Utf32 => 1,
            };
        }
        start + line.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emoji_before_a_finding_in_each_encoding() {
        let text = "---\ntitle: 🦀 x\n---\n";
        let at = text.find('x').expect("x");
        for (encoding, character) in [(Encoding::Utf8, 12), (Encoding::Utf16, 10), (Encoding::Utf32, 9)] {
            let lines = Lines::new(text, encoding);
            assert_eq!(lines.position(at), Position::new(1, character), "{encoding:?}");
            assert_eq!(lines.offset(Position::new(1, character)), at, "{encoding:?}");
        }
        let lines = Lines::new(text, Encoding::Utf16);
        assert_eq!(lines.offset(Position::new(1, 99)), text.find("\n---\n").expect("end"), "past the line's end");
        assert_eq!(lines.offset(Position::new(99, 0)), text.len());
    }
}

//! Byte spans into a document's text and their translation to line and column.

use std::ops::Range;

/// A half-open byte range `start..end` into a document's full text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// An empty span at `offset`: a point in the text.
    pub const fn at(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub const fn shift(self, by: usize) -> Self {
        Self::new(self.start + by, self.end + by)
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values, as editors show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Start offsets of every line of a text, for turning byte offsets into [`LineCol`] and into
/// the units editors count. Every lookup costs O(log lines + `STRIDE`), whatever the length
/// of the line: a document of one long line with thousands of findings stays linear.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// For a text that is not ASCII: the characters and the characters outside the Basic
    /// Multilingual Plane (two UTF-16 units each) that start before every multiple of
    /// [`STRIDE`]. Empty for ASCII, where bytes, characters and UTF-16 units agree.
    checkpoints: Vec<(usize, usize)>,
}

/// The distance between two checkpoints, in bytes.
const STRIDE: usize = 128;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        // A line ends at LF, CR LF, or a lone CR: CommonMark, YAML and the language server
        // protocol all count a lone CR as a line break, and so do editors.
        let bytes = text.as_bytes();
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            let mut counts = (0, 0);
            let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
            for chunk in text.as_bytes().chunks(STRIDE) {
                checkpoints.push(counts);
                let (chars, astral) = count(chunk);
                counts = (counts.0 + chars, counts.1 + astral);
            }
            checkpoints.push(counts);
            checkpoints
        };
        Self { line_starts, checkpoints }
    }

    /// Characters and astral characters that start before byte `offset`.
    fn counts_before(&self, text: &str, offset: usize) -> (usize, usize) {
        if self.checkpoints.is_empty() {
            return (offset, 0);
        }
        let block = offset / STRIDE;
        let (chars, astral) = self.checkpoints[block.min(self.checkpoints.len() - 1)];
        let (more, more_astral) = count(&text.as_bytes()[block * STRIDE..offset]);
        (chars + more, astral + more_astral)
    }

    /// The characters (Unicode scalar values) of `text[start..end]`; both on boundaries.
    pub fn chars_between(&self, text: &str, start: usize, end: usize) -> usize {
        self.counts_before(text, end).0 - self.counts_before(text, start).0
    }

    /// The UTF-16 code units of `text[start..end]`; both on boundaries.
    pub fn utf16_between(&self, text: &str, start: usize, end: usize) -> usize {
        let (a, b) = (self.counts_before(text, start), self.counts_before(text, end));
        (b.0 - a.0) + (b.1 - a.1)
    }

    /// Line and column of `offset`; offsets past the end or inside a UTF-8 sequence are clamped.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let mut start = self.line_starts[line];
        // A byte-order mark is invisible in editors: columns on the first line start after it.
        if start == 0 && text.starts_with('\u{FEFF}') && offset >= 3 {
            start = 3;
        }
        let column = self.chars_between(text, start, offset) + 1;
        LineCol { line: line + 1, column }
    }

    /// The 0-based line that byte `offset` lies on (the last line for offsets past the end).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The number of lines (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The bytes of 0-based `line` in a text of `len` bytes, without its last line-break byte.
    pub fn line_range(&self, line: usize, len: usize) -> Range<usize> {
        let start = self.line_starts.get(line).copied().unwrap_or(len).min(len);
        let end = self.line_starts.get(line + 1).map_or(len, |next| next.saturating_sub(1)).clamp(start, len);
        start..end
    }

    /// Byte offset of the start of 1-based `line`, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1).and_then(|l| self.line_starts.get(l).copied())
    }
}

/// The characters that start in `bytes`, and those of them with four bytes (astral).
fn count(bytes: &[u8]) -> (usize, usize) {
    bytes
        .iter()
        .fold((0, 0), |(chars, astral), &b| (chars + usize::from(b & 0xC0 != 0x80), astral + usize::from(b >= 0xF0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_the_standard_library_at_every_offset() {
        let text = format!("{}\n{}", "aç🦀".repeat(100), "x🦀".repeat(70));
        let idx = LineIndex::new(&text);
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for &start in boundaries.iter().step_by(37) {
            for &end in boundaries.iter().filter(|&&e| e >= start) {
                assert_eq!(idx.chars_between(&text, start, end), text[start..end].chars().count());
                assert_eq!(idx.utf16_between(&text, start, end), text[start..end].encode_utf16().count());
            }
        }
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let lone = LineIndex::new("a\rb\r\nc\nd");
        assert_eq!(lone.line_col("a\rb\r\nc\nd", 2), LineCol { line: 2, column: 1 }, "a lone CR ends a line");
        assert_eq!(lone.line_col("a\rb\r\nc\nd", 5), LineCol { line: 3, column: 1 }, "CR LF is one break");
        let text = "ab\nçd\r\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        // "d" follows a two-byte "ç"
        assert_eq!(idx.line_col(text, 5), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_col(text, text.len()), LineCol { line: 3, column: 2 });
        // inside "ç": clamped back to its start
        assert_eq!(idx.line_col(text, 4), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(text, 999), LineCol { line: 3, column: 2 });
    }

    #[test]
    fn byte_order_mark_takes_no_column() {
        let text = "\u{FEFF}---\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 4), LineCol { line: 1, column: 2 });
        assert_eq!(idx.line_col(text, 7), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn line_start_of_missing_line_is_none() {
        let idx = LineIndex::new("a\nb");
        assert_eq!(idx.line_start(2), Some(2));
        assert_eq!(idx.line_start(0), None);
        assert_eq!(idx.line_start(3), None);
    }
}

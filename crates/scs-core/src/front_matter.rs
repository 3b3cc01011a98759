//! The YAML front matter of a document: where it is in the text, and its entries.

use crate::span::Span;
use crate::yaml::{self, Entry, YamlError};

/// Where the front matter sits in the text, before its YAML is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The first line (after a byte-order mark) is not `---`.
    Missing,
    /// An opening `---` without a closing one; the span is the opening line.
    Unclosed { open: Span },
    /// `yaml` is the text between the delimiter lines; `body` starts after the closing line.
    Closed { open: Span, yaml: Span, body_start: usize },
}

/// Finds the front matter block of `text[start..]`: an opening `---` line, then everything up
/// to the next `---` line.
pub fn locate(text: &str, start: usize) -> Block {
    locate_bytes(text.as_bytes(), start)
}

/// [`locate`] on bytes that need not be UTF-8 (or complete): the one notion of where a front
/// matter starts and ends, for parsing and for the partial loading of `related`. The
/// delimiter lines are ASCII, so on a `str` every span lies on character boundaries.
pub fn locate_bytes(bytes: &[u8], start: usize) -> Block {
    let mut lines = LineIter { bytes, pos: start };
    let Some(open) = lines.next() else {
        return Block::Missing;
    };
    if !is_delimiter(&bytes[open.range()]) {
        return Block::Missing;
    }
    let yaml_start = lines.pos;
    for line in lines.by_ref() {
        if is_delimiter(&bytes[line.range()]) {
            let body_start = lines.pos;
            return Block::Closed { open, yaml: Span::new(yaml_start, line.start), body_start };
        }
    }
    Block::Unclosed { open }
}

/// The length of a UTF-8 byte-order mark at the start of `bytes` (0 or 3): the front matter
/// starts after it.
pub fn bom_len(bytes: &[u8]) -> usize {
    if bytes.starts_with("\u{feff}".as_bytes()) { 3 } else { 0 }
}

fn is_delimiter(line: &[u8]) -> bool {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\n' | b'\r' | b' ' | b'\t') {
        end -= 1;
    }
    &line[..end] == b"---"
}

/// Lines of a text including their terminator; the span of each line excludes nothing.
struct LineIter<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for LineIter<'_> {
    type Item = Span;
    fn next(&mut self) -> Option<Span> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let rest = &self.bytes[self.pos..];
        let len = rest.iter().position(|&b| b == b'\n').map_or(rest.len(), |i| i + 1);
        let span = Span::new(self.pos, self.pos + len);
        self.pos += len;
        Some(span)
    }
}

/// The parsed front matter: its top-level entries in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontMatter {
    pub entries: Vec<Entry>,
}

impl FrontMatter {
    /// The entry for `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

/// Parses the YAML of `text[yaml]` (the text between the delimiter lines).
pub fn parse(text: &str, yaml: Span) -> Result<FrontMatter, YamlError> {
    yaml::parse_mapping(text, yaml).map(|entries| FrontMatter { entries })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The YAML span and body start of a text whose front matter is closed (test helper).
    pub(crate) fn closed(text: &str) -> (Span, usize) {
        match locate(text, 0) {
            Block::Closed { yaml, body_start, .. } => (yaml, body_start),
            other => panic!("expected closed front matter, got {other:?}"),
        }
    }

    #[test]
    fn locate_finds_delimiters_with_crlf_and_trailing_blanks() {
        let text = "---\r\ntype: Standard\r\n--- \r\nbody";
        let (yaml, body) = closed(text);
        assert_eq!(&text[yaml.range()], "type: Standard\r\n");
        assert_eq!(&text[body..], "body");
    }

    #[test]
    fn locate_reports_missing_and_unclosed() {
        assert_eq!(locate("# Title\n", 0), Block::Missing);
        assert_eq!(locate("", 0), Block::Missing);
        assert_eq!(locate("---\ntype: x\n", 0), Block::Unclosed { open: Span::new(0, 4) });
        // `----` is not a delimiter
        assert_eq!(locate("----\n", 0), Block::Missing);
    }
}

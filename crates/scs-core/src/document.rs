//! One SCS document: its file name, text, front matter and Markdown body, and what kept them
//! from being read.

use crate::front_matter::{self, Block, FrontMatter};
use crate::markdown::{self, Body};
use crate::model::{DocType, Status, Track};
use crate::name::{DocName, NameProblem};
use crate::span::Span;
use crate::yaml::{Entry, YamlError};

/// A document of `Standards/`, parsed as far as its content allowed.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the repository root, with `/` separators: `Standards/scs-0100-v3-….md`.
    pub path: String,
    pub file_name: String,
    pub name: Result<DocName, Vec<NameProblem>>,
    /// The whole file (invalid UTF-8 replaced by U+FFFD); every span points into it.
    pub text: String,
    /// The parsed front matter; `None` when it is missing, unclosed or not valid YAML.
    pub front_matter: Option<FrontMatter>,
    /// The opening `---` line, where findings about the front matter as a whole point.
    pub front_matter_open: Option<Span>,
    /// The closing `---` line with its line ending, when the front matter is closed: new keys
    /// are inserted before it.
    pub front_matter_close: Option<Span>,
    pub body: Body,
    /// Where the Markdown body starts (after the front matter).
    pub body_start: usize,
    pub problems: Vec<ParseProblem>,
}

/// Why (part of) a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseProblem {
    /// The file could not be read at all (a directory, a dangling link, permissions, size).
    Unreadable {
        reason: String,
    },
    /// The bytes are not UTF-8; the span is the first invalid byte.
    InvalidUtf8 {
        span: Span,
    },
    Empty,
    FrontMatterMissing,
    FrontMatterUnclosed {
        open: Span,
    },
    InvalidYaml(YamlError),
}

impl Document {
    /// A document whose file could not be read; only its name is known.
    pub fn unreadable(path: String, file_name: String, reason: String) -> Self {
        let mut doc = Self::empty(path, file_name);
        doc.problems.push(ParseProblem::Unreadable { reason });
        doc
    }

    fn empty(path: String, file_name: String) -> Self {
        let name = DocName::parse(&file_name);
        Self {
            path,
            file_name,
            name,
            text: String::new(),
            front_matter: None,
            front_matter_open: None,
            front_matter_close: None,
            body: Body::default(),
            body_start: 0,
            problems: Vec::new(),
        }
    }

    /// Parses a document from the bytes of its file. Never fails: problems are recorded.
    pub fn parse(path: String, file_name: String, bytes: Vec<u8>) -> Self {
        Self::parse_with(path, file_name, bytes, true)
    }

    /// Parses only the file name and the front matter: the body is not parsed and the text is
    /// kept only up to the end of the front matter (or of the first invalid byte, so that
    /// every problem's span stays inside it).
    pub fn parse_metadata(path: String, file_name: String, bytes: Vec<u8>) -> Self {
        let mut doc = Self::parse_with(path, file_name, bytes, false);
        let keep = doc
            .problems
            .iter()
            .filter_map(|p| match p {
                ParseProblem::InvalidUtf8 { span } => Some(span.end),
                _ => None,
            })
            .fold(doc.body_start, usize::max)
            .min(doc.text.len());
        doc.text.truncate(keep);
        doc.text.shrink_to_fit();
        doc
    }

    fn parse_with(path: String, file_name: String, bytes: Vec<u8>, body: bool) -> Self {
        let mut doc = Self::empty(path, file_name);
        if bytes.is_empty() {
            doc.problems.push(ParseProblem::Empty);
            return doc;
        }
        doc.text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                // The span covers the U+FFFD that replaces the invalid byte in `text`.
                doc.problems.push(ParseProblem::InvalidUtf8 { span: Span::new(at, at + '\u{FFFD}'.len_utf8()) });
                // The text before the first invalid byte is unchanged, so that span stays true.
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        let start = front_matter::bom_len(doc.text.as_bytes());
        let body_start = match front_matter::locate(&doc.text, start) {
            Block::Missing => {
                doc.problems.push(ParseProblem::FrontMatterMissing);
                start
            }
            Block::Unclosed { open } => {
                let open = trim_line_end(&doc.text, open);
                doc.front_matter_open = Some(open);
                doc.problems.push(ParseProblem::FrontMatterUnclosed { open });
                // Without a closing line nothing can be told apart: leave the body empty.
                doc.text.len()
            }
            Block::Closed { open, yaml, body_start } => {
                doc.front_matter_open = Some(trim_line_end(&doc.text, open));
                doc.front_matter_close = Some(Span::new(yaml.end, body_start));
                match front_matter::parse(&doc.text, yaml) {
                    Ok(fm) => doc.front_matter = Some(fm),
                    Err(e) => doc.problems.push(ParseProblem::InvalidYaml(e)),
                }
                body_start
            }
        };
        if body {
            doc.body = markdown::parse(&doc.text, body_start);
        }
        doc.body_start = body_start;
        doc
    }

    /// The front-matter entry for `key`.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.front_matter.as_ref()?.get(key)
    }

    /// The value of `key` as one trimmed line, when it is a scalar that is not null.
    pub fn scalar(&self, key: &str) -> Option<&str> {
        let entry = self.entry(key)?;
        if entry.value.is_null() { None } else { entry.value.as_str().map(str::trim) }
    }

    /// A date field (`stabilized_at`, …) as written; absent, null or empty count as not set.
    pub fn date(&self, key: &str) -> Option<&str> {
        self.scalar(key).filter(|d| !d.is_empty())
    }

    /// The `type` as SCS-0001 spells it, if present and valid.
    pub fn doc_type(&self) -> Option<DocType> {
        self.entry("type")?.value.as_str().and_then(DocType::parse)
    }

    /// The `status`, if present and valid.
    pub fn status(&self) -> Option<Status> {
        self.entry("status")?.value.as_str().and_then(Status::parse)
    }

    /// The `track`, if present and valid.
    pub fn track(&self) -> Option<Track> {
        self.entry("track")?.value.as_str().and_then(Track::parse)
    }

    /// Where a finding about the document as a whole should point: the front matter's first
    /// line, or the start of the file.
    pub fn head_span(&self) -> Span {
        self.front_matter_open.unwrap_or_default()
    }
}

fn trim_line_end(text: &str, span: Span) -> Span {
    let trimmed = text[span.range()].trim_end_matches(['\n', '\r']);
    Span::new(span.start, span.start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(bytes: &[u8]) -> Document {
        Document::parse("Standards/scs-0100-v1-x.md".into(), "scs-0100-v1-x.md".into(), bytes.to_vec())
    }

    #[test]
    fn well_formed_document() {
        let d = doc(b"---\ntype: Standard\nstatus: Stable\ntrack: IaaS\n---\n\n## Introduction\n");
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.doc_type(), Some(DocType::Standard));
        assert_eq!(d.status(), Some(Status::Stable));
        assert_eq!(d.track(), Some(Track::IaaS));
        assert_eq!(d.body.headings[0].anchor, "introduction");
        assert_eq!(d.head_span(), Span::new(0, 3));
    }

    #[test]
    fn byte_order_mark_and_crlf() {
        let d = doc("\u{FEFF}---\r\ntype: Standard\r\n---\r\n# T\r\n".as_bytes());
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.doc_type(), Some(DocType::Standard));
        let type_entry = d.entry("type").expect("type");
        assert_eq!(&d.text[type_entry.key_span.range()], "type");
        assert_eq!(&d.text[d.head_span().range()], "---");
        assert_eq!(d.body.headings[0].text, "T");
    }

    #[test]
    fn empty_file() {
        assert_eq!(doc(b"").problems, [ParseProblem::Empty]);
    }

    #[test]
    fn missing_front_matter() {
        let d = doc(b"# Just a title\n");
        assert_eq!(d.problems, [ParseProblem::FrontMatterMissing]);
        assert_eq!(d.body.headings.len(), 1);
    }

    #[test]
    fn unclosed_front_matter() {
        let d = doc(b"---\ntype: Standard\n# Title\n");
        assert_eq!(d.problems, [ParseProblem::FrontMatterUnclosed { open: Span::new(0, 3) }]);
        assert!(d.front_matter.is_none());
    }

    #[test]
    fn invalid_yaml_keeps_the_body() {
        let d = doc(b"---\ntype: [Standard\n---\n## Introduction\n");
        assert!(matches!(d.problems.as_slice(), [ParseProblem::InvalidYaml(_)]));
        assert_eq!(d.body.headings.len(), 1);
    }

    #[test]
    fn invalid_utf8_is_located_and_the_rest_parsed() {
        let d = doc(b"---\ntype: Standard\ntitle: caf\xe9\n---\n");
        assert_eq!(d.problems, [ParseProblem::InvalidUtf8 { span: Span::new(29, 32) }]);
        assert_eq!(d.doc_type(), Some(DocType::Standard));
    }
}

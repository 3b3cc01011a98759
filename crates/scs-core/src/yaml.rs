//! YAML with spans: every key and value of a mapping with its byte span in the file, as
//! front matter and certificate-scope files need for file:line:column findings.

use marked_yaml::{LoadError, LoaderOptions, Marker, Node};

use crate::span::Span;

/// One `key: value` pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Value,
}

/// A YAML value with the span of its text (for a block scalar, its header line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub span: Span,
    pub kind: ValueKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueKind {
    Scalar { text: String, style: ScalarStyle },
    Sequence(Vec<Value>),
    Mapping(Vec<Entry>),
}

/// How a scalar was written; plain scalars are the only ones YAML may read as null or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

impl Value {
    /// The scalar's text, for any scalar style.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// An empty value or a plain `~`/`null`, which YAML reads as null.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, ValueKind::Scalar { text, style: ScalarStyle::Plain }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The items of a sequence.
    pub fn as_sequence(&self) -> Option<&[Value]> {
        match &self.kind {
            ValueKind::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// The strings a reference list holds, trimmed, with their spans: the items of a sequence
    /// (null and non-text items skipped), or a single string (the legacy form). What
    /// `replaces`, `replaced_by` and `supplements` name, for the rules, the editor and the
    /// language server alike.
    pub fn items(&self) -> Vec<(&str, Span)> {
        match &self.kind {
            ValueKind::Scalar { text, .. } if !self.is_null() => vec![(text.trim(), self.span)],
            ValueKind::Sequence(items) => {
                items.iter().filter(|v| !v.is_null()).filter_map(|v| Some((v.as_str()?.trim(), v.span))).collect()
            }
            _ => Vec::new(),
        }
    }

    /// What kind of value this is, for messages: "a list", "a mapping", "a string", "an empty value".
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            _ if self.is_null() => "an empty value",
            ValueKind::Scalar { .. } => "a string",
            ValueKind::Sequence(_) => "a list",
            ValueKind::Mapping(_) => "a mapping",
        }
    }
}

/// Why the YAML of a front matter could not be read; `span` points at the place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
    /// A second place involved, such as the first occurrence of a duplicate key.
    pub related: Option<(Span, String)>,
}

/// Nesting deeper than this is kept as an empty collection: front matter never needs it,
/// and it keeps conversion and later walks free of deep recursion.
const MAX_DEPTH: usize = 32;

/// The YAML loader recurses once per level: deeper input is refused before it is parsed, so
/// hostile front matter cannot overflow the stack.
const MAX_PARSE_DEPTH: usize = 64;

/// An upper estimate of how deep `src` nests: open flow brackets, plus indentation levels, plus
/// compact `- - -` entries on one line. Real front matter stays below 5.
fn nesting_depth(src: &str) -> usize {
    let mut flow: usize = 0;
    let mut max = 0;
    let mut indents: Vec<usize> = Vec::new();
    for line in src.lines() {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        while indents.last().is_some_and(|&top| top >= indent) {
            indents.pop();
        }
        indents.push(indent);
        let mut dashes = 0;
        let mut rest = content;
        while let Some(after) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("-\t")) {
            dashes += 1;
            rest = after.trim_start();
        }
        let mut deepest_flow = flow;
        for b in content.bytes() {
            match b {
                b'[' | b'{' => {
                    flow += 1;
                    deepest_flow = deepest_flow.max(flow);
                }
                b']' | b'}' => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
        max = max.max(deepest_flow + indents.len() + dashes);
    }
    max
}

/// Parses the YAML mapping in `text[yaml]` into its entries, with spans into the whole `text`.
/// Empty or comment-only YAML is an empty mapping.
pub fn parse_mapping(text: &str, yaml: Span) -> Result<Vec<Entry>, YamlError> {
    let src = &text[yaml.range()];
    let pos = Positions::new(text, yaml);
    if src.trim().is_empty() {
        return Ok(Vec::new());
    }
    let depth = nesting_depth(src);
    if depth > MAX_PARSE_DEPTH {
        return Err(YamlError {
            message: format!(
                "the YAML nests about {depth} levels deep, more than the {MAX_PARSE_DEPTH} that are read; it is not parsed"
            ),
            span: Span::at(yaml.start),
            related: None,
        });
    }
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    let node = marked_yaml::parse_yaml_with_options(0, src, options).map_err(|e| pos.load_error(e))?;
    let Some(mapping) = node.as_mapping() else {
        let span = pos.node_start(&node);
        return Err(YamlError {
            message: "the YAML must be a mapping of `key: value` lines".into(),
            span: Span::new(span, span),
            related: None,
        });
    };
    Ok(mapping.iter().map(|(k, v)| pos.entry(k, v, 0)).collect())
}

/// Translates marked-yaml's markers into byte offsets of the whole text. A marker's line and
/// column are used, not its character index: the scanner counts some characters inside block
/// scalars as several (`|` followed by ` -🦀` moves every later index by 3), while lines and
/// columns stay right. A column past its line's end is clamped to that end.
struct Positions<'a> {
    text: &'a str,
    base: usize,
    /// Byte offset (relative to `base`) of every line's first character, and of its end
    /// (its line break, or the end of the YAML).
    line_starts: Vec<usize>,
    line_ends: Vec<usize>,
    /// Byte offset (relative to `base`) of every character, only when the YAML is not ASCII.
    char_bytes: Option<Vec<usize>>,
    /// Character index of every line's first character, only when the YAML is not ASCII.
    line_start_chars: Vec<usize>,
    src_len: usize,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str, yaml: Span) -> Self {
        let src = &text[yaml.range()];
        // Line breaks as YAML reads them: LF, CR LF, and a lone CR.
        let bytes = src.as_bytes();
        let mut line_starts = vec![0];
        let mut line_ends = Vec::new();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
                b'\n' if i > 0 && bytes[i - 1] == b'\r' => {
                    line_ends.push(i - 1);
                    line_starts.push(i + 1);
                }
                _ => {
                    line_ends.push(i);
                    line_starts.push(i + 1);
                }
            }
        }
        line_ends.push(src.len());
        let (char_bytes, line_start_chars) = if src.is_ascii() {
            (None, Vec::new())
        } else {
            let char_bytes: Vec<usize> = src.char_indices().map(|(i, _)| i).collect();
            // Every line start is a character boundary (it follows a CR or LF).
            let starts = line_starts.iter().map(|&b| char_bytes.partition_point(|&c| c < b)).collect();
            (Some(char_bytes), starts)
        };
        Self { text, base: yaml.start, line_starts, line_ends, char_bytes, line_start_chars, src_len: src.len() }
    }

    fn offset(&self, marker: &Marker) -> usize {
        // Lines and columns are 1-based.
        let line = marker.line().saturating_sub(1).min(self.line_starts.len() - 1);
        let column = marker.column().saturating_sub(1);
        let line_end = self.line_ends[line];
        let rel = match &self.char_bytes {
            None => self.line_starts[line].saturating_add(column),
            Some(bytes) => {
                let c = self.line_start_chars[line].saturating_add(column);
                bytes.get(c).copied().unwrap_or(self.src_len)
            }
        };
        self.base + rel.min(line_end)
    }

    /// `offset` moved back to a character boundary, within the YAML.
    fn floor_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.end());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    fn end(&self) -> usize {
        self.base + self.src_len
    }

    fn node_start(&self, node: &Node) -> usize {
        node.span().start().map_or(self.base, |m| self.offset(m))
    }

    fn entry(&self, key: &marked_yaml::types::MarkedScalarNode, value: &Node, depth: usize) -> Entry {
        let key_span = self.key_span(key);
        let value = self.value(value, Some(key_span), depth);
        Entry { key: key.as_str().to_owned(), key_span, value }
    }

    /// Converts a node; `key_span` is the span of its key when it is the value of a mapping.
    fn value(&self, node: &Node, key_span: Option<Span>, depth: usize) -> Value {
        let start = self.node_start(node);
        match node {
            Node::Scalar(s) => {
                let text = s.as_str().to_owned();
                let (style, span) = match key_span {
                    Some(key_span) => self.mapping_scalar(key_span, start, &text),
                    None => (self.style_at(start), self.scalar_span(start, text.is_empty())),
                };
                Value { span, kind: ValueKind::Scalar { text, style } }
            }
            Node::Sequence(items) => {
                let children: Vec<Value> = if depth < MAX_DEPTH {
                    items.iter().map(|item| self.value(item, None, depth + 1)).collect()
                } else {
                    Vec::new()
                };
                let end = self.collection_end(node, start, children.iter().map(|c| c.span.end));
                Value { span: Span::new(start, end), kind: ValueKind::Sequence(children) }
            }
            Node::Mapping(map) => {
                let children: Vec<Entry> = if depth < MAX_DEPTH {
                    map.iter().map(|(k, v)| self.entry(k, v, depth + 1)).collect()
                } else {
                    Vec::new()
                };
                // A block mapping's marker is at its first value: start at its first key.
                let start = children.first().map_or(start, |c| c.key_span.start.min(start));
                let end = self.collection_end(node, start, children.iter().map(|c| c.value.span.end));
                Value { span: Span::new(start, end), kind: ValueKind::Mapping(children) }
            }
        }
    }

    fn key_span(&self, key: &marked_yaml::types::MarkedScalarNode) -> Span {
        let start = key.span().start().map_or(self.base, |m| self.offset(m));
        match self.style_at(start) {
            // A plain key is exactly its text: it cannot contain `: ` or a comment.
            ScalarStyle::Plain => Span::new(start, self.floor_boundary(start + key.as_str().len())),
            _ => self.scalar_span(start, false),
        }
    }

    fn style_at(&self, start: usize) -> ScalarStyle {
        match self.text.as_bytes().get(start) {
            Some(b'\'') => ScalarStyle::SingleQuoted,
            Some(b'"') => ScalarStyle::DoubleQuoted,
            Some(b'|') => ScalarStyle::Literal,
            Some(b'>') => ScalarStyle::Folded,
            _ => ScalarStyle::Plain,
        }
    }

    /// The span of a scalar's text starting at `start`: a quoted string to its closing quote,
    /// anything else to the end of its first line, without a trailing comment or blanks.
    fn scalar_span(&self, start: usize, empty: bool) -> Span {
        let end_of_yaml = self.end();
        if empty || start >= end_of_yaml {
            return Span::at(start.min(end_of_yaml));
        }
        let rest = &self.text[start..end_of_yaml];
        let len = match rest.as_bytes()[0] {
            b'"' => closing_double_quote(rest),
            b'\'' => closing_single_quote(rest),
            _ => plain_len(rest),
        };
        Span::new(start, start + len)
    }

    /// The style and span of a scalar that is the value of the key at `key_span`. marked-yaml
    /// places a block scalar at its content and an empty value at the next token (maybe the
    /// next key): the header after the colon tells what was written.
    fn mapping_scalar(&self, key_span: Span, start: usize, text: &str) -> (ScalarStyle, Span) {
        let colon = self.after_colon(key_span);
        let header = &self.text[colon.end..self.end()];
        let indent = header.len() - header.trim_start_matches([' ', '\t']).len();
        let header_start = colon.end + indent;
        match self.style_at(header_start) {
            style @ (ScalarStyle::Literal | ScalarStyle::Folded) => {
                (style, Span::new(header_start, header_start + plain_len(&self.text[header_start..self.end()])))
            }
            _ => {
                let style = self.style_at(start);
                let empty = text.is_empty() && style == ScalarStyle::Plain;
                let span = if empty || start < key_span.end { colon } else { self.scalar_span(start, false) };
                (style, span)
            }
        }
    }

    /// A point right after the `:` that follows a key on its line.
    fn after_colon(&self, key_span: Span) -> Span {
        let rest = &self.text[key_span.end..self.end()];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let colon = line.find(':').map_or(0, |i| i + 1);
        Span::at(key_span.end + colon)
    }

    fn collection_end(&self, node: &Node, start: usize, child_ends: impl Iterator<Item = usize>) -> usize {
        let flow = matches!(self.text.as_bytes().get(start), Some(b'[' | b'{'));
        let marker_end = node.span().end().map(|m| self.offset(m));
        let end = match (flow, marker_end) {
            // The marker sits on the closing bracket.
            (true, Some(end)) => end + usize::from(matches!(self.text.as_bytes().get(end), Some(b']' | b'}'))),
            _ => child_ends.max().unwrap_or(start + 1),
        };
        end.clamp(start, self.end())
    }

    fn load_error(&self, e: LoadError) -> YamlError {
        let (marker, message) = match &e {
            LoadError::TopLevelMustBeMapping(m) => {
                (Some(*m), "the YAML must be a mapping of `key: value` lines".to_owned())
            }
            LoadError::UnexpectedAnchor(m) => {
                (Some(*m), "anchors and aliases (`&name`, `*name`) are not allowed in SCS metadata".to_owned())
            }
            LoadError::UnexpectedTag(m) => (Some(*m), "YAML tags (`!tag`) are not allowed in SCS metadata".to_owned()),
            LoadError::MappingKeyMustBeScalar(m) => (Some(*m), "keys must be plain strings".to_owned()),
            LoadError::ScanError(m, err) => (Some(*m), format!("invalid YAML: {}", err.info())),
            LoadError::DuplicateKey(inner) => {
                let message = format!("duplicate key `{}`", inner.key.as_str());
                let related = Some((self.key_span(&inner.prev_key), "first defined here".to_owned()));
                return YamlError { message, span: self.key_span(&inner.key), related };
            }
            other => (None, format!("invalid YAML: {other}")),
        };
        let offset = marker.map_or(self.base, |m| self.offset(&m));
        YamlError { message, span: Span::at(offset), related: None }
    }
}

fn closing_double_quote(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    s.len()
}

fn closing_single_quote(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    s.len()
}

fn plain_len(s: &str) -> usize {
    // One pass: the value ends at the line end or at a comment (`#` after a blank).
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || b == b'\r' || (b == b'#' && i > 0 && matches!(bytes[i - 1], b' ' | b'\t')) {
            end = i;
            break;
        }
    }
    s[..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front_matter::tests::closed;

    fn fm(text: &str) -> crate::front_matter::FrontMatter {
        let (yaml, _) = closed(text);
        crate::front_matter::FrontMatter { entries: parse_mapping(text, yaml).expect("valid YAML") }
    }

    fn snippet(text: &str, span: Span) -> &str {
        &text[span.range()]
    }

    #[test]
    fn spans_of_keys_and_values() {
        let text =
            "---\ntitle: A title  # note\nreplaces:\n  - a.md\n  - 'b.md'\nstatus: \"Draft\"\nempty:\nm: {a: 1}\n---\n";
        let f = fm(text);
        let keys: Vec<_> = f.entries.iter().map(|e| snippet(text, e.key_span)).collect();
        assert_eq!(keys, ["title", "replaces", "status", "empty", "m"]);
        let title = f.get("title").expect("title");
        assert_eq!(snippet(text, title.value.span), "A title");
        let replaces = f.get("replaces").expect("replaces");
        assert_eq!(snippet(text, replaces.value.span), "- a.md\n  - 'b.md'");
        let items = replaces.value.as_sequence().expect("list");
        assert_eq!(items[1].as_str(), Some("b.md"));
        assert_eq!(snippet(text, items[1].span), "'b.md'");
        let status = f.get("status").expect("status");
        assert_eq!(snippet(text, status.value.span), "\"Draft\"");
        assert_eq!(status.value.as_str(), Some("Draft"));
        let empty = f.get("empty").expect("empty");
        assert!(empty.value.is_null());
        assert_eq!(empty.value.span, Span::at(text.find("empty:").unwrap_or(0) + 6));
        assert_eq!(snippet(text, f.get("m").expect("m").value.span), "{a: 1}");
    }

    #[test]
    fn non_ascii_front_matter_maps_characters_to_bytes() {
        let text = "---\ntitle: Größe\ntrack: IaaS\n---\n";
        let f = fm(text);
        assert_eq!(snippet(text, f.get("track").expect("track").value.span), "IaaS");
    }

    #[test]
    fn block_scalar_span_is_its_header() {
        let text = "---\ndescription: |\n  long\n  text\ntype: Standard\n---\n";
        let f = fm(text);
        let d = f.get("description").expect("description");
        assert_eq!(snippet(text, d.value.span), "|");
        assert_eq!(d.value.as_str(), Some("long\ntext\n"));
        assert_eq!(snippet(text, f.get("type").expect("type").value.span), "Standard");
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let text = "---\ntype: [a\n---\n";
        let (yaml, _) = closed(text);
        let e = parse_mapping(text, yaml).expect_err("unterminated flow sequence");
        assert!(e.message.starts_with("invalid YAML"), "{}", e.message);
        assert!(e.span.start >= yaml.start && e.span.start <= yaml.end);

        let text = "---\ntype: a\ntype: b\n---\n";
        let (yaml, _) = closed(text);
        let e = parse_mapping(text, yaml).expect_err("duplicate key");
        assert_eq!(e.message, "duplicate key `type`");
        assert_eq!(e.span, Span::new(12, 16));
        assert_eq!(e.related.map(|r| r.0), Some(Span::new(4, 8)));

        let text = "---\na: &x 1\nb: *x\n---\n";
        let (yaml, _) = closed(text);
        assert!(parse_mapping(text, yaml).expect_err("anchor").message.contains("anchors"));

        let text = "---\n- a\n---\n";
        let (yaml, _) = closed(text);
        assert!(parse_mapping(text, yaml).expect_err("list").message.contains("mapping"));
    }

    /// marked-yaml counts a multi-byte character in some block scalars as several: the spans
    /// follow lines and columns instead, so every later key is still found where it is written.
    #[test]
    fn keys_after_non_ascii_block_scalars_are_where_they_are_written() {
        for text in [
            "---\ndescription: |\n -\u{1F980}\nreplaces: 4\n---\n:",
            "---\na: |\n  \u{1F980}\u{e9}\n  x\nreplaces: [b]\nstatus: Draft\n---\n",
            "---\na: >\n  \u{1F980}x\n  \u{e9}\u{e9}\nreplaces: 4\n---\n",
            "---\n\u{1F980}: '\u{1F980}\n  \u{1F980}'\nreplaces: 4 # \u{e9}\n---\n",
            "---\r\na: |\r\n \u{1F980}\r\nreplaces: 4\r\n---\r\n",
            // A lone CR is a line break to YAML (found by the fuzzer).
            "---\ntitle: V\ntype: Standard\rstatus: Stable\nreplaces:\n  - a.md\n---\n",
            "---\ntype: \u{e9}\rx: |\r \u{1F980}\rreplaces: [a]\n---\n",
        ] {
            let f = fm(text);
            let replaces = f.get("replaces").expect("replaces");
            assert_eq!(snippet(text, replaces.key_span), "replaces", "{text:?}");
            assert!(replaces.value.span.start >= replaces.key_span.end, "{text:?}");
            assert!(snippet(text, replaces.value.span).starts_with(['4', '[', '-']), "{text:?}");
        }
    }

    #[test]
    fn empty_front_matter_has_no_entries() {
        assert!(fm("---\n---\n").entries.is_empty());
        assert!(fm("---\n# only a comment\n---\n").entries.is_empty());
    }

    #[test]
    fn multi_line_non_ascii_flow_key_keeps_spans_on_char_boundaries() {
        let text = "---\nm: {é\n é: 1}\ntype: Standard\n---\n";
        let f = fm(text);
        let m = f.get("m").expect("m");
        let ValueKind::Mapping(entries) = &m.value.kind else { panic!("mapping") };
        for span in [m.key_span, m.value.span, entries[0].key_span, entries[0].value.span] {
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{span:?}");
        }
    }

    #[test]
    fn hostile_depth_is_refused_before_parsing() {
        let depth = 100_000;
        let yaml = format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        let text = format!("---\n{yaml}---\n");
        let (span, _) = closed(&text);
        let e = parse_mapping(&text, span).expect_err("too deep");
        assert!(e.message.contains("levels deep"), "{}", e.message);

        let nested_maps: String = (0..3000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        let text = format!("---\n{nested_maps}---\n");
        let (span, _) = closed(&text);
        let e = parse_mapping(&text, span).expect_err("too deep");
        assert!(e.message.contains("levels deep"), "refused before parsing: {}", e.message);

        let dashes = format!("a:\n  {}x\n", "- ".repeat(500));
        let text = format!("---\n{dashes}---\n");
        let (span, _) = closed(&text);
        let e = parse_mapping(&text, span).expect_err("too deep");
        assert!(e.message.contains("levels deep"), "refused before parsing: {}", e.message);

        // Just within the limit, the same shapes are parsed.
        let depth = MAX_PARSE_DEPTH - 2;
        let text = format!("---\na: {}{}\n---\n", "[".repeat(depth), "]".repeat(depth));
        let (span, _) = closed(&text);
        assert!(parse_mapping(&text, span).is_ok());
    }

    #[test]
    fn nesting_estimate_of_real_front_matter_is_small() {
        let src = "title: \"A [draft] title\"\nreplaces:\n  - a.md\ndescription: |\n  text\n    more\nm: {a: [1, 2]}\n";
        assert!(nesting_depth(src) <= 4, "{}", nesting_depth(src));
    }

    #[test]
    fn deep_nesting_is_cut_off() {
        // How deep a value's sequences go.
        fn levels(value: &Value) -> usize {
            match &value.kind {
                ValueKind::Sequence(items) => 1 + items.iter().map(levels).max().unwrap_or(0),
                _ => 0,
            }
        }
        for (depth, kept) in [(50, MAX_DEPTH + 1), (MAX_DEPTH, MAX_DEPTH), (3, 3)] {
            let yaml = format!("a: {}x{}\n", "[".repeat(depth), "]".repeat(depth));
            let text = format!("---\n{yaml}---\n");
            let f = fm(&text);
            assert_eq!(f.entries.len(), 1);
            assert_eq!(levels(&f.entries[0].value), kept, "{depth} levels written");
        }
    }
}

//! The Markdown body of a document: its headings (with anchors) and its links, in every form
//! GitHub and the docs site render as a link.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::anchor::Slugger;
use crate::span::Span;
use crate::{autolink, html};

/// A heading, its plain text and the anchor that links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, …
    pub level: u8,
    pub text: String,
    /// The explicit `{#id}` if the heading has one (Docusaurus), else the generated slug.
    pub anchor: String,
    pub span: Span,
}

/// A link or image in the body (never inside code), with its text and destination as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub destination: String,
    pub is_image: bool,
    pub form: LinkForm,
    pub span: Span,
}

/// How a link is written. Every form is checked alike; the form only words the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkForm {
    /// `[text](target)` or `![alt](src)`.
    Inline,
    /// `[text][label]`, `[label][]` or `[label]` with a `[label]: target` definition.
    Reference,
    /// `<https://…>`.
    Autolink,
    /// A bare `https://…`, `www.…` or e-mail address in running text (GFM autolink literal).
    Literal,
    /// `<a href="…">` or `<img src="…">`.
    Html,
}

impl LinkForm {
    fn of(link_type: LinkType) -> Self {
        match link_type {
            LinkType::Autolink | LinkType::Email => Self::Autolink,
            LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown => Self::Reference,
            _ => Self::Inline,
        }
    }

    /// How a message names the form.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Inline | Self::Reference | Self::Autolink => "link",
            Self::Literal => "bare URL",
            Self::Html => "HTML link",
        }
    }
}

/// An HTML comment `<!-- scs-ignore RULE[, RULE…]: reason -->` that suppresses findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub rules: Vec<String>,
    /// The text after the colon; `None` when the comment gives no reason.
    pub reason: Option<String>,
    pub span: Span,
}

/// Headings, links, HTML anchors and suppression comments of a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Body {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    /// Targets defined in raw HTML (`<a id="x">`, `<a name="x">`), which links may point at.
    pub html_anchors: Vec<String>,
    pub suppressions: Vec<Suppression>,
    /// Anchors by name, built on the first lookup (a parsed body does not change): a document
    /// with thousands of headings and links to them is checked in linear time, not headings ×
    /// links.
    anchors: std::sync::OnceLock<Anchors>,
}

/// The lookups of a body's anchors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Anchors {
    /// The first heading of each anchor.
    headings: std::collections::HashMap<String, usize>,
    /// Every heading and HTML anchor, in lower case.
    lower: std::collections::HashSet<String>,
    html: std::collections::HashSet<String>,
}

impl Body {
    fn anchors(&self) -> &Anchors {
        self.anchors.get_or_init(|| {
            let mut anchors = Anchors::default();
            for (i, h) in self.headings.iter().enumerate() {
                anchors.headings.entry(h.anchor.clone()).or_insert(i);
                anchors.lower.insert(h.anchor.to_lowercase());
            }
            anchors.html.extend(self.html_anchors.iter().cloned());
            anchors
        })
    }

    /// The heading whose anchor is `anchor`.
    pub fn heading(&self, anchor: &str) -> Option<&Heading> {
        self.anchors().headings.get(anchor).map(|&i| &self.headings[i])
    }

    /// Whether `fragment` (without `#`) names a heading or an HTML anchor of this body.
    pub fn has_anchor(&self, fragment: &str) -> bool {
        self.heading(fragment).is_some() || self.anchors().html.contains(fragment)
    }

    /// Whether a heading's anchor equals `fragment` in any case.
    pub fn has_heading_ignoring_case(&self, fragment: &str) -> bool {
        self.anchors().lower.contains(&fragment.to_lowercase())
    }
}

/// Parses `text[start..]` as GitHub-flavoured Markdown; spans are offsets into `text`.
pub fn parse(text: &str, start: usize) -> Body {
    // pulldown-cmark (0.13, with heading attributes on) takes the lines after a heading that
    // ends in a lone CR into the heading, where CommonMark (and GitHub) end the line: links
    // there went unseen. A lone CR is read as the LF it stands for; both are one byte, so
    // every span stays the text's.
    let normalized;
    let text = if has_lone_cr(text.as_bytes()) {
        normalized = lone_cr_as_lf(text);
        normalized.as_str()
    } else {
        text
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    let mut walk = Walk { source: text, body: Body::default(), ..Walk::default() };
    for (event, range) in Parser::new_ext(&text[start..], options).into_offset_iter() {
        walk.event(event, Span::from(range).shift(start));
    }
    walk.flush();
    walk.body
}

fn has_lone_cr(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
}

fn lone_cr_as_lf(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for i in memchr::memchr_iter(b'\r', bytes).filter(|&i| bytes.get(i + 1) != Some(&b'\n')) {
        out.push_str(&text[from..i]);
        out.push('\n');
        from = i + 1;
    }
    out.push_str(&text[from..]);
    out
}

/// The state of one pass over the events of a body.
#[derive(Default)]
struct Walk<'a> {
    source: &'a str,
    body: Body,
    slugger: Slugger,
    /// The open heading: level, explicit id, span, text so far.
    heading: Option<(u8, Option<String>, Span, String)>,
    /// Links whose text is being collected (indexes into `body.links`).
    open_links: Vec<usize>,
    /// An inline `<a href>` whose `</a>` has not come yet.
    open_html_link: Option<usize>,
    in_code_block: bool,
    /// Adjacent text events outside code and links: their span, and their decoded text when it
    /// differs from the source (escapes, entities); `None` while the source is the text, so
    /// that nothing is copied and literal spans are exact.
    text_run: Option<(Span, Option<String>)>,
    /// Adjacent raw HTML: span and text, and whether the text is the source as written.
    html_run: Option<(Span, String, bool)>,
}

impl Walk<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) {
        if !matches!(event, Event::Text(_)) {
            self.flush_text();
        }
        if !matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            self.flush_html();
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some((level_number(level), id.map(|i| i.to_string()), span, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, span, text)) = self.heading.take() {
                    let text = text.trim().to_owned();
                    let anchor = match id {
                        Some(id) => {
                            self.slugger.reserve(&id);
                            id
                        }
                        None => self.slugger.slug(&text),
                    };
                    self.body.headings.push(Heading { level, text, anchor, span });
                }
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let (is_image, link_type, dest_url) = match tag {
                    Tag::Image { link_type, dest_url, .. } => (true, link_type, dest_url),
                    Tag::Link { link_type, dest_url, .. } => (false, link_type, dest_url),
                    _ => return,
                };
                self.open_links.push(self.body.links.len());
                self.body.links.push(Link {
                    text: String::new(),
                    destination: dest_url.to_string(),
                    is_image,
                    form: LinkForm::of(link_type),
                    span,
                });
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                self.open_links.pop();
            }
            Event::Text(t) => {
                self.collect_text(&t);
                if !self.in_code_block && self.open_links.is_empty() && self.open_html_link.is_none() {
                    let exact = self.source.get(span.range()) == Some(t.as_ref());
                    match self.text_run.as_mut() {
                        Some((run, decoded)) if run.end == span.start => {
                            match decoded {
                                Some(text) => text.push_str(&t),
                                None if exact => {}
                                None => *decoded = Some(format!("{}{t}", &self.source[run.range()])),
                            }
                            run.end = span.end;
                        }
                        _ => self.text_run = Some((span, (!exact).then(|| t.to_string()))),
                    }
                }
            }
            Event::Code(t) => self.collect_text(&t),
            Event::Html(t) | Event::InlineHtml(t) => {
                let exact = self.source.get(span.range()) == Some(t.as_ref());
                match self.html_run.as_mut() {
                    Some((run, text, true)) if exact && run.end == span.start => {
                        run.end = span.end;
                        text.push_str(&t);
                    }
                    _ => {
                        self.flush_html();
                        self.html_run = Some((span, t.to_string(), exact));
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => self.collect_text(" "),
            _ => {}
        }
    }

    /// Text belongs to the open heading and to every open link.
    fn collect_text(&mut self, t: &str) {
        if let Some((.., text)) = self.heading.as_mut() {
            text.push_str(t);
        }
        for &i in &self.open_links {
            self.body.links[i].text.push_str(t);
        }
        if let Some(i) = self.open_html_link {
            self.body.links[i].text.push_str(t);
        }
    }

    fn flush(&mut self) {
        self.flush_text();
        self.flush_html();
    }

    /// The autolink literals of the text run that just ended.
    fn flush_text(&mut self) {
        let Some((run, decoded)) = self.text_run.take() else { return };
        let exact = decoded.is_none();
        let text = decoded.as_deref().unwrap_or(&self.source[run.range()]);
        let before = self.source[..run.start].chars().next_back();
        for literal in autolink::find(text, before) {
            let span = if exact { Span::new(run.start + literal.start, run.start + literal.end) } else { run };
            self.body.links.push(Link {
                text: text[literal.start..literal.end].to_owned(),
                destination: literal.destination,
                is_image: false,
                form: LinkForm::Literal,
                span,
            });
        }
    }

    /// Links, anchors and suppression comments of the raw HTML that just ended.
    fn flush_html(&mut self) {
        let Some((run, html, exact)) = self.html_run.take() else { return };
        let at = |start: usize, end: usize| if exact { Span::new(run.start + start, run.start + end) } else { run };
        for (start, end, content) in html::comments(&html) {
            if let Some(s) = parse_suppression(content, at(start, end)) {
                self.body.suppressions.push(s);
            }
        }
        for tag in html::tags(&html) {
            let anchor = tag.attribute("id").or_else(|| tag.attribute("name").filter(|_| tag.name == "a"));
            if let Some(anchor) = anchor {
                self.body.html_anchors.push(anchor.to_owned());
            }
        }
        if self.open_html_link.is_some() && html::closes_anchor(&html) {
            self.open_html_link = None;
        }
        for link in html::links(&html) {
            let index = self.body.links.len();
            if !link.is_image && link.text.is_none() {
                self.open_html_link = Some(index);
            }
            self.body.links.push(Link {
                text: link.text.unwrap_or_default(),
                destination: link.destination,
                is_image: link.is_image,
                form: LinkForm::Html,
                span: at(link.start, link.end),
            });
        }
    }
}

/// `scs-ignore RULE[, RULE…][: reason]` inside a comment.
fn parse_suppression(comment: &str, span: Span) -> Option<Suppression> {
    let content = comment.trim().strip_prefix("scs-ignore")?;
    if !content.is_empty() && !content.starts_with(char::is_whitespace) && !content.starts_with(':') {
        return None;
    }
    let (rules, reason) = match content.split_once(':') {
        Some((rules, reason)) => (rules, Some(reason.trim()).filter(|r| !r.is_empty()).map(str::to_owned)),
        None => (content, None),
    };
    let rules = rules.split([',', ' ']).map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned).collect();
    Some(Suppression { rules, reason, span })
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 31: a heading ending in a lone CR does not swallow the lines after it.
    #[test]
    fn a_lone_cr_ends_a_heading_line() {
        let text = "## Introduction\r\r[x](scs-0999-v1-gone.md)\r";
        let body = parse(text, 0);
        assert_eq!(body.headings[0].text, "Introduction");
        assert_eq!(body.links.len(), 1);
        assert_eq!(&text[body.links[0].span.range()], "[x](scs-0999-v1-gone.md)");
        assert_eq!(lone_cr_as_lf("a\rb\r\nc\r"), "a\nb\r\nc\n");
    }

    #[test]
    fn headings_with_anchors_and_spans() {
        let text = "---\nx: 1\n---\n# Title\n\n## Design `Considerations`\n\nSetext\n------\n\n## Notes {#custom}\n\n## Notes\n";
        let body = parse(text, 12);
        let got: Vec<_> = body.headings.iter().map(|h| (h.level, h.text.as_str(), h.anchor.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "Title", "title"),
                (2, "Design Considerations", "design-considerations"),
                (2, "Setext", "setext"),
                (2, "Notes", "custom"),
                (2, "Notes", "notes"),
            ]
        );
        assert_eq!(&text[body.headings[0].span.range()], "# Title\n");
        assert!(body.heading("custom").is_some());
    }

    #[test]
    fn html_anchors_and_suppressions() {
        let text = "<a id=\"top\"></a>\n\nText <a name=\"inline\">x</a> <span data-id=\"no\">y</span>\n\n<!-- scs-ignore broken-link, broken-anchor: the target moves in PR 12 -->\n[x](gone.md)\n\n<!-- scs-ignore missing-section -->\n<!-- an ordinary comment -->\n<!--scs-ignorefoo-->\n";
        let body = parse(text, 0);
        assert_eq!(body.html_anchors, ["top", "inline"]);
        assert!(body.has_anchor("top") && !body.has_anchor("no"));
        assert_eq!(body.suppressions.len(), 2);
        let first = &body.suppressions[0];
        assert_eq!(first.rules, ["broken-link", "broken-anchor"]);
        assert_eq!(first.reason.as_deref(), Some("the target moves in PR 12"));
        assert!(text[first.span.range()].starts_with("<!-- scs-ignore") && text[first.span.range()].ends_with("-->"));
        assert_eq!(body.suppressions[1].rules, ["missing-section"]);
        assert_eq!(body.suppressions[1].reason, None);
    }

    #[test]
    fn links_outside_code_only() {
        let text = "See [SCS-0100](scs-0100-v3-flavor-naming.md#intro) and ![logo](img/a.png).\n\n```\n[not](a-link.md)\n```\n\n`[nor](this.md)` <https://docs.scs.community/standards/scs-0001-v1>\n\n[ref]: ./x.md\nA [ref] link.\n";
        let body = parse(text, 0);
        let got: Vec<_> = body.links.iter().map(|l| (l.text.as_str(), l.destination.as_str(), l.is_image)).collect();
        assert_eq!(
            got,
            [
                ("SCS-0100", "scs-0100-v3-flavor-naming.md#intro", false),
                ("logo", "img/a.png", true),
                (
                    "https://docs.scs.community/standards/scs-0001-v1",
                    "https://docs.scs.community/standards/scs-0001-v1",
                    false
                ),
                ("ref", "./x.md", false),
            ]
        );
        assert_eq!(&text[body.links[0].span.range()], "[SCS-0100](scs-0100-v3-flavor-naming.md#intro)");
    }

    #[test]
    fn every_link_form_once_and_never_in_code() {
        let text = concat!(
            "Inline [a](scs-0100-v1-a.md) and <https://docs.scs.community/standards/scs-0101-v1-b>.\n",
            "Bare https://docs.scs.community/standards/scs-0102-v1-c#intro, and www.example.org.\n",
            "[https://in.link.text/not-twice](scs-0103-v1-d.md) `https://in.code.span/x`\n\n",
            "```\nhttps://in.fenced.code/x <a href=\"fenced.md\">x</a>\n```\n\n",
            "    https://in.indented.code/x\n\n",
            "Text <a href=\"scs-0104-v1-e.md#top\">the <em>E</em> doc</a> and <img src=\"img/x.png\" alt=\"X\">.\n\n",
            "<div>\n<a href=\"scs-0105-v1-f.md\">F</a>\n<!-- <a href=\"commented.md\">no</a> -->\n</div>\n\n",
            "> https://github.com/SovereignCloudStack/standards/blob/main/Standards/scs-0106-v1-g.md in a quote\n",
            "\n| cell https://example.org/a_b_c |\n|---|\n",
        );
        let body = parse(text, 0);
        let got: Vec<_> = body.links.iter().map(|l| (l.form, l.destination.as_str(), l.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (LinkForm::Inline, "scs-0100-v1-a.md", "a"),
                (
                    LinkForm::Autolink,
                    "https://docs.scs.community/standards/scs-0101-v1-b",
                    "https://docs.scs.community/standards/scs-0101-v1-b"
                ),
                (
                    LinkForm::Literal,
                    "https://docs.scs.community/standards/scs-0102-v1-c#intro",
                    "https://docs.scs.community/standards/scs-0102-v1-c#intro"
                ),
                (LinkForm::Literal, "http://www.example.org", "www.example.org"),
                (LinkForm::Inline, "scs-0103-v1-d.md", "https://in.link.text/not-twice"),
                (LinkForm::Html, "scs-0104-v1-e.md#top", "the E doc"),
                (LinkForm::Html, "img/x.png", "X"),
                (LinkForm::Html, "scs-0105-v1-f.md", "F"),
                (
                    LinkForm::Literal,
                    "https://github.com/SovereignCloudStack/standards/blob/main/Standards/scs-0106-v1-g.md",
                    "https://github.com/SovereignCloudStack/standards/blob/main/Standards/scs-0106-v1-g.md"
                ),
                (LinkForm::Literal, "https://example.org/a_b_c", "https://example.org/a_b_c"),
            ]
        );
        for link in &body.links {
            let written = &text[link.span.range()];
            match link.form {
                LinkForm::Literal => assert_eq!(written, link.text),
                LinkForm::Html => assert!(written.starts_with('<') && written.ends_with('>'), "{written}"),
                _ => assert!(written.contains(&link.destination), "{written}"),
            }
        }
    }
}

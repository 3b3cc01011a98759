//! The Markdown body of a document: its headings (with anchors) and its links.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::anchor::Slugger;
use crate::span::Span;

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
    pub span: Span,
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
}

impl Body {
    /// The heading whose anchor is `anchor`.
    pub fn heading(&self, anchor: &str) -> Option<&Heading> {
        self.headings.iter().find(|h| h.anchor == anchor)
    }

    /// Whether `fragment` (without `#`) names a heading or an HTML anchor of this body.
    pub fn has_anchor(&self, fragment: &str) -> bool {
        self.heading(fragment).is_some() || self.html_anchors.iter().any(|a| a == fragment)
    }
}

/// Parses `text[start..]` as GitHub-flavoured Markdown; spans are offsets into `text`.
pub fn parse(text: &str, start: usize) -> Body {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    let mut body = Body::default();
    let mut slugger = Slugger::new();
    // Open heading (level, explicit id, span) and open links (index into body.links).
    let mut heading: Option<(u8, Option<String>, Span, String)> = None;
    let mut open_links: Vec<usize> = Vec::new();
    for (event, range) in Parser::new_ext(&text[start..], options).into_offset_iter() {
        let span = Span::from(range).shift(start);
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level_number(level), id.map(|i| i.to_string()), span, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, span, text)) = heading.take() {
                    let text = text.trim().to_owned();
                    let anchor = match id {
                        Some(id) => {
                            slugger.reserve(&id);
                            id
                        }
                        None => slugger.slug(&text),
                    };
                    body.headings.push(Heading { level, text, anchor, span });
                }
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let (is_image, dest_url) = match tag {
                    Tag::Image { dest_url, .. } => (true, dest_url),
                    Tag::Link { dest_url, .. } => (false, dest_url),
                    _ => continue,
                };
                open_links.push(body.links.len());
                body.links.push(Link { text: String::new(), destination: dest_url.to_string(), is_image, span });
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                open_links.pop();
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((.., text)) = heading.as_mut() {
                    text.push_str(&t);
                }
                for &i in &open_links {
                    body.links[i].text.push_str(&t);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                collect_html(&html, span, &mut body);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((.., text)) = heading.as_mut() {
                    text.push(' ');
                }
                for &i in &open_links {
                    body.links[i].text.push(' ');
                }
            }
            _ => {}
        }
    }
    body
}

/// Picks anchors and suppression comments out of raw HTML.
fn collect_html(html: &str, span: Span, body: &mut Body) {
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        let after = &rest[start + 4..];
        let Some(end) = after.find("-->") else { break };
        let comment_start = span.start + (html.len() - rest.len()) + start;
        if let Some(s) = parse_suppression(&after[..end], Span::new(comment_start, comment_start + end + 7)) {
            body.suppressions.push(s);
        }
        rest = &after[end + 3..];
    }
    for attr in ["id=\"", "name=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let value = &rest[i + attr.len()..];
            let preceded_by_space = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
            if let Some(end) = value.find('"')
                && preceded_by_space
            {
                body.html_anchors.push(value[..end].to_owned());
            }
            rest = value;
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
}

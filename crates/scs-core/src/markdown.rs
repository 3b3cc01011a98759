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

/// Headings and links of a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Body {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
}

impl Body {
    /// The heading whose anchor is `anchor`.
    pub fn heading(&self, anchor: &str) -> Option<&Heading> {
        self.headings.iter().find(|h| h.anchor == anchor)
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

//! The raw HTML of a Markdown body as both renderers read it: start tags with their
//! attributes (`<a href>`, `<img src>`, any `id`/`name`) and comments, which hide what they hold.

/// A start tag: its name in lower case, its byte range in the HTML, and its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    pub name: String,
    pub start: usize,
    pub end: usize,
    attributes: Vec<(&'a str, String)>,
}

impl Tag<'_> {
    /// The decoded value of attribute `name` (case-insensitive), if the tag has it.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A link written in HTML: `<a href="…">` or `<img src="…">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlLink {
    pub start: usize,
    pub end: usize,
    pub destination: String,
    pub is_image: bool,
    /// The text up to `</a>` when it is in the same piece of HTML; `None` when it follows
    /// outside (inline HTML) or never comes.
    pub text: Option<String>,
}

/// The comments of `html`: (start, end, content between `<!--` and `-->`).
pub fn comments(html: &str) -> Vec<(usize, usize, &str)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = html[at..].find("<!--").map(|i| at + i) {
        let Some(end) = html[start + 4..].find("-->").map(|i| start + 4 + i) else { break };
        found.push((start, end + 3, &html[start + 4..end]));
        at = end + 3;
    }
    found
}

/// Every start tag of `html` outside comments.
pub fn tags(html: &str) -> Vec<Tag<'_>> {
    let hidden = comments(html);
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = html[at..].find('<').map(|i| at + i) {
        if let Some(&(_, end, _)) = hidden.iter().find(|(s, _, _)| *s == start) {
            at = end;
            continue;
        }
        match tag(html, start) {
            Some(tag) => {
                at = tag.end;
                found.push(tag);
            }
            None => at = start + 1,
        }
    }
    found
}

/// The links of `html`: `<a href>` and `<img src>`.
pub fn links(html: &str) -> Vec<HtmlLink> {
    tags(html)
        .into_iter()
        .filter_map(|tag| {
            let is_image = match tag.name.as_str() {
                "a" => false,
                "img" => true,
                _ => return None,
            };
            let destination = tag.attribute(if is_image { "src" } else { "href" })?.to_owned();
            let text = if is_image {
                tag.attribute("alt").map(str::to_owned)
            } else {
                let after = &html[tag.end..];
                find_ascii_case_insensitive(after, "</a").map(|close| strip_tags(&after[..close]))
            };
            Some(HtmlLink { start: tag.start, end: tag.end, destination, is_image, text })
        })
        .collect()
}

/// Whether `html` holds the end tag `</a>`.
pub fn closes_anchor(html: &str) -> bool {
    find_ascii_case_insensitive(html, "</a").is_some()
}

/// The start tag at `html[start..]` (which begins with `<`), read as the HTML tokenizer does:
/// a name of ASCII letters and digits, then attributes until `>` outside quotes.
fn tag(html: &str, start: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-') {
        i += 1;
    }
    let name = html[start + 1..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace() || *b == b'/') {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some(Tag { name, start, end: i + 1, attributes }),
            b'<' => return None,
            _ => {}
        }
        let name_start = i;
        while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'=')) {
            i += 1;
        }
        let attribute = &html[name_start..i];
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            attributes.push((attribute, String::new()));
            continue;
        }
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let value = match bytes.get(i)? {
            quote @ (b'"' | b'\'') => {
                let close = html[i + 1..].find(char::from(*quote))? + i + 1;
                let value = &html[i + 1..close];
                i = close + 1;
                value
            }
            _ => {
                let value_start = i;
                while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>') {
                    i += 1;
                }
                &html[value_start..i]
            }
        };
        attributes.push((attribute, decode_entities(value)));
    }
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The text of an HTML fragment without its tags, whitespace collapsed.
fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Character references in attribute values: the five named ones HTML authors write in URLs
/// and titles, and numeric ones. Others stay as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let c = match &rest[1..semi] {
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "lt" => '<',
                "gt" => '>',
                numeric => {
                    let number = numeric.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_every_quoting_and_case() {
        let html = r#"<A HREF="scs-0100-v1-a.md#x">A</a> <a class=x href='b.md'>B <b>bold</b></a> <a href=c.md>C</A>
<img alt="logo" src="img/logo.png"/> <a name="top"></a> <a href="?a=1&amp;b=2">q</a>"#;
        let got: Vec<_> =
            links(html).into_iter().map(|l| (l.destination, l.is_image, l.text.unwrap_or_default())).collect();
        assert_eq!(
            got,
            [
                ("scs-0100-v1-a.md#x".to_owned(), false, "A".to_owned()),
                ("b.md".to_owned(), false, "B bold".to_owned()),
                ("c.md".to_owned(), false, "C".to_owned()),
                ("img/logo.png".to_owned(), true, "logo".to_owned()),
                ("?a=1&b=2".to_owned(), false, "q".to_owned()),
            ]
        );
        let first = &links(html)[0];
        assert_eq!(&html[first.start..first.end], r#"<A HREF="scs-0100-v1-a.md#x">"#);
    }

    #[test]
    fn comments_hide_tags_and_broken_tags_are_not_links() {
        let html = "<!-- <a href=\"hidden.md\">x</a> --><a href=\"shown.md\">y</a><a href=\"unclosed.md\" <a";
        let got: Vec<_> = links(html).into_iter().map(|l| l.destination).collect();
        assert_eq!(got, ["shown.md"]);
        assert!(links("<").is_empty() && links("<a").is_empty() && links("<a href=").is_empty());
        assert!(links("<a href=\"x\"").is_empty() && links("<1 href=x>").is_empty());
        let ids: Vec<_> = tags("<h2 id=\"intro\">x</h2><a name='top'>")
            .iter()
            .filter_map(|t| t.attribute("id").or(t.attribute("name")).map(str::to_owned))
            .collect();
        assert_eq!(ids, ["intro", "top"]);
        assert_eq!(decode_entities("&#x41;&#66;&bogus;&amp"), "AB&bogus;&amp");
    }
}

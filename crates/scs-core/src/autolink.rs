//! GFM autolink literals: the bare `https://…`, `www.…` and e-mail addresses in running text
//! that GitHub and the docs site (remark-gfm) render as links, although the Markdown holds no
//! link syntax. pulldown-cmark does not recognise them, so they are found here, by the rules of
//! the GFM spec's "Autolinks (extension)" section.

/// A literal found in a stretch of text: its byte range there and the link it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub start: usize,
    pub end: usize,
    /// What the renderers link to: the text itself, `http://` + a `www.` literal, or
    /// `mailto:` + an address.
    pub destination: String,
}

/// Every autolink literal of `text`, a stretch of inline text outside code and links.
/// `before` is the character that precedes the stretch in the source, if any.
///
/// Where a literal may start is the union of both renderers: GitHub (cmark-gfm) and the docs
/// site (remark-gfm, micromark) link a scheme URL after any character but a letter, a `www.`
/// literal at the start of a line, after whitespace or after `*`, `_`, `~`, `(`, `[`, `]`, and an
/// e-mail address after anything that cannot be part of its local part.
pub fn find(text: &str, before: Option<char>) -> Vec<Literal> {
    let mut found = Vec::new();
    // Most text holds no literal: only a run with `://`, `www.` or `@` is looked at closely.
    let (urls, emails) = triggers(text);
    if !urls && !emails {
        return found;
    }
    let mut at = 0;
    let mut previous = before;
    while at < text.len() {
        let rest = &text[at..];
        let Some(c) = rest.chars().next() else { break };
        // A literal starts with `h`, `f` or `w` (a URL) or with a local part after a character
        // that cannot be in one (an e-mail address); anything else moves on at once.
        let may_url = urls && matches!(c, 'h' | 'H' | 'f' | 'F' | 'w' | 'W');
        let may_email = emails && is_local_part(c) && !previous.is_some_and(is_local_part);
        let literal =
            if may_url || may_email { url(text, at, previous).or_else(|| email(text, at, previous)) } else { None };
        match literal {
            Some(literal) => {
                previous = text[..literal.end].chars().next_back();
                at = literal.end;
                found.push(literal);
            }
            None => {
                previous = Some(c);
                at += c.len_utf8();
            }
        }
    }
    found
}

/// Whether `text` holds what may start a URL literal (`://`, `www.` in any case) and an
/// e-mail address (`@`): one memchr pass over the few bytes that matter.
fn triggers(text: &str) -> (bool, bool) {
    let bytes = text.as_bytes();
    let (mut urls, mut emails) = (false, false);
    for i in memchr::memchr3_iter(b':', b'@', b'.', bytes) {
        match bytes[i] {
            b':' => urls |= bytes[i + 1..].starts_with(b"//"),
            b'@' => emails = true,
            _ => urls |= i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"),
        }
        if urls && emails {
            break;
        }
    }
    (urls, emails)
}

/// `http://`, `https://`, `ftp://` or `www.` followed by a valid domain and a path.
fn url(text: &str, at: usize, previous: Option<char>) -> Option<Literal> {
    let rest = &text[at..];
    let lower = |prefix: &str| rest.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    let www_may_start = previous.is_none_or(|c| c.is_whitespace() || matches!(c, '*' | '_' | '~' | '(' | '[' | ']'));
    let (scheme_len, www) = if lower("www.") && www_may_start {
        (0, true)
    } else if let Some(prefix) = ["http://", "https://", "ftp://"].into_iter().find(|p| lower(p))
        && !previous.is_some_and(|c| c.is_ascii_alphabetic())
    {
        (prefix.len(), false)
    } else {
        return None;
    };
    let domain_len = valid_domain(&rest[scheme_len..], www)?;
    let mut end = scheme_len + domain_len;
    // The path: everything up to whitespace or `<`.
    end += rest[end..].find(|c: char| c.is_whitespace() || c == '<').unwrap_or(rest.len() - end);
    let end = trim_trailing(&rest[..end]);
    let literal = &rest[..end];
    let destination = if www { format!("http://{literal}") } else { literal.to_owned() };
    Some(Literal { start: at, end: at + end, destination })
}

/// The length of the valid domain at the start of `text`: segments of alphanumerics, `_` and
/// `-` separated by periods, with no `_` in the last two segments. A `www.` domain needs a
/// period after `www`, which it has; GitHub also links a scheme URL to a one-segment host
/// (`http://localhost:3000`), so none is required there.
fn valid_domain(text: &str, www: bool) -> Option<usize> {
    let len = text.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))).unwrap_or(text.len());
    let domain = text[..len].trim_end_matches('.');
    let segments: Vec<&str> = domain.split('.').collect();
    if domain.is_empty() || segments.iter().any(|s| s.is_empty()) || (www && segments.len() < 2) {
        return None;
    }
    if segments.iter().rev().take(2).any(|s| s.contains('_')) {
        return None;
    }
    Some(domain.len())
}

/// Drops what GFM keeps out of a literal's end: trailing punctuation, a `)` without its `(`,
/// and an entity-like `&name;`.
fn trim_trailing(link: &str) -> usize {
    let mut end = link.len();
    loop {
        let current = &link[..end];
        let Some(last) = current.chars().next_back() else { return end };
        match last {
            '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~' | '\'' | '"' => end -= 1,
            ')' => {
                let open = current.matches('(').count();
                let close = current.matches(')').count();
                if close > open {
                    end -= 1;
                } else {
                    return end;
                }
            }
            ';' => {
                let name = current[..end - 1].trim_end_matches(|c: char| c.is_ascii_alphanumeric());
                if name.ends_with('&') && name.len() < end - 1 {
                    end = name.len() - 1;
                } else {
                    return end;
                }
            }
            _ => return end,
        }
    }
}

/// `local@domain`: the local part of alphanumerics and `.+-_`, the domain of alphanumerics,
/// `-`, `_` and at least one period, not ending in `-` or `_`; a trailing `.` is left out.
fn email(text: &str, at: usize, previous: Option<char>) -> Option<Literal> {
    if previous.is_some_and(is_local_part) {
        return None;
    }
    let rest = &text[at..];
    let local = rest.find(|c: char| !is_local_part(c))?;
    if local == 0 || !rest[local..].starts_with('@') {
        return None;
    }
    let after = &rest[local + 1..];
    let len = after.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))).unwrap_or(after.len());
    let domain = after[..len].trim_end_matches('.');
    if !domain.contains('.') || domain.ends_with(['-', '_']) || domain.starts_with('.') {
        return None;
    }
    // A `-` or `_` right after the domain means the address does not end there.
    if after[domain.len()..].starts_with(['-', '_']) {
        return None;
    }
    let end = local + 1 + domain.len();
    Some(Literal { start: at, end: at + end, destination: format!("mailto:{}", &rest[..end]) })
}

fn is_local_part(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The literals `find` sees in `text`, as (text, destination).
    fn links(text: &str) -> Vec<(&str, String)> {
        find(text, None).into_iter().map(|l| (&text[l.start..l.end], l.destination)).collect()
    }

    /// The GFM spec's examples of "Autolinks (extension)" (0.29-gfm, examples 621–631), each
    /// paragraph on its own; the expected links are those of the spec's HTML.
    #[test]
    fn the_gfm_spec_examples() {
        let google = "http://www.google.com/search?q=Markup+(business)";
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("www.commonmark.org", &[("www.commonmark.org", "http://www.commonmark.org")]),
            (
                "Visit www.commonmark.org/help for more information.",
                &[("www.commonmark.org/help", "http://www.commonmark.org/help")],
            ),
            ("Visit www.commonmark.org.", &[("www.commonmark.org", "http://www.commonmark.org")]),
            ("Visit www.commonmark.org/a.b.", &[("www.commonmark.org/a.b", "http://www.commonmark.org/a.b")]),
            ("www.google.com/search?q=Markup+(business)", &[("www.google.com/search?q=Markup+(business)", google)]),
            ("www.google.com/search?q=Markup+(business)))", &[("www.google.com/search?q=Markup+(business)", google)]),
            ("(www.google.com/search?q=Markup+(business))", &[("www.google.com/search?q=Markup+(business)", google)]),
            ("(www.google.com/search?q=Markup+(business)", &[("www.google.com/search?q=Markup+(business)", google)]),
            (
                "www.google.com/search?q=(business))+ok",
                &[("www.google.com/search?q=(business))+ok", "http://www.google.com/search?q=(business))+ok")],
            ),
            (
                "www.google.com/search?q=commonmark&hl=en",
                &[("www.google.com/search?q=commonmark&hl=en", "http://www.google.com/search?q=commonmark&hl=en")],
            ),
            (
                "www.google.com/search?q=commonmark&hl;",
                &[("www.google.com/search?q=commonmark", "http://www.google.com/search?q=commonmark")],
            ),
            ("www.commonmark.org/he<lp", &[("www.commonmark.org/he", "http://www.commonmark.org/he")]),
            ("http://commonmark.org", &[("http://commonmark.org", "http://commonmark.org")]),
            (
                "(Visit https://encrypted.google.com/search?q=Markup+(business))",
                &[(
                    "https://encrypted.google.com/search?q=Markup+(business)",
                    "https://encrypted.google.com/search?q=Markup+(business)",
                )],
            ),
            ("Anonymous FTP is available at ftp://foo.bar.baz.", &[("ftp://foo.bar.baz", "ftp://foo.bar.baz")]),
            ("foo@bar.baz", &[("foo@bar.baz", "mailto:foo@bar.baz")]),
            (
                "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
                &[("hello+xyz@mail.example", "mailto:hello+xyz@mail.example")],
            ),
            ("a.b-c_d@a.b", &[("a.b-c_d@a.b", "mailto:a.b-c_d@a.b")]),
            ("a.b-c_d@a.b.", &[("a.b-c_d@a.b", "mailto:a.b-c_d@a.b")]),
            ("a.b-c_d@a.b-", &[]),
            ("a.b-c_d@a.b_", &[]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(&str, String)> = expected.iter().map(|(t, d)| (*t, (*d).to_owned())).collect();
            assert_eq!(links(text), expected, "{text}");
        }
    }

    /// Edges the spec examples leave open, each checked against GFM's rules (and cmark-gfm).
    #[test]
    fn edges_of_starts_domains_and_ends() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // A scheme URL after any character but a letter, a `www.` only after a delimiter.
            ("1http://a.com", &[("http://a.com", "http://a.com")]),
            ("ahttp://a.com", &[]),
            ("xwww.a.com", &[]),
            ("*www.a.com*", &[("www.a.com", "http://www.a.com")]),
            // No `_` in the last two segments of the domain; elsewhere it may be.
            ("http://a.b_c.d", &[]),
            ("http://x_y.a.com", &[("http://x_y.a.com", "http://x_y.a.com")]),
            ("www.a", &[("www.a", "http://www.a")]),
            ("http://a..b", &[]),
            // `&;` is no entity and stays; `&x;` is one and goes; a `)` beyond its `(` goes.
            ("www.a.com/&;", &[("www.a.com/&;", "http://www.a.com/&;")]),
            ("www.a.com/b&x;", &[("www.a.com/b", "http://www.a.com/b")]),
            ("www.a.com/(x))", &[("www.a.com/(x)", "http://www.a.com/(x)")]),
            // Two literals, and a literal after a multi-byte character.
            ("http://a.com, www.b.org.", &[("http://a.com", "http://a.com"), ("www.b.org", "http://www.b.org")]),
            ("🦀 x@y.org", &[("x@y.org", "mailto:x@y.org")]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(&str, String)> = expected.iter().map(|(t, d)| (*t, (*d).to_owned())).collect();
            assert_eq!(links(text), expected, "{text}");
        }
    }

    #[test]
    fn where_a_literal_may_start_and_what_it_keeps() {
        assert!(links("xhttps://example.org").is_empty(), "not inside a word");
        assert_eq!(links("*https://example.org*").len(), 1);
        assert_eq!(find("https://example.org", Some('a')), []);
        assert_eq!(find("https://example.org", Some(' ')).len(), 1);
        assert!(links("www.example_one.org").is_empty(), "no underscore in the last two segments");
        assert!(links("www.localhost").len() == 1 && links("www.").is_empty());
        assert_eq!(links("http://localhost:3000/x"), [("http://localhost:3000/x", "http://localhost:3000/x".into())]);
        let docs = "See https://docs.scs.community/standards/scs-0100-v3-flavor-naming#naming, it is clear.";
        assert_eq!(links(docs)[0].0, "https://docs.scs.community/standards/scs-0100-v3-flavor-naming#naming");
        let quoted = "\"https://github.com/SovereignCloudStack/standards/blob/main/Standards/scs-0001-v1-x.md\"";
        assert_eq!(links(quoted)[0].0, &quoted[1..quoted.len() - 1], "after a quote, without the closing one");
        assert!(links("x www.example.org").len() == 1 && links("\"www.example.org").is_empty());
        assert_eq!(links("ünïcode https://bücher.example/ä ok").len(), 1);
        assert!(links("").is_empty() && links("@").is_empty() && links("a@b").is_empty());
    }
}

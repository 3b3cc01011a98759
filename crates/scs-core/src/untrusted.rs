//! Text from outside (a server's error message, a pull request title, a panic message quoting
//! a document) made safe to print: control characters escaped, so that no ESC sequence, BEL or
//! CR reaches a terminal or a log, and the length cut, so that one answer cannot flood them.

/// `text` with every control character (C0, DEL, C1) and the bidirectional overrides written
/// as escapes (`\u{1b}`), cut after `max_chars` characters with `…` appended.
pub fn printable(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars.saturating_mul(4)));
    for (n, c) in text.chars().enumerate() {
        if n == max_chars {
            out.push('…');
            break;
        }
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Unicode's Bidi_Control set: the characters that reorder text around them (U+202E makes
/// `gpj.exe` read `exe.jpg`). Text from outside never carries them into output.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// [`printable`], with every occurrence of `secret` (a token) replaced by `[REDACTED]` first.
/// An empty secret redacts nothing.
pub fn redacted(text: &str, secret: &str, max_chars: usize) -> String {
    if secret.is_empty() || !text.contains(secret) {
        return printable(text, max_chars);
    }
    printable(&text.replace(secret, "[REDACTED]"), max_chars)
}

/// The message of a panic's payload (a `&str` or a `String`), as written: it may quote a
/// document, so make it printable before it is shown.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no reason given")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_long_text_cut() {
        assert_eq!(printable("a\u{1b}[2Jb\u{7}\rc\u{9b}d", 100), "a\\u{1b}[2Jb\\u{7}\\u{d}c\\u{9b}d");
        assert_eq!(printable("x\u{202e}y", 100), "x\\u{202e}y");
        assert_eq!(printable("Größe", 3), "Grö…");
        assert_eq!(printable("ok", 2), "ok");
    }

    #[test]
    fn the_secret_is_redacted_wherever_it_appears() {
        assert_eq!(redacted("Bearer ghp_abc and ghp_abc", "ghp_abc", 100), "Bearer [REDACTED] and [REDACTED]");
        assert_eq!(redacted("nothing", "", 100), "nothing");
    }

    #[test]
    fn panic_messages_of_either_payload() {
        assert_eq!(panic_message(&"a\u{7}"), "a\u{7}");
        assert_eq!(panic_message(&String::from("owned")), "owned");
        assert_eq!(panic_message(&5u8), "no reason given");
    }
}

//! The page texts, read out of the docs site's own generator (`populateStds.js`) at run time,
//! so that the docs repository keeps its prose where it is and `scs site` prints it byte for
//! byte: the constants `intro`, `legend` and `reactHighlightTableCellBackground` (template
//! literals) and the object `trackIntros` (string literals by track).
//!
//! Only literals are read, as JavaScript reads them (escapes, a template literal's line
//! breaks as LF); nothing is executed. A text built at run time (`${…}` in a template, a
//! concatenation) is refused with its name: scs could not reproduce it.

use std::collections::BTreeMap;

use crate::pages::Templates;

/// Why the texts could not be read from the script.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ScriptError(String);

/// The texts of `populateStds.js` (its source in `script`).
pub fn templates_from_script(script: &str) -> Result<Templates, ScriptError> {
    let intro = template_constant(script, "intro")?;
    let legend = template_constant(script, "legend")?;
    let table_style = template_constant(script, "reactHighlightTableCellBackground")?;
    let tracks = object_constant(script, "trackIntros")?;
    Ok(Templates { intro, legend, table_style, tracks })
}

/// Where the value of `const|let|var NAME =` starts: the declaration itself, not the same
/// words inside a comment, a string or a template literal.
fn value_start(script: &str, name: &str) -> Result<usize, ScriptError> {
    let bytes = script.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') || bytes.get(at + 1) == Some(&b'*') => {
                at = skip_space_and_comments(script, at);
            }
            b'\'' | b'"' | b'`' => at = skip_literal(script, at),
            b if is_ident(b) => {
                let end = at + script[at..].bytes().take_while(|&b| is_ident(b)).count();
                let word = &script[at..end];
                at = end;
                if !matches!(word, "const" | "let" | "var") {
                    continue;
                }
                let after = skip_space_and_comments(script, end);
                let name_end = after + script[after..].bytes().take_while(|&b| is_ident(b)).count();
                if &script[after..name_end] != name {
                    continue;
                }
                let eq = skip_space_and_comments(script, name_end);
                if bytes.get(eq) == Some(&b'=') && bytes.get(eq + 1) != Some(&b'=') {
                    return Ok(skip_space_and_comments(script, eq + 1));
                }
            }
            _ => at += script[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    Err(ScriptError(format!("the script defines no `const {name} = …`")))
}

/// The byte after the string or template literal starting at `start` (a template's `${…}`
/// parts skipped with their own strings and braces); the end of the script if it never ends.
fn skip_literal(script: &str, start: usize) -> usize {
    let bytes = script.as_bytes();
    let quote = bytes[start];
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b if b == quote => return at + 1,
            b'$' if quote == b'`' && bytes.get(at + 1) == Some(&b'{') => {
                // An expression: to its matching `}`, over nested literals and braces.
                let mut depth = 0usize;
                at += 1;
                while at < bytes.len() {
                    match bytes[at] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        b'\'' | b'"' | b'`' => {
                            at = skip_literal(script, at);
                            continue;
                        }
                        _ => {}
                    }
                    at += 1;
                }
                at += 1;
            }
            _ => at += 1,
        }
    }
    bytes.len()
}

/// Whether the value that ends at `end` is the whole expression: what follows (after space
/// and comments) ends it (`;`, `,`, `}`, the end of the script), or a new statement starts on
/// a later line. Anything else (`+`, `.`, `||`, `?`, a call, a word on the same line) makes
/// the text computed.
fn ends_here(script: &str, end: usize) -> bool {
    let next = skip_space_and_comments(script, end);
    let crossed_line = script[end..next].contains(['\n', '\r', '\u{2028}', '\u{2029}']);
    match script.as_bytes().get(next) {
        None | Some(b';' | b',' | b'}') => true,
        Some(&b) => crossed_line && (is_ident(b) || b >= 0x80),
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// The template literal assigned to `name`.
fn template_constant(script: &str, name: &str) -> Result<String, ScriptError> {
    let start = value_start(script, name)?;
    let (text, _) = value(script, start).map_err(|why| ScriptError(format!("`{name}`: {why}")))?;
    Ok(text)
}

/// The object of string literals assigned to `name`: `{ 'key': 'text', key: "text", … }`.
fn object_constant(script: &str, name: &str) -> Result<BTreeMap<String, String>, ScriptError> {
    let fail = |why: String| ScriptError(format!("`{name}`: {why}"));
    let start = value_start(script, name)?;
    let mut at = start;
    if script.as_bytes().get(at) != Some(&b'{') {
        return Err(fail("is not an object literal `{ … }`".into()));
    }
    at += 1;
    let mut out = BTreeMap::new();
    loop {
        at = skip_space_and_comments(script, at);
        match script.as_bytes().get(at) {
            Some(b'}') => return Ok(out),
            None => return Err(fail("the object does not end".into())),
            _ => {}
        }
        let (key, after_key) = match script.as_bytes()[at] {
            b'\'' | b'"' | b'`' => literal(script, at).map_err(fail)?,
            _ => {
                let end = script[at..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .map_or(script.len(), |e| at + e);
                if end == at {
                    return Err(fail(format!("a key was expected at byte {at}")));
                }
                (script[at..end].to_owned(), end)
            }
        };
        at = skip_space_and_comments(script, after_key);
        if script.as_bytes().get(at) != Some(&b':') {
            return Err(fail(format!("`:` was expected after the key `{}`", shown(&key))));
        }
        at = skip_space_and_comments(script, at + 1);
        let (text, after_value) =
            value(script, at).map_err(|why| fail(format!("the text of `{}`: {why}", shown(&key))))?;
        out.insert(key.clone(), text);
        at = skip_space_and_comments(script, after_value);
        match script.as_bytes().get(at) {
            Some(b',') => at += 1,
            Some(b'}') => return Ok(out),
            _ => return Err(fail(format!("`,` or `}}` was expected after the text of `{}`", shown(&key)))),
        }
    }
}

fn skip_space_and_comments(script: &str, mut at: usize) -> usize {
    loop {
        let rest = &script[at.min(script.len())..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if let Some(comment) = trimmed.strip_prefix("//") {
            at += 2 + comment.find('\n').unwrap_or(comment.len());
        } else if let Some(comment) = trimmed.strip_prefix("/*") {
            at += 2 + comment.find("*/").map_or(comment.len(), |e| e + 2);
        } else {
            return at;
        }
    }
}

/// The string or template literal starting at `start` that is a whole value: a `+`, a call or
/// anything else after it (see [`ends_here`]) is refused, as is a `${…}` inside it.
fn value(script: &str, start: usize) -> Result<(String, usize), String> {
    let (text, end) = literal(script, start)?;
    if !ends_here(script, end) {
        return Err(
            "the text is computed (an operator, a method call or more follows it); scs reads literals only".into()
        );
    }
    Ok((text, end))
}

/// The string or template literal starting at `start` (at its quote): its value and the
/// byte after its closing quote; a `${…}` inside it is refused.
fn literal(script: &str, start: usize) -> Result<(String, usize), String> {
    let mut chars = script[start..].char_indices();
    let quote = match chars.next() {
        Some((_, q @ ('\'' | '"' | '`'))) => q,
        _ => return Err("a string or template literal was expected".into()),
    };
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c == quote => return Ok((out, start + i + 1)),
            '$' if quote == '`' && script[start + i + 1..].starts_with('{') => {
                return Err("the template has a `${…}` part, which only JavaScript can fill in".into());
            }
            '\\' => {
                let Some((_, e)) = chars.next() else { break };
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'v' => out.push('\u{b}'),
                    // Legacy octal escapes (`'\101'` is `A`), which only string literals allow.
                    '0'..='7' if quote == '`' && (e != '0' || next_digit(&chars)) => {
                        return Err("a template literal cannot hold an octal escape".into());
                    }
                    '0' if !next_digit(&chars) => out.push('\0'),
                    '0'..='7' => out.push(octal(e, &mut chars)),
                    '8' | '9' if quote == '`' => return Err("a template literal cannot hold `\\8` or `\\9`".into()),
                    // A line continuation: the backslash and the line break are dropped.
                    '\n' | '\u{2028}' | '\u{2029}' => {}
                    '\r' => {
                        if next_is(&chars, '\n') {
                            chars.next();
                        }
                    }
                    'x' => out.push(hex(&mut chars, 2)?),
                    'u' => {
                        if next_is(&chars, '{') {
                            chars.next();
                            let mut value = String::new();
                            for (_, h) in chars.by_ref() {
                                if h == '}' {
                                    break;
                                }
                                value.push(h);
                            }
                            let shown = shown(&value);
                            let code = u32::from_str_radix(&value, 16)
                                .map_err(|_| format!("`\\u{{{shown}}}` is no escape"))?;
                            out.push(char::from_u32(code).ok_or_else(|| format!("`\\u{{{shown}}}` is no character"))?);
                        } else {
                            out.push(hex(&mut chars, 4)?);
                        }
                    }
                    other => out.push(other),
                }
            }
            // A template literal's CR LF and lone CR are read as LF (ECMAScript 13.2.8.6).
            '\r' if quote == '`' => {
                out.push('\n');
                if script[start + i + 1..].starts_with('\n') {
                    chars.next();
                }
            }
            '\n' | '\r' if quote != '`' => return Err("a string literal does not end on its line".into()),
            c => out.push(c),
        }
    }
    Err("the literal does not end".into())
}

/// A piece of the script quoted in a message: printable, at most a few characters, so that an
/// error never carries control characters or the rest of the script.
fn shown(text: &str) -> String {
    scs_core::untrusted::printable(text, 12)
}

/// Whether the next character is a decimal digit (without taking it).
fn next_digit(chars: &std::str::CharIndices<'_>) -> bool {
    chars.clone().next().is_some_and(|(_, c)| c.is_ascii_digit())
}

/// A legacy octal escape after its first digit `first`: up to three digits, at most `\377`.
fn octal(first: char, chars: &mut std::str::CharIndices<'_>) -> char {
    let mut value = first.to_digit(8).unwrap_or(0);
    let most = if first <= '3' { 2 } else { 1 };
    for _ in 0..most {
        match chars.clone().next().and_then(|(_, c)| c.to_digit(8)) {
            Some(d) => {
                value = value * 8 + d;
                chars.next();
            }
            None => break,
        }
    }
    char::from_u32(value).unwrap_or('\0')
}

/// Whether the next character is `c` (without taking it).
fn next_is(chars: &std::str::CharIndices<'_>, c: char) -> bool {
    chars.clone().next().is_some_and(|(_, next)| next == c)
}

/// `n` hexadecimal digits (of `\x` or `\u`) as a character; a lone surrogate is refused.
fn hex(chars: &mut std::str::CharIndices<'_>, n: usize) -> Result<char, String> {
    let digits: String = chars.by_ref().take(n).map(|(_, c)| c).collect();
    let code = u32::from_str_radix(&digits, 16).map_err(|_| format!("`{}` is no escape", shown(&digits)))?;
    char::from_u32(code).ok_or_else(|| format!("`{}` is a lone surrogate, which scs cannot print", shown(&digits)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 31: declarations in comments and strings are not the declaration; every computed
    /// text is refused; legacy octal escapes read as JavaScript reads them; messages carry no
    /// control character and not the rest of the script.
    #[test]
    fn the_script_is_read_as_javascript_reads_it() {
        let rest = "const legend = `l`\nconst reactHighlightTableCellBackground = `s`\nconst trackIntros = {}\n";
        let decoys = format!(
            "// const intro = `from a comment`\n/* const intro = `from a block` */\nconst s = 'const intro = `in a string`';\nconst t = `${{ `const intro = ` }}`;\nconst intro = `the real one`\n{rest}"
        );
        assert_eq!(templates_from_script(&decoys).expect("texts").intro, "the real one");
        for computed in [
            "const intro = `A` /**/ + x",
            "const intro = `A` // note\n + x",
            "const intro = `A` || x",
            "const intro = x ? `A` : `B`",
            "const intro = `A` ? x : y",
            "const intro = `A` /* c */ .trim()",
            "const intro = `A`[0]",
            "const intro = `A` instanceof X",
        ] {
            let error = templates_from_script(&format!("{computed}\n{rest}")).expect_err(computed).to_string();
            assert!(error.contains("computed") || error.contains("expected"), "{computed}: {error}");
        }
        let octal = format!("const intro = '\\101\\0\\08\\377\\400\\8'\n{rest}");
        assert_eq!(templates_from_script(&octal).expect("octal").intro, "A\u{0}\u{0}8\u{ff}\u{20}0\u{38}");
        assert!(templates_from_script(&format!("const intro = `\\101`\n{rest}")).is_err(), "no octal in templates");
        let noisy = format!("const intro = '\\u{{\u{1b}[2J{}'\n{rest}", "x".repeat(5000));
        let error = templates_from_script(&noisy).expect_err("bad escape").to_string();
        assert!(!error.contains('\u{1b}') && error.len() < 200, "{error}");
    }

    #[test]
    fn literals_as_javascript_reads_them() {
        let script = "const intro = `# A\r\n\nB \\` \\n\\u00e9\\u{1F980}\\x41 \\\nC`\nconst legend =`   \n<p>x</p>\\n\n- y`;\nconst reactHighlightTableCellBackground = `\nimport x;\n`;\nconst trackIntros = {\n    'Global': 'G \\'q\\'', // comment\n    IaaS: \"I\",\n    /* block */ \"KaaS\": `K`,\n}\n";
        let templates = templates_from_script(script).expect("texts");
        assert_eq!(templates.intro, "# A\n\nB ` \né🦀A C");
        assert_eq!(templates.legend, "   \n<p>x</p>\n\n- y");
        assert_eq!(templates.table_style, "\nimport x;\n");
        let tracks: Vec<(&str, &str)> = templates.tracks.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(tracks, [("Global", "G 'q'"), ("IaaS", "I"), ("KaaS", "K")]);
    }

    #[test]
    fn names_keys_and_characters_at_the_edges() {
        // Other names that contain or extend `intro` are not it; `$` without `{` is text.
        let script = "const xintro = `no`\nconst intro_old = `no`\nlet intro == 1\nvar intro = `cost: $5 {x}`\nconst legend = `l`\nconst reactHighlightTableCellBackground = `s`\nconst trackIntros = { Ia_a$S: 'u', }\n";
        let templates = templates_from_script(script).expect("texts");
        assert_eq!(templates.intro, "cost: $5 {x}");
        assert_eq!(templates.tracks.get("Ia_a$S").map(String::as_str), Some("u"));
        // A single-quoted string cannot hold a raw line break (CR or LF); an object must end.
        let base = "const intro = `i`\nconst legend = `l`\nconst reactHighlightTableCellBackground = `s`\n";
        let cr = format!("{base}const trackIntros = {{ IaaS: 'a\rb' }}\n");
        assert!(templates_from_script(&cr).expect_err("CR").to_string().contains("does not end on its line"));
        let open = format!("{base}const trackIntros = {{ IaaS: 'a',");
        assert_eq!(
            templates_from_script(&open).expect_err("open").to_string(),
            "`trackIntros`: the object does not end"
        );
    }

    #[test]
    fn what_only_javascript_could_compute_is_refused_by_name() {
        let base = "const legend = `l`\nconst reactHighlightTableCellBackground = `s`\nconst trackIntros = {}\n";
        for (intro, expected) in [
            ("const intro = `a ${x} b`", "`intro`: the template has a `${…}` part"),
            ("const intro = `a` + b", "`intro`: the text is computed"),
            ("const intro = `a`.trim()", "`intro`: the text is computed"),
            ("const introduction = `a`", "the script defines no `const intro = …`"),
            ("const intro = 'no end", "`intro`: a string literal does not end on its line"),
            ("const intro = '\\ud800'", "`intro`: `d800` is a lone surrogate"),
        ] {
            let error = templates_from_script(&format!("{intro}\n{base}")).expect_err(intro).to_string();
            assert!(error.starts_with(expected), "{intro}: {error}");
        }
        let bad_object = "const intro = `i`\nconst legend = `l`\nconst reactHighlightTableCellBackground = `s`\nconst trackIntros = { IaaS: x }\n";
        assert!(templates_from_script(bad_object).expect_err("x").to_string().contains("the text of `IaaS`"));
        let unended = "const legend = `l`\nconst reactHighlightTableCellBackground = `s`\nconst trackIntros = {}\nconst intro = `never ends";
        assert_eq!(
            templates_from_script(unended).expect_err("unended").to_string(),
            "`intro`: the literal does not end"
        );
    }
}

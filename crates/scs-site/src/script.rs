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

/// Where the value of `const|let|var NAME =` starts.
fn value_start(script: &str, name: &str) -> Result<usize, ScriptError> {
    let bytes = script.as_bytes();
    for keyword in ["const", "let", "var"] {
        let mut from = 0;
        while let Some(found) = script[from..].find(keyword) {
            let at = from + found;
            from = at + keyword.len();
            let starts_word = at == 0 || !is_ident(bytes[at - 1]);
            let rest = &script[from..];
            let after_space = rest.trim_start();
            if !starts_word || after_space.len() == rest.len() {
                continue;
            }
            let Some(after_name) = after_space.strip_prefix(name) else { continue };
            if after_name.bytes().next().is_some_and(is_ident) {
                continue;
            }
            let Some(value) = after_name.trim_start().strip_prefix('=') else { continue };
            if value.starts_with('=') {
                continue;
            }
            let value = value.trim_start();
            return Ok(script.len() - value.len());
        }
    }
    Err(ScriptError(format!("the script defines no `const {name} = …`")))
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// The template literal assigned to `name`.
fn template_constant(script: &str, name: &str) -> Result<String, ScriptError> {
    let start = value_start(script, name)?;
    let (text, _) = literal(script, start).map_err(|why| ScriptError(format!("`{name}`: {why}")))?;
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
            return Err(fail(format!("`:` was expected after the key `{key}`")));
        }
        at = skip_space_and_comments(script, at + 1);
        let (value, after_value) = literal(script, at).map_err(|why| fail(format!("the text of `{key}`: {why}")))?;
        out.insert(key.clone(), value);
        at = skip_space_and_comments(script, after_value);
        match script.as_bytes().get(at) {
            Some(b',') => at += 1,
            Some(b'}') => return Ok(out),
            _ => return Err(fail(format!("`,` or `}}` was expected after the text of `{key}`"))),
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

/// The string or template literal starting at `start` (at its quote): its value and the
/// byte after its closing quote. The literal must be the whole value: a `+` or a `${…}`
/// after or inside it is refused.
fn literal(script: &str, start: usize) -> Result<(String, usize), String> {
    let mut chars = script[start..].char_indices();
    let quote = match chars.next() {
        Some((_, q @ ('\'' | '"' | '`'))) => q,
        _ => return Err("a string or template literal was expected".into()),
    };
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c == quote => {
                let end = start + i + 1;
                let next = script[end..].trim_start();
                if next.starts_with('+') || (quote == '`' && next.starts_with('.')) {
                    return Err(
                        "the text is computed (a `+` or a method call follows it); scs reads literals only".into()
                    );
                }
                return Ok((out, end));
            }
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
                    '0' => out.push('\0'),
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
                            let code = u32::from_str_radix(&value, 16)
                                .map_err(|_| format!("`\\u{{{value}}}` is no escape"))?;
                            out.push(char::from_u32(code).ok_or_else(|| format!("`\\u{{{value}}}` is no character"))?);
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

/// Whether the next character is `c` (without taking it).
fn next_is(chars: &std::str::CharIndices<'_>, c: char) -> bool {
    chars.clone().next().is_some_and(|(_, next)| next == c)
}

/// `n` hexadecimal digits (of `\x` or `\u`) as a character; a lone surrogate is refused.
fn hex(chars: &mut std::str::CharIndices<'_>, n: usize) -> Result<char, String> {
    let digits: String = chars.by_ref().take(n).map(|(_, c)| c).collect();
    let code = u32::from_str_radix(&digits, 16).map_err(|_| format!("`{digits}` is no escape"))?;
    char::from_u32(code).ok_or_else(|| format!("`{digits}` is a lone surrogate, which scs cannot print"))
}

#[cfg(test)]
mod tests {
    use super::*;

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

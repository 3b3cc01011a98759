//! Heading anchors as GitHub and Docusaurus generate them (the github-slugger algorithm).

use std::collections::HashMap;

/// Turns heading texts into unique anchors, in document order, like github-slugger:
/// lower-case, drop punctuation and symbols, each space becomes `-`, repeats get `-1`, `-2`, ….
#[derive(Debug, Default)]
pub struct Slugger {
    occurrences: HashMap<String, u32>,
}

impl Slugger {
    pub fn new() -> Self {
        Self::default()
    }

    /// The anchor for the next heading with this text.
    pub fn slug(&mut self, text: &str) -> String {
        let original = slugify(text);
        let mut result = original.clone();
        while self.occurrences.contains_key(&result) {
            let n = self.occurrences.get_mut(&original).map_or(1, |n| {
                *n += 1;
                *n
            });
            result = format!("{original}-{n}");
        }
        self.occurrences.insert(result.clone(), 0);
        result
    }

    /// Records an explicit anchor (`{#id}`) so later generated ones do not collide with it.
    pub fn reserve(&mut self, anchor: &str) {
        self.occurrences.entry(anchor.to_owned()).or_insert(0);
    }
}

/// The slug of one text, without de-duplication.
pub fn slugify(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() || is_mark(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Combining marks, which github-slugger keeps (they are letters' accents in decomposed text).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_github() {
        let mut s = Slugger::new();
        assert_eq!(s.slug("Design Considerations"), "design-considerations");
        assert_eq!(s.slug("Options considered: `foo` & bar!"), "options-considered-foo--bar");
        assert_eq!(s.slug("SCS-0100 v3.1 (draft)"), "scs-0100-v31-draft");
        assert_eq!(s.slug("Größe und Übersicht"), "größe-und-übersicht");
        assert_eq!(s.slug("snake_case stays"), "snake_case-stays");
        assert_eq!(s.slug("  padded  "), "--padded--");
        // Decomposed accents (a letter and a combining mark) keep their mark, as github-slugger.
        assert_eq!(s.slug("Gro\u{308}sse"), "gro\u{308}sse");
        assert_eq!(s.slug("x\u{20D7} y"), "x\u{20D7}-y");
    }

    #[test]
    fn repeats_are_numbered() {
        let mut s = Slugger::new();
        assert_eq!(s.slug("Notes"), "notes");
        assert_eq!(s.slug("Notes"), "notes-1");
        assert_eq!(s.slug("Notes"), "notes-2");
        assert_eq!(s.slug("Notes 1"), "notes-1-1");
    }

    #[test]
    fn reserved_anchors_are_skipped() {
        let mut s = Slugger::new();
        s.reserve("intro");
        assert_eq!(s.slug("Intro"), "intro-1");
    }
}

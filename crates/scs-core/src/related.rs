//! Loading only the documents that a check of a few files needs.
//!
//! A pre-commit hook checks the files of one commit, but rules across documents still need
//! their neighbours: the other versions and supplements of the same number, the documents the
//! files link to or name in their metadata, and the documents that name them (a successor
//! that `replaces` a file decides whether it should be Deprecated). Everything else is listed
//! but not parsed: parsing is most of the cost of a check, and reading plus one literal
//! search per file is cheap. Findings in the checked files are the same as with the whole
//! corpus loaded; tests compare the two on every file of several repositories.

use std::collections::{BTreeSet, HashSet};

use std::path::Path;
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;
use regex::bytes::RegexBuilder;

use crate::corpus::{self, Corpus, Entry, LoadError, LoadOptions, STANDARDS_DIR};
use crate::document::Document;
use crate::files::Files;
use crate::front_matter::{self, Block};

/// Names of documents as they appear in text: file names, docs-site pages, ids.
static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)scs-[a-z0-9_.\-]+").expect("valid regex"));

/// What a check of some files needs to know about one entry of `Standards/`: the whole file
/// for the checked ones, the front matter (or what could not be read) for the others.
struct Candidate {
    entry: Entry,
    bytes: Result<Vec<u8>, String>,
    /// Whether `bytes` is the whole file.
    whole: bool,
    /// Whether the file is one of those checked.
    target: bool,
}

/// Bytes read of a file that is not checked: enough for nearly every front matter.
const HEAD: u64 = 4096;

impl Corpus {
    /// Loads what checking the files `only` needs (paths relative to `root`, `/`-separated):
    /// those files, the documents of the same numbers, the documents their text names, the
    /// documents whose text names them, and (transitively) the documents named in the
    /// metadata of all these. Certificate scopes are always loaded.
    pub fn load_related(root: &Path, only: &BTreeSet<String>, options: LoadOptions) -> Result<Self, LoadError> {
        let reader = crate::reader::Reader::for_repository(root, options.max_file_size);
        let scopes = corpus::load_scopes(root, &reader);
        let read_whole = |entry: &Entry| entry.read(&reader);
        let read = |entry: Entry| {
            if only.contains(&format!("{STANDARDS_DIR}/{}", entry.file_name)) {
                return Candidate { bytes: read_whole(&entry), entry, whole: true, target: true };
            }
            // Other files matter only through their metadata: read the front matter.
            match entry.read_head(&reader, HEAD) {
                Ok(head) if head.len() as u64 == HEAD && !metadata(&head).1 => {
                    Candidate { bytes: read_whole(&entry), entry, whole: true, target: false }
                }
                bytes => {
                    let whole = bytes.as_ref().map_or(true, |b| (b.len() as u64) < HEAD);
                    Candidate { entry, bytes, whole, target: false }
                }
            }
        };
        let candidates: Vec<Candidate> = corpus::list(root)?.into_par_iter().map(read).collect();
        let mut names = Names::default();
        for candidate in candidates.iter().filter(|c| c.target) {
            names.add_file(&candidate.entry.file_name);
            names.add_text(&String::from_utf8_lossy(candidate.bytes.as_deref().unwrap_or_default()));
        }
        for scope in scopes.iter().filter(|s| only.contains(&s.path)) {
            names.add_text(&scope.text);
        }
        // Documents whose text names a checked document, found by one case-insensitive search.
        let mentions = mention_pattern(candidates.iter().filter(|c| c.target).map(|c| &c.entry.file_name));
        let mut pending: Vec<usize> = candidates
            .par_iter()
            .enumerate()
            .filter(|(_, c)| {
                c.target
                    || names.wants(&c.entry.file_name)
                    || mentions.as_ref().is_some_and(|m| c.bytes.as_deref().is_ok_and(|b| m.is_match(metadata(b).0)))
            })
            .map(|(i, _)| i)
            .collect();

        // Metadata references, followed until nothing new is named. A candidate is taken
        // out when it is parsed, so what is left is what is not needed yet.
        let mut documents: Vec<Option<Document>> = candidates.iter().map(|_| None).collect();
        let mut candidates: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
        while !pending.is_empty() {
            let parsed: Vec<(usize, Document)> = pending
                .iter()
                .filter_map(|&i| candidates[i].take().map(|c| (i, c)))
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|(i, c)| {
                    let bytes = if c.whole { c.bytes } else { read_whole(&c.entry) };
                    (i, c.entry.into_document(bytes))
                })
                .collect();
            let mut more = Names::default();
            for (_, doc) in &parsed {
                more.add_text(&String::from_utf8_lossy(metadata(doc.text.as_bytes()).0));
            }
            for (i, doc) in parsed {
                documents[i] = Some(doc);
            }
            pending = (0..candidates.len())
                .filter(|&i| candidates[i].as_ref().is_some_and(|c| more.wants(&c.entry.file_name)))
                .collect();
        }
        let listed = documents.len();
        let documents = documents.into_iter().flatten().collect();
        let mut corpus =
            Self::from_documents(root.to_path_buf(), documents).with_scopes(scopes).with_files(Files::scan(root));
        corpus.listed = listed;
        Ok(corpus)
    }
}

/// Names found in text, lowercased: whole tokens (`scs-0100-v1-slug.md`, a page
/// `scs-0100-v1-slug`), their ids (`scs-0100-v1`) and numbers (`scs-0100-`).
#[derive(Default)]
struct Names {
    tokens: HashSet<String>,
    ids: HashSet<String>,
    numbers: HashSet<String>,
}

impl Names {
    /// A checked file: its number brings every document of that number.
    fn add_file(&mut self, file_name: &str) {
        let lower = file_name.to_ascii_lowercase();
        if let Some(number) = number_prefix(&lower) {
            self.numbers.insert(number.to_owned());
        }
        self.tokens.insert(lower);
    }

    fn add_text(&mut self, text: &str) {
        for token in NAME.find_iter(text) {
            let token = token.as_str().trim_end_matches(['.', '-', '_']).to_ascii_lowercase();
            if let Some(id) = id_prefix(&token) {
                // The other versions of a named document tell what replaced it.
                if let Some(number) = number_prefix(id) {
                    self.numbers.insert(number.to_owned());
                }
                self.ids.insert(id.to_owned());
            } else if token.len() == 8 {
                // A bare number, as in a docs-site page per track: `…/scopes/scs-0501`.
                self.numbers.insert(format!("{token}-"));
            }
            self.tokens.insert(token);
        }
    }

    fn wants(&self, file_name: &str) -> bool {
        let lower = file_name.to_ascii_lowercase();
        let stem = lower.strip_suffix(".md").unwrap_or(&lower);
        self.tokens.contains(&lower)
            || self.tokens.contains(stem)
            || number_prefix(&lower).is_some_and(|n| self.numbers.contains(n))
            || id_prefix(&lower).is_some_and(|id| self.ids.contains(id))
    }
}

/// `scs-0100-` of `scs-0100-v1-…` (also `scs-xxxx-`).
fn number_prefix(name: &str) -> Option<&str> {
    let prefix = name.get(..9)?;
    prefix.ends_with('-').then_some(prefix)
}

/// `scs-0100-v1` of `scs-0100-v1-…` or of `scs-0100-v12`.
fn id_prefix(name: &str) -> Option<&str> {
    let rest = name.get(9..)?;
    let kind = rest.chars().next().filter(|c| matches!(c, 'v' | 'w'))?;
    let digits = rest[kind.len_utf8()..].bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| &name[..9 + 1 + digits])
}

/// A search for the ids (or, for files without one, the stems) of the checked documents.
fn mention_pattern<'a>(files: impl Iterator<Item = &'a String>) -> Option<regex::bytes::Regex> {
    let needles: BTreeSet<String> = files
        .map(|f| {
            let lower = f.to_ascii_lowercase();
            let stem = lower.strip_suffix(".md").unwrap_or(&lower).to_owned();
            id_prefix(&lower).map_or(stem, str::to_owned)
        })
        .collect();
    if needles.is_empty() {
        return None;
    }
    let alternatives: Vec<String> = needles.iter().map(|n| regex::escape(n)).collect();
    // An id must not run on into more digits: `scs-0100-v1` is not `scs-0100-v12`.
    RegexBuilder::new(&format!(r"(?:{})(?:[^0-9]|$)", alternatives.join("|"))).case_insensitive(true).build().ok()
}

/// The front matter of a file's bytes (what other documents can say about a checked one:
/// `replaces`, `replaced_by`, `supplements`; links in bodies only matter to their own file),
/// and whether its closing line is among the bytes. No front matter is empty and closed.
fn metadata(bytes: &[u8]) -> (&[u8], bool) {
    match front_matter::locate_bytes(bytes, front_matter::bom_len(bytes)) {
        Block::Missing => (&[], true),
        Block::Unclosed { open } => (&bytes[open.end..], false),
        Block::Closed { yaml, .. } => (&bytes[yaml.range()], true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(number_prefix("scs-0100-v1-a.md"), Some("scs-0100-"));
        assert_eq!(number_prefix("scs-xxxx-v1-a.md"), Some("scs-xxxx-"));
        assert_eq!(number_prefix("scs-1.md"), None);
        assert_eq!(id_prefix("scs-0100-v12-a.md"), Some("scs-0100-v12"));
        assert_eq!(id_prefix("scs-0100-w1"), Some("scs-0100-w1"));
        assert_eq!(id_prefix("scs-0100-x1-a.md"), None);
        assert_eq!(id_prefix("scs-0100-é"), None);
    }

    #[test]
    fn names_in_text() {
        let mut names = Names::default();
        names.add_text(
            "see [it](./scs-0200-v1-a.md#x), https://docs.scs.community/standards/SCS-0300-w2-b and scs-0400-v3.",
        );
        assert!(names.wants("scs-0200-v1-a.md"));
        assert!(names.wants("scs-0300-w2-b.md"));
        assert!(names.wants("scs-0400-v3-anything.md"));
        // Other versions of a named document come along; other numbers do not.
        assert!(names.wants("scs-0400-v1-anything.md"));
        assert!(names.wants("scs-0200-v2-a.md"));
        assert!(!names.wants("scs-0401-v1-anything.md"));
        assert!(!names.wants("scs-0201-v1-a.md"));
    }

    #[test]
    fn mentions_do_not_run_into_longer_ids() -> Result<(), Box<dyn std::error::Error>> {
        let files = ["scs-0100-v1-a.md".to_owned()];
        let pattern = mention_pattern(files.iter()).ok_or("pattern")?;
        assert!(pattern.is_match(b"replaces: [SCS-0100-v1-a.md]"));
        assert!(pattern.is_match(b"scs-0100-v1"));
        assert!(!pattern.is_match(b"scs-0100-v12-a.md"));
        Ok(())
    }
}

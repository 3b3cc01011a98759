//! The repository as the editor sees it: the documents on disk with the open buffers laid
//! over them, the configuration of `scs.toml`, and the diagnostics last published per file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};
use scs_core::{Corpus, Document, ScopeFile};
use scs_rules::{Settings, Severity};

use super::position::{Encoding, Lines};

pub struct Workspace {
    pub root: PathBuf,
    pub settings: Settings,
    pub corpus: Corpus,
    pub encoding: Encoding,
    /// Open files by path relative to the root, with the URI the editor knows them by; their
    /// text is the corpus's (laid over the file on disk by `set_text`).
    pub open: BTreeMap<String, Uri>,
    /// What was last published, by path relative to the root.
    published: HashMap<String, Vec<Diagnostic>>,
    history: Option<scs_core::history::History>,
    /// `https://…/{rule}`: where a rule's documentation is, for `codeDescription`.
    pub rule_docs: Option<String>,
}

impl Workspace {
    /// Loads the repository at `root` with its configuration.
    pub fn load(root: PathBuf, encoding: Encoding, rule_docs: Option<String>) -> Result<Self, String> {
        let config = crate::config::load(&root, None).map_err(|e| e.to_string())?;
        let load = scs_core::LoadOptions {
            max_file_size: config.max_file_size.unwrap_or(scs_core::corpus::DEFAULT_MAX_FILE_SIZE),
            ..scs_core::LoadOptions::default()
        };
        // A folder without Standards/ is served as an empty repository: the editor may open any
        // folder, and the server must not end for it.
        let corpus =
            Corpus::load_with(&root, load).unwrap_or_else(|_| Corpus::from_documents(root.clone(), Vec::new()));
        // History rules need git; they run in the editor only when the configuration asks.
        let history = if config.history.enabled {
            let options = scs_history::Options {
                default_branch: config.history.default_branch.clone(),
                max_file_size: load.max_file_size,
            };
            scs_history::read_log(&root, &options).ok()
        } else {
            None
        };
        Ok(Self {
            root,
            settings: config.settings,
            corpus,
            encoding,
            open: BTreeMap::new(),
            published: HashMap::new(),
            history,
            rule_docs,
        })
    }

    /// The path of `uri` relative to the root, when it is a document of `Standards/` or a
    /// certificate scope of `Tests/`; anything else is outside what scs knows.
    pub fn rel_path(&self, uri: &Uri) -> Option<String> {
        let path = uri_to_path(uri)?;
        let rel = path.strip_prefix(&self.root).ok()?;
        let rel = rel.to_str()?.replace('\\', "/");
        let is_scope = rel.strip_prefix("Tests/").is_some_and(scs_core::scope::is_scope_file_name);
        (scs_core::corpus::is_document_path(&rel) || is_scope).then_some(rel)
    }

    pub fn uri_of(&self, rel: &str) -> Option<Uri> {
        path_to_uri(&self.root.join(rel))
    }

    /// Lays `text` over the file at `rel` (an open buffer, or the file as it is on disk).
    pub fn set_text(&mut self, rel: &str, text: String) {
        let file_name = rel.rsplit('/').next().unwrap_or(rel).to_owned();
        if rel.starts_with("Tests/") {
            self.corpus.upsert_scope(rel, Some(ScopeFile::parse(rel.to_owned(), text.into_bytes())));
        } else {
            self.corpus.upsert(Document::parse(rel.to_owned(), file_name, text.into_bytes()));
        }
    }

    /// Reads the file at `rel` from disk again (it changed outside the editor, or its buffer
    /// was closed); a file that is gone leaves the corpus.
    pub fn reload(&mut self, rel: &str) {
        match std::fs::read(self.root.join(rel)) {
            Ok(bytes) => self.set_text(rel, String::from_utf8_lossy(&bytes).into_owned()),
            Err(_) if rel.starts_with("Tests/") => self.corpus.upsert_scope(rel, None),
            Err(_) => self.corpus.remove(rel),
        }
    }

    /// The text scs sees for `rel` (the buffer when open).
    pub fn text(&self, rel: &str) -> Option<&str> {
        self.corpus.text_of(rel)
    }

    /// The findings of the open files, checked with every configured rule.
    pub fn findings(&self) -> Vec<scs_rules::Diagnostic> {
        let only: BTreeSet<String> = self.open.keys().cloned().collect();
        scs_rules::check_with_history(&self.corpus, &self.settings, Some(&only), self.history.as_ref())
    }

    /// The diagnostics to publish: for every open file whose diagnostics changed since they
    /// were last published (cross-document rules move findings between files).
    pub fn diagnostics_to_publish(&mut self) -> Vec<(Uri, Vec<Diagnostic>)> {
        let mut by_path: BTreeMap<String, Vec<Diagnostic>> =
            self.open.keys().map(|k| (k.clone(), Vec::new())).collect();
        for finding in self.findings() {
            if let Some(list) = by_path.get_mut(&finding.path) {
                list.push(self.to_lsp(&finding));
            }
        }
        let mut out = Vec::new();
        for (path, diagnostics) in by_path {
            if self.published.get(&path) == Some(&diagnostics) {
                continue;
            }
            if let Some(uri) = self.open.get(&path) {
                out.push((uri.clone(), diagnostics.clone()));
            }
            self.published.insert(path, diagnostics);
        }
        out
    }

    /// Forgets what was published for `rel` (its buffer closed and its diagnostics cleared).
    pub fn forget(&mut self, rel: &str) {
        self.published.remove(rel);
    }

    /// A finding as an LSP diagnostic.
    pub fn to_lsp(&self, finding: &scs_rules::Diagnostic) -> Diagnostic {
        let text = self.text(&finding.path).unwrap_or_default();
        let lines = Lines::new(text, self.encoding);
        let range = lines.range(finding.span.unwrap_or_default());
        let uri = self.uri_of(&finding.path);
        let related = uri.map(|uri| {
            finding
                .labels
                .iter()
                .map(|l| DiagnosticRelatedInformation {
                    location: Location { uri: uri.clone(), range: lines.range(l.span) },
                    message: l.message.clone(),
                })
                .collect::<Vec<_>>()
        });
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        Diagnostic {
            range,
            severity: Some(match finding.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(finding.rule.to_owned())),
            code_description: self.rule_docs.as_ref().and_then(|template| {
                template.replace("{rule}", finding.rule).parse().ok().map(|href| lsp_types::CodeDescription { href })
            }),
            source: Some("scs".to_owned()),
            message,
            related_information: related.filter(|r| !r.is_empty()),
            tags: None,
            data: None,
        }
    }

    /// Positions in `rel`'s text.
    pub fn lines<'a>(&'a self, rel: &str) -> Option<Lines<'a>> {
        self.text(rel).map(|t| Lines::new(t, self.encoding))
    }
}

/// The local path of a `file:` URI (percent-decoded).
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let path = text.strip_prefix("file://")?;
    let path = path.strip_prefix("localhost").unwrap_or(path);
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%'
            && i + 2 < raw.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&raw[i + 1..i + 3]).ok()?, 16)
        {
            bytes.push(b);
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8(bytes).ok()?))
}

/// The `file:` URI of a local path, with the characters URIs reserve percent-encoded.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut out = String::from("file://");
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_paths_round_trip() {
        let path = Path::new("/tmp/a b/Standards/scs-0100-v1-ä.md");
        let uri = path_to_uri(path).expect("uri");
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/Standards/scs-0100-v1-%C3%A4.md");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        assert_eq!(uri_to_path(&"untitled:Untitled-1".parse().expect("uri")), None);
    }
}

//! The repository as the editor sees it: the documents on disk with the open buffers laid
//! over them, the configuration of `scs.toml`, and the diagnostics last published per file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};
use scs_core::{Corpus, Document, ScopeFile};
use scs_rules::{Settings, Severity};

use super::position::{Encoding, Lines};
use scs_repository::Repository;
use scs_repository::config::FILE_NAMES;

/// The most findings published for one file: more help no one in an editor, and tens of
/// thousands (a hostile file) would cost the editor more than the check itself.
pub const MAX_DIAGNOSTICS: usize = 1_000;

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
    /// How files are read from disk: the refusals and the size limit of `scs check`.
    reader: scs_core::Reader,
    /// The mistake of the configuration as last read (the server then runs on defaults): the
    /// message, and the file, its text and the offending bytes, when it points into one.
    pub config_problem: Option<ConfigProblem>,
    history_config: scs_repository::HistoryConfig,
}

/// Line indexes of the files findings point into, built once per file.
pub struct LinesCache<'a> {
    workspace: &'a Workspace,
    lines: HashMap<String, Lines<'a>>,
}

impl<'a> LinesCache<'a> {
    pub fn new(workspace: &'a Workspace) -> Self {
        Self { workspace, lines: HashMap::new() }
    }

    pub fn get(&mut self, path: &str) -> &Lines<'a> {
        let (workspace, encoding) = (self.workspace, self.workspace.encoding);
        self.lines
            .entry(path.to_owned())
            .or_insert_with(|| Lines::new(workspace.text(path).unwrap_or_default(), encoding))
    }
}

/// A configuration mistake: its message, and where it is (file, text, byte range).
pub type ConfigProblem = (String, Option<(PathBuf, String, std::ops::Range<usize>)>);

/// The repository at `root` on its configuration, or on the defaults and the mistake.
fn open(root: &Path) -> (Repository, Option<ConfigProblem>) {
    let (repository, mistake) = Repository::open_or_defaults(root);
    let problem = mistake.map(|mistake| {
        let file = FILE_NAMES.iter().map(|n| root.join(n)).find(|p| p.symlink_metadata().is_ok());
        let place = file.zip(mistake.span()).map(|(file, span)| (file, mistake.text().to_owned(), span));
        (mistake.message().to_owned(), place)
    });
    (repository, problem)
}

impl Workspace {
    /// Loads the repository at `root` with its configuration. A configuration with a mistake
    /// is replaced by the defaults and kept in `config_problem`, so that the server runs on.
    pub fn load(root: PathBuf, encoding: Encoding, rule_docs: Option<String>) -> Self {
        let (repository, config_problem) = open(&root);
        // A folder without Standards/ is served as an empty repository: the editor may open any
        // folder, and the server must not end for it.
        let corpus = repository.load().unwrap_or_else(|_| Corpus::from_documents(root.clone(), Vec::new()));
        let reader = repository.reader();
        let config = repository.config;
        let mut workspace = Self {
            reader,
            root,
            settings: config.settings,
            corpus,
            encoding,
            open: BTreeMap::new(),
            published: HashMap::new(),
            history: None,
            rule_docs,
            config_problem,
            history_config: config.history,
        };
        workspace.read_history();
        workspace
    }

    /// A workspace over `corpus` at `root` with the default configuration and no history, every
    /// document open: what the fuzz targets and benchmarks drive the handlers with, in process.
    pub fn in_memory(root: PathBuf, corpus: Corpus, encoding: Encoding) -> Self {
        let open = corpus
            .documents
            .iter()
            .filter_map(|d| path_to_uri(&root.join(&d.path)).map(|uri| (d.path.clone(), uri)))
            .collect();
        Self {
            reader: scs_core::Reader::anywhere(scs_core::corpus::DEFAULT_MAX_FILE_SIZE),
            root,
            settings: Settings::default(),
            corpus,
            encoding,
            open,
            published: HashMap::new(),
            history: None,
            rule_docs: None,
            config_problem: None,
            history_config: scs_repository::HistoryConfig::default(),
        }
    }

    /// History rules need git; they run in the editor only when the configuration asks.
    fn read_history(&mut self) {
        self.history = if self.history_config.enabled {
            let options = scs_history::Options {
                default_branch: self.history_config.default_branch.clone(),
                max_file_size: self.reader.max_file_size(),
            };
            scs_history::read_log(&self.root, &options).ok()
        } else {
            None
        };
    }

    /// Whether `uri` is a configuration file of the repository.
    pub fn is_config(&self, uri: &Uri) -> bool {
        uri_to_path(uri).is_some_and(|p| FILE_NAMES.iter().any(|name| p == self.root.join(name)))
    }

    /// Reads the configuration again (it changed): new settings, history options and size
    /// limit, or the defaults and the mistake. Every open file is checked again.
    pub fn reload_config(&mut self) {
        let (repository, problem) = open(&self.root);
        if repository.max_file_size() != self.reader.max_file_size() {
            self.reader = repository.reader();
        }
        let config = repository.config;
        self.settings = config.settings;
        self.config_problem = problem;
        self.history_config = config.history;
        self.read_history();
        self.published.clear();
    }

    /// The diagnostics of the configuration files: the mistake on the file that has it, and
    /// an empty list for the others (which clears a mended one).
    pub fn config_diagnostics(&self) -> Vec<(Uri, Vec<Diagnostic>)> {
        let mut out = Vec::new();
        for name in FILE_NAMES {
            let path = self.root.join(name);
            let Some(uri) = path_to_uri(&path) else { continue };
            let diagnostics = match &self.config_problem {
                Some((message, Some((file, text, span)))) if *file == path => {
                    let lines = Lines::new(text, self.encoding);
                    let range = lines.range(scs_core::Span::new(span.start, span.end.max(span.start)));
                    vec![Diagnostic {
                        range,
                        severity: Some(DiagnosticSeverity::ERROR),
                        code: Some(NumberOrString::String("config".into())),
                        source: Some("scs".into()),
                        message: message.clone(),
                        ..Diagnostic::default()
                    }]
                }
                _ if path.symlink_metadata().is_err() => continue,
                _ => Vec::new(),
            };
            out.push((uri, diagnostics));
        }
        out
    }

    /// The path of `uri` relative to the root, when it is a document of `Standards/` or a
    /// certificate scope of `Tests/`; anything else is outside what scs knows.
    pub fn rel_path(&self, uri: &Uri) -> Option<String> {
        let rel = self.relative(uri)?;
        (scs_core::corpus::is_document_path(&rel) || scs_core::corpus::is_scope_path(&rel)).then_some(rel)
    }

    /// The path of `uri` relative to the root (`/`-separated), for any file of the repository.
    /// A path with `.` or `..` in it (`%2F..%2F` decodes to one) is none of its files.
    pub fn relative(&self, uri: &Uri) -> Option<String> {
        let path = uri_to_path(uri)?;
        let rel = path.strip_prefix(&self.root).ok()?;
        if !rel.components().all(|c| matches!(c, std::path::Component::Normal(_))) {
            return None;
        }
        Some(rel.to_str()?.replace('\\', "/"))
    }

    pub fn uri_of(&self, rel: &str) -> Option<Uri> {
        path_to_uri(&self.root.join(rel))
    }

    /// Lays `text` over the file at `rel` (an open buffer). A buffer above the size limit
    /// is not parsed: the file gets the `unreadable-file` finding `scs check` gives such a
    /// file, so that one huge buffer cannot stall the server.
    pub fn set_text(&mut self, rel: &str, text: String) {
        let (len, max) = (text.len() as u64, self.reader.max_file_size());
        if len > max {
            self.set_refused(rel, scs_core::ReadError::TooLarge { len, max }.to_string());
        } else {
            self.set_bytes(rel, text.into_bytes());
        }
    }

    fn set_bytes(&mut self, rel: &str, bytes: Vec<u8>) {
        let file_name = rel.rsplit('/').next().unwrap_or(rel).to_owned();
        if rel.starts_with("Tests/") {
            self.corpus.upsert_scope(rel, Some(ScopeFile::parse(rel.to_owned(), bytes)));
        } else {
            self.corpus.upsert(Document::parse(rel.to_owned(), file_name, bytes));
        }
    }

    fn set_refused(&mut self, rel: &str, reason: String) {
        let file_name = rel.rsplit('/').next().unwrap_or(rel).to_owned();
        if rel.starts_with("Tests/") {
            self.corpus.upsert_scope(rel, Some(ScopeFile::unreadable(rel.to_owned(), reason)));
        } else {
            self.corpus.upsert(Document::unreadable(rel.to_owned(), file_name, reason));
        }
    }

    /// Reads the file at `rel` from disk again (it changed outside the editor, or its buffer
    /// was closed), with the refusals of `scs check`: a FIFO, a link out of the repository or
    /// a file above the size limit is an `unreadable-file` finding, never read; a file that
    /// is gone leaves the corpus.
    pub fn reload(&mut self, rel: &str) {
        match self.reader.read(&self.root.join(rel)) {
            Ok(bytes) => self.set_bytes(rel, bytes),
            Err(e) if e.is_missing() && rel.starts_with("Tests/") => self.corpus.upsert_scope(rel, None),
            Err(e) if e.is_missing() => self.corpus.remove(rel),
            Err(e) => self.set_refused(rel, e.to_string()),
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
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let findings = self.findings();
        let mut lines = LinesCache::new(self);
        for finding in &findings {
            // On its own file, and on every open file where a label marks that file's part.
            let places = std::iter::once((finding.path.as_str(), None))
                .chain(finding.labels.iter().filter_map(|l| l.path.as_deref().map(|p| (p, Some(l)))));
            for (path, label) in places {
                let Some(list) = by_path.get_mut(path) else { continue };
                let count = counts.entry(path.to_owned()).or_default();
                *count += 1;
                if *count > MAX_DIAGNOSTICS {
                    continue;
                }
                let diagnostic = self.to_lsp(finding, &mut lines);
                list.push(match label {
                    None => diagnostic,
                    Some(label) => self.at_label(finding, label, diagnostic, &mut lines),
                });
            }
        }
        for (path, count) in counts.into_iter().filter(|(_, c)| *c > MAX_DIAGNOSTICS) {
            if let Some(list) = by_path.get_mut(&path) {
                list.push(Diagnostic {
                    range: lsp_types::Range::default(),
                    severity: Some(DiagnosticSeverity::WARNING),
                    code: Some(NumberOrString::String("too-many-findings".into())),
                    source: Some("scs".into()),
                    message: format!(
                        "{} more findings in this file are not shown (an editor shows at most {MAX_DIAGNOSTICS}); `scs check` lists them all",
                        count - MAX_DIAGNOSTICS
                    ),
                    ..Diagnostic::default()
                });
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

    /// A finding as an LSP diagnostic, with every label as related information.
    pub fn to_lsp(&self, finding: &scs_rules::Diagnostic, lines: &mut LinesCache) -> Diagnostic {
        let range = lines.get(&finding.path).range(finding.span.unwrap_or_default());
        let related: Vec<DiagnosticRelatedInformation> = finding
            .labels
            .iter()
            .filter_map(|l| {
                let path = finding.label_path(l);
                Some(DiagnosticRelatedInformation {
                    location: Location { uri: self.uri_of(path)?, range: lines.get(path).range(l.span) },
                    message: l.message.clone(),
                })
            })
            .collect();
        let related = Some(related);
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

    /// `diagnostic` (of `finding`) moved to the place `label` marks in another open file: the
    /// label's message first, then the finding's, and the finding's own place as related
    /// information.
    fn at_label(
        &self,
        finding: &scs_rules::Diagnostic,
        label: &scs_rules::Label,
        mut diagnostic: Diagnostic,
        lines: &mut LinesCache,
    ) -> Diagnostic {
        let path = finding.label_path(label);
        diagnostic.range = lines.get(path).range(label.span);
        diagnostic.message = format!("{} ({}: {})", label.message, finding.path, diagnostic.message);
        if let Some(uri) = self.uri_of(&finding.path) {
            let main = DiagnosticRelatedInformation {
                location: Location { uri, range: lines.get(&finding.path).range(finding.span.unwrap_or_default()) },
                message: finding.message.clone(),
            };
            diagnostic.related_information.get_or_insert_with(Vec::new).insert(0, main);
        }
        diagnostic
    }

    /// Reads the files at `paths` from disk again (they changed outside the editor), with the
    /// corpus's indexes rebuilt once for all of them: a batch of thousands of created files
    /// costs one load, not one re-index each.
    pub fn reload_many(&mut self, paths: &[String]) {
        let mut documents = Vec::new();
        let mut gone = Vec::new();
        for rel in paths {
            if rel.starts_with("Tests/") {
                self.reload(rel);
                continue;
            }
            let file_name = rel.rsplit('/').next().unwrap_or(rel).to_owned();
            match self.reader.read(&self.root.join(rel)) {
                Ok(bytes) => documents.push(Document::parse(rel.clone(), file_name, bytes)),
                Err(e) if e.is_missing() => gone.push(rel.clone()),
                Err(e) => documents.push(Document::unreadable(rel.clone(), file_name, e.to_string())),
            }
        }
        self.corpus.apply(documents, &gone);
    }

    /// Positions in `rel`'s text.
    pub fn lines<'a>(&'a self, rel: &str) -> Option<Lines<'a>> {
        self.text(rel).map(|t| Lines::new(t, self.encoding))
    }
}

/// The local path of a `file:` URI, as the platform writes it (`file:///C:/x` is `C:\x` on
/// Windows); any other URI has none.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok().filter(|u| u.scheme() == "file")?.to_file_path().ok()
}

/// The `file:` URI of a local (absolute) path, percent-encoded as the url crate does.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    url::Url::from_file_path(path).ok()?.as_str().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &str) -> Uri {
        text.parse().expect("uri")
    }

    #[cfg(unix)]
    #[test]
    fn uris_and_paths_round_trip() {
        let path = Path::new("/tmp/a b/Standards/scs-0100-v1-ä.md");
        let encoded = path_to_uri(path).expect("uri");
        assert_eq!(encoded.as_str(), "file:///tmp/a%20b/Standards/scs-0100-v1-%C3%A4.md");
        assert_eq!(uri_to_path(&encoded).as_deref(), Some(path));
        assert_eq!(uri_to_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(uri_to_path(&uri("https://example.org/x.md")), None);
        assert_eq!(uri_to_path(&uri("file://localhost/tmp/x.md")).as_deref(), Some(Path::new("/tmp/x.md")));
        assert_eq!(path_to_uri(Path::new("relative/x.md")), None, "only absolute paths have a file URI");
    }

    /// What VS Code sends on Windows: a drive letter, often with the colon encoded. On Windows
    /// the path is `C:\…`; elsewhere the url crate keeps the URI's path as it is.
    #[test]
    fn windows_style_uris() {
        for text in [
            "file:///C:/Users/me/standards/Standards/scs-0100-v1-a.md",
            "file:///c%3A/Users/me/standards/Standards/scs-0100-v1-a.md",
        ] {
            let path = uri_to_path(&uri(text)).expect("a path");
            #[cfg(windows)]
            {
                let shown = path.to_string_lossy().to_lowercase();
                assert_eq!(shown, r"c:\users\me\standards\standards\scs-0100-v1-a.md", "{text}");
                let back = path_to_uri(&path).expect("uri");
                assert!(back.as_str().to_lowercase().starts_with("file:///c:/users/me/"), "{}", back.as_str());
            }
            #[cfg(not(windows))]
            assert!(path.ends_with("Users/me/standards/Standards/scs-0100-v1-a.md"), "{text}: {}", path.display());
        }
        assert_eq!(uri_to_path(&uri("file://server/share/Standards/x.md")).is_some(), cfg!(windows), "a UNC path");
    }
}

//! A repository's documents, read in parallel from its `Standards/` folder, with lookups.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::document::Document;
use crate::files::Files;
use crate::name::DocId;
use crate::reader::Reader;
use crate::scope::{self, ScopeFile};

/// The folder of a repository that holds the documents.
pub const STANDARDS_DIR: &str = "Standards";

/// The folder that holds the certificate-scope files.
pub const TESTS_DIR: &str = "Tests";

/// Files larger than this are not read. The largest real SCS document has 30 KB: the limit
/// leaves it 30 times that, and bounds what a hostile file can cost a pre-commit hook or an
/// editor (every shape of `cargo xtask bench`'s adversarial section stays under a second at
/// this size). A repository that needs more sets `max-file-size` in `scs.toml`.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

/// All documents of one repository.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub root: PathBuf,
    /// Sorted by file name.
    pub documents: Vec<Document>,
    /// The certificate-scope files of `Tests/`, sorted by path.
    pub scopes: Vec<ScopeFile>,
    by_file_name: HashMap<String, usize>,
    /// Indices into `documents` per parsed id, in file-name order.
    by_id: HashMap<DocId, Vec<usize>>,
    /// The repository's files and folders, as the loader listed them.
    files: Files,
    /// Documents in `Standards/`, parsed or not (see [`Corpus::load_related`]).
    pub(crate) listed: usize,
}

/// Why a repository could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read the folder {}: {source}", path.display())]
    ReadDir { path: PathBuf, source: io::Error },
}

/// Limits of reading a repository.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Files larger than this are reported and not read.
    pub max_file_size: u64,
    /// Parse only file names and front matter (no Markdown body, and only the text up to the
    /// end of the front matter is kept): what `scs site` needs, at a fraction of the memory.
    pub metadata_only: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { max_file_size: DEFAULT_MAX_FILE_SIZE, metadata_only: false }
    }
}

impl Corpus {
    /// Reads and parses every `scs-*.md` entry of `root/Standards/`, in parallel.
    pub fn load(root: &Path) -> Result<Self, LoadError> {
        Self::load_with(root, LoadOptions::default())
    }

    /// [`Corpus::load`] with explicit limits.
    pub fn load_with(root: &Path, options: LoadOptions) -> Result<Self, LoadError> {
        let entries = list(root)?;
        let reader = Reader::for_repository(root, options.max_file_size);
        let read_documents = || read_entries(entries, &reader, options);
        // Scope files are few but slow to scan: read them (and list the repository's files)
        // while the documents are parsed.
        let (documents, (scopes, files)) =
            rayon::join(read_documents, || rayon::join(|| load_scopes(root, &reader), || Files::scan(root)));
        Ok(Self::from_documents(root.to_path_buf(), documents).with_scopes(scopes).with_files(files))
    }

    /// The documents of a flat folder, as the docs site's `getDocs.js` leaves them: the
    /// `scs-*.md` files directly in `dir` (no `Standards/` folder), read as `Standards/NAME`
    /// with the limits of `options`. No certificate scopes, no listing of other files.
    pub fn load_flat(dir: &Path, options: LoadOptions) -> Result<Self, LoadError> {
        let reader = Reader::for_repository(dir, options.max_file_size);
        Ok(Self::from_documents(dir.to_path_buf(), read_entries(list_in(dir)?, &reader, options)))
    }

    /// A corpus of already parsed documents (sorted here by file name).
    pub fn from_documents(root: PathBuf, mut documents: Vec<Document>) -> Self {
        documents.sort_by(|a, b| a.file_name.cmp(&b.file_name));
        let by_file_name = documents.iter().enumerate().map(|(i, d)| (d.file_name.clone(), i)).collect();
        let mut by_id: HashMap<DocId, Vec<usize>> = HashMap::new();
        for (i, doc) in documents.iter().enumerate() {
            if let Ok(name) = &doc.name {
                by_id.entry(name.id).or_default().push(i);
            }
        }
        let listed = documents.len();
        let files = Files::of(documents.iter().map(|d| d.path.as_str()));
        Self { root, documents, scopes: Vec::new(), by_file_name, by_id, files, listed }
    }

    /// The repository's files and folders, as the loader listed them.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The repository's files and folders as listed by a loader (replacing the index of the
    /// documents' own paths that [`Corpus::from_documents`] makes).
    pub fn with_files(mut self, files: Files) -> Self {
        self.files = files;
        self
    }

    /// Records that the file at `rel_path` now exists or no longer does (an editor saw it
    /// created or deleted); documents and scopes are kept up to date by `upsert`/`remove`.
    pub fn note_file(&mut self, rel_path: &str, exists: bool) {
        if exists { self.files.insert(rel_path) } else { self.files.remove(rel_path) }
    }

    /// Rebuilds the indexes over `documents`, keeping the scopes, the file index and the count.
    fn reindexed(&mut self, documents: Vec<Document>) {
        let scopes = std::mem::take(&mut self.scopes);
        let files = std::mem::take(&mut self.files);
        let listed = self.listed;
        *self = Self::from_documents(self.root.clone(), documents).with_scopes(scopes).with_files(files);
        self.listed = self.listed.max(listed);
    }

    /// Puts `doc` in place of the document with its file name, or adds it. Replacing keeps
    /// the indexes (same file name, same id): what an editor's keystroke costs.
    pub fn upsert(&mut self, doc: Document) {
        match self.by_file_name.get(&doc.file_name) {
            Some(&i) => self.documents[i] = doc,
            None => {
                self.files.insert(&doc.path);
                let mut documents = std::mem::take(&mut self.documents);
                documents.push(doc);
                self.reindexed(documents);
            }
        }
    }

    /// Puts every document of `docs` in place (as [`Corpus::upsert`]) and removes those at
    /// `removed`, rebuilding the indexes at most once.
    pub fn apply(&mut self, docs: Vec<Document>, removed: &[String]) {
        let mut added = Vec::new();
        for doc in docs {
            match self.by_file_name.get(&doc.file_name) {
                Some(&i) if self.documents[i].path == doc.path => self.documents[i] = doc,
                _ => added.push(doc),
            }
        }
        let removed: std::collections::HashSet<&str> =
            removed.iter().map(String::as_str).filter(|p| self.by_path(p).is_some()).collect();
        if added.is_empty() && removed.is_empty() {
            return;
        }
        let mut documents = std::mem::take(&mut self.documents);
        documents.retain(|d| !removed.contains(d.path.as_str()));
        for path in &removed {
            self.files.remove(path);
        }
        let mut by_name: HashMap<String, usize> =
            documents.iter().enumerate().map(|(i, d)| (d.file_name.clone(), i)).collect();
        for doc in added {
            self.files.insert(&doc.path);
            // The same file name at another path replaces it, as `upsert` does.
            match by_name.get(&doc.file_name) {
                Some(&i) => documents[i] = doc,
                None => {
                    by_name.insert(doc.file_name.clone(), documents.len());
                    documents.push(doc);
                }
            }
        }
        self.reindexed(documents);
    }

    /// Removes the document at `rel_path`, if there is one.
    pub fn remove(&mut self, rel_path: &str) {
        if self.by_path(rel_path).is_none() {
            return;
        }
        let mut documents = std::mem::take(&mut self.documents);
        documents.retain(|d| d.path != rel_path);
        self.files.remove(rel_path);
        self.reindexed(documents);
    }

    /// Puts `scope` in place of the scope file with its path, or adds it; `None` removes it.
    pub fn upsert_scope(&mut self, path: &str, scope: Option<ScopeFile>) {
        match scope {
            Some(_) => self.files.insert(path),
            None => self.files.remove(path),
        }
        self.scopes.retain(|s| s.path != path);
        self.scopes.extend(scope);
        self.scopes.sort_by(|a, b| a.path.cmp(&b.path));
    }

    /// Adds certificate-scope files (for corpora built in memory).
    pub fn with_scopes(mut self, mut scopes: Vec<ScopeFile>) -> Self {
        scopes.sort_by(|a, b| a.path.cmp(&b.path));
        for scope in &scopes {
            self.files.insert(&scope.path);
        }
        self.scopes = scopes;
        self
    }

    /// The text of a document or scope file at `rel_path`, for rendering findings.
    pub fn text_of(&self, rel_path: &str) -> Option<&str> {
        match self.by_path(rel_path) {
            Some(doc) => Some(&doc.text),
            None => self.scopes.iter().find(|s| s.path == rel_path).map(|s| s.text.as_str()),
        }
    }

    /// Whether `rel_path` (relative to the root, `/`-separated, already normalized) names an
    /// existing file or folder of the repository, as the loader listed it (the disk is not
    /// asked again: a corpus built in memory knows only its own files).
    pub fn path_exists(&self, rel_path: &str) -> bool {
        if let Some(doc) = self.by_path(rel_path) {
            return !matches!(doc.problems.first(), Some(crate::ParseProblem::Unreadable { .. }));
        }
        self.files.contains(rel_path)
    }

    /// How many documents the repository has, including those not parsed because a check
    /// of some files did not need them.
    pub fn listed(&self) -> usize {
        self.listed
    }

    /// The document with exactly this file name.
    pub fn by_file_name(&self, file_name: &str) -> Option<&Document> {
        self.by_file_name.get(file_name).map(|&i| &self.documents[i])
    }

    /// Documents whose file name parses to `id` (several when ids collide).
    pub fn by_id(&self, id: DocId) -> impl Iterator<Item = &Document> {
        self.by_id.get(&id).into_iter().flatten().map(|&i| &self.documents[i])
    }

    /// The document at `rel_path` (relative to the root, `/`-separated).
    pub fn by_path(&self, rel_path: &str) -> Option<&Document> {
        let file_name = rel_path.strip_prefix(STANDARDS_DIR)?.strip_prefix('/')?;
        self.by_file_name(file_name)
    }
}

/// One `scs-*.md` entry of `Standards/`, not read yet.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The file name (lossily decoded when it is not UTF-8).
    pub file_name: String,
    pub lossy_name: bool,
    pub path: PathBuf,
    /// The type the directory listing reported (no extra `stat` on most file systems).
    file_type: Option<fs::FileType>,
}

impl Entry {
    /// The file's bytes, or why they are not read.
    pub fn read(&self, reader: &Reader) -> Result<Vec<u8>, String> {
        if self.lossy_name {
            return Err("the file name is not valid UTF-8".into());
        }
        reader.read_known(&self.path, self.file_type, None).map_err(|e| e.to_string())
    }

    /// At most the first `head` bytes, with the same refusals as [`Entry::read`].
    pub fn read_head(&self, reader: &Reader, head: u64) -> Result<Vec<u8>, String> {
        if self.lossy_name {
            return Err("the file name is not valid UTF-8".into());
        }
        reader.read_known(&self.path, self.file_type, Some(head)).map_err(|e| e.to_string())
    }

    pub fn into_document(self, bytes: Result<Vec<u8>, String>) -> Document {
        let rel = format!("{STANDARDS_DIR}/{}", self.file_name);
        match bytes {
            Ok(bytes) => Document::parse(rel, self.file_name, bytes),
            Err(reason) => Document::unreadable(rel, self.file_name, reason),
        }
    }

    /// [`Entry::into_document`] of the file name and front matter only.
    pub fn into_metadata(self, bytes: Result<Vec<u8>, String>) -> Document {
        let rel = format!("{STANDARDS_DIR}/{}", self.file_name);
        match bytes {
            Ok(bytes) => Document::parse_metadata(rel, self.file_name, bytes),
            Err(reason) => Document::unreadable(rel, self.file_name, reason),
        }
    }
}

/// Whether a file name is one of a document: `scs-*.md` (as `chk_adrs.py` reads them).
pub fn is_document_file_name(file_name: &str) -> bool {
    file_name.starts_with("scs-") && file_name.ends_with(".md")
}

/// Whether a path relative to the repository root (`/`-separated) is a document of
/// `Standards/` (not of a subfolder): the one test that git, GitHub and the report share.
pub fn is_document_path(path: &str) -> bool {
    path.strip_prefix(STANDARDS_DIR)
        .and_then(|p| p.strip_prefix('/'))
        .is_some_and(|f| !f.contains('/') && is_document_file_name(f))
}

/// Whether a path relative to the repository root is a certificate scope of `Tests/` (not of
/// a subfolder): `Tests/scs-compatible-….yaml` and the other prefixes of `scope`.
pub fn is_scope_path(path: &str) -> bool {
    path.strip_prefix(TESTS_DIR)
        .and_then(|p| p.strip_prefix('/'))
        .is_some_and(|f| !f.contains('/') && scope::is_scope_file_name(f))
}

/// Reads and parses `entries` in parallel (only their metadata when `options` say so).
fn read_entries(entries: Vec<Entry>, reader: &Reader, options: LoadOptions) -> Vec<Document> {
    entries
        .into_par_iter()
        .map(|entry| {
            let bytes = entry.read(reader);
            if options.metadata_only { entry.into_metadata(bytes) } else { entry.into_document(bytes) }
        })
        .collect()
}

/// The `scs-*.md` entries of `root/Standards/`, sorted by file name.
pub(crate) fn list(root: &Path) -> Result<Vec<Entry>, LoadError> {
    list_in(&root.join(STANDARDS_DIR))
}

/// The `scs-*.md` entries of the folder `dir`, sorted by file name.
fn list_in(dir: &Path) -> Result<Vec<Entry>, LoadError> {
    let dir = dir.to_path_buf();
    let read_err = |source| LoadError::ReadDir { path: dir.clone(), source };
    let mut entries = Vec::new();
    for entry in fs::read_dir(&dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let raw = entry.file_name();
        let file_name = raw.to_string_lossy();
        if is_document_file_name(&file_name) {
            entries.push(Entry {
                file_name: file_name.into_owned(),
                lossy_name: raw.to_str().is_none(),
                path: entry.path(),
                file_type: entry.file_type().ok(),
            });
        }
    }
    entries.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    Ok(entries)
}

/// Reads the certificate-scope files of `root/Tests/`, if that folder exists.
pub(crate) fn load_scopes(root: &Path, reader: &Reader) -> Vec<ScopeFile> {
    let Ok(entries) = fs::read_dir(root.join(TESTS_DIR)) else { return Vec::new() };
    let files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_owned();
            scope::is_scope_file_name(&name).then(|| (format!("{TESTS_DIR}/{name}"), e.path()))
        })
        .collect();
    files
        .into_par_iter()
        .map(|(rel, path)| match reader.read(&path) {
            Ok(bytes) => ScopeFile::parse(rel, bytes),
            Err(reason) => ScopeFile::unreadable(rel, reason.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_scs_markdown_files_directly_in_standards() {
        assert!(is_document_path("Standards/scs-0100-v1-a.md"));
        assert!(!is_document_path("Standards/sub/scs-0100-v1-a.md"));
        assert!(!is_document_path("Standards/README.md"));
        assert!(!is_document_path("Tests/scs-0100-v1-a.md"));
        assert!(!is_document_path("Standardsx/scs-0100-v1-a.md"));
    }
    use crate::document::ParseProblem;

    #[test]
    fn loads_only_scs_markdown_and_survives_bad_entries() -> Result<(), Box<dyn std::error::Error>> {
        let repo = tempfile::tempdir()?;
        let std = repo.path().join(STANDARDS_DIR);
        fs::create_dir(&std)?;
        fs::write(std.join("scs-0001-v1-a.md"), "---\ntype: Procedural\n---\n")?;
        fs::write(std.join("README.md"), "# not a document\n")?;
        fs::create_dir(std.join("scs-0002-v1-dir.md"))?;
        let corpus = Corpus::load(repo.path())?;
        let names: Vec<_> = corpus.documents.iter().map(|d| d.file_name.as_str()).collect();
        assert_eq!(names, ["scs-0001-v1-a.md", "scs-0002-v1-dir.md"]);
        let dir = corpus.by_path("Standards/scs-0002-v1-dir.md").expect("dir entry");
        assert!(matches!(&dir.problems[..], [ParseProblem::Unreadable { reason }] if reason.contains("directory")));
        let id = DocId::parse("scs-0001-v1").expect("id");
        assert_eq!(corpus.by_id(id).count(), 1);
        assert!(corpus.path_exists("Standards/scs-0001-v1-a.md"));
        assert!(corpus.path_exists("Standards/README.md"));
        assert!(!corpus.path_exists("Standards/scs-0002-v1-dir.md"), "unreadable documents do not count");
        assert!(!corpus.path_exists("Standards/nope.md"));
        assert!(corpus.scopes.is_empty());
        // Only the loader looked at the disk: a file created afterwards is unknown until an
        // editor reports it, and a corpus built in memory over the same root knows only its own.
        fs::write(std.join("LATER.md"), "x")?;
        assert!(!corpus.path_exists("Standards/LATER.md"));
        let mut corpus = corpus;
        corpus.note_file("Standards/LATER.md", true);
        assert!(corpus.path_exists("Standards/LATER.md"));
        let doc = Document::parse(
            "Standards/scs-0003-v1-c.md".into(),
            "scs-0003-v1-c.md".into(),
            b"---
---
"
            .to_vec(),
        );
        let in_memory = Corpus::from_documents(repo.path().to_path_buf(), vec![doc]);
        assert!(!in_memory.path_exists("Standards/README.md"), "on disk, but not in this corpus");
        assert!(in_memory.path_exists("Standards/scs-0003-v1-c.md") && in_memory.path_exists("Standards"));
        Ok(())
    }

    #[test]
    fn loads_scope_files_from_tests() -> Result<(), Box<dyn std::error::Error>> {
        let repo = tempfile::tempdir()?;
        fs::create_dir_all(repo.path().join(STANDARDS_DIR))?;
        fs::create_dir_all(repo.path().join(TESTS_DIR))?;
        fs::write(repo.path().join("Tests/scs-compatible-iaas.yaml"), "name: x\n")?;
        fs::write(repo.path().join("Tests/other.yaml"), "name: y\n")?;
        let corpus = Corpus::load(repo.path())?;
        let paths: Vec<_> = corpus.scopes.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["Tests/scs-compatible-iaas.yaml"]);
        assert_eq!(corpus.text_of("Tests/scs-compatible-iaas.yaml"), Some("name: x\n"));
        Ok(())
    }

    #[test]
    fn missing_standards_folder_is_an_error() {
        let repo = tempfile::tempdir().expect("tempdir");
        assert!(matches!(Corpus::load(repo.path()), Err(LoadError::ReadDir { .. })));
    }
}

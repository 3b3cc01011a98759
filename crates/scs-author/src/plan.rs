//! A set of file changes that one authoring command makes: new texts, renames, new files.

use std::collections::BTreeMap;

use scs_core::{Corpus, Document};

use scs_core::edit::FrontMatterEditor as Editor;

use crate::AuthorError;

/// What a command would change, relative to the repository root.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Files whose text changes: path → new text.
    pub changes: BTreeMap<String, String>,
    /// Files to rename: (from, to), applied before the changes (which name the new paths).
    pub renames: Vec<(String, String)>,
    /// New files: path → text. Never overwrite an existing file.
    pub created: BTreeMap<String, String>,
}

/// Collects edits per document, so that each file is edited once.
pub struct Edits<'a> {
    editors: BTreeMap<String, Editor<'a>>,
    docs: BTreeMap<String, &'a Document>,
}

impl<'a> Edits<'a> {
    pub fn new() -> Self {
        Self { editors: BTreeMap::new(), docs: BTreeMap::new() }
    }

    pub fn of(&mut self, doc: &'a Document) -> &mut Editor<'a> {
        self.docs.insert(doc.path.clone(), doc);
        self.editors.entry(doc.path.clone()).or_insert_with(|| Editor::new(doc))
    }

    /// The new texts; edits that scs_core's editor refuses (overlapping) are an error.
    pub fn into_plan(self) -> Result<Plan, AuthorError> {
        let mut plan = Plan::default();
        for (path, editor) in self.editors {
            let text = editor.finish().map_err(|error| AuthorError::Edit { document: path.clone(), error })?;
            if self.docs.get(&path).is_some_and(|d| d.text != text) {
                plan.changes.insert(path, text);
            }
        }
        Ok(plan)
    }
}

impl Default for Edits<'_> {
    fn default() -> Self {
        Self::new()
    }
}

/// Finds a document by id (`scs-0100-v3`), file name or path.
pub fn find<'a>(corpus: &'a Corpus, reference: &str) -> Option<&'a Document> {
    let file_name = reference.rsplit(['/', '\\']).next().unwrap_or(reference);
    corpus.by_file_name(file_name).or_else(|| {
        let id = scs_core::DocId::parse(file_name)?;
        let mut matches = corpus.by_id(id);
        let first = matches.next()?;
        matches.next().is_none().then_some(first)
    })
}

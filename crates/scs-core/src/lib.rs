//! Parses SCS standards and decision records into a [`Corpus`]: file names, front matter with
//! spans, headings with anchors, links. No printing, no policy: problems are data.

pub mod anchor;
pub mod autolink;
pub mod corpus;
pub mod document;
pub mod edit;
pub mod files;
pub mod front_matter;
pub mod history;
pub mod html;
pub mod lifecycle;
pub mod markdown;
pub mod model;
pub mod name;
pub mod normative;
pub mod reader;
pub mod related;
pub mod scope;
pub mod span;
pub mod untrusted;
pub mod yaml;

pub use corpus::{Corpus, LoadError, LoadOptions, STANDARDS_DIR, TESTS_DIR};
pub use document::{Document, ParseProblem};
pub use front_matter::FrontMatter;
pub use lifecycle::LifecycleState;
pub use markdown::{Link, LinkForm};
pub use model::{DocType, Status, Track};
pub use name::{DocId, DocKind, DocName, DocNumber, DocVersion, NameProblem};
pub use reader::{ReadError, Reader};
pub use scope::ScopeFile;
pub use span::{LineCol, LineIndex, Span};
pub use yaml::{Entry, ScalarStyle, Value, ValueKind, YamlError};

//! Authoring SCS documents: creating them from the sections SCS-0001 requires, numbering
//! proposals, taking lifecycle steps as minimal edits of the front matter, and overviews
//! (list, graph). Pure: text in, planned changes out; the CLI writes them.

pub mod graph;
pub mod lifecycle;
pub mod list;
pub mod new;
pub mod number;
pub mod plan;

pub use lifecycle::AuthorError;
pub use plan::{Plan, find};

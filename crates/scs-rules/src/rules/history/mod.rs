//! Rules about the past of the documents, read from git: what SCS-0001 says may not change
//! once a document was accepted or stabilized. They compare the [`scs_history::History::milestones`] of
//! each document: the states the default branch had, then the document as it is now.

use scs_history::State;

use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Reporter};

pub mod deleted;
pub mod lifecycle;
pub mod new_document;
pub mod renamed;
pub mod stabilized_at;
pub mod stable_edited;
pub mod transition;

/// Reports on the document as it is now at `state`: at the value of front-matter `key` if it
/// has one, else at the front matter (or the file as a whole when it is not loaded).
fn report<'r>(
    out: &'r mut Reporter,
    cx: Context,
    state: &State,
    key: Option<&str>,
    message: String,
) -> &'r mut Diagnostic {
    match cx.corpus.by_path(&state.path) {
        Some(doc) => {
            let span = key.and_then(|k| doc.entry(k)).map_or_else(|| doc.head_span(), |e| e.value.span);
            out.report(doc, Some(span), message)
        }
        None => out.report_path(&state.path, None, message),
    }
}

/// The file name of a state's path.
fn file_name(state: &State) -> &str {
    state.path.rsplit('/').next().unwrap_or(&state.path)
}

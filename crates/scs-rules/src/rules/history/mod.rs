//! Rules about the past of the documents, read from git: what SCS-0001 says may not change
//! once a document was accepted or stabilized. They compare the [`scs_core::history::History::milestones`] of
//! each document: the states the default branch had, then the document as it is now.

use scs_core::Status;
use scs_core::history::{History, State, Trail};

use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Reporter};

crate::rule_modules! {
    renamed,
    deleted,
    lifecycle,
    transition,
    stabilized_at,
    stable_edited,
    new_document,
}

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

/// A change of status between two milestones of a document: from `from`, entered at `since`,
/// to `to` at `at`.
struct StatusChange<'t> {
    from: Status,
    since: &'t State,
    to: Status,
    at: &'t State,
}

/// The status changes between the milestones of `trail`; states whose status cannot be read
/// are skipped. A supplement has no status of its own (SCS-0001), so it has no changes; and
/// `Proposal`, a status until SCS-0001 made it the spelling of a new Draft, is the Draft
/// phase (Draft → Proposal in 2024 followed the text of its day).
fn status_changes<'t>(history: &History, trail: &'t Trail) -> Vec<StatusChange<'t>> {
    let mut changes = Vec::new();
    if trail.is_supplement() {
        return changes;
    }
    let mut last: Option<(Status, &State)> = None;
    for state in history.milestones(trail) {
        let Some(status) = state.status else { continue };
        let status = if status == Status::Proposal { Status::Draft } else { status };
        if let Some((from, since)) = last {
            if from == status {
                continue;
            }
            changes.push(StatusChange { from, since, to: status, at: state });
        }
        last = Some((status, state));
    }
    changes
}

/// The file name of a state's path.
fn file_name(state: &State) -> &str {
    state.path.rsplit('/').next().unwrap_or(&state.path)
}

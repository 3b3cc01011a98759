//! The history of the documents as data: revisions, and for each document the trail of states
//! it went through. `scs-history` fills it from git; the history rules of `scs-rules` read it.
//! No process is started here: reading a state from a version's bytes is pure.

use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::front_matter::{self, Block};
use crate::model::Status;
use crate::name::DocName;

/// A point of the history: a commit, or the working tree (uncommitted changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revision {
    Commit {
        /// The abbreviated id git prints (`1a2b3c4`).
        short: String,
        /// The commit date, `YYYY-MM-DD`.
        date: String,
        /// The subject line, with control characters removed and at most 80 characters.
        subject: String,
        /// Whether the commit is on the default branch (its changes were accepted), or only
        /// on the branch under review.
        accepted: bool,
    },
    WorkingTree,
}

impl Revision {
    /// A commit of the history; the subject is cleaned (one printable line, bounded).
    pub fn commit(short: &str, date: &str, subject: &str, accepted: bool) -> Self {
        Revision::Commit { short: short.to_owned(), date: date.to_owned(), subject: clean(subject), accepted }
    }

    /// Whether the changes of this revision were accepted on the default branch; the working
    /// tree never is.
    pub fn accepted(&self) -> bool {
        matches!(self, Revision::Commit { accepted: true, .. })
    }
}

impl fmt::Display for Revision {
    /// `commit 1a2b3c4 (2025-03-01, "Rename the flavor standard")` or `the working tree`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Revision::Commit { short, date, subject, .. } => write!(f, "commit {short} ({date}, \"{subject}\")"),
            Revision::WorkingTree => f.write_str("the working tree"),
        }
    }
}

/// A subject line from an untrusted commit: one line, printable, bounded.
fn clean(subject: &str) -> String {
    const MAX: usize = 80;
    let printable: String = subject.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let printable = printable.trim();
    match printable.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &printable[..end]),
        None => printable.to_owned(),
    }
}

/// The commit `HEAD` names, with its UTC commit date: where the local clone stands
/// (`scs-history` reads it; the report compares it with GitHub's default branch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub id: String,
    pub short: String,
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
}

/// A document as one revision left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Index into [`History::revisions`].
    pub revision: usize,
    /// Path relative to the repository root: `Standards/scs-0100-v1-….md`.
    pub path: String,
    /// The parsed file name, if it is a valid SCS name.
    pub name: Option<DocName>,
    /// `status`, if present and one SCS-0001 allows.
    pub status: Option<Status>,
    /// `stabilized_at` as written, if present and not null.
    pub stabilized_at: Option<String>,
    /// A fingerprint of the text after the front matter.
    pub body: u64,
}

impl State {
    /// The state of the document at `path` (relative to the repository root) whose bytes at
    /// revision `revision` are `bytes`. Never fails: what cannot be read stays `None`.
    pub fn read(revision: usize, path: &str, bytes: &[u8]) -> Self {
        Self::of(revision, path, &Content::of(bytes))
    }

    /// The state of the document at `path` with `content` at `revision`.
    pub fn of(revision: usize, path: &str, content: &Content) -> Self {
        State {
            revision,
            path: path.to_owned(),
            name: doc_name(path),
            status: content.status,
            stabilized_at: content.stabilized_at.clone(),
            body: content.body,
        }
    }

    /// Whether the file name carries an assigned number (`scs-0100-…`, not `scs-xxxx-…`).
    pub fn is_numbered(&self) -> bool {
        self.name.as_ref().is_some_and(|n| n.id.number.assigned().is_some())
    }
}

/// What the history rules need of one version of a document's bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    status: Option<Status>,
    stabilized_at: Option<String>,
    body: u64,
}

impl Content {
    /// Reads status, `stabilized_at` and the body's fingerprint from a version's bytes.
    pub fn of(bytes: &[u8]) -> Self {
        let text = String::from_utf8_lossy(bytes);
        let start = front_matter::bom_len(text.as_bytes());
        let (mut status, mut stabilized_at, mut body_start) = (None, None, start);
        if let Block::Closed { yaml, body_start: after, .. } = front_matter::locate(&text, start) {
            body_start = after;
            if let Ok(fm) = front_matter::parse(&text, yaml) {
                status = fm.get("status").and_then(|e| e.value.as_str()).and_then(Status::parse);
                stabilized_at = fm
                    .get("stabilized_at")
                    .filter(|e| !e.value.is_null())
                    .and_then(|e| e.value.as_str())
                    .map(|s| s.trim().to_owned());
            }
        }
        let mut hasher = DefaultHasher::new();
        text[body_start..].hash(&mut hasher);
        Self { status, stabilized_at, body: hasher.finish() }
    }
}

/// The parsed name of the file at `path`, if it is a valid SCS name.
pub fn doc_name(path: &str) -> Option<DocName> {
    DocName::parse(path.rsplit('/').next()?).ok()
}

/// One document's states, oldest first: a new state at every revision that added, changed or
/// renamed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trail {
    pub states: Vec<State>,
    /// The revision that deleted the document, if it is gone.
    pub deleted: Option<usize>,
}

impl Trail {
    /// Whether the trail is a document as `scs check` sees one: its latest name is an SCS
    /// document name and not a template (`scs-XXXX-vN-…`). History rules see only these.
    pub fn is_document(&self) -> bool {
        self.states.last().and_then(|s| s.name.as_ref()).is_some_and(|n| !n.is_template())
    }

    /// Whether the trail is a supplement (`scs-NNNN-wN-…`), which has no status of its own
    /// (SCS-0001): the lifecycle rules skip it.
    pub fn is_supplement(&self) -> bool {
        self.states.last().and_then(|s| s.name.as_ref()).is_some_and(|n| n.id.kind == crate::DocKind::Supplement)
    }

    /// The document as it is now, unless it was deleted.
    pub fn current(&self) -> Option<&State> {
        if self.deleted.is_some() { None } else { self.states.last() }
    }
}

/// What git remembers about the documents of `Standards/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Oldest first; the last one is the working tree.
    pub revisions: Vec<Revision>,
    pub trails: Vec<Trail>,
}

impl History {
    /// The trails of documents (see [`Trail::is_document`]).
    pub fn documents(&self) -> impl Iterator<Item = &Trail> {
        self.trails.iter().filter(|t| t.is_document())
    }

    pub fn revision(&self, state: &State) -> &Revision {
        &self.revisions[state.revision]
    }

    /// The first state of `trail` that the default branch had under a number: when the
    /// document was accepted (SCS-0001: the number is assigned on acceptance).
    pub fn acceptance<'a>(&self, trail: &'a Trail) -> Option<&'a State> {
        trail.states.iter().find(|s| s.is_numbered() && self.revisions[s.revision].accepted())
    }

    /// The states of `trail` the default branch had, then the document as it is now: what the
    /// history rules compare, so that back-and-forth on a branch under review is not reported.
    pub fn milestones<'a>(&self, trail: &'a Trail) -> Vec<&'a State> {
        let mut milestones: Vec<&State> =
            trail.states.iter().filter(|s| self.revisions[s.revision].accepted()).collect();
        if let Some(current) = trail.current()
            && milestones.last().is_none_or(|last| !std::ptr::eq(*last, current))
        {
            milestones.push(current);
        }
        milestones
    }
}

/// A commit of the default branch with the documents it changed, each as it was before and
/// after: what the report's "since the last meeting" turns into lifecycle changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitChanges {
    /// The full commit id (a merged pull request's `mergeCommit` is matched against it).
    pub id: String,
    pub revision: Revision,
    pub documents: Vec<DocumentVersions>,
    /// Documents whose version before or after could not be read (larger than the size limit):
    /// left out of `documents` rather than read as empty, which would be a false step.
    pub unread: Vec<String>,
}

/// One document a commit changed: `before` is `None` for a new one, `after` for a removed one;
/// a renamed document has both, with different paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentVersions {
    pub before: Option<Version>,
    pub after: Option<Version>,
}

/// One version of a document: its path relative to the repository root and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_one_bounded_printable_line() {
        let r = Revision::commit("abc", "2025-01-01", "\u{1b}[31mred\nline\u{7}", true);
        assert_eq!(r.to_string(), "commit abc (2025-01-01, \"[31mred line\")");
        let long = "x".repeat(200);
        let Revision::Commit { subject, .. } = Revision::commit("a", "d", &long, false) else { unreachable!() };
        assert_eq!(subject.chars().count(), 81);
        assert_eq!(Revision::WorkingTree.to_string(), "the working tree");
        assert!(!Revision::WorkingTree.accepted());
    }

    #[test]
    fn reads_status_date_and_body() {
        let state = State::read;
        let s = state(3, "Standards/scs-0100-v1-a.md", b"---\nstatus: Stable\nstabilized_at: 2024-01-02\n---\n# A\n");
        assert_eq!((s.revision, s.status, s.stabilized_at.as_deref()), (3, Some(Status::Stable), Some("2024-01-02")));
        assert!(s.is_numbered());
        let same_body = state(4, "Standards/scs-0100-v1-a.md", b"---\nstatus: Draft\n---\n# A\n");
        assert_eq!(s.body, same_body.body);
        assert_eq!(same_body.stabilized_at, None);
        let other = state(4, "Standards/scs-xxxx-v1-a.md", b"---\nstatus: Draft\n---\n# B\n");
        assert_ne!(s.body, other.body);
        assert!(!other.is_numbered());
    }

    #[test]
    fn broken_files_give_an_empty_state() {
        let state = State::read;
        for bytes in [&b""[..], b"---\nstatus: [\n---\n", b"\xff\xfe", b"---\nstatus: Stable\n", b"stabilized_at: ~"] {
            let s = state(0, "Standards/x.md", bytes);
            assert_eq!((s.status, s.stabilized_at, s.name), (None, None, None));
        }
        assert_eq!(state(0, "S", b"---\nstabilized_at: ~\n---\n").stabilized_at, None);
    }
}

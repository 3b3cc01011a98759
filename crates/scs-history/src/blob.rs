//! What a history rule needs from one version of a document: its status, its
//! `stabilized_at`, and a fingerprint of the text after the front matter.

use std::hash::{DefaultHasher, Hash, Hasher};

use scs_core::front_matter::{self, Block};
use scs_core::{DocName, Status};

use crate::model::State;

/// What the history rules need of one version of a document's bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Content {
    status: Option<Status>,
    stabilized_at: Option<String>,
    body: u64,
}

impl Content {
    /// Reads status, `stabilized_at` and the body's fingerprint from a version's bytes.
    pub(crate) fn of(bytes: &[u8]) -> Self {
        let text = String::from_utf8_lossy(bytes);
        let start = if text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
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

/// The state of the document at `path` with `content` at `revision`.
pub(crate) fn state(revision: usize, path: &str, content: &Content) -> State {
    State {
        revision,
        path: path.to_owned(),
        name: doc_name(path),
        status: content.status,
        stabilized_at: content.stabilized_at.clone(),
        body: content.body,
    }
}

/// The parsed name of the file at `path`, if it is a valid SCS name.
pub(crate) fn doc_name(path: &str) -> Option<DocName> {
    DocName::parse(path.rsplit('/').next()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_date_and_body() {
        let state = |revision, path, bytes: &[u8]| state(revision, path, &Content::of(bytes));
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
        let state = |revision, path, bytes: &[u8]| state(revision, path, &Content::of(bytes));
        for bytes in [&b""[..], b"---\nstatus: [\n---\n", b"\xff\xfe", b"---\nstatus: Stable\n", b"stabilized_at: ~"] {
            let s = state(0, "Standards/x.md", bytes);
            assert_eq!((s.status, s.stabilized_at, s.name), (None, None, None));
        }
        assert_eq!(state(0, "S", b"---\nstabilized_at: ~\n---\n").stabilized_at, None);
    }
}

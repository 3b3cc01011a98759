//! What git remembers about `Standards/`: for every document, the states it went through
//! (path, status, `stabilized_at`, a fingerprint of its text) along the history of the
//! checkout, renames followed, and whether each change was already accepted on the default
//! branch. The history rules of `scs-rules` read this; they never run git themselves.
//!
//! Two ways to read it:
//! - [`read_log`]: the first-parent history of `HEAD`, then the working tree (`scs check --history`);
//! - [`read_base`]: a base commit, then the working tree (`scs check --base REF`, a pull request).
//!
//! git is run as a command (`git log`, `git cat-file --batch`, `git diff`), read-only.

mod changes;
mod git;
mod log;
mod read;
mod window;
mod worktree;

pub use changes::{changed_since, documents_at};
pub use git::GitError;
// The model is data in scs-core, so that the rules depend on data, not on running git.
pub use read::{HistoryError, Options, read_base, read_log};
pub use scs_core::history::{CommitChanges, DocumentVersions, Head, History, Revision, State, Trail, Version};
pub use window::{commits_between, head};

/// What git prints and what commits hold are untrusted: no parser may panic on any bytes.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parsers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = crate::log::parse_log(&bytes);
            let _ = crate::log::parse_diff(&bytes);
            let _ = crate::git::read_batch(&mut bytes.as_slice(), &mut |_, _| {});
            let state = scs_core::history::State::read(0, "Standards/scs-0100-v1-a.md", &bytes);
            prop_assert_eq!(state.revision, 0);
        }

        #[test]
        fn log_like_input_never_panics(parts in proptest::collection::vec("(:[0-9a-f ]{0,60}[AMDRCTU]?[0-9]{0,3}|[^\\x00]{0,20}|\\n)", 0..40)) {
            let text = parts.join("\0");
            let _ = crate::log::parse_log(text.as_bytes());
            let _ = crate::log::parse_diff(text.as_bytes());
        }
    }
}

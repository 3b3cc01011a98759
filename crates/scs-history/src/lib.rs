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

mod blob;
mod changes;
mod git;
mod log;
mod model;
mod read;
mod worktree;

pub use changes::changed_since;
pub use git::GitError;
pub use model::{History, Revision, State, Trail};
pub use read::{HistoryError, Options, read_base, read_log};

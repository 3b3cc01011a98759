//! SCS-0001's lifecycle, once: the state of a document on a day ([`LifecycleState`]), the
//! steps a change makes to a document ([`Step`], [`steps`]), who decides them ([`deciders`])
//! and what SCS-0001 requires for each ([`Step::requirements`]). `scs report`, `scs review`,
//! the history rules, the site and the editor all speak it; JSON encodes a step one way.

mod pairing;
mod process;
mod state;
mod step;

pub use pairing::{Change, pair};
pub use process::{Deciders, deciders, requirements_for_status};
pub use state::LifecycleState;
pub use step::{Step, steps};

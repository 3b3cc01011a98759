//! The docs site's standards pages, generated from the parsed documents: the overview table
//! of every document number, one page per track, one page per number, and the sidebar. The
//! layout is that of the docs site's own generator (`populateStds.js`), byte for byte, with
//! its defects fixed: a supplement's state, Rejected versions, numeric order of versions and
//! numbers, documents without a track, `|` in titles. Pure: a corpus and texts in, pages out.

pub mod model;
pub mod pages;
pub mod script;

pub use model::{Number, Site, SiteState, Supplement, Track, Version, Warning};
pub use pages::{Page, Templates, render};
pub use script::{ScriptError, templates_from_script};

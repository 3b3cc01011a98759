//! The rules of SCS-0001 as data-producing checks over a [`scs_core::Corpus`]: a registry of
//! rules with ids, severities and explanations, and [`check`] to run them.

pub mod check;
pub mod diagnostic;
mod facts;
pub mod position;
pub mod rule;
pub mod rules;
#[cfg(test)]
mod testing;

pub use check::{Counts, Settings, check};
pub use diagnostic::{Diagnostic, Label, Severity};
pub use position::{Locator, Position};
pub use rule::{CorpusRule, DocumentRule, Reporter, Rule, RuleMeta};

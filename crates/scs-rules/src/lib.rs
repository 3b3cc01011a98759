//! The rules of SCS-0001 as data-producing checks over a [`scs_core::Corpus`]: a registry of
//! rules with ids, severities and explanations, and [`check()`] to run them.

pub mod baseline;
pub mod check;
mod declare;
pub mod diagnostic;
mod facts;
pub mod fix;
pub mod groups;
pub mod links;
pub mod meta;
pub mod position;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod settings;
pub mod suggest;
mod suppress;
#[cfg(test)]
mod testing;

pub use baseline::Baseline;
pub use check::{Counts, check, check_files, check_with_history};
pub use diagnostic::{Diagnostic, Edit, Fix, Label, Severity};
pub use position::{Locator, Locators, Position};
pub use rule::{Context, CorpusRule, DocumentRule, HistoryRule, Reporter, Rule, RuleMeta, ScopeRule};
pub use settings::{Ignore, Section, SectionNames, Settings};

//! One module per subcommand.

pub mod author;
pub mod check;
pub mod fix;
pub mod report;
pub mod review;
pub mod rules;
pub mod site;

//! End-to-end tests of the `scs` binary: real processes, real files, exit codes and output.

mod adoption;
mod authoring;
mod bad_input;
mod check;
mod ci;
mod cli;
mod ecosystem;
mod edited_file;
mod fake_github;
mod formats;
mod history;
mod hostile;
mod hostile3;
mod integrations;
mod link_forms;
mod lsp;
mod precision;
mod release;
mod report;
mod report_meeting;
mod report_post;
mod report_since;
mod review;
mod shared_corpus;
mod site;
mod support;

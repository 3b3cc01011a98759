//! `scs`: the command-line front of the SCS standards checker. Parses arguments, runs a
//! command, renders errors with miette, and maps outcomes to exit codes.

mod cli;
mod commands;
mod render;
mod transaction;
mod write;

use std::io::Write;

use clap::Parser;

use cli::{Cli, Command};

/// The process exit codes `scs` promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// No errors (warnings allowed unless denied).
    Clean = 0,
    /// Errors found (or warnings with `--deny-warnings`).
    Findings = 1,
    /// Usage or I/O failure: nothing was checked.
    Failure = 2,
}

impl ExitCode {
    fn from_lsp(exit: scs_lsp::Exit) -> Self {
        match exit {
            scs_lsp::Exit::AfterShutdown => ExitCode::Clean,
            scs_lsp::Exit::WithoutShutdown => ExitCode::Findings,
        }
    }
}

/// What stops a command before it can report findings.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Failure {
    #[error(transparent)]
    #[diagnostic(code(scs::discover))]
    Discover(#[from] scs_repository::DiscoverError),
    #[error(transparent)]
    #[diagnostic(code(scs::load))]
    Load(#[from] scs_core::LoadError),
    #[error("cannot determine the current folder: {0}")]
    #[diagnostic(code(scs::cwd))]
    Cwd(std::io::Error),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] scs_repository::ConfigError),
    #[error("{0}")]
    #[diagnostic(code(scs::usage))]
    Usage(String),
    #[error(transparent)]
    #[diagnostic(code(scs::usage))]
    Date(#[from] scs_repository::BadDate),
    #[error(transparent)]
    #[diagnostic(
        code(scs::git),
        help(
            "this reads git: run it in a git checkout that has the commit, branch or tag named (fetch it first in a shallow clone)"
        )
    )]
    Git(#[from] scs_history::GitError),
    #[error("baseline {}: {reason}", path.display())]
    #[diagnostic(code(scs::baseline), help("write one with `scs check --write-baseline FILE`"))]
    Baseline { path: std::path::PathBuf, reason: String },
    #[error("cannot write {}: {reason}", path.display())]
    #[diagnostic(code(scs::write))]
    Write { path: std::path::PathBuf, reason: String },
    #[error(transparent)]
    #[diagnostic(code(scs::author))]
    Author(#[from] scs_author::AuthorError),
    #[error("scs report needs a GitHub token in GITHUB_TOKEN or GH_TOKEN")]
    #[diagnostic(
        code(scs::token),
        help(
            "create a token that can read the repository (a fine-grained token with read access to pull requests and contents, or `gh auth token` of the GitHub CLI); without a token, `scs report --offline` reports what the repository shows"
        )
    )]
    NoToken,
    #[cfg(feature = "report")]
    #[error(transparent)]
    #[diagnostic(code(scs::github))]
    Github(#[from] scs_github::GithubError),
    #[error("cannot write the output: {0}")]
    #[diagnostic(code(scs::output))]
    Output(std::io::Error),
    #[error("there is no rule `{id}`")]
    #[diagnostic(code(scs::unknown_rule), help("{help}"))]
    UnknownRule { id: String, help: String },
}

fn main() -> std::process::ExitCode {
    // Errors in logs and pipes stay on one line each, for grep; terminals get the usual layout.
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(miette::MietteHandlerOpts::new().wrap_lines(terminal).color(terminal).build())
    }));
    // A panic (a bug in scs) prints one line: its message may quote a document, so it is
    // escaped and cut like any untrusted text.
    std::panic::set_hook(Box::new(|info| {
        let message = scs_core::untrusted::printable(scs_core::untrusted::panic_message(info.payload()), 300);
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("scs: internal error{place}: {message}");
    }));
    let cli = Cli::parse();
    // The language server writes standard output from lsp-server's own thread: it must not be
    // locked here for the whole run.
    if matches!(cli.command, Command::Lsp) {
        return std::process::ExitCode::from(scs_lsp::run().code());
    }
    let mut stdout = std::io::stdout().lock();
    let code = match run(cli, &mut stdout) {
        Ok(code) => code,
        // A reader that went away (`scs site --format json | head`) is no failure of scs.
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::Clean,
        Err(failure) => {
            let _ = stdout.flush();
            eprint!("{}", error_text(failure));
            ExitCode::Failure
        }
    };
    std::process::ExitCode::from(code as u8)
}

/// A failure as clap and cargo write errors: `error: …`, then `help: …`; one with a place in
/// a file (a configuration mistake) shows that place too, as miette draws it.
fn error_text(failure: Failure) -> String {
    use miette::Diagnostic;
    let usage = matches!(failure, Failure::Usage(_) | Failure::Date(_));
    if failure.source_code().is_some() {
        return format!("{:?}\n", miette::Report::new(failure));
    }
    let mut text = format!("error: {failure}\n");
    if let Some(help) = failure.help() {
        text.push_str(&format!("help: {help}\n"));
    }
    if usage {
        text.push_str("\nFor more information, try '--help'.\n");
    }
    text
}

fn cwd() -> Result<std::path::PathBuf, Failure> {
    std::env::current_dir().map_err(Failure::Cwd)
}

fn run(cli: Cli, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Check(args) => {
            let cwd = std::env::current_dir().map_err(Failure::Cwd)?;
            commands::check::run(&args, &cwd, stdout)
        }
        Command::Report(args) => {
            let cwd = std::env::current_dir().map_err(Failure::Cwd)?;
            commands::report::run(&args, &cwd, stdout)
        }
        Command::Site(args) => commands::site::run(&args, &cwd()?, stdout),
        Command::Lsp => Ok(ExitCode::from_lsp(scs_lsp::run())),
        Command::New(args) => commands::author::new(&args, &cwd()?, stdout),
        Command::Number(args) => commands::author::number(&args, &cwd()?, stdout),
        Command::Stabilize(args) => commands::author::stabilize(&args, &cwd()?, stdout),
        Command::Deprecate(args) => commands::author::deprecate(&args, &cwd()?, stdout),
        Command::Reject(args) => commands::author::reject(&args, &cwd()?, stdout),
        Command::List(args) => commands::author::list(&args, &cwd()?, stdout),
        Command::Graph(args) => commands::author::graph(&args, &cwd()?, stdout),
        Command::Review(args) => commands::review::run(&args, &cwd()?, stdout),
        Command::Rules { format } => commands::rules::list(format, stdout).map(|()| ExitCode::Clean),
        Command::Explain { rule } => commands::rules::explain(&rule, stdout).map(|()| ExitCode::Clean),
    }
}

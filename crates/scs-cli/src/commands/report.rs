//! `scs report`: the weekly meeting report from GitHub's open pull requests and the local
//! repository.

use std::io::Write;
use std::path::Path;

use scs_report::{Fetched, Options};

/// The days of "since the last meeting", both included.
#[cfg(feature = "report")]
use scs_github::Window;
#[cfg(not(feature = "report"))]
#[derive(Debug, Clone, Copy)]
struct Window {
    #[allow(dead_code)]
    since: jiff::civil::Date,
    #[allow(dead_code)]
    until: jiff::civil::Date,
}

use crate::cli::{ReportArgs, ReportFormat};
use scs_repository::{Repository, discover};

use crate::{ExitCode, Failure};

const DEFAULT_REPOSITORY: &str = "SovereignCloudStack/standards";

pub fn run(args: &ReportArgs, cwd: &Path, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    let paths: Vec<_> = args.path.iter().cloned().collect();
    let target =
        discover::targets(&paths, cwd)?.into_iter().next().ok_or_else(|| Failure::Usage("no repository".into()))?;
    let root = cwd.join(&target.root);
    let repository = Repository::open(&root, args.config.as_deref().map(|c| cwd.join(c)).as_deref())?;
    let today = scs_repository::today(args.today.as_deref())?;
    let corpus = repository.load()?;
    let max_file_size = repository.max_file_size();
    let config = repository.config;
    let mut options = Options::new(today);
    options.settings = config.settings;
    if let Some(days) = args.stale_days.or(config.report.stale_days) {
        options.stale_days = i64::from(days);
    }
    if let Some(labels) = config.report.blocking_labels {
        options.blocking_labels = labels;
    }
    options.only_labels = config.report.only_labels;
    options.only_paths = config.report.only_paths;
    if let Some(since) = &args.since {
        options.since =
            since.parse().map_err(|_| Failure::Usage(format!("--since takes a date YYYY-MM-DD, not `{since}`")))?;
    }
    if options.since > today {
        return Err(Failure::Usage(format!("--since {} is after the day of the report, {today}", options.since)));
    }
    let history_options = scs_history::Options { max_file_size, ..scs_history::Options::default() };
    let commits = scs_history::commits_between(&root, &options.since.to_string(), &today.to_string(), &history_options)
        .map_err(|e| match e {
            scs_history::HistoryError::NotARepository { .. } => {
                "not read: the repository is not a git checkout".to_owned()
            }
            e => format!("not read: {e}"),
        });

    let fetched = if args.offline {
        None
    } else {
        let repositories = match (args.repos.is_empty(), config.report.repositories.is_empty()) {
            (false, _) => args.repos.clone(),
            (true, false) => config.report.repositories.clone(),
            (true, true) => vec![DEFAULT_REPOSITORY.to_owned()],
        };
        let window = Window { since: options.since, until: today };
        Some(online(args, &repositories, window)?)
    };
    let report = scs_report::build(
        scs_report::Sources {
            corpus: &corpus,
            fetched: fetched.as_deref(),
            history: commits.as_deref().map_err(String::as_str),
        },
        &options,
    );
    let text = match args.format {
        ReportFormat::Markdown => report.to_markdown(),
        ReportFormat::Json => report.to_json(),
    };
    stdout.write_all(text.as_bytes()).map_err(Failure::Output)?;
    Ok(ExitCode::Clean)
}

/// What GitHub says about `repositories`.
#[cfg(feature = "report")]
fn online(args: &ReportArgs, repositories: &[String], window: Window) -> Result<Vec<Fetched>, Failure> {
    let token = token().ok_or(Failure::NoToken)?;
    let url = scs_github::graphql_url(
        args.api_url.as_deref(),
        std::env::var("GITHUB_GRAPHQL_URL").ok().as_deref(),
        std::env::var("GITHUB_API_URL").ok().as_deref(),
    );
    let mut config = scs_github::Config::new(url, token);
    config.timeout = std::time::Duration::from_secs(args.timeout);
    fetch_all(config, repositories, window)
}

/// Built without the GitHub client: only `--offline` reports.
#[cfg(not(feature = "report"))]
fn online(_: &ReportArgs, _: &[String], _: Window) -> Result<Vec<Fetched>, Failure> {
    Err(Failure::Usage(
        "this scs was built without its GitHub client (cargo's `report` feature): use `scs report --offline`, or install scs with the default features or from a release".into(),
    ))
}

/// The token from `GITHUB_TOKEN` or `GH_TOKEN`; empty values do not count.
#[cfg(feature = "report")]
fn token() -> Option<String> {
    ["GITHUB_TOKEN", "GH_TOKEN"].iter().filter_map(|k| std::env::var(k).ok()).find(|t| !t.trim().is_empty())
}

#[cfg(feature = "report")]
fn fetch_all(config: scs_github::Config, repositories: &[String], window: Window) -> Result<Vec<Fetched>, Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Github(scs_github::GithubError::Setup(e.to_string())))?;
    // octocrab builds its HTTP stack on the runtime it is created in.
    let _entered = runtime.enter();
    let mut client = scs_github::Client::new(config)?;
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        client = client.with_progress(|message| eprintln!("scs report: {message}"));
    }
    runtime.block_on(async {
        let mut all = Vec::new();
        for repository in repositories {
            all.push(scs_github::fetch(&client, repository, window).await?);
        }
        Ok(all)
    })
}

//! `scs report`: the weekly meeting report from GitHub's pull requests, the local repository
//! and its history; with `--post-issue`, kept as one comment on an issue.

use std::io::Write;
use std::path::Path;

use scs_report::{Fetched, Options};

#[cfg(feature = "report")]
use scs_github::Window;
/// The days of "since the last meeting", both included (without the GitHub client, only its
/// shape: no window is ever fetched).
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
    options.heading_level = args.heading_level;
    if let Some(days) = args.stale_days.or(config.report.stale_days) {
        options.stale_days = i64::from(days);
    }
    if let Some(labels) = config.report.blocking_labels {
        options.blocking_labels = labels;
    }
    options.only_labels = config.report.only_labels;
    options.only_paths = config.report.only_paths;
    let repositories = match (args.repos.is_empty(), config.report.repositories.is_empty()) {
        (false, _) => args.repos.clone(),
        (true, false) => config.report.repositories.clone(),
        (true, true) => vec![DEFAULT_REPOSITORY.to_owned()],
    };

    let github = if args.offline { None } else { Some(Github::connect(args)?) };
    // The issue is checked before any request; its report comments are read before the report
    // is made, since the newest of them dates the last meeting. If they cannot be read, the
    // report is still made and printed, and the run then fails with that error.
    let post_issue = match (&args.post_issue, &github) {
        (Some(target), Some(github)) => {
            let issue = github.issue(target)?;
            let comments = github.comments(&issue);
            Some((issue, comments))
        }
        _ => None,
    };
    options.since = match &args.since {
        Some(since) => {
            since.parse().map_err(|_| Failure::Usage(format!("--since takes a date YYYY-MM-DD, not `{since}`")))?
        }
        None => {
            let days = config.report.meeting_days.map_or(scs_report::analysis::MEETING_DAYS, i64::from);
            let every = today.checked_sub(jiff::Span::new().days(days)).unwrap_or(today);
            let last = post_issue.as_ref().and_then(|(_, comments)| comments.as_ref().ok());
            last.and_then(|comments| last_meeting(comments, today)).unwrap_or(every)
        }
    };
    if options.since > today {
        return Err(Failure::Usage(format!("--since {} is after the day of the report, {today}", options.since)));
    }
    let history_options = scs_history::Options { max_file_size, ..scs_history::Options::default() };
    let not_read = |e: scs_history::HistoryError| match e {
        scs_history::HistoryError::NotARepository { .. } => "not read: the repository is not a git checkout".to_owned(),
        e => format!("not read: {e}"),
    };
    let commits = scs_history::commits_between(&root, &options.since.to_string(), &today.to_string(), &history_options)
        .map_err(not_read);

    let fetched = match &github {
        None => None,
        Some(github) => Some(github.fetch(&repositories, Window { since: options.since, until: today })?),
    };
    // Where the local clone stands: against GitHub's default branch head when fetched.
    let remote_head =
        fetched.iter().flatten().find(|f| f.standards).and_then(|f| f.default_branch.as_ref()).map(|b| b.oid.clone());
    let head = scs_history::head(&root, remote_head.as_deref()).ok();
    // Offline, the links of the local history go to the standards repository as named.
    let web = repositories
        .first()
        .filter(|r| r.split('/').count() == 2 && r.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)))
        .map(|r| format!("https://github.com/{r}"));
    let report = scs_report::build(
        scs_report::Sources {
            corpus: &corpus,
            fetched: fetched.as_deref(),
            history: commits.as_deref().map_err(String::as_str),
            head: head.as_ref().map(|(h, has)| (h, *has)),
            web: web.as_deref(),
        },
        &options,
    );
    let text = match args.format {
        ReportFormat::Markdown => report.to_markdown(),
        ReportFormat::Json => report.to_json(),
    };
    stdout.write_all(text.as_bytes()).map_err(Failure::Output)?;
    if let (Some(github), Some((issue, comments))) = (&github, post_issue) {
        // The Markdown report, whatever --format printed.
        let markdown = match args.format {
            ReportFormat::Markdown => text,
            ReportFormat::Json => report.to_markdown(),
        };
        github.post(&issue, &comments?, today, &markdown)?;
    }
    Ok(ExitCode::Clean)
}

/// The GitHub client and the runtime it runs on, for one report.
#[cfg(feature = "report")]
struct Github {
    runtime: tokio::runtime::Runtime,
    client: scs_github::Client,
}

#[cfg(feature = "report")]
impl Github {
    /// The client for the configured endpoint, with the token from the environment.
    fn connect(args: &ReportArgs) -> Result<Self, Failure> {
        let token = token().ok_or(Failure::NoToken)?;
        let url = scs_github::graphql_url(
            args.api_url.as_deref(),
            std::env::var("GITHUB_GRAPHQL_URL").ok().as_deref(),
            std::env::var("GITHUB_API_URL").ok().as_deref(),
        );
        let mut config = scs_github::Config::new(url, token);
        config.timeout = std::time::Duration::from_secs(args.timeout);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Failure::Github(scs_github::GithubError::Setup(e.to_string())))?;
        // octocrab builds its HTTP stack on the runtime it is created in.
        let client = {
            let _entered = runtime.enter();
            scs_github::Client::new(config)?
        };
        let client = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            client.with_progress(|message| eprintln!("scs report: {message}"))
        } else {
            client
        };
        Ok(Self { runtime, client })
    }

    /// `--post-issue`'s issue, checked before any request is sent.
    fn issue(&self, target: &str) -> Result<scs_github::IssueRef, Failure> {
        target.parse().map_err(|e| Failure::Usage(format!("--post-issue: {e}")))
    }

    /// What GitHub says about `repositories`.
    fn fetch(&self, repositories: &[String], window: Window) -> Result<Vec<Fetched>, Failure> {
        let _entered = self.runtime.enter();
        self.runtime.block_on(async {
            let mut all = Vec::new();
            for repository in repositories {
                all.push(scs_github::fetch(&self.client, repository, window).await?);
            }
            Ok(all)
        })
    }

    /// scs's report comments on `issue`, by meeting day.
    fn comments(&self, issue: &scs_github::IssueRef) -> Result<scs_github::ReportComments, Failure> {
        let _entered = self.runtime.enter();
        Ok(self.runtime.block_on(scs_github::read_comments(&self.client, issue))?)
    }

    /// Keeps `markdown` as the report comment of `day` on `issue`; says on stderr what it did.
    fn post(
        &self,
        issue: &scs_github::IssueRef,
        comments: &scs_github::ReportComments,
        day: jiff::civil::Date,
        markdown: &str,
    ) -> Result<(), Failure> {
        let _entered = self.runtime.enter();
        let posted = self.runtime.block_on(scs_github::post(&self.client, issue, comments, day, markdown))?;
        let done = if posted.created { "added" } else { "updated" };
        eprintln!("scs report: {done} the report comment of {day} on {issue}: {}", posted.url);
        if posted.cut {
            eprintln!(
                "scs report: the comment is cut: GitHub takes at most 65,536 characters in a comment (the whole report is above)"
            );
        }
        Ok(())
    }
}

/// Built without the GitHub client: only `--offline` reports; there is no session.
#[cfg(not(feature = "report"))]
enum Github {}

#[cfg(not(feature = "report"))]
impl Github {
    fn connect(_: &ReportArgs) -> Result<Self, Failure> {
        Err(Failure::Usage(
            "this scs was built without its GitHub client (cargo's `report` feature): use `scs report --offline`, or install scs with the default features or from a release".into(),
        ))
    }

    fn issue(&self, _: &str) -> Result<std::convert::Infallible, Failure> {
        match *self {}
    }

    fn fetch(&self, _: &[String], _: Window) -> Result<Vec<Fetched>, Failure> {
        match *self {}
    }

    fn comments(&self, _: &std::convert::Infallible) -> Result<std::convert::Infallible, Failure> {
        match *self {}
    }

    fn post(
        &self,
        issue: &std::convert::Infallible,
        _: &std::convert::Infallible,
        _: jiff::civil::Date,
        _: &str,
    ) -> Result<(), Failure> {
        match *issue {}
    }
}

/// The day of the newest report comment before `today` (the last meeting).
#[cfg(feature = "report")]
fn last_meeting(comments: &scs_github::ReportComments, today: jiff::civil::Date) -> Option<jiff::civil::Date> {
    comments.last_meeting(today)
}

#[cfg(not(feature = "report"))]
fn last_meeting(comments: &std::convert::Infallible, _: jiff::civil::Date) -> Option<jiff::civil::Date> {
    match *comments {}
}

/// The token from `GITHUB_TOKEN` or `GH_TOKEN`; empty values do not count.
#[cfg(feature = "report")]
fn token() -> Option<String> {
    ["GITHUB_TOKEN", "GH_TOKEN"].iter().filter_map(|k| std::env::var(k).ok()).find(|t| !t.trim().is_empty())
}

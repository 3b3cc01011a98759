//! The command line: every subcommand and option, with the help text `--help` prints.

// The doc comments below are clap's --help texts, written for a terminal: `[report]` and
// bare URLs are meant literally, not as rustdoc links.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls)]

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "scs",
    // `scs --version`: the version and the commit it was built from (crates/scs-cli/build.rs).
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("SCS_COMMIT"), ")"),
    about = "Checks Sovereign Cloud Stack standards and decision records against SCS-0001",
    long_about = "Checks Sovereign Cloud Stack standards and decision records against SCS-0001.\n\n\
        scs reads the Markdown documents in the Standards/ folder of an SCS standards repository \
        (file names, YAML front matter, headings and links) and reports what breaks the rules of \
        SCS-0001. Run `scs rules` for the list of rules and `scs explain RULE` for one of them.",
    after_help = "Exit codes: 0 no errors (warnings alone are fine unless --deny-warnings), \
        1 errors found, 2 usage or I/O failure."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check documents against the rules of SCS-0001
    #[command(long_about = "Check documents against the rules of SCS-0001.\n\n\
        Each PATH is a repository root (the folder that holds Standards/), its Standards/ folder, \
        or single document files. For files, the whole repository that contains them is loaded so \
        that references between documents resolve, and only the named files are reported. Without \
        PATH, scs looks for Standards/ in the current folder and its parents.")]
    Check(CheckArgs),
    /// Write the meeting report: decisions for today, number clashes, pull requests waiting on
    /// reviewers and authors, "Any ADRs blocked?", and what happened since the last meeting
    #[command(long_about = "Write the meeting report in Markdown, ready for the minutes, in the order the \
        meeting takes it.\n\n\
        Reads the pull requests of each repository from GitHub's GraphQL API (token from \
        GITHUB_TOKEN or GH_TOKEN). Per repository: the decisions for today (every open pull \
        request that makes a lifecycle step, edits a Stable document or touches a Global one, \
        with each document's step, type and track, who decides, approvals, review requests and \
        their age, checks, conflicts, what it waits for and its new errors); number clashes; \
        pull requests waiting on reviewers (oldest request first) and on authors; candidates to \
        close (waiting on their authors, idle --stale-days or longer); ready to merge; the \
        Decision Records in open pull requests and what holds each (\"Any ADRs blocked?\"); and \
        since the last meeting the pull requests opened, merged and closed. From the local git \
        history it adds the lifecycle steps and edits of Stable documents the default branch \
        received since --since (a full clone, not a shallow one), each with its pull request, \
        and says whether the local clone is behind GitHub. PATH is the local checkout, found \
        as for `scs check`. With --offline, only the repository and its history are read; pull \
        requests are then named from commit subjects ending in `(#N)`.")]
    Report(ReportArgs),
    /// Generate the docs site's standards pages: overview, track and number pages, sidebar
    #[command(long_about = "Generate the docs site's standards pages from the documents, as the docs \
        site's own generator lays them out.\n\n\
        Into DIR (the site's `standards/` folder) go a byte copy of every `Standards/*.md` (not \
        README.md) and every `Tests/scs-*.yaml`, `standards/overview.mdx`, `<track>/index.md` for \
        each track and `<track>/scs-NNNN.md` for each document number; the sidebar goes to FILE. \
        The states are those of the day (--today): draft without `stabilized_at`, deprecated once \
        `deprecated_at` has come, effective otherwise (`*` when `stabilized_at` is still ahead, \
        `&#8224;` when `deprecated_at` is). Files that scs site does not generate are never touched. \
        With --check nothing is written, and the exit code says whether DIR is up to date.")]
    Site(SiteArgs),
    /// Run the language server (LSP 3.17) over standard input and output, for editors
    #[command(long_about = "Run the language server (LSP 3.17) over standard input and output.\n\n\
        Editors start it in the repository (or with it as workspace folder); it checks the open \
        documents and certificate scopes with every rule of `scs check` and its configuration as \
        you type, offers the fixes of `--fix` as quick fixes, and resolves references: definition, \
        references, hover, document links, headings, and completion of values, keys, document \
        names and anchors. Logs go to stderr.")]
    Lsp,
    /// Create a document with the front matter and sections SCS-0001 requires for its type
    New(NewArgs),
    /// Give a proposal the next free number of its track, renaming it and its supplements
    Number(NumberArgs),
    /// Stabilize a Draft: status Stable and stabilized_at
    Stabilize(StabilizeArgs),
    /// Deprecate a Stable document: status Deprecated, deprecated_at and replaced_by
    Deprecate(DeprecateArgs),
    /// Reject a Draft: status Rejected and rejected_at
    Reject(RejectArgs),
    /// List the documents: per number, its versions by Draft, Stable, effective and deprecated
    List(ListArgs),
    /// Draw the documents and their relations as a Mermaid or Graphviz graph
    Graph(GraphArgs),
    /// What the branch does to the documents, for the reviewer of a pull request: for each
    /// document changed since REF, the lifecycle transition, who decides, the checklist
    /// SCS-0001 attaches to that step, the findings introduced and fixed, and for an edit of a
    /// Stable document the normative sentences (MUST, SHOULD, …) added and removed. Git only,
    /// no token.
    Review(ReviewArgs),
    /// List every rule with its id, default severity and summary
    Rules {
        /// `text`: one line per rule; `markdown`: the tables of the README (with groups)
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Explain a rule: why it exists, with a failing and a passing example
    Explain {
        /// The rule id, as `scs rules` lists it (for example `replaces-not-list`)
        rule: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Repository roots, Standards/ folders or document files [default: discover from the current folder]
    pub paths: Vec<PathBuf>,

    /// Output format: `human` (source snippets with markers), `concise` (one line per finding),
    /// `json` (one object, for tools), `sarif` (SARIF 2.1.0, for GitHub code scanning) or `github`
    /// (workflow commands that annotate the lines of a pull request)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to FILE; the terminal gets only the summary line
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Colour the human output: `auto` colours on a terminal unless NO_COLOR is set [default:
    /// auto]; only the human format has colours
    #[arg(long, value_enum)]
    pub color: Option<ColorChoice>,

    /// Exit with 1 when there are warnings, not only when there are errors
    #[arg(long, conflicts_with = "exit_zero")]
    pub deny_warnings: bool,

    /// Exit with 0 even when there are errors (the findings are still reported); for a
    /// first look at a repository, not for CI
    #[arg(long)]
    pub exit_zero: bool,

    /// Instead of the findings, how many each rule found, most first
    #[arg(long, conflicts_with_all = ["diff", "fix"])]
    pub statistics: bool,

    /// Print no summary line (the findings only; nothing when there are none)
    #[arg(short, long)]
    pub quiet: bool,

    /// Print what the run would use (repository, configuration file, each rule's severity
    /// after the configuration, --select and --ignore) and check nothing
    #[arg(long)]
    pub show_settings: bool,

    /// Run only these rules: ids or groups (`chk-adrs`, `links`, `scopes`, `lifecycle`, `history`, `all`), comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Do not run these rules (ids or groups, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Read the configuration from FILE instead of scs.toml or .scs.toml in the repository root
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Hide the findings recorded in FILE and report only new ones [default: `baseline` of the configuration]
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Report only documents added, modified or renamed since the git reference REF (committed
    /// or not, and new untracked ones); references between documents still resolve against
    /// the whole repository
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,

    /// Also run the history rules on the first-parent git history of HEAD and the working
    /// tree: slugs or numbers changed after acceptance, statuses moved back, `stabilized_at`
    /// dropped or changed, Stable documents edited [default: `enabled` of `[history]` in the
    /// configuration]. Needs a full clone (not shallow).
    #[arg(long)]
    pub history: bool,

    /// Run the history rules on what the working tree changes against the commit REF (the base
    /// of a pull request, e.g. `origin/main`): accepted documents renamed or deleted, lifecycle
    /// transitions, edits of Stable documents, new documents under a number. With --history,
    /// the whole history, with REF as the default branch
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,

    /// The branch whose commits count as accepted, for --history or --base [default:
    /// `default-branch` of `[history]`, else origin/HEAD, origin/main, origin/master, main, master]
    #[arg(long, value_name = "REF")]
    pub default_branch: Option<String>,

    /// Apply the safe fixes (string → one-element list for replaces, replaced_by, supplements;
    /// `status: Proposal` → `Draft`) to files without parse problems, then report what is left
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Print the safe fixes as a unified diff (to --output FILE if given) without changing any
    /// document; exit with 1 if there are any. The diff is its own format: --format does not apply
    #[arg(long, conflicts_with = "format")]
    pub diff: bool,

    /// Record every current finding in FILE (a baseline), then exit with 0. Writes only FILE:
    /// --output, --format, --fix and --diff do not apply
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "output", "format", "fix", "diff", "deny_warnings"])]
    pub write_baseline: Option<PathBuf>,

    /// With PATH `-`: the document read from standard input is the file at PATH of the
    /// repository (an editor's unsaved buffer, a formatter's pipe); it is checked against the
    /// repository as if saved there, and reported under that name
    #[arg(long, value_name = "PATH", conflicts_with_all = ["fix", "write_baseline", "changed_since"])]
    pub stdin_filename: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The repository root or its Standards/ folder [default: discover from the current
    /// folder]; with --flat, the folder that holds the documents themselves
    pub path: Option<PathBuf>,

    /// PATH holds the documents directly, as the docs site's `getDocs.js` leaves them in the
    /// site's `standards/` folder (no Standards/ folder, no clone): the pages are made from
    /// them and nothing is copied
    #[arg(long, requires = "path")]
    pub flat: bool,

    /// The site's `standards/` folder to write into (needed unless --format json)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Where the sidebar goes [default: `sidebarsStandardsItems.js` in DIR's parent folder]
    #[arg(long, value_name = "FILE")]
    pub sidebar: Option<PathBuf>,

    /// The page texts: `intro.md`, `legend.md`, `table-style.mdx` and `tracks/<Track>.md`, each
    /// used byte for byte [default: the texts built into scs]
    #[arg(long, value_name = "DIR", conflicts_with = "templates_from")]
    pub templates: Option<PathBuf>,

    /// Take the page texts out of the docs site's own generator script at run time, byte for
    /// byte (its `intro`, `legend`, `reactHighlightTableCellBackground` and `trackIntros`
    /// literals; nothing is executed)
    #[arg(long, value_name = "populateStds.js")]
    pub templates_from: Option<PathBuf>,

    /// The day whose states the pages show, YYYY-MM-DD [default: today in UTC]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,

    /// Write nothing; exit with 1 and name the files when DIR or FILE differ from what would
    /// be written (for the docs repository's CI)
    #[arg(long)]
    pub check: bool,

    /// `files`: write the pages; `json`: print the model (tracks, numbers, versions with
    /// state, dates, link, supplements) and write nothing
    #[arg(long, value_enum, default_value_t = SiteFormat::Files)]
    pub format: SiteFormat,

    /// Read the configuration from FILE instead of scs.toml or .scs.toml in the repository root
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SiteFormat {
    Files,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The local checkout of the standards repository [default: discover from the current folder]
    pub path: Option<PathBuf>,

    /// GitHub repositories to report on, OWNER/NAME [default: `repositories` of the
    /// configuration's [report], else SovereignCloudStack/standards]
    #[arg(long = "repo", value_name = "OWNER/NAME")]
    pub repos: Vec<String>,

    /// Output format: `markdown` for the minutes, `json` for other tools
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,

    /// The day of the meeting, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,

    /// The first day of "Since the last meeting" (the last meeting's day): pull requests opened,
    /// merged or closed and lifecycle steps on the default branch from DATE to --today, both
    /// included (UTC), YYYY-MM-DD [default: with --post-issue, the date of the last report
    /// comment there; else `meeting-days` of the configuration's [report] (7) before --today]
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// The level of the report's top heading, 1 to 6, so that it nests under an agenda item
    /// of the minutes (the SIG's minutes put items at `###`: use 4); its sections go one and
    /// two levels deeper, bold lines past level 6
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=6))]
    pub heading_level: u8,

    /// Days without an update after which a pull request waiting on its author is a
    /// candidate to close [default: `stale-days` of the configuration's [report], else 14]
    #[arg(long, value_name = "N")]
    pub stale_days: Option<u32>,

    /// Do not ask GitHub; report only what the repository shows (no token needed)
    #[arg(long, conflicts_with = "post_issue")]
    pub offline: bool,

    /// Also keep the Markdown report as a comment on the issue OWNER/NAME#N, one per meeting
    /// day: the comment scs wrote there for --today (found by its marker) is updated in place,
    /// else one is added; the comments of earlier meetings stay as they were, and the newest
    /// of them dates the last meeting (--since). The token needs write access to the issues
    /// (Actions: `permissions: issues: write`)
    #[arg(long, value_name = "OWNER/NAME#N")]
    pub post_issue: Option<String>,

    /// GitHub's API: a GraphQL URL or a REST base such as https://ghe.example/api/v3
    /// [default: GITHUB_GRAPHQL_URL, else GITHUB_API_URL, else api.github.com]
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,

    /// Give up on a request to GitHub that has not been answered within SECS seconds
    /// (connecting included); it is tried 3 times, so a server that never answers ends the
    /// report after 3 × SECS + 3 seconds (93 s by default)
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Read the configuration from FILE instead of scs.toml or .scs.toml in the repository root
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
}

/// The repository argument the authoring commands share: a last positional PATH, as for
/// `scs check`, or `--repository PATH`.
#[derive(Debug, clap::Args)]
pub struct RepoArg {
    /// The repository (the folder that holds Standards/) [default: discover from the current folder]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// The same as PATH, as an option
    #[arg(long = "repository", value_name = "PATH", conflicts_with = "path")]
    pub repository: Option<PathBuf>,
    /// Read the configuration from FILE instead of scs.toml or .scs.toml in the repository root
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl RepoArg {
    pub fn get(&self) -> Option<&PathBuf> {
        self.path.as_ref().or(self.repository.as_ref())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewType {
    Standard,
    DecisionRecord,
    Procedural,
    Supplement,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The type of the document
    #[arg(long = "type", value_enum)]
    pub doc_type: NewType,
    /// Its track: Global, IaaS, KaaS, IAM, Ops or Scopes [default: the track of the document it builds on]
    #[arg(long)]
    pub track: Option<String>,
    /// Its title; the file name's slug is made from it
    #[arg(long)]
    pub title: String,
    /// Write the next major version of this document (scs-NNNN-vN, a file name or a path)
    #[arg(long, value_name = "DOC")]
    pub supersedes: Option<String>,
    /// Write the next supplement (wN) of this document
    #[arg(long, value_name = "DOC")]
    pub supplements: Option<String>,
    #[command(flatten)]
    pub repo: RepoArg,
}

#[derive(Debug, clap::Args)]
pub struct NumberArgs {
    /// The proposal (scs-xxxx-v1-….md, as a file name or path)
    pub file: String,
    /// Show what would change without changing it
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub repo: RepoArg,
}

#[derive(Debug, clap::Args)]
pub struct StabilizeArgs {
    /// The document: scs-NNNN-vN, a file name or a path
    pub doc: String,
    /// The date from which it is Stable, YYYY-MM-DD [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// Also deprecate the Stable documents it replaces, on the same date
    #[arg(long)]
    pub deprecate_replaced: bool,
    #[command(flatten)]
    pub repo: RepoArg,
}

#[derive(Debug, clap::Args)]
pub struct DeprecateArgs {
    /// The document: scs-NNNN-vN, a file name or a path
    pub doc: String,
    /// The date from which the deprecation is in effect, YYYY-MM-DD
    #[arg(long)]
    pub date: String,
    /// The Stable documents that replace it (their `replaces` is completed too)
    #[arg(long = "replaced-by", value_name = "DOC")]
    pub replaced_by: Vec<String>,
    #[command(flatten)]
    pub repo: RepoArg,
}

#[derive(Debug, clap::Args)]
pub struct RejectArgs {
    /// The document: scs-NNNN-vN, a file name or a path
    pub doc: String,
    /// The date of the rejection, YYYY-MM-DD
    #[arg(long)]
    pub date: String,
    #[command(flatten)]
    pub repo: RepoArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only documents of this track
    #[arg(long)]
    pub track: Option<String>,
    /// Only versions with this status
    #[arg(long)]
    pub status: Option<String>,
    /// Only documents of this type (Standard, "Decision Record", Procedural)
    #[arg(long = "type")]
    pub doc_type: Option<String>,
    /// The day to compute what is in effect, YYYY-MM-DD [default: today]
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    #[command(flatten)]
    pub repo: RepoArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormatArg {
    Mermaid,
    Dot,
}

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The commit, branch or tag to compare with, such as the pull request's base
    /// (`origin/main`)
    #[arg(long, value_name = "REF")]
    pub base: String,
    /// The repository [default: discover from the current folder]
    pub path: Option<PathBuf>,
    /// `markdown` (for a job summary) or `json`
    #[arg(long, value_enum, default_value_t = ReviewFormat::Markdown)]
    pub format: ReviewFormat,
    /// The day lifecycle dates are judged against (a deprecation not announced ahead), as
    /// YYYY-MM-DD [default: today, UTC]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Read the configuration from FILE instead of scs.toml or .scs.toml in the repository root
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    #[arg(long, value_enum, default_value_t = GraphFormatArg::Mermaid)]
    pub format: GraphFormatArg,
    #[command(flatten)]
    pub repo: RepoArg,
}

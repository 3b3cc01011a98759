//! `scs check`: load each repository with its configuration, run the rules, apply the baseline,
//! render, and pick the exit code.

use std::io::{IsTerminal, Write};
use std::path::Path;

use scs_core::Corpus;
use scs_rules::{Baseline, Counts, Diagnostic, Settings};

use crate::cli::{CheckArgs, ColorChoice, Format};
use crate::render::{self, Checked, concise, github, human, json, sarif};
use crate::write::write_atomically;
use crate::{ExitCode, Failure};
use scs_repository::{Repository as Opened, Target, discover};

use super::fix;

pub fn run(args: &CheckArgs, cwd: &Path, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    let targets = discover::targets(&args.paths, cwd)?;
    if args.write_baseline.is_some() && targets.len() > 1 {
        return Err(Failure::Usage("--write-baseline records one repository; name only one".into()));
    }
    let mut run = Run::default();
    for target in targets {
        let repository = Repository::prepare(args, cwd, target, &mut run.skipped)?;
        // `--fix` reads and writes under the repository's write lock, as the authoring
        // commands do.
        let _lock = if args.fix { Some(super::author::lock(&repository.root)?) } else { None };
        let checked = repository.check()?;
        if let Some(path) = &args.write_baseline {
            return record_baseline(cwd, path, &checked.diagnostics, stdout);
        }
        let checked =
            if args.fix || args.diff { fix_or_preview(args, &repository, checked, &mut run)? } else { checked };
        run.results.push(checked);
    }
    if args.diff {
        return emit_diff(args, cwd, &run, stdout);
    }
    report(args, cwd, &run, stdout)
}

/// What a run collects over its repositories.
#[derive(Default)]
struct Run {
    results: Vec<Checked>,
    /// The unified diff of `--diff`, and how many findings it fixes.
    diffs: String,
    pending: usize,
    /// Why the history rules did not run, per repository.
    skipped: Vec<String>,
}

/// One repository, ready to check: where it is, what to report, and how.
struct Repository {
    target: Target,
    root: std::path::PathBuf,
    settings: Settings,
    baseline: Option<Baseline>,
    load: scs_core::LoadOptions,
    history: Option<scs_history::History>,
}

impl Repository {
    /// Narrows the target to what changed, reads the configuration with `--select` and
    /// `--ignore` applied, the baseline, and the history when asked for (noting in `skipped`
    /// why it could not be read).
    fn prepare(args: &CheckArgs, cwd: &Path, mut target: Target, skipped: &mut Vec<String>) -> Result<Self, Failure> {
        let root = cwd.join(&target.root);
        if let Some(reference) = &args.changed_since {
            let changed = scs_history::changed_since(&root, reference)?;
            target.only = Some(match target.only.take() {
                Some(named) => named.intersection(&changed).cloned().collect(),
                None => changed,
            });
        }
        let opened = Opened::open(&root, args.config.as_deref().map(|c| cwd.join(c)).as_deref())?;
        let load = opened.load_options();
        let config = opened.config;
        let mut settings = config.settings;
        select(&mut settings, &args.select, &args.ignore)?;
        refuse_history_without_source(args, &config.history, &settings)?;
        let baseline = args.baseline.as_ref().map(|b| cwd.join(b)).or_else(|| config.baseline.map(|b| root.join(b)));
        let baseline = baseline.map(|path| read_baseline(&path)).transpose()?;
        let history = read_history(args, &config.history, &settings, &root, load.max_file_size).unwrap_or_else(|why| {
            eprintln!("scs: warning: {why}");
            skipped.push(why);
            None
        });
        Ok(Self { target, root, settings, baseline, load, history })
    }

    fn check(&self) -> Result<Checked, Failure> {
        check_one(
            self.target.clone(),
            &self.root,
            self.load,
            &self.settings,
            self.history.as_ref(),
            self.baseline.as_ref(),
        )
    }
}

/// `--write-baseline`: records every current finding, and that is all the run does.
fn record_baseline(
    cwd: &Path,
    path: &Path,
    diagnostics: &[Diagnostic],
    stdout: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    write_baseline(&cwd.join(path), diagnostics)?;
    emit(stdout, &format!("recorded {} findings in {}\n", diagnostics.len(), path.display()))?;
    Ok(ExitCode::Clean)
}

/// `--fix` writes the safe fixes and checks again; `--diff` collects them as a diff.
fn fix_or_preview(
    args: &CheckArgs,
    repository: &Repository,
    checked: Checked,
    run: &mut Run,
) -> Result<Checked, Failure> {
    let plan = fix::plan(&checked.corpus, &checked.diagnostics);
    for (path, why) in &plan.skipped {
        eprintln!("scs: not fixing {path}: {why}");
    }
    if args.diff {
        run.diffs.push_str(&fix::diff(&plan, &checked.target.root));
        run.pending += plan.fixed();
        return Ok(checked);
    }
    if plan.files.is_empty() {
        return Ok(checked);
    }
    fix::write(&repository.root, &plan).map_err(|(path, e)| Failure::Write { path, reason: e.to_string() })?;
    eprintln!("scs: fixed {} findings in {} files", plan.fixed(), plan.files.len());
    repository.check()
}

/// The diff of `--diff`, to `--output` or standard output; exit 1 when there is something to fix.
fn emit_diff(args: &CheckArgs, cwd: &Path, run: &Run, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    match &args.output {
        Some(path) => {
            let path = cwd.join(path);
            write_atomically(&path, &run.diffs)
                .map_err(|e| Failure::Write { path: path.clone(), reason: e.to_string() })?;
        }
        None => emit(stdout, &run.diffs)?,
    }
    eprintln!("scs: {} findings can be fixed with --fix", run.pending);
    Ok(if run.pending > 0 { ExitCode::Findings } else { ExitCode::Clean })
}

/// Renders the findings in the chosen format, to `--output` (the terminal then gets the
/// summary line) or standard output, and picks the exit code.
fn report(args: &CheckArgs, cwd: &Path, run: &Run, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    let results = &run.results;
    let counts = Counts::of(results.iter().flat_map(|r| &r.diagnostics));
    let hidden: usize = results.iter().map(|r| r.hidden).sum();
    let documents: usize = results.iter().map(|r| r.corpus.listed()).sum();
    let reported: Option<usize> = results
        .iter()
        .any(|r| r.target.only.is_some())
        .then(|| results.iter().map(|r| r.target.only.as_ref().map_or(r.corpus.listed(), |o| o.len())).sum());

    let summary = human::summary(documents, reported, counts, hidden);
    let color = args.output.is_none() && use_color(args.color);
    let text = match args.format {
        Format::Human => render_human(results, color, &summary),
        Format::Concise => concise::render(results) + &summary + "\n",
        Format::Json => render_json(results, json::Summary::new(counts, documents, hidden))?,
        Format::Sarif => sarif::render(results),
        Format::Github => {
            run.skipped.iter().map(|why| github::warning("scs history", why)).collect::<String>()
                + &github::render(results, &summary)
        }
    };
    match &args.output {
        Some(path) => {
            let path = cwd.join(path);
            write_atomically(&path, &text).map_err(|e| Failure::Write { path: path.clone(), reason: e.to_string() })?;
            emit(stdout, &format!("{summary}\n"))?;
        }
        None => emit(stdout, &text)?,
    }
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    Ok(if failed { ExitCode::Findings } else { ExitCode::Clean })
}

/// Loads one repository and checks it with `settings`, hiding what `baseline` records and
/// keeping only the files the target names.
fn check_one(
    target: Target,
    root: &Path,
    load: scs_core::LoadOptions,
    settings: &Settings,
    history: Option<&scs_history::History>,
    baseline: Option<&Baseline>,
) -> Result<Checked, Failure> {
    // Checking some files loads only what their cross-references need (see scs_core::related).
    let corpus = match &target.only {
        Some(only) => Corpus::load_related(root, only, load)?,
        None => Corpus::load_with(root, load)?,
    };
    let mut diagnostics = scs_rules::check_with_history(&corpus, settings, target.only.as_ref(), history);
    let hidden = baseline.map_or(0, |b| b.hide(&mut diagnostics));
    let vcs_prefix = render::vcs_prefix(root);
    Ok(Checked { target, corpus, diagnostics, hidden, vcs_prefix })
}

/// Reads the git history when `--history`, `--base` or the configuration ask for it and a
/// history rule is enabled. When it cannot be read, returns why: the other rules still run.
fn read_history(
    args: &CheckArgs,
    config: &scs_repository::HistoryConfig,
    settings: &Settings,
    root: &Path,
    max_file_size: u64,
) -> Result<Option<scs_history::History>, String> {
    let whole = args.history || config.enabled;
    let enabled = scs_rules::registry::history_rules().any(|r| settings.severity(r.meta()).is_some());
    if !enabled || (!whole && args.base.is_none()) {
        return Ok(None);
    }
    let default_branch =
        args.default_branch.clone().or_else(|| args.base.clone()).or_else(|| config.default_branch.clone());
    let options = scs_history::Options { default_branch, max_file_size };
    let read = match &args.base {
        Some(base) if !whole => scs_history::read_base(root, base, &options),
        _ => scs_history::read_log(root, &options),
    };
    read.map(Some).map_err(|e| format!("the history rules did not run for {}: {e}", root.display()))
}

/// `--select` naming history rules (the group `history` or rule ids; `all` means what can
/// run) without a history to run them on would run nothing: that is refused, with what to add.
fn refuse_history_without_source(
    args: &CheckArgs,
    config: &scs_repository::HistoryConfig,
    settings: &Settings,
) -> Result<(), Failure> {
    if args.history || args.base.is_some() || config.enabled {
        return Ok(());
    }
    let history: Vec<&str> = scs_rules::registry::history_rules().map(|r| r.meta().id).collect();
    let named: Vec<&str> = args
        .select
        .iter()
        .map(|s| s.trim())
        .filter(|s| *s != "all")
        .filter_map(scs_rules::registry::expand)
        .flatten()
        .filter(|id| history.contains(id))
        .filter(|id| scs_rules::registry::all().any(|m| m.id == *id && settings.severity(m).is_some()))
        .collect();
    if named.is_empty() {
        return Ok(());
    }
    let what = if history.iter().all(|id| named.contains(id)) {
        "the history rules".to_owned()
    } else {
        format!("history rules ({})", named.join(", "))
    };
    Err(Failure::Usage(format!(
        "--select names {what}, which read the git history: add --history (the whole history) or \
         --base REF (a pull request against its base), or set `enabled = true` under [history] in scs.toml"
    )))
}

/// Writes to standard output; a reader that went away (`scs check | head`) is not an error.
fn emit(stdout: &mut dyn Write, text: &str) -> Result<(), Failure> {
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Failure::Output),
    }
}

/// Applies `--select` and `--ignore` to the settings.
fn select(settings: &mut Settings, select: &[String], ignore: &[String]) -> Result<(), Failure> {
    let expand = |selector: &String| {
        let selector = selector.trim();
        scs_rules::registry::expand(selector).ok_or_else(|| {
            Failure::Usage(format!(
                "there is no rule or group `{selector}`; {}",
                scs_rules::registry::unknown_help(selector, true)
            ))
        })
    };
    if !select.is_empty() {
        let selected: Vec<&str> = select.iter().map(expand).collect::<Result<Vec<_>, _>>()?.concat();
        for meta in scs_rules::registry::all().filter(|m| !selected.contains(&m.id)) {
            settings.severities.insert(meta.id.to_owned(), None);
        }
    }
    for id in ignore.iter().map(expand).collect::<Result<Vec<_>, _>>()?.concat() {
        settings.severities.insert(id.to_owned(), None);
    }
    Ok(())
}

fn read_baseline(path: &Path) -> Result<Baseline, Failure> {
    let text = scs_core::Reader::anywhere(scs_core::corpus::DEFAULT_MAX_FILE_SIZE)
        .read_to_string(path)
        .map_err(|e| Failure::Baseline { path: path.to_path_buf(), reason: e.to_string() })?;
    Baseline::from_json(&text).map_err(|e| Failure::Baseline { path: path.to_path_buf(), reason: e.to_string() })
}

fn write_baseline(path: &Path, diagnostics: &[Diagnostic]) -> Result<(), Failure> {
    write_atomically(path, &Baseline::of(diagnostics).to_json())
        .map_err(|e| Failure::Baseline { path: path.to_path_buf(), reason: e.to_string() })
}

fn render_human(results: &[Checked], color: bool, summary: &str) -> String {
    let renderer = human::Human::new(color);
    let mut out = String::new();
    for r in results {
        for d in &r.diagnostics {
            renderer.diagnostic(&mut out, &r.corpus, &render::display_path(&r.target.root, d), d);
            out.push('\n');
        }
    }
    out.push_str(summary);
    out.push('\n');
    out
}

fn render_json(results: &[Checked], summary: json::Summary) -> Result<String, Failure> {
    let mut diagnostics = Vec::new();
    for r in results {
        let mut locators = scs_rules::Locators::new(&r.corpus);
        for d in &r.diagnostics {
            diagnostics.push(json::diagnostic(&mut locators, render::display_path(&r.target.root, d), d));
        }
    }
    let report = json::Report { diagnostics, summary };
    let mut text = serde_json::to_string_pretty(&report).map_err(|e| Failure::Output(e.into()))?;
    text.push('\n');
    Ok(text)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

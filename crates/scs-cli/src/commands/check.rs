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
    refuse_options_that_do_nothing(args)?;
    let stdin = stdin_document(args, cwd)?;
    let targets = match &stdin {
        Some((target, _)) => vec![target.clone()],
        None => discover::targets(&args.paths, cwd)?,
    };
    if args.write_baseline.is_some() && targets.len() > 1 {
        return Err(Failure::Usage("--write-baseline records one repository; name only one".into()));
    }
    let mut run = Run::default();
    for target in targets {
        let mut repository = Repository::prepare(args, cwd, target, &mut run.skipped)?;
        repository.stdin = stdin.as_ref().map(|(_, document)| document.clone());
        if args.show_settings {
            emit(stdout, &repository.settings_text(args, cwd))?;
            continue;
        }
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
    if args.show_settings {
        return Ok(ExitCode::Clean);
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
    /// `check -`: the document read from standard input (its path in the repository, its bytes).
    stdin: Option<StdinDocument>,
}

impl Repository {
    /// Narrows the target to what changed, reads the configuration with `--select` and
    /// `--ignore` applied, the baseline, and the history when asked for (noting in `skipped`
    /// why it could not be read).
    fn prepare(args: &CheckArgs, cwd: &Path, mut target: Target, skipped: &mut Vec<String>) -> Result<Self, Failure> {
        let root = cwd.join(&target.root);
        if let Some(reference) = &args.changed_since {
            // Only documents and certificate scopes are checked; another changed file (the
            // Action's own scs.sarif) is no document checked.
            let changed: std::collections::BTreeSet<String> = scs_history::changed_since(&root, reference)?
                .into_iter()
                .filter(|p| scs_core::corpus::is_document_path(p) || scs_core::corpus::is_scope_path(p))
                .collect();
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
        // --write-baseline writes the baseline: the one of the configuration need not exist
        // yet. A baseline the configuration names but nobody wrote yet hides nothing (with a
        // warning); one named by --baseline must be there.
        let baseline = match (&args.baseline, config.baseline) {
            _ if args.write_baseline.is_some() => None,
            (Some(named), _) => Some(read_baseline(&cwd.join(named))?),
            (None, Some(configured)) => {
                let path = root.join(configured);
                if path.symlink_metadata().is_err() {
                    eprintln!(
                        "scs: warning: the baseline {} named in the configuration does not exist yet: every finding is reported (write it with `scs check --write-baseline {}`)",
                        path.display(),
                        path.display()
                    );
                    None
                } else {
                    Some(read_baseline(&path)?)
                }
            }
            (None, None) => None,
        };
        let history = match read_history(args, &config.history, &settings, &root, load.max_file_size) {
            Ok(history) => history,
            // A reference that names nothing is a mistake in the command, as for --changed-since.
            Err(
                e @ (scs_history::HistoryError::UnknownBase { .. }
                | scs_history::HistoryError::UnknownDefaultBranch { .. }),
            ) => return Err(Failure::Usage(e.to_string())),
            Err(e) => {
                let why = format!("the history rules did not run for {}: {e}", root.display());
                eprintln!("scs: warning: {why}");
                skipped.push(why);
                None
            }
        };
        Ok(Self { target, root, settings, baseline, load, history, stdin: None })
    }

    /// `--show-settings`: the resolved run, as text.
    fn settings_text(&self, args: &CheckArgs, cwd: &Path) -> String {
        let config = match &args.config {
            Some(file) => cwd.join(file).display().to_string(),
            None => scs_repository::config::FILE_NAMES
                .iter()
                .map(|name| self.root.join(name))
                .find(|path| path.is_file())
                .map_or_else(|| "none (the defaults)".to_owned(), |p| p.display().to_string()),
        };
        let mut out = format!(
            "repository: {}\nconfiguration: {config}\nbaseline: {}\nhistory: {}\nmax-file-size: {} bytes\nrules:\n",
            self.root.display(),
            if self.baseline.is_some() { "read" } else { "none" },
            if self.history.is_some() { "read" } else { "not read" },
            self.load.max_file_size,
        );
        for meta in scs_rules::registry::all() {
            let severity = self.settings.severity(meta).map_or_else(|| "off".to_owned(), |s| s.to_string());
            out.push_str(&format!("  {:<28} {severity}\n", meta.id));
        }
        out
    }

    fn check(&self) -> Result<Checked, Failure> {
        check_one(
            self.target.clone(),
            &self.root,
            self.load,
            &self.settings,
            self.history.as_ref(),
            self.baseline.as_ref(),
            self.stdin.as_ref(),
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

    let mut summary = human::summary(documents, reported, counts, hidden);
    // What --fix would mend, said where the user looks (ruff's "N fixable with `--fix`").
    let fixable = results.iter().flat_map(|r| &r.diagnostics).filter(|d| d.fix.is_some()).count();
    if fixable > 0 {
        summary.push_str(&format!(" ({fixable} fixable with `scs check --fix`)"));
    }
    let color = args.output.is_none() && use_color(args.color.unwrap_or(ColorChoice::Auto));
    if args.statistics {
        emit(stdout, &statistics(results, &summary, args.quiet))?;
        return Ok(exit_code(args, counts));
    }
    let text = match args.format {
        Format::Human if args.quiet => render_human(results, color, "").trim_end().to_owned() + "\n",
        Format::Human => render_human(results, color, &summary),
        Format::Concise if args.quiet => concise::render(results),
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
            if !args.quiet {
                emit(stdout, &format!("{summary}\n"))?;
            }
        }
        None if text.trim().is_empty() => {}
        None => emit(stdout, &text)?,
    }
    Ok(exit_code(args, counts))
}

fn exit_code(args: &CheckArgs, counts: Counts) -> ExitCode {
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    if failed && !args.exit_zero { ExitCode::Findings } else { ExitCode::Clean }
}

/// `--statistics`: per rule, how many findings and their severity, most first.
fn statistics(results: &[Checked], summary: &str, quiet: bool) -> String {
    let mut by_rule: std::collections::BTreeMap<(&str, String), usize> = std::collections::BTreeMap::new();
    for d in results.iter().flat_map(|r| &r.diagnostics) {
        *by_rule.entry((d.rule, d.severity.to_string())).or_default() += 1;
    }
    let mut rows: Vec<_> = by_rule.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out: String = rows.iter().map(|((rule, severity), n)| format!("{n:>6}  {rule:<28} {severity}\n")).collect();
    if !quiet {
        out.push_str(summary);
        out.push('\n');
    }
    out
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
    stdin: Option<&StdinDocument>,
) -> Result<Checked, Failure> {
    // Checking some files loads only what their cross-references need (see scs_core::related);
    // a document from standard input is laid over the whole repository.
    let corpus = match (&target.only, stdin) {
        (_, Some((rel, bytes))) => {
            let mut corpus = Corpus::load_with(root, load)?;
            let file_name = rel.rsplit('/').next().unwrap_or(rel).to_owned();
            corpus.upsert(scs_core::Document::parse(rel.clone(), file_name, bytes.clone()));
            corpus
        }
        (Some(only), None) => Corpus::load_related(root, only, load)?,
        (None, None) => Corpus::load_with(root, load)?,
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
) -> Result<Option<scs_history::History>, scs_history::HistoryError> {
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
    read.map(Some)
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

/// A document read from standard input: its path in the repository and its bytes.
type StdinDocument = (String, Vec<u8>);

/// `check - --stdin-filename PATH`: the repository PATH lies in, and the document read from
/// standard input as the file at PATH (bounded by the default size limit).
fn stdin_document(args: &CheckArgs, cwd: &Path) -> Result<Option<(Target, StdinDocument)>, Failure> {
    let dash = args.paths.len() == 1 && args.paths[0] == Path::new("-");
    let Some(name) = &args.stdin_filename else {
        if dash {
            return Err(Failure::Usage(
                "`-` reads a document from standard input: say where it belongs with --stdin-filename PATH".into(),
            ));
        }
        return Ok(None);
    };
    if !dash {
        return Err(Failure::Usage(
            "--stdin-filename names the document read from standard input: give `-` as PATH".into(),
        ));
    }
    let abs = cwd.join(name);
    let start = abs.parent().unwrap_or(cwd);
    let root = start.ancestors().find(|dir| dir.join(scs_core::STANDARDS_DIR).is_dir()).ok_or_else(|| {
        Failure::Usage(format!("{} is in no repository (no Standards/ folder above it)", name.display()))
    })?;
    let rel = abs.strip_prefix(root).map(|r| r.to_string_lossy().replace('\\', "/")).unwrap_or_default();
    if !scs_core::corpus::is_document_path(&rel) {
        return Err(Failure::Usage(format!(
            "--stdin-filename {}: not a document of Standards/ (`Standards/scs-….md`)",
            name.display()
        )));
    }
    let limit = scs_core::corpus::DEFAULT_MAX_FILE_SIZE;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(std::io::stdin().lock(), limit + 1), &mut bytes)
        .map_err(Failure::Output)?;
    if bytes.len() as u64 > limit {
        return Err(Failure::Usage(format!("standard input holds more than {limit} bytes (max-file-size)")));
    }
    let shown = root.strip_prefix(cwd).map_or_else(|_| root.to_path_buf(), Path::to_path_buf);
    let target = Target { root: shown, only: Some([rel.clone()].into_iter().collect()) };
    Ok(Some((target, (rel, bytes))))
}

/// Options that would do nothing are refused, not ignored: the user meant something by them.
fn refuse_options_that_do_nothing(args: &CheckArgs) -> Result<(), Failure> {
    if args.color.is_some() && (args.format != Format::Human || args.diff) {
        return Err(Failure::Usage(
            "--color applies to the human output only (--format human, the default); remove it".into(),
        ));
    }
    if args.default_branch.is_some() && !args.history && args.base.is_none() {
        return Err(Failure::Usage(
            "--default-branch says which commits count as accepted for the history rules: add --history or --base REF, or remove it".into(),
        ));
    }
    Ok(())
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
    if (!select.is_empty() || !ignore.is_empty())
        && scs_rules::registry::all().all(|meta| settings.severity(meta).is_none())
    {
        return Err(Failure::Usage(format!(
            "--select {} with --ignore {} leaves no rule to run",
            if select.is_empty() { "(all)".to_owned() } else { select.join(",") },
            ignore.join(",")
        )));
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

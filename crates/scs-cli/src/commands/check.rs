//! `scs check`: load each repository with its configuration, run the rules, apply the baseline,
//! render, and pick the exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use scs_core::Corpus;
use scs_rules::{Baseline, Counts, Diagnostic, Settings};

use crate::cli::{CheckArgs, ColorChoice, Format};
use crate::discover::{self, Target};
use crate::render::{self, human, json};
use crate::{ExitCode, Failure, config};

/// What one repository's check produced.
struct Checked {
    target: Target,
    corpus: Corpus,
    diagnostics: Vec<Diagnostic>,
    /// Findings hidden by the baseline.
    hidden: usize,
}

pub fn run(args: &CheckArgs, cwd: &Path, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    let targets = discover::targets(&args.paths, cwd)?;
    if args.write_baseline.is_some() && targets.len() > 1 {
        return Err(Failure::Usage("--write-baseline records one repository; name only one".into()));
    }
    let mut results = Vec::with_capacity(targets.len());
    for target in targets {
        let root = cwd.join(&target.root);
        let config = config::load(&root, args.config.as_deref().map(|c| cwd.join(c)).as_deref())?;
        let mut settings = config.settings;
        select(&mut settings, &args.select, &args.ignore)?;
        let corpus = Corpus::load(&root)?;
        let mut diagnostics = scs_rules::check(&corpus, &settings);
        let mut hidden = 0;
        if let Some(path) = &args.write_baseline {
            write_baseline(&cwd.join(path), &diagnostics)?;
            let message = format!("recorded {} findings in {}\n", diagnostics.len(), path.display());
            stdout.write_all(message.as_bytes()).map_err(Failure::Output)?;
            return Ok(ExitCode::Clean);
        }
        let baseline = args.baseline.as_ref().map(|b| cwd.join(b)).or_else(|| config.baseline.map(|b| root.join(b)));
        if let Some(path) = baseline {
            hidden = read_baseline(&path)?.hide(&mut diagnostics);
        }
        if let Some(only) = &target.only {
            diagnostics.retain(|d| only.contains(&d.path));
        }
        results.push(Checked { target, corpus, diagnostics, hidden });
    }

    let counts = Counts::of(results.iter().flat_map(|r| &r.diagnostics));
    let hidden: usize = results.iter().map(|r| r.hidden).sum();
    let documents: usize = results.iter().map(|r| r.corpus.documents.len()).sum();
    let reported: Option<usize> = results
        .iter()
        .any(|r| r.target.only.is_some())
        .then(|| results.iter().map(|r| r.target.only.as_ref().map_or(r.corpus.documents.len(), |o| o.len())).sum());

    let text = match args.format {
        Format::Human => {
            render_human(&results, use_color(args.color), human::summary(documents, reported, counts, hidden))
        }
        Format::Json => render_json(&results, json::Summary::new(counts, documents, hidden))?,
    };
    stdout.write_all(text.as_bytes()).map_err(Failure::Output)?;

    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    Ok(if failed { ExitCode::Findings } else { ExitCode::Clean })
}

/// Applies `--select` and `--ignore` to the settings.
fn select(settings: &mut Settings, select: &[String], ignore: &[String]) -> Result<(), Failure> {
    let expand = |selector: &String| {
        scs_rules::rules::expand(selector.trim()).ok_or_else(|| {
            let groups: Vec<&str> = scs_rules::rules::GROUPS.iter().map(|(name, ..)| *name).collect();
            Failure::Usage(format!(
                "there is no rule or group `{selector}`; `scs rules` lists the rules, and the groups are {} and all",
                groups.join(", ")
            ))
        })
    };
    if !select.is_empty() {
        let selected: Vec<&str> = select.iter().map(expand).collect::<Result<Vec<_>, _>>()?.concat();
        for meta in scs_rules::rules::all().filter(|m| !selected.contains(&m.id)) {
            settings.severities.insert(meta.id.to_owned(), None);
        }
    }
    for id in ignore.iter().map(expand).collect::<Result<Vec<_>, _>>()?.concat() {
        settings.severities.insert(id.to_owned(), None);
    }
    Ok(())
}

fn read_baseline(path: &Path) -> Result<Baseline, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Baseline { path: path.to_path_buf(), reason: e.to_string() })?;
    Baseline::from_json(&text).map_err(|e| Failure::Baseline { path: path.to_path_buf(), reason: e.to_string() })
}

/// Writes the baseline through a temporary file and a rename, so an interrupted run leaves the
/// old file intact.
fn write_baseline(path: &Path, diagnostics: &[Diagnostic]) -> Result<(), Failure> {
    let fail = |e: std::io::Error| Failure::Baseline { path: path.to_path_buf(), reason: e.to_string() };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut temp = tempfile::NamedTempFile::new_in(&dir).map_err(fail)?;
    temp.write_all(Baseline::of(diagnostics).to_json().as_bytes()).map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

fn render_human(results: &[Checked], color: bool, summary: String) -> String {
    let renderer = human::Human::new(color);
    let mut out = String::new();
    for r in results {
        for d in &r.diagnostics {
            renderer.diagnostic(&mut out, &r.corpus, &render::display_path(&r.target.root, d), d);
            out.push('\n');
        }
    }
    out.push_str(&summary);
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

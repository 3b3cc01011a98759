//! `scs check`: load each repository, run the rules, render, and pick the exit code.

use std::io::{IsTerminal, Write};
use std::path::Path;

use scs_core::Corpus;
use scs_rules::{Counts, Diagnostic, Settings};

use crate::cli::{CheckArgs, ColorChoice, Format};
use crate::discover::{self, Target};
use crate::render::{self, human, json};
use crate::{ExitCode, Failure};

/// What one repository's check produced.
struct Checked {
    target: Target,
    corpus: Corpus,
    diagnostics: Vec<Diagnostic>,
}

pub fn run(args: &CheckArgs, cwd: &Path, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    let targets = discover::targets(&args.paths, cwd)?;
    let mut results = Vec::with_capacity(targets.len());
    for target in targets {
        let corpus = Corpus::load(&cwd.join(&target.root))?;
        let mut diagnostics = scs_rules::check(&corpus, &Settings::default());
        if let Some(only) = &target.only {
            diagnostics.retain(|d| only.contains(&d.path));
        }
        results.push(Checked { target, corpus, diagnostics });
    }

    let all: Vec<&Diagnostic> = results.iter().flat_map(|r| &r.diagnostics).collect();
    let counts = Counts::of(&all.iter().map(|d| (*d).clone()).collect::<Vec<_>>());
    let documents: usize = results.iter().map(|r| r.corpus.documents.len()).sum();
    let reported: Option<usize> = results
        .iter()
        .any(|r| r.target.only.is_some())
        .then(|| results.iter().map(|r| r.target.only.as_ref().map_or(r.corpus.documents.len(), |o| o.len())).sum());

    let text = match args.format {
        Format::Human => render_human(&results, use_color(args.color), documents, reported, counts),
        Format::Json => render_json(&results, documents, counts)?,
    };
    stdout.write_all(text.as_bytes()).map_err(Failure::Output)?;

    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    Ok(if failed { ExitCode::Findings } else { ExitCode::Clean })
}

fn render_human(results: &[Checked], color: bool, documents: usize, reported: Option<usize>, counts: Counts) -> String {
    let renderer = human::Human::new(color);
    let mut out = String::new();
    for r in results {
        for d in &r.diagnostics {
            renderer.diagnostic(&mut out, &r.corpus, &render::display_path(&r.target.root, d), d);
            out.push('\n');
        }
    }
    out.push_str(&human::summary(documents, reported, counts));
    out.push('\n');
    out
}

fn render_json(results: &[Checked], documents: usize, counts: Counts) -> Result<String, Failure> {
    let diagnostics = results
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(|d| json::diagnostic(&r.corpus, render::display_path(&r.target.root, d), d))
        })
        .collect();
    let report = json::Report { diagnostics, summary: json::Summary::new(counts, documents) };
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

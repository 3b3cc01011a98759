//! The authoring commands: new, number, stabilize, deprecate, reject, list, graph. The logic is
//! in scs-author; here the repository is found, arguments are read, and plans are written.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use scs_author::{Plan, find};
use scs_core::{Corpus, DocType, Document, Status, Track};

use crate::cli::{
    DeprecateArgs, GraphArgs, GraphFormatArg, ListArgs, ListFormat, NewArgs, NewType, NumberArgs, RejectArgs, RepoArg,
    StabilizeArgs,
};
use crate::transaction::Transaction;
use scs_repository::lock::WriteLock;
use scs_repository::{Repository, discover};

use crate::{ExitCode, Failure};

/// The repository to write, read under its write lock (held until the plan is written):
/// two authoring commands at once take turns instead of both taking the same number.
fn repository(repo: &RepoArg, cwd: &Path) -> Result<(PathBuf, Corpus, WriteLock), Failure> {
    let paths: Vec<PathBuf> = repo.get().cloned().into_iter().collect();
    let target =
        discover::targets(&paths, cwd)?.into_iter().next().ok_or_else(|| Failure::Usage("no repository".into()))?;
    let repository = Repository::open(cwd.join(&target.root), repo.config.as_deref().map(|c| cwd.join(c)).as_deref())?;
    let lock = lock(&repository.root)?;
    let corpus = repository.load()?;
    Ok((repository.root, corpus, lock))
}

/// The write lock of the repository at `root`; says on stderr when it waits for another scs.
pub fn lock(root: &Path) -> Result<WriteLock, Failure> {
    WriteLock::acquire(root, || eprintln!("scs: waiting for another scs that is writing this repository"))
        .map_err(|e| Failure::Write { path: root.to_path_buf(), reason: format!("cannot take the write lock: {e}") })
}

/// A read-only command needs no lock.
fn read_repository(repo: &RepoArg, cwd: &Path) -> Result<(PathBuf, Corpus), Failure> {
    let paths: Vec<PathBuf> = repo.get().cloned().into_iter().collect();
    let target =
        discover::targets(&paths, cwd)?.into_iter().next().ok_or_else(|| Failure::Usage("no repository".into()))?;
    let repository = Repository::open(cwd.join(&target.root), repo.config.as_deref().map(|c| cwd.join(c)).as_deref())?;
    let corpus = repository.load()?;
    Ok((repository.root, corpus))
}

fn date(text: Option<&str>, what: &str) -> Result<Date, Failure> {
    match text {
        Some(t) => t.parse().map_err(|_| Failure::Usage(format!("{what} takes a date YYYY-MM-DD, not `{t}`"))),
        None => Ok(scs_repository::today(None)?),
    }
}

/// The document `reference` names: an id or a file name, or a path, which must then be a
/// document of this repository (a path into another checkout is not the document of the same
/// name here).
fn document<'a>(corpus: &'a Corpus, root: &Path, cwd: &Path, reference: &str) -> Result<&'a Document, Failure> {
    let missing = || Failure::Author(scs_author::AuthorError::NoDocument(reference.to_owned()));
    let doc = find(corpus, reference).ok_or_else(missing)?;
    if reference.contains(['/', '\\']) {
        let named = std::fs::canonicalize(cwd.join(reference)).ok();
        let here = std::fs::canonicalize(root.join(&doc.path)).ok();
        if named.is_none() || named != here {
            return Err(Failure::Usage(format!(
                "`{reference}` is not a document of the repository at {} (scs writes one repository: run it in the other one, or name the document by its id)",
                root.display()
            )));
        }
    }
    Ok(doc)
}

fn track(text: &str) -> Result<Track, Failure> {
    Track::ALL.iter().copied().find(|t| t.as_str().eq_ignore_ascii_case(text)).ok_or_else(|| {
        let mean = scs_rules::suggest::did_you_mean(text, Track::ALL.iter().map(|x| x.as_str()))
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        Failure::Usage(format!("`{text}` is not a track{mean}; the tracks are {}", Track::expected()))
    })
}

/// Writes a plan all or nothing (`crate::transaction`): renames, changed texts (keeping
/// permissions, through links inside the repository, hard links kept), new files (never over
/// an existing one). Prints one line per file once everything is written.
fn apply(root: &Path, corpus: &Corpus, plan: &Plan, out: &mut dyn Write) -> Result<(), Failure> {
    // Every file the plan renames or changes, as it was read.
    let read = plan
        .renames
        .iter()
        .map(|(from, _)| from.as_str())
        .chain(plan.changes.keys().filter(|p| !plan.renames.iter().any(|(_, to)| to == *p)).map(String::as_str))
        .filter_map(|path| corpus.text_of(path).map(|text| (path.to_owned(), text.as_bytes().to_vec())))
        .collect();
    let transaction = Transaction {
        renames: plan.renames.clone(),
        changes: plan.changes.iter().map(|(p, t)| (p.clone(), t.clone())).collect(),
        created: plan.created.iter().map(|(p, t)| (p.clone(), t.clone())).collect(),
        expected: read,
    };
    transaction.commit(root).map_err(|failed| Failure::Write {
        path: failed.path,
        reason: format!("{} (nothing was changed)", failed.error),
    })?;
    for (from, to) in &plan.renames {
        let _ = writeln!(out, "renamed {from} -> {to}");
    }
    for path in plan.changes.keys() {
        let _ = writeln!(out, "changed {path}");
    }
    for path in plan.created.keys() {
        let _ = writeln!(out, "{path}");
    }
    Ok(())
}

pub fn new(args: &NewArgs, cwd: &Path, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (root, corpus, _lock) = repository(&args.repo, cwd)?;
    let doc_type = match args.doc_type {
        NewType::Standard => DocType::Standard,
        NewType::DecisionRecord => DocType::DecisionRecord,
        NewType::Procedural => DocType::Procedural,
        NewType::Supplement => DocType::Supplement,
    };
    let spec = scs_author::new::NewDocument {
        doc_type,
        track: args.track.as_deref().map(track).transpose()?,
        title: args.title.clone(),
        supersedes: args.supersedes.as_deref().map(|d| document(&corpus, &root, cwd, d)).transpose()?,
        supplements: args.supplements.as_deref().map(|d| document(&corpus, &root, cwd, d)).transpose()?,
    };
    let plan = scs_author::new::new_document(&corpus, &spec)?;
    apply(&root, &corpus, &plan, out)?;
    Ok(ExitCode::Clean)
}

pub fn number(args: &NumberArgs, cwd: &Path, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (root, corpus, _lock) = repository(&args.repo, cwd)?;
    let doc = document(&corpus, &root, cwd, &args.file)?;
    let (number, plan) = scs_author::number::number(&corpus, doc)?;
    if args.dry_run {
        let _ = writeln!(out, "would give {} the number {number:04}:", doc.file_name);
        for (from, to) in &plan.renames {
            let _ = writeln!(out, "  rename {from} -> {to}");
        }
        for path in plan.changes.keys() {
            let _ = writeln!(out, "  change {path}");
        }
        return Ok(ExitCode::Clean);
    }
    apply(&root, &corpus, &plan, out)?;
    Ok(ExitCode::Clean)
}

pub fn stabilize(args: &StabilizeArgs, cwd: &Path, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (root, corpus, _lock) = repository(&args.repo, cwd)?;
    let doc = document(&corpus, &root, cwd, &args.doc)?;
    let plan =
        scs_author::lifecycle::stabilize(&corpus, doc, date(args.date.as_deref(), "--date")?, args.deprecate_replaced)?;
    apply(&root, &corpus, &plan, out)?;
    Ok(ExitCode::Clean)
}

pub fn deprecate(args: &DeprecateArgs, cwd: &Path, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (root, corpus, _lock) = repository(&args.repo, cwd)?;
    let doc = document(&corpus, &root, cwd, &args.doc)?;
    let replacements =
        args.replaced_by.iter().map(|r| document(&corpus, &root, cwd, r)).collect::<Result<Vec<_>, _>>()?;
    let plan = scs_author::lifecycle::deprecate(&corpus, doc, date(Some(&args.date), "--date")?, &replacements)?;
    apply(&root, &corpus, &plan, out)?;
    Ok(ExitCode::Clean)
}

pub fn reject(args: &RejectArgs, cwd: &Path, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (root, corpus, _lock) = repository(&args.repo, cwd)?;
    let doc = document(&corpus, &root, cwd, &args.doc)?;
    let plan = scs_author::lifecycle::reject(doc, date(Some(&args.date), "--date")?)?;
    apply(&root, &corpus, &plan, out)?;
    Ok(ExitCode::Clean)
}

pub fn list(args: &ListArgs, cwd: &Path, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (_, corpus) = read_repository(&args.repo, cwd)?;
    let filter = scs_author::list::Filter {
        track: args.track.as_deref().map(track).transpose()?,
        status: args
            .status
            .as_deref()
            .map(|s| {
                Status::ALL.iter().copied().find(|x| x.as_str().eq_ignore_ascii_case(s)).ok_or_else(|| {
                    let mean = scs_rules::suggest::did_you_mean(s, Status::ALL.iter().map(|x| x.as_str()))
                        .map(|m| format!(" ({m})"))
                        .unwrap_or_default();
                    Failure::Usage(format!("`{s}` is not a status{mean}; the statuses are {}", Status::expected()))
                })
            })
            .transpose()?,
        doc_type: args
            .doc_type
            .as_deref()
            .map(|t| {
                DocType::ALL.iter().copied().find(|x| x.as_str().eq_ignore_ascii_case(t)).ok_or_else(|| {
                    let mean = scs_rules::suggest::did_you_mean(t, DocType::ALL.iter().map(|x| x.as_str()))
                        .map(|m| format!(" ({m})"))
                        .unwrap_or_default();
                    Failure::Usage(format!("`{t}` is not a type{mean}; the types are {}", DocType::expected()))
                })
            })
            .transpose()?,
    };
    let rows = scs_author::list::rows(&corpus, date(args.today.as_deref(), "--today")?, &filter);
    let text = match args.format {
        ListFormat::Table => scs_author::list::table(&rows, false),
        ListFormat::Markdown => scs_author::list::table(&rows, true),
        ListFormat::Json => serde_json::to_string_pretty(&rows).map_err(|e| Failure::Output(e.into()))? + "\n",
    };
    out.write_all(text.as_bytes()).map_err(Failure::Output)?;
    Ok(ExitCode::Clean)
}

pub fn graph(args: &GraphArgs, cwd: &Path, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (_, corpus) = read_repository(&args.repo, cwd)?;
    let format = match args.format {
        GraphFormatArg::Mermaid => scs_author::graph::GraphFormat::Mermaid,
        GraphFormatArg::Dot => scs_author::graph::GraphFormat::Dot,
    };
    out.write_all(scs_author::graph::render(&corpus, format).as_bytes()).map_err(Failure::Output)?;
    Ok(ExitCode::Clean)
}

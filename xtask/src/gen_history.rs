//! `cargo xtask gen-history`: a synthetic git history for a synthetic SCS repository, to time
//! `scs check --history`.
//!
//! The final state is a `gen-corpus` repository (no violations). Its history tells a story SCS
//! documents live: each document is added (a first version as a proposal `scs-xxxx-v1-…`, then
//! renamed to its number on acceptance), edited as a Draft, stabilized, and deprecated when its
//! final status says so; the events of all documents are interleaved at random. One change in
//! four arrives through a pull request: a commit on a branch and a merge commit on `main`. The
//! history is written in one `git fast-import` stream, so 1,000 commits take well under a second.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::gen_corpus::{self, Rng, Spec};

pub const USAGE: &str = "cargo xtask gen-history --docs N --commits C --out DIR [--seed S] [--force]

gen-history  write a synthetic SCS repository of N documents to DIR, as a git repository
             whose branch main has C commits (pull-request and merge commits included)
             that build it up,
             deterministic from the seed (default 1); C must leave room for at least one
             commit per lifecycle step. DIR must be empty or absent unless --force is given";

pub fn run(args: &[String]) -> Result<(), String> {
    let (mut docs, mut commits, mut seed, mut out, mut force) = (0, 0, 1, None, false);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--docs" => docs = value()?.parse().map_err(|_| "--docs takes a number of documents")?,
            "--commits" => commits = value()?.parse().map_err(|_| "--commits takes a number of commits")?,
            "--seed" => seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--force" => force = true,
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    let out = out.ok_or(format!("--out is required\n{USAGE}"))?;
    if docs == 0 || commits == 0 {
        return Err(format!("--docs and --commits are required and must be positive\n{USAGE}"));
    }
    if out.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        if !force {
            return Err(format!("{} is not empty; pass --force to replace it", out.display()));
        }
        std::fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    let made = generate(docs, commits, seed, &out)?;
    eprintln!("wrote {docs} documents with {made} commits to {}", out.display());
    Ok(())
}

/// One document of the final repository.
struct Doc {
    name: String,
    /// The name it is proposed under, for first versions: `scs-xxxx-v1-slug.md`.
    proposal: Option<String>,
    text: String,
    status: Option<String>,
}

/// One change of the story: a step of a document (by index), and whether it arrives through a
/// pull request (a branch commit and a merge commit) or directly (one commit).
struct Change {
    doc: usize,
    step: Step,
    through_pr: bool,
}

/// What one commit does to one document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Add,
    Accept,
    Edit(usize),
    Stabilize,
    Final,
}

/// Writes the repository of `docs` documents with `commits` commits in the history of `main`
/// (pull-request and merge commits included) into `out`; returns the number of commits made.
pub fn generate(docs: usize, commits: usize, seed: u64, out: &Path) -> Result<usize, String> {
    gen_corpus::generate(&Spec { docs, seed, violations: 0.0 }, out)?;
    let documents = read_documents(out)?;
    let scope = read_dir_files(&out.join("Tests"))?;
    let mut rng = Rng(seed ^ 0x5EED);
    let plan = plan(&documents, commits, &mut rng)?;
    git(out, &["init", "-q", "-b", "main"], None)?;
    let stream = fast_import_stream(&documents, &scope, &plan, &mut rng);
    git(out, &["fast-import", "--quiet"], Some(&stream))?;
    git(out, &["reset", "-q", "--hard", "main"], None)?;
    Ok(plan.iter().map(|c| if c.through_pr { 2 } else { 1 }).sum::<usize>() + 1)
}

fn read_documents(out: &Path) -> Result<Vec<Doc>, String> {
    let mut documents = Vec::new();
    for (name, text) in read_dir_files(&out.join("Standards"))? {
        let status = text.lines().find_map(|l| l.strip_prefix("status: ")).map(str::to_owned);
        let proposal =
            name.split_once("-v1-").filter(|_| status.is_some()).map(|(_, slug)| format!("scs-xxxx-v1-{slug}"));
        documents.push(Doc { name, proposal, text, status });
    }
    Ok(documents)
}

fn read_dir_files(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap_or_default()))
        .collect();
    files.sort();
    Ok(files)
}

/// The steps of every document in one random interleaving.
fn plan(documents: &[Doc], commits: usize, rng: &mut Rng) -> Result<Vec<Change>, String> {
    let mut steps: Vec<Vec<Step>> = documents
        .iter()
        .map(|d| {
            let mut s = vec![Step::Add];
            if d.proposal.is_some() {
                s.push(Step::Accept);
            }
            if matches!(d.status.as_deref(), Some("Stable" | "Deprecated")) {
                s.push(Step::Stabilize);
            }
            s.push(Step::Final);
            s
        })
        .collect();
    // One commit is the initial one (the scope file); one change in four is a pull request.
    let lifecycle: usize = steps.iter().map(Vec::len).sum();
    let changes = (commits.saturating_sub(1) * 4).div_ceil(5);
    let prs = commits.saturating_sub(1) - changes;
    if changes < lifecycle {
        return Err(format!("{commits} commits are too few: the lifecycle steps alone need {}", lifecycle * 5 / 4 + 1));
    }
    // Edits go into the Draft phase of random documents: before Stabilize, or before Final.
    for n in 0..changes - lifecycle {
        let d = rng.below(steps.len());
        let at = steps[d].iter().position(|s| matches!(s, Step::Stabilize | Step::Final)).unwrap_or(0);
        steps[d].insert(at, Step::Edit(n));
    }
    let mut next = vec![0usize; steps.len()];
    let mut open: Vec<usize> = (0..steps.len()).collect();
    let mut order = Vec::with_capacity(changes);
    while !open.is_empty() {
        let pick = rng.below(open.len());
        let d = open[pick];
        order.push((d, steps[d][next[d]]));
        next[d] += 1;
        if next[d] == steps[d].len() {
            open.swap_remove(pick);
        }
    }
    // Spread exactly `prs` pull requests evenly over the changes.
    let through_pr = |i: usize| (i + 1) * prs / changes > i * prs / changes;
    Ok(order.into_iter().enumerate().map(|(i, (doc, step))| Change { doc, step, through_pr: through_pr(i) }).collect())
}

/// The text of `doc` after `step`: the final text for the last step, else a Draft (or Stable)
/// variant with a revision line, so that each edit changes the body.
fn text_at(doc: &Doc, step: Step) -> String {
    let status = match step {
        Step::Final => return doc.text.clone(),
        Step::Stabilize => "Stable",
        _ => "Draft",
    };
    let Some(end) = doc.text.get(4..).and_then(|t| t.find("\n---\n")).map(|i| i + 4) else {
        return doc.text.clone();
    };
    let (front, body) = doc.text.split_at(end);
    let mut out = String::with_capacity(doc.text.len() + 32);
    let mut skipping = false;
    for line in front.lines() {
        let list_item = line.starts_with("  - ") || line.starts_with("- ");
        if skipping && list_item {
            continue;
        }
        skipping = false;
        let dropped = match status {
            "Draft" => {
                ["stabilized_at:", "deprecated_at:", "rejected_at:", "replaced_by:"].iter().any(|k| line.starts_with(k))
            }
            _ => ["deprecated_at:", "rejected_at:", "replaced_by:"].iter().any(|k| line.starts_with(k)),
        };
        if dropped {
            skipping = true;
            continue;
        }
        if line.starts_with("status: ") && doc.status.is_some() {
            out.push_str("status: ");
            out.push_str(status);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push_str(&body[1..]);
    if let Step::Edit(n) = step {
        out.push_str(&format!("\nRevision {n} of the draft.\n"));
    }
    out
}

fn fast_import_stream(documents: &[Doc], scope: &[(String, String)], plan: &[Change], rng: &mut Rng) -> Vec<u8> {
    let mut s = Vec::new();
    let mut time = 1_600_000_000u64;
    let mut mark = 0usize;
    let mut commit = |s: &mut Vec<u8>, branch: &str, subject: &str, parents: &[usize], files: &str, time: u64| {
        mark += 1;
        let _ = write!(
            s,
            "commit refs/heads/{branch}\nmark :{mark}\ncommitter Generator <gen@example.org> {time} +0000\ndata {}\n{subject}\n",
            subject.len()
        );
        for (i, parent) in parents.iter().enumerate() {
            let _ = writeln!(s, "{} :{parent}", if i == 0 { "from" } else { "merge" });
        }
        s.extend_from_slice(files.as_bytes());
        s.push(b'\n');
        mark
    };
    let inline = |path: &str, text: &str| format!("M 100644 inline {path}\ndata {}\n{text}\n", text.len());
    let files: String = scope.iter().map(|(name, text)| inline(&format!("Tests/{name}"), text)).collect();
    let mut main = commit(&mut s, "main", "Add the certificate scope", &[], &files, time);
    for (n, &Change { doc: d, step, through_pr: pr }) in plan.iter().enumerate() {
        time += 3_600 + rng.below(86_400) as u64;
        let doc = &documents[d];
        let current = match step {
            Step::Add => doc.proposal.as_deref().unwrap_or(&doc.name),
            _ => &doc.name,
        };
        let mut files = inline(&format!("Standards/{current}"), &text_at(doc, step));
        if step == Step::Accept {
            let proposal = doc.proposal.as_deref().unwrap_or_default();
            files = format!("D Standards/{proposal}\n") + &files;
        }
        let subject = match step {
            Step::Add => format!("Propose {current}"),
            Step::Accept => format!("Accept {} as {}", doc.proposal.as_deref().unwrap_or_default(), doc.name),
            Step::Edit(_) => format!("Edit {}", doc.name),
            Step::Stabilize => format!("Stabilize {}", doc.name),
            Step::Final => format!("Finish {}", doc.name),
        };
        if pr {
            let branch = commit(&mut s, &format!("pr/{n}"), &subject, &[main], &files, time);
            time += 600;
            main =
                commit(&mut s, "main", &format!("Merge pull request #{n}: {subject}"), &[main, branch], &files, time);
        } else {
            main = commit(&mut s, "main", &subject, &[main], &files, time);
        }
    }
    s
}

fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<(), String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin.write_all(input).map_err(|e| format!("git {}: {e}", args[0]))?;
    }
    let status = child.wait().map_err(|e| format!("git {}: {e}", args[0]))?;
    if status.success() { Ok(()) } else { Err(format!("git {} failed in {}", args[0], dir.display())) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git").arg("-C").arg(dir).args(args).output().expect("git");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    #[test]
    fn the_history_has_the_commits_and_ends_in_the_generated_repository() {
        let dir = tempfile::tempdir().expect("tempdir");
        let made = generate(40, 200, 7, dir.path()).expect("generate");
        assert_eq!(made, 200);
        assert_eq!(count(dir.path(), &["rev-list", "--count", "main"]), "200");
        assert_ne!(count(dir.path(), &["rev-list", "--count", "--merges", "main"]), "0");
        assert_eq!(count(dir.path(), &["status", "--porcelain"]), "", "the working tree is the last commit");
        // The final texts are those of gen-corpus with the same seed.
        let fresh = tempfile::tempdir().expect("tempdir");
        gen_corpus::generate(&Spec { docs: 40, seed: 7, violations: 0.0 }, fresh.path()).expect("generate");
        assert_eq!(
            read_dir_files(&dir.path().join("Standards")).ok(),
            read_dir_files(&fresh.path().join("Standards")).ok()
        );
        // Every history rule passes on the story (it follows SCS-0001's lifecycle).
        let history = scs_history::read_log(dir.path(), &scs_history::Options::default()).expect("history");
        let corpus = scs_core::Corpus::load(dir.path()).expect("load");
        let mut settings = scs_rules::Settings::default();
        for meta in scs_rules::registry::all() {
            let history_rule = scs_rules::registry::history_rules().any(|r| r.meta().id == meta.id);
            if !history_rule {
                settings.severities.insert(meta.id.to_owned(), None);
            }
        }
        let found = scs_rules::check_with_history(&corpus, &settings, None, Some(&history));
        assert_eq!(found, [], "a lifecycle story without violations");
        let touching = count(dir.path(), &["rev-list", "--count", "--first-parent", "main", "--", "Standards/"]);
        assert_eq!(
            Some(history.revisions.len()),
            touching.parse::<usize>().ok().map(|n| n + 1),
            "and the working tree"
        );
        assert!(history.revisions.len() > 100, "{}", history.revisions.len());
    }

    #[test]
    fn too_few_commits_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(generate(40, 20, 7, dir.path()).expect_err("too few").contains("too few"));
    }
}

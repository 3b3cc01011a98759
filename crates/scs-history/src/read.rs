//! Reading a [`History`]: the commits (or a base commit), their blobs, and the working tree,
//! folded into one trail per document with renames followed.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use scs_core::DocId;
use scs_core::corpus::is_document_path as is_document;

use crate::git::{Git, GitError, STANDARDS};
use crate::log::{Change, ChangeKind, LOG_FORMAT, LogCommit, parse_log};
use crate::worktree;
use scs_core::history::{Content, History, Revision, State, Trail};

/// Why the history could not be read. The ordinary rules do not need it and still run.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("{folder} is not inside a git checkout, so there is no history to read")]
    NotARepository { folder: String },
    #[error(
        "this is a shallow clone: the history rules need the whole history (run `git fetch --unshallow`; in GitHub Actions set `fetch-depth: 0` for actions/checkout)"
    )]
    Shallow,
    #[error("HEAD has no commits yet, so there is no history to read")]
    NoCommits,
    #[error(
        "the base `{reference}` is not a commit of this clone (fetch it first, e.g. `git fetch origin main`; a shallow clone may lack it)"
    )]
    UnknownBase { reference: String },
    #[error("the default branch `{reference}` is not a branch or commit of this clone")]
    UnknownDefaultBranch { reference: String },
}

/// How to read the history.
#[derive(Debug, Clone)]
pub struct Options {
    /// The branch whose commits count as accepted. Default: `origin/HEAD`, else the first of
    /// `origin/main`, `origin/master`, `main`, `master` that exists; with none, every commit of
    /// `HEAD` counts as accepted.
    pub default_branch: Option<String>,
    /// Blobs and files larger than this are not read (their state is empty).
    pub max_file_size: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self { default_branch: None, max_file_size: scs_core::corpus::DEFAULT_MAX_FILE_SIZE }
    }
}

/// The first-parent history of `HEAD` for `Standards/` (merges count as one change against
/// their first parent, as the default branch saw them), then the working tree.
pub fn read_log(root: &Path, options: &Options) -> Result<History, HistoryError> {
    let git = repository(root)?;
    let head = full_history(&git)?;
    let pending = pending_commits(&git, options)?;
    let commits = first_parent_log(&git, &head, "--date=short")?;
    let revisions =
        commits.iter().map(|c| Revision::commit(&c.short, &c.date, &c.subject, !pending.contains(&c.id))).collect();
    let steps: Vec<Vec<Change>> = commits.into_iter().map(|c: LogCommit| c.changes).collect();
    build(&git, root, options, revisions, steps, &head)
}

/// The base commit as one accepted revision, then the working tree: what a pull request
/// against `base` changes.
pub fn read_base(root: &Path, base: &str, options: &Options) -> Result<History, HistoryError> {
    let git = repository(root)?;
    let id = git.commit_id(base).ok_or_else(|| HistoryError::UnknownBase { reference: base.to_owned() })?;
    let header = git.run(&["log", "-1", "-z", "--no-color", "--no-show-signature", "--date=short", LOG_FORMAT, &id])?;
    let commit = parse_log(&header)
        .into_iter()
        .next()
        .ok_or_else(|| HistoryError::UnknownBase { reference: base.to_owned() })?;
    let tree = git.run(&["ls-tree", "-r", "-z", &id, "--", STANDARDS])?;
    let added = tree
        .split(|&b| b == 0)
        .filter_map(|line| {
            let line = String::from_utf8_lossy(line);
            let (meta, path) = line.split_once('\t')?;
            let blob = meta.split(' ').nth(2)?;
            Some(Change {
                kind: ChangeKind::Added,
                path: path.to_owned(),
                blob: blob.to_owned(),
                old_blob: String::new(),
            })
        })
        .collect();
    let revisions = vec![Revision::commit(&commit.short, &commit.date, &commit.subject, true)];
    build(&git, root, options, revisions, vec![added], &id)
}

/// The id of `HEAD`, in a clone whose history is whole (a shallow one's is not).
pub(crate) fn full_history(git: &Git<'_>) -> Result<String, HistoryError> {
    if git.text(&["rev-parse", "--is-shallow-repository"])? == "true" {
        return Err(HistoryError::Shallow);
    }
    git.commit_id("HEAD").ok_or(HistoryError::NoCommits)
}

/// The first-parent commits of `head` that touch `Standards/`, oldest first, each with its
/// changes against its first parent (a merge is one change, as the default branch saw it),
/// dates printed as `date` (a `--date=` option) says.
pub(crate) fn first_parent_log(git: &Git<'_>, head: &str, date: &str) -> Result<Vec<LogCommit>, HistoryError> {
    let out = git.run(&[
        "log",
        "--first-parent",
        "-m",
        "-M",
        "--raw",
        "-z",
        "--no-abbrev",
        "--no-color",
        "--no-show-signature",
        "--relative",
        "--reverse",
        date,
        LOG_FORMAT,
        head,
        "--",
        STANDARDS,
    ])?;
    Ok(parse_log(&out))
}

pub(crate) fn repository(root: &Path) -> Result<Git<'_>, HistoryError> {
    let git = Git::new(root);
    match git.text(&["rev-parse", "--is-inside-work-tree"]) {
        Ok(inside) if inside == "true" => Ok(git),
        Ok(_) | Err(GitError::Failed { .. }) => {
            Err(HistoryError::NotARepository { folder: root.display().to_string() })
        }
        Err(e) => Err(e.into()),
    }
}

/// Commits of `HEAD` that the default branch does not have: the branch under review.
fn pending_commits(git: &Git, options: &Options) -> Result<HashSet<String>, HistoryError> {
    let default = match &options.default_branch {
        Some(reference) => Some(
            git.commit_id(reference)
                .ok_or_else(|| HistoryError::UnknownDefaultBranch { reference: reference.clone() })?,
        ),
        None => {
            let origin_head = git.text(&["symbolic-ref", "-q", "refs/remotes/origin/HEAD"]).ok();
            origin_head
                .into_iter()
                .chain(
                    ["refs/remotes/origin/main", "refs/remotes/origin/master", "refs/heads/main", "refs/heads/master"]
                        .map(String::from),
                )
                .find_map(|r| git.commit_id(&r))
        }
    };
    let Some(default) = default else { return Ok(HashSet::new()) };
    let out = git.text(&["rev-list", "HEAD", "--not", &default])?;
    Ok(out.lines().map(str::to_owned).collect())
}

/// Folds the changes of each revision (then those of the working tree against `last`) into
/// trails.
fn build(
    git: &Git,
    root: &Path,
    options: &Options,
    mut revisions: Vec<Revision>,
    mut steps: Vec<Vec<Change>>,
    last: &str,
) -> Result<History, HistoryError> {
    revisions.push(Revision::WorkingTree);
    steps.push(worktree::changes(git, last)?);
    let contents = Contents::read(git, root, options, &steps)?;
    let mut trails: Vec<Trail> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for (revision, changes) in steps.iter().enumerate() {
        // Sources first: a commit may rename a→b and add a new a.
        let mut moved = HashMap::new();
        // Deleted documents by id: an addition of the same id in the same commit is the same
        // document renamed, which git did not pair because the content was rewritten too
        // (scs-0217-v1: 21 of 106 lines kept). The one lifecycle model pairs them alike.
        let mut deleted: Vec<(Option<DocId>, usize)> = Vec::new();
        for change in changes {
            match &change.kind {
                ChangeKind::Deleted if is_document(&change.path) => {
                    if let Some(t) = at.remove(&change.path) {
                        deleted.push((DocId::numbered(&change.path), t));
                    }
                }
                ChangeKind::Renamed { from } if is_document(from) => {
                    // Identity follows git's content pairing, also when number and slug both
                    // change (issue 20: an accepted decision record renamed so, 56 % similar).
                    if let Some(t) = at.remove(from) {
                        if is_document(&change.path) {
                            moved.insert(change.path.as_str(), t);
                        } else {
                            trails[t].deleted = Some(revision);
                        }
                    }
                }
                _ => {}
            }
        }
        for change in changes.iter().filter(|c| c.kind == ChangeKind::Added && c.has_document()) {
            let Some(id) = DocId::numbered(&change.path) else { continue };
            if at.contains_key(&change.path) || moved.contains_key(change.path.as_str()) {
                continue;
            }
            if let Some(i) = deleted.iter().position(|(d, _)| *d == Some(id)) {
                let (_, t) = deleted.remove(i);
                moved.insert(change.path.as_str(), t);
            }
        }
        for (_, t) in deleted {
            trails[t].deleted = Some(revision);
        }
        for change in changes.iter().filter(|c| c.has_document()) {
            let t = match moved.remove(change.path.as_str()).or_else(|| at.get(&change.path).copied()) {
                Some(t) => t,
                None => {
                    trails.push(Trail::default());
                    trails.len() - 1
                }
            };
            at.insert(change.path.clone(), t);
            trails[t].states.push(State::of(revision, &change.path, contents.of(revision, change)));
        }
    }
    Ok(History { revisions, trails })
}

/// What the rules need of every changed version: from blobs (read one at a time) for the
/// commits, from files for the working tree.
struct Contents {
    blobs: HashMap<String, Content>,
    files: HashMap<String, Content>,
    working_tree: usize,
    empty: Content,
}

impl Contents {
    fn read(git: &Git, root: &Path, options: &Options, steps: &[Vec<Change>]) -> Result<Self, GitError> {
        let working_tree = steps.len() - 1;
        let mut ids: Vec<&str> =
            steps[..working_tree].iter().flatten().filter(|c| c.has_document()).map(|c| c.blob.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut blobs = HashMap::with_capacity(ids.len());
        git.each_blob(&ids, options.max_file_size, |id, bytes| {
            blobs.insert(id.to_owned(), Content::of(bytes));
        })?;
        // The working tree is read as `scs check` reads it: a refused file (a FIFO, a link out
        // of the repository, above the size limit) counts as empty.
        let reader = scs_core::Reader::for_repository(root, options.max_file_size);
        let files = steps[working_tree]
            .iter()
            .filter(|c| c.has_document())
            .map(|c| (c.path.clone(), Content::of(&reader.read(&root.join(&c.path)).unwrap_or_default())))
            .collect();
        Ok(Self { blobs, files, working_tree, empty: Content::of(&[]) })
    }

    fn of(&self, revision: usize, change: &Change) -> &Content {
        let content =
            if revision == self.working_tree { self.files.get(&change.path) } else { self.blobs.get(&change.blob) };
        content.unwrap_or(&self.empty)
    }
}

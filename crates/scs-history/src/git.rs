//! Running `git` read-only in a repository folder, and the blob reader `git cat-file --batch`.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// git could not be run, or a git command failed.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git: {0}")]
    Spawn(std::io::Error),
    #[error("`{0}` is not a commit, branch or tag of this git repository")]
    UnknownReference(String),
    #[error("git {command} failed in {folder}: {message}")]
    Failed { command: String, folder: String, message: String },
}

/// git in one folder; every command runs with `-C folder` and unquoted path names.
pub(crate) struct Git<'a> {
    root: &'a Path,
}

impl<'a> Git<'a> {
    pub(crate) fn new(root: &'a Path) -> Self {
        Self { root }
    }

    fn command(&self) -> Command {
        let mut command = Command::new("git");
        command.arg("-C").arg(self.root).args(["-c", "core.quotepath=off"]);
        // The repository's configuration must not start programs (an fsmonitor hook, a pager).
        command.args(["--no-pager", "-c", "core.fsmonitor=false"]);
        command
    }

    /// Runs git with `args` and returns its standard output.
    pub(crate) fn run(&self, args: &[&str]) -> Result<Vec<u8>, GitError> {
        let out = self.command().args(args).stdin(Stdio::null()).output().map_err(GitError::Spawn)?;
        if !out.status.success() {
            return Err(GitError::Failed {
                command: args.first().copied().unwrap_or_default().to_owned(),
                folder: self.root.display().to_string(),
                message: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
            });
        }
        Ok(out.stdout)
    }

    /// Runs git with `args` and returns its trimmed output as text.
    pub(crate) fn text(&self, args: &[&str]) -> Result<String, GitError> {
        Ok(String::from_utf8_lossy(&self.run(args)?).trim().to_owned())
    }

    /// The full id of the commit `reference` names, if it names one.
    pub(crate) fn commit_id(&self, reference: &str) -> Option<String> {
        if reference.starts_with('-') {
            return None; // an option, not a reference
        }
        let verified = format!("{reference}^{{commit}}");
        self.text(&["rev-parse", "--verify", "--quiet", &verified]).ok().filter(|id| !id.is_empty())
    }

    /// The contents of the blobs `ids` (full object ids) no larger than `max` bytes, in one
    /// `git cat-file --batch-check` and one `git cat-file --batch`. Ids git does not have, and
    /// larger blobs, are left out.
    pub(crate) fn blobs(&self, ids: &[&str], max: u64) -> Result<HashMap<String, Vec<u8>>, GitError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let sizes = self.batch("--batch-check", ids)?;
        // One line per id, in order: `<id> <type> <size>` or `<id> missing`.
        let sizes = String::from_utf8_lossy(&sizes);
        let small: Vec<&str> = ids
            .iter()
            .zip(sizes.lines())
            .filter(|(_, line)| {
                let mut fields = line.split(' ').skip(1);
                fields.next() == Some("blob")
                    && fields.next().and_then(|s| s.parse::<u64>().ok()).is_some_and(|s| s <= max)
            })
            .map(|(id, _)| *id)
            .collect();
        Ok(parse_batch(&self.batch("--batch", &small)?))
    }

    /// Runs `git cat-file MODE` with `ids` on its input.
    fn batch(&self, mode: &str, ids: &[&str]) -> Result<Vec<u8>, GitError> {
        let mut child = self
            .command()
            .args(["cat-file", mode])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(GitError::Spawn)?;
        let mut input = String::with_capacity(ids.len() * 41);
        for id in ids {
            input.push_str(id);
            input.push('\n');
        }
        // Written from a thread so that a full output pipe cannot block the input.
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let out = child.wait_with_output().map_err(GitError::Spawn)?;
        let written = writer.join().unwrap_or_else(|_| Err(std::io::Error::other("writer thread panicked")));
        if !out.status.success() || written.is_err() {
            return Err(GitError::Failed {
                command: "cat-file".into(),
                folder: self.root.display().to_string(),
                message: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
            });
        }
        Ok(out.stdout)
    }
}

/// Splits `git cat-file --batch` output: `<id> <type> <size>\n<content>\n` or `<id> missing\n`.
pub(crate) fn parse_batch(mut out: &[u8]) -> HashMap<String, Vec<u8>> {
    let mut blobs = HashMap::new();
    while let Some(end) = out.iter().position(|&b| b == b'\n') {
        let header = String::from_utf8_lossy(&out[..end]).into_owned();
        out = &out[end + 1..];
        let mut fields = header.split(' ');
        let (Some(id), Some(_kind), Some(size)) = (fields.next(), fields.next(), fields.next()) else {
            continue; // `<id> missing`
        };
        let Ok(size) = size.parse::<usize>() else { break };
        if out.len() < size {
            break;
        }
        blobs.insert(id.to_owned(), out[..size].to_vec());
        out = out.get(size + 1..).unwrap_or_default();
    }
    blobs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_output_with_missing_objects_and_newlines_in_content() {
        let out = b"aa blob 3\na\nb\nbb missing\ncc blob 0\n\n";
        let blobs = parse_batch(out);
        assert_eq!(blobs["aa"], b"a\nb");
        assert_eq!(blobs["cc"], b"");
        assert!(!blobs.contains_key("bb"));
    }
}

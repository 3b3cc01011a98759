//! Running `git` read-only in a repository folder, and the blob reader `git cat-file --batch`.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// The folder whose history is read, relative to the repository root: the pathspec of every
/// git command that lists or diffs it.
pub(crate) const STANDARDS: &str = "Standards/";

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
    /// `-c filter.NAME.clean=` … for every filter driver the configuration names, read once.
    no_filters: std::sync::OnceLock<Vec<String>>,
}

/// Where hooks are looked for: nowhere.
#[cfg(unix)]
const NO_HOOKS: &str = "core.hooksPath=/dev/null";
#[cfg(not(unix))]
const NO_HOOKS: &str = "core.hooksPath=NUL";

impl<'a> Git<'a> {
    pub(crate) fn new(root: &'a Path) -> Self {
        Self { root, no_filters: std::sync::OnceLock::new() }
    }

    /// The `-c` settings that empty the commands of every filter driver the repository's
    /// configuration names: comparing the working tree would otherwise run a `clean` filter.
    /// Reading the configuration runs nothing.
    fn no_filters(&self) -> &[String] {
        self.no_filters.get_or_init(|| {
            let out = Command::new("git")
                .arg("-C")
                .arg(self.root)
                .args(["config", "-z", "--name-only", "--get-regexp", r"^filter\."])
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .output();
            let Ok(out) = out else { return Vec::new() };
            let mut drivers: Vec<String> = String::from_utf8_lossy(&out.stdout)
                .split('\0')
                .filter_map(|key| key.strip_prefix("filter.")?.rsplit_once('.').map(|(name, _)| name.to_owned()))
                .collect();
            drivers.sort();
            drivers.dedup();
            drivers
                .iter()
                .flat_map(|name| {
                    ["clean", "smudge", "process"].map(|what| ["-c".to_owned(), format!("filter.{name}.{what}=")])
                })
                .flatten()
                .collect()
        })
    }

    fn command(&self) -> Command {
        let mut command = Command::new("git");
        command.arg("-C").arg(self.root).args(["-c", "core.quotepath=off"]);
        // The repository's configuration must not start programs (an fsmonitor hook, a pager,
        // a hook on an index write, a filter, an external diff or textconv), and a read must
        // not write the index.
        command.args(["--no-pager", "--no-optional-locks", "-c", "core.fsmonitor=false", "-c", NO_HOOKS]);
        command.args(["-c", "diff.external=", "-c", "core.attributesFile="]);
        command.args(self.no_filters());
        // Dates printed in the local time zone (`format-local:`) are UTC dates.
        command.env("TZ", "UTC");
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

    /// Calls `f` with the id and content of each blob of `ids` (full object ids) no larger than
    /// `max` bytes, one `git cat-file --batch-check` and one `git cat-file --batch` in all; ids
    /// git does not have, and larger blobs, are left out. One blob is in memory at a time.
    pub(crate) fn each_blob(&self, ids: &[&str], max: u64, mut f: impl FnMut(&str, &[u8])) -> Result<(), GitError> {
        if ids.is_empty() {
            return Ok(());
        }
        let sizes = self.batch("--batch-check", ids, |out| {
            let mut sizes = Vec::new();
            out.read_to_end(&mut sizes).map(|_| sizes)
        })?;
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
        if small.is_empty() {
            return Ok(());
        }
        self.batch("--batch", &small, |out| read_batch(out, &mut f))
    }

    /// Runs `git cat-file MODE` with `ids` on its input and `read` on its output, while it runs.
    fn batch<T>(
        &self,
        mode: &str,
        ids: &[&str],
        read: impl FnOnce(&mut dyn BufRead) -> io::Result<T>,
    ) -> Result<T, GitError> {
        let failed = |message: String| GitError::Failed {
            command: "cat-file".into(),
            folder: self.root.display().to_string(),
            message,
        };
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
        // Input and error output go through threads, so that no full pipe blocks git.
        let (Some(mut stdin), Some(stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(failed("no pipes to git".into()));
        };
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let result = read(&mut BufReader::new(stdout));
        let status = child.wait().map_err(GitError::Spawn)?;
        let written = writer.join().unwrap_or_else(|_| Err(io::Error::other("writer thread panicked")));
        let errors = errors.join().unwrap_or_default();
        match (result, status.success() && written.is_ok()) {
            (Ok(value), true) => Ok(value),
            (Err(e), _) => Err(failed(format!("{e} {}", errors.trim()))),
            (Ok(_), false) => Err(failed(errors.trim().to_owned())),
        }
    }
}

/// Reads `git cat-file --batch` output, `<id> <type> <size>\n<content>\n` or `<id> missing\n`
/// per object, and calls `f` with each id and content.
pub(crate) fn read_batch(out: &mut dyn BufRead, f: &mut impl FnMut(&str, &[u8])) -> io::Result<()> {
    let (mut header, mut content) = (Vec::new(), Vec::new());
    loop {
        header.clear();
        if out.read_until(b'\n', &mut header)? == 0 {
            return Ok(());
        }
        let header = String::from_utf8_lossy(&header);
        let mut fields = header.trim_end().split(' ');
        let (Some(id), Some(_kind), Some(size)) = (fields.next(), fields.next(), fields.next()) else {
            continue; // `<id> missing`
        };
        let size: usize =
            size.parse().map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "a batch header without a size"))?;
        content.resize(size, 0);
        out.read_exact(&mut content)?;
        out.read_exact(&mut [0u8; 1])?;
        f(id, &content);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_output_with_missing_objects_and_newlines_in_content() {
        let mut blobs = Vec::new();
        let mut out: &[u8] = b"aa blob 3\na\nb\nbb missing\ncc blob 0\n\n";
        read_batch(&mut out, &mut |id, bytes| blobs.push((id.to_owned(), bytes.to_vec()))).expect("reads");
        assert_eq!(blobs, [("aa".to_owned(), b"a\nb".to_vec()), ("cc".to_owned(), Vec::new())]);
        let mut truncated: &[u8] = b"aa blob 30\nshort";
        assert!(read_batch(&mut truncated, &mut |_, _| {}).is_err());
    }
}

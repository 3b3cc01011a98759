//! The one file reader of scs: every command and the language server read files through it,
//! with the same refusals. A repository's files are untrusted (a pull request from a fork, a
//! file in an editor's workspace), so it never opens anything but a regular file (a FIFO
//! would block for good, a device never ends), never follows a symbolic link out of the
//! repository, and never reads more than the size limit, also of a file that grows while it
//! is read.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file was not read. The texts are what the user sees in an `unreadable-file` finding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the symbolic link cannot be followed: {0}")]
    DanglingLink(String),
    #[error("the symbolic link points outside the repository; it is not followed")]
    LinkLeavesRepository,
    #[error("this is a directory, not a file")]
    Directory,
    #[error("this is not a regular file (a device, pipe or socket)")]
    NotRegular,
    #[error("the file has {len} bytes, more than the limit of {max} (max-file-size); it is not read")]
    TooLarge { len: u64, max: u64 },
    #[error("the file grew beyond the limit of {0} bytes (max-file-size) while it was read")]
    Grew(u64),
    #[error("{0}")]
    Io(String),
}

impl ReadError {
    /// Whether the file does not exist (as opposed to being refused).
    pub fn is_missing(&self) -> bool {
        matches!(self, Self::Io(text) if text.starts_with(MISSING))
    }
}

const MISSING: &str = "No such file";

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::NotFound {
            return Self::Io(format!("{MISSING} or folder"));
        }
        Self::Io(e.to_string())
    }
}

/// Reads files with the refusals above; inside a repository, links must stay in it.
#[derive(Debug, Clone)]
pub struct Reader {
    /// The repository's canonical root: links that resolve outside it are refused.
    root: Option<PathBuf>,
    max_file_size: u64,
}

impl Reader {
    /// A reader of the files of the repository at `root`.
    pub fn for_repository(root: &Path, max_file_size: u64) -> Self {
        Self { root: fs::canonicalize(root).ok(), max_file_size }
    }

    /// A reader of files the user named (templates, a baseline, the output folder): the same
    /// refusals but for links, which may point anywhere the user chose.
    pub fn anywhere(max_file_size: u64) -> Self {
        Self { root: None, max_file_size }
    }

    pub fn max_file_size(&self) -> u64 {
        self.max_file_size
    }

    /// The canonical root of the repository, if this reader has one.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// The bytes of the regular file at `path`.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        self.read_known(path, None, None)
    }

    /// [`Reader::read`] as text; invalid UTF-8 is an error of its own kind.
    pub fn read_to_string(&self, path: &Path) -> Result<String, ReadError> {
        String::from_utf8(self.read(path)?).map_err(|_| ReadError::Io("the file is not valid UTF-8".into()))
    }

    /// Reads `path`; `known` is the type a directory listing reported (saves a `stat`), and
    /// `head` reads at most that many bytes.
    pub(crate) fn read_known(
        &self,
        path: &Path,
        known: Option<fs::FileType>,
        head: Option<u64>,
    ) -> Result<Vec<u8>, ReadError> {
        let max = self.max_file_size;
        let file_type = match known {
            Some(t) => t,
            None => fs::symlink_metadata(path)?.file_type(),
        };
        // What is opened: the path itself, or the target a link was checked to have (so that
        // a link swapped afterwards cannot lead elsewhere).
        let mut opened = path.to_path_buf();
        if file_type.is_symlink() {
            let target = fs::canonicalize(path).map_err(|e| ReadError::DanglingLink(e.to_string()))?;
            if self.root.as_ref().is_some_and(|root| !target.starts_with(root)) {
                return Err(ReadError::LinkLeavesRepository);
            }
            opened = target;
        }
        // Never open anything but a regular file: opening a FIFO would block the run.
        if !file_type.is_file() {
            let meta = fs::metadata(path)?;
            if meta.is_dir() {
                return Err(ReadError::Directory);
            }
            if !meta.is_file() {
                return Err(ReadError::NotRegular);
            }
        }
        let file = open_no_follow(&opened).map_err(|e| match e.raw_os_error() {
            // A link put in its place after the look is refused, not followed.
            Some(code) if is_link_error(code) => ReadError::LinkLeavesRepository,
            _ => ReadError::from(e),
        })?;
        let meta = file.metadata()?;
        // The file may have been swapped between the look and the open: what was opened is
        // judged, not what was looked at.
        if !meta.is_file() {
            return Err(ReadError::NotRegular);
        }
        let len = meta.len();
        if len > max {
            return Err(ReadError::TooLarge { len, max });
        }
        let limit = head.map_or(max.saturating_add(1), |h| h.min(max));
        let mut bytes = Vec::with_capacity(usize::try_from(len.min(limit)).unwrap_or(0).saturating_add(1));
        // A file that grows while it is read is still cut at the limit.
        file.take(limit).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > max {
            return Err(ReadError::Grew(max));
        }
        Ok(bytes)
    }
}

/// Opens `path` for reading without following a symbolic link in its last component and
/// without blocking: a FIFO put in the place of a file after the look opens at once (and is
/// then refused as not regular) instead of waiting for a writer for good.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// Whether an `open` error code means the last component was a symbolic link (`ELOOP`; some
/// systems say `EMLINK` or `EFTYPE` for `O_NOFOLLOW`).
#[cfg(unix)]
fn is_link_error(code: i32) -> bool {
    code == libc::ELOOP || code == libc::EMLINK
}

#[cfg(not(unix))]
fn is_link_error(_: i32) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_small_regular_file_inside_the_repository() -> Result<(), Box<dyn std::error::Error>> {
        let outside = tempfile::tempdir()?;
        let repo = tempfile::tempdir()?;
        fs::write(outside.path().join("secret"), "secret")?;
        fs::write(repo.path().join("small"), "ok")?;
        fs::write(repo.path().join("big"), "x".repeat(11))?;
        fs::create_dir(repo.path().join("dir"))?;
        let reader = Reader::for_repository(repo.path(), 10);
        assert_eq!(reader.read(&repo.path().join("small"))?, b"ok");
        assert_eq!(reader.read(&repo.path().join("big")), Err(ReadError::TooLarge { len: 11, max: 10 }));
        assert_eq!(reader.read(&repo.path().join("dir")), Err(ReadError::Directory));
        assert!(reader.read(&repo.path().join("gone")).is_err_and(|e| e.is_missing()));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outside.path().join("secret"), repo.path().join("out"))?;
            std::os::unix::fs::symlink(repo.path().join("small"), repo.path().join("in"))?;
            std::os::unix::fs::symlink(repo.path().join("nothing"), repo.path().join("dangling"))?;
            assert_eq!(reader.read(&repo.path().join("out")), Err(ReadError::LinkLeavesRepository));
            assert_eq!(reader.read(&repo.path().join("in"))?, b"ok");
            assert!(matches!(reader.read(&repo.path().join("dangling")), Err(ReadError::DanglingLink(_))));
            assert_eq!(Reader::anywhere(10).read(&repo.path().join("out"))?, b"secret");
            let fifo = repo.path().join("fifo");
            assert!(std::process::Command::new("mkfifo").arg(&fifo).status()?.success(), "mkfifo failed");
            assert_eq!(reader.read(&fifo), Err(ReadError::NotRegular));
            assert_eq!(reader.read(Path::new("/dev/zero")), Err(ReadError::NotRegular));
        }
        Ok(())
    }

    /// Issue 31: a file swapped for a link out of the repository, or for a FIFO, between the
    /// look at its type and the open, is neither read nor waited for. The swap is simulated by
    /// passing the type the look saw (a regular file) for what is now there.
    #[cfg(unix)]
    #[test]
    fn a_file_swapped_after_the_look_is_judged_as_opened() -> Result<(), Box<dyn std::error::Error>> {
        let outside = tempfile::tempdir()?;
        let repo = tempfile::tempdir()?;
        fs::write(outside.path().join("secret"), "secret")?;
        fs::write(repo.path().join("regular"), "ok")?;
        let looked = fs::symlink_metadata(repo.path().join("regular"))?.file_type();
        let reader = Reader::for_repository(repo.path(), 100);
        std::os::unix::fs::symlink(outside.path().join("secret"), repo.path().join("swapped"))?;
        assert_eq!(
            reader.read_known(&repo.path().join("swapped"), Some(looked), None),
            Err(ReadError::LinkLeavesRepository)
        );
        let fifo = repo.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status()?.success(), "mkfifo failed");
        let (done, wait) = std::sync::mpsc::channel();
        let reader2 = reader.clone();
        std::thread::spawn(move || {
            let _ = done.send(reader2.read_known(&fifo, Some(looked), None));
        });
        let answer = wait.recv_timeout(std::time::Duration::from_secs(10)).map_err(|_| "the read of a FIFO blocked")?;
        assert_eq!(answer, Err(ReadError::NotRegular));
        Ok(())
    }
}

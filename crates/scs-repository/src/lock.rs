//! One writer at a time per repository: the authoring commands and `--fix` read the
//! documents, decide (the next free number, the new front matter) and write; two of them at
//! once gave two proposals the same number and lost edits. The lock is an advisory file lock
//! (the operating system's, released when the process ends, however it ends) on a file in the
//! system's temporary folder named after the repository's canonical root, so that the
//! repository itself gets no file.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// Held while a command writes the repository; dropping it lets the next one in.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// The lock file of the repository at `root`.
fn lock_path(root: &Path) -> io::Result<PathBuf> {
    let canonical = std::fs::canonicalize(root)?;
    // FNV-1a of the path: stable across builds and versions of scs (std's hasher is not).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in canonical.as_os_str().as_encoded_bytes() {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let dir = std::env::temp_dir().join("scs-locks");
    std::fs::create_dir_all(&dir)?;
    Ok(dir.join(format!("{hash:016x}.lock")))
}

impl WriteLock {
    /// Takes the write lock of the repository at `root`, waiting for another scs that holds
    /// it (`waiting` is called once if so).
    pub fn acquire(root: &Path, waiting: impl FnOnce()) -> io::Result<Self> {
        let path = lock_path(root)?;
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting();
                file.lock()?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        Ok(Self { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let repo = tempfile::tempdir().expect("tempdir");
        let first = WriteLock::acquire(repo.path(), || panic!("nobody holds it yet")).expect("lock");
        let (tx, rx) = std::sync::mpsc::channel();
        let root = repo.path().to_path_buf();
        let second = std::thread::spawn(move || {
            let mut waited = false;
            let lock = WriteLock::acquire(&root, || waited = true).expect("lock");
            tx.send(waited).expect("send");
            drop(lock);
        });
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(rx.try_recv().is_err(), "the second writer must wait");
        drop(first);
        assert!(rx.recv_timeout(std::time::Duration::from_secs(10)).expect("the second gets the lock"));
        second.join().expect("thread");
        // Another repository has its own lock.
        let other = tempfile::tempdir().expect("tempdir");
        let _a = WriteLock::acquire(repo.path(), || {}).expect("lock");
        let _b = WriteLock::acquire(other.path(), || panic!("another repository")).expect("lock");
    }
}

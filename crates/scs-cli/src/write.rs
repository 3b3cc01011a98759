//! Writing files so that an interrupted run leaves the old file intact: reports, baselines,
//! fixed documents, authored ones and the site's pages.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes through a temporary file in the same folder and a rename, so that an interrupted
/// run leaves the old file intact.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    write_bytes_atomically(path, text.as_bytes())
}

/// [`write_atomically`] for bytes (byte copies of documents need not be UTF-8).
///
/// The temporary file is `.<name>.<pid>.<n>.scs-tmp` beside the target, created exclusively
/// with the permissions new files get (the umask's), and given the permissions of the file it
/// replaces. (tempfile's random names cost ten times a plain create per file here, which
/// made writing 15,000 site pages take seconds, and its files are readable by the owner only.)
pub fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = temp_beside(path, "scs-tmp");
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        if let Ok(existing) = fs::metadata(path) {
            file.set_permissions(existing.permissions())?;
        }
        drop(file);
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A fresh name beside `path`: `.<name>.<pid>.<n>.<kind>` (temporary files, backups).
pub fn temp_beside(path: &Path, kind: &str) -> std::path::PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}.{n}.{kind}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_keeping_permissions_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.md");
        write_atomically(&path, "one").expect("write");
        assert_eq!(fs::read_to_string(&path).expect("read"), "one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
            write_atomically(&path, "two").expect("write");
            assert_eq!(fs::metadata(&path).expect("stat").permissions().mode() & 0o777, 0o640);
        }
        assert_eq!(fs::read_to_string(&path).expect("read"), "two");
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1, "no temporary file is left");
        assert!(write_atomically(&dir.path().join("missing/b.md"), "x").is_err());
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1);
    }
}

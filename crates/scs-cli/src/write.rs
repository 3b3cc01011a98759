//! Writing files so that an interrupted run leaves the old file intact: reports, baselines,
//! fixed documents and authored ones.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes through a temporary file in the same folder and a rename, so that an interrupted
/// run leaves the old file intact.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    write_bytes_atomically(path, text.as_bytes())
}

/// [`write_atomically`] for bytes (byte copies of documents need not be UTF-8).
pub fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut temp = tempfile::NamedTempFile::new_in(&dir)?;
    temp.write_all(bytes)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

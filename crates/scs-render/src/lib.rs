//! Findings as people read them: the human renderer (`scs check`'s default output and the
//! findings `scs site` prints), in a crate of its own so that the fuzz targets and the
//! benchmarks run it in process.

pub mod human;

/// `other` (relative to the root) written as `shown` writes `own`: with the same root prefix.
pub fn shown_as(shown: &str, own: &str, other: &str) -> String {
    match shown.strip_suffix(own) {
        Some(prefix) => format!("{prefix}{other}"),
        None => other.to_owned(),
    }
}

//! Parsing what `git log --raw -z` and `git diff --raw -z` print: commits and the files each
//! one added, modified, deleted or renamed.

/// How a file changed between two trees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    Added,
    Modified,
    Deleted,
    Renamed { from: String },
}

/// One changed file; `blob` is the id of its new content (all zeros when git has none, as for
/// a deleted file or a file changed in the working tree), `old_blob` that of its content before
/// (all zeros for an added file; empty where git did not say, as for the working tree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    pub kind: ChangeKind,
    pub path: String,
    pub blob: String,
    pub old_blob: String,
}

impl Change {
    /// Whether the change leaves a document at `path` whose content the rules need.
    pub(crate) fn has_document(&self) -> bool {
        self.kind != ChangeKind::Deleted && scs_core::corpus::is_document_path(&self.path)
    }
}

/// A commit of `git log` with the changes it made (against its first parent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogCommit {
    pub id: String,
    pub short: String,
    pub date: String,
    pub subject: String,
    pub changes: Vec<Change>,
}

/// The `--format` that [`parse_log`] reads: id, date and subject, NUL-separated. (`%h` would
/// print the whole id, as `--no-abbrev` is needed for the blob ids of `--raw`.)
pub(crate) const LOG_FORMAT: &str = "--format=%H%x00%cd%x00%s";

/// How many characters of a commit id diagnostics show.
const SHORT_ID: usize = 10;

/// Reads `git log -z --raw --no-abbrev` output printed with [`LOG_FORMAT`].
pub(crate) fn parse_log(out: &[u8]) -> Vec<LogCommit> {
    let mut tokens = tokens(out).peekable();
    let mut commits = Vec::new();
    while let Some(id) = tokens.next() {
        if id.is_empty() {
            continue;
        }
        let mut field = || tokens.next().unwrap_or_default();
        let (date, subject) = (field(), field());
        let short = id.chars().take(SHORT_ID).collect();
        let changes = parse_changes(&mut tokens);
        commits.push(LogCommit { id, short, date, subject, changes });
    }
    commits
}

/// Reads `git diff -z --raw --no-abbrev` output.
pub(crate) fn parse_diff(out: &[u8]) -> Vec<Change> {
    parse_changes(&mut tokens(out).peekable())
}

fn tokens(out: &[u8]) -> impl Iterator<Item = String> + '_ {
    // Between a commit's header and its first change git prints a newline.
    out.split(|&b| b == 0).map(|t| String::from_utf8_lossy(t.strip_prefix(b"\n").unwrap_or(t)).into_owned())
}

/// Consumes `:<modes> <old> <new> <status>` tokens, each followed by its path or paths.
fn parse_changes(tokens: &mut std::iter::Peekable<impl Iterator<Item = String>>) -> Vec<Change> {
    let mut changes = Vec::new();
    while let Some(meta) = tokens.next_if(|t| t.starts_with(':')) {
        let fields: Vec<&str> = meta.split(' ').collect();
        let (Some(old_blob), Some(blob), Some(status)) = (fields.get(2), fields.get(3), fields.get(4)) else {
            continue;
        };
        let letter = status.chars().next().unwrap_or('?');
        let first = tokens.next().unwrap_or_default();
        let kind = match letter {
            'A' => ChangeKind::Added,
            'M' | 'T' => ChangeKind::Modified,
            'D' => ChangeKind::Deleted,
            'R' => ChangeKind::Renamed { from: first.clone() },
            // A copy leaves the source alone: the second path is new.
            'C' => ChangeKind::Added,
            _ => continue, // unmerged or unknown: nothing to learn
        };
        let path = if matches!(letter, 'R' | 'C') { tokens.next().unwrap_or_default() } else { first };
        changes.push(Change { kind, path, blob: (*blob).to_owned(), old_blob: (*old_blob).to_owned() });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "1111111111111111111111111111111111111111";
    const B: &str = "2222222222222222222222222222222222222222";
    const Z: &str = "0000000000000000000000000000000000000000";

    #[test]
    fn commits_with_adds_renames_and_deletes() {
        let out = format!(
            "{A}\x002025-01-01\0add: one\0\n:000000 100644 {Z} {A} A\0S/a.md\0\
             c2\x002025-01-02\0:colon subject\0\n:100644 100644 {A} {B} R087\0S/a.md\0S/b.md\0\
             :100644 000000 {A} {Z} D\0S/c.md\0\
             c3\x002025-01-03\0empty\0"
        );
        let commits = parse_log(out.as_bytes());
        assert_eq!(commits.len(), 3);
        assert_eq!((commits[0].short.as_str(), commits[0].date.as_str()), ("1111111111", "2025-01-01"));
        assert_eq!(
            commits[0].changes,
            [Change { kind: ChangeKind::Added, path: "S/a.md".into(), blob: A.into(), old_blob: Z.into() }]
        );
        assert_eq!(commits[1].subject, ":colon subject");
        assert_eq!(
            commits[1].changes,
            [
                Change {
                    kind: ChangeKind::Renamed { from: "S/a.md".into() },
                    path: "S/b.md".into(),
                    blob: B.into(),
                    old_blob: A.into()
                },
                Change { kind: ChangeKind::Deleted, path: "S/c.md".into(), blob: Z.into(), old_blob: A.into() },
            ]
        );
        assert!(commits[2].changes.is_empty());
    }

    #[test]
    fn truncated_output_gives_what_it_has() {
        let out = format!("c1\x002025-01-01\0s\0\n:000000 100644 {Z} {A} R100\0S/a.md");
        let commits = parse_log(out.as_bytes());
        assert_eq!(commits[0].changes[0].path, "");
        assert!(parse_log(b"").is_empty());
        assert!(parse_diff(b":garbage\0x\0").is_empty());
    }
}

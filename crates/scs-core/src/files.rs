//! The files and folders of a repository, as the loader found them: what a relative link may
//! point at. Checking a link then asks this index, never the disk, so a corpus built in
//! memory (tests, the fuzzers, an editor's overlay) answers from what it holds.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

/// No repository of documents has nearly this many entries; beyond it the index stops and
/// answers "exists" for what it did not see (a missing finding, never a false one).
pub const MAX_ENTRIES: usize = 200_000;

/// Folders nested deeper than this are not listed (link targets are shallow).
pub const MAX_DEPTH: usize = 32;

/// The relative, `/`-separated paths of a repository's files and folders.
#[derive(Debug, Clone, Default)]
pub struct Files {
    paths: HashSet<String>,
    /// Whether every entry was listed (false: a limit was reached or a folder was unreadable).
    complete: bool,
}

impl Files {
    /// Lists the repository at `root` without following links (a link is listed as an entry,
    /// its target is not entered) and without `.git`.
    pub fn scan(root: &Path) -> Self {
        let mut files = Self { paths: HashSet::new(), complete: true };
        let mut pending = vec![(root.to_path_buf(), String::new(), 0)];
        while let Some((dir, prefix, depth)) = pending.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                files.complete = false;
                continue;
            };
            for entry in entries.flatten() {
                if files.paths.len() >= MAX_ENTRIES {
                    files.complete = false;
                    return files;
                }
                let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                    files.complete = false;
                    continue;
                };
                if prefix.is_empty() && name == ".git" {
                    continue;
                }
                let rel = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                if is_dir {
                    if depth < MAX_DEPTH {
                        pending.push((entry.path(), rel.clone(), depth + 1));
                    } else {
                        files.complete = false;
                    }
                }
                files.paths.insert(rel);
            }
        }
        files
    }

    /// An index of exactly `paths` (and their folders), complete: a corpus built in memory
    /// has nothing else.
    pub fn of<'a>(paths: impl IntoIterator<Item = &'a str>) -> Self {
        let mut files = Self { paths: HashSet::new(), complete: true };
        for path in paths {
            files.insert(path);
        }
        files
    }

    /// Records `rel_path` and its folders (a file an editor created).
    pub fn insert(&mut self, rel_path: &str) {
        let mut at = rel_path;
        while !at.is_empty() && self.paths.insert(at.to_owned()) {
            at = at.rsplit_once('/').map_or("", |(dir, _)| dir);
        }
    }

    /// Forgets `rel_path` (a file deleted); its folders stay.
    pub fn remove(&mut self, rel_path: &str) {
        self.paths.remove(rel_path);
    }

    /// Whether `rel_path` (normalized, `/`-separated, no trailing `/`) is a file or folder of
    /// the repository; the root (`""`) always is. What an incomplete index did not see counts
    /// as existing.
    pub fn contains(&self, rel_path: &str) -> bool {
        rel_path.is_empty() || self.paths.contains(rel_path) || !self.complete
    }

    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_lists_files_and_folders_but_not_git_and_not_through_links() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        fs::create_dir_all(root.join("Standards")).expect("mkdir");
        fs::create_dir_all(root.join("Tests/iaas")).expect("mkdir");
        fs::create_dir_all(root.join(".git/objects")).expect("mkdir");
        fs::write(root.join("Standards/scs-0001-v1-a.md"), "x").expect("write");
        fs::write(root.join("Tests/iaas/check.py"), "x").expect("write");
        let outside = tempfile::tempdir().expect("tempdir");
        fs::write(outside.path().join("secret.md"), "x").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), root.join("Tests/away")).expect("symlink");
        let files = Files::scan(root);
        for present in ["Standards", "Standards/scs-0001-v1-a.md", "Tests", "Tests/iaas", "Tests/iaas/check.py", ""] {
            assert!(files.contains(present), "{present}");
        }
        for absent in [".git", ".git/objects", "Tests/nope.py", "Standards/scs-0002-v1-b.md", "Tests/away/secret.md"] {
            assert!(!files.contains(absent), "{absent}");
        }
        #[cfg(unix)]
        assert!(files.contains("Tests/away"), "the link itself is an entry");
    }

    #[test]
    fn an_index_of_given_paths_knows_their_folders_and_nothing_else() {
        let mut files = Files::of(["Standards/scs-0001-v1-a.md"]);
        assert!(files.contains("Standards") && files.contains("Standards/scs-0001-v1-a.md"));
        assert!(!files.contains("Tests") && !files.contains("Standards/README.md"));
        files.insert("Tests/x/y.yaml");
        assert!(files.contains("Tests") && files.contains("Tests/x") && files.contains("Tests/x/y.yaml"));
        files.remove("Tests/x/y.yaml");
        assert!(!files.contains("Tests/x/y.yaml") && files.contains("Tests/x"));
    }

    #[test]
    fn a_truncated_index_never_calls_a_file_missing() {
        let files = Files { paths: HashSet::new(), complete: false };
        assert!(files.contains("anything/at/all.md"));
    }
}

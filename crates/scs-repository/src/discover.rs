//! From the paths on the command line to the repositories to load and the files to report.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use scs_core::{STANDARDS_DIR, TESTS_DIR};

/// One repository to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The repository root, as the user can open it (relative to the current folder if given so).
    pub root: PathBuf,
    /// Report only these documents (paths relative to the root); `None`: all of them.
    pub only: Option<BTreeSet<String>>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DiscoverError {
    #[error("{}: no such file or folder", .0.display())]
    NotFound(PathBuf),
    #[error("{path}: not a regular file or folder but {kind}; scs reads only files and folders", path = .0.display(), kind = .1)]
    NotAFile(PathBuf, &'static str),
    #[error("{}: not an SCS repository (it has no Standards/ folder)", .0.display())]
    NotARepository(PathBuf),
    #[error("{}: not a document of a Standards/ folder or a certificate scope of Tests/", .0.display())]
    NotADocument(PathBuf),
    #[error("no Standards/ folder in {} or any folder above it; pass the repository as PATH", .0.display())]
    NothingFound(PathBuf),
}

/// Resolves `paths` (relative to `cwd`) into repositories; with no paths, searches upwards
/// from `cwd`. Several paths in one repository become one target.
pub fn targets(paths: &[PathBuf], cwd: &Path) -> Result<Vec<Target>, DiscoverError> {
    if paths.is_empty() {
        let root = cwd
            .ancestors()
            .find(|dir| dir.join(STANDARDS_DIR).is_dir())
            .ok_or_else(|| DiscoverError::NothingFound(cwd.to_path_buf()))?;
        let shown = root.strip_prefix(cwd).map_or_else(|_| root.to_path_buf(), Path::to_path_buf);
        return Ok(vec![Target { root: shown, only: None }]);
    }
    let mut found: Vec<(PathBuf, PathBuf, Option<String>)> = Vec::new();
    for path in paths {
        let abs = cwd.join(path);
        let (root, only) = if abs.is_dir() {
            (repository_of_dir(path, &abs)?, None)
        } else if abs.is_file() {
            let (root, rel) = repository_of_file(path, &abs)?;
            (root, Some(rel))
        } else {
            return Err(match std::fs::metadata(&abs) {
                Ok(meta) => DiscoverError::NotAFile(path.clone(), kind_of(&meta.file_type())),
                Err(_) => DiscoverError::NotFound(path.clone()),
            });
        };
        let key = std::fs::canonicalize(cwd.join(&root)).unwrap_or_else(|_| cwd.join(&root));
        found.push((key, root, only));
    }
    let mut targets: Vec<(PathBuf, Target)> = Vec::new();
    for (key, root, only) in found {
        match targets.iter_mut().find(|(k, _)| *k == key) {
            Some((_, target)) => match (&mut target.only, only) {
                (Some(set), Some(rel)) => {
                    set.insert(rel);
                }
                (target_only, _) => *target_only = None,
            },
            None => targets.push((key, Target { root, only: only.map(|rel| BTreeSet::from([rel])) })),
        }
    }
    Ok(targets.into_iter().map(|(_, t)| t).collect())
}

/// What a path that is neither a file nor a folder is, in words.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    let _ = file_type;
    "a special file"
}

fn repository_of_dir(path: &Path, abs: &Path) -> Result<PathBuf, DiscoverError> {
    if abs.join(STANDARDS_DIR).is_dir() {
        return Ok(path.to_path_buf());
    }
    if normal_name(abs).as_deref() == Some(STANDARDS_DIR) {
        return Ok(parent(path, abs));
    }
    Err(DiscoverError::NotARepository(path.to_path_buf()))
}

fn repository_of_file(path: &Path, abs: &Path) -> Result<(PathBuf, String), DiscoverError> {
    let not_a_document = || DiscoverError::NotADocument(path.to_path_buf());
    let file_name = abs.file_name().and_then(|n| n.to_str()).ok_or_else(not_a_document)?.to_owned();
    let folder = abs.parent().ok_or_else(not_a_document)?;
    let dir = match normal_name(folder).as_deref() {
        Some(STANDARDS_DIR) => STANDARDS_DIR,
        Some(TESTS_DIR) if scs_core::scope::is_scope_file_name(&file_name) => TESTS_DIR,
        _ => return Err(not_a_document()),
    };
    let folder_shown = parent(path, abs);
    Ok((parent(&folder_shown, folder), format!("{dir}/{file_name}")))
}

/// The last component's name, after resolving `.` and `..` through the file system.
fn normal_name(path: &Path) -> Option<String> {
    let real = std::fs::canonicalize(path).ok()?;
    Some(real.file_name()?.to_str()?.to_owned())
}

/// The parent of `shown` as the user would write it; absolute when `shown` has no parent.
fn parent(shown: &Path, abs: &Path) -> PathBuf {
    let lexical = match shown.components().next_back() {
        Some(Component::Normal(_)) => shown.parent().map(Path::to_path_buf),
        Some(Component::CurDir) if shown.components().count() == 1 => Some(PathBuf::from("..")),
        Some(Component::ParentDir) => Some(shown.join("..")),
        _ => None,
    };
    match lexical {
        Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
        Some(p) => p,
        None => std::fs::canonicalize(abs)
            .ok()
            .and_then(|real| real.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| abs.join("..")),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(dir.path().join("repo/Standards")).expect("mkdir");
        fs::write(dir.path().join("repo/Standards/scs-0001-v1-a.md"), "---\n---\n").expect("write");
        fs::write(dir.path().join("repo/Standards/scs-0002-v1-b.md"), "---\n---\n").expect("write");
        fs::create_dir_all(dir.path().join("repo/Tests")).expect("mkdir");
        fs::write(dir.path().join("repo/Tests/scs-compatible-x.yaml"), "name: x\n").expect("write");
        fs::write(dir.path().join("repo/Tests/helper.py"), "").expect("write");
        dir
    }

    fn t(root: &str, only: Option<&[&str]>) -> Target {
        Target { root: root.into(), only: only.map(|o| o.iter().map(|s| s.to_string()).collect()) }
    }

    #[test]
    fn root_standards_folder_and_files() {
        let dir = repo();
        let cwd = dir.path();
        assert_eq!(targets(&["repo".into()], cwd), Ok(vec![t("repo", None)]));
        assert_eq!(targets(&["repo/Standards".into()], cwd), Ok(vec![t("repo", None)]));
        assert_eq!(
            targets(&["repo/Standards/scs-0001-v1-a.md".into(), "repo/Standards/scs-0002-v1-b.md".into()], cwd),
            Ok(vec![t("repo", Some(&["Standards/scs-0001-v1-a.md", "Standards/scs-0002-v1-b.md"]))])
        );
        assert_eq!(
            targets(&["repo/Tests/scs-compatible-x.yaml".into()], cwd),
            Ok(vec![t("repo", Some(&["Tests/scs-compatible-x.yaml"]))])
        );
        // a file and its whole repository: the whole repository
        assert_eq!(targets(&["repo/Standards/scs-0001-v1-a.md".into(), "repo".into()], cwd), Ok(vec![t("repo", None)]));
        // from inside Standards/
        let inside = cwd.join("repo/Standards");
        assert_eq!(
            targets(&["scs-0001-v1-a.md".into()], &inside),
            Ok(vec![t("..", Some(&["Standards/scs-0001-v1-a.md"]))])
        );
        assert_eq!(targets(&[".".into()], &inside), Ok(vec![t("..", None)]));
        assert_eq!(targets(&["../Standards".into()], &inside), Ok(vec![t("..", None)]));
    }

    #[test]
    fn discovery_from_nested_folder() {
        let dir = repo();
        let nested = dir.path().join("repo/Standards");
        let found = targets(&[], &nested).expect("found");
        assert_eq!(found.len(), 1);
        assert!(found[0].root.ends_with("repo"), "{:?}", found[0].root);
        assert_eq!(targets(&[], &dir.path().join("repo")), Ok(vec![t("", None)]));
    }

    #[test]
    fn errors() {
        let dir = repo();
        let cwd = dir.path();
        fs::write(cwd.join("loose.md"), "x").expect("write");
        assert_eq!(targets(&["nope".into()], cwd), Err(DiscoverError::NotFound("nope".into())));
        assert_eq!(targets(&[".".into()], cwd), Err(DiscoverError::NotARepository(".".into())));
        assert_eq!(targets(&["loose.md".into()], cwd), Err(DiscoverError::NotADocument("loose.md".into())));
        assert_eq!(
            targets(&["repo/Tests/helper.py".into()], cwd),
            Err(DiscoverError::NotADocument("repo/Tests/helper.py".into()))
        );
    }
}

//! Opening an SCS repository, the one way every command and the language server do it:
//! finding it from the paths given ([`discover`]), reading its `scs.toml` ([`config`]), how
//! its files are read (size limit, no link out of it: [`Repository::reader`]), and the day
//! the lifecycle is judged on ([`today`]).

pub mod config;
pub mod discover;
pub mod lock;

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use scs_core::{Corpus, LoadError, LoadOptions, Reader};

pub use config::{Config, ConfigError, ConfigMistake, HistoryConfig, ReportConfig};
pub use discover::{DiscoverError, Target};

/// A repository with its configuration.
#[derive(Debug)]
pub struct Repository {
    /// The repository root (the folder holding `Standards/`).
    pub root: PathBuf,
    pub config: Config,
}

impl Repository {
    /// Opens the repository at `root` with its configuration: `explicit` (a `--config` file)
    /// or `scs.toml` / `.scs.toml` at the root, or the defaults when there is none.
    pub fn open(root: impl Into<PathBuf>, explicit: Option<&Path>) -> Result<Self, ConfigError> {
        let root = root.into();
        let config = config::load(&root, explicit)?;
        Ok(Self { root, config })
    }

    /// Opens the repository on its configuration, or on the defaults when the configuration
    /// has a mistake (returned beside it): the language server keeps serving while a user
    /// edits `scs.toml`.
    pub fn open_or_defaults(root: impl Into<PathBuf>) -> (Self, Option<ConfigError>) {
        let root = root.into();
        match config::load(&root, None) {
            Ok(config) => (Self { root, config }, None),
            Err(mistake) => (Self { root, config: Config::default() }, Some(mistake)),
        }
    }

    /// Files larger than this many bytes are reported and not read (`max-file-size`).
    pub fn max_file_size(&self) -> u64 {
        self.config.max_file_size.unwrap_or(scs_core::corpus::DEFAULT_MAX_FILE_SIZE)
    }

    /// How the documents are loaded: everything, with the repository's size limit.
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions { max_file_size: self.max_file_size(), ..LoadOptions::default() }
    }

    /// The reader for any further file of the repository: no FIFO or device, no link out of
    /// the repository, the size limit.
    pub fn reader(&self) -> Reader {
        Reader::for_repository(&self.root, self.max_file_size())
    }

    /// Loads every document and certificate scope with [`Repository::load_options`].
    pub fn load(&self) -> Result<Corpus, LoadError> {
        Corpus::load_with(&self.root, self.load_options())
    }
}

/// A `--today` that is not a date.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("--today takes a date YYYY-MM-DD, not `{0}`")]
pub struct BadDate(pub String);

/// The day documents are judged on: `given` (`--today`), or the current date in UTC, the same
/// day wherever the command runs (a CI runner, a laptop, the docs build).
pub fn today(given: Option<&str>) -> Result<Date, BadDate> {
    match given {
        Some(text) => text.parse().map_err(|_| BadDate(text.to_owned())),
        None => Ok(jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_given_date_or_the_utc_date() {
        assert_eq!(today(Some("2024-02-29")).map(|d| d.to_string()), Ok("2024-02-29".to_owned()));
        assert_eq!(today(Some("2023-02-29")), Err(BadDate("2023-02-29".into())));
        assert_eq!(
            today(Some("29.02.2024")).map_err(|e| e.to_string()).err().as_deref(),
            Some("--today takes a date YYYY-MM-DD, not `29.02.2024`")
        );
        let utc = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
        let got = today(None).expect("a date");
        // The test may run across midnight UTC.
        assert!(got == utc || got == utc.tomorrow().expect("a day"), "{got} vs {utc}");
    }

    #[test]
    fn open_reads_the_limit_and_open_or_defaults_survives_a_mistake() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("Standards")).expect("mkdir");
        let repository = Repository::open(dir.path(), None).expect("no configuration is fine");
        assert_eq!(repository.max_file_size(), scs_core::corpus::DEFAULT_MAX_FILE_SIZE);
        std::fs::write(dir.path().join("scs.toml"), "max-file-size = 2048\n").expect("write");
        let repository = Repository::open(dir.path(), None).expect("valid");
        assert_eq!(repository.load_options().max_file_size, 2048);
        assert_eq!(repository.reader().max_file_size(), 2048);
        std::fs::write(dir.path().join("scs.toml"), "max-file-sise = 2048\n").expect("write");
        assert!(Repository::open(dir.path(), None).is_err());
        let (repository, mistake) = Repository::open_or_defaults(dir.path());
        assert_eq!(repository.max_file_size(), scs_core::corpus::DEFAULT_MAX_FILE_SIZE);
        assert_eq!(mistake.map(|m| m.message().to_owned()).as_deref(), Some("unknown key `max-file-sise`"));
    }
}

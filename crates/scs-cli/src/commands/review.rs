//! `scs review --base REF`: the documents at REF (read from git) against the working tree.

use std::io::Write;
use std::path::{Path, PathBuf};

use scs_core::{Corpus, Document, STANDARDS_DIR};
use scs_repository::{Repository, discover};

use crate::cli::{ReviewArgs, ReviewFormat};
use crate::{ExitCode, Failure};

pub fn run(args: &ReviewArgs, cwd: &Path, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    let paths: Vec<PathBuf> = args.path.iter().cloned().collect();
    let target =
        discover::targets(&paths, cwd)?.into_iter().next().ok_or_else(|| Failure::Usage("no repository".into()))?;
    let repository = Repository::open(cwd.join(&target.root), args.config.as_deref().map(|c| cwd.join(c)).as_deref())?;
    let head = repository.load()?;
    let documents = scs_history::documents_at(&repository.root, &args.base, repository.max_file_size())?;
    let base = Corpus::from_documents(
        repository.root.clone(),
        documents
            .into_iter()
            .map(|(name, bytes)| Document::parse(format!("{STANDARDS_DIR}/{name}"), name, bytes))
            .collect(),
    )
    // Links to other files of the repository are judged by the same listing on both sides.
    .with_files(head.files().clone());
    let today = scs_repository::today(args.today.as_deref())?;
    let review = scs_review::Review::of(&args.base, &base, &head, &repository.config.settings, &today.to_string());
    let text = match args.format {
        ReviewFormat::Markdown => review.to_markdown(),
        ReviewFormat::Json => serde_json::to_string_pretty(&review).map_err(|e| Failure::Output(e.into()))? + "\n",
    };
    stdout.write_all(text.as_bytes()).map_err(Failure::Output)?;
    Ok(ExitCode::Clean)
}

//! `scs number`: a proposal gets the next free number of its track; it and its supplements are
//! renamed, and every reference to them in front matter follows.

use scs_core::{Corpus, DocKind, DocNumber, Document};

use crate::lifecycle::{AuthorError, referenced};
use crate::plan::{Edits, Plan};

/// The next number of `track`'s range (`0t00`–`0t99`) after the highest one in use.
pub fn next_number(corpus: &Corpus, track: scs_core::Track) -> Result<u16, AuthorError> {
    let first = track.digit() * 100;
    let used = corpus
        .documents
        .iter()
        .filter_map(|d| d.name.as_ref().ok()?.id.number.assigned())
        .filter(|n| (first..first + 100).contains(n))
        .max();
    match used {
        None => Ok(first),
        Some(n) if n < first + 99 => Ok(n + 1),
        Some(_) => Err(AuthorError::Invalid(format!(
            "the numbers of the track {track} ({first:04}–{:04}) are used up",
            first + 99
        ))),
    }
}

/// Plans numbering `doc`, a proposal (`scs-xxxx-v1-…`).
pub fn number(corpus: &Corpus, doc: &Document) -> Result<(u16, Plan), AuthorError> {
    let Ok(name) = &doc.name else { return Err(AuthorError::Invalid(format!("{} has no valid name", doc.file_name))) };
    if !name.is_proposal() || name.id.kind != DocKind::Major {
        return Err(AuthorError::Invalid(format!("{} is not a proposal (`scs-xxxx-v1-…`)", doc.file_name)));
    }
    let track = doc.track().ok_or_else(|| AuthorError::Invalid(format!("{} has no valid track", doc.file_name)))?;
    let number = next_number(corpus, track)?;
    // The proposal and the supplements that name it, renamed to the new number.
    let mut renamed: Vec<(&Document, String)> =
        vec![(doc, format!("scs-{number:04}-{}", &doc.file_name["scs-xxxx-".len()..]))];
    for supplement in corpus.documents.iter().filter(|d| {
        d.name.as_ref().is_ok_and(|n| n.id.kind == DocKind::Supplement && n.id.number == DocNumber::Unassigned)
            && referenced(corpus, d, "supplements").iter().any(|s| s.path == doc.path)
    }) {
        renamed.push((supplement, format!("scs-{number:04}-{}", &supplement.file_name["scs-xxxx-".len()..])));
    }
    let mut edits = Edits::new();
    for other in &corpus.documents {
        for (old, new) in &renamed {
            if other.front_matter.is_some() {
                edits.of(other).rename_reference(&old.file_name, new);
            }
        }
    }
    let mut plan = edits.into_plan()?;
    // Changes are keyed by the new paths, since renames are applied first.
    for (old, new) in &renamed {
        let from = old.path.clone();
        let to = format!("{}/{new}", scs_core::STANDARDS_DIR);
        if let Some(text) = plan.changes.remove(&from) {
            plan.changes.insert(to.clone(), text);
        }
        plan.renames.push((from, to));
    }
    Ok((number, plan))
}

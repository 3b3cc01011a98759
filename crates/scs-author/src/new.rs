//! `scs new`: a document with the front matter and sections SCS-0001 requires for its type.

use scs_core::{Corpus, DocKind, DocNumber, DocType, Document, Track};

use crate::lifecycle::AuthorError;
use crate::plan::Plan;

/// What the author asks for.
pub struct NewDocument<'a> {
    pub doc_type: DocType,
    pub track: Option<Track>,
    pub title: String,
    /// A new major version of this document.
    pub supersedes: Option<&'a Document>,
    /// A supplement of this document.
    pub supplements: Option<&'a Document>,
}

/// The slugified title of SCS-0001: lower-case ASCII letters, digits and single hyphens,
/// starting with a letter where the title allows.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

fn sections(doc_type: DocType) -> &'static [(&'static str, &'static str)] {
    match doc_type {
        DocType::Standard => &[
            ("Introduction", "What this standard is about, and links to related material."),
            ("Motivation", "Why it is needed."),
            ("Decision", "The standard itself: what implementations MUST, SHOULD and MAY do."),
            ("Conformance Tests", "How conformance is tested."),
        ],
        DocType::DecisionRecord => &[
            ("Abstract", "A brief introduction to the topic."),
            ("Context", "The issue that motivates this decision."),
            ("Decision", "The decision, and the reasons for it."),
            ("Consequences", "What follows from the decision."),
        ],
        DocType::Procedural => &[("Introduction", "What this procedure is for."), ("Procedure", "The process itself.")],
        DocType::Supplement => {
            &[("Introduction", "What this supplement adds to the standard."), ("Notes", "The notes.")]
        }
    }
}

/// Plans the new file; refuses what SCS-0001 does not allow.
pub fn new_document(corpus: &Corpus, spec: &NewDocument) -> Result<Plan, AuthorError> {
    let slug = slugify(&spec.title);
    if slug.is_empty() {
        return Err(AuthorError::Invalid(format!(
            "the title `{}` gives no slug (it needs ASCII letters or digits)",
            spec.title
        )));
    }
    let base = spec.supersedes.or(spec.supplements);
    let base_id = match base {
        Some(doc) => Some(
            doc.name.as_ref().map_err(|_| AuthorError::Invalid(format!("{} has no valid name", doc.file_name)))?.id,
        ),
        None => None,
    };
    let track = match (spec.track, base.and_then(Document::track)) {
        (Some(t), Some(b)) if t != b => {
            return Err(AuthorError::Invalid(format!(
                "--track {t} differs from the track {b} of the document it builds on"
            )));
        }
        (Some(t), _) | (None, Some(t)) => t,
        (None, None) => return Err(AuthorError::Invalid(
            "--track is needed for a document that builds on no other (with --supersedes or --supplements it is that document's track)".into(),
        )),
    };
    let (file_name, reference) = match (spec.supersedes, spec.supplements) {
        (Some(_), Some(_)) => {
            return Err(AuthorError::Invalid("--supersedes and --supplements exclude each other".into()));
        }
        (Some(old), None) => {
            let id = base_id.ok_or_else(|| AuthorError::Invalid("no id".into()))?;
            if id.kind != DocKind::Major || id.number == DocNumber::Unassigned {
                return Err(AuthorError::Invalid(format!(
                    "{id} is not an accepted major version that can be superseded"
                )));
            }
            let version = id.version.number().unwrap_or(0) + 1;
            (format!("scs-{}-v{version}-{slug}.md", id.number), Some(("replaces", old.file_name.clone())))
        }
        (None, Some(main)) => {
            let id = base_id.ok_or_else(|| AuthorError::Invalid("no id".into()))?;
            if spec.doc_type != DocType::Supplement {
                return Err(AuthorError::Invalid("--supplements makes a supplement: use --type supplement".into()));
            }
            let next = corpus
                .documents
                .iter()
                .filter_map(|d| d.name.as_ref().ok())
                .filter(|n| n.id.number == id.number && n.id.kind == DocKind::Supplement)
                .filter_map(|n| n.id.version.number())
                .max()
                .unwrap_or(0)
                + 1;
            (format!("scs-{}-w{next}-{slug}.md", id.number), Some(("supplements", main.file_name.clone())))
        }
        (None, None) if spec.doc_type == DocType::Supplement => {
            return Err(AuthorError::Invalid(
                "a supplement names the document it supplements: --supplements scs-NNNN-vN".into(),
            ));
        }
        (None, None) => (format!("scs-xxxx-v1-{slug}.md"), None),
    };
    let path = format!("{}/{file_name}", scs_core::STANDARDS_DIR);
    if corpus.by_file_name(&file_name).is_some() {
        return Err(AuthorError::Invalid(format!("{path} exists already")));
    }
    let mut text =
        format!("---\ntitle: {}\ntype: {}\n", serde_json::to_string(&spec.title).unwrap_or_default(), spec.doc_type);
    if spec.doc_type != DocType::Supplement {
        text.push_str("status: Draft\n");
    }
    text.push_str(&format!("track: {track}\n"));
    if let Some((key, target)) = reference {
        text.push_str(&format!("{key}:\n  - {target}\n"));
    }
    text.push_str("---\n");
    for (heading, hint) in sections(spec.doc_type) {
        text.push_str(&format!("\n## {heading}\n\n{hint}\n"));
    }
    let mut plan = Plan::default();
    plan.created.insert(path, text);
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("SCS Flavor Naming: v2 (draft)!"), "scs-flavor-naming-v2-draft");
        assert_eq!(slugify("  Größe -- of  things "), "gr-e-of-things");
        assert_eq!(slugify("—"), "");
    }
}

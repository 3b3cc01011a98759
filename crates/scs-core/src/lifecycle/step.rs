//! The steps of SCS-0001's process that a change makes to one document: a document before (at
//! the base, in the parent commit) and after (at the head, in the commit), either absent.

use serde::Serialize;

use crate::document::Document;
use crate::model::{DocType, Status, Track};
use crate::name::{DocName, DocNumber, DocVersion};

/// One step of SCS-0001's process. A change can make several (a numbered proposal that is
/// also edited; a renamed document whose `type` changed); [`steps`] lists them in this order:
/// the name, the status, the metadata, the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// A new proposal: its number is not assigned yet (`scs-xxxx-…`, `scs-XXXX-…`, `scs-01xx-…`).
    Proposed { status: Option<String> },
    /// A new document that has its number from the start (SCS-0001: "Upon acceptance … a
    /// number is assigned … before the merge").
    Added { status: Option<String> },
    /// A new major version of a number (`v2` and later, or `replaces` set).
    NewMajorVersion { replaces: Vec<String> },
    /// A new supplement (`wN`, `type: Supplement` or `supplements`).
    NewSupplement { supplements: Vec<String> },
    /// The proposal got its number (`scs-xxxx-…` → `scs-0123-…`).
    Numbered { from: String },
    /// An accepted document moved to another number or version.
    Renumbered { from: String },
    /// The same document id under another slug.
    Renamed { from: String },
    /// → Stable.
    Stabilized { stabilized_at: Option<String> },
    /// → Deprecated.
    Deprecated { deprecated_at: Option<String>, replaced_by: Vec<String> },
    /// → Rejected.
    Rejected { rejected_at: Option<String>, replaced_by: Vec<String> },
    /// Any other change of `status`.
    StatusChanged { from: Option<String>, to: Option<String> },
    /// `type` or `track` changed.
    MetadataChanged { key: String, from: Option<String>, to: Option<String> },
    /// The text of a Stable document changed, its status did not.
    StableEdit,
    /// The text of a Draft changed.
    DraftEdit,
    /// The text of another document changed (a supplement, a Deprecated or Rejected document,
    /// one without a valid status).
    Edited { status: Option<String> },
    /// The file left `Standards/`.
    Removed,
    /// A template (`scs-XXXX-vN-…`) changed: not an SCS document, no step of the process.
    Template,
}

/// What a file name says a file is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    /// `vN`/`wN`: a template.
    Template,
    /// The number is not four digits (`xxxx`, `XXXX`, `01xx`): a proposal.
    Proposal,
    /// A valid name with its number.
    Numbered(DocName),
    /// Anything else.
    Other,
}

fn named(file_name: &str) -> Named {
    if let Ok(name) = DocName::parse(file_name) {
        return match (name.id.version, name.id.number) {
            (DocVersion::Placeholder, _) => Named::Template,
            (_, DocNumber::Unassigned) => Named::Proposal,
            _ => Named::Numbered(name),
        };
    }
    // `scs-01xx-v1-…`: a proposal whose track digits are chosen, which the strict name parser
    // refuses; its version part decides whether it is a template.
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let parts: Vec<&str> = stem.splitn(4, '-').collect();
    match parts.as_slice() {
        ["scs", number, version, _] if number.len() == 4 && number.bytes().any(|b| b.eq_ignore_ascii_case(&b'x')) => {
            if version.len() == 2 && version[1..].eq_ignore_ascii_case("n") {
                Named::Template
            } else {
                Named::Proposal
            }
        }
        _ => Named::Other,
    }
}

/// Whether `doc` is a template rather than a document.
pub(crate) fn is_template(doc: &Document) -> bool {
    named(&doc.file_name) == Named::Template
}

/// `status`, with SCS-0001's old `Proposal` read as `Draft`.
fn status(doc: &Document) -> Option<Status> {
    doc.status().map(|s| if s == Status::Proposal { Status::Draft } else { s })
}

fn status_text(doc: &Document) -> Option<String> {
    match status(doc) {
        Some(s) => Some(s.to_string()),
        None => doc.scalar("status").filter(|s| !s.is_empty()).map(str::to_owned),
    }
}

fn list(doc: &Document, key: &str) -> Vec<String> {
    doc.entry(key).map(|e| e.value.items().into_iter().map(|(s, _)| s.to_owned()).collect()).unwrap_or_default()
}

fn text(doc: &Document, key: &str) -> Option<String> {
    doc.scalar(key).filter(|s| !s.is_empty()).map(str::to_owned)
}

fn is_supplement(doc: &Document) -> bool {
    matches!(named(&doc.file_name), Named::Numbered(n) if n.id.kind == crate::name::DocKind::Supplement)
        || doc.doc_type() == Some(DocType::Supplement)
        || doc.entry("supplements").is_some()
}

fn body(doc: &Document) -> &[u8] {
    doc.text.as_bytes().get(doc.body_start..).unwrap_or_default()
}

/// The steps from `before` (`None`: the document is new) to `after` (`None`: removed). An
/// unchanged document makes none.
pub fn steps(before: Option<&Document>, after: Option<&Document>) -> Vec<Step> {
    match (before, after) {
        (None, None) => Vec::new(),
        (Some(before), None) => vec![if is_template(before) { Step::Template } else { Step::Removed }],
        (None, Some(after)) => vec![added(after)],
        (Some(before), Some(after)) => changed(before, after),
    }
}

fn added(after: &Document) -> Step {
    let named = named(&after.file_name);
    if named == Named::Template {
        return Step::Template;
    }
    if is_supplement(after) {
        return Step::NewSupplement { supplements: list(after, "supplements") };
    }
    let replaces = list(after, "replaces");
    match named {
        Named::Proposal => Step::Proposed { status: status_text(after) },
        Named::Numbered(name) if !replaces.is_empty() || name.id.version.number().is_some_and(|v| v > 1) => {
            Step::NewMajorVersion { replaces }
        }
        _ => Step::Added { status: status_text(after) },
    }
}

fn changed(before: &Document, after: &Document) -> Vec<Step> {
    if before.text == after.text && before.file_name == after.file_name {
        return Vec::new();
    }
    let (was, is) = (named(&before.file_name), named(&after.file_name));
    if is == Named::Template || (was == Named::Template && before.file_name == after.file_name) {
        return vec![Step::Template];
    }
    if was == Named::Template {
        return vec![added(after)];
    }
    let mut out = Vec::new();
    if before.file_name != after.file_name {
        let from = before.file_name.clone();
        out.push(match (&was, &is) {
            (Named::Proposal, Named::Numbered(_)) => Step::Numbered { from },
            (Named::Numbered(a), Named::Numbered(b)) if a.id != b.id => Step::Renumbered { from },
            _ => Step::Renamed { from },
        });
    }
    let (from, to) = (status(before), status(after));
    let status_step = from != to;
    if status_step {
        out.push(match to {
            Some(Status::Stable) => Step::Stabilized { stabilized_at: text(after, "stabilized_at") },
            Some(Status::Deprecated) => Step::Deprecated {
                deprecated_at: text(after, "deprecated_at"),
                replaced_by: list(after, "replaced_by"),
            },
            Some(Status::Rejected) => {
                Step::Rejected { rejected_at: text(after, "rejected_at"), replaced_by: list(after, "replaced_by") }
            }
            _ => Step::StatusChanged { from: status_text(before), to: status_text(after) },
        });
    }
    for key in ["type", "track"] {
        let (old, new) = (text(before, key), text(after, key));
        if old != new {
            out.push(Step::MetadataChanged { key: key.to_owned(), from: old, to: new });
        }
    }
    let front_matter_changed = before.text.as_bytes().get(..before.body_start).unwrap_or_default()
        != after.text.as_bytes().get(..after.body_start).unwrap_or_default();
    let edited = body(before) != body(after) || (front_matter_changed && out.is_empty());
    if edited && !status_step {
        out.push(match to {
            Some(Status::Stable) => Step::StableEdit,
            Some(Status::Draft) => Step::DraftEdit,
            _ if is_supplement(after) => Step::Edited { status: None },
            _ => Step::Edited { status: status_text(after) },
        });
    }
    out
}

impl Step {
    /// Whether the step moves the document in SCS-0001's process, or changes a Stable
    /// document: the steps the meeting decides and "since the last meeting" lists. An edit of
    /// a Draft, of a supplement or of a template is not one.
    pub fn is_lifecycle(&self) -> bool {
        !matches!(self, Step::DraftEdit | Step::Edited { .. } | Step::Template)
    }

    /// The step in words, for a table cell or a heading (names in backticks).
    pub fn describe(&self) -> String {
        let names = |l: &[String]| l.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        let or = |value: &Option<String>, none: &str| value.clone().unwrap_or_else(|| none.to_owned());
        match self {
            Step::Proposed { status } => format!("new proposal ({})", or(status, "no status")),
            Step::Added { status } => format!("new document, numbered from the start ({})", or(status, "no status")),
            Step::NewMajorVersion { replaces } if replaces.is_empty() => {
                "new major version (`replaces` names no document)".into()
            }
            Step::NewMajorVersion { replaces } => format!("new major version, replacing {}", names(replaces)),
            Step::NewSupplement { supplements } if supplements.is_empty() => "new supplement".into(),
            Step::NewSupplement { supplements } => format!("new supplement of {}", names(supplements)),
            Step::Numbered { from } => format!("numbered (was `{from}`)"),
            Step::Renumbered { from } => format!("renumbered (was `{from}`)"),
            Step::Renamed { from } => format!("renamed (was `{from}`)"),
            Step::Stabilized { stabilized_at } => {
                format!("stabilized (→ Stable from {})", or(stabilized_at, "no date"))
            }
            Step::Deprecated { deprecated_at, replaced_by } => {
                let by = if replaced_by.is_empty() {
                    "no replacement named".into()
                } else {
                    format!("replaced by {}", names(replaced_by))
                };
                format!("deprecated (from {}, {by})", or(deprecated_at, "no date"))
            }
            Step::Rejected { rejected_at, replaced_by } => {
                let mut text = format!("rejected ({}", or(rejected_at, "no date"));
                if !replaced_by.is_empty() {
                    text.push_str(&format!(", replaced by {}", names(replaced_by)));
                }
                text + ")"
            }
            Step::StatusChanged { from, to } => format!("status {} → {}", or(from, "none"), or(to, "none")),
            Step::MetadataChanged { key, from, to } => {
                format!("`{key}` {} → {}", or(from, "none"), or(to, "none"))
            }
            Step::StableEdit => "edit of a Stable document".into(),
            Step::DraftEdit => "edit of a Draft".into(),
            Step::Edited { status: None } => "edit (no status: a supplement)".into(),
            Step::Edited { status: Some(status) } => format!("edit ({status})"),
            Step::Removed => "removed".into(),
            Step::Template => "template changed (not an SCS document)".into(),
        }
    }

    /// What SCS-0001 requires for this step of a document of `doc_type` in `track`, in its
    /// own words where it has them; a Global document adds the Forum's approval.
    pub fn requirements(&self, doc_type: Option<DocType>, track: Option<Track>) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = match self {
            Step::Proposed { .. } => vec![
                "the pull request adds exactly one SCS document (plus supplements), in `Standards/`",
                "\"The metadata MUST indicate the intended `track` and `type` of the document, and the `status` MUST be set to `Draft`\"",
                "upon acceptance \"a number is assigned (the next unused number) and the proposer is asked to rename the file to replace the `xxxx` with that number before the merge\"",
            ],
            Step::Added { .. } => vec![
                "the number was assigned on acceptance (a proposal is `scs-xxxx-…` until then)",
                "\"The metadata MUST indicate the intended `track` and `type` of the document, and the `status` MUST be set to `Draft`\" (\"Documents on the `Design Record` track MAY be proposed or accepted directly into `Stable` state, if no further discussion is required\")",
            ],
            Step::NewMajorVersion { .. } => vec![
                "\"The document number MUST be the same as the document it is updating, and the major version number MUST be incremented by 1\"",
                "\"It MUST refer to the old document in its `replaces` metadata\"",
                "\"The pull request SHOULD NOT modify the previous document\" (its deprecation and `replaced_by` are a separate step, once the new one is Stable)",
                "\"the new document starts out in `Draft` state\"",
            ],
            Step::NewSupplement { .. } => {
                vec!["\"the `supplements` field MUST be set to a list of documents\"; a supplement has no `status`"]
            }
            Step::Numbered { .. } => vec![
                "the number is \"the next unused number\" of the track",
                "\"The slugified title MUST NOT be changed after the acceptance of the document into the repository\": the slug stays the proposal's from now on",
            ],
            Step::Renumbered { .. } => vec![
                "the number was assigned on acceptance: references by id (`replaces`, `replaced_by`, `supplements`, certificate scopes) and links must follow the new name",
            ],
            Step::Renamed { .. } => vec![
                "\"The slugified title MUST NOT be changed after the acceptance of the document into the repository\" (a proposal not yet accepted may be renamed)",
            ],
            Step::Stabilized { .. } => {
                let mut list = vec![
                    "\"the field `stabilized_at` MUST be added and set to a date after which the document is to be considered stable\"",
                ];
                if doc_type == Some(DocType::Standard) {
                    list.extend([
                        "\"the corresponding conformance tests have been implemented according to the general guidelines\"",
                        "\"they have been shown to work with the reference implementation\"",
                        "\"they are documented in the standard or one of its `Supplement` documents\"",
                    ]);
                }
                list
            }
            Step::Deprecated { .. } => vec![
                "\"Deprecations SHOULD be announced ahead of their execution by setting the `deprecated_at` field to a future date\"",
                "\"If one or more replacement documents for the document exists, it MUST be listed in the `replaced_by` metadata field\"",
            ],
            Step::Rejected { .. } => vec![
                "`rejected_at` is set to the day of the rejection",
                "replacements, if any, are listed in `replaced_by`",
            ],
            Step::StableEdit => vec![
                "\"After stabilization, changes to the document which may render existing implementations non-conformant MUST NOT be made\" (a breaking change needs a new major version)",
            ],
            Step::MetadataChanged { .. } => vec![
                "\"The metadata MUST indicate the intended `track` and `type` of the document\": the track's digit in the number and who decides follow `track`",
            ],
            Step::Removed => vec!["documents leave the corpus as Deprecated or Rejected, not by removal"],
            Step::StatusChanged { .. } | Step::DraftEdit | Step::Edited { .. } | Step::Template => Vec::new(),
        };
        if track == Some(Track::Global) && *self != Step::Template {
            out.push("\"Any pull request affecting a document in the Global track MUST NOT be merged unless approved by a representative of the Forum SCS-Standards\"");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(file_name: &str, front: &str, body: &str) -> Document {
        let text = format!("---\n{front}---\n{body}");
        Document::parse(format!("Standards/{file_name}"), file_name.to_owned(), text.into_bytes())
    }

    const DRAFT: &str = "type: Standard\nstatus: Draft\ntrack: IaaS\n";
    const STABLE: &str = "type: Standard\nstatus: Stable\ntrack: IaaS\nstabilized_at: 2026-01-01\n";

    #[test]
    fn new_files_by_their_names() {
        let step = |name: &str, front: &str| steps(None, Some(&doc(name, front, "# T\n")));
        assert_eq!(step("scs-xxxx-v1-a.md", DRAFT), [Step::Proposed { status: Some("Draft".into()) }]);
        assert_eq!(step("scs-XXXX-v1-a.md", DRAFT), [Step::Proposed { status: Some("Draft".into()) }]);
        assert_eq!(step("scs-01xx-v1-a.md", DRAFT), [Step::Proposed { status: Some("Draft".into()) }]);
        assert_eq!(step("scs-0130-v1-a.md", DRAFT), [Step::Added { status: Some("Draft".into()) }]);
        assert_eq!(step("scs-XXXX-vN-standard-template.md", DRAFT), [Step::Template]);
        assert_eq!(step("scs-0100-v2-a.md", DRAFT), [Step::NewMajorVersion { replaces: vec![] }]);
        assert_eq!(
            step("scs-0100-v2-a.md", &format!("{DRAFT}replaces: scs-0100-v1-a.md\n")),
            [Step::NewMajorVersion { replaces: vec!["scs-0100-v1-a.md".into()] }]
        );
        assert_eq!(
            step("scs-0100-w1-a.md", "type: Supplement\nsupplements:\n  - scs-0100-v1-a.md\n"),
            [Step::NewSupplement { supplements: vec!["scs-0100-v1-a.md".into()] }]
        );
    }

    #[test]
    fn names_status_metadata_and_text() {
        let d = |name: &str, front: &str, body: &str| doc(name, front, body);
        let numbered = steps(Some(&d("scs-xxxx-v1-a.md", DRAFT, "x")), Some(&d("scs-0130-v1-a.md", DRAFT, "x")));
        assert_eq!(numbered, [Step::Numbered { from: "scs-xxxx-v1-a.md".into() }]);
        let renumbered = steps(Some(&d("scs-0212-v1-a.md", DRAFT, "x")), Some(&d("scs-0218-v1-a.md", DRAFT, "x")));
        assert_eq!(renumbered, [Step::Renumbered { from: "scs-0212-v1-a.md".into() }]);
        let renamed = steps(Some(&d("scs-0217-v1-a.md", STABLE, "x")), Some(&d("scs-0217-v1-b.md", STABLE, "y")));
        assert_eq!(renamed, [Step::Renamed { from: "scs-0217-v1-a.md".into() }, Step::StableEdit]);
        let stabilized = steps(Some(&d("scs-0100-v1-a.md", DRAFT, "x")), Some(&d("scs-0100-v1-a.md", STABLE, "y")));
        assert_eq!(stabilized, [Step::Stabilized { stabilized_at: Some("2026-01-01".into()) }]);
        let retyped = STABLE.replace("type: Standard", "type: Procedural");
        let types = steps(Some(&d("scs-0100-v1-a.md", STABLE, "x")), Some(&d("scs-0100-v1-a.md", &retyped, "x")));
        assert_eq!(
            types,
            [Step::MetadataChanged {
                key: "type".into(),
                from: Some("Standard".into()),
                to: Some("Procedural".into())
            }]
        );
        let draft_edit = steps(Some(&d("scs-0100-v1-a.md", DRAFT, "x")), Some(&d("scs-0100-v1-a.md", DRAFT, "y")));
        assert_eq!(draft_edit, [Step::DraftEdit]);
        assert!(!Step::DraftEdit.is_lifecycle() && Step::StableEdit.is_lifecycle());
        let same = d("scs-0100-v1-a.md", DRAFT, "x");
        assert_eq!(steps(Some(&same), Some(&same)), []);
        let template = d("scs-XXXX-vN-standard-template.md", DRAFT, "x");
        assert_eq!(steps(Some(&template), None), [Step::Template]);
        assert_eq!(steps(Some(&same), None), [Step::Removed]);
    }

    #[test]
    fn proposal_is_draft_and_global_needs_the_forum() {
        let old = doc("scs-0001-v1-a.md", "status: Proposal\ntrack: Global\n", "x");
        let new = doc("scs-0001-v1-a.md", "status: Draft\ntrack: Global\n", "y");
        assert_eq!(steps(Some(&old), Some(&new)), [Step::DraftEdit]);
        let global = Step::DraftEdit.requirements(None, Some(Track::Global));
        assert!(global.iter().any(|r| r.contains("Forum SCS-Standards")), "{global:?}");
        let standard = Step::Stabilized { stabilized_at: None }.requirements(Some(DocType::Standard), None);
        assert_eq!(standard.len(), 4);
    }
}

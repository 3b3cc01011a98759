//! File names of SCS documents: `scs-NNNN-vN-slug.md` (SCS-0001 "Document format").

use std::fmt;

/// The number part: assigned (`0100`) or not yet (`xxxx`, a proposal or template).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocNumber {
    Assigned(u16),
    Unassigned,
}

impl DocNumber {
    pub fn assigned(self) -> Option<u16> {
        match self {
            DocNumber::Assigned(n) => Some(n),
            DocNumber::Unassigned => None,
        }
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocNumber::Assigned(n) => write!(f, "{n:04}"),
            DocNumber::Unassigned => f.write_str("xxxx"),
        }
    }
}

/// `v`: a major version of a document; `w`: a supplement to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Major,
    Supplement,
}

impl DocKind {
    pub const fn letter(self) -> char {
        match self {
            DocKind::Major => 'v',
            DocKind::Supplement => 'w',
        }
    }
}

/// The version after `v`/`w`: a positive number, or the placeholder `N` of the templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocVersion {
    Number(u32),
    Placeholder,
}

impl DocVersion {
    pub fn number(self) -> Option<u32> {
        match self {
            DocVersion::Number(n) => Some(n),
            DocVersion::Placeholder => None,
        }
    }
}

impl fmt::Display for DocVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocVersion::Number(n) => write!(f, "{n}"),
            DocVersion::Placeholder => f.write_str("N"),
        }
    }
}

/// What identifies a document regardless of its slug: `scs-0100-v3`, `scs-0100-w1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId {
    pub number: DocNumber,
    pub kind: DocKind,
    pub version: DocVersion,
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "scs-{}-{}{}", self.number, self.kind.letter(), self.version)
    }
}

/// A parsed document file name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocName {
    pub id: DocId,
    /// The number part as written (`0100`, `xxxx`, `XXXX`).
    pub number_text: String,
    /// Everything between the version and `.md`; may itself contain hyphens.
    pub slug: String,
}

impl DocName {
    /// Parses `scs-NNNN-vN-slug.md`; every problem found is returned, not only the first.
    pub fn parse(file_name: &str) -> Result<Self, Vec<NameProblem>> {
        let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
        let parts: Vec<&str> = stem.splitn(4, '-').collect();
        if parts.len() < 4 || parts[0] != "scs" {
            return Err(vec![NameProblem::TooFewParts]);
        }
        let mut problems = Vec::new();
        let number = parse_number(parts[1]);
        if number.is_none() {
            problems.push(NameProblem::BadNumber(parts[1].to_owned()));
        }
        let version = parse_version(parts[2]);
        if version.is_none() {
            problems.push(NameProblem::BadVersion(parts[2].to_owned()));
        }
        match (number, version) {
            (Some(number), Some((kind, version))) if problems.is_empty() => Ok(DocName {
                id: DocId { number, kind, version },
                number_text: parts[1].to_owned(),
                slug: parts[3].to_owned(),
            }),
            _ => Err(problems),
        }
    }

    /// A template (`scs-XXXX-vN-…`): its version is the placeholder `N`.
    pub fn is_template(&self) -> bool {
        self.id.version == DocVersion::Placeholder
    }

    /// A proposal: its number is not assigned yet (`xxxx`), and it is not a template.
    pub fn is_proposal(&self) -> bool {
        self.id.number == DocNumber::Unassigned && !self.is_template()
    }
}

fn parse_number(text: &str) -> Option<DocNumber> {
    if text.len() != 4 {
        return None;
    }
    if text.eq_ignore_ascii_case("xxxx") {
        return Some(DocNumber::Unassigned);
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok().map(DocNumber::Assigned);
    }
    None
}

fn parse_version(text: &str) -> Option<(DocKind, DocVersion)> {
    let kind = match text.as_bytes().first() {
        Some(b'v') => DocKind::Major,
        Some(b'w') => DocKind::Supplement,
        _ => return None,
    };
    let rest = &text[1..];
    if rest.eq_ignore_ascii_case("n") {
        return Some((kind, DocVersion::Placeholder));
    }
    if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
        return rest.parse().ok().map(|n| (kind, DocVersion::Number(n)));
    }
    None
}

/// The name `file_name` (`scs-NNNN-vN-slug.md`) had as a proposal: `scs-xxxx-vN-slug.md`.
pub fn proposal_name(file_name: &str) -> Option<String> {
    let rest = file_name.strip_prefix("scs-")?.split_once('-')?.1;
    Some(format!("scs-xxxx-{rest}"))
}

/// What is wrong with a file name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum NameProblem {
    #[error("the file name must have at least four parts separated by `-`: `scs-NNNN-vN-slug.md`")]
    TooFewParts,
    #[error("the document number must be four digits (`NNNN`) or `xxxx`, found `{0}`")]
    BadNumber(String),
    #[error("the version must be `vN` or `wN` with a number N, found `{0}`")]
    BadVersion(String),
}

impl DocId {
    /// The id a file name gives a numbered document: none for a proposal (`xxxx`) or a
    /// template (`vN`), whose names say nothing of identity. The base name of a path is read.
    pub fn numbered(file_name: &str) -> Option<Self> {
        let name = DocName::parse(file_name.rsplit('/').next().unwrap_or(file_name)).ok()?;
        (name.id.number != DocNumber::Unassigned && !name.is_template()).then_some(name.id)
    }

    /// Parses an id or a file name (`scs-0100-v3`, `scs-0100-v3-flavor-naming.md`).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.strip_suffix(".md").unwrap_or(text);
        let mut parts = text.splitn(4, '-');
        if parts.next()? != "scs" {
            return None;
        }
        let number = parse_number(parts.next()?)?;
        let (kind, version) = parse_version(parts.next()?)?;
        Some(DocId { number, kind, version })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(name: &str) -> DocName {
        DocName::parse(name).unwrap_or_else(|e| panic!("{name}: {e:?}"))
    }

    #[test]
    fn parses_the_parts() {
        let n = ok("scs-0100-v3-flavor-naming.md");
        assert_eq!(n.id.to_string(), "scs-0100-v3");
        assert_eq!(n.slug, "flavor-naming");
        assert_eq!(n.id.kind, DocKind::Major);
        let w = ok("scs-0100-w12-impl.md");
        assert_eq!(w.id.kind, DocKind::Supplement);
        assert_eq!(w.id.version, DocVersion::Number(12));
    }

    #[test]
    fn proposals_and_templates() {
        let p = ok("scs-xxxx-v1-new-thing.md");
        assert!(p.is_proposal());
        let t = ok("scs-XXXX-vN-standard-template.md");
        assert!(t.is_template());
        assert!(!t.is_proposal());
        assert_eq!(t.number_text, "XXXX");
    }

    #[test]
    fn slug_may_be_empty_or_hyphenated() {
        assert_eq!(ok("scs-0001-v1-.md").slug, "");
        assert_eq!(ok("scs-0001-v1-a-b-c.md").slug, "a-b-c");
    }

    #[test]
    fn reports_every_problem() {
        assert_eq!(DocName::parse("scs-0100-v1.md"), Err(vec![NameProblem::TooFewParts]));
        assert_eq!(
            DocName::parse("scs-100-x1-a.md"),
            Err(vec![NameProblem::BadNumber("100".into()), NameProblem::BadVersion("x1".into())])
        );
        assert_eq!(DocName::parse("scs-0100-v-a.md"), Err(vec![NameProblem::BadVersion("v".into())]));
        assert_eq!(DocName::parse("scs-01ä0-v1-a.md"), Err(vec![NameProblem::BadNumber("01ä0".into())]));
        assert_eq!(
            DocName::parse("scs-0100-v99999999999-a.md"),
            Err(vec![NameProblem::BadVersion("v99999999999".into())])
        );
    }

    #[test]
    fn doc_id_from_id_or_file_name() {
        assert_eq!(DocId::parse("scs-0100-v3").map(|i| i.to_string()).as_deref(), Some("scs-0100-v3"));
        assert_eq!(DocId::parse("scs-0100-w1-x.md").map(|i| i.to_string()).as_deref(), Some("scs-0100-w1"));
        assert_eq!(DocId::parse("Image-Metadata-Spec.md"), None);
    }
}

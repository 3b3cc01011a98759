//! Who decides a document's steps, and what entering a status requires (SCS-0001, "Procedure").

use serde::Serialize;

use super::Step;
use crate::model::{DocType, Status, Track};

/// The group that decides the steps of a track's documents: a short name for a table and
/// SCS-0001's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deciders {
    pub short: String,
    pub words: String,
}

/// SCS-0001: "All decisions for phase transitions follow loose consensus, where the group
/// which has to form the consensus depends on the `track` of the document". `track` as written
/// (an invalid one names no group).
pub fn deciders(track: Option<&str>) -> Deciders {
    let (short, words): (&str, String) = match track.and_then(Track::parse) {
        Some(Track::IaaS) => ("the IaaS team", "the team working on infrastructure-as-a-service topics".into()),
        Some(Track::KaaS) => ("the KaaS team", "the team working on Kubernetes-as-a-service topics".into()),
        Some(Track::Ops) => ("the Ops team", "the team working on operations topics".into()),
        Some(Track::Iam) => ("the IAM team", "the team working on identity and access management topics".into()),
        Some(Track::Global) => (
            "the SCS community and the Forum SCS-Standards (its approval before merge)",
            "the SCS community, as defined in SCS-0005, as well as the Forum SCS-Standards; a representative of the Forum SCS-Standards must approve before merge".into(),
        ),
        Some(Track::Scopes) => (
            "the SIG Standardization/Certification (no group is named for Scopes)",
            "SCS-0001 names no group for the Scopes track and SCS-0003 names none either; \"the SIG Standardization/Certification can take decisions on behalf of such a team\"".into(),
        ),
        None => match track {
            Some(other) if !other.is_empty() => (
                "no group: the track is not one of SCS-0001's",
                format!("the track `{other}` names no group in SCS-0001; the SIG Standardization/Certification can decide for it"),
            ),
            _ => ("no group: no `track`", "no `track`: SCS-0001 ties the decision to the track".into()),
        },
    };
    Deciders { short: short.to_owned(), words }
}

/// What SCS-0001 asks for moving a document of `doc_type` in `track` to `status`: the
/// requirements of the matching [`Step`].
pub fn requirements_for_status(status: Status, doc_type: Option<DocType>, track: Option<Track>) -> Vec<&'static str> {
    let step = match status {
        Status::Stable => Step::Stabilized { stabilized_at: None },
        Status::Deprecated => Step::Deprecated { deprecated_at: None, replaced_by: Vec::new() },
        Status::Rejected => Step::Rejected { rejected_at: None, replaced_by: Vec::new() },
        Status::Draft | Status::Proposal => Step::DraftEdit,
    };
    step.requirements(doc_type, track)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_group_per_track() {
        assert_eq!(deciders(Some("IaaS")).short, "the IaaS team");
        assert!(deciders(Some("Global")).words.contains("SCS-0005"));
        assert!(deciders(Some("Scopes")).words.contains("SCS-0003"));
        assert!(deciders(Some("Storage")).words.contains("`Storage`"));
        assert!(deciders(None).short.contains("no `track`"));
        assert_eq!(requirements_for_status(Status::Stable, Some(DocType::Standard), None).len(), 4);
    }
}

//! Who decides and what SCS-0001 asks of each step, in its own words.

use crate::Transition;

/// SCS-0001, "Procedure": "the group which has to form the consensus depends on the `track`".
pub fn deciders(track: Option<&str>) -> String {
    match track {
        Some("IaaS") => "the team working on infrastructure-as-a-service topics".into(),
        Some("KaaS") => "the team working on Kubernetes-as-a-service topics".into(),
        Some("Ops") => "the team working on operations topics".into(),
        Some("IAM") => "the team working on identity and access management topics".into(),
        Some("Global") => "the SCS community (SCS-0005) and the Forum SCS-Standards; a representative of the Forum SCS-Standards must approve before merge".into(),
        Some(other) => format!("the `{other}` track names no group in SCS-0001; the SIG Standardization/Certification can decide for it"),
        None => "no `track`: SCS-0001 ties the decision to the track".into(),
    }
}

/// The conditions SCS-0001 sets for `transition` of a document of `doc_type` in `track`.
pub fn of(transition: &Transition, doc_type: Option<&str>, track: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = match transition {
        Transition::Proposed { .. } => vec![
            "the pull request adds exactly one SCS document (plus supplements), in `Standards/`".into(),
            "the file name has `xxxx` for the number until the number is assigned, and major version 1".into(),
            "`track` and `type` are set and `status` is `Draft`".into(),
            "the number replaces `xxxx` before the merge (`scs number`)".into(),
        ],
        Transition::NewMajorVersion { .. } => vec![
            "the same number as the document it updates, the major version incremented by 1".into(),
            "`replaces` names the old document".into(),
            "the old document is not modified in this pull request (its deprecation and `replaced_by` are a separate step, once the new one is Stable)".into(),
            "the new document starts as `Draft`".into(),
        ],
        Transition::Added { .. } => vec![
            "the number was assigned to this document (a proposal is written `scs-xxxx-…` until then)".into(),
            "`track` and `type` are set and `status` is `Draft` (SCS-0001: only \"documents on the `Design Record` track MAY be proposed or accepted directly into `Stable` state, if no further discussion is required\")".into(),
        ],
        Transition::NewSupplement => vec!["`supplements` names the documents it supplements; it has no `status`".into()],
        Transition::Numbered => vec!["the slug is the proposal's: it must not change after acceptance".into()],
        Transition::Stabilized { .. } => {
            let mut list = vec!["`stabilized_at` is set to the date after which the document is stable".into()];
            if doc_type == Some("Standard") {
                list.extend([
                    "the corresponding conformance tests have been implemented according to the general guidelines".to_owned(),
                    "they have been shown to work with the reference implementation".to_owned(),
                    "they are documented in the standard or one of its Supplement documents".to_owned(),
                ]);
            }
            list
        }
        Transition::Deprecated { .. } => vec![
            "`deprecated_at` is set, announced ahead of its execution (a future date) where possible".into(),
            "every replacement document is listed in `replaced_by`".into(),
        ],
        Transition::Rejected { .. } => vec![
            "`rejected_at` is set".into(),
            "every replacement document is listed in `replaced_by`".into(),
        ],
        Transition::Edited { status: Some(status) } if status == "Stable" => vec![
            "no change that may render existing implementations non-conformant (a breaking change needs a new major version)".into(),
        ],
        Transition::Removed => vec!["documents leave the corpus by Deprecated or Rejected, not by removal".into()],
        _ => Vec::new(),
    };
    if track == Some("Global") {
        out.push("approved by a representative of the Forum SCS-Standards before merge".into());
    }
    out
}

//! `proposal-version`: a proposal (`scs-xxxx-…`) is a major version 1 in status Draft.

use scs_core::{DocKind, DocVersion, Document, Status};

use crate::declare_rules;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub ProposalVersion {
        id: "proposal-version",
        severity: Error,
        kinds: [document],
        groups: [],
        summary: "A proposal (`scs-xxxx-…`) that is not `v1` or not a Draft",
        explanation: r#"SCS-0001 ("Proposal of a new document"): "In the proposal phase, the document number
MUST be replaced with `xxxx` in the file name … The major version MUST be 1", and "the
`status` MUST be set to `Draft`". A proposal gets its number when it is accepted, and only
then can it move on. The templates `scs-XXXX-vN-…` are not proposals and are not checked.

Fails: `scs-xxxx-v2-new-idea.md`, or `scs-xxxx-v1-new-idea.md` with `status: Stable`.
Passes: `scs-xxxx-v1-new-idea.md` with `status: Draft`."#,
    }
}

impl DocumentRule for ProposalVersion {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        let Ok(name) = &doc.name else { return };
        if !name.is_proposal() || name.id.kind != DocKind::Major {
            return;
        }
        if name.id.version != DocVersion::Number(1) {
            out.report(doc, None, format!("a proposal is version 1, but this is `v{}`", name.id.version))
                .help("name a new document `scs-xxxx-v1-slug.md`; a new major version of an accepted document keeps its number");
        }
        if let (Some(status), Some(entry)) = (doc.status(), doc.entry("status"))
            && !matches!(status, Status::Draft | Status::Proposal)
        {
            out.report(doc, Some(entry.value.span), format!("a proposal is a Draft, but its status is `{status}`"))
                .help("set `status: Draft`; the document gets its number when the track accepts it, and is stabilized later");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn bad_proposals() {
        insta::assert_snapshot!(check_rule("proposal-version", &[
            ("scs-xxxx-v2-a.md", b"---\nstatus: Draft\n---\n"),
            ("scs-xxxx-v1-b.md", b"---\nstatus: Stable\n---\n"),
        ]), @r"
        Standards/scs-xxxx-v1-b.md:2:9: error[proposal-version] a proposal is a Draft, but its status is `Stable`
          help: set `status: Draft`; the document gets its number when the track accepts it, and is stabilized later
        Standards/scs-xxxx-v2-a.md:1:1: error[proposal-version] a proposal is version 1, but this is `v2`
          help: name a new document `scs-xxxx-v1-slug.md`; a new major version of an accepted document keeps its number
        ");
    }

    #[test]
    fn good_proposals_and_templates() {
        assert_eq!(
            check_rule(
                "proposal-version",
                &[
                    ("scs-xxxx-v1-a.md", b"---\nstatus: Draft\n---\n"),
                    ("scs-xxxx-w1-a.md", b"---\ntype: Supplement\n---\n"),
                    ("scs-XXXX-vN-template.md", b"---\nstatus: Draft\n---\n"),
                    ("scs-0100-v2-a.md", b"---\nstatus: Stable\n---\n"),
                ]
            ),
            ""
        );
    }
}

//! Lifecycle steps on small corpora: allowed steps as minimal edits (comments, key order and
//! formatting survive), refused steps with their reasons.

use scs_author::lifecycle::{deprecate, reject, stabilize};
use scs_core::{Corpus, Document};

fn corpus(files: &[(&str, &str)]) -> Corpus {
    Corpus::from_documents(
        "repo".into(),
        files
            .iter()
            .map(|(n, t)| Document::parse(format!("Standards/{n}"), (*n).into(), t.as_bytes().to_vec()))
            .collect(),
    )
}

fn date(s: &str) -> jiff::civil::Date {
    s.parse().expect("date")
}

const OLD: &str = "---\n# the first version\ntitle: \"Flavors, v1\"   # quoted on purpose\ntype: Standard\ntrack: IaaS\nstatus: Stable\n\nstabilized_at: 2024-01-01\n---\nBody.\n";
const NEW: &str = "---\ntitle: Flavors, v2\ntype: Standard\nstatus: Draft # to be stabilized\ntrack: IaaS\nreplaces: [scs-0100-v1-flavors.md]\n---\nBody.\n";

#[test]
fn stabilize_and_deprecate_the_replaced_keep_comments_and_order() {
    let c = corpus(&[("scs-0100-v1-flavors.md", OLD), ("scs-0100-v2-flavors.md", NEW)]);
    let new = c.by_file_name("scs-0100-v2-flavors.md").expect("doc");
    let plan = stabilize(&c, new, date("2026-12-01"), true).expect("allowed");
    insta::assert_snapshot!(plan.changes.iter().map(|(p, t)| format!("== {p}\n{t}")).collect::<String>(), @r#"
    == Standards/scs-0100-v1-flavors.md
    ---
    # the first version
    title: "Flavors, v1"   # quoted on purpose
    type: Standard
    track: IaaS
    status: Deprecated

    stabilized_at: 2024-01-01
    deprecated_at: 2026-12-01
    replaced_by:
      - scs-0100-v2-flavors.md
    ---
    Body.
    == Standards/scs-0100-v2-flavors.md
    ---
    title: Flavors, v2
    type: Standard
    status: Stable # to be stabilized
    track: IaaS
    replaces: [scs-0100-v1-flavors.md]
    stabilized_at: 2026-12-01
    ---
    Body.
    "#);
}

#[test]
fn deprecate_completes_both_ends_and_reject_edits_in_place() {
    let stable_new = NEW
        .replace("status: Draft # to be stabilized", "status: Stable\nstabilized_at: 2026-01-01")
        .replace("replaces: [scs-0100-v1-flavors.md]\n", "");
    let c = corpus(&[("scs-0100-v1-flavors.md", OLD), ("scs-0100-v2-flavors.md", &stable_new)]);
    let old = c.by_file_name("scs-0100-v1-flavors.md").expect("doc");
    let new = c.by_file_name("scs-0100-v2-flavors.md").expect("doc");
    let plan = deprecate(&c, old, date("2026-12-01"), &[new]).expect("allowed");
    let v2 = &plan.changes["Standards/scs-0100-v2-flavors.md"];
    assert!(v2.contains("replaces:\n  - scs-0100-v1-flavors.md\n"), "{v2}");
    assert!(plan.changes["Standards/scs-0100-v1-flavors.md"].contains("replaced_by:\n  - scs-0100-v2-flavors.md"));

    let c = corpus(&[("scs-0100-v2-flavors.md", NEW)]);
    let plan = reject(c.by_file_name("scs-0100-v2-flavors.md").expect("doc"), date("2026-12-02")).expect("allowed");
    assert_eq!(
        plan.changes["Standards/scs-0100-v2-flavors.md"],
        NEW.replace("status: Draft", "status: Rejected").replace(
            "replaces: [scs-0100-v1-flavors.md]\n",
            "replaces: [scs-0100-v1-flavors.md]\nrejected_at: 2026-12-02\n"
        )
    );
}

#[test]
fn steps_scs_0001_does_not_have_are_refused() {
    let rejected = NEW.replace("status: Draft # to be stabilized", "status: Rejected\nrejected_at: 2026-01-01");
    let deprecated = OLD.replace("status: Stable", "status: Deprecated\ndeprecated_at: 2025-01-01");
    let c = corpus(&[
        ("scs-0100-v1-flavors.md", OLD),
        ("scs-0100-v2-flavors.md", NEW),
        ("scs-0101-v1-rejected.md", &rejected),
        ("scs-0102-v1-deprecated.md", &deprecated),
        ("scs-xxxx-v1-proposal.md", NEW),
        ("scs-0100-w1-notes.md", "---\ntitle: N\ntype: Supplement\ntrack: IaaS\n---\n"),
    ]);
    let doc = |n: &str| c.by_file_name(n).expect("doc");
    let d = date("2026-12-01");
    let refusals = [
        stabilize(&c, doc("scs-0101-v1-rejected.md"), d, false).map(|_| ()),
        stabilize(&c, doc("scs-0100-v1-flavors.md"), d, false).map(|_| ()),
        stabilize(&c, doc("scs-0102-v1-deprecated.md"), d, false).map(|_| ()),
        stabilize(&c, doc("scs-xxxx-v1-proposal.md"), d, false).map(|_| ()),
        stabilize(&c, doc("scs-0100-w1-notes.md"), d, false).map(|_| ()),
        deprecate(&c, doc("scs-0100-v2-flavors.md"), d, &[]).map(|_| ()),
        deprecate(&c, doc("scs-0101-v1-rejected.md"), d, &[]).map(|_| ()),
        deprecate(&c, doc("scs-0100-v1-flavors.md"), d, &[doc("scs-0100-v2-flavors.md")]).map(|_| ()),
        reject(doc("scs-0100-v1-flavors.md"), d).map(|_| ()),
        reject(doc("scs-0102-v1-deprecated.md"), d).map(|_| ()),
    ];
    let messages: Vec<String> = refusals.into_iter().map(|r| r.expect_err("refused").to_string()).collect();
    insta::assert_snapshot!(messages.join("\n"), @r"
    scs-0101-v1 cannot become Stable: Rejected → Stable is not a step of SCS-0001
    scs-0100-v1 cannot become Stable: it is Stable already
    scs-0102-v1 cannot become Stable: a Deprecated document does not return; write a new major version
    scs-xxxx-v1 cannot become Stable: a proposal gets its number first (`scs number`)
    scs-0100-w1 cannot become Stable: supplements have no lifecycle (SCS-0001: they stay informative drafts)
    scs-0100-v2 cannot become Deprecated: a Draft was never in effect; reject it instead (`scs reject`)
    scs-0101-v1 cannot become Deprecated: Rejected → Deprecated is not a step of SCS-0001
    scs-0100-v1 cannot become Deprecated: its replacement scs-0100-v2 is not Stable yet (SCS-0001: deprecation follows stabilization)
    scs-0100-v1 cannot become Rejected: Stable → Rejected is not a step of SCS-0001 (only a Draft is rejected)
    scs-0102-v1 cannot become Rejected: Deprecated → Rejected is not a step of SCS-0001 (only a Draft is rejected)
    ");
}

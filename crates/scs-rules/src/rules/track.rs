//! `invalid-track`: a document's `track` is one of SCS-0001's tracks.

use scs_core::{Document, Track};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

const CHOICES: &[&str] = &[
    Track::Global.as_str(),
    Track::IaaS.as_str(),
    Track::KaaS.as_str(),
    Track::Iam.as_str(),
    Track::Ops.as_str(),
    Track::Scopes.as_str(),
];

declare_rules! {
    pub InvalidTrack {
        id: "invalid-track",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A `v` document whose `track` is missing or not Global, IaaS, KaaS, IAM, Ops or Scopes",
        explanation: r#"The `track` names the group that decides about the document (SCS-0001,
"Process") and the docs-site section it appears in. It is one of `Global`, `IaaS`,
`KaaS`, `IAM`, `Ops` and `Scopes` (the certificate scopes of SCS-0003), spelled exactly so.

Fails:
```yaml
track: Kubernetes
```
Passes:
```yaml
track: KaaS
```"#,
    }
}

impl DocumentRule for InvalidTrack {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if facts::is_major_with_front_matter(doc) {
            facts::report_choice(doc, "track", CHOICES, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn bad_track() {
        insta::assert_snapshot!(check_rule("invalid-track", &[
            ("scs-0001-v1-a.md", b"---\ntrack: iaas\n---\n"),
            ("scs-0002-v1-b.md", b"---\ntrack:\n  Global: yes\n---\n"),
        ]), @r"
        Standards/scs-0001-v1-a.md:2:8: error[invalid-track] track must be one of `Global`, `IaaS`, `KaaS`, `IAM`, `Ops`, `Scopes`, found `iaas`
          help: did you mean `IaaS`?
        Standards/scs-0002-v1-b.md:3:3: error[invalid-track] track must be one of `Global`, `IaaS`, `KaaS`, `IAM`, `Ops`, `Scopes`, found a mapping
        ");
    }

    #[test]
    fn good_tracks() {
        assert_eq!(
            check_rule(
                "invalid-track",
                &[
                    ("scs-0501-v1-a.md", b"---\ntrack: Scopes\n---\n"),
                    ("scs-0301-v1-b.md", b"---\ntrack: IAM # identity\n---\n"),
                ]
            ),
            ""
        );
    }
}

//! `track-number`: the second digit of the number names the document's track.

use scs_core::{Document, Track};

use crate::declare_rules;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub TrackNumber {
        id: "track-number",
        severity: Error,
        kinds: [document],
        groups: [],
        summary: "A document number whose second digit does not match its `track`",
        explanation: r#"SCS-0001 ("Document format"): "The second digit in `XXXX` describes the track where
the document belongs": 0 Global, 1 IaaS, 2 KaaS, 3 IAM, 4 Ops, 5 Scopes. A number from
another track's range puts the document in the wrong list and collides with that track's
numbering.

Fails: `scs-0215-v1-….md` with `track: IaaS`.
Passes: `scs-0115-v1-….md` with `track: IaaS`."#,
    }
}

impl DocumentRule for TrackNumber {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        let (Ok(name), Some(track), Some(entry)) = (&doc.name, doc.track(), doc.entry("track")) else { return };
        let Some(number) = name.id.number.assigned() else { return };
        if track.digit() == (number / 100) % 10 {
            return;
        }
        let expected = Track::of_number(number).map_or_else(
            || format!("no track has the digit {}", (number / 100) % 10),
            |t| format!("the number {number:04} belongs to the track {t}"),
        );
        out.report(doc, Some(entry.value.span), format!("track is `{track}` but {expected}")).help(format!(
            "{track} documents are numbered `x{}xx`; fix the track, or renumber the document if it is not accepted yet",
            track.digit()
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn mismatch() {
        insta::assert_snapshot!(check_rule("track-number", &[
            ("scs-0215-v1-a.md", b"---\ntrack: IaaS\n---\n"),
            ("scs-0915-v1-b.md", b"---\ntrack: Ops\n---\n"),
        ]), @r"
        Standards/scs-0215-v1-a.md:2:8: error[track-number] track is `IaaS` but the number 0215 belongs to the track KaaS
          help: IaaS documents are numbered `x1xx`; fix the track, or renumber the document if it is not accepted yet
        Standards/scs-0915-v1-b.md:2:8: error[track-number] track is `Ops` but no track has the digit 9
          help: Ops documents are numbered `x4xx`; fix the track, or renumber the document if it is not accepted yet
        ");
    }

    #[test]
    fn matching_or_unnumbered() {
        assert_eq!(
            check_rule(
                "track-number",
                &[
                    ("scs-0115-v1-a.md", b"---\ntrack: IaaS\n---\n"),
                    ("scs-0115-w1-a.md", b"---\ntrack: IaaS\n---\n"),
                    ("scs-0501-v1-a.md", b"---\ntrack: Scopes\n---\n"),
                    ("scs-xxxx-v1-a.md", b"---\ntrack: KaaS\n---\n"),
                ]
            ),
            ""
        );
    }
}

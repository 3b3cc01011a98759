//! `file-name`: the file name follows `scs-NNNN-vN-slug.md`.

use scs_core::Document;

use crate::declare_rules;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub FileName {
        id: "file-name",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A document file name that does not follow `scs-NNNN-vN-slug.md`",
        explanation: r#"SCS-0001 ("Document format") names every document `scs-XXXX-vN-T.md`: the
zero-padded four-digit number (or `xxxx` while it is a proposal), `v` and the major
version (`w` and a number for a supplement), and the slugified title. Tools, the docs
site and every cross-reference rely on this shape.

Fails: `scs-100-v1-flavor-naming.md` (three digits), `scs-0100-1-flavor-naming.md`
(no `v`), `scs-0100-v1.md` (no slug).
Passes: `scs-0100-v1-flavor-naming.md`, `scs-0100-w1-implementation.md`,
`scs-xxxx-v1-new-idea.md`."#,
    }
}

impl DocumentRule for FileName {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        if let Err(problems) = &doc.name {
            for problem in problems {
                out.report(doc, None, problem.to_string())
                    .help("name documents `scs-NNNN-vN-slug.md` (supplements `scs-NNNN-wN-slug.md`, proposals `scs-xxxx-v1-slug.md`)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    const FM: &[u8] = b"---\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n";

    #[test]
    fn bad_names() {
        insta::assert_snapshot!(check_rule("file-name", &[
            ("scs-0100-v1.md", FM),
            ("scs-100-x1-flavors.md", FM),
            ("scs-0100-vN2-flavors.md", FM),
        ]), @r"
        Standards/scs-0100-v1.md:1:1: error[file-name] the file name must have at least four parts separated by `-`: `scs-NNNN-vN-slug.md`
          help: name documents `scs-NNNN-vN-slug.md` (supplements `scs-NNNN-wN-slug.md`, proposals `scs-xxxx-v1-slug.md`)
        Standards/scs-0100-vN2-flavors.md:1:1: error[file-name] the version must be `vN` or `wN` with a number N, found `vN2`
          help: name documents `scs-NNNN-vN-slug.md` (supplements `scs-NNNN-wN-slug.md`, proposals `scs-xxxx-v1-slug.md`)
        Standards/scs-100-x1-flavors.md:1:1: error[file-name] the document number must be four digits (`NNNN`) or `xxxx`, found `100`
          help: name documents `scs-NNNN-vN-slug.md` (supplements `scs-NNNN-wN-slug.md`, proposals `scs-xxxx-v1-slug.md`)
        Standards/scs-100-x1-flavors.md:1:1: error[file-name] the version must be `vN` or `wN` with a number N, found `x1`
          help: name documents `scs-NNNN-vN-slug.md` (supplements `scs-NNNN-wN-slug.md`, proposals `scs-xxxx-v1-slug.md`)
        ");
    }

    #[test]
    fn good_names() {
        assert_eq!(
            check_rule(
                "file-name",
                &[
                    ("scs-0100-v1-flavors.md", FM),
                    ("scs-0100-w1-flavors-notes.md", FM),
                    ("scs-xxxx-v1-new.md", FM),
                    ("scs-XXXX-vN-template.md", FM),
                ]
            ),
            ""
        );
    }
}

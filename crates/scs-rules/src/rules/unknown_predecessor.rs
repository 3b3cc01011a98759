//! `unknown-predecessor`: the `replaces` of a first version names a file that exists.

use scs_core::{Document, STANDARDS_DIR};

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub UnknownPredecessor {
        id: "unknown-predecessor",
        severity: Error,
        kinds: [document],
        groups: [LIFECYCLE],
        summary: "`replaces` of a first version naming a file that exists nowhere in `Standards/`",
        explanation: r#"SCS-0001: a document that replaces another "MUST refer to the old document" in
`replaces`. A first version (`scs-NNNN-v1-…`) may replace a document from before the SCS
naming scheme, so its entries need not be SCS documents (`unknown-document`, which mirrors
`chk_adrs.py`, leaves them alone); but the old document must still be there for readers to
find. An entry that names no file of `Standards/` refers to nothing.

Fails (no such file in `Standards/`):
```yaml
replaces:
  - Image-Metadata-Spec.md
```
Passes: the same entry with `Standards/Image-Metadata-Spec.md` in the repository, or an
entry naming an SCS document."#,
    }
}

impl DocumentRule for UnknownPredecessor {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        if !facts::is_major_with_front_matter(doc) || facts::major_version(doc) != Some(1) {
            return;
        }
        let Some(entry) = doc.entry("replaces") else { return };
        for (name, span) in entry.value.items() {
            let name = name.trim();
            if name.is_empty() || cx.corpus.by_file_name(name).is_some() {
                continue;
            }
            // Only a plain file name of Standards/ is looked up: nothing outside is touched.
            let plain = !name.contains(['/', '\\']) && name != "." && name != "..";
            if plain && cx.corpus.path_exists(&format!("{STANDARDS_DIR}/{name}")) {
                continue;
            }
            out.report(doc, Some(span), format!("replaces names `{name}`, which is no file of {STANDARDS_DIR}/"))
                .help("name the old document's file as it is in Standards/, or remove the entry if there is none");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn first_versions_name_existing_predecessors() {
        insta::assert_snapshot!(check_rule("unknown-predecessor", &[
            ("scs-0102-v1-a.md", b"---\nstatus: Draft\nreplaces: Image-Metadata-Spec.md\n---\n"),
            ("scs-0103-v1-b.md", b"---\nstatus: Draft\nreplaces:\n  - scs-0102-v1-a.md\n  - ../../etc/passwd\n---\n"),
            ("scs-0104-v2-c.md", b"---\nstatus: Draft\nreplaces: [gone.md]\n---\n"),
        ]), @"
        Standards/scs-0102-v1-a.md:3:11: error[unknown-predecessor] replaces names `Image-Metadata-Spec.md`, which is no file of Standards/
          help: name the old document's file as it is in Standards/, or remove the entry if there is none
        Standards/scs-0103-v1-b.md:5:5: error[unknown-predecessor] replaces names `../../etc/passwd`, which is no file of Standards/
          help: name the old document's file as it is in Standards/, or remove the entry if there is none
        ");
    }
}

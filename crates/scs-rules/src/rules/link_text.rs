//! `link-text-mismatch`: a link whose text names a document leads to that document.

use std::sync::LazyLock;

use regex::Regex;
use scs_core::{DocKind, DocNumber, Document};

use crate::declare_rules;
use crate::links::{self, Target};
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub LinkTextMismatch {
        id: "link-text-mismatch",
        severity: Warning,
        kinds: [document],
        groups: [LINKS],
        summary: "A link whose text names one document (`scs-0101-v1`) but which leads to another",
        explanation: r#"Readers trust the text of a link. When it names a document, such as `SCS-0101` or
`scs-0102-v2`, the link must lead to that document (any version of it when the text names
no version). A mismatch is usually a copy-paste slip in a list of standards, as in the
certificate-scope documents.

Fails: `[scs-0101-v1](https://docs.scs.community/standards/scs-0102-v1-image-metadata)`.
Passes: `[scs-0102-v1](https://docs.scs.community/standards/scs-0102-v1-image-metadata)`."#,
    }
}

/// A document named in link text: its number and, if given, its kind and version.
struct Named {
    text: String,
    number: u16,
    version: Option<(DocKind, u32)>,
}

/// A document id in text: `SCS-0100`, `scs-0100-v3`, `scs-0100-w1` (not inside a longer word).
static DOC_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bscs-([0-9]{4})(?:-([vw])([0-9]+))?\b").expect("a valid regular expression"));

/// The one document a link text names; none if it names several different ones.
fn named(text: &str) -> Option<Named> {
    let mut found: Option<Named> = None;
    for caps in DOC_ID.captures_iter(text) {
        let number: u16 = caps[1].parse().ok()?;
        let version = match (caps.get(2), caps.get(3).and_then(|n| n.as_str().parse().ok())) {
            (Some(kind), Some(n)) => {
                Some((if kind.as_str().eq_ignore_ascii_case("w") { DocKind::Supplement } else { DocKind::Major }, n))
            }
            _ => None,
        };
        match &found {
            Some(f) if f.number != number || (f.version.is_some() && version.is_some() && f.version != version) => {
                return None;
            }
            Some(_) => {}
            None => found = Some(Named { text: text.to_owned(), number, version }),
        }
    }
    found
}

impl DocumentRule for LinkTextMismatch {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        for link in &doc.body.links {
            let Some(named) = named(&link.text) else { continue };
            let (number, version, target_name) =
                match links::resolve(cx.corpus, cx.settings, &doc.path, &link.destination) {
                    Target::Document { doc: target, .. } => {
                        let Ok(name) = &target.name else { continue };
                        let DocNumber::Assigned(n) = name.id.number else { continue };
                        (n, name.id.version.number().map(|v| (name.id.kind, v)), name.id.to_string())
                    }
                    Target::TrackPage { number: Some(n), .. } => (n, None, format!("scs-{n:04}")),
                    _ => continue,
                };
            let version_differs = matches!((named.version, version), (Some(a), Some(b)) if a != b);
            if named.number != number || version_differs {
                out.report(
                    doc,
                    Some(link.span),
                    format!(
                        "the link text `{}` names another document than the target {target_name}",
                        named.text.trim()
                    ),
                )
                .help("make the text and the target name the same document");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn mismatch() {
        insta::assert_snapshot!(check_rule("link-text-mismatch", &[
            ("scs-0102-v1-image-metadata.md", b"---\ntrack: IaaS\n---\n"),
            ("scs-0501-v1-a.md", b"---\n---\n[scs-0101-v1](https://docs.scs.community/standards/scs-0102-v1-image-metadata)\n[SCS-0102 v1](scs-0102-v1-image-metadata.md) [scs-0102-v2](scs-0102-v1-image-metadata.md)\n"),
        ]), @"
        Standards/scs-0501-v1-a.md:3:1: warning[link-text-mismatch] the link text `scs-0101-v1` names another document than the target scs-0102-v1
          help: make the text and the target name the same document
        Standards/scs-0501-v1-a.md:4:46: warning[link-text-mismatch] the link text `scs-0102-v2` names another document than the target scs-0102-v1
          help: make the text and the target name the same document
        ");
    }

    #[test]
    fn agreeing_or_not_naming() {
        assert_eq!(check_rule("link-text-mismatch", &[
            ("scs-0102-v1-image-metadata.md", b"---\ntrack: IaaS\n---\n"),
            ("scs-0501-v1-a.md", b"---\n---\n[SCS-0102](scs-0102-v1-image-metadata.md) [image metadata](scs-0102-v1-image-metadata.md)\n[scs-0102-v1 scs-0103-v1](scs-0102-v1-image-metadata.md) [scs-01023](scs-0102-v1-image-metadata.md)\n[Scs-0102-V1, the metadata](scs-0102-v1-image-metadata.md)\n"),
        ]), "");
    }
}

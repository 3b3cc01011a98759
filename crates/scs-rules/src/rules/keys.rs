//! `unknown-key` and `legacy-key`: front-matter keys that SCS-0001 and the docs site do not use.

use scs_core::Document;

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub UnknownKey {
        id: "unknown-key",
        severity: Warning,
        kinds: [document],
        groups: [],
        summary: "A front-matter key that SCS-0001 does not define (often a typo such as `stablized_at`)",
        explanation: r#"SCS-0001's metadata table defines `type`, `status`, `track`, `supplements`,
`stabilized_at`, `deprecated_at`, `rejected_at`, `replaces` and `replaced_by`; the docs
site also reads `title` and `description` (and Docusaurus' `sidebar_label`,
`sidebar_position`, `tags`, `keywords`). Any other key is ignored by every tool, so a
misspelt key silently loses its value: `stablized_at` leaves the document without a
stabilization date.

Fails:
```yaml
stablized_at: 2024-11-13
```
Passes:
```yaml
stabilized_at: 2024-11-13
```"#,
    }

    pub LegacyKey {
        id: "legacy-key",
        severity: Info,
        kinds: [document],
        groups: [],
        summary: "A front-matter key that earlier documents carry and SCS-0001 does not define (`authors`, `version`, `state`, `enhances`)",
        explanation: r#"Older SCS documents carry keys that the current SCS-0001 does not have:
`authors`, `version` and `state` from the earlier document format, and `enhances`, which a
few documents used after SCS-0001 without any SCS text defining it. They do no harm, but no
tool reads them; the history of a document is in git, and relations between documents are
`replaces` and `supplements`.

Fails:
```yaml
version: 2022-09-08-002
authors: A. Author
```
Passes: the same front matter without those keys."#,
    }
}

pub use scs_core::model::METADATA_KEYS as SCS_0001_KEYS;
use scs_core::model::SITE_KEYS;

const LEGACY_KEYS: &[&str] = &["authors", "version", "state", "enhances"];

impl DocumentRule for UnknownKey {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        let Some(fm) = &doc.front_matter else { return };
        for entry in &fm.entries {
            let key = entry.key.as_str();
            if SCS_0001_KEYS.contains(&key) || SITE_KEYS.contains(&key) || LEGACY_KEYS.contains(&key) {
                continue;
            }
            let known = SCS_0001_KEYS.iter().chain(SITE_KEYS).copied();
            let d = out.report(doc, Some(entry.key_span), format!("unknown key `{key}`"));
            match facts::suggest(key, known) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help("SCS-0001 defines type, status, track, supplements, stabilized_at, deprecated_at, rejected_at, replaces and replaced_by; the docs site reads title and description"),
            };
        }
    }
}

impl DocumentRule for LegacyKey {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        let Some(fm) = &doc.front_matter else { return };
        for entry in fm.entries.iter().filter(|e| LEGACY_KEYS.contains(&e.key.as_str())) {
            let (message, help) = match entry.key.as_str() {
                "enhances" => (
                    "`enhances` is defined by no SCS text (SCS-0001 relates documents by `replaces` and `supplements`); no tool reads it".to_owned(),
                    "remove it, or say in the text which document this one builds on",
                ),
                key => (
                    format!("`{key}` is a key of the earlier document format; SCS-0001 does not define it"),
                    "remove it; the document's history is in git",
                ),
            };
            out.report(doc, Some(entry.key_span), message).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    const DOC: &[u8] = b"---\ntitle: X\nstablized_at: 2024-01-01\nauthor: me\nsidebar_label: X\nauthors: A\nenhances: scs-0100-v1-a.md\n---\n";

    #[test]
    fn unknown() {
        insta::assert_snapshot!(check_rule("unknown-key", &[("scs-0100-v1-a.md", DOC)]), @r"
        Standards/scs-0100-v1-a.md:3:1: warning[unknown-key] unknown key `stablized_at`
          help: did you mean `stabilized_at`?
        Standards/scs-0100-v1-a.md:4:1: warning[unknown-key] unknown key `author`
          help: SCS-0001 defines type, status, track, supplements, stabilized_at, deprecated_at, rejected_at, replaces and replaced_by; the docs site reads title and description
        ");
        assert_eq!(
            check_rule(
                "unknown-key",
                &[("scs-0100-v1-a.md", b"---\ntitle: X\ntype: Standard\ndescription: |\n  x\n---\n")]
            ),
            ""
        );
    }

    #[test]
    fn legacy() {
        insta::assert_snapshot!(check_rule("legacy-key", &[("scs-0100-v1-a.md", DOC)]), @"
        Standards/scs-0100-v1-a.md:6:1: info[legacy-key] `authors` is a key of the earlier document format; SCS-0001 does not define it
          help: remove it; the document's history is in git
        Standards/scs-0100-v1-a.md:7:1: info[legacy-key] `enhances` is defined by no SCS text (SCS-0001 relates documents by `replaces` and `supplements`); no tool reads it
          help: remove it, or say in the text which document this one builds on
        ");
        assert_eq!(check_rule("legacy-key", &[("scs-0100-v1-a.md", b"---\ntitle: X\n---\n")]), "");
    }
}

//! `slug-format` and `slug-style`: the slugified title of SCS-0001 "Document format".

use scs_core::Document;

use crate::declare_rules;
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub SlugFormat {
        id: "slug-format",
        severity: Error,
        kinds: [document],
        groups: [],
        summary: "A slug with characters other than lower-case ASCII letters, digits and hyphens, or starting with a hyphen",
        explanation: r#"SCS-0001 ("Document format"): the slugified title "MUST consist only of lower-case
ASCII letters, numbers and hyphens. It MUST NOT start with a hyphen". The slug is part of
the document's canonical URL on the docs site, and it "MUST NOT be changed after the
acceptance of the document", so accepted documents that break this rule keep their name:
record them in a baseline (`scs check --write-baseline`) instead of renaming them.

Fails: `scs-0121-v1-Availability-Zones.md`, `scs-0411-v1-metering_data.md`.
Passes: `scs-0121-v1-availability-zones.md`."#,
    }

    pub SlugStyle {
        id: "slug-style",
        severity: Warning,
        kinds: [document],
        groups: [],
        summary: "A slug that does not start with a letter, or has two hyphens in a row",
        explanation: r#"SCS-0001 ("Document format"): the slug "SHOULD start with a lower-case letter" and
"SHOULD NOT contain more than one subsequent hyphen".

Fails: `scs-0100-v1-2nd-flavors.md`, `scs-0100-v1-flavor--naming.md`.
Passes: `scs-0100-v1-flavor-naming.md`."#,
    }
}

fn slug(doc: &Document) -> Option<&str> {
    let name = doc.name.as_ref().ok()?;
    (!name.is_template()).then_some(name.slug.as_str())
}

impl DocumentRule for SlugFormat {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        let Some(slug) = slug(doc) else { return };
        let bad: String = slug.chars().filter(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')).fold(
            String::new(),
            |mut acc, c| {
                if !acc.contains(c) {
                    acc.push(c);
                }
                acc
            },
        );
        if slug.is_empty() {
            out.report(doc, None, "the slug is empty").help("name the document `scs-NNNN-vN-<slugified-title>.md`");
        } else if !bad.is_empty() {
            let fixed: String = slug.to_lowercase().replace(|c: char| !(c.is_ascii_alphanumeric() || c == '-'), "-");
            out.report(doc, None, format!("the slug `{}` contains {}", slug.escape_debug(), describe(&bad))).help(format!(
                "a slug has only lower-case ASCII letters, digits and hyphens, such as `{fixed}`; an accepted document keeps its name (add it to a baseline)"
            ));
        } else if slug.starts_with('-') {
            out.report(doc, None, format!("the slug `{slug}` starts with a hyphen"));
        }
    }
}

fn describe(chars: &str) -> String {
    let shown: Vec<String> = chars
        .chars()
        .map(|c| match c {
            ' ' => "spaces".to_owned(),
            c => format!("`{}`", c.escape_debug()),
        })
        .collect();
    let upper = chars.chars().any(char::is_uppercase);
    let list = shown.join(", ");
    if upper {
        format!("upper-case or other characters: {list}")
    } else {
        format!("characters that are not allowed: {list}")
    }
}

impl DocumentRule for SlugStyle {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        let Some(slug) = slug(doc) else { return };
        if slug.is_empty() || slug.starts_with('-') {
            return;
        }
        if !slug.starts_with(|c: char| c.is_ascii_lowercase()) && slug.starts_with(|c: char| c.is_ascii_digit()) {
            out.report(doc, None, format!("the slug `{slug}` should start with a lower-case letter"));
        }
        if slug.contains("--") {
            out.report(doc, None, format!("the slug `{slug}` has two hyphens in a row"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    const FM: &[u8] = b"---\ntitle: X\n---\n";

    #[test]
    fn format() {
        insta::assert_snapshot!(check_rule("slug-format", &[
            ("scs-0121-v1-Availability-Zones.md", FM),
            ("scs-0411-v1-metering_data.md", FM),
            ("scs-0412-v1-.md", FM),
            ("scs-0413-v1--x.md", FM),
        ]), @r"
        Standards/scs-0121-v1-Availability-Zones.md:1:1: error[slug-format] the slug `Availability-Zones` contains upper-case or other characters: `A`, `Z`
          help: a slug has only lower-case ASCII letters, digits and hyphens, such as `availability-zones`; an accepted document keeps its name (add it to a baseline)
        Standards/scs-0411-v1-metering_data.md:1:1: error[slug-format] the slug `metering_data` contains characters that are not allowed: `_`
          help: a slug has only lower-case ASCII letters, digits and hyphens, such as `metering-data`; an accepted document keeps its name (add it to a baseline)
        Standards/scs-0412-v1-.md:1:1: error[slug-format] the slug is empty
          help: name the document `scs-NNNN-vN-<slugified-title>.md`
        Standards/scs-0413-v1--x.md:1:1: error[slug-format] the slug `-x` starts with a hyphen
        ");
        assert_eq!(
            check_rule("slug-format", &[("scs-0121-v1-availability-zones-2.md", FM), ("scs-XXXX-vN-Template.md", FM)]),
            ""
        );
    }

    #[test]
    fn style() {
        insta::assert_snapshot!(check_rule("slug-style", &[
            ("scs-0100-v1-2nd-try.md", FM),
            ("scs-0100-v2-flavor--naming.md", FM),
        ]), @r"
        Standards/scs-0100-v1-2nd-try.md:1:1: warning[slug-style] the slug `2nd-try` should start with a lower-case letter
        Standards/scs-0100-v2-flavor--naming.md:1:1: warning[slug-style] the slug `flavor--naming` has two hyphens in a row
        ");
        assert_eq!(check_rule("slug-style", &[("scs-0100-v1-flavor-naming-v2.md", FM)]), "");
    }
}

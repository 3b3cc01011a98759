//! `invalid-date`: `stabilized_at`, `deprecated_at` and `rejected_at` are ISO dates.

use scs_core::Document;

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, DocumentRule, Reporter};

/// The lifecycle dates of SCS-0001's metadata table.
pub use scs_core::model::DATE_KEYS;

declare_rules! {
    pub InvalidDate {
        id: "invalid-date",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A lifecycle date that is not an ISO date `YYYY-MM-DD` of the calendar",
        explanation: r#"SCS-0001 defines `stabilized_at`, `deprecated_at` and `rejected_at` as "ISO
formatted date". The docs site compares them with today's date to decide which version is
in effect, so a value it cannot read (`31.12.2024`, `2024-02-30`, a date with a time)
silently changes what the site shows.

Fails:
```yaml
stabilized_at: 2024-02-30
```
Passes:
```yaml
stabilized_at: 2024-02-29
```"#,
    }
}

impl DocumentRule for InvalidDate {
    fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
        for key in DATE_KEYS {
            let Some(entry) = doc.entry(key) else { continue };
            let problem = match entry.value.as_str() {
                _ if entry.value.is_null() => "is empty".to_owned(),
                Some(text) => match facts::iso_date(text.trim()) {
                    Ok(_) => continue,
                    Err(why) => format!("{} {why}", facts::quote(text)),
                },
                None => format!("is {}", entry.value.describe()),
            };
            out.report(doc, Some(entry.value.span), format!("{key} {problem}"))
                .help(format!("write the date as `{key}: YYYY-MM-DD`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn bad_dates() {
        insta::assert_snapshot!(check_rule("invalid-date", &[
            ("scs-0001-v1-a.md", b"---\nstabilized_at: 2023-02-29\ndeprecated_at: 31.12.2024\nrejected_at:\n---\n"),
            ("scs-0002-v1-b.md", b"---\nstabilized_at: [2023-01-01]\n---\n"),
        ]), @r"
        Standards/scs-0001-v1-a.md:2:16: error[invalid-date] stabilized_at `2023-02-29` is not a day of the calendar (month 2, day 29 of 2023)
          help: write the date as `stabilized_at: YYYY-MM-DD`
        Standards/scs-0001-v1-a.md:3:16: error[invalid-date] deprecated_at `31.12.2024` is not an ISO date `YYYY-MM-DD`
          help: write the date as `deprecated_at: YYYY-MM-DD`
        Standards/scs-0001-v1-a.md:4:13: error[invalid-date] rejected_at is empty
          help: write the date as `rejected_at: YYYY-MM-DD`
        Standards/scs-0002-v1-b.md:2:16: error[invalid-date] stabilized_at is a list
          help: write the date as `stabilized_at: YYYY-MM-DD`
        ");
    }

    #[test]
    fn good_dates() {
        assert_eq!(
            check_rule(
                "invalid-date",
                &[("scs-0001-v1-a.md", b"---\nstabilized_at: 2024-02-29\ndeprecated_at: \"2025-01-01\"\n---\n"),]
            ),
            ""
        );
    }
}

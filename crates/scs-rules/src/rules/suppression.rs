//! Inline suppressions: `<!-- scs-ignore RULE: reason -->` hides one place's findings of RULE.
//! The comment applies to the next line of text; placed at the top of the body (before any
//! other text), it applies to the front matter and to findings about the file as a whole.
//! Suppressions without a reason or for unknown rules, and unused ones, are findings too; the
//! engine applies them after the checks (`crate::suppress`).

use crate::declare_rules;

declare_rules! {
    pub InvalidSuppression {
        id: "invalid-suppression",
        severity: Warning,
        kinds: [engine],
        groups: [],
        summary: "An `scs-ignore` comment without a reason or naming an unknown rule",
        explanation: r#"A finding can be suppressed where it is wrong or accepted, with an HTML comment
on the line before it: `<!-- scs-ignore RULE: reason -->` (several rules separated by
commas). At the top of the body, right after the front matter, the comment covers the
front matter and the file as a whole. The reason is required, so that reviewers can judge
the exception later; a comment without one suppresses nothing.

Fails:
```markdown
<!-- scs-ignore broken-link -->
```
Passes:
```markdown
<!-- scs-ignore broken-link: the target is added by PR #812 -->
```"#,
    }

    pub UnusedSuppression {
        id: "unused-suppression",
        severity: Warning,
        kinds: [engine],
        groups: [],
        summary: "An `scs-ignore` comment that suppresses nothing",
        explanation: r#"A suppression that no longer matches a finding (the problem was fixed, or the
comment moved away from the line it was meant for) hides nothing today but would hide a
future finding at that place. Remove it.

Fails: `<!-- scs-ignore broken-link: … -->` above a line whose links all resolve.
Passes: the same comment above the line with the broken link, or no comment."#,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_all, check_rule};

    const HEAD: &str = "---\ntitle: X\ntype: Procedural\nstatus: Stable\ntrack: Global\n---\n";

    #[test]
    fn suppresses_the_next_line_and_the_head() {
        let doc = format!(
            "{HEAD}<!-- scs-ignore missing-lifecycle-date: stabilized in the minutes of 2024-05-02 -->\n\n## Links\n\n<!-- scs-ignore broken-link: added by the next PR -->\nSee [x](gone.md).\n\nSee [y](gone-too.md).\n"
        );
        let files: &[(&str, &[u8])] = &[("scs-0001-v1-a.md", doc.as_bytes())];
        insta::assert_snapshot!(check_all(files), @"Standards/scs-0001-v1-a.md:14:5: error[broken-link] the link target `gone-too.md` does not exist");
        // Both suppressions are valid and used.
        assert_eq!(check_rule("invalid-suppression", files), "");
        assert_eq!(check_rule("unused-suppression", files), "");
    }

    #[test]
    fn invalid_and_unused_suppressions() {
        let doc = format!(
            "{HEAD}stabilized_at missing\n\n<!-- scs-ignore broken-link -->\n[x](gone.md)\n\n<!-- scs-ignore no-such-rule: because -->\ntext\n\n<!-- scs-ignore broken-anchor: nothing here -->\nplain text\n\n<!-- scs-ignore broken-lnk: typo -->\ntext\n"
        );
        let files: &[(&str, &[u8])] = &[("scs-0001-v1-a.md", doc.as_bytes())];
        insta::assert_snapshot!(check_rule("invalid-suppression", files), @"
        Standards/scs-0001-v1-a.md:9:1: warning[invalid-suppression] this suppression gives no reason, so it suppresses nothing; write `<!-- scs-ignore RULE: reason -->`
        Standards/scs-0001-v1-a.md:12:1: warning[invalid-suppression] there is no rule `no-such-rule` to suppress
        Standards/scs-0001-v1-a.md:18:1: warning[invalid-suppression] there is no rule `broken-lnk` to suppress; did you mean `broken-link`?
        ");
        insta::assert_snapshot!(check_rule("unused-suppression", files), @"Standards/scs-0001-v1-a.md:15:1: warning[unused-suppression] this suppression of broken-anchor matches no finding");
        assert!(check_rule("broken-link", files).contains("gone.md"));
    }

    #[test]
    fn suppressions_of_rules_that_could_not_run_are_not_unused() {
        // The status cannot be read, so link-to-deprecated (Stable documents only) did not run.
        let typo = format!(
            "{}<!-- scs-ignore link-to-deprecated: meant -->\n[old](scs-0002-v1-b.md)\n",
            HEAD.replace("status: Stable", "status: Stabel")
        );
        let old = "---\ntitle: B\ntype: Procedural\nstatus: Deprecated\ntrack: Global\nstabilized_at: 2023-01-01\ndeprecated_at: 2024-01-01\n---\n";
        let files: &[(&str, &[u8])] = &[("scs-0001-v1-a.md", typo.as_bytes()), ("scs-0002-v1-b.md", old.as_bytes())];
        assert_eq!(check_rule("unused-suppression", files), "");
        // The linked document's status cannot be read: the suppression in another file waits too.
        let linking =
            format!("{HEAD}Intro.\n\n<!-- scs-ignore link-to-deprecated: meant -->\n[old](scs-0002-v1-b.md)\n");
        let old_typo = old.replace("Deprecated", "Deprecatd");
        let files: &[(&str, &[u8])] =
            &[("scs-0001-v1-a.md", linking.as_bytes()), ("scs-0002-v1-b.md", old_typo.as_bytes())];
        assert_eq!(check_rule("unused-suppression", files), "");
        // With both readable and the link gone, it is unused.
        let unlinked = format!("{HEAD}Intro.\n\n<!-- scs-ignore link-to-deprecated: meant -->\ntext\n");
        let files: &[(&str, &[u8])] =
            &[("scs-0001-v1-a.md", unlinked.as_bytes()), ("scs-0002-v1-b.md", old.as_bytes())];
        assert!(check_rule("unused-suppression", files).contains("matches no finding"));
    }
}

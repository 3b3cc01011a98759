//! `scope-timeline` and `scope-timeline-order`: the timeline of a certificate scope names its
//! versions, with valid codes, and only stable versions as certifiable.

use std::collections::HashMap;

use scs_core::ScopeFile;

use crate::declare_rules;
use crate::facts;
use crate::rule::{Context, Reporter, ScopeRule};

declare_rules! {
    pub ScopeTimeline {
        id: "scope-timeline",
        severity: Error,
        kinds: [scope],
        groups: [SCOPES],
        summary: "A timeline entry naming an undefined version, an unknown validity code, or an unstable version as effective",
        explanation: r#"SCS-0003 ("Timeline entry"): each entry maps versions to a validity code, one of
`effective`, `warn`, `draft` and `deprecated`. The versions are those of `versions`;
`effective` and `warn` mean the version can be certified against, so it "MUST be stable at
the start of the period": its `stabilized_at` is on or before the entry's `date`.

Fails:
```yaml
timeline:
  - date: 2024-11-01
    versions:
      v5: effective   # v5 has stabilized_at: 2024-12-19
```
Passes: the same entry with `v5: draft`, or dated 2024-12-19 or later."#,
    }

    pub ScopeTimelineOrder {
        id: "scope-timeline-order",
        severity: Warning,
        kinds: [scope],
        groups: [SCOPES],
        summary: "A certificate-scope timeline not sorted by date, newest first",
        explanation: r#"SCS-0003: "The list itself SHOULD be sorted by this date in descending order" (tools
must not depend on it, but people read the newest period first).

Fails: an entry dated 2024-02-28 above one dated 2024-11-26.
Passes: the entry dated 2024-11-26 first."#,
    }
}

const CODES: &[&str] = &["effective", "warn", "draft", "deprecated"];

impl ScopeRule for ScopeTimeline {
    fn check(&self, scope: &ScopeFile, _: Context, out: &mut Reporter) {
        let view = scope.view();
        let stabilized: HashMap<&str, Option<jiff::civil::Date>> = view
            .versions
            .iter()
            .map(|v| (v.version.text, v.stabilized_at.and_then(|s| facts::iso_date(s.text).ok())))
            .collect();
        for entry in &view.timeline {
            let date = entry.date.and_then(|d| facts::iso_date(d.text).ok());
            for (version, code) in &entry.versions {
                let Some(stable_since) = stabilized.get(version.text) else {
                    let d = out.report_path(
                        &scope.path,
                        Some(version.span),
                        format!("the timeline names the version `{}`, which is not defined", version.text),
                    );
                    if let Some(s) = facts::suggest(version.text, stabilized.keys().copied()) {
                        d.help(format!("did you mean `{s}`?"));
                    }
                    continue;
                };
                let Some(code) = code.map(str::trim) else { continue };
                if !CODES.contains(&code) {
                    out.report_path(&scope.path, Some(version.span), format!("`{code}` is not a validity code"))
                        .help("use one of `effective`, `warn`, `draft`, `deprecated`");
                    continue;
                }
                if !matches!(code, "effective" | "warn") {
                    continue;
                }
                let (Some(date), Some(d)) = (date, entry.date) else { continue };
                match stable_since {
                    None => {
                        out.report_path(
                            &scope.path,
                            Some(version.span),
                            format!("version `{}` is `{code}` from {} but has no stabilized_at", version.text, d.text),
                        )
                        .help("a version can be certified against only once it is stable; mark it `draft` until then");
                    }
                    Some(since) if *since > date => {
                        out.report_path(
                            &scope.path,
                            Some(version.span),
                            format!(
                                "version `{}` is `{code}` from {} but only stable from {since}",
                                version.text, d.text
                            ),
                        )
                        .help("a version must be stable at the start of the period in which it is effective");
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

impl ScopeRule for ScopeTimelineOrder {
    fn check(&self, scope: &ScopeFile, _: Context, out: &mut Reporter) {
        let view = scope.view();
        let dated: Vec<_> =
            view.timeline.iter().filter_map(|e| Some((facts::iso_date(e.date?.text).ok()?, e.date?))).collect();
        for pair in dated.windows(2) {
            let ((earlier, _), (later, later_text)) = (pair[0], pair[1]);
            if later > earlier {
                out.report_path(
                    &scope.path,
                    Some(later_text.span),
                    format!("the entry of {later} follows the older entry of {earlier}"),
                )
                .help("sort the timeline by date, newest first");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{corpus_with_scopes, render_rule};

    const SCOPE: &[u8] = b"versions:\n  - version: v1\n    stabilized_at: 2024-02-01\n  - version: v2\ntimeline:\n  - date: 2024-01-01\n    versions:\n      v1: effective\n      v2: warn\n      v3: draft\n      v1: soon\n  - date: 2024-03-01\n    versions:\n      v1: effective\n";

    #[test]
    fn timeline() {
        // duplicate key v1 makes the YAML invalid: use distinct entries instead
        let scope = String::from_utf8_lossy(SCOPE).replace("      v1: soon\n", "");
        let scope = scope.replace("      v3: draft\n", "      v3: draft\n      v4: later\n");
        let corpus = corpus_with_scopes(&[], &[("scs-compatible-x.yaml", scope.as_bytes())]);
        insta::assert_snapshot!(render_rule("scope-timeline", &corpus), @"
        Tests/scs-compatible-x.yaml:8:7: error[scope-timeline] version `v1` is `effective` from 2024-01-01 but only stable from 2024-02-01
          help: a version must be stable at the start of the period in which it is effective
        Tests/scs-compatible-x.yaml:9:7: error[scope-timeline] version `v2` is `warn` from 2024-01-01 but has no stabilized_at
          help: a version can be certified against only once it is stable; mark it `draft` until then
        Tests/scs-compatible-x.yaml:10:7: error[scope-timeline] the timeline names the version `v3`, which is not defined
        Tests/scs-compatible-x.yaml:11:7: error[scope-timeline] the timeline names the version `v4`, which is not defined
        ");
        insta::assert_snapshot!(render_rule("scope-timeline-order", &corpus), @r"
        Tests/scs-compatible-x.yaml:12:11: warning[scope-timeline-order] the entry of 2024-03-01 follows the older entry of 2024-01-01
          help: sort the timeline by date, newest first
        ");
    }

    #[test]
    fn valid_timeline() {
        let scope = b"versions:\n  - version: v1\n    stabilized_at: 2024-02-01\n  - version: v2\ntimeline:\n  - date: 2024-03-01\n    versions:\n      v1: effective\n      v2: draft\n  - date: 2024-02-01\n    versions:\n      v1: warn\n";
        let corpus = corpus_with_scopes(&[], &[("scs-compatible-x.yaml", scope)]);
        assert_eq!(render_rule("scope-timeline", &corpus), "");
        assert_eq!(render_rule("scope-timeline-order", &corpus), "");
    }
}

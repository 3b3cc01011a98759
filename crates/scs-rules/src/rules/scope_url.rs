//! `scope-broken-url`: the documentation URLs of a certificate scope lead to documents and
//! headings that exist.

use scs_core::ScopeFile;
use scs_core::scope::Text;

use crate::declare_rules;
use crate::links::{self, Target};
use crate::rule::{Context, Reporter, ScopeRule};

declare_rules! {
    pub ScopeBrokenUrl {
        id: "scope-broken-url",
        severity: Error,
        kinds: [scope],
        groups: [SCOPES],
        summary: "A module or test-case `url` in a certificate scope naming a missing document or heading",
        explanation: r#"SCS-0003: a module's `url` is "a valid URL to relevant documentation (usually a
standard document)", and each test case's `url` points "to the relevant SCS documentation".
When they point at the docs site, the document must exist and the `#fragment` must be a
heading of it; the docs site and the compliance reports link there.

Fails: `url: https://docs.scs.community/standards/scs-0100-v3-flavor-naming#conformance-test`
when the heading is "Conformance Tests".
Passes: `url: https://docs.scs.community/standards/scs-0100-v3-flavor-naming#conformance-tests`."#,
    }
}

impl ScopeRule for ScopeBrokenUrl {
    fn check(&self, scope: &ScopeFile, cx: Context, out: &mut Reporter) {
        let view = scope.view();
        let urls = view
            .modules
            .iter()
            .filter_map(|m| m.url.map(|u| (format!("module `{}`", m.id.text), u)))
            .chain(view.testcases.iter().filter_map(|t| t.url.map(|u| (format!("test case `{}`", t.id.text), u))));
        for (owner, url) in urls {
            check_url(scope, cx, out, &owner, url);
        }
    }
}

fn check_url(scope: &ScopeFile, cx: Context, out: &mut Reporter, owner: &str, url: Text) {
    let message = match links::resolve(cx.corpus, cx.settings, &scope.path, url.text) {
        Target::MissingDocument { name } => {
            format!("the url of {owner} names `{name}`, which is not a document of this repository")
        }
        Target::Document { doc, fragment: Some(fragment) } if !links::has_fragment(doc, &fragment) => {
            format!("the url of {owner} names the anchor `#{fragment}`, which `{}` has no heading for", doc.file_name)
        }
        Target::TrackPage { number: Some(n), track, exists: false } => {
            format!("the url of {owner} names scs-{n:04} in the track {track}, which has no such document")
        }
        _ => return,
    };
    out.report_path(&scope.path, Some(url.span), message);
}

#[cfg(test)]
mod tests {
    use crate::testing::{corpus_with_scopes, render_rule};

    #[test]
    fn broken_urls() {
        let scope = b"scripts:\n- testcases:\n  - id: tc\n    url: https://docs.scs.community/standards/scs-0100-w1-notes#automated-test\nmodules:\n  - id: m\n    url: https://docs.scs.community/standards/scs-0100-v4-flavor-naming\n  - id: n\n    url: https://docs.scs.community/standards/certification/overview\n";
        let corpus = corpus_with_scopes(
            &[("scs-0100-w1-notes.md", b"---\n---\n## Automated Tests\n")],
            &[("scs-compatible-x.yaml", scope)],
        );
        insta::assert_snapshot!(render_rule("scope-broken-url", &corpus), @r"
        Tests/scs-compatible-x.yaml:4:10: error[scope-broken-url] the url of test case `tc` names the anchor `#automated-test`, which `scs-0100-w1-notes.md` has no heading for
        Tests/scs-compatible-x.yaml:7:10: error[scope-broken-url] the url of module `m` names `scs-0100-v4-flavor-naming.md`, which is not a document of this repository
        ");
        let fixed =
            String::from_utf8_lossy(scope).replace("#automated-test\n", "#automated-tests\n").replace("v4", "v3");
        let corpus = corpus_with_scopes(
            &[
                ("scs-0100-w1-notes.md", b"---\n---\n## Automated Tests\n"),
                ("scs-0100-v3-flavor-naming.md", b"---\n---\n"),
            ],
            &[("scs-compatible-x.yaml", fixed.as_bytes())],
        );
        assert_eq!(render_rule("scope-broken-url", &corpus), "");
    }
}

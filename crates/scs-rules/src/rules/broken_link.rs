//! `broken-link`: links in documents lead to files and pages that exist.

use scs_core::Document;

use crate::declare_rules;
use crate::links::{self, Target};
use crate::rule::{Context, DocumentRule, Reporter};

declare_rules! {
    pub BrokenLink {
        id: "broken-link",
        severity: Error,
        kinds: [document],
        groups: [LINKS],
        summary: "A link to a file of the repository, a document or a docs-site page that does not exist",
        explanation: r#"Links between SCS documents are written three ways: relative (`scs-0100-v3-….md`,
`../Tests/…`), to the docs site (`https://docs.scs.community/standards/scs-0100-v3-…`,
and the generated pages `/standards/<track>/` and `/standards/<track>/scs-NNNN`), and to
GitHub (`https://github.com/SovereignCloudStack/standards/blob/main/Standards/…`). Each of
them must lead somewhere: renamed and never-merged documents leave dead links behind.
Every form GitHub and the docs site render as a link is checked alike: `[text](target)`,
reference links, `<https://…>`, bare URLs in running text (GFM autolink literals, such as
`https://docs.scs.community/standards/scs-0100-v3-…`), and HTML `<a href="…">` and
`<img src="…">`. Code spans and code blocks are not links.
Relative links that climb out of the repository are reported and never followed. Pages the
docs site does not build from `Standards/` (such as `/standards/certification/…`), other
sites, and GitHub links to a fixed commit cannot be checked offline and are skipped.

Fails: `[flavor naming](scs-0100-v4-flavor-naming.md)` when there is no v4.
Passes: `[flavor naming](scs-0100-v3-flavor-naming.md)`."#,
    }
}

impl DocumentRule for BrokenLink {
    fn check(&self, doc: &Document, cx: Context, out: &mut Reporter) {
        for link in &doc.body.links {
            let target = links::resolve(cx.corpus, cx.settings, &doc.path, &link.destination);
            let form = link.form.describe();
            let message = match target {
                Target::MissingDocument { name } => {
                    format!("the {form} target `{name}` is not a document of this repository")
                }
                Target::File { path, exists: false } => {
                    format!("the {form} target `{}` does not exist", relative(&link.destination, &path))
                }
                Target::Outside => "the link points outside the repository; it is not followed".to_owned(),
                Target::TrackPage { track, number: Some(n), exists: false } => {
                    format!("the docs site has no page for scs-{n:04} in the track {track}")
                }
                _ => continue,
            };
            let d = out.report(doc, Some(link.span), message);
            if let Some(candidate) = similar_document(cx, &link.destination) {
                d.help(format!("did you mean `{candidate}`?"));
            }
        }
    }
}

/// The destination as written, when it is a plain relative path; else the resolved path.
fn relative<'a>(destination: &'a str, resolved: &'a str) -> &'a str {
    let written = destination.split('#').next().unwrap_or(destination);
    if written.contains("://") { resolved } else { written }
}

/// A document of the same id as the one a broken link names.
fn similar_document<'a>(cx: Context<'a>, destination: &str) -> Option<&'a str> {
    let name = destination.split(['#', '?']).next()?.rsplit('/').next()?;
    let id = scs_core::DocId::parse(name)?;
    cx.corpus.by_id(id).next().map(|d| d.file_name.as_str())
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn broken() {
        insta::assert_snapshot!(check_rule("broken-link", &[
            ("scs-0100-v3-flavor-naming.md", b"---\ntrack: IaaS\n---\n"),
            ("scs-0101-v1-a.md", b"---\n---\nSee [v3](scs-0100-v3-flavour-naming.md), [x](../Tests/gone.py), [p](../../../etc/passwd),\n[site](https://docs.scs.community/standards/scs-0100-v2-flavor-naming), [t](https://docs.scs.community/standards/kaas/scs-0100).\n"),
        ]), @"
        Standards/scs-0101-v1-a.md:3:5: error[broken-link] the link target `scs-0100-v3-flavour-naming.md` is not a document of this repository
          help: did you mean `scs-0100-v3-flavor-naming.md`?
        Standards/scs-0101-v1-a.md:3:42: error[broken-link] the link target `../Tests/gone.py` does not exist
        Standards/scs-0101-v1-a.md:3:65: error[broken-link] the link points outside the repository; it is not followed
        Standards/scs-0101-v1-a.md:4:1: error[broken-link] the link target `scs-0100-v2-flavor-naming.md` is not a document of this repository
        Standards/scs-0101-v1-a.md:4:73: error[broken-link] the docs site has no page for scs-0100 in the track KaaS
        ");
    }

    #[test]
    fn resolving() {
        assert_eq!(check_rule("broken-link", &[
            ("scs-0100-v3-flavor-naming.md", b"---\ntrack: IaaS\n---\n## Intro\n"),
            ("scs-0101-v1-a.md", b"---\n---\n[a](scs-0100-v3-flavor-naming.md) [b](https://docs.scs.community/standards/iaas/scs-0100)\n[c](https://docs.scs.community/standards/certification/overview) [d](https://example.com)\n```\n[e](gone.md)\n```\n"),
        ]), "");
    }
}

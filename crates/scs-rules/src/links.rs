//! Where a link points: a document of the repository (with a fragment), another file, a page
//! the docs site generates, somewhere outside the repository, or a page that cannot be checked
//! offline. Shared by the link rules and the certificate-scope URL rule.

use scs_core::{Corpus, DocKind, DocNumber, Document, STANDARDS_DIR, Track};

use crate::settings::Settings;

/// The resolved target of a link.
#[derive(Debug)]
pub enum Target<'a> {
    /// A document of `Standards/`.
    Document { doc: &'a Document, fragment: Option<String> },
    /// A fragment of the document that contains the link.
    SameDocument { fragment: String },
    /// A document reference (relative `.md` link, docs-site or GitHub URL) to no document.
    MissingDocument { name: String },
    /// Another path of the repository, relative to its root.
    File { path: String, exists: bool },
    /// A relative path that climbs out of the repository: never looked at.
    Outside,
    /// A docs-site page generated from the front matter: a track, or a number in a track.
    TrackPage { track: Track, number: Option<u16>, exists: bool },
    /// Anything else: other sites, mail, pages not generated from `Standards/`.
    Unchecked,
}

/// Resolves `destination` as written in the file at `from` (a path relative to the root).
pub fn resolve<'a>(corpus: &'a Corpus, settings: &Settings, from: &str, destination: &str) -> Target<'a> {
    let destination = destination.trim();
    if let Some(fragment) = destination.strip_prefix('#') {
        return Target::SameDocument { fragment: decode(fragment) };
    }
    let (path, fragment) = split_fragment(destination);
    if let Some(site_path) = strip_base(path, &settings.docs_base_url) {
        return docs_site(corpus, site_path, fragment);
    }
    if let Some(file) = github_standards_file(path, &settings.repository_url) {
        return match file {
            Some(file) => document_or_file(corpus, format!("{STANDARDS_DIR}/{file}"), fragment),
            None => Target::Unchecked,
        };
    }
    if is_external(path) || path.starts_with('/') || path.is_empty() {
        return Target::Unchecked;
    }
    let base = from.rsplit_once('/').map_or("", |(dir, _)| dir);
    match normalize(base, &decode(path)) {
        Some(rel) => document_or_file(corpus, rel, fragment),
        None => Target::Outside,
    }
}

fn document_or_file<'a>(corpus: &'a Corpus, rel: String, fragment: Option<&str>) -> Target<'a> {
    // The docs site also resolves a document's page without `.md`.
    let doc = corpus.by_path(&rel).or_else(|| corpus.by_path(&format!("{}.md", rel.trim_end_matches('/'))));
    if let Some(doc) = doc {
        return Target::Document { doc, fragment: fragment.map(decode) };
    }
    let is_doc_name = rel.strip_prefix(STANDARDS_DIR).is_some_and(|r| r.starts_with("/scs-") && r.ends_with(".md"));
    if is_doc_name && !corpus.path_exists(&rel) {
        let name = rel[STANDARDS_DIR.len() + 1..].to_owned();
        return Target::MissingDocument { name };
    }
    let exists = corpus.path_exists(rel.trim_end_matches('/'));
    Target::File { path: rel, exists }
}

/// `/standards/<doc>`, `/standards/<track>/`, `/standards/<track>/scs-NNNN` of the docs site.
fn docs_site<'a>(corpus: &'a Corpus, site_path: &str, fragment: Option<&str>) -> Target<'a> {
    let Some(rest) = site_path.strip_prefix("/standards/") else { return Target::Unchecked };
    let parts: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    match parts.as_slice() {
        [page] if page.starts_with("scs-") && scs_core::DocId::parse(page).is_some() => {
            let file = format!("{page}.md");
            match corpus.by_file_name(&file) {
                Some(doc) => Target::Document { doc, fragment: fragment.map(decode) },
                None => Target::MissingDocument { name: file },
            }
        }
        [track] => match track_of_slug(track) {
            Some(track) => Target::TrackPage { track, number: None, exists: true },
            None => Target::Unchecked,
        },
        [track, page] => match (track_of_slug(track), page.strip_prefix("scs-").and_then(|n| n.parse::<u16>().ok())) {
            (Some(track), Some(number)) if page.len() == 8 => {
                let exists = corpus.documents.iter().any(|d| {
                    d.name
                        .as_ref()
                        .is_ok_and(|n| n.id.number == DocNumber::Assigned(number) && n.id.kind == DocKind::Major)
                        && d.track() == Some(track)
                });
                Target::TrackPage { track, number: Some(number), exists }
            }
            _ => Target::Unchecked,
        },
        _ => Target::Unchecked,
    }
}

/// The docs site names tracks in lower case.
fn track_of_slug(slug: &str) -> Option<Track> {
    Track::ALL.iter().copied().find(|t| t.as_str().eq_ignore_ascii_case(slug))
}

/// For a URL of a file in the repository's `Standards/` on a branch: `Some(Some(file))`; for
/// one on a fixed commit or tag (which may name files that no longer exist): `Some(None)`;
/// for any other URL: `None`.
fn github_standards_file<'a>(url: &'a str, repository_url: &str) -> Option<Option<&'a str>> {
    let repo = repository_url.trim_end_matches('/').strip_prefix("https://github.com/")?;
    let after = strip_base(url, &format!("https://github.com/{repo}"))
        .and_then(|p| p.strip_prefix("/blob/").or_else(|| p.strip_prefix("/tree/")))
        .or_else(|| {
            strip_base(url, &format!("https://raw.githubusercontent.com/{repo}")).and_then(|p| p.strip_prefix('/'))
        })?;
    let after = after.strip_prefix("refs/heads/").unwrap_or(after);
    let (reference, path) = after.split_once('/')?;
    let file = path.strip_prefix(STANDARDS_DIR)?.strip_prefix('/')?;
    if file.is_empty() || file.contains('/') {
        return None;
    }
    Some(matches!(reference, "main" | "master" | "HEAD").then_some(file))
}

/// `url` without `base` (scheme and host, case-insensitively, `http` or `https`), if it starts
/// with it.
fn strip_base<'a>(url: &'a str, base: &str) -> Option<&'a str> {
    let without_scheme = |s: &'a str| s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    let base = base.trim_end_matches('/');
    let base = base.strip_prefix("https://").or_else(|| base.strip_prefix("http://")).unwrap_or(base);
    let url = without_scheme(url)?;
    let head = url.get(..base.len())?;
    let rest = &url[base.len()..];
    (head.eq_ignore_ascii_case(base) && (rest.is_empty() || rest.starts_with('/'))).then_some(rest)
}

fn split_fragment(destination: &str) -> (&str, Option<&str>) {
    let (path, fragment) = match destination.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (destination, None),
    };
    (path.split_once('?').map_or(path, |(p, _)| p), fragment.filter(|f| !f.is_empty()))
}

fn is_external(path: &str) -> bool {
    let scheme_end = path.find(':');
    scheme_end.is_some_and(|i| path[..i].chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) && i > 0)
}

/// Joins `path` to the folder `base` and removes `.` and `..`; `None` if it leaves the root.
fn normalize(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Percent-decoding of `%XX` escapes (invalid ones are kept as written; a result that is not
/// UTF-8 leaves the text as written).
fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8().map_or_else(|_| text.to_owned(), |d| d.into_owned())
}

/// Whether `fragment` names a place in `doc`: a heading or HTML anchor (compared without
/// regard to case, as browsers on GitHub and the docs site forgive it), or a GitHub line anchor.
pub fn has_fragment(doc: &Document, fragment: &str) -> bool {
    doc.body.has_anchor(fragment) || doc.body.has_heading_ignoring_case(fragment) || is_line_anchor(fragment)
}

fn is_line_anchor(fragment: &str) -> bool {
    let digits = |s: &str| s.strip_prefix('L').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    match fragment.split_once('-') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(fragment),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus;

    fn kind(t: &Target) -> String {
        match t {
            Target::Document { doc, fragment } => format!("doc {} {:?}", doc.file_name, fragment),
            Target::SameDocument { fragment } => format!("same {fragment}"),
            Target::MissingDocument { name } => format!("missing {name}"),
            Target::File { path, exists } => format!("file {path} {exists}"),
            Target::Outside => "outside".into(),
            Target::TrackPage { track, number, exists } => format!("track {track} {number:?} {exists}"),
            Target::Unchecked => "unchecked".into(),
        }
    }

    #[test]
    fn resolves_every_kind_of_link() {
        let c = corpus(&[
            ("scs-0100-v3-flavor-naming.md", b"---\ntrack: IaaS\n---\n## Intro\n"),
            ("scs-0501-v1-compatible.md", b"---\ntrack: Scopes\n---\n"),
        ]);
        let s = Settings::default();
        let from = "Standards/scs-0501-v1-compatible.md";
        let cases = [
            ("scs-0100-v3-flavor-naming.md#intro", "doc scs-0100-v3-flavor-naming.md Some(\"intro\")"),
            ("./scs-0100-v3-flavor-naming.md", "doc scs-0100-v3-flavor-naming.md None"),
            ("scs-0100-v9-x.md", "missing scs-0100-v9-x.md"),
            ("#motivation", "same motivation"),
            ("../Tests/README.md", "file Tests/README.md false"),
            ("../../../etc/passwd", "outside"),
            (
                "https://docs.scs.community/standards/scs-0100-v3-flavor-naming#intro",
                "doc scs-0100-v3-flavor-naming.md Some(\"intro\")",
            ),
            ("https://docs.scs.community/standards/scs-0100-v2-flavor-naming/", "missing scs-0100-v2-flavor-naming.md"),
            ("https://docs.scs.community/standards/iaas/scs-0100", "track IaaS Some(100) true"),
            ("https://docs.scs.community/standards/kaas/scs-0100", "track KaaS Some(100) false"),
            ("https://docs.scs.community/standards/scopes/", "track Scopes None true"),
            ("https://docs.scs.community/standards/certification/overview", "unchecked"),
            ("https://docs.scs.community/standards/scs-compatible-iaas", "unchecked"),
            (
                "https://github.com/SovereignCloudStack/standards/blob/main/Standards/scs-0100-v3-flavor-naming.md#intro",
                "doc scs-0100-v3-flavor-naming.md Some(\"intro\")",
            ),
            (
                "https://github.com/SovereignCloudStack/standards/tree/main/Standards/scs-0001-v1-gone.md",
                "missing scs-0001-v1-gone.md",
            ),
            (
                "https://raw.githubusercontent.com/SovereignCloudStack/standards/refs/heads/main/Standards/scs-0100-v3-flavor-naming.md",
                "doc scs-0100-v3-flavor-naming.md None",
            ),
            ("https://github.com/SovereignCloudStack/standards/blob/0123abc/Standards/scs-0001-v1-old.md", "unchecked"),
            ("https://github.com/SovereignCloudStack/standards/blob/main/Tests/iaas/x.py", "unchecked"),
            ("https://example.com/x.md", "unchecked"),
            ("mailto:someone@example.com", "unchecked"),
            ("scs-0100-v3-flavor%2Dnaming.md", "doc scs-0100-v3-flavor-naming.md None"),
            ("scs-0100-v3-flavor-naming#intro", "doc scs-0100-v3-flavor-naming.md Some(\"intro\")"),
            ("http://docs.scs.community/standards/scs-0100-v3-flavor-naming", "doc scs-0100-v3-flavor-naming.md None"),
            ("https://DOCS.scs.community/standards/scopes", "track Scopes None true"),
            ("https://docs.scs.community.evil.example/standards/scs-0100-v9-x", "unchecked"),
        ];
        for (destination, want) in cases {
            assert_eq!(kind(&resolve(&c, &s, from, destination)), want, "{destination}");
        }
    }

    #[test]
    fn fragments_match_headings_anchors_and_lines() {
        let c = corpus(&[("scs-0100-v3-a.md", b"---\n---\n## Design Considerations\n<a id=\"Legacy\"></a>\n")]);
        let doc = &c.documents[0];
        assert!(has_fragment(doc, "design-considerations"));
        assert!(has_fragment(doc, "Design-Considerations"));
        assert!(has_fragment(doc, "Legacy"));
        assert!(has_fragment(doc, "L10-L20"));
        assert!(!has_fragment(doc, "motivation"));
    }

    #[test]
    fn normalize_stays_inside() {
        assert_eq!(normalize("Standards", "../Tests/x.yaml").as_deref(), Some("Tests/x.yaml"));
        assert_eq!(normalize("Standards", "./a/../b.md").as_deref(), Some("Standards/b.md"));
        assert_eq!(normalize("Standards", "../../x"), None);
        assert_eq!(normalize("", ".."), None);
    }
}

//! Every form of link that GitHub or the docs site renders is checked with the same rules as
//! `[text](target)`: one table, each form once broken (reported, in its own file, at its line)
//! and once fine (silent). Code spans and code blocks are never links.

use crate::support::{GOOD, Repo};

const SITE: &str = "https://docs.scs.community/standards";
const BLOB: &str = "https://github.com/SovereignCloudStack/standards/blob/main/Standards";

/// The target every fine link reaches: it has the heading `## Introduction`.
const TARGET: &str = "scs-0100-v1-target";

/// (form, a broken link, the rule it breaks, the same form fine).
fn table() -> Vec<(&'static str, String, &'static str, String)> {
    vec![
        ("inline", "[t](scs-0100-v1-gone.md)".into(), "broken-link", format!("[t]({TARGET}.md)")),
        (
            "reference",
            "[t][r]\n\n[r]: scs-0100-v1-gone.md".into(),
            "broken-link",
            format!("[t][r]\n\n[r]: {TARGET}.md"),
        ),
        ("autolink", format!("<{SITE}/scs-0100-v1-gone>"), "broken-link", format!("<{SITE}/{TARGET}>")),
        (
            "bare docs-site URL",
            format!("See {SITE}/scs-0100-v1-gone here."),
            "broken-link",
            format!("See {SITE}/{TARGET} here."),
        ),
        (
            "bare docs-site URL with anchor",
            format!("See {SITE}/{TARGET}#nowhere."),
            "broken-anchor",
            format!("See {SITE}/{TARGET}#introduction."),
        ),
        (
            "bare GitHub blob URL",
            format!("({BLOB}/scs-0100-v1-gone.md)"),
            "broken-link",
            format!("({BLOB}/{TARGET}.md)"),
        ),
        (
            "bare GitHub blob URL with anchor",
            format!("Read {BLOB}/{TARGET}.md#nowhere, then go on."),
            "broken-anchor",
            format!("Read {BLOB}/{TARGET}.md#introduction, then go on."),
        ),
        ("bare docs-site track page", format!("{SITE}/iaas/scs-0199"), "broken-link", format!("{SITE}/iaas/scs-0100")),
        (
            "HTML anchor",
            "Text <a href=\"scs-0100-v1-gone.md\">gone</a>.".into(),
            "broken-link",
            format!("Text <a href=\"{TARGET}.md\">target</a>."),
        ),
        (
            "HTML anchor with fragment, single quotes",
            format!("<a class=x href='{TARGET}.md#nowhere'>x</a>"),
            "broken-anchor",
            format!("<a class=x href='{TARGET}.md#introduction'>x</a>"),
        ),
        (
            "HTML anchor in an HTML block",
            format!("<div>\n<a href=\"{SITE}/scs-0100-v1-gone\">x</a>\n</div>"),
            "broken-link",
            format!("<div>\n<a href=\"{SITE}/{TARGET}\">x</a>\n</div>"),
        ),
        (
            "HTML image",
            "<img src=\"../Tests/gone.png\" alt=\"x\">".into(),
            "broken-link",
            "<img src=\"../Tests/here.png\" alt=\"x\">".into(),
        ),
        ("image", "![x](../Tests/gone.png)".into(), "broken-link", "![x](../Tests/here.png)".into()),
    ]
}

fn document(body: &str) -> String {
    format!("---\ntitle: Links\ntype: Procedural\nstatus: Draft\ntrack: IaaS\n---\n\n## Introduction\n\n{body}\n")
}

#[test]
fn each_link_form_is_reported_when_broken_and_silent_when_fine() {
    let mut repo = Repo::new().doc(&format!("{TARGET}.md"), GOOD);
    let table = table();
    for (i, (_, broken, _, fine)) in table.iter().enumerate() {
        repo = repo
            .doc(&format!("scs-{:04}-v1-broken.md", 110 + i), document(broken))
            .doc(&format!("scs-{:04}-v1-fine.md", 140 + i), document(fine));
    }
    std::fs::create_dir_all(repo.path().join("Tests")).expect("mkdir");
    std::fs::write(repo.path().join("Tests/here.png"), b"png").expect("write");
    let (run, diagnostics) = repo.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let link_findings: Vec<_> =
        diagnostics.iter().filter(|d| matches!(d["rule"].as_str(), Some("broken-link" | "broken-anchor"))).collect();
    let mut failures = Vec::new();
    for (i, (form, broken, rule, _)) in table.iter().enumerate() {
        let broken_path = format!("Standards/scs-{:04}-v1-broken.md", 110 + i);
        let fine_path = format!("Standards/scs-{:04}-v1-fine.md", 140 + i);
        let found: Vec<_> = link_findings.iter().filter(|d| d["path"] == broken_path.as_str()).collect();
        // The body starts on line 10; a finding is on the line of the link itself (for a
        // reference link, where it is used, not where its label is defined).
        let first_line = 10
            + broken
                .lines()
                .position(|l| {
                    !l.starts_with("[r]:") && (l.contains("gone") || l.contains("nowhere") || l.contains("[r]"))
                })
                .unwrap_or(0);
        if found.len() != 1 || found[0]["rule"] != *rule || found[0]["line"] != first_line {
            failures.push(format!("{form}: broken → expected one {rule} at line {first_line}, got {found:?}"));
        }
        let fine: Vec<_> = diagnostics.iter().filter(|d| d["path"] == fine_path.as_str()).collect();
        if !fine.is_empty() {
            failures.push(format!("{form}: fine → expected silence, got {fine:?}"));
        }
        // The same, when only this file is checked (as the pre-commit hook does).
        for (path, expected) in [(&broken_path, 1), (&fine_path, 0)] {
            let alone = crate::support::scs(&["check", "--format", "json", path], repo.path()).json();
            let count = alone["diagnostics"].as_array().map_or(0, Vec::len);
            if count != expected {
                failures.push(format!("{form}: `scs check {path}` → expected {expected} finding, got {alone}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn code_spans_and_code_blocks_are_never_links() {
    let body = format!(
        "`{SITE}/scs-0100-v1-gone` and `<a href=\"gone.md\">x</a>`\n\n```\n{BLOB}/scs-0100-v1-gone.md\n[t](gone.md) <img src=\"gone.png\">\n```\n\n    {SITE}/scs-0100-v1-gone\n\n~~~markdown\nwww.example.org/gone https://docs.scs.community/standards/scs-0199-v1-gone\n~~~\n"
    );
    let repo = Repo::new().doc("scs-0100-v1-code.md", document(&body));
    let (run, diagnostics) = repo.check_json();
    assert_eq!(run.code, 0, "{diagnostics:#?}");
}

#[test]
fn a_bare_url_finding_names_its_form_and_marks_only_the_url() {
    let repo = Repo::new().doc("scs-0100-v1-a.md", document(&format!("Read {SITE}/scs-0100-v9-gone, please.")));
    let run = crate::support::scs(&["check", "--format", "concise"], repo.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "Standards/scs-0100-v1-a.md:10:6: error[broken-link] the bare URL target `scs-0100-v9-gone.md` is not a document of this repository"
        ),
        "{}",
        run.stdout
    );
    let html = Repo::new().doc("scs-0100-v1-a.md", document("<a href=\"scs-0100-v9-gone.md\">x</a>"));
    let run = crate::support::scs(&["check", "--format", "concise"], html.path());
    assert!(
        run.stdout.contains(":10:1: error[broken-link] the HTML link target `scs-0100-v9-gone.md`"),
        "{}",
        run.stdout
    );
}

//! The parse family: a document that could not be read, or whose front matter could not be.
//! One rule per kind of problem, so each can be configured on its own.

use scs_core::{Document, ParseProblem, ScopeFile};

use crate::declare_rules;
use crate::rule::{Context, DocumentRule, Reporter, ScopeRule};

/// The checks of one parse rule: report each parse problem of a document or scope file that
/// matches `$pattern`. (A scope-file impl is unused by the rules that are not `scope`.)
macro_rules! parse_checks {
    ($ty:ident, $pattern:pat => $report:expr) => {
        impl DocumentRule for $ty {
            fn check(&self, doc: &Document, _: Context, out: &mut Reporter) {
                for problem in &doc.problems {
                    #[allow(clippy::redundant_closure_call)]
                    if let $pattern = problem {
                        ($report)(&doc.path, out);
                    }
                }
            }
        }

        impl ScopeRule for $ty {
            fn check(&self, scope: &ScopeFile, _: Context, out: &mut Reporter) {
                for problem in &scope.problems {
                    #[allow(clippy::redundant_closure_call)]
                    if let $pattern = problem {
                        ($report)(&scope.path, out);
                    }
                }
            }
        }
    };
}

declare_rules! {
    pub UnreadableFile {
        id: "unreadable-file",
        severity: Error,
        kinds: [document, scope],
        groups: [CHK_ADRS],
        summary: "A document file that cannot be read (a directory, a dangling or escaping link, too large)",
        explanation: r#"Every `Standards/scs-*.md` entry must be a readable file inside the repository.
A directory named like a document, a symbolic link that points outside the repository
(it is never followed), a file over the size limit or one without read permission is
reported here, and the rest of the repository is still checked.

Fails: `Standards/scs-0100-v1-flavor-naming.md/` is a directory.
Passes: `Standards/scs-0100-v1-flavor-naming.md` is a regular file."#,
    }

    pub InvalidUtf8 {
        id: "invalid-utf8",
        severity: Error,
        kinds: [document, scope],
        groups: [CHK_ADRS],
        summary: "A document that is not valid UTF-8",
        explanation: r#"SCS documents are GitHub-flavoured Markdown, which GitHub and the docs site read as
UTF-8. A file in another encoding (often Latin-1 from an old editor) shows garbled
characters on the site. The finding points at the first invalid byte; the rest of the
file is still checked with that byte replaced.

Fails: a title saved as Latin-1, `title: Gr\xf6\xdfe`.
Passes: the same title saved as UTF-8, `title: Größe`."#,
    }

    pub EmptyFile {
        id: "empty-file",
        severity: Error,
        kinds: [document, scope],
        groups: [CHK_ADRS],
        summary: "A document file with no content at all",
        explanation: r#"An empty `scs-*.md` file has no front matter and no text: it is neither a standard
nor a decision record. Usually it is a placeholder that was committed by mistake.

Fails: `Standards/scs-0100-v1-flavor-naming.md` with zero bytes.
Passes: a file that starts with a front matter block (`---`, `type: …`, `---`)."#,
    }

    pub FrontMatterMissing {
        id: "front-matter-missing",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A document without a YAML front matter block",
        explanation: r#"SCS-0001 puts a document's metadata (`type`, `status`, `track`, dates, `replaces`, …)
in a YAML front matter block at the very start of the file: a line `---`, the YAML, and
another line `---`. Without it the document has no type or status, and the docs site
cannot place it.

Fails:
```markdown
# SCS Flavor Naming
```
Passes:
```markdown
---
type: Standard
status: Draft
track: IaaS
---
# SCS Flavor Naming
```"#,
    }

    pub FrontMatterUnclosed {
        id: "front-matter-unclosed",
        severity: Error,
        kinds: [document],
        groups: [CHK_ADRS],
        summary: "A front matter block that is opened with `---` but never closed",
        explanation: r#"The front matter runs from the first line `---` to the next line that is exactly `---`.
Without the closing line the whole document would be read as YAML, so nothing of it can
be checked.

Fails:
```markdown
---
type: Standard
# Introduction
```
Passes: the same with a line `---` after `type: Standard`."#,
    }

    pub InvalidYaml {
        id: "invalid-yaml",
        severity: Error,
        kinds: [document, scope],
        groups: [CHK_ADRS],
        summary: "Front matter that is not valid YAML (or uses anchors, tags or duplicate keys)",
        explanation: r#"The front matter must be a YAML mapping of `key: value` lines. Syntax errors, duplicate
keys (which YAML readers silently resolve differently), and anchors, aliases or tags
(which have no place in metadata and can make a reader expand huge structures) are
reported at the place where the YAML goes wrong.

Fails:
```yaml
type: Standard
replaces: [scs-0100-v1-flavor-naming.md
```
Passes:
```yaml
type: Standard
replaces: [scs-0100-v1-flavor-naming.md]
```"#,
    }
}

parse_checks!(
    UnreadableFile,
    ParseProblem::Unreadable { reason } => |path: &str, out: &mut Reporter| {
        out.report_path(path, None, format!("cannot read the file: {reason}"));
    }
);

parse_checks!(
    InvalidUtf8,
    ParseProblem::InvalidUtf8 { span } => |path: &str, out: &mut Reporter| {
        out.report_path(path, Some(*span), "the file is not valid UTF-8")
            .help("save the file as UTF-8; the first invalid byte is marked");
    }
);

parse_checks!(
    EmptyFile,
    ParseProblem::Empty => |path: &str, out: &mut Reporter| {
        out.report_path(path, None, "the file is empty")
            .help("add the front matter (`type`, `status`, `track`, …) and the sections SCS-0001 requires, or remove the file");
    }
);

parse_checks!(
    FrontMatterMissing,
    ParseProblem::FrontMatterMissing => |path: &str, out: &mut Reporter| {
        out.report_path(path, Some(scs_core::Span::at(0)), "the document has no front matter")
            .help("start the file with a line `---`, the metadata as YAML (`type`, `status`, `track`, …), and another line `---`");
    }
);

parse_checks!(
    FrontMatterUnclosed,
    ParseProblem::FrontMatterUnclosed { open } => |path: &str, out: &mut Reporter| {
        out.report_path(path, Some(*open), "the front matter is opened here but never closed")
            .help("add a line `---` after the last metadata line");
    }
);

parse_checks!(
    InvalidYaml,
    ParseProblem::InvalidYaml(e) => |path: &str, out: &mut Reporter| {
        let d = out.report_path(path, Some(e.span), e.message.clone());
        if let Some((span, message)) = &e.related {
            d.label(*span, message.clone());
        }
    }
);

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn unreadable() {
        let corpus = crate::testing::corpus_with(vec![scs_core::Document::unreadable(
            "Standards/scs-0001-v1-a.md".into(),
            "scs-0001-v1-a.md".into(),
            "this is a directory, not a file".into(),
        )]);
        insta::assert_snapshot!(crate::testing::render_rule("unreadable-file", &corpus), @"Standards/scs-0001-v1-a.md:1:1: error[unreadable-file] cannot read the file: this is a directory, not a file");
    }

    #[test]
    fn invalid_utf8() {
        let bad = check_rule("invalid-utf8", &[("scs-0001-v1-a.md", b"---\ntitle: caf\xe9\ntype: Procedural\n---\n")]);
        insta::assert_snapshot!(bad, @r"
        Standards/scs-0001-v1-a.md:2:11: error[invalid-utf8] the file is not valid UTF-8
          help: save the file as UTF-8; the first invalid byte is marked
        ");
        assert_eq!(check_rule("invalid-utf8", &[("scs-0001-v1-a.md", "---\ntitle: café\n---\n".as_bytes())]), "");
    }

    #[test]
    fn empty() {
        insta::assert_snapshot!(check_rule("empty-file", &[("scs-0001-v1-a.md", b"")]), @r"
        Standards/scs-0001-v1-a.md:1:1: error[empty-file] the file is empty
          help: add the front matter (`type`, `status`, `track`, …) and the sections SCS-0001 requires, or remove the file
        ");
        assert_eq!(check_rule("empty-file", &[("scs-0001-v1-a.md", b"\n")]), "");
    }

    #[test]
    fn missing() {
        insta::assert_snapshot!(check_rule("front-matter-missing", &[("scs-0001-v1-a.md", b"# Title\n")]), @r"
        Standards/scs-0001-v1-a.md:1:1: error[front-matter-missing] the document has no front matter
          help: start the file with a line `---`, the metadata as YAML (`type`, `status`, `track`, …), and another line `---`
        ");
        assert_eq!(check_rule("front-matter-missing", &[("scs-0001-v1-a.md", b"---\n---\n# Title\n")]), "");
    }

    #[test]
    fn unclosed() {
        insta::assert_snapshot!(check_rule("front-matter-unclosed", &[("scs-0001-v1-a.md", b"\xef\xbb\xbf---\r\ntype: Standard\r\n")]), @r"
        Standards/scs-0001-v1-a.md:1:1: error[front-matter-unclosed] the front matter is opened here but never closed
          help: add a line `---` after the last metadata line
        ");
        assert_eq!(
            check_rule("front-matter-unclosed", &[("scs-0001-v1-a.md", b"---\r\ntype: Standard\r\n---\r\n")]),
            ""
        );
    }

    #[test]
    fn invalid_yaml() {
        insta::assert_snapshot!(check_rule("invalid-yaml", &[
            ("scs-0001-v1-a.md", b"---\ntype: Standard\nreplaces: [a.md\n---\n"),
            ("scs-0002-v1-b.md", b"---\ntype: Standard\ntype: Procedural\n---\n"),
            ("scs-0003-v1-c.md", b"---\nbase: &b {x: 1}\nother: *b\n---\n"),
        ]), @"
        Standards/scs-0001-v1-a.md:4:1: error[invalid-yaml] invalid YAML: while parsing a flow sequence, expected ',' or ']'
        Standards/scs-0002-v1-b.md:3:1: error[invalid-yaml] duplicate key `type`
          2:1: first defined here
        Standards/scs-0003-v1-c.md:2:10: error[invalid-yaml] anchors and aliases (`&name`, `*name`) are not allowed in SCS metadata
        ");
        assert_eq!(
            check_rule("invalid-yaml", &[("scs-0001-v1-a.md", b"---\ntype: Standard\nreplaces: [a.md]\n---\n")]),
            ""
        );
    }
}

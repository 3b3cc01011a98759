//! One change per document: a removal and an addition are the same document when they share
//! its id (a slug change git did not pair because the content was rewritten), when a proposal
//! `scs-xxxx-vN-slug` gave way to a numbered `scs-NNNN-vN-slug`, or, where no file name says
//! so, when at least half of their lines are the same (as git pairs renames: a renumbering
//! seen without git, such as `scs review` comparing two trees).

use std::borrow::Borrow;
use std::collections::HashMap;

use crate::document::Document;
use crate::name::{DocId, proposal_name};

/// A document before and after a change (either absent).
pub type Change<D> = (Option<D>, Option<D>);

fn numbered_id(doc: &Document) -> Option<DocId> {
    DocId::numbered(&doc.file_name)
}

fn is_proposal_of(removed: &Document, added: &Document) -> bool {
    let Some(proposal) = proposal_name(&added.file_name) else { return false };
    numbered_id(added).is_some() && removed.file_name.eq_ignore_ascii_case(&proposal)
}

/// Removals and additions compared by their lines at most: beyond, only names pair them (a
/// commit that moves hundreds of files must not cost their product).
const MAX_COMPARED: usize = 64;

/// How much of two documents' bodies is the same: 1 for identical bodies; else the share of
/// their content lines (non-blank, trimmed, no headings, counted) the two have in common, of
/// the longer, when they have at least three in common (a heading or two and a short sentence
/// make no document the same as another).
fn similarity(a: &Document, b: &Document) -> f64 {
    fn body(doc: &Document) -> &str {
        doc.text.get(doc.body_start..).unwrap_or_default()
    }
    fn lines(t: &str) -> Vec<&str> {
        t.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
    }
    if body(a).trim() == body(b).trim() && !body(a).trim().is_empty() {
        return 1.0;
    }
    let (a, b) = (lines(body(a)), lines(body(b)));
    let longer = a.len().max(b.len());
    let mut counts: HashMap<&str, usize> = HashMap::with_capacity(a.len());
    for line in &a {
        *counts.entry(line).or_default() += 1;
    }
    let common = b
        .iter()
        .filter(|line| match counts.get_mut(*line) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count();
    if common < 3 { 0.0 } else { common as f64 / longer as f64 }
}

/// Pairs each removal with the addition of the same document (same id, its proposal, or at
/// least half its lines), in the order of `changes`; every other change stays as it is.
/// Linear in the changes but for the additions with a removal to pair (a handful per commit).
pub fn pair<D: Borrow<Document>>(changes: Vec<Change<D>>) -> Vec<Change<D>> {
    let mut out: Vec<Change<D>> = Vec::with_capacity(changes.len());
    let mut removed: Vec<usize> = Vec::new();
    let mut added: Vec<Change<D>> = Vec::new();
    for change in changes {
        match &change {
            (Some(_), None) => {
                removed.push(out.len());
                out.push(change);
            }
            (None, Some(_)) => added.push(change),
            _ => out.push(change),
        }
    }
    let mut unpaired: Vec<D> = Vec::new();
    for (_, after) in added {
        let Some(after) = after else { continue };
        let doc = after.borrow();
        let id = numbered_id(doc);
        let partner = removed.iter().position(|&i| {
            out[i].0.as_ref().is_some_and(|before| {
                let before = before.borrow();
                (id.is_some() && numbered_id(before) == id) || is_proposal_of(before, doc)
            })
        });
        match partner {
            Some(p) => {
                let i = removed.remove(p);
                out[i].1 = Some(after);
            }
            None => unpaired.push(after),
        }
    }
    // Then by content, the most similar first, for as many as are worth comparing.
    for after in unpaired {
        let doc = after.borrow();
        let best = (removed.len() <= MAX_COMPARED)
            .then(|| {
                removed
                    .iter()
                    .enumerate()
                    .filter_map(|(p, &i)| Some((p, similarity(out[i].0.as_ref()?.borrow(), doc))))
                    .filter(|(_, s)| *s >= 0.5)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(p, _)| p)
            })
            .flatten();
        match best {
            Some(p) => {
                let i = removed.remove(p);
                out[i].1 = Some(after);
            }
            None => out.push((None, Some(after))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str) -> Document {
        with(name, "")
    }

    fn with(name: &str, body: &str) -> Document {
        Document::parse(
            format!("Standards/{name}"),
            name.to_owned(),
            format!("---\nstatus: Draft\n---\n{body}").into_bytes(),
        )
    }

    fn names(changes: &[Change<Document>]) -> Vec<(Option<&str>, Option<&str>)> {
        changes
            .iter()
            .map(|(b, a)| (b.as_ref().map(|d| d.file_name.as_str()), a.as_ref().map(|d| d.file_name.as_str())))
            .collect()
    }

    #[test]
    fn a_renumbering_without_git_is_paired_by_its_lines() {
        let text: String = (0..10).map(|i| format!("line {i}\n")).collect();
        // Identical bodies pair however short; a heading and a line in common do not.
        let changed = text.replace("line 3", "line three");
        let paired = pair(vec![
            (Some(with("scs-0212-v1-a.md", &text)), None),
            (Some(with("scs-0300-v1-other.md", "something else\n")), None),
            (None, Some(with("scs-0218-v1-a.md", &changed))),
            (None, Some(with("scs-0301-v1-new.md", "new\n"))),
            (Some(with("scs-0400-v1-short.md", "## Intro\n\nShort.\n")), None),
            (None, Some(with("scs-0401-v1-short.md", "## Intro\n\nShort.\n"))),
            (Some(with("scs-0500-v1-x.md", "## Intro\n\nx\n")), None),
            (None, Some(with("scs-0501-v1-y.md", "## Intro\n\ny\n"))),
        ]);
        assert_eq!(
            names(&paired),
            [
                (Some("scs-0212-v1-a.md"), Some("scs-0218-v1-a.md")),
                (Some("scs-0300-v1-other.md"), None),
                (Some("scs-0400-v1-short.md"), Some("scs-0401-v1-short.md")),
                (Some("scs-0500-v1-x.md"), None),
                (None, Some("scs-0301-v1-new.md")),
                (None, Some("scs-0501-v1-y.md")),
            ]
        );
    }

    #[test]
    fn a_rewritten_rename_is_one_change() {
        let paired = pair(vec![
            (Some(doc("scs-0217-v1-baseline.md")), None),
            (None, Some(doc("scs-0217-v1-cluster-hardening.md"))),
            (None, Some(doc("scs-0218-v1-other.md"))),
            (Some(doc("scs-xxxx-v1-dns.md")), None),
            (None, Some(doc("scs-0127-v1-dns.md"))),
            (Some(doc("scs-0300-v1-gone.md")), None),
        ]);
        assert_eq!(
            names(&paired),
            [
                (Some("scs-0217-v1-baseline.md"), Some("scs-0217-v1-cluster-hardening.md")),
                (Some("scs-xxxx-v1-dns.md"), Some("scs-0127-v1-dns.md")),
                (Some("scs-0300-v1-gone.md"), None),
                (None, Some("scs-0218-v1-other.md")),
            ]
        );
    }
}

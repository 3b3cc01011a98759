//! One change per document: a removal and an addition that git did not pair (the content was
//! rewritten as well as renamed) are the same document when they share its id, or when a
//! proposal `scs-xxxx-vN-slug` gave way to a numbered `scs-NNNN-vN-slug`.

use std::borrow::Borrow;

use crate::document::Document;
use crate::name::{DocId, DocName, DocNumber};

/// A document before and after a change (either absent).
pub type Change<D> = (Option<D>, Option<D>);

/// The id of a numbered, non-template document.
fn numbered_id(doc: &Document) -> Option<DocId> {
    let name = DocName::parse(&doc.file_name).ok()?;
    (name.id.number != DocNumber::Unassigned && !name.is_template()).then_some(name.id)
}

/// `scs-NNNN-vN-slug.md` → the proposal's name `scs-xxxx-vN-slug.md`.
fn as_proposal(file_name: &str) -> Option<String> {
    let rest = file_name.strip_prefix("scs-")?.split_once('-')?.1;
    Some(format!("scs-xxxx-{rest}"))
}

fn is_proposal_of(removed: &Document, added: &Document) -> bool {
    let Some(proposal) = as_proposal(&added.file_name) else { return false };
    numbered_id(added).is_some() && removed.file_name.eq_ignore_ascii_case(&proposal)
}

/// Pairs each removal with the addition of the same document (same id, or its proposal), in
/// the order of `changes`; every other change stays as it is. Linear in the changes but for
/// the additions with a removal to pair (a handful per commit).
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
            None => out.push((None, Some(after))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str) -> Document {
        Document::parse(format!("Standards/{name}"), name.to_owned(), b"---\nstatus: Draft\n---\n".to_vec())
    }

    fn names(changes: &[Change<Document>]) -> Vec<(Option<&str>, Option<&str>)> {
        changes
            .iter()
            .map(|(b, a)| (b.as_ref().map(|d| d.file_name.as_str()), a.as_ref().map(|d| d.file_name.as_str())))
            .collect()
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

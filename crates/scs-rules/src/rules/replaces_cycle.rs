//! `replaces-cycle`: following `replaces` never leads back to where it started.

use std::collections::HashMap;

use crate::declare_rules;
use crate::rule::{Context, CorpusRule, Reporter};

declare_rules! {
    pub ReplacesCycle {
        id: "replaces-cycle",
        severity: Error,
        kinds: [corpus],
        groups: [LIFECYCLE],
        summary: "Documents that replace themselves, directly or through others",
        explanation: r#"`replaces` points from a newer document to older ones, so following it must end. A
document that names itself (a copy-paste slip when creating a new version) or a chain that
comes back to its start leaves the history of the standard without a beginning. A cycle is
reported on the `replaces` entry of each of its documents, so that it shows in whichever
file was edited.

Fails: `scs-0501-v2-….md` with `replaces: [scs-0501-v2-….md]`.
Passes: `scs-0501-v2-….md` with `replaces: [scs-0501-v1-….md]`."#,
    }
}

impl CorpusRule for ReplacesCycle {
    fn check(&self, cx: Context, out: &mut Reporter) {
        let docs = &cx.corpus.documents;
        let index: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.file_name.as_str(), i)).collect();
        let edges: Vec<Vec<(usize, scs_core::Span)>> = docs
            .iter()
            .map(|d| {
                d.entry("replaces")
                    .map(|e| {
                        e.value.items()
                            .into_iter()
                            .filter_map(|(name, span)| index.get(name).map(|&j| (j, span)))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect();
        // Iterative depth-first search with colours. Each cycle is found once, at the edge
        // that closes it, and reported once, with a label on every other member's entry: a
        // check of any member alone (a pre-commit hook) shows it.
        let mut state = vec![0u8; docs.len()]; // 0 new, 1 on the stack, 2 done
        for start in 0..docs.len() {
            if state[start] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            state[start] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if let Some(&(to, _)) = edges[node].get(*next) {
                    *next += 1;
                    match state[to] {
                        0 => {
                            state[to] = 1;
                            stack.push((to, 0));
                        }
                        1 => {
                            let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                            // Each member with the entry it follows (the last one taken).
                            let members: Vec<(usize, scs_core::Span)> =
                                stack[from..].iter().map(|&(n, taken)| (n, edges[n][taken - 1].1)).collect();
                            report_cycle(docs, &members, out);
                        }
                        _ => {}
                    }
                } else {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
    }
}

/// Reports the cycle through `members` (in `replaces` order) once: on the entry of its oldest
/// member (lowest version, then file name), the entry that leads back, since `replaces` names
/// older documents only; every other member's entry is a label.
fn report_cycle(docs: &[scs_core::Document], members: &[(usize, scs_core::Span)], out: &mut Reporter) {
    let age = |node: usize| {
        let doc = &docs[node];
        (doc.name.as_ref().ok().and_then(|n| n.id.version.number()), doc.file_name.as_str())
    };
    let Some(first) = (0..members.len()).min_by_key(|&k| age(members[k].0)) else { return };
    let (node, span) = members[first];
    let message = if members.len() == 1 {
        "this document replaces itself".to_owned()
    } else {
        let path: Vec<&str> =
            (0..=members.len()).map(|i| docs[members[(first + i) % members.len()].0].file_name.as_str()).collect();
        format!("replaces forms a cycle: {}", path.join(" → "))
    };
    let d = out.report(&docs[node], Some(span), message);
    for (k, &(other, other_span)) in members.iter().enumerate().filter(|&(k, _)| k != first) {
        let next = &docs[members[(k + 1) % members.len()].0].file_name;
        d.label_in(&docs[other].path, other_span, format!("replaces {next}, part of the cycle"));
    }
    d.help(cycle_help(docs, node));
}

/// What to do with the entry that leads back, such that doing it brings no new finding:
/// removing the only `replaces` entry of a later major version would leave it without one
/// (`missing-replaces`), so such an entry is pointed at the version before instead.
fn cycle_help(docs: &[scs_core::Document], node: usize) -> String {
    let doc = &docs[node];
    let name = doc.name.as_ref().ok();
    let version = name.and_then(|n| n.id.version.number()).filter(|_| name.is_some_and(|n| n.id.kind == scs_core::DocKind::Major));
    match (name, version) {
        (Some(name), Some(v)) if v > 1 => {
            let previous = scs_core::DocId { version: scs_core::DocVersion::Number(v - 1), ..name.id };
            let before = docs.iter().find(|d| d.name.as_ref().is_ok_and(|n| n.id == previous));
            match before {
                Some(before) => format!(
                    "replaces names older documents only: point the entry that leads back at the version before, `{}`",
                    before.file_name
                ),
                // The version before is not in the repository: no entry names it without a
                // finding, so the help names none.
                None => format!(
                    "replaces names older documents only: the entry that leads back must name an older document ({previous} is not in the repository)"
                ),
            }
        }
        _ => "replaces names older documents only; remove the entry that leads back (a first version needs no `replaces`)"
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_rule;

    #[test]
    fn cycles() {
        insta::assert_snapshot!(check_rule("replaces-cycle", &[
            ("scs-0501-v2-a.md", b"---\nreplaces:\n- scs-0501-v2-a.md\n---\n"),
            ("scs-0100-v1-a.md", b"---\nreplaces: [scs-0100-v2-a.md]\n---\n"),
            ("scs-0100-v2-a.md", b"---\nreplaces: [scs-0100-v1-a.md]\n---\n"),
        ]), @"
        Standards/scs-0100-v1-a.md:2:12: error[replaces-cycle] replaces forms a cycle: scs-0100-v1-a.md → scs-0100-v2-a.md → scs-0100-v1-a.md
          Standards/scs-0100-v2-a.md:2:12: replaces scs-0100-v1-a.md, part of the cycle
          help: replaces names older documents only; remove the entry that leads back (a first version needs no `replaces`)
        Standards/scs-0501-v2-a.md:3:3: error[replaces-cycle] this document replaces itself
          help: replaces names older documents only: the entry that leads back must name an older document (scs-0501-v1 is not in the repository)
        ");
        assert_eq!(
            check_rule(
                "replaces-cycle",
                &[
                    ("scs-0100-v1-a.md", b"---\n---\n"),
                    ("scs-0100-v2-a.md", b"---\nreplaces: [scs-0100-v1-a.md]\n---\n"),
                    ("scs-0100-v3-a.md", b"---\nreplaces: [scs-0100-v2-a.md, scs-0100-v1-a.md]\n---\n"),
                ]
            ),
            ""
        );
    }

    #[test]
    fn every_member_of_a_longer_cycle_is_told() {
        insta::assert_snapshot!(check_rule("replaces-cycle", &[
            ("scs-0100-v1-a.md", b"---\nreplaces: [scs-0100-v3-a.md]\n---\n"),
            ("scs-0100-v2-a.md", b"---\nreplaces: [scs-0100-v1-a.md]\n---\n"),
            ("scs-0100-v3-a.md", b"---\nreplaces: [scs-0100-v2-a.md]\n---\n"),
        ]), @"
        Standards/scs-0100-v1-a.md:2:12: error[replaces-cycle] replaces forms a cycle: scs-0100-v1-a.md → scs-0100-v3-a.md → scs-0100-v2-a.md → scs-0100-v1-a.md
          Standards/scs-0100-v3-a.md:2:12: replaces scs-0100-v2-a.md, part of the cycle
          Standards/scs-0100-v2-a.md:2:12: replaces scs-0100-v1-a.md, part of the cycle
          help: replaces names older documents only; remove the entry that leads back (a first version needs no `replaces`)
        ");
    }
}

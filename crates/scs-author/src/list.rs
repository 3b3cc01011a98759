//! `scs list`: one row per document number, its versions split by their lifecycle state on
//! the day, as docs.scs.community shows them (`scs_core::LifecycleState`, shared with `scs
//! site` and the editor): Draft (no `stabilized_at`); Stable but not yet effective
//! (`stabilized_at` ahead); effective; deprecated (`deprecated_at` on or before the day);
//! rejected. Supplements under their document.

use std::collections::BTreeMap;

use jiff::civil::Date;
use scs_core::{Corpus, DocKind, DocNumber, LifecycleState, Status};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Row {
    /// `0100`, or the proposal's file name for an unnumbered proposal.
    pub number: String,
    pub track: Option<String>,
    pub doc_type: Option<String>,
    /// The title of the newest version.
    pub title: Option<String>,
    pub draft: Vec<String>,
    pub stable: Vec<String>,
    pub effective: Vec<String>,
    pub deprecated: Vec<String>,
    pub rejected: Vec<String>,
    pub supplements: Vec<String>,
}

/// Which versions to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub track: Option<scs_core::Track>,
    pub status: Option<Status>,
    pub doc_type: Option<scs_core::DocType>,
}

/// The rows of `corpus` as of `today`.
pub fn rows(corpus: &Corpus, today: Date, filter: &Filter) -> Vec<Row> {
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut newest: BTreeMap<String, u32> = BTreeMap::new();
    // Versions in numeric order (v2 before v10), as the site lists them; the corpus is in
    // file-name order.
    let mut documents: Vec<_> = corpus.documents.iter().collect();
    documents.sort_by_key(|d| (d.name.as_ref().ok().and_then(|n| n.id.version.number()), d.file_name.as_str()));
    for doc in documents {
        let Ok(name) = &doc.name else { continue };
        if name.is_template() {
            continue;
        }
        let key = match name.id.number {
            DocNumber::Assigned(n) => format!("{n:04}"),
            DocNumber::Unassigned => doc.file_name.clone(),
        };
        let id = name.id.to_string();
        if name.id.kind == DocKind::Supplement {
            rows.entry(key.clone()).or_default().supplements.push(id);
            continue;
        }
        if filter.track.is_some_and(|t| doc.track() != Some(t))
            || filter.status.is_some_and(|s| doc.status() != Some(s))
            || filter.doc_type.is_some_and(|t| doc.doc_type() != Some(t))
        {
            continue;
        }
        let row = rows.entry(key.clone()).or_default();
        let version = name.id.version.number().unwrap_or(0);
        if newest.get(&key).is_none_or(|v| version >= *v) {
            newest.insert(key.clone(), version);
            row.track = doc.track().map(|t| t.to_string());
            row.doc_type = doc.doc_type().map(|t| t.to_string());
            row.title = doc.entry("title").and_then(|e| e.value.as_str()).map(|t| t.trim().to_owned());
        }
        match LifecycleState::of(doc, &today.to_string()) {
            LifecycleState::Draft => row.draft.push(id),
            LifecycleState::Rejected => row.rejected.push(id),
            LifecycleState::Effective { stabilized_later: true, .. } => row.stable.push(id),
            LifecycleState::Effective { .. } => row.effective.push(id),
            LifecycleState::Deprecated => row.deprecated.push(id),
        }
    }
    rows.into_iter()
        .filter(|(key, _)| newest.contains_key(key))
        .map(|(number, mut row)| {
            row.number = number;
            row
        })
        .collect()
}

/// A plain-text table, or a Markdown table when `markdown`.
pub fn table(rows: &[Row], markdown: bool) -> String {
    let header = ["Number", "Track", "Title", "Draft", "Stable", "Effective", "Deprecated", "Rejected", "Supplements"];
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|r| {
            [
                r.number.clone(),
                r.track.clone().unwrap_or_default(),
                // A title is document text: no control character reaches the terminal.
                scs_core::untrusted::printable(r.title.as_deref().unwrap_or_default(), 200),
                r.draft.join(", "),
                r.stable.join(", "),
                r.effective.join(", "),
                r.deprecated.join(", "),
                r.rejected.join(", "),
                r.supplements.join(", "),
            ]
        })
        .collect();
    let mut out = String::new();
    if markdown {
        let escape = |s: &str| s.replace('|', "\\|").replace(['\n', '\r'], " ");
        out.push_str(&format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len())));
        for row in &cells {
            out.push_str(&format!("| {} |\n", row.iter().map(|c| escape(c)).collect::<Vec<_>>().join(" | ")));
        }
        return out;
    }
    // Only titles are cut (marked with `…`): the columns of ids are what the table is for.
    const TITLE: usize = 2;
    const TITLE_WIDTH: usize = 48;
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            let widest = cells.iter().map(|r| r[i].chars().count()).chain([header[i].len()]).max().unwrap_or(0);
            if i == TITLE { widest.min(TITLE_WIDTH) } else { widest }
        })
        .collect();
    let line = |values: Vec<&str>| {
        values
            .iter()
            .zip(&widths)
            .map(|(v, w)| {
                let v: String = if v.chars().count() > *w {
                    v.chars().take(w.saturating_sub(1)).chain(['…']).collect()
                } else {
                    (*v).to_owned()
                };
                format!("{v:w$}")
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    out.push_str(&line(header.to_vec()));
    out.push('\n');
    for row in &cells {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_in_numeric_order_and_titles_without_control_characters() {
        let doc = |name: &str, title: &str| {
            let text = format!("---\ntitle: \"{title}\"\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n");
            scs_core::Document::parse(format!("Standards/{name}"), name.into(), text.into_bytes())
        };
        let corpus = Corpus::from_documents(
            "repo".into(),
            vec![doc("scs-0100-v1-a.md", "One"), doc("scs-0100-v10-a.md", "Ten\\e[2J"), doc("scs-0100-v2-a.md", "Two")],
        );
        let rows = rows(&corpus, Date::constant(2026, 1, 1), &Filter::default());
        assert_eq!(rows[0].draft, ["scs-0100-v1", "scs-0100-v2", "scs-0100-v10"]);
        assert_eq!(rows[0].title.as_deref(), Some("Ten\u{1b}[2J"));
        let table = table(&rows, false);
        assert!(table.contains("Ten\\u{1b}[2J") && !table.contains('\u{1b}'), "{table}");
    }

    /// Issue 32: `scs list` cut every cell at 48 characters, so that scs-0501-v4 vanished from
    /// a Deprecated column of four versions; now only a title is cut, and says so.
    #[test]
    fn id_columns_are_never_cut() {
        let doc = |name: &str, status: &str, title: &str| {
            let text = format!(
                "---\ntitle: \"{title}\"\ntype: Standard\nstatus: {status}\ntrack: Scopes\nstabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\n---\n"
            );
            scs_core::Document::parse(format!("Standards/{name}"), name.into(), text.into_bytes())
        };
        let long = "A title much longer than forty-eight characters, cut with a mark";
        let corpus = Corpus::from_documents(
            "repo".into(),
            (1..=4).map(|v| doc(&format!("scs-0501-v{v}-scs-compatible-iaas.md"), "Deprecated", long)).collect(),
        );
        let rows = rows(&corpus, Date::constant(2026, 1, 1), &Filter::default());
        let table = table(&rows, false);
        assert!(table.contains("scs-0501-v1, scs-0501-v2, scs-0501-v3, scs-0501-v4"), "{table}");
        assert!(table.contains("A title much longer than forty-eight characters…"), "{table}");
    }
}

//! `scs graph`: documents as nodes grouped by track and styled by status; edges for
//! `replaces`, `supplements` and links between documents. Mermaid or Graphviz dot.

use std::collections::{BTreeMap, BTreeSet};

use scs_core::{Corpus, Document, Status};

use crate::lifecycle::referenced;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

fn node_id(doc: &Document) -> String {
    doc.file_name.trim_end_matches(".md").chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

fn label(doc: &Document) -> String {
    let id = doc.name.as_ref().map_or_else(|_| doc.file_name.clone(), |n| n.id.to_string());
    match doc.entry("title").and_then(|e| e.value.as_str()) {
        Some(title) => format!("{id}: {}", title.trim()),
        None => id,
    }
}

fn class(doc: &Document) -> &'static str {
    match doc.status() {
        Some(Status::Stable) => "stable",
        Some(Status::Deprecated) => "deprecated",
        Some(Status::Rejected) => "rejected",
        Some(Status::Draft | Status::Proposal) => "draft",
        None => "supplement",
    }
}

/// Edges: (from, to, kind), without repeats.
fn edges(corpus: &Corpus) -> BTreeSet<(String, String, &'static str)> {
    let mut edges = BTreeSet::new();
    for doc in &corpus.documents {
        for (key, kind) in [("replaces", "replaces"), ("supplements", "supplements")] {
            for target in referenced(corpus, doc, key) {
                edges.insert((node_id(doc), node_id(target), kind));
            }
        }
        for link in &doc.body.links {
            let file = link.destination.split('#').next().unwrap_or_default().rsplit('/').next().unwrap_or_default();
            if let Some(target) = corpus.by_file_name(file).filter(|t| t.path != doc.path) {
                edges.insert((node_id(doc), node_id(target), "links"));
            }
        }
    }
    edges
}

pub fn render(corpus: &Corpus, format: GraphFormat) -> String {
    let mut by_track: BTreeMap<String, Vec<&Document>> = BTreeMap::new();
    for doc in corpus.documents.iter().filter(|d| d.name.as_ref().is_ok_and(|n| !n.is_template())) {
        by_track.entry(doc.track().map_or_else(|| "no track".to_owned(), |t| t.to_string())).or_default().push(doc);
    }
    let edges = edges(corpus);
    let mut out = String::new();
    match format {
        GraphFormat::Mermaid => {
            out.push_str("flowchart LR\n");
            for (track, docs) in &by_track {
                out.push_str(&format!("  subgraph {}[\"{track}\"]\n", track.replace(' ', "_")));
                for doc in docs {
                    let text = label(doc).replace('"', "#quot;");
                    out.push_str(&format!("    {}[\"{text}\"]:::{}\n", node_id(doc), class(doc)));
                }
                out.push_str("  end\n");
            }
            for (from, to, kind) in &edges {
                let arrow = if *kind == "replaces" { "-->" } else { "-.->" };
                out.push_str(&format!("  {from} {arrow}|{kind}| {to}\n"));
            }
            out.push_str("  classDef stable fill:#d4edda,stroke:#2e7d32\n");
            out.push_str("  classDef draft fill:#fff8e1,stroke:#f9a825,stroke-dasharray:4 2\n");
            out.push_str("  classDef deprecated fill:#eeeeee,stroke:#757575,color:#616161\n");
            out.push_str("  classDef rejected fill:#ffebee,stroke:#c62828,color:#616161\n");
            out.push_str("  classDef supplement fill:#e3f2fd,stroke:#1565c0\n");
        }
        GraphFormat::Dot => {
            out.push_str("digraph scs {\n  rankdir=LR;\n  node [shape=box, style=filled];\n");
            for (i, (track, docs)) in by_track.iter().enumerate() {
                out.push_str(&format!("  subgraph cluster_{i} {{\n    label=\"{track}\";\n"));
                for doc in docs {
                    let colour = match class(doc) {
                        "stable" => "#d4edda",
                        "draft" => "#fff8e1",
                        "deprecated" => "#eeeeee",
                        "rejected" => "#ffebee",
                        _ => "#e3f2fd",
                    };
                    let text = label(doc).replace('\\', "\\\\").replace('"', "\\\"");
                    out.push_str(&format!("    {} [label=\"{text}\", fillcolor=\"{colour}\"];\n", node_id(doc)));
                }
                out.push_str("  }\n");
            }
            for (from, to, kind) in &edges {
                let style = if *kind == "replaces" { "solid" } else { "dashed" };
                out.push_str(&format!("  {from} -> {to} [label=\"{kind}\", style={style}];\n"));
            }
            out.push_str("}\n");
        }
    }
    out
}

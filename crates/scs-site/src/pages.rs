//! The pages of the site model, in the docs site generator's exact layout: each page is lines
//! joined by `\n` and ends with one newline; the sidebar is `module.exports = ` and the
//! JSON of its items, indented by two spaces, with no newline at the end.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Number, Site, SiteState, Track, Version};

/// The prose of the pages, used byte for byte.
#[derive(Debug, Clone)]
pub struct Templates {
    /// The overview page's introduction.
    pub intro: String,
    /// What the columns and marks mean: on the overview and every track page.
    pub legend: String,
    /// After the legend: the docs site's component that colours the table cells.
    pub table_style: String,
    /// Each track page's introduction, by track name as the documents write it.
    pub tracks: BTreeMap<String, String>,
}

impl Templates {
    /// The texts this project wrote (`crates/scs-site/templates/`).
    pub fn builtin() -> Self {
        let tracks = [
            ("Global", include_str!("../templates/tracks/Global.md")),
            ("IaaS", include_str!("../templates/tracks/IaaS.md")),
            ("KaaS", include_str!("../templates/tracks/KaaS.md")),
            ("IAM", include_str!("../templates/tracks/IAM.md")),
            ("Ops", include_str!("../templates/tracks/Ops.md")),
            ("Scopes", include_str!("../templates/tracks/Scopes.md")),
        ];
        Self {
            intro: include_str!("../templates/intro.md").to_owned(),
            legend: include_str!("../templates/legend.md").to_owned(),
            table_style: include_str!("../templates/table-style.mdx").to_owned(),
            tracks: tracks.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        }
    }

    /// The introduction of `track`; a track without a text gets a plain sentence (see
    /// [`Templates::tracks_without_text`]).
    fn track(&self, track: &str) -> String {
        self.tracks.get(track).cloned().unwrap_or_else(|| format!("The standards of the {track} track."))
    }

    /// The tracks of `site` that have no introduction here: their pages get a plain sentence,
    /// and the caller warns (a new track must not stop the docs build).
    pub fn tracks_without_text<'a>(&self, site: &'a Site) -> Vec<&'a str> {
        site.tracks.iter().map(|t| t.name.as_str()).filter(|name| !self.tracks.contains_key(*name)).collect()
    }
}

/// A generated file: its path relative to the site's `standards/` folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub text: String,
}

/// Every generated page (overview, track pages, number pages) and the sidebar's text.
pub fn render(site: &Site, templates: &Templates) -> (Vec<Page>, String) {
    let mut pages = vec![Page { path: "standards/overview.mdx".into(), text: overview(site, templates) }];
    for track in &site.tracks {
        pages.push(Page { path: format!("{}/index.md", track.path), text: track_page(track, templates) });
        for number in &track.numbers {
            pages.push(Page { path: format!("{}/{}.md", track.path, number.name), text: number_page(number) });
        }
    }
    (pages, sidebar(site))
}

fn overview(site: &Site, templates: &Templates) -> String {
    let mut lines = vec![
        format!("{}\n\n{}\n{}\n", templates.intro, templates.legend, templates.table_style),
        "<div id=\"color-table-cells-overview\" />".to_owned(),
        "| Standard  | Track  | Description  | Draft | Effective | Deprecated* |".to_owned(),
        "| --------- | ------ | ------------ | ----- | --------- | ----------- |".to_owned(),
    ];
    for track in &site.tracks {
        for number in &track.numbers {
            let (link, title) = (format!("[{}]({})", number.name, number.link), cell(&number.title));
            lines.push(format!("| {link}  | {}  | {title}  | {}  |", cell(&track.name), columns(&number.versions)));
            for supplement in &number.supplements {
                let title = cell(&supplement_title(&supplement.title, &number.title));
                lines.push(format!("|   |   | Supplement: {title}  | {} |", columns(&supplement.versions)));
            }
        }
    }
    lines.push(String::new());
    lines.join("\n")
}

fn track_page(track: &Track, templates: &Templates) -> String {
    let mut lines = vec![
        format!(
            "# {} Standards\n\n{}\n\n{}\n{}\n",
            track.name,
            templates.track(&track.name),
            templates.legend,
            templates.table_style
        ),
        "<div id=\"color-table-cells-track-overview\" />".to_owned(),
        "| Standard  | Description  | Draft | Effective | Deprecated* |".to_owned(),
        "| --------- | ------------ | ----- | --------- | ----------- |".to_owned(),
    ];
    for number in &track.numbers {
        let (link, title) = (format!("[{}]({})", number.name, number.link), cell(&number.title));
        lines.push(format!("| {link}  | {title}  | {}  |", columns(&number.versions)));
        for supplement in &number.supplements {
            let title = cell(&supplement_title(&supplement.title, &number.title));
            lines.push(format!("|   | Supplement: {title}  | {} |", columns(&supplement.versions)));
        }
    }
    lines.push(String::new());
    lines.join("\n")
}

fn number_page(number: &Number) -> String {
    let mut lines = vec![format!("# {}: {}\n", number.name, number.title)];
    if let Some(description) = &number.description {
        lines.push(description.clone());
    }
    lines.push("| Version  | Type  | State   | stabilized | deprecated |".to_owned());
    lines.push("| -------- | ----- | ------- | ---------- | ---------- |".to_owned());
    for v in &number.versions {
        let doc_type = cell(v.doc_type.as_deref().unwrap_or("-"));
        lines.push(format!("| [{}-{}]({})  | {doc_type}  | {}", number.name, v.version, v.link, state_and_dates(v)));
    }
    for supplement in &number.supplements {
        lines.push(format!("\n## Supplement: {}\n", supplement_title(&supplement.title, &number.title)));
        lines.push("| Version  | State   | stabilized | deprecated |".to_owned());
        lines.push("| -------- | ------- | ---------- | ---------- |".to_owned());
        for v in &supplement.versions {
            lines.push(format!("| [{}]({})  | {}", v.version, v.link, state_and_dates(v)));
        }
    }
    lines.push(String::new());
    lines.join("\n")
}

/// The State, stabilized and deprecated cells of a number page's row, and its end.
fn state_and_dates(v: &Version) -> String {
    let date = |d: &Option<String>| cell(d.as_deref().unwrap_or("-"));
    format!("{}  | {}  | {}  |", cell(&state_of(v)), date(&v.stabilized_at), date(&v.deprecated_at))
}

/// The State column: the `status` as written, or (supplements have none) the state the
/// dates give; never `undefined`.
fn state_of(version: &Version) -> String {
    version.status.clone().unwrap_or_else(|| version.state.word().to_owned())
}

/// The Draft, Effective and Deprecated cells of a row: links to the versions in that state,
/// `-` for none. Rejected versions are in none of them.
fn columns(versions: &[Version]) -> String {
    let list = |keep: &dyn Fn(SiteState) -> bool| {
        let links: Vec<String> = versions
            .iter()
            .filter(|v| keep(v.state))
            .map(|v| {
                let marks = match v.state {
                    SiteState::Effective { stabilized_later, deprecated_later } => {
                        format!(
                            "{}{}",
                            if stabilized_later { "*" } else { "" },
                            if deprecated_later { "&#8224;" } else { "" }
                        )
                    }
                    _ => String::new(),
                };
                format!("[{}]({}){marks}", v.version, v.link)
            })
            .collect();
        if links.is_empty() { "-".to_owned() } else { links.join(", ") }
    };
    [
        list(&|s| s == SiteState::Draft),
        list(&|s| matches!(s, SiteState::Effective { .. })),
        list(&|s| s == SiteState::Deprecated),
    ]
    .join(" | ")
}

/// A supplement's title without its document's title in front (`Flavors: Testing` of
/// `Flavors` is `Testing`).
fn supplement_title(title: &str, parent: &str) -> String {
    match title.strip_prefix(parent) {
        Some(rest) => rest.strip_prefix(':').map_or(rest, str::trim_start).to_owned(),
        None => title.to_owned(),
    }
}

/// Text for a table cell: one line, `|` escaped.
fn cell(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

/// A sidebar link to a page: `{"type": "doc", "id": …}`.
#[derive(Serialize)]
struct Link {
    #[serde(rename = "type")]
    kind: &'static str,
    id: String,
}

/// A sidebar entry, its keys in the generator's order.
#[derive(Serialize)]
#[serde(untagged)]
enum Item {
    Category {
        #[serde(rename = "type")]
        kind: &'static str,
        label: String,
        link: Link,
        items: Vec<Item>,
    },
    Doc {
        #[serde(rename = "type")]
        kind: &'static str,
        label: String,
        id: String,
    },
}

fn sidebar(site: &Site) -> String {
    let doc_link = |id: String| Link { kind: "doc", id };
    let items: Vec<Item> = site
        .tracks
        .iter()
        .map(|track| Item::Category {
            kind: "category",
            label: track.name.clone(),
            link: doc_link(format!("{}/index", track.path)),
            items: track
                .numbers
                .iter()
                .map(|number| Item::Category {
                    kind: "category",
                    label: number.name.clone(),
                    link: doc_link(format!("{}/{}", track.path, number.name)),
                    items: number
                        .versions
                        .iter()
                        .chain(number.supplements.iter().flat_map(|s| &s.versions))
                        .map(|v| Item::Doc { kind: "doc", label: v.version.to_uppercase(), id: v.id.clone() })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let json = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned());
    format!("module.exports = {json}")
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn tracks_without_text_are_named() {
        let corpus = scs_core::Corpus::from_documents(
            "/r".into(),
            ["IaaS", "Sovereignty"]
                .iter()
                .enumerate()
                .map(|(i, track)| {
                    let name = format!("scs-010{i}-v1-x.md");
                    let text = format!("---\ntitle: X\ntype: Standard\nstatus: Draft\ntrack: {track}\n---\n");
                    scs_core::Document::parse(format!("Standards/{name}"), name, text.into_bytes())
                })
                .collect(),
        );
        let site = Site::build(&corpus, "2026-01-01");
        assert_eq!(Templates::builtin().tracks_without_text(&site), ["Sovereignty"]);
        let (pages, _) = render(&site, &Templates::builtin());
        let page = pages.iter().find(|p| p.path.ends_with("sovereignty/index.md")).expect("its page");
        assert!(page.text.contains("\n\nThe standards of the Sovereignty track.\n\n"), "{}", page.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supplement_titles_and_cells() {
        assert_eq!(supplement_title("Flavors: Testing notes", "Flavors"), "Testing notes");
        assert_eq!(supplement_title("Flavors testing", "Flavors"), " testing");
        assert_eq!(supplement_title("Other", "Flavors"), "Other");
        assert_eq!(cell("a | b\n c"), "a \\| b c");
    }
}

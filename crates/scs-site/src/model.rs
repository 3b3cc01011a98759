//! The site model: tracks → document numbers → versions and supplements, each version with
//! its state on a given day, as the docs site defines states.

use std::collections::BTreeMap;

use scs_core::{Corpus, DocKind, Document};
use serde::Serialize;

/// A version's state on the day the pages are built: scs-core's lifecycle state, the one
/// `scs list` and the editor show too.
pub use scs_core::LifecycleState as SiteState;

/// One version (`v1`) or supplement version (`w1`) of a document number.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// The version as the file name writes it: `v1`, `w2`.
    pub version: String,
    /// The file name without `.md`: the page's id on the site.
    pub id: String,
    pub file_name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub status: Option<String>,
    pub stabilized_at: Option<String>,
    pub deprecated_at: Option<String>,
    #[serde(flatten)]
    pub state: SiteState,
    /// Where the docs site shows it.
    pub link: String,
    #[serde(skip)]
    order: u32,
    /// The file name's slug: supplements that share it form one [`Supplement`].
    #[serde(skip)]
    slug: String,
}

/// The supplements of one number that share a slug, in version order.
#[derive(Debug, Clone, Serialize)]
pub struct Supplement {
    pub slug: String,
    /// The first version's title.
    pub title: String,
    pub versions: Vec<Version>,
}

/// One document number of a track.
#[derive(Debug, Clone, Serialize)]
pub struct Number {
    pub number: u16,
    /// `scs-0100`.
    pub name: String,
    /// The number's page on the site.
    pub link: String,
    /// The title and description of the newest effective version, or else of the last.
    pub title: String,
    pub description: Option<String>,
    pub versions: Vec<Version>,
    pub supplements: Vec<Supplement>,
}

/// One track with its numbers in numeric order.
#[derive(Debug, Clone, Serialize)]
pub struct Track {
    /// As the documents write it (`IaaS`); its pages live under the lower-case form.
    pub name: String,
    pub path: String,
    pub numbers: Vec<Number>,
}

/// A document left out of the pages, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub path: String,
    pub reason: String,
    /// Whether leaving it out is a finding that fails the run (its track cannot name a
    /// folder), rather than the way the site works (a proposal has no page yet).
    #[serde(skip)]
    pub fails: bool,
}

/// The versions and the supplement versions collected for one number.
type Collected = (Vec<Version>, Vec<Version>);

/// Everything the pages show.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub today: String,
    pub tracks: Vec<Track>,
    #[serde(skip)]
    pub warnings: Vec<Warning>,
}

impl Site {
    /// Builds the model of `corpus` on `today` (`YYYY-MM-DD`). Documents that do not parse,
    /// proposals without a number and documents without a track are left out, each with a
    /// warning; templates (`scs-XXXX-…`) are not pages.
    pub fn build(corpus: &Corpus, today: &str) -> Self {
        let mut warnings = Vec::new();
        // track → number → (versions, supplements); tracks in order of first appearance.
        let mut order: Vec<String> = Vec::new();
        let mut tracks: BTreeMap<String, BTreeMap<u16, Collected>> = BTreeMap::new();
        let mut documents: Vec<&Document> =
            corpus.documents.iter().filter(|d| !d.file_name.starts_with("scs-X")).collect();
        // Numeric order of numbers and versions (the generator sorted them as text).
        documents.sort_by_key(|d| {
            let id = d.name.as_ref().ok().map(|n| n.id);
            (id.and_then(|i| i.number.assigned()), id.and_then(|i| i.version.number()), d.file_name.clone())
        });
        for doc in documents {
            let leave_out = |reason: &str| Warning { path: doc.path.clone(), reason: reason.to_owned(), fails: false };
            if !doc.problems.is_empty() || doc.front_matter.is_none() {
                warnings.push(leave_out("it does not parse (see the findings above); it is left out of the pages"));
                continue;
            }
            let Ok(name) = &doc.name else {
                warnings.push(leave_out("its file name is not an SCS name; it is left out of the pages"));
                continue;
            };
            // A name goes into tables, links and the sidebar script: a line break or `|` would
            // add a row, a control character would reach the page raw.
            if doc.file_name.chars().any(|c| {
                c.is_control()
                    || scs_core::untrusted::is_bidi_control(c)
                    || matches!(c, '|' | '<' | '>' | '{' | '}' | '`' | '[' | ']' | '"' | '\\')
            }) {
                warnings.push(leave_out(
                    "its file name has characters no page can show as they are (a control character, `|`, `<`, `{`, a bracket or a quote); it is left out of the pages",
                ));
                continue;
            }
            let (Some(number), Some(order_key)) = (name.id.number.assigned(), name.id.version.number()) else {
                warnings.push(leave_out(
                    "it is a proposal without a number (`scs number` gives it one); it gets no page yet",
                ));
                continue;
            };
            let Some(track) = text(doc, "track") else {
                warnings.push(leave_out("it has no `track`, so no track page can list it"));
                continue;
            };
            // The track names a folder of the site: only a name that cannot leave it.
            if track_folder(&track).is_none() {
                warnings.push(Warning {
                    fails: true,
                    ..leave_out(&format!(
                        "its track `{}` is not a track of SCS-0001 ({}) nor a plain name of letters, digits, `-` and `_`, so it cannot name a folder of the site; it is left out of the pages",
                        scs_core::untrusted::printable(&track, 60),
                        scs_core::Track::expected()
                    ))
                });
                continue;
            }
            let version = Version {
                version: doc.file_name.split('-').nth(2).unwrap_or_default().to_owned(),
                id: doc.file_name.trim_end_matches(".md").to_owned(),
                file_name: doc.file_name.clone(),
                title: text(doc, "title"),
                description: raw(doc, "description"),
                doc_type: text(doc, "type"),
                status: text(doc, "status"),
                stabilized_at: doc.date("stabilized_at").map(str::to_owned),
                deprecated_at: doc.date("deprecated_at").map(str::to_owned),
                state: SiteState::of(doc, today),
                link: format!("/standards/{}", doc.file_name.trim_end_matches(".md")),
                order: order_key,
                slug: name.slug.clone(),
            };
            if !order.contains(&track) {
                order.push(track.clone());
            }
            let entry = tracks.entry(track).or_default().entry(number).or_default();
            if name.id.kind == DocKind::Supplement { entry.1.push(version) } else { entry.0.push(version) }
        }
        let tracks = order
            .into_iter()
            .map(|name| {
                let numbers = tracks.remove(&name).unwrap_or_default();
                let path = track_folder(&name).unwrap_or_default();
                let numbers = numbers
                    .into_iter()
                    .map(|(number, (versions, supplements))| number_of(&path, number, versions, supplements))
                    .collect();
                Track { name, path, numbers }
            })
            .collect();
        Site { today: today.to_owned(), tracks, warnings }
    }
}

fn number_of(track_path: &str, number: u16, versions: Vec<Version>, supplements: Vec<Version>) -> Number {
    let reference = versions
        .iter()
        .rev()
        .find(|v| matches!(v.state, SiteState::Effective { .. }))
        .or(versions.last())
        .or(supplements.first());
    let title = reference.and_then(|r| r.title.clone()).unwrap_or_else(|| format!("scs-{number:04}"));
    let description = reference.and_then(|r| r.description.clone());
    let mut groups: Vec<Supplement> = Vec::new();
    for version in supplements {
        match groups.iter_mut().find(|g| g.slug == version.slug) {
            Some(group) => group.versions.push(version),
            None => groups.push(Supplement {
                slug: version.slug.clone(),
                title: version.title.clone().unwrap_or_else(|| version.id.clone()),
                versions: vec![version],
            }),
        }
    }
    for group in &mut groups {
        group.versions.sort_by_key(|v| v.order);
    }
    let name = format!("scs-{number:04}");
    Number {
        number,
        link: format!("/standards/{track_path}/{name}"),
        name,
        title,
        description,
        versions,
        supplements: groups,
    }
}

/// The folder of the site a track's pages go to (its name in lower case), for a track of
/// SCS-0001 or a new one with a plain name: an ASCII letter, then up to 39 letters, digits,
/// `-` or `_`, and not a name Windows reserves for a device. Anything else (`..`, `/x`, an
/// empty or a very long value) names no folder: values from documents never become paths
/// unchecked.
pub fn track_folder(track: &str) -> Option<String> {
    if scs_core::Track::parse(track).is_some() {
        return Some(track.to_lowercase());
    }
    let mut chars = track.chars();
    let plain = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && track.len() <= 40;
    let folder = track.to_lowercase();
    let device = matches!(folder.as_str(), "con" | "prn" | "aux" | "nul")
        || ((folder.starts_with("com") || folder.starts_with("lpt"))
            && folder.len() == 4
            && folder.as_bytes()[3].is_ascii_digit());
    (plain && !device).then_some(folder)
}

/// A front-matter value as one line of text, if it is a scalar.
fn text(doc: &Document, key: &str) -> Option<String> {
    doc.scalar(key).map(str::to_owned)
}

/// A front-matter value as the YAML reader gives it (a block scalar keeps its newlines).
fn raw(doc: &Document, key: &str) -> Option<String> {
    let value = doc.entry(key)?;
    if value.value.is_null() { None } else { value.value.as_str().map(str::to_owned) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tracks_of_scs_0001_and_plain_names_become_folders() {
        assert_eq!(track_folder("IaaS").as_deref(), Some("iaas"));
        assert_eq!(track_folder("IAM").as_deref(), Some("iam"));
        assert_eq!(track_folder("Networking-2").as_deref(), Some("networking-2"));
        for hostile in
            ["", "..", ".", "../../victim", "/tmp/x", "a/b", "a\\b", "C:x", "x\0", "Con", "lpt1", "ä", &"x".repeat(41)]
        {
            assert_eq!(track_folder(hostile), None, "{hostile:?}");
        }
    }

    #[test]
    fn a_document_whose_track_cannot_name_a_folder_is_left_out_with_a_warning() {
        let doc = |name: &str, track: &str| {
            let text = format!("---\ntitle: T\ntype: Standard\nstatus: Draft\ntrack: {track}\n---\n");
            Document::parse(format!("Standards/{name}"), name.into(), text.into_bytes())
        };
        let corpus = Corpus::from_documents(
            "repo".into(),
            vec![
                doc("scs-0100-v1-a.md", "IaaS"),
                doc("scs-0101-v1-b.md", "../../victim"),
                doc("scs-0102-v1-c.md", "'/etc'"),
                doc("scs-0103-v1-d.md", "''"),
            ],
        );
        let site = Site::build(&corpus, "2026-01-01");
        assert_eq!(site.tracks.iter().map(|t| t.path.as_str()).collect::<Vec<_>>(), ["iaas"]);
        let left_out: Vec<&str> = site.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(
            left_out,
            ["Standards/scs-0101-v1-b.md", "Standards/scs-0102-v1-c.md", "Standards/scs-0103-v1-d.md"]
        );
        assert!(site.warnings[0].reason.contains("`../../victim`"), "{}", site.warnings[0].reason);
        assert!(site.warnings[0].fails && site.warnings[1].fails);
    }
}

//! `cargo xtask gen-corpus`: synthetic SCS standards repositories for benchmarks.
//!
//! The shape follows the real repository: about 7 KB per document, five `##` and three `###`
//! headings, a handful of external links and one or two links to other documents, one
//! supplement in four documents, major versions chained by `replaces`/`replaced_by` with the
//! old versions Deprecated, Standards and Decision Records with the sections SCS-0001 requires,
//! and one certificate scope over Stable standards. A chosen share of documents gets exactly
//! one violation, so that the rules have findings to report. The output depends only on the
//! seed and the options.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub const USAGE: &str = "cargo xtask gen-corpus --docs N --out DIR [--seed S] [--violations SHARE] [--force]

gen-corpus  write a synthetic SCS repository of N documents to DIR (Standards/ and
            Tests/), deterministic from the seed (default 1); SHARE (default 0.05) is
            the fraction of documents that get one injected violation. DIR must be
            empty or absent unless --force is given";

/// Options of one generated repository.
#[derive(Clone, Debug)]
pub struct Spec {
    pub docs: usize,
    pub seed: u64,
    /// Fraction of documents with one injected violation, in `0.0..=1.0`.
    pub violations: f64,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    pub documents: usize,
    pub bytes: u64,
    pub violations: usize,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut spec = Spec { docs: 0, seed: 1, violations: 0.05 };
    let mut out = None;
    let mut force = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--docs" => spec.docs = value()?.parse().map_err(|_| "--docs takes a number of documents")?,
            "--seed" => spec.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--violations" => {
                spec.violations = value()?
                    .parse()
                    .ok()
                    .filter(|v: &f64| (0.0..=1.0).contains(v))
                    .ok_or("--violations takes a share between 0 and 1")?;
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--force" => force = true,
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    let out = out.ok_or(format!("--out is required\n{USAGE}"))?;
    if spec.docs == 0 {
        return Err(format!("--docs is required and must be positive\n{USAGE}"));
    }
    if !force && out.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        return Err(format!("{} is not empty; pass --force to write into it", out.display()));
    }
    let summary = generate(&spec, &out)?;
    eprintln!(
        "wrote {} documents ({:.1} MB, {} with an injected violation) to {}",
        summary.documents,
        summary.bytes as f64 / 1e6,
        summary.violations,
        out.display()
    );
    Ok(())
}

/// The largest repository the four-digit numbers allow with the tracks 0 to 4: 5,000 numbers.
const NUMBERS: usize = 5_000;

/// Writes the repository for `spec` into `out` (created if needed).
pub fn generate(spec: &Spec, out: &Path) -> Result<Summary, String> {
    let standards = out.join("Standards");
    let tests = out.join("Tests");
    for dir in [&standards, &tests] {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut rng = Rng(spec.seed);
    let mut summary = Summary::default();
    // Documents per number: about 2.5 as in the real repository, more when N needs it.
    let per_number = (spec.docs as f64 / NUMBERS as f64).max(2.5);
    let mut current: Vec<Target> = Vec::new(); // documents in effect, for links and the scope
    let mut index = 0usize;
    while summary.documents < spec.docs {
        let number = number_at(index);
        index += 1;
        let left = spec.docs - summary.documents;
        let mut group = if index >= NUMBERS {
            left // the last number takes the rest
        } else {
            ((per_number * (0.5 + rng.unit())).round() as usize).clamp(1, left)
        };
        let decision = rng.unit() < 0.2;
        if decision {
            group = 1; // Decision Records are rarely revised
        }
        let supplements = if decision || group < 2 { 0 } else { (group / 4).max(usize::from(rng.unit() < 0.5)) };
        let versions = group - supplements;
        let slug = slug(&mut rng);
        let files = write_group(
            &Group { number, slug: &slug, decision, versions, supplements },
            &mut rng,
            spec,
            &current,
            &standards,
            &mut summary,
        )?;
        current.extend(files);
    }
    let scope = scope_file(&current);
    summary.bytes += scope.len() as u64;
    write(&tests.join("scs-compatible-generated.yaml"), &scope)?;
    Ok(summary)
}

/// The `index`-th number whose second digit names one of the tracks 0 to 4.
fn number_at(index: usize) -> u16 {
    let index = index.min(NUMBERS - 1);
    let (thousands, rest) = (index / 500, index % 500);
    // Within a thousand, hundreds 0..=4 are the tracks Global, IaaS, KaaS, IAM, Ops.
    (thousands * 1000 + rest) as u16
}

struct Group<'a> {
    number: u16,
    slug: &'a str,
    decision: bool,
    versions: usize,
    supplements: usize,
}

/// A document in effect that others may link to.
struct Target {
    file: String,
    anchor: &'static str,
    stable_standard: bool,
}

fn file_name(number: u16, kind: char, version: usize, slug: &str) -> String {
    format!("scs-{number:04}-{kind}{version}-{slug}.md")
}

fn write_group(
    group: &Group,
    rng: &mut Rng,
    spec: &Spec,
    targets: &[Target],
    dir: &Path,
    summary: &mut Summary,
) -> Result<Vec<Target>, String> {
    let names: Vec<String> = (1..=group.versions).map(|v| file_name(group.number, 'v', v, group.slug)).collect();
    // The last version is Stable, or (one time in three) a Draft that replaces a Stable one.
    let draft_last = group.versions >= 2 && rng.unit() < 0.33;
    let stable = if draft_last { group.versions - 2 } else { group.versions - 1 };
    let mut current = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let status = match i.cmp(&stable) {
            std::cmp::Ordering::Less => Status::Deprecated,
            std::cmp::Ordering::Equal => Status::Stable,
            std::cmp::Ordering::Greater => Status::Draft,
        };
        let doc = Doc {
            number: group.number,
            decision: group.decision,
            status,
            replaces: i.checked_sub(1).map(|p| names[p].as_str()),
            replaced_by: (status == Status::Deprecated).then(|| names[i + 1].as_str()),
            supplements: &[],
        };
        let violation = (rng.unit() < spec.violations).then(|| Violation::pick(rng, &doc, targets));
        write_doc(&doc, violation, rng, targets, &dir.join(name), summary)?;
        if status != Status::Deprecated {
            let anchor = if group.decision { "decision" } else { "introduction" };
            current.push(Target {
                file: name.clone(),
                anchor,
                stable_standard: !group.decision && status == Status::Stable && violation.is_none(),
            });
        }
    }
    for w in 1..=group.supplements {
        let name = file_name(group.number, 'w', w, &format!("{}-notes-{w}", group.slug));
        let doc = Doc {
            number: group.number,
            decision: false,
            status: Status::Supplement,
            replaces: None,
            replaced_by: None,
            supplements: &names[stable.min(names.len() - 1)..],
        };
        let violation = (rng.unit() < spec.violations).then(|| Violation::pick(rng, &doc, targets));
        write_doc(&doc, violation, rng, targets, &dir.join(&name), summary)?;
    }
    Ok(current)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Draft,
    Stable,
    Deprecated,
    /// Not a status: supplements carry none.
    Supplement,
}

struct Doc<'a> {
    number: u16,
    decision: bool,
    status: Status,
    replaces: Option<&'a str>,
    replaced_by: Option<&'a str>,
    supplements: &'a [String],
}

/// The mistakes authors make, one per affected document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Violation {
    MissingSection,
    StableWithoutDate,
    BrokenLink,
    BrokenAnchor,
    WrongTrack,
    InvalidDate,
}

impl Violation {
    const ALL: [Self; 6] = [
        Self::MissingSection,
        Self::StableWithoutDate,
        Self::BrokenLink,
        Self::BrokenAnchor,
        Self::WrongTrack,
        Self::InvalidDate,
    ];

    /// One of the violations that `doc` can carry (each of them gives a finding).
    fn pick(rng: &mut Rng, doc: &Doc, targets: &[Target]) -> Self {
        let dated = matches!(doc.status, Status::Stable | Status::Deprecated);
        let applicable: Vec<Self> = Self::ALL
            .into_iter()
            .filter(|v| match v {
                Self::StableWithoutDate | Self::InvalidDate => dated,
                Self::MissingSection => doc.status != Status::Supplement,
                Self::BrokenAnchor => !targets.is_empty(),
                Self::BrokenLink | Self::WrongTrack => true,
            })
            .collect();
        applicable[rng.below(applicable.len())]
    }
}

const TRACKS: [&str; 5] = ["Global", "IaaS", "KaaS", "IAM", "Ops"];

fn write_doc(
    doc: &Doc,
    violation: Option<Violation>,
    rng: &mut Rng,
    targets: &[Target],
    path: &Path,
    summary: &mut Summary,
) -> Result<(), String> {
    let text = document(doc, violation, rng, targets);
    summary.documents += 1;
    summary.bytes += text.len() as u64;
    summary.violations += usize::from(violation.is_some());
    write(path, &text)
}

fn document(doc: &Doc, violation: Option<Violation>, rng: &mut Rng, targets: &[Target]) -> String {
    let mut s = String::with_capacity(8 * 1024);
    let track_digit = usize::from(doc.number / 100 % 10);
    let track = if violation == Some(Violation::WrongTrack) {
        TRACKS[(track_digit + 1) % TRACKS.len()]
    } else {
        TRACKS[track_digit]
    };
    let doc_type = match (doc.status, doc.decision) {
        (Status::Supplement, _) => "Supplement",
        (_, true) => "Decision Record",
        _ => "Standard",
    };
    let _ = writeln!(s, "---\ntitle: {}\ntype: {doc_type}", title(rng));
    if let Some(status) = match doc.status {
        Status::Draft => Some("Draft"),
        Status::Stable => Some("Stable"),
        Status::Deprecated => Some("Deprecated"),
        Status::Supplement => None,
    } {
        let _ = writeln!(s, "status: {status}");
    }
    let _ = writeln!(s, "track: {track}");
    if matches!(doc.status, Status::Stable | Status::Deprecated) && violation != Some(Violation::StableWithoutDate) {
        let date = if violation == Some(Violation::InvalidDate) { "2024-13-32".to_owned() } else { date(rng, 2021) };
        let _ = writeln!(s, "stabilized_at: {date}");
    }
    if doc.status == Status::Deprecated {
        let _ = writeln!(s, "deprecated_at: {}", date(rng, 2025));
    }
    for (key, value) in [("replaces", doc.replaces), ("replaced_by", doc.replaced_by)] {
        if let Some(value) = value {
            let _ = writeln!(s, "{key}:\n  - {value}");
        }
    }
    if !doc.supplements.is_empty() {
        let _ = writeln!(s, "supplements:");
        for target in doc.supplements {
            let _ = writeln!(s, "  - {target}");
        }
    }
    let _ = writeln!(s, "description: |\n  {}\n---\n", sentence(rng));

    let sections: &[&str] = match (doc.status, doc.decision) {
        (Status::Supplement, _) => &["Introduction", "Implementation Notes"],
        (_, true) => &["Abstract", "Context", "Decision", "Consequences"],
        _ => &["Introduction", "Motivation", "Design Considerations", "TOPIC", "Conformance Tests"],
    };
    // A Standard without its Conformance Tests, a Decision Record without its Context.
    let skip = (violation == Some(Violation::MissingSection) && doc.status != Status::Supplement)
        .then(|| if doc.decision { 1 } else { sections.len() - 1 });
    // Most documents are 3 to 12 KB; the links fall into random paragraphs.
    let paragraphs = 1 + rng.below(3);
    let mut local_links = 1 + rng.below(2);
    for (i, &heading) in sections.iter().enumerate() {
        if skip == Some(i) {
            continue;
        }
        let heading = if heading == "TOPIC" { title(rng) } else { heading.to_owned() };
        let _ = writeln!(s, "## {heading}\n");
        let subsections = if heading == "Design Considerations" || i == 3 { 1 + rng.below(2) } else { 0 };
        for sub in 0..=subsections {
            if sub > 0 {
                let _ = writeln!(s, "### {}\n", title(rng));
            }
            for _ in 0..paragraphs {
                paragraph(&mut s, rng);
                if local_links > 0 && !targets.is_empty() && rng.unit() < 0.3 {
                    local_links -= 1;
                    let target = &targets[rng.below(targets.len())];
                    let _ = writeln!(s, "See also [the related document]({}#{}).\n", target.file, target.anchor);
                }
            }
        }
    }
    match violation {
        Some(Violation::BrokenLink) => {
            let _ = writeln!(s, "This follows [a missing document](scs-{:04}-v9-missing.md).\n", doc.number);
        }
        Some(Violation::BrokenAnchor) => {
            let target = &targets[rng.below(targets.len())];
            let _ = writeln!(s, "See [this section]({}#no-such-heading).\n", target.file);
        }
        _ => {}
    }
    s
}

/// A certificate scope whose one version includes up to 20 Stable standards.
fn scope_file(targets: &[Target]) -> String {
    let mut s = String::from(
        "name: Generated-compatible\nuuid: 0b6f1d2e-3a4c-4e5f-8a9b-1c2d3e4f5a6b\n\
         url: https://example.org/standards/Tests/scs-compatible-generated.yaml\nmodules:\n",
    );
    let included: Vec<&Target> = targets.iter().filter(|t| t.stable_standard).take(20).collect();
    let ids: Vec<String> = included.iter().map(|t| t.file[..11].to_owned()).collect();
    let pages: Vec<&str> = included.iter().map(|t| t.file.trim_end_matches(".md")).collect();
    for (page, id) in pages.iter().zip(&ids) {
        let _ = writeln!(
            s,
            "  - id: {id}\n    name: Module {id}\n    url: https://docs.scs.community/standards/{page}\n    \
             targets:\n      main:\n      - {id}-test"
        );
    }
    s.push_str("scripts:\n- executable: ./check.py\n  testcases:\n");
    for (page, id) in pages.iter().zip(&ids) {
        let _ =
            writeln!(s, "  - id: {id}-test\n    url: https://docs.scs.community/standards/{page}#conformance-tests");
    }
    s.push_str("timeline:\n  - date: 2025-06-01\n    versions:\n      v1: effective\n");
    s.push_str("versions:\n  - version: v1\n    stabilized_at: 2025-06-01\n    include:\n");
    for id in &ids {
        let _ = writeln!(s, "      - {id}");
    }
    s
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

const WORDS: [&str; 48] = [
    "cloud",
    "provider",
    "volume",
    "network",
    "image",
    "flavor",
    "cluster",
    "node",
    "policy",
    "secret",
    "domain",
    "project",
    "quota",
    "backup",
    "region",
    "endpoint",
    "token",
    "service",
    "catalog",
    "metric",
    "alert",
    "audit",
    "storage",
    "compute",
    "router",
    "subnet",
    "bucket",
    "object",
    "role",
    "user",
    "group",
    "key",
    "certificate",
    "registry",
    "upgrade",
    "version",
    "lifecycle",
    "tenant",
    "operator",
    "gateway",
    "zone",
    "replica",
    "snapshot",
    "template",
    "label",
    "property",
    "scheduler",
    "console",
];

const VERBS: [&str; 8] =
    ["MUST offer", "SHOULD keep", "MAY expose", "MUST NOT hide", "documents", "tests", "lists", "names"];

fn word(rng: &mut Rng) -> &'static str {
    WORDS[rng.below(WORDS.len())]
}

fn slug(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    (0..n).map(|_| word(rng)).collect::<Vec<_>>().join("-")
}

fn title(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    let mut words: Vec<String> = (0..n).map(|_| word(rng).to_owned()).collect();
    if let Some(first) = words.first_mut() {
        first[..1].make_ascii_uppercase();
    }
    // Distinct headings keep anchors unique without `-1` suffixes.
    let _ = write!(words[0], " {}", rng.below(10_000));
    words.join(" ")
}

fn sentence(rng: &mut Rng) -> String {
    let n = 6 + rng.below(10);
    let mut out = format!("The {} {}", word(rng), VERBS[rng.below(VERBS.len())]);
    for _ in 0..n {
        out.push(' ');
        out.push_str(word(rng));
    }
    out.push('.');
    out
}

fn paragraph(s: &mut String, rng: &mut Rng) {
    let sentences = 3 + rng.below(5);
    for i in 0..sentences {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&sentence(rng));
        if rng.unit() < 0.12 {
            let _ = write!(s, " See [the {} guide](https://example.org/{}/{}).", word(rng), word(rng), rng.below(1000));
        }
    }
    s.push_str("\n\n");
}

fn date(rng: &mut Rng, from_year: u64) -> String {
    format!("{}-{:02}-{:02}", from_year + rng.below(2) as u64, 1 + rng.below(12), 1 + rng.below(28))
}

/// SplitMix64: a few lines give a fast, well-mixed, seedable sequence; a crate for this
/// would add more than it saves.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn findings(root: &Path) -> Vec<scs_rules::Diagnostic> {
        let corpus = scs_core::Corpus::load(root).expect("the generated repository loads");
        scs_rules::check(&corpus, &scs_rules::Settings::default())
    }

    #[test]
    fn without_violations_every_rule_passes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let summary = generate(&Spec { docs: 400, seed: 3, violations: 0.0 }, dir.path()).expect("generate");
        assert_eq!(summary.documents, 400);
        let found = findings(dir.path());
        assert!(found.is_empty(), "{:#?}", &found[..found.len().min(5)]);
    }

    #[test]
    fn each_injected_violation_is_found_in_its_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let summary = generate(&Spec { docs: 400, seed: 5, violations: 0.3 }, dir.path()).expect("generate");
        assert!(summary.violations > 80, "{summary:?}");
        let files: BTreeSet<String> = findings(dir.path()).into_iter().map(|d| d.path).collect();
        assert_eq!(files.len(), summary.violations, "{files:?}");
    }

    #[test]
    fn checking_one_file_loads_enough_to_find_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        generate(&Spec { docs: 150, seed: 11, violations: 0.3 }, dir.path()).expect("generate");
        let settings = scs_rules::Settings::default();
        let full = findings(dir.path());
        for entry in std::fs::read_dir(dir.path().join("Standards")).expect("read") {
            let path = format!("Standards/{}", entry.expect("entry").file_name().to_string_lossy());
            let only = BTreeSet::from([path.clone()]);
            let related = scs_core::Corpus::load_related(dir.path(), &only, scs_core::LoadOptions::default());
            let partial = scs_rules::check_files(&related.expect("load"), &settings, Some(&only));
            let expected: Vec<_> = full.iter().filter(|d| d.path == path).cloned().collect();
            assert_eq!(partial, expected, "{path}");
        }
    }

    #[test]
    fn the_seed_decides_the_output() {
        let [a, b, c] = [1, 1, 2].map(|seed| {
            let dir = tempfile::tempdir().expect("tempdir");
            generate(&Spec { docs: 50, seed, violations: 0.1 }, dir.path()).expect("generate");
            let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path().join("Standards"))
                .expect("read")
                .map(|e| {
                    let e = e.expect("entry");
                    (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("file"))
                })
                .collect();
            files.sort();
            files
        });
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn numbers_keep_the_track_digit_in_range() {
        for index in [0, 499, 500, 4_999, 7_000] {
            let number = number_at(index);
            assert!(number / 100 % 10 <= 4 && number <= 9_999, "{number}");
        }
        assert_eq!(number_at(500), 1000);
    }
}

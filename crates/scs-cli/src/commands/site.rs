//! `scs site`: the docs site's standards pages, written into the site's `standards/` folder
//! (or checked against it), from the same parsed documents `scs check` reads.

use std::io::Write;
use std::path::{Path, PathBuf};

use scs_core::Corpus;
use scs_site::{Site, Templates};

use crate::cli::{SiteArgs, SiteFormat};
use crate::render::human::Human;
use crate::write::write_bytes_atomically;
use crate::{ExitCode, Failure, discover};

/// The rules whose findings keep a document out of the pages: it could not be read.
const PARSE_RULES: [&str; 6] =
    ["unreadable-file", "invalid-utf8", "empty-file", "front-matter-missing", "front-matter-unclosed", "invalid-yaml"];

pub fn run(args: &SiteArgs, cwd: &Path, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    let paths: Vec<PathBuf> = args.path.iter().cloned().collect();
    let target =
        discover::targets(&paths, cwd)?.into_iter().next().ok_or_else(|| Failure::Usage("no repository".into()))?;
    let root = cwd.join(&target.root);
    let today = match &args.today {
        Some(day) => day
            .parse::<jiff::civil::Date>()
            .map_err(|_| Failure::Usage(format!("--today takes a date YYYY-MM-DD, not `{day}`")))?
            .to_string(),
        None => jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date().to_string(),
    };
    let corpus = Corpus::load(&root)?;
    let site = Site::build(&corpus, &today);
    let left_out = report_left_out(&corpus, &site);

    if args.format == SiteFormat::Json {
        let mut text = serde_json::to_string_pretty(&site).map_err(|e| Failure::Output(e.into()))?;
        text.push('\n');
        stdout.write_all(text.as_bytes()).map_err(Failure::Output)?;
        return Ok(if left_out { ExitCode::Findings } else { ExitCode::Clean });
    }
    let out = cwd.join(
        args.out
            .as_ref()
            .ok_or_else(|| Failure::Usage("scs site needs --out DIR (the site's standards/ folder)".into()))?,
    );
    let sidebar = match &args.sidebar {
        Some(file) => cwd.join(file),
        None => out.parent().unwrap_or(Path::new(".")).join("sidebarsStandardsItems.js"),
    };
    let templates = match &args.templates {
        Some(dir) => load_templates(&cwd.join(dir), &site)?,
        None => Templates::builtin(),
    };
    let mut files = copies(&root)?;
    let (pages, sidebar_text) = scs_site::render(&site, &templates);
    files.extend(pages.into_iter().map(|p| (out.join(&p.path), p.text.into_bytes())));
    files.push((sidebar, sidebar_text.into_bytes()));
    let files: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|(path, bytes)| if path.is_absolute() { (path, bytes) } else { (out.join(path), bytes) })
        .collect();

    let differing: Vec<&PathBuf> = files
        .iter()
        .filter(|(path, bytes)| std::fs::read(path).ok().as_deref() != Some(bytes.as_slice()))
        .map(|(p, _)| p)
        .collect();
    if args.check {
        for path in &differing {
            let what = if path.exists() { "differs from what scs site generates" } else { "is missing" };
            writeln!(stdout, "{} {what}", path.display()).map_err(Failure::Output)?;
        }
        eprintln!("scs site: {} of {} files out of date", differing.len(), files.len());
        return Ok(if differing.is_empty() && !left_out { ExitCode::Clean } else { ExitCode::Findings });
    }
    for path in &differing {
        let bytes = files.iter().find(|(p, _)| p == *path).map(|(_, b)| b.as_slice()).unwrap_or_default();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::Write { path: dir.to_path_buf(), reason: e.to_string() })?;
        }
        write_bytes_atomically(path, bytes)
            .map_err(|e| Failure::Write { path: path.to_path_buf(), reason: e.to_string() })?;
    }
    eprintln!(
        "scs site: wrote {} of {} files ({} already up to date) for {} tracks and {} document numbers",
        differing.len(),
        files.len(),
        files.len() - differing.len(),
        site.tracks.len(),
        site.tracks.iter().map(|t| t.numbers.len()).sum::<usize>()
    );
    Ok(if left_out { ExitCode::Findings } else { ExitCode::Clean })
}

/// Prints, as `scs check` does, why documents that do not parse are left out, and a warning
/// for every document the pages cannot list; returns whether any document did not parse.
fn report_left_out(corpus: &Corpus, site: &Site) -> bool {
    let mut settings = scs_rules::Settings::default();
    for meta in scs_rules::registry::all().filter(|m| !PARSE_RULES.contains(&m.id)) {
        settings.severities.insert(meta.id.to_owned(), None);
    }
    let findings = scs_rules::check(corpus, &settings);
    let human = Human::new(false);
    let mut text = String::new();
    for finding in findings.iter().filter(|d| d.path.starts_with(scs_core::STANDARDS_DIR)) {
        human.diagnostic(&mut text, corpus, &finding.path, finding);
        text.push('\n');
    }
    eprint!("{text}");
    for warning in &site.warnings {
        eprintln!("scs site: warning: {}: {}", warning.path, warning.reason);
    }
    site.warnings
        .iter()
        .any(|w| corpus.by_path(&w.path).is_some_and(|d| !d.problems.is_empty() || d.front_matter.is_none()))
}

/// The templates of `dir`: every file the pages need, or an error naming each missing one.
fn load_templates(dir: &Path, site: &Site) -> Result<Templates, Failure> {
    let mut missing = Vec::new();
    let mut read = |name: String| match std::fs::read_to_string(dir.join(&name)) {
        Ok(text) => text,
        Err(_) => {
            missing.push(name);
            String::new()
        }
    };
    let intro = read("intro.md".into());
    let legend = read("legend.md".into());
    let table_style = read("table-style.mdx".into());
    let tracks = site.tracks.iter().map(|t| (t.name.clone(), read(format!("tracks/{}.md", t.name)))).collect();
    if missing.is_empty() {
        Ok(Templates { intro, legend, table_style, tracks })
    } else {
        Err(Failure::Usage(format!(
            "the templates folder {} lacks {}; it needs intro.md, legend.md, table-style.mdx and tracks/<Track>.md for each track",
            dir.display(),
            missing.join(", ")
        )))
    }
}

/// The byte copies the site serves: every `Standards/*.md` but `README.md`, and every
/// `Tests/scs-*.yaml`, by file name (relative to DIR).
fn copies(root: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, Failure> {
    let mut files = Vec::new();
    type Keep = fn(&str) -> bool;
    let wanted: [(&str, Keep); 2] = [
        (scs_core::STANDARDS_DIR, |name| name.ends_with(".md") && name != "README.md"),
        (scs_core::TESTS_DIR, |name| name.starts_with("scs-") && name.ends_with(".yaml")),
    ];
    for (folder, keep) in wanted {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else { continue };
        let mut names: Vec<(String, PathBuf)> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| Some((e.file_name().to_str()?.to_owned(), e.path())))
            .filter(|(name, _)| keep(name))
            .collect();
        names.sort();
        for (name, path) in names {
            let bytes = std::fs::read(&path)
                .map_err(|e| Failure::Write { path: path.clone(), reason: format!("cannot read it: {e}") })?;
            files.push((PathBuf::from(name), bytes));
        }
    }
    Ok(files)
}

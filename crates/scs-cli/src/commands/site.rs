//! `scs site`: the docs site's standards pages, written into the site's `standards/` folder
//! (or checked against it), from the same parsed documents `scs check` reads.

use std::io::Write;
use std::path::{Path, PathBuf};

use scs_core::Corpus;
use scs_core::Reader;
use scs_core::corpus::DEFAULT_MAX_FILE_SIZE;
use scs_site::{Site, Templates};

use crate::cli::{SiteArgs, SiteFormat};
use crate::render::human::Human;
use crate::write::write_bytes_atomically;
use scs_repository::{Repository, discover};

use crate::{ExitCode, Failure};

/// The rules whose findings keep a document out of the pages: it could not be read.
const PARSE_RULES: [&str; 6] =
    ["unreadable-file", "invalid-utf8", "empty-file", "front-matter-missing", "front-matter-unclosed", "invalid-yaml"];

pub fn run(args: &SiteArgs, cwd: &Path, stdout: &mut dyn Write) -> Result<ExitCode, Failure> {
    let root = match (&args.path, args.flat) {
        (Some(dir), true) => {
            let dir = cwd.join(dir);
            if !dir.is_dir() {
                return Err(Failure::Usage(format!("--flat needs a folder of documents; {} is none", dir.display())));
            }
            dir
        }
        _ => {
            let paths: Vec<PathBuf> = args.path.iter().cloned().collect();
            let target = discover::targets(&paths, cwd)?
                .into_iter()
                .next()
                .ok_or_else(|| Failure::Usage("no repository".into()))?;
            cwd.join(&target.root)
        }
    };
    let repository = Repository::open(&root, args.config.as_deref().map(|c| cwd.join(c)).as_deref())?;
    let today = scs_repository::today(args.today.as_deref())?.to_string();
    // The pages need file names and front matter only.
    let options = scs_core::LoadOptions { metadata_only: true, ..repository.load_options() };
    let corpus = if args.flat { Corpus::load_flat(&root, options)? } else { Corpus::load_with(&root, options)? };
    let site = Site::build(&corpus, &today);
    // A finding names the file as the user finds it: in --flat mode the folder given, not the
    // `Standards/` the documents are known by.
    let shown = |path: &str| -> String {
        match (&args.path, args.flat) {
            (Some(dir), true) => {
                let file = path.strip_prefix(scs_core::STANDARDS_DIR).unwrap_or(path).trim_start_matches('/');
                dir.join(file).display().to_string()
            }
            _ => path.to_owned(),
        }
    };
    let left_out = report_left_out(&corpus, &site, &shown);

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
    let templates = match (&args.templates, &args.templates_from) {
        (Some(dir), _) => load_templates(&cwd.join(dir), &site)?,
        (None, Some(script)) => templates_from(&cwd.join(script))?,
        (None, None) => Templates::builtin(),
    };
    // A new track must not stop the docs build: its page gets a plain introduction.
    for track in templates.tracks_without_text(&site) {
        eprintln!(
            "scs site: warning: no introduction for the track `{track}`; its page says \"The standards of the {track} track.\" until the texts have one"
        );
    }
    let (pages, sidebar_text) = scs_site::render(&site, &templates);
    let (tracks, numbers) = (site.tracks.len(), site.tracks.iter().map(|t| t.numbers.len()).sum::<usize>());
    // Only the pages stay in memory while writing: creating files with a large process
    // resident is several times slower here, and the copies are streamed one by one.
    drop((site, corpus));
    // The flat folder is where getDocs.js already put the copies.
    let copied = if args.flat { Vec::new() } else { copies(&root)? };
    let mut files: Vec<(PathBuf, Source)> =
        copied.into_iter().map(|(name, from)| (out.join(name), Source::Copy(from))).collect();
    files.extend(pages.into_iter().map(|p| (out.join(&p.path), Source::Text(p.text))));
    files.push((sidebar, Source::Text(sidebar_text)));

    let mut differing = 0;
    let anywhere = Reader::anywhere(repository.max_file_size());
    let repository = repository.reader();
    for (path, source) in &files {
        let bytes = source.bytes(&repository)?;
        // Only what differs is written: unchanged files keep their times; --check reads only.
        if anywhere.read(path).ok().as_deref() == Some(bytes.as_ref()) {
            continue;
        }
        differing += 1;
        if args.check {
            let what = if path.exists() { "differs from what scs site generates" } else { "is missing" };
            let shown = scs_core::untrusted::printable(&path.display().to_string(), 1000);
            writeln!(stdout, "{shown} {what}").map_err(Failure::Output)?;
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::Write { path: dir.to_path_buf(), reason: e.to_string() })?;
        }
        write_bytes_atomically(path, &bytes)
            .map_err(|e| Failure::Write { path: path.clone(), reason: e.to_string() })?;
    }
    if args.check {
        eprintln!("scs site: {differing} of {} files out of date", files.len());
        return Ok(if differing == 0 && !left_out { ExitCode::Clean } else { ExitCode::Findings });
    }
    eprintln!(
        "scs site: wrote {differing} of {} files ({} already up to date) for {tracks} tracks and {numbers} document numbers",
        files.len(),
        files.len() - differing,
    );
    Ok(if left_out { ExitCode::Findings } else { ExitCode::Clean })
}

/// Prints, as `scs check` does, why documents that do not parse are left out, and a warning
/// for every document the pages cannot list; returns whether any document did not parse or
/// has a track that cannot name a folder.
fn report_left_out(corpus: &Corpus, site: &Site, shown: &dyn Fn(&str) -> String) -> bool {
    let mut settings = scs_rules::Settings::default();
    for meta in scs_rules::registry::all().filter(|m| !PARSE_RULES.contains(&m.id)) {
        settings.severities.insert(meta.id.to_owned(), None);
    }
    let findings = scs_rules::check(corpus, &settings);
    let human = Human::new(false);
    let mut text = String::new();
    for finding in findings.iter().filter(|d| d.path.starts_with(scs_core::STANDARDS_DIR)) {
        human.diagnostic(&mut text, corpus, &shown(&finding.path), finding);
        text.push('\n');
    }
    eprint!("{text}");
    for warning in &site.warnings {
        eprintln!(
            "scs site: warning: {}: {}",
            scs_core::untrusted::printable(&shown(&warning.path), 1000),
            warning.reason
        );
    }
    site.warnings
        .iter()
        .any(|w| w.fails || corpus.by_path(&w.path).is_some_and(|d| !d.problems.is_empty() || d.front_matter.is_none()))
}

/// The templates of `dir`: every file the pages need, or an error naming each missing one.
fn load_templates(dir: &Path, site: &Site) -> Result<Templates, Failure> {
    let mut missing = Vec::new();
    let reader = Reader::anywhere(DEFAULT_MAX_FILE_SIZE);
    let mut read = |name: String| match reader.read_to_string(&dir.join(&name)) {
        Ok(text) => text,
        Err(_) => {
            missing.push(name);
            String::new()
        }
    };
    let intro = read("intro.md".into());
    let legend = read("legend.md".into());
    let table_style = read("table-style.mdx".into());
    // A track without its file gets a plain introduction and a warning (see run).
    let tracks = site
        .tracks
        .iter()
        .filter_map(|t| {
            reader.read_to_string(&dir.join(format!("tracks/{}.md", t.name))).ok().map(|text| (t.name.clone(), text))
        })
        .collect();
    if missing.is_empty() {
        Ok(Templates { intro, legend, table_style, tracks })
    } else {
        Err(Failure::Usage(format!(
            "the templates folder {} lacks {}; it needs intro.md, legend.md and table-style.mdx (and tracks/<Track>.md for each track, else a plain sentence)",
            dir.display(),
            missing.join(", ")
        )))
    }
}

/// The texts of the docs site's generator script (`--templates-from`).
fn templates_from(script: &Path) -> Result<Templates, Failure> {
    let text = Reader::anywhere(DEFAULT_MAX_FILE_SIZE)
        .read_to_string(script)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", script.display())))?;
    scs_site::templates_from_script(&text)
        .map_err(|e| Failure::Usage(format!("cannot take the page texts from {}: {e}", script.display())))
}

/// What a generated file holds: a page's text, or the bytes of a file it copies.
enum Source {
    Text(String),
    Copy(PathBuf),
}

impl Source {
    fn bytes(&self, reader: &Reader) -> Result<std::borrow::Cow<'_, [u8]>, Failure> {
        match self {
            Self::Text(text) => Ok(std::borrow::Cow::Borrowed(text.as_bytes())),
            Self::Copy(from) => reader
                .read(from)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| Failure::Write { path: from.clone(), reason: format!("cannot read it: {e}") }),
        }
    }
}

/// The byte copies the site serves: every `Standards/*.md` but `README.md`, and every
/// `Tests/scs-*.yaml`: their file names (relative to DIR) and where they are.
fn copies(root: &Path) -> Result<Vec<(PathBuf, PathBuf)>, Failure> {
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
        files.extend(names.into_iter().map(|(name, path)| (PathBuf::from(name), path)));
    }
    Ok(files)
}

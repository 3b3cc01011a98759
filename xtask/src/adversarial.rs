//! `cargo xtask bench --adversarial`: documents an attacker would write, at the size limit and
//! at half of it, through `scs check` (concise and human output) and through a language-server
//! `didChange`; and the language server's handlers on inputs that once made them quadratic.
//! Each shape once cost quadratic time (issues 19 and 31); the bound is at most 1 s at the
//! limit, and at most 2.5× the time for twice the input.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The default `max-file-size` of scs (`scs_core::corpus::DEFAULT_MAX_FILE_SIZE`).
const LIMIT: usize = 1024 * 1024;

/// The bounds the section checks.
const MAX_TIME: Duration = Duration::from_secs(1);
const MAX_RATIO: f64 = 2.5;

const HEAD: &str = "---\ntitle: X\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n\n";

/// One shape: its name and the unit repeated to fill the document.
type Shape = (&'static str, fn(usize) -> String);

const SHAPES: [Shape; 4] = [
    ("headings and links to missing anchors", |i| format!("## Heading {i}\n\nSee [a](#missing-{i}).\n\n")),
    ("suppression comments", |i| format!("<!-- scs-ignore broken-link: reason {i} -->\nSee [a](gone{i}.md).\n")),
    ("one long line of links", |i| format!("[a](#m{i}) ")),
    ("a finding on every line", |i| format!("[gone](gone-{i}.md) `status: Stabel` [x](#nope-{i})\n")),
];

/// One measured shape at one size.
pub struct Row {
    shape: &'static str,
    bytes: usize,
    check: Duration,
    /// `scs check` with the human renderer (each finding with its source line).
    human: Duration,
    change: Duration,
}

/// One language-server request on one hostile input, at half and at the full size.
pub struct HandlerRow {
    case: &'static str,
    size: String,
    time: Duration,
}

/// Writes the document of `shape` with at most `bytes` bytes; returns the repository root.
fn write(dir: &Path, shape: Shape, bytes: usize) -> Result<PathBuf, String> {
    let root = dir.join(format!("{}-{bytes}", shape.0.replace(' ', "-")));
    let standards = root.join("Standards");
    std::fs::create_dir_all(&standards).map_err(|e| e.to_string())?;
    let mut text = String::from(HEAD);
    // The line ends the one-line shape at the limit.
    let budget = bytes - 1;
    for i in 0.. {
        let unit = shape.1(i);
        if text.len() + unit.len() > budget {
            break;
        }
        text.push_str(&unit);
    }
    text.push('\n');
    std::fs::write(standards.join("scs-0100-v1-x.md"), text).map_err(|e| e.to_string())?;
    Ok(root)
}

/// The median wall time of `scs check --format FORMAT` (3 runs).
fn check(scs: &Path, root: &Path, format: &str) -> Result<Duration, String> {
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let status = Command::new(scs)
            .args(["check", "--format", format])
            // --color applies to the human output only (scs refuses it with other formats).
            .args(if format == "human" { &["--color", "never"][..] } else { &[] })
            .current_dir(root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| e.to_string())?;
        times.push(start.elapsed());
        if status.code().is_none_or(|c| c > 1) {
            return Err(format!("scs check failed on {}", root.display()));
        }
    }
    times.sort();
    Ok(times[1])
}

/// Measures every shape at half the limit and at the limit.
pub fn measure(scs: &Path, dir: &Path) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for shape in SHAPES {
        for bytes in [LIMIT / 2, LIMIT] {
            eprintln!("measuring {} ({bytes} bytes)", shape.0);
            let root = write(dir, shape, bytes)?;
            let concise = check(scs, &root, "concise")?;
            let human = check(scs, &root, "human")?;
            let document = root.join("Standards/scs-0100-v1-x.md");
            let lsp = crate::lsp_bench::measure(scs, shape.0, &root, &document, 4)?;
            rows.push(Row { shape: shape.0, bytes, check: concise, human, change: lsp.median() });
        }
    }
    Ok(rows)
}

/// A repository of one document of `unit`s filling `bytes`, and `scs-0101-v1-y.md` it may link.
fn handler_repository(dir: &Path, name: &str, bytes: usize, unit: fn(usize) -> String) -> Result<PathBuf, String> {
    let root = dir.join(format!("handler-{name}-{bytes}"));
    let standards = root.join("Standards");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&standards).map_err(|e| e.to_string())?;
    let mut text = String::from(HEAD);
    for i in 0.. {
        let piece = unit(i);
        if piece.is_empty() || text.len() + piece.len() >= bytes {
            break;
        }
        text.push_str(&piece);
    }
    std::fs::write(standards.join("scs-0100-v1-x.md"), text).map_err(|e| e.to_string())?;
    std::fs::write(standards.join("scs-0101-v1-y.md"), format!("{HEAD}## Introduction\n"))
        .map_err(|e| e.to_string())?;
    Ok(root)
}

fn uri(root: &Path, name: &str) -> Result<String, String> {
    let root = std::fs::canonicalize(root).map_err(|e| e.to_string())?;
    Ok(format!("file://{}/Standards/{name}", root.display()))
}

/// The median of 3 answers to `method` with `params`, on a server started on `root` (with
/// `open` opened first: code actions are offered for the findings of open files).
fn request(scs: &Path, root: &Path, open: Option<&str>, method: &str, params: Value) -> Result<Duration, String> {
    let mut server = crate::lsp_bench::Server::start(scs, root)?;
    if let Some(name) = open {
        let uri = uri(root, name)?;
        let text = std::fs::read_to_string(root.join("Standards").join(name)).map_err(|e| e.to_string())?;
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )?;
        server.pipe.published(&uri)?;
    }
    let mut times = Vec::new();
    for _ in 0..3 {
        times.push(server.time(method, params.clone())?);
    }
    server.stop();
    times.sort();
    Ok(times[1])
}

/// The language server's handlers on inputs that once made them quadratic (issue 31):
/// references to a document named by every link of a 1 MiB file, code actions over the whole
/// of a file with a finding on every line, the symbols of a file of headings, and one
/// `didChangeWatchedFiles` with thousands of created files (time until the next answer).
pub fn measure_handlers(scs: &Path, dir: &Path) -> Result<Vec<HandlerRow>, String> {
    let mut rows = Vec::new();
    for bytes in [LIMIT / 2, LIMIT] {
        eprintln!("measuring the handlers ({bytes} bytes)");
        let size = format!("{} KiB", bytes / 1024);
        let root = handler_repository(dir, "references", bytes, |_| "[g](scs-0101-v1-y.md) ".into())?;
        let params = json!({"textDocument": {"uri": uri(&root, "scs-0101-v1-y.md")?}, "position": {"line": 0, "character": 0},
            "context": {"includeDeclaration": false}});
        rows.push(HandlerRow {
            case: "references (a link in every 24 bytes)",
            size: size.clone(),
            time: request(scs, &root, None, "textDocument/references", params)?,
        });
        let root = handler_repository(dir, "actions", bytes, |i| format!("[gone](gone-{i}.md)\n"))?;
        let params = json!({"textDocument": {"uri": uri(&root, "scs-0100-v1-x.md")?},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1_000_000, "character": 0}},
            "context": {"diagnostics": []}});
        rows.push(HandlerRow {
            case: "codeAction over the whole file (a finding on every line)",
            size: size.clone(),
            time: request(scs, &root, Some("scs-0100-v1-x.md"), "textDocument/codeAction", params)?,
        });
        let root = handler_repository(dir, "symbols", bytes, |i| format!("## H{i}\n"))?;
        let params = json!({"textDocument": {"uri": uri(&root, "scs-0100-v1-x.md")?}});
        rows.push(HandlerRow {
            case: "documentSymbol (a heading on every line)",
            size: size.clone(),
            time: request(scs, &root, None, "textDocument/documentSymbol", params)?,
        });
    }
    for files in [2_500, 5_000] {
        eprintln!("measuring didChangeWatchedFiles ({files} files)");
        let mut times = Vec::new();
        for _ in 0..3 {
            let root = handler_repository(dir, "watched", 200, |_| String::new())?;
            let mut server = crate::lsp_bench::Server::start(scs, &root)?;
            let mut changes = Vec::new();
            for i in 0..files {
                let name = format!("scs-{:04}-v1-created.md", 1000 + i);
                std::fs::write(root.join("Standards").join(&name), format!("{HEAD}## Introduction\n"))
                    .map_err(|e| e.to_string())?;
                changes.push(json!({"uri": uri(&root, &name)?, "type": 1}));
            }
            let last = uri(&root, &format!("scs-{:04}-v1-created.md", 1000 + files - 1))?;
            let started = Instant::now();
            server.notify("workspace/didChangeWatchedFiles", json!({"changes": changes}))?;
            server.time("textDocument/documentSymbol", json!({"textDocument": {"uri": last}}))?;
            times.push(started.elapsed());
            server.stop();
        }
        times.sort();
        rows.push(HandlerRow {
            case: "didChangeWatchedFiles with created files",
            size: format!("{files} files"),
            time: times[1],
        });
    }
    Ok(rows)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// The section of BENCHMARKS.md, with the verdict of each bound.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::from(
        "## Adversarial documents\n\nOne document at the size limit (the default `max-file-size`, 1 MiB) and at half of \
         it, made of one hostile shape each (issue 19); the time of `scs check --format concise` (median of 3 \
         processes) and of a language-server `didChange` until its `publishDiagnostics` (median of 4). \
         Bounds: at most 1 s at the limit, at most 2.5× the time of half the input.\n\n\
         | shape | bytes | scs check | ×half | human output | ×half | didChange | ×half | within bounds |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for pair in rows.chunks(2) {
        let [half, full] = pair else { continue };
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-6);
        let (check_ratio, change_ratio) = (ratio(full.check, half.check), ratio(full.change, half.change));
        let human_ratio = ratio(full.human, half.human);
        let ok = full.check <= MAX_TIME
            && full.human <= MAX_TIME
            && full.change <= MAX_TIME
            && grows(check_ratio, full.check)
            && grows(human_ratio, full.human)
            && grows(change_ratio, full.change);
        let _ = writeln!(
            out,
            "| {} | {} | {} | | {} | | {} | | |\n| | {} | {} | {check_ratio:.2} | {} | {human_ratio:.2} | {} | {change_ratio:.2} | {} |",
            half.shape,
            half.bytes,
            ms(half.check),
            ms(half.human),
            ms(half.change),
            full.bytes,
            ms(full.check),
            ms(full.human),
            ms(full.change),
            if ok { "yes" } else { "**no**" },
        );
    }
    out
}

/// Below 20 ms a ratio is noise, not growth.
fn grows(ratio: f64, time: Duration) -> bool {
    ratio <= MAX_RATIO || time < Duration::from_millis(20)
}

/// The handlers' part of the section: each case at half and at the full size.
pub fn render_handlers(rows: &[HandlerRow]) -> String {
    let mut out = String::from(
        "\nThe language server's handlers on inputs that once made them quadratic (issue 31), from the request to its answer \
         (median of 3; for `didChangeWatchedFiles`, from the notification to the answer of the next request). Same bounds.\n\n\
         | case | size | time | ×half | within bounds |\n|---|---:|---:|---:|---|\n",
    );
    // Rows come as all cases at half, then all at the full size; the watched files last.
    let half_count = rows.iter().filter(|r| r.case != "didChangeWatchedFiles with created files").count() / 2;
    let mut pairs: Vec<(&HandlerRow, &HandlerRow)> =
        (0..half_count).map(|i| (&rows[i], &rows[i + half_count])).collect();
    let watched: Vec<&HandlerRow> =
        rows.iter().filter(|r| r.case == "didChangeWatchedFiles with created files").collect();
    if let [half, full] = watched.as_slice() {
        pairs.push((half, full));
    }
    for (half, full) in pairs {
        let ratio = full.time.as_secs_f64() / half.time.as_secs_f64().max(1e-6);
        let ok = full.time <= MAX_TIME && grows(ratio, full.time);
        let _ = writeln!(
            out,
            "| {} | {} | {} | | |\n| | {} | {} | {ratio:.2} | {} |",
            half.case,
            half.size,
            ms(half.time),
            full.size,
            ms(full.time),
            if ok { "yes" } else { "**no**" }
        );
    }
    out
}

/// Whether every shape met the bounds.
pub fn all_within_bounds(section: &str) -> bool {
    !section.contains("**no**")
}

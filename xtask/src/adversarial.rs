//! `cargo xtask bench --adversarial`: documents an attacker would write, at the size limit and
//! at half of it, through `scs check` and through a language-server `didChange`. Each shape
//! once cost quadratic time (issue 19); the bound is at most 1 s at the limit, and at most
//! 2.5× the time for twice the input.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    change: Duration,
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

/// The median wall time of `scs check --format concise` (3 runs).
fn check(scs: &Path, root: &Path) -> Result<Duration, String> {
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let status = Command::new(scs)
            .args(["check", "--format", "concise"])
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
            let check = check(scs, &root)?;
            let document = root.join("Standards/scs-0100-v1-x.md");
            let lsp = crate::lsp_bench::measure(scs, shape.0, &root, &document, 4)?;
            rows.push(Row { shape: shape.0, bytes, check, change: lsp.median() });
        }
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
         | shape | bytes | scs check | ×half | didChange | ×half | within bounds |\n|---|---:|---:|---:|---:|---:|---|\n",
    );
    for pair in rows.chunks(2) {
        let [half, full] = pair else { continue };
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-6);
        let (check_ratio, change_ratio) = (ratio(full.check, half.check), ratio(full.change, half.change));
        // Below 20 ms a ratio is noise, not growth.
        let grows = |r: f64, t: Duration| r <= MAX_RATIO || t < Duration::from_millis(20);
        let ok = full.check <= MAX_TIME
            && full.change <= MAX_TIME
            && grows(check_ratio, full.check)
            && grows(change_ratio, full.change);
        let _ = writeln!(
            out,
            "| {} | {} | {} | | {} | | |\n| | {} | {} | {check_ratio:.2} | {} | {change_ratio:.2} | {} |",
            half.shape,
            half.bytes,
            ms(half.check),
            ms(half.change),
            full.bytes,
            ms(full.check),
            ms(full.change),
            if ok { "yes" } else { "**no**" },
        );
    }
    out
}

/// Whether every shape met the bounds.
pub fn all_within_bounds(section: &str) -> bool {
    !section.contains("**no**")
}

//! `cargo xtask`: developer chores. `bench` times the release `scs check` as a whole process.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask bench [--runs N] [--no-write]

bench   build `scs` in release mode, run `scs check` on each benchmark repository
        (the shared corpus at ../shared/corpus/scs-standards and the example
        standards/), and print the median, fastest and 90th-percentile wall time,
        throughput and peak memory; unless --no-write, write the table to BENCHMARKS.md";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bench") => match bench(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("xtask bench: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Options {
    runs: usize,
    write: bool,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options { runs: 50, write: true };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                options.runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--runs takes a positive number")?;
            }
            "--no-write" => options.write = false,
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(options)
}

/// One measured repository.
struct Row {
    name: String,
    documents: usize,
    bytes: u64,
    median: Duration,
    fastest: Duration,
    p90: Duration,
    peak_rss_kib: u64,
}

fn bench(args: &[String]) -> Result<(), String> {
    let options = parse_options(args)?;
    let root = workspace_root();
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--package", "scs-cli", "--bin", "scs"])
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("the release build failed".into());
    }
    let scs = root.join("target/release/scs");
    let mut targets = vec![("example standards/".to_owned(), root.join("standards"))];
    let shared = root.join("../shared/corpus/scs-standards");
    if shared.join("Standards").is_dir() {
        // One file, as the pre-commit hook checks it: the whole repository is still loaded.
        let one = shared.join("Standards/scs-0100-v3-flavor-naming.md");
        targets.insert(0, ("one file of the shared corpus (pre-commit)".to_owned(), one));
        targets.insert(0, ("shared corpus (scs-standards)".to_owned(), shared));
    } else {
        eprintln!("skipped: the shared corpus is not at {}", shared.display());
    }

    let mut rows = Vec::new();
    for (name, repo) in targets {
        rows.push(measure(&scs, &name, &repo, options.runs)?);
    }
    let table = render(&rows, options.runs);
    print!("{table}");
    if options.write {
        let path = root.join("BENCHMARKS.md");
        std::fs::write(&path, table).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn measure(scs: &Path, name: &str, repo: &Path, runs: usize) -> Result<Row, String> {
    let (documents, bytes) = size_of(repo);
    let run = || -> Result<(Duration, u64), String> {
        let start = Instant::now();
        let child = Command::new(scs)
            .args(["check", "--format", "json"])
            .arg(repo)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", scs.display()))?;
        let (code, rss) = wait_with_rusage(child.id());
        let elapsed = start.elapsed();
        // 0 (clean) and 1 (findings) are both a completed check.
        if code.is_none_or(|c| c > 1) {
            return Err(format!("scs check {} failed with {code:?}", repo.display()));
        }
        Ok((elapsed, rss))
    };
    for _ in 0..3 {
        run()?; // warm the page cache
    }
    let measured = (0..runs).map(|_| run()).collect::<Result<Vec<_>, _>>()?;
    let peak_rss_kib = measured.iter().map(|&(_, rss)| rss).max().unwrap_or(0);
    let mut times: Vec<Duration> = measured.into_iter().map(|(t, _)| t).collect();
    times.sort();
    Ok(Row {
        name: name.to_owned(),
        documents,
        bytes,
        median: times[times.len() / 2],
        fastest: times[0],
        p90: times[(times.len() * 9 / 10).min(times.len() - 1)],
        peak_rss_kib,
    })
}

/// Waits for the child `pid`; returns its exit code and its peak resident set in KiB.
fn wait_with_rusage(pid: u32) -> (Option<i32>, u64) {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return (None, 0) };
    let mut status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: wait4 writes only into `status` and `usage`, both valid for writes; `pid` is our
    // own child, which std's `Child` never waits for because we do not call `wait` on it.
    let rc = unsafe { libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()) };
    if rc != pid {
        return (None, 0);
    }
    // SAFETY: wait4 succeeded and filled the struct (zeroed() made it valid in any case).
    let usage = unsafe { usage.assume_init() };
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, u64::try_from(usage.ru_maxrss).unwrap_or(0))
}

/// Number of `scs-*.md` documents and their total size (of one file, if `repo` is a file).
fn size_of(repo: &Path) -> (usize, u64) {
    if repo.is_file() {
        return (1, std::fs::metadata(repo).map_or(0, |m| m.len()));
    }
    let Ok(entries) = std::fs::read_dir(repo.join("Standards")) else { return (0, 0) };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("scs-"))
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .fold((0, 0), |(n, b), m| (n + 1, b + m.len()))
}

fn render(rows: &[Row], runs: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Benchmarks\n");
    let _ = writeln!(
        out,
        "Generated by `cargo xtask bench`: wall time of the whole release `scs check --format json` \
         process (start-up, reading, parsing, every rule, rendering), {runs} runs after 3 warm-up \
         runs. Peak memory is the largest resident set of any measured run (wait4).\n"
    );
    let _ = writeln!(out, "Machine: {}\n", machine());
    let _ = writeln!(out, "| repository | documents | size | median | fastest | p90 | throughput | peak memory |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let mb = r.bytes as f64 / 1_000_000.0;
        let throughput = mb / r.median.as_secs_f64();
        let _ = writeln!(
            out,
            "| {} | {} | {:.2} MB | {:.2} ms | {:.2} ms | {:.2} ms | {:.0} MB/s | {:.1} MiB |",
            r.name,
            r.documents,
            mb,
            ms(r.median),
            ms(r.fastest),
            ms(r.p90),
            throughput,
            r.peak_rss_kib as f64 / 1024.0
        );
    }
    let _ = writeln!(
        out,
        "\nTargets: the shared corpus under 20 ms wall for the whole process with every rule on (issues #2, #3);\nchecking one file of it no slower than checking all of it (issue #4)."
    );
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// CPU model, core count and memory, read from /proc where available.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split(':').nth(1)))
        .map_or("unknown CPU".to_owned(), |m| m.trim().to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|r| r.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0 / 1024.0);
    format!("{model}, {cores} cores, {mem_gib:.0} GiB, {} {}", std::env::consts::OS, std::env::consts::ARCH)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

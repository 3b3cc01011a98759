//! `cargo xtask`: developer chores. `bench` times the release `scs check` as a whole process;
//! `gen-corpus` and `gen-history` write synthetic repositories for it; `readme` writes the
//! README's rule tables from the registry.

mod adversarial;
mod bench;
mod gen_corpus;
mod gen_history;
mod lsp_bench;
mod readme;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask bench [--runs N] [--sizes N,N,...] [--no-write] [--adversarial]
       cargo xtask gen-corpus --docs N --out DIR [--seed S] [--violations SHARE] [--force]
       cargo xtask gen-history --docs N --commits C --out DIR [--seed S] [--force]
       cargo xtask readme

bench   build `scs` in release mode, run `scs check` on each benchmark repository
        (the real SCS corpus vendored in tests/data/scs-standards, one file of it, the
        example standards/, and generated repositories of 1,000, 10,000 and 100,000
        documents plus one file of the 10,000, and `--history` on a generated git
        history of 100 documents and 1,000 commits), and print the median, fastest and
        90th-percentile wall time, throughput and peak memory, and whether the targets
        are met; unless --no-write, write the table to BENCHMARKS.md. At most N runs
        (default 50) per repository, fewer for the large ones (about 20 s each).
        Generated repositories are kept in target/bench-corpus/. Then the adversarial
        section: one document of each hostile shape at the size limit and at half of it,
        through `scs check` and a language-server didChange (bounds: 1 s, 2.5x for twice
        the input; the run fails when one is exceeded). --adversarial: only that section
        (rewritten in BENCHMARKS.md).

gen-corpus  see `cargo xtask gen-corpus --help`
gen-history see `cargo xtask gen-history --help`
readme      write the rule tables of README.md from the rule declarations";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bench") => report("bench", bench::run(&args[1..])),
        Some("gen-corpus") if args.iter().any(|a| a == "--help" || a == "-h") => {
            println!("usage: {}", gen_corpus::USAGE);
            ExitCode::SUCCESS
        }
        Some("gen-corpus") => report("gen-corpus", gen_corpus::run(&args[1..])),
        Some("gen-history") if args.iter().any(|a| a == "--help" || a == "-h") => {
            println!("usage: {}", gen_history::USAGE);
            ExitCode::SUCCESS
        }
        Some("gen-history") => report("gen-history", gen_history::run(&args[1..])),
        Some("readme") => report("readme", readme::run()),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn report(task: &str, result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {task}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

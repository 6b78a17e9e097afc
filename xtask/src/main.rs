//! Workspace tasks, run as `cargo xtask <command>`.
//!
//! Each command is a module with a `run(args) -> ExitCode`; this file only dispatches.

mod bench;
mod codegen;
mod corpus;
mod fidelity;
mod fusion_report;
mod fuzz;
mod manifest;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  codegen [--check]   Regenerate the crates in generated/ from docs-input/manifest.toml;
                      with --check, write nothing and fail if any file is stale
  corpus [--compile] [DIR]
                      Per-folder report of the corpus (DIR, default ../shared/corpus): docs,
                      models, fields by type, diagnostics by kind, skipped docs, time;
                      --compile also generates a crate from each folder and runs
                      clippy -D warnings on it
  fusion-report [DIR] What fusing the five StackOne SDKs' docs adds over TypeScript alone
                      (DIR: the stackone corpus folder, default ../shared/corpus/stackone)
  bench [--quick]     Time mdgen against the floor of reading and parsing the corpus docs
                      (see `cargo xtask bench --help`)
  fuzz <TARGET> [--seconds N]
                      Run the cargo-fuzz target parse, pipeline or all with seeds drawn from
                      ../shared/corpus (see `cargo xtask fuzz --help`)
  fidelity [--quick] [--corpus NAME]... [--check] [--update-baseline]
                      Score the generated types against JSON cases synthesized from the
                      OpenAPI documents of the corpus (see `cargo xtask fidelity --help`)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&args[1..]),
        Some("corpus") => corpus::run(&args[1..]),
        Some("fusion-report") => fusion_report::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("fidelity") => fidelity::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown command `{other}`")),
        None => usage_error("no command given"),
    }
}

/// Prints `message` and the usage; exits 2 like any usage error.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// The workspace root: the folder above this crate's.
fn repo_root() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).to_path_buf()
}

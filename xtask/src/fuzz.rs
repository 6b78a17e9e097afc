//! `cargo xtask fuzz <parse|pipeline|all> [--seconds N]`: runs the cargo-fuzz targets of `fuzz/`
//! with a seed corpus drawn from `../shared/corpus`, and sums up what they did.
//!
//! libFuzzer needs nightly compiler flags; this toolchain is stable, so the run sets
//! `RUSTC_BOOTSTRAP=1`, which unlocks them on a stable compiler. cargo-fuzz is installed with
//! `cargo install cargo-fuzz --locked` when missing.

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const HELP: &str = "\
Usage: cargo xtask fuzz <parse|pipeline|all> [options]

Runs the cargo-fuzz target(s) of fuzz/ (parse: bytes -> IR; pipeline: bytes -> Rust source,
which must parse with syn) for a given time. Seeds: fuzz/seeds (checked in) and a sample of
../shared/corpus written to fuzz/seeds-generated; new inputs go to fuzz/corpus/<target>,
crashes to fuzz/artifacts/<target>.

Options:
  --seconds N        how long to run each target (default 600)
  --jobs N           fuzz in N processes (libFuzzer -fork=N), carrying on after crashes
  --sanitizer S      none (default) or address
  --corpus DIR       the real docs to draw seeds from (default ../shared/corpus)
  --per-folder N     seed docs taken from each corpus folder (default 60)
  --max-len N        the largest input libFuzzer makes, in bytes (default 65536)";

/// The fuzz targets, as named in fuzz/Cargo.toml.
const TARGETS: [&str; 2] = ["parse", "pipeline"];

/// The separator of files in a fuzz input (see fuzz/src/lib.rs).
const SEPARATOR: u8 = 0x1E;

/// Seed docs larger than this are left out: libFuzzer is fastest on small inputs. Bundles are
/// kept within `--max-len`.
const MAX_SEED_BYTES: u64 = 32 * 1024;

/// Docs bundled into one seed with the docs they link to.
const MAX_BUNDLE: usize = 8;

struct Settings {
    targets: Vec<&'static str>,
    seconds: u64,
    jobs: u32,
    sanitizer: String,
    corpus: PathBuf,
    per_folder: usize,
    max_len: usize,
}

/// What one target's run did.
struct Outcome {
    target: &'static str,
    executions: Option<u64>,
    seconds: f64,
    corpus: Option<u64>,
    crashes: Vec<PathBuf>,
    status: Option<i32>,
}

pub fn run(args: &[String]) -> ExitCode {
    let settings = match parse_args(args) {
        Ok(Some(s)) => s,
        Ok(None) => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return crate::usage_error(&format!("fuzz: {e}")),
    };
    match fuzz_all(&settings) {
        Ok(outcomes) => {
            let failed = outcomes
                .iter()
                .any(|o| !o.crashes.is_empty() || o.status != Some(0));
            summarize(&settings, &outcomes);
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("fuzz: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[String]) -> Result<Option<Settings>, String> {
    let root = crate::repo_root();
    let mut settings = Settings {
        targets: Vec::new(),
        seconds: 600,
        jobs: 1,
        sanitizer: "none".to_string(),
        corpus: root.join("../shared/corpus"),
        per_folder: 60,
        max_len: 65536,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let number = |name: &str, v: String| {
            v.parse::<u64>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("{name}: `{v}` is not a positive number"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--seconds" => settings.seconds = number(arg, value(arg)?)?,
            "--jobs" => {
                let n = number(arg, value(arg)?)?;
                settings.jobs = u32::try_from(n).map_err(|_| format!("--jobs: {n}"))?;
            }
            "--per-folder" => settings.per_folder = number(arg, value(arg)?)? as usize,
            "--max-len" => settings.max_len = number(arg, value(arg)?)? as usize,
            "--corpus" => settings.corpus = PathBuf::from(value(arg)?),
            "--sanitizer" => {
                let s = value(arg)?;
                if !["none", "address"].contains(&s.as_str()) {
                    return Err(format!("--sanitizer: `{s}`; expected none or address"));
                }
                settings.sanitizer = s;
            }
            "all" => settings.targets.extend(TARGETS),
            other => match TARGETS.iter().find(|t| **t == other) {
                Some(t) => settings.targets.push(t),
                None => return Err(format!("unknown target or option `{other}`\n\n{HELP}")),
            },
        }
    }
    if settings.targets.is_empty() {
        return Err(format!("name a target\n\n{HELP}"));
    }
    settings.targets.dedup();
    Ok(Some(settings))
}

fn fuzz_all(settings: &Settings) -> Result<Vec<Outcome>, String> {
    let fuzz = crate::repo_root().join("fuzz");
    ensure_cargo_fuzz()?;
    let generated = fuzz.join("seeds-generated");
    let seeds = write_seeds(
        &settings.corpus,
        &generated,
        settings.per_folder,
        settings.max_len,
    )?;
    eprintln!(
        "fuzz: {seeds} seeds from {} in {}",
        settings.corpus.display(),
        generated.display()
    );
    let mut outcomes = Vec::new();
    for target in &settings.targets {
        outcomes.push(fuzz_one(&fuzz, target, settings)?);
    }
    Ok(outcomes)
}

/// Installs cargo-fuzz unless `cargo fuzz` already runs.
fn ensure_cargo_fuzz() -> Result<(), String> {
    let present = Command::new("cargo")
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if present {
        return Ok(());
    }
    eprintln!("fuzz: installing cargo-fuzz (cargo install cargo-fuzz --locked)");
    let status = Command::new("cargo")
        .args(["install", "cargo-fuzz", "--locked"])
        .status()
        .map_err(|e| format!("cargo install cargo-fuzz: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo install cargo-fuzz --locked failed: {status}"
        ))
    }
}

/// The command that runs one target.
fn command(fuzz: &Path, target: &str, settings: &Settings) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(fuzz)
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["fuzz", "run", "--sanitizer", &settings.sanitizer, target])
        // The first folder receives what the fuzzer finds; the others are read only.
        .arg(format!("corpus/{target}"))
        .args(["seeds", "seeds-generated"])
        .arg("--")
        .arg(format!("-max_total_time={}", settings.seconds))
        .arg(format!("-max_len={}", settings.max_len))
        .arg("-timeout=10")
        .arg("-rss_limit_mb=2048")
        .arg("-dict=markdown.dict")
        .arg("-print_final_stats=1");
    if settings.jobs > 1 {
        cmd.arg(format!("-fork={}", settings.jobs)).args([
            "-ignore_crashes=1",
            "-ignore_timeouts=1",
            "-ignore_ooms=1",
        ]);
    }
    cmd
}

fn fuzz_one(fuzz: &Path, target: &'static str, settings: &Settings) -> Result<Outcome, String> {
    fs::create_dir_all(fuzz.join("corpus").join(target)).map_err(|e| e.to_string())?;
    let artifacts = fuzz.join("artifacts").join(target);
    let before = files_in(&artifacts);
    let mut cmd = command(fuzz, target, settings);
    eprintln!("fuzz: {}", show(&cmd));
    let start = Instant::now();
    let mut child = cmd
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cargo fuzz run {target}: {e}"))?;
    // libFuzzer reports on stderr; pass it through and keep the figures.
    let mut executions = None;
    let mut corpus = None;
    if let Some(stderr) = child.stderr.take() {
        let mut out = std::io::stderr();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = writeln!(out, "{line}");
            if let Some(n) = stat(&line, "stat::number_of_executed_units:") {
                executions = Some(n);
            } else if let Some(n) = done_runs(&line) {
                executions = executions.or(Some(n));
            } else if let Some(n) = corpus_size(&line) {
                corpus = Some(n);
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let crashes = files_in(&artifacts)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    Ok(Outcome {
        target,
        executions,
        seconds: start.elapsed().as_secs_f64(),
        corpus,
        crashes,
        status: status.code(),
    })
}

fn summarize(settings: &Settings, outcomes: &[Outcome]) {
    eprintln!("\nfuzz: summary ({} s per target)", settings.seconds);
    for o in outcomes {
        let executions = o.executions.map_or("?".to_string(), |n| n.to_string());
        let corpus = o.corpus.map_or("?".to_string(), |n| n.to_string());
        eprintln!(
            "  {:<9} {executions} executions in {:.0} s (wall, build included), corpus {corpus}, \
             {} new crash file(s), exit {}",
            o.target,
            o.seconds,
            o.crashes.len(),
            o.status.map_or("by signal".to_string(), |c| c.to_string()),
        );
        for crash in &o.crashes {
            eprintln!("    {}", crash.display());
            eprintln!(
                "    reproduce: cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s {} {} {}",
                settings.sanitizer,
                o.target,
                crash.display()
            );
        }
    }
}

/// `#1234 DONE ... corp: 567/89Kb ...` and the like: the corpus size.
fn corpus_size(line: &str) -> Option<u64> {
    let rest = &line[line.find("corp: ")? + "corp: ".len()..];
    rest.split('/').next()?.parse().ok()
}

/// `Done 120195 runs in 21 second(s)`.
fn done_runs(line: &str) -> Option<u64> {
    let rest = line.strip_prefix("Done ")?;
    rest.split_whitespace().next()?.parse().ok()
}

/// `stat::number_of_executed_units: 1234`.
fn stat(line: &str, key: &str) -> Option<u64> {
    line.strip_prefix(key)?.trim().parse().ok()
}

fn files_in(dir: &Path) -> BTreeSet<PathBuf> {
    fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn show(cmd: &Command) -> String {
    let args: Vec<String> = cmd
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    format!("RUSTC_BOOTSTRAP=1 cargo {}", args.join(" "))
}

/// Writes the seeds drawn from the corpus at `corpus` into `out` (emptied first): from each
/// folder of docs, `per_folder` docs spread over it, each alone and bundled with the docs it
/// links to (within `max_len` bytes), some with options. Returns how many were written.
fn write_seeds(
    corpus: &Path,
    out: &Path,
    per_folder: usize,
    max_len: usize,
) -> Result<usize, String> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let Ok(corpus) = corpus.canonicalize() else {
        eprintln!(
            "fuzz: no corpus at {}; only fuzz/seeds is used",
            corpus.display()
        );
        return Ok(0);
    };
    let corpus = corpus.as_path();
    let mut written = 0;
    for folder in doc_folders(corpus) {
        let docs = docs_below(&folder);
        let dialect = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let step = (docs.len() / per_folder.max(1)).max(1);
        for (i, doc) in docs.iter().step_by(step).take(per_folder).enumerate() {
            let name = |path: &Path| {
                path.strip_prefix(corpus)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .into_owned()
            };
            let Ok(bytes) = fs::read(doc) else { continue };
            let options = match i % 4 {
                1 => format!("dialect={dialect}"),
                2 => "wire=snake_case".to_string(),
                3 => "flat wire=camelCase".to_string(),
                _ => String::new(),
            };
            let alone = encode(&options, &[(name(doc), bytes.clone())]);
            let mut bundle = vec![(name(doc), bytes)];
            let mut size = bundle[0].1.len();
            for linked in linked_docs(doc) {
                if bundle.len() == MAX_BUNDLE {
                    break;
                }
                match fs::read(&linked) {
                    Ok(bytes) if size + bytes.len() <= max_len => {
                        size += bytes.len();
                        bundle.push((name(&linked), bytes));
                    }
                    _ => {}
                }
            }
            let seeds = [Some(alone), (bundle.len() > 1).then(|| encode("", &bundle))];
            for seed in seeds.into_iter().flatten() {
                let path = out.join(format!("seed-{written:05}"));
                fs::write(&path, seed).map_err(|e| format!("{}: {e}", path.display()))?;
                written += 1;
            }
        }
    }
    Ok(written)
}

/// The folders of the corpus that hold docs: `<api>/<dialect>`.
fn doc_folders(corpus: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for api in sorted_entries(corpus) {
        if api.is_dir() {
            out.extend(sorted_entries(&api).into_iter().filter(|p| p.is_dir()));
        }
    }
    out
}

/// Every small `.md` file below `dir`, in path order.
fn docs_below(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| e.metadata().is_ok_and(|m| m.len() <= MAX_SEED_BYTES))
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// The existing docs that `doc` links to by a relative `.md` link.
fn linked_docs(doc: &Path) -> Vec<PathBuf> {
    let Ok(text) = fs::read_to_string(doc) else {
        return Vec::new();
    };
    let dir = doc.parent().unwrap_or(Path::new(""));
    let mut out = BTreeSet::new();
    for part in text.split("](").skip(1) {
        let Some(target) = part.split([')', '#', ' ']).next() else {
            continue;
        };
        if target.ends_with(".md") && !target.contains("://") {
            // Canonical, as a folder walk would name it (no `..`).
            if let Ok(path) = dir.join(target).canonicalize() {
                if path.is_file() && path != doc {
                    out.insert(path);
                }
            }
        }
    }
    out.into_iter().collect()
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map(|e| e.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

/// One fuzz input from an options line and files, in the format fuzz/src/lib.rs decodes.
fn encode(options: &str, files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    if !options.is_empty() {
        out.push(b'!');
        out.extend_from_slice(options.as_bytes());
    }
    for (path, bytes) in files {
        if !out.is_empty() {
            out.push(SEPARATOR);
        }
        out.extend_from_slice(path.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libfuzzer_figures_are_read() {
        assert_eq!(
            stat(
                "stat::number_of_executed_units: 1234",
                "stat::number_of_executed_units:"
            ),
            Some(1234)
        );
        assert_eq!(done_runs("Done 120195 runs in 21 second(s)"), Some(120195));
        let line = "#524288 pulse  cov: 4512 ft: 19000 corp: 2345/1021Kb lim: 4096 exec/s: 9000";
        assert_eq!(corpus_size(line), Some(2345));
        assert_eq!(corpus_size("INFO: seed"), None);
    }

    #[test]
    fn seeds_bundle_linked_docs() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let docs = corpus.join("api/go/docs/models");
        fs::create_dir_all(&docs).unwrap();
        fs::write(docs.join("a.md"), "# A\n| `b` | [B](b.md) |\n").unwrap();
        fs::write(docs.join("b.md"), "# B\n").unwrap();
        let out = dir.path().join("seeds");
        assert_eq!(write_seeds(&corpus, &out, 10, 1000).unwrap(), 3);
        let bundle = fs::read(out.join("seed-00001")).unwrap();
        let expected = encode(
            "",
            &[
                (
                    "api/go/docs/models/a.md".into(),
                    b"# A\n| `b` | [B](b.md) |\n".to_vec(),
                ),
                ("api/go/docs/models/b.md".into(), b"# B\n".to_vec()),
            ],
        );
        assert_eq!(bundle, expected);
        let second = fs::read(out.join("seed-00002")).unwrap();
        assert!(second.starts_with(b"!dialect=go\x1eapi/go/docs/models/b.md\n# B\n"));
    }

    #[test]
    fn arguments() {
        let args = |a: &[&str]| parse_args(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let s = args(&["all", "--seconds", "5"]).unwrap().unwrap();
        assert_eq!((s.targets, s.seconds), (vec!["parse", "pipeline"], 5));
        assert!(args(&["nope"]).is_err());
        assert!(args(&[]).is_err());
        assert!(args(&["parse", "--seconds", "0"]).is_err());
        assert!(args(&["--help"]).unwrap().is_none());
    }
}

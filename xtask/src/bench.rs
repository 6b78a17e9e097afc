//! `cargo xtask bench`: what mdgen costs, next to the floor of reading and parsing the docs.
//!
//! For each set of docs (each corpus folder, the whole corpus at once, and the StackOne
//! TypeScript folder enlarged ten times), four phases run side by side on the same files:
//!
//! - **a, the markdown floor**: find every doc, read it and parse it with pulldown-cmark
//!   (tables on), nothing else;
//! - **e, the emission floor**: the code that c generates for the set, read beforehand, parsed
//!   by `syn::parse_file` and laid out by `prettyplease::unparse`, on one thread;
//! - **b, the IR**: mdgen up to the fused schema (`Builder::parse`: inputs, parse, fuse, link);
//! - **c, generation**: everything a build script does, formatted Rust written as a crate.
//!
//! a + e is the unavoidable cost of the same work with the design card's packages; the target
//! is stated on c / (a + e).
//!
//! Every run of every phase is a child process (this program, built with `--release`), so its
//! peak RSS (`VmHWM`) is its own; wall time is measured inside the child around the work, and
//! the median of the runs is reported. The runs go round all sets and phases in turn, so that
//! the machine's drift reaches every figure alike. Then `cargo check` times the crate generated from the
//! StackOne TypeScript folder, whole and with `--only`, and a build-script crate shows what a
//! rebuild with no change and a rerun with no new output do.
//!
//! This is a benchmark, not a test: it prints figures and the targets next to them, and fails
//! only when something cannot run.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

const USAGE: &str = "\
Usage: cargo xtask bench [--runs N] [--quick] [--folder TEXT]... [--no-10x] [--no-check]
                         [--corpus DIR]

  --runs N        rounds of runs, each running every phase of every set once; the median is
                  reported (default 5)
  --quick         3 runs, and no cargo check or build-script section
  --folder TEXT   only the sets whose name contains TEXT (repeatable), e.g. typescript
  --no-10x        skip the ten-fold StackOne TypeScript set
  --no-check      skip the cargo check and build-script sections
  --corpus DIR    the corpus (default ../shared/corpus beside the repository)";

/// The model the `--only` figures keep, with what it needs.
const ONLY_MODEL: &str = "ConnectSessionTokenAuthLink";
/// The folder the enlargement and the cargo check use, relative to the corpus.
const STACKONE_TS: &str = "stackone/typescript";

pub fn run(args: &[String]) -> ExitCode {
    if args.first().map(String::as_str) == Some("--phase") {
        return child(&args[1..]);
    }
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let opts = match Opts::parse(args) {
        Ok(o) => o,
        Err(e) => return crate::usage_error(&format!("bench: {e}\n\n{USAGE}")),
    };
    match bench(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: bench: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Opts {
    runs: usize,
    folders: Vec<String>,
    tenfold: bool,
    check: bool,
    corpus: PathBuf,
}

impl Opts {
    fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts {
            runs: 5,
            folders: Vec::new(),
            tenfold: true,
            check: true,
            corpus: crate::repo_root().join("../shared/corpus"),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match arg.as_str() {
                "--runs" => {
                    o.runs = value("--runs")?
                        .parse()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or("--runs needs a positive number")?;
                }
                "--quick" => {
                    o.runs = 3;
                    o.check = false;
                }
                "--folder" => o.folders.push(value("--folder")?),
                "--no-10x" => o.tenfold = false,
                "--no-check" => o.check = false,
                "--corpus" => o.corpus = PathBuf::from(value("--corpus")?),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(o)
    }
}

/// One set of inputs measured together.
struct Set {
    name: String,
    inputs: Vec<PathBuf>,
    docs: usize,
    bytes: u64,
}

impl Set {
    fn new(name: String, inputs: Vec<PathBuf>) -> Set {
        let docs: Vec<PathBuf> = inputs.iter().flat_map(|p| doc_paths(p)).collect();
        let bytes = docs
            .iter()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            .sum();
        Set {
            name,
            inputs,
            docs: docs.len(),
            bytes,
        }
    }
}

/// The four phases.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Floor,
    Ir,
    Generate,
    EmitFloor,
}

/// How many phases there are: the length of every per-phase array.
const PHASES: usize = 4;

impl Phase {
    const ALL: [Phase; PHASES] = [Phase::Floor, Phase::Ir, Phase::Generate, Phase::EmitFloor];

    fn arg(self) -> &'static str {
        match self {
            Phase::Floor => "floor",
            Phase::Ir => "ir",
            Phase::Generate => "generate",
            Phase::EmitFloor => "emit-floor",
        }
    }

    fn from_arg(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.arg() == s)
    }
}

/// What one child run reports.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    /// Peak resident set, bytes.
    hwm: u64,
    /// Events parsed (a), models in the schema (b), bytes of code generated (c) or laid out (e).
    count: u64,
    /// User + system CPU time of the whole child, all threads.
    cpu: Duration,
}

/// The figures of one set.
struct Row {
    set: Set,
    /// Median wall time of each phase, in `Phase::ALL` order.
    wall: [Duration; PHASES],
    /// Median CPU time of each phase.
    cpu: [Duration; PHASES],
    /// Largest peak RSS of each phase.
    hwm: [u64; PHASES],
    models: u64,
    /// Bytes of code generated.
    code: u64,
}

fn bench(opts: &Opts) -> Result<(), String> {
    let corpus = opts
        .corpus
        .canonicalize()
        .map_err(|e| format!("corpus {}: {e}", opts.corpus.display()))?;
    let exe = release_exe()?;
    let tmp = tempfile::Builder::new()
        .prefix("mdgen-bench-")
        .tempdir()
        .map_err(|e| format!("temporary folder: {e}"))?;

    let mut sets = corpus_sets(&corpus)?;
    if opts.tenfold {
        let ten = tmp.path().join("stackone-typescript-x10");
        let started = Instant::now();
        enlarge(&corpus.join(STACKONE_TS), &ten, 10)?;
        eprintln!(
            "bench: wrote the ten-fold StackOne TypeScript set in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        sets.push(Set::new(format!("{STACKONE_TS} x10"), vec![ten]));
    }
    sets.retain(|s| {
        opts.folders.is_empty() || opts.folders.iter().any(|f| s.name.contains(f.as_str()))
    });
    if sets.is_empty() {
        return Err("no set matches --folder".into());
    }

    let load_before = load();
    for set in &sets {
        eprintln!(
            "bench: {} ({} docs, {:.1} MB)",
            set.name,
            set.docs,
            mb(set.bytes)
        );
    }
    let rows = measure(&exe, sets, opts.runs, tmp.path())?;

    let mut out = String::new();
    report(&mut out, &rows, opts.runs, &load_before);
    if opts.check {
        out += "\n";
        check_section(&mut out, &exe, &corpus, tmp.path())?;
        out += "\n";
        build_script_section(&mut out, &corpus, tmp.path())?;
    }
    println!("{out}");
    Ok(())
}

/// Every corpus folder of one dialect (`api/dialect`), StackOne TypeScript first, then the
/// whole corpus as one run.
fn corpus_sets(corpus: &Path) -> Result<Vec<Set>, String> {
    let mut folders = Vec::new();
    for api in read_dirs(corpus)? {
        for dialect in read_dirs(&api)? {
            let name = dialect
                .strip_prefix(corpus)
                .unwrap_or(&dialect)
                .to_string_lossy()
                .replace('\\', "/");
            folders.push((name, dialect));
        }
    }
    folders.sort_by_key(|(name, _)| (name != STACKONE_TS, name.clone()));
    if folders.is_empty() {
        return Err(format!("no corpus folders in {}", corpus.display()));
    }
    let all: Vec<PathBuf> = folders.iter().map(|(_, p)| p.clone()).collect();
    let whole = format!("whole corpus ({} folders)", all.len());
    let mut sets: Vec<Set> = folders
        .into_iter()
        .map(|(name, path)| Set::new(name, vec![path]))
        .collect();
    sets.push(Set::new(whole, all));
    Ok(sets)
}

/// The sub-folders of `dir`, sorted, hidden ones left out.
fn read_dirs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// The docs mdgen reads under `root`: `.md`/`.mdx` files, hidden entries skipped, sorted.
fn doc_paths(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("mdx"))
        })
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// Runs every phase of every set `runs` times, after one unmeasured generation of each set that
/// warms the page cache and keeps the code the emission floor lays out. The runs are interleaved, phases within sets within rounds, so
/// that drift in the machine hits all alike: the ratios the targets compare (c/a of a set, and
/// c of the ten-fold set over c of the one-fold) come from the same stretches of time. On a
/// shared two-core machine the second core comes and goes, which moves the threaded phases and
/// not the floor.
fn measure(exe: &Path, sets: Vec<Set>, runs: usize, tmp: &Path) -> Result<Vec<Row>, String> {
    let mut code = Vec::with_capacity(sets.len());
    for (i, set) in sets.iter().enumerate() {
        let out = tmp.join(format!("code-{i}"));
        run_child(exe, Phase::Generate, &set.inputs, &out, &[])?;
        code.push([
            "--code".to_string(),
            out.join("src/models.rs").display().to_string(),
        ]);
    }
    let mut samples: Vec<[Vec<Sample>; PHASES]> = sets.iter().map(|_| Default::default()).collect();
    for round in 1..=runs {
        eprintln!("bench: round {round} of {runs}");
        for ((set, samples), code) in sets.iter().zip(&mut samples).zip(&code) {
            for (i, phase) in Phase::ALL.into_iter().enumerate() {
                samples[i].push(spawn_phase(exe, phase, &set.inputs, tmp, code)?);
            }
        }
    }
    Ok(sets
        .into_iter()
        .zip(samples)
        .map(|(set, samples)| row(set, samples))
        .collect())
}

/// The figures of `set` from its samples, by phase.
fn row(set: Set, samples: [Vec<Sample>; PHASES]) -> Row {
    let wall = samples
        .clone()
        .map(|s| median(s.iter().map(|s| s.wall).collect()));
    let cpu = samples
        .clone()
        .map(|s| median(s.iter().map(|s| s.cpu).collect()));
    let hwm = samples
        .clone()
        .map(|s| s.iter().map(|s| s.hwm).max().unwrap_or(0));
    let models = samples[1].first().map_or(0, |s| s.count);
    let code = samples[2].first().map_or(0, |s| s.count);
    Row {
        set,
        wall,
        cpu,
        hwm,
        models,
        code,
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    match v.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2,
    }
}

/// Runs one phase in a child process; the generation writes into a fresh folder under `tmp`.
fn spawn_phase(
    exe: &Path,
    phase: Phase,
    inputs: &[PathBuf],
    tmp: &Path,
    extra: &[String],
) -> Result<Sample, String> {
    let out = tempfile::Builder::new()
        .prefix("out-")
        .tempdir_in(tmp)
        .map_err(|e| format!("temporary folder: {e}"))?;
    run_child(exe, phase, inputs, out.path(), extra)
}

/// Runs one phase in a child process that generates into `out`.
fn run_child(
    exe: &Path,
    phase: Phase,
    inputs: &[PathBuf],
    out: &Path,
    extra: &[String],
) -> Result<Sample, String> {
    let output = Command::new(exe)
        .args(["bench", "--phase", phase.arg(), "--out"])
        .arg(out)
        .args(extra)
        .arg("--")
        .args(inputs)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{}: {e}", exe.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "phase {} failed ({}): {stdout}",
            phase.arg(),
            output.status
        ));
    }
    let nums: Vec<u64> = stdout
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    match nums[..] {
        [ns, hwm, count, cpu] => Ok(Sample {
            wall: Duration::from_nanos(ns),
            hwm,
            count,
            cpu: Duration::from_nanos(cpu),
        }),
        _ => Err(format!(
            "phase {}: unexpected report `{stdout}`",
            phase.arg()
        )),
    }
}

/// The child: `bench --phase PHASE --out DIR [--only A,B] [--code FILE] -- INPUT...`. Prints the
/// wall time of the work in nanoseconds, the peak RSS in bytes, and a count that proves the
/// work was done.
fn child(args: &[String]) -> ExitCode {
    let Some(phase) = args.first().and_then(|p| Phase::from_arg(p)) else {
        return crate::usage_error("bench --phase: floor, ir, generate or emit-floor");
    };
    let mut out = None;
    let mut code = None;
    let mut name = "bench_models".to_string();
    let mut only: Vec<String> = Vec::new();
    let mut inputs = Vec::new();
    let mut it = args[1..].iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out" => out = it.next().map(PathBuf::from),
            "--name" => name = it.next().cloned().unwrap_or(name),
            "--code" => code = it.next().map(PathBuf::from),
            "--only" => {
                let list = it.next().map(String::as_str).unwrap_or("");
                only.extend(list.split(',').filter(|s| !s.is_empty()).map(String::from));
            }
            "--" => inputs.extend(it.by_ref().map(PathBuf::from)),
            other => return crate::usage_error(&format!("bench --phase: `{other}`")),
        }
    }
    let builder = builder(&inputs, &only);
    // The emission floor's input is read before the clock starts.
    let code = match (phase, code) {
        (Phase::EmitFloor, Some(path)) => match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => return child_error(&format!("{}: {e}", path.display())),
        },
        (Phase::EmitFloor, None) => return crate::usage_error("bench --phase emit-floor: --code"),
        _ => String::new(),
    };
    let started = Instant::now();
    let count = match phase {
        Phase::Floor => floor(&inputs),
        Phase::Ir => match builder.parse() {
            Ok(parsed) => parsed.schema.types.len() as u64,
            Err(e) => return child_error(&e),
        },
        Phase::Generate => {
            let out = out.unwrap_or_else(|| PathBuf::from("bench-out"));
            match builder.write_crate(&out, &name) {
                Ok(generation) => generation.code.len() as u64,
                Err(e) => return child_error(&e),
            }
        }
        Phase::EmitFloor => match emission_floor(&code) {
            Ok(n) => n,
            Err(e) => return child_error(&e),
        },
    };
    let wall = started.elapsed();
    println!(
        "{} {} {count} {}",
        wall.as_nanos(),
        peak_rss(),
        cpu_time().as_nanos()
    );
    ExitCode::SUCCESS
}

fn builder(inputs: &[PathBuf], only: &[String]) -> mdgen::Builder {
    mdgen::Builder::new()
        .inputs(inputs)
        .wire_case(mdgen::WireCase::Snake)
        .only(only)
}

fn child_error(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}

/// The floor: every doc read and parsed by pulldown-cmark with tables on; the events are
/// counted so that nothing is optimized away.
fn floor(inputs: &[PathBuf]) -> u64 {
    let mut events = 0u64;
    for root in inputs {
        for path in doc_paths(root) {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            let parser =
                pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES);
            events += parser.count() as u64;
        }
    }
    std::hint::black_box(events)
}

/// The emission floor: `code` parsed by syn and laid out by prettyplease, as one file on one
/// thread; the length of the text, so that nothing is optimized away.
fn emission_floor(code: &str) -> Result<u64, String> {
    let file = syn::parse_file(code).map_err(|e| format!("the generated code: {e}"))?;
    Ok(std::hint::black_box(prettyplease::unparse(&file)).len() as u64)
}

/// This process's peak resident set in bytes (`VmHWM`), or 0 where /proc has no such line.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// User + system CPU time of this process so far, all threads included.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return Duration::ZERO;
        }
        usage
    };
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// The load averages over 1, 5 and 15 minutes, as /proc/loadavg gives them.
fn load() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// This xtask built with `--release`: the children must measure optimized code whatever
/// profile `cargo xtask` itself was built with.
fn release_exe() -> Result<PathBuf, String> {
    if !cfg!(debug_assertions) {
        return std::env::current_exe().map_err(|e| e.to_string());
    }
    eprintln!("bench: building xtask with --release for the measured runs");
    release_binary("xtask", "xtask")
}

/// Builds `package` with `--release` and returns the path of its binary `bin`, as cargo
/// reports it.
pub(crate) fn release_binary(package: &str, bin: &str) -> Result<PathBuf, String> {
    let output = Command::new(cargo())
        .current_dir(crate::repo_root())
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            package,
            "--message-format=json",
        ])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo build --release -p {package} failed"));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["target"]["name"] == bin)
        .find_map(|v| v["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| format!("cargo build did not report the {bin} executable"))
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Writes `times` copies of the docs under `from` into `to/copy-N/`, each copy's models
/// renamed (`Account` → `AccountC3`) wherever the name stands as a word, so that the copies
/// are distinct models that link among themselves exactly as the original does.
fn enlarge(from: &Path, to: &Path, times: usize) -> Result<(), String> {
    let docs = doc_paths(from);
    let mut texts = Vec::with_capacity(docs.len());
    let mut names = BTreeSet::new();
    for path in &docs {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(name) = title(&text) {
            names.insert(name.to_string());
        }
        texts.push(text);
    }
    for k in 0..times {
        let suffix = format!("C{k}");
        let dir = to.join(format!("copy-{k}"));
        for (path, text) in docs.iter().zip(&texts) {
            let rel = path.strip_prefix(from).unwrap_or(path);
            let dest = dir.join(rel);
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            let renamed = rename_models(text, &names, &suffix);
            std::fs::write(&dest, renamed).map_err(|e| format!("{}: {e}", dest.display()))?;
        }
    }
    Ok(())
}

/// The model name of a doc: its first `# ` heading, deprecation marks and backticks stripped.
fn title(text: &str) -> Option<&str> {
    let heading = text.lines().find_map(|l| l.strip_prefix("# "))?;
    let name = heading.trim().trim_matches(|c| c == '~' || c == '`').trim();
    let ident = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    ident.then_some(name)
}

/// `text` with `suffix` appended to the model names in it, except in section headings and table
/// header rows: a model named `Type` or `Fields` must not rename the `Type` column or the
/// `## Fields` section, which would leave the copies without tables.
fn rename_models(text: &str, names: &BTreeSet<String>, suffix: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let delimiter_row = |line: &str| {
        let line = line.trim();
        line.starts_with('|') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in lines.iter().enumerate() {
        let header_row = lines.get(i + 1).is_some_and(|next| delimiter_row(next));
        if line.starts_with("##") || header_row {
            out += line;
        } else {
            out += &rename_words(line, names, suffix);
        }
    }
    out
}

/// `text` with `suffix` appended to every word (a run of ASCII letters, digits and `_`) that
/// is one of `names`.
fn rename_words(text: &str, names: &BTreeSet<String>, suffix: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if word(bytes[i]) {
            let start = i;
            while i < bytes.len() && word(bytes[i]) {
                i += 1;
            }
            let w = &text[start..i];
            out += w;
            if names.contains(w) {
                out += suffix;
            }
        } else {
            let start = i;
            while i < bytes.len() && !word(bytes[i]) {
                i += 1;
            }
            out += &text[start..i];
        }
    }
    out
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The timing and memory table, and the targets.
fn report(out: &mut String, rows: &[Row], runs: usize, load_before: &str) {
    let _ = writeln!(
        out,
        "mdgen bench: median of {runs} runs per phase, each run a child process; {} cores; \
         load average {load_before} before, {} after\n\
         a = markdown floor (find, read and pulldown-cmark-parse every doc, tables on; one thread)\n\
         e = emission floor (syn::parse_file + prettyplease::unparse of the code c writes; one thread)\n\
         b = mdgen up to the fused IR (Builder::parse)\n\
         c = full generation: parse, emit, format, write a crate (Builder::write_crate)\n",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load(),
    );
    let _ = writeln!(
        out,
        "{:<31} {:>6} {:>6} {:>5} | {:>7} {:>7} {:>7} {:>7} | {:>5} {:>5} {:>7} | {:>6} {:>7} | {:>7} {:>7} {:>7} {:>7} | {:>5} {:>5} {:>5} {:>6}",
        "set", "docs", "models", "MB", "a ms", "e ms", "b ms", "c ms", "b/a", "c/a", "c/(a+e)",
        "MB/s", "docs/s", "cpu a", "cpu e", "cpu b", "cpu c", "RSS a", "RSS b", "RSS c", "c/in"
    );
    for r in rows {
        let [a, b, c, e] = r.wall;
        let ratio = |x: Duration| x.as_secs_f64() / a.as_secs_f64().max(1e-9);
        let secs = c.as_secs_f64().max(1e-9);
        let _ = writeln!(
            out,
            "{:<31} {:>6} {:>6} {:>5.1} | {:>7.1} {:>7.1} {:>7.1} {:>7.1} | {:>5.2} {:>5.2} {:>7.2} | {:>6.1} {:>7.0} | {:>7.1} {:>7.1} {:>7.1} {:>7.1} | {:>5.0} {:>5.0} {:>5.0} {:>5.2}x",
            r.set.name,
            r.set.docs,
            r.models,
            mb(r.set.bytes),
            ms(a),
            ms(e),
            ms(b),
            ms(c),
            ratio(b),
            ratio(c),
            over_floors(r),
            mb(r.set.bytes) / secs,
            r.set.docs as f64 / secs,
            ms(r.cpu[0]),
            ms(r.cpu[3]),
            ms(r.cpu[1]),
            ms(r.cpu[2]),
            mb(r.hwm[0]),
            mb(r.hwm[1]),
            mb(r.hwm[2]),
            r.hwm[2] as f64 / r.set.bytes.max(1) as f64,
        );
    }
    let _ = writeln!(
        out,
        "(ms: median wall time; MB = 10^6 bytes; MB/s and docs/s: of c; cpu: median CPU ms of \
         the child, all threads;\n RSS: largest peak resident set of the child, MB; c/in: \
         peak RSS of c over the input bytes)\n"
    );
    targets(out, rows);
}

fn targets(out: &mut String, rows: &[Row]) {
    let _ = writeln!(out, "targets:");
    let verdict = |ok: bool| if ok { "holds" } else { "MISSED" };
    for r in rows
        .iter()
        .filter(|r| r.set.name == STACKONE_TS || r.set.name.starts_with("whole corpus"))
    {
        let x = over_floors(r);
        let _ = writeln!(
            out,
            "  c/(a+e) <= 1.25 on {:<23} {x:>6.2}  {}",
            r.set.name,
            verdict(x <= 1.25)
        );
    }
    let one = rows.iter().find(|r| r.set.name == STACKONE_TS);
    let ten = rows.iter().find(|r| r.set.name.ends_with("x10"));
    if let (Some(one), Some(ten)) = (one, ten) {
        let x = ten.wall[2].as_secs_f64() / one.wall[2].as_secs_f64().max(1e-9);
        // The copies must be as much work as the original: ten times the code.
        let work = ten.code as f64 / one.code.max(1) as f64;
        let _ = writeln!(
            out,
            "  c(x10) <= 11 x c(x1)                    {x:>6.2}  {}   (x10 writes {work:.2} x the code)",
            verdict(x <= 11.0)
        );
    }
    for r in rows.iter().filter(|r| headline(&r.set.name)) {
        let x = r.hwm[2] as f64 / r.set.bytes.max(1) as f64;
        let _ = writeln!(
            out,
            "  peak RSS <= 4 x input on {:<29} {x:>6.2}  {}",
            r.set.name,
            verdict(x <= 4.0)
        );
    }
    let _ = writeln!(
        out,
        "  (on the small folders the process itself, about {:.0} MB as the floor's RSS shows, \
         outweighs the docs)",
        rows.iter()
            .map(|r| mb(r.hwm[0]))
            .fold(f64::INFINITY, f64::min)
    );
}

/// Generation over the floors of the same work: c / (a + e).
fn over_floors(r: &Row) -> f64 {
    let floors = r.wall[0] + r.wall[3];
    r.wall[2].as_secs_f64() / floors.as_secs_f64().max(1e-9)
}

/// The sets the targets are stated for.
fn headline(name: &str) -> bool {
    name == STACKONE_TS || name.starts_with("whole corpus") || name.ends_with("x10")
}

/// `cargo check` of the crate generated from StackOne TypeScript, whole and `--only`.
fn check_section(out: &mut String, exe: &Path, corpus: &Path, tmp: &Path) -> Result<(), String> {
    let docs = corpus.join(STACKONE_TS);
    let target = tmp.join("check-target");
    let lock = crate::repo_root().join("Cargo.lock");
    let mut crates = Vec::new();
    for (name, only) in [("stackone_only", Some(ONLY_MODEL)), ("stackone_full", None)] {
        let dir = tmp.join(name);
        let mut extra = vec!["--name".to_string(), name.to_string()];
        if let Some(model) = only {
            extra.extend(["--only".to_string(), model.to_string()]);
        }
        generate_into(exe, &docs, &dir, &extra)?;
        // The workspace's lock file pins the same dependency versions and needs no network.
        std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
        crates.push((name, only, dir));
    }
    eprintln!("bench: cargo check of the generated crates (dependencies first, untimed)");
    let only_dir = &crates[0].2;
    cargo_check(only_dir, &target, &[])?;
    touch(&only_dir.join("src/models.rs"))?;
    let mut rows = Vec::new();
    for (name, only, dir) in &crates {
        // Each timed check is the crate's own, its dependencies already built, with no
        // incremental state to reuse.
        let took = cargo_check(dir, &target, &[])?;
        let code = std::fs::read_to_string(dir.join("src/models.rs")).unwrap_or_default();
        let items = code
            .lines()
            .filter(|l| l.starts_with("pub struct ") || l.starts_with("pub enum "))
            .count();
        rows.push((name, only, took, code.lines().count(), items));
    }
    let _ = writeln!(
        out,
        "cargo check of the crate generated from {STACKONE_TS} (dependencies built; \
         CARGO_INCREMENTAL=0):"
    );
    for (name, only, took, lines, items) in rows {
        let what = match only {
            Some(model) => format!("--only {model}"),
            None => "all models".to_string(),
        };
        let _ = writeln!(
            out,
            "  {name:<14} {what:<40} {items:>5} types {lines:>7} lines   {:>6.2} s",
            took.as_secs_f64()
        );
    }
    Ok(())
}

/// Runs the generation phase once with its output in `dir`.
fn generate_into(exe: &Path, docs: &Path, dir: &Path, extra: &[String]) -> Result<(), String> {
    let output = Command::new(exe)
        .args(["bench", "--phase", "generate", "--out"])
        .arg(dir)
        .args(extra)
        .arg("--")
        .arg(docs)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{}: {e}", exe.display()))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "generating into {} failed: {}",
            dir.display(),
            String::from_utf8_lossy(&output.stdout)
        ))
    }
}

/// `cargo check` in `dir` with `target` as the target folder; its wall time. Offline first (the
/// workspace has fetched every dependency), then online.
fn cargo_check(dir: &Path, target: &Path, extra: &[&str]) -> Result<Duration, String> {
    Ok(cargo_in(dir, target, &["check", "--quiet"], extra)?.0)
}

/// Runs `cargo ARGS EXTRA` in `dir`; its wall time and stderr.
fn cargo_in(
    dir: &Path,
    target: &Path,
    args: &[&str],
    extra: &[&str],
) -> Result<(Duration, String), String> {
    let mut last = String::new();
    for offline in [true, false] {
        let mut cmd = Command::new(cargo());
        cmd.current_dir(dir)
            .args(args)
            .args(extra)
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_INCREMENTAL", "0")
            .env_remove("RUSTFLAGS")
            .stdin(Stdio::null());
        if offline {
            cmd.arg("--offline");
        }
        let started = Instant::now();
        let output = cmd.output().map_err(|e| format!("cargo: {e}"))?;
        let took = started.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if output.status.success() {
            return Ok((took, stderr));
        }
        last = stderr;
    }
    Err(format!(
        "cargo {} in {} failed:\n{last}",
        args.join(" "),
        dir.display()
    ))
}

/// Sets the modification time of `path` to now, leaving its content alone.
fn touch(path: &Path) -> Result<(), String> {
    std::fs::File::options()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .map_err(|e| format!("touch {}: {e}", path.display()))
}

/// A crate whose build script runs mdgen over a copy of the StackOne TypeScript docs (only
/// the `--only` model is generated, so that compiling it stays small): the first build, a
/// rebuild with no change, and a rebuild after a doc is touched but not changed.
fn build_script_section(out: &mut String, corpus: &Path, tmp: &Path) -> Result<(), String> {
    let dir = tmp.join("build-script");
    let docs = dir.join("docs");
    for path in doc_paths(&corpus.join(STACKONE_TS)) {
        let rel = path.strip_prefix(corpus.join(STACKONE_TS)).unwrap_or(&path);
        let dest = docs.join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::copy(&path, &dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    }
    let mdgen = crate::repo_root().join("crates/mdgen");
    let manifest = format!(
        "[package]\nname = \"bench_build_script\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\n\
         serde = {{ version = \"1.0.188\", features = [\"derive\"] }}\n\
         serde_json = \"1.0.118\"\nserde_with = {{ version = \"3\", default-features = false }}\n\
         chrono = {{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }}\n\n\
         [build-dependencies]\nmdgen = {{ path = {:?} }}\n\n[workspace]\n",
        mdgen.to_string_lossy()
    );
    let build = format!(
        "fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    \
         mdgen::Builder::new()\n        .input(\"docs\")\n        \
         .wire_case(mdgen::WireCase::Snake)\n        .only([{ONLY_MODEL:?}])\n        \
         .write_to_out_dir(\"models.rs\")?;\n    Ok(())\n}}\n"
    );
    let lib = "pub mod models {\n    include!(concat!(env!(\"OUT_DIR\"), \"/models.rs\"));\n}\n";
    let write = |rel: &str, text: &str| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(&dir))
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    write("Cargo.toml", &manifest)?;
    write("build.rs", &build)?;
    write("src/lib.rs", lib)?;
    std::fs::copy(
        crate::repo_root().join("Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .map_err(|e| format!("Cargo.lock: {e}"))?;
    let target = tmp.join("build-script-target");
    eprintln!("bench: a crate with mdgen in build.rs (the first build compiles mdgen)");
    let ran = |stderr: &str| {
        stderr.lines().any(|l| {
            l.contains("Running")
                && l.contains("bench_build_script-")
                && l.contains("build-script-build")
        })
    };
    let (first, _) = cargo_in(&dir, &target, &["check", "-v"], &[])?;
    let models = find_out_file(&target, "bench_build_script", "models.rs")
        .ok_or("the build script wrote no models.rs")?;
    let written = mtime(&models);
    let (again, stderr_again) = cargo_in(&dir, &target, &["check", "-v"], &[])?;
    let doc = doc_paths(&docs)
        .into_iter()
        .find(|p| p.to_string_lossy().contains("connectsessiontokenauthlink"))
        .ok_or("no connectsessiontokenauthlink doc in the copy")?;
    // Filesystems with coarse timestamps need the touch to land in a later tick.
    std::thread::sleep(Duration::from_millis(1100));
    touch(&doc)?;
    let (touched, stderr_touched) = cargo_in(&dir, &target, &["check", "-v"], &[])?;
    let unchanged = mtime(&models) == written;
    let yes = |b: bool| if b { "yes" } else { "NO" };
    let no = |b: bool| if b { "NO" } else { "no" };
    let _ = writeln!(
        out,
        "build.rs ({} docs in, --only {ONLY_MODEL}; build script in the dev profile, as cargo \
         builds it by default):",
        doc_paths(&docs).len()
    );
    let _ = writeln!(
        out,
        "  first cargo check (compiles mdgen, runs it)        {:>6.2} s",
        first.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "  no-change rebuild                                  {:>6.2} s   build script reran: {}",
        again.as_secs_f64(),
        no(ran(&stderr_again))
    );
    let _ = writeln!(
        out,
        "  a doc touched, content unchanged                   {:>6.2} s   build script reran: {}, \
         models.rs left untouched: {}",
        touched.as_secs_f64(),
        yes(ran(&stderr_touched)),
        yes(unchanged)
    );
    Ok(())
}

/// `target/debug/build/<package>-<hash>/out/<file>` of the build script that wrote it.
fn find_out_file(target: &Path, package: &str, file: &str) -> Option<PathBuf> {
    let build = target.join("debug/build");
    std::fs::read_dir(build)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{package}-"))
        })
        .map(|e| e.path().join("out").join(file))
        .find(|p| p.is_file())
}

fn mtime(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renaming_touches_whole_words_only() {
        let names: BTreeSet<String> = ["Account", "Type"].map(String::from).into();
        let text = "# Account\n[shared.Account](../account.md) AccountType Type.Test `type`";
        assert_eq!(
            rename_words(text, &names, "C1"),
            "# AccountC1\n[shared.AccountC1](../account.md) AccountType TypeC1.Test `type`"
        );
    }

    #[test]
    fn renaming_leaves_section_headings_and_table_headers_alone() {
        let names: BTreeSet<String> = ["Type", "Fields", "Pet"].map(String::from).into();
        let text = "# Type\n\n## Fields\n\n| Field | Type |\n| ----- | ---- |\n| `kind` | [shared.Type](../type.md) |\n| `pet` | *Pet* |\n";
        assert_eq!(
            rename_models(text, &names, "C1"),
            "# TypeC1\n\n## Fields\n\n| Field | Type |\n| ----- | ---- |\n| `kind` | [shared.TypeC1](../type.md) |\n| `pet` | *PetC1* |\n"
        );
    }

    #[test]
    fn titles_are_model_names() {
        assert_eq!(title("# ~~Old~~\n"), Some("Old"));
        assert_eq!(title("intro\n# Account\n# Other"), Some("Account"));
        assert_eq!(title("# Not a name\n"), None);
        assert_eq!(title("no heading"), None);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        let d = Duration::from_millis;
        assert_eq!(median(vec![d(3), d(1), d(2)]), d(2));
        assert_eq!(
            median(vec![d(4), d(1), d(2), d(3)]),
            Duration::from_micros(2500)
        );
        assert_eq!(median(vec![]), Duration::ZERO);
    }
}

//! `cargo xtask fidelity`: do the types mdgen generates accept and reproduce the JSON the real
//! API sends? For every corpus folder whose OpenAPI document is known (an `openapi.yaml` in
//! `../shared/corpus/API/DIALECT/` or `API/`), and for each API documented in several
//! dialects with all of them fused, the shared fidelity tools (`../shared/tools/fidelity`)
//! synthesize JSON cases from the document (`synth.py`, cached under `target/fidelity/`) and
//! score the crate the release `mdgen` generates from the docs (`run.py`). Two columns: with
//! no configuration, and with `--wire-case` set to the API's convention (the case of most
//! multi-word property names of its schemas). The failures are grouped by what went wrong,
//! and the scores can be checked against the committed baseline.

mod baseline;
mod convention;
mod outcome;
mod report;
mod tool_limits;

use baseline::{Baseline, Score};
use mdgen_ir::WireCase;
use outcome::{Cases, Outcome};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;
use tool_limits::ToolLimits;

const USAGE: &str = "\
Usage: cargo xtask fidelity [--quick] [--corpus NAME]... [--check] [--update-baseline]
                            [--verbose] [--examples N]

  --quick            only the corpora CI scores (authlete/go, kintsugi/typescript)
  --corpus NAME      only the corpora whose name contains NAME (repeatable), e.g.
                     kintsugi/fused or glean
  --check            exit 1 naming each corpus and column that passes fewer cases than
                     xtask/fidelity-baseline.toml says
  --update-baseline  write the scores of the corpora that ran into the baseline
  --verbose          one example failing case per group (same as --examples 1)
  --examples N       N example failing cases per group

Needs python3 with PyYAML and rstr (python3 -m pip install pyyaml rstr).";

/// The corpora `--quick` scores: two dialects, two APIs, a few minutes on two cores.
const QUICK: [&str; 2] = ["authlete/go", "kintsugi/typescript"];

/// The baseline, relative to the repository root.
const BASELINE: &str = "xtask/fidelity-baseline.toml";

/// The two columns of scores.
const ZERO_CONFIG: &str = "zero-config";
const GIVEN_CASE: &str = "given-case";

pub fn run(args: &[String]) -> ExitCode {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let opts = match Opts::parse(args) {
        Ok(o) => o,
        Err(e) => return crate::usage_error(&format!("fidelity: {e}\n\n{USAGE}")),
    };
    match fidelity(&opts) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: fidelity: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Opts {
    quick: bool,
    corpora: Vec<String>,
    check: bool,
    update: bool,
    examples: usize,
}

impl Opts {
    fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts {
            quick: false,
            corpora: Vec::new(),
            check: false,
            update: false,
            examples: 0,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--quick" => o.quick = true,
                "--corpus" => o.corpora.push(value("--corpus")?.clone()),
                "--check" => o.check = true,
                "--update-baseline" => o.update = true,
                "--verbose" => o.examples = o.examples.max(1),
                "--examples" => {
                    o.examples = value("--examples")?
                        .parse()
                        .map_err(|_| "--examples needs a number")?;
                }
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(o)
    }

    /// Whether the corpus named `name` is to be scored.
    fn wants(&self, name: &str) -> bool {
        (!self.quick || QUICK.contains(&name))
            && (self.corpora.is_empty() || self.corpora.iter().any(|c| name.contains(c.as_str())))
    }
}

/// A set of docs scored against the OpenAPI document they were generated from.
#[derive(Debug, PartialEq)]
struct Corpus {
    /// `api/dialect`, or `api/fused`.
    name: String,
    /// The docs folders, fused when several.
    inputs: Vec<PathBuf>,
    spec: PathBuf,
}

/// Every corpus folder of the corpus README with an OpenAPI document, in the README's order,
/// each API documented in several dialects followed by all of them fused (scored against the
/// document of its first folder).
fn corpora(corpus: &Path) -> Result<Vec<Corpus>, String> {
    let mut out: Vec<Corpus> = Vec::new();
    for (folder, _) in crate::corpus::folders(corpus)? {
        let mut parts = folder.split('/');
        let (Some(api), Some(dialect)) = (parts.next(), parts.next()) else {
            continue;
        };
        let spec = [
            format!("{api}/{dialect}/openapi.yaml"),
            format!("{api}/openapi.yaml"),
        ]
        .into_iter()
        .map(|p| corpus.join(p))
        .find(|p| p.is_file());
        let Some(spec) = spec else { continue };
        let name = format!("{api}/{dialect}");
        if out.iter().any(|c| c.name == name) {
            continue;
        }
        out.push(Corpus {
            name,
            inputs: vec![corpus.join(&folder)],
            spec,
        });
    }
    let mut apis: Vec<&str> = out
        .iter()
        .filter_map(|c| c.name.split('/').next())
        .collect();
    apis.dedup();
    let mut all = Vec::new();
    for api in apis {
        let members: Vec<&Corpus> = out
            .iter()
            .filter(|c| c.name.split('/').next() == Some(api))
            .collect();
        if members.len() > 1 {
            all.push(Corpus {
                name: format!("{api}/fused"),
                inputs: members.iter().flat_map(|c| c.inputs.clone()).collect(),
                spec: members[0].spec.clone(),
            });
        }
    }
    // each fused set after the last folder of its API
    for fused in all {
        let api = fused.name.split('/').next().unwrap_or_default().to_string();
        let at = out
            .iter()
            .rposition(|c| c.name.starts_with(&format!("{api}/")))
            .map_or(out.len(), |i| i + 1);
        out.insert(at, fused);
    }
    Ok(out)
}

/// The cases and the convention of one corpus's spec.
struct Prepared {
    cases_path: PathBuf,
    cases: Cases,
    limits: ToolLimits,
    convention: Option<(WireCase, usize, usize)>,
}

/// Where the tools, the corpus and the cache are.
struct Places {
    root: PathBuf,
    tools: PathBuf,
    cache: PathBuf,
}

/// Synthesizes the cases of `spec` and lists its property names, each cached under
/// `target/fidelity/cases/` by the content of the spec and of synth.py.
fn prepare(spec: &Path, places: &Places) -> Result<Prepared, String> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let mut hasher = std::hash::DefaultHasher::new();
    read(spec)?.hash(&mut hasher);
    read(&places.tools.join("synth.py"))?.hash(&mut hasher);
    let key = format!("{:016x}", hasher.finish());
    let dir = places.cache.join("cases");
    let cases_path = dir.join(format!("{key}.json"));
    let names_path = dir.join(format!("{key}.names.json"));
    let lost_path = dir.join(format!("{key}.lost.json"));
    let synth = places.tools.join("synth.py");
    cached(&cases_path, || {
        python(&[synth.as_os_str(), spec.as_os_str()], &places.root)
    })?;
    // What the spec says beyond the cases: its property names, the keys synth.py loses.
    let facts = [
        (&names_path, convention::PROPERTY_NAMES_PY),
        (&lost_path, tool_limits::LOST_REQUIRED_PY),
    ];
    for (path, script) in facts {
        cached(path, || {
            let args = [
                "-c".as_ref(),
                script.as_ref(),
                places.tools.as_os_str(),
                spec.as_os_str(),
            ];
            python(&args, &places.root)
        })?;
    }
    let json = |p: &Path| -> Result<serde_json::Value, String> {
        serde_json::from_slice(&read(p)?).map_err(|e| format!("{}: {e}", p.display()))
    };
    let cases: Cases = serde_json::from_value(json(&cases_path)?)
        .map_err(|e| format!("{}: {e}", cases_path.display()))?;
    let lost_required = serde_json::from_value(json(&lost_path)?)
        .map_err(|e| format!("{}: {e}", lost_path.display()))?;
    let names = json(&names_path)?;
    let names = names.as_array().map(Vec::as_slice).unwrap_or_default();
    Ok(Prepared {
        cases_path,
        cases,
        limits: ToolLimits { lost_required },
        convention: convention::vote(names.iter().filter_map(|v| v.as_str())),
    })
}

/// Writes what `make` returns to `path` unless it exists; through a temporary file, so that
/// an interrupted run leaves no half-written cache.
fn cached(path: &Path, make: impl FnOnce() -> Result<Vec<u8>, String>) -> Result<(), String> {
    if path.is_file() {
        return Ok(());
    }
    let bytes = make()?;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs python3 with `args` in `dir`; its stdout, or an error with its stderr.
fn python(args: &[&std::ffi::OsStr], dir: &Path) -> Result<Vec<u8>, String> {
    let out = Command::new("python3")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "python3 {} failed:\n{}",
            args.first()
                .map(|a| a.to_string_lossy())
                .unwrap_or_default(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(out.stdout)
}

/// Scores the crate `mdgen` generates from `corpus` against its cases, with `wire_case` if
/// given, compiling in the shared `work` folder.
fn score(
    mdgen: &Path,
    corpus: &Corpus,
    prepared: &Prepared,
    wire_case: Option<WireCase>,
    places: &Places,
) -> Result<Outcome, String> {
    let flag = wire_case.map_or(String::new(), |c| format!(" --wire-case {}", c.as_str()));
    let gen = format!(
        "'{}' generate {{inputs}} --crate {{crate}} --name {{name}}{flag}",
        mdgen.display()
    );
    let mut cmd = Command::new("python3");
    cmd.arg(places.tools.join("run.py"))
        .arg("--cases")
        .arg(&prepared.cases_path);
    for input in &corpus.inputs {
        cmd.arg("--docs").arg(input);
    }
    let out = cmd
        .args(["--gen", &gen, "--verbose", "--work"])
        .arg(places.cache.join("work"))
        .current_dir(&places.root)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let full = if outcome::any_cut(&stdout) {
        uncut_results(&places.cache.join("work"))
    } else {
        outcome::Results::new()
    };
    let outcome = outcome::parse(&stdout, &prepared.cases, &full, &prepared.limits);
    if outcome.total == 0 && !stdout.lines().any(|l| l.starts_with("fidelity")) {
        return Err(format!(
            "run.py on {} gave no score:\n{}{}",
            corpus.name,
            stdout,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(outcome)
}

/// Every case's whole result, from running again the test run.py built and ran in `work`
/// (already compiled, so it takes seconds): run.py prints only the first 300 characters.
/// Empty when it cannot be run, and then the cut results stand.
fn uncut_results(work: &Path) -> outcome::Results {
    let out = Command::new("cargo")
        .args(["test", "-q", "--test", "fidelity", "--", "--nocapture"])
        .current_dir(work.join("crate"))
        .env("CARGO_TARGET_DIR", work.join("target"))
        .stdin(Stdio::null())
        .output();
    match out {
        Ok(out) => outcome::results(&String::from_utf8_lossy(&out.stdout)),
        Err(_) => outcome::Results::new(),
    }
}

/// The scores of one corpus.
struct Row {
    name: String,
    convention: Option<(WireCase, usize, usize)>,
    /// Zero configuration, then the API's convention as `--wire-case`.
    columns: [Outcome; 2],
}

fn fidelity(opts: &Opts) -> Result<bool, String> {
    let started = Instant::now();
    let root = crate::repo_root();
    let shared = root.join("../shared");
    let places = Places {
        tools: shared.join("tools/fidelity"),
        cache: root.join("target/fidelity"),
        root,
    };
    python(&["--version".as_ref()], &places.root)
        .map_err(|e| format!("{e}\n(cargo xtask fidelity needs python3 with PyYAML and rstr)"))?;
    let all = corpora(&shared.join("corpus"))?;
    let chosen: Vec<Corpus> = all.into_iter().filter(|c| opts.wants(&c.name)).collect();
    if chosen.is_empty() {
        return Err("no corpus matches the filter".into());
    }
    eprintln!("fidelity: building mdgen-cli with --release");
    let mdgen = crate::bench::release_binary("mdgen-cli", "mdgen")?;

    let mut rows = Vec::new();
    for corpus in &chosen {
        let prepared = prepare(&corpus.spec, &places)?;
        let run = |case: Option<WireCase>| -> Result<Outcome, String> {
            let t = Instant::now();
            let o = score(&mdgen, corpus, &prepared, case, &places)?;
            let column = case.map_or(ZERO_CONFIG.to_string(), |c| c.as_str().to_string());
            eprintln!(
                "fidelity: {} {column}: {}/{} in {:.0?}",
                corpus.name,
                o.pass,
                o.total,
                t.elapsed()
            );
            Ok(o)
        };
        let zero = run(None)?;
        let given = match prepared.convention {
            Some((case, ..)) => run(Some(case))?,
            None => run(None)?,
        };
        rows.push(Row {
            name: corpus.name.clone(),
            convention: prepared.convention,
            columns: [zero, given],
        });
    }
    print!("{}", report::report(&rows, opts.examples));
    println!(
        "fidelity: {} corpora in {:.0?}",
        rows.len(),
        started.elapsed()
    );

    let now = scores(&rows);
    let path = places.root.join(BASELINE);
    let base = match std::fs::read_to_string(&path) {
        Ok(text) => baseline::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?,
        Err(_) if !opts.check => Baseline::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut ok = true;
    if opts.check {
        let (drops, notes) = baseline::compare(&base, &now);
        for n in &notes {
            println!("note: {n}");
        }
        for d in &drops {
            println!("FAIL: {d}");
        }
        ok = drops.is_empty();
        if ok {
            println!("fidelity --check: no corpus below {BASELINE}");
        }
    }
    if opts.update {
        std::fs::write(&path, baseline::render(&baseline::merge(base, &now)))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        println!("fidelity: wrote {BASELINE}");
    }
    Ok(ok)
}

/// The scores of `rows`, by column and corpus.
fn scores(rows: &[Row]) -> Baseline {
    let mut out = Baseline::new();
    for row in rows {
        for (column, o) in [ZERO_CONFIG, GIVEN_CASE].iter().zip(&row.columns) {
            out.entry(column.to_string()).or_default().insert(
                row.name.clone(),
                Score {
                    pass: o.pass,
                    total: o.total,
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpora_are_the_folders_with_a_spec_and_each_api_fused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut readme = String::from("| folder | dialect |\n| --- | --- |\n");
        for folder in [
            "a/ts/docs/models",
            "a/go/docs/models",
            "b/go/docs/models",
            "c/py/docs",
        ] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
            readme.push_str(&format!("| {folder} | x |\n"));
        }
        std::fs::write(root.join("README.md"), readme).unwrap();
        for spec in ["a/ts/openapi.yaml", "a/go/openapi.yaml", "b/openapi.yaml"] {
            std::fs::write(root.join(spec), "openapi: 3.0.0\n").unwrap();
        }
        let found = corpora(root).unwrap();
        let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a/ts", "a/go", "a/fused", "b/go"]);
        assert_eq!(
            found[2].inputs,
            [root.join("a/ts/docs/models"), root.join("a/go/docs/models")]
        );
        assert_eq!(found[2].spec, root.join("a/ts/openapi.yaml"));
        assert_eq!(found[3].spec, root.join("b/openapi.yaml"));
    }

    #[test]
    fn quick_and_corpus_filters_combine() {
        let opts = Opts::parse(&["--quick".into(), "--corpus".into(), "kintsugi".into()]).unwrap();
        assert!(opts.wants("kintsugi/typescript"));
        assert!(!opts.wants("authlete/go"));
        assert!(!opts.wants("kintsugi/fused"));
        let opts = Opts::parse(&["--corpus".into(), "fused".into()]).unwrap();
        assert!(opts.wants("glean/fused"));
        assert!(!opts.wants("glean/go"));
        assert!(Opts::parse(&["--examples".into()]).is_err());
    }
}

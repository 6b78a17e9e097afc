//! The `mdgen` command: Rust types from Speakeasy SDK model docs.
//!
//! Exit status: 0 on success (warnings and notes allowed), 1 when a doc had errors (the rest is
//! still written), when strict mode found errors or warnings (nothing written), when `--check`
//! found stale files, or on I/O and config errors; 2 on usage errors. `diff` exits 1 when a
//! change breaks code built on the old types, 2 when the docs cannot be compared.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::error::ErrorKind;
use clap::{ArgGroup, Args, CommandFactory, Parser, Subcommand};
use mdgen::{Builder, Diagnostics, Dialect, Error, Severity, WireCase};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "mdgen",
    version,
    about = "Rust types with serde from Speakeasy SDK model docs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a crate (--crate DIR --name NAME) or one Rust file (--out FILE.rs).
    Generate(Generate),
    /// Print the fused IR of the inputs as JSON.
    Ir(Ir),
    /// Compare two versions of the docs: models, fields and values added, removed and changed.
    #[command(override_usage = "mdgen diff <OLD>... -- <NEW>... [OPTIONS]")]
    Diff(DiffArgs),
}

#[derive(Args)]
#[command(group(ArgGroup::new("output").required(true).args(["crate_dir", "out"])))]
struct Generate {
    /// Docs folders (searched recursively for .md/.mdx) or files, fused into one model.
    /// Without any, the config file's inputs.
    #[arg(value_name = "INPUT", required_unless_present = "config")]
    inputs: Vec<PathBuf>,
    /// Write a library crate (its Cargo.toml, src/lib.rs and src/models.rs) into DIR.
    #[arg(long = "crate", value_name = "DIR", requires = "name")]
    crate_dir: Option<PathBuf>,
    /// The name of the generated crate.
    #[arg(long, value_name = "NAME", requires = "crate_dir", value_parser = crate_name)]
    name: Option<String>,
    /// Write the code to one file.
    #[arg(long, value_name = "FILE.rs")]
    out: Option<PathBuf>,
    /// Read settings from an mdgen.toml file; flags override them.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    reading: Reading,
    /// Optional nullable fields as one Option<T> instead of Option<Option<T>>.
    #[arg(long)]
    no_tri_state: bool,
    /// Treat warnings as errors, and write nothing when there are any.
    #[arg(long)]
    strict: bool,
    /// Print only errors.
    #[arg(short, long)]
    quiet: bool,
    /// Print every note (by default only the first few of each kind).
    #[arg(short, long, conflicts_with = "quiet")]
    verbose: bool,
    /// Write nothing; exit 1 naming each file that would change.
    #[arg(long)]
    check: bool,
}

#[derive(Args)]
struct Ir {
    /// Docs folders (searched recursively for .md/.mdx) or files, fused into one model.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    reading: Reading,
}

#[derive(Args)]
#[command(
    after_help = "Exit status: 0 when no change breaks code built on the old types, \
1 when one does, 2 when the docs cannot be compared (usage errors, inputs missing or without models)."
)]
struct DiffArgs {
    /// The old docs: folders or files, fused as `generate` fuses them.
    #[arg(value_name = "OLD", required = true)]
    old: Vec<PathBuf>,
    /// The new docs, after `--` (or `--new`); options may follow them.
    #[arg(long = "new", value_name = "NEW", required = true, num_args = 1..)]
    new: Vec<PathBuf>,
    /// Read settings from an mdgen.toml file (its inputs are not read); flags override them.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    reading: Reading,
    /// Print the changes as JSON.
    #[arg(long)]
    json: bool,
}

/// How the docs are read, for `generate` and `ir` alike.
#[derive(Args)]
struct Reading {
    /// The convention of the API's JSON keys.
    #[arg(long, value_name = "CASE", value_parser = wire_case())]
    wire_case: Option<WireCase>,
    /// Read every doc in this dialect instead of detecting it per file.
    #[arg(long, value_name = "DIALECT", value_parser = dialect())]
    dialect: Option<Dialect>,
    /// Only these models and the models they need (comma-separated or repeated).
    #[arg(long, value_name = "MODEL,...", value_delimiter = ',')]
    only: Vec<String>,
    /// A captured JSON body of MODEL; its keys settle the model's keys (repeatable).
    #[arg(long, value_name = "MODEL=FILE.json", value_parser = sample)]
    sample: Vec<(String, PathBuf)>,
}

impl Reading {
    /// `builder` with the settings given on the command line over its own.
    fn apply(&self, mut builder: Builder) -> Builder {
        if let Some(dialect) = self.dialect {
            builder = builder.dialect(dialect);
        }
        if let Some(case) = self.wire_case {
            builder = builder.wire_case(case);
        }
        if !self.only.is_empty() {
            builder = builder.only(&self.only);
        }
        for (model, file) in &self.sample {
            builder = builder.sample(model, file);
        }
        builder
    }
}

fn dialect() -> impl TypedValueParser<Value = Dialect> {
    PossibleValuesParser::new(Dialect::ALL.map(Dialect::as_str)).try_map(|s| s.parse::<Dialect>())
}

fn wire_case() -> impl TypedValueParser<Value = WireCase> {
    PossibleValuesParser::new(WireCase::ALL.map(WireCase::as_str))
        .try_map(|s| s.parse::<WireCase>())
}

fn sample(s: &str) -> Result<(String, PathBuf), String> {
    match s.split_once('=') {
        Some((model, file)) if !model.is_empty() && !file.is_empty() => {
            Ok((model.to_string(), PathBuf::from(file)))
        }
        _ => Err("expected MODEL=FILE.json".to_string()),
    }
}

fn crate_name(s: &str) -> Result<String, String> {
    let valid = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(s.to_string())
    } else {
        Err("ASCII letters, digits, `-` and `_`, starting with a letter".to_string())
    }
}

fn main() -> ExitCode {
    match Cli::parse_from(args()).command {
        Command::Generate(args) => generate(args),
        Command::Ir(args) => ir(args),
        Command::Diff(args) => diff(args),
    }
}

/// The command line, with the `--` of `mdgen diff OLD... -- NEW... [OPTIONS]` read as `--new`:
/// clap would take the options after the new docs for more docs.
fn args() -> Vec<OsString> {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "diff") {
        if let Some(separator) = args.iter().position(|a| a == "--") {
            args[separator] = "--new".into();
        }
    }
    args
}

fn generate(args: Generate) -> ExitCode {
    let mut builder = Builder::new().inputs(&args.inputs).strict(args.strict);
    if let Some(config) = &args.config {
        builder = builder.config_file(config);
    }
    builder = args.reading.apply(builder);
    if args.no_tri_state {
        builder = builder.tri_state(false);
    }
    let generation = match builder.generate() {
        Ok(generation) => generation,
        Err(e) => return fail(&e, verbosity(&args)),
    };
    report(&generation.diagnostics, verbosity(&args));
    let result = match (&args.crate_dir, &args.name, &args.out, args.check) {
        (Some(dir), Some(name), _, false) => generation.write_crate(dir, name),
        (Some(dir), Some(name), _, true) => generation.check_crate(dir, name),
        (_, _, Some(out), false) => generation.write_file(out),
        (_, _, Some(out), true) => generation.check_file(out),
        // clap's argument groups rule this out; exit as for any usage error.
        _ => Cli::command()
            .error(
                ErrorKind::MissingRequiredArgument,
                "--crate DIR --name NAME, or --out FILE.rs",
            )
            .exit(),
    };
    let paths = match result {
        Ok(paths) => paths,
        Err(e) => return fail(&e, verbosity(&args)),
    };
    for path in &paths {
        if args.check {
            eprintln!("mdgen: {} is out of date", path.display());
        } else if !args.quiet {
            eprintln!("mdgen: wrote {}", path.display());
        }
    }
    let stale = args.check && !paths.is_empty();
    exit_code(stale || generation.diagnostics.has_errors())
}

fn ir(args: Ir) -> ExitCode {
    let builder = args.reading.apply(Builder::new().inputs(&args.inputs));
    let parsed = match builder.parse() {
        Ok(parsed) => parsed,
        Err(e) => return fail(&e, Verbosity::Normal),
    };
    report(&parsed.diagnostics, Verbosity::Normal);
    match serde_json::to_string_pretty(&parsed.schema) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("error: cannot print the IR as JSON: {e}");
            return ExitCode::FAILURE;
        }
    }
    exit_code(parsed.diagnostics.has_errors())
}

/// Exit status of `diff` when the docs cannot be compared.
const CANNOT_COMPARE: u8 = 2;

fn diff(args: DiffArgs) -> ExitCode {
    let schema = |inputs: &[PathBuf]| {
        let mut builder = Builder::new().inputs(inputs);
        if let Some(config) = &args.config {
            builder = builder.config_file(config);
        }
        let parsed = args.reading.apply(builder).parse()?;
        // Errors only: the notes and warnings are about generating code, not comparing.
        report(&parsed.diagnostics, Verbosity::Quiet);
        Ok::<_, Error>(parsed.schema)
    };
    let (old, new) = match schema(&args.old).and_then(|old| Ok((old, schema(&args.new)?))) {
        Ok(schemas) => schemas,
        Err(e) => {
            fail(&e, Verbosity::Quiet);
            return ExitCode::from(CANNOT_COMPARE);
        }
    };
    let diff = mdgen::diff(&old, &new);
    if args.json {
        let json = serde_json::json!({ "breaking": diff.is_breaking(), "changes": diff.changes });
        match serde_json::to_string_pretty(&json) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: cannot print the changes as JSON: {e}");
                return ExitCode::from(CANNOT_COMPARE);
            }
        }
    } else {
        print!("{diff}");
    }
    exit_code(diff.is_breaking())
}

/// How much of the diagnostics to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, warnings, and the first few notes of each kind.
    Normal,
    /// Everything.
    Verbose,
}

/// Notes of one kind printed at `Verbosity::Normal`; a large docs folder has hundreds.
const NOTES_PER_KIND: usize = 5;

fn verbosity(args: &Generate) -> Verbosity {
    match (args.quiet, args.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    }
}

/// Prints the error, and the diagnostics behind it when strict mode failed or an input yielded
/// no model.
fn fail(error: &Error, verbosity: Verbosity) -> ExitCode {
    if let Error::Failed { diagnostics } | Error::NoModels { diagnostics, .. } = error {
        report(diagnostics, verbosity);
    }
    eprintln!("error: {error}");
    ExitCode::FAILURE
}

/// Renders diagnostics to stderr as `verbosity` says, then what was left out.
fn report(diagnostics: &Diagnostics, verbosity: Verbosity) {
    let mut notes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut hidden: BTreeMap<&str, usize> = BTreeMap::new();
    let shown = Diagnostics(
        diagnostics
            .iter()
            .filter(|d| match (verbosity, d.severity) {
                (_, Severity::Error) | (Verbosity::Verbose, _) => true,
                (Verbosity::Quiet, _) => false,
                (Verbosity::Normal, Severity::Warning) => true,
                (Verbosity::Normal, Severity::Note) => {
                    let seen = notes.entry(&d.kind).or_default();
                    *seen += 1;
                    let show = *seen <= NOTES_PER_KIND;
                    if !show {
                        *hidden.entry(&d.kind).or_default() += 1;
                    }
                    show
                }
            })
            .cloned()
            .collect(),
    );
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", mdgen::render::render_all(&shown, color));
    if !hidden.is_empty() {
        let kinds: Vec<String> = hidden.iter().map(|(k, n)| format!("{n} {k}")).collect();
        eprintln!(
            "mdgen: notes not shown: {} (-v shows them)",
            kinds.join(", ")
        );
    }
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

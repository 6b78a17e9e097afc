//! `cargo xtask corpus`: how mdgen reads each folder of the shared corpus (`../shared/corpus`,
//! the rows of its README): docs read, models, enums, unions, fields, fields by IR type,
//! diagnostics by kind, docs skipped and why, and the time taken. With `--compile`, also
//! generates a crate from each folder and runs `cargo clippy -- -D warnings` on it.

use mdgen::{Builder, Diagnostic, Severity};
use mdgen_ir::{Evidence, TypeDef, TypeRef};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Diagnostic kinds that say a doc was skipped.
const SKIPS: [&str; 2] = ["not-a-model", "no-definition"];

/// Reports on every folder of the corpus: the folder given, or `../shared/corpus` beside the
/// repository.
pub fn run(args: &[String]) -> ExitCode {
    let compile = args.iter().any(|a| a == "--compile");
    let rest: Vec<&String> = args.iter().filter(|a| *a != "--compile").collect();
    let corpus = match rest.as_slice() {
        [] => crate::repo_root().join("../shared/corpus"),
        [dir] => PathBuf::from(dir),
        _ => return crate::usage_error("corpus takes --compile and at most one folder"),
    };
    match report_all(&corpus, compile) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Reports every folder of the corpus at `corpus` (the folder of its README); with `compile`,
/// checks the crate generated from each.
fn report_all(corpus: &Path, compile: bool) -> Result<(), String> {
    let readme = corpus.join("README.md");
    if !readme.is_file() {
        return Err(format!("no corpus README at {}", readme.display()));
    }
    let folders = folders(corpus)?;
    let start = Instant::now();
    for (folder, dialect) in &folders {
        report(corpus, folder, dialect)?;
        if compile {
            check_crate(&corpus.join(folder), folder)?;
        }
    }
    println!(
        "corpus: {} folders of {} in {:.2?}",
        folders.len(),
        corpus.display(),
        start.elapsed()
    );
    Ok(())
}

/// The `(folder, dialect)` rows of the corpus README's table whose folder exists.
pub(crate) fn folders(corpus: &Path) -> Result<Vec<(String, String)>, String> {
    let readme = corpus.join("README.md");
    let text =
        std::fs::read_to_string(&readme).map_err(|e| format!("{}: {e}", readme.display()))?;
    let rows: Vec<(String, String)> = text
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
            let folder = cells.first()?.trim().trim_matches('`');
            let dialect = cells.get(1)?.trim();
            (!folder.is_empty() && corpus.join(folder).is_dir())
                .then(|| (folder.to_string(), dialect.to_string()))
        })
        .collect();
    if rows.is_empty() {
        return Err(format!("{} lists no corpus folders", readme.display()));
    }
    Ok(rows)
}

/// Generates a crate from `dir` and runs clippy on it with warnings denied.
fn check_crate(dir: &Path, folder: &str) -> Result<(), String> {
    let start = Instant::now();
    let name: String = folder
        .split('/')
        .take(2)
        .collect::<Vec<_>>()
        .join("_")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    // Outside the repository, so that cargo does not take the crates for workspace members.
    let target = std::env::temp_dir().join("mdgen-corpus-crates");
    let krate = target.join(&name);
    Builder::new()
        .input(dir)
        .write_crate(&krate, &name)
        .map_err(|e| format!("{folder}: {e}"))?;
    let out = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["clippy", "--quiet", "--", "-D", "warnings"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", target.join("target"))
        .output()
        .map_err(|e| format!("{folder}: cannot run cargo clippy: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().take(40).collect();
        return Err(format!(
            "{folder}: the generated crate fails clippy -D warnings:\n{}",
            tail.join("\n")
        ));
    }
    println!(
        "  compiles      clippy -D warnings clean in {:.1?} ({})",
        start.elapsed(),
        krate.display()
    );
    Ok(())
}

fn report(corpus: &Path, folder: &str, dialect: &str) -> Result<(), String> {
    let dir = corpus.join(folder);
    let start = Instant::now();
    let parsed = Builder::new()
        .input(&dir)
        .parse()
        .map_err(|e| format!("{folder}: {e}"))?;
    let took = start.elapsed();
    let docs = parsed
        .inputs_read
        .iter()
        .filter(|p| p.is_file() && is_doc(p))
        .count();

    let (mut structs, mut enums, mut unions, mut fields) = (0, 0, 0, 0);
    let mut by_type: BTreeMap<String, usize> = BTreeMap::new();
    let mut nullable: BTreeMap<&str, usize> = BTreeMap::new();
    for def in parsed.schema.types.values() {
        match def {
            TypeDef::Struct(s) => {
                structs += 1;
                fields += s.fields.len();
                for f in &s.fields {
                    *by_type.entry(type_kind(&f.ty)).or_default() += 1;
                    *nullable.entry(evidence(f.nullable)).or_default() += 1;
                }
            }
            TypeDef::Enum(_) => enums += 1,
            TypeDef::Union(_) => unions += 1,
        }
    }

    println!("{folder} ({dialect})");
    println!("  docs read     {docs}");
    println!(
        "  models        {} ({structs} structs, {enums} enums, {unions} unions)",
        parsed.schema.types.len()
    );
    println!("  fields        {fields}");
    println!("  by IR type    {}", join(&sorted_by_count(&by_type)));
    println!("  nullable      {}", join(&sorted_by_count(&nullable)));

    let mut diagnostics: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for d in parsed.diagnostics.iter() {
        *diagnostics
            .entry((d.severity, d.kind.as_str()))
            .or_default() += 1;
    }
    let rows: Vec<String> = diagnostics
        .iter()
        .rev()
        .map(|((sev, kind), n)| format!("{n} {sev}[{kind}]"))
        .collect();
    println!(
        "  diagnostics   {}",
        if rows.is_empty() {
            "none".to_string()
        } else {
            rows.join(", ")
        }
    );

    let skipped: Vec<&Diagnostic> = parsed
        .diagnostics
        .iter()
        .filter(|d| SKIPS.contains(&d.kind.as_str()))
        .collect();
    println!("  docs skipped  {}", skipped.len());
    for (why, files) in skipped_by_reason(&skipped) {
        let shown: Vec<String> = files
            .iter()
            .take(3)
            .map(|f| relative(f, &dir).display().to_string())
            .collect();
        let more = files.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(", and {more} more")
        } else {
            String::new()
        };
        println!("    {} × {why}: {}{more}", files.len(), shown.join(", "));
    }
    println!("  time          {took:.2?}");
    Ok(())
}

fn is_doc(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("mdx"))
}

fn relative<'a>(path: &'a Path, dir: &Path) -> &'a Path {
    path.strip_prefix(dir).unwrap_or(path)
}

/// The skipped docs by reason: the diagnostic's message with the model's own name left out.
fn skipped_by_reason(skipped: &[&Diagnostic]) -> BTreeMap<String, Vec<PathBuf>> {
    let mut out: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for d in skipped {
        // `no-definition` names the model first (`` `Foo` has no ...``): group without it.
        let why = match d.message.split_once("` ") {
            Some((head, rest)) if head.starts_with('`') => format!("[{}] {rest}", d.kind),
            _ => format!("[{}] {}", d.kind, d.message),
        };
        out.entry(why).or_default().push(d.file.clone());
    }
    out
}

/// The IR type of a field, by its outermost kind (arrays and maps by what they hold).
fn type_kind(t: &TypeRef) -> String {
    match t {
        TypeRef::String => "string".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::Int { bits: None } => "int".into(),
        TypeRef::Int { bits: Some(b) } => format!("i{b}"),
        TypeRef::Float { bits: None } => "float".into(),
        TypeRef::Float { bits: Some(b) } => format!("f{b}"),
        TypeRef::Number => "number".into(),
        TypeRef::Decimal => "decimal".into(),
        TypeRef::BigInt => "bigint".into(),
        TypeRef::Date => "date".into(),
        TypeRef::DateTime => "datetime".into(),
        TypeRef::DateOrDateTime => "date|datetime".into(),
        TypeRef::Bytes => "bytes".into(),
        TypeRef::Any => "any".into(),
        TypeRef::Named(_) => "model".into(),
        TypeRef::Const(_) => "const".into(),
        TypeRef::Array(inner) => format!("[{}]", type_kind(inner)),
        TypeRef::Map(inner) => format!("{{{}}}", type_kind(inner)),
    }
}

fn evidence(e: Evidence) -> &'static str {
    match e {
        Evidence::Yes => "yes",
        Evidence::Maybe => "maybe",
        Evidence::No => "no",
        Evidence::Unknown => "unknown",
    }
}

fn sorted_by_count<K: AsRef<str>>(counts: &BTreeMap<K, usize>) -> Vec<(String, usize)> {
    let mut rows: Vec<(String, usize)> = counts
        .iter()
        .map(|(k, n)| (k.as_ref().to_string(), *n))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

fn join(rows: &[(String, usize)]) -> String {
    if rows.is_empty() {
        return "none".into();
    }
    rows.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_on_a_small_corpus_and_fails_without_one() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path();
        std::fs::create_dir_all(corpus.join("acme/ts/docs/models")).unwrap();
        std::fs::write(
            corpus.join("README.md"),
            "| folder | dialect |\n| --- | --- |\n| acme/ts/docs/models | TypeScript |\n| missing/folder | Go |\n",
        )
        .unwrap();
        std::fs::write(
            corpus.join("acme/ts/docs/models/pet.md"),
            "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *string* | :heavy_check_mark: | N/A |\n",
        )
        .unwrap();
        assert_eq!(
            folders(corpus).unwrap(),
            [("acme/ts/docs/models".to_string(), "TypeScript".to_string())]
        );
        report_all(corpus, false).unwrap();
        // Not the corpus beside the folder, wherever the temporary folder is.
        let empty = tempfile::tempdir().unwrap();
        assert!(report_all(empty.path(), false)
            .unwrap_err()
            .contains("no corpus README"));
    }

    #[test]
    fn types_are_counted_by_their_outer_kind() {
        let t = TypeRef::Array(Box::new(TypeRef::Int { bits: Some(64) }));
        assert_eq!(type_kind(&t), "[i64]");
        assert_eq!(type_kind(&TypeRef::Map(Box::new(TypeRef::Any))), "{any}");
    }
}

//! The real-world corpus (`../shared/corpus` beside the repository; see its README): every
//! folder its README lists is parsed, and not one Type cell or union member may be
//! unrecognized. Parse only, so it stays fast enough to run with every `cargo test`.
//!
//! Skipped, with a message, only when the corpus is not there.

mod common;

use mdgen_ir::Severity;
use mdgen_parse::{parse, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// The `(folder, model docs)` rows of the corpus README's table.
fn folders(root: &Path) -> Vec<(String, usize)> {
    let readme = std::fs::read_to_string(root.join("README.md"))
        .unwrap_or_else(|e| panic!("{}/README.md: {e}", root.display()));
    readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
            let folder = cells.first()?.trim().trim_matches('`');
            let docs = cells.last()?.trim().parse::<usize>().ok()?;
            root.join(folder)
                .is_dir()
                .then(|| (folder.to_string(), docs))
        })
        .collect()
}

struct Report {
    folder: String,
    listed: usize,
    files: usize,
    types: usize,
    kinds: BTreeMap<String, usize>,
    unrecognized: Vec<String>,
    errors: Vec<String>,
    took: Duration,
}

fn run(root: &Path, folder: &str, listed: usize) -> Report {
    let files = common::docs(&root.join(folder), Path::new(""));
    let start = Instant::now();
    let parsed = parse(&files, &Options::default());
    let took = start.elapsed();
    let mut kinds = BTreeMap::new();
    for d in parsed.diagnostics.iter() {
        *kinds.entry(d.kind.clone()).or_insert(0) += 1;
    }
    let show = |pred: &dyn Fn(&mdgen_ir::Diagnostic) -> bool| {
        parsed
            .diagnostics
            .iter()
            .filter(|d| pred(d))
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
    };
    Report {
        folder: folder.to_string(),
        listed,
        files: files.len(),
        types: parsed.schema.types.len(),
        unrecognized: show(&|d| d.kind == "unrecognized-notation"),
        errors: show(&|d| d.severity == Severity::Error),
        kinds,
        took,
    }
}

#[test]
fn every_corpus_notation_is_recognized() {
    let root = corpus();
    if !root.is_dir() {
        eprintln!(
            "skipped: no corpus at {} (the shared corpus sits beside the repository)",
            root.display()
        );
        return;
    }
    let folders = folders(&root);
    assert!(
        !folders.is_empty(),
        "the corpus README at {} lists no folders",
        root.display()
    );
    let start = Instant::now();
    // The folders are independent: parse them on as many threads as there are cores.
    let queue = Mutex::new(folders.clone());
    let reports = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads.min(folders.len()) {
            s.spawn(|| loop {
                let Some((folder, listed)) = queue.lock().unwrap().pop() else {
                    break;
                };
                let report = run(&root, &folder, listed);
                reports.lock().unwrap().push(report);
            });
        }
    });
    let mut reports = reports.into_inner().unwrap();
    reports.sort_by(|a, b| a.folder.cmp(&b.folder));
    let mut failures = Vec::new();
    for r in &reports {
        println!(
            "{}: {} docs ({} listed), {} models, {:?} in {:?}",
            r.folder, r.files, r.listed, r.types, r.kinds, r.took
        );
        if !r.unrecognized.is_empty() {
            failures.push(format!(
                "{}: {} unrecognized notations, first:\n  {}",
                r.folder,
                r.unrecognized.len(),
                r.unrecognized[..r.unrecognized.len().min(10)].join("\n  ")
            ));
        }
        if !r.errors.is_empty() {
            failures.push(format!(
                "{}: {} errors, first:\n  {}",
                r.folder,
                r.errors.len(),
                r.errors[..r.errors.len().min(10)].join("\n  ")
            ));
        }
        // A folder that yields few models was not read: a sanity check on the whole run.
        if r.types * 4 < r.listed * 3 {
            failures.push(format!(
                "{}: only {} models from {} listed model docs",
                r.folder, r.types, r.listed
            ));
        }
    }
    println!("corpus: {} folders in {:?}", reports.len(), start.elapsed());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

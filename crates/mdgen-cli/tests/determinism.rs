//! The `mdgen` command writes byte-identical output from shuffled copies of the same docs,
//! process after process (each hashes with other random keys), on one core or all of them
//! (`taskset`, where there is one, limits the cores the process may use, and so the threads it
//! starts). The docs: the seeds in `docs-input/stackone` and, when `../shared/corpus` is there,
//! its `unstructured` folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The docs folders, by the name their copy gets.
fn sources() -> Vec<(&'static str, PathBuf)> {
    let mut out = vec![("seeds", repo().join("docs-input/stackone"))];
    let unstructured = repo().join("../shared/corpus/unstructured/python");
    if unstructured.is_dir() {
        out.push(("unstructured", unstructured));
    }
    out
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Copies the sources below `root`, the files written in reverse order when `reverse`.
fn copy(root: &Path, reverse: bool) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    for (name, source) in sources() {
        let mut all = files(&source);
        if reverse {
            all.reverse();
        }
        for file in all {
            let to = root.join(name).join(file.strip_prefix(&source).unwrap());
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(&file, to).unwrap();
        }
        folders.push(root.join(name));
    }
    folders
}

/// Runs mdgen on `inputs` into `out`, on the cores `cpus` names (all when `None`).
fn generate(inputs: &[PathBuf], out: &Path, cpus: Option<&str>) -> Output {
    let mut cmd = match cpus {
        Some(list) => {
            let mut cmd = Command::new("taskset");
            cmd.args(["-c", list]).arg(env!("CARGO_BIN_EXE_mdgen"));
            cmd
        }
        None => Command::new(env!("CARGO_BIN_EXE_mdgen")),
    };
    cmd.arg("generate")
        .args(inputs)
        .args(["--wire-case", "snake_case", "--out"])
        .arg(out)
        .env("NO_COLOR", "1")
        .output()
        .expect("mdgen runs")
}

fn taskset_works() -> bool {
    Command::new("taskset")
        .args(["-c", "0", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn output_is_byte_identical_across_copies_processes_and_core_counts() {
    let dir = tempfile::tempdir().unwrap();
    let a = copy(&dir.path().join("a"), false);
    let mut b = copy(&dir.path().join("b/elsewhere"), true);
    b.reverse();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut runs: Vec<(&[PathBuf], Option<String>)> =
        vec![(&a, None), (&b, None), (&a, None), (&b, None)];
    if taskset_works() {
        runs.push((&a, Some("0".to_string())));
        runs.push((&b, Some("0".to_string())));
        if cores > 1 {
            runs.push((&b, Some(format!("0-{}", cores - 1))));
        }
    } else {
        eprintln!("no taskset: the runs use every core");
    }
    let mut outputs = Vec::new();
    for (i, (inputs, cpus)) in runs.iter().enumerate() {
        let out = dir.path().join(format!("out{i}.rs"));
        let run = generate(inputs, &out, cpus.as_deref());
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        outputs.push((fs::read(&out).unwrap(), cpus.clone()));
    }
    let (first, _) = &outputs[0];
    assert!(String::from_utf8_lossy(first).contains("pub struct ConnectSessionToken "));
    for (i, (code, cpus)) in outputs.iter().enumerate() {
        assert!(code == first, "run {i} (cores {cpus:?}) differs");
    }
}

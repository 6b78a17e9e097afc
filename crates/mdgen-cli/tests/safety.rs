//! The user's files are safe: `--check` writes nothing, a failed run leaves the previous output
//! as it was, nothing is written outside the output given (no stray temporary files either),
//! and an output that leads into an input folder is refused.

mod common;

use common::{mdgen_in, stackone as seeds, stderr};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Everything below `root`: each folder, and each file's bytes and modification time.
type Tree = BTreeMap<PathBuf, Option<(Vec<u8>, SystemTime)>>;

fn tree(root: &Path) -> Tree {
    let mut out = Tree::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
                out.insert(rel, None);
            } else {
                let bytes = fs::read(&path).unwrap_or_default();
                out.insert(rel, Some((bytes, meta.modified().unwrap())));
            }
        }
    }
    out
}

/// The paths whose entry differs between two trees.
fn changed(before: &Tree, after: &Tree) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = before.keys().chain(after.keys()).cloned().collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| before.get(p) != after.get(p))
        .collect()
}

/// Sets every file's modification time an hour back, so that a rewrite would show.
fn age(root: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    for (rel, entry) in tree(root) {
        if entry.is_some() {
            let file = fs::File::options()
                .write(true)
                .open(root.join(rel))
                .unwrap();
            file.set_modified(old).unwrap();
        }
    }
}

/// A work folder: `docs/` (a copy of the seeds), `out/` and `cwd/`.
fn work() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir(&seeds()) {
        let to = dir
            .path()
            .join("docs")
            .join(entry.strip_prefix(seeds()).unwrap());
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&entry, to).unwrap();
    }
    fs::create_dir_all(dir.path().join("out")).unwrap();
    fs::create_dir_all(dir.path().join("cwd")).unwrap();
    dir
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn check_writes_nothing_whether_the_output_is_missing_stale_or_current() {
    let dir = work();
    let root = dir.path();
    let cwd = root.join("cwd");
    let check = |out: &[&str]| {
        let args = [&["generate", "../docs", "--check"][..], out].concat();
        mdgen_in(&cwd, &args)
    };
    let krate = ["--crate", "../out/gen", "--name", "gen"];
    let file = ["--out", "../out/models.rs"];

    // Missing: stale, exit 1, and not even a folder is made.
    for out in [&krate[..], &file[..]] {
        let before = tree(root);
        let run = check(out);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        assert!(stderr(&run).contains("is out of date"), "{}", stderr(&run));
        assert_eq!(changed(&before, &tree(root)), Vec::<PathBuf>::new());
    }

    // Current: exit 0, nothing touched.
    for out in [&krate[..], &file[..]] {
        let args = [&["generate", "../docs"][..], out].concat();
        assert_eq!(mdgen_in(&cwd, &args).status.code(), Some(0));
    }
    age(root);
    for out in [&krate[..], &file[..]] {
        let before = tree(root);
        let run = check(out);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        assert_eq!(changed(&before, &tree(root)), Vec::<PathBuf>::new());
    }

    // Stale: exit 1 naming each stale file, nothing touched.
    fs::write(root.join("out/gen/src/models.rs"), "// edited").unwrap();
    fs::write(root.join("out/models.rs"), "// edited").unwrap();
    fs::remove_file(root.join("out/gen/src/lib.rs")).unwrap();
    for (out, stale) in [
        (&krate[..], &["models.rs", "lib.rs"][..]),
        (&file[..], &["models.rs"][..]),
    ] {
        let before = tree(root);
        let run = check(out);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        for name in stale {
            let line = format!("{name} is out of date");
            assert!(stderr(&run).contains(&line), "{}", stderr(&run));
        }
        assert_eq!(changed(&before, &tree(root)), Vec::<PathBuf>::new());
    }
}

#[test]
fn a_failed_run_leaves_the_previous_output_intact() {
    let dir = work();
    let root = dir.path();
    let cwd = root.join("cwd");
    let krate = ["--crate", "../out/gen", "--name", "gen"];
    let run = mdgen_in(&cwd, &[&["generate", "../docs"][..], &krate].concat());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    fs::write(root.join("bad.toml"), "inputs = [\"docs\"]\ncolour = 1\n").unwrap();
    age(root);
    let before = tree(root);

    let failures: [&[&str]; 4] = [
        // The seeds have warnings: strict mode fails.
        &["generate", "../docs", "--strict"],
        &["generate", "../docs", "../no-such-docs"],
        &["generate", "--config", "../bad.toml"],
        &["generate", "../docs", "../out"], // the output inside an input
    ];
    for args in failures {
        let run = mdgen_in(&cwd, &[args, &krate].concat());
        assert_eq!(run.status.code(), Some(1), "{args:?}: {}", stderr(&run));
        assert_eq!(
            changed(&before, &tree(root)),
            Vec::<PathBuf>::new(),
            "{args:?}"
        );
    }

    // A run that would change Cargo.toml (another name) but cannot replace src/models.rs (a
    // folder stands there) changes neither.
    let models = root.join("out/gen/src/models.rs");
    fs::remove_file(&models).unwrap();
    fs::create_dir_all(&models).unwrap();
    let before = tree(root);
    let args = [
        "generate",
        "../docs",
        "--crate",
        "../out/gen",
        "--name",
        "renamed",
    ];
    let run = mdgen_in(&cwd, &args);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("models.rs"), "{}", stderr(&run));
    assert_eq!(changed(&before, &tree(root)), Vec::<PathBuf>::new());
    let toml = fs::read_to_string(root.join("out/gen/Cargo.toml")).unwrap();
    assert!(toml.contains("name = \"gen\""), "{toml}");
}

#[test]
fn nothing_is_written_outside_the_output() {
    let dir = work();
    let root = dir.path();
    let cwd = root.join("cwd");
    let runs: [(&[&str], &[&str]); 2] = [
        (
            &["--crate", "../out/gen", "--name", "gen"],
            &[
                "out/gen",
                "out/gen/src",
                "out/gen/Cargo.toml",
                "out/gen/src/lib.rs",
                "out/gen/src/models.rs",
            ],
        ),
        (
            &["--out", "../out/deep/er/models.rs"],
            &["out/deep", "out/deep/er", "out/deep/er/models.rs"],
        ),
    ];
    for (out, expected) in runs {
        for pass in 0..2 {
            let before = tree(root);
            let run = mdgen_in(&cwd, &[&["generate", "../docs"][..], out].concat());
            assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
            let expected: Vec<PathBuf> = match pass {
                0 => {
                    let mut paths: Vec<PathBuf> = expected.iter().map(PathBuf::from).collect();
                    paths.sort();
                    paths
                }
                _ => Vec::new(), // the same again: not even a modification time changes
            };
            assert_eq!(
                changed(&before, &tree(root)),
                expected,
                "{out:?}, pass {pass}"
            );
            age(root);
        }
    }
    // No temporary file is left anywhere.
    let leftovers: Vec<_> = tree(root)
        .into_keys()
        .filter(|p| p.to_string_lossy().contains(".mdgen-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn an_output_that_leads_into_an_input_is_refused() {
    let dir = work();
    let root = dir.path();
    let cwd = root.join("cwd");
    // A link beside the docs that points into them.
    std::os::unix::fs::symlink(root.join("docs/php"), root.join("out/link")).unwrap();
    let before = tree(root);
    let outputs: [&[&str]; 5] = [
        &["--out", "../out/link/models.rs"],
        &["--crate", "../out/link/gen", "--name", "gen"],
        &["--out", "../docs/php/ConnectSessionToken.md"],
        &["--out", "../out/../docs/new/models.rs"],
        &["--crate", "../docs", "--name", "gen"],
    ];
    for out in outputs {
        let run = mdgen_in(&cwd, &[&["generate", "../docs"][..], out].concat());
        assert_eq!(run.status.code(), Some(1), "{out:?}: {}", stderr(&run));
        assert!(
            stderr(&run).contains("inside the input"),
            "{}",
            stderr(&run)
        );
        assert_eq!(
            changed(&before, &tree(root)),
            Vec::<PathBuf>::new(),
            "{out:?}"
        );
    }
}

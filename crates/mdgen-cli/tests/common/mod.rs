//! Helpers shared by the integration tests; each test crate uses some of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `mdgen` binary with `args`, without colors.
pub fn mdgen(args: &[&str]) -> Output {
    mdgen_in(Path::new("."), args)
}

/// Runs the `mdgen` binary with `args` in the folder `cwd`, without colors.
pub fn mdgen_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mdgen"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("mdgen runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The seed docs checked in at the repository's `docs-input/stackone`.
pub fn stackone() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input/stackone")
}

/// `path` as a command-line argument.
pub fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

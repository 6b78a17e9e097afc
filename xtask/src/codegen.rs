//! `cargo xtask codegen [--check]`: regenerate the crates of `docs-input/manifest.toml`.

use crate::manifest::{CrateSpec, Manifest};
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: &[String]) -> ExitCode {
    let mut check = false;
    for arg in args {
        match arg.as_str() {
            "--check" => check = true,
            other => return crate::usage_error(&format!("codegen: unknown argument `{other}`")),
        }
    }
    // Paths relative to the root keep diagnostics short and generated files machine-independent.
    let root = crate::repo_root();
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("error: {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let manifest = match Manifest::load(Path::new("")) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for spec in &manifest.crates {
        failed |= !codegen(spec, check);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Generates (or checks) one crate; false when it failed, had error diagnostics or is stale.
fn codegen(spec: &CrateSpec, check: bool) -> bool {
    let generation = match spec.builder().generate() {
        Ok(g) => g,
        Err(e) => {
            if let mdgen::Error::Failed { diagnostics } = &e {
                eprint!("{}", mdgen::render::render_all(diagnostics, false));
            }
            eprintln!("error: {}: {e}", spec.name);
            return false;
        }
    };
    eprint!(
        "{}",
        mdgen::render::render_all(&generation.diagnostics, false)
    );
    let result = if check {
        generation.check_crate(&spec.dir, &spec.name)
    } else {
        generation.write_crate(&spec.dir, &spec.name)
    };
    let paths = match result {
        Ok(paths) => paths,
        Err(e) => {
            eprintln!("error: {}: {e}", spec.name);
            return false;
        }
    };
    for path in &paths {
        let what = if check { "is stale" } else { "written" };
        eprintln!("codegen: {} {what}", path.display());
    }
    if paths.is_empty() {
        eprintln!("codegen: {} is up to date", spec.dir.display());
    }
    let stale = check && !paths.is_empty();
    !(stale || generation.diagnostics.has_errors())
}

//! `docs-input/manifest.toml`: which crates `codegen` generates from which docs.

use mdgen::{Builder, WireCase};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the manifest and the docs live, relative to the repository root.
pub const DOCS: &str = "docs-input";

/// The whole manifest: a list of `[[crate]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(rename = "crate", default)]
    pub crates: Vec<CrateSpec>,
}

/// One generated crate.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateSpec {
    /// The crate's name.
    pub name: String,
    /// Its folder, relative to the repository root.
    pub dir: PathBuf,
    /// Docs folders or files, relative to `docs-input/`.
    pub inputs: Vec<PathBuf>,
    pub wire_case: Option<WireCase>,
    pub tri_state: Option<bool>,
    /// Captured JSON bodies by model, relative to `docs-input/`.
    #[serde(default)]
    pub samples: BTreeMap<String, PathBuf>,
    #[serde(default, rename = "dev-dependencies")]
    pub dev_dependencies: BTreeMap<String, toml::Value>,
}

impl Manifest {
    /// Reads `docs-input/manifest.toml` under `root`.
    pub fn load(root: &Path) -> Result<Manifest, String> {
        let path = root.join(DOCS).join("manifest.toml");
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}

impl CrateSpec {
    /// An mdgen run for this crate, with paths relative to the repository root.
    pub fn builder(&self) -> Builder {
        let mut builder =
            Builder::new().inputs(self.inputs.iter().map(|p| Path::new(DOCS).join(p)));
        if let Some(case) = self.wire_case {
            builder = builder.wire_case(case);
        }
        if let Some(on) = self.tri_state {
            builder = builder.tri_state(on);
        }
        for (model, file) in &self.samples {
            builder = builder.sample(model, Path::new(DOCS).join(file));
        }
        for (name, value) in &self.dev_dependencies {
            builder = builder.dev_dependency(name, value.clone());
        }
        builder
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
        [[crate]]
        name = "stackone_seeds"
        dir = "generated/stackone-seeds"
        inputs = ["stackone"]
        wire_case = "snake_case"
        [crate.dev-dependencies]
        serde_json = "1"

        [[crate]]
        name = "other"
        dir = "generated/other"
        inputs = ["a", "b/x.md"]
        tri_state = false
        [crate.samples]
        Account = "samples/account.json"
    "#;

    #[test]
    fn reads_crates_and_makes_builders() {
        let m: Manifest = toml::from_str(EXAMPLE).unwrap();
        assert_eq!(m.crates.len(), 2);
        let seeds = &m.crates[0];
        assert_eq!(seeds.dir, Path::new("generated/stackone-seeds"));
        let config = seeds.builder().config().unwrap();
        assert_eq!(config.inputs, [Path::new("docs-input/stackone")]);
        assert_eq!(config.wire_case, Some(WireCase::Snake));
        assert!(config.tri_state);
        assert_eq!(config.dev_dependencies["serde_json"].as_str(), Some("1"));

        let other = m.crates[1].builder().config().unwrap();
        assert_eq!(other.inputs.len(), 2);
        assert!(!other.tri_state);
        assert_eq!(other.wire_case, None);
        assert_eq!(
            other.samples,
            [(
                "Account".to_string(),
                Path::new("docs-input/samples/account.json").to_path_buf()
            )]
        );
    }

    #[test]
    fn unknown_keys_are_refused() {
        let err = toml::from_str::<Manifest>(
            "[[crate]]\nname = \"x\"\ndir = \"d\"\ninputs = []\nwirecase = \"snake_case\"\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("wirecase"), "{err}");
    }

    #[test]
    fn the_checked_in_manifest_parses() {
        let m = Manifest::load(&crate::repo_root()).unwrap();
        assert!(!m.crates.is_empty());
        for spec in &m.crates {
            for input in spec.inputs.iter().chain(spec.samples.values()) {
                let path = crate::repo_root().join(DOCS).join(input);
                assert!(
                    path.exists(),
                    "{} in the manifest does not exist",
                    path.display()
                );
            }
        }
    }
}

//! Settings of a run, and the `mdgen.toml` file they can be read from.

use crate::Error;
use mdgen_ir::WireCase;
use mdgen_parse::{Dialect, ModelOptions};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What to read and how to generate.
///
/// As an `mdgen.toml` file:
///
/// ```toml
/// inputs = ["docs/models"]   # relative to the file's folder
/// wire_case = "snake_case"   # as-documented, snake_case, camelCase, PascalCase, kebab-case, ...
/// tri_state = true           # optional + nullable fields as Option<Option<T>>
/// strict = false             # warnings are errors, and errors stop all output
/// dialect = "php"            # read every doc in this dialect instead of detecting it
/// only = ["ConnectSessionTokenAuthLink"]  # just these models and what they need
///
/// [samples]                  # captured JSON bodies, by model; their keys settle the keys
/// ConnectSessionToken = "samples/token.json"   # relative to the file's folder
/// Account = ["samples/a.json", "samples/b.json"]
///
/// [models.ConnectSessionToken]          # settings for one model
/// wire_case = "camelCase"                # its keys' convention, over the run's
/// rename = { organizationId = "org" }    # JSON keys of single fields
///
/// [dev-dependencies]         # appended to a generated crate's Cargo.toml
/// serde_json = "1"
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Docs folders (searched recursively for `.md`/`.mdx`) and files.
    pub inputs: Vec<PathBuf>,
    /// The convention of the API's JSON keys; `None` takes names as documented.
    pub wire_case: Option<WireCase>,
    /// Optional + nullable fields become `Option<Option<T>>`; when false, one `Option<T>`.
    pub tri_state: bool,
    /// Warnings count as errors, and any error means nothing is written.
    pub strict: bool,
    /// Extra `[dev-dependencies]` of a generated crate (for hand-written tests beside it).
    pub dev_dependencies: BTreeMap<String, toml::Value>,
    /// Read every doc in this dialect instead of detecting it per file.
    pub dialect: Option<Dialect>,
    /// Settings for single models, by model name.
    pub models: BTreeMap<String, ModelOptions>,
    /// Generate only these models and the models they need; all models when empty.
    pub only: Vec<String>,
    /// Captured JSON bodies: the model each is a body of, and its file.
    pub samples: Vec<(String, PathBuf)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: Vec::new(),
            wire_case: None,
            tri_state: true,
            strict: false,
            dev_dependencies: BTreeMap::new(),
            dialect: None,
            models: BTreeMap::new(),
            only: Vec::new(),
            samples: Vec::new(),
        }
    }
}

/// The file form: every key optional, unknown keys refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    inputs: Vec<PathBuf>,
    wire_case: Option<WireCase>,
    tri_state: Option<bool>,
    strict: Option<bool>,
    #[serde(default, rename = "dev-dependencies")]
    dev_dependencies: BTreeMap<String, toml::Value>,
    dialect: Option<Dialect>,
    #[serde(default)]
    models: BTreeMap<String, ModelFile>,
    #[serde(default)]
    only: Vec<String>,
    #[serde(default)]
    samples: BTreeMap<String, OneOrMany>,
}

/// A `[samples]` entry: one file or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(PathBuf),
    Many(Vec<PathBuf>),
}

/// A `[models.Name]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    wire_case: Option<WireCase>,
    #[serde(default)]
    rename: BTreeMap<String, String>,
}

impl Config {
    /// Reads an `mdgen.toml` file; its `inputs` are relative to its folder.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Config::from_toml(&text, path)
    }

    /// Parses the text of the config file at `path` (named in errors; its folder is the base of
    /// relative inputs).
    pub fn from_toml(text: &str, path: &Path) -> Result<Config, Error> {
        let file: File = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.message().to_string() + &location(text, e.span()),
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        let defaults = Config::default();
        Ok(Config {
            inputs: file.inputs.iter().map(|p| base.join(p)).collect(),
            wire_case: file.wire_case,
            tri_state: file.tri_state.unwrap_or(defaults.tri_state),
            strict: file.strict.unwrap_or(defaults.strict),
            dev_dependencies: file.dev_dependencies,
            dialect: file.dialect,
            models: file
                .models
                .into_iter()
                .map(|(name, m)| {
                    let options = ModelOptions {
                        wire_case: m.wire_case,
                        rename: m.rename,
                    };
                    (name, options)
                })
                .collect(),
            only: file.only,
            samples: file
                .samples
                .into_iter()
                .flat_map(|(model, files)| {
                    let files = match files {
                        OneOrMany::One(f) => vec![f],
                        OneOrMany::Many(fs) => fs,
                    };
                    files
                        .into_iter()
                        .map(move |f| (model.clone(), base.join(f)))
                })
                .collect(),
        })
    }
}

/// ` (line N)` for the start of `span` in `text`, or nothing.
fn location(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span.and_then(|s| text.get(..s.start)) {
        Some(before) => format!(" (line {})", before.matches('\n').count() + 1),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key_with_inputs_relative_to_the_file() {
        let text = r#"
            inputs = ["docs", "more/x.md"]
            wire_case = "snake_case"
            tri_state = false
            strict = true
            [dev-dependencies]
            serde_json = "1"
            tokio = { version = "1", features = ["rt"] }
        "#;
        let c = Config::from_toml(text, Path::new("proj/mdgen.toml")).unwrap();
        assert_eq!(
            c.inputs,
            [PathBuf::from("proj/docs"), PathBuf::from("proj/more/x.md")]
        );
        assert_eq!(c.wire_case, Some(WireCase::Snake));
        assert!(!c.tri_state);
        assert!(c.strict);
        assert_eq!(c.dev_dependencies["serde_json"].as_str(), Some("1"));
        assert!(c.dev_dependencies["tokio"].is_table());
    }

    #[test]
    fn reads_model_settings_and_the_dialect() {
        let text = r#"
            dialect = "ruby"
            [models.Account]
            wire_case = "camelCase"
            rename = { fullName = "name" }
        "#;
        let c = Config::from_toml(text, Path::new("mdgen.toml")).unwrap();
        assert_eq!(c.dialect, Some(Dialect::Ruby));
        let rename = BTreeMap::from([("fullName".to_string(), "name".to_string())]);
        let want = ModelOptions {
            wire_case: Some(WireCase::Camel),
            rename,
        };
        assert_eq!(c.models, BTreeMap::from([("Account".to_string(), want)]));
        let err = Config::from_toml("[models.A]\ncase = 1\n", Path::new("m.toml")).unwrap_err();
        assert!(err.to_string().contains("unknown field `case`"), "{err}");
    }

    #[test]
    fn only_lists_models() {
        let c = Config::from_toml("only = [\"A\", \"b_c\"]", Path::new("m.toml")).unwrap();
        assert_eq!(c.only, ["A", "b_c"]);
        let err = Config::from_toml("only = \"A\"", Path::new("m.toml")).unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{err}");
    }

    #[test]
    fn missing_keys_take_defaults() {
        let c = Config::from_toml("", Path::new("mdgen.toml")).unwrap();
        assert_eq!(c, Config::default());
        assert!(c.tri_state);
    }

    #[test]
    fn unknown_key_names_file_and_key() {
        let err = Config::from_toml("inputs = []\n\ncolour = 1\n", Path::new("cfg/mdgen.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("cfg/mdgen.toml: "), "{err}");
        assert!(err.contains("unknown field `colour`"), "{err}");
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn bad_wire_case_is_an_error() {
        let err = Config::from_toml("wire_case = \"snake\"", Path::new("m.toml")).unwrap_err();
        assert!(matches!(err, Error::Config { .. }));
        assert!(err.to_string().contains("snake_case"), "{err}");
    }
}

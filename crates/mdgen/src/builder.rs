//! The pipeline: settings → inputs → parse → emit → files.

use crate::config::Config;
use crate::{inputs, write, Error};
use mdgen_emit::Deps;
use mdgen_ir::{Diagnostics, Schema, Severity, TypeDef, WireCase};
use mdgen_parse::{Dialect, ModelOptions};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Configures and runs mdgen; the API for build scripts.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     mdgen::Builder::new()
///         .input("docs/models")
///         .wire_case(mdgen::WireCase::Snake)
///         .write_to_out_dir("models.rs")?;
///     Ok(())
/// }
/// // src/lib.rs: pub mod models { include!(concat!(env!("OUT_DIR"), "/models.rs")); }
/// ```
///
/// Settings made here override those of a [`config_file`](Builder::config_file); inputs given
/// here replace the file's inputs.
///
/// Outcomes of the terminal methods: docs that cannot be understood are reported as
/// error diagnostics and skipped, and the rest is still generated and written (`Ok`; check
/// [`Generation::diagnostics`]). In strict mode any error or warning diagnostic is
/// [`Error::Failed`] instead (holding the warnings as errors), and nothing is written.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    config_file: Option<PathBuf>,
    wire_case: Option<WireCase>,
    tri_state: Option<bool>,
    strict: Option<bool>,
    dev_dependencies: BTreeMap<String, toml::Value>,
    dialect: Option<Dialect>,
    models: BTreeMap<String, ModelOptions>,
    only: Vec<String>,
    samples: Vec<(String, PathBuf)>,
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a docs folder (searched recursively for `.md`/`.mdx`) or file.
    pub fn input(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.push(path.into());
        self
    }

    /// Adds several inputs; see [`input`](Builder::input).
    pub fn inputs<I, P>(mut self, paths: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        self.inputs.extend(paths.into_iter().map(Into::into));
        self
    }

    /// The convention of the API's JSON keys.
    pub fn wire_case(mut self, case: WireCase) -> Self {
        self.wire_case = Some(case);
        self
    }

    /// The convention of one model's JSON keys, over [`wire_case`](Builder::wire_case).
    pub fn model_wire_case(mut self, model: impl Into<String>, case: WireCase) -> Self {
        self.models.entry(model.into()).or_default().wire_case = Some(case);
        self
    }

    /// The JSON key of one field, named as documented; this always wins.
    pub fn rename(
        mut self,
        model: impl Into<String>,
        field: impl Into<String>,
        wire: impl Into<String>,
    ) -> Self {
        let model = self.models.entry(model.into()).or_default();
        model.rename.insert(field.into(), wire.into());
        self
    }

    /// Adds a captured JSON body of `model` (a request or response the API took or sent). Its
    /// keys settle the keys of the model and of the models nested in it, ahead of everything
    /// but a [`rename`](Builder::rename); a `null` makes a field nullable, an integer makes a
    /// `number` an integer. Added to the config file's `[samples]`.
    pub fn sample(mut self, model: impl Into<String>, file: impl Into<PathBuf>) -> Self {
        self.samples.push((model.into(), file.into()));
        self
    }

    /// Generates only the models named (matched like `[models.Name]`: exactly, else ignoring
    /// case, `_` and `-`) and the models they need, and reports only the diagnostics of their
    /// docs. A name that is no model is an [`Error::UnknownModels`]. Replaces the config file's
    /// `only` list.
    pub fn only<I, S>(mut self, models: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.only.extend(models.into_iter().map(Into::into));
        self
    }

    /// Reads every doc in `dialect` instead of detecting it per file.
    pub fn dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = Some(dialect);
        self
    }

    /// Whether optional + nullable fields are `Option<Option<T>>` (the default) or `Option<T>`.
    pub fn tri_state(mut self, on: bool) -> Self {
        self.tri_state = Some(on);
        self
    }

    /// Whether warnings count as errors and any error stops all output.
    pub fn strict(mut self, on: bool) -> Self {
        self.strict = Some(on);
        self
    }

    /// Reads settings from an `mdgen.toml` file (see [`Config`]).
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config_file = Some(path.into());
        self
    }

    /// Adds a `[dev-dependencies]` entry to a generated crate's Cargo.toml, e.g.
    /// `("serde_json", "1")`.
    pub fn dev_dependency(
        mut self,
        name: impl Into<String>,
        value: impl Into<toml::Value>,
    ) -> Self {
        self.dev_dependencies.insert(name.into(), value.into());
        self
    }

    /// The settings in force: the config file's, overridden by this builder's.
    pub fn config(&self) -> Result<Config, Error> {
        let mut config = match &self.config_file {
            Some(path) => Config::load(path)?,
            None => Config::default(),
        };
        if !self.inputs.is_empty() {
            config.inputs.clone_from(&self.inputs);
        }
        config.wire_case = self.wire_case.or(config.wire_case);
        config.tri_state = self.tri_state.unwrap_or(config.tri_state);
        config.strict = self.strict.unwrap_or(config.strict);
        config.dialect = self.dialect.or(config.dialect);
        if !self.only.is_empty() {
            config.only.clone_from(&self.only);
        }
        for (model, options) in &self.models {
            let entry = config.models.entry(model.clone()).or_default();
            entry.wire_case = options.wire_case.or(entry.wire_case);
            entry.rename.extend(options.rename.clone());
        }
        config
            .dev_dependencies
            .extend(self.dev_dependencies.clone());
        config.samples.extend(self.samples.iter().cloned());
        Ok(config)
    }

    /// Reads, links and fuses the inputs into one schema (what `mdgen ir` prints). Strict mode
    /// does not apply here.
    pub fn parse(&self) -> Result<Parsed, Error> {
        let config = self.config()?;
        Ok(self.parse_with(&config)?.0)
    }

    fn parse_with(&self, config: &Config) -> Result<(Parsed, Vec<PathBuf>), Error> {
        if config.inputs.is_empty() {
            return Err(Error::NoInputs);
        }
        let mut inputs = inputs::collect(&config.inputs)?;
        let options = mdgen_parse::Options {
            wire_case: config.wire_case,
            dialect: config.dialect,
            models: config.models.clone(),
            samples: config
                .samples
                .iter()
                .map(read_sample)
                .collect::<Result<_, _>>()?,
        };
        let mut parsed = inputs.parse(&options)?;
        let held = std::mem::take(&mut inputs.held);
        let diagnostics = [&inputs.diagnostics, &parsed.diagnostics];
        crate::empty::check(held, &parsed.schema, diagnostics)?;
        if !config.only.is_empty() {
            only(&mut parsed, &config.only)?;
        }
        let mut diagnostics = inputs.diagnostics;
        diagnostics.extend(parsed.diagnostics);
        let mut inputs_read = inputs.read;
        inputs_read.extend(self.config_file.clone());
        inputs_read.extend(config.samples.iter().map(|(_, file)| file.clone()));
        let parsed = Parsed {
            schema: parsed.schema,
            diagnostics: diagnostics.sorted(),
            inputs_read,
        };
        Ok((parsed, inputs.roots))
    }

    /// Generates in memory. See the type's docs for what strict mode changes.
    pub fn generate(&self) -> Result<Generation, Error> {
        let (generation, models) = self.generate_keeping_models()?;
        // Freeing them takes a tenth of a run.
        mdgen_ir::drop_in_background(models);
        Ok(generation)
    }

    /// [`generate`](Builder::generate), handing back the models too.
    fn generate_keeping_models(&self) -> Result<(Generation, Schema), Error> {
        let config = self.config()?;
        let (parsed, input_roots) = self.parse_with(&config)?;
        let options = mdgen_emit::Options {
            tri_state: config.tri_state,
            ..mdgen_emit::Options::default()
        };
        let emitted = mdgen_emit::emit(&parsed.schema, &options);
        let mut diagnostics = parsed.diagnostics;
        diagnostics.extend(emitted.diagnostics);
        let diagnostics = diagnostics.sorted();
        if config.strict && (diagnostics.has_errors() || diagnostics.count(Severity::Warning) > 0) {
            // Warnings are errors here, and are shown as such.
            let mut diagnostics = diagnostics;
            for d in &mut diagnostics.0 {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
            }
            return Err(Error::Failed { diagnostics });
        }
        let generation = Generation {
            code: emitted.code,
            deps: emitted.deps,
            diagnostics,
            inputs_read: parsed.inputs_read,
            input_roots,
            dev_dependencies: config.dev_dependencies,
            generator_version: options.generator_version,
        };
        Ok((generation, parsed.schema))
    }

    /// For build scripts: writes the code to `$OUT_DIR/<file_name>` (if changed), and prints
    /// `cargo:rerun-if-changed` for every input file and folder and the config file, and one
    /// `cargo:warning` per warning or error diagnostic.
    pub fn write_to_out_dir(&self, file_name: impl AsRef<Path>) -> Result<Generation, Error> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?;
        let result = self.generate();
        // A failed build script always reruns, so only a success needs rerun-if-changed.
        let lines = match &result {
            Ok(generation) => cargo_directives(&generation.inputs_read, &generation.diagnostics),
            Err(Error::Failed { diagnostics } | Error::NoModels { diagnostics, .. }) => {
                cargo_directives(&[], diagnostics)
            }
            Err(_) => Vec::new(),
        };
        for line in lines {
            println!("{line}");
        }
        let generation = result?;
        generation.write_file(Path::new(&out_dir).join(file_name))?;
        Ok(generation)
    }

    /// Writes the code to one `.rs` file (if changed).
    pub fn write_file(&self, path: impl AsRef<Path>) -> Result<Generation, Error> {
        let generation = self.generate()?;
        generation.write_file(path)?;
        Ok(generation)
    }

    /// Writes a library crate named `name` into `dir`: its `Cargo.toml`, `src/lib.rs` and
    /// `src/models.rs` (each
    /// only if changed). Other files in `dir`, such as `tests/`, are left alone.
    pub fn write_crate(&self, dir: impl AsRef<Path>, name: &str) -> Result<Generation, Error> {
        let generation = self.generate()?;
        generation.write_crate(dir, name)?;
        Ok(generation)
    }

    /// Writes nothing; returns `path` if [`write_file`](Builder::write_file) would change it.
    pub fn check_file(&self, path: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
        self.generate()?.check_file(path)
    }

    /// Writes nothing; returns the files [`write_crate`](Builder::write_crate) would change.
    pub fn check_crate(&self, dir: impl AsRef<Path>, name: &str) -> Result<Vec<PathBuf>, Error> {
        self.generate()?.check_crate(dir, name)
    }
}

/// Keeps the models `names` and what they need, and the diagnostics of docs that still
/// describe a kept model (or no model at all: a doc skipped as not a model is still reported).
fn only(parsed: &mut mdgen_parse::Parsed, names: &[String]) -> Result<(), Error> {
    // A model's sources are every doc that describes it (its fields' docs among them).
    fn files(schema: &Schema) -> HashSet<&Path> {
        let sources = schema.types.values().flat_map(TypeDef::sources);
        sources.map(|s| s.file.as_path()).collect()
    }
    let all: HashSet<PathBuf> = files(&parsed.schema)
        .into_iter()
        .map(Path::to_path_buf)
        .collect();
    parsed
        .schema
        .retain_reachable(names)
        .map_err(|names| Error::UnknownModels { names })?;
    let kept = files(&parsed.schema);
    let dropped: HashSet<&Path> = all
        .iter()
        .map(PathBuf::as_path)
        .filter(|f| !kept.contains(f))
        .collect();
    parsed
        .diagnostics
        .0
        .retain(|d| !dropped.contains(d.file.as_path()));
    Ok(())
}

/// The lines a build script prints: what to rerun on, and the diagnostics worth a warning.
fn cargo_directives(inputs_read: &[PathBuf], diagnostics: &Diagnostics) -> Vec<String> {
    let reruns = inputs_read
        .iter()
        .map(|p| format!("cargo:rerun-if-changed={}", p.display()));
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| format!("cargo:warning={d}"));
    reruns.chain(warnings).collect()
}

/// The inputs read and fused into one schema.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub schema: Schema,
    /// Sorted.
    pub diagnostics: Diagnostics,
    /// Every input file and folder read, and the config file.
    pub inputs_read: Vec<PathBuf>,
}

/// Generated code, not yet written.
#[derive(Debug, Clone)]
pub struct Generation {
    /// The formatted Rust source, starting with the `// @generated` header.
    pub code: String,
    /// The crates the code uses besides `serde`.
    pub deps: Deps,
    /// Everything worth telling the user, sorted. May hold errors (docs skipped) unless strict.
    pub diagnostics: Diagnostics,
    /// Every input file and folder read, and the config file.
    pub inputs_read: Vec<PathBuf>,
    input_roots: Vec<PathBuf>,
    dev_dependencies: BTreeMap<String, toml::Value>,
    generator_version: String,
}

impl Generation {
    /// The `Cargo.toml` of a generated crate named `name`, with the configured dev-dependencies.
    pub fn cargo_toml(&self, name: &str) -> String {
        let mut toml = mdgen_emit::cargo_toml(name, self.deps, &self.generator_version);
        if !self.dev_dependencies.is_empty() {
            if !toml.ends_with('\n') {
                toml.push('\n');
            }
            toml += "\n[dev-dependencies]\n";
            for (key, value) in &self.dev_dependencies {
                toml += &format!("{} = {value}\n", toml_key(key));
            }
        }
        toml
    }

    /// The files of a generated crate named `name`, by path within its folder.
    pub fn crate_files(&self, name: &str) -> [(PathBuf, String); 3] {
        self.files(name)
            .map(|(path, text)| (path, text.into_owned()))
    }

    /// [`crate_files`](Generation::crate_files), the code borrowed rather than copied.
    fn files(&self, name: &str) -> [(PathBuf, Cow<'_, str>); 3] {
        [
            (PathBuf::from("Cargo.toml"), self.cargo_toml(name).into()),
            (
                PathBuf::from("src/lib.rs"),
                mdgen_emit::crate_root(&self.generator_version).into(),
            ),
            (PathBuf::from("src/models.rs"), self.code.as_str().into()),
        ]
    }

    /// Writes the code to `path` unless it already holds it; returns the paths written.
    pub fn write_file(&self, path: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
        self.write_all([(path.as_ref().to_path_buf(), self.code.as_str())])
    }

    /// Writes `Cargo.toml`, `src/lib.rs` and `src/models.rs` of a crate named `name` into `dir`, each unless it
    /// already holds that; returns the paths written. Nothing else in `dir` is touched.
    pub fn write_crate(&self, dir: impl AsRef<Path>, name: &str) -> Result<Vec<PathBuf>, Error> {
        self.write_all(self.in_dir(dir.as_ref(), name))
    }

    /// The paths [`write_file`](Generation::write_file) would write.
    pub fn check_file(&self, path: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
        stale([(path.as_ref().to_path_buf(), self.code.as_str())])
    }

    /// The paths [`write_crate`](Generation::write_crate) would write.
    pub fn check_crate(&self, dir: impl AsRef<Path>, name: &str) -> Result<Vec<PathBuf>, Error> {
        stale(self.in_dir(dir.as_ref(), name))
    }

    fn in_dir(&self, dir: &Path, name: &str) -> Vec<(PathBuf, Cow<'_, str>)> {
        self.files(name)
            .into_iter()
            .map(|(path, text)| (dir.join(path), text))
            .collect()
    }

    /// Checks every path, then writes every changed file to a temporary file beside it, and
    /// only then puts them all in place: a refused path or a failed write leaves all output as
    /// it was.
    fn write_all<T: AsRef<str>>(
        &self,
        files: impl IntoIterator<Item = (PathBuf, T)>,
    ) -> Result<Vec<PathBuf>, Error> {
        let files: Vec<_> = files.into_iter().collect();
        for (path, _) in &files {
            write::refuse_inside_inputs(path, &self.input_roots)?;
        }
        let mut staged = Vec::new();
        for (path, text) in files {
            if let Some(file) = write::stage(&path, text.as_ref())? {
                staged.push((path, file));
            }
        }
        let mut written = Vec::new();
        for (path, file) in staged {
            file.commit()?;
            written.push(path);
        }
        Ok(written)
    }
}

fn stale<T: AsRef<str>>(
    files: impl IntoIterator<Item = (PathBuf, T)>,
) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for (path, text) in files {
        if write::is_stale(&path, text.as_ref())? {
            out.push(path);
        }
    }
    Ok(out)
}

/// A TOML key, quoted unless bare.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_string()
    } else {
        toml::Value::String(key.to_string()).to_string()
    }
}

/// Reads the sample of `model` in `file`; JSON that does not parse is an error naming where.
fn read_sample((model, file): &(String, PathBuf)) -> Result<mdgen_parse::Sample, Error> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let value = serde_json::from_slice(&bytes).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let message = e.to_string();
        let at = format!(" at line {line} column {column}");
        Error::Sample {
            path: file.clone(),
            line,
            column,
            message: message.strip_suffix(&at).unwrap_or(&message).to_string(),
        }
    })?;
    Ok(mdgen_parse::Sample {
        model: model.clone(),
        file: file.clone(),
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdgen_ir::{Diagnostic, Severity};
    use std::fs;

    fn generation(code: &str, roots: Vec<PathBuf>) -> Generation {
        Generation {
            code: code.to_string(),
            deps: Deps::default(),
            diagnostics: Diagnostics::default(),
            inputs_read: Vec::new(),
            input_roots: roots,
            dev_dependencies: BTreeMap::new(),
            generator_version: "0.0.0".to_string(),
        }
    }

    #[test]
    fn builder_settings_override_the_config_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("mdgen.toml");
        fs::write(
            &file,
            "inputs = [\"docs\"]\nwire_case = \"camelCase\"\ntri_state = false\n\
             [dev-dependencies]\nserde_json = \"1\"\n\
             [models.A]\nwire_case = \"kebab-case\"\nrename = { x = \"ex\" }\n",
        )
        .unwrap();
        let builder = Builder::new().config_file(&file);
        let c = builder.config().unwrap();
        assert_eq!(c.inputs, [dir.path().join("docs")]);
        assert_eq!(c.wire_case, Some(WireCase::Camel));
        assert!(!c.tri_state);

        let c = builder
            .input("elsewhere")
            .wire_case(WireCase::Snake)
            .strict(true)
            .dev_dependency("insta", "1")
            .rename("A", "y", "why")
            .model_wire_case("B", WireCase::Pascal)
            .dialect(Dialect::Php)
            .config()
            .unwrap();
        assert_eq!(c.inputs, [PathBuf::from("elsewhere")]);
        assert_eq!(c.dialect, Some(Dialect::Php));
        let a = &c.models["A"];
        assert_eq!(a.wire_case, Some(WireCase::Kebab), "kept from the file");
        assert_eq!(
            (a.rename["x"].as_str(), a.rename["y"].as_str()),
            ("ex", "why")
        );
        assert_eq!(c.models["B"].wire_case, Some(WireCase::Pascal));
        assert_eq!(c.wire_case, Some(WireCase::Snake));
        assert!(!c.tri_state, "not overridden, so the file's value stays");
        assert!(c.strict);
        assert_eq!(c.dev_dependencies.len(), 2);
    }

    #[test]
    fn no_inputs_and_missing_inputs_are_errors() {
        assert!(matches!(Builder::new().generate(), Err(Error::NoInputs)));
        let err = Builder::new().input("no/such/docs").generate().unwrap_err();
        assert_eq!(err.to_string(), "input not found: no/such/docs");
        let err = Builder::new().config_file("no/such/mdgen.toml").generate();
        assert!(matches!(err, Err(Error::Io { .. })));
    }

    #[test]
    fn build_script_lines_cover_every_input_and_warning() {
        let mut ds = Diagnostics::default();
        ds.push(Diagnostic::new(
            Severity::Warning,
            "w",
            "docs/a.md",
            3,
            "assumed",
        ));
        ds.push(Diagnostic::new(Severity::Note, "n", "docs/a.md", 4, "fyi"));
        ds.push(Diagnostic::new(
            Severity::Error,
            "e",
            "docs/b.md",
            1,
            "skipped",
        ));
        let read = [PathBuf::from("docs"), PathBuf::from("docs/a.md")];
        let lines = cargo_directives(&read, &ds);
        assert_eq!(
            lines,
            [
                "cargo:rerun-if-changed=docs",
                "cargo:rerun-if-changed=docs/a.md",
                "cargo:warning=docs/a.md:3: warning[w]: assumed",
                "cargo:warning=docs/b.md:1: error[e]: skipped",
            ]
        );
    }

    #[test]
    fn crate_files_leave_other_files_alone_and_check_finds_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let krate = dir.path().join("gen");
        let test = krate.join("tests/roundtrip.rs");
        fs::create_dir_all(test.parent().unwrap()).unwrap();
        fs::write(&test, "// hand-written").unwrap();
        let lib = krate.join("src/lib.rs");
        fs::create_dir_all(lib.parent().unwrap()).unwrap();
        fs::write(&lib, "pub struct Old;").unwrap();

        let g = generation("pub struct New;", Vec::new());
        // Only src/lib.rs is compared here, as Cargo.toml comes from mdgen-emit.
        let stale = stale([(lib.clone(), g.code.clone())]).unwrap();
        assert_eq!(stale, std::slice::from_ref(&lib));
        let written = g.write_all([(lib.clone(), g.code.clone())]).unwrap();
        assert_eq!(written, std::slice::from_ref(&lib));
        assert_eq!(fs::read_to_string(&lib).unwrap(), "pub struct New;");
        assert_eq!(fs::read_to_string(&test).unwrap(), "// hand-written");
        assert!(g.check_file(&lib).unwrap().is_empty());
        assert!(
            g.write_file(&lib).unwrap().is_empty(),
            "unchanged, not rewritten"
        );
    }

    #[test]
    fn a_refused_output_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        fs::create_dir_all(&docs).unwrap();
        let g = generation("x", vec![docs.canonicalize().unwrap()]);
        let outside = dir.path().join("out.rs");
        let err = g
            .write_all([(outside.clone(), "x"), (docs.join("in.rs"), "x")])
            .unwrap_err();
        assert!(matches!(err, Error::OutputInsideInput { .. }));
        assert!(!outside.exists());
    }

    #[test]
    fn toml_keys_are_quoted_when_needed() {
        assert_eq!(toml_key("serde_json"), "serde_json");
        assert_eq!(toml_key("a.b"), "\"a.b\"");
    }
}

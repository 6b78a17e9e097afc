//! `cargo xtask fusion-report [DIR]`: what fusing all five StackOne SDKs' docs adds over the
//! TypeScript docs alone, field by field, and every conflict fusion met.

use mdgen::Builder;
use mdgen_ir::{normalize_key, Evidence, Schema, TypeDef, TypeRef};
use std::collections::BTreeMap;
use std::process::ExitCode;

/// The StackOne dialect folders, TypeScript first.
const DIALECTS: [&str; 5] = [
    "typescript/docs/sdk/models",
    "php/docs/Models",
    "ruby/docs/models",
    "java/docs/models",
    "csharp/docs/Models",
];

/// Diagnostic kinds that mean inputs disagreed.
const CONFLICTS: [&str; 3] = ["type-conflict", "model-conflict", "wire-name-conflict"];

pub fn run(args: &[String]) -> ExitCode {
    let root = match args {
        [] => crate::repo_root().join("../shared/corpus/stackone"),
        [dir] => dir.into(),
        _ => return crate::usage_error("fusion-report takes at most one folder"),
    };
    let inputs: Vec<_> = DIALECTS.iter().map(|d| root.join(d)).collect();
    let parse = |inputs: &[std::path::PathBuf]| Builder::new().inputs(inputs).parse();
    let (alone, fused) = match (parse(&inputs[..1]), parse(&inputs)) {
        (Ok(a), Ok(f)) => (a, f),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("fusion-report: {e}");
            return ExitCode::FAILURE;
        }
    };
    let gains = Gains::between(&alone.schema, &fused.schema);
    println!(
        "fusion-report: {} fused with PHP, Ruby, Java and C#",
        inputs[0].display()
    );
    println!(
        "  models: {} alone, {} fused",
        alone.schema.types.len(),
        fused.schema.types.len()
    );
    for (what, n) in gains.rows() {
        println!("  {what:<46} {n:>6}");
    }
    let renamed = fused
        .diagnostics
        .iter()
        .filter(|d| d.kind == "renamed-model")
        .count();
    println!(
        "  {:<46} {renamed:>6}",
        "fields naming a model renamed between SDKs"
    );
    let conflicts: Vec<_> = fused
        .diagnostics
        .iter()
        .filter(|d| CONFLICTS.contains(&d.kind.as_str()))
        .collect();
    println!("  conflicts: {}", conflicts.len());
    for d in conflicts {
        println!("    {d}");
    }
    ExitCode::SUCCESS
}

/// What the fused schema knows that the single input did not.
#[derive(Debug, Default, PartialEq)]
struct Gains {
    fields_compared: usize,
    integer_precision: usize,
    bit_width: usize,
    nullability: usize,
    maybe_nullability: usize,
    optionality: usize,
    date_vs_date_time: usize,
    enum_values: usize,
    models_only_fused: usize,
}

impl Gains {
    fn between(alone: &Schema, fused: &Schema) -> Gains {
        let by_key = |s: &Schema| -> BTreeMap<String, TypeDef> {
            s.types
                .values()
                .map(|d| (d.name().key(), d.clone()))
                .collect()
        };
        let (alone, fused) = (by_key(alone), by_key(fused));
        let mut g = Gains {
            models_only_fused: fused.keys().filter(|k| !alone.contains_key(*k)).count(),
            ..Gains::default()
        };
        for (key, a) in &alone {
            match (a, fused.get(key)) {
                (TypeDef::Struct(a), Some(TypeDef::Struct(f))) => {
                    let fields: BTreeMap<_, _> = f
                        .fields
                        .iter()
                        .map(|x| (normalize_key(&x.name), x))
                        .collect();
                    for x in &a.fields {
                        let Some(y) = fields.get(&normalize_key(&x.name)) else {
                            continue;
                        };
                        g.fields_compared += 1;
                        g.add_types(&x.ty, &y.ty);
                        if !x.nullable.allows_null() {
                            g.nullability += usize::from(y.nullable == Evidence::Yes);
                            g.maybe_nullability += usize::from(y.nullable == Evidence::Maybe);
                        }
                        g.optionality += usize::from(x.required && !y.required);
                    }
                }
                (TypeDef::Enum(a), Some(TypeDef::Enum(f))) => {
                    g.enum_values += f.values.len().saturating_sub(a.values.len());
                }
                _ => {}
            }
        }
        g
    }

    fn add_types(&mut self, alone: &TypeRef, fused: &TypeRef) {
        use TypeRef::*;
        match (alone, fused) {
            (Number | Float { .. }, Int { .. } | BigInt) => self.integer_precision += 1,
            (Number, Float { bits: Some(_) }) | (Int { bits: None }, Int { bits: Some(_) }) => {
                self.bit_width += 1
            }
            (Date, DateTime) | (DateTime, Date) => self.date_vs_date_time += 1,
            (Array(x), Array(y)) | (Map(x), Map(y)) => self.add_types(x, y),
            _ => {}
        }
    }

    fn rows(&self) -> [(&'static str, usize); 9] {
        [
            ("fields in both", self.fields_compared),
            ("fields gaining integer precision", self.integer_precision),
            ("fields gaining a bit width", self.bit_width),
            ("fields gaining nullability", self.nullability),
            (
                "... or maybe nullable (PHP ?T, Ruby T.nilable)",
                self.maybe_nullability,
            ),
            ("fields made optional by version drift", self.optionality),
            (
                "fields settled as date vs date-time",
                self.date_vs_date_time,
            ),
            ("enum values gained", self.enum_values),
            (
                "models only the other dialects have",
                self.models_only_fused,
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn schema(docs: &[(&str, String)]) -> Schema {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in docs {
            fs::write(dir.path().join(name), text).unwrap();
        }
        Builder::new().input(dir.path()).parse().unwrap().schema
    }

    #[test]
    fn counts_what_fusion_adds() {
        let head = "| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n";
        let ts = format!("# M\n\n## Fields\n\n{head}| `id` | *number* | :heavy_check_mark: | N/A | |\n| `at` | [RFCDate](https://x) | :heavy_check_mark: | N/A | |\n| `p` | *string* | :heavy_check_mark: | N/A | |\n");
        let php = format!("# M\n\n## Fields\n\n{head}| `id` | *int* | :heavy_check_mark: | N/A | |\n| `at` | [\\DateTime](https://www.php.net/x) | :heavy_check_mark: | N/A | 2021-05-01T10:00:00Z |\n| `p` | *?string* | :heavy_minus_sign: | N/A | |\n");
        let e = "# E\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A` | a |\n";
        let alone = schema(&[("m.md", ts.clone()), ("e.md", e.to_string())]);
        let fused = schema(&[
            ("m.md", ts),
            ("m.php.md", php),
            ("e.md", e.to_string()),
            ("e2.md", format!("{e}| `B` | b |\n")),
            (
                "x.md",
                "# X\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `X` | x |\n".into(),
            ),
        ]);
        let want = Gains {
            fields_compared: 3,
            integer_precision: 1,
            bit_width: 0,
            nullability: 0,
            maybe_nullability: 1,
            optionality: 1,
            date_vs_date_time: 1,
            enum_values: 1,
            models_only_fused: 1,
        };
        assert_eq!(Gains::between(&alone, &fused), want);
    }
}

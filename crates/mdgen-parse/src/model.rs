//! One [`Doc`] → one model ([`TypeDef`]) as that file alone describes it.

use crate::markdown::{self, Block, Cell, Doc, Inline, Lines, Row, Section, Table};
use crate::notation::{self, Dialect};
use mdgen_ir::{
    Diagnostic, Diagnostics, Enum, EnumValue, EnumWire, Evidence, Field, Severity, Source, Struct,
    TypeDef, TypeName, TypeRef, Union, Variant, WireBasis, WireName,
};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// The Type cell of each field, by where it stands, for diagnostics raised after fusion.
pub type Snippets = BTreeMap<Source, (String, Range<usize>)>;

/// What one file yields: a model, or nothing (with diagnostics saying why).
pub struct Extracted {
    pub model: Option<TypeDef>,
    pub snippets: Snippets,
    pub diagnostics: Diagnostics,
}

/// Reads the model `text` describes; `dialect` forces the notation instead of detecting it.
pub fn extract(path: &Path, text: &str, dialect: Option<Dialect>) -> Extracted {
    let lines = Lines::new(text);
    let doc = markdown::read(text, &lines);
    let mut cx = Context {
        path,
        lines: &lines,
        snippets: Snippets::new(),
        diagnostics: Diagnostics::default(),
    };
    let model = cx.model(&doc, dialect);
    Extracted {
        model,
        snippets: cx.snippets,
        diagnostics: cx.diagnostics,
    }
}

struct Context<'a> {
    path: &'a Path,
    lines: &'a Lines<'a>,
    snippets: Snippets,
    diagnostics: Diagnostics,
}

impl Context<'_> {
    fn model(&mut self, doc: &Doc, forced: Option<Dialect>) -> Option<TypeDef> {
        let section = |title: &str| {
            doc.sections
                .iter()
                .position(|s| s.level == 2 && s.heading.text.eq_ignore_ascii_case(title))
        };
        let fields = section("Fields");
        let values = section("Values");
        let union = section("Supported Types");
        if fields.is_none() && values.is_none() && union.is_none() {
            self.skip(doc);
            return None;
        }
        let (name, deprecated) = match &doc.title {
            Some(h) => (TypeName(h.text.trim().to_string()), h.struck),
            None => {
                let stem = self
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned());
                let name = TypeName(stem.unwrap_or_default());
                self.note(
                    Severity::Warning,
                    "no-title",
                    1,
                    format!("no `# Heading`; the model is named `{name}` after the file"),
                );
                (name, false)
            }
        };
        let dialect = forced.unwrap_or_else(|| detect(doc, self.lines));
        let source = Source {
            file: self.path.to_path_buf(),
            line: doc.title.as_ref().map_or(1, |h| h.line),
        };
        let doc_text = (!doc.intro.is_empty()).then(|| doc.intro.join("\n\n"));
        Some(if let Some(i) = fields {
            TypeDef::Struct(Struct {
                fields: self.fields(&doc.sections[i], dialect),
                name,
                doc: doc_text,
                deprecated,
                sources: vec![source],
            })
        } else if let Some(i) = values {
            let (values, _) = self.values(&doc.sections[i]);
            TypeDef::Enum(Enum {
                name,
                doc: doc_text,
                values,
                values_known: true,
                deprecated,
                sources: vec![source],
            })
        } else {
            let i = union.unwrap_or_default();
            TypeDef::Union(Union {
                variants: self.variants(&doc.sections[i + 1..], dialect),
                name,
                doc: doc_text,
                discriminator: None,
                sources: vec![source],
            })
        })
    }

    /// Explains why a doc without a model section is skipped.
    fn skip(&mut self, doc: &Doc) {
        let only_examples = doc
            .sections
            .iter()
            .all(|s| s.heading.text.eq_ignore_ascii_case("Example Usage"));
        match &doc.title {
            Some(h) if only_examples => self.note(
                Severity::Warning,
                "no-definition",
                h.line,
                format!("`{}` has no Fields, Values or Supported Types section; references to it accept any JSON value", h.text),
            ),
            _ => self.note(Severity::Note, "not-a-model", 0, "not a model doc (no Fields, Values or Supported Types section); skipped"),
        }
    }

    fn note(&mut self, severity: Severity, kind: &str, line: u32, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(severity, kind, self.path, line, message));
    }

    fn at_cell(&mut self, severity: Severity, kind: &str, cell: &Cell, message: impl Into<String>) {
        let (line_text, span) = self.lines.snippet(&cell.span);
        let line = self.lines.line_of(cell.span.start);
        self.diagnostics.push(
            Diagnostic::new(severity, kind, self.path, line, message).with_snippet(line_text, span),
        );
    }

    fn fields(&mut self, section: &Section, dialect: Dialect) -> Vec<Field> {
        let Some(table) = first_table(section) else {
            self.note(
                Severity::Warning,
                "no-table",
                section.heading.line,
                "the Fields section has no table",
            );
            return Vec::new();
        };
        let col = Columns::of(table);
        let (Some(name_col), Some(type_col)) = (col.field, col.ty) else {
            self.note(
                Severity::Error,
                "bad-table",
                section.heading.line,
                "the Fields table has no Field or Type column",
            );
            return Vec::new();
        };
        let mut fields = Vec::new();
        for row in &table.rows {
            if row.cells.len() < table.header.len() {
                let message = format!(
                    "this row has {} cells where the header has {}",
                    row.cells.len(),
                    table.header.len()
                );
                match row.cells.last() {
                    Some(cell) => self.at_cell(Severity::Warning, "missing-cell", cell, message),
                    None => self.note(Severity::Warning, "missing-cell", row.line, message),
                }
            }
            let (Some(name_cell), Some(type_cell)) =
                (row.cells.get(name_col), row.cells.get(type_col))
            else {
                continue;
            };
            if let Some(field) = self.field(row, name_cell, type_cell, &col, dialect) {
                fields.push(field);
            }
        }
        fields
    }

    fn field(
        &mut self,
        row: &Row,
        name_cell: &Cell,
        type_cell: &Cell,
        col: &Columns,
        dialect: Dialect,
    ) -> Option<Field> {
        let name = name_cell.text();
        if name.is_empty() {
            self.at_cell(
                Severity::Warning,
                "no-name",
                name_cell,
                "a field without a name; row skipped",
            );
            return None;
        }
        let source = Source {
            file: self.path.to_path_buf(),
            line: row.line,
        };
        self.snippets
            .insert(source.clone(), self.lines.snippet(&type_cell.span));
        let ty = match notation::read(&type_cell.inlines, dialect) {
            Ok(ty) => ty,
            Err(why) => {
                let message = format!("unrecognized {dialect} type notation ({why}); the field accepts any JSON value");
                self.at_cell(
                    Severity::Warning,
                    "unrecognized-notation",
                    type_cell,
                    message,
                );
                notation::Ty {
                    ty: TypeRef::Any,
                    nullable: Evidence::Unknown,
                }
            }
        };
        let text = |i: Option<usize>| {
            let t = i
                .and_then(|i| row.cells.get(i))
                .map(Cell::text)
                .unwrap_or_default();
            (!t.is_empty()).then_some(t)
        };
        let required = match col.required.and_then(|i| row.cells.get(i)) {
            Some(cell) => self.required(cell),
            None => false,
        };
        let description = text(col.description).filter(|d| d != "N/A");
        let deprecated = name_cell
            .inlines
            .iter()
            .any(|i| matches!(i, Inline::Struck(_)))
            || description.as_deref().is_some_and(|d| {
                d.to_ascii_lowercase().contains("**deprecated**")
                    || d.to_ascii_lowercase().starts_with(":warning: deprecated")
            });
        Some(Field {
            wire: WireName {
                name: name.clone(),
                basis: WireBasis::Assumed,
            },
            name,
            ty: ty.ty,
            required,
            nullable: ty.nullable,
            doc: description,
            example: text(col.example),
            deprecated,
            sources: vec![source],
        })
    }

    fn required(&mut self, cell: &Cell) -> bool {
        let text = cell.text();
        match text.trim_matches(':') {
            "heavy_check_mark" | "✔️" | "✔" | "Yes" | "yes" | "true" => true,
            "heavy_minus_sign" | "➖" | "No" | "no" | "false" | "" => false,
            _ => {
                self.at_cell(Severity::Warning, "bad-required", cell, "the Required cell is neither :heavy_check_mark: nor :heavy_minus_sign:; taken as optional");
                false
            }
        }
    }

    /// The values of a `## Values` table or bullet list, and whether any was found.
    fn values(&mut self, section: &Section) -> (Vec<EnumValue>, bool) {
        let mut raw: Vec<(Option<String>, String)> = Vec::new();
        for block in &section.blocks {
            match block {
                Block::Table(t) => {
                    let col = Columns::of(t);
                    let value_col = col.value.or(col.field).unwrap_or(0);
                    for row in &t.rows {
                        let name = col
                            .field
                            .filter(|&i| i != value_col)
                            .and_then(|i| row.cells.get(i))
                            .map(Cell::text);
                        if let Some(v) = row.cells.get(value_col) {
                            raw.push((name, v.text()));
                        }
                    }
                }
                Block::List(items) => raw.extend(
                    items
                        .iter()
                        .map(|(_, i)| (None, unquote(&markdown::plain_text(i)))),
                ),
                _ => {}
            }
        }
        let all_int = !raw.is_empty() && raw.iter().all(|(_, v)| v.parse::<i64>().is_ok());
        let values = raw
            .into_iter()
            .map(|(name, v)| EnumValue {
                name: name.filter(|n| !n.is_empty()),
                value: match v.parse::<i64>() {
                    Ok(i) if all_int => EnumWire::Int(i),
                    _ => EnumWire::Str(v),
                },
                doc: None,
                deprecated: false,
            })
            .collect::<Vec<_>>();
        let found = !values.is_empty();
        if !found {
            self.note(
                Severity::Warning,
                "no-values",
                section.heading.line,
                "the Values section lists no values",
            );
        }
        (values, found)
    }

    /// The members of a `## Supported Types` section: the `###` headings after it.
    fn variants(&mut self, after: &[Section], dialect: Dialect) -> Vec<Variant> {
        let mut variants = Vec::new();
        for s in after.iter().take_while(|s| s.level > 2) {
            let name = s.heading.text.trim().to_string();
            let ty = match notation::read(&[Inline::Code(name.clone())], dialect) {
                Ok(t) => t.ty,
                Err(why) => {
                    self.note(Severity::Warning, "unrecognized-notation", s.heading.line, format!("unrecognized {dialect} member type `{name}` ({why}); the member accepts any JSON value"));
                    TypeRef::Any
                }
            };
            variants.push(Variant { name, ty });
        }
        if variants.is_empty() {
            self.note(
                Severity::Warning,
                "no-members",
                0,
                "the Supported Types section lists no member types",
            );
        }
        variants
    }
}

/// Which column of a table holds what, found by header text.
#[derive(Default)]
struct Columns {
    field: Option<usize>,
    ty: Option<usize>,
    required: Option<usize>,
    description: Option<usize>,
    example: Option<usize>,
    value: Option<usize>,
}

impl Columns {
    fn of(table: &Table) -> Self {
        let mut c = Columns::default();
        for (i, cell) in table.header.iter().enumerate() {
            let slot = match cell.text().to_ascii_lowercase().as_str() {
                "field" | "name" => &mut c.field,
                "type" => &mut c.ty,
                "required" => &mut c.required,
                "description" => &mut c.description,
                "example" => &mut c.example,
                "value" => &mut c.value,
                _ => continue,
            };
            slot.get_or_insert(i);
        }
        c
    }
}

fn first_table(section: &Section) -> Option<&Table> {
    section.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    })
}

fn unquote(s: &str) -> String {
    let t = s.trim();
    t.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(t)
        .to_string()
}

/// The dialect a doc is written in, from its code blocks and Type cells.
pub fn detect(doc: &Doc, lines: &Lines<'_>) -> Dialect {
    let mut langs = Vec::new();
    let mut cells = Vec::new();
    for s in &doc.sections {
        for b in &s.blocks {
            match b {
                Block::Code { lang, .. } => langs.push(lang.as_str()),
                Block::Table(t) => {
                    if let Some(i) = Columns::of(t).ty {
                        cells.extend(
                            t.rows
                                .iter()
                                .filter_map(|r| r.cells.get(i))
                                .map(|c| lines.source(&c.span).to_string()),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    // Ties go to the first dialect listed; a doc with no cue at all reads as TypeScript, whose
    // notation claims the least (no nullability).
    let mut best = Dialect::TypeScript;
    let mut best_score = 0;
    for d in Dialect::ALL {
        let score = d.score(&langs, &cells);
        if score > best_score {
            (best, best_score) = (d, score);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Extracted {
        extract(Path::new("m.md"), text, None)
    }

    const PHP: &str = "# Tok\n\nA token.\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n| `id` | *float* | :heavy_check_mark: | N/A | |\n| `provider` | *?string* | :heavy_minus_sign: | The provider | |\n| `kind` | [?Components\\Kind](../Kind.md) | :heavy_minus_sign: | N/A | [<br/>\"A\",<br/>\"B\"<br/>] |\n";

    #[test]
    fn php_struct_with_nullability_docs_and_examples() {
        let e = run(PHP);
        assert!(e.diagnostics.0.is_empty(), "{:?}", e.diagnostics);
        let TypeDef::Struct(s) = e.model.unwrap() else {
            panic!("not a struct")
        };
        assert_eq!(
            (s.name.0.as_str(), s.doc.as_deref()),
            ("Tok", Some("A token."))
        );
        let f: Vec<_> = s
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.required, f.nullable, f.sources[0].line))
            .collect();
        assert_eq!(
            f,
            [
                ("id", true, Evidence::No, 9),
                ("provider", false, Evidence::Yes, 10),
                ("kind", false, Evidence::Yes, 11)
            ]
        );
        assert_eq!(s.fields[0].doc, None);
        assert_eq!(s.fields[1].doc.as_deref(), Some("The provider"));
        assert_eq!(s.fields[2].ty, TypeRef::Named(TypeName("Kind".into())));
        assert_eq!(s.fields[2].example.as_deref(), Some("[\n\"A\",\n\"B\"\n]"));
        assert_eq!(e.snippets.len(), 3);
    }

    #[test]
    fn dialects_are_detected_per_file() {
        let dialect = |t: &str| detect(&markdown::read(t, &Lines::new(t)), &Lines::new(t));
        assert_eq!(dialect(PHP), Dialect::Php);
        assert_eq!(
            dialect(
                "# A\n\n## Fields\n\n| Field | Type |\n|-|-|\n| `a` | *T.nilable(::String)* |\n"
            ),
            Dialect::Ruby
        );
        assert_eq!(dialect("# A\n\n```typescript\nx\n```\n\n## Fields\n\n| Field | Type |\n|-|-|\n| `a` | *string* |\n"), Dialect::TypeScript);
    }

    #[test]
    fn values_tables_and_lists() {
        let e = run("# Cat\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `HrisLegacy` | hris-legacy |\n");
        let TypeDef::Enum(en) = e.model.unwrap() else {
            panic!("not an enum")
        };
        assert_eq!(en.values[0].name.as_deref(), Some("HrisLegacy"));
        assert_eq!(en.values[0].value, EnumWire::Str("hris-legacy".into()));
        let e = run("# Level\n\n## Values\n\n- `1`\n- `2`\n");
        let TypeDef::Enum(en) = e.model.unwrap() else {
            panic!("not an enum")
        };
        assert_eq!(
            en.values
                .iter()
                .map(|v| v.value.clone())
                .collect::<Vec<_>>(),
            [EnumWire::Int(1), EnumWire::Int(2)]
        );
    }

    #[test]
    fn unions_read_member_headings() {
        let e = run("# V\n\n## Supported Types\n\n### `string`\n\n```typescript\nconst value: string = \"\";\n```\n\n### `shared.Employee4`\n\n");
        let TypeDef::Union(u) = e.model.unwrap() else {
            panic!("not a union")
        };
        assert_eq!(
            u.variants.iter().map(|v| v.ty.clone()).collect::<Vec<_>>(),
            [
                TypeRef::String,
                TypeRef::Named(TypeName("Employee4".into()))
            ]
        );
    }

    #[test]
    fn bad_cells_are_reported_with_line_and_cell() {
        let e = run("# T\n\n## Fields\n\n| Field | Type | Required |\n| --- | --- | --- |\n| `a` | *strang[* | :heavy_check_mark: |\n| `b` | *string* | maybe |\n");
        let d: Vec<_> = e
            .diagnostics
            .iter()
            .map(|d| (d.kind.as_str(), d.line, d.snippet().unwrap_or("")))
            .collect();
        assert_eq!(
            d,
            [
                ("unrecognized-notation", 7, "*strang[*"),
                ("bad-required", 8, "maybe")
            ]
        );
        let TypeDef::Struct(s) = e.model.unwrap() else {
            panic!("not a struct")
        };
        assert_eq!(s.fields[0].ty, TypeRef::Any);
    }

    #[test]
    fn non_models_are_skipped_with_a_note() {
        let e = run("# README\n\n## Installation\n\nrun it\n");
        assert!(e.model.is_none());
        assert_eq!(e.diagnostics.0[0].kind, "not-a-model");
        assert_eq!(e.diagnostics.0[0].severity, Severity::Note);
        let e = run("# Empty\n");
        assert_eq!(e.diagnostics.0[0].kind, "no-definition");
    }
}

//! One [`Doc`] → one model ([`TypeDef`]) as that file alone describes it.

use crate::dates;
use crate::markdown::{self, Block, Cell, Doc, Lines, Row, Section, Table};
use crate::notation::{self, CellMemo, Clues, Dialect, InlineUnion, Notation};
use crate::number_form;
use crate::prose::{example_values, gives_date_format, says_deprecated, says_null};
use foldhash::HashMap;
use mdgen_ir::{
    Diagnostic, Diagnostics, Enum, EnumValue, EnumWire, Evidence, Field, Severity, Source, Struct,
    TypeDef, TypeName, TypeRef, Union, Variant,
};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A field's Type cell as its line shows it: the text of the line, and the cell's span in it.
pub type Snippet = (String, Range<usize>);

/// The Type cell of each field, by the file and line of its row, for diagnostics raised after
/// fusion. Kept by file, so that a file's path is stored (and compared) once, not per field.
#[derive(Debug, Default)]
pub struct Snippets(HashMap<PathBuf, Vec<(u32, Snippet)>>);

impl Snippets {
    /// How many files have snippets.
    pub fn files(&self) -> usize {
        self.0.len()
    }

    /// The snippets of the file at `path`, by line.
    fn of_file(path: &Path, lines: Vec<(u32, Snippet)>) -> Self {
        let mut snippets = Snippets::default();
        if !lines.is_empty() {
            snippets.0.insert(path.to_path_buf(), lines);
        }
        snippets
    }

    /// Adds `other`'s snippets; where both have one at the same place, `other`'s wins.
    pub fn extend(&mut self, other: Snippets) {
        for (path, lines) in other.0 {
            self.0.entry(path).or_default().extend(lines);
        }
    }

    /// The snippet at `source`, the last added if there are several.
    pub fn get(&self, source: &Source) -> Option<&Snippet> {
        let lines = self.0.get(&source.file)?;
        let at = lines.iter().rev().find(|(line, _)| *line == source.line);
        at.map(|(_, snippet)| snippet)
    }
}

/// What one file yields: a model, or nothing (with diagnostics saying why).
pub struct Extracted {
    pub model: Option<TypeDef>,
    /// Models the doc defines besides its own: unions that Ruby docs spell out inline
    /// (`T.any(A, B)`) in the cells that use them, named by the doc their link points to.
    pub extra: Vec<TypeDef>,
    pub snippets: Snippets,
    pub diagnostics: Diagnostics,
}

/// Reads the model `text` describes; `dialect` forces the notation instead of detecting it
/// (`memo` remembers what the Type cells of docs read before said of their dialect).
pub fn extract(
    path: &Path,
    text: &str,
    dialect: Option<Dialect>,
    memo: &mut CellMemo,
) -> Extracted {
    let lines = Lines::new(text);
    let doc = markdown::read(text, &lines);
    let types = TypeCells::parse(&doc);
    let dialect = dialect.unwrap_or_else(|| detect(&doc, &lines, &types, memo));
    let mut cx = Context {
        path,
        lines: &lines,
        dialect,
        types: &types,
        snippets: Vec::new(),
        diagnostics: Diagnostics::default(),
        inline: BTreeMap::new(),
        sdk_fields: 0,
    };
    let model = cx.model(&doc);
    Extracted {
        model,
        extra: cx.inline.into_values().map(TypeDef::Union).collect(),
        snippets: Snippets::of_file(path, cx.snippets),
        diagnostics: cx.diagnostics,
    }
}

struct Context<'a> {
    path: &'a Path,
    lines: &'a Lines<'a>,
    dialect: Dialect,
    types: &'a TypeCells,
    /// The Type cell of each field, by line.
    snippets: Vec<(u32, Snippet)>,
    diagnostics: Diagnostics,
    /// Inline unions met in cells, by the normalized name of the model they define.
    inline: BTreeMap<String, Union>,
    /// How many rows were SDK objects, not JSON (and skipped).
    sdk_fields: usize,
}

impl Context<'_> {
    fn model(&mut self, doc: &Doc) -> Option<TypeDef> {
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
        if let Some(i) = fields {
            if let Some(why) = sdk_page(&doc.sections[i]) {
                let message = format!("not a model doc: {why}; skipped");
                self.note(Severity::Note, "not-a-model", 0, message);
                return None;
            }
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
        let source = Source {
            file: self.path.to_path_buf(),
            line: doc.title.as_ref().map_or(1, |h| h.line),
        };
        let doc_text = (!doc.intro.is_empty()).then(|| doc.intro.join("\n\n"));
        Some(if let Some(i) = fields {
            let fields = self.fields(&doc.sections[i]);
            // A model of SDK objects only (Go's and C#'s `HTTPMetadata`) is no JSON at all.
            if fields.is_empty() && self.sdk_fields > 0 {
                let message = "not a model doc: every field is an SDK object; skipped";
                self.note(Severity::Note, "not-a-model", source.line, message);
                return None;
            }
            TypeDef::Struct(Struct {
                fields,
                name,
                doc: doc_text,
                deprecated,
                sources: vec![source],
            })
        } else if let Some(i) = values {
            let values = self.values(&doc.sections[i]);
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
            let after = doc.sections.get(i + 1..).unwrap_or_default();
            // A member `null` is no type of its own: the union is of the others, or null.
            let members = after.iter().take_while(|s| s.level > 2);
            let (nulls, members): (Vec<&Section>, Vec<&Section>) =
                members.partition(|s| notation::is_null_text(s.heading.text.trim()));
            TypeDef::Union(Union {
                variants: self.variants(&name, &members),
                name,
                doc: doc_text,
                discriminator: None,
                nullable: !nulls.is_empty(),
                sources: vec![source],
            })
        })
    }

    /// Explains why a doc without a model section is skipped.
    fn skip(&mut self, doc: &Doc) {
        let readme = self
            .path
            .file_stem()
            .is_some_and(|s| s.eq_ignore_ascii_case("readme"));
        let only_examples = !readme
            && doc
                .sections
                .iter()
                .all(|s| s.heading.text.eq_ignore_ascii_case("Example Usage"));
        match &doc.title {
            // Ruby and Java SDKs write union docs with nothing in them (Ruby spells the members
            // out where the union is used), so an empty doc is no news; a reference that finds
            // no definition anywhere is warned about where it is made.
            Some(h) if only_examples => self.note(
                Severity::Note,
                "no-definition",
                h.line,
                format!("`{}` has no Fields, Values or Supported Types section; it is defined only where other docs spell it out", h.text),
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

    fn fields(&mut self, section: &Section) -> Vec<Field> {
        let Some(table) = fields_table(section) else {
            let line = section.heading.line;
            match first_table(section) {
                Some(_) => self.note(
                    Severity::Error,
                    "bad-table",
                    line,
                    "the Fields table has no Field or Type column",
                ),
                None => self.note(
                    Severity::Warning,
                    "no-table",
                    line,
                    "the Fields section has no table",
                ),
            }
            return Vec::new();
        };
        let col = Columns::of(table);
        let (Some(name_col), Some(type_col)) = (col.field, col.ty) else {
            return Vec::new();
        };
        let mut fields = Vec::new();
        for row in table.rows() {
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
            if let Some(field) = self.field(row, name_cell, type_cell, &col) {
                fields.push(field);
            }
        }
        fields
    }

    fn field(
        &mut self,
        row: Row,
        name_cell: &Cell,
        type_cell: &Cell,
        col: &Columns,
    ) -> Option<Field> {
        let dialect = self.dialect;
        let (name, struck_inside) = unstrike(name_cell.text());
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
        let required = match col.required.and_then(|i| row.cells.get(i)) {
            Some(cell) => self.required(cell),
            None => false,
        };
        let mut ty = match self.types.read(type_cell, dialect) {
            Ok(ty) => ty,
            Err(why) => {
                let message = format!("unrecognized {dialect} type notation ({why}); the field accepts any JSON value");
                self.at_cell(
                    Severity::Warning,
                    "unrecognized-notation",
                    type_cell,
                    message,
                );
                notation::Ty::plain(TypeRef::Any, Evidence::Unknown)
            }
        };
        if let Some(what) = &ty.sdk {
            let message = format!("`{name}` is {what}, not part of the JSON; the field is skipped");
            self.at_cell(Severity::Note, "sdk-field", type_cell, message);
            self.sdk_fields += 1;
            return None;
        }
        if let Some(why) = &ty.lossy {
            let message = format!("`{name}` is {why}");
            self.at_cell(Severity::Warning, "inline-union", type_cell, message);
        }
        self.inline_unions(std::mem::take(&mut ty.inline_unions), &source);
        // Only a reference to a model can be reported later (by linking), with its cell.
        if !ty.ty.named().is_empty() {
            self.snippets
                .push((source.line, self.lines.snippet(&type_cell.span)));
        }
        let text = |i: Option<usize>| {
            let t = i
                .and_then(|i| row.cells.get(i))
                .map(Cell::text)
                .unwrap_or_default();
            (!t.is_empty()).then_some(t)
        };
        let description = text(col.description).filter(|d| d != "N/A");
        let example = text(col.example);
        let examples = example.as_deref().map(example_values).unwrap_or_default();
        // "Absent or null" or "optional or nullable" on a field that may not be absent: null.
        // So is a field one of whose examples is `null`, or whose description says it may be.
        if (required && (ty.absent_or_null || ty.nullable == Evidence::Maybe))
            || examples.contains(&"null")
            || description.as_deref().is_some_and(says_null)
        {
            ty.nullable = Evidence::Yes;
        }
        // The form the examples show, or a description giving the format `YYYY-MM-DD` alone,
        // settles a notation written for dates and date-times alike (PHP `\DateTime`), and
        // makes a date-time notation a date.
        let date_form = dates::examples_form(&examples).or_else(|| {
            let date = description.as_deref().is_some_and(gives_date_format);
            date.then_some(TypeRef::Date)
        });
        if let Some(form) = date_form {
            ty.ty = dates::settle_shown(ty.ty, &form);
        }
        let deprecated = struck_inside
            || markdown::has_struck(&name_cell.inlines)
            || description.as_deref().is_some_and(says_deprecated);
        let number_form = number_form::of_examples(&ty.ty, &examples);
        let field = Field {
            required,
            nullable: ty.nullable,
            doc: description,
            example,
            deprecated,
            number_form,
            ..Field::new(name, ty.ty)
        };
        let field = field.observed_at(source, self.lines.source(&type_cell.span));
        Some(field.spelled(dialect.name_style()))
    }

    /// Keeps the unions a Ruby cell spells out inline as models of their own (the Ruby SDK's
    /// union docs are empty). Other dialects write union docs, which say more.
    fn inline_unions(&mut self, unions: Vec<InlineUnion>, source: &Source) {
        if self.dialect != Dialect::Ruby {
            return;
        }
        for u in unions {
            let entry = self.inline.entry(u.name.key()).or_insert_with(|| Union {
                name: u.name.clone(),
                doc: None,
                variants: Vec::new(),
                discriminator: None,
                nullable: false,
                sources: vec![source.clone()],
            });
            for (name, ty) in u.members {
                if !entry.variants.iter().any(|v| v.ty == ty) {
                    entry.variants.push(Variant { name, ty });
                }
            }
        }
    }

    fn required(&mut self, cell: &Cell) -> bool {
        let text = cell.plain();
        match text.trim_matches(':') {
            "heavy_check_mark" | "✔️" | "✔" | "✅" | "✓" | "Yes" | "yes" | "true" | "True" => {
                true
            }
            "heavy_minus_sign" | "➖" | "❌" | "✗" | "No" | "no" | "false" | "False" | "" | "-" => {
                false
            }
            _ => {
                self.at_cell(Severity::Warning, "bad-required", cell, "the Required cell is neither :heavy_check_mark: nor :heavy_minus_sign:; taken as optional");
                false
            }
        }
    }

    /// The values of a `## Values` section: a `| Name | Value |` table, a bullet list of
    /// values (`` - `"value"` ``), or a code block listing them as a union of literals
    /// (`"a" | "b" | Unrecognized<string>`, TypeScript). Remarks such as "This is an open enum"
    /// and the open-enum row of a table (`| - | Unrecognized<string> |`) are not values.
    fn values(&mut self, section: &Section) -> Vec<EnumValue> {
        let mut raw: Vec<RawValue> = Vec::new();
        for block in &section.blocks {
            match block {
                Block::Table(t) => {
                    let col = Columns::of(t);
                    let value_col = col.value.or(col.field).unwrap_or(0);
                    for row in t.rows() {
                        let name_cell = col
                            .field
                            .filter(|&i| i != value_col)
                            .and_then(|i| row.cells.get(i));
                        let Some(v) = row.cells.get(value_col) else {
                            continue;
                        };
                        let (name, struck_inside) =
                            unstrike(name_cell.map(Cell::text).unwrap_or_default());
                        let name = Some(name).filter(|n| !n.is_empty() && n != "-");
                        let text = v.plain();
                        if name.is_none() && col.field.is_some() && text.starts_with("Unrecognized")
                        {
                            continue;
                        }
                        let struck = |c: &Cell| markdown::has_struck(&c.inlines);
                        let doc = col
                            .description
                            .and_then(|i| row.cells.get(i))
                            .map(Cell::text)
                            .filter(|d| !d.is_empty() && d != "N/A");
                        let deprecated = struck_inside
                            || name_cell.is_some_and(struck)
                            || struck(v)
                            || doc.as_deref().is_some_and(says_deprecated);
                        raw.push(RawValue::new(name, &text, doc, deprecated));
                    }
                }
                Block::List(items) => {
                    for (_, inlines) in items {
                        let text = markdown::plain(inlines);
                        let deprecated = markdown::has_struck(inlines);
                        raw.push(RawValue::new(None, &text, None, deprecated));
                    }
                }
                Block::Code { text, .. } => {
                    if let Some(values) = notation::literal_values(text) {
                        for v in values {
                            let (text, quoted) = match v {
                                serde_json::Value::String(s) => (s, true),
                                other => (other.to_string(), false),
                            };
                            raw.push(RawValue {
                                name: None,
                                text,
                                quoted,
                                doc: None,
                                deprecated: false,
                            });
                        }
                    }
                }
                Block::Paragraph(_) => {}
            }
        }
        let all_int = !raw.is_empty()
            && raw
                .iter()
                .all(|v| !v.quoted && v.text.parse::<i64>().is_ok());
        let values = raw
            .into_iter()
            .map(|v| EnumValue {
                name: v.name,
                value: match v.text.parse::<i64>() {
                    Ok(i) if all_int => EnumWire::Int(i),
                    _ => EnumWire::Str(v.text),
                },
                doc: v.doc,
                deprecated: v.deprecated,
            })
            .collect::<Vec<_>>();
        if values.is_empty() {
            self.note(
                Severity::Warning,
                "no-values",
                section.heading.line,
                "the Values section lists no values",
            );
        }
        values
    }

    /// The members of a `## Supported Types` section: the `###` sections after it, each a
    /// heading with the code blocks under it.
    fn variants(&mut self, union: &TypeName, members: &[&Section]) -> Vec<Variant> {
        let dialect = self.dialect;
        let mut variants = Vec::new();
        for s in members {
            let heading = s.heading.text.trim();
            let code: Vec<&str> = s
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Code { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            let variant = match notation::read_member(dialect, &union.0, heading, &code) {
                Ok(m) => {
                    if let Some(what) = &m.ty.sdk {
                        self.note(
                            Severity::Note,
                            "sdk-type",
                            s.heading.line,
                            format!("member `{}` is {what}; it accepts any JSON value", m.name),
                        );
                    } else if let Some(why) = &m.ty.lossy {
                        self.note(
                            Severity::Warning,
                            "inline-union",
                            s.heading.line,
                            format!("member `{}` is {why}", m.name),
                        );
                    }
                    Variant {
                        name: m.name,
                        ty: m.ty.ty,
                    }
                }
                Err(why) => {
                    let shown = if heading.is_empty() {
                        "(no heading)"
                    } else {
                        heading
                    };
                    self.note(Severity::Warning, "unrecognized-notation", s.heading.line, format!("unrecognized {dialect} member type `{shown}` ({why}); the member accepts any JSON value"));
                    Variant {
                        name: heading.to_string(),
                        ty: TypeRef::Any,
                    }
                }
            };
            variants.push(variant);
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

/// One value of an enum as written.
struct RawValue {
    name: Option<String>,
    text: String,
    /// Written as a string literal (`"1"`), so a string even if it looks like a number.
    quoted: bool,
    doc: Option<String>,
    deprecated: bool,
}

impl RawValue {
    fn new(name: Option<String>, text: &str, doc: Option<String>, deprecated: bool) -> Self {
        let t = text.trim();
        let unquoted = t
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .map(|s| s.replace("\\\"", "\""));
        RawValue {
            name,
            quoted: unquoted.is_some(),
            text: unquoted.unwrap_or_else(|| t.to_string()),
            doc,
            deprecated,
        }
    }
}

/// A name without the `~~` marks written inside its code span (`` `~~name~~` ``), and whether
/// it had them. (Marks around the code span are markdown strikethrough.)
fn unstrike(text: String) -> (String, bool) {
    match text.strip_prefix("~~").and_then(|n| n.strip_suffix("~~")) {
        Some(inner) if !inner.is_empty() => (inner.to_string(), true),
        _ => (text, false),
    }
}

/// Why a doc with a Fields section is an SDK usage page rather than a model: model docs'
/// Fields tables always have a Required column; SDK configuration pages (`RetryConfig`, with
/// its `BackoffStrategy`) list `Name | Type | Description` and link types within the page.
fn sdk_page(fields: &Section) -> Option<&'static str> {
    let table = first_table(fields)?;
    let col = Columns::of(table);
    (col.required.is_none() && col.ty.is_some())
        .then_some("an SDK usage page (its Fields table has no Required column)")
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
            if let Some(slot) = c.slot(&cell.plain()) {
                slot.get_or_insert(i);
            }
        }
        c
    }

    /// The column a header names (ignoring ASCII case), if it is one mdgen reads.
    fn slot(&mut self, header: &str) -> Option<&mut Option<usize>> {
        let is = |names: &[&str]| names.iter().any(|n| header.eq_ignore_ascii_case(n));
        Some(if is(&["field", "name", "property"]) {
            &mut self.field
        } else if is(&["type"]) {
            &mut self.ty
        } else if is(&["required"]) {
            &mut self.required
        } else if is(&["description"]) {
            &mut self.description
        } else if is(&["example", "examples"]) {
            &mut self.example
        } else if is(&["value"]) {
            &mut self.value
        } else {
            return None;
        })
    }
}

fn first_table<'s, 'a>(section: &'s Section<'a>) -> Option<&'s Table<'a>> {
    section.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    })
}

/// The first table of a Fields section that has Field and Type columns (a description may
/// hold tables of its own).
fn fields_table<'s, 'a>(section: &'s Section<'a>) -> Option<&'s Table<'a>> {
    section.blocks.iter().find_map(|b| match b {
        Block::Table(t) => {
            let c = Columns::of(t);
            (c.field.is_some() && c.ty.is_some()).then_some(t)
        }
        _ => None,
    })
}

/// The tables of a doc that have a Type column, with that column and all their columns.
fn typed_tables<'d, 'a>(doc: &'d Doc<'a>) -> impl Iterator<Item = (&'d Table<'a>, usize, Columns)> {
    let blocks = doc.sections.iter().flat_map(|s| &s.blocks);
    blocks.filter_map(|b| match b {
        Block::Table(t) => {
            let col = Columns::of(t);
            Some((t, col.ty?, col))
        }
        _ => None,
    })
}

/// The cells of a column of a table, in row order (rows too short to have one skip it).
fn column<'t, 'a>(table: &'t Table<'a>, i: usize) -> impl Iterator<Item = &'t Cell<'a>> {
    table.rows().filter_map(move |r| r.cells.get(i))
}

/// The Type cells of a doc, each parsed once: detection reads them in every dialect, fields in
/// the one detected.
struct TypeCells(Vec<(usize, Result<Notation, String>)>);

impl TypeCells {
    /// Every cell of every Type column, by where it starts (so in document order).
    fn parse(doc: &Doc<'_>) -> Self {
        let cells = typed_tables(doc).flat_map(|(t, ty, _)| column(t, ty));
        TypeCells(
            cells
                .map(|c| (c.span.start, notation::parse(&c.inlines)))
                .collect(),
        )
    }

    /// The parsed notation of `cell`, if it is one of the doc's Type cells.
    fn get(&self, cell: &Cell<'_>) -> Option<&Result<Notation, String>> {
        let i = self
            .0
            .binary_search_by_key(&cell.span.start, |(start, _)| *start);
        i.ok().map(|i| &self.0[i].1)
    }

    /// Reads the notation of `cell` in `dialect`; the error says what was not understood.
    fn read(&self, cell: &Cell<'_>, dialect: Dialect) -> Result<notation::Ty, String> {
        match self.get(cell) {
            Some(Ok(n)) => notation::interpret(n, dialect),
            Some(Err(why)) => Err(why.clone()),
            None => notation::interpret(&notation::parse(&cell.inlines)?, dialect),
        }
    }
}

/// The dialect a doc is written in, from its code blocks, its Type cells (parsed in `types`)
/// and its field names.
fn detect<'d>(
    doc: &'d Doc<'_>,
    lines: &Lines<'d>,
    types: &'d TypeCells,
    memo: &mut CellMemo,
) -> Dialect {
    let mut clues = Clues::default();
    let blocks = doc.sections.iter().flat_map(|s| &s.blocks);
    for b in blocks {
        if let Block::Code { lang, .. } = b {
            clues.code_langs.push(lang.as_str());
        }
    }
    for (t, ty, col) in typed_tables(doc) {
        for c in column(t, ty) {
            let notation = types.get(c).and_then(|n| n.as_ref().ok());
            clues.add_cell(lines.source(&c.span), notation, memo);
        }
        if let Some(f) = col.field {
            clues.field_names.extend(column(t, f).map(Cell::plain));
        }
    }
    Dialect::detect(&clues)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Extracted {
        extract(Path::new("m.md"), text, None, &mut CellMemo::default())
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
            .map(|f| {
                (
                    f.name.as_str(),
                    f.required,
                    f.nullable,
                    f.observed[0].source.line,
                )
            })
            .collect();
        assert_eq!(
            f,
            [
                ("id", true, Evidence::No, 9),
                ("provider", false, Evidence::Maybe, 10),
                ("kind", false, Evidence::Maybe, 11)
            ]
        );
        assert_eq!(s.fields[0].doc, None);
        assert_eq!(s.fields[1].doc.as_deref(), Some("The provider"));
        assert_eq!(s.fields[2].ty, TypeRef::Named(TypeName("Kind".into())));
        assert_eq!(s.fields[2].example.as_deref(), Some("[\n\"A\",\n\"B\"\n]"));
        let at = |line| Source {
            file: "m.md".into(),
            line,
        };
        let (line, span) = e.snippets.get(&at(11)).unwrap();
        assert_eq!(&line[span.clone()], "[?Components\\Kind](../Kind.md)");
        assert!(e.snippets.get(&at(12)).is_none());
        // Only cells that name a model keep their line: no other can be reported by linking.
        assert!(e.snippets.get(&at(9)).is_none());
    }

    #[test]
    fn dialects_are_detected_per_file() {
        let dialect = |t: &str| {
            let lines = Lines::new(t);
            let doc = markdown::read(t, &lines);
            detect(
                &doc,
                &lines,
                &TypeCells::parse(&doc),
                &mut CellMemo::default(),
            )
        };
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
        assert_eq!(e.diagnostics.0[0].severity, Severity::Note);
        // A README is never a model's doc, even with nothing but a title.
        let e = extract(
            Path::new("docs/README.md"),
            "# Docs\n\nAbout.\n",
            None,
            &mut CellMemo::default(),
        );
        assert_eq!(e.diagnostics.0[0].kind, "not-a-model");
    }

    #[test]
    fn ruby_inline_unions_become_models_of_their_own() {
        let e = run("# A\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `v` | [T.nilable(T.any(::String, Models::Shared::Owner))](../wrong/value.md) | :heavy_minus_sign: | N/A |\n| `w` | [T.any(::String, T::Array[::Integer])](value.md) | :heavy_check_mark: | N/A |\n");
        assert!(e.diagnostics.0.is_empty(), "{:?}", e.diagnostics);
        let TypeDef::Struct(s) = e.model.unwrap() else {
            panic!("not a struct")
        };
        let value = TypeRef::Named(TypeName("value".into()));
        assert_eq!(
            (&s.fields[0].ty, s.fields[0].nullable),
            (&value, Evidence::Maybe)
        );
        assert_eq!(&s.fields[1].ty, &value);
        let [TypeDef::Union(u)] = e.extra.as_slice() else {
            panic!("{:?}", e.extra)
        };
        let members: Vec<_> = u
            .variants
            .iter()
            .map(|v| (v.name.as_str(), v.ty.clone()))
            .collect();
        assert_eq!(
            members,
            [
                ("::String", TypeRef::String),
                (
                    "Models::Shared::Owner",
                    TypeRef::Named(TypeName("Owner".into()))
                ),
                (
                    "T::Array[::Integer]",
                    TypeRef::Array(Box::new(TypeRef::Int { bits: None }))
                ),
            ]
        );
        // Other dialects write union docs, which say more than a cell: no extra models.
        let php = run("# A\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `v` | [string\\|Components\\Owner\\|null](../V.md) | :heavy_minus_sign: | N/A |\n");
        assert!(php.extra.is_empty());
    }

    #[test]
    fn inline_unions_without_a_doc_warn() {
        let e = run("# A\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `v` | *T.any(::String, T::Boolean)* | :heavy_check_mark: | N/A |\n| `n` | *T.any(::Integer, ::Float)* | :heavy_check_mark: | N/A |\n");
        let d: Vec<_> = e
            .diagnostics
            .iter()
            .map(|d| (d.kind.as_str(), d.line))
            .collect();
        assert_eq!(d, [("inline-union", 7)]);
        let TypeDef::Struct(s) = e.model.unwrap() else {
            panic!("not a struct")
        };
        assert_eq!(s.fields[0].ty, TypeRef::Any);
        // Numbers of both kinds: a number, which holds either.
        assert_eq!(s.fields[1].ty, TypeRef::Number);
    }

    #[test]
    fn null_examples_descriptions_and_python_optional_on_required_rows_are_null() {
        let e = run("# A\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n| `a` | *Optional[str]* | :heavy_check_mark: | N/A | |\n| `b` | *Optional[str]* | :heavy_minus_sign: | N/A | |\n| `c` | *str* | :heavy_check_mark: | N/A | null |\n| `d` | *str* | :heavy_check_mark: | N/A | **Example 1:** x<br/>**Example 2:** null |\n| `e` | *str* | :heavy_check_mark: | The end; may be null while open. | |\n| `f` | *str* | :heavy_check_mark: | Must not be `null`. | nullish |\n");
        let TypeDef::Struct(s) = e.model.unwrap() else {
            panic!("not a struct")
        };
        let n: Vec<_> = s.fields.iter().map(|f| f.nullable).collect();
        use Evidence::*;
        assert_eq!(n, [Yes, No, Yes, Yes, Yes, No]);
    }

    #[test]
    fn examples_and_date_formats_settle_dates() {
        let php = "[\\DateTime](https://www.php.net/manual/en/class.datetime.php)";
        let java = "[OffsetDateTime](https://docs.oracle.com/javase/8/docs/api/java/time/OffsetDateTime.html)";
        let rows = [
            (php, "N/A", "2020-01-31"),
            (php, "N/A", "2020-01-31T00:00:00Z"),
            (php, "N/A", ""),
            (php, "Due (YYYY-MM-DD format)", ""),
            (
                php,
                "N/A",
                "**Example 1:** 2020-01-31<br/>**Example 2:** 2020-01-31T00:00:00Z",
            ),
        ];
        let t = |rows: &[(&str, &str, &str)]| {
            let mut doc = "# A\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n".to_string();
            for (i, (ty, description, example)) in rows.iter().enumerate() {
                doc += &format!(
                    "| `f{i}` | {ty} | :heavy_check_mark: | {description} | {example} |\n"
                );
            }
            let TypeDef::Struct(s) = run(&doc).model.unwrap() else {
                panic!("not a struct")
            };
            s.fields.into_iter().map(|f| f.ty).collect::<Vec<_>>()
        };
        use TypeRef::*;
        assert_eq!(
            t(&rows),
            [Date, DateTime, DateOrDateTime, Date, DateOrDateTime]
        );
        assert_eq!(t(&[(java, "N/A", "2020-01-31")]), [Date]);
        let list = format!("array<{php}>");
        assert_eq!(
            t(&[(list.as_str(), "N/A", "[\"2020-01-31\"]")]),
            [Array(Box::new(Date))]
        );
    }

    #[test]
    fn sdk_metadata_fields_and_models_are_skipped() {
        let e = run("# R\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `HTTPMeta` | [components.HTTPMetadata](../../models/components/httpmetadata.md) | :heavy_check_mark: | N/A |\n| `Data` | `string` | :heavy_check_mark: | N/A |\n");
        let TypeDef::Struct(s) = e.model.unwrap() else {
            panic!("not a struct")
        };
        assert_eq!(s.fields.len(), 1);
        assert_eq!(e.diagnostics.0[0].kind, "sdk-field");
        let meta = run("# HTTPMetadata\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `Response` | [*http.Response](https://pkg.go.dev/net/http#Response) | :heavy_check_mark: | N/A |\n| `Request` | [*http.Request](https://pkg.go.dev/net/http#Request) | :heavy_check_mark: | N/A |\n");
        assert!(meta.model.is_none());
        assert!(meta.diagnostics.iter().any(|d| d.kind == "not-a-model"));
    }

    #[test]
    fn absent_or_null_on_a_required_field_is_null() {
        let e = run("# A\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `A` | **string* | :heavy_check_mark: | N/A |\n| `B` | **string* | :heavy_minus_sign: | N/A |\n| `C` | *int64* | :heavy_check_mark: | N/A |\n");
        let TypeDef::Struct(s) = e.model.unwrap() else {
            panic!("not a struct")
        };
        let n: Vec<_> = s.fields.iter().map(|f| f.nullable).collect();
        assert_eq!(n, [Evidence::Yes, Evidence::Unknown, Evidence::No]);
    }
}

//! What the unit tests of several modules build their models from.

use mdgen_ir::{Field, Source, TypeRef};

/// A field observed at line `line` of `m.md`, with `example` in its Example cell.
pub fn field(name: &str, ty: TypeRef, example: Option<&str>, line: u32) -> Field {
    let f = Field {
        example: example.map(str::to_string),
        ..Field::new(name, ty)
    };
    f.observed_at(
        Source {
            file: "m.md".into(),
            line,
        },
        "",
    )
}

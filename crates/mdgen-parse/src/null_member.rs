//! Unions with a `null` member: a field of such a union's type may be null.

use foldhash::HashSet;
use mdgen_ir::{Evidence, Schema, TypeDef, TypeName, TypeRef};

/// Makes nullable every field whose type is a union with a `null` member ([`mdgen_ir::Union::nullable`]);
/// the union itself keeps its other members. Runs after linking, when references name models
/// exactly.
pub fn mark_fields(schema: &mut Schema) {
    let nullable: HashSet<TypeName> = schema
        .types
        .values()
        .filter_map(|def| match def {
            TypeDef::Union(u) if u.nullable => Some(u.name.clone()),
            _ => None,
        })
        .collect();
    if nullable.is_empty() {
        return;
    }
    for def in schema.types.values_mut() {
        let TypeDef::Struct(s) = def else { continue };
        for f in &mut s.fields {
            if matches!(&f.ty, TypeRef::Named(n) if nullable.contains(n)) {
                f.nullable = Evidence::Yes;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{parse, InputFile};
    use mdgen_ir::{Evidence, TypeDef, TypeName};

    fn file(path: &str, text: &str) -> InputFile {
        InputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_null_member_makes_the_fields_of_the_union_nullable() {
        let files = [
            file("ts/amount.md", "# Amount\n\n## Supported Types\n\n### `number`\n\n```typescript\nconst value: number = 1;\n```\n\n### `null`\n\n```typescript\nconst value: null = null;\n```\n"),
            file("py/choice.md", "# Choice\n\n## Supported Types\n\n### `str`\n\n```python\nvalue: str = \"\"\n```\n\n### `int`\n\n```python\nvalue: int = 0\n```\n\n### `None`\n\n```python\nvalue: None = None\n```\n"),
            file("ts/order.md", "# Order\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `amount` | [components.Amount](amount.md) | :heavy_check_mark: | N/A |\n| `list` | [components.Amount](amount.md)[] | :heavy_check_mark: | N/A |\n"),
        ];
        let parsed = parse(&files, &Default::default());
        let union = |n: &str| match &parsed.schema.types[&TypeName(n.into())] {
            TypeDef::Union(u) => u.clone(),
            other => panic!("{other:?}"),
        };
        let (amount, choice) = (union("Amount"), union("Choice"));
        assert!(amount.nullable && choice.nullable);
        let names = |u: &mdgen_ir::Union| -> Vec<String> {
            u.variants.iter().map(|v| v.name.clone()).collect()
        };
        assert_eq!(names(&amount), ["number"]);
        assert_eq!(names(&choice), ["str", "int"]);
        let TypeDef::Struct(order) = &parsed.schema.types[&TypeName("Order".into())] else {
            panic!()
        };
        // The field of the union's type; an array of it keeps its items' null in the union.
        let nullable: Vec<_> = order.fields.iter().map(|f| f.nullable).collect();
        assert_eq!(nullable, [Evidence::Yes, Evidence::Unknown]);
        assert!(parsed
            .diagnostics
            .iter()
            .all(|d| d.kind != "unrecognized-notation"));
    }
}

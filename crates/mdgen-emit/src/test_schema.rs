//! Builders for hand-written schemas in tests.

use mdgen_ir::{
    Enum, EnumValue, EnumWire, Evidence, Field, Schema, Source, Struct, TypeDef, TypeName, TypeRef,
    Union, Variant,
};

pub fn schema(types: Vec<TypeDef>) -> Schema {
    Schema {
        types: types.into_iter().map(|t| (t.name().clone(), t)).collect(),
    }
}

pub fn src(line: u32) -> Vec<Source> {
    vec![Source {
        file: "models/test.md".into(),
        line,
    }]
}

/// A field whose wire name is its documented name.
pub fn field(name: &str, ty: TypeRef, required: bool) -> Field {
    Field {
        required,
        nullable: Evidence::No,
        ..Field::new(name, ty)
    }
}

pub fn nullable(mut f: Field) -> Field {
    f.nullable = Evidence::Yes;
    f
}

pub fn wire(mut f: Field, wire: &str) -> Field {
    f.wire.name = wire.into();
    f
}

pub fn doc(mut f: Field, doc: &str) -> Field {
    f.doc = Some(doc.into());
    f
}

pub fn strukt(name: &str, fields: Vec<Field>) -> TypeDef {
    TypeDef::Struct(Struct {
        name: TypeName(name.into()),
        doc: None,
        fields,
        deprecated: false,
        sources: src(1),
    })
}

pub fn str_value(name: Option<&str>, value: &str) -> EnumValue {
    EnumValue {
        name: name.map(String::from),
        value: EnumWire::Str(value.into()),
        doc: None,
        deprecated: false,
    }
}

pub fn int_value(name: Option<&str>, value: i64) -> EnumValue {
    EnumValue {
        name: name.map(String::from),
        value: EnumWire::Int(value),
        doc: None,
        deprecated: false,
    }
}

pub fn enumeration(name: &str, values: Vec<EnumValue>) -> TypeDef {
    TypeDef::Enum(Enum {
        name: TypeName(name.into()),
        doc: None,
        values,
        values_known: true,
        deprecated: false,
        sources: src(1),
    })
}

pub fn union(name: &str, members: Vec<TypeRef>) -> TypeDef {
    let variants = members
        .into_iter()
        .map(|ty| {
            // An unnamed member is named after its type.
            let name = match &ty {
                TypeRef::Named(n) => n.0.clone(),
                _ => String::new(),
            };
            Variant { name, ty }
        })
        .collect();
    TypeDef::Union(Union {
        name: TypeName(name.into()),
        doc: None,
        variants,
        discriminator: None,
        nullable: false,
        sources: src(1),
    })
}

pub fn named(name: &str) -> TypeRef {
    TypeRef::Named(TypeName(name.into()))
}

//! What every item emitter needs: the schema's names, derives and boxing, and what was used.

use crate::dates;
use crate::ident::{self, Case};
use crate::recursion::Recursion;
use crate::resolve::Resolver;
use crate::support::Support;
use crate::traits::{self, Derives};
use crate::{Deps, Options};
use mdgen_ir::{Diagnostic, Diagnostics, Schema, Severity, Source, TypeName, TypeRef};
use std::path::PathBuf;

/// What every item emitter reads and none changes: built once per [`crate::emit`] run and
/// shared by the threads that emit the items.
pub struct Shared<'a> {
    resolver: Resolver<'a>,
    /// Whether a field or union member holds a [`TypeRef::DateOrDateTime`].
    pub dates: bool,
    recursion: Recursion,
    /// By place ([`Resolver::place`]), as `idents`.
    derives: Vec<Derives>,
    idents: Vec<String>,
}

impl<'a> Shared<'a> {
    /// The shared state, the warnings about type names that collide, and a note when values
    /// take a date or a date-time.
    pub fn new(schema: &'a Schema) -> (Self, Diagnostics) {
        let resolver = Resolver::new(schema);
        // The derives are worked out beside the rest, on another core.
        let (derives, recursion, idents, dates, diagnostics) = std::thread::scope(|scope| {
            let derives = scope.spawn(|| traits::derives(schema, &resolver));
            let recursion = Recursion::new(schema, &resolver);
            let dates = dates::Usage::of(schema);
            let reserved = dates.used().then_some(dates::TYPE_NAME);
            let (idents, mut diagnostics) = type_idents(schema, reserved);
            if let Some(note) = dates.note() {
                diagnostics.push(note);
            }
            let derives = derives
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (derives, recursion, idents, dates.used(), diagnostics)
        });
        let shared = Shared {
            resolver,
            dates,
            recursion,
            derives,
            idents,
        };
        (shared, diagnostics)
    }
}

/// The Rust identifier of every type, by place, and the warnings about type names that collide.
/// A `reserved` name is mdgen's own type's: a model named so is renamed.
fn type_idents(schema: &Schema, reserved: Option<&str>) -> (Vec<String>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let names: Vec<&TypeName> = schema.types.keys().collect();
    let own = usize::from(reserved.is_some());
    let mut bases: Vec<String> = Vec::with_capacity(own + names.len());
    bases.extend(reserved.map(str::to_string));
    bases.extend(
        names
            .iter()
            .map(|n| ident::sanitize(&n.0, Case::Pascal, "Model")),
    );
    let mut idents = Vec::with_capacity(names.len());
    let deduped = ident::dedupe(bases, Case::Pascal).into_iter().skip(own);
    for (i, (text, clash)) in deduped.enumerate() {
        if let Some(clash) = clash {
            let other = match clash.first.checked_sub(own) {
                Some(first) => format!("type `{}`", names[first]),
                None => "mdgen's type for dates and date-times".to_string(),
            };
            diagnostics.push(collision(
                schema.types[names[i]].sources(),
                &format!("type `{}`", names[i]),
                &other,
                &clash.base,
                &text,
            ));
        }
        idents.push(text);
    }
    (idents, diagnostics)
}

/// The state of one thread of a [`crate::emit`] run: the shared state, and what the items it
/// emitted used and reported.
pub struct Ctx<'a> {
    pub options: &'a Options,
    pub resolver: &'a Resolver<'a>,
    pub recursion: &'a Recursion,
    derives: &'a [Derives],
    idents: &'a [String],
    /// The crates the code emitted so far uses.
    pub deps: Deps,
    /// The adapters of `mdgen_serde` it uses.
    pub support: Support,
    pub diagnostics: Diagnostics,
}

impl<'a> Ctx<'a> {
    pub fn new(shared: &'a Shared<'a>, options: &'a Options) -> Self {
        Ctx {
            options,
            resolver: &shared.resolver,
            recursion: &shared.recursion,
            derives: &shared.derives,
            idents: &shared.idents,
            deps: Deps::default(),
            support: Support::default(),
            diagnostics: Diagnostics::default(),
        }
    }

    /// The Rust identifier of the type `name` refers to, if the schema has it.
    pub fn type_ident(&self, name: &TypeName) -> Option<&'a str> {
        let place = self.resolver.place(name)?;
        self.idents.get(place).map(String::as_str)
    }

    /// The derives valid for the schema's type `name`.
    pub fn derives(&self, name: &TypeName) -> Derives {
        let place = self.resolver.place(name);
        place
            .and_then(|i| self.derives.get(i))
            .copied()
            .unwrap_or_default()
    }

    /// Warns about each type `ty` names that the schema does not have; `sources` says where
    /// `ty` was documented (only asked when there is something to say).
    pub fn check_refs<S: AsRef<[Source]>>(
        &mut self,
        ty: &TypeRef,
        sources: impl Fn() -> S,
        owner: &TypeName,
    ) {
        for name in ty.named() {
            if self.resolver.resolve(name).is_none() {
                let (file, line) = place(sources().as_ref());
                self.diagnostics.push(Diagnostic::new(
                    Severity::Warning,
                    "unknown-type",
                    file,
                    line,
                    format!("`{owner}` refers to `{name}`, which no doc defines; it becomes `serde_json::Value`"),
                ));
            }
        }
    }
}

/// A `name-collision` warning: `what` would be named like `other`, so it gets `renamed`.
pub fn collision(
    sources: &[Source],
    what: &str,
    other: &str,
    base: &str,
    renamed: &str,
) -> Diagnostic {
    let (file, line) = place(sources);
    Diagnostic::new(
        Severity::Warning,
        "name-collision",
        file,
        line,
        format!("{what} and {other} both become `{base}`; {what} is emitted as `{renamed}`"),
    )
}

/// The file and line of the first source, or an unknown place.
pub fn place(sources: &[Source]) -> (PathBuf, u32) {
    sources
        .first()
        .map_or((PathBuf::new(), 0), |s| (s.file.clone(), s.line))
}

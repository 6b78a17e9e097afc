//! Models of the same name in sibling folders of one docs tree are different models.
//!
//! Speakeasy writes an SDK's models into sibling folders of one models folder (`components/`,
//! `operations/`, `errors/`, `shared/`), and the same heading can appear in two of them: an
//! operation's response wrapper `operations/V2GetLedgerResponse.md` beside the schema
//! `components/V2GetLedgerResponse.md`, an enum in one and a struct in the other. Fusion joins
//! docs by name, which is right across inputs (one SDK per dialect) but would here merge two
//! models into one. The folders of one tree are those its docs link between. So before fusion,
//! the doc in the folder of the tree that holds the most docs keeps the name, each other is
//! renamed after its folder (`OperationsV2GetLedgerResponse`, with a note), and every Type cell
//! whose link points at a renamed doc follows it. Docs of the same name in different trees (the
//! inputs of several SDKs, which never link to each other) are left to fusion.

use mdgen_ir::{Diagnostic, Diagnostics, Severity, TypeDef, TypeName, TypeRef, WireCase};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// Renames the models of `models` that share a name with a model of a linked sibling folder.
pub fn separate(models: &mut [TypeDef], diagnostics: &mut Diagnostics) {
    let trees = Trees::of(models);
    // The docs that define their own model, by tree and name key.
    let mut groups: BTreeMap<(PathBuf, String), Vec<usize>> = BTreeMap::new();
    let mut per_folder: HashMap<PathBuf, usize> = HashMap::new();
    for (i, def) in models.iter().enumerate() {
        let Some(folder) = own_doc(def).and_then(Path::parent) else {
            continue;
        };
        *per_folder.entry(folder.to_path_buf()).or_default() += 1;
        groups
            .entry((trees.root(folder), def.name().key()))
            .or_default()
            .push(i);
    }
    // The renamed docs by path: the key of their old name, and their new name.
    let mut renamed: HashMap<PathBuf, (String, TypeName)> = HashMap::new();
    for docs in groups.values() {
        let folder = |i: &usize| own_doc(&models[*i]).and_then(Path::parent);
        let mut folders: Vec<&Path> = docs.iter().filter_map(folder).collect();
        folders.sort();
        folders.dedup();
        if folders.len() < 2 {
            continue;
        }
        // The folder with the most docs keeps the name; ties go to the first by path.
        let keeps = folders
            .iter()
            .max_by_key(|f| (per_folder.get(**f), std::cmp::Reverse(**f)))
            .copied();
        for &i in docs {
            let Some(path) = own_doc(&models[i]) else {
                continue;
            };
            if path.parent() == keeps {
                continue;
            }
            let word = path
                .parent()
                .and_then(Path::file_name)
                .map(|f| WireCase::Pascal.apply(&f.to_string_lossy()))
                .unwrap_or_default();
            let old = models[i].name().clone();
            let new = TypeName(format!("{word}{old}"));
            let line = models[i].sources().first().map_or(0, |s| s.line);
            diagnostics.push(Diagnostic::new(
                Severity::Note,
                "same-name-model",
                path,
                line,
                format!("another folder of these docs has a model named `{old}`; this one is `{new}`, and the links to this file follow it"),
            ));
            renamed.insert(normalize(path), (old.key(), new));
        }
    }
    if renamed.is_empty() {
        return;
    }
    for def in models.iter_mut() {
        if let Some(path) = own_doc(def) {
            if let Some((_, new)) = renamed.get(&normalize(path)) {
                rename(def, new.clone());
            }
        }
        let TypeDef::Struct(s) = def else { continue };
        for f in &mut s.fields {
            let Some(o) = f.observed.first() else {
                continue;
            };
            let Some(dir) = o.source.file.parent() else {
                continue;
            };
            let targets: Vec<&(String, TypeName)> = links(&o.notation)
                .filter_map(|dest| renamed.get(&normalize(&dir.join(dest))))
                .collect();
            if let [(old, new)] = targets.as_slice() {
                point_at(&mut f.ty, old, new);
            }
        }
    }
}

/// The folders of the docs, joined into trees where a doc of one links to a doc of another:
/// the folders of one SDK's docs link to each other, those of different SDKs never do.
struct Trees(HashMap<PathBuf, PathBuf>);

impl Trees {
    fn of(models: &[TypeDef]) -> Self {
        let docs: HashSet<PathBuf> = models
            .iter()
            .filter_map(|d| d.sources().first())
            .map(|s| normalize(&s.file))
            .collect();
        let mut trees = Trees(HashMap::new());
        for def in models {
            let TypeDef::Struct(s) = def else { continue };
            for o in s.fields.iter().filter_map(|f| f.observed.first()) {
                let Some(dir) = o.source.file.parent() else {
                    continue;
                };
                for dest in links(&o.notation) {
                    let target = normalize(&dir.join(dest));
                    if let (true, Some(to)) = (docs.contains(&target), target.parent()) {
                        trees.join(&normalize(dir), to);
                    }
                }
            }
        }
        trees
    }

    /// The folder that stands for the tree of `folder`.
    fn root(&self, folder: &Path) -> PathBuf {
        let mut at = normalize(folder);
        while let Some(up) = self.0.get(&at) {
            at = up.clone();
        }
        at
    }

    fn join(&mut self, a: &Path, b: &Path) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            // The smaller path stands for both: the same trees whatever the order of the links.
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            self.0.insert(high, low);
        }
    }
}

/// The doc file of a model that is named after its own doc (not one that a doc spells out
/// inline and names after a link).
fn own_doc(def: &TypeDef) -> Option<&Path> {
    let file = &def.sources().first()?.file;
    let stem = file.file_stem()?.to_string_lossy();
    (mdgen_ir::normalize_key(&stem) == def.name().key()).then_some(file.as_path())
}

fn rename(def: &mut TypeDef, name: TypeName) {
    match def {
        TypeDef::Struct(s) => s.name = name,
        TypeDef::Enum(e) => e.name = name,
        TypeDef::Union(u) => u.name = name,
    }
}

/// Points the model of key `old` that `ty` names (inside arrays and maps too) at `new`.
fn point_at(ty: &mut TypeRef, old: &str, new: &TypeName) {
    match ty {
        TypeRef::Named(n) if n.key() == old => *n = new.clone(),
        TypeRef::Array(t) | TypeRef::Map(t) => point_at(t, old, new),
        _ => {}
    }
}

/// The destinations of the markdown links in `text` (`[label](dest)`), without anchors.
fn links(text: &str) -> impl Iterator<Item = &str> {
    text.split("](").skip(1).filter_map(|rest| {
        let dest = &rest[..rest.find(')')?];
        let dest = dest.split(['#', '?']).next().unwrap_or(dest);
        (!dest.contains("://") && !dest.is_empty()).then_some(dest)
    })
}

/// `path` with `.` and `..` resolved lexically and case ignored, for comparing link targets.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str().to_string_lossy().to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::extract;
    use crate::notation::CellMemo;

    fn doc(path: &str, text: &str) -> TypeDef {
        extract(Path::new(path), text, None, &mut CellMemo::default())
            .model
            .unwrap()
    }

    #[test]
    fn same_named_models_of_sibling_folders_are_two_and_links_follow() {
        let fields =
            "## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n";
        let mut models = vec![
            doc("d/models/components/status.md", "# Status\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A` | a |\n"),
            doc("d/models/components/pet.md", &format!("# Pet\n\n{fields}| `Status` | [components.Status](../../models/components/status.md) | :heavy_check_mark: | N/A |\n")),
            doc("d/models/components/other.md", &format!("# Other\n\n{fields}| `X` | `string` | :heavy_check_mark: | N/A |\n")),
            doc("d/models/operations/status.md", &format!("# Status\n\n{fields}| `Code` | `int64` | :heavy_check_mark: | N/A |\n")),
            doc("d/models/operations/get.md", &format!("# Get\n\n{fields}| `Status` | [*operations.Status](../../models/operations/status.md) | :heavy_minus_sign: | N/A |\n| `Many` | [][components.Status](../components/status.md) | :heavy_minus_sign: | N/A |\n")),
            // Another tree (another SDK): fused by name, not renamed.
            doc("e/models/status.md", "# Status\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `B` | b |\n"),
        ];
        let mut diagnostics = Diagnostics::default();
        separate(&mut models, &mut diagnostics);
        let names: Vec<&str> = models.iter().map(|m| m.name().0.as_str()).collect();
        assert_eq!(
            names,
            [
                "Status",
                "Pet",
                "Other",
                "OperationsStatus",
                "Get",
                "Status"
            ]
        );
        let kinds: Vec<&str> = diagnostics.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(kinds, ["same-name-model"]);
        let field_types = |i: usize| match &models[i] {
            TypeDef::Struct(s) => s.fields.iter().map(|f| f.ty.to_string()).collect(),
            _ => Vec::new(),
        };
        assert_eq!(field_types(1), ["Status"]);
        assert_eq!(field_types(4), ["OperationsStatus", "array<Status>"]);
    }

    #[test]
    fn links_are_read_from_cells() {
        let l: Vec<&str> = links("[][a.B](../b.md#x) | [c](https://x.org/c.md)").collect();
        assert_eq!(l, ["../b.md"]);
        assert_eq!(
            normalize(Path::new("d/models/operations/../components/./B.md")),
            PathBuf::from("d/models/components/b.md")
        );
    }
}

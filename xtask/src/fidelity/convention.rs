//! An API's key convention: the case most of the multi-word property names of its component
//! schemas are written in, which is what a user who has seen one JSON response would pass as
//! `--wire-case`.

use mdgen_ir::WireCase;

/// The Python that prints the property names of a spec's component schemas as a JSON list
/// (argv: the fidelity tools folder, the spec). It loads the spec with synth.py's own loader.
pub const PROPERTY_NAMES_PY: &str = r#"
import json, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import synth
synth.load([sys.argv[2]])
names = []
for s in synth.SCHEMAS.values():
    if not isinstance(s, dict):
        continue
    for part in [s] + [p for p in s.get("allOf") or [] if isinstance(p, dict)]:
        props = part.get("properties") or {}
        names += [k for k, v in props.items() if isinstance(props, dict) and isinstance(v, dict)]
json.dump(names, sys.stdout)
"#;

/// The case a multi-word name is written in; `None` for one word (`id`, `Name`) or a name
/// that follows no single case (`foo_barBaz`, `@type`, `_links`).
pub fn case_of(name: &str) -> Option<WireCase> {
    let has = |c: char| name.contains(c);
    let lower = name.chars().any(|c| c.is_ascii_lowercase());
    let upper = name.chars().any(|c| c.is_ascii_uppercase());
    let alnum = |extra: char| {
        name.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == extra)
    };
    let first = name.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let separated = |sep: char| alnum(sep) && has(sep) && name.split(sep).all(|w| !w.is_empty());
    if separated('_') {
        return match (lower, upper) {
            (true, false) => Some(WireCase::Snake),
            (false, true) => Some(WireCase::ScreamingSnake),
            _ => None,
        };
    }
    if separated('-') {
        return (lower && !upper).then_some(WireCase::Kebab);
    }
    if !alnum('_') || !lower || !name[1..].chars().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    Some(if first.is_ascii_lowercase() {
        WireCase::Camel
    } else {
        WireCase::Pascal
    })
}

/// The convention of `names`: the case of most multi-word ones (ties go to the case listed
/// first in `WireCase::ALL`), with its votes and the number of multi-word names; `None`
/// when no name has two words.
pub fn vote<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<(WireCase, usize, usize)> {
    let mut votes = [0usize; WireCase::ALL.len()];
    for case in names.into_iter().filter_map(case_of) {
        if let Some(i) = WireCase::ALL.iter().position(|&c| c == case) {
            votes[i] += 1;
        }
    }
    let total: usize = votes.iter().sum();
    let (i, &most) = votes.iter().enumerate().rev().max_by_key(|&(_, n)| *n)?;
    (total > 0).then_some((WireCase::ALL[i], most, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_by_their_case() {
        let cases: Vec<_> = [
            "organization_id",
            "organizationId",
            "OrganizationId",
            "organization-id",
            "ORGANIZATION_ID",
            "address_line1",
            "id",
            "Name",
            "URL",
            "foo_barBaz",
            "@odata.type",
            "_links",
            "trailing_",
        ]
        .iter()
        .map(|n| case_of(n).map(WireCase::as_str))
        .collect();
        assert_eq!(
            cases,
            [
                Some("snake_case"),
                Some("camelCase"),
                Some("PascalCase"),
                Some("kebab-case"),
                Some("SCREAMING_SNAKE_CASE"),
                Some("snake_case"),
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ]
        );
    }

    #[test]
    fn the_majority_of_multi_word_names_wins() {
        let names = [
            "id",
            "created_at",
            "updated_at",
            "pageSize",
            "name",
            "next_cursor",
        ];
        assert_eq!(vote(names), Some((WireCase::Snake, 3, 4)));
        let names = ["createdAt", "pageSize", "created_at"];
        assert_eq!(vote(names), Some((WireCase::Camel, 2, 3)));
        assert_eq!(vote(["id", "name"]), None);
    }

    #[test]
    fn a_tie_goes_to_the_case_listed_first() {
        assert_eq!(
            vote(["pageSize", "created_at"]),
            Some((WireCase::Snake, 1, 2))
        );
    }
}

//! Rust identifiers from documented names: case conversion, keywords, collisions.

use foldhash::{HashSet, HashSetExt};
use mdgen_ir::WireCase;

/// Keywords (strict and reserved, edition 2015 to 2024) that need `r#` to be identifiers, in
/// sorted order (searched by bisection).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_` instead.
const NOT_RAW: &[&str] = &["self", "Self", "crate", "super", "_"];

/// The case convention of an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Types and enum variants.
    Pascal,
    /// Fields.
    Snake,
}

/// A valid Rust identifier (as text, `r#`-prefixed for keywords) for `name` in `case`.
///
/// Only ASCII letters and digits survive; everything else separates words. A name with none
/// becomes `fallback`; a leading digit gets a `_` prefix.
pub fn sanitize(name: &str, case: Case, fallback: &str) -> String {
    let wire_case = match case {
        Case::Pascal => WireCase::Pascal,
        Case::Snake => WireCase::Snake,
    };
    let mut text = wire_case.join_words(name);
    if text.is_empty() {
        text = fallback.to_string();
    }
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        text.insert(0, '_');
    }
    if NOT_RAW.contains(&text.as_str()) {
        text.push('_');
    } else if KEYWORDS.binary_search(&text.as_str()).is_ok() {
        text.insert_str(0, "r#");
    }
    text
}

/// The identifier as serde sees it: without `r#`.
pub fn unraw(text: &str) -> &str {
    text.strip_prefix("r#").unwrap_or(text)
}

/// A name that had to be renamed: the index of the earlier name it collided with, and the name
/// it asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub first: usize,
    pub base: String,
}

/// Makes `bases` unique, keeping the first of equal names and giving later ones the smallest
/// numeric suffix (from 2) that no other name has. Returns, per name, its final text and, when
/// it was renamed, the [`Clash`]. Names are moved, not copied: nearly all are unique already.
pub fn dedupe(bases: Vec<String>, case: Case) -> Vec<(String, Option<Clash>)> {
    let mut all = HashSet::with_capacity(bases.len());
    if bases.iter().all(|b| all.insert(unraw(b))) {
        return bases.into_iter().map(|b| (b, None)).collect();
    }
    all.extend(bases.iter().map(|b| unraw(b)));
    let mut taken = HashSet::new();
    // The new name and the earlier name of each name renamed.
    let mut renamed = Vec::with_capacity(bases.len());
    for (i, base) in bases.iter().enumerate() {
        if taken.insert(unraw(base).to_string()) {
            renamed.push(None);
            continue;
        }
        let first = bases.iter().position(|b| unraw(b) == unraw(base));
        let stem = unraw(base);
        let text = (2..)
            .map(|n| with_suffix(stem, n, case))
            .find(|c| !all.contains(c.as_str()) && !taken.contains(c))
            .unwrap_or_default();
        taken.insert(text.clone());
        renamed.push(Some((text, first.filter(|&f| f < i))));
    }
    bases
        .into_iter()
        .zip(renamed)
        .map(|(base, renamed)| match renamed {
            None => (base, None),
            Some((text, None)) => (text, None),
            Some((text, Some(first))) => (text, Some(Clash { first, base })),
        })
        .collect()
}

/// `stem` with the number `n` appended so the result stays lint-clean in `case`.
/// (`Self_2` would not be UpperCamelCase: a cased letter may not touch a `_`.)
fn with_suffix(stem: &str, n: usize, case: Case) -> String {
    let stem = match case {
        Case::Snake => stem,
        Case::Pascal => stem.trim_end_matches('_'),
    };
    let sep = match case {
        Case::Snake if !stem.ends_with('_') => "_",
        Case::Pascal if stem.ends_with(|c: char| c.is_ascii_digit()) => "_",
        _ => "",
    };
    format!("{stem}{sep}{n}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use heck::{ToSnakeCase, ToUpperCamelCase};
    use proptest::prelude::*;

    proptest! {
        /// The words are heck's, for ASCII names and for anything else.
        #[test]
        fn words_are_split_as_heck_splits_them(name in "[a-zA-Z0-9 _.:é\\-]{0,24}|[\\PC]{0,12}") {
            let ascii: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
                .collect();
            prop_assert_eq!(WireCase::Snake.join_words(&name), ascii.to_snake_case());
            prop_assert_eq!(WireCase::Pascal.join_words(&name), ascii.to_upper_camel_case());
        }
    }

    fn snake(s: &str) -> String {
        sanitize(s, Case::Snake, "field")
    }

    fn pascal(s: &str) -> String {
        sanitize(s, Case::Pascal, "Value")
    }

    #[test]
    fn converts_case() {
        assert_eq!(snake("organizationId"), "organization_id");
        assert_eq!(snake("OrganizationID"), "organization_id");
        assert_eq!(pascal("hris-legacy"), "HrisLegacy");
        assert_eq!(pascal("shared.Employee4"), "SharedEmployee4");
        assert_eq!(pascal("HTTP"), "Http");
    }

    #[test]
    fn keywords_become_raw() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("Type"), "r#type");
        assert_eq!(snake("async"), "r#async");
        assert_eq!(snake("gen"), "r#gen");
        assert!(syn::parse_str::<syn::Ident>("r#type").is_ok());
    }

    #[test]
    fn keywords_are_sorted_for_bisection() {
        assert!(KEYWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn keywords_that_cannot_be_raw_get_an_underscore() {
        assert_eq!(snake("self"), "self_");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(snake("crate"), "crate_");
        assert!(syn::parse_str::<syn::Ident>("self_").is_ok());
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(snake("1st"), "_1st");
        assert_eq!(pascal("1080p"), "_1080p");
    }

    #[test]
    fn symbols_only_and_empty_fall_back() {
        assert_eq!(snake(""), "field");
        assert_eq!(snake("$%&"), "field");
        assert_eq!(snake("_"), "field");
        assert_eq!(pascal("+"), "Value");
        assert_eq!(snake("é"), "field");
    }

    #[test]
    fn collisions_get_the_smallest_free_suffix() {
        let bases: Vec<String> = ["user", "user", "user_2", "user"].map(String::from).into();
        let out = dedupe(bases, Case::Snake);
        let clash = |first| {
            Some(Clash {
                first,
                base: "user".to_string(),
            })
        };
        assert_eq!(
            out,
            vec![
                ("user".to_string(), None),
                ("user_3".to_string(), clash(0)),
                ("user_2".to_string(), None),
                ("user_4".to_string(), clash(0)),
            ]
        );
    }

    #[test]
    fn collisions_keep_identifiers_lint_clean() {
        let bases: Vec<String> = ["Employee4", "Employee4", "Self_", "Self_"]
            .map(String::from)
            .into();
        let out: Vec<String> = dedupe(bases, Case::Pascal)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(out, ["Employee4", "Employee4_2", "Self_", "Self2"]);
        let raw: Vec<String> = ["r#type", "r#type"].map(String::from).into();
        let out: Vec<String> = dedupe(raw, Case::Snake)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(out, ["r#type", "type_2"]);
    }
}

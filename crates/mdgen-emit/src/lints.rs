//! Clippy lints that generated names can trigger and renaming cannot avoid.

/// Whether clippy's `enum_variant_names` may fire on `enum_name` with `variants`: with three or
/// more variants, one starts or ends with the enum's name, or all share a first or last word.
/// Errs on the side of allowing. (Clippy skips exported enums, but the code may be `include!`d
/// into a private module.)
pub fn variant_names_may_repeat<'v>(
    enum_name: &str,
    variants: impl Iterator<Item = &'v str> + Clone,
) -> bool {
    if variants.clone().count() < 3 {
        return false;
    }
    // Clippy counts a variant named like the enum as ending with its name.
    let repeats_enum = variants
        .clone()
        .any(|v| v.starts_with(enum_name) || v.ends_with(enum_name));
    let multi_word = variants.clone().all(|v| camel_words(v).nth(1).is_some());
    let all_same = |pick: fn(&'v str) -> Option<&'v str>| {
        let mut picked = variants.clone().map(pick);
        let first = picked.next().flatten();
        picked.all(|p| p == first)
    };
    repeats_enum
        || multi_word
            && (all_same(|v| camel_words(v).next()) || all_same(|v| camel_words(v).last()))
}

/// `name` split before each uppercase letter.
fn camel_words(name: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = name;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_ascii_uppercase())
            .map_or(rest.len(), |(i, _)| i);
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may(enum_name: &str, variants: &[&str]) -> bool {
        variant_names_may_repeat(enum_name, variants.iter().copied())
    }

    #[test]
    fn detects_repeated_names() {
        assert!(may("Status", &["StatusActive", "Off", "Unknown"]));
        assert!(may("Status", &["Status", "Off", "Unknown"]));
        assert!(may("Mode", &["FastMode", "Off", "Unknown"]));
        assert!(may("X", &["FooBar", "FooBaz", "FooQux"]));
        assert!(may("Y", &["ArrayOfAny", "ArrayOfFoo", "ArrayOfX"]));
        assert!(may("Y", &["BigDog", "HotDog", "ADog"]));
    }

    #[test]
    fn leaves_ordinary_names_alone() {
        assert!(!may("Status", &["StatusActive", "Unknown"]));
        assert!(!may("Status", &["Active", "Inactive", "Unknown"]));
        assert!(!may("X", &["FooBar", "FooBaz", "Foo"]));
    }

    #[test]
    fn splits_camel_words() {
        let words = |name| camel_words(name).collect::<Vec<_>>();
        assert_eq!(words("ArrayOfAny"), ["Array", "Of", "Any"]);
        assert_eq!(words("Employee4"), ["Employee4"]);
        assert_eq!(words("_1080p"), ["_1080p"]);
        assert_eq!(words("ABc"), ["A", "Bc"]);
    }
}

//! Clippy lints that generated names can trigger and renaming cannot avoid.

/// Whether clippy's `enum_variant_names` may fire on `enum_name` with `variants`: with three or
/// more variants, one starts or ends with the enum's name, or all share a first or last word.
/// Errs on the side of allowing. (Clippy skips exported enums, but the code may be `include!`d
/// into a private module.)
pub fn variant_names_may_repeat(enum_name: &str, variants: &[String]) -> bool {
    if variants.len() < 3 {
        return false;
    }
    // Clippy counts a variant named like the enum as ending with its name.
    let repeats_enum = variants
        .iter()
        .any(|v| v.starts_with(enum_name) || v.ends_with(enum_name));
    let words: Vec<Vec<&str>> = variants.iter().map(|v| camel_words(v)).collect();
    let multi_word = words.iter().all(|w| w.len() > 1);
    let same = |pick: fn(&[&str]) -> String| words.windows(2).all(|p| pick(&p[0]) == pick(&p[1]));
    repeats_enum
        || multi_word && (same(|w| w[0].to_string()) || same(|w| w[w.len() - 1].to_string()))
}

/// `name` split before each uppercase letter.
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices() {
        if c.is_ascii_uppercase() && i > start {
            words.push(&name[start..i]);
            start = i;
        }
    }
    words.push(&name[start..]);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may(enum_name: &str, variants: &[&str]) -> bool {
        let variants: Vec<String> = variants.iter().map(|s| s.to_string()).collect();
        variant_names_may_repeat(enum_name, &variants)
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
        assert_eq!(camel_words("ArrayOfAny"), ["Array", "Of", "Any"]);
        assert_eq!(camel_words("Employee4"), ["Employee4"]);
        assert_eq!(camel_words("_1080p"), ["_1080p"]);
    }
}

//! Name helpers shared by every stage.

use heck::{ToKebabCase, ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The key names are matched by: lowercase ASCII letters and digits only, so that
/// `organizationId`, `organization_id` and `Organization-ID` are one name. Built byte by byte:
/// the bytes of characters beyond ASCII are never ASCII letters or digits.
pub fn normalize_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for b in name.bytes().filter(u8::is_ascii_alphanumeric) {
        key.push(char::from(b.to_ascii_lowercase()));
    }
    key
}

/// Calls `word` with each word of `name`, split where heck splits words: at every character
/// that is not an ASCII letter or digit, before an uppercase letter that follows a lowercase
/// one, and before the last of a run of capitals that a lowercase letter follows
/// (`HTTPServer`: `HTTP`, `Server`). heck's own conversion formats character by character and
/// cost a tenth of a run; the tests check this against it. Characters beyond ASCII separate
/// words here (heck keeps letters such as `é` in them).
fn for_each_word<'a>(name: &'a str, mut word: impl FnMut(&'a str)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = part.as_bytes();
        let (mut start, mut mode) = (0, Mode::Boundary);
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(&part[start..]);
                break;
            };
            let next_mode = match c {
                b'a'..=b'z' => Mode::Lower,
                b'A'..=b'Z' => Mode::Upper,
                _ => mode,
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                word(&part[start..=i]);
                (start, mode) = (i + 1, Mode::Boundary);
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&part[start..i]);
                (start, mode) = (i, Mode::Boundary);
            } else {
                mode = next_mode;
            }
        }
    }
}

/// The naming convention of an API's JSON keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum WireCase {
    /// Keys are the member names exactly as documented.
    #[serde(rename = "as-documented")]
    AsDocumented,
    #[serde(rename = "snake_case")]
    Snake,
    #[serde(rename = "camelCase")]
    Camel,
    #[serde(rename = "PascalCase")]
    Pascal,
    #[serde(rename = "kebab-case")]
    Kebab,
    #[serde(rename = "SCREAMING_SNAKE_CASE")]
    ScreamingSnake,
}

impl WireCase {
    /// Every case, in the order `--help` lists them.
    pub const ALL: [WireCase; 6] = [
        WireCase::AsDocumented,
        WireCase::Snake,
        WireCase::Camel,
        WireCase::Pascal,
        WireCase::Kebab,
        WireCase::ScreamingSnake,
    ];

    /// The spelling used in configuration files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            WireCase::AsDocumented => "as-documented",
            WireCase::Snake => "snake_case",
            WireCase::Camel => "camelCase",
            WireCase::Pascal => "PascalCase",
            WireCase::Kebab => "kebab-case",
            WireCase::ScreamingSnake => "SCREAMING_SNAKE_CASE",
        }
    }

    /// `name` converted to this case, as heck converts it.
    pub fn apply(self, name: &str) -> String {
        if name.is_ascii() {
            return self.join_words(name);
        }
        match self {
            WireCase::AsDocumented => name.to_string(),
            WireCase::Snake => name.to_snake_case(),
            WireCase::Camel => name.to_lower_camel_case(),
            WireCase::Pascal => name.to_upper_camel_case(),
            WireCase::Kebab => name.to_kebab_case(),
            WireCase::ScreamingSnake => name.to_shouty_snake_case(),
        }
    }
}

impl WireCase {
    /// The words of `name` (its ASCII letters and digits: any other character separates words)
    /// joined in this case: [`apply`](WireCase::apply) for an ASCII name, without heck's
    /// formatting machinery.
    pub fn join_words(self, name: &str) -> String {
        // The separator, and whether the first letter of the first word, of the other words and
        // the other letters are uppercase.
        let (sep, first_upper, others_upper, rest_upper) = match self {
            WireCase::AsDocumented => return name.to_string(),
            WireCase::Snake => ("_", false, false, false),
            WireCase::ScreamingSnake => ("_", true, true, true),
            WireCase::Kebab => ("-", false, false, false),
            WireCase::Pascal => ("", true, true, false),
            WireCase::Camel => ("", false, true, false),
        };
        let mut out = String::with_capacity(name.len() + 4);
        let mut first = true;
        // Words are ASCII letters and digits: each is copied whole and cased in place.
        for_each_word(name, |word| {
            if !first {
                out.push_str(sep);
            }
            let start = out.len();
            out.push_str(word);
            let word = &mut out[start..];
            if rest_upper {
                word.make_ascii_uppercase();
            } else {
                word.make_ascii_lowercase();
            }
            let upper = if first { first_upper } else { others_upper };
            if let Some(initial) = word.get_mut(..1).filter(|_| upper) {
                initial.make_ascii_uppercase();
            }
            first = false;
        });
        out
    }
}

impl fmt::Display for WireCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WireCase {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        WireCase::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                let all: Vec<_> = WireCase::ALL.iter().map(|c| c.as_str()).collect();
                format!(
                    "unknown wire case `{s}`; expected one of {}",
                    all.join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_and_separators() {
        assert_eq!(normalize_key("organizationId"), "organizationid");
        assert_eq!(normalize_key("organization_id"), "organizationid");
        assert_eq!(normalize_key("Organization-ID"), "organizationid");
        assert_eq!(normalize_key("Ünïcode_Näme 2"), "ncodenme2");
    }

    proptest::proptest! {
        /// ASCII names convert as heck converts them.
        #[test]
        fn ascii_cases_are_hecks(name in "[a-zA-Z0-9 _.:-]{0,24}") {
            use heck::{ToKebabCase, ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
            proptest::prop_assert_eq!(WireCase::Snake.apply(&name), name.to_snake_case());
            proptest::prop_assert_eq!(WireCase::Camel.apply(&name), name.to_lower_camel_case());
            proptest::prop_assert_eq!(WireCase::Pascal.apply(&name), name.to_upper_camel_case());
            proptest::prop_assert_eq!(WireCase::Kebab.apply(&name), name.to_kebab_case());
            proptest::prop_assert_eq!(
                WireCase::ScreamingSnake.apply(&name),
                name.to_shouty_snake_case()
            );
        }
    }

    #[test]
    fn cases_convert_and_parse() {
        assert_eq!(WireCase::Snake.apply("organizationId"), "organization_id");
        assert_eq!(WireCase::Camel.apply("origin_owner_id"), "originOwnerId");
        assert_eq!(WireCase::AsDocumented.apply("aB_c"), "aB_c");
        for c in WireCase::ALL {
            assert_eq!(c.as_str().parse::<WireCase>(), Ok(c));
        }
        assert!("snake"
            .parse::<WireCase>()
            .unwrap_err()
            .contains("snake_case"));
    }
}

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
pub fn for_each_word<'a>(name: &'a str, mut word: impl FnMut(&'a str)) {
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
    /// Whether `name` is written in this case already: `requestID` is camelCase as it is,
    /// though [`apply`](WireCase::apply) would make it `requestId`.
    pub fn follows(self, name: &str) -> bool {
        let b = name.as_bytes();
        let only = |ok: fn(&u8) -> bool| b.iter().all(ok);
        let initial = |ok: fn(&u8) -> bool| b.first().is_some_and(ok);
        match self {
            WireCase::AsDocumented => true,
            WireCase::Snake => only(|c| matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'_')),
            WireCase::Kebab => only(|c| matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'-')),
            WireCase::ScreamingSnake => only(|c| matches!(c, b'A'..=b'Z' | b'0'..=b'9' | b'_')),
            WireCase::Camel => initial(u8::is_ascii_lowercase) && only(u8::is_ascii_alphanumeric),
            WireCase::Pascal => initial(u8::is_ascii_uppercase) && only(u8::is_ascii_alphanumeric),
        }
    }

    /// The case a key of several words is written in (`account_id`: snake_case, `sourceID`:
    /// camelCase); `None` for a key of one word, which fits several, or of mixed cases.
    /// Only a key that reads like an identifier counts: each word starts with a letter, but
    /// for a last word of digits (`street_1`; not a UUID).
    pub fn of_key(key: &str) -> Option<WireCase> {
        let (mut words, mut last_digits, mut named) = (0, false, true);
        for_each_word(key, |w| {
            named &= !last_digits;
            words += 1;
            last_digits = !w.starts_with(|c: char| c.is_ascii_alphabetic());
            named &= !last_digits || w.bytes().all(|b| b.is_ascii_digit());
        });
        if words < 2 || !named {
            return None;
        }
        [
            WireCase::Snake,
            WireCase::Camel,
            WireCase::Kebab,
            WireCase::ScreamingSnake,
            WireCase::Pascal,
        ]
        .into_iter()
        .find(|c| c.follows(key))
    }

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
    fn keys_show_their_case() {
        let of = |k: &str| WireCase::of_key(k);
        assert_eq!(of("account_id"), Some(WireCase::Snake));
        assert_eq!(of("street_1"), Some(WireCase::Snake));
        assert_eq!(of("sourceID"), Some(WireCase::Camel));
        assert_eq!(of("SourceId"), Some(WireCase::Pascal));
        assert_eq!(of("x-request-id"), Some(WireCase::Kebab));
        assert_eq!(of("MAX_SIZE"), Some(WireCase::ScreamingSnake));
        assert_eq!(of("name"), None);
        assert_eq!(of("FEIN"), None);
        assert_eq!(of("foo_barBaz"), None);
        assert_eq!(of("b7a02f94-0ec9-4b1e"), None);
        assert_eq!(of("1_a"), None);
        assert!(WireCase::Camel.follows("requestID"));
        assert!(!WireCase::Camel.follows("request_id"));
        assert!(WireCase::Snake.follows("name"));
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

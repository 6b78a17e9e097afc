//! Name helpers shared by every stage.

use heck::{ToKebabCase, ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The key names are matched by: lowercase ASCII letters and digits only, so that
/// `organizationId`, `organization_id` and `Organization-ID` are one name.
pub fn normalize_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
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

    /// `name` converted to this case.
    pub fn apply(self, name: &str) -> String {
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

//! `#[serde(rename)]` and `#[serde(rename_all)]` decisions for struct fields.

/// One of serde's `rename_all` rules, applied the way serde applies it to a field name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    /// Every rule, in the order a container rule is preferred when several fit.
    pub const PREFERRED: [RenameRule; 8] = [
        RenameRule::Camel,
        RenameRule::Pascal,
        RenameRule::Kebab,
        RenameRule::ScreamingSnake,
        RenameRule::ScreamingKebab,
        RenameRule::Upper,
        RenameRule::Lower,
        RenameRule::Snake,
    ];

    /// The spelling serde expects in `rename_all = "..."`.
    pub fn as_str(self) -> &'static str {
        match self {
            RenameRule::Lower => "lowercase",
            RenameRule::Upper => "UPPERCASE",
            RenameRule::Pascal => "PascalCase",
            RenameRule::Camel => "camelCase",
            RenameRule::Snake => "snake_case",
            RenameRule::ScreamingSnake => "SCREAMING_SNAKE_CASE",
            RenameRule::Kebab => "kebab-case",
            RenameRule::ScreamingKebab => "SCREAMING-KEBAB-CASE",
        }
    }

    /// The wire name serde derives from the field identifier `field` (without `r#`).
    pub fn apply_to_field(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_string(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => pascal(field),
            RenameRule::Camel => {
                let pascal = pascal(field);
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => pascal,
                }
            }
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }
}

/// serde's PascalCase: drop each `_` and capitalize the character after it and the first one.
fn pascal(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            out.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// How the fields of one struct get their wire names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldRenames {
    /// Every identifier already is its wire name.
    None,
    /// One container rule maps every identifier to its wire name.
    All(RenameRule),
    /// Per field: `Some(wire)` where the identifier differs from it.
    Each(Vec<Option<String>>),
}

/// Decides the renames for fields given as `(identifier without r#, wire name)` pairs.
pub fn field_renames(fields: &[(&str, &str)]) -> FieldRenames {
    if fields.iter().all(|(ident, wire)| ident == wire) {
        return FieldRenames::None;
    }
    let fits = |rule: RenameRule| fields.iter().all(|(i, w)| rule.apply_to_field(i) == *w);
    if let Some(rule) = RenameRule::PREFERRED.into_iter().find(|&r| fits(r)) {
        return FieldRenames::All(rule);
    }
    FieldRenames::Each(
        fields
            .iter()
            .map(|(ident, wire)| (ident != wire).then(|| wire.to_string()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_serde() {
        use RenameRule::*;
        let cases = [
            (Lower, "outcome_id", "outcome_id"),
            (Upper, "outcome_id", "OUTCOME_ID"),
            (Pascal, "outcome_id", "OutcomeId"),
            (Camel, "outcome_id", "outcomeId"),
            (Snake, "outcome_id", "outcome_id"),
            (ScreamingSnake, "outcome_id", "OUTCOME_ID"),
            (Kebab, "outcome_id", "outcome-id"),
            (ScreamingKebab, "outcome_id", "OUTCOME-ID"),
            (Pascal, "_1st_place", "1stPlace"),
            (Camel, "a_b", "aB"),
            (Camel, "x", "x"),
            (Camel, "", ""),
            (Pascal, "self_", "Self"),
        ];
        for (rule, field, wire) in cases {
            assert_eq!(
                rule.apply_to_field(field),
                wire,
                "{} {field}",
                rule.as_str()
            );
        }
    }

    #[test]
    fn identical_names_need_nothing() {
        assert_eq!(
            field_renames(&[("id", "id"), ("name", "name")]),
            FieldRenames::None
        );
        assert_eq!(field_renames(&[]), FieldRenames::None);
    }

    #[test]
    fn a_covering_rule_wins_over_per_field_renames() {
        let fields = [
            ("id", "id"),
            ("created_at", "createdAt"),
            ("owner_id", "ownerId"),
        ];
        assert_eq!(field_renames(&fields), FieldRenames::All(RenameRule::Camel));
        assert_eq!(
            field_renames(&[("url", "URL")]),
            FieldRenames::All(RenameRule::ScreamingSnake)
        );
    }

    #[test]
    fn mixed_conventions_rename_each_field() {
        let fields = [
            ("id", "id"),
            ("created_at", "createdAt"),
            ("owner_id", "owner-id"),
        ];
        assert_eq!(
            field_renames(&fields),
            FieldRenames::Each(vec![
                None,
                Some("createdAt".into()),
                Some("owner-id".into())
            ])
        );
    }
}

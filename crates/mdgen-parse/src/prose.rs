//! What the free text of Example and Description cells says: example values, null, date
//! formats, deprecation.

/// The values an Example cell shows: one, or each of `**Example 1:** a<br/>**Example 2:** b`.
pub fn example_values(cell: &str) -> Vec<&str> {
    let label = |line: &str| -> Option<usize> {
        let rest = line.trim_start().strip_prefix("Example ")?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0 && rest[digits..].starts_with(':'))
            .then(|| line.len() - rest.len() + digits + 1)
    };
    let mut lines = cell.lines();
    match lines.next() {
        Some(first) if label(first).is_some() => cell
            .lines()
            .filter_map(|l| label(l).map(|at| l[at..].trim()))
            .collect(),
        _ => vec![cell.trim()],
    }
}

/// Whether a description says the value may be `null` ("may be null", "or null", "`null` if
/// ...", "Null when ...", "Set to null to clear", "Null means the default", "has a null value").
pub fn says_null(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '`')
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        let null = *w == "null" || *w == "`null`";
        let before = |n: usize| i.checked_sub(n).and_then(|j| words.get(j)).copied();
        let after = words.get(i + 1).copied();
        // "not null", "cannot be null", "must not be set to null"
        let negated =
            (1..=4).any(|n| matches!(before(n), Some("not" | "never" | "cannot" | "non")));
        null && !negated
            && (*w == "`null`"
                || before(1) == Some("or")
                || (before(1) == Some("be")
                    && matches!(before(2), Some("can" | "may" | "might" | "could" | "will")))
                || (before(1) == Some("be") && before(2) == Some("also"))
                || (before(1) == Some("to")
                    && matches!(before(2), Some("set" | "sets" | "setting" | "reset")))
                || matches!(
                    after,
                    Some("if" | "when" | "unless" | "means" | "value" | "indicates")
                ))
    })
}

/// Whether a description gives a date's format without a time: "(YYYY-MM-DD format)".
pub fn gives_date_format(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    lower.contains("yyyy-mm-dd") && !lower.contains("yyyy-mm-ddt") && !lower.contains("hh:mm")
}

/// Whether a description or value doc marks it deprecated.
pub fn says_deprecated(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("**deprecated**")
        || lower.starts_with(":warning: deprecated")
        || lower.starts_with("deprecated:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_and_null_phrases_are_read() {
        assert_eq!(example_values("x"), ["x"]);
        assert_eq!(
            example_values("Example 1: a\nExample 2: null"),
            ["a", "null"]
        );
        assert_eq!(example_values("{\n\"a\": 1\n}"), ["{\n\"a\": 1\n}"]);
        for yes in [
            "Can be null.",
            "`null` if unset",
            "A date, or null",
            "Null when absent",
            "It may also be null",
            "Set to `null` to clear the existing unit cost",
            "Setting to null means the API will not require authentication.",
            "If set to null, the header is omitted.",
            "The domain name. Null means default.",
            "Has a `null` value when the criteria has not yet been evaluated.",
        ] {
            assert!(says_null(yes), "{yes}");
        }
        for no in [
            "Never null.",
            "cannot be null",
            "must not be `null`",
            "Nullable types",
            "a null-terminated string",
            "A non-null value",
            "must not be set to null",
        ] {
            assert!(!says_null(no), "{no}");
        }
    }

    #[test]
    fn date_formats_without_a_time_are_dates() {
        assert!(gives_date_format("Start date (YYYY-MM-DD format)"));
        assert!(!gives_date_format("When (YYYY-MM-DDThh:mm:ssZ)"));
        assert!(!gives_date_format("A date"));
    }

    #[test]
    fn deprecation_marks_are_read() {
        assert!(says_deprecated("**Deprecated** use b"));
        assert!(says_deprecated("Deprecated: gone"));
        assert!(!says_deprecated("Not deprecated yet"));
    }
}

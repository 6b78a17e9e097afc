//! Member names and the JSON keys they come from. Each SDK's member name is a transform of
//! the key ([`NameStyle`]); this module runs it forward (does this name come from that key?)
//! and back (the key a name comes from, in a given convention).

use mdgen_ir::{for_each_word, normalize_key, NameStyle, WireCase};

/// The initialisms Speakeasy's Go generator writes in capitals (`ID`, `URL`, `HTTP`): golint's
/// list of common initialisms. Sorted, for a binary search.
const INITIALISMS: &[&str] = &[
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GID", "GUID", "HTML", "HTTP", "HTTPS",
    "ID", "IP", "JSON", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP",
    "TLS", "TTL", "UDP", "UI", "UID", "URI", "URL", "UTF8", "UUID", "VM", "XML", "XMPP", "XSRF",
    "XSS",
];

/// `name` without the trailing `_` that `style` adds to a keyword (`date_`, `Class_`); a
/// name ending in `__` (`__pydantic_extra__`) is not an escape.
pub fn unescape(style: NameStyle, name: &str) -> &str {
    let escapes = matches!(style, NameStyle::Snake | NameStyle::Camel { escapes: true });
    match name.strip_suffix('_') {
        Some(rest) if escapes && !rest.is_empty() && !rest.ends_with('_') => rest,
        _ => name,
    }
}

/// Whether `style` turns the key `key` into the member name `name`. Go and C# lose the case
/// of the key, so for them any key of the same letters and digits fits.
pub fn shows(style: NameStyle, key: &str, name: &str) -> bool {
    let name = unescape(style, name);
    match style {
        NameStyle::Verbatim => key == name,
        NameStyle::Camel { .. } => camel(key) == name,
        NameStyle::Snake => WireCase::Snake.apply(key) == name,
        NameStyle::Exported => normalize_key(key) == normalize_key(name),
    }
}

/// Whether names of `style` keep the case of the key's words (all but Go's and C#'s).
pub fn keeps_case(style: NameStyle) -> bool {
    style != NameStyle::Exported
}

/// The key the member name `name` of `style` comes from, when the API's keys follow `case`.
/// A name that follows `case` already is kept (`requestID` in camelCase); with no case known,
/// a name is its own key, but a Go or C# name is turned to camelCase. `as-documented` keeps
/// every name as it is.
pub fn key_of(style: NameStyle, name: &str, case: Option<WireCase>) -> String {
    if case == Some(WireCase::AsDocumented) {
        return name.to_string();
    }
    let name = unescape(style, name);
    if style == NameStyle::Exported {
        return case.unwrap_or(WireCase::Camel).apply(&exported_words(name));
    }
    match case {
        Some(c) if !c.follows(name) => c.apply(name),
        _ => name.to_string(),
    }
}

/// How TypeScript, Java and PHP spell a key: its first word in lowercase, each other word with
/// a capital initial and its other letters as they are (`request_id`, `requestID` →
/// `requestId`, `requestID`; `FEIN` → `fein`).
fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for_each_word(key, |word| {
        let start = out.len();
        out.push_str(word);
        if start == 0 {
            out.make_ascii_lowercase();
        } else if let Some(initial) = out.get_mut(start..start + 1) {
            initial.make_ascii_uppercase();
        }
    });
    out
}

/// The words of a Go or C# identifier separated by spaces, a run of capitals split into the
/// initialisms it is made of (`APIID` → `API ID`, `VCPU` → `V CPU`), and a capital after a
/// digit starting a word (`S3URI` → `S3 URI`).
fn exported_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for_each_word(name, |word| {
        let b = word.as_bytes();
        let mut start = 0;
        for i in 1..=b.len() {
            if i == b.len() || (b[i - 1].is_ascii_digit() && b[i].is_ascii_uppercase()) {
                push_exported(&word[start..i], &mut out);
                start = i;
            }
        }
    });
    out
}

/// Pushes `word` and a space, split into initialisms where it is a run of capitals.
fn push_exported(word: &str, out: &mut String) {
    let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
    let parts = match letters.bytes().all(|b| b.is_ascii_uppercase()) {
        true => initialisms(letters),
        false => None,
    };
    match parts {
        Some(parts) => {
            for p in parts {
                out.push_str(p);
                out.push(' ');
            }
            out.pop();
            out.push_str(&word[letters.len()..]);
        }
        None => out.push_str(word),
    }
    out.push(' ');
}

/// `run` (capitals) as the fewest initialisms and single letters it is made of, when at
/// least one initialism is among them; `None` when it is a word of its own (`HRIS`).
fn initialisms(run: &str) -> Option<Vec<&str>> {
    // best[i]: the fewest parts `run[..i]` splits into.
    let mut best: Vec<Option<Vec<&str>>> = vec![None; run.len() + 1];
    best[0] = Some(Vec::new());
    for end in 1..=run.len() {
        let mut found: Option<Vec<&str>> = None;
        for start in 0..end {
            let (Some(prefix), part) = (&best[start], &run[start..end]) else {
                continue;
            };
            let fits = part.len() == 1 || INITIALISMS.binary_search(&part).is_ok();
            if fits && found.as_ref().is_none_or(|f| prefix.len() + 1 < f.len()) {
                let mut parts = prefix.clone();
                parts.push(part);
                found = Some(parts);
            }
        }
        best[end] = found;
    }
    best.pop()
        .flatten()
        .filter(|parts| parts.len() > 1 && parts.iter().any(|p| p.len() > 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use NameStyle::*;

    #[test]
    fn initialisms_are_sorted() {
        assert!(INITIALISMS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn go_and_csharp_names_turn_back_into_keys() {
        let key = |name: &str, case| key_of(Exported, name, case);
        assert_eq!(key("Num1", None), "num1");
        assert_eq!(key("LoginURL", None), "loginUrl");
        assert_eq!(key("HTTPMeta", None), "httpMeta");
        assert_eq!(key("ID", None), "id");
        assert_eq!(key("APIID", Some(WireCase::Snake)), "api_id");
        assert_eq!(key("VCPU", Some(WireCase::Snake)), "v_cpu");
        assert_eq!(key("HRISDocument", Some(WireCase::Snake)), "hris_document");
        assert_eq!(key("PkceS256Required", None), "pkceS256Required");
        assert_eq!(key("Base64Decode", Some(WireCase::Snake)), "base64_decode");
        assert_eq!(
            key("VideoOutputS3URI", Some(WireCase::Snake)),
            "video_output_s3_uri"
        );
        assert_eq!(key("Bool", None), "bool");
    }

    #[test]
    fn keyword_escapes_are_removed_where_the_dialect_adds_them() {
        assert_eq!(key_of(Snake, "date_", None), "date");
        assert_eq!(key_of(Camel { escapes: true }, "private_", None), "private");
        assert_eq!(
            key_of(Camel { escapes: false }, "private_", None),
            "private_"
        );
        assert_eq!(
            key_of(Snake, "__pydantic_extra__", None),
            "__pydantic_extra__"
        );
        assert_eq!(
            key_of(Snake, "date_", Some(WireCase::AsDocumented)),
            "date_"
        );
    }

    #[test]
    fn a_name_in_the_case_stays() {
        let camel = Camel { escapes: false };
        assert_eq!(
            key_of(camel, "requestID", Some(WireCase::Camel)),
            "requestID"
        );
        assert_eq!(key_of(camel, "street1", Some(WireCase::Snake)), "street1");
        assert_eq!(
            key_of(camel, "postalCode", Some(WireCase::Snake)),
            "postal_code"
        );
        assert_eq!(
            key_of(Snake, "request_id", Some(WireCase::Camel)),
            "requestId"
        );
        assert_eq!(key_of(Snake, "request_id", None), "request_id");
    }

    #[test]
    fn each_style_shows_its_transform_of_a_key() {
        let camel = Camel { escapes: false };
        assert!(shows(camel, "requestID", "requestID"));
        assert!(!shows(camel, "requestId", "requestID"));
        assert!(shows(camel, "street_1", "street1"));
        assert!(shows(camel, "FEIN", "fein"));
        assert!(shows(
            Snake,
            "canonicalizingURLRegex",
            "canonicalizing_url_regex"
        ));
        assert!(shows(Snake, "date", "date_"));
        assert!(!shows(Snake, "street1", "street_1"));
        assert!(shows(Exported, "api_id", "APIID"));
        assert!(shows(Verbatim, "a_b", "a_b") && !shows(Verbatim, "aB", "a_b"));
    }
}

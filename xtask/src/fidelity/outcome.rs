//! What one run of `run.py --verbose` says: the score, the score by case kind, and each
//! failing case sorted into a group by what went wrong.

use serde_json::Value;
use std::collections::BTreeMap;

/// Why a case failed, as read from its `FAIL` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// serde's `missing field`: a key the type requires is not in the JSON.
    RequiredKeyNotFound,
    /// `unknown variant`: an enum value the type does not know.
    EnumValue,
    /// `invalid type: null`: a null where the type takes none.
    NullRejected,
    /// `invalid type: string/integer/...` or `invalid value`: a value of another type.
    Type,
    /// `data did not match any variant of untagged enum`.
    UnionVariant,
    /// A case with a required key left out was accepted.
    MissingNotRejected,
    /// No type of the schema's name was generated.
    NoType,
    /// The check of this case did not compile (the type lacks Deserialize, say).
    DoesNotCompile,
    /// Round trip: a key of the input is not in the output.
    KeyDropped,
    /// Round trip: the output has a key the input has not (renamed, or written though absent).
    KeyRenamedOrAdded,
    /// Round trip: the same keys, a number changed (precision lost).
    NumberChanged,
    /// Round trip: the same keys, another value changed.
    ValueChanged,
    /// Round trip: the output differs, but run.py printed only its first 300 characters and
    /// these show no key the input lacks.
    CutShort,
    /// Anything else (a panic, a serialization error, a case not in the cases file).
    Other,
}

impl Group {
    /// The group's name in the report.
    pub fn label(self) -> &'static str {
        match self {
            Group::RequiredKeyNotFound => "required key not found",
            Group::EnumValue => "enum value unknown",
            Group::NullRejected => "null rejected",
            Group::Type => "wrong type",
            Group::UnionVariant => "no union variant matched",
            Group::MissingNotRejected => "missing required key not rejected",
            Group::NoType => "no generated type",
            Group::DoesNotCompile => "does not compile",
            Group::KeyDropped => "round trip: key dropped",
            Group::KeyRenamedOrAdded => "round trip: key renamed or added",
            Group::NumberChanged => "round trip: number changed",
            Group::ValueChanged => "round trip: value changed",
            Group::CutShort => "round trip: differs past run.py's 300 chars",
            Group::Other => "other",
        }
    }
}

/// The score of one run and its failures by group.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    pub pass: usize,
    pub total: usize,
    /// Pass and total by case kind (`variant1`, `variant2` counted as `variant`).
    pub kinds: BTreeMap<String, (usize, usize)>,
    /// The `FAIL` lines (without `FAIL `), by group, in the order run.py printed them.
    pub failures: BTreeMap<Group, Vec<String>>,
    /// Why the whole run failed (the generator, or a crate that does not compile at all).
    pub broken: Option<String>,
}

/// The case JSON of the cases file, by schema and case name.
pub type Cases = BTreeMap<String, Vec<Value>>;

/// Reads run.py's output; `cases` (the cases file) lets a round-trip failure be told apart.
pub fn parse(stdout: &str, cases: &Cases) -> Outcome {
    let mut out = Outcome::default();
    for line in stdout.lines() {
        if let Some(fail) = line.strip_prefix("FAIL ") {
            out.failures
                .entry(classify(fail, cases))
                .or_default()
                .push(fail.to_string());
        } else if let Some(kinds) = line.strip_prefix("by case: ") {
            for item in kinds.split(", ") {
                if let Some((kind, (pass, total))) = item
                    .split_once(' ')
                    .and_then(|(k, score)| Some((k, fraction(score)?)))
                {
                    let kind = kind.trim_end_matches(|c: char| c.is_ascii_digit());
                    let entry = out.kinds.entry(kind.to_string()).or_default();
                    entry.0 += pass;
                    entry.1 += total;
                }
            }
        } else if let Some(rest) = line.strip_prefix("fidelity") {
            // `fidelity: 5/7 cases pass (71.4%)`, or `fidelity: <why>; score 0/7`
            let (_, rest) = rest.split_once(": ").unwrap_or(("", rest));
            if let Some((why, score)) = rest.rsplit_once("; score ") {
                out.broken = Some(why.to_string());
                (out.pass, out.total) = fraction(score).unwrap_or_default();
            } else if let Some(score) = rest.split(' ').next().and_then(fraction) {
                (out.pass, out.total) = score;
            }
        }
    }
    out
}

/// `5/7` as (5, 7).
fn fraction(s: &str) -> Option<(usize, usize)> {
    let (a, b) = s.trim().split_once('/')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The group of one `FAIL` line: `Schema/case [Type] expect E: RESULT`, or
/// `Schema/case: no generated type`.
pub fn classify(fail: &str, cases: &Cases) -> Group {
    if fail.ends_with(": no generated type") {
        return Group::NoType;
    }
    let Some((head, result)) = fail.split_once(": ") else {
        return Group::Other;
    };
    let expect = head.rsplit(' ').next().unwrap_or("");
    if result == "DOES NOT COMPILE" {
        return Group::DoesNotCompile;
    }
    if let Some(error) = result.strip_prefix("ERR ") {
        return serde_error(error);
    }
    match (expect, result.strip_prefix("OK ")) {
        ("reject", Some(_)) => Group::MissingNotRejected,
        ("roundtrip", Some(output)) => {
            let id = head.split(' ').next().unwrap_or("");
            match case_json(id, cases) {
                Some((input, ignored)) => round_trip(&input, output, &ignored),
                None => Group::Other,
            }
        }
        _ => Group::Other,
    }
}

/// The group of a serde_json error message.
fn serde_error(error: &str) -> Group {
    if error.starts_with("missing field") {
        Group::RequiredKeyNotFound
    } else if error.starts_with("unknown variant") {
        Group::EnumValue
    } else if error.starts_with("invalid type: null") {
        Group::NullRejected
    } else if error.starts_with("invalid type:") || error.starts_with("invalid value:") {
        Group::Type
    } else if error.starts_with("data did not match any variant of untagged enum") {
        Group::UnionVariant
    } else {
        Group::Other
    }
}

/// The JSON of case `Schema/case` and the keys run.py may have left out of it (a schema's
/// read-only and write-only properties, when it scores `X` and `XOutput` apart). A schema
/// `XOutput` missing from the file is run.py's copy of `X`.
fn case_json(id: &str, cases: &Cases) -> Option<(Value, Vec<String>)> {
    let (schema, case) = id.split_once('/')?;
    let list = cases
        .get(schema)
        .or_else(|| cases.get(schema.strip_suffix("Output")?))?;
    let c = list.iter().find(|c| c["case"] == case)?;
    let ignored = ["readOnly", "writeOnly"]
        .iter()
        .filter_map(|k| c[k].as_array())
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    Some((c["json"].clone(), ignored))
}

/// Why `output` (run.py's text, cut at 300 characters) is not `input` again. A top-level
/// key in `ignored` may be missing from the output on purpose.
fn round_trip(input: &Value, output: &str, ignored: &[String]) -> Group {
    match serde_json::from_str::<Value>(output) {
        Ok(output) => diff(input, &output, ignored).unwrap_or(Group::Other),
        // Cut short: only a key that the input has nowhere can be told.
        Err(_) => {
            let known = keys(input);
            if output_keys(output).iter().any(|k| !known.contains(k)) {
                Group::KeyRenamedOrAdded
            } else {
                Group::CutShort
            }
        }
    }
}

/// The first difference between `input` and `output`, keys before values.
fn diff(input: &Value, output: &Value, ignored: &[String]) -> Option<Group> {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            if b.keys().any(|k| !a.contains_key(k)) {
                return Some(Group::KeyRenamedOrAdded);
            }
            if a.keys().any(|k| !b.contains_key(k) && !ignored.contains(k)) {
                return Some(Group::KeyDropped);
            }
            let mut found = a
                .iter()
                .filter_map(|(k, v)| diff(v, b.get(k)?, &[]))
                .collect::<Vec<_>>();
            found.sort();
            found.into_iter().next()
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).filter_map(|(x, y)| diff(x, y, &[])).min()
        }
        (Value::Number(a), Value::Number(b)) => {
            // 42 and 42.0 are the same number; 2^53 + 1 and 2^53 (or 2^53 as a float) are not
            let same = a.as_f64() == b.as_f64() && integer(a) == integer(b);
            (!same).then_some(Group::NumberChanged)
        }
        _ => (input != output).then_some(Group::ValueChanged),
    }
}

/// The exact value of a number without a fraction; `None` for one with a fraction.
fn integer(n: &serde_json::Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
        .or_else(|| {
            let f = n.as_f64()?;
            (f.fract() == 0.0 && f.abs() < 1e30).then_some(f as i128)
        })
}

/// Every object key in `v`, at any depth.
fn keys(v: &Value) -> Vec<String> {
    match v {
        Value::Object(m) => m
            .iter()
            .flat_map(|(k, v)| std::iter::once(k.clone()).chain(keys(v)))
            .collect(),
        Value::Array(a) => a.iter().flat_map(keys).collect(),
        _ => Vec::new(),
    }
}

/// The object keys of a JSON text that may be cut short: every string followed by `:`.
fn output_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else { break };
        if chars.peek().map(|&(_, c)| c) == Some(':') {
            if let Ok(key) = serde_json::from_str::<String>(&text[start..=end]) {
                out.push(key);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cases() -> Cases {
        serde_json::from_value(json!({
            "Address": [
                {"case": "full", "json": {"id": "r1", "city": "x", "postal_code": "1", "n": 9007199254740993_u64},
                 "expect": "roundtrip", "readOnly": ["id"]},
                {"case": "nulls", "json": {"city": null, "postal_code": "1", "n": 1}, "expect": "roundtrip"},
                {"case": "precision", "json": {"city": "x", "postal_code": "1", "n": 9007199254740993_u64},
                 "expect": "roundtrip"},
            ],
        }))
        .unwrap()
    }

    #[test]
    fn serde_errors_name_their_group() {
        let c = Cases::new();
        let group = |line: &str| classify(line, &c);
        assert_eq!(
            group("A/minimal [A] expect roundtrip: ERR missing field `organizationId` at line 1 column 30"),
            Group::RequiredKeyNotFound
        );
        assert_eq!(
            group("A/full [A] expect roundtrip: ERR unknown variant `hris-legacy`, expected one of `hris`"),
            Group::EnumValue
        );
        assert_eq!(
            group("A/nulls [A] expect roundtrip: ERR invalid type: null, expected a string at line 1 column 9"),
            Group::NullRejected
        );
        assert_eq!(
            group("A/full [A] expect accept: ERR invalid type: floating point `1.5`, expected i64 at line 1"),
            Group::Type
        );
        assert_eq!(
            group("U/variant1 [U] expect roundtrip: ERR data did not match any variant of untagged enum U"),
            Group::UnionVariant
        );
        assert_eq!(
            group("A/missing:id [A] expect reject: OK {\"name\":\"x\"}"),
            Group::MissingNotRejected
        );
        assert_eq!(group("Gone/full: no generated type"), Group::NoType);
        assert_eq!(
            group("A/full [A] expect roundtrip: DOES NOT COMPILE"),
            Group::DoesNotCompile
        );
        assert_eq!(group("A/full [A] expect roundtrip: PANIC"), Group::Other);
        assert_eq!(
            group("A/full [A] expect roundtrip: ERR recursion limit exceeded"),
            Group::Other
        );
    }

    #[test]
    fn round_trips_are_compared_with_the_case_json() {
        let c = cases();
        // (case, output after `expect roundtrip: OK `, group)
        let table = [
            // a key renamed on the way out
            (
                "Address/full",
                r#"{"city":"x","postalCode":"1","n":9007199254740993}"#,
                Group::KeyRenamedOrAdded,
            ),
            // a null left out
            (
                "Address/nulls",
                r#"{"postal_code":"1","n":1}"#,
                Group::KeyDropped,
            ),
            // precision lost, as an integer or as a float; 1.0 for 1 is no change
            (
                "Address/precision",
                r#"{"city":"x","postal_code":"1","n":9007199254740992}"#,
                Group::NumberChanged,
            ),
            (
                "Address/precision",
                r#"{"city":"x","postal_code":"1","n":9007199254740992.0}"#,
                Group::NumberChanged,
            ),
            (
                "Address/nulls",
                r#"{"city":"y","postal_code":"1","n":1.0}"#,
                Group::ValueChanged,
            ),
            // the read-only `id`, which run.py leaves out of the input when it scores Address
            // and AddressOutput apart, is not a dropped key
            (
                "Address/full",
                r#"{"city":"x","postal_code":"1","n":9007199254740992}"#,
                Group::NumberChanged,
            ),
            // cut at 300 characters: only a key the input has nowhere tells
            ("Address/full", r#"{"city":"x","postalCo"#, Group::CutShort),
            (
                "Address/full",
                r#"{"city":"x","postalCode":"1","#,
                Group::KeyRenamedOrAdded,
            ),
            // a case the file does not have
            ("Other/full", "{}", Group::Other),
        ];
        for (id, output, group) in table {
            let line = format!("{id} [T] expect roundtrip: OK {output}");
            assert_eq!(classify(&line, &c), group, "{line}");
        }
    }

    #[test]
    fn a_run_is_read_into_scores_and_groups() {
        let stdout = "\
FAIL A/minimal [A] expect roundtrip: ERR missing field `b` at line 1 column 2
FAIL A/unknown-field [A] expect accept: ERR missing field `b` at line 1 column 9
FAIL U/variant2 [U] expect roundtrip: ERR data did not match any variant of untagged enum U
by case: full 3/3, minimal 1/2, unknown-field 0/1, variant1 1/1, variant2 0/1
not scored: 1 schema(s) whose same-named doc documents another shape
fidelity: 5/8 cases pass (62.5%)
";
        let o = parse(stdout, &Cases::new());
        assert_eq!((o.pass, o.total, o.broken), (5, 8, None));
        assert_eq!(o.kinds["variant"], (1, 2));
        assert_eq!(o.kinds["minimal"], (1, 2));
        assert_eq!(o.kinds.len(), 4);
        assert_eq!(o.failures[&Group::RequiredKeyNotFound].len(), 2);
        assert_eq!(
            o.failures[&Group::UnionVariant],
            ["U/variant2 [U] expect roundtrip: ERR data did not match any variant of untagged enum U"]
        );
    }

    #[test]
    fn a_broken_run_scores_zero_and_says_why() {
        let o = parse(
            "error: something\nfidelity: generator failed (exit 2); score 0/524\n",
            &Cases::new(),
        );
        assert_eq!(o.pass, 0);
        assert_eq!(o.total, 524);
        assert_eq!(o.broken.as_deref(), Some("generator failed (exit 2)"));
    }
}

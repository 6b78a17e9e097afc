//! What one run of `run.py --verbose` says: the score, the score by case kind, and each
//! failing case sorted into a group by what went wrong.

use super::tool_limits::ToolLimits;
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
    /// Round trip: the output differs, but only its first 300 characters (run.py's cut) are
    /// known and these show no key the input lacks.
    CutShort,
    /// Anything else (a panic, a serialization error, a case not in the cases file).
    Other,
    /// The case leaves out a key its spec requires (synth.py's `allOf` flattening).
    ToolLostRequired,
    /// The case sends `"anything"` for a schema without a `type` (synth.py).
    ToolAnything,
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
            Group::CutShort => "round trip: differs past the first 300 chars",
            Group::Other => "other",
            Group::ToolLostRequired => "tool: case lacks a key the spec requires",
            Group::ToolAnything => "tool: \"anything\" for a schema with no type",
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
    /// The `FAIL` lines (without `FAIL `, with the whole result where `full` has it and a
    /// round trip's first difference as `at /json/pointer`), by group, in run.py's order.
    pub failures: BTreeMap<Group, Vec<String>>,
    /// Why the whole run failed (the generator, or a crate that does not compile at all).
    pub broken: Option<String>,
}

/// The case JSON of the cases file, by schema and case name.
pub type Cases = BTreeMap<String, Vec<Value>>;

/// Each case's whole result (`OK {...}`, `ERR ...`) by case id (`Schema/case`), where the
/// run's test printed it uncut.
pub type Results = BTreeMap<String, String>;

/// Reads the `CASE id\tresult` lines of the generated crate's test.
pub fn results(test_stdout: &str) -> Results {
    test_stdout
        .split('\n') // not lines(): a JSON string may hold U+2028
        .filter_map(|l| l.strip_prefix("CASE ")?.split_once('\t'))
        .map(|(id, result)| (id.to_string(), result.trim_end_matches('\r').to_string()))
        .collect()
}

/// Reads run.py's output; `cases` (the cases file) lets a round-trip failure be told apart,
/// `full` puts back what run.py cut from a result, `limits` tells the failures the tools cause.
pub fn parse(stdout: &str, cases: &Cases, full: &Results, limits: &ToolLimits) -> Outcome {
    let mut out = Outcome::default();
    for line in stdout.lines() {
        if let Some(fail) = line.strip_prefix("FAIL ") {
            let fail = uncut(fail, full);
            let by_tool = fail.split_once(": ").and_then(|(head, result)| {
                let schema = head.split('/').next()?;
                limits.group(schema, result)
            });
            let (group, at) = by_tool.map_or_else(|| classify(&fail, cases), |g| (g, None));
            let fail = match (at, fail.split_once(": ")) {
                (Some(at), Some((head, result))) => format!("{head} at {at}: {result}"),
                _ => fail,
            };
            out.failures.entry(group).or_default().push(fail);
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

/// The length at which run.py cuts a result it prints.
const CUT_AT: usize = 300;

/// Whether run.py cut any result it printed (one of [`CUT_AT`] characters or more).
pub fn any_cut(stdout: &str) -> bool {
    let cut = |result: &str| result.chars().nth(CUT_AT - 1).is_some();
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("FAIL ")?.split_once(": "))
        .any(|(_, result)| cut(result))
}

/// `fail` with its result as `full` has it, when run.py printed only a prefix of that.
fn uncut(fail: &str, full: &Results) -> String {
    let whole = fail.split_once(": ").and_then(|(head, result)| {
        let id = head.split(' ').next()?;
        let whole = full.get(id)?;
        (whole.len() > result.len() && whole.starts_with(result))
            .then(|| format!("{head}: {whole}"))
    });
    whole.unwrap_or_else(|| fail.to_string())
}

/// `5/7` as (5, 7).
fn fraction(s: &str) -> Option<(usize, usize)> {
    let (a, b) = s.trim().split_once('/')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The group of one `FAIL` line (`Schema/case [Type] expect E: RESULT`, or
/// `Schema/case: no generated type`) and, for a round trip, where the output first differs (a
/// JSON pointer into the input).
pub fn classify(fail: &str, cases: &Cases) -> (Group, Option<String>) {
    if fail.ends_with(": no generated type") {
        return (Group::NoType, None);
    }
    let Some((head, result)) = fail.split_once(": ") else {
        return (Group::Other, None);
    };
    let expect = head.rsplit(' ').next().unwrap_or("");
    if result == "DOES NOT COMPILE" {
        return (Group::DoesNotCompile, None);
    }
    if let Some(error) = result.strip_prefix("ERR ") {
        return (serde_error(error), None);
    }
    match (expect, result.strip_prefix("OK ")) {
        ("reject", Some(_)) => (Group::MissingNotRejected, None),
        ("roundtrip", Some(output)) => {
            let id = head.split(' ').next().unwrap_or("");
            match case_json(id, cases) {
                Some((input, ignored)) => round_trip(&input, output, &ignored),
                None => (Group::Other, None),
            }
        }
        _ => (Group::Other, None),
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

/// Why `output` (the whole text, or run.py's first 300 characters of it) is not `input`
/// again, and where. A top-level key in `ignored` may be missing from the output on purpose.
fn round_trip(input: &Value, output: &str, ignored: &[String]) -> (Group, Option<String>) {
    match serde_json::from_str::<Value>(output) {
        Ok(output) => match diff(input, &output, ignored) {
            Some((group, at)) => (group, Some(if at.is_empty() { "/".into() } else { at })),
            None => (Group::Other, None),
        },
        // Cut short: only a key that the input has nowhere can be told.
        Err(_) => {
            let known = keys(input);
            match output_keys(output).into_iter().find(|k| !known.contains(k)) {
                Some(key) => (Group::KeyRenamedOrAdded, Some(format!("key {key}"))),
                None => (Group::CutShort, None),
            }
        }
    }
}

/// The first difference between `input` and `output`, keys before values, and its JSON
/// pointer (`/a/0/b`; the key itself for a key renamed, added or dropped).
fn diff(input: &Value, output: &Value, ignored: &[String]) -> Option<(Group, String)> {
    let step = |k: &str| format!("/{}", k.replace('~', "~0").replace('/', "~1"));
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            if let Some(k) = b.keys().find(|k| !a.contains_key(*k)) {
                return Some((Group::KeyRenamedOrAdded, step(k)));
            }
            if let Some(k) = a
                .keys()
                .find(|k| !b.contains_key(*k) && !ignored.contains(k))
            {
                return Some((Group::KeyDropped, step(k)));
            }
            let found = a.iter().filter_map(|(k, v)| {
                let (group, at) = diff(v, b.get(k)?, &[])?;
                Some((group, step(k) + &at))
            });
            found.min()
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            let found = a.iter().zip(b).enumerate().filter_map(|(i, (x, y))| {
                let (group, at) = diff(x, y, &[])?;
                Some((group, format!("/{i}{at}")))
            });
            found.min()
        }
        (Value::Number(a), Value::Number(b)) => {
            // 42 and 42.0 are the same number; 2^53 + 1 and 2^53 (or 2^53 as a float) are not
            let same = a.as_f64() == b.as_f64() && integer(a) == integer(b);
            (!same).then(|| (Group::NumberChanged, String::new()))
        }
        _ => (input != output).then(|| (Group::ValueChanged, String::new())),
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
        let group = |line: &str| classify(line, &c).0;
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
                Some("/postalCode"),
            ),
            // a null left out
            (
                "Address/nulls",
                r#"{"postal_code":"1","n":1}"#,
                Group::KeyDropped,
                Some("/city"),
            ),
            // precision lost, as an integer or as a float; 1.0 for 1 is no change
            (
                "Address/precision",
                r#"{"city":"x","postal_code":"1","n":9007199254740992}"#,
                Group::NumberChanged,
                Some("/n"),
            ),
            (
                "Address/precision",
                r#"{"city":"x","postal_code":"1","n":9007199254740992.0}"#,
                Group::NumberChanged,
                Some("/n"),
            ),
            (
                "Address/nulls",
                r#"{"city":"y","postal_code":"1","n":1.0}"#,
                Group::ValueChanged,
                Some("/city"),
            ),
            // the read-only `id`, which run.py leaves out of the input when it scores Address
            // and AddressOutput apart, is not a dropped key
            (
                "Address/full",
                r#"{"city":"x","postal_code":"1","n":9007199254740992}"#,
                Group::NumberChanged,
                Some("/n"),
            ),
            // cut at 300 characters: only a key the input has nowhere tells
            (
                "Address/full",
                r#"{"city":"x","postalCo"#,
                Group::CutShort,
                None,
            ),
            (
                "Address/full",
                r#"{"city":"x","postalCode":"1","#,
                Group::KeyRenamedOrAdded,
                Some("key postalCode"),
            ),
            // a case the file does not have
            ("Other/full", "{}", Group::Other, None),
        ];
        for (id, output, group, at) in table {
            let line = format!("{id} [T] expect roundtrip: OK {output}");
            let found = classify(&line, &c);
            assert_eq!((found.0, found.1.as_deref()), (group, at), "{line}");
        }
    }

    #[test]
    fn a_pointer_goes_through_arrays_and_escapes_keys() {
        let input = json!({"a/b": [{"x": 1}, {"x": 2, "y~": null}]});
        let output = json!({"a/b": [{"x": 1}, {"x": 2}]});
        assert_eq!(
            diff(&input, &output, &[]),
            Some((Group::KeyDropped, "/a~1b/1/y~0".to_string()))
        );
        assert_eq!(diff(&input, &input, &[]), None);
    }

    #[test]
    fn a_result_run_py_cut_is_put_back_from_the_test_output() {
        let full = results(
            "running 1 test\nCASE A/full\tOK {\"city\":\"x\",\"n\":2}\nCASE B/full\tERR no\n",
        );
        assert_eq!(full["B/full"], "ERR no");
        let cases = cases();
        let stdout = "FAIL Address/full [A] expect roundtrip: OK {\"city\":\"x\"\n";
        let mut full = full;
        full.insert(
            "Address/full".into(),
            r#"OK {"city":"x","postal_code":"2","n":9007199254740993}"#.into(),
        );
        let o = parse(stdout, &cases, &full, &ToolLimits::default());
        assert_eq!(
            o.failures[&Group::ValueChanged],
            [
                r#"Address/full [A] expect roundtrip at /postal_code: OK {"city":"x","postal_code":"2","n":9007199254740993}"#
            ]
        );
        assert!(!any_cut(stdout));
        let long = format!(
            "FAIL A/full [A] expect roundtrip: OK {{\"k\":\"{}\"",
            "x".repeat(300)
        );
        assert!(any_cut(&long));
        // a result that is not a continuation of the printed one is not taken
        assert_eq!(
            uncut("A/full [A] expect roundtrip: OK {\"z", &full),
            "A/full [A] expect roundtrip: OK {\"z"
        );
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
        let o = parse(
            stdout,
            &Cases::new(),
            &Results::new(),
            &ToolLimits::default(),
        );
        assert_eq!((o.pass, o.total, o.broken), (5, 8, None));
        assert_eq!(o.kinds["variant"], (1, 2));
        assert_eq!(o.kinds["minimal"], (1, 2));
        assert_eq!(o.kinds.len(), 4);
        assert_eq!(o.failures[&Group::RequiredKeyNotFound].len(), 2);
        assert_eq!(
            o.failures[&Group::UnionVariant],
            ["U/variant2 [U] expect roundtrip: ERR data did not match any variant of untagged enum U"]
        );
        // the same run where the tools are known to leave `b` out of the cases
        let limits = ToolLimits {
            lost_required: [("A".to_string(), ["b".to_string()].into())].into(),
        };
        let o = parse(stdout, &Cases::new(), &Results::new(), &limits);
        assert_eq!(o.failures[&Group::ToolLostRequired].len(), 2);
        assert!(!o.failures.contains_key(&Group::RequiredKeyNotFound));
    }

    #[test]
    fn a_broken_run_scores_zero_and_says_why() {
        let o = parse(
            "error: something\nfidelity: generator failed (exit 2); score 0/524\n",
            &Cases::new(),
            &Results::new(),
            &ToolLimits::default(),
        );
        assert_eq!(o.pass, 0);
        assert_eq!(o.total, 524);
        assert_eq!(o.broken.as_deref(), Some("generator failed (exit 2)"));
    }
}

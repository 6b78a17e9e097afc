//! Whether the numbers of a field travel as JSON numbers or as strings of their digits, from
//! the JSON the docs (Example cells) and the user (samples) show.

use mdgen_ir::{NumberForm, TypeRef};
use serde_json::Value;

/// The form the values of `value`, shown for a value of type `ty`, take: a string of digits
/// where `ty` (or the items of an array or map of it) is a number, or a JSON number. Strings
/// that are not numbers (an enum's, a placeholder) and other values say nothing.
pub fn of_value(ty: &TypeRef, value: &Value) -> NumberForm {
    match (ty, value) {
        (TypeRef::Array(item), Value::Array(items)) => items
            .iter()
            .fold(NumberForm::Unknown, |f, v| f.join(of_value(item, v))),
        (TypeRef::Map(item), Value::Object(entries)) => entries
            .values()
            .fold(NumberForm::Unknown, |f, v| f.join(of_value(item, v))),
        // One item of an array shown on its own.
        (TypeRef::Array(item), _) => of_value(item, value),
        (ty, Value::String(s)) if is_number(ty) && is_digits(s, ty) => NumberForm::String,
        (ty, Value::Number(_)) if is_number(ty) => NumberForm::Number,
        _ => NumberForm::Unknown,
    }
}

/// The form the values of an Example cell take (each of `**Example N:**`), for a field of type
/// `ty`: `"9223372036854775807"` is a string, `1234` a number. A value that is not JSON
/// (`ledger-1`) says nothing.
pub fn of_examples(ty: &TypeRef, examples: &[&str]) -> NumberForm {
    if ty.exact_number().is_none() && !is_number(ty) {
        return NumberForm::Unknown;
    }
    examples
        .iter()
        .filter_map(|e| serde_json::from_str::<Value>(e).ok())
        .fold(NumberForm::Unknown, |f, v| f.join(of_value(ty, &v)))
}

/// Whether values of `ty` are numbers.
fn is_number(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Int { .. }
            | TypeRef::BigInt
            | TypeRef::Decimal
            | TypeRef::Number
            | TypeRef::Float { .. }
    )
}

/// Whether `s` writes a number of type `ty`: `-12` for an integer, `12.50` or `1e3` for others.
fn is_digits(s: &str, ty: &TypeRef) -> bool {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let integer = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if matches!(ty, TypeRef::Int { .. } | TypeRef::BigInt) {
        return integer(unsigned);
    }
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            (whole.is_empty() || integer(whole)) && integer(fraction)
                || (integer(whole) && fraction.is_empty())
        }
        None => integer(mantissa),
    };
    mantissa_ok && exponent.is_none_or(integer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use NumberForm::*;

    #[test]
    fn quoted_digits_are_strings_and_bare_numbers_numbers() {
        let int = TypeRef::Int { bits: Some(64) };
        let form = |ty: &TypeRef, examples: &[&str]| of_examples(ty, examples);
        assert_eq!(form(&int, &["\"9223372036854775807\""]), String);
        assert_eq!(form(&int, &["1234"]), Number);
        assert_eq!(
            form(
                &TypeRef::BigInt,
                &["\"-340282366920938463463374607431768211457\""]
            ),
            String
        );
        assert_eq!(form(&TypeRef::Decimal, &["\"12.50\""]), String);
        assert_eq!(form(&TypeRef::Decimal, &["12.5"]), Number);
        // Not JSON, not a number, or not a number type: nothing.
        assert_eq!(form(&int, &["abc", "\"abc\""]), Unknown);
        assert_eq!(form(&int, &["\"12.5\""]), Unknown, "not an integer");
        assert_eq!(form(&TypeRef::String, &["\"12\""]), Unknown);
        assert_eq!(form(&int, &[]), Unknown);
        // One of several examples quoted is enough.
        assert_eq!(form(&int, &["12", "\"13\""]), String);
    }

    #[test]
    fn arrays_and_maps_are_read_item_by_item() {
        let map = TypeRef::Map(Box::new(TypeRef::BigInt));
        assert_eq!(
            of_examples(&map, &["{\n\"USD\": 100,\n\"EUR\": 12\n}"]),
            Number
        );
        assert_eq!(of_examples(&map, &["{\"USD\": \"100\"}"]), String);
        let list = TypeRef::Array(Box::new(TypeRef::Decimal));
        assert_eq!(of_value(&list, &json!(["0.10", "1e-3"])), String);
        assert_eq!(of_value(&list, &json!([0.1])), Number);
        assert_eq!(of_value(&list, &json!("7")), String, "one item on its own");
        assert_eq!(of_value(&list, &json!([])), Unknown);
    }

    #[test]
    fn decimal_strings_are_recognized() {
        let d = TypeRef::Decimal;
        for yes in ["1", "-1.5", "+0.25", ".5", "3.", "1e10", "2.5E-3"] {
            assert!(is_digits(yes, &d), "{yes}");
        }
        for no in ["", "-", ".", "1.2.3", "1e", "e5", "12a", "0x10", "NaN"] {
            assert!(!is_digits(no, &d), "{no}");
        }
    }
}

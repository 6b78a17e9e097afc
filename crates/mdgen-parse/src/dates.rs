//! Dates against date-times: what settles which one a notation means where it cannot say
//! (PHP writes `\DateTime` for both), or where two inputs disagree. Example cells show the
//! form the API sends.

use mdgen_ir::TypeRef;

/// `Date` for an example like `2020-01-01`, `DateTime` for `2020-01-01T10:00:00Z`; looks
/// inside a JSON array or string.
pub fn example_form(example: &str) -> Option<TypeRef> {
    match serde_json::from_str::<serde_json::Value>(example) {
        Ok(serde_json::Value::String(s)) => text_form(&s),
        Ok(serde_json::Value::Array(items)) => text_form(items.first()?.as_str()?),
        _ => text_form(example.trim()),
    }
}

/// `Date` for the text `2020-01-01`, `DateTime` for `2020-01-01T10:00:00Z`.
pub fn text_form(text: &str) -> Option<TypeRef> {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    match b.get(10) {
        None => Some(TypeRef::Date),
        Some(b'T' | b't' | b' ') => Some(TypeRef::DateTime),
        _ => None,
    }
}

/// The form all of `examples` show, when there are some and they agree.
pub fn examples_form(examples: &[&str]) -> Option<TypeRef> {
    let (first, rest) = examples.split_first()?;
    let form = example_form(first)?;
    let agree = rest.iter().all(|e| example_form(e).as_ref() == Some(&form));
    agree.then_some(form)
}

/// What an Example cell, a description giving a date's format, or a sample settles of a
/// type, `form` being what it shows: a date or date-time takes that form, and a date-time
/// notation shown with dates is a date. A date notation stays a date.
pub fn settle_shown(ty: TypeRef, form: &TypeRef) -> TypeRef {
    map_leaves(ty, &|t| match t {
        TypeRef::DateOrDateTime => form.clone(),
        TypeRef::DateTime if *form == TypeRef::Date => TypeRef::Date,
        t => t,
    })
}

/// Whether one type has a date where the other has a date-time.
pub fn disagree(a: &TypeRef, b: &TypeRef) -> bool {
    match (a, b) {
        (TypeRef::Date, TypeRef::DateTime) | (TypeRef::DateTime, TypeRef::Date) => true,
        (TypeRef::Array(x), TypeRef::Array(y)) | (TypeRef::Map(x), TypeRef::Map(y)) => {
            disagree(x, y)
        }
        _ => false,
    }
}

/// `ty`, fused from inputs that [`disagree`], with its date or date-time replaced by `form`.
pub fn settle_disagreement(ty: TypeRef, form: &TypeRef) -> TypeRef {
    map_leaves(ty, &|t| match t {
        TypeRef::Date | TypeRef::DateTime => form.clone(),
        t => t,
    })
}

/// `ty` with `f` applied to what its arrays and maps hold.
fn map_leaves(ty: TypeRef, f: &impl Fn(TypeRef) -> TypeRef) -> TypeRef {
    match ty {
        TypeRef::Array(x) => TypeRef::Array(Box::new(map_leaves(*x, f))),
        TypeRef::Map(x) => TypeRef::Map(Box::new(map_leaves(*x, f))),
        t => f(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TypeRef::*;

    #[test]
    fn examples_show_a_date_or_a_date_time() {
        assert_eq!(example_form("2020-01-01"), Some(Date));
        assert_eq!(example_form("\"2020-01-01T10:00:00Z\""), Some(DateTime));
        assert_eq!(example_form("[\"2020-01-01\"]"), Some(Date));
        assert_eq!(example_form("2020-1-01"), None);
        assert_eq!(example_form("2020-01-01x"), None);
        assert_eq!(example_form("hello"), None);
        assert_eq!(examples_form(&["2020-01-01", "2021-02-03"]), Some(Date));
        assert_eq!(examples_form(&["2020-01-01", "2021-02-03T00:00:00Z"]), None);
        assert_eq!(examples_form(&["2020-01-01", "null"]), None);
        assert_eq!(examples_form(&[]), None);
    }

    #[test]
    fn what_is_shown_settles_either_form_and_makes_date_times_dates_never_the_reverse() {
        let array = |t| Array(Box::new(Map(Box::new(t))));
        assert_eq!(settle_shown(DateOrDateTime, &Date), Date);
        assert_eq!(
            settle_shown(array(DateOrDateTime), &DateTime),
            array(DateTime)
        );
        assert_eq!(settle_shown(DateTime, &Date), Date);
        assert_eq!(settle_shown(Date, &DateTime), Date);
        assert_eq!(settle_shown(String, &Date), String);
    }

    #[test]
    fn a_disagreement_takes_the_form_shown() {
        assert!(disagree(&Array(Box::new(Date)), &Array(Box::new(DateTime))));
        assert!(!disagree(&DateOrDateTime, &Date));
        assert_eq!(settle_disagreement(Date, &DateTime), DateTime);
        assert_eq!(
            settle_disagreement(Map(Box::new(DateTime)), &Date),
            Map(Box::new(Date))
        );
    }
}

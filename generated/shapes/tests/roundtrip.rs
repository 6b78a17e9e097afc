//! The shapes the docs in `docs-input/shapes` imply, fed the JSON an API sends: each value must
//! deserialize, hold what was sent, and serialize back to the same JSON.

use serde_json::{json, Value};
use shapes::{
    Account, Active, Allowance, Created, DateOrDateTime, Deleted, Entry, Event, Filing, FilingWhen,
    Health, Invoice, Label, Ledger, Metadata, Meter, OperationsStatus, Payment, Period, Quota,
    Reading, Setting, Status, Transfer,
};

/// Deserializes `wire` as `T` and serializes it back, which must give `wire` again.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(wire: &Value) -> T {
    let text = wire.to_string();
    let value: T = serde_json::from_str(&text).expect("the wire JSON deserializes");
    let back: Value = serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
    assert_eq!(back, *wire);
    value
}

#[test]
fn a_free_form_object_keeps_every_key() {
    // `Metadata`'s Fields table is empty: any keys, any values.
    let wire = json!({"team": "core", "seats": 12, "tags": ["a"], "nested": {"x": null}});
    let m: Metadata = round_trip(&wire);
    assert_eq!(m["seats"], json!(12));
}

fn ledger() -> Value {
    json!({
        "id": 9007199254740993_u64,
        "status": "open",
        "metadata": {"team": "core"},
        "closed_at": "2024-01-31T10:00:00+02:00",
        "owner": "alice"
    })
}

#[test]
fn big_integers_stay_exact_and_nulls_round_trip() {
    let l: Ledger = round_trip(&ledger());
    assert_eq!(l.id.unwrap().as_u64(), Some(9007199254740993));
    // "may be null" in the description, and a `null` among the examples: null stays null.
    let mut wire = ledger();
    wire["closed_at"] = Value::Null;
    wire["owner"] = Value::Null;
    let l: Ledger = round_trip(&wire);
    assert_eq!((l.closed_at, l.owner), (Some(None), Some(None)));
    // Absent stays absent.
    let mut wire = ledger();
    wire.as_object_mut().unwrap().remove("closed_at");
    let l: Ledger = round_trip(&wire);
    assert_eq!(l.closed_at, None);
    // Negative ones too.
    let mut wire = ledger();
    wire["id"] = json!(-42);
    let l: Ledger = round_trip(&wire);
    assert_eq!(l.id.unwrap().as_i64(), Some(-42));
}

#[test]
fn descriptions_that_give_null_a_meaning_make_a_field_nullable() {
    // "Null means unlimited", "Set to `null` to unset", "Has a `null` value when ...".
    let wire = json!({"name": "runs", "limit": null, "ttl": null, "usage": null});
    let q: Allowance = round_trip(&wire);
    assert_eq!(
        (q.limit, q.ttl, q.usage),
        (Some(None), Some(None), Some(None))
    );
    // "Must not be set to null": an optional field that is absent or a value.
    let owner: Option<String> = q.owner;
    assert_eq!(owner, None);
}

#[test]
fn nullable_required_fields_take_null_but_not_absence() {
    // Python `Optional[T]` on a required row, and "or null" in a description.
    let wire = json!({"id": "inv_1", "paid_at": null, "note": null, "total": "12.50"});
    let i: Invoice = round_trip(&wire);
    assert_eq!((i.paid_at, i.note), (None, None));
    let missing = json!({"id": "inv_1", "note": null, "total": "12.50"});
    assert!(serde_json::from_value::<Invoice>(missing).is_err());
}

#[test]
fn decimals_are_exact() {
    let wire = json!({
        "id": "inv_1",
        "paid_at": "2024-01-31T10:00:00Z",
        "note": "late",
        "total": "12345678901234567890.125",
        "lines": ["0.10", "0.20"]
    });
    let i: Invoice = round_trip(&wire);
    assert_eq!(i.total.to_string(), "12345678901234567890.125");
    let sum: rust_decimal::Decimal = i.lines.unwrap().into_iter().sum();
    assert_eq!(sum.to_string(), "0.30");
}

#[test]
fn a_number_keeps_the_form_it_was_sent_in() {
    for value in [
        json!(42),
        json!(9007199254740993_u64),
        json!(1.5),
        json!(-7),
    ] {
        let wire = json!({"value": value});
        let r: Reading = round_trip(&wire);
        assert_eq!(r.value.to_string(), value.to_string());
    }
}

#[test]
fn a_tag_picks_the_union_member() {
    // Both members take `{"type": ..., "name": ...}` (their tags are open enums); the tag says
    // which one it is.
    let created = json!({"type": "created", "name": "l1"});
    assert!(matches!(
        round_trip::<Event>(&created),
        Event::Created(Created { .. })
    ));
    let deleted = json!({"type": "deleted", "name": "l1"});
    assert!(matches!(
        round_trip::<Event>(&deleted),
        Event::Deleted(Deleted { .. })
    ));
    // An unknown tag still reads, by the member that reproduces the value.
    let other = json!({"type": "renamed", "name": "l1", "reason": "x"});
    assert!(matches!(round_trip::<Event>(&other), Event::Deleted(_)));
}

#[test]
fn a_float_member_that_writes_1_as_1_0_still_reproduces_the_value() {
    // `Toggle` (more fields) is tried first and reads the value, dropping `level`; `Dial` reads
    // all of it and writes the `1` it read as `1.0`, the same number: `Dial` it is.
    let wire = json!({"name": "volume", "level": 1});
    let s: Setting = serde_json::from_value(wire).unwrap();
    let Setting::Dial(dial) = &s else {
        panic!("read as {s:?}")
    };
    assert_eq!(dial.level, Some(1.0));
    assert_eq!(
        serde_json::to_value(&s).unwrap(),
        json!({"name": "volume", "level": 1.0})
    );
    let toggle = json!({"name": "dark-mode", "enabled": true});
    assert!(matches!(round_trip::<Setting>(&toggle), Setting::Toggle(_)));
}

#[test]
fn same_named_models_in_sibling_folders_stay_apart() {
    // `components/status.md` is an enum, `operations/status.md` a struct; each link goes to
    // the one it points at.
    let wire = json!({
        "server": {"code": 200, "ledger": ledger()},
        "ledgers": ["open", "archived"],
        "events": [{"type": "created"}]
    });
    let h: Health = round_trip(&wire);
    assert_eq!(h.server.code, 200);
    assert_eq!(
        h.ledgers,
        [Status::StatusOpen, Status::Unknown("archived".into())]
    );
    // The SDK's `HTTPMeta` is not part of the JSON.
    let s: OperationsStatus = round_trip(&json!({"code": 503}));
    assert!(s.ledger.is_none());
}

#[test]
fn date_times_documented_as_dates_are_dates() {
    // PHP `\DateTime` with a date-only example, and one described as YYYY-MM-DD.
    let wire = json!({
        "start": "2024-01-01",
        "end": "2024-03-31",
        "closed_at": "2024-04-01T00:00:00Z",
        "label": null
    });
    let p: Period = round_trip(&wire);
    assert_eq!(p.end.to_string(), "2024-03-31");
    assert_eq!(p.label, Some(None));
    let timed = json!({"start": "2024-01-01T00:00:00Z", "end": "2024-03-31"});
    assert!(serde_json::from_value::<Period>(timed).is_err());
}

#[test]
fn dates_the_docs_cannot_tell_from_date_times_take_either_and_keep_its_form() {
    // PHP `\DateTime` and nothing to say which: each value goes back in the form it came in,
    // as a field, nullable, in an array, in a map and in a union.
    let wire = json!({
        "filed_on": "2024-01-31",
        "due_on": "2024-02-29T17:30:00+02:00",
        "reminders": ["2024-02-01", "2024-02-15T09:00:00Z"],
        "deadlines": {"vat": "2024-03-31"},
        "when": "2024-04-01"
    });
    let f: Filing = round_trip(&wire);
    let day = |m, d| DateOrDateTime::Date(chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap());
    assert_eq!(f.filed_on, day(1, 31));
    let Some(Some(DateOrDateTime::DateTime(due))) = f.due_on else {
        panic!("{:?}", f.due_on)
    };
    assert_eq!(due.offset().local_minus_utc(), 2 * 3600);
    assert_eq!(f.when, Some(Some(FilingWhen::DateTime(day(4, 1)))));
    let f: Filing = round_trip(&json!({"filed_on": "2024-01-31T00:00:00Z", "due_on": null}));
    assert!(matches!(f.filed_on, DateOrDateTime::DateTime(_)));
    assert_eq!(f.due_on, Some(None));
    // A string that is no date is the union's string member; a field that must be a date
    // rejects it.
    let f: Filing = round_trip(&json!({"filed_on": "2024-01-31", "when": "end of Q1"}));
    assert_eq!(f.when, Some(Some(FilingWhen::String("end of Q1".into()))));
    assert!(serde_json::from_value::<Filing>(json!({"filed_on": "soon"})).is_err());
    assert!(serde_json::from_value::<Filing>(json!({"filed_on": "2024-02-30"})).is_err());
}

#[test]
fn enum_values_that_read_as_json_take_both_forms() {
    // `true` in a Values table: the API may send `"true"` or `true`; each comes back as sent.
    let mut wire = ledger();
    wire["active"] = json!("true");
    assert_eq!(round_trip::<Ledger>(&wire).active, Some(Active::ActiveTrue));
    wire["active"] = json!(false);
    assert_eq!(
        round_trip::<Ledger>(&wire).active,
        Some(Active::Unknown(json!(false)))
    );
}

fn account() -> Value {
    json!({
        "sequence": "9223372036854775807",
        "balance": "340282366920938463463374607431768211456",
        "limit": "100",
        "fee": "0.25",
        "holds": {"USD": "100", "EUR": "-12"}
    })
}

#[test]
fn numbers_whose_examples_are_quoted_are_sent_as_strings_exactly() {
    // Go: `int64`, `*big.Int` beyond 128 bits, `*int64` (optional, may be null), a decimal and
    // a map of `*big.Int`, each with a quoted example.
    let a: Account = round_trip(&account());
    assert_eq!(a.sequence, i64::MAX);
    let balance = a.balance.unwrap();
    assert_eq!(
        balance.to_string(),
        "340282366920938463463374607431768211456"
    );
    assert_eq!(a.limit, Some(Some(100)));
    assert_eq!(a.holds.unwrap()["EUR"], num_bigint::BigInt::from(-12));
    // Absent, null and a value stay apart through the string form.
    let mut wire = account();
    wire["limit"] = Value::Null;
    assert_eq!(round_trip::<Account>(&wire).limit, Some(None));
    wire.as_object_mut().unwrap().remove("limit");
    assert_eq!(round_trip::<Account>(&wire).limit, None);
    // The API sends strings: a bare number is not what it sends.
    let mut bare = account();
    bare["sequence"] = json!(1);
    assert!(serde_json::from_value::<Account>(bare).is_err());
    // Python: `int` with a quoted example; a `Decimal` with one is the decimal's own form.
    let wire = json!({"id": "9007199254740993", "amount": 1, "balance": "1000.00"});
    let p: Payment = round_trip(&wire);
    assert_eq!(p.id, 9007199254740993);
    assert_eq!(p.balance.unwrap().to_string(), "1000.00");
}

#[test]
fn decimals_whose_examples_are_numbers_are_sent_as_numbers() {
    // Python `Decimal` with a bare example: written back as a number, not a string.
    let wire = json!({"id": "1", "amount": 12.5, "fees": [0.1, 0.2], "refund": 1.25});
    let p: Payment = round_trip(&wire);
    assert_eq!(p.amount.to_string(), "12.5");
    let fees: rust_decimal::Decimal = p.fees.unwrap().into_iter().sum();
    assert_eq!(fees.to_string(), "0.3");
    assert_eq!(p.refund.unwrap().unwrap().to_string(), "1.25");
    // `OptionalNullable[Decimal]`: null and absent stay apart.
    let null = json!({"id": "1", "amount": 1, "refund": null});
    assert_eq!(round_trip::<Payment>(&null).refund, Some(None));
    assert_eq!(
        round_trip::<Payment>(&json!({"id": "1", "amount": 1})).refund,
        None
    );
    // Each number comes back as it was written.
    let beyond_u64: Value = serde_json::from_str("12345678901234567890123").unwrap();
    for amount in [json!(1), json!(1.0), json!(-0.001), json!(1e21), beyond_u64] {
        round_trip::<Payment>(&json!({"id": "1", "amount": amount}));
    }
    // Sent as numbers: a string is not what the API sends.
    assert!(serde_json::from_value::<Payment>(json!({"id": "1", "amount": "1"})).is_err());
}

#[test]
fn a_string_in_one_sdk_and_a_number_in_another_is_a_number_sent_as_a_string() {
    // TypeScript `string`, Go `int64` and `*big.Int`; TypeScript's `bigint` with a quoted
    // example.
    let wire = json!({
        "id": "42",
        "amount": "123456789012345678901234567890",
        "supply": "-123456789012345678901234567890"
    });
    let t: Transfer = round_trip(&wire);
    assert_eq!(t.id, 42);
    assert_eq!(
        t.supply.unwrap().to_string(),
        "-123456789012345678901234567890"
    );
}

#[test]
fn a_sample_settles_how_numbers_are_sent() {
    // `docs-input/shapes-samples/meter.json` sends both as strings; the docs show one bare.
    let wire = json!({"reading": "42", "total": "123456789012345678901234567890"});
    let m: Meter = round_trip(&wire);
    assert_eq!(m.reading, 42);
    let number = json!({"reading": "42", "total": 1234});
    assert!(serde_json::from_value::<Meter>(number).is_err());
}

#[test]
fn union_members_read_numbers_sent_as_strings() {
    assert!(matches!(round_trip::<Entry>(&account()), Entry::Account(_)));
    let transfer = json!({"id": "7", "amount": "8"});
    assert!(matches!(round_trip::<Entry>(&transfer), Entry::Transfer(_)));
}

#[test]
fn a_union_of_a_type_and_null_is_an_option() {
    let wire = json!({
        "limit": null,
        "soft": null,
        "label": null,
        "labels": ["a", 1, null],
        "limits": {"x": null, "y": 2.5}
    });
    let q: Quota = round_trip(&wire);
    assert_eq!((q.limit, q.soft, q.label), (None, Some(None), Some(None)));
    assert_eq!(
        q.labels,
        [
            Some(Label::String("a".into())),
            Some(Label::Number(1.into())),
            None
        ]
    );
    let wire = json!({"limit": 5, "soft": 3, "label": "x", "labels": []});
    let q: Quota = round_trip(&wire);
    assert_eq!(q.limit.map(|n| n.to_string()).as_deref(), Some("5"));
    assert_eq!(q.soft, Some(Some(3.into())));
    // Required, even if it may be null.
    assert!(serde_json::from_value::<Quota>(json!({"labels": []})).is_err());
}

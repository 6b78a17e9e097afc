//! The shapes the docs in `docs-input/shapes` imply, fed the JSON an API sends: each value must
//! deserialize, hold what was sent, and serialize back to the same JSON.

use serde_json::{json, Value};
use shapes::{
    Active, Created, Deleted, Event, Health, Invoice, Ledger, Metadata, OperationsStatus, Period,
    Quota, Reading, Setting, Status,
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
    let q: Quota = round_trip(&wire);
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

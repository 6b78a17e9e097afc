//! Models and members named like keywords, std items and each other still compile, and keep
//! their JSON keys.

use hygiene::{
    Box as BoxModel, Option as OptionModel, Result as ResultModel, String as StringModel,
    Vec as VecModel,
};
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(wire: &Value) -> T {
    let value: T = serde_json::from_value(wire.clone()).expect("deserializes");
    assert_eq!(&serde_json::to_value(&value).expect("serializes"), wire);
    value
}

#[test]
fn keyword_symbol_and_colliding_members_keep_their_keys() {
    let wire = json!({
        "type": "t", "match": true, "self": "s", "Self": "S", "crate": "c",
        "fooBar": 1.5, "foo_bar": 2.5, "123abc": "d", "$ref": "r", "@@@": "x",
        "result": "a_b",
        "strings": [{"value": "v", "vec": "plain"}, {"value": "w", "vec": {"aVeryLongMemberNameThatGoesOnAndOnAndOnBecauseSomeGeneratorsConcatenateEveryParentSchemaName": "l"}}],
        "boxed": {"aVeryLongMemberNameThatGoesOnAndOnAndOnBecauseSomeGeneratorsConcatenateEveryParentSchemaName": "b", "default": "d"},
        "next": {"type": "inner", "next": {"type": "innermost"}}
    });
    let o: OptionModel = round_trip(&wire);
    assert_eq!(
        (o.r#type.as_str(), o.self_.as_deref(), o.self_2.as_deref()),
        ("t", Some("s"), Some("S"))
    );
    // TypeScript `number`: kept as sent.
    let number = |n: Option<serde_json::Number>| n.and_then(|n| n.as_f64());
    assert_eq!(
        (number(o.foo_bar), number(o.foo_bar_2)),
        (Some(1.5), Some(2.5))
    );
    assert_eq!(
        (o._123abc.as_deref(), o.r#ref.as_deref(), o.field.as_deref()),
        (Some("d"), Some("r"), Some("x"))
    );
    assert_eq!(o.result, Some(ResultModel::AB2));
    let strings: &[StringModel] = o.strings.as_deref().unwrap_or_default();
    assert_eq!(strings[0].vec, Some(VecModel::String("plain".into())));
    assert!(matches!(
        &strings[1].vec,
        Some(VecModel::Box(BoxModel { .. }))
    ));
    let next = o
        .next
        .as_ref()
        .and_then(|n| n.next.as_ref())
        .map(|n| n.r#type.as_str());
    assert_eq!(next, Some("innermost"));
}

#[test]
fn enum_values_that_collide_or_are_empty_stay_apart() {
    let values: Vec<ResultModel> = round_trip(&json!(["a-b", "a_b", "unknown", "", "Ok", "new"]));
    assert_eq!(
        values,
        [
            ResultModel::AB,
            ResultModel::AB2,
            ResultModel::Unknown,
            ResultModel::Empty,
            ResultModel::Ok,
            ResultModel::UnknownValue("new".into()),
        ]
    );
}

#[test]
fn models_named_like_keywords_std_items_digits_or_symbols_work_together() {
    use hygiene::{
        _123go, BTreeMap as BTreeMapModel, Crate, DateTime as DateTimeModel,
        Default as DefaultModel, Model, Self_, Serialize as SerializeModel, Some as SomeModel,
        Type, Value as ValueModel, WeirdValues,
    };
    let inner =
        json!({"id": "i", "when": "2024-02-29T10:00:00+02:00", "meta": {"k": [1, "two", null]}});
    let wire = json!({
        "id": "t", "when": "2000-01-01T00:00:00Z", "meta": {},
        "m_self": inner, "m_crate": inner, "m_digits": inner, "m_default": inner,
        "m_serialize": inner, "m_value": inner, "m_hashmap": inner, "m_some": inner,
        "m_datetime": inner,
        "values": ["1", "+", "-", "self", "Self", "🦀", "a b", "A_B", "null", "new"]
    });
    let t: Type = round_trip(&wire);
    let self_: &Self_ = t.m_self.as_ref().unwrap();
    let when = self_.when.map(|d| d.to_rfc3339());
    assert_eq!(when.as_deref(), Some("2024-02-29T10:00:00+02:00"));
    let _: (&Crate, &_123go, &DefaultModel, &SerializeModel, &ValueModel) = (
        t.m_crate.as_ref().unwrap(),
        t.m_digits.as_ref().unwrap(),
        t.m_default.as_ref().unwrap(),
        t.m_serialize.as_ref().unwrap(),
        t.m_value.as_ref().unwrap(),
    );
    let _: (&BTreeMapModel, &SomeModel, &DateTimeModel) = (
        t.m_hashmap.as_ref().unwrap(),
        t.m_some.as_ref().unwrap(),
        t.m_datetime.as_ref().unwrap(),
    );
    assert_eq!(
        t.values.unwrap(),
        [
            WeirdValues::_1,
            WeirdValues::Value,
            WeirdValues::Value2,
            WeirdValues::Self_,
            WeirdValues::Self2,
            WeirdValues::Value4,
            WeirdValues::AB,
            WeirdValues::AB2,
            WeirdValues::Null,
            WeirdValues::Unknown("new".into()),
        ]
    );
    // A model named only with symbols still is one.
    let m: Model = round_trip(&json!({"id": "@"}));
    assert_eq!(m.id, "@");
}

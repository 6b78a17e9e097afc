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
    assert_eq!((o.foo_bar, o.foo_bar_2), (Some(1.5), Some(2.5)));
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

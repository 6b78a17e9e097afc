//! Real wire JSON for the seed models: snake_case keys, enum values the seeds never list,
//! nulls, absent optional fields and unknown keys. What the API sends must deserialize, and
//! serialize back to the same JSON.

use serde_json::{json, Value};
use stackone_seeds::{
    ConnectSessionToken, ConnectSessionTokenAuthLink, ConnectSessionTokenAuthLinkCategories,
    ConnectSessionTokenAuthLinkType,
};

/// Deserializes `wire` as `T` and serializes it back.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(wire: &Value) -> (T, Value) {
    let value: T = serde_json::from_value(wire.clone()).expect("the wire JSON deserializes");
    let back = serde_json::to_value(&value).expect("the value serializes");
    (value, back)
}

fn auth_link() -> Value {
    json!({
        "id": 4148.57,
        "organization_id": 3605.45,
        "project_id": "proj_1",
        "categories": ["ats", "hris-legacy", "scheduling", "stackone"],
        "provider": null,
        "origin_owner_id": "owner_1",
        "origin_owner_name": "Acme",
        "origin_username": "jdoe",
        "account_id": null,
        "created_at": "2025-02-13T09:44:27.866Z",
        "metadata": {"plan": "pro", "seats": 12},
        "external_trigger_token": "f0bc3d88-2178-5423-8c81-b81d6c9da824",
        "type": "production",
        "token": "tok_1",
        "auth_link_url": "https://rapid-league.info/"
    })
}

#[test]
fn auth_link_round_trips_with_values_no_seed_lists() {
    let wire = auth_link();
    let (link, back) = round_trip::<ConnectSessionTokenAuthLink>(&wire);
    assert_eq!(back, wire);
    // "ats" is documented; "hris-legacy" and "scheduling" are not (the Example cells say
    // "hrisLegacy" and nothing of scheduling) and are kept as they came.
    assert_eq!(
        link.categories,
        Some(vec![
            ConnectSessionTokenAuthLinkCategories::Ats,
            ConnectSessionTokenAuthLinkCategories::Unknown("hris-legacy".into()),
            ConnectSessionTokenAuthLinkCategories::Unknown("scheduling".into()),
            ConnectSessionTokenAuthLinkCategories::Unknown("stackone".into()),
        ])
    );
    assert_eq!(
        link.r#type,
        Some(Some(ConnectSessionTokenAuthLinkType::Unknown(
            "production".into()
        )))
    );
    // Optional and nullable: null and absent stay apart.
    assert_eq!(link.provider, Some(None));
    assert_eq!(link.label, None);
    assert_eq!(link.origin_username, Some(Some("jdoe".into())));
}

#[test]
fn absent_optional_fields_stay_absent() {
    let wire = json!({
        "id": 1.5,
        "organization_id": 2.5,
        "project_id": "p",
        "origin_owner_id": "o",
        "origin_owner_name": "n",
        "created_at": "2024-02-06T18:51:30.654+02:00",
        "token": "t",
        "auth_link_url": "https://example.com/"
    });
    let (link, back) = round_trip::<ConnectSessionTokenAuthLink>(&wire);
    assert_eq!(back, wire);
    assert_eq!(
        (link.provider, link.categories, link.metadata),
        (None, None, None)
    );
    // The offset the API sent is kept.
    assert_eq!(link.created_at.offset().local_minus_utc(), 2 * 3600);
}

#[test]
fn unknown_keys_are_accepted() {
    let mut wire = auth_link();
    wire["integration_id"] = json!("int_1");
    wire["something_new"] = json!({"nested": [1, 2]});
    let (_, back) = round_trip::<ConnectSessionTokenAuthLink>(&wire);
    // Every documented key comes back as it was; the undocumented ones are not kept.
    assert_eq!(back, auth_link());
}

#[test]
fn a_missing_required_field_is_rejected() {
    for key in ["token", "created_at", "id"] {
        let mut wire = auth_link();
        wire.as_object_mut().unwrap().remove(key);
        let err = serde_json::from_value::<ConnectSessionTokenAuthLink>(wire).unwrap_err();
        assert!(
            err.to_string().contains(&format!("missing field `{key}`")),
            "{err}"
        );
    }
}

#[test]
fn a_wrongly_typed_or_camel_case_payload_is_rejected() {
    let mut wire = auth_link();
    wire["token"] = json!(42);
    assert!(serde_json::from_value::<ConnectSessionTokenAuthLink>(wire).is_err());
    // camelCase is how the PHP and TypeScript SDKs name members, not how the API sends keys.
    let camel = json!({
        "id": 1.0, "organizationId": 2.0, "projectId": "p", "originOwnerId": "o",
        "originOwnerName": "n", "createdAt": "2024-02-06T18:51:30Z", "token": "t",
        "authLinkUrl": "https://example.com/"
    });
    assert!(serde_json::from_value::<ConnectSessionTokenAuthLink>(camel).is_err());
}

#[test]
fn session_token_round_trips() {
    let wire = json!({
        "id": 3277.2,
        "organization_id": 7567.79,
        "project_id": "proj_2",
        "origin_owner_id": "owner_2",
        "origin_owner_name": "Globex",
        "created_at": "2024-02-06T18:51:30.654Z",
        "token": "tok_2",
        "categories": ["hris-legacy", "ats", "scheduling", "fileStorage"],
        "provider": "workday",
        "origin_username": null,
        "label": "Globex prod"
    });
    let (token, back) = round_trip::<ConnectSessionToken>(&wire);
    assert_eq!(back, wire);
    assert_eq!(token.provider, Some(Some("workday".into())));
    assert_eq!(token.origin_username, Some(None));
    assert_eq!(token.account_id, None);

    let mut missing = wire.clone();
    missing.as_object_mut().unwrap().remove("project_id");
    let err = serde_json::from_value::<ConnectSessionToken>(missing).unwrap_err();
    assert!(
        err.to_string().contains("missing field `project_id`"),
        "{err}"
    );
}

#[test]
fn whole_number_floats_come_back_as_the_same_number() {
    // The docs type `id` as float in every dialect, so 42 comes back as 42.0: the same JSON
    // number, spelled differently.
    let mut wire = auth_link();
    wire["id"] = json!(42);
    let (link, back) = round_trip::<ConnectSessionTokenAuthLink>(&wire);
    assert_eq!(link.id, 42.0);
    assert_eq!(back["id"].as_f64(), Some(42.0));
}

//! The generated types against real-shaped JSON with snake_case keys.

use mdgen_build_rs_demo::models::ConnectSessionToken;
use serde_json::json;

fn token_json() -> serde_json::Value {
    json!({
        "id": 42.0,
        "organization_id": 7.0,
        "project_id": "proj-1",
        "origin_owner_id": "owner-1",
        "origin_owner_name": "Acme",
        "origin_username": null,
        "created_at": "2024-05-01T12:30:00+02:00",
        "token": "tok_abc",
        "categories": ["ats", "hris", "brand_new_category"],
        "provider": "workday",
        "unknown_extra_key": true
    })
}

#[test]
fn deserializes_snake_case_json() {
    let token: ConnectSessionToken = serde_json::from_value(token_json()).unwrap();
    assert_eq!(token.token, "tok_abc");
    assert_eq!(token.project_id, "proj-1");
    assert_eq!(token.origin_owner_name, "Acme");
    assert_eq!(token.created_at.to_rfc3339(), "2024-05-01T12:30:00+02:00");
    assert_eq!(token.id, 42.0);
}

#[test]
fn serializes_back_to_the_same_keys() {
    let token: ConnectSessionToken = serde_json::from_value(token_json()).unwrap();
    let back = serde_json::to_value(&token).unwrap();
    let mut expected = token_json();
    expected
        .as_object_mut()
        .unwrap()
        .remove("unknown_extra_key");
    for (key, value) in expected.as_object().unwrap() {
        assert_eq!(back.get(key), Some(value), "key {key}: {back:#}");
    }
}

#[test]
fn camel_case_keys_are_not_the_wire_format() {
    let camel = json!({
        "id": 1, "organizationId": 2, "projectId": "p", "originOwnerId": "o",
        "originOwnerName": "n", "createdAt": "2024-05-01T12:30:00Z", "token": "t"
    });
    assert!(serde_json::from_value::<ConnectSessionToken>(camel).is_err());
}

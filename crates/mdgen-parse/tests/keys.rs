//! JSON keys: each rule on small docs of the dialects concerned. A key is recovered from the
//! evidence (samples, Example cells, the names of several dialects together, a convention),
//! never taken from one language's identifier as it is.

use mdgen_ir::{Diagnostic, Schema, TypeDef, TypeName, WireBasis, WireCase};
use mdgen_parse::{parse, InputFile, Options, Parsed, Sample};

const HEAD: &str =
    "| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n";

/// A doc of `lang` (its code block names the dialect) for model `name` with `rows`, each
/// `(member, type cell, example)`.
fn doc(path: &str, lang: &str, name: &str, rows: &[(&str, &str, &str)]) -> InputFile {
    let mut text = format!("# {name}\n\n```{lang}\nx\n```\n\n## Fields\n\n{HEAD}");
    for (member, ty, example) in rows {
        text += &format!("| `{member}` | {ty} | :heavy_minus_sign: | N/A | {example} |\n");
    }
    InputFile {
        path: path.into(),
        bytes: text.into_bytes(),
    }
}

fn run(files: &[InputFile], case: Option<WireCase>) -> Parsed {
    let options = Options {
        wire_case: case,
        ..Options::default()
    };
    parse(files, &options)
}

/// The keys of `model`'s fields, and why each is what it is.
fn keys(schema: &Schema, model: &str) -> Vec<(String, WireBasis)> {
    let Some(TypeDef::Struct(s)) = schema.types.get(&TypeName(model.into())) else {
        panic!("no struct {model}")
    };
    let wire = s.fields.iter().map(|f| (f.wire.name.clone(), f.wire.basis));
    wire.collect()
}

fn kinds(p: &Parsed) -> Vec<&str> {
    p.diagnostics.iter().map(|d| d.kind.as_str()).collect()
}

fn find<'p>(p: &'p Parsed, kind: &str) -> &'p Diagnostic {
    let found = p.diagnostics.iter().find(|d| d.kind == kind);
    found.unwrap_or_else(|| panic!("no {kind} in {:?}", kinds(p)))
}

fn go(name: &str, rows: &[(&str, &str)]) -> InputFile {
    let rows: Vec<_> = rows.iter().map(|(m, t)| (*m, *t, "")).collect();
    doc(&format!("go/{name}.md"), "go", name, &rows)
}

#[test]
fn go_names_are_turned_back_into_keys_and_the_guess_is_said_once() {
    let files = [
        go(
            "Login",
            &[
                ("Num1", "`*int64`"),
                ("LoginURL", "`string`"),
                ("APIID", "`string`"),
            ],
        ),
        go("Other", &[("UserID", "`string`"), ("Bool", "`bool`")]),
    ];
    let p = run(&files, None);
    let assumed = |k: &str| (k.to_string(), WireBasis::Assumed);
    assert_eq!(
        keys(&p.schema, "Login"),
        [assumed("num1"), assumed("loginUrl"), assumed("apiId")]
    );
    assert_eq!(
        keys(&p.schema, "Other"),
        [assumed("userId"), assumed("bool")]
    );
    // One warning for the run, counting the keys of several words.
    assert_eq!(kinds(&p), ["assumed-wire-name"]);
    let message = &find(&p, "assumed-wire-name").message;
    assert!(
        message.contains(": 3 key(s) of several words are guessed"),
        "{message}"
    );
    assert!(message.contains("`--wire-case`") && message.contains("`--sample"));

    let p = run(&files, Some(WireCase::Snake));
    let case = |k: &str| (k.to_string(), WireBasis::Case);
    assert_eq!(
        keys(&p.schema, "Login"),
        [case("num1"), case("login_url"), case("api_id")]
    );
    assert!(kinds(&p).is_empty(), "{:?}", kinds(&p));
}

#[test]
fn csharp_names_are_turned_back_like_go_names() {
    let cs = doc(
        "cs/Person.md",
        "csharp",
        "Person",
        &[("FirstName", "*string*", ""), ("Id", "*string*", "")],
    );
    let p = run(&[cs], Some(WireCase::Snake));
    let names: Vec<_> = keys(&p.schema, "Person").into_iter().map(|k| k.0).collect();
    assert_eq!(names, ["first_name", "id"]);
}

#[test]
fn keyword_escapes_are_removed_where_the_dialect_adds_them() {
    let py = doc(
        "py/Filing.md",
        "python",
        "Filing",
        &[("date_", "*str*", ""), ("filter_", "*str*", "")],
    );
    let java = doc(
        "java/Pkg.md",
        "java",
        "Pkg",
        &[("private_", "*String*", "")],
    );
    let ts = doc(
        "ts/Raw.md",
        "typescript",
        "Raw",
        &[("private_", "*string*", "")],
    );
    let p = run(&[py, java, ts], Some(WireCase::Snake));
    let names = |m: &str| -> Vec<String> { keys(&p.schema, m).into_iter().map(|k| k.0).collect() };
    assert_eq!(names("Filing"), ["date", "filter"]);
    assert_eq!(names("Pkg"), ["private"]);
    // TypeScript adds no escape: its `_` is the key's.
    assert_eq!(names("Raw"), ["private_"]);
}

#[test]
fn fusion_takes_the_key_every_input_agrees_with_and_pins_the_convention() {
    let gd = go(
        "Address",
        &[
            ("Street1", "`string`"),
            ("RequestID", "`string`"),
            ("Bool", "`bool`"),
        ],
    );
    let mut files = address_docs();
    files.push(gd);
    let p = run(&files, None);
    let names: Vec<_> = keys(&p.schema, "Address")
        .into_iter()
        .map(|k| k.0)
        .collect();
    // `street1` cannot be Python's `street_1`; `requestId` cannot be TypeScript's
    // `requestID`; Go's `Bool` never beats the others' `bool`.
    assert_eq!(names, ["street_1", "requestID", "bool"]);
    // `street_1` (snake_case) against `requestID` (camelCase): a tie decides nothing.
    assert_eq!(
        keys(&p.schema, "Other"),
        [("postalCode".to_string(), WireBasis::Assumed)]
    );

    // With the case given, the names still agree on `requestID` and `street_1`.
    let p = run(&address_docs(), Some(WireCase::Snake));
    let names: Vec<_> = keys(&p.schema, "Address")
        .into_iter()
        .map(|k| k.0)
        .collect();
    assert_eq!(names, ["street_1", "requestID", "bool"]);
    assert_eq!(keys(&p.schema, "Other")[0].0, "postal_code");
}

/// `Address` in TypeScript and Python, and `Other`, seen only in TypeScript.
fn address_docs() -> Vec<InputFile> {
    let ts = doc(
        "ts/Address.md",
        "typescript",
        "Address",
        &[
            ("street1", "*string*", ""),
            ("requestID", "*string*", ""),
            ("bool", "*boolean*", ""),
        ],
    );
    let py = doc(
        "py/Address.md",
        "python",
        "Address",
        &[
            ("street_1", "*str*", ""),
            ("request_id", "*str*", ""),
            ("bool", "*bool*", ""),
        ],
    );
    let other = doc(
        "ts/Other.md",
        "typescript",
        "Other",
        &[("postalCode", "*string*", "")],
    );
    vec![ts, py, other]
}

#[test]
fn every_example_cell_shows_keys_and_a_majority_decides_the_convention() {
    let many =
        r#"{"account_id": 1, "created_at": 2, "owner_name": 3, "is_open": 5, "sourceID": 4}"#;
    let files = [
        // A string field's example holding JSON: counted in the vote.
        doc("ts/Event.md", "typescript", "Event", &[("payload", "*string*", many), ("eventType", "*string*", "")]),
        // Several examples in one cell, for a model's field: its keys, and its own vote.
        doc(
            "ts/Holder.md",
            "typescript",
            "Holder",
            &[("format", "[models.Format](Format.md)", "**Example 1:** {<br/>\"typeName\": \"text\"<br/>}<br/>**Example 2:** {<br/>\"jsonSchema\": {}<br/>}")],
        ),
        doc("ts/Format.md", "typescript", "Format", &[("typeName", "*string*", ""), ("jsonSchema", "*any*", ""), ("maxSize", "*number*", "")]),
    ];
    let p = run(&files, None);
    // Four snake_case keys against one camelCase `sourceID` and Format's two: snake_case.
    assert_eq!(
        keys(&p.schema, "Event"),
        [
            ("payload".to_string(), WireBasis::Convention),
            ("event_type".to_string(), WireBasis::Convention)
        ]
    );
    // Format's own keys are camelCase: its other fields follow them.
    let ex = |k: &str| (k.to_string(), WireBasis::Example);
    assert_eq!(
        keys(&p.schema, "Format"),
        [
            ex("typeName"),
            ex("jsonSchema"),
            ("maxSize".to_string(), WireBasis::Convention)
        ]
    );
    let note = &find(&p, "wire-convention").message;
    assert!(
        note.contains("snake_case, the case most keys seen follow (7 multi-word keys: 4 snake_case, 3 camelCase); 1 model(s) follow the case of their own keys"),
        "{note}"
    );
}

fn sample(model: &str, json: &str) -> Sample {
    Sample {
        model: model.into(),
        file: format!("samples/{model}.json").into(),
        value: serde_json::from_str(json).unwrap(),
    }
}

#[test]
fn samples_settle_keys_nullability_and_integers_of_nested_models() {
    let files = [
        go(
            "Account",
            &[
                ("AccountID", "`string`"),
                ("Balance", "`float64`"),
                ("Owner", "[*components.Owner](owner.md)"),
            ],
        ),
        doc(
            "ts/Owner.md",
            "typescript",
            "Owner",
            &[("fullName", "*string*", ""), ("age", "*number*", "")],
        ),
    ];
    let options = Options {
        wire_case: Some(WireCase::Camel),
        samples: vec![sample(
            "account",
            r#"{"account_ID": "a", "balance": 1.5, "owner": [{"full_name": null, "age": 40, "nickname": "x"}]}"#,
        )],
        ..Options::default()
    };
    let p = parse(&files, &options);
    let s = |k: &str| (k.to_string(), WireBasis::Sample);
    assert_eq!(
        keys(&p.schema, "Account"),
        [s("account_ID"), s("balance"), s("owner")]
    );
    assert_eq!(keys(&p.schema, "Owner"), [s("full_name"), s("age")]);
    let Some(TypeDef::Struct(owner)) = p.schema.types.get(&TypeName("Owner".into())) else {
        panic!()
    };
    assert!(owner.fields[0].nullable.is_yes(), "a null was seen");
    assert_eq!(owner.fields[1].ty, mdgen_ir::TypeRef::Int { bits: None });
    // The key no documented field has is named, with the file.
    assert_eq!(kinds(&p), ["sample-key"]);
    let d = find(&p, "sample-key");
    assert_eq!(d.file, std::path::Path::new("samples/account.json"));
    assert!(d.message.contains("`nickname` in `Owner`"), "{}", d.message);
}

#[test]
fn a_sample_of_a_model_no_doc_defines_is_reported() {
    let files = [go("Account", &[("AccountID", "`string`")])];
    let options = Options {
        wire_case: Some(WireCase::Snake),
        samples: vec![sample("Nope", "{}")],
        ..Options::default()
    };
    let p = parse(&files, &options);
    assert_eq!(kinds(&p), ["unknown-model"]);
    assert!(find(&p, "unknown-model").message.contains("`Nope`"));
}

/// A TypeScript doc whose rows are `(member, type cell, description, example)`.
fn described(name: &str, rows: &[(&str, &str, &str, &str)]) -> InputFile {
    let mut text = format!("# {name}\n\n```typescript\nx\n```\n\n## Fields\n\n{HEAD}");
    for (member, ty, description, example) in rows {
        text +=
            &format!("| `{member}` | {ty} | :heavy_minus_sign: | {description} | {example} |\n");
    }
    InputFile {
        path: format!("ts/{name}.md").into(),
        bytes: text.into_bytes(),
    }
}

#[test]
fn keys_the_prose_names_decide_the_convention_where_no_json_shows_one() {
    let tax = described(
        "Tax",
        &[
            ("jurisdictionType", "*string*", "N/A", ""),
            (
                "name",
                "*string*",
                "Deprecated: use `jurisdiction_type` instead",
                "",
            ),
            // English with dashes is no key, nor a word no field has
            (
                "taxExempt",
                "*boolean*",
                "Whether the item is tax-exempt; see is_exempt_now",
                "",
            ),
        ],
    );
    let list = described(
        "ListRequest",
        &[(
            "orderBy",
            "*string*",
            "Fields to sort by",
            "created_at,postal_code",
        )],
    );
    let address = described(
        "Address",
        &[
            ("postalCode", "*string*", "N/A", ""),
            ("createdAt", "*string*", "N/A", ""),
        ],
    );
    let p = run(&[tax.clone(), list.clone(), address.clone()], None);
    let conv = |k: &str| (k.to_string(), WireBasis::Convention);
    assert_eq!(
        keys(&p.schema, "Tax"),
        [conv("jurisdiction_type"), conv("name"), conv("tax_exempt")]
    );
    assert_eq!(keys(&p.schema, "ListRequest"), [conv("order_by")]);
    assert!(!kinds(&p).contains(&"assumed-wire-name"), "{:?}", kinds(&p));
    let note = &find(&p, "wire-convention").message;
    assert!(note.contains("(3 multi-word keys: 3 snake_case)"), "{note}");

    // Keys a JSON example shows outweigh any number of words in prose: they do not vote.
    let holder = described(
        "Holder",
        &[(
            "address",
            "[Address](Address.md)",
            "N/A",
            r#"{"postalCode": "1", "createdAt": "x"}"#,
        )],
    );
    let p = run(&[tax, list, address, holder], None);
    assert_eq!(
        keys(&p.schema, "Tax"),
        [conv("jurisdictionType"), conv("name"), conv("taxExempt")]
    );
    let note = &find(&p, "wire-convention").message;
    assert!(note.contains("(2 multi-word keys: 2 camelCase)"), "{note}");
}

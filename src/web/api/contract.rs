//! The OpenAPI document as served: what the annotations say, made exact where they cannot say
//! it — the codes each parameter and field accepts (from the domain's own lists, so the document
//! cannot drift from the parser), the bounds of numbers and texts, no unknown fields in bodies,
//! `date-time` in RFC 3339, and every status an operation can answer (rate limits and bad tokens
//! included). A contract test (schemathesis, `scripts/schemathesis`) holds the API to it.

use serde_json::{Map, Value, json};

use crate::domain::{ContactVisibility, IpStatus, ListingKind, OrgKind, Province, Sector, TransferMode};

fn codes<T>(all: &[T], code: impl Fn(&T) -> &'static str) -> Value {
    Value::Array(all.iter().map(|x| Value::String(code(x).to_string())).collect())
}

/// The closed vocabularies by the name of the parameter or field that takes them.
fn vocabulary(name: &str) -> Option<Value> {
    Some(match name {
        "sector" => codes(Sector::ALL, |x| x.code()),
        "province" => codes(Province::ALL, |x| x.code()),
        "kind" => codes(ListingKind::ALL, |x| x.code()),
        "ip_status" => codes(IpStatus::ALL, |x| x.code()),
        "transfer_mode" | "transfer_modes" => codes(TransferMode::ALL, |x| x.code()),
        "org_kind" => codes(OrgKind::ALL, |x| x.code()),
        "contact_visibility" => codes(ContactVisibility::ALL, |x| x.code()),
        _ => return None,
    })
}

/// A query text the API refuses beyond: one line, at most 1000 characters.
const SINGLE_LINE: &str = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";

/// A text field of a body. Its limits are stated in words, not as schema keywords: the text
/// rule trims, composes and removes invisible characters before it counts, which a schema cannot
/// say, so a text the rule refuses is answered 422 with the field named.
fn text(max: usize, multi_line: bool) -> Value {
    let lines = if multi_line { "tab and line breaks allowed" } else { "one line" };
    json!({ "type": "string", "description": format!("At most {max} characters once trimmed; {lines}; no other control characters.") })
}

fn integer(min: i64, max: i64) -> Value {
    json!({ "type": "integer", "minimum": min, "maximum": max })
}

/// The schema of a query parameter of `path`, when the annotations do not give it exactly.
fn parameter_schema(path: &str, name: &str) -> Option<Value> {
    let search = path == "/api/v1/search";
    Some(match name {
        // The search facets repeat (`sector=energy&sector=it`).
        _ if search && vocabulary(name).is_some() => {
            json!({ "type": "array", "items": { "type": "string", "enum": vocabulary(name)? } })
        }
        _ if vocabulary(name).is_some() => json!({ "type": "string", "enum": vocabulary(name)? }),
        "page" if search => integer(1, 1000),
        "page" => integer(1, 100_000),
        "per_page" => integer(1, 100),
        "limit" => integer(1, 1000),
        "trl_min" | "trl_max" => integer(1, 9),
        "price_min" | "price_max" => integer(0, i64::MAX),
        "sort" => json!({ "type": "string", "enum": ["relevance", "newest", "deadline"] }),
        "since" => json!({ "type": "string", "format": "date-time" }),
        "q" => json!({ "type": "string", "maxLength": 1000, "pattern": SINGLE_LINE }),
        _ => return None,
    })
}

/// Exact field schemas of the input bodies, by component and field.
fn field_schema(component: &str, field: &str) -> Option<Value> {
    let nullable = |v: Value| json!({ "oneOf": [v, { "type": "null" }] });
    let amount = || {
        json!({
            "type": "object", "additionalProperties": false,
            "properties": {
                "min": nullable(integer(0, i64::MAX)),
                "max": nullable(integer(0, i64::MAX)),
            }
        })
    };
    let listing = matches!(component, "OfferInput" | "NeedInput");
    Some(match field {
        // An organisation's kind, not a listing's.
        "kind" if component == "OrganisationPatch" => json!({ "type": "string", "enum": vocabulary("org_kind")? }),
        "version" if listing => integer(1, i64::from(i32::MAX)),
        "title" if listing => {
            json!({ "type": "string", "description": "5 to 300 characters once trimmed; one line." })
        }
        "summary" | "summary_en" => text(crate::domain::SUMMARY_MAX_CHARS, true),
        "title_en" => text(300, false),
        "description" if listing => text(crate::services::listings::input::TEXT_MAX, true),
        "problem" => text(crate::services::listings::input::TEXT_MAX, true),
        "advantages" | "applications" | "tried" | "desired_outcome" => text(5000, true),
        "ip_number" => text(100, false),
        "message" if matches!(component, "InterestInput" | "AnswerInput") => {
            text(crate::services::interests::MESSAGE_MAX, true)
        }
        "keywords" => json!({
            "type": "array",
            "items": { "type": "string" },
            "description": format!("At most {} distinct keywords of at most 60 characters.", crate::domain::Keywords::MAX)
        }),
        "trl" | "min_trl" => nullable(integer(1, 9)),
        "price" | "budget" => amount(),
        "deadline" => nullable(json!({ "type": "string", "format": "date" })),
        "transfer_modes" => {
            json!({ "type": "array", "uniqueItems": true, "items": { "type": "string", "enum": vocabulary(field)? } })
        }
        _ if vocabulary(field).is_some() => json!({ "type": "string", "enum": vocabulary(field)? }),
        _ => return None,
    })
}

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
    })
}

/// Adds the statuses an operation can answer besides its own: bad parameters or bodies (400),
/// bad or missing tokens (401; any request may carry one), others' records (403), unknown ids
/// (404), stale versions or states (409), refused fields (422) and rate limits (429).
fn add_responses(method: &str, path: &str, op: &mut Map<String, Value>) {
    let secured = op.get("security").is_some();
    let has_body = op.get("requestBody").is_some();
    let has_id = path.contains('{');
    let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else { return };
    let mut add = |code: &str, text: &str| {
        responses.entry(code.to_string()).or_insert_with(|| problem(text));
    };
    add("400", "A parameter or the body is malformed; `param` names it");
    add("401", "The bearer token is missing (where one is required), unknown or revoked");
    add("429", "Too many requests with this token, or too many bad tokens from this address; see Retry-After");
    if secured {
        add("403", "The token's organisation may not do this");
    }
    if has_id {
        add("404", "No such record (or not visible to this token)");
    }
    if secured && method != "get" && has_id {
        add("409", "The record changed since it was read, or its state does not allow this");
    }
    if has_body {
        add("422", "Fields refused by rules a schema cannot state (a range's order, …); `errors` lists them");
    }
}

fn fix_parameters(path: &str, op: &mut Map<String, Value>) {
    let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else { return };
    for p in params.iter_mut() {
        let Some(p) = p.as_object_mut() else { continue };
        if p.get("in").and_then(Value::as_str) != Some("query") {
            continue;
        }
        let name = p.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
        if let Some(schema) = parameter_schema(path, &name) {
            if schema["type"] == "array" {
                p.insert("style".into(), json!("form"));
                p.insert("explode".into(), json!(true));
            }
            p.insert("schema".into(), schema);
        }
    }
}

fn fix_components(doc: &mut Value) {
    let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) else { return };
    for (name, schema) in schemas.iter_mut() {
        if !name.ends_with("Input") && !name.ends_with("Patch") && name != "VersionBody" && name != "VerifyBody" {
            continue;
        }
        // The parsers refuse unknown fields.
        schema["additionalProperties"] = json!(false);
        if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
            for (field, s) in props.iter_mut() {
                match field_schema(name, field) {
                    Some(exact) => *s = exact,
                    // An optional field may be left out but not sent as null (the parsers refuse
                    // null where it would mean nothing).
                    None => not_null(s),
                }
            }
        }
    }
}

/// A listing body has three shapes: a new draft (no version; title, sector and province
/// required), a replacement (PUT: the version read and the same three), and a change (PATCH:
/// the version read). The annotations share one type; the document tells them apart.
fn listing_bodies(doc: &mut Value) {
    for kind in ["Offer", "Need"] {
        let Some(input) = doc.pointer(&format!("/components/schemas/{kind}Input")).cloned() else { continue };
        let mut create = input.clone();
        if let Some(props) = create.get_mut("properties").and_then(Value::as_object_mut) {
            props.remove("version");
        }
        // The province defaults to the organisation's.
        create["required"] = json!(["title", "sector"]);
        let mut replace = input.clone();
        replace["required"] = json!(["version", "title", "sector", "province"]);
        let mut change = input;
        change["required"] = json!(["version"]);
        let schemas = &mut doc["components"]["schemas"];
        schemas[format!("{kind}Create")] = create;
        schemas[format!("{kind}Replace")] = replace;
        schemas[format!("{kind}Input")] = change;
        let plural = if kind == "Offer" { "offers" } else { "needs" };
        for (path, method, schema) in
            [(format!("/api/v1/{plural}"), "post", "Create"), (format!("/api/v1/{plural}/{{id}}"), "put", "Replace")]
        {
            if let Some(body) = doc
                .get_mut("paths")
                .and_then(|p| p.get_mut(&path))
                .and_then(|i| i.get_mut(method))
                .and_then(|o| o.pointer_mut("/requestBody/content/application~1json/schema"))
            {
                *body = json!({ "$ref": format!("#/components/schemas/{kind}{schema}") });
            }
        }
    }
}

/// Removes `null` from a property's schema: `"type": ["string", "null"]` becomes `"string"`,
/// `oneOf: [{"type": "null"}, X]` becomes X.
fn not_null(s: &mut Value) {
    if let Some(types) = s.get("type").and_then(Value::as_array) {
        let kept: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        s["type"] = if kept.len() == 1 { kept[0].clone() } else { Value::Array(kept) };
    }
    let one_of = s
        .get("oneOf")
        .and_then(Value::as_array)
        .map(|alts| alts.iter().filter(|a| a.get("type").is_none_or(|t| t != "null")).cloned().collect::<Vec<_>>());
    if let Some(mut alts) = one_of
        && alts.len() == 1
        && let Some(obj) = s.as_object_mut()
    {
        obj.remove("oneOf");
        if let Some(Value::Object(inner)) = alts.pop() {
            obj.extend(inner);
        }
    }
}

/// The served OpenAPI document.
pub fn document(openapi: &utoipa::openapi::OpenApi) -> Value {
    let mut doc = serde_json::to_value(openapi).unwrap_or_default();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else { continue };
            for (method, op) in item.iter_mut() {
                let Some(op) = op.as_object_mut() else { continue };
                fix_parameters(path, op);
                add_responses(method, path, op);
            }
        }
    }
    fix_components(&mut doc);
    listing_bodies(&mut doc);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_come_from_the_domain_and_every_operation_documents_its_errors() {
        use utoipa::OpenApi;
        let doc = document(&super::super::ApiDoc::openapi());
        let sector = &doc.pointer("/paths/~1api~1v1~1offers/get/parameters").unwrap();
        let sector = sector.as_array().unwrap().iter().find(|p| p["name"] == "sector").unwrap();
        assert_eq!(sector["schema"]["enum"].as_array().unwrap().len(), Sector::ALL.len());
        for (_, item) in doc["paths"].as_object().unwrap() {
            for (_, op) in item.as_object().unwrap() {
                for code in ["400", "401", "429"] {
                    assert!(op["responses"].get(code).is_some(), "{op}");
                }
            }
        }
        assert_eq!(doc.pointer("/components/schemas/OfferInput/additionalProperties"), Some(&json!(false)));
        let org_kind = doc.pointer("/components/schemas/OrganisationPatch/properties/kind/enum").unwrap();
        assert_eq!(org_kind.as_array().unwrap().len(), OrgKind::ALL.len());
        // Optional fields may be left out, not sent as null.
        assert_eq!(doc.pointer("/components/schemas/OrganisationPatch/properties/name/type"), Some(&json!("string")));
    }
}

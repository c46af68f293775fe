//! The JSON API and its OpenAPI description.

use ketnoi::domain::OfferId;

use crate::helpers::TestApp;

#[tokio::test]
async fn lists_published_offers_as_json() {
    let app = TestApp::with_demo().await;
    let (status, body) = app.json("/api/v1/offers").await;
    assert_eq!(status, 200);
    assert_eq!(body["total"], 37);
    assert_eq!(body["per_page"], 20);
    assert_eq!(body["pages"], 2);
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    let first = &items[0];
    for field in [
        "id",
        "title",
        "summary",
        "sector",
        "keywords",
        "trl",
        "ip_status",
        "transfer_modes",
        "price",
        "province",
        "organisation",
    ] {
        assert!(!first[field].is_null(), "missing {field}");
    }
    let (_, page2) = app.json("/api/v1/offers?page=2&per_page=20").await;
    assert_eq!(page2["items"].as_array().unwrap().len(), 17);
    let (_, beyond) = app.json("/api/v1/offers?page=9").await;
    assert_eq!(beyond["items"].as_array().unwrap().len(), 0);
    let (_, filtered) = app.json("/api/v1/offers?sector=aquaculture&per_page=100").await;
    assert!(filtered["items"].as_array().unwrap().iter().all(|o| o["sector"] == "aquaculture"));
}

#[tokio::test]
async fn one_offer_and_one_need() {
    let app = TestApp::with_demo().await;
    let id = OfferId::stable("giong-lua-chiu-man");
    let (status, o) = app.json(&format!("/api/v1/offers/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(o["title"], "Giống lúa chịu mặn HG-18 cho vùng ven biển");
    assert_eq!(o["ip_status"], "plant_variety");
    assert_eq!(o["price"]["negotiable"], true);
    assert_eq!(o["organisation"]["name"], "Trường Đại học Nông Lâm Hương Giang");
    let nid = ketnoi::domain::NeedId::stable("giam-chi-phi-dien");
    let (status, n) = app.json(&format!("/api/v1/needs/{nid}")).await;
    assert_eq!(status, 200);
    assert_eq!(n["budget"]["min"], 800_000_000);
    assert_eq!(n["min_trl"], 6);
    let (_, needs) = app.json("/api/v1/needs").await;
    assert_eq!(needs["total"], 21);
}

#[tokio::test]
async fn errors_are_json_problems() {
    let app = TestApp::with_demo().await;
    let draft = OfferId::stable("tram-sac-xe-dien");
    for path in [format!("/api/v1/offers/{draft}"), "/api/v1/offers/xyz".into(), "/api/v1/nothing".into()] {
        let r = app.get(&path).await;
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(r.headers()["content-type"], "application/problem+json", "{path}");
        let p: serde_json::Value = r.json().await.unwrap();
        assert_eq!(p["status"], 404);
    }
    for (path, param) in [
        ("/api/v1/offers?per_page=1000", "per_page"),
        ("/api/v1/needs?sector=%3Cb%3E", "sector"),
        ("/api/v1/offers?page=-1", "page"),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 400, "{path}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let p: serde_json::Value = r.json().await.unwrap();
        assert_eq!(p["param"], param, "{path}");
        assert!(p["detail"].as_str().unwrap().contains(param));
    }
}

#[tokio::test]
async fn openapi_31_and_offline_swagger_ui() {
    let app = TestApp::spawn().await;
    let (status, spec) = app.json("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in ["/api/v1/offers", "/api/v1/offers/{id}", "/api/v1/needs", "/api/v1/needs/{id}"] {
        assert!(spec["paths"][path]["get"].is_object(), "{path} undocumented");
    }
    assert!(spec["components"]["schemas"]["OfferDto"].is_object());
    assert!(spec["components"]["schemas"]["Problem"].is_object());
    let (status, ui) = app.text("/api/docs/").await;
    assert_eq!(status, 200);
    assert!(ui.contains("swagger-ui"));
    let (status, js) = app.text("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(status, 200, "Swagger UI must be served from the binary");
    assert!(js.len() > 100_000);
}

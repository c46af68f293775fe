//! Across languages: English visitors find Vietnamese listings and Vietnamese queries find English
//! ones, on the search page and the API in either interface language; the English title and
//! summary a listing may have, through the API with its bad inputs, and on English pages.

use ketnoi::db;
use ketnoi::domain::*;

use crate::helpers::*;

fn q(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The plain titles (and English titles) of an API search.
fn hits(v: &serde_json::Value) -> Vec<(String, String)> {
    let plain = |s: &serde_json::Value| s.as_str().unwrap().replace("<b>", "").replace("</b>", "");
    v["items"].as_array().unwrap().iter().map(|i| (plain(&i["title_html"]), plain(&i["title_en_html"]))).collect()
}

#[tokio::test]
async fn english_queries_find_vietnamese_listings_and_the_reverse() {
    let app = TestApp::with_demo().await;
    // The searches a new English visitor tried: each finds the Vietnamese listing.
    for (query, expected) in [
        ("solar energy", "Giải pháp điện mặt trời nổi kết hợp sục khí ao tôm"),
        ("shrimp", "Chế phẩm vi sinh xử lý đáy ao nuôi tôm"),
        ("dryer", "Máy sấy nông sản kết hợp năng lượng mặt trời và bơm nhiệt"),
        ("traceability", "Nền tảng truy xuất nguồn gốc nông sản bằng mã QR"),
        // This one has no English fields: the glossary alone ("hydroponic" → "thủy canh").
        ("hydroponic", "Quy trình trồng rau thủy canh hồi lưu trong nhà màng"),
    ] {
        for lang in ["vi", "en"] {
            let (status, r) = app.json(&format!("/api/v1/search?q={}&lang={lang}", q(query))).await;
            assert_eq!(status, 200);
            let found: Vec<String> = hits(&r).into_iter().take(5).map(|h| h.0).collect();
            assert!(found.iter().any(|t| t == expected), "{query} ({lang}): {found:?}");
        }
    }
    // Without the glossary and the English fields these find nothing: the index alone cannot.
    let plain = ketnoi_index::SearchQuery {
        text: "hydroponic".into(),
        now: db::now().and_utc().timestamp(),
        limit: 10,
        no_glossary: true,
        ..Default::default()
    };
    assert_eq!(app.state.search.index.search(&plain).unwrap().total, 0);

    // The search page in English shows the English title where there is one; in Vietnamese the
    // title as written.
    let plain = |html: String| html.replace("<b>", "").replace("</b>", "");
    let (status, page) = app.text("/search?q=solar+energy&lang=en").await;
    assert_eq!(status, 200);
    assert!(plain(page).contains(">Floating solar power with aeration for shrimp ponds</a>"));
    let (_, page) = app.text("/search?q=solar+energy&lang=vi").await;
    assert!(plain(page).contains(">Giải pháp điện mặt trời nổi kết hợp sục khí ao tôm</a>"));

    // An English listing is found by a Vietnamese query.
    let org = new_org(&app, "Solar Farms Ltd", true);
    let member = user(&app, "an@solar.example", Role::Member, Some(org.id));
    let staff = user(&app, "cb@ketnoi.vn", Role::Staff, None);
    let mut c = app.db.conn().unwrap();
    let raw = ketnoi::services::listings::input::RawListing {
        title: Some("Photovoltaic canopy for fish ponds".into()),
        summary: Some(
            "Photovoltaic panels mounted over aquaculture ponds generate electricity and shade the water.".into(),
        ),
        description: Some("Panels on steel frames over the ponds; the power runs the aerators.".into()),
        sector: Some("energy".into()),
        ..Default::default()
    };
    let l = ketnoi::services::listings::create(&mut c, &member, ListingKind::Offer, &raw).unwrap().unwrap();
    let id = l.id();
    ketnoi::services::listings::submit(&mut c, &member, ListingKind::Offer, &id, 1).unwrap().unwrap();
    ketnoi::services::listings::review(
        &mut c,
        app.state.env(),
        &staff,
        ListingKind::Offer,
        &id,
        ketnoi::services::listings::Decision::Approve,
        "",
        db::now(),
    )
    .unwrap()
    .unwrap();
    app.catch_up();
    // It ranks below the listings that hold the words typed (the glossary weighs less), and is
    // found: among the energy listings, near the top.
    let (_, r) = app.json(&format!("/api/v1/search?q={}&per_page=50", q("điện mặt trời cho ao nuôi cá"))).await;
    let found: Vec<String> = hits(&r).into_iter().map(|h| h.0).collect();
    assert!(found.iter().any(|t| t == "Photovoltaic canopy for fish ponds"), "{found:?}");
    let (_, r) = app.json(&format!("/api/v1/search?q={}&sector=energy", q("điện mặt trời cho ao nuôi cá"))).await;
    let found: Vec<String> = hits(&r).into_iter().map(|h| h.0).collect();
    assert!(found.iter().take(3).any(|t| t == "Photovoltaic canopy for fish ponds"), "{found:?}");
}

#[tokio::test]
async fn english_title_and_summary_through_the_api_with_their_rules() {
    let app = TestApp::spawn().await;
    let org = new_org(&app, "Viện Cơ điện", true);
    let member = user(&app, "an@vien.vn", Role::Member, Some(org.id));
    let (_, secret) = db::api_tokens::create(&mut app.db.conn().unwrap(), member.id, Some(org.id), "t").unwrap();
    let api = reqwest::Client::new();
    let url = format!("{}/api/v1/offers", app.address);
    let base = serde_json::json!({
        "title": "Máy sấy cà phê bằng bơm nhiệt",
        "summary": "Máy sấy cà phê 2 tấn/mẻ dùng bơm nhiệt.",
        "sector": "agriculture",
    });
    let with = |extra: serde_json::Value| {
        let mut b = base.clone();
        b.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        b
    };
    // Refused, each with the field named: an English summary without a title, a line break in
    // the title, a summary over 500 characters.
    for (body, field) in [
        (with(serde_json::json!({"summary_en": "A heat pump coffee dryer."})), "title_en"),
        (with(serde_json::json!({"title_en": "Coffee\r\nBcc: x@y.z"})), "title_en"),
        (with(serde_json::json!({"title_en": "Coffee dryer", "summary_en": "x".repeat(501)})), "summary_en"),
    ] {
        let r = api.post(&url).bearer_auth(&secret).json(&body).send().await.unwrap();
        assert_eq!(r.status(), 422, "{body}");
        let p: serde_json::Value = r.json().await.unwrap();
        let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, [field], "{p}");
    }
    assert!(db::offers::by_organisation(&mut app.db.conn().unwrap(), org.id).unwrap().is_empty(), "nothing stored");
    // Accepted, stored and returned.
    let body = with(serde_json::json!({
        "title_en": "Heat pump coffee dryer",
        "summary_en": "A 2-tonne-per-batch coffee dryer using a heat pump.",
    }));
    let r = api.post(&url).bearer_auth(&secret).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let o: serde_json::Value = r.json().await.unwrap();
    assert_eq!(o["title_en"], "Heat pump coffee dryer");
    assert_eq!(o["summary_en"], "A 2-tonne-per-batch coffee dryer using a heat pump.");
    let stored = db::offers::by_organisation(&mut app.db.conn().unwrap(), org.id).unwrap();
    assert_eq!(stored[0].title_en, "Heat pump coffee dryer");
}

#[tokio::test]
async fn english_pages_show_the_english_title_and_the_original() {
    let app = TestApp::with_demo().await;
    let id = OfferId::stable("dien-mat-troi-ao-tom");
    let (_, en) = app.text(&format!("/offers/{id}?lang=en")).await;
    assert!(en.contains("<h1>Floating solar power with aeration for shrimp ponds</h1>"), "{en}");
    assert!(en.contains("Title in Vietnamese"), "{en}");
    assert!(en.contains("Floating solar panels on shrimp ponds power the aerators"), "{en}");
    let (_, vi) = app.text(&format!("/offers/{id}?lang=vi")).await;
    assert!(vi.contains("<h1>Giải pháp điện mặt trời nổi kết hợp sục khí ao tôm</h1>"), "{vi}");
    assert!(!vi.contains("Floating solar"), "Vietnamese pages keep the title as written");
    // A listing without English fields keeps its title on English pages.
    let id = OfferId::stable("gia-the-vi-sinh-ao");
    let (_, en) = app.text(&format!("/offers/{id}?lang=en")).await;
    assert!(en.contains("<h1>Quy trình trồng rau thủy canh hồi lưu trong nhà màng</h1>"), "{en}");
    // A need's English summary on its English page.
    let id = NeedId::stable("giam-chi-phi-dien");
    let (_, en) = app.text(&format!("/needs/{id}?lang=en")).await;
    assert!(en.contains("<h1>Cutting the electricity cost of pond aerators</h1>"), "{en}");
}

#[test]
fn eval_cross_prints_each_direction_with_and_without() {
    // Three of the judged awards (ids from the set's list) and two others, as the public file
    // has them.
    let dir = tempfile::tempdir().unwrap();
    let awards = dir.path().join("awards.jsonl");
    let line =
        |id: &str, title: &str, text: &str| serde_json::json!({"id": id, "title": title, "abstract": text}).to_string();
    std::fs::write(
        &awards,
        [
            line("sbira-031492", "Replicon Particle Vaccine for White Spot Syndrome Virus in Marine Shrimp Phase II", "A vaccine protecting farmed shrimp against white spot syndrome virus."),
            line("sbira-023780", "Rapid Immunoassay for the Detection of the Bacterium Producing Necrotizing Hepatopancreatitis in Cultured Penaeid Shrimp", "A rapid test for shrimp farms."),
            line("sbira-023820", "Development of a Novel Cold-tolerant, Disease-resistant Shrimp by Intraspecific Hybridization", "Breeding shrimp that resist disease."),
            line("sbira-011804", "Advanced Plasma Surface Modification System", "Plasma treatment of surfaces."),
            line("sbira-038756", "GaN Class F Power Amplifier for Klystron Replacement", "Solid-state amplifiers."),
        ]
        .join("\n"),
    )
    .unwrap();
    let out = crate::config::ketnoi(dir.path())
        .args(["eval", "cross", "--set"])
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/crosslang"))
        .arg("--awards")
        .arg(&awards)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let metric = |d: &str, c: &str, m: &str| r[d][c][m].as_f64().unwrap();
    assert_eq!(r["vietnamese_to_english"]["with_glossary"]["queries"], 61);
    assert_eq!(r["english_to_vietnamese"]["with_both"]["queries"], 65);
    // "vắc xin cho tôm" and "bệnh đốm trắng trên tôm" find their awards only through the glossary.
    assert_eq!(metric("vietnamese_to_english", "without", "recall@100"), 0.0, "{r}");
    assert!(metric("vietnamese_to_english", "with_glossary", "recall@100") > 0.0, "{r}");
    assert!(metric("english_to_vietnamese", "with_both", "ndcg@10") >= 0.5, "{r}");
    assert!(
        metric("english_to_vietnamese", "with_both", "ndcg@10") > metric("english_to_vietnamese", "without", "ndcg@10"),
        "{r}"
    );
}

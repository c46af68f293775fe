//! The HTML pages over real HTTP: Vietnamese by default, English on request, bad input answered
//! with a page in the reader's language and never a 500.

use ketnoi::db;
use ketnoi::domain::{ListingStatus, OfferId};

use crate::db::{offer, org};
use crate::helpers::TestApp;

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[tokio::test]
async fn home_page_is_vietnamese_with_demo_content() {
    let app = TestApp::with_demo().await;
    let (status, body) = app.text("/").await;
    assert_eq!(status, 200);
    assert!(body.contains(r#"<html lang="vi">"#));
    assert!(body.contains("Sàn giao dịch công nghệ"));
    assert!(body.contains("Trưng bày sản phẩm KH&#38;CN tiêu biểu"), "showcase strip");
    assert!(body.contains("Nền tảng truy xuất nguồn gốc nông sản bằng mã QR"), "newest offer");
    assert!(body.contains("Phiên kết nối cung – cầu công nghệ tiếp theo"));
    assert!(body.contains(r#"action="/search""#), "search box");
}

#[tokio::test]
async fn offer_list_paginates_all_published_demo_offers() {
    let app = TestApp::with_demo().await;
    let (status, first) = app.text("/offers").await;
    assert_eq!(status, 200);
    assert!(first.contains("37 kết quả"), "37 published demo offers");
    assert_eq!(count(&first, r#"<article class="card">"#), 12);
    assert!(first.contains(r#"href="/offers?page=2""#));
    let (_, last) = app.text("/offers?page=4").await;
    assert_eq!(count(&last, r#"<article class="card">"#), 1);
    assert!(!last.contains("rel=\"next\""));
    // Drafts and returned offers never appear.
    assert!(!first.contains("Trạm sạc xe máy điện") && !last.contains("Trạm sạc xe máy điện"));
}

#[tokio::test]
async fn need_list_and_detail() {
    let app = TestApp::with_demo().await;
    let (status, list) = app.text("/needs").await;
    assert_eq!(status, 200);
    assert!(list.contains("21 kết quả"));
    let id = ketnoi::domain::NeedId::stable("xu-ly-benh-gan-tuy");
    let (status, page) = app.text(&format!("/needs/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Cần giải pháp phòng bệnh hoại tử gan tụy cấp trên tôm thẻ"));
    assert!(page.contains("300.000.000 ₫ – 800.000.000 ₫"));
    assert!(page.contains("TRL tối thiểu"));
}

#[tokio::test]
async fn offer_detail_shows_every_public_field() {
    let app = TestApp::with_demo().await;
    let id = OfferId::stable("che-pham-vi-sinh-xu-ly-ao-tom");
    let (status, page) = app.text(&format!("/offers/{id}")).await;
    assert_eq!(status, 200);
    for expected in [
        "Chế phẩm vi sinh xử lý đáy ao nuôi tôm",
        "Viện Công nghệ Sinh học miền Trung",
        "8/9",
        "Bằng độc quyền giải pháp hữu ích",
        "2-0003124",
        "Chuyển giao quyền sử dụng (li-xăng)",
        "250.000.000 ₫ – 400.000.000 ₫",
        "Ưu điểm so với giải pháp hiện có",
        "Bacillus",
    ] {
        assert!(page.contains(expected), "missing {expected}");
    }
}

#[tokio::test]
async fn unpublished_and_unknown_listings_are_vietnamese_404s() {
    let app = TestApp::with_demo().await;
    let draft = OfferId::stable("tram-sac-xe-dien");
    for path in [
        format!("/offers/{draft}"),
        "/offers/not-a-uuid".into(),
        format!("/offers/{}", OfferId::new()),
        "/khong-co".into(),
    ] {
        let (status, body) = app.text(&path).await;
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("Không tìm thấy trang"), "{path}");
    }
}

#[tokio::test]
async fn english_on_request_and_remembered() {
    let app = TestApp::with_demo().await;
    let (_, body) = app.text("/offers?lang=en").await;
    assert!(body.contains(r#"<html lang="en">"#));
    assert!(body.contains("Technology offers"));
    assert!(body.contains("Aquaculture &#38; fisheries") || body.contains("Aquaculture &amp; fisheries"));
    // The cookie keeps the choice on the next page.
    let (_, next) = app.text("/needs").await;
    assert!(next.contains(r#"<html lang="en">"#));
    let (_, back) = app.text("/?lang=vi").await;
    assert!(back.contains(r#"<html lang="vi">"#));
}

#[tokio::test]
async fn filters_fold_diacritics_and_accept_decomposed_text() {
    let app = TestApp::with_demo().await;
    let (_, composed) = app.text("/offers?q=nu%C3%B4i+t%C3%B4m").await; // "nuôi tôm"
    let (_, plain) = app.text("/offers?q=nuoi+tom").await;
    // "nuôi tôm" typed with combining marks (NFD).
    let (_, nfd) = app.text("/offers?q=nuo%CC%82i+to%CC%82m").await;
    assert!(composed.contains("Chế phẩm vi sinh xử lý đáy ao nuôi tôm"));
    let n = |b: &str| b.matches(r#"<article class="card">"#).count();
    assert!(n(&composed) >= 1);
    assert_eq!(n(&composed), n(&plain));
    assert_eq!(n(&composed), n(&nfd));
    let (_, it) = app.text("/offers?sector=it").await;
    assert!(it.contains("3 kết quả"), "the three published IT offers");
    let (_, none) = app.text("/offers?q=xyzzyq+qwvxk").await;
    assert!(none.contains("Không có kết quả phù hợp"));
}

/// `/offers?q=` and `/needs?q=` are the search engine's answer: the same listings in the same
/// order as the search page with that kind, and its total (the page and the API alike).
#[tokio::test]
async fn list_filters_are_answered_by_the_search_engine() {
    let app = TestApp::with_demo().await;
    app.catch_up();
    for (kind, plural) in [("offer", "offers"), ("need", "needs")] {
        for q in ["nuoi tom", "máy sấy", "xử lý nước thải", "năng lượng mặt trời"] {
            let enc: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
            let (_, search) = app.json(&format!("/api/v1/search?kind={kind}&q={enc}&per_page=100")).await;
            let (_, list) = app.json(&format!("/api/v1/{plural}?q={enc}&per_page=100")).await;
            let ids = |v: &serde_json::Value, key: &str| -> Vec<String> {
                v[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x["id"].as_str().unwrap().trim_start_matches(&format!("{kind}:")).to_string())
                    .collect()
            };
            assert_eq!(ids(&list, "items"), ids(&search, "items"), "{plural}?q={q}");
            assert_eq!(list["total"], search["total"], "{plural}?q={q}");
        }
    }
    // The old list filter found one offer for "nuoi tom", the search page eleven.
    let (_, page) = app.text("/offers?q=nuoi+tom").await;
    assert!(page.matches(r#"<article class="card">"#).count() > 1, "{page}");
}

#[tokio::test]
async fn bad_filters_get_a_clear_400_page() {
    let app = TestApp::with_demo().await;
    for (path, param) in [
        ("/offers?sector=fishing", "sector"),
        ("/offers?page=0", "page"),
        ("/needs?page=abc", "page"),
        ("/needs?province=Atlantis", "province"),
    ] {
        let (status, body) = app.text(path).await;
        assert_eq!(status, 400, "{path}");
        assert!(body.contains("Yêu cầu không hợp lệ"), "{path}");
        assert!(body.contains(&format!("«{param}»")), "{path} must name {param}");
    }
    // A former province is mapped to its successor, not refused.
    let (status, _) = app.text("/needs?province=Qu%E1%BA%A3ng+Nam").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn text_is_escaped() {
    let app = TestApp::spawn().await;
    let mut c = app.db.conn().unwrap();
    let o = org("<script>alert('org')</script>");
    db::organisations::insert(&mut c, &o).unwrap();
    let x = offer(o.id, "<img src=x onerror=alert(1)>", ListingStatus::Published);
    db::offers::insert(&mut c, &x).unwrap();
    drop(c);
    for path in ["/offers".to_string(), format!("/offers/{}", x.id), format!("/organisations/{}", o.id), "/".into()] {
        let (status, body) = app.text(&path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains("<img src=x"), "{path} not escaped");
        assert!(!body.contains("<script>alert"), "{path} not escaped");
    }
}

#[tokio::test]
async fn organisation_page_lists_its_public_listings() {
    let app = TestApp::with_demo().await;
    let id = ketnoi::domain::OrganisationId::stable("kinhthanh");
    let (status, page) = app.text(&format!("/organisations/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Công ty Cổ phần Phần mềm Kinh Thành"));
    assert!(page.contains("Đã xác minh"));
    assert!(page.contains("Nền tảng truy xuất nguồn gốc nông sản bằng mã QR"));
    assert!(!page.contains("Phần mềm quản lý lưu trú du lịch"), "a returned offer is not public");
}

#[tokio::test]
async fn showcase_health_css_and_headers() {
    let app = TestApp::with_demo().await;
    let (status, showcase) = app.text("/showcase").await;
    assert_eq!(status, 200);
    assert_eq!(showcase.matches(r#"<article class="card">"#).count(), 13);
    let (status, health) = app.json("/healthz").await;
    assert_eq!(status, 200);
    assert_eq!(health["status"], "ok");
    let css = app.get("/static/app.css").await;
    assert_eq!(css.status(), 200);
    assert!(css.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
    let home = app.get("/").await;
    let csp = home.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(home.headers()["x-content-type-options"], "nosniff");
    assert_eq!(home.headers()["referrer-policy"], "strict-origin-when-cross-origin");
    assert!(home.headers().contains_key("permissions-policy"));
    assert!(!home.headers().contains_key("strict-transport-security"), "only behind https");
    // An unsupported method is an error page, not a crash.
    let r = app.client.post(format!("{}/offers", app.address)).send().await.unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
}

#[tokio::test]
async fn metrics_are_exposed() {
    let app = TestApp::spawn().await;
    let worker = ketnoi::mail::outbox::Worker::new(app.db.clone(), &app.settings).unwrap();
    worker.drain().await.unwrap();
    let (status, body) = app.text("/metrics").await;
    assert_eq!(status, 200);
    assert!(body.contains("ketnoi_email_queue_depth"), "{body}");
}

#[tokio::test]
async fn a_broken_row_gives_the_500_page_without_details() {
    let app = TestApp::spawn().await;
    let mut c = app.db.conn().unwrap();
    let o = org("Tổ chức C");
    db::organisations::insert(&mut c, &o).unwrap();
    let mut row = db::offers::OfferRow::from(&offer(o.id, "Hỏng", ListingStatus::Published));
    row.sector = "no-such-sector".into(); // written past the domain types, e.g. by a bad manual edit
    diesel::RunQueryDsl::execute(diesel::insert_into(db::schema::offers::table).values(&row), &mut *c).unwrap();
    drop(c);
    let (status, body) = app.text("/offers").await;
    assert_eq!(status, 500);
    assert!(body.contains("Hệ thống đang gặp sự cố"), "{body}");
    assert!(!body.contains("no-such-sector"), "internal details must not leak");
    let r = app.get("/api/v1/offers").await;
    assert_eq!(r.status(), 500);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    assert!(!r.text().await.unwrap().contains("no-such-sector"));
}

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

/// Every message key of the catalogue: a page that shows one shows a missing message.
fn catalogue_keys() -> std::collections::HashSet<String> {
    ketnoi::catalogue::FILES
        .iter()
        .flat_map(|(_, _, text)| text.lines())
        .filter(|l| !l.starts_with(['#', ' ']) && l.contains(" ="))
        .filter_map(|l| l.split(" =").next().map(str::to_string))
        .collect()
}

/// The words of a page's text (outside tags).
fn words_of(html: &str) -> Vec<&str> {
    html.split('<').filter_map(|s| s.split_once('>').map(|(_, t)| t)).flat_map(str::split_whitespace).collect()
}

#[tokio::test]
async fn the_language_follows_the_reader() {
    let app = TestApp::with_demo().await;
    // No cookie store: each request stands alone.
    let client = reqwest::Client::new();
    let lang_of = |body: &str| if body.contains(r#"<html lang="en">"#) { "en" } else { "vi" };
    for (accept, cookie, query, expected) in [
        ("en-US,en;q=0.9", None, "", "en"),
        ("fr-FR, en;q=0.5", None, "", "en"),
        ("vi-VN,vi;q=0.9,en-US;q=0.8", None, "", "vi"),
        ("fr, de", None, "", "vi"),
        ("", None, "", "vi"),
        // An explicit choice outranks the browser: the query, then the cookie.
        ("en-US,en", None, "?lang=vi", "vi"),
        ("en-US,en", Some("lang=vi"), "", "vi"),
        ("vi", Some("lang=en"), "", "en"),
        ("en", Some("lang=vi"), "?lang=en", "en"),
        // A cookie with nonsense in it is ignored, never an error.
        ("en", Some("lang=%0d%0a"), "", "en"),
    ] {
        let mut req = client.get(format!("{}/offers{query}", app.address)).header("accept-language", accept);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), 200);
        let vary: Vec<String> =
            r.headers().get_all("vary").iter().map(|v| v.to_str().unwrap().to_ascii_lowercase()).collect();
        let vary = vary.join(", ");
        assert!(vary.contains("accept-language") && vary.contains("cookie"), "Vary: {vary}");
        let body = r.text().await.unwrap();
        assert_eq!(lang_of(&body), expected, "{accept} / {cookie:?} / {query}");
        let heading = if expected == "en" { "Technology offers" } else { "Công nghệ chào bán" };
        assert!(body.contains(heading), "{accept} / {cookie:?} / {query}");
    }
}

/// Every page a visitor, a member, the staff and an administrator open renders in both languages
/// from the catalogue: no message key shows, and the staff pages format money and dates.
#[tokio::test]
async fn every_page_in_both_languages_from_the_catalogue() {
    use ketnoi::domain::{Money, MoneyRange, Role};

    use crate::helpers::{signed_in, user};
    let app = TestApp::with_demo().await;
    let keys = catalogue_keys();
    assert!(keys.len() > 450);
    let o = org("Viện Nghiên cứu Thủy sản miền Trung");
    db::organisations::insert(&mut app.db.conn().unwrap(), &o).unwrap();
    let mut submitted = offer(o.id, "Chế phẩm vi sinh cho ao tôm", ListingStatus::Submitted);
    submitted.price = MoneyRange::new(Some(Money::new(35_000_000).unwrap()), None).unwrap();
    db::offers::insert(&mut app.db.conn().unwrap(), &submitted).unwrap();
    let published = offer(o.id, "Quy trình ương tôm giống", ListingStatus::Published);
    db::offers::insert(&mut app.db.conn().unwrap(), &published).unwrap();
    let member = signed_in(&app, &user(&app, "mai@thuysan.vn", Role::Member, Some(o.id)));
    let staff = signed_in(&app, &user(&app, "canbo@ketnoi.vn", Role::Staff, None));
    let admin = signed_in(&app, &user(&app, "quantri@ketnoi.vn", Role::Admin, None));
    let visitor = (reqwest::Client::new(), String::new());
    let pages: Vec<(&(reqwest::Client, String), String)> = vec![
        (&visitor, "/".into()),
        (&visitor, "/offers".into()),
        (&visitor, "/needs".into()),
        (&visitor, format!("/offers/{}", published.id)),
        (&visitor, "/showcase".into()),
        (&visitor, "/search?q=t%C3%B4m".into()),
        (&visitor, format!("/organisations/{}", o.id)),
        (&visitor, "/login".into()),
        (&visitor, "/register".into()),
        (&visitor, "/reset".into()),
        (&visitor, "/khong-co".into()),
        (&visitor, "/offers?sector=nope".into()),
        (&member, "/my/listings".into()),
        (&member, format!("/my/offers/{}", submitted.id)),
        (&member, "/offers/new".into()),
        (&member, "/needs/new".into()),
        (&member, "/account".into()),
        (&member, "/account/tokens".into()),
        (&member, format!("/organisations/{}/settings", o.id)),
        (&member, format!("/organisations/{}/members", o.id)),
        (&staff, "/staff/review".into()),
        (&staff, format!("/staff/review/offer/{}", submitted.id)),
        (&staff, "/staff/showcase".into()),
        (&staff, "/staff/suggestions".into()),
        (&staff, "/staff/organisations".into()),
        (&admin, "/admin/staff".into()),
    ];
    let mut bodies = std::collections::HashMap::new();
    for (who, path) in &pages {
        for lang in ["vi", "en"] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let r = who.0.get(format!("{}{path}{sep}lang={lang}", app.address)).send().await.unwrap();
            let status = r.status().as_u16();
            assert!(status < 500, "{path} {lang}: {status}");
            let body = r.text().await.unwrap();
            assert!(body.contains(&format!(r#"<html lang="{lang}">"#)), "{path} {lang}");
            let shown: Vec<&str> = words_of(&body).into_iter().filter(|w| keys.contains(*w)).collect();
            assert!(shown.is_empty(), "{path} {lang} shows message keys: {shown:?}");
            bodies.insert((path.clone(), lang), body);
        }
    }
    // A key made at run time that the catalogue lacks would show as itself: none was asked for.
    assert_eq!(ketnoi::catalogue::missing(), Vec::<String>::new(), "keys asked for and missing");
    let review = format!("/staff/review/offer/{}", submitted.id);
    assert!(bodies[&(review.clone(), "en")].contains("Price from (đồng)"), "field labels");
    assert!(bodies[&(review.clone(), "vi")].contains("35.000.000 ₫"), "money on the Vietnamese staff page");
    assert!(bodies[&(review.clone(), "en")].contains("VND 35,000,000"), "money on the English staff page");
    assert!(!bodies[&(review.clone(), "vi")].contains("35000000"), "no raw amount");
    let today_vi = ketnoi::catalogue::human::day(ketnoi::domain::Locale::Vi, db::now());
    let today_en = ketnoi::catalogue::human::day(ketnoi::domain::Locale::En, db::now());
    assert!(bodies[&("/staff/review".to_string(), "vi")].contains(&today_vi), "dd/mm/yyyy in the queue");
    assert!(bodies[&("/staff/review".to_string(), "en")].contains(&today_en), "d Mon yyyy in the queue");
    assert!(bodies[&("/staff/organisations".to_string(), "vi")].contains(&today_vi));
    // The labels of the vocabularies follow the page.
    let detail = format!("/offers/{}", published.id);
    assert!(bodies[&(detail.clone(), "vi")].contains("Thủy sản"));
    assert!(
        bodies[&(detail.clone(), "en")].contains("Aquaculture &amp; fisheries")
            || bodies[&(detail, "en")].contains("Aquaculture &#38; fisheries")
    );
}

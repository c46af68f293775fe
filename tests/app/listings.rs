//! Offers and needs from draft to publication to expiry, over HTML and the API, on the selected
//! backend: the lifecycle with review, the returned-with-reason email, pending revisions,
//! conflicting edits, expiry and renewal with a controlled clock, feeds and exports.

use chrono::TimeDelta;
use ketnoi::db;
use ketnoi::domain::*;
use reqwest::StatusCode;

use crate::helpers::*;

/// A member of a verified organisation and a staff member, each signed in.
pub(crate) struct Cast {
    pub org: Organisation,
    pub member: (reqwest::Client, String),
    pub member_user: User,
    pub staff: (reqwest::Client, String),
}

pub(crate) fn cast(app: &TestApp, verified: bool) -> Cast {
    let org = new_org(app, "Viện Công nghệ Sinh học miền Trung", verified);
    let member_user = user(app, "lan@vien.vn", Role::Member, Some(org.id));
    let member = signed_in(app, &member_user);
    let staff = signed_in(app, &user(app, "canbo@ketnoi.vn", Role::Staff, None));
    Cast { org, member, member_user, staff }
}

pub(crate) async fn post(
    app: &TestApp,
    who: &(reqwest::Client, String),
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut f: Vec<(String, String)> = form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    f.push(("csrf_token".into(), who.1.clone()));
    who.0.post(format!("{}{path}", app.address)).form(&f).send().await.unwrap()
}

pub(crate) async fn page(app: &TestApp, who: &(reqwest::Client, String), path: &str) -> (StatusCode, String) {
    let r = who.0.get(format!("{}{path}", app.address)).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

const OFFER_FORM: &[(&str, &str)] = &[
    ("title", "Máy sấy nông sản kết hợp năng lượng mặt trời"),
    (
        "summary",
        "Máy sấy 500 kg/mẻ dùng bơm nhiệt và tấm thu năng lượng mặt trời, giảm 40% điện năng so với máy sấy điện trở thông thường.",
    ),
    (
        "description",
        "Máy gồm buồng sấy 12 khay, bơm nhiệt 5 kW và 8 m² tấm thu nhiệt. Đã vận hành 2 năm tại 3 hợp tác xã ở Huế với ớt, tiêu, hạt sen; độ ẩm sản phẩm đạt 12% sau 10 giờ, màu sắc giữ tốt hơn sấy củi. Chi phí điện 1.200 đồng/kg sản phẩm khô, thấp hơn 40% so với máy sấy điện trở cùng công suất. Có bản vẽ chế tạo và quy trình vận hành.",
    ),
    ("advantages", "Tiết kiệm 40% điện năng; sản phẩm sạch, không ám khói; chế tạo được bằng vật liệu trong nước."),
    ("applications", "Hợp tác xã và hộ chế biến nông sản quy mô nhỏ."),
    ("sector", "agriculture"),
    ("keywords", "máy sấy, nông sản, năng lượng mặt trời"),
    ("trl", "8"),
    ("ip_status", "utility_solution"),
    ("ip_number", "2-0002911"),
    ("transfer_modes", "licence"),
    ("transfer_modes", "equipment"),
    ("price_min", "350.000.000"),
    ("price_max", ""),
    ("province", "hue"),
    ("contact_visibility", "members"),
];

fn form_with<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f: Vec<(&str, &str)> =
        OFFER_FORM.iter().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).copied().collect();
    f.extend_from_slice(changes);
    f
}

fn id_from(location: &str) -> String {
    location.trim_start_matches("/my/offers/").trim_start_matches("/my/needs/").split('?').next().unwrap().to_string()
}

pub(crate) fn offer_in_db(app: &TestApp, id: &str) -> Offer {
    db::offers::get(&mut app.db.conn().unwrap(), id.parse().unwrap()).unwrap().unwrap()
}

#[tokio::test]
async fn an_offer_from_draft_to_publication_through_the_pages() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    // A bad field comes back next to its input, with everything typed kept.
    let r = post(&app, &c.member, "/offers/new", &form_with(&[("trl", "12"), ("price_max", "100")])).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Chọn một mức từ 1 đến 9") && body.contains("Mức trên phải lớn hơn"),
        "messages next to the fields"
    );
    assert!(body.contains("Máy gồm buồng sấy 12 khay") && body.contains("350.000.000"), "typed values kept");
    // A draft with little in it: saved, with quality warnings before submission.
    let r =
        post(&app, &c.member, "/offers/new", &form_with(&[("summary", "Máy sấy."), ("advantages", ""), ("trl", "")]))
            .await;
    assert_eq!(r.status(), 303);
    let id = id_from(&location(&r));
    let (_, own) = page(&app, &c.member, &format!("/my/offers/{id}")).await;
    assert!(
        own.contains("Tóm tắt quá ngắn")
            && own.contains("Chưa nêu ưu điểm")
            && own.contains("Chưa chọn mức độ sẵn sàng"),
        "warnings shown"
    );
    assert!(own.contains("Điểm chất lượng: 60/100"), "score shown");
    assert_eq!(Browser::new(&app).get(&format!("/offers/{id}")).await.0, 404, "drafts are not public");
    // Fix it, then submit: the staff queue shows it with its score.
    let r = post(&app, &c.member, &format!("/offers/{id}/edit"), &form_with(&[("version", "1")])).await;
    assert_eq!(r.status(), 303);
    let r = post(&app, &c.member, &format!("/offers/{id}/submit"), &[("version", "2")]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let (_, queue) = page(&app, &c.staff, "/staff/review").await;
    assert!(queue.contains("Máy sấy nông sản kết hợp năng lượng mặt trời") && queue.contains("100/100"), "{queue}");
    // Returned with a reason: the owner is told by email.
    let r = post(&app, &c.staff, &format!("/staff/review/offer/{id}"), &[("decision", "return"), ("reason", "")]).await;
    assert_eq!(r.status(), 422, "a reason is required");
    let r = post(
        &app,
        &c.staff,
        &format!("/staff/review/offer/{id}"),
        &[("decision", "return"), ("reason", "Bổ sung ảnh chụp máy và điều kiện bảo hành.")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let mail = mail_text(&app, "lan@vien.vn", "listing-returned");
    assert!(
        mail.contains("Bổ sung ảnh chụp máy và điều kiện bảo hành.") && mail.contains(&format!("/my/offers/{id}")),
        "{mail}"
    );
    let (_, own) = page(&app, &c.member, &format!("/my/offers/{id}")).await;
    assert!(own.contains("Trả lại để bổ sung") && own.contains("Bổ sung ảnh chụp máy"));
    // Fixed and resubmitted; approved; public with a 12-month expiry.
    let v = offer_in_db(&app, &id).version.to_string();
    assert_eq!(
        post(
            &app,
            &c.member,
            &format!("/offers/{id}/edit"),
            &form_with(&[
                ("version", &v),
                ("advantages", "Tiết kiệm 40% điện năng; bảo hành 24 tháng; chế tạo được trong nước.")
            ])
        )
        .await
        .status(),
        303
    );
    let v = offer_in_db(&app, &id).version.to_string();
    assert_eq!(post(&app, &c.member, &format!("/offers/{id}/submit"), &[("version", &v)]).await.status(), 303);
    assert_eq!(
        post(&app, &c.staff, &format!("/staff/review/offer/{id}"), &[("decision", "approve"), ("reason", "")])
            .await
            .status(),
        303
    );
    let o = offer_in_db(&app, &id);
    assert_eq!(o.status, ListingStatus::Published);
    let days = (o.expires_at.unwrap() - o.published_at.unwrap()).num_days();
    assert!((364..=366).contains(&days), "{days}");
    let (status, public) = Browser::new(&app).get(&format!("/offers/{id}")).await;
    assert_eq!(status, 200);
    assert!(public.contains("Máy sấy nông sản kết hợp năng lượng mặt trời"));
    // Editing the published offer makes a pending revision: the public page keeps the old text.
    let v = o.version.to_string();
    let r = post(
        &app,
        &c.member,
        &format!("/offers/{id}/edit"),
        &form_with(&[("version", &v), ("title", "Máy sấy bơm nhiệt – năng lượng mặt trời 500 kg/mẻ")]),
    )
    .await;
    assert_eq!(location(&r), format!("/my/offers/{id}?done=revision"));
    let (_, public) = Browser::new(&app).get(&format!("/offers/{id}")).await;
    assert!(public.contains("Máy sấy nông sản kết hợp năng lượng mặt trời") && !public.contains("500 kg/mẻ</h1>"));
    let rev = db::listings::pending_revision(&mut app.db.conn().unwrap(), ListingKind::Offer, &id).unwrap().unwrap();
    let (_, change) = page(&app, &c.staff, &format!("/staff/revisions/{}", rev.id)).await;
    assert!(change.contains("Máy sấy bơm nhiệt – năng lượng mặt trời 500 kg/mẻ"), "the change is shown");
    assert_eq!(
        post(&app, &c.staff, &format!("/staff/revisions/{}", rev.id), &[("decision", "approve"), ("reason", "")])
            .await
            .status(),
        303
    );
    let (_, public) = Browser::new(&app).get(&format!("/offers/{id}")).await;
    assert!(public.contains("Máy sấy bơm nhiệt – năng lượng mặt trời 500 kg/mẻ"));
    // Every step is in the audit log and the owner's history.
    let actions: Vec<String> = db::audit::for_entity(&mut app.db.conn().unwrap(), "offer", &id)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    for a in [
        "offer.created",
        "offer.edited",
        "offer.submitted",
        "offer.returned",
        "offer.approved",
        "offer.revision_submitted",
        "offer.revision_approved",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} missing: {actions:?}");
    }
    let (_, own) = page(&app, &c.member, "/my/listings").await;
    assert!(own.contains("Đã duyệt đăng"));
    // Archived: gone from the public pages.
    assert_eq!(post(&app, &c.member, &format!("/offers/{id}/archive"), &[]).await.status(), 303);
    assert_eq!(Browser::new(&app).get(&format!("/offers/{id}")).await.0, 404);
}

#[tokio::test]
async fn a_need_through_the_api_with_versions_and_a_rejected_change() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let (_, token) =
        db::api_tokens::create(&mut app.db.conn().unwrap(), c.member_user.id, Some(c.org.id), "api").unwrap();
    let api = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", app.address);
    let r = api
        .post(url("/api/v1/needs"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"title": "Cần"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let p: serde_json::Value = r.json().await.unwrap();
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"sector") && fields.contains(&"title"), "{p}");
    let r = api
        .post(url("/api/v1/needs"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"title": "Công nghệ xử lý nước thải chế biến mủ cao su", "sector": "environment",
            "problem": "Nhà máy chế biến 30 tấn mủ/ngày, nước thải 600 m³/ngày có COD 8.000 mg/l, vượt quy chuẩn xả thải.",
            "budget": {"min": 2000000000_i64, "max": 4000000000_i64}, "deadline": "2027-06-30", "min_trl": 7}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let need: serde_json::Value = r.json().await.unwrap();
    assert_eq!((need["status"].as_str(), need["version"].as_i64()), (Some("draft"), Some(1)));
    assert_eq!(need["province"], "hue", "the organisation's province by default");
    let id = need["id"].as_str().unwrap().to_string();
    assert!(location.ends_with(&id));
    let r = api
        .patch(url(&format!("/api/v1/needs/{id}")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"tried": "Bể kỵ khí"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "the version is required");
    let r = api
        .patch(url(&format!("/api/v1/needs/{id}")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"version": 1, "tried": "Bể kỵ khí"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let patched: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        (
            patched["tried"].as_str(),
            patched["version"].as_i64(),
            patched["problem"].as_str().map(|p| p.starts_with("Nhà máy"))
        ),
        (Some("Bể kỵ khí"), Some(2), Some(true))
    );
    // A stale version: 409, nothing changed.
    let r = api
        .patch(url(&format!("/api/v1/needs/{id}")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"version": 1, "tried": "Khác"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("version 2"));
    let n = db::needs::get(&mut app.db.conn().unwrap(), id.parse().unwrap()).unwrap().unwrap();
    assert_eq!(n.tried, "Bể kỵ khí");
    let r = api
        .post(url(&format!("/api/v1/needs/{id}/submit")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"version": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let s: serde_json::Value = r.json().await.unwrap();
    assert_eq!(s["status"], "submitted");
    assert!(s["quality_score"].as_u64().unwrap() <= 100);
    assert_eq!(
        post(&app, &c.staff, &format!("/staff/review/need/{id}"), &[("decision", "approve"), ("reason", "")])
            .await
            .status(),
        303
    );
    // PUT on the published need: a pending revision (202); the staff reject it with a reason.
    let version = db::needs::get(&mut app.db.conn().unwrap(), id.parse().unwrap()).unwrap().unwrap().version;
    let r = api
        .put(url(&format!("/api/v1/needs/{id}")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"version": version, "title": "Xử lý nước thải mủ cao su", "sector": "environment", "province": "hue", "problem": "Ngắn"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let rev: serde_json::Value = r.json().await.unwrap();
    let rid = rev["revision"].as_str().unwrap();
    assert_eq!(
        post(
            &app,
            &c.staff,
            &format!("/staff/revisions/{rid}"),
            &[("decision", "reject"), ("reason", "Thay đổi làm mất thông tin về quy mô nước thải.")]
        )
        .await
        .status(),
        303
    );
    assert!(mail_text(&app, "lan@vien.vn", "listing-returned").contains("Thay đổi làm mất thông tin"));
    let (_, public) = Browser::new(&app).get(&format!("/needs/{id}")).await;
    assert!(public.contains("Công nghệ xử lý nước thải chế biến mủ cao su"), "the published version stays");
    // Someone else's listing: 403. Archive: gone from the public API.
    let other = new_org(&app, "Công ty khác", true);
    let (_, other_token) = db::api_tokens::create(
        &mut app.db.conn().unwrap(),
        user(&app, "x@khac.vn", Role::Member, Some(other.id)).id,
        Some(other.id),
        "t",
    )
    .unwrap();
    let r = api.post(url(&format!("/api/v1/needs/{id}/archive"))).bearer_auth(&other_token).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = api.post(url(&format!("/api/v1/needs/{id}/archive"))).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(app.get(&format!("/api/v1/needs/{id}")).await.status(), 404);
}

#[tokio::test]
async fn unverified_organisations_draft_but_do_not_submit() {
    let app = TestApp::spawn().await;
    let c = cast(&app, false);
    let (_, new) = page(&app, &c.member, "/offers/new").await;
    assert!(new.contains("chưa được Trung tâm xác minh"));
    let r = post(&app, &c.member, "/offers/new", OFFER_FORM).await;
    assert_eq!(r.status(), 303);
    let id = id_from(&location(&r));
    let r = post(&app, &c.member, &format!("/offers/{id}/submit"), &[("version", "1")]).await;
    assert_eq!(r.status(), 409);
    assert_eq!(offer_in_db(&app, &id).status, ListingStatus::Draft);
}

#[tokio::test]
async fn conflicting_edits_lose_nothing() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let colleague = signed_in(&app, &user(&app, "mai@vien.vn", Role::Member, Some(c.org.id)));
    let r = post(&app, &c.member, "/offers/new", OFFER_FORM).await;
    let id = id_from(&location(&r));
    // Both opened version 1; the colleague saves first.
    assert_eq!(
        post(
            &app,
            &colleague,
            &format!("/offers/{id}/edit"),
            &form_with(&[("version", "1"), ("price_min", "400.000.000")])
        )
        .await
        .status(),
        303
    );
    let r = post(
        &app,
        &c.member,
        &format!("/offers/{id}/edit"),
        &form_with(&[("version", "1"), ("applications", "Các lò sấy cà phê ở Tây Nguyên.")]),
    )
    .await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.unwrap();
    assert!(body.contains("Tin đã được người khác sửa"));
    assert!(body.contains("400.000.000 ₫"), "what the colleague saved is shown, as money");
    assert!(body.contains("Các lò sấy cà phê ở Tây Nguyên."), "what was typed is kept");
    assert!(body.contains(r#"name="version" value="2""#), "the form now carries the current version");
    let o = offer_in_db(&app, &id);
    assert_eq!((o.version, o.price.min().map(|m| m.dong())), (2, Some(400_000_000)), "the colleague's save stands");
    // Saving again from the conflict page overwrites deliberately.
    assert_eq!(
        post(
            &app,
            &c.member,
            &format!("/offers/{id}/edit"),
            &form_with(&[("version", "2"), ("applications", "Các lò sấy cà phê ở Tây Nguyên.")])
        )
        .await
        .status(),
        303
    );
    assert_eq!(offer_in_db(&app, &id).applications, "Các lò sấy cà phê ở Tây Nguyên.");
}

#[tokio::test]
async fn expiry_reminders_and_renewal_with_a_controlled_clock() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let o = crate::db::offer(c.org.id, "Chế phẩm vi sinh xử lý đáy ao", ListingStatus::Published);
    db::offers::insert(&mut app.db.conn().unwrap(), &o).unwrap();
    let state = app.state.clone();
    let expires = o.expires_at.unwrap();
    // Long before: nothing. Ten days before: one reminder, once.
    let early = expires - TimeDelta::days(60);
    assert_eq!(
        ketnoi::services::listings::remind_expiring(&mut app.db.conn().unwrap(), state.env(), early).unwrap(),
        0
    );
    let near = expires - TimeDelta::days(10);
    assert_eq!(ketnoi::services::listings::remind_expiring(&mut app.db.conn().unwrap(), state.env(), near).unwrap(), 1);
    assert_eq!(
        ketnoi::services::listings::remind_expiring(&mut app.db.conn().unwrap(), state.env(), near).unwrap(),
        0,
        "once"
    );
    let link = link_in_mail(&app, "lan@vien.vn", "listing-expiring", "/renew");
    let path = &link[link.find("/renew").unwrap()..];
    // Expired: gone from the page, the list and the API.
    let mut c2 = app.db.conn().unwrap();
    db::listings::set_expiry(&mut c2, ListingKind::Offer, &o.id.to_string(), db::now() - TimeDelta::minutes(1))
        .unwrap();
    assert_eq!(Browser::new(&app).get(&format!("/offers/{}", o.id)).await.0, 404);
    assert!(!Browser::new(&app).get("/offers").await.1.contains("Chế phẩm vi sinh xử lý đáy ao"));
    assert_eq!(app.get(&format!("/api/v1/offers/{}", o.id)).await.status(), 404);
    // The link was for the old expiry date: it no longer works.
    assert_eq!(Browser::new(&app).get(path).await.0, 400);
    // Renewing from the owner's page brings it back for a full period.
    assert_eq!(post(&app, &c.member, &format!("/offers/{}/renew", o.id), &[]).await.status(), 303);
    let renewed = offer_in_db(&app, &o.id.to_string());
    assert!((renewed.expires_at.unwrap() - db::now()).num_days() >= 364);
    assert_eq!(Browser::new(&app).get(&format!("/offers/{}", o.id)).await.0, 200);
    // And the one-click link works for a listing about to expire.
    let soon = renewed.expires_at.unwrap() - TimeDelta::days(3);
    assert_eq!(ketnoi::services::listings::remind_expiring(&mut app.db.conn().unwrap(), state.env(), soon).unwrap(), 1);
    let link = link_in_mail(&app, "lan@vien.vn", "listing-expiring", "/renew");
    let path = &link[link.find("/renew").unwrap()..];
    let before = offer_in_db(&app, &o.id.to_string()).expires_at;
    let (status, body) = Browser::new(&app).get(path).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(offer_in_db(&app, &o.id.to_string()).expires_at, before, "opening the link changes nothing");
    let r = Browser::new(&app).confirm(path).await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Đã gia hạn tin"));
    assert!(offer_in_db(&app, &o.id.to_string()).expires_at > before);
}

#[tokio::test]
async fn feeds_and_exports_parse() {
    let app = TestApp::with_demo().await;
    let (status, atom) = app.text("/feeds/offers.atom").await;
    assert_eq!(status, 200);
    let doc = roxmltree::Document::parse(&atom).expect("well-formed Atom");
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    let entries: Vec<_> = root.children().filter(|n| n.has_tag_name("entry")).collect();
    assert_eq!(entries.len(), 37, "every published demo offer");
    for e in &entries {
        for tag in ["title", "id", "updated", "link"] {
            assert!(e.children().any(|n| n.has_tag_name(tag)), "an entry lacks {tag}");
        }
    }
    let (_, needs) = app.text("/feeds/needs.atom").await;
    roxmltree::Document::parse(&needs).expect("well-formed Atom");
    let r = app.get("/feeds/listings.json").await;
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/feed+json"));
    let feed: serde_json::Value = r.json().await.unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 50);
    assert!(items.iter().all(|i| i["id"].is_string() && i["url"].as_str().unwrap().starts_with("http")));
    let (status, export) = app.json("/api/v1/export?limit=5").await;
    assert_eq!(status, 200);
    assert_eq!(export["items"].as_array().unwrap().len(), 5);
    assert_eq!(app.json("/api/v1/export?limit=0").await.0, 400);
    // The staff export: every listing, every status; the CSV parses with a CSV reader.
    let (staff, _) = signed_in(&app, &user(&app, "cb@ketnoi.vn", Role::Staff, None));
    let json: Vec<serde_json::Value> =
        staff.get(format!("{}/staff/export?format=json", app.address)).send().await.unwrap().json().await.unwrap();
    assert_eq!(json.len(), 43 + 26);
    let csv = staff.get(format!("{}/staff/export?format=csv", app.address)).send().await.unwrap().text().await.unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().next(), Some("kind"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 43 + 26);
    assert!(rows.iter().any(|r| r.iter().any(|f| f.contains("Chế phẩm vi sinh xử lý đáy ao nuôi tôm"))));
}

pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 120]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

pub(crate) async fn upload(
    app: &TestApp,
    who: &(reqwest::Client, String),
    id: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
    csrf: bool,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()).mime_str(mime).unwrap();
    let form = reqwest::multipart::Form::new().part("file", part);
    let q = if csrf {
        format!("?csrf_token={}", url::form_urlencoded::byte_serialize(who.1.as_bytes()).collect::<String>())
    } else {
        String::new()
    };
    who.0.post(format!("{}/offers/{id}/attachments{q}", app.address)).multipart(form).send().await.unwrap()
}

#[tokio::test]
async fn attachments_are_sniffed_limited_thumbnailed_and_cleaned_up() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let o = crate::db::offer(c.org.id, "Máy sấy nông sản", ListingStatus::Published);
    db::offers::insert(&mut app.db.conn().unwrap(), &o).unwrap();
    let id = o.id.to_string();
    assert_eq!(
        upload(&app, &c.member, &id, "a.png", "image/png", png(64, 48), false).await.status(),
        403,
        "the CSRF token is required"
    );
    // A real image: stored, thumbnailed, served with cache headers, shown on the public page.
    let r = upload(&app, &c.member, &id, "máy sấy.png", "image/png", png(1200, 800), true).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let files = db::attachments::of_listing(&mut app.db.conn().unwrap(), ListingKind::Offer, &id).unwrap();
    assert_eq!(files.len(), 1);
    let a = &files[0];
    assert_eq!(
        (a.content_type.as_str(), a.width, a.height, a.filename.as_str()),
        ("image/png", Some(1200), Some(800), "máy sấy.png")
    );
    let r = app.get(&format!("/files/{}", a.id)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert!(r.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    let r = app.get(&format!("/files/{}/thumb", a.id)).await;
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let thumb = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert!(thumb.width() <= 400 && thumb.height() <= 400, "a thumbnail, {}×{}", thumb.width(), thumb.height());
    assert!(app.text(&format!("/offers/{id}")).await.1.contains(&format!("/files/{}/thumb", a.id)));
    // The type comes from the bytes: text named .jpg is refused, with a message by the field.
    let r = upload(&app, &c.member, &id, "anh.jpg", "image/jpeg", b"<html>not an image</html>".to_vec(), true).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("kiểm tra theo nội dung tệp"));
    // Too large.
    let mut big = png(8, 8);
    big.resize(6 * 1024 * 1024, 0);
    let r = upload(&app, &c.member, &id, "lon.png", "image/png", big, true).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Tệp quá lớn: tối đa 5 MB"));
    // A PDF brochure is offered as a download.
    let r = upload(
        &app,
        &c.member,
        &id,
        "brochure.pdf",
        "application/pdf",
        b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".to_vec(),
        true,
    )
    .await;
    assert_eq!(r.status(), 303);
    let pdf = db::attachments::of_listing(&mut app.db.conn().unwrap(), ListingKind::Offer, &id)
        .unwrap()
        .into_iter()
        .find(|f| f.content_type == "application/pdf")
        .unwrap();
    let r = app.get(&format!("/files/{}", pdf.id)).await;
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    // Removing the image removes its file and thumbnail from disk.
    let files_dir = app.settings.files_dir();
    let on_disk = ketnoi::services::listings::attachments::path_of(&files_dir, &a.sha256);
    let thumb_on_disk = ketnoi::services::listings::attachments::thumb_of(&files_dir, &a.sha256);
    assert!(on_disk.exists() && thumb_on_disk.exists());
    let r = post(&app, &c.member, &format!("/offers/{id}/attachments/{}/delete", a.id), &[]).await;
    assert_eq!(r.status(), 303);
    assert!(!on_disk.exists() && !thumb_on_disk.exists(), "cleaned up");
    assert_eq!(app.get(&format!("/files/{}", a.id)).await.status(), 404);
    // Files of listings that are not public are for their owners only.
    let draft = crate::db::offer(c.org.id, "Bản nháp", ListingStatus::Draft);
    db::offers::insert(&mut app.db.conn().unwrap(), &draft).unwrap();
    assert_eq!(
        upload(&app, &c.member, &draft.id.to_string(), "b.png", "image/png", png(32, 32), true).await.status(),
        303
    );
    let f = db::attachments::of_listing(&mut app.db.conn().unwrap(), ListingKind::Offer, &draft.id.to_string())
        .unwrap()
        .remove(0);
    assert_eq!(app.get(&format!("/files/{}", f.id)).await.status(), 404);
    assert_eq!(c.member.0.get(format!("{}/files/{}", app.address, f.id)).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn staff_curate_the_showcase_with_photos() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let o = crate::db::offer(c.org.id, "Chế phẩm vi sinh xử lý đáy ao nuôi tôm", ListingStatus::Published);
    let draft = crate::db::offer(c.org.id, "Bản nháp chưa duyệt", ListingStatus::Draft);
    db::offers::insert(&mut app.db.conn().unwrap(), &o).unwrap();
    db::offers::insert(&mut app.db.conn().unwrap(), &draft).unwrap();
    assert_eq!(
        upload(&app, &c.member, &o.id.to_string(), "ao.png", "image/png", png(300, 200), true).await.status(),
        303
    );
    assert!(!app.text("/showcase").await.1.contains("Chế phẩm vi sinh xử lý đáy ao nuôi tôm"));
    let (_, page_) = page(&app, &c.staff, "/staff/showcase").await;
    assert!(page_.contains("0 sản phẩm · 0 tổ chức"));
    assert_eq!(post(&app, &c.staff, &format!("/staff/showcase/{}", o.id), &[("featured", "on")]).await.status(), 303);
    assert_eq!(
        post(&app, &c.staff, &format!("/staff/showcase/{}", draft.id), &[("featured", "on")]).await.status(),
        409,
        "only published offers"
    );
    let (_, page_) = page(&app, &c.staff, "/staff/showcase").await;
    assert!(page_.contains("1 sản phẩm · 1 tổ chức"));
    let (_, showcase) = app.text("/showcase").await;
    let att = db::attachments::of_listing(&mut app.db.conn().unwrap(), ListingKind::Offer, &o.id.to_string())
        .unwrap()
        .remove(0);
    assert!(
        showcase.contains("Chế phẩm vi sinh xử lý đáy ao nuôi tôm")
            && showcase.contains(&format!("/files/{}/thumb", att.id)),
        "with its photo"
    );
    assert!(app.text("/").await.1.contains(&format!("/files/{}/thumb", att.id)), "the home-page strip too");
    assert_eq!(post(&app, &c.staff, &format!("/staff/showcase/{}", o.id), &[("featured", "")]).await.status(), 303);
    assert!(!app.text("/showcase").await.1.contains("Chế phẩm vi sinh xử lý đáy ao nuôi tôm"));
    // Members cannot curate.
    assert_eq!(post(&app, &c.member, &format!("/staff/showcase/{}", o.id), &[("featured", "on")]).await.status(), 403);
}

/// The background loop runs in the test app: with the clock moved on, one tick sends the
/// expiry reminder (through the outbox, delivered), and past the expiry the listing leaves the
/// public pages and the API.
#[tokio::test]
async fn a_year_of_a_listing_with_the_clock_and_the_jobs() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let o = crate::db::offer(c.org.id, "Chế phẩm vi sinh xử lý đáy ao", ListingStatus::Published);
    db::offers::insert(&mut app.db.conn().unwrap(), &o).unwrap();
    app.tick().await;
    assert!(!mails_to(&app, "lan@vien.vn").contains(&"listing-expiring".to_string()), "too early");
    app.advance(TimeDelta::days(355));
    app.tick().await;
    assert!(mails_to(&app, "lan@vien.vn").contains(&"listing-expiring".to_string()));
    let status: String = {
        use diesel::prelude::*;
        use ketnoi::db::schema::outbox;
        outbox::table
            .filter(outbox::template.eq("listing-expiring"))
            .select(outbox::status)
            .first(&mut *app.db.conn().unwrap())
            .unwrap()
    };
    assert_eq!(status, "sent", "the tick delivered it");
    assert!(Browser::new(&app).get("/offers").await.1.contains("Chế phẩm vi sinh xử lý đáy ao"));
    app.advance(TimeDelta::days(11));
    assert!(!Browser::new(&app).get("/offers").await.1.contains("Chế phẩm vi sinh xử lý đáy ao"));
    assert_eq!(app.get(&format!("/api/v1/offers/{}", o.id)).await.status(), 404);
    // The reminder's link still renews it, for a year from the clock's now.
    let link = link_in_mail(&app, "lan@vien.vn", "listing-expiring", "/renew");
    let r = Browser::new(&app).confirm(&link[link.find("/renew").unwrap()..]).await;
    assert_eq!(r.status(), 200);
    let renewed = offer_in_db(&app, &o.id.to_string());
    assert!(renewed.expires_at.unwrap() > app.state.clock.now() + TimeDelta::days(360));
    assert!(Browser::new(&app).get("/offers").await.1.contains("Chế phẩm vi sinh xử lý đáy ao"));
}

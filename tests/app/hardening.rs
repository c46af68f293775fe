//! What an outside review of a `serve --demo` instance broke, one test per finding, on the
//! selected backend: each failed before its fix.

use diesel::prelude::*;
use ketnoi::db;
use ketnoi::domain::*;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::listings::{cast, offer_in_db, page, png, post, upload};

fn count_sessions(app: &TestApp) -> i64 {
    db::schema::login_sessions::table.count().get_result(&mut *app.db.conn().unwrap()).unwrap()
}

fn published_offer(app: &TestApp, org: OrganisationId, title: &str) -> Offer {
    let o = crate::db::offer(org, title, ListingStatus::Published);
    db::offers::insert(&mut app.db.conn().unwrap(), &o).unwrap();
    o
}

// ---------------------------------------------------------------- 1. decompression bomb

/// A PNG that declares `w`×`h` RGBA pixels but carries only the first rows of zeros: a few
/// kilobytes that would decode to w·h·4 bytes.
pub(crate) fn png_bomb(w: u32, h: u32) -> Vec<u8> {
    use std::io::Write;
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA
    chunk(&mut out, b"IHDR", &ihdr);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let row = vec![0u8; 1 + 4 * w as usize];
    for _ in 0..64 {
        z.write_all(&row).unwrap();
    }
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

#[tokio::test]
async fn an_image_bomb_is_refused_before_decoding_and_nobody_else_waits() {
    let app = TestApp::with_demo().await;
    let c = cast(&app, true);
    let o = published_offer(&app, c.org.id, "Máy sấy nông sản");
    let id = o.id.to_string();
    let bomb = png_bomb(11_000, 11_000);
    assert!(bomb.len() < 100_000, "a small file: {} bytes", bomb.len());
    // Eight bombs at once while visitors read pages: every bomb gets a clear 422, every page a 200.
    let uploads = (0..8).map(|_| upload(&app, &c.member, &id, "bom.png", "image/png", bomb.clone(), true));
    let pages = (0..16).map(|i| app.get(if i % 2 == 0 { "/" } else { "/offers" }));
    let (up, pg) = tokio::join!(futures_util::future::join_all(uploads), futures_util::future::join_all(pages));
    for r in up {
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(body.contains("Ảnh quá lớn") && body.contains("megapixel"), "{body}");
    }
    for r in pg {
        assert_eq!(r.status(), 200);
    }
    assert!(db::attachments::of_listing(&mut app.db.conn().unwrap(), ListingKind::Offer, &id).unwrap().is_empty());
    // A real photo still goes through.
    assert_eq!(upload(&app, &c.member, &id, "a.png", "image/png", png(800, 600), true).await.status(), 303);
}

#[tokio::test]
async fn the_file_count_is_checked_before_an_image_is_decoded() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let o = published_offer(&app, c.org.id, "Máy sấy nông sản");
    let id = o.id.to_string();
    for i in 0..10 {
        let pdf = format!("%PDF-1.4\n% tài liệu {i}\n").into_bytes();
        assert_eq!(upload(&app, &c.member, &id, "a.pdf", "application/pdf", pdf, true).await.status(), 303);
    }
    // The eleventh is refused for the count, whatever it is (a bomb is never decoded).
    let r = upload(&app, &c.member, &id, "bom.png", "image/png", png_bomb(11_000, 11_000), true).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("tối đa 10 tệp"));
}

// ---------------------------------------------------------------- 2. invitations

#[tokio::test]
async fn an_invitation_works_once_and_never_signs_an_existing_account_in() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    // A new address: the account is made and signed in, once.
    post(&app, &c.member, &format!("/organisations/{}/members/invite", c.org.id), &[("email", "moi@vien.vn")]).await;
    let link = link_in_mail(&app, "moi@vien.vn", "invite", "/invitations/accept");
    let path = &link[link.find("/invitations/accept").unwrap()..];
    let token = path.split("token=").nth(1).unwrap().to_string();
    let accept = |b: Browser, name: &'static str| {
        let token = token.clone();
        async move {
            let page = path.to_string();
            let r = b
                .submit(
                    &page,
                    "/invitations/accept",
                    &[("token", &token), ("display_name", name), ("password", "một mật khẩu dài hơn")],
                )
                .await;
            (b, r)
        }
    };
    let (_, r) = accept(Browser::new(&app), "Người Mới").await;
    assert_eq!(r.status(), 303);
    assert!(session_cookie(&r).is_some(), "a new account is signed in");
    // The same link again, from a fresh browser: spent.
    let (status, body) = Browser::new(&app).get(path).await;
    assert_eq!(status, 400, "{body}");
    let b = Browser::new(&app);
    let csrf = b.csrf("/login").await;
    let r = b.post("/invitations/accept", &[("token", &token), ("csrf_token", &csrf)]).await;
    assert_eq!(r.status(), 400);
    assert!(session_cookie(&r).is_none());

    // An existing account without an organisation joins, and is never signed in by the link.
    let lone = user(&app, "rieng@vi-du.vn", Role::Member, None);
    post(&app, &c.member, &format!("/organisations/{}/members/invite", c.org.id), &[("email", "rieng@vi-du.vn")]).await;
    let link = link_in_mail(&app, "rieng@vi-du.vn", "invite", "/invitations/accept");
    let path = &link[link.find("/invitations/accept").unwrap()..];
    let token = path.split("token=").nth(1).unwrap();
    let b = Browser::new(&app);
    let r = b.submit(path, "/invitations/accept", &[("token", token)]).await;
    assert_eq!(r.status(), 200);
    assert!(session_cookie(&r).is_none(), "no session from a link");
    assert!(r.text().await.unwrap().contains("đăng nhập"));
    assert_eq!(b.get("/account").await.0, StatusCode::SEE_OTHER, "still signed out");
    let joined = db::users::get(&mut app.db.conn().unwrap(), lone.id).unwrap().unwrap();
    assert_eq!(joined.organisation_id, Some(c.org.id));
    // After leaving, the old link does not bring the person back.
    let me = signed_in(&app, &joined);
    assert_eq!(
        post(&app, &me, &format!("/organisations/{}/members/leave", c.org.id), &[("confirm", "on")]).await.status(),
        303
    );
    let b = Browser::new(&app);
    let csrf = b.csrf("/login").await;
    assert_eq!(b.post("/invitations/accept", &[("token", token), ("csrf_token", &csrf)]).await.status(), 400);
    assert_eq!(db::users::get(&mut app.db.conn().unwrap(), lone.id).unwrap().unwrap().organisation_id, None);
}

// ---------------------------------------------------------------- 3. redirects after sign-in

#[tokio::test]
async fn sign_in_goes_only_to_a_path_of_this_site() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Viện", true);
    user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    for (next, to) in [
        ("/\t/evil.example", "/account"),
        ("/\n/evil.example", "/account"),
        ("/\r\nSet-Cookie: a=b", "/account"),
        ("//evil.example", "/account"),
        ("https://evil.example/", "/account"),
        // Found by fuzzing: a path that resolves to `//evil.example`.
        ("/a/..//evil.example", "/account"),
        ("/my/listings", "/my/listings"),
    ] {
        let b = Browser::new(&app);
        let csrf = b.csrf("/login").await;
        let r = b
            .post("/login", &[("email", "lan@vien.vn"), ("password", PASSWORD), ("next", next), ("csrf_token", &csrf)])
            .await;
        assert_eq!(r.status(), 303, "{next:?}");
        assert_eq!(location(&r), to, "{next:?}");
    }
    // One session per sign-in, no orphan.
    assert_eq!(count_sessions(&app), 7);
}

// ---------------------------------------------------------------- 4. CR/LF in names

#[tokio::test]
async fn a_line_break_in_a_name_is_refused_and_stored_ones_cannot_break_email() {
    let app = TestApp::spawn().await;
    // Refused at the boundary, with the field's message.
    let b = Browser::new(&app);
    let r = b
        .submit(
            "/register",
            "/register",
            &[
                ("kind", "enterprise"),
                ("name", "Công ty\r\nBcc: ai@evil.example"),
                ("province", "hue"),
                ("display_name", "An\r\nBcc: ai@evil.example"),
                ("email", "an@cty.vn"),
                ("password", PASSWORD),
                ("accept_terms", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("ký tự điều khiển"));
    // A name stored before the rule (or by hand) still gets mail, and the answer to a reset request
    // is the same as for an unknown address.
    let o = new_org(&app, "Viện", true);
    let mut u = user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    u.display_name = "Lan\r\nBcc: ai@evil.example".into();
    db::users::update(&mut app.db.conn().unwrap(), &u).unwrap();
    let known = Browser::new(&app).submit("/reset", "/reset", &[("email", "lan@vien.vn")]).await;
    let unknown = Browser::new(&app).submit("/reset", "/reset", &[("email", "khong-co@vien.vn")]).await;
    assert_eq!(known.status(), 200);
    assert_eq!(unknown.status(), 200);
    let raw: String = db::schema::outbox::table
        .filter(db::schema::outbox::recipient.eq("lan@vien.vn"))
        .select(db::schema::outbox::message)
        .first(&mut *app.db.conn().unwrap())
        .unwrap();
    let headers = &raw[..raw.find("\r\n\r\n").unwrap()];
    assert!(!headers.lines().any(|l| l.to_ascii_lowercase().starts_with("bcc:")), "{headers}");
    // Staff can still return a listing of that organisation (its members are emailed).
    let staff = signed_in(&app, &user(&app, "canbo@ketnoi.vn", Role::Staff, None));
    let l = crate::db::offer(o.id, "Chế phẩm vi sinh", ListingStatus::Submitted);
    db::offers::insert(&mut app.db.conn().unwrap(), &l).unwrap();
    let r = post(
        &app,
        &staff,
        &format!("/staff/review/offer/{}", l.id),
        &[("decision", "return"), ("reason", "Cần bổ sung số liệu thử nghiệm.")],
    )
    .await;
    assert_eq!(r.status(), 303);
}

// ---------------------------------------------------------------- 5. CSV injection

#[tokio::test]
async fn csv_cells_cannot_run_as_formulas_and_import_reads_them_back() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let mut o = crate::db::offer(c.org.id, "=HYPERLINK(\"http://evil.example\",\"Bấm\")", ListingStatus::Draft);
    o.ip_number = Some("+84 234 3822 111".into());
    o.advantages = "@SUM(A1:A9)".into();
    o.applications = "-1+1".into();
    db::offers::insert(&mut app.db.conn().unwrap(), &o).unwrap();
    let r = c.staff.0.get(format!("{}/staff/export?format=csv", app.address)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csv = r.text().await.unwrap();
    assert!(csv.starts_with('\u{FEFF}'), "a byte-order mark for Excel");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Bấm\"\")\""), "{csv}");
    assert!(csv.contains(",'+84 234 3822 111,") && csv.contains(",'@SUM(A1:A9),") && csv.contains(",'-1+1,"));
    // `ketnoi import` reads its own export back: the values are as they were.
    let file = app.settings.data_dir.join("export.csv");
    std::fs::write(&file, &csv).unwrap();
    let other = new_org(&app, "Công ty Khác", true);
    let opts = ketnoi::services::listings::import::Options {
        kind: ListingKind::Offer,
        format: ketnoi::services::listings::import::Format::Csv,
        mapping: vec![],
        organisation: Some(other.id),
        province: Province::Hue,
        publish: false,
        skip_invalid: false,
    };
    let lifetime = app.settings.listing_lifetime();
    let report =
        ketnoi::services::listings::import::import(&mut app.db.conn().unwrap(), lifetime, &file, &opts, |_, _| {})
            .unwrap();
    assert_eq!((report.imported, report.invalid.len()), (1, 0), "{:?}", report.invalid);
    let back = db::offers::by_organisation(&mut app.db.conn().unwrap(), other.id).unwrap();
    assert_eq!(back[0].title, o.title);
    assert_eq!(back[0].ip_number, o.ip_number);
    assert_eq!(back[0].advantages, o.advantages);
    assert_eq!(back[0].applications, o.applications);
}

// ---------------------------------------------------------------- 6. identity of verified organisations

#[tokio::test]
async fn a_verified_organisation_cannot_take_another_identity_without_staff() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let rival = new_org(&app, "Công ty Thủy sản Thuận An", true);
    let settings = format!("/organisations/{}/settings", c.org.id);
    let (_, body) = page(&app, &c.member, &settings).await;
    let mut form: Vec<(String, String)> = ["kind", "tax_code", "province", "address", "contact_name", "contact_email"]
        .iter()
        .map(|f| (f.to_string(), input_value(&body, f)))
        .collect();
    let with = |form: &[(String, String)], name: &str, tax: &str| {
        let mut f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        f.retain(|(k, _)| *k != "tax_code");
        f.push(("name", name));
        f.push(("tax_code", tax));
        f.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>()
    };
    // Another verified organisation's name (diacritics and case aside) is refused.
    let f = with(&form, "CONG TY THUY SAN THUAN AN", "");
    let r =
        post(&app, &c.member, &settings, &f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("đã mang tên này"));
    // A new name and tax code are held: the public page keeps the verified ones.
    form.retain(|(k, _)| k != "kind");
    form.push(("kind".into(), "enterprise".into()));
    let f = with(&form, "Viện Mới Đổi Tên", "3301234567");
    let r =
        post(&app, &c.member, &settings, &f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()).await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).ends_with("saved=held"));
    let (_, body) = page(&app, &c.member, &location(&r)).await;
    assert!(body.contains("Trung tâm duyệt") && body.contains("Viện Mới Đổi Tên"), "{body}");
    let now = db::organisations::get(&mut app.db.conn().unwrap(), c.org.id).unwrap().unwrap();
    assert_eq!((now.name.as_str(), now.verified_at.is_some()), (c.org.name.as_str(), true));
    let (_, public) = Browser::new(&app).get(&format!("/organisations/{}", c.org.id)).await;
    assert!(public.contains(&c.org.name) && !public.contains("Viện Mới Đổi Tên"));
    // Staff see it and approve it.
    let (_, queue) = page(&app, &c.staff, "/staff/organisations").await;
    assert!(queue.contains("Viện Mới Đổi Tên"), "{queue}");
    let r = post(&app, &c.staff, &format!("/staff/organisations/{}/change/approve", c.org.id), &[]).await;
    assert_eq!(r.status(), 303);
    let now = db::organisations::get(&mut app.db.conn().unwrap(), c.org.id).unwrap().unwrap();
    assert_eq!((now.name.as_str(), now.tax_code.as_deref()), ("Viện Mới Đổi Tên", Some("3301234567")));
    let log = db::audit::for_entity(&mut app.db.conn().unwrap(), "organisation", &c.org.id.to_string()).unwrap();
    for action in ["organisation.change_requested", "organisation.change_approved"] {
        assert!(log.iter().any(|a| a.action == action), "{action}");
    }
    // The rival's tax code cannot be taken either.
    let mut r2 = rival.clone();
    r2.tax_code = Some("3309999999".into());
    db::organisations::update(&mut app.db.conn().unwrap(), &r2).unwrap();
    let f = with(&form, "Viện Mới Đổi Tên", "3309999999");
    let r =
        post(&app, &c.member, &settings, &f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()).await;
    assert_eq!(r.status(), 422);
    // Staff cannot verify a second organisation that reads like a verified one.
    let twin = new_org(&app, "Công ty Thủy sản Thuận An", false);
    let r = post(&app, &c.staff, &format!("/staff/organisations/{}/verify", twin.id), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 422);
    assert!(db::organisations::get(&mut app.db.conn().unwrap(), twin.id).unwrap().unwrap().verified_at.is_none());
}

/// The value of the input named `name` in a form page.
fn input_value(body: &str, name: &str) -> String {
    let at = body.find(&format!(r#"name="{name}""#)).unwrap_or_else(|| panic!("no field {name}"));
    let tag_start = body[..at].rfind('<').unwrap();
    let tag = &body[tag_start..];
    if tag.starts_with("<select") {
        let end = tag.find("</select>").unwrap();
        let sel = tag[..end].find("selected").map(|i| &tag[..i]).unwrap_or("");
        let v = sel.rfind("value=\"").map(|i| &sel[i + 7..]).unwrap_or("");
        return v.split('"').next().unwrap_or("").to_string();
    }
    if tag.starts_with("<textarea") {
        let gt = tag.find('>').unwrap();
        return tag[gt + 1..tag.find("</textarea>").unwrap()].to_string();
    }
    let tag = &tag[..tag.find('>').unwrap()];
    tag.find("value=\"").map(|i| tag[i + 7..].split('"').next().unwrap().to_string()).unwrap_or_default()
}

// ---------------------------------------------------------------- 7. email change

#[tokio::test]
async fn only_the_latest_email_change_works_and_the_old_address_is_told() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let other_browser = signed_in(&app, &c.member_user);
    for new in ["lan.a@vien.vn", "lan.b@vien.vn"] {
        let r = post(&app, &c.member, "/account/email", &[("new_email", new), ("password", PASSWORD)]).await;
        assert_eq!(r.status(), 303);
    }
    let older = link_in_mail(&app, "lan.a@vien.vn", "change-email", "/account/email/confirm");
    let newer = link_in_mail(&app, "lan.b@vien.vn", "change-email", "/account/email/confirm");
    let path = |l: &str| l[l.find("/account/email/confirm").unwrap()..].to_string();
    assert_eq!(Browser::new(&app).get(&path(&older)).await.0, 400, "replaced by the newer request");
    let r = confirm_with(&c.member.0, &app.address, &path(&newer)).await;
    assert_eq!(r.status(), 200);
    let u = db::users::get(&mut app.db.conn().unwrap(), c.member_user.id).unwrap().unwrap();
    assert_eq!(u.email.as_str(), "lan.b@vien.vn");
    // Once only; the old address is told; the other browser is signed out, this one is not.
    assert_eq!(Browser::new(&app).get(&path(&newer)).await.0, 400);
    assert!(mail_text(&app, "lan@vien.vn", "email-changed").contains("lan.b@vien.vn"));
    assert_eq!(page(&app, &other_browser, "/account").await.0, StatusCode::SEE_OTHER);
    assert_eq!(page(&app, &c.member, "/account").await.0, StatusCode::OK);
}

// ---------------------------------------------------------------- 8. API tokens and passwords

#[tokio::test]
async fn api_tokens_end_with_a_password_change_or_reset() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let me = |secret: String| {
        let url = format!("{}/api/v1/me", app.address);
        async move { reqwest::Client::new().get(url).bearer_auth(secret).send().await.unwrap().status() }
    };
    let (_, secret) =
        db::api_tokens::create(&mut app.db.conn().unwrap(), c.member_user.id, Some(c.org.id), "máy chủ").unwrap();
    assert_eq!(me(secret.clone()).await, 200);
    let r = post(
        &app,
        &c.member,
        "/account/password",
        &[("current_password", PASSWORD), ("new_password", "một mật khẩu mới dài")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(me(secret).await, 401);
    let (_, body) = page(&app, &c.member, &location(&r)).await;
    assert!(body.contains("mã API"), "the page says so");
    // A reset revokes them too.
    let (_, secret) =
        db::api_tokens::create(&mut app.db.conn().unwrap(), c.member_user.id, Some(c.org.id), "máy chủ 2").unwrap();
    Browser::new(&app).submit("/reset", "/reset", &[("email", "lan@vien.vn")]).await;
    let link = link_in_mail(&app, "lan@vien.vn", "reset-password", "/reset/confirm");
    let path = &link[link.find("/reset/confirm").unwrap()..];
    let token = path.split("token=").nth(1).unwrap();
    let r = Browser::new(&app)
        .submit(path, "/reset/confirm", &[("token", token), ("password", "mật khẩu sau khi đặt lại")])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(me(secret).await, 401);
}

// ---------------------------------------------------------------- 9. session flooding

#[tokio::test]
async fn visitors_opening_forms_store_nothing() {
    let app = TestApp::spawn().await;
    for i in 0..60 {
        let path = ["/login", "/register", "/reset"][i % 3];
        let r = reqwest::Client::new().get(format!("{}{path}", app.address)).send().await.unwrap();
        assert_eq!(r.status(), 200);
    }
    assert_eq!(count_sessions(&app), 0);
    // The forms still work with the visitor's signed cookie; a forged one is refused.
    let o = new_org(&app, "Viện", true);
    user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    assert_eq!(Browser::new(&app).login("lan@vien.vn", PASSWORD).await.status(), 303);
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str("ketnoi_form=eyJzdWIiOiJ4In0.AAAA; Path=/", &app.address.parse().unwrap());
    let forged = reqwest::Client::builder().cookie_provider(jar).build().unwrap();
    let r = forged
        .post(format!("{}/login", app.address))
        .form(&[("email", "lan@vien.vn"), ("password", PASSWORD), ("csrf_token", "AAAA")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

// ---------------------------------------------------------------- 10. control and invisible characters

#[tokio::test]
async fn invisible_characters_are_removed_and_control_characters_refused() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    let (_, secret) =
        db::api_tokens::create(&mut app.db.conn().unwrap(), c.member_user.id, Some(c.org.id), "t").unwrap();
    let client = reqwest::Client::new();
    let body = serde_json::json!({
        "title": "Chế phẩm\u{0} vi sinh\u{FFFF} cho\u{202E} ao\u{200B} tôm\u{FEFF}",
        "summary": "Tóm tắt\tcó tab\r\nvà xuống dòng",
        "description": "Mô tả\u{0}", "sector": "aquaculture", "province": "hue",
        "keywords": ["vi\u{2066}sinh", "tôm"], "applications": "👩\u{200D}🔬 phòng thí nghiệm",
    });
    let r =
        client.post(format!("{}/api/v1/offers", app.address)).bearer_auth(&secret).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
    let id = r.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let o = offer_in_db(&app, &id);
    assert_eq!(o.title, "Chế phẩm vi sinh cho ao tôm");
    assert_eq!(o.summary, "Tóm tắt\tcó tab\nvà xuống dòng");
    assert_eq!(o.description, "Mô tả");
    assert_eq!(o.keywords.as_slice(), ["visinh", "tôm"]);
    assert_eq!(o.applications, "👩\u{200D}🔬 phòng thí nghiệm", "joiners are kept");
    // A line break or tab in a single-line field is refused with its field named.
    let r = client
        .post(format!("{}/api/v1/offers", app.address))
        .bearer_auth(&secret)
        .json(&serde_json::json!({"title": "Tiêu đề\ncó xuống dòng", "sector": "it", "province": "hue"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("title"));
    // The feed of a published listing with what was typed is well-formed XML.
    let mut p = o.clone();
    p.status = ListingStatus::Published;
    p.published_at = Some(db::now());
    p.expires_at = Some(db::now() + chrono::TimeDelta::days(30));
    db::offers::update(&mut app.db.conn().unwrap(), &p, p.version).unwrap();
    let (status, atom) = app.text("/feeds/offers.atom").await;
    assert_eq!(status, 200);
    roxmltree::Document::parse(&atom).expect("well-formed Atom");
}

// ---------------------------------------------------------------- 11. HTTP hygiene

#[tokio::test]
async fn unsupported_methods_get_405_and_head_works() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    for (method, path, allow) in [
        (reqwest::Method::PUT, "/offers", "GET, HEAD"),
        (reqwest::Method::DELETE, "/api/v1/offers", "POST, GET, HEAD"),
        (reqwest::Method::GET, "/logout", "POST"),
        (reqwest::Method::POST, "/healthz", "GET, HEAD"),
    ] {
        let r = client.request(method.clone(), format!("{}{path}", app.address)).send().await.unwrap();
        assert_eq!(r.status(), 405, "{method} {path}");
        assert_eq!(r.headers()["allow"], allow, "{method} {path}");
    }
    for path in ["/healthz", "/", "/offers", "/api/v1/offers", "/feeds/offers.atom"] {
        let r = client.head(format!("{}{path}", app.address)).send().await.unwrap();
        assert_eq!(r.status(), 200, "HEAD {path}");
        assert!(r.text().await.unwrap().is_empty(), "HEAD {path} has no body");
    }
    assert_eq!(client.head(format!("{}/nowhere", app.address)).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn parallel_sign_in_attempts_try_at_most_five_passwords() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Viện", true);
    user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    let mut browsers = Vec::new();
    for _ in 0..40 {
        let b = Browser::new(&app);
        let csrf = b.csrf("/login").await;
        browsers.push((b, csrf));
    }
    let attempts =
        browsers.iter().enumerate().map(|(i, (b, csrf))| {
            let pw = format!("sai mật khẩu số {i}");
            async move {
                b.post("/login", &[("email", "lan@vien.vn"), ("password", &pw), ("csrf_token", csrf)]).await.status()
            }
        });
    let statuses = futures_util::future::join_all(attempts).await;
    let tried = statuses.iter().filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY).count();
    let locked = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(tried + locked, 40, "{statuses:?}");
    assert!(tried <= 5, "{tried} passwords were tried");
}

// ---------------------------------------------------------------- 12. organisation names in API lists

#[tokio::test]
async fn api_lists_name_the_organisation_of_every_listing() {
    let app = TestApp::with_demo().await;
    for path in ["/api/v1/offers?per_page=100", "/api/v1/needs?per_page=100"] {
        let (status, body) = app.json(path).await;
        assert_eq!(status, 200);
        let items = body["items"].as_array().unwrap();
        assert!(items.len() > 20);
        for item in items {
            assert!(!item["organisation"]["name"].as_str().unwrap().is_empty(), "{path}: {item}");
            assert!(item["published_at"].as_str().unwrap().ends_with('Z'), "RFC 3339 in UTC");
        }
    }
}

// ---------------------------------------------------------------- 13. only verified organisations publish

#[tokio::test]
async fn listings_of_unverified_organisations_are_not_published() {
    let app = TestApp::spawn().await;
    let c = cast(&app, false);
    let l = crate::db::offer(c.org.id, "Chế phẩm vi sinh", ListingStatus::Submitted);
    db::offers::insert(&mut app.db.conn().unwrap(), &l).unwrap();
    let review = format!("/staff/review/offer/{}", l.id);
    let (_, body) = page(&app, &c.staff, &review).await;
    assert!(body.contains("chưa được xác minh"), "the page says why");
    assert!(!body.contains(r#"value="approve" selected"#), "approval is not preselected");
    let r = post(&app, &c.staff, &review, &[("decision", "approve"), ("reason", "")]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("chưa được xác minh"));
    assert_eq!(offer_in_db(&app, &l.id.to_string()).status, ListingStatus::Submitted);
    // Verified first, then approved.
    post(&app, &c.staff, &format!("/staff/organisations/{}/verify", c.org.id), &[("confirm", "yes")]).await;
    assert_eq!(post(&app, &c.staff, &review, &[("decision", "approve"), ("reason", "")]).await.status(), 303);
    assert_eq!(offer_in_db(&app, &l.id.to_string()).status, ListingStatus::Published);
    // Import --publish for an unverified organisation is refused before anything is read.
    let unverified = new_org(&app, "Công ty Chưa Xác Minh", false);
    let file = app.settings.data_dir.join("x.csv");
    std::fs::write(&file, "title,summary,description,sector,province\nMáy bóc vỏ lạc,Tóm tắt,Mô tả,agriculture,hue\n")
        .unwrap();
    let opts = ketnoi::services::listings::import::Options {
        kind: ListingKind::Offer,
        format: ketnoi::services::listings::import::Format::Csv,
        mapping: vec![],
        organisation: Some(unverified.id),
        province: Province::Hue,
        publish: true,
        skip_invalid: false,
    };
    let lifetime = app.settings.listing_lifetime();
    let e = ketnoi::services::listings::import::import(&mut app.db.conn().unwrap(), lifetime, &file, &opts, |_, _| {})
        .unwrap_err();
    assert!(matches!(e.downcast_ref(), Some(ketnoi::services::listings::import::Refused::NotVerified(_))), "{e}");
    assert!(db::offers::by_organisation(&mut app.db.conn().unwrap(), unverified.id).unwrap().is_empty());
}

// ---------------------------------------------------------------- 14. emailed links and scanners

#[tokio::test]
async fn opening_an_emailed_link_changes_nothing() {
    let app = TestApp::spawn().await;
    let c = cast(&app, true);
    post(&app, &c.member, "/account/email", &[("new_email", "lan.moi@vien.vn"), ("password", PASSWORD)]).await;
    let link = link_in_mail(&app, "lan.moi@vien.vn", "change-email", "/account/email/confirm");
    let path = &link[link.find("/account/email/confirm").unwrap()..];
    // A scanner opens it twice, without cookies.
    for _ in 0..2 {
        let (status, body) = Browser::new(&app).get(path).await;
        assert_eq!(status, 200);
        assert!(body.contains("<form") && body.contains("lan.moi@vien.vn"));
    }
    let u = db::users::get(&mut app.db.conn().unwrap(), c.member_user.id).unwrap().unwrap();
    assert_eq!(u.email.as_str(), "lan@vien.vn");
}

// ---------------------------------------------------------------- the route table

#[actix_web::test]
async fn a_route_outside_the_table_is_never_served() {
    use actix_web::{App, HttpResponse, test, web};
    let test_db = TestDb::new();
    let settings = ketnoi::config::Settings::for_data_dir(test_db.dir.path(), test_db.url.clone()).unwrap();
    let pool = db::Db::connect(&settings.database).unwrap();
    pool.migrate().unwrap();
    let state = ketnoi::state::AppState::new(pool, settings).unwrap();
    let app = test::init_service(
        App::new()
            .app_data(web::Data::new(state))
            .wrap(actix_web::middleware::from_fn(ketnoi::web::auth::authenticate))
            .route("/forgotten", web::get().to(|| async { HttpResponse::Ok().body("secret") }))
            .route("/forgotten", web::post().to(|| async { HttpResponse::Ok().body("changed") }))
            .configure(ketnoi::web::configure),
    )
    .await;
    for req in [test::TestRequest::get(), test::TestRequest::post()] {
        let res = test::call_service(&app, req.uri("/forgotten").to_request()).await;
        assert_eq!(res.status(), 404);
    }
    // A route of the table is served.
    let res = test::call_service(&app, test::TestRequest::get().uri("/healthz").to_request()).await;
    assert_eq!(res.status(), 200);
}

// ---------------------------------------------------------------- the API contract

#[tokio::test]
async fn the_api_holds_to_its_document() {
    let app = TestApp::with_demo().await;
    let c = cast(&app, true);
    let (_, secret) =
        db::api_tokens::create(&mut app.db.conn().unwrap(), c.member_user.id, Some(c.org.id), "t").unwrap();
    let client = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", app.address);
    // Parameters: blank or non-digit values are refused on the API, forgiven on pages.
    for p in
        ["/api/v1/offers?page=", "/api/v1/offers?per_page=%2B5", "/api/v1/search?trl_max=0", "/api/v1/search?sector="]
    {
        assert_eq!(app.get(p).await.status(), 400, "{p}");
    }
    assert_eq!(app.get("/offers?page=&sector=").await.status(), 200);
    assert_eq!(app.get("/api/v1/export?since=2026-01-01T00:00:00%2B07:00&limit=5").await.status(), 200);
    // The document names every code and every status.
    let (_, doc) = app.json("/api/openapi.json").await;
    let params = doc.pointer("/paths/~1api~1v1~1search/get/parameters").unwrap().as_array().unwrap();
    let sector = params.iter().find(|p| p["name"] == "sector").unwrap();
    assert!(sector["schema"]["items"]["enum"].as_array().unwrap().contains(&serde_json::json!("aquaculture")));
    assert!(doc.pointer("/paths/~1api~1v1~1offers~1{id}/patch/responses/429").is_some());
    // Bodies: whole numbers written as 8.0 are numbers; null where the document has none is refused;
    // a new listing carries no version.
    let create = |body: serde_json::Value| client.post(url("/api/v1/offers")).bearer_auth(&secret).json(&body).send();
    let r =
        create(serde_json::json!({"title": "Máy sấy nông sản", "sector": "agriculture", "trl": 8.0})).await.unwrap();
    assert_eq!(r.status(), 201);
    let created: serde_json::Value = r.json().await.unwrap();
    assert_eq!(created["trl"], 8);
    assert_eq!(created["province"], "hue", "the organisation's province");
    let r = create(serde_json::json!({"title": null, "sector": "agriculture"})).await.unwrap();
    assert_eq!(r.status(), 400);
    let r =
        create(serde_json::json!({"title": "Máy sấy nông sản", "sector": "agriculture", "version": 3})).await.unwrap();
    assert_eq!(r.status(), 400);
    // The owner reads its draft; others do not see it.
    let id = created["id"].as_str().unwrap();
    let r = client.get(url(&format!("/api/v1/offers/{id}"))).bearer_auth(&secret).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(app.get(&format!("/api/v1/offers/{id}")).await.status(), 404);
    // Submitting an incomplete draft is a conflict with its state, naming what is missing.
    let r = client
        .post(url(&format!("/api/v1/offers/{id}/submit")))
        .bearer_auth(&secret)
        .json(&serde_json::json!({"version": 1.0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("description"));
}

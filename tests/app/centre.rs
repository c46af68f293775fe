//! The centre's side over real HTTP, on the selected backend: the staff console and its outbox
//! and audit pages, the organisation verification's confirmation step, the review page, the
//! centre's own pages and news (Markdown cleaned of script, photos checked as uploads are), the
//! statistics and their exports, and the yearly report against the targets.

use diesel::prelude::*;
use ketnoi::db;
use ketnoi::domain::*;

use crate::helpers::*;

fn staff_of(app: &TestApp) -> (reqwest::Client, String) {
    signed_in(app, &user(app, "canbo@trungtam.vn", Role::Staff, None))
}

async fn post(app: &TestApp, who: &(reqwest::Client, String), path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    let mut f = form.to_vec();
    f.push(("csrf_token", who.1.as_str()));
    who.0.post(format!("{}{path}", app.address)).form(&f).send().await.unwrap()
}

async fn page(app: &TestApp, who: &(reqwest::Client, String), path: &str) -> (u16, String) {
    let r = who.0.get(format!("{}{path}", app.address)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn the_centres_pages_ship_with_text_and_staff_edit_them_in_markdown_without_script() {
    let app = TestApp::spawn().await;
    // The shipped privacy notice names the decree, what is collected and how to use the rights.
    let (status, vi) = app.text("/privacy").await;
    assert_eq!(status, 200);
    assert!(vi.contains("Nghị định 13/2023") && vi.contains(r#"href="/account/export""#), "{vi}");
    let r = app.client.get(format!("{}/privacy?lang=en", app.address)).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("Decree 13/2023"));
    for path in ["/about", "/terms", "/contact", "/news", "/statistics"] {
        let (status, body) = app.text(path).await;
        assert_eq!(status, 200, "{path}");
        // Every page's footer links the centre's pages.
        for link in ["/about", "/terms", "/privacy", "/contact", "/news", "/statistics"] {
            assert!(body.contains(&format!(r#"href="{link}""#)), "{path} has no link to {link}");
        }
    }
    assert_eq!(app.text("/terms").await.0, 200);

    let staff = staff_of(&app);
    let member_org = new_org(&app, "Công ty Thành viên", true);
    let member = signed_in(&app, &user(&app, "tv@congty.vn", Role::Member, Some(member_org.id)));
    let evil = "## Chính sách\n\n**đậm** <script>alert(1)</script> [liên kết](javascript:alert(1)) <img src=x onerror=alert(2)>";
    assert_eq!(post(&app, &member, "/staff/pages/privacy", &[("body_vi", evil), ("body_en", "x")]).await.status(), 403);
    let r = post(&app, &staff, "/staff/pages/privacy", &[("body_vi", evil), ("body_en", "## Policy\n\nText.")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/staff/pages?done=page_saved");
    let (_, notice) = page(&app, &staff, &location(&r)).await;
    assert!(notice.contains("Đã lưu trang"), "the staff are told what happened");
    let (_, shown) = app.text("/privacy?lang=vi").await;
    assert!(shown.contains("<strong>đậm</strong>") && shown.contains("<h2>Chính sách</h2>"));
    for bad in ["<script", "javascript:", "onerror"] {
        assert!(!shown.contains(bad), "{bad} reached the page");
    }
    // Bad input: an empty text or a control character is refused next to its field; the
    // stored text stays as it was, in both languages.
    let r = post(&app, &staff, "/staff/pages/privacy", &[("body_vi", ""), ("body_en", "ok")]).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains(r#"id="page-body_vi-error""#), "{body}");
    let r = post(&app, &staff, "/staff/pages/privacy", &[("body_vi", "a\u{7}b"), ("body_en", "new")]).await;
    assert_eq!(r.status(), 422);
    let mut c = app.db.conn().unwrap();
    assert_eq!(db::centre::page(&mut c, "privacy", "en").unwrap().unwrap().body, "## Policy\n\nText.");
    assert_eq!(page(&app, &staff, "/staff/pages/nowhere").await.0, 404);
    let actions: Vec<String> =
        db::audit::for_entity(&mut c, "centre_page", "privacy/vi").unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["centre.page_saved"]);
}

#[tokio::test]
async fn news_is_drafted_published_with_a_checked_photo_and_fed_as_atom() {
    let app = TestApp::spawn().await;
    let staff = staff_of(&app);
    let form = [
        ("title_vi", "Phiên kết nối tháng Ba"),
        ("body_vi", "Mở đăng ký.\n\n- 20 phút mỗi cuộc gặp"),
        ("title_en", ""),
        ("body_en", ""),
    ];
    let r = post(&app, &staff, "/staff/news", &form).await;
    assert_eq!(r.status(), 303);
    let at = location(&r);
    let id = at.trim_start_matches("/staff/news/").split('?').next().unwrap().to_string();
    // A draft: staff see it; the public does not.
    assert_eq!(app.text(&format!("/news/{id}")).await.0, 404);
    assert!(!app.text("/news").await.1.contains("Phiên kết nối tháng Ba"));
    assert_eq!(page(&app, &staff, &format!("/news/{id}")).await.0, 200);

    // The photo: a real image is stored; a text file, or a bomb of pixels, is refused.
    let upload = |bytes: Vec<u8>| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name("anh.png").mime_str("image/png").unwrap();
        let q: String = url::form_urlencoded::byte_serialize(staff.1.as_bytes()).collect();
        staff
            .0
            .post(format!("{}/staff/news/{id}/photo?csrf_token={q}", app.address))
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
    };
    let r = upload(b"not an image at all".to_vec()).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(r#"id="photo-file-error""#));
    assert_eq!(upload(crate::hardening::png_bomb(20_000, 20_000)).await.unwrap().status(), 422);
    assert_eq!(upload(crate::listings::png(64, 40)).await.unwrap().status(), 303);

    // Published: in the list, on its page (English falls back to Vietnamese), in the feed.
    let mut published = form.to_vec();
    published.push(("publish", "on"));
    published[0] = ("title_vi", "Phiên kết nối tháng Ba <b>2027</b>");
    assert_eq!(post(&app, &staff, &format!("/staff/news/{id}"), &published).await.status(), 303);
    let (_, list) = app.text("/news").await;
    assert!(list.contains("Phiên kết nối tháng Ba &#60;b&#62;2027&#60;/b&#62;"), "titles are escaped: {list}");
    let r = app.client.get(format!("{}/news/{id}?lang=en", app.address)).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("<li>20 phút mỗi cuộc gặp</li>"));
    let photo = app.get(&format!("/news/{id}/photo")).await;
    assert_eq!(photo.headers()["content-type"], "image/png");
    assert_eq!(app.get(&format!("/news/{id}/thumb")).await.headers()["content-type"], "image/jpeg");
    let feed = app.get("/news/feed.atom").await.text().await.unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entries: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("entry")).collect();
    assert_eq!(entries.len(), 1);
    let title = entries[0].descendants().find(|n| n.has_tag_name("title")).unwrap().text().unwrap();
    assert_eq!(title, "Phiên kết nối tháng Ba <b>2027</b>");

    // A bad edit is refused next to its field and changes nothing.
    let r = post(&app, &staff, &format!("/staff/news/{id}"), &[("title_vi", "x\r\ny"), ("body_vi", "b")]).await;
    assert_eq!(r.status(), 422);
    let stored = db::centre::news_item(&mut app.db.conn().unwrap(), &id).unwrap().unwrap();
    assert!(stored.published_at.is_some() && stored.title_vi.starts_with("Phiên kết nối tháng Ba"));
    // Removing the photo removes it from the page and the file store.
    assert_eq!(post(&app, &staff, &format!("/staff/news/{id}/photo/delete"), &[]).await.status(), 303);
    assert_eq!(app.get(&format!("/news/{id}/photo")).await.status(), 404);
    assert_eq!(post(&app, &staff, "/staff/news/nope", &form).await.status(), 404);
}

#[tokio::test]
async fn the_console_shows_todays_work_and_staff_retry_a_failed_email() {
    let app = TestApp::with_demo().await;
    let staff = staff_of(&app);
    let now = db::now();
    let failed = db::outbox::OutboxRow {
        id: uuid::Uuid::now_v7().to_string(),
        dedupe_key: "test-failed".into(),
        recipient: "sai@dia-chi.example".into(),
        locale: "vi".into(),
        template: "notice".into(),
        subject: "Thư thử".into(),
        message: "Subject: x\r\n\r\nx".into(),
        message_id: "<x@ketnoi>".into(),
        status: "failed".into(),
        attempts: 8,
        next_attempt_at: now,
        claimed_until: None,
        last_error: Some("550 mailbox unavailable".into()),
        entity_type: None,
        entity_id: None,
        created_at: now,
        sent_at: None,
    };
    db::outbox::insert_if_new(&mut app.db.conn().unwrap(), &failed).unwrap();
    let (status, home) = page(&app, &staff, "/staff").await;
    assert_eq!(status, 200);
    let today = ketnoi::services::console::today(&mut app.db.conn().unwrap(), app.state.clock.now()).unwrap();
    assert!(today.listings + today.revisions > 0, "the demo has listings waiting");
    for shown in [
        format!("<strong>{}</strong> <span>tin và thay đổi chờ duyệt", today.listings + today.revisions),
        "550 mailbox unavailable".to_string(),
        "Duyệt đăng ký; đóng đăng ký khi đến hạn".to_string(),
    ] {
        assert!(home.contains(&shown), "{shown} not on the console");
    }
    // A member does not get in.
    let org = new_org(&app, "Công ty Khác", true);
    let member = signed_in(&app, &user(&app, "khac@congty.vn", Role::Member, Some(org.id)));
    assert_eq!(page(&app, &member, "/staff").await.0, 403);

    let r = post(&app, &staff, &format!("/staff/outbox/{}/retry", failed.id), &[]).await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, "/staff/outbox?done=retried".to_string()));
    let row = db::outbox::get(&mut app.db.conn().unwrap(), &failed.id).unwrap().unwrap();
    assert!(row.status == "queued" || row.status == "sending" || row.status == "sent", "{}", row.status);
    assert_eq!(row.attempts.min(1), row.attempts, "the attempts start again");
    assert_eq!(post(&app, &staff, "/staff/outbox/no-such-id/retry", &[]).await.status(), 404);
    let (_, outbox) = page(&app, &staff, "/staff/outbox?done=retried").await;
    assert!(outbox.contains("Đã đưa email vào hàng đợi gửi lại"));

    // The audit log, filtered by action and by day; a bad date is a 400, not a 500.
    let (status, audit) = page(&app, &staff, "/staff/audit?action=outbox.&entity=outbox").await;
    assert_eq!(status, 200);
    assert!(audit.contains("outbox.retried") && !audit.contains("demo.seeded"), "{audit}");
    let today = local_date(now).to_string();
    let (_, by_day) = page(&app, &staff, &format!("/staff/audit?from={today}&to={today}")).await;
    assert!(by_day.contains("outbox.retried"));
    assert_eq!(page(&app, &staff, "/staff/audit?from=2026-13-45").await.0, 400);
    assert_eq!(page(&app, &staff, "/staff/audit?page=-1").await.0, 400);
    assert_eq!(page(&app, &staff, "/staff/audit?action=%25%27%3B--").await.0, 200);
    // A name in the log lists that person's actions only, and the filter form keeps them.
    let who =
        db::users::by_email(&mut app.db.conn().unwrap(), &Email::parse("canbo@trungtam.vn").unwrap()).unwrap().unwrap();
    let by_them = format!("/staff/audit?actor={}", who.id);
    assert!(audit.contains(&format!(r#"href="{by_them}""#)), "the name links to its actions");
    let (status, theirs) = page(&app, &staff, &by_them).await;
    assert_eq!(status, 200);
    assert!(theirs.contains("outbox.retried") && !theirs.contains("demo.seeded"));
    assert!(
        theirs.contains("Chỉ các thao tác của")
            && theirs.contains(&format!(r#"<input type="hidden" name="actor" value="{}">"#, who.id))
    );
    assert_eq!(page(&app, &staff, "/staff/audit?actor=ai-do").await.0, 400);
}

#[tokio::test]
async fn verifying_an_organisation_shows_its_details_first_and_the_review_page_says_whose_listing_it_is() {
    let app = TestApp::with_demo().await;
    let staff = staff_of(&app);
    let org = new_org(&app, "Công ty Chờ Xác Minh", false);
    // The first press shows the details and changes nothing.
    let (status, confirm) = {
        let r = post(&app, &staff, &format!("/staff/organisations/{}/verify", org.id), &[]).await;
        (r.status().as_u16(), r.text().await.unwrap())
    };
    assert_eq!(status, 200);
    assert!(confirm.contains("Công ty Chờ Xác Minh") && confirm.contains(r#"name="confirm" value="yes""#));
    assert!(db::organisations::get(&mut app.db.conn().unwrap(), org.id).unwrap().unwrap().verified_at.is_none());
    // Confirmed, from a review page: back to it, saying so.
    let back = "/staff/review";
    let r =
        post(&app, &staff, &format!("/staff/organisations/{}/verify", org.id), &[("confirm", "yes"), ("next", back)])
            .await;
    assert_eq!(location(&r), "/staff/review?done=verified");
    assert!(db::organisations::get(&mut app.db.conn().unwrap(), org.id).unwrap().unwrap().verified_at.is_some());
    // `next` never leaves the site.
    let r = post(
        &app,
        &staff,
        &format!("/staff/organisations/{}/unverify", org.id),
        &[("confirm", "yes"), ("next", "//evil.example/\tx")],
    )
    .await;
    assert!(location(&r).starts_with("/account?done=") || location(&r).starts_with("/staff"), "{}", location(&r));

    // The review queue and page: whose listing, its quality, formatted money and dates.
    let (_, queue) = page(&app, &staff, "/staff/review").await;
    let submitted = db::listings::submitted(&mut app.db.conn().unwrap()).unwrap();
    let first = submitted.first().expect("the demo has a listing waiting");
    assert!(queue.contains(&first.title));
    assert!(!queue.contains("<td data-label=\"Chất lượng\"></td>"), "every row has its quality score");
    let (_, review) = page(&app, &staff, &format!("/staff/review/{}/{}", first.kind.code(), first.id)).await;
    let owner = db::organisations::get(&mut app.db.conn().unwrap(), first.organisation_id).unwrap().unwrap();
    assert!(review.contains(&owner.name), "the page says whose listing it is");
    assert!(!review.contains("T00:00") && !regex_like_iso_date(&review), "no ISO dates on a Vietnamese page");
    let r = post(
        &app,
        &staff,
        &format!("/staff/review/{}/{}", first.kind.code(), first.id),
        &[("decision", "return"), ("reason", "Bổ sung TRL")],
    )
    .await;
    assert_eq!(location(&r), "/staff/review?done=returned");
    assert!(page(&app, &staff, "/staff/review?done=returned").await.1.contains("Đã trả tin về cho tổ chức sửa"));
}

/// Whether the text shows a date written `YYYY-MM-DD` outside an attribute or a form value.
fn regex_like_iso_date(html: &str) -> bool {
    let text: String =
        html.split('<').map(|part| part.split_once('>').map_or("", |(_, t)| t)).collect::<Vec<_>>().join(" ");
    text.as_bytes().windows(10).any(|w| {
        w[4] == b'-' && w[7] == b'-' && w.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    })
}

#[tokio::test]
async fn statistics_show_the_same_figures_as_the_services_with_charts_and_exports() {
    let app = TestApp::with_demo().await;
    let now = app.state.clock.now();
    let h = ketnoi::services::statistics::headline(&mut app.db.conn().unwrap(), now).unwrap();
    assert!(h.offers > 0 && h.needs > 0 && h.sessions_held > 0 && h.meetings_held > 0);
    let (status, public) = app.text("/statistics").await;
    assert_eq!(status, 200);
    for (n, label) in [(h.offers, "Công nghệ chào bán"), (h.meetings_held, "Cuộc gặp đã diễn ra")] {
        assert!(public.contains(&format!("<strong>{n}</strong> <span>{label}</span>")), "{label}: {n}");
    }
    assert!(public.contains(r#"<svg class="chart""#) && public.contains(r#"role="img""#));
    assert!(!public.contains("<script"));

    let staff = staff_of(&app);
    let year = chrono::Datelike::year(&local_date(now));
    let (status, stats) = page(&app, &staff, &format!("/staff/statistics?from={year}-01-01&to={year}-12-31")).await;
    assert_eq!(status, 200);
    let s = ketnoi::services::statistics::stats(
        &mut app.db.conn().unwrap(),
        chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap(),
        now,
    )
    .unwrap();
    let new_offers: usize = s.by_sector.iter().map(|(_, p)| p.offers).sum();
    assert!(stats.contains(&format!("<strong>{new_offers}</strong> <span>tin chào bán mới")));
    assert!(stats.matches("<svg class=\"chart\"").count() >= 8, "a chart for each figure");
    assert!(!s.unmet.is_empty() && !s.feedback.is_empty() && !s.orgs_by_kind.is_empty());

    let csv = staff.0.get(format!("{}/staff/statistics?format=csv", app.address)).send().await.unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let bytes = csv.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "Excel reads UTF-8 with its byte-order mark");
    assert!(String::from_utf8_lossy(&bytes).contains("Tin mới theo lĩnh vực"));
    let xlsx = staff.0.get(format!("{}/staff/statistics?format=xlsx&from={year}-01-01", app.address)).send().await;
    let bytes = xlsx.unwrap().bytes().await.unwrap().to_vec();
    use calamine::Reader;
    let book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert!(book.sheet_names().len() >= 8, "{:?}", book.sheet_names());
    for bad in ["?from=yesterday", "?from=2027-01-01&to=2026-01-01", "?format=pdf", "?to=99999-01-01"] {
        assert_eq!(page(&app, &staff, &format!("/staff/statistics{bad}")).await.0, 400, "{bad}");
    }
}

#[tokio::test]
async fn the_yearly_report_sets_results_against_targets_admins_keep() {
    let app = TestApp::spawn().await;
    let staff = staff_of(&app);
    let admin = signed_in(&app, &user(&app, "quantri@trungtam.vn", Role::Admin, None));
    let (status, report) = page(&app, &staff, "/staff/yearly?year=2026").await;
    assert_eq!(status, 200);
    assert!(report.contains("Báo cáo kết quả năm 2026") && report.contains("2.500.000.000 ₫"), "default targets");
    // A service contract, typed as people type amounts; a bad one is refused next to its field.
    let ok = [
        ("client", "HTX Quảng Thành"),
        ("service", "Thẩm định công nghệ"),
        ("signed_on", "2026-05-04"),
        ("value", "1,5 tỷ"),
    ];
    let r = post(&app, &staff, "/staff/contracts?year=2026", &ok).await;
    assert_eq!(location(&r), "/staff/yearly?year=2026&done=contract_added");
    let bad = [("client", "A\r\nBcc: x"), ("service", "x"), ("signed_on", "04/05/2026"), ("value", "nhiều")];
    let r = post(&app, &staff, "/staff/contracts?year=2026", &bad).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    for field in ["client", "service", "signed_on", "value"] {
        assert!(body.contains(&format!(r#"id="contract-{field}-error""#)), "{field}");
    }
    // Targets: admins only; a bad range is refused.
    let targets = [
        ("sessions", "6"),
        ("showcase_min", "10"),
        ("showcase_max", "15"),
        ("connections", "40"),
        ("contracts", "8"),
        ("revenue_min", "1 tỷ"),
        ("revenue_max", "2 tỷ"),
    ];
    assert_eq!(post(&app, &staff, "/admin/targets?year=2026", &targets).await.status(), 403);
    assert_eq!(post(&app, &admin, "/admin/targets?year=2026", &targets).await.status(), 303);
    let mut reversed = targets.to_vec();
    reversed[1] = ("showcase_min", "20");
    assert_eq!(post(&app, &admin, "/admin/targets?year=2026", &reversed).await.status(), 422);
    let y = ketnoi::services::statistics::yearly(&mut app.db.conn().unwrap(), 2026, app.state.clock.now()).unwrap();
    assert_eq!((y.revenue, y.targets.revenue_min, y.targets.connections), (1_500_000_000, 1_000_000_000, 40));
    let (_, report) = page(&app, &staff, "/staff/yearly?year=2026").await;
    assert!(report.contains("1.500.000.000 ₫") && report.contains("Đạt"), "revenue above the lower target");
    // The workbook carries the same figures.
    let bytes = staff.0.get(format!("{}/staff/yearly?year=2026&format=xlsx", app.address)).send().await.unwrap();
    let bytes = bytes.bytes().await.unwrap().to_vec();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let revenue = sheet.rows().find(|r| r[0].to_string().starts_with("Doanh thu")).unwrap();
    assert_eq!(revenue[2], calamine::Data::Float(1_500_000_000.0));
    for bad in ["year=abc", "year=99999", "year=2026&format=doc"] {
        assert_eq!(page(&app, &staff, &format!("/staff/yearly?{bad}")).await.0, 400, "{bad}");
    }
    // A contract recorded by mistake is deleted, and the deletion audited.
    let id = y.service_contracts[0].id.clone();
    assert_eq!(post(&app, &staff, &format!("/staff/contracts/{id}/delete"), &[]).await.status(), 303);
    assert_eq!(post(&app, &staff, &format!("/staff/contracts/{id}/delete"), &[]).await.status(), 404);
    let mut c = app.db.conn().unwrap();
    let actions: Vec<String> =
        db::audit::for_entity(&mut c, "service_contract", &id).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["service_contract.added", "service_contract.removed"]);
    let n: i64 = db::schema::service_contracts::table.count().get_result(&mut *c).unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn the_favicon_is_an_icon_of_three_sizes() {
    let app = TestApp::spawn().await;
    let r = app.get("/favicon.ico").await;
    assert_eq!(r.headers()["content-type"], "image/x-icon");
    let ico = r.bytes().await.unwrap();
    assert_eq!(&ico[..6], &[0, 0, 1, 0, 3, 0]);
    for i in 0..3 {
        let entry = &ico[6 + 16 * i..6 + 16 * (i + 1)];
        let offset = u32::from_le_bytes(entry[12..16].try_into().unwrap()) as usize;
        let img = image::load_from_memory(&ico[offset..]).unwrap();
        assert_eq!(img.width(), u32::from(entry[0]));
    }
}

#[tokio::test]
async fn admins_find_any_account_and_change_its_role_from_the_list() {
    let app = TestApp::spawn().await;
    let org = new_org(&app, "Công ty Tìm Kiếm", true);
    let member = user(&app, "hoa.nguyen@congty.vn", Role::Member, Some(org.id));
    user(&app, "khac@congty.vn", Role::Member, Some(org.id));
    let admin = signed_in(&app, &user(&app, "quantri@trungtam.vn", Role::Admin, None));
    let (status, list) = page(&app, &admin, "/admin/users?q=hoa.nguyen").await;
    assert_eq!(status, 200);
    assert!(
        list.contains("hoa.nguyen@congty.vn") && list.contains("Công ty Tìm Kiếm") && !list.contains("khac@congty.vn")
    );
    // LIKE's wildcards are dropped from the search, not obeyed (a lone % lists everyone, as empty).
    assert_eq!(page(&app, &admin, "/admin/users?q=%25_").await.0, 200);
    assert_eq!(page(&app, &staff_of(&app), "/admin/users").await.0, 403);
    let r = post(&app, &admin, "/admin/staff", &[("email", "hoa.nguyen@congty.vn"), ("role", "staff")]).await;
    assert_eq!(location(&r), "/admin/staff?done=role_granted");
    assert_eq!(db::users::get(&mut app.db.conn().unwrap(), member.id).unwrap().unwrap().role, Role::Staff);
    assert!(page(&app, &admin, &location(&r)).await.1.contains("Đã cấp quyền"));

    // Past 200 accounts the list goes on to a next page, which keeps the search.
    assert_eq!(page(&app, &admin, "/admin/users?page=hai").await.0, 400);
    assert_eq!(page(&app, &admin, "/admin/users?page=-1").await.0, 400);
    assert!(!page(&app, &admin, "/admin/users").await.1.contains("Trang sau"));
    for i in 0..200 {
        user(&app, &format!("nhanvien{i:03}@congty.vn"), Role::Member, Some(org.id));
    }
    let (_, first) = page(&app, &admin, "/admin/users?q=congty").await;
    assert!(first.contains("Trang sau") && first.contains(r#"href="/admin/users?q=congty&#38;page=1""#));
    let (status, second) = page(&app, &admin, "/admin/users?q=congty&page=1").await;
    assert_eq!(status, 200);
    let shown = |body: &str| body.matches(r#"<td data-label="Email">"#).count();
    assert_eq!((shown(&first), shown(&second)), (200, 2), "202 accounts: 200 on the first page, 2 on the next");
    assert!(!second.contains("Trang sau"));
}

#[tokio::test]
async fn admins_disable_an_account_which_ends_its_sessions_and_tokens_and_re_enable_it() {
    let app = TestApp::spawn().await;
    let org = new_org(&app, "Công ty Khóa Thử", true);
    let member = user(&app, "bi.khoa@congty.vn", Role::Member, Some(org.id));
    let admin_user = user(&app, "quantri@trungtam.vn", Role::Admin, None);
    let admin = signed_in(&app, &admin_user);
    // The member is signed in in a browser and has an API token.
    let browser = Browser::new(&app);
    assert_eq!(location(&browser.login("bi.khoa@congty.vn", PASSWORD).await), "/account");
    assert_eq!(browser.get("/account").await.0, 200);
    let (_, secret) = db::api_tokens::create(&mut app.db.conn().unwrap(), member.id, Some(org.id), "t").unwrap();
    let api = reqwest::Client::new();
    let me = |s: String| api.get(format!("{}/api/v1/me", app.address)).bearer_auth(s).send();
    assert_eq!(me(secret.clone()).await.unwrap().status(), 200);

    // Only admins, never themselves, never an unknown account.
    assert_eq!(post(&app, &staff_of(&app), &format!("/admin/users/{}/disable", member.id), &[]).await.status(), 403);
    let r = post(&app, &admin, &format!("/admin/users/{}/disable", admin_user.id), &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Không thể tự khóa tài khoản của chính mình."));
    let unknown = "/admin/users/0190a0b0-0000-7000-8000-000000000000/disable";
    assert_eq!(post(&app, &admin, unknown, &[]).await.status(), 404);
    assert_eq!(post(&app, &admin, "/admin/users/không-phải-id/disable", &[]).await.status(), 404);
    let (_, list) = page(&app, &admin, "/admin/users?q=quantri").await;
    assert!(!list.contains(&format!("/admin/users/{}/disable", admin_user.id)), "no button to disable oneself");

    let r = post(&app, &admin, &format!("/admin/users/{}/disable", member.id), &[]).await;
    assert_eq!(location(&r), "/admin/users?done=disabled");
    let (_, list) = page(&app, &admin, "/admin/users?done=disabled&q=bi.khoa").await;
    assert!(list.contains("Đã khóa tài khoản") && list.contains(">Đã khóa</span>"), "notice and badge");
    assert!(list.contains(&format!("/admin/users/{}/enable", member.id)));
    // The organisation's other members see the mark on its member list.
    let colleague = signed_in(&app, &user(&app, "dong.nghiep@congty.vn", Role::Member, Some(org.id)));
    let (_, members) = page(&app, &colleague, &format!("/organisations/{}/members", org.id)).await;
    let row_of = |email: &str| members.split("<tr>").find(|r| r.contains(email)).unwrap_or_default().to_string();
    assert!(row_of("bi.khoa@congty.vn").contains(r#"<span class="tag">Đã khóa</span>"#));
    assert!(!row_of("dong.nghiep@congty.vn").contains("Đã khóa"));
    // The open session is signed out, the token refused, a new sign-in refused with the reason.
    let (status, _) = browser.get("/account").await;
    assert!(status.is_redirection(), "the disabled member's session ended: {status}");
    assert_eq!(me(secret.clone()).await.unwrap().status(), 401);
    let r = Browser::new(&app).login("bi.khoa@congty.vn", PASSWORD).await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("Tài khoản này đã bị quản trị viên khóa"));
    // A wrong password still says only that the password is wrong.
    let r = Browser::new(&app).login("bi.khoa@congty.vn", "sai mật khẩu rồi").await;
    assert_eq!(r.status(), 422);
    // No reset link is sent to a disabled account.
    let before = mails_to(&app, "bi.khoa@congty.vn").len();
    Browser::new(&app).submit("/reset", "/reset", &[("email", "bi.khoa@congty.vn")]).await;
    assert_eq!(mails_to(&app, "bi.khoa@congty.vn").len(), before);
    let conn = &mut app.db.conn().unwrap();
    // Nor any other email: the outbox does not queue mail to a disabled account's address.
    let letter = ketnoi::mail::test_email(&app.settings, &member.email, Locale::Vi).unwrap();
    assert!(!ketnoi::mail::outbox::enqueue(conn, &app.settings, &letter).unwrap());
    assert_eq!(mails_to(&app, "bi.khoa@congty.vn").len(), before);
    let actions: Vec<String> =
        db::audit::by_actor(conn, admin_user.id).unwrap().into_iter().map(|e| e.action).collect();
    assert!(actions.contains(&"user.disabled".to_string()));

    // Re-enabled: the password works again; the revoked token stays revoked.
    let r = post(&app, &admin, &format!("/admin/users/{}/enable", member.id), &[]).await;
    assert_eq!(location(&r), "/admin/users?done=enabled");
    assert_eq!(location(&Browser::new(&app).login("bi.khoa@congty.vn", PASSWORD).await), "/account");
    assert_eq!(me(secret).await.unwrap().status(), 401);
    assert!(ketnoi::mail::outbox::enqueue(conn, &app.settings, &letter).unwrap(), "mail flows again");
    let actions: Vec<String> =
        db::audit::by_actor(conn, admin_user.id).unwrap().into_iter().map(|e| e.action).collect();
    assert!(actions.contains(&"user.enabled".to_string()));
    // The member's organisation and listings were never touched.
    assert!(db::users::get(conn, member.id).unwrap().is_some());

    // A disabled admin does not count as the admin who remains: the last one who can act keeps
    // the role, and the disabled one's role can go.
    let other = user(&app, "quantri2@trungtam.vn", Role::Admin, None);
    let r = post(&app, &admin, &format!("/admin/users/{}/disable", other.id), &[]).await;
    assert_eq!(location(&r), "/admin/users?done=disabled");
    assert_eq!(post(&app, &admin, &format!("/admin/staff/{}/remove", admin_user.id), &[]).await.status(), 422);
    assert_eq!(post(&app, &admin, &format!("/admin/staff/{}/remove", other.id), &[]).await.status(), 303);
    assert_eq!(db::users::get(conn, other.id).unwrap().unwrap().role, Role::Member);
}

//! The exchange's whole journey in headless Chromium, as its users live it, on a fresh database
//! with mail read from a real SMTP server: an institute and an enterprise register and verify
//! their email; the institute posts an offer, the enterprise a need; staff verify both
//! organisations (with the confirmation step) and approve both listings; the enterprise finds the
//! offer typing without diacritics and expresses interest; the institute accepts; staff plan a
//! session, both register, staff make the pair a must-meet, schedule and publish; the
//! representative opens the agenda from the email and downloads its calendar; on the evening of
//! the day the outcome (a contract) is reported from the feedback email; staff see it in the
//! statistics and the yearly report. Once in Vietnamese, once in English, once at phone width;
//! screenshots of every step are kept under `target/screenshots/`.

use chrono::{Datelike, TimeDelta, TimeZone};
use fantoccini::{Client, Locator};
use ketnoi::db;
use ketnoi::domain::*;

use crate::agendas::delivered;
use crate::helpers::*;
use crate::mail::SmtpSink;

struct Run<'a> {
    app: &'a TestApp,
    smtp: &'a SmtpSink,
    variant: &'static str,
    lang: &'static str,
    width: u32,
    step: std::cell::Cell<usize>,
}

impl Run<'_> {
    fn url(&self, path: &str) -> String {
        let sep = if path.contains('?') { '&' } else { '?' };
        format!("{}{path}{sep}lang={}", self.app.address, self.lang)
    }

    async fn browser(&self, bin: &std::path::PathBuf) -> (crate::browser::Driver, Client) {
        let (d, b) = crate::browser::start_driver(bin).await;
        b.set_window_size(self.width, 1000).await.unwrap();
        (d, b)
    }

    async fn shot(&self, b: &Client, what: &str) {
        let n = self.step.get() + 1;
        self.step.set(n);
        let png = b.screenshot().await.unwrap();
        let path = crate::a11y::screenshot_dir().join(format!("journey-{}-{n:02}-{what}.png", self.variant));
        std::fs::write(path, png).unwrap();
    }

    /// The newest email to `to` whose text has `path?token=`, as a path.
    async fn link(&self, to: &str, path: &str) -> String {
        for _ in 0..20 {
            let mail = delivered(self.app, self.smtp).await;
            if let Some(m) = mail.iter().rev().find(|m| m.to == to && m.text.contains(&format!("{path}?token="))) {
                let w = m.text.split_whitespace().find(|w| w.contains(&format!("{path}?token="))).unwrap();
                return w[w.find(path).unwrap()..].to_string();
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        panic!("no email to {to} with a {path} link");
    }
}

/// Sets the named fields of a form (text, selects, checkboxes by value) and presses its button.
async fn fill_and_send(b: &Client, form: &str, values: &[(&str, &str)]) {
    let values: Vec<serde_json::Value> = values.iter().map(|(k, v)| serde_json::json!([k, v])).collect();
    b.execute(
        "const [sel, values] = arguments; const f = document.querySelector(sel);
         if (!f) throw new Error('no form ' + sel);
         for (const [name, value] of values) {
           const els = f.querySelectorAll('[name=\"' + name + '\"]');
           if (!els.length) throw new Error('no field ' + name + ' in ' + sel);
           for (const el of els) {
             if (el.type === 'checkbox') { el.checked = el.value === value || value === 'on'; }
             else if (el.type !== 'hidden' || value !== '') { el.value = value; }
           }
         }",
        vec![serde_json::json!(form), serde_json::Value::Array(values)],
    )
    .await
    .unwrap();
    press(b, form).await;
}

/// Presses a form's button and waits for the next page.
async fn press(b: &Client, form: &str) {
    let before = b.find(Locator::Css("body")).await.unwrap();
    b.find(Locator::Css(&format!("{form} button[type=submit]"))).await.unwrap().click().await.unwrap();
    for _ in 0..100 {
        if before.is_displayed().await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    b.wait().for_element(Locator::Css("footer")).await.unwrap();
}

async fn main_text(b: &Client) -> String {
    b.find(Locator::Css("main")).await.unwrap().text().await.unwrap()
}

async fn path_of(b: &Client) -> String {
    let u = b.current_url().await.unwrap();
    format!("{}{}", u.path(), u.query().map(|q| format!("?{q}")).unwrap_or_default())
}

/// An organisation registers in the browser, confirms its email from the link and signs in.
async fn register(r: &Run<'_>, b: &Client, (person, email, org, kind): (&str, &str, &str, &str)) {
    b.goto(&r.url("/register")).await.unwrap();
    fill_and_send(
        b,
        "#register",
        &[
            ("display_name", person),
            ("email", email),
            ("password", PASSWORD),
            ("name", org),
            ("kind", kind),
            ("province", "hue"),
            ("address", "Thành phố Huế"),
            ("accept_terms", "on"),
        ],
    )
    .await;
    r.shot(b, "registered").await;
    let link = r.link(email, "/verify-email").await;
    b.goto(&r.url(&link)).await.unwrap();
    press(b, "#confirm").await;
    b.goto(&r.url("/login")).await.unwrap();
    fill_and_send(b, "#login", &[("email", email), ("password", PASSWORD)]).await;
    assert!(b.find(Locator::Css(".account-nav form button")).await.is_ok(), "{email} signed in");
}

/// A member posts a listing from its form (a draft); its id.
async fn post_listing(r: &Run<'_>, b: &Client, kind: &str, fields: &[(&str, &str)]) -> String {
    b.goto(&r.url(&format!("/{kind}/new"))).await.unwrap();
    fill_and_send(b, "#listing", fields).await;
    let at = path_of(b).await;
    assert!(at.starts_with(&format!("/my/{kind}/")), "the new listing's page: {at}");
    r.shot(b, &format!("{kind}-draft")).await;
    at.trim_start_matches(&format!("/my/{kind}/")).split('?').next().unwrap().to_string()
}

/// A member sends its draft for review (once its organisation is verified).
async fn submit_listing(r: &Run<'_>, b: &Client, kind: &str, id: &str) {
    b.goto(&r.url(&format!("/my/{kind}/{id}"))).await.unwrap();
    press(b, "#submit").await;
    r.shot(b, &format!("{kind}-submitted")).await;
    let l = ketnoi::services::listings::load(&mut r.app.db.conn().unwrap(), kind_of(kind), id).unwrap().unwrap();
    assert_eq!(l.status(), ListingStatus::Submitted, "{}", main_text(b).await);
}

fn kind_of(kind: &str) -> ListingKind {
    if kind == "offers" { ListingKind::Offer } else { ListingKind::Need }
}

const OFFER: &[(&str, &str)] = &[
    ("title", "Máy sấy nông sản kết hợp năng lượng mặt trời"),
    ("summary", "Máy sấy 500 kg/mẻ dùng bơm nhiệt và tấm thu năng lượng mặt trời, giảm 40% điện năng."),
    (
        "description",
        "Buồng sấy 12 khay, bơm nhiệt 5 kW và 8 m² tấm thu nhiệt. Đã vận hành 2 năm tại 3 hợp tác xã ở Huế với ớt, tiêu, hạt sen; độ ẩm sản phẩm đạt 12% sau 10 giờ.",
    ),
    ("advantages", "Tiết kiệm 40% điện năng; sản phẩm sạch, không ám khói."),
    ("applications", "Hợp tác xã và hộ chế biến nông sản quy mô nhỏ."),
    ("sector", "agriculture"),
    ("keywords", "máy sấy, nông sản, năng lượng mặt trời"),
    ("trl", "8"),
    ("transfer_modes", "licence"),
    ("price_min", "350.000.000"),
    ("province", "hue"),
];

const NEED: &[(&str, &str)] = &[
    ("title", "Cần máy sấy ớt tiết kiệm điện cho hợp tác xã"),
    (
        "problem",
        "Hợp tác xã sấy 2 tấn ớt mỗi vụ bằng lò củi, sản phẩm ám khói và hao hụt 15%; cần máy sấy sạch, tiết kiệm điện.",
    ),
    ("desired_outcome", "Máy sấy 500 kg/mẻ, độ ẩm 12%, chi phí điện dưới 1.500 đồng/kg."),
    ("sector", "agriculture"),
    ("keywords", "máy sấy, ớt, nông sản"),
    ("budget_min", "200.000.000"),
    ("budget_max", "500.000.000"),
    ("province", "hue"),
];

async fn journey(variant: &'static str, lang: &'static str, width: u32) {
    let Some(bin) = crate::browser::chromedriver() else {
        assert!(
            std::env::var("KETNOI_REQUIRE_BROWSER").is_err(),
            "KETNOI_REQUIRE_BROWSER is set but chromedriver is missing"
        );
        eprintln!("SKIPPED the {variant} journey: chromedriver not found");
        return;
    };
    let smtp = SmtpSink::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    let r = Run { app: &app, smtp: &smtp, variant, lang, width, step: std::cell::Cell::new(0) };
    let staff_user = user(&app, "canbo@trungtam.vn", Role::Staff, None);

    // The institute and the enterprise register, confirm their email, post their listings.
    let (_d1, inst) = r.browser(&bin).await;
    register(&r, &inst, ("Lê Văn An", "an@vien.example", "Viện Cơ điện Nông nghiệp miền Trung", "research_institute"))
        .await;
    let offer = post_listing(&r, &inst, "offers", OFFER).await;
    let (_d2, ent) = r.browser(&bin).await;
    register(&r, &ent, ("Trần Thị Bình", "binh@htx.example", "Hợp tác xã Nông nghiệp Quảng Thành", "enterprise")).await;
    let need = post_listing(&r, &ent, "needs", NEED).await;

    // Staff verify both organisations, after reading their details; the members then send
    // their drafts for review, and staff approve both.
    let (_d3, staff) = r.browser(&bin).await;
    staff.goto(&r.url("/login")).await.unwrap();
    fill_and_send(&staff, "#login", &[("email", "canbo@trungtam.vn"), ("password", PASSWORD)]).await;
    staff.goto(&r.url("/staff")).await.unwrap();
    r.shot(&staff, "console").await;
    for org in db::organisations::list(&mut app.db.conn().unwrap()).unwrap() {
        staff.goto(&r.url("/staff/organisations")).await.unwrap();
        press(&staff, &format!("form[action='/staff/organisations/{}/verify']", org.id)).await;
        r.shot(&staff, "verify-confirm").await;
        assert!(main_text(&staff).await.contains(&org.name), "the confirmation shows the organisation");
        press(&staff, "#confirm-verify").await;
        assert!(path_of(&staff).await.ends_with("done=verified"));
    }
    submit_listing(&r, &inst, "offers", &offer).await;
    submit_listing(&r, &ent, "needs", &need).await;
    for (kind, id) in [("offer", &offer), ("need", &need)] {
        staff.goto(&r.url(&format!("/staff/review/{kind}/{id}"))).await.unwrap();
        r.shot(&staff, "review").await;
        fill_and_send(&staff, "#decide", &[("decision", "approve")]).await;
        assert!(path_of(&staff).await.ends_with("done=approved"), "{}", main_text(&staff).await);
    }
    app.catch_up();

    // The enterprise finds the offer typing without diacritics and expresses interest.
    ent.goto(&r.url("/search")).await.unwrap();
    ent.find(Locator::Id("search-q")).await.unwrap().send_keys("may say nang luong mat troi").await.unwrap();
    press(&ent, "form.search").await;
    r.shot(&ent, "search").await;
    ent.find(Locator::Css(&format!("a[href='/offers/{offer}']"))).await.unwrap().click().await.unwrap();
    ent.wait().for_element(Locator::Css("#interest")).await.unwrap();
    fill_and_send(&ent, "#interest", &[("message", "Hợp tác xã cần máy sấy ớt; xin được trao đổi.")]).await;
    r.shot(&ent, "interest-sent").await;
    // The institute accepts it from its list.
    inst.goto(&r.url("/my/interests")).await.unwrap();
    fill_and_send(&inst, "#answer", &[("decision", "accept"), ("answer", "Rất sẵn lòng.")]).await;
    r.shot(&inst, "interest-accepted").await;
    let interests = db::interests::all(&mut app.db.conn().unwrap()).unwrap();
    assert_eq!(interests.iter().map(|i| i.status.as_str()).collect::<Vec<_>>(), ["accepted"]);

    // Staff plan a session; both register; staff make their pair a must-meet; schedule; publish.
    let day = local_date(app.state.clock.now()) + TimeDelta::days(20);
    staff.goto(&r.url("/staff/sessions/new")).await.unwrap();
    fill_and_send(
        &staff,
        "#session",
        &[
            ("title_vi", "Phiên kết nối nông nghiệp"),
            ("title_en", "Agriculture matchmaking session"),
            ("sectors", "agriculture"),
            ("session_date", &day.to_string()),
            ("morning", "08:00-10:00"),
            ("afternoon", ""),
            ("slot_minutes", "30"),
            ("venue", "07 Hà Nội, Huế"),
            ("tables", "Bàn 1\nBàn 2"),
            ("registration_deadline", &(day - TimeDelta::days(5)).to_string()),
            ("request_deadline", &(day - TimeDelta::days(2)).to_string()),
            ("capacity", "20"),
            ("max_requests", "5"),
            ("auto_approve", "on"),
        ],
    )
    .await;
    let session = path_of(&staff).await.trim_start_matches("/staff/sessions/").split('?').next().unwrap().to_string();
    press(&staff, "#advance").await;
    for b in [&inst, &ent] {
        b.goto(&r.url(&format!("/sessions/{session}/register"))).await.unwrap();
        press(b, "#register").await;
    }
    staff.goto(&r.url(&format!("/staff/sessions/{session}"))).await.unwrap();
    press(&staff, "#pair").await;
    r.shot(&staff, "pair-must-meet").await;
    let pairs = ketnoi::services::sessions::requests::pairs(&mut app.db.conn().unwrap(), &session).unwrap();
    assert_eq!(pairs.len(), 1, "the accepted interest became the pair");
    assert!(pairs[0].weight.must_meet && pairs[0].weight.mutual);
    press(&staff, "#advance").await; // requests
    press(&staff, "#advance").await; // scheduling
    staff.goto(&r.url(&format!("/staff/sessions/{session}/schedule"))).await.unwrap();
    press(&staff, "#run").await;
    r.shot(&staff, "schedule").await;
    // Publishing goes through the preview of what each representative will receive.
    staff.goto(&r.url(&format!("/staff/sessions/{session}/updates"))).await.unwrap();
    r.shot(&staff, "publish-preview").await;
    press(&staff, "#publish").await;
    let meetings = db::sessions::meetings(&mut app.db.conn().unwrap(), &session).unwrap();
    assert_eq!(meetings.iter().filter(|m| m.status == "scheduled").count(), 1);

    // The representative opens the agenda from the email and downloads its calendar.
    let agenda = r.link("binh@htx.example", "/agenda").await;
    ent.goto(&r.url(&agenda)).await.unwrap();
    r.shot(&ent, "agenda").await;
    let href = ent.find(Locator::Css("a[href*='calendar.ics']")).await.unwrap().attr("href").await.unwrap().unwrap();
    let ics = reqwest::get(format!("{}{href}", app.address)).await.unwrap();
    assert_eq!(ics.headers()["content-type"].to_str().unwrap().split(';').next(), Some("text/calendar"));
    let ics = ics.text().await.unwrap();
    let cal = ical::IcalParser::new(ics.as_bytes()).next().unwrap().unwrap();
    assert!(!cal.events.is_empty(), "the calendar has the meeting");

    // The evening of the day: the session is held, the feedback email asks how it went, and the
    // enterprise reports a contract.
    let evening = TIME_ZONE.from_local_datetime(&day.and_hms_opt(18, 5, 0).unwrap()).single().unwrap().naive_utc();
    app.advance(evening - app.state.clock.now());
    staff.goto(&r.url(&format!("/staff/sessions/{session}"))).await.unwrap();
    press(&staff, "#advance").await; // held
    let feedback = r.link("binh@htx.example", "/feedback").await;
    ent.goto(&r.url(&feedback)).await.unwrap();
    fill_and_send(&ent, "#feedback", &[("rating", "4"), ("stage", "contract"), ("value", "450.000.000"), ("note", "")])
        .await;
    r.shot(&ent, "feedback").await;
    let reports = db::sessions::reports(&mut app.db.conn().unwrap(), &session).unwrap();
    assert_eq!(reports.iter().filter_map(|x| x.contract_value).collect::<Vec<_>>(), [450_000_000]);

    // Staff see it in the statistics and the yearly report.
    staff.goto(&r.url(&format!("/staff/statistics?from={day}&to={day}"))).await.unwrap();
    r.shot(&staff, "statistics").await;
    let money = if lang == "en" { "VND 450,000,000" } else { "450.000.000 ₫" };
    assert!(main_text(&staff).await.contains(money), "the contract's value in the statistics");
    staff.goto(&r.url(&format!("/staff/yearly?year={}", day.year()))).await.unwrap();
    r.shot(&staff, "yearly").await;
    let y =
        ketnoi::services::statistics::yearly(&mut app.db.conn().unwrap(), day.year(), app.state.clock.now()).unwrap();
    assert_eq!((y.contracts, y.contract_value, y.sessions_held, y.accepted_interests), (1, 450_000_000, 1, 1));
    assert!(main_text(&staff).await.contains(money), "the contract in the yearly report");
    let _ = staff_user;
    for b in [inst, ent, staff] {
        b.close().await.unwrap();
    }
}

#[tokio::test]
async fn the_journey_in_vietnamese() {
    journey("vi", "vi", 1280).await;
}

#[tokio::test]
async fn the_journey_in_english() {
    journey("en", "en", 1280).await;
}

#[tokio::test]
async fn the_journey_at_phone_width() {
    journey("phone", "vi", 390).await;
}

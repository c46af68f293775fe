//! Matchmaking sessions over real HTTP on the selected backend, with a real SMTP receiver:
//! a series generates its next two sessions once (the loop run twice creates and sends nothing
//! twice), keeps moved and cancelled occurrences; every illegal status change is refused;
//! registration with its representatives, bad input, the waiting list and withdrawal; meeting
//! requests, their answers, cap, expiry by the settable clock, pairs brokered by staff and from
//! mutual interest, and the pairs' weights; the public pages and API.

use chrono::{NaiveDate, TimeDelta};
use ketnoi::db;
use ketnoi::domain::*;

use crate::db::{need, offer};
use crate::helpers::*;

pub(crate) async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    csrf: &str,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut f = form.to_vec();
    f.push(("csrf_token", csrf));
    client.post(format!("{}{path}", app.address)).form(&f).send().await.unwrap()
}

pub(crate) async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let r = client.get(format!("{}{path}", app.address)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// (recipient, decoded subject) of everything the SMTP server received so far.
async fn delivered(app: &TestApp, smtp: &crate::mail::SmtpSink) -> Vec<(String, String)> {
    app.tick().await;
    smtp.messages()
        .iter()
        .map(|m| {
            let parsed = mail_parser::MessageParser::default().parse(&m.data).unwrap();
            (m.to.join(","), parsed.subject().unwrap_or_default().to_string())
        })
        .collect()
}

fn sessions_of(app: &TestApp) -> Vec<db::sessions::Session> {
    db::sessions::sessions(&mut app.db.conn().unwrap()).unwrap()
}

fn session(app: &TestApp, id: &str) -> db::sessions::Session {
    db::sessions::session(&mut app.db.conn().unwrap(), id).unwrap().unwrap()
}

fn local_today() -> NaiveDate {
    local_date(db::now())
}

/// A session form: a date `days` ahead, deadlines before it.
pub(crate) fn session_form(days: i64, capacity: &str, max_requests: &str) -> Vec<(&'static str, String)> {
    let d = local_today() + TimeDelta::days(days);
    vec![
        ("title_vi", "Phiên kết nối thử nghiệm".into()),
        ("title_en", "Trial matchmaking session".into()),
        ("sectors", "agriculture".into()),
        ("session_date", d.to_string()),
        ("morning", "08:00-10:00".into()),
        ("afternoon", "13:30-15:00".into()),
        ("slot_minutes", "30".into()),
        ("breaks", "09:00-09:15".into()),
        ("venue", "07 Hà Nội, Huế".into()),
        ("map_url", "".into()),
        ("online_url", "".into()),
        ("tables", "Bàn 1\nBàn 2\nBàn 3".into()),
        ("online_tables", "".into()),
        ("registration_deadline", (d - TimeDelta::days(5)).to_string()),
        ("request_deadline", (d - TimeDelta::days(2)).to_string()),
        ("capacity", capacity.into()),
        ("max_requests", max_requests.into()),
        ("auto_approve", "on".into()),
    ]
}

pub(crate) async fn staff_creates_session(
    app: &TestApp,
    staff: &(reqwest::Client, String),
    form: &[(&str, String)],
) -> String {
    let f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = post(&staff.0, app, &staff.1, "/staff/sessions/new", &f).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let loc = location(&r);
    loc.trim_start_matches("/staff/sessions/").split('?').next().unwrap().to_string()
}

pub(crate) async fn set_status(app: &TestApp, staff: &(reqwest::Client, String), id: &str, to: &str) -> u16 {
    post(&staff.0, app, &staff.1, &format!("/staff/sessions/{id}/status"), &[("to", to)]).await.status().as_u16()
}

#[tokio::test]
async fn a_series_keeps_two_sessions_ahead_once_and_keeps_moved_and_cancelled_occurrences() {
    let app = TestApp::spawn().await;
    let staff = signed_in(&app, &user(&app, "canbo@ketnoi.example.vn", Role::Staff, None));
    let today = local_today();
    let mut form: Vec<(&str, String)> = session_form(0, "30", "5")
        .into_iter()
        .filter(|(k, _)| !matches!(*k, "session_date" | "registration_deadline" | "request_deadline"))
        .collect();
    form.extend([
        ("rule", "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU".to_string()),
        ("first_date", "2026-01-13".to_string()),
        ("registration_days", "7".to_string()),
        ("request_days", "2".to_string()),
        ("active", "on".to_string()),
    ]);
    // A rule more frequent than weekly is refused next to its field; nothing is stored.
    let mut daily = form.clone();
    daily.retain(|(k, _)| *k != "rule");
    daily.push(("rule", "FREQ=DAILY".into()));
    let f: Vec<(&str, &str)> = daily.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = post(&staff.0, &app, &staff.1, "/staff/series/new", &f).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("id=\"series-rule-error\""));
    assert!(db::sessions::all_series(&mut app.db.conn().unwrap()).unwrap().is_empty());

    let f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = post(&staff.0, &app, &staff.1, "/staff/series/new", &f).await;
    assert_eq!(r.status(), 303);
    app.tick().await;
    app.tick().await;
    let all = sessions_of(&app);
    assert_eq!(all.len(), 2, "two sessions ahead, created once");
    let expected = ketnoi::domain::session::occurrences(
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
        NaiveDate::from_ymd_opt(2026, 1, 13).unwrap(),
        today,
        3,
    )
    .unwrap();
    assert_eq!(all.iter().map(|s| s.session_date).collect::<Vec<_>>(), expected[..2]);
    for s in &all {
        assert_eq!(s.status, "planned");
        assert_eq!(chrono::Datelike::weekday(&s.session_date), chrono::Weekday::Tue);
        // The deadlines are days before the date, at 23:59 in Viet Nam.
        let reg = ketnoi::services::sessions::deadline_date(s.registration_deadline);
        assert_eq!(reg, s.session_date - TimeDelta::days(7));
        assert_eq!(s.registration_deadline.and_utc().with_timezone(&TIME_ZONE).format("%H:%M").to_string(), "23:59");
    }

    // Tết: the first occurrence moves by a week; the loop does not make that day again.
    let first = all[0].clone();
    let moved = first.session_date + TimeDelta::days(7);
    let mut edit = session_form(0, "30", "5");
    for (k, v) in edit.iter_mut() {
        match *k {
            "session_date" => *v = moved.to_string(),
            "registration_deadline" => *v = (moved - TimeDelta::days(7)).to_string(),
            "request_deadline" => *v = (moved - TimeDelta::days(2)).to_string(),
            _ => {}
        }
    }
    let f: Vec<(&str, &str)> = edit.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{}", first.id), &f).await;
    assert_eq!(r.status(), 303);
    app.tick().await;
    let all = sessions_of(&app);
    assert_eq!(all.len(), 2);
    let s = session(&app, &first.id);
    assert_eq!((s.session_date, s.occurrence), (moved, Some(first.session_date)));

    // A public holiday: the second is cancelled; the series generates the third, once.
    assert_eq!(set_status(&app, &staff, &all[1].id, "cancelled").await, 303);
    app.tick().await;
    app.tick().await;
    let all = sessions_of(&app);
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(all.iter().filter(|s| s.status == "cancelled").count(), 1);
    assert_eq!(all[2].session_date, expected[2]);
    // The staff's page lists them; the public list shows the cancelled one as cancelled.
    let (code, body) = page(&staff.0, &app, "/staff/sessions").await;
    assert_eq!(code, 200);
    assert!(body.contains("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"));
    let (_, public) = app.text("/sessions").await;
    assert!(public.contains("Đã hủy") && public.contains("Dự kiến"), "{public}");
}

#[tokio::test]
async fn every_illegal_status_change_is_refused_and_every_step_is_audited() {
    let app = TestApp::spawn().await;
    let staff = signed_in(&app, &user(&app, "canbo@ketnoi.example.vn", Role::Staff, None));
    let id = staff_creates_session(&app, &staff, &session_form(30, "10", "5")).await;
    let order = ["planned", "registration_open", "requests", "scheduling", "published", "held", "closed"];
    for (i, from) in order.iter().enumerate() {
        assert_eq!(session(&app, &id).status, *from);
        for to in SessionStatus::ALL {
            let legal = order.get(i + 1) == Some(&to.code()) || (to.code() == "cancelled" && i < 5);
            if legal {
                continue;
            }
            assert_eq!(set_status(&app, &staff, &id, to.code()).await, 409, "{from} → {to}");
            assert_eq!(session(&app, &id).status, *from, "{from} → {to} changed nothing");
        }
        if let Some(next) = order.get(i + 1) {
            if *next == "published" {
                // Not before the scheduler has run.
                assert_eq!(set_status(&app, &staff, &id, next).await, 409);
                let r = post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/schedule"), &[]).await;
                assert_eq!(r.status(), 303);
            }
            assert_eq!(set_status(&app, &staff, &id, next).await, 303, "{from} → {next}");
        }
    }
    // Nothing follows a closed or a cancelled session.
    let other = staff_creates_session(&app, &staff, &session_form(40, "10", "5")).await;
    assert_eq!(set_status(&app, &staff, &other, "cancelled").await, 303);
    for to in SessionStatus::ALL {
        assert_eq!(set_status(&app, &staff, &other, to.code()).await, 409, "cancelled → {to}");
    }
    assert_eq!(set_status(&app, &staff, &other, "nonsense").await, 400);
    let steps = db::audit::for_entity(&mut app.db.conn().unwrap(), "session", &id).unwrap();
    assert_eq!(steps.iter().filter(|e| e.action == "session.status").count(), 6);
    // A member cannot change a session at all.
    let org = new_org(&app, "Viện Thử", true);
    let member = signed_in(&app, &user(&app, "a@vien.example", Role::Member, Some(org.id)));
    assert_eq!(set_status(&app, &member, &other, "planned").await, 403);
}

/// A verified organisation with one published listing, and a signed-in member of it.
pub(crate) fn organisation(
    app: &TestApp,
    name: &str,
    email: &str,
    offer_title: Option<&str>,
) -> (Organisation, User, String) {
    let o = new_org(app, name, true);
    let u = user(app, email, Role::Member, Some(o.id));
    let key = match offer_title {
        Some(t) => {
            let x = offer(o.id, t, ListingStatus::Published);
            db::offers::insert(&mut app.db.conn().unwrap(), &x).unwrap();
            format!("offer:{}", x.id)
        }
        None => {
            let mut n = need(o.id, "Cần máy sấy tôm tiết kiệm điện");
            n.status = ListingStatus::Published;
            n.published_at = Some(db::now());
            n.expires_at = Some(db::now() + TimeDelta::days(90));
            db::needs::insert(&mut app.db.conn().unwrap(), &n).unwrap();
            format!("need:{}", n.id)
        }
    };
    (o, u, key)
}

pub(crate) async fn register(
    app: &TestApp,
    who: &(reqwest::Client, String),
    id: &str,
    listing: &str,
    rep: (&str, &str, &str),
) -> reqwest::Response {
    post(
        &who.0,
        app,
        &who.1,
        &format!("/sessions/{id}/register"),
        &[
            ("listings", listing),
            ("blocks", "morning"),
            ("blocks", "afternoon"),
            ("max_meetings", "4"),
            ("rep_name_1", rep.0),
            ("rep_email_1", rep.1),
            ("rep_locale_1", rep.2),
        ],
    )
    .await
}

pub(crate) fn participant(app: &TestApp, session: &str, org: &Organisation) -> db::sessions::Participant {
    db::sessions::participant_of(&mut app.db.conn().unwrap(), session, &org.id.to_string()).unwrap().unwrap()
}

#[tokio::test]
async fn registration_with_representatives_a_waiting_list_that_moves_up_and_withdrawal() {
    let smtp = crate::mail::SmtpSink::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    let staff = signed_in(&app, &user(&app, "canbo@ketnoi.example.vn", Role::Staff, None));
    let id = staff_creates_session(&app, &staff, &session_form(30, "2", "5")).await;
    let (a, ua, la) = organisation(&app, "Viện Cơ điện", "an@vien.example", Some("Máy sấy bơm nhiệt"));
    let (b, ub, lb) = organisation(&app, "Công ty Thủy sản Lăng Cô", "binh@langco.example", None);
    let (c, uc, lc) = organisation(&app, "Công ty Thực phẩm Cố Đô", "cuong@codo.example", None);
    let (ca, cb, cc) = (signed_in(&app, &ua), signed_in(&app, &ub), signed_in(&app, &uc));

    // Planned: registration is not open yet.
    assert_eq!(register(&app, &ca, &id, &la, ("Lê An", "an@vien.example", "vi")).await.status(), 409);
    assert_eq!(set_status(&app, &staff, &id, "registration_open").await, 303);

    // Bad input is refused next to its field, and nothing is stored: a line break in a name,
    // an address that is not one, a listing of another organisation, an unknown block.
    let r = post(
        &ca.0,
        &app,
        &ca.1,
        &format!("/sessions/{id}/register"),
        &[
            ("listings", lb.as_str()),
            ("blocks", "evening"),
            ("max_meetings", "99"),
            ("rep_name_1", "Lê\r\nBcc: x@y.z"),
            ("rep_email_1", "not-an-address"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    for f in ["listings", "blocks", "max_meetings", "rep_name_1", "rep_email_1"] {
        assert!(body.contains(&format!("id=\"register-{f}-error\"")), "{f}: {body}");
    }
    assert!(db::sessions::participants(&mut app.db.conn().unwrap(), &id).unwrap().is_empty());

    // An unverified organisation cannot register.
    let unverified = new_org(&app, "Công ty Chưa Xác Minh", false);
    let uu = signed_in(&app, &user(&app, "d@chua.example", Role::Member, Some(unverified.id)));
    assert_eq!(register(&app, &uu, &id, &la, ("D", "d@chua.example", "vi")).await.status(), 409);

    // Two places: the first two are accepted (auto-approval), the third waits.
    let r = register(&app, &ca, &id, &la, ("Lê An", "an@vien.example", "vi")).await;
    assert_eq!(location(&r), format!("/sessions/{id}/meetings?done=approved"));
    assert_eq!(register(&app, &cb, &id, &lb, ("John Binh", "john@langco.example", "en")).await.status(), 303);
    let r = register(&app, &cc, &id, &lc, ("Trần Cường", "cuong@codo.example", "vi")).await;
    assert_eq!(location(&r), format!("/sessions/{id}/meetings?done=waitlisted"));
    assert_eq!(participant(&app, &id, &c).status, "waitlisted");
    // Registering again changes the registration, not its place.
    let r = register(&app, &cc, &id, &lc, ("Trần Văn Cường", "cuong@codo.example", "vi")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(participant(&app, &id, &c).status, "waitlisted");
    let mail = delivered(&app, &smtp).await;
    assert!(
        mail.contains(&("an@vien.example".into(), "Đăng ký đã được chấp nhận: Phiên kết nối thử nghiệm".to_string())),
        "{mail:?}"
    );
    assert!(
        mail.contains(&("john@langco.example".into(), "Registration accepted: Trial matchmaking session".into())),
        "{mail:?}"
    );
    assert!(mail.iter().any(|(to, s)| to == "cuong@codo.example" && s.starts_with("Phiên đã đủ chỗ")), "{mail:?}");
    assert_eq!(mail.len(), 3, "one email per registration, none for the change: {mail:?}");

    // The first withdraws: the waiting list moves up by itself and says so.
    let r = post(&ca.0, &app, &ca.1, &format!("/sessions/{id}/withdraw"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(participant(&app, &id, &a).status, "withdrawn");
    assert_eq!(participant(&app, &id, &c).status, "approved");
    let mail = delivered(&app, &smtp).await;
    assert!(mail.iter().any(|(to, s)| to == "cuong@codo.example" && s.starts_with("Đã có chỗ cho đơn vị")), "{mail:?}");
    assert!(mail.iter().any(|(to, s)| to == "an@vien.example" && s.starts_with("Đơn vị đã rút đăng ký")), "{mail:?}");
    // The loop again sends nothing again.
    let before = mail.len();
    assert_eq!(delivered(&app, &smtp).await.len(), before);
    let reps = db::sessions::representatives(&mut app.db.conn().unwrap(), &[participant(&app, &id, &c).id]).unwrap();
    assert_eq!(reps.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Trần Văn Cường"]);
    let _ = b;

    // After the deadline, registration is closed.
    app.advance(TimeDelta::days(26));
    assert_eq!(register(&app, &ca, &id, &la, ("Lê An", "an@vien.example", "vi")).await.status(), 409);
}

#[tokio::test]
async fn requests_answers_cap_expiry_brokered_and_mutual_pairs_and_their_weights() {
    let smtp = crate::mail::SmtpSink::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    let staff = signed_in(&app, &user(&app, "canbo@ketnoi.example.vn", Role::Staff, None));
    let id = staff_creates_session(&app, &staff, &session_form(30, "10", "1")).await;
    assert_eq!(set_status(&app, &staff, &id, "registration_open").await, 303);
    let (a, ua, la) = organisation(&app, "Công ty Thủy sản Lăng Cô", "an@langco.example", None);
    let (b, ub, lb) =
        organisation(&app, "Viện Cơ điện", "binh@vien.example", Some("Máy sấy tôm bơm nhiệt tiết kiệm điện"));
    let (c, uc, lc) =
        organisation(&app, "Trường Đại học Nông Lâm", "cuong@dhnl.example", Some("Chế phẩm sinh học ao tôm"));
    let (d, ud, ld) = organisation(&app, "Công ty Cố Đô", "dung@codo.example", None);
    let (ca, cb, cc, cd) = (signed_in(&app, &ua), signed_in(&app, &ub), signed_in(&app, &uc), signed_in(&app, &ud));
    for (who, l, email) in [
        (&ca, &la, "an@langco.example"),
        (&cb, &lb, "binh@vien.example"),
        (&cc, &lc, "cuong@dhnl.example"),
        (&cd, &ld, "dung@codo.example"),
    ] {
        assert_eq!(register(&app, who, &id, l, ("Đại diện", email, "vi")).await.status(), 303);
    }
    let (pa, pb, pc, pd) = (
        participant(&app, &id, &a),
        participant(&app, &id, &b),
        participant(&app, &id, &c),
        participant(&app, &id, &d),
    );
    let seen = delivered(&app, &smtp).await.len();

    // The catalogue lists the others with their listings, and the request form.
    let (code, body) = page(&ca.0, &app, &format!("/sessions/{id}/meetings")).await;
    assert_eq!(code, 200);
    assert!(body.contains("Viện Cơ điện") && body.contains("Máy sấy tôm bơm nhiệt"), "{body}");
    assert!(body.contains(&format!("name=\"to\" value=\"{}\"", pb.id)));

    // A reason is required and goes through the text rule.
    let ask = |to: String, reason: &'static str| async move {
        vec![("to", to), ("reason", reason.to_string()), ("block", "morning".to_string())]
    };
    let f = ask(pb.id.clone(), "x\u{0}").await;
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post(&ca.0, &app, &ca.1, &format!("/sessions/{id}/requests"), &f).await.status(), 422);
    let f = ask(pb.id.clone(), "Chúng tôi cần máy sấy tôm tiết kiệm điện.").await;
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = post(&ca.0, &app, &ca.1, &format!("/sessions/{id}/requests"), &f).await;
    assert_eq!(location(&r), format!("/sessions/{id}/meetings?done=requested"));
    // The cap on open requests (1 here), and no second request between the same two.
    let f2 = ask(pc.id.clone(), "Chế phẩm cho ao tôm.").await;
    let f2: Vec<(&str, &str)> = f2.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = post(&ca.0, &app, &ca.1, &format!("/sessions/{id}/requests"), &f2).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("đủ số yêu cầu"));
    let r = post(&ca.0, &app, &ca.1, &format!("/sessions/{id}/requests"), &f).await;
    assert_eq!(r.status(), 409);
    let mail = delivered(&app, &smtp).await;
    assert_eq!(
        mail[seen..],
        [(
            "binh@vien.example".to_string(),
            "Công ty Thủy sản Lăng Cô muốn gặp đơn vị bạn tại phiên kết nối".to_string()
        )]
    );

    // B accepts from its page; A is told.
    let requests = db::sessions::requests(&mut app.db.conn().unwrap(), &id).unwrap();
    let ab = requests.iter().find(|r| r.from_participant == pa.id).unwrap().clone();
    // Only B may answer it.
    let r =
        post(&cc.0, &app, &cc.1, &format!("/sessions/{id}/requests/{}/answer", ab.id), &[("decision", "accept")]).await;
    assert_eq!(r.status(), 404);
    let r =
        post(&cb.0, &app, &cb.1, &format!("/sessions/{id}/requests/{}/answer", ab.id), &[("decision", "accept")]).await;
    assert_eq!(location(&r), format!("/sessions/{id}/meetings?done=accepted"));
    let mail = delivered(&app, &smtp).await;
    assert!(mail.contains(&("an@langco.example".into(), "Viện Cơ điện đã đồng ý gặp đơn vị bạn".into())), "{mail:?}");

    // C asks D; D asks C too: the second request makes the pair at once.
    let f = ask(pd.id.clone(), "Chế phẩm sinh học cho nhà máy.").await;
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post(&cc.0, &app, &cc.1, &format!("/sessions/{id}/requests"), &f).await.status(), 303);
    let f = ask(pc.id.clone(), "Chúng tôi cũng muốn gặp trường.").await;
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = post(&cd.0, &app, &cd.1, &format!("/sessions/{id}/requests"), &f).await;
    assert_eq!(location(&r), format!("/sessions/{id}/meetings?done=paired"));

    // B asks D and is left unanswered: it lapses at the request deadline, by the loop.
    let f = ask(pd.id.clone(), "Máy sấy cho dây chuyền.").await;
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post(&cb.0, &app, &cb.1, &format!("/sessions/{id}/requests"), &f).await.status(), 303);
    app.advance(TimeDelta::days(29));
    app.tick().await;
    let requests = db::sessions::requests(&mut app.db.conn().unwrap(), &id).unwrap();
    let bd = requests.iter().find(|r| r.from_participant == pb.id).unwrap();
    assert_eq!(bd.status, "expired");
    // After the deadline nobody asks any more.
    let f = ask(pc.id.clone(), "Muộn rồi.").await;
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post(&cb.0, &app, &cb.1, &format!("/sessions/{id}/requests"), &f).await.status(), 409);

    // Staff broker B and C, "must meet"; an expression of interest A–D accepted becomes a pair.
    let r = post(
        &staff.0,
        &app,
        &staff.1,
        &format!("/staff/sessions/{id}/pairs"),
        &[("a", &pb.id), ("b", &pc.id), ("must_meet", "on")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let r =
        post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/pairs"), &[("a", &pc.id), ("b", &pb.id)]).await;
    assert_eq!(r.status(), 409, "a pair once");
    let interest = db::interests::Interest {
        id: uuid::Uuid::now_v7().to_string(),
        listing_kind: "need".into(),
        listing_id: ld.trim_start_matches("need:").into(),
        owner_org: d.id.to_string(),
        sender_org: a.id.to_string(),
        sender_user: None,
        message: "Cùng quan tâm".into(),
        status: "accepted".into(),
        answer: String::new(),
        answered_by: None,
        created_at: db::now(),
        answered_at: Some(db::now()),
        reminded_at: None,
        reasons: String::new(),
        sender_notified_at: None,
        owner_notified_at: None,
    };
    db::interests::insert(&mut app.db.conn().unwrap(), &interest).unwrap();
    assert_eq!(set_status(&app, &staff, &id, "requests").await, 303);
    app.tick().await;
    app.tick().await;

    // The accepted pairs and their documented weights.
    let pairs = ketnoi::services::sessions::pairs(&mut app.db.conn().unwrap(), &id).unwrap();
    assert_eq!(pairs.len(), 4, "{pairs:#?}");
    let of = |x: &db::sessions::Participant, y: &db::sessions::Participant| {
        pairs.iter().find(|p| p.request.pair_key == db::sessions::pair_key(&x.id, &y.id)).unwrap().clone()
    };
    let bc = of(&pb, &pc);
    assert!(bc.weight.must_meet && !bc.weight.mutual);
    assert_eq!(bc.weight.total(), 1.0 + bc.weight.score + 10.0);
    assert_eq!(pairs[0].request.id, bc.request.id, "the must-meet pair weighs most");
    let ab = of(&pa, &pb);
    assert!(ab.weight.mutual && !ab.weight.must_meet && ab.request.origin == "request");
    assert_eq!(ab.weight.total(), 2.0 + ab.weight.score);
    assert!(of(&pc, &pd).weight.mutual);
    let ad = of(&pa, &pd);
    assert_eq!(ad.request.origin, "interest");
    assert!(ad.weight.mutual);
    // The staff's page shows them with their weights; the public page and API now list the
    // participants (registration has closed).
    let (code, body) = page(&staff.0, &app, &format!("/staff/sessions/{id}")).await;
    assert_eq!(code, 200);
    assert!(body.contains(&format!("{:.2}", bc.weight.total())), "{body}");
    let (_, detail) = app.json(&format!("/api/v1/sessions/{id}")).await;
    let names: Vec<&str> = detail["participant_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["organisation"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 4);
    assert_eq!(detail["slots"].as_array().unwrap().len(), 6, "{detail}");
    // Removing a pair ends it.
    let r = post(
        &staff.0,
        &app,
        &staff.1,
        &format!("/staff/sessions/{id}/pairs/{}", bc.request.id),
        &[("action", "remove")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(ketnoi::services::sessions::pairs(&mut app.db.conn().unwrap(), &id).unwrap().len(), 3);
}

#[tokio::test]
async fn public_pages_and_api_show_the_programme_and_hide_participants_until_registration_closes() {
    let app = TestApp::spawn().await;
    let staff = signed_in(&app, &user(&app, "canbo@ketnoi.example.vn", Role::Staff, None));
    let id = staff_creates_session(&app, &staff, &session_form(20, "10", "5")).await;
    assert_eq!(set_status(&app, &staff, &id, "registration_open").await, 303);
    let (o, u, l) = organisation(&app, "Viện Cơ điện", "an@vien.example", Some("Máy sấy"));
    let m = signed_in(&app, &u);
    assert_eq!(register(&app, &m, &id, &l, ("Lê An", "an@vien.example", "vi")).await.status(), 303);

    let (code, body) = app.text(&format!("/sessions/{id}")).await;
    assert_eq!(code, 200);
    assert!(body.contains("08:00-10:00") && body.contains("07 Hà Nội, Huế"), "{body}");
    assert!(!body.contains(&o.name), "participants are not public while registration is open");
    assert!(body.contains(&format!("/login?next=/sessions/{id}/register")));
    let (_, home) = app.text("/").await;
    assert!(home.contains(&format!("/sessions/{id}/register")), "the home page invites to register");
    let (code, list) = app.json("/api/v1/sessions").await;
    assert_eq!(code, 200);
    assert_eq!(list["upcoming"][0]["id"], id.as_str());
    assert_eq!(list["upcoming"][0]["participants"], 1);
    let (_, one) = app.json(&format!("/api/v1/sessions/{id}")).await;
    assert!(one["participant_list"].is_null());
    let (code, _) = app.json("/api/v1/sessions/no-such-session").await;
    assert_eq!(code, 404);
    let (code, _) = app.text("/sessions/no-such-session").await;
    assert_eq!(code, 404);

    assert_eq!(set_status(&app, &staff, &id, "requests").await, 303);
    let (_, body) = app.text(&format!("/sessions/{id}?lang=en")).await;
    assert!(body.contains(&o.name) && body.contains("Meeting requests"), "{body}");
    let (_, one) = app.json(&format!("/api/v1/sessions/{id}")).await;
    assert_eq!(one["participant_list"][0]["organisation"]["name"], o.name.as_str());
}

/// Two nodes running the loop at the same moment create each session once (on a database of
/// its own: a running application's own loop would race the two).
#[test]
fn two_nodes_generating_at_once_create_each_session_once() {
    let t = TestDb::new();
    let pool = db::Db::connect(&t.url).unwrap();
    pool.migrate().unwrap();
    let raw = ketnoi::services::sessions::Raw(
        session_form(0, "30", "5")
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .chain([
                ("rule".into(), "FREQ=WEEKLY;BYDAY=TU".into()),
                ("first_date".into(), "2026-01-06".into()),
                ("registration_days".into(), "3".into()),
                ("request_days".into(), "1".into()),
            ])
            .collect(),
    );
    let input = ketnoi::services::sessions::parse_series(&raw).unwrap();
    let now = db::now();
    let series = db::sessions::Series {
        id: uuid::Uuid::now_v7().to_string(),
        rule: input.rule.clone(),
        first_date: input.first_date,
        plan: serde_json::to_string(&input.plan).unwrap(),
        active: true,
        created_at: now,
        updated_at: now,
    };
    db::sessions::insert_series(&mut pool.conn().unwrap(), &series).unwrap();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let (pool, b) = (pool.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut c = pool.conn().unwrap();
                b.wait();
                ketnoi::services::sessions::generate(&mut c, now).unwrap()
            })
        })
        .collect();
    let created: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(created, 2, "each occurrence created by one node only");
    assert_eq!(db::sessions::sessions(&mut pool.conn().unwrap()).unwrap().len(), 2);
}

/// An enterprise's member, in a real browser, signs in, registers the organisation for the
/// session from its page, and asks another participant for a meeting.
#[tokio::test]
async fn an_enterprise_registers_and_requests_a_meeting_in_a_real_browser() {
    let Some(bin) = crate::browser::chromedriver() else {
        assert!(
            std::env::var("KETNOI_REQUIRE_BROWSER").is_err(),
            "KETNOI_REQUIRE_BROWSER is set but chromedriver is missing"
        );
        eprintln!("SKIPPED an_enterprise_registers_and_requests_a_meeting_in_a_real_browser: chromedriver not found");
        return;
    };
    use fantoccini::Locator;
    let app = TestApp::spawn().await;
    let staff = signed_in(&app, &user(&app, "canbo@ketnoi.example.vn", Role::Staff, None));
    let id = staff_creates_session(&app, &staff, &session_form(30, "10", "5")).await;
    assert_eq!(set_status(&app, &staff, &id, "registration_open").await, 303);
    let (other, uo, lo) =
        organisation(&app, "Viện Cơ điện Nông nghiệp", "an@vien.example", Some("Máy sấy tôm bơm nhiệt"));
    assert_eq!(register(&app, &signed_in(&app, &uo), &id, &lo, ("Lê An", "an@vien.example", "vi")).await.status(), 303);
    let (me, _, _) = organisation(&app, "Công ty Thủy sản Lăng Cô", "hung@langco.example", None);

    let (_driver, b) = crate::browser::start_driver(&bin).await;
    let at = |p: &str| format!("{}{p}", app.address);
    b.goto(&at(&format!("/sessions/{id}"))).await.unwrap();
    b.find(Locator::Css(&format!("a[href='/login?next=/sessions/{id}/register']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait().for_element(Locator::Id("login-email")).await.unwrap();
    b.find(Locator::Id("login-email")).await.unwrap().send_keys("hung@langco.example").await.unwrap();
    b.find(Locator::Id("login-password")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    b.find(Locator::Css("#login button[type=submit]")).await.unwrap().click().await.unwrap();
    // Back at the registration form, filled with the member, the listing and both half-days.
    b.wait().for_element(Locator::Css("#register")).await.unwrap();
    let name =
        b.find(Locator::Id("register-rep_name_1")).await.unwrap().prop("value").await.unwrap().unwrap_or_default();
    assert!(name.contains("hung@langco.example"), "{name}");
    b.find(Locator::Css("#register button[type=submit]")).await.unwrap().click().await.unwrap();
    b.wait()
        .for_element(Locator::XPath("//div[@class='notice']/p[contains(., 'được chấp nhận tham gia')]"))
        .await
        .unwrap();
    assert_eq!(participant(&app, &id, &me).status, "approved");
    // The catalogue: the other organisation, and the request form behind its summary.
    b.find(Locator::XPath("//li[contains(., 'Viện Cơ điện Nông nghiệp')]//summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.find(Locator::Css("#request textarea[name=reason]"))
        .await
        .unwrap()
        .send_keys("Chúng tôi cần máy sấy tôm tiết kiệm điện cho cơ sở chế biến.")
        .await
        .unwrap();
    b.find(Locator::Css("#request select[name=block]")).await.unwrap().select_by_value("morning").await.unwrap();
    b.find(Locator::Css("#request button[type=submit]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::XPath("//div[@class='notice']/p[contains(., 'Đã gửi yêu cầu gặp')]")).await.unwrap();
    let page = b.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(page.contains("Yêu cầu gặp đã gửi") && page.contains("Chờ trả lời"), "{page}");
    let reqs = db::sessions::requests(&mut app.db.conn().unwrap(), &id).unwrap();
    assert_eq!(reqs.len(), 1);
    assert_eq!((reqs[0].status.as_str(), reqs[0].block.as_str()), ("pending", "morning"));
    assert_eq!(reqs[0].to_participant, participant(&app, &id, &other).id);
    b.close().await.unwrap();
}

#[tokio::test]
async fn staff_approve_and_reject_registrations_and_a_cancellation_is_told_to_every_representative() {
    let smtp = crate::mail::SmtpSink::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    let staff = signed_in(&app, &user(&app, "canbo@ketnoi.example.vn", Role::Staff, None));
    let mut form = session_form(30, "10", "5");
    form.retain(|(k, _)| *k != "auto_approve");
    let id = staff_creates_session(&app, &staff, &form).await;
    assert_eq!(set_status(&app, &staff, &id, "registration_open").await, 303);
    let (a, ua, la) = organisation(&app, "Viện Cơ điện", "an@vien.example", Some("Máy sấy"));
    let (b, ub, lb) = organisation(&app, "Công ty Cố Đô", "binh@codo.example", None);
    let r = register(&app, &signed_in(&app, &ua), &id, &la, ("Lê An", "an@vien.example", "vi")).await;
    assert_eq!(location(&r), format!("/sessions/{id}/meetings?done=pending"));
    let cb = signed_in(&app, &ub);
    assert_eq!(register(&app, &cb, &id, &lb, ("Bình", "binh@codo.example", "en")).await.status(), 303);
    // Awaiting approval: the page says so and offers no catalogue.
    let (_, body) = page(&cb.0, &app, &format!("/sessions/{id}/meetings")).await;
    assert!(body.contains("Chờ duyệt") && !body.contains("id=\"catalogue\""), "{body}");
    let (pa, pb) = (participant(&app, &id, &a), participant(&app, &id, &b));
    let decide = |p: String, d: &'static str| {
        let staff = &staff;
        let app = &app;
        let id = &id;
        async move {
            post(&staff.0, app, &staff.1, &format!("/staff/sessions/{id}/participants/{p}"), &[("decision", d)])
                .await
                .status()
        }
    };
    assert_eq!(decide(pa.id.clone(), "accept").await, 303);
    assert_eq!(decide(pb.id.clone(), "decline").await, 303);
    assert_eq!(decide(pb.id.clone(), "accept").await, 409, "a rejected registration stays rejected");
    assert_eq!(decide(pa.id.clone(), "maybe").await, 400);
    assert_eq!(
        (participant(&app, &id, &a).status.as_str(), participant(&app, &id, &b).status.as_str()),
        ("approved", "rejected")
    );
    // A rejected organisation cannot register again.
    assert_eq!(register(&app, &cb, &id, &lb, ("Bình", "binh@codo.example", "en")).await.status(), 409);
    let mail = delivered(&app, &smtp).await;
    let to = |who: &str| mail.iter().filter(|(t, _)| t == who).map(|(_, s)| s.clone()).collect::<Vec<_>>();
    assert_eq!(to("an@vien.example").len(), 2, "{mail:?}");
    // The outbox delivers concurrently: compare without order.
    assert!(to("an@vien.example").iter().any(|s| s.starts_with("Đăng ký đã được chấp nhận")));
    let mut b_mail = to("binh@codo.example");
    b_mail.sort();
    assert_eq!(
        b_mail,
        [
            "Registration not accepted: Trial matchmaking session",
            "Registration received, awaiting approval: Trial matchmaking session"
        ]
    );
    // Cancelled: the representatives of every registration still standing are told, once.
    assert_eq!(set_status(&app, &staff, &id, "cancelled").await, 303);
    let mail = delivered(&app, &smtp).await;
    let cancelled: Vec<_> = mail.iter().filter(|(_, s)| s.contains("bị hủy") || s.contains("cancelled")).collect();
    assert_eq!(
        cancelled,
        [&("an@vien.example".to_string(), "Phiên kết nối bị hủy: Phiên kết nối thử nghiệm".to_string())]
    );
    assert_eq!(delivered(&app, &smtp).await.len(), mail.len(), "nothing twice");
}

//! Schedules, agendas and their calendars over real HTTP on the selected backend with a real SMTP
//! receiver: schedule → publish (every calendar part read back by an independent parser) → a
//! decline from the agenda link → a minimal-change run → updates sent only to those affected →
//! a staff move → reminders by the settable clock, each email once; the printable table sheets;
//! the cancellation of a published session; a representative's agenda in a real browser.

use chrono::TimeDelta;
use ketnoi::db;
use ketnoi::domain::*;
use mail_parser::MimeHeaders;

use crate::helpers::*;
use crate::sessions::{organisation, participant, post, register, set_status, staff_creates_session};

/// A received email, parsed: recipient, subject, text, and its two calendars.
pub(crate) struct Mail {
    pub(crate) to: String,
    pub(crate) subject: String,
    pub(crate) text: String,
    /// The `text/calendar` alternative (the session's event).
    pub(crate) invitation: Option<String>,
    /// `agenda.ics`.
    pub(crate) agenda: Option<String>,
}

fn parse(m: &crate::mail::Received) -> Mail {
    let msg = mail_parser::MessageParser::default().parse(&m.data).unwrap();
    let invitation = msg
        .parts
        .iter()
        .find(|p| {
            p.content_type().is_some_and(|c| c.ctype() == "text" && c.subtype() == Some("calendar"))
                && p.attachment_name().is_none()
        })
        .and_then(|p| p.text_contents().map(str::to_string));
    let agenda = msg
        .attachments()
        .find(|a| a.attachment_name() == Some("agenda.ics"))
        .map(|a| String::from_utf8(a.contents().to_vec()).unwrap());
    Mail {
        to: m.to.join(","),
        subject: msg.subject().unwrap_or_default().to_string(),
        text: msg.body_text(0).map(|t| t.to_string()).unwrap_or_default(),
        invitation,
        agenda,
    }
}

pub(crate) async fn delivered(app: &TestApp, smtp: &crate::mail::SmtpSink) -> Vec<Mail> {
    app.tick().await;
    smtp.messages().iter().map(parse).collect()
}

type Props = Vec<ical::property::Property>;

fn prop(props: &Props, name: &str) -> Option<String> {
    props.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
}

fn param(props: &Props, name: &str, key: &str) -> Option<String> {
    props.iter().find(|p| p.name == name)?.params.as_ref()?.iter().find(|(k, _)| k == key).map(|(_, v)| v.join(","))
}

/// Reads a calendar with an independent parser.
fn calendar(ics: &str) -> ical::parser::ical::component::IcalCalendar {
    ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes())).next().unwrap().unwrap()
}

pub(crate) struct Fixture {
    pub(crate) app: TestApp,
    pub(crate) smtp: crate::mail::SmtpSink,
    pub(crate) staff: (reqwest::Client, String),
    pub(crate) id: String,
    /// The participants A (need), B (offer), C (offer), D (need), with their representatives'
    /// addresses.
    pub(crate) p: Vec<(db::sessions::Participant, &'static str)>,
}

/// A session in scheduling with four participants and three agreed pairs: A–B (a request
/// accepted), A–C and C–D (brokered by staff).
pub(crate) async fn fixture() -> Fixture {
    let smtp = crate::mail::SmtpSink::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    user(&app, "canbo@ketnoi.example.vn", Role::Staff, None);
    let staff = signed_in(&app, &user(&app, "truong@ketnoi.example.vn", Role::Staff, None));
    let id = staff_creates_session(&app, &staff, &crate::sessions::session_form(20, "10", "5")).await;
    assert_eq!(set_status(&app, &staff, &id, "registration_open").await, 303);
    let mut p = Vec::new();
    for (name, email, offer) in [
        ("Công ty Thủy sản Lăng Cô", "an@langco.example", None),
        ("Viện Cơ điện", "binh@vien.example", Some("Máy sấy tôm")),
        ("Trường Đại học Nông Lâm", "cuong@dhnl.example", Some("Chế phẩm ao tôm")),
        ("Công ty Cố Đô", "dung@codo.example", None),
    ] {
        let (o, u, l) = organisation(&app, name, email, offer);
        let locale = if email.starts_with("binh") { "en" } else { "vi" };
        assert_eq!(register(&app, &signed_in(&app, &u), &id, &l, ("Đại diện", email, locale)).await.status(), 303);
        p.push((participant(&app, &id, &o), email));
    }
    let ask = signed_in(
        &app,
        &db::users::by_email(&mut app.db.conn().unwrap(), &Email::parse("an@langco.example").unwrap())
            .unwrap()
            .unwrap(),
    );
    let r = post(
        &ask.0,
        &app,
        &ask.1,
        &format!("/sessions/{id}/requests"),
        &[("to", &p[1].0.id), ("reason", "Cần máy sấy tôm"), ("block", "")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let rid = db::sessions::requests(&mut app.db.conn().unwrap(), &id).unwrap()[0].id.clone();
    let b = signed_in(
        &app,
        &db::users::by_email(&mut app.db.conn().unwrap(), &Email::parse("binh@vien.example").unwrap())
            .unwrap()
            .unwrap(),
    );
    assert_eq!(
        post(&b.0, &app, &b.1, &format!("/sessions/{id}/requests/{rid}/answer"), &[("decision", "accept")])
            .await
            .status(),
        303
    );
    for (x, y) in [(0, 2), (2, 3)] {
        let r = post(
            &staff.0,
            &app,
            &staff.1,
            &format!("/staff/sessions/{id}/pairs"),
            &[("a", &p[x].0.id), ("b", &p[y].0.id)],
        )
        .await;
        assert_eq!(r.status(), 303);
    }
    assert_eq!(set_status(&app, &staff, &id, "requests").await, 303);
    assert_eq!(set_status(&app, &staff, &id, "scheduling").await, 303);
    Fixture { app, smtp, staff, id, p }
}

pub(crate) fn meetings(app: &TestApp, id: &str) -> Vec<db::sessions::Meeting> {
    db::sessions::meetings(&mut app.db.conn().unwrap(), id).unwrap()
}

pub(crate) fn meeting_of(
    app: &TestApp,
    id: &str,
    a: &db::sessions::Participant,
    b: &db::sessions::Participant,
) -> db::sessions::Meeting {
    meetings(app, id)
        .into_iter()
        .find(|m| {
            (m.participant_a == a.id && m.participant_b == b.id) || (m.participant_a == b.id && m.participant_b == a.id)
        })
        .unwrap()
}

#[tokio::test]
async fn schedule_publish_decline_rerun_and_updates_reach_only_those_affected() {
    let Fixture { app, smtp, staff, id, p } = fixture().await;
    let seen = delivered(&app, &smtp).await.len();

    // Publishing before a run is refused; the run places all three pairs without clashes.
    assert_eq!(set_status(&app, &staff, &id, "published").await, 409);
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/schedule"), &[]).await.status(), 303);
    let ms = meetings(&app, &id);
    assert_eq!(ms.len(), 3);
    for m in &ms {
        assert!(m.table_index < 3 && m.slot < 6, "{m:?}");
        for n in &ms {
            let share =
                [&m.participant_a, &m.participant_b].iter().any(|x| **x == n.participant_a || **x == n.participant_b);
            assert!(
                m.id == n.id || m.slot != n.slot || (!share && m.table_index != n.table_index),
                "{m:?} clashes with {n:?}"
            );
        }
    }
    let (code, page) = crate::sessions::page(&staff.0, &app, &format!("/staff/sessions/{id}/schedule")).await;
    assert_eq!(code, 200);
    assert!(page.contains("Viện Cơ điện") && page.contains("3 / 3"), "{page}");
    // Staff see who will be emailed before anything is sent.
    let (_, preview) = crate::sessions::page(&staff.0, &app, &format!("/staff/sessions/{id}/updates")).await;
    assert!(p.iter().all(|(_, e)| preview.contains(e)), "{preview}");
    assert_eq!(delivered(&app, &smtp).await.len(), seen, "a preview sends nothing");

    // Publishing: one email per representative, each with the session's REQUEST and the agenda.
    assert_eq!(set_status(&app, &staff, &id, "published").await, 303);
    let mail = delivered(&app, &smtp).await;
    let published: Vec<&Mail> = mail[seen..].iter().collect();
    assert_eq!(published.len(), 4, "{:?}", published.iter().map(|m| (&m.to, &m.subject)).collect::<Vec<_>>());
    let b_mail = published.iter().find(|m| m.to == "binh@vien.example").unwrap();
    assert_eq!(b_mail.subject, "Your organisation's meetings: Trial matchmaking session");
    let a_mail = published.iter().find(|m| m.to == "an@langco.example").unwrap();
    assert!(a_mail.text.contains("Viện Cơ điện") && a_mail.text.contains("Trường Đại học Nông Lâm"), "{}", a_mail.text);
    for m in &published {
        let inv = calendar(m.invitation.as_deref().expect("the session's event"));
        assert_eq!(prop(&inv.properties, "METHOD").as_deref(), Some("REQUEST"));
        assert_eq!(prop(&inv.timezones[0].properties, "TZID").as_deref(), Some("Asia/Ho_Chi_Minh"));
        let ev = &inv.events[0].properties;
        assert!(prop(ev, "UID").unwrap().starts_with(&format!("session-{id}@")));
        assert_eq!(prop(ev, "SEQUENCE").as_deref(), Some("0"));
        assert!(prop(ev, "ORGANIZER").unwrap().starts_with("mailto:no-reply@"));
        assert_eq!(prop(ev, "ATTENDEE"), Some(format!("mailto:{}", m.to)));
        assert_eq!(param(ev, "ATTENDEE", "RSVP").as_deref(), Some("FALSE"));
        assert_eq!(param(ev, "DTSTART", "TZID").as_deref(), Some("Asia/Ho_Chi_Minh"));
        assert!(prop(ev, "DTSTART").unwrap().ends_with("T080000"), "the first slot");
        let agenda = calendar(m.agenda.as_deref().expect("agenda.ics"));
        assert_eq!(prop(&agenda.properties, "METHOD").as_deref(), Some("PUBLISH"));
        let mine = p.iter().find(|(_, e)| *e == m.to).unwrap().0.id.clone();
        let count = meetings(&app, &id).iter().filter(|x| x.participant_a == mine || x.participant_b == mine).count();
        assert_eq!(agenda.events.len(), count, "one event per meeting of {}", m.to);
        for e in &agenda.events {
            assert!(prop(&e.properties, "UID").unwrap().starts_with("meeting-"));
            assert_eq!(prop(&e.properties, "STATUS").as_deref(), Some("CONFIRMED"));
            assert_eq!(param(&e.properties, "DTSTART", "TZID").as_deref(), Some("Asia/Ho_Chi_Minh"));
        }
    }
    // The loop again sends nothing again.
    assert_eq!(delivered(&app, &smtp).await.len(), mail.len());

    // A declines its meeting with B from its agenda link: the page changes nothing by itself.
    let link = a_mail.text.split_whitespace().find(|w| w.contains("/agenda?token=")).unwrap().to_string();
    let path = &link[link.find("/agenda").unwrap()..];
    let token = path.trim_start_matches("/agenda?token=").to_string();
    let (code, body) = app.text(path).await;
    assert_eq!(code, 200);
    assert!(body.contains("Viện Cơ điện") && body.contains("<svg"), "the agenda and its QR code");
    let ab = meeting_of(&app, &id, &p[0].0, &p[1].0);
    let (ac, cd) = (meeting_of(&app, &id, &p[0].0, &p[2].0), meeting_of(&app, &id, &p[2].0, &p[3].0));
    assert_eq!(ab.status, "scheduled");
    let visitor = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = visitor
        .post(format!("{}/agenda", app.address))
        .form(&[("token", token.as_str()), ("what", ab.id.as_str()), ("decision", "decline")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(meeting_of(&app, &id, &p[0].0, &p[1].0).status, "cancelled");
    // A tampered token changes nothing.
    let r = visitor
        .post(format!("{}/agenda", app.address))
        .form(&[("token", format!("{token}x").as_str()), ("what", "all"), ("decision", "confirm")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let mail = delivered(&app, &smtp).await;
    let alerts: Vec<&Mail> = mail.iter().filter(|m| m.subject.contains("từ chối một cuộc gặp")).collect();
    assert_eq!(alerts.len(), 2, "both staff members are alerted");
    let before_rerun = mail.len();

    // A minimal-change run keeps the two other meetings where they were.
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/schedule"), &[]).await.status(), 303);
    for m in [&ac, &cd] {
        let now = meetings(&app, &id).into_iter().find(|x| x.id == m.id).unwrap();
        assert_eq!((now.slot, now.table_index, now.sequence), (m.slot, m.table_index, 0), "kept as it was");
    }
    // The update goes to A and B only.
    let (_, preview) = crate::sessions::page(&staff.0, &app, &format!("/staff/sessions/{id}/updates")).await;
    assert!(preview.contains("an@langco.example") && preview.contains("binh@vien.example"));
    assert!(!preview.contains("cuong@dhnl.example") && !preview.contains("dung@codo.example"), "{preview}");
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/updates"), &[]).await.status(), 303);
    let mail = delivered(&app, &smtp).await;
    let updates: Vec<&Mail> = mail[before_rerun..].iter().collect();
    let mut to: Vec<&str> = updates.iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["an@langco.example", "binh@vien.example"]);
    let b_update = updates.iter().find(|m| m.to == "binh@vien.example").unwrap();
    assert_eq!(b_update.subject, "Your meetings have changed: Trial matchmaking session");
    let inv = calendar(b_update.invitation.as_deref().unwrap());
    assert_eq!(prop(&inv.events[0].properties, "SEQUENCE").as_deref(), Some("1"), "the session's event, raised");
    let agenda = calendar(b_update.agenda.as_deref().unwrap());
    let cancelled = agenda
        .events
        .iter()
        .find(|e| prop(&e.properties, "UID").unwrap().starts_with(&format!("meeting-{}@", ab.id)))
        .unwrap();
    assert_eq!(prop(&cancelled.properties, "STATUS").as_deref(), Some("CANCELLED"));
    assert_eq!(prop(&cancelled.properties, "SEQUENCE").as_deref(), Some("1"));
    // Nothing more waits; sending again is refused.
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/updates"), &[]).await.status(), 409);

    // Staff move C–D: only C and D hear of it.
    let free_slot =
        (0..6).find(|s| !meetings(&app, &id).iter().any(|m| m.status == "scheduled" && m.slot == *s)).unwrap();
    let r = post(
        &staff.0,
        &app,
        &staff.1,
        &format!("/staff/sessions/{id}/meetings/{}", cd.id),
        &[("action", "move"), ("slot", &free_slot.to_string()), ("table", "2")],
    )
    .await;
    assert_eq!(r.status(), 303);
    // A clash is refused: A–C's slot and table.
    let r = post(
        &staff.0,
        &app,
        &staff.1,
        &format!("/staff/sessions/{id}/meetings/{}", cd.id),
        &[("action", "move"), ("slot", &ac.slot.to_string()), ("table", &ac.table_index.to_string())],
    )
    .await;
    assert_eq!(r.status(), 409);
    let before = delivered(&app, &smtp).await.len();
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/updates"), &[]).await.status(), 303);
    let mail = delivered(&app, &smtp).await;
    let mut to: Vec<&str> = mail[before..].iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["cuong@dhnl.example", "dung@codo.example"]);
    let moved = meeting_of(&app, &id, &p[2].0, &p[3].0);
    assert_eq!((moved.slot, moved.table_index, moved.sequence, moved.locked), (free_slot, 2, 1, true));

    // The printable sheets: one section per table in use, and the print rule that pages them.
    let (code, sheets) = crate::sessions::page(&staff.0, &app, &format!("/staff/sessions/{id}/tables")).await;
    assert_eq!(code, 200);
    assert_eq!(sheets.matches("class=\"table-sheet\"").count(), 2, "{sheets}");
    let (_, css) = app.text("/static/app.css").await;
    assert!(css.contains(".table-sheet { break-after: page"));

    // Reminders: 7 days and 1 day before, once each, to every representative.
    let before = delivered(&app, &smtp).await.len();
    app.advance(TimeDelta::days(13));
    app.tick().await;
    let mail = delivered(&app, &smtp).await;
    let reminders: Vec<&Mail> = mail[before..]
        .iter()
        .filter(|m| m.subject.starts_with("Nhắc lịch gặp") || m.subject.starts_with("Reminder of"))
        .collect();
    assert_eq!(reminders.len(), 4, "{:?}", mail[before..].iter().map(|m| &m.subject).collect::<Vec<_>>());
    let before = mail.len();
    app.tick().await;
    assert_eq!(delivered(&app, &smtp).await.len(), before, "once");
    app.advance(TimeDelta::days(6));
    let mail = delivered(&app, &smtp).await;
    assert_eq!(mail[before..].len(), 4, "the day before");

    // Confirming the whole agenda takes A off the list of those who have not confirmed.
    let r = visitor
        .post(format!("{}/agenda", app.address))
        .form(&[("token", token.as_str()), ("what", "all"), ("decision", "confirm")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        participant(
            &app,
            &id,
            &db::organisations::get(&mut app.db.conn().unwrap(), p[0].0.organisation_id.parse().unwrap())
                .unwrap()
                .unwrap()
        )
        .confirmed_at
        .is_some()
    );
    let unconfirmed = ketnoi::services::sessions::agenda::unconfirmed(&mut app.db.conn().unwrap(), &id).unwrap();
    assert_eq!(unconfirmed.len(), 3);
    // Staff remind the three others, and only them.
    let before = delivered(&app, &smtp).await.len();
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/remind"), &[]).await.status(), 303);
    let mail = delivered(&app, &smtp).await;
    let mut to: Vec<&str> = mail[before..].iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["binh@vien.example", "cuong@dhnl.example", "dung@codo.example"]);
    // Long after the session, the link no longer works.
    app.advance(TimeDelta::days(5));
    let (code, _) = app.text(path).await;
    assert_eq!(code, 400);
}

#[tokio::test]
async fn a_new_time_for_a_published_session_goes_to_everyone() {
    let Fixture { app, smtp, staff, id, p } = fixture().await;
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/schedule"), &[]).await.status(), 303);
    assert_eq!(set_status(&app, &staff, &id, "published").await, 303);
    let before = delivered(&app, &smtp).await.len();
    // The morning starts half an hour later.
    let mut form = crate::sessions::session_form(20, "10", "5");
    for (k, v) in form.iter_mut() {
        if *k == "morning" {
            *v = "08:30-10:30".into();
        }
    }
    let f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}"), &f).await.status(), 303);
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/updates"), &[]).await.status(), 303);
    let mail = delivered(&app, &smtp).await;
    assert_eq!(mail[before..].len(), p.len(), "every participant");
    for m in &mail[before..] {
        let inv = calendar(m.invitation.as_deref().unwrap());
        let ev = &inv.events[0].properties;
        assert_eq!(prop(ev, "SEQUENCE").as_deref(), Some("1"));
        assert!(prop(ev, "DTSTART").unwrap().ends_with("T083000"), "the new start");
        let agenda = calendar(m.agenda.as_deref().unwrap());
        assert!(
            agenda.events.iter().all(|e| prop(&e.properties, "SEQUENCE").as_deref() == Some("1")),
            "every meeting moved with it"
        );
    }
}

#[tokio::test]
async fn a_published_session_cancelled_cancels_every_calendar() {
    let Fixture { app, smtp, staff, id, p } = fixture().await;
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/schedule"), &[]).await.status(), 303);
    assert_eq!(set_status(&app, &staff, &id, "published").await, 303);
    let before = delivered(&app, &smtp).await.len();
    assert_eq!(set_status(&app, &staff, &id, "cancelled").await, 303);
    let mail = delivered(&app, &smtp).await;
    let sent: Vec<&Mail> = mail[before..].iter().collect();
    assert_eq!(sent.len(), p.len());
    for m in sent {
        let inv = calendar(m.invitation.as_deref().unwrap());
        assert_eq!(prop(&inv.properties, "METHOD").as_deref(), Some("CANCEL"));
        assert_eq!(prop(&inv.events[0].properties, "SEQUENCE").as_deref(), Some("1"));
        assert_eq!(prop(&inv.events[0].properties, "STATUS").as_deref(), Some("CANCELLED"));
        let agenda = calendar(m.agenda.as_deref().unwrap());
        assert!(agenda.events.iter().all(|e| prop(&e.properties, "STATUS").as_deref() == Some("CANCELLED")));
    }
}

/// A representative opens the agenda link in a real browser, fetches its calendar and confirms.
#[tokio::test]
async fn a_representative_confirms_the_agenda_in_a_real_browser() {
    let Some(bin) = crate::browser::chromedriver() else {
        assert!(
            std::env::var("KETNOI_REQUIRE_BROWSER").is_err(),
            "KETNOI_REQUIRE_BROWSER is set but chromedriver is missing"
        );
        eprintln!("SKIPPED a_representative_confirms_the_agenda_in_a_real_browser: chromedriver not found");
        return;
    };
    use fantoccini::Locator;
    let Fixture { app, smtp, staff, id, p } = fixture().await;
    assert_eq!(post(&staff.0, &app, &staff.1, &format!("/staff/sessions/{id}/schedule"), &[]).await.status(), 303);
    assert_eq!(set_status(&app, &staff, &id, "published").await, 303);
    let mail = delivered(&app, &smtp).await;
    let c = mail.iter().find(|m| m.to == "cuong@dhnl.example" && m.agenda.is_some()).unwrap();
    let link = c.text.split_whitespace().find(|w| w.contains("/agenda?token=")).unwrap().to_string();
    let path = link[link.find("/agenda").unwrap()..].to_string();
    let (_driver, b) = crate::browser::start_driver(&bin).await;
    b.goto(&format!("{}{path}", app.address)).await.unwrap();
    b.wait().for_element(Locator::XPath("//h1[contains(., 'Lịch gặp')]")).await.unwrap();
    let main = b.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(main.contains("Công ty Thủy sản Lăng Cô") && main.contains("Công ty Cố Đô"), "{main}");
    // The calendar link serves the agenda's calendar.
    let href = b.find(Locator::Css("a[download]")).await.unwrap().attr("href").await.unwrap().unwrap();
    let r = reqwest::get(format!("{}{href}", app.address)).await.unwrap();
    assert_eq!(r.headers()["content-type"], "text/calendar; method=PUBLISH; charset=utf-8");
    let cal = calendar(&r.text().await.unwrap());
    assert_eq!(cal.events.len(), 2);
    b.find(Locator::XPath("//button[contains(., 'Xác nhận toàn bộ lịch gặp')]")).await.unwrap().click().await.unwrap();
    b.wait()
        .for_element(Locator::XPath("//div[@class='notice']/p[contains(., 'đã ghi nhận xác nhận')]"))
        .await
        .unwrap();
    let main = b.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(main.contains("Đơn vị đã xác nhận lịch gặp"), "{main}");
    let cd = meeting_of(&app, &id, &p[2].0, &p[3].0);
    let mine = if cd.participant_a == p[2].0.id { &cd.answer_a } else { &cd.answer_b };
    assert_eq!(mine, "confirmed");
    b.close().await.unwrap();
}

//! The session day and what came of it, over real HTTP on the selected backend with a real SMTP
//! receiver: check-in at the door and by the agenda's QR address, walk-ins, no-shows and the
//! refill of the rest of the day; the evening's feedback (links expired, tampered, answered
//! twice), the follow-ups at 30, 90 and 180 days by the settable clock (each once even with two
//! loops running, stopped by a contract or by the participant); the report's figures against the
//! rows that make them, its CSV and its XLSX read back cell by cell; needs carried over.

use chrono::{TimeDelta, TimeZone};
use ketnoi::db;
use ketnoi::domain::*;

use crate::agendas::{Fixture, delivered, fixture, meeting_of, meetings};
use crate::helpers::*;
use crate::sessions::{post, set_status};

/// A published session: the fixture's three pairs scheduled and the agendas out.
async fn published() -> Fixture {
    let f = fixture().await;
    assert_eq!(
        post(&f.staff.0, &f.app, &f.staff.1, &format!("/staff/sessions/{}/schedule", f.id), &[]).await.status(),
        303
    );
    assert_eq!(set_status(&f.app, &f.staff, &f.id, "published").await, 303);
    delivered(&f.app, &f.smtp).await;
    f
}

/// Moves the application's clock to a local time on the session's day.
fn to_day(f: &Fixture, hour: u32, minute: u32) {
    let s = db::sessions::session(&mut f.app.db.conn().unwrap(), &f.id).unwrap().unwrap();
    let local = s.session_date.and_hms_opt(hour, minute, 0).unwrap();
    let target = TIME_ZONE.from_local_datetime(&local).single().unwrap().naive_utc();
    f.app.advance(target - f.app.state.clock.now());
}

fn participant(f: &Fixture, i: usize) -> db::sessions::Participant {
    db::sessions::participant(&mut f.app.db.conn().unwrap(), &f.p[i].0.id).unwrap().unwrap()
}

#[tokio::test]
async fn the_door_the_qr_code_no_shows_and_the_refill_of_the_rest_of_the_day() {
    let f = published().await;
    let (app, staff, id) = (&f.app, &f.staff, &f.id);
    // The door finds a representative by an unmarked name; a press marks the arrival.
    let (code, page) = crate::sessions::page(&staff.0, app, &format!("/staff/sessions/{id}/door?q=lang%20co")).await;
    assert_eq!(code, 200);
    assert!(page.contains("Công ty Thủy sản Lăng Cô") && !page.contains("Viện Cơ điện"), "{page}");
    let r = post(&staff.0, app, &staff.1, &format!("/staff/sessions/{id}/arrivals/{}", f.p[0].0.id), &[]).await;
    assert_eq!(r.status(), 303);
    assert!(participant(&f, 0).arrived_at.is_some());

    // The QR code's address: staff confirm on their phone; a visitor is sent to sign in; a
    // tampered address is refused.
    let env = app.state.env();
    let v = ketnoi::services::sessions::get(&mut app.db.conn().unwrap(), id).unwrap().unwrap();
    let link = ketnoi::services::sessions::agenda::check_in_link(env, &v, &participant(&f, 2));
    let path = &link[link.find("/check-in").unwrap()..];
    let visitor = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = visitor.get(format!("{}{path}", app.address)).send().await.unwrap();
    assert_eq!(r.status(), 303, "sign in first");
    let (code, page) = crate::sessions::page(&staff.0, app, path).await;
    assert_eq!(code, 200);
    assert!(page.contains("Trường Đại học Nông Lâm"), "{page}");
    assert!(participant(&f, 2).arrived_at.is_none(), "the page changes nothing");
    let token = path.trim_start_matches("/check-in?token=");
    assert_eq!(post(&staff.0, app, &staff.1, "/check-in", &[("token", &format!("{token}x"))]).await.status(), 409);
    assert_eq!(post(&staff.0, app, &staff.1, "/check-in", &[("token", token)]).await.status(), 303);
    assert!(participant(&f, 2).arrived_at.is_some());
    // B arrives too; D does not come.
    assert_eq!(
        post(&staff.0, app, &staff.1, &format!("/staff/sessions/{id}/arrivals/{}", f.p[1].0.id), &[]).await.status(),
        303
    );

    // A walk-in: an organisation that had not registered.
    let walker = new_org(app, "Công ty Du lịch Sông Hương Xanh", true);
    let r = post(
        &staff.0,
        app,
        &staff.1,
        &format!("/staff/sessions/{id}/walk-in"),
        &[("organisation", &walker.id.to_string()), ("name", "Hồ Văn Tâm"), ("email", "tam@songhuong.example")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let w = db::sessions::participant_of(&mut app.db.conn().unwrap(), id, &walker.id.to_string()).unwrap().unwrap();
    assert!(w.walk_in && w.arrived_at.is_some() && w.status == "approved");
    // A name with a line break is refused, nothing stored.
    let other = new_org(app, "Công ty Khác", true);
    let r = post(
        &staff.0,
        app,
        &staff.1,
        &format!("/staff/sessions/{id}/walk-in"),
        &[("organisation", &other.id.to_string()), ("name", "Tâm\r\nBcc: x@y.z"), ("email", "x@y.example")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(db::sessions::participant_of(&mut app.db.conn().unwrap(), id, &other.id.to_string()).unwrap().is_none());

    // Staff pair B with the walk-in and with D (who is not here), on the day.
    let (pb, pd) = (participant(&f, 1), participant(&f, 3));
    for x in [&w.id, &pd.id] {
        let r = post(&staff.0, app, &staff.1, &format!("/staff/sessions/{id}/pairs"), &[("a", &pb.id), ("b", x)]).await;
        assert_eq!(r.status(), 303);
    }
    // The day: at 08:40 the first slot is over; C–D's meeting is a no-show (D did not come).
    to_day(&f, 8, 40);
    let cd = meeting_of(app, id, &f.p[2].0, &f.p[3].0);
    let r = post(
        &staff.0,
        app,
        &staff.1,
        &format!("/staff/sessions/{id}/meetings/{}/attendance", cd.id),
        &[("attendance", "no_show")],
    )
    .await;
    assert_eq!(r.status(), 303);
    // A member of A marks its meeting with B held; a member of another organisation cannot.
    let ab = meeting_of(app, id, &f.p[0].0, &f.p[1].0);
    let a = signed_in(
        app,
        &db::users::by_email(&mut app.db.conn().unwrap(), &Email::parse("an@langco.example").unwrap())
            .unwrap()
            .unwrap(),
    );
    let d = signed_in(
        app,
        &db::users::by_email(&mut app.db.conn().unwrap(), &Email::parse("dung@codo.example").unwrap())
            .unwrap()
            .unwrap(),
    );
    assert_eq!(
        post(&d.0, app, &d.1, &format!("/sessions/{id}/meetings/{}/attendance", ab.id), &[("attendance", "held")])
            .await
            .status(),
        404
    );
    assert_eq!(
        post(&a.0, app, &a.1, &format!("/sessions/{id}/meetings/{}/attendance", ab.id), &[("attendance", "maybe")])
            .await
            .status(),
        400
    );
    assert_eq!(
        post(&a.0, app, &a.1, &format!("/sessions/{id}/meetings/{}/attendance", ab.id), &[("attendance", "held")])
            .await
            .status(),
        303
    );
    assert_eq!(meeting_of(app, id, &f.p[0].0, &f.p[1].0).attendance, "held");

    // The refill seats B and the walk-in in what is left of the day; not B and D (D is absent).
    let before: Vec<db::sessions::Meeting> = meetings(app, id);
    assert_eq!(post(&staff.0, app, &staff.1, &format!("/staff/sessions/{id}/refill"), &[]).await.status(), 303);
    let after = meetings(app, id);
    let bw =
        after.iter().find(|m| [&m.participant_a, &m.participant_b].contains(&&w.id)).expect("the walk-in's meeting");
    assert!(bw.slot >= 1, "not in a slot that is over: {bw:?}");
    assert!(!after.iter().any(|m| [&m.participant_a, &m.participant_b].contains(&&pd.id)
        && [&m.participant_a, &m.participant_b].contains(&&pb.id)));
    // What had begun stays where it was; the no-show keeps its record.
    for m in before.iter().filter(|m| m.slot < 1 && m.status == "scheduled") {
        let now = after.iter().find(|x| x.id == m.id).unwrap();
        assert_eq!((now.slot, now.table_index, now.status.as_str()), (m.slot, m.table_index, "scheduled"));
    }
    let cd_after = after.iter().find(|m| m.id == cd.id).unwrap();
    assert_eq!(cd_after.attendance, "no_show");
    let (code, page) = crate::sessions::page(&staff.0, app, &format!("/staff/sessions/{id}/day")).await;
    assert_eq!(code, 200);
    assert!(page.contains("Vắng mặt"), "{page}");
}

#[tokio::test]
async fn feedback_in_the_evening_and_follow_ups_until_a_contract() {
    let f = published().await;
    let (app, smtp, id) = (&f.app, &f.smtp, &f.id);
    let seen = smtp.messages().len();
    // Nothing before 18:00 on the day.
    to_day(&f, 17, 30);
    assert_eq!(delivered(app, smtp).await.len(), seen);
    to_day(&f, 18, 5);
    // Two loops at once still send each email once.
    tokio::join!(app.tick(), app.tick());
    let mail = delivered(app, smtp).await;
    let asked: Vec<&crate::agendas::Mail> = mail[seen..].iter().collect();
    assert_eq!(asked.len(), 4, "{:?}", asked.iter().map(|m| (&m.to, &m.subject)).collect::<Vec<_>>());
    let a_mail = asked.iter().find(|m| m.to == "an@langco.example").unwrap();
    assert!(a_mail.subject.starts_with("Các cuộc gặp hôm nay thế nào?"), "{}", a_mail.subject);
    assert!(asked.iter().any(|m| m.to == "binh@vien.example" && m.subject.starts_with("How did today's meetings go?")));
    let link = a_mail.text.split_whitespace().find(|w| w.contains("/feedback?token=")).unwrap().to_string();
    let path = link[link.find("/feedback").unwrap()..].to_string();
    let token = path.trim_start_matches("/feedback?token=").to_string();

    // The page asks about A's two meetings and changes nothing.
    let (code, page) = app.text(&path).await;
    assert_eq!(code, 200);
    assert!(page.contains("Viện Cơ điện") && page.contains("Trường Đại học Nông Lâm"), "{page}");
    let ab = meeting_of(app, id, &f.p[0].0, &f.p[1].0);
    let visitor = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let answer = |token: String, form: Vec<(&'static str, String)>| {
        let visitor = visitor.clone();
        let url = format!("{}/feedback", app.address);
        async move {
            let mut f: Vec<(&str, String)> = vec![("token", token)];
            f.extend(form);
            visitor.post(url).form(&f).send().await.unwrap()
        }
    };
    // Bad answers: a rating out of range, a value without a contract, an unknown stage.
    let r = answer(
        token.clone(),
        vec![("meeting", ab.id.clone()), ("rating", "9".into()), ("stage", "nda".into()), ("value", "5000".into())],
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("id=\"feedback-rating-error\"") && body.contains("id=\"feedback-value-error\""), "{body}");
    let r =
        answer(token.clone(), vec![("meeting", ab.id.clone()), ("rating", "3".into()), ("stage", "married".into())])
            .await;
    assert_eq!(r.status(), 422);
    // A tampered link changes nothing.
    let r =
        answer(format!("{token}x"), vec![("meeting", ab.id.clone()), ("rating", "4".into()), ("stage", "nda".into())])
            .await;
    assert_eq!(r.status(), 400);
    assert!(db::sessions::reports(&mut app.db.conn().unwrap(), id).unwrap().is_empty());
    // Answered, then changed: one answer per meeting and participant.
    let r =
        answer(token.clone(), vec![("meeting", ab.id.clone()), ("rating", "4".into()), ("stage", "nda".into())]).await;
    assert_eq!(r.status(), 303);
    let r = answer(
        token.clone(),
        vec![
            ("meeting", ab.id.clone()),
            ("rating", "4".into()),
            ("stage", "contract".into()),
            ("value", "500.000.000".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let reports = db::sessions::reports(&mut app.db.conn().unwrap(), id).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(
        (reports[0].stage.as_str(), reports[0].contract_value, reports[0].rating),
        ("contract", Some(500_000_000), Some(4))
    );

    // 30 days on: A is asked only about its meeting with C (A–B has its contract); C asks to
    // stop; at 90 days C hears nothing more, A again about A–C.
    let before = delivered(app, smtp).await.len();
    f.app.advance(TimeDelta::days(30));
    tokio::join!(app.tick(), app.tick());
    let mail = delivered(app, smtp).await;
    let thirty: Vec<&crate::agendas::Mail> = mail[before..].iter().collect();
    let a30 = thirty.iter().find(|m| m.to == "an@langco.example").expect("A is asked");
    assert!(a30.text.contains("Trường Đại học Nông Lâm") && !a30.text.contains("Viện Cơ điện"), "{}", a30.text);
    assert!(!thirty.iter().any(|m| m.to == "binh@vien.example"), "B's only meeting has its contract");
    assert_eq!(thirty.len(), 3, "A, C and D: {:?}", thirty.iter().map(|m| &m.to).collect::<Vec<_>>());
    let c30 = thirty.iter().find(|m| m.to == "cuong@dhnl.example").unwrap();
    let c_link = c30.text.split_whitespace().find(|w| w.contains("/feedback?token=")).unwrap().to_string();
    let c_token = c_link[c_link.find("?token=").unwrap() + 7..].to_string();
    let r = visitor
        .post(format!("{}/feedback/stop", app.address))
        .form(&[("token", c_token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // A follow-up answer updates the outcome with its date.
    let a_link = a30.text.split_whitespace().find(|w| w.contains("/feedback?token=")).unwrap().to_string();
    let a_token = a_link[a_link.find("?token=").unwrap() + 7..].to_string();
    let ac = meeting_of(app, id, &f.p[0].0, &f.p[2].0);
    let r = answer(a_token, vec![("meeting", ac.id.clone()), ("stage", "pilot".into())]).await;
    assert_eq!(r.status(), 303);
    let before = mail.len();
    f.app.advance(TimeDelta::days(60));
    app.tick().await;
    let mail = delivered(app, smtp).await;
    let ninety: Vec<&str> = mail[before..].iter().map(|m| m.to.as_str()).collect();
    assert!(ninety.contains(&"an@langco.example") && !ninety.contains(&"cuong@dhnl.example"), "{ninety:?}");
    // The first feedback link has expired by now.
    let (code, _) = app.text(&path).await;
    assert_eq!(code, 400);
}

#[tokio::test]
async fn the_report_its_csv_and_xlsx_and_the_needs_carried_over() {
    let f = published().await;
    let (app, staff, id) = (&f.app, &f.staff, &f.id);
    // The day: A–B held with a contract reported by both sides (differing values), A–C held
    // with nothing after it, C–D a no-show.
    to_day(&f, 12, 0);
    let (ab, ac, cd) = (
        meeting_of(app, id, &f.p[0].0, &f.p[1].0),
        meeting_of(app, id, &f.p[0].0, &f.p[2].0),
        meeting_of(app, id, &f.p[2].0, &f.p[3].0),
    );
    for (m, what) in [(&ab, "held"), (&ac, "held"), (&cd, "no_show")] {
        let r = post(
            &staff.0,
            app,
            &staff.1,
            &format!("/staff/sessions/{id}/meetings/{}/attendance", m.id),
            &[("attendance", what)],
        )
        .await;
        assert_eq!(r.status(), 303);
    }
    let now = db::now();
    let report = |m: &db::sessions::Meeting, p: usize, stage: &str, value: Option<i64>, rating: i32| {
        db::sessions::OutcomeReport {
            id: uuid::Uuid::now_v7().to_string(),
            meeting_id: m.id.clone(),
            participant_id: f.p[p].0.id.clone(),
            round: "feedback".into(),
            rating: Some(rating),
            stage: stage.into(),
            contract_value: value,
            note: String::new(),
            reported_at: now,
        }
    };
    for r in [
        report(&ab, 0, "contract", Some(300_000_000), 4),
        report(&ab, 1, "contract", Some(350_000_000), 3),
        report(&ac, 0, "none", None, 2),
    ] {
        db::sessions::save_report(&mut app.db.conn().unwrap(), &r).unwrap();
    }
    assert_eq!(set_status(app, staff, id, "held").await, 303);

    // The figures, from the rows.
    let fig = ketnoi::services::sessions::report::figures(&mut app.db.conn().unwrap(), id).unwrap();
    assert_eq!((fig.approved, fig.requests_sent, fig.requests_accepted, fig.brokered), (4, 1, 1, 2));
    assert_eq!((fig.scheduled, fig.held, fig.no_shows), (3, 2, 1));
    assert_eq!(fig.ratings, [0, 1, 1, 1]);
    assert_eq!(fig.funnel, [2, 1, 1, 1, 1]);
    assert_eq!(fig.contract_value, 350_000_000, "once per meeting: the larger of the two");
    // C's and D's needs... D brings a need and its only meeting was a no-show; A's need led to a
    // contract and is not carried.
    let carried = ketnoi::services::sessions::outcomes::carried_from(&mut app.db.conn().unwrap(), id).unwrap();
    let reasons: Vec<(&str, &str)> = carried.iter().map(|c| (c.organisation.as_str(), c.reason.code())).collect();
    assert_eq!(reasons, [("Công ty Cố Đô", "no_show")]);

    // The report page shows both sides' values; the XLSX holds the same figures, cell by cell.
    let (code, page) = crate::sessions::page(&staff.0, app, &format!("/staff/sessions/{id}/report")).await;
    assert_eq!(code, 200);
    assert!(page.contains("300.000.000 ₫") && page.contains("350.000.000 ₫"), "{page}");
    let r = staff.0.get(format!("{}/staff/sessions/{id}/report?format=csv", app.address)).send().await.unwrap();
    let csv = r.bytes().await.unwrap();
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with a byte-order mark");
    assert!(String::from_utf8_lossy(&csv).contains("Giá trị hợp đồng (đồng),350000000"));
    let r =
        staff.0.get(format!("{}/staff/sessions/{id}/report?format=xlsx&lang=en", app.address)).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = r.bytes().await.unwrap().to_vec();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cell = |label: &str| -> calamine::Data {
        let row = sheet.rows().find(|r| r[0] == label).unwrap_or_else(|| panic!("no row {label}"));
        row[1].clone()
    };
    assert_eq!(sheet.get((0, 0)).map(|c| c.to_string()), Some("Figure".into()));
    assert_eq!(cell("One-to-one meetings held"), calamine::Data::Float(2.0));
    assert_eq!(cell("Meetings missed (no-show)"), calamine::Data::Float(1.0));
    assert_eq!(cell("Outcome: technology transfer contracts"), calamine::Data::Float(1.0));
    assert_eq!(cell("Contract value (đồng)"), calamine::Data::Float(350_000_000.0));
    assert_eq!(cell("Mean rating (1–4)"), calamine::Data::String("3.00".into()));
    assert_eq!(cell("Pairs brokered by the centre"), calamine::Data::Float(2.0));
    assert_eq!(
        staff.0.get(format!("{}/staff/sessions/{id}/report?format=pdf", app.address)).send().await.unwrap().status(),
        400
    );

    // The public sees the totals only.
    let (_, list) = app.json("/api/v1/sessions").await;
    let all: Vec<&serde_json::Value> =
        list["upcoming"].as_array().unwrap().iter().chain(list["past"].as_array().unwrap()).collect();
    let mine = all.iter().find(|s| s["id"] == id.as_str()).unwrap();
    assert_eq!(mine["results"]["meetings_held"], 2);
    assert_eq!(mine["results"]["contracts"], 1);
    assert_eq!(mine["results"]["contract_value"], 350_000_000);
    let (_, public) = app.text(&format!("/sessions/{id}?lang=vi")).await;
    assert!(public.contains("350.000.000 ₫") && !public.contains("300.000.000"), "no side's own figure");

    // The range report adds the session in.
    let (code, range) = crate::sessions::page(&staff.0, app, "/staff/reports?from=2020-01-01&to=2100-01-01").await;
    assert_eq!(code, 200);
    assert!(range.contains("350000000"), "{range}");
    assert_eq!(crate::sessions::page(&staff.0, app, "/staff/reports?from=yesterday").await.0, 400);

    // The next session's staff page lists the carried need, and its pairs weigh more.
    let next = crate::sessions::staff_creates_session(app, staff, &crate::sessions::session_form(60, "10", "5")).await;
    assert_eq!(set_status(app, staff, &next, "registration_open").await, 303);
    let (_, page) = crate::sessions::page(&staff.0, app, &format!("/staff/sessions/{next}?lang=vi")).await;
    assert!(page.contains("Công ty Cố Đô") && page.contains("vắng mặt"), "{page}");
    let mut ids = Vec::new();
    for (i, email) in [(1, "binh@vien.example"), (3, "dung@codo.example"), (0, "an@langco.example")] {
        let u = db::users::by_email(&mut app.db.conn().unwrap(), &Email::parse(email).unwrap()).unwrap().unwrap();
        let listing = participant(&f, i).listings.clone();
        let r = crate::sessions::register(app, &signed_in(app, &u), &next, &listing, ("Đại diện", email, "vi")).await;
        assert_eq!(r.status(), 303);
        let org = participant(&f, i).organisation_id;
        ids.push(db::sessions::participant_of(&mut app.db.conn().unwrap(), &next, &org).unwrap().unwrap().id);
    }
    for (a, b) in [(0, 1), (2, 0)] {
        let r =
            post(&staff.0, app, &staff.1, &format!("/staff/sessions/{next}/pairs"), &[("a", &ids[a]), ("b", &ids[b])])
                .await;
        assert_eq!(r.status(), 303);
    }
    let pairs = ketnoi::services::sessions::pairs(&mut app.db.conn().unwrap(), &next).unwrap();
    let with_d =
        pairs.iter().find(|p| [&p.request.from_participant, &p.request.to_participant].contains(&&ids[1])).unwrap();
    let without =
        pairs.iter().find(|p| ![&p.request.from_participant, &p.request.to_participant].contains(&&ids[1])).unwrap();
    assert!(with_d.weight.carried && !without.weight.carried);
    assert_eq!(with_d.weight.total() - with_d.weight.score, 1.0 + 2.0, "carried over: + 2");
}

/// Each reason a need is carried over, at its boundary: a follow-up is enough to stay behind,
/// "other" is not; no meeting at all splits into no candidate, declined requests and no slot.
#[tokio::test]
async fn carry_over_reasons_at_their_boundaries() {
    let f = published().await;
    let (app, staff, id) = (&f.app, &f.staff, &f.id);
    let now = db::now();
    // Three more organisations with a need each, registered after the schedule was made.
    let mut extra = Vec::new();
    for name in ["Hợp tác xã Quảng Thọ", "Công ty Bạch Mã", "Công ty Phú Bài"] {
        let (o, _, listing) = crate::sessions::organisation(app, name, &format!("{}@x.example", extra.len()), None);
        let p = db::sessions::Participant {
            id: uuid::Uuid::now_v7().to_string(),
            session_id: id.clone(),
            organisation_id: o.id.to_string(),
            status: "approved".into(),
            listings: listing,
            blocks: "morning|afternoon".into(),
            max_meetings: 4,
            registered_by: None,
            created_at: now,
            updated_at: now,
            confirmed_at: None,
            arrived_at: None,
            walk_in: false,
            followups_stopped: false,
        };
        db::sessions::insert_participant(&mut app.db.conn().unwrap(), &p).unwrap();
        extra.push(p);
    }
    let request =
        |from: &db::sessions::Participant, to: &db::sessions::Participant, status: &str| db::sessions::Request {
            id: uuid::Uuid::now_v7().to_string(),
            session_id: id.clone(),
            from_participant: from.id.clone(),
            to_participant: to.id.clone(),
            pair_key: db::sessions::pair_key(&from.id, &to.id),
            reason: String::new(),
            block: String::new(),
            origin: "request".into(),
            status: status.into(),
            must_meet: false,
            created_by: None,
            created_at: now,
            answered_at: Some(now),
        };
    // The second's request was declined; the third has an agreed pair the schedule never sat.
    db::sessions::insert_request_if_new(&mut app.db.conn().unwrap(), &request(&extra[1], &f.p[1].0, "declined"))
        .unwrap();
    db::sessions::insert_request_if_new(&mut app.db.conn().unwrap(), &request(&extra[2], &f.p[2].0, "accepted"))
        .unwrap();
    // The day: A–B held and a follow-up planned; C–D held, "other".
    let (ab, cd) = (meeting_of(app, id, &f.p[0].0, &f.p[1].0), meeting_of(app, id, &f.p[2].0, &f.p[3].0));
    for (m, p, stage) in [(&ab, 0, "follow_up"), (&cd, 3, "other")] {
        let r = post(
            &staff.0,
            app,
            &staff.1,
            &format!("/staff/sessions/{id}/meetings/{}/attendance", m.id),
            &[("attendance", "held")],
        )
        .await;
        assert_eq!(r.status(), 303);
        let report = db::sessions::OutcomeReport {
            id: uuid::Uuid::now_v7().to_string(),
            meeting_id: m.id.clone(),
            participant_id: f.p[p].0.id.clone(),
            round: "feedback".into(),
            rating: Some(3),
            stage: stage.into(),
            contract_value: None,
            note: String::new(),
            reported_at: now,
        };
        db::sessions::save_report(&mut app.db.conn().unwrap(), &report).unwrap();
    }
    let carried = ketnoi::services::sessions::outcomes::carried_from(&mut app.db.conn().unwrap(), id).unwrap();
    let mut got: Vec<(String, &str)> = carried.iter().map(|c| (c.organisation.clone(), c.reason.code())).collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("Công ty Bạch Mã".to_string(), "declined"),
            ("Công ty Cố Đô".to_string(), "no_follow_up"),
            ("Công ty Phú Bài".to_string(), "no_slot"),
            ("Hợp tác xã Quảng Thọ".to_string(), "no_candidate"),
        ],
        "A (a follow-up) stays behind; D (“other”) goes on"
    );
}

//! The demo's matchmaking sessions: a series on the default rule, its next session with its
//! participants, agreed pairs and published schedule, and
//! the one after it open for registration with participants, requests in each state, a pair
//! from mutual interest and one brokered by the centre, so that every page shows something real.

use chrono::{NaiveDateTime, TimeDelta};

use super::org_id;
use crate::db::{self, AnyConnection, sessions as q};
use crate::domain::{ListingKind, ParticipantStatus, SessionStatus};
use crate::services::sessions::{self, Plan};

fn stable(parts: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("ketnoi:demo:{parts}").as_bytes()).to_string()
}

/// The listings an organisation brings: its published offers and needs.
fn listings_of(conn: &mut AnyConnection, org: &str, now: NaiveDateTime) -> anyhow::Result<String> {
    let ls = sessions::registration::own_listings(conn, org_id(org), now)?;
    Ok(ls.iter().map(sessions::registration::listing_key).collect::<Vec<_>>().join("|"))
}

fn participant(
    conn: &mut AnyConnection,
    s: &q::Session,
    org: &str,
    status: ParticipantStatus,
    (days_ago, now): (i64, NaiveDateTime),
) -> anyhow::Result<q::Participant> {
    let o = db::organisations::get(conn, org_id(org))?.ok_or_else(|| anyhow::anyhow!("demo organisation {org}"))?;
    let p = q::Participant {
        id: stable(&format!("participant:{}:{org}", s.id)),
        session_id: s.id.clone(),
        organisation_id: o.id.to_string(),
        status: status.code().into(),
        listings: listings_of(conn, org, now)?,
        blocks: "morning|afternoon".into(),
        max_meetings: 6,
        registered_by: None,
        created_at: now - TimeDelta::days(days_ago),
        updated_at: now - TimeDelta::days(days_ago),
        confirmed_at: None,
        arrived_at: None,
        walk_in: false,
        followups_stopped: false,
    };
    db::sessions::insert_participant(conn, &p)?;
    let mut reps = vec![q::Representative {
        id: stable(&format!("rep:{}:1", p.id)),
        participant_id: p.id.clone(),
        position: 0,
        name: o.contact.name.clone(),
        email: o.contact.email.as_str().to_string(),
        locale: "vi".into(),
    }];
    if org == "kinhthanh" {
        reps.push(q::Representative {
            id: stable(&format!("rep:{}:2", p.id)),
            participant_id: p.id.clone(),
            position: 1,
            name: "Daniel Kim".into(),
            email: "daniel.kim@kinhthanh.example".into(),
            locale: "en".into(),
        });
    }
    db::sessions::replace_representatives(conn, &p.id, &reps)?;
    Ok(p)
}

#[allow(clippy::too_many_arguments)]
fn request(
    conn: &mut AnyConnection,
    s: &q::Session,
    (from, to): (&q::Participant, &q::Participant),
    origin: &str,
    status: &str,
    reason: &str,
    must_meet: bool,
    at: NaiveDateTime,
) -> anyhow::Result<()> {
    let r = q::Request {
        id: stable(&format!("request:{}:{}", from.id, to.id)),
        session_id: s.id.clone(),
        from_participant: from.id.clone(),
        to_participant: to.id.clone(),
        pair_key: q::pair_key(&from.id, &to.id),
        reason: reason.into(),
        block: String::new(),
        origin: origin.into(),
        status: status.into(),
        must_meet,
        created_by: None,
        created_at: at,
        answered_at: (status != "pending").then_some(at + TimeDelta::days(1)),
    };
    db::sessions::insert_request_if_new(conn, &r)?;
    Ok(())
}

/// Seeds the series and its next two sessions once (nothing when a series exists).
pub(super) fn seed(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<()> {
    if !db::sessions::all_series(conn)?.is_empty() {
        return Ok(());
    }
    let plan = Plan {
        sectors: vec![
            crate::domain::Sector::Agriculture,
            crate::domain::Sector::Aquaculture,
            crate::domain::Sector::FoodProcessing,
        ],
        venue: "Hội trường Trung tâm Ứng dụng tiến bộ KH&CN, 07 Hà Nội, phường Vĩnh Ninh, TP Huế".into(),
        map_url: "https://www.openstreetmap.org/?mlat=16.4637&mlon=107.5909#map=18/16.4637/107.5909".into(),
        online_url: "https://meet.ketnoi.example.vn/phien-ket-noi".into(),
        tables: (1..=12).map(|i| format!("Bàn {i}")).collect(),
        online_tables: vec!["Trực tuyến 1".into(), "Trực tuyến 2".into()],
        ..Plan::default()
    };
    let series = q::Series {
        id: stable("series"),
        rule: crate::domain::session::DEFAULT_RULE.into(),
        first_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 13).unwrap_or_default(),
        plan: serde_json::to_string(&plan)?,
        active: true,
        created_at: now,
        updated_at: now,
    };
    db::sessions::insert_series(conn, &series)?;
    sessions::generate(conn, now)?;
    let today = crate::domain::local_date(now);
    let upcoming = db::sessions::of_series_from(conn, &series.id, today)?;
    let (Some(first), Some(second)) = (upcoming.first().cloned(), upcoming.get(1).cloned()) else { return Ok(()) };

    // The next session: registration and requests are over and the schedule is out.
    let first = q::Session {
        status: SessionStatus::Scheduling.code().into(),
        registration_deadline: now - TimeDelta::days(6),
        request_deadline: now - TimeDelta::days(2),
        title_en: "Matchmaking session: agriculture, aquaculture and food processing".into(),
        title_vi: "Phiên kết nối cung – cầu: nông nghiệp, thủy sản và chế biến thực phẩm".into(),
        ..first
    };
    db::sessions::update_session(conn, &first)?;
    let mut ps = Vec::new();
    for (i, org) in
        ["dhnl", "vcnsh", "vtsan", "dhbk", "langco", "codo", "songhuong", "quangtho", "bachma", "phubai", "dhkh"]
            .iter()
            .enumerate()
    {
        ps.push(participant(conn, &first, org, ParticipantStatus::Approved, (20 - i as i64, now))?);
    }
    // Agreed pairs: each need's best suggested offers among the participants.
    let mut made = 0;
    for need_holder in &ps {
        for (kind, id) in sessions::brought(need_holder) {
            if kind != ListingKind::Need {
                continue;
            }
            for row in db::recommendations::list(conn, ListingKind::Need, &id)?.into_iter().take(6) {
                let Some(offerer) = ps
                    .iter()
                    .find(|p| p.id != need_holder.id && p.listings.contains(&format!("offer:{}", row.other_id)))
                else {
                    continue;
                };
                let origin = if made % 3 == 2 { "staff" } else { "request" };
                let at = now - TimeDelta::days(10 - (made % 7));
                request(
                    conn,
                    &first,
                    (need_holder, offerer),
                    origin,
                    "accepted",
                    "Trao đổi về khả năng ứng dụng công nghệ cho nhu cầu của đơn vị.",
                    made % 5 == 0,
                    at,
                )?;
                made += 1;
            }
        }
    }

    // Its schedule, published: the agendas as sent (the demo sends no email), one confirmed.
    sessions::schedule::run(conn, None, &first.id, now)?.map_err(|r| anyhow::anyhow!("demo schedule: {r:?}"))?;
    db::sessions::set_status(conn, &first.id, SessionStatus::Scheduling.code(), SessionStatus::Published.code(), now)?;
    db::sessions::mark_meetings_notified(conn, &first.id)?;
    db::sessions::set_session_calendar(conn, &first.id, 0, 0)?;
    if let Some(p) = ps.first() {
        db::sessions::set_confirmed(conn, &p.id, Some(now - TimeDelta::days(1)))?;
    }

    // The session after it: open for registration, with requests in every state.
    let second = q::Session {
        status: SessionStatus::RegistrationOpen.code().into(),
        title_en: "Matchmaking session: materials, energy and digital technology".into(),
        title_vi: "Phiên kết nối cung – cầu: vật liệu, năng lượng và công nghệ số".into(),
        sectors: "materials|energy|it".into(),
        ..second
    };
    db::sessions::update_session(conn, &second)?;
    let mut by = std::collections::HashMap::new();
    for (i, org) in ["dhkh", "dhyd", "kinhthanh", "baola", "huongthuy", "codo", "langco"].iter().enumerate() {
        by.insert(*org, participant(conn, &second, org, ParticipantStatus::Approved, (12 - i as i64, now))?);
    }
    participant(conn, &second, "vmt", ParticipantStatus::Pending, (1, now))?;
    let p = |k: &str| by.get(k).cloned().ok_or_else(|| anyhow::anyhow!("demo participant {k}"));
    let ago = |d: i64| now - TimeDelta::days(d);
    request(
        conn,
        &second,
        (&p("codo")?, &p("dhkh")?),
        "request",
        "pending",
        "Nhà máy cần xử lý nước thải chế biến độ mặn cao; xin gặp để trao đổi về than hoạt tính từ vỏ trấu.",
        false,
        ago(2),
    )?;
    request(
        conn,
        &second,
        (&p("dhkh")?, &p("huongthuy")?),
        "request",
        "pending",
        "Trường có tấm cách nhiệt từ phụ phẩm nông nghiệp phù hợp nhu cầu vật liệu nhẹ chống nóng của công ty.",
        false,
        ago(1),
    )?;
    request(
        conn,
        &second,
        (&p("langco")?, &p("dhyd")?),
        "request",
        "declined",
        "Tìm hiểu chế phẩm sinh học cho ao nuôi tôm.",
        false,
        ago(5),
    )?;
    request(
        conn,
        &second,
        (&p("dhyd")?, &p("codo")?),
        "request",
        "accepted",
        "Giới thiệu quy trình kiểm nghiệm an toàn thực phẩm nhanh.",
        false,
        ago(4),
    )?;
    request(conn, &second, (&p("kinhthanh")?, &p("huongthuy")?), "staff", "accepted", "", true, ago(3))?;
    // The accepted expression of interest between the co-operative and the university.
    sessions::requests::sync_interests(conn, &second.id, now)?;
    past(conn, &series, &plan, now)?;
    Ok(())
}

/// The session held last before today: meetings with attendance, ratings and outcomes (two
/// contracts with their value), and needs carried over to the next one.
fn past(conn: &mut AnyConnection, series: &q::Series, plan: &Plan, now: NaiveDateTime) -> anyhow::Result<()> {
    let today = crate::domain::local_date(now);
    let dates = crate::domain::session::occurrences(&series.rule, series.first_date, series.first_date, 60)
        .map_err(|e| anyhow::anyhow!("demo series rule: {e:?}"))?;
    // At least a month ago, so that its first follow-up has come.
    let Some(day) = dates.into_iter().rfind(|d| *d + TimeDelta::days(31) <= today) else { return Ok(()) };
    let reg = day - TimeDelta::days(7);
    let mut row = q::Session {
        id: stable("past-session"),
        series_id: Some(series.id.clone()),
        occurrence: Some(day),
        title_vi: "Phiên kết nối cung – cầu: thủy sản và nông nghiệp công nghệ cao".into(),
        title_en: "Matchmaking session: aquaculture and high-tech agriculture".into(),
        sectors: "aquaculture|agriculture".into(),
        session_date: day,
        morning: plan.morning.clone(),
        afternoon: plan.afternoon.clone(),
        slot_minutes: plan.slot_minutes,
        breaks: plan.breaks.clone(),
        venue: plan.venue.clone(),
        map_url: plan.map_url.clone(),
        online_url: String::new(),
        tables: plan.tables.join("\n"),
        online_tables: String::new(),
        registration_deadline: sessions::deadline_of(reg),
        request_deadline: sessions::deadline_of(day - TimeDelta::days(2)),
        capacity: 40,
        max_requests: 10,
        auto_approve: true,
        status: SessionStatus::Scheduling.code().into(),
        created_at: now - TimeDelta::days(90),
        updated_at: now - TimeDelta::days(60),
        sequence: 0,
        notified_sequence: -1,
        schedule_report: String::new(),
    };
    if !db::sessions::insert_session_if_new(conn, &row)? {
        return Ok(());
    }
    let at = sessions::deadline_of(reg) - TimeDelta::days(5);
    let mut by = std::collections::HashMap::new();
    for (i, org) in ["langco", "codo", "bachma", "songhuong", "quangtho", "vtsan", "vcnsh", "dhnl", "dhbk", "phubai"]
        .iter()
        .enumerate()
    {
        let p = participant(conn, &row, org, ParticipantStatus::Approved, (0, at + TimeDelta::hours(i as i64)))?;
        db::sessions::set_arrived(conn, &p.id, Some(sessions::deadline_of(day) - TimeDelta::hours(16)))?;
        by.insert(*org, p);
    }
    let p = |k: &str| by.get(k).cloned().ok_or_else(|| anyhow::anyhow!("demo participant {k}"));
    let reason = "Trao đổi về khả năng ứng dụng công nghệ cho nhu cầu của đơn vị.";
    for (a, b, origin) in [
        ("langco", "vtsan", "request"),
        ("langco", "vcnsh", "request"),
        ("codo", "dhnl", "staff"),
        ("codo", "vcnsh", "request"),
        ("bachma", "dhnl", "request"),
        ("songhuong", "dhbk", "request"),
        ("phubai", "dhbk", "staff"),
    ] {
        request(conn, &row, (&p(a)?, &p(b)?), origin, "accepted", reason, false, at + TimeDelta::days(1))?;
    }
    // The co-operative's requests were declined: its needs go on to the next session.
    request(conn, &row, (&p("quangtho")?, &p("dhnl")?), "request", "declined", reason, false, at + TimeDelta::days(2))?;
    sessions::schedule::run(conn, None, &row.id, now)?.map_err(|r| anyhow::anyhow!("demo past schedule: {r:?}"))?;
    db::sessions::mark_meetings_notified(conn, &row.id)?;
    db::sessions::set_session_calendar(conn, &row.id, 0, 0)?;
    row.status = SessionStatus::Held.code().into();
    db::sessions::set_status(conn, &row.id, SessionStatus::Scheduling.code(), SessionStatus::Held.code(), now)?;
    // The day and what came of it, meeting by meeting: (a, b, attendance, stage, value, rating).
    /// A meeting of the demo: its two organisations, attendance, outcome, value and rating.
    type Told<'a> = (&'a str, &'a str, &'a str, &'a str, Option<i64>, i32);
    let outcomes: [Told; 7] = [
        ("langco", "vtsan", "held", "contract", Some(350_000_000), 4),
        ("langco", "vcnsh", "held", "pilot", None, 4),
        ("codo", "dhnl", "held", "nda", None, 3),
        ("codo", "vcnsh", "held", "contract", Some(1_200_000_000), 4),
        ("bachma", "dhnl", "no_show", "none", None, 1),
        ("songhuong", "dhbk", "held", "none", None, 2),
        ("phubai", "dhbk", "held", "follow_up", None, 3),
    ];
    let evening = sessions::deadline_of(day) - TimeDelta::hours(5);
    let meetings = db::sessions::meetings(conn, &row.id)?;
    for (a, b, attendance, stage, value, rating) in outcomes {
        let (pa, pb) = (p(a)?, p(b)?);
        let Some(mut m) =
            meetings.iter().find(|m| m.pair_id == stable(&format!("request:{}:{}", pa.id, pb.id))).cloned()
        else {
            continue;
        };
        m.attendance = attendance.into();
        m.attendance_at = Some(evening - TimeDelta::hours(4));
        db::sessions::update_meeting(conn, &m)?;
        if attendance != "held" {
            continue;
        }
        for (side, round, when) in [
            (&pa, "feedback", evening + TimeDelta::hours(1)),
            (&pb, "feedback", evening + TimeDelta::hours(2)),
            (&pa, "30", evening + TimeDelta::days(31)),
        ] {
            // The first answers on the evening; what had happened a month on.
            let (st, v) = if round == "feedback" && stage == "contract" { ("pilot", None) } else { (stage, value) };
            db::sessions::save_report(
                conn,
                &q::OutcomeReport {
                    id: stable(&format!("report:{}:{}:{round}", m.id, side.id)),
                    meeting_id: m.id.clone(),
                    participant_id: side.id.clone(),
                    round: round.into(),
                    rating: (round == "feedback").then_some(rating),
                    stage: st.into(),
                    contract_value: v,
                    note: String::new(),
                    reported_at: when.min(now),
                },
            )?;
        }
    }
    Ok(())
}

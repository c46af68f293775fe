//! Matchmaking-session benchmark: `cargo bench --bench session`.
//!
//! A session of 150 organisations (one representative each), 16 slots, 25 tables and 600 agreed
//! pairs, on SQLite (or `KETNOI_BENCH_DATABASE_URL` / `KETNOI_TEST_POSTGRES_URL`), through the application's own services:
//! the schedule (against the greedy "schedule everything" of other platforms, same instance),
//! publishing (every agenda email formatted and enqueued in the transition's one transaction),
//! the outbox delivering them to a real SMTP server on 127.0.0.1 against a bare pooled lettre
//! loop sending the same messages, and one cancelled meeting: who the update goes to.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use futures_util::StreamExt;
use ketnoi::config::{DatabaseUrl, Settings};
use ketnoi::db::{self, Db, sessions as q};
use ketnoi::domain::*;
use ketnoi::mail::outbox::Worker;
use ketnoi::mail::transport::Transport;
use ketnoi::services::context::{Clock, Env};
use ketnoi::services::sessions::{self, Raw, agenda, schedule};
use lettre::address::Envelope;
use mailin_embedded::{Handler, Response, Server, SslConfig};

const ORGS: usize = 150;
const PAIRS: usize = 600;

#[derive(Clone)]
struct Counter(Arc<AtomicUsize>);

impl Handler for Counter {
    fn data_end(&mut self) -> Response {
        self.0.fetch_add(1, Ordering::Relaxed);
        mailin_embedded::response::OK
    }
}

/// A small deterministic generator (no dependency, same pairs every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn main() -> anyhow::Result<()> {
    let received = Arc::new(AtomicUsize::new(0));
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let mut server = Server::new(Counter(received.clone()));
    server.with_name("bench.test").with_num_threads(256).with_tcp_listener(listener);
    server.with_ssl(SslConfig::None).map_err(|e| anyhow::anyhow!("{e}"))?;
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    let dir = tempfile::tempdir()?;
    let database =
        match std::env::var("KETNOI_BENCH_DATABASE_URL").or_else(|_| std::env::var("KETNOI_TEST_POSTGRES_URL")) {
            Ok(url) => DatabaseUrl::parse(&url)?,
            Err(_) => DatabaseUrl::Sqlite(dir.path().join("bench.db").to_string_lossy().into_owned()),
        };
    let mut settings = Settings::for_data_dir(dir.path(), database.clone())?;
    settings.smtp_url = Some(secrecy::SecretString::from(format!("smtp://{addr}?tls=none")));
    settings.mail_from = "Sàn giao dịch công nghệ <no-reply@ketnoi.example.vn>".parse()?;
    let db = Db::connect(&database)?;
    db.migrate()?;
    let signer = ketnoi::domain::signed::Signer::new("bench-secret-bench-secret-bench-secret");
    let clock = Clock::default();
    let env = Env { settings: &settings, signer: &signer, clock: &clock };
    let mut c = db.conn()?;
    let now = db::now();

    // The session: 08:00-12:00 and 13:30-17:30 in 30-minute slots (16), 25 tables.
    let staff = User {
        id: UserId::new(),
        email: Email::parse("canbo@ketnoi.example.vn")?,
        display_name: "Cán bộ".into(),
        password_hash: None,
        role: Role::Staff,
        organisation_id: None,
        locale: Locale::Vi,
        email_verified_at: Some(now),
        created_at: now,
        updated_at: now,
    };
    db::users::insert(&mut c, &staff)?;
    let day = local_date(now) + chrono::TimeDelta::days(30);
    let form: Vec<(&str, String)> = vec![
        ("title_vi", "Phiên kết nối quy mô lớn".into()),
        ("session_date", day.to_string()),
        ("morning", "08:00-12:00".into()),
        ("afternoon", "13:30-17:30".into()),
        ("slot_minutes", "30".into()),
        ("venue", "Hội trường Trung tâm, Huế".into()),
        ("tables", (1..=25).map(|i| format!("Bàn {i}")).collect::<Vec<_>>().join("\n")),
        ("registration_deadline", (day - chrono::TimeDelta::days(7)).to_string()),
        ("request_deadline", (day - chrono::TimeDelta::days(2)).to_string()),
        ("capacity", "200".into()),
        ("max_requests", "10".into()),
    ];
    let input = sessions::parse_session(&Raw(form.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let s = sessions::create_session(&mut c, &staff, &input, now)?;
    anyhow::ensure!(sessions::get(&mut c, &s.id)?.map(|v| v.slot_count()) == Some(16));
    let mut ps = Vec::new();
    for i in 0..ORGS {
        let org_id = OrganisationId::new();
        let org = Organisation {
            id: org_id,
            kind: if i % 2 == 0 { OrgKind::Enterprise } else { OrgKind::ResearchInstitute },
            name: format!("Đơn vị số {i}"),
            tax_code: None,
            province: Province::Hue,
            address: "Huế".into(),
            website: None,
            description: String::new(),
            verified_at: Some(now),
            created_at: now,
            updated_at: now,
            contact: Contact {
                name: format!("Liên hệ {i}"),
                email: format!("lienhe{i}@donvi.example"),
                phone: String::new(),
                share: i % 3 == 0,
            },
        };
        db::organisations::insert(&mut c, &org)?;
        let p = q::Participant {
            id: uuid::Uuid::now_v7().to_string(),
            session_id: s.id.clone(),
            organisation_id: org_id.to_string(),
            status: "approved".into(),
            listings: String::new(),
            blocks: "morning|afternoon".into(),
            max_meetings: 8,
            registered_by: None,
            created_at: now,
            updated_at: now,
            confirmed_at: None,
            arrived_at: None,
            walk_in: false,
            followups_stopped: false,
        };
        db::sessions::insert_participant(&mut c, &p)?;
        let rep = q::Representative {
            id: uuid::Uuid::now_v7().to_string(),
            participant_id: p.id.clone(),
            position: 0,
            name: format!("Đại diện {i}"),
            email: format!("daidien{i}@donvi.example"),
            locale: if i % 5 == 0 { "en".into() } else { "vi".into() },
        };
        db::sessions::replace_representatives(&mut c, &p.id, &[rep])?;
        ps.push(p);
    }
    // 600 pairs between the 75 need holders (even) and the 75 offer holders (odd).
    let mut rng = Lcg(2027);
    let mut made = 0;
    while made < PAIRS {
        let (a, b) = (2 * rng.next(ORGS / 2), 2 * rng.next(ORGS / 2) + 1);
        let r = q::Request {
            id: uuid::Uuid::now_v7().to_string(),
            session_id: s.id.clone(),
            from_participant: ps[a].id.clone(),
            to_participant: ps[b].id.clone(),
            pair_key: q::pair_key(&ps[a].id, &ps[b].id),
            reason: String::new(),
            block: String::new(),
            origin: if made % 4 == 0 { "staff".into() } else { "request".into() },
            status: "accepted".into(),
            must_meet: made % 50 == 0,
            created_by: None,
            created_at: now,
            answered_at: Some(now),
        };
        if db::sessions::insert_request_if_new(&mut c, &r)? {
            made += 1;
        }
    }
    for (from, to) in [("planned", "registration_open"), ("registration_open", "requests"), ("requests", "scheduling")]
    {
        db::sessions::set_status(&mut c, &s.id, from, to, now)?;
    }

    // The schedule, and the greedy baseline on the same instance.
    let t = Instant::now();
    let report = schedule::run(&mut c, Some(&staff), &s.id, now)?.map_err(|r| anyhow::anyhow!("{r:?}"))?;
    let schedule_secs = t.elapsed().as_secs_f64();
    let v = sessions::get(&mut c, &s.id)?.ok_or_else(|| anyhow::anyhow!("session"))?;
    let pairs = sessions::pairs(&mut c, &s.id)?;
    let inst = ketnoi::matching::schedule::Instance {
        slots: 16,
        tables: 25,
        participants: ps
            .iter()
            .map(|p| ketnoi::matching::schedule::ParticipantIn {
                id: p.id.clone(),
                available: None,
                max_meetings: Some(8),
            })
            .collect(),
        candidates: pairs
            .iter()
            .map(|p| ketnoi::matching::schedule::CandidateIn {
                a: p.request.from_participant.clone(),
                b: p.request.to_participant.clone(),
                weight: p.weight.total(),
                slots: None,
            })
            .collect(),
        locked: Vec::new(),
        pauses_after: v.programme.pauses_after().into_iter().map(|i| i as i64).collect(),
    };
    let problem = ketnoi::matching::schedule::Problem::new(&inst)?;
    let t = Instant::now();
    let greedy = ketnoi::matching::schedule::greedy(&problem);
    let greedy_secs = t.elapsed().as_secs_f64();
    let greedy_weight: f64 =
        greedy.iter().enumerate().filter(|(_, s)| s.is_some()).map(|(i, _)| problem.edges[i].weight).sum();
    let greedy_meetings = greedy.iter().filter(|s| s.is_some()).count();
    let placed: Vec<(usize, usize, usize)> =
        greedy.iter().enumerate().filter_map(|(e, s)| s.map(|s| (e, s, 0))).collect();
    let greedy_idle = ketnoi::matching::schedule::idle_gaps(&problem, &placed);

    // Publishing: every agenda email enqueued in the transition's transaction.
    let t = Instant::now();
    sessions::transition(&mut c, env, &staff, &s.id, SessionStatus::Published, now)?
        .map_err(|r| anyhow::anyhow!("{r:?}"))?;
    let publish_secs = t.elapsed().as_secs_f64();
    let emails = {
        use diesel::{QueryDsl, RunQueryDsl};
        db::schema::outbox::table.count().get_result::<i64>(&mut *c)? as usize
    };
    anyhow::ensure!(emails == ORGS, "one agenda per representative: {emails}");

    // Delivery through the outbox and through a bare pooled lettre loop.
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    // Seven rounds each, alternating, the median of each kept: one round of 150 messages takes
    // a fifth of a second, too little to compare on its own.
    const ROUNDS: usize = 7;
    let (outbox_secs, bare_secs, concurrency) = rt.block_on(async {
        let worker = Worker::new(db.clone(), &settings)?;
        let rows: Vec<(String, String)> = {
            use db::schema::outbox;
            use diesel::{QueryDsl, RunQueryDsl};
            outbox::table.select((outbox::recipient, outbox::message)).load(&mut *db.conn()?)?
        };
        let transport = Transport::smtp(&format!("smtp://{addr}?tls=none"))?;
        let sender: lettre::Address = "no-reply@ketnoi.example.vn".parse()?;
        let envelopes: Vec<(Envelope, &[u8])> = rows
            .iter()
            .map(|(to, msg)| Ok((Envelope::new(Some(sender.clone()), vec![to.parse()?])?, msg.as_bytes())))
            .collect::<anyhow::Result<_>>()?;
        let (mut outbox_times, mut bare_times) = (Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            if round > 0 {
                // The same emails queued again.
                use db::schema::outbox;
                use diesel::{ExpressionMethods, RunQueryDsl};
                diesel::update(outbox::table)
                    .set((
                        outbox::status.eq("queued"),
                        outbox::attempts.eq(0),
                        outbox::sent_at.eq(None::<chrono::NaiveDateTime>),
                        outbox::claimed_until.eq(None::<chrono::NaiveDateTime>),
                        outbox::next_attempt_at.eq(db::now()),
                    ))
                    .execute(&mut *db.conn()?)?;
            }
            let t = Instant::now();
            let sent = worker.drain().await?;
            outbox_times.push(t.elapsed().as_secs_f64());
            anyhow::ensure!(sent.sent == emails, "{sent:?}");
            let t = Instant::now();
            let results: Vec<_> = futures_util::stream::iter(&envelopes)
                .map(|(env, msg)| transport.send_raw(env, msg))
                .buffer_unordered(worker.concurrency)
                .collect()
                .await;
            bare_times.push(t.elapsed().as_secs_f64());
            anyhow::ensure!(results.iter().all(Result::is_ok), "bare loop failed");
        }
        let median = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        Ok::<_, anyhow::Error>((median(outbox_times), median(bare_times), worker.concurrency))
    })?;
    anyhow::ensure!(
        received.load(Ordering::Relaxed) == 2 * ROUNDS * emails,
        "the server received every message of every round"
    );

    // One cancelled meeting: the update goes to its two organisations' representatives only.
    let first =
        db::sessions::meetings(&mut c, &s.id)?.into_iter().next().ok_or_else(|| anyhow::anyhow!("a meeting"))?;
    schedule::change(&mut c, &staff, &first.id, schedule::Change::Cancel, now)?
        .map_err(|r| anyhow::anyhow!("{r:?}"))?;
    let v = sessions::get(&mut c, &s.id)?.ok_or_else(|| anyhow::anyhow!("session"))?;
    let affected: Vec<String> = agenda::pending(&mut c, &v)?.into_iter().map(|(p, _)| p.id).collect();
    let before = emails;
    let sent = agenda::send_updates(&mut c, env, &staff, &s.id)?.map_err(|r| anyhow::anyhow!("{r:?}"))?;
    let mut expected = vec![first.participant_a.clone(), first.participant_b.clone()];
    expected.sort();
    let mut got = affected.clone();
    got.sort();
    anyhow::ensure!(
        got == expected && sent == 2,
        "the update goes to the two organisations only: {got:?}, {sent} emails"
    );

    println!(
        "session benchmark: {ORGS} organisations, 16 slots, 25 tables, {PAIRS} agreed pairs, database {}",
        db.backend()
    );
    println!(
        "  schedule (the session's run, stored):  {schedule_secs:>7.3} s  {} meetings, weight {:.1} of at most {:.1}{}, idle slots {}",
        report.meetings,
        report.total_weight,
        report.upper_bound,
        if report.optimal { " (optimal)" } else { "" },
        report.idle_gaps
    );
    println!(
        "  greedy baseline, same instance:        {greedy_secs:>7.3} s  {greedy_meetings} meetings, weight {greedy_weight:.1}, idle slots {greedy_idle}"
    );
    println!("  ratio weight schedule / greedy: {:.3}×", report.total_weight / greedy_weight.max(f64::MIN_POSITIVE));
    println!("  publish (all {emails} agendas with 2 calendars, one transaction): {publish_secs:.3} s");
    println!(
        "  delivery (median of {ROUNDS} rounds): outbox {:.0} msg/s ({outbox_secs:.3} s), bare pooled lettre {concurrency} at a time {:.0} msg/s ({bare_secs:.3} s); ratio outbox / bare: {:.2}×",
        emails as f64 / outbox_secs,
        emails as f64 / bare_secs,
        bare_secs / outbox_secs
    );
    println!(
        "  one cancelled meeting: update to {} organisations, {sent} emails (of {before} agendas)",
        affected.len()
    );
    Ok(())
}

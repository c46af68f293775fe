//! Email delivery against a real SMTP server over TCP (mailin-embedded, in-process): headers and
//! both bodies, the invitation parsed back by an independent iCalendar parser, a server that is
//! down and then up, permanent and transient refusals, expired claims, dedupe keys, transactions.

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::{Connection, ExpressionMethods, QueryDsl, RunQueryDsl};
use ketnoi::config::Settings;
use ketnoi::db::{self, Db, outbox as rows};
use ketnoi::domain::{Email, Locale};
use ketnoi::mail::outbox::{Worker, enqueue};
use ketnoi::mail::transport::Transport;
use mail_parser::MimeHeaders;
use mailin_embedded::{Handler, Response, Server, SslConfig};

use crate::helpers::TestDb;

/// A message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Default)]
struct Shared {
    messages: Vec<Received>,
    reject: Option<(u16, String)>,
}

#[derive(Clone)]
struct SinkHandler {
    shared: Arc<Mutex<Shared>>,
    current: Option<Received>,
}

impl Handler for SinkHandler {
    fn rcpt(&mut self, _to: &str) -> Response {
        match &self.shared.lock().unwrap().reject {
            Some((code, msg)) => Response::custom(*code, msg.clone()),
            None => mailin_embedded::response::OK,
        }
    }

    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Some(Received { from: from.to_string(), to: to.to_vec(), data: Vec::new() });
        mailin_embedded::response::START_DATA
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if let Some(m) = &mut self.current {
            m.data.extend_from_slice(buf);
        }
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mut shared = self.shared.lock().unwrap();
        if let Some(m) = self.current.take() {
            shared.messages.push(m);
        }
        mailin_embedded::response::OK
    }
}

/// A real SMTP server on 127.0.0.1, recording what it accepts.
pub struct SmtpSink {
    pub addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
}

impl SmtpSink {
    pub fn start() -> Self {
        Self::on(TcpListener::bind("127.0.0.1:0").unwrap())
    }

    pub fn on(listener: TcpListener) -> Self {
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let mut server = Server::new(SinkHandler { shared: shared.clone(), current: None });
        server.with_name("sink.test").with_num_threads(64).with_tcp_listener(listener);
        server.with_ssl(SslConfig::None).unwrap();
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        Self { addr, shared }
    }

    pub fn url(&self) -> String {
        format!("smtp://{}?tls=none", self.addr)
    }

    pub fn reject_with(&self, reply: Option<(u16, &str)>) {
        self.shared.lock().unwrap().reject = reply.map(|(c, m)| (c, m.to_string()));
    }

    pub fn messages(&self) -> Vec<Received> {
        self.shared.lock().unwrap().messages.clone()
    }
}

fn settings(t: &TestDb, smtp: Option<&str>) -> Settings {
    let mut s = Settings::for_data_dir(t.dir.path(), t.url.clone()).unwrap();
    s.smtp_url = smtp.map(|u| secrecy::SecretString::from(u.to_string()));
    s.base_url = url::Url::parse("https://ketnoi.example.vn/").unwrap();
    s.mail_from = "Sàn giao dịch công nghệ <no-reply@ketnoi.example.vn>".parse().unwrap();
    s
}

fn setup(smtp: Option<&str>) -> (TestDb, Db, Settings) {
    let t = TestDb::new();
    let db = Db::connect(&t.url).unwrap();
    db.migrate().unwrap();
    let s = settings(&t, smtp);
    (t, db, s)
}

fn quick_worker(db: &Db, s: &Settings) -> Worker {
    let mut w = Worker::new(db.clone(), s).unwrap();
    w.base_backoff = Duration::ZERO;
    w
}

fn enqueue_test(db: &Db, s: &Settings, to: &str, locale: Locale) -> ketnoi::mail::outbox::Outgoing {
    let out = ketnoi::mail::test_email(s, &Email::parse(to).unwrap(), locale).unwrap();
    assert!(enqueue(&mut db.conn().unwrap(), s, &out).unwrap());
    out
}

fn only_row(db: &Db) -> rows::OutboxRow {
    let mut c = db.conn().unwrap();
    let all: Vec<rows::OutboxRow> = db::schema::outbox::table
        .select(<rows::OutboxRow as diesel::SelectableHelper<_>>::as_select())
        .load(&mut *c)
        .unwrap();
    assert_eq!(all.len(), 1);
    all.into_iter().next().unwrap()
}

#[tokio::test]
async fn delivers_headers_both_bodies_and_a_real_invitation() {
    let sink = SmtpSink::start();
    let (_t, db, s) = setup(Some(&sink.url()));
    enqueue_test(&db, &s, "Lan.Nguyen@Vien.Example.VN", Locale::Vi);
    let report = quick_worker(&db, &s).drain().await.unwrap();
    assert_eq!(report.sent, 1, "{report:?}");
    let got = sink.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].from, "no-reply@ketnoi.example.vn");
    assert_eq!(got[0].to, vec!["lan.nguyen@vien.example.vn".to_string()]);
    let row = only_row(&db);
    assert_eq!(row.status, rows::SENT);
    assert!(row.sent_at.is_some());

    let msg = mail_parser::MessageParser::default().parse(&got[0].data).expect("a MIME message");
    assert_eq!(msg.subject(), Some("Thư thử nghiệm của Sàn giao dịch công nghệ — thư mời gặp"));
    assert_eq!(msg.message_id(), Some(row.message_id.trim_matches(['<', '>'])));
    assert!(msg.date().is_some());
    let from = msg.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.name(), Some("Sàn giao dịch công nghệ"));
    assert!(msg.body_text(0).unwrap().contains("Xin chào lan.nguyen"));
    assert!(msg.body_text(0).unwrap().contains("Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ"));
    assert!(msg.body_html(0).unwrap().contains("Buổi gặp mẫu: bên cầu × bên cung"));
    // The calendar is an alternative part with method=REQUEST, and an attachment.
    let calendar = msg
        .parts
        .iter()
        .find(|p| p.content_type().is_some_and(|c| c.ctype() == "text" && c.subtype() == Some("calendar")))
        .expect("a text/calendar part");
    let ct = calendar.content_type().unwrap();
    assert_eq!(ct.attribute("method"), Some("REQUEST"));
    assert_eq!(ct.attribute("charset").map(str::to_ascii_uppercase).as_deref(), Some("UTF-8"));
    let attachment = msg.attachments().find(|a| a.attachment_name() == Some("invite.ics")).expect("invite.ics");
    let ics = String::from_utf8(attachment.contents().to_vec()).unwrap();
    assert_eq!(calendar.text_contents().map(|t| t.replace("\r\n", "\n")), Some(ics.replace("\r\n", "\n")));

    // An independent parser reads back every property.
    let cal = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes())).next().unwrap().unwrap();
    let prop = |props: &[ical::property::Property], name: &str| props.iter().find(|p| p.name == name).cloned();
    assert_eq!(prop(&cal.properties, "METHOD").unwrap().value.as_deref(), Some("REQUEST"));
    assert_eq!(prop(&cal.timezones[0].properties, "TZID").unwrap().value.as_deref(), Some("Asia/Ho_Chi_Minh"));
    let ev = &cal.events[0].properties;
    for name in ["UID", "DTSTAMP", "SUMMARY", "LOCATION", "DESCRIPTION", "URL", "STATUS"] {
        assert!(prop(ev, name).and_then(|p| p.value).is_some_and(|v| !v.is_empty()), "{name} missing");
    }
    assert_eq!(prop(ev, "SEQUENCE").unwrap().value.as_deref(), Some("0"));
    assert_eq!(prop(ev, "SUMMARY").unwrap().value.as_deref(), Some("Buổi gặp mẫu: bên cầu × bên cung"));
    for (name, minutes) in [("DTSTART", "0000"), ("DTEND", "2000")] {
        let p = prop(ev, name).unwrap();
        let params = p.params.unwrap_or_default();
        assert!(
            params.iter().any(|(k, v)| k == "TZID" && v == &vec!["Asia/Ho_Chi_Minh".to_string()]),
            "{name} without TZID"
        );
        assert!(p.value.unwrap().ends_with(minutes), "{name}: on the hour, 20 minutes long");
    }
    let organizer = prop(ev, "ORGANIZER").unwrap();
    assert_eq!(organizer.value.as_deref(), Some("mailto:no-reply@ketnoi.example.vn"));
    let attendee = prop(ev, "ATTENDEE").unwrap();
    assert_eq!(attendee.value.as_deref(), Some("mailto:lan.nguyen@vien.example.vn"));
    let params = attendee.params.unwrap();
    for (k, v) in [("ROLE", "REQ-PARTICIPANT"), ("PARTSTAT", "NEEDS-ACTION"), ("RSVP", "TRUE")] {
        assert!(params.iter().any(|(pk, pv)| pk == k && pv == &vec![v.to_string()]), "{k}={v} missing: {params:?}");
    }
}

#[tokio::test]
async fn english_recipients_get_english() {
    let sink = SmtpSink::start();
    let (_t, db, s) = setup(Some(&sink.url()));
    enqueue_test(&db, &s, "john@partner.example.com", Locale::En);
    quick_worker(&db, &s).drain().await.unwrap();
    let msg = mail_parser::MessageParser::default().parse(&sink.messages()[0].data).unwrap().into_owned();
    assert!(msg.subject().unwrap().starts_with("Test message from the Technology Exchange"));
    assert!(msg.body_text(0).unwrap().contains("Hello john"));
}

#[tokio::test]
async fn server_down_then_up_delivers_exactly_once() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener); // nothing listens: connection refused
    let (_t, db, s) = setup(Some(&format!("smtp://{addr}?tls=none")));
    enqueue_test(&db, &s, "an@doanhnghiep.example.vn", Locale::Vi);
    let worker = quick_worker(&db, &s);
    let first = worker.drain().await.unwrap();
    assert_eq!((first.sent, first.retried, first.failed), (0, 1, 0));
    let row = only_row(&db);
    assert_eq!((row.status.as_str(), row.attempts), (rows::QUEUED, 1));
    assert!(row.last_error.is_some());
    let sink = SmtpSink::on(TcpListener::bind(addr).unwrap());
    let second = worker.drain().await.unwrap();
    assert_eq!(second.sent, 1, "{second:?}");
    assert_eq!(worker.drain().await.unwrap().sent, 0, "nothing left to send");
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(only_row(&db).status, rows::SENT);
}

#[tokio::test]
async fn permanent_refusal_fails_at_once_and_keeps_the_reply() {
    let sink = SmtpSink::start();
    sink.reject_with(Some((554, "5.7.1 Policy rejection: no thanks")));
    let (_t, db, s) = setup(Some(&sink.url()));
    enqueue_test(&db, &s, "an@doanhnghiep.example.vn", Locale::Vi);
    let worker = quick_worker(&db, &s);
    assert_eq!(worker.drain().await.unwrap().failed, 1);
    let row = only_row(&db);
    assert_eq!(row.status, rows::FAILED);
    assert!(row.last_error.as_deref().unwrap().contains("no thanks"), "{:?}", row.last_error);
    assert_eq!(row.attempts, 1);
    // Staff fix the cause and retry it.
    sink.reject_with(None);
    assert!(rows::retry(&mut db.conn().unwrap(), &row.id, db::now()).unwrap());
    assert_eq!(worker.drain().await.unwrap().sent, 1);
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn transient_refusals_retry_then_give_up() {
    let sink = SmtpSink::start();
    sink.reject_with(Some((451, "4.3.0 try again later")));
    let (_t, db, mut s) = setup(Some(&sink.url()));
    s.mail_max_attempts = 3;
    enqueue_test(&db, &s, "an@doanhnghiep.example.vn", Locale::Vi);
    let worker = quick_worker(&db, &s);
    for attempt in 1..=2 {
        let r = worker.drain().await.unwrap();
        assert_eq!(r.retried, 1, "attempt {attempt}");
        assert_eq!(only_row(&db).attempts, attempt);
    }
    assert_eq!(worker.drain().await.unwrap().failed, 1);
    let row = only_row(&db);
    assert_eq!(row.status, rows::FAILED);
    assert!(row.last_error.unwrap().contains("try again later"));
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn backoff_delays_the_next_attempt() {
    let (_t, db, s) = setup(Some("smtp://127.0.0.1:9?tls=none"));
    enqueue_test(&db, &s, "an@doanhnghiep.example.vn", Locale::Vi);
    let worker = Worker::new(db.clone(), &s).unwrap(); // 30 s base backoff
    assert_eq!(worker.drain().await.unwrap().retried, 1);
    let row = only_row(&db);
    let delay = (row.next_attempt_at - db::now()).num_seconds();
    assert!((15..=40).contains(&delay), "first retry after about 30 s ± 25%, not {delay} s");
    assert_eq!(worker.drain().await.unwrap(), Default::default(), "not due yet");
}

#[tokio::test]
async fn an_expired_claim_is_taken_over() {
    let sink = SmtpSink::start();
    let (_t, db, s) = setup(Some(&sink.url()));
    enqueue_test(&db, &s, "an@doanhnghiep.example.vn", Locale::Vi);
    let id = only_row(&db).id;
    // Another process claimed the row and died while sending.
    let now = db::now();
    let claimed =
        rows::claim_many(&mut db.conn().unwrap(), std::slice::from_ref(&id), now, now + chrono::TimeDelta::minutes(2));
    assert_eq!(claimed.unwrap().len(), 1);
    let worker = quick_worker(&db, &s);
    assert_eq!(worker.drain().await.unwrap().sent, 0, "a live claim is respected");
    diesel::update(db::schema::outbox::table.find(&id))
        .set(db::schema::outbox::claimed_until.eq(now - chrono::TimeDelta::seconds(1)))
        .execute(&mut *db.conn().unwrap())
        .unwrap();
    assert_eq!(worker.drain().await.unwrap().sent, 1);
    let row = only_row(&db);
    assert_eq!((row.status.as_str(), row.attempts), (rows::SENT, 2));
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn the_same_dedupe_key_twice_is_one_email() {
    let sink = SmtpSink::start();
    let (_t, db, s) = setup(Some(&sink.url()));
    let out = enqueue_test(&db, &s, "an@doanhnghiep.example.vn", Locale::Vi);
    assert!(!enqueue(&mut db.conn().unwrap(), &s, &out).unwrap(), "second enqueue is a no-op");
    quick_worker(&db, &s).drain().await.unwrap();
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn an_email_exists_only_if_its_transaction_commits() {
    let (_t, db, s) = setup(None);
    let out = ketnoi::mail::test_email(&s, &Email::parse("an@doanhnghiep.example.vn").unwrap(), Locale::Vi).unwrap();
    let mut c = db.conn().unwrap();
    let result: Result<(), anyhow::Error> = c.transaction(|c| {
        enqueue(c, &s, &out)?;
        anyhow::bail!("the change that caused the email failed")
    });
    assert!(result.is_err());
    assert!(rows::by_dedupe_key(&mut c, &out.dedupe_key).unwrap().is_none());
    c.transaction::<_, anyhow::Error, _>(|c| enqueue(c, &s, &out).map(|_| ())).unwrap();
    assert!(rows::by_dedupe_key(&mut c, &out.dedupe_key).unwrap().is_some());
}

#[tokio::test]
async fn without_smtp_mail_is_written_as_eml_files() {
    let (t, db, s) = setup(None);
    enqueue_test(&db, &s, "an@doanhnghiep.example.vn", Locale::Vi);
    assert_eq!(quick_worker(&db, &s).drain().await.unwrap().sent, 1);
    let files: Vec<_> = std::fs::read_dir(t.dir.path().join("mail")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let bytes = std::fs::read(&files[0]).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&bytes).unwrap();
    assert_eq!(msg.subject(), Some("Thư thử nghiệm của Sàn giao dịch công nghệ — thư mời gặp"));
}

#[tokio::test]
async fn many_messages_go_through_the_pool_once_each() {
    let sink = SmtpSink::start();
    let (_t, db, s) = setup(Some(&sink.url()));
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    for i in 0..n {
        enqueue_test(&db, &s, &format!("user{i}@doanhnghiep.example.vn"), Locale::Vi);
    }
    let r = quick_worker(&db, &s).drain().await.unwrap();
    assert_eq!(r.sent, n);
    let mut to: Vec<String> = sink.messages().iter().map(|m| m.to[0].clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), n);
    let counts = rows::counts(&mut db.conn().unwrap()).unwrap();
    assert_eq!(counts, vec![(rows::SENT.to_string(), n as i64)]);
    let _ = Transport::smtp(&sink.url()).unwrap();
}

#[test]
fn the_command_line_delivers_through_smtp() {
    let sink = SmtpSink::start();
    let t = TestDb::new();
    let run = |args: &[&str]| {
        crate::config::ketnoi(t.dir.path())
            .args(args)
            .env("KETNOI_DATABASE_URL", t.url_string())
            .env("KETNOI_SMTP_URL", sink.url())
            .output()
            .unwrap()
    };
    assert!(run(&["outbox", "test", "--to", "hoa@trungtam.example.vn"]).status.success());
    let out = run(&["outbox", "send", "--once"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(sink.messages()[0].to, vec!["hoa@trungtam.example.vn".to_string()]);
}

//! Outbox benchmark: `cargo bench --bench outbox`.
//!
//! Enqueues 5,000 invitation emails (with .ics) into the outbox of a SQLite database (or
//! `KETNOI_BENCH_DATABASE_URL`), drains them through a real SMTP server on 127.0.0.1
//! (mailin-embedded, in this process), and in the same run sends the same formatted messages
//! through a bare pooled lettre transport without any database, with the worker's concurrency.
//! Prints messages/s, the ratio, and resident memory.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use futures_util::StreamExt;
use ketnoi::config::{DatabaseUrl, Settings};
use ketnoi::db::Db;
use ketnoi::domain::{Email, Locale};
use ketnoi::mail::outbox::{Worker, enqueue};
use ketnoi::mail::transport::Transport;
use lettre::address::Envelope;
use mailin_embedded::{Handler, Response, Server, SslConfig};

const N: usize = 5_000;

#[derive(Clone)]
struct Counter(Arc<AtomicUsize>);

impl Handler for Counter {
    fn data_end(&mut self) -> Response {
        self.0.fetch_add(1, Ordering::Relaxed);
        mailin_embedded::response::OK
    }
}

fn rss_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
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

    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(async move {
        // Enqueue in transactions of 500, as a bulk invitation would.
        let t = Instant::now();
        let mut formatted = Vec::with_capacity(N);
        let rss_start = rss_kib("VmRSS:");
        {
            let mut conn = db.conn()?;
            for chunk in (0..N).collect::<Vec<_>>().chunks(500) {
                use diesel::Connection;
                conn.transaction::<_, anyhow::Error, _>(|c| {
                    for &i in chunk {
                        let to = Email::parse(&format!("nguoi.du.{i}@doanhnghiep.example.vn"))?;
                        let out =
                            ketnoi::mail::test_email(&settings, &to, if i % 5 == 0 { Locale::En } else { Locale::Vi })?;
                        enqueue(c, &settings, &out)?;
                    }
                    Ok(())
                })?;
            }
        }
        let enqueue_secs = t.elapsed().as_secs_f64();
        let rss_before = rss_kib("VmRSS:");

        let worker = Worker::new(db.clone(), &settings)?;
        let t = Instant::now();
        let report = worker.drain().await?;
        let outbox_secs = t.elapsed().as_secs_f64();
        let rss_after = rss_kib("VmRSS:");
        assert_eq!(report.sent, N, "{report:?}");

        // The same formatted messages, for the bare loop.
        {
            use diesel::{QueryDsl, RunQueryDsl};
            use ketnoi::db::schema::outbox;
            let rows: Vec<(String, String)> =
                outbox::table.select((outbox::recipient, outbox::message)).load(&mut *db.conn()?)?;
            formatted.extend(rows);
        }
        let transport = Transport::smtp(&format!("smtp://{addr}?tls=none"))?;
        let sender: lettre::Address = "no-reply@ketnoi.example.vn".parse()?;
        let envelopes: Vec<(Envelope, &[u8])> = formatted
            .iter()
            .map(|(to, msg)| Ok((Envelope::new(Some(sender.clone()), vec![to.parse()?])?, msg.as_bytes())))
            .collect::<anyhow::Result<_>>()?;
        let t = Instant::now();
        let results: Vec<_> = futures_util::stream::iter(&envelopes)
            .map(|(env, msg)| transport.send_raw(env, msg))
            .buffer_unordered(worker.concurrency)
            .collect()
            .await;
        let bare_conc_secs = t.elapsed().as_secs_f64();
        anyhow::ensure!(results.iter().all(Result::is_ok), "bare loop failed");
        anyhow::ensure!(received.load(Ordering::Relaxed) == 2 * N, "the server must have received every message");

        let rate = |s: f64| N as f64 / s;
        println!(
            "outbox benchmark: {N} invitation emails with .ics, SMTP server on 127.0.0.1, database {}",
            db.backend()
        );
        println!(
            "  enqueue (formatting + insert, 500 per transaction): {:>8.0} msg/s  ({enqueue_secs:.2} s)",
            rate(enqueue_secs)
        );
        println!(
            "  outbox drain (claim, send, record):                 {:>8.0} msg/s  ({outbox_secs:.2} s)",
            rate(outbox_secs)
        );
        println!(
            "  bare pooled lettre loop, {} at a time:              {:>8.0} msg/s  ({bare_conc_secs:.2} s)",
            worker.concurrency,
            rate(bare_conc_secs)
        );
        println!("  ratio outbox / bare: {:.2}×", bare_conc_secs / outbox_secs);
        println!(
            "  resident memory: {} MiB at start, {} MiB before the drain, {} MiB after it",
            rss_start / 1024,
            rss_before / 1024,
            rss_after / 1024
        );
        Ok::<(), anyhow::Error>(())
    })
}

//! The command line end to end: migrate, seed, admin create-user, serve and graceful shutdown.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::Duration;

use ketnoi::db::{self, Db};
use ketnoi::domain::{Email, Role, password};

use crate::config::ketnoi;
use crate::helpers::TestDb;

#[test]
fn help_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["seed", "demo", "--help"],
        &["config", "show", "--help"],
        &["admin", "create-user", "--help"],
    ] {
        let out = ketnoi(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert!(String::from_utf8(out.stdout).unwrap().contains("Usage"), "{args:?}");
    }
}

#[test]
fn migrate_and_seed_are_idempotent() {
    let t = TestDb::new();
    let run = |args: &[&str]| {
        let out = ketnoi(t.dir.path()).args(args).env("KETNOI_DATABASE_URL", t.url_string()).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run(&["migrate"]).starts_with("17 migration(s) applied"));
    assert!(run(&["migrate"]).starts_with("0 migration(s) applied"));
    assert!(run(&["seed", "demo"]).contains("43 offer(s)"));
    assert!(run(&["seed", "demo"]).contains("already present"));
    // Every suggestion list, computed and stored; the same again gives the same rows.
    let first = run(&["match", "all", "--top", "5"]);
    assert!(first.starts_with("suggestions: ") && first.contains("offer(s)"), "{first}");
    let rows = |out: &str| out.split(", ").nth(1).and_then(|r| r.split(" row(s)").next()).map(str::to_string);
    assert_eq!(rows(&first), rows(&run(&["match", "all", "--top", "5"])));
    for bad in [&["match", "all", "--top", "0"][..], &["match", "all", "--top", "x"]] {
        let out = ketnoi(t.dir.path()).args(bad).env("KETNOI_DATABASE_URL", t.url_string()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn eval_match_scores_a_collection_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("corpus.jsonl"),
        "{\"_id\": \"a\", \"title\": \"Floating solar plant\", \"text\": \"Photovoltaic panels floating on reservoirs.\"}\n\
         {\"_id\": \"b\", \"title\": \"Coffee dryer\", \"text\": \"Drying coffee beans with heat pumps.\"}\n",
    )
    .unwrap();
    std::fs::write(
        p.join("queries.jsonl"),
        "{\"_id\": \"q\", \"text\": \"Solar power on water\\nWe need floating panels on our reservoir.\"}\n",
    )
    .unwrap();
    std::fs::write(p.join("qrels.tsv"), "query-id\tcorpus-id\tscore\nq\ta\t1\n").unwrap();
    let out = ketnoi(p)
        .args(["eval", "match", "--corpus", "corpus.jsonl", "--queries", "queries.jsonl", "--qrels", "qrels.tsv"])
        .current_dir(p)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(m["ndcg@10"], 1.0, "{m}");
    let out = ketnoi(p)
        .args(["eval", "match", "--corpus", "missing.jsonl", "--queries", "queries.jsonl"])
        .current_dir(p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a missing file is a runtime failure");
    let out = ketnoi(p)
        .args(["eval", "match", "--corpus", "corpus.jsonl", "--queries", "queries.jsonl", "--top", "0"])
        .current_dir(p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

fn create_user(t: &TestDb, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = ketnoi(t.dir.path())
        .args(["admin", "create-user"])
        .args(args)
        .env("KETNOI_DATABASE_URL", t.url_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn admin_create_user() {
    let t = TestDb::new();
    let out = create_user(
        &t,
        &["--email", "Hoa.Tran@TrungTam.example.vn", "--role", "admin", "--name", "Trần Thị Hoa", "--password-stdin"],
        "một câu mật khẩu dài\n",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let db = Db::connect(&t.url).unwrap();
    let mut c = db.conn().unwrap();
    let u = db::users::by_email(&mut c, &Email::parse("hoa.tran@trungtam.example.vn").unwrap()).unwrap().unwrap();
    assert_eq!(u.role, Role::Admin);
    assert_eq!(u.display_name, "Trần Thị Hoa");
    assert!(password::verify("một câu mật khẩu dài", u.password_hash.as_deref().unwrap()));
    assert_eq!(db::audit::for_entity(&mut c, "user", &u.id.to_string()).unwrap().len(), 1);

    // Running it again resets the password and role instead of failing.
    let out = create_user(
        &t,
        &["--email", "hoa.tran@trungtam.example.vn", "--role", "staff", "--password-stdin"],
        "mật khẩu mới thật dài\n",
    );
    assert!(out.status.success());
    let u = db::users::by_email(&mut c, &Email::parse("hoa.tran@trungtam.example.vn").unwrap()).unwrap().unwrap();
    assert_eq!(u.role, Role::Staff);
    assert!(password::verify("mật khẩu mới thật dài", u.password_hash.as_deref().unwrap()));

    // Bad input: exit code 2 with a message, nothing stored.
    for (args, stdin, expect) in [
        (&["--email", "not-an-email", "--role", "staff", "--password-stdin"][..], "một câu mật khẩu dài\n", "--email"),
        (&["--email", "a@b.example.vn", "--role", "staff", "--password-stdin"][..], "short\n", "at least 10"),
        (&["--email", "a@b.example.vn", "--role", "staff", "--password-stdin"][..], "password123\n", "common"),
        (
            &["--email", "a@b.example.vn", "--role", "member", "--password-stdin"][..],
            "một câu mật khẩu dài\n",
            "member",
        ),
    ] {
        let out = create_user(&t, args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(expect),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(db::users::by_email(&mut c, &Email::parse("a@b.example.vn").unwrap()).unwrap().is_none());
}

#[test]
fn serve_demo_answers_and_stops_on_sigterm() {
    let t = TestDb::new();
    let mut child = ketnoi(t.dir.path())
        .args(["serve", "--demo"])
        .env("KETNOI_DATABASE_URL", t.url_string())
        .env("KETNOI_BIND", "127.0.0.1:0")
        .env("KETNOI_DATA_DIR", t.dir.path().join("data"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let logins: Vec<String> = (0..3).map(|_| lines.next().unwrap().unwrap()).collect();
    for (role, email) in [("staff", "canbo@ketnoi.example.vn"), ("admin", "quantri@"), ("member", "thanhvien@")] {
        assert!(logins.iter().any(|l| l.contains(role) && l.contains(email)), "{logins:?}");
    }
    let serving = lines.next().unwrap().unwrap();
    let url = serving.split_whitespace().find(|w| w.starts_with("http://")).unwrap().to_string();
    let body = http::blocking_get(&format!("{url}api/v1/offers"));
    assert!(body.contains("\"total\":37"), "{body}");
    assert!(t.dir.path().join("data/index").is_dir() && t.dir.path().join("data/mail").is_dir());
    // The background loop of `serve` delivers queued email (here as .eml files: no SMTP).
    let queued = ketnoi(t.dir.path())
        .args(["outbox", "test", "--to", "hoa@trungtam.example.vn"])
        .env("KETNOI_DATABASE_URL", t.url_string())
        .env("KETNOI_DATA_DIR", t.dir.path().join("data"))
        .status()
        .unwrap();
    assert!(queued.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::fs::read_dir(t.dir.path().join("data/mail")).unwrap().count() == 0 {
        assert!(std::time::Instant::now() < deadline, "the running server did not deliver the queued email");
        std::thread::sleep(Duration::from_millis(100));
    }
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "serve exited with {status}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "serve did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    }
}

mod http {
    /// A tiny blocking GET over a plain TCP socket, so this test needs no async runtime.
    pub fn blocking_get(url: &str) -> String {
        use std::io::{Read, Write};
        let rest = url.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_once('/').unwrap();
        let mut s = std::net::TcpStream::connect(host).unwrap();
        write!(s, "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }
}

#[test]
fn schedule_gen_and_solve_through_files() {
    let dir = tempfile::tempdir().unwrap();
    let inst = dir.path().join("instance.json");
    let out = dir.path().join("schedule.json");
    let status = ketnoi(dir.path())
        .args([
            "schedule",
            "gen",
            "--seed",
            "5",
            "--participants",
            "60",
            "--slots",
            "8",
            "--tables",
            "6",
            "--pairs",
            "300",
        ])
        .args(["--windows", "0.3", "--caps", "0.2", "--locks", "3", "--pause-after", "3", "--blocks", "0.4"])
        .arg("--output")
        .arg(&inst)
        .status()
        .unwrap();
    assert!(status.success());
    let instance: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&inst).unwrap()).unwrap();
    assert_eq!(instance["pauses_after"], serde_json::json!([3]));
    let tied = instance["candidates"].as_array().unwrap().iter().filter(|c| c["slots"].is_array()).count();
    assert!(tied > 50, "{tied} meetings tied to a block");
    let o = ketnoi(dir.path())
        .args(["schedule", "solve", "--input"])
        .arg(&inst)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    for field in
        ["meetings", "total_weight", "upper_bound", "optimal", "seconds", "idle_gaps", "idle_runs", "idle_worst"]
    {
        assert!(!s[field].is_null(), "missing {field}");
    }
    // Every meeting tied to a block is in it.
    for m in s["meetings"].as_array().unwrap() {
        let c = instance["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| (c["a"] == m["a"] && c["b"] == m["b"]) || (c["a"] == m["b"] && c["b"] == m["a"]))
            .unwrap();
        if let Some(slots) = c["slots"].as_array() {
            assert!(slots.contains(&m["slot"]), "{m} outside {slots:?}");
        }
    }
    let meetings = s["meetings"].as_array().unwrap();
    assert!(!meetings.is_empty() && meetings.len() <= 8 * 6);
    assert!(s["total_weight"].as_f64().unwrap() <= s["upper_bound"].as_f64().unwrap() + 1e-9);
    let first = &meetings[0];
    assert!(first["a"].is_string() && first["slot"].is_u64() && first["table"].is_u64());

    // Rescheduling with the previous schedule keeps it whole when nothing changed.
    let o = ketnoi(dir.path())
        .args(["schedule", "solve", "--input"])
        .arg(&inst)
        .arg("--previous")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let again: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(again["kept"].as_u64().unwrap() as usize, meetings.len());
    for m in meetings {
        assert!(again["meetings"].as_array().unwrap().contains(m), "{m} moved");
    }
}

#[test]
fn schedule_bad_input_exits_2_naming_the_item() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            r#"{"slots": 4, "tables": 2, "participants": [{"id": "an"}], "candidates": [{"a": "an", "b": "zoe", "weight": 1}]}"#,
            "\"zoe\"",
        ),
        (
            r#"{"slots": 4, "tables": 2, "participants": [{"id": "an"}, {"id": "an"}], "candidates": []}"#,
            "\"an\" appears more than once",
        ),
        (
            r#"{"slots": 4, "tables": 2, "participants": [{"id": "an"}, {"id": "bo"}], "candidates": [{"a": "an", "b": "bo", "weight": -1}]}"#,
            "weight -1",
        ),
        (
            r#"{"slots": 4, "tables": 2, "participants": [{"id": "an", "available": [7]}], "candidates": []}"#,
            "available slot 7",
        ),
        (
            r#"{"slots": 4, "tables": 2, "participants": [{"id": "an"}], "candidates": [{"a": "an", "b": "an", "weight": 1}]}"#,
            "itself",
        ),
        (
            r#"{"slots": 4, "tables": 2, "participants": [], "candidates": [], "locked": [{"a": "x", "b": "y", "slot": 0}]}"#,
            "\"x\"",
        ),
        (
            r#"{"slots": 4, "tables": 2, "participants": [{"id": "an"}, {"id": "bo"}], "candidates": [{"a": "an", "b": "bo", "weight": 1, "slots": [1, 4]}]}"#,
            "candidate pair \"an\"–\"bo\": slot 4 is outside 0..3",
        ),
        (
            r#"{"slots": 4, "tables": 2, "participants": [{"id": "an"}, {"id": "bo"}], "candidates": [{"a": "an", "b": "bo", "weight": 1, "slots": []}]}"#,
            "its list of slots is empty",
        ),
        (
            r#"{"slots": 4, "tables": 2, "participants": [{"id": "an"}, {"id": "bo"}], "candidates": [{"a": "an", "b": "bo", "weight": 1, "slots": [0]}], "locked": [{"a": "an", "b": "bo", "slot": 2}]}"#,
            "outside the slots the pair's meeting may take",
        ),
        (
            r#"{"slots": 4, "tables": 2, "participants": [], "candidates": [], "pauses_after": [4]}"#,
            "pauses_after: slot 4",
        ),
        (r#"{"slots": 4, "tables": 2, "participants": [ "#, "line 1"),
        (r#"{"slots": "four", "tables": 2, "participants": [], "candidates": []}"#, "invalid type"),
        (r#"{"slots": 4, "tables": 2, "participants": [], "candidates": [], "colour": 1}"#, "unknown field `colour`"),
    ];
    for (json, expect) in cases {
        let path = dir.path().join("bad.json");
        std::fs::write(&path, json).unwrap();
        let o = ketnoi(dir.path()).args(["schedule", "solve", "--input"]).arg(&path).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{json}: {err}");
        assert!(err.contains(expect), "{json}: {err}");
        assert!(!err.contains("panicked"));
    }
    let o = ketnoi(dir.path()).args(["schedule", "solve", "--input", "missing.json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = ketnoi(dir.path()).args(["schedule", "gen", "--slots", "8", "--pause-after", "8"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--pause-after 8 is outside"));
}

#[test]
fn outbox_commands_end_to_end() {
    let t = TestDb::new();
    let run = |args: &[&str]| {
        let out = ketnoi(t.dir.path())
            .args(args)
            .env("KETNOI_DATABASE_URL", t.url_string())
            .env("KETNOI_DATA_DIR", t.dir.path().join("data"))
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
    };
    let (code, out) = run(&["outbox", "test", "--to", "Lan@Vien.Example.VN", "--locale", "en"]);
    assert_eq!(code, Some(0), "{out}");
    let (_, status) = run(&["outbox", "status"]);
    assert!(status.contains("queued   1"), "{status}");
    let (code, out) = run(&["outbox", "send", "--once"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("sent 1"), "{out}");
    let (_, status) = run(&["outbox", "status"]);
    assert!(status.contains("sent     1") && status.contains("oldest unsent: none"), "{status}");
    let eml: Vec<_> = std::fs::read_dir(t.dir.path().join("data/mail")).unwrap().collect();
    assert_eq!(eml.len(), 1, "written as an .eml file without SMTP");
    let (code, _) = run(&["outbox", "retry", "no-such-id"]);
    assert_eq!(code, Some(2));
    let (code, out) = run(&["outbox", "retry", "--failed"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("0 message(s)"), "{out}");
    let (code, _) = run(&["outbox", "test", "--to", "not an address"]);
    assert_eq!(code, Some(2));
}

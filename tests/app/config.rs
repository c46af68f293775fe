//! Configuration through the real binary: defaults, `ketnoi.toml`, `KETNOI_*`, and errors that
//! name the key with exit code 2.

use std::process::Command;

pub fn ketnoi(dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ketnoi"));
    c.current_dir(dir);
    for (k, _) in std::env::vars() {
        if k.starts_with("KETNOI_") {
            c.env_remove(k);
        }
    }
    c.env("RUST_LOG", "warn");
    c
}

#[test]
fn defaults_without_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = ketnoi(dir.path()).args(["config", "show"]).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("database_url = \"sqlite://data/ketnoi.db\""), "{s}");
    assert!(s.contains("bind = \"127.0.0.1:8080\""), "{s}");
    assert!(s.contains("index_dir = \"data/index\""), "{s}");
    assert!(s.contains("mail_dir = \"data/mail\""), "{s}");
}

#[test]
fn file_then_environment() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ketnoi.toml"), "bind = \"0.0.0.0:9000\"\ndata_dir = \"/srv/ketnoi\"\n").unwrap();
    let out = ketnoi(dir.path()).args(["config", "show"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("bind = \"0.0.0.0:9000\""), "{s}");
    assert!(s.contains("sqlite:///srv/ketnoi/ketnoi.db"), "{s}");
    let out = ketnoi(dir.path()).args(["config", "show"]).env("KETNOI_BIND", "127.0.0.1:7000").output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("bind = \"127.0.0.1:7000\""), "{s}");
}

#[test]
fn secrets_are_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let out = ketnoi(dir.path())
        .args(["config", "show"])
        .env("KETNOI_DATABASE_URL", "postgres://ketnoi:s3cr3t-pw@db.example:5432/ketnoi")
        .env("KETNOI_SMTP_URL", "smtp://mailer:mail-pw@relay.example:587")
        .env("KETNOI_SECRET_KEY", "k".repeat(40))
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(!s.contains("s3cr3t-pw") && !s.contains("mail-pw") && !s.contains(&"k".repeat(40)), "{s}");
    assert!(s.contains("[redacted]"));
}

#[test]
fn invalid_settings_exit_2_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    for (key, value, expect) in [
        ("KETNOI_BIND", "port eighty", "host:port"),
        ("KETNOI_DATABASE_URL", "mysql://x/y", "postgres://"),
        ("KETNOI_BASE_URL", "ketnoi dot vn", "web address"),
        ("KETNOI_SMTP_URL", "http://relay", "smtp://"),
        ("KETNOI_SECRET_KEY", "short", "at least 32"),
    ] {
        for cmd in [&["config", "show"][..], &["serve"][..], &["migrate"][..]] {
            let out = ketnoi(dir.path()).args(cmd).env(key, value).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{key} {cmd:?}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(err.contains(key), "{key}: {err}");
            assert!(err.contains(expect), "{key}: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    std::fs::write(dir.path().join("ketnoi.toml"), "databse_url = \"x\"\n").unwrap();
    let out = ketnoi(dir.path()).args(["config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("databse_url"));
    let out = ketnoi(dir.path()).args(["--config", "missing.toml", "config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

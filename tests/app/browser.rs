//! The pages in a real browser: headless Chromium loads them from the running app, and the test
//! reads the DOM it rendered and its console (a blocked stylesheet or script would show there).
//! Runs when Chromium is installed (or `KETNOI_TEST_CHROMIUM` names it); says loudly when skipped,
//! and fails instead when `KETNOI_REQUIRE_BROWSER=1` (as in `.ci/run`).

use std::path::PathBuf;
use std::process::Command;

use crate::helpers::TestApp;

fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("KETNOI_TEST_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser", "google-chrome"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `url`; returns (stdout, stderr).
fn run(bin: &PathBuf, profile: &std::path::Path, args: &[&str], url: &str) -> (String, String) {
    let out = Command::new(bin)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[tokio::test]
async fn pages_render_in_a_real_browser() {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var("KETNOI_REQUIRE_BROWSER").is_err(),
            "KETNOI_REQUIRE_BROWSER is set but Chromium is missing"
        );
        eprintln!("SKIPPED pages_render_in_a_real_browser: Chromium not found (apt-get install chromium)");
        return;
    };
    let app = TestApp::with_demo().await;
    let offer = ketnoi::domain::OfferId::stable("may-say-nong-san-nang-luong-mat-troi");
    // (page, what it must show, the browser's languages)
    const VI: &str = "vi-VN,vi,en-US;q=0.8";
    const EN: &str = "en-US,en";
    let pages = [
        ("/".to_string(), "Trưng bày sản phẩm KH&amp;CN tiêu biểu", VI),
        ("/offers?q=nuoi+tom".to_string(), "Chế phẩm vi sinh xử lý đáy ao nuôi tôm", VI),
        ("/needs".to_string(), "Kinh phí dự kiến", VI),
        (format!("/offers/{offer}"), "Máy sấy nông sản kết hợp năng lượng mặt trời và bơm nhiệt", VI),
        ("/khong-ton-tai".to_string(), "Không tìm thấy trang", VI),
        // A browser that prefers English gets English without asking…
        ("/".to_string(), "Showcase of typical S&amp;T products", EN),
        (format!("/offers/{offer}"), "Asking price", EN),
        // …until its reader chooses: the choice is a cookie, kept for the next page, and it
        // outranks the browser's languages.
        ("/showcase?lang=vi".to_string(), "Trưng bày sản phẩm KH&amp;CN tiêu biểu", EN),
        ("/needs".to_string(), "Kinh phí dự kiến", EN),
        ("/showcase?lang=en".to_string(), "Showcase of typical S&amp;T products", VI),
        ("/needs".to_string(), "Technology needs", VI),
    ];
    let profile = tempfile::tempdir().unwrap();
    for (path, expected, languages) in pages {
        let url = format!("{}{path}", app.address);
        let (b, p) = (bin.clone(), profile.path().to_path_buf());
        let accept = format!("--accept-lang={languages}");
        let (dom, log) =
            tokio::task::spawn_blocking(move || run(&b, &p, &["--dump-dom", &accept], &url)).await.unwrap();
        assert!(dom.contains(expected), "{path}: {expected:?} not rendered\n{}", &dom[..dom.len().min(2000)]);
        assert!(dom.contains("/static/app.css"), "{path}");
        for blocked in ["Refused to", "Content Security Policy", "Failed to load resource"] {
            let bad: Vec<&str> = log.lines().filter(|l| l.contains(blocked) && !l.contains("favicon")).collect();
            assert!(bad.is_empty(), "{path}: the browser reported {bad:?}");
        }
    }
    let shot = profile.path().join("home.png");
    let url = format!("{}/", app.address);
    let (b, p, s) = (bin.clone(), profile.path().to_path_buf(), shot.clone());
    tokio::task::spawn_blocking(move || {
        run(&b, &p, &["--window-size=390,844", &format!("--screenshot={}", s.display())], &url);
    })
    .await
    .unwrap();
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "phone-sized screenshot of the home page");
}

pub(crate) fn chromedriver() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("KETNOI_TEST_CHROMEDRIVER") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("chromedriver")).find(|p| p.is_file())
}

/// A chromedriver on a free port, stopped when dropped.
pub(crate) struct Driver(std::process::Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) async fn start_driver(bin: &PathBuf) -> (Driver, fantoccini::Client) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver(child, port);
    let mut caps = serde_json::Map::new();
    let mut opts = serde_json::json!({ "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600", "--accept-lang=vi-VN,vi"] });
    if let Some(chrome) = chromium() {
        opts["binary"] = serde_json::Value::String(chrome.display().to_string());
    }
    caps.insert("goog:chromeOptions".into(), opts);
    let url = format!("http://127.0.0.1:{}", driver.1);
    for _ in 0..100 {
        // Plain HTTP to a local driver: no TLS needed.
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match fantoccini::ClientBuilder::new(connector).capabilities(caps.clone()).connect(&url).await {
            Ok(c) => return (driver, c),
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
        }
    }
    panic!("chromedriver did not answer on {url}");
}

/// Registration, the verification link, sign-in and sign-out, driven through real Chromium: the
/// forms, their CSRF tokens, the session cookie and the redirects work in a browser.
#[tokio::test]
async fn register_verify_sign_in_and_out_in_a_real_browser() {
    let Some(bin) = chromedriver() else {
        assert!(
            std::env::var("KETNOI_REQUIRE_BROWSER").is_err(),
            "KETNOI_REQUIRE_BROWSER is set but chromedriver is missing"
        );
        eprintln!(
            "SKIPPED register_verify_sign_in_and_out_in_a_real_browser: chromedriver not found (apt-get install chromium-driver)"
        );
        return;
    };
    use fantoccini::Locator;
    let app = TestApp::spawn().await;
    let (_driver, b) = start_driver(&bin).await;
    let at = |p: &str| format!("{}{p}", app.address);
    b.goto(&at("/register")).await.unwrap();
    for (id, value) in [
        ("register-display_name", "Trần Văn Hùng"),
        ("register-email", "hung@phubai.vn"),
        ("register-password", "hai con mèo trên mái nhà"),
        ("register-name", "Công ty TNHH Cơ khí Phú Bài"),
        ("register-address", "Khu công nghiệp Phú Bài, thành phố Huế"),
    ] {
        b.find(Locator::Id(id)).await.unwrap().send_keys(value).await.unwrap();
    }
    b.find(Locator::Id("register-kind")).await.unwrap().select_by_value("enterprise").await.unwrap();
    b.find(Locator::Id("register-province")).await.unwrap().select_by_value("hue").await.unwrap();
    b.find(Locator::Id("register-accept_terms")).await.unwrap().click().await.unwrap();
    b.find(Locator::Css("#register button[type=submit]")).await.unwrap().click().await.unwrap();
    // Clicks return before the next page loads: wait for what it should show.
    b.wait().for_element(Locator::XPath("//h1[contains(., 'Kiểm tra hộp thư')]")).await.unwrap();
    // The verification link from the email, followed in the browser.
    let mut c = app.db.conn().unwrap();
    use diesel::prelude::*;
    let raw: String = ketnoi::db::schema::outbox::table
        .filter(ketnoi::db::schema::outbox::template.eq("verify-email"))
        .select(ketnoi::db::schema::outbox::message)
        .first(&mut *c)
        .unwrap();
    let text = mail_parser::MessageParser::default().parse(raw.as_bytes()).unwrap().body_text(0).unwrap().to_string();
    let link = text.split_whitespace().find(|w| w.contains("/verify-email?token=")).unwrap().to_string();
    let path = &link[link.find("/verify-email").unwrap()..];
    b.goto(&at(path)).await.unwrap();
    // The link's page changes nothing until its button is pressed (mail scanners open links).
    assert!(b.find(Locator::Css("main")).await.unwrap().text().await.unwrap().contains("Xác nhận địa chỉ email"));
    b.find(Locator::Css("#confirm button[type=submit]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::XPath("//h1[contains(., 'Đã xác nhận email')]")).await.unwrap();
    b.goto(&at("/login")).await.unwrap();
    b.find(Locator::Id("login-email")).await.unwrap().send_keys("hung@phubai.vn").await.unwrap();
    b.find(Locator::Id("login-password")).await.unwrap().send_keys("hai con mèo trên mái nhà").await.unwrap();
    b.find(Locator::Css("#login button[type=submit]")).await.unwrap().click().await.unwrap();
    b.wait().for_url(&url::Url::parse(&at("/account")).unwrap()).await.unwrap();
    let page = b.find(Locator::Css("body")).await.unwrap().text().await.unwrap();
    assert!(page.contains("hung@phubai.vn") && page.contains("Trần Văn Hùng"), "{page}");
    b.find(Locator::Css(".account-nav form button")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css(".account-nav a[href='/login']")).await.unwrap();
    assert_eq!(b.current_url().await.unwrap().path(), "/", "signed out, back home");
    b.close().await.unwrap();
}

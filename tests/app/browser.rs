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
    let pages = [
        ("/".to_string(), "Trưng bày sản phẩm KH&amp;CN tiêu biểu"),
        ("/offers?q=nuoi+tom".to_string(), "Chế phẩm vi sinh xử lý đáy ao nuôi tôm"),
        ("/needs".to_string(), "Kinh phí dự kiến"),
        (format!("/offers/{offer}"), "Máy sấy nông sản kết hợp năng lượng mặt trời và bơm nhiệt"),
        ("/khong-ton-tai".to_string(), "Không tìm thấy trang"),
        // The language choice is a cookie: the browser keeps it for the next page.
        ("/showcase?lang=en".to_string(), "Showcase of typical S&amp;T products"),
        ("/needs".to_string(), "Technology needs"),
    ];
    let profile = tempfile::tempdir().unwrap();
    for (path, expected) in pages {
        let url = format!("{}{path}", app.address);
        let (b, p) = (bin.clone(), profile.path().to_path_buf());
        let (dom, log) = tokio::task::spawn_blocking(move || run(&b, &p, &["--dump-dom"], &url)).await.unwrap();
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

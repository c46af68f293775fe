//! Test fixtures: a database per test on the selected backend, and the app served on port 0.

use diesel::Connection;
use diesel::RunQueryDsl;
use ketnoi::config::{DatabaseUrl, Settings};
use ketnoi::db::Db;
use ketnoi::state::AppState;
use secrecy::{ExposeSecret, SecretString};

/// The PostgreSQL server to test against, if any.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("KETNOI_TEST_POSTGRES_URL").ok().filter(|s| !s.is_empty())
}

/// A database of its own for one test, dropped afterwards.
pub struct TestDb {
    pub url: DatabaseUrl,
    pub dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        match postgres_admin_url() {
            None => {
                let path = dir.path().join("ketnoi.db").to_string_lossy().into_owned();
                Self { url: DatabaseUrl::Sqlite(path), dir, pg: None }
            }
            Some(admin) => {
                let name = format!("ketnoi_test_{}", uuid::Uuid::now_v7().simple());
                let mut conn = diesel::PgConnection::establish(&admin).expect("connect to KETNOI_TEST_POSTGRES_URL");
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).expect("create test database");
                let mut url = url::Url::parse(&admin).expect("postgres url");
                url.set_path(&format!("/{name}"));
                Self { url: DatabaseUrl::Postgres(SecretString::from(url.to_string())), dir, pg: Some((admin, name)) }
            }
        }
    }

    /// The URL as `KETNOI_DATABASE_URL` takes it.
    pub fn url_string(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(p) => format!("sqlite://{p}"),
            DatabaseUrl::Postgres(u) => u.expose_secret().to_string(),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg
            && let Ok(mut conn) = diesel::PgConnection::establish(admin)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn);
        }
    }
}

/// The application running on a random port.
pub struct TestApp {
    pub address: String,
    pub settings: Settings,
    pub client: reqwest::Client,
    pub db: Db,
    /// The state the server runs with (its search index, for tests that apply the change log).
    pub state: AppState,
    /// Kept alive for the test's duration: dropping it removes the database.
    _test_db: TestDb,
}

impl TestApp {
    /// An app over an empty, migrated database.
    pub async fn spawn() -> Self {
        Self::start(false, None).await
    }

    /// An app over the demo data.
    pub async fn with_demo() -> Self {
        Self::start(true, None).await
    }

    /// An app over an empty database that delivers its email to an SMTP server (`smtp://…`).
    pub async fn with_smtp(smtp: &str) -> Self {
        Self::start(false, Some(smtp)).await
    }

    /// An app over the demo data that delivers its email to an SMTP server (`smtp://…`).
    pub async fn with_demo_and_smtp(smtp: &str) -> Self {
        Self::start(true, Some(smtp)).await
    }

    /// The application as `ketnoi serve` builds and runs it (server and background jobs), on a
    /// database and data directory of its own.
    async fn start(demo: bool, smtp: Option<&str>) -> Self {
        let test_db = TestDb::new();
        let mut settings = Settings::for_data_dir(test_db.dir.path(), test_db.url.clone()).expect("settings");
        settings.bind = "127.0.0.1:0".parse().expect("address");
        settings.smtp_url = smtp.map(|u| secrecy::SecretString::from(u.to_string()));
        let app = ketnoi::app::Application::build(settings.clone(), demo, |_, _| {}).expect("build");
        let running = app.start().expect("start");
        let address = format!("http://{}", running.address);
        let state = running.state.clone();
        let db = state.db.clone();
        tokio::spawn(running.server);
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self { address, settings, client, db, state, _test_db: test_db }
    }

    /// Applies the search change log to the index (what the background loop of `serve` does).
    pub fn catch_up(&self) -> usize {
        self.state.search.catch_up(&mut self.db.conn().expect("conn")).expect("catch up")
    }

    /// Runs every background job once, now (by the app's clock).
    pub async fn tick(&self) {
        ketnoi::jobs::tick(&self.state).await.expect("the jobs run");
    }

    /// Moves the app's clock forward.
    pub fn advance(&self, by: chrono::TimeDelta) {
        self.state.clock.advance(by);
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.expect("request")
    }

    /// GET and return (status, body).
    pub async fn text(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        let status = r.status().as_u16();
        (status, r.text().await.expect("body"))
    }

    /// GET and parse JSON.
    pub async fn json(&self, path: &str) -> (u16, serde_json::Value) {
        let r = self.get(path).await;
        let status = r.status().as_u16();
        (status, r.json().await.expect("json body"))
    }
}

/// Says loudly which backend a test binary runs on (once per test; cheap).
pub fn backend_name() -> &'static str {
    if postgres_admin_url().is_some() { "postgres" } else { "sqlite" }
}

// ---------------------------------------------------------------- signed-in clients and fixtures

use diesel::prelude::*;
use ketnoi::db::{self as kdb, schema::outbox};
use ketnoi::domain::*;
use reqwest::StatusCode;
use reqwest::header::{LOCATION, SET_COOKIE};

pub const PASSWORD: &str = "hai con mèo trên mái nhà";

/// A browser: its own cookie jar, no redirects followed.
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub fn new(app: &TestApp) -> Self {
        let client =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Self { client, base: app.address.clone() }
    }

    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self.client.get(format!("{}{path}", self.base)).send().await.unwrap();
        (r.status(), r.text().await.unwrap())
    }

    /// The CSRF token of the page at `path` (the page gives the visitor a session if needed).
    pub async fn csrf(&self, path: &str) -> String {
        let (_, body) = self.get(path).await;
        csrf_in(&body).unwrap_or_else(|| panic!("no CSRF token on {path}"))
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client.post(format!("{}{path}", self.base)).form(form).send().await.unwrap()
    }

    /// Posts a form with the CSRF token of the page at `page`.
    pub async fn submit(&self, page: &str, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf(page).await;
        let mut f = form.to_vec();
        f.push(("csrf_token", &token));
        self.post(path, &f).await
    }

    /// Opens an emailed link's page (which must change nothing and ask for a confirming press)
    /// and presses its button: posts the link's token with the page's CSRF token.
    pub async fn confirm(&self, path: &str) -> reqwest::Response {
        confirm_with(&self.client, &self.base, path).await
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.submit("/login", "/login", &[("email", email), ("password", password)]).await
    }
}

/// [`Browser::confirm`] with any client (a signed-in one, say).
pub async fn confirm_with(client: &reqwest::Client, base: &str, path: &str) -> reqwest::Response {
    let page = client.get(format!("{base}{path}")).send().await.unwrap();
    assert_eq!(page.status(), 200, "{path}");
    let body = page.text().await.unwrap();
    let (action, query) = path.split_once('?').unwrap();
    assert!(body.contains(&format!(r#"action="{action}""#)), "a form posting to {action}: {body}");
    let token = url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "token").unwrap().1.into_owned();
    // The signed token is the proof: no CSRF token is sent.
    client.post(format!("{base}{action}")).form(&[("token", token.as_str())]).send().await.unwrap()
}

pub fn csrf_in(body: &str) -> Option<String> {
    let at = body.find(r#"name="csrf_token" value=""#)? + r#"name="csrf_token" value=""#.len();
    Some(body[at..].split('"').next()?.to_string()).filter(|t| !t.is_empty())
}

pub fn session_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("ketnoi_session="))
        .map(|v| v.split(';').next().unwrap_or("").trim_start_matches("ketnoi_session=").to_string())
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers().get(LOCATION).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

/// The link with `path?token=` in the newest email of `template` to `to`, from the outbox.
pub fn link_in_mail(app: &TestApp, to: &str, template: &str, path: &str) -> String {
    let text = mail_text(app, to, template);
    let start = text.find(&format!("{path}?token=")).unwrap_or_else(|| panic!("no {path} link in: {text}"));
    let begin = text[..start].rfind("http").unwrap();
    text[begin..].split_whitespace().next().unwrap().to_string()
}

pub fn mail_text(app: &TestApp, to: &str, template: &str) -> String {
    let mut c = app.db.conn().unwrap();
    let raw: String = outbox::table
        .filter(outbox::recipient.eq(to))
        .filter(outbox::template.eq(template))
        .order(outbox::created_at.desc())
        .select(outbox::message)
        .first(&mut *c)
        .unwrap_or_else(|_| panic!("no {template} email to {to}"));
    let msg = mail_parser::MessageParser::default().parse(raw.as_bytes()).unwrap();
    msg.body_text(0).unwrap().to_string()
}

pub fn mails_to(app: &TestApp, to: &str) -> Vec<String> {
    let mut c = app.db.conn().unwrap();
    outbox::table.filter(outbox::recipient.eq(to)).select(outbox::template).load(&mut *c).unwrap()
}

/// A user stored directly (the password hash made once per test run: argon2 is slow on purpose).
pub fn user(app: &TestApp, email: &str, role: Role, org: Option<OrganisationId>) -> User {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = HASH.get_or_init(|| password::hash(PASSWORD).unwrap()).clone();
    let now = kdb::now();
    let u = User {
        id: UserId::new(),
        email: Email::parse(email).unwrap(),
        display_name: format!("Người dùng {email}"),
        password_hash: Some(hash),
        role,
        organisation_id: org,
        locale: Locale::Vi,
        email_verified_at: Some(now),
        created_at: now,
        updated_at: now,
    };
    kdb::users::insert(&mut app.db.conn().unwrap(), &u).unwrap();
    u
}

pub fn new_org(app: &TestApp, name: &str, verified: bool) -> Organisation {
    let mut o = crate::db::org(name);
    if !verified {
        o.verified_at = None;
    }
    kdb::organisations::insert(&mut app.db.conn().unwrap(), &o).unwrap();
    o
}

/// A signed-in browser for `u`, with a session made directly in the database.
pub fn signed_in(app: &TestApp, u: &User) -> (reqwest::Client, String) {
    let s = kdb::login_sessions::create(&mut app.db.conn().unwrap(), Some(u.id), "127.0.0.1", "test").unwrap();
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str(&format!("ketnoi_session={}; Path=/", s.token), &app.address.parse().unwrap());
    let client =
        reqwest::Client::builder().cookie_provider(jar).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    (client, s.csrf)
}

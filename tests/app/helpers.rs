//! Test fixtures: a database per test on the selected backend, and the app served on port 0.

use std::net::TcpListener;

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
    /// Kept alive for the test's duration: dropping it removes the database.
    _test_db: TestDb,
}

impl TestApp {
    /// An app over an empty, migrated database.
    pub async fn spawn() -> Self {
        Self::start(false).await
    }

    /// An app over the demo data.
    pub async fn with_demo() -> Self {
        Self::start(true).await
    }

    async fn start(demo: bool) -> Self {
        let test_db = TestDb::new();
        let settings = Settings::for_data_dir(test_db.dir.path(), test_db.url.clone()).expect("settings");
        let db = Db::connect(&settings.database).expect("connect");
        db.migrate().expect("migrate");
        if demo {
            ketnoi::seed::seed_demo(&mut db.conn().expect("conn")).expect("seed");
        }
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = format!("http://{}", listener.local_addr().expect("addr"));
        let server =
            ketnoi::web::server(AppState::new(db.clone(), settings.clone()).expect("state"), listener).expect("server");
        tokio::spawn(server);
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self { address, settings, client, db, _test_db: test_db }
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

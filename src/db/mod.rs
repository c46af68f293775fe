//! Database access for SQLite and PostgreSQL through one diesel `MultiConnection`.
//!
//! The URL scheme picks the backend; both migration sets are embedded in the binary. Query
//! functions live in one module per table, take `&mut AnyConnection` and are called inside
//! transactions by the services; async handlers reach them through [`Db::run`] so that diesel's
//! blocking calls never stall the HTTP workers.

pub mod api_tokens;
pub mod attachments;
pub mod audit;
pub mod centre;
pub mod interests;
mod kind_queries;
pub mod link_grants;
pub mod listings;
pub mod login_sessions;
pub mod needs;
pub mod notification_settings;
pub mod offers;
pub mod organisations;
pub mod outbox;
pub mod rate_limits;
pub mod recommendations;
pub mod schema;
pub mod search_changes;
pub mod sessions;
pub mod users;

use std::time::Duration;

use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{CustomizeConnection, ManageConnection, Pool, PooledConnection, R2D2Connection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use secrecy::ExposeSecret;

use crate::config::DatabaseUrl;

/// A connection to either backend. SQLite comes last: its `establish` accepts any string.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// PostgreSQL, for several nodes.
    Postgresql(diesel::PgConnection),
    /// SQLite, the zero-configuration default.
    Sqlite(diesel::SqliteConnection),
}

/// The backend type of [`AnyConnection`], for boxed queries.
pub type Backend = <AnyConnection as diesel::Connection>::Backend;

/// Migrations for each backend; the two directories hold the same migration names.
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
/// See [`SQLITE_MIGRATIONS`].
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Opens connections for the pool by the configured URL, never by guessing: a PostgreSQL URL
/// whose server is down must fail, not silently create a SQLite file of that name.
#[derive(Debug, Clone)]
pub struct Manager(DatabaseUrl);

impl ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, Self::Error> {
        match &self.0 {
            DatabaseUrl::Sqlite(path) => diesel::SqliteConnection::establish(path).map(AnyConnection::Sqlite),
            DatabaseUrl::Postgres(url) => {
                diesel::PgConnection::establish(url.expose_secret()).map(AnyConnection::Postgresql)
            }
        }
        .map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}

/// Applies the SQLite pragmas every connection needs: enforced foreign keys (off by default in
/// SQLite), a busy timeout instead of instant `SQLITE_BUSY`. WAL (for concurrent readers) is a
/// property of the file, set once by [`Db::connect`]: switching it from several new connections
/// at once fails with "database is locked" whatever the busy timeout.
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<AnyConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut AnyConnection) -> Result<(), diesel::r2d2::Error> {
        if let AnyConnection::Sqlite(c) = conn {
            c.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
                .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// A pooled connection.
pub type Conn = PooledConnection<Manager>;

/// The connection pool shared by the process.
#[derive(Clone)]
pub struct Db {
    pool: Pool<Manager>,
    backend: &'static str,
}

impl Db {
    /// Builds the pool (creating the SQLite file's directory) and checks one connection.
    pub fn connect(url: &DatabaseUrl) -> anyhow::Result<Self> {
        let (max, backend) = match url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(parent) = std::path::Path::new(path).parent()
                    && !parent.as_os_str().is_empty()
                    && !path.starts_with(':')
                {
                    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
                }
                // An in-memory database exists once per connection: keep exactly one.
                let memory = path.contains(":memory:");
                if !memory {
                    let mut c = diesel::SqliteConnection::establish(path)
                        .with_context(|| format!("opening the SQLite file {path}"))?;
                    c.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;")
                        .with_context(|| format!("switching {path} to WAL"))?;
                }
                (if memory { 1 } else { 8 }, "sqlite")
            }
            DatabaseUrl::Postgres(_) => (16, "postgres"),
        };
        let pool = Pool::builder()
            .max_size(max)
            .connection_timeout(Duration::from_secs(10))
            .connection_customizer(Box::new(SqlitePragmas))
            .build(Manager(url.clone()))
            .with_context(|| format!("connecting to {}", url.redacted()))?;
        Ok(Self { pool, backend })
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// A connection from the pool, for blocking code (CLI, background jobs, tests).
    pub fn conn(&self) -> anyhow::Result<Conn> {
        self.pool.get().context("no database connection available")
    }

    /// Runs blocking database work on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> anyhow::Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> anyhow::Result<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::rt::task::spawn_blocking(move || {
            let mut conn = pool.get().context("no database connection available")?;
            f(&mut conn)
        })
        .await
        .context("database task panicked")?
    }

    /// Applies pending migrations; returns the versions applied.
    pub fn migrate(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.conn()?;
        migrate(&mut conn)
    }
}

/// Applies the pending migrations of the connection's backend. On PostgreSQL an advisory lock
/// keeps several nodes starting at once from racing through the same migration.
pub fn migrate(conn: &mut AnyConnection) -> anyhow::Result<Vec<String>> {
    const LOCK: i64 = 0x6b65_746e_6f69;
    let applied = match conn {
        AnyConnection::Sqlite(c) => {
            c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.iter().map(ToString::to_string).collect())
        }
        AnyConnection::Postgresql(c) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({LOCK})")).execute(c)?;
            let result =
                c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.iter().map(ToString::to_string).collect());
            diesel::sql_query(format!("SELECT pg_advisory_unlock({LOCK})")).execute(c)?;
            result
        }
    };
    applied.map_err(|e| anyhow::anyhow!("applying migrations: {e}"))
}

/// Runs `f` in a write transaction. On SQLite the transaction takes the write lock with its first
/// statement, as `BEGIN IMMEDIATE` would: concurrent writers then wait their turn (busy_timeout)
/// instead of one failing with "database is locked" when it upgrades a read lock to write.
/// PostgreSQL needs nothing special.
pub fn write<T, F>(conn: &mut AnyConnection, f: F) -> anyhow::Result<T>
where
    F: FnOnce(&mut AnyConnection) -> anyhow::Result<T>,
{
    conn.transaction::<_, anyhow::Error, _>(|c| {
        if matches!(c, AnyConnection::Sqlite(_)) {
            // A write that changes nothing still opens the write transaction.
            diesel::sql_query("UPDATE __diesel_schema_migrations SET version = version WHERE 0 = 1").execute(c)?;
        }
        f(c)
    })
}

/// Checks that the database answers (for `/healthz`).
pub fn ping(conn: &mut AnyConnection) -> anyhow::Result<()> {
    conn.ping().context("database ping")
}

/// The current time in UTC, truncated to microseconds: both backends store microseconds, so a
/// value read back equals the value written.
pub fn now() -> chrono::NaiveDateTime {
    let t = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(t, chrono::TimeDelta::microseconds(1)).unwrap_or(t)
}

/// One page of results.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Matching rows in all pages.
    pub total: i64,
    /// 1-based page number.
    pub page: i64,
    pub per_page: i64,
}

impl<T> Page<T> {
    /// The same page with every item turned into another.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        }
    }

    /// The number of pages (at least 1).
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }
}

/// Reads a JSON list column; a corrupt value is an error, not an empty list.
pub(crate) fn json_list(text: &str, column: &str) -> anyhow::Result<Vec<String>> {
    serde_json::from_str(text).with_context(|| format!("column {column} holds invalid JSON: {text:?}"))
}

/// Writes a JSON list column.
pub(crate) fn to_json_list<S: AsRef<str>>(items: &[S]) -> String {
    let v: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    serde_json::Value::from(v).to_string()
}

/// Filters of the public list pages and API.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub sector: Option<crate::domain::Sector>,
    pub province: Option<crate::domain::Province>,
    pub organisation: Option<crate::domain::OrganisationId>,
}

//! The application, built one way for `ketnoi serve` and for the tests: migrate the database,
//! make the data directories, load the demo data when asked, open (or rebuild) the search index,
//! bind the listener; then run the HTTP server and the background jobs together.

use std::net::{SocketAddr, TcpListener};

use anyhow::Context;

use crate::config::Settings;
use crate::db::Db;
use crate::seed::SeedReport;
use crate::state::AppState;

/// A built application, ready to start.
pub struct Application {
    pub state: AppState,
    listener: TcpListener,
    /// What `--demo` loaded (with the demo logins), if it was asked.
    pub demo: Option<SeedReport>,
}

/// A started application: its server (await it to serve until a signal stops it) and its jobs.
pub struct Running {
    pub state: AppState,
    pub address: SocketAddr,
    pub server: actix_web::dev::Server,
    pub jobs: Vec<tokio::task::JoinHandle<()>>,
}

impl Application {
    /// Builds the application on `settings` (its `bind` address is listened on; port 0 picks a
    /// free one). `progress` is told how an index rebuild advances.
    pub fn build(settings: Settings, demo: bool, progress: impl FnMut(usize, usize)) -> anyhow::Result<Self> {
        let db = Db::connect(&settings.database)?;
        let applied = db.migrate()?;
        tracing::info!(applied = applied.len(), backend = db.backend(), "database ready");
        for dir in [settings.index_dir(), settings.mail_dir()] {
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let demo = if demo {
            let r = crate::seed::seed_demo(&mut *db.conn()?)?;
            let files = crate::seed::seed_demo_files(&mut *db.conn()?, &settings.files_dir())?;
            tracing::info!(
                organisations = r.organisations,
                offers = r.offers,
                needs = r.needs,
                files,
                "demo data loaded"
            );
            Some(r)
        } else {
            None
        };
        let listener =
            TcpListener::bind(settings.bind).with_context(|| format!("cannot listen on {}", settings.bind))?;
        let state = AppState::with_progress(db, settings, progress)?;
        Ok(Self { state, listener, demo })
    }

    /// The address the server listens on.
    pub fn address(&self) -> anyhow::Result<SocketAddr> {
        self.listener.local_addr().context("reading the bound address")
    }

    /// Starts the HTTP server and the background jobs on the current tokio runtime.
    pub fn start(self) -> anyhow::Result<Running> {
        let address = self.address()?;
        let jobs = crate::jobs::spawn(&self.state)?;
        let server = crate::web::server(self.state.clone(), self.listener).context("starting the HTTP server")?;
        Ok(Running { state: self.state, address, server, jobs })
    }
}

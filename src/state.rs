//! The state every handler receives: no globals, so tests can start several apps side by side.

use std::sync::Arc;

use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::db::Db;
use crate::domain::signed::Signer;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: Db,
    /// The effective settings.
    pub settings: Arc<Settings>,
    /// Signs links and checks them, with the secret key.
    pub signer: Signer,
    /// The search index of this node.
    pub search: Arc<crate::services::search::Search>,
    /// The application's time (tests move it).
    pub clock: crate::services::context::Clock,
}

impl AppState {
    /// Bundles a pool and settings; reads (or creates once) the secret key; opens the search
    /// index (building it from the database when needed).
    pub fn new(db: Db, settings: Settings) -> anyhow::Result<Self> {
        Self::with_progress(db, settings, |_, _| {})
    }

    /// As [`AppState::new`], reporting the progress of an index rebuild.
    pub fn with_progress(db: Db, settings: Settings, progress: impl FnMut(usize, usize)) -> anyhow::Result<Self> {
        let signer = Signer::new(settings.secret_key_or_generate()?.expose_secret());
        let search = crate::services::search::Search::open(&settings.index_dir(), &mut *db.conn()?, progress)?;
        Ok(Self {
            db,
            settings: Arc::new(settings),
            signer,
            search: Arc::new(search),
            clock: crate::services::context::Clock::default(),
        })
    }

    /// What the account operations need.
    pub fn env(&self) -> crate::services::context::Env<'_> {
        crate::services::context::Env { settings: &self.settings, signer: &self.signer, clock: &self.clock }
    }
}

//! The state every handler receives: no globals, so tests can start several apps side by side.

use std::sync::Arc;

use crate::config::Settings;
use crate::db::Db;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: Db,
    /// The effective settings.
    pub settings: Arc<Settings>,
}

impl AppState {
    /// Bundles a pool and settings.
    pub fn new(db: Db, settings: Settings) -> Self {
        Self { db, settings: Arc::new(settings) }
    }
}

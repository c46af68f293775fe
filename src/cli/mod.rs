//! The command line: parsing ([`Cli`]), dispatch, and one module per subcommand. Commands call
//! services (or the application factory), never the database directly.
//!
//! Exit codes: 0 success, 1 a runtime failure (database unreachable, port taken…), 2 bad input
//! (an invalid setting, a malformed argument) — never a panic.

mod admin;
mod import;
mod outbox;
mod recommend;
mod schedule;
mod search;
mod serve;

pub use admin::{AdminAction, StaffRole};
pub use outbox::OutboxAction;
pub use schedule::ScheduleAction;
pub use search::EvalWhat;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{ConfigError, Settings};
use crate::db::Db;

/// ketnoi — sàn giao dịch công nghệ: technology supply–demand exchange.
#[derive(Debug, Parser)]
#[command(name = "ketnoi", version, about, propagate_version = true)]
pub struct Cli {
    /// Configuration file (default: ./ketnoi.toml if present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (applies pending migrations first).
    Serve {
        /// Load the demo data (idempotent) and print the demo logins (staff, admin, member).
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load data sets.
    Seed {
        #[command(subcommand)]
        set: SeedSet,
    },
    /// Inspect the configuration.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Administrative tasks.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
    /// The email outbox: deliver, inspect, retry, test.
    Outbox {
        #[command(subcommand)]
        action: OutboxAction,
    },
    /// Import offers or needs from a CSV or JSON Lines file (optionally .gz): every row is
    /// checked first; nothing is written if one is bad, unless --skip-invalid.
    Import {
        /// `offers` or `needs`.
        #[arg(value_parser = ["offers", "needs"])]
        kind: String,
        /// The file.
        file: PathBuf,
        /// The layout: csv, jsonl, or an adapter for a public corpus (sbir-topics → needs;
        /// sbir-awards, nasa-software, nasa-patents → offers). Default: from the file name.
        #[arg(long, value_enum)]
        format: Option<crate::services::listings::import::Format>,
        /// A listing field from a column, e.g. `--map title=topic_name --map problem=description`.
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        mapping: Vec<String>,
        /// Every row goes to this organisation (id); otherwise by the row's organisation name.
        #[arg(long)]
        org: Option<String>,
        /// Province of rows without one, and of organisations created (default: hue).
        #[arg(long, default_value = "hue")]
        province: String,
        /// Publish at once (trusted sources) instead of leaving drafts.
        #[arg(long)]
        publish: bool,
        /// Import the good rows and report the bad ones.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Rebuild the search index from the database (with `serve` stopped: one writer per index).
    Reindex,
    /// Suggestions: the recommender's lists of offers for needs and needs for offers.
    Match {
        #[command(subcommand)]
        action: recommend::MatchAction,
    },
    /// Evaluate the search engine or the recommender on a BEIR-layout collection.
    Eval {
        #[command(subcommand)]
        what: EvalWhat,
    },
    /// Meeting schedules of a matchmaking session (works on files; needs no database).
    Schedule {
        #[command(subcommand)]
        action: ScheduleAction,
    },
}

/// Data sets `seed` can load.
#[derive(Debug, Subcommand)]
pub enum SeedSet {
    /// The demo organisations, offers, needs and accounts (idempotent).
    Demo,
}

/// `config` actions.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the effective settings, secrets redacted.
    Show,
}

/// A failure and its exit code.
pub(crate) enum Failure {
    Usage(String),
    Runtime(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Self::Runtime(e)
    }
}

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Self {
        Self::Usage(e.to_string())
    }
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    init_tracing();
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("ketnoi: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Runtime(e)) => {
            eprintln!("ketnoi: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    // Scheduling works on files alone: it must not need (or fail on) the configuration.
    let settings = || Settings::load(cli.config.as_deref());
    match cli.command {
        Command::Schedule { action } => schedule::schedule(action),
        Command::Config { action: ConfigAction::Show } => {
            print!("{}", settings()?.show());
            Ok(())
        }
        Command::Migrate => {
            let settings = settings()?;
            let db = Db::connect(&settings.database)?;
            let applied = db.migrate()?;
            println!("{} migration(s) applied on {} ({})", applied.len(), db.backend(), settings.database.redacted());
            Ok(())
        }
        Command::Seed { set: SeedSet::Demo } => {
            let settings = settings()?;
            let db = migrated(&settings)?;
            let r = crate::seed::seed_demo(&mut *db.conn()?)?;
            crate::seed::seed_demo_files(&mut *db.conn()?, &settings.files_dir())?;
            println!(
                "demo data: {} organisation(s), {} offer(s), {} need(s) added{}",
                r.organisations,
                r.offers,
                r.needs,
                if r.is_empty() { " (already present)" } else { "" }
            );
            Ok(())
        }
        Command::Serve { demo } => serve::serve(settings()?, demo),
        Command::Admin { action: AdminAction::CreateUser { email, role, name, password_stdin } } => {
            admin::create_user(&settings()?, &email, role, name, password_stdin)
        }
        Command::Admin { action: AdminAction::CreateToken { email, name } } => {
            admin::create_token(&settings()?, &email, &name)
        }
        Command::Outbox { action } => outbox::outbox(&settings()?, action),
        Command::Reindex => search::reindex(&settings()?),
        Command::Match { action } => recommend::run(&settings()?, action),
        Command::Eval { what } => search::eval(&what),
        Command::Import { kind, file, format, mapping, org, province, publish, skip_invalid } => import::import(
            &settings()?,
            import::ImportArgs { kind, file, format, mapping, org, province, publish, skip_invalid },
        ),
    }
}

/// The pool, with pending migrations applied (every command but `migrate` itself starts so).
pub(crate) fn migrated(settings: &Settings) -> Result<Db, Failure> {
    let db = Db::connect(&settings.database)?;
    let applied = db.migrate()?;
    tracing::info!(applied = applied.len(), backend = db.backend(), "database ready");
    Ok(db)
}

pub(crate) fn read_json<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))
}

pub(crate) fn write_json<T: serde::Serialize>(value: &T, output: Option<&std::path::Path>) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).context("serialising")?;
    match output {
        Some(path) => std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?,
        None => println!("{text}"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_the_documented_commands() {
        for args in [
            vec!["ketnoi", "serve", "--demo"],
            vec!["ketnoi", "migrate"],
            vec!["ketnoi", "seed", "demo"],
            vec!["ketnoi", "config", "show"],
            vec!["ketnoi", "admin", "create-user", "--email", "a@b.vn", "--role", "staff", "--password-stdin"],
            vec!["ketnoi", "schedule", "solve", "--input", "i.json", "--output", "o.json", "--previous", "p.json"],
            vec!["ketnoi", "schedule", "gen", "--seed", "3", "--participants", "500", "--slots", "16"],
            vec!["ketnoi", "outbox", "send", "--once"],
            vec!["ketnoi", "outbox", "status"],
            vec!["ketnoi", "outbox", "retry", "--failed"],
            vec!["ketnoi", "outbox", "retry", "0193"],
            vec!["ketnoi", "outbox", "test", "--to", "a@b.vn", "--locale", "en"],
        ] {
            Cli::try_parse_from(&args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        }
        assert!(
            Cli::try_parse_from(["ketnoi", "admin", "create-user", "--email", "a@b.vn", "--role", "member"]).is_err()
        );
    }
}

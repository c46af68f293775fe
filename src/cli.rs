//! The command line: `serve`, `migrate`, `seed demo`, `config show`, `admin create-user`.
//!
//! Exit codes: 0 success, 1 a runtime failure (database unreachable, port taken…), 2 bad input
//! (an invalid setting, a malformed argument) — never a panic.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{ConfigError, Settings};
use crate::db::{self, Db};
use crate::domain::{Email, Locale, Role, User, UserId, password};

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
    /// Evaluate the search engine on a BEIR-layout collection.
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

/// What `eval` measures.
#[derive(Debug, Subcommand)]
pub enum EvalWhat {
    /// Index a corpus with the production analysis and ranking, run the queries, write a TREC run
    /// and, with judgements, print nDCG@10, MRR@10 and Recall@100 as JSON.
    Search {
        /// `corpus.jsonl` or `corpus.jsonl.gz` (`_id`, `title`, `text`).
        #[arg(long)]
        corpus: PathBuf,
        /// `queries.jsonl` (`_id`, `text`).
        #[arg(long)]
        queries: PathBuf,
        /// `qrels.tsv` (`query-id`, `corpus-id`, `score`).
        #[arg(long)]
        qrels: Option<PathBuf>,
        /// Where to write the TREC run (`qid Q0 docid rank score ketnoi`).
        #[arg(long)]
        run: Option<PathBuf>,
        /// Results per query in the run.
        #[arg(long, default_value_t = 100)]
        top: usize,
    },
}

/// `outbox` actions.
#[derive(Debug, Subcommand)]
pub enum OutboxAction {
    /// Deliver queued email (keeps running; with --once: drain what is due and exit).
    Send {
        #[arg(long)]
        once: bool,
    },
    /// Counts per status, the oldest queued message and the latest errors.
    Status,
    /// Queue a failed message again (by id), or every failed one.
    Retry {
        /// The message id (see `outbox status`).
        #[arg(required_unless_present = "failed", conflicts_with = "failed")]
        id: Option<String>,
        /// Retry every failed message.
        #[arg(long)]
        failed: bool,
    },
    /// Queue a sample message with a sample meeting invitation, to check a relay and calendars.
    Test {
        /// Recipient address.
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "vi", value_parser = ["vi", "en"])]
        locale: String,
    },
}

/// `schedule` actions.
#[derive(Debug, Subcommand)]
pub enum ScheduleAction {
    /// Compute an optimal (or near-optimal, with its gap) schedule for an instance file.
    Solve {
        /// Instance JSON: slots, tables, participants, candidates, locked.
        #[arg(long, value_name = "INSTANCE.json")]
        input: PathBuf,
        /// Where to write the schedule (default: standard output).
        #[arg(long, value_name = "SCHEDULE.json")]
        output: Option<PathBuf>,
        /// A previous schedule: still-valid meetings keep their slot and table.
        #[arg(long, value_name = "SCHEDULE.json")]
        previous: Option<PathBuf>,
        /// Seed of the local search (same input and seed, same schedule).
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Multiplies the local search's iteration budget.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
        effort: u32,
    },
    /// Write a random instance (for tests and benchmarks).
    Gen {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 40)]
        participants: usize,
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=64))]
        slots: u64,
        #[arg(long, default_value_t = 10)]
        tables: usize,
        /// Candidate pairs to draw.
        #[arg(long, default_value_t = 200)]
        pairs: usize,
        /// Pairs between any participants (not need holders × offer holders).
        #[arg(long)]
        general: bool,
        /// Share (0–1) of participants available only in a window of the session.
        #[arg(long, default_value_t = 0.0)]
        windows: f64,
        /// Share (0–1) of participants with a cap on their meetings.
        #[arg(long, default_value_t = 0.0)]
        caps: f64,
        /// Locked meetings to draw.
        #[arg(long, default_value_t = 0)]
        locks: usize,
        /// Where to write the instance (default: standard output).
        #[arg(long)]
        output: Option<PathBuf>,
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

/// Roles `admin create-user` may grant (members join through their organisation).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StaffRole {
    Staff,
    Admin,
}

/// `admin` actions.
#[derive(Debug, Subcommand)]
pub enum AdminAction {
    /// Create a staff or admin account, or reset the password and role of an existing one.
    CreateUser {
        /// Email address (sign-in name).
        #[arg(long)]
        email: String,
        /// Role to grant.
        #[arg(long, value_enum)]
        role: StaffRole,
        /// Display name (default: the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from the first line of standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create a personal API token for an existing account (for its organisation) and print it
    /// once: for scripts and integrations run by the operator.
    CreateToken {
        /// Email address of the account.
        #[arg(long)]
        email: String,
        /// What the token is for (shown on the account page).
        #[arg(long)]
        name: String,
    },
}

/// A failure and its exit code.
enum Failure {
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
        Command::Schedule { action } => schedule(action),
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
            let db = migrated(&settings()?)?;
            let r = crate::seed::seed_demo(&mut *db.conn()?)?;
            println!(
                "demo data: {} organisation(s), {} offer(s), {} need(s) added{}",
                r.organisations,
                r.offers,
                r.needs,
                if r.is_empty() { " (already present)" } else { "" }
            );
            Ok(())
        }
        Command::Serve { demo } => serve(settings()?, demo),
        Command::Admin { action: AdminAction::CreateUser { email, role, name, password_stdin } } => {
            create_user(&settings()?, &email, role, name, password_stdin)
        }
        Command::Admin { action: AdminAction::CreateToken { email, name } } => {
            create_token(&settings()?, &email, &name)
        }
        Command::Outbox { action } => outbox(&settings()?, action),
        Command::Reindex => reindex(&settings()?),
        Command::Eval { what: EvalWhat::Search { corpus, queries, qrels, run, top } } => {
            eval_search(&corpus, &queries, qrels.as_deref(), run.as_deref(), top)
        }
        Command::Import { kind, file, format, mapping, org, province, publish, skip_invalid } => {
            import(&settings()?, ImportArgs { kind, file, format, mapping, org, province, publish, skip_invalid })
        }
    }
}

fn eval_search(
    corpus: &std::path::Path,
    queries: &std::path::Path,
    qrels: Option<&std::path::Path>,
    run_file: Option<&std::path::Path>,
    top: usize,
) -> Result<(), Failure> {
    use ketnoi_index::eval;
    if !(1..=10_000).contains(&top) {
        return Err(Failure::Usage("--top must be from 1 to 10000".into()));
    }
    let started = std::time::Instant::now();
    let (index, docs) = eval::index_corpus(corpus)?;
    let queries = eval::read_queries(queries)?;
    let runs = eval::run(&index, &queries, top)?;
    tracing::info!(docs, queries = queries.len(), seconds = started.elapsed().as_secs_f64(), "evaluated");
    if let Some(path) = run_file {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        eval::write_trec(&mut out, &runs)?;
    }
    if let Some(path) = qrels {
        let metrics = eval::metrics(&runs, &eval::read_qrels(path)?);
        println!("{}", serde_json::to_string(&metrics).map_err(anyhow::Error::from)?);
    } else if run_file.is_none() {
        eval::write_trec(&mut std::io::stdout().lock(), &runs)?;
    }
    Ok(())
}

fn reindex(settings: &Settings) -> Result<(), Failure> {
    let db = migrated(settings)?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("indexing organisations [{bar:40}] {pos}/{len} ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let search = crate::services::search::Search::rebuild(&settings.index_dir(), &mut *db.conn()?, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .context("rebuilding the index (is `ketnoi serve` running on this data directory? stop it first)")?;
    bar.finish_and_clear();
    println!("search index rebuilt: {} listing(s) in {}", search.index.len(), settings.index_dir().display());
    Ok(())
}

struct ImportArgs {
    kind: String,
    file: PathBuf,
    format: Option<crate::services::listings::import::Format>,
    mapping: Vec<String>,
    org: Option<String>,
    province: String,
    publish: bool,
    skip_invalid: bool,
}

fn import(settings: &Settings, a: ImportArgs) -> Result<(), Failure> {
    use crate::domain::ListingKind;
    use crate::services::listings::import::{self, Format, Options};
    let kind = if a.kind == "needs" { ListingKind::Need } else { ListingKind::Offer };
    let format = a
        .format
        .or_else(|| Format::from_path(&a.file))
        .ok_or_else(|| Failure::Usage(format!("{}: say --format (csv, jsonl, sbir-topics, …)", a.file.display())))?;
    if let Some(k) = format.kind()
        && k != kind
    {
        return Err(Failure::Usage(format!("--format {format:?} holds {}s, not {}", k.code(), a.kind)));
    }
    let mapping = a
        .mapping
        .iter()
        .map(|m| {
            m.split_once('=')
                .map(|(t, s)| (t.trim().to_string(), s.trim().to_string()))
                .filter(|(t, _)| crate::services::listings::input::RawListing::FIELDS.contains(&t.as_str()))
                .ok_or_else(|| {
                    Failure::Usage(format!("--map {m}: expected FIELD=COLUMN with a listing field such as title"))
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let province = a.province.parse().map_err(|e| Failure::Usage(format!("--province: {e}")))?;
    let organisation =
        a.org.as_deref().map(str::parse).transpose().map_err(|e| Failure::Usage(format!("--org: {e}")))?;
    let db = migrated(settings)?;
    if let Some(o) = organisation
        && !db::organisations::exists(&mut *db.conn()?, o)?
    {
        return Err(Failure::Usage(format!("--org: no organisation {o}")));
    }
    let opts =
        Options { kind, format, mapping, organisation, province, publish: a.publish, skip_invalid: a.skip_invalid };
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(format!("importing {}", a.kind));
    let report = import::import(&mut *db.conn()?, settings.listing_lifetime(), &a.file, &opts, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if done % 1000 == 0 {
            tracing::info!(done, total, "importing");
        }
    })
    .map_err(|e| match e.downcast::<import::NotVerified>() {
        Ok(refused) => Failure::Usage(format!("--publish --org: {refused}")),
        Err(e) => Failure::Runtime(e),
    })?;
    bar.finish_and_clear();
    for bad in &report.invalid {
        let what = match &bad.unreadable {
            Some(e) => e.clone(),
            None => bad
                .errors
                .iter()
                .map(|e| {
                    let text = crate::web::i18n::t(Locale::En, e.key);
                    format!(
                        "{}: {}",
                        e.field,
                        e.n.map(|n| text.replace("{n}", &n.to_string())).unwrap_or_else(|| text.into())
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
        };
        eprintln!("line {}: {what}", bad.line);
    }
    if !report.written {
        return Err(Failure::Usage(format!(
            "{} of {} row(s) are not valid; nothing was imported (fix them, or use --skip-invalid)",
            report.invalid.len(),
            report.rows
        )));
    }
    println!(
        "{} row(s): {} {} imported, {} already present, {} skipped as invalid, {} organisation(s) created",
        report.rows,
        report.imported,
        a.kind,
        report.existing,
        report.invalid.len(),
        report.organisations_created
    );
    Ok(())
}

/// The pool, with pending migrations applied (every command but `migrate` itself starts so).
fn migrated(settings: &Settings) -> Result<Db, Failure> {
    let db = Db::connect(&settings.database)?;
    let applied = db.migrate()?;
    tracing::info!(applied = applied.len(), backend = db.backend(), "database ready");
    Ok(db)
}

fn serve(settings: Settings, demo: bool) -> Result<(), Failure> {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("building the search index [{bar:40}] {pos}/{len} organisations")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let app = crate::app::Application::build(settings, demo, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    for (role, email, password) in app.demo.iter().flat_map(|r| &r.logins) {
        println!("Demo {role} login: {email} / {password}");
    }
    println!("ketnoi is serving http://{}/ (Ctrl+C to stop)", app.address()?);
    actix_web::rt::System::new().block_on(async move {
        // The background jobs stop with the runtime when the server stops.
        let running = app.start()?;
        running.server.await.context("the HTTP server stopped with an error")
    })?;
    tracing::info!("stopped");
    Ok(())
}

fn outbox(settings: &Settings, action: OutboxAction) -> Result<(), Failure> {
    use crate::db::outbox as rows;
    use crate::mail::outbox::Worker;
    let db = migrated(settings)?;
    match action {
        OutboxAction::Send { once } => {
            actix_web::rt::System::new().block_on(async move {
                // The pooled SMTP transport needs the runtime it will run on.
                let worker = std::sync::Arc::new(Worker::new(db, settings)?);
                if once {
                    let r = worker.drain().await?;
                    println!("sent {}, to retry {}, failed {}", r.sent, r.retried, r.failed);
                    return Ok::<(), anyhow::Error>(());
                }
                println!("delivering email until Ctrl+C");
                tokio::select! {
                    _ = worker.run(crate::jobs::OUTBOX_POLL) => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
                Ok(())
            })?;
            Ok(())
        }
        OutboxAction::Status => {
            let mut c = db.conn()?;
            let counts = rows::counts(&mut c)?;
            for status in [rows::QUEUED, rows::SENDING, rows::SENT, rows::FAILED] {
                let n = counts.iter().find(|(s, _)| s == status).map(|(_, n)| *n).unwrap_or(0);
                println!("{status:<8} {n}");
            }
            match rows::oldest_unsent(&mut c)? {
                Some(t) => println!("oldest unsent: {} (queued {} s ago)", t, (db::now() - t).num_seconds()),
                None => println!("oldest unsent: none"),
            }
            let errors = rows::recent_errors(&mut c, 10)?;
            if !errors.is_empty() {
                println!("latest errors:");
                for r in errors {
                    println!(
                        "  {} {} {} after {} attempt(s): {}",
                        r.id,
                        r.status,
                        r.recipient,
                        r.attempts,
                        r.last_error.unwrap_or_default()
                    );
                }
            }
            Ok(())
        }
        OutboxAction::Retry { id, failed } => {
            let mut c = db.conn()?;
            if failed {
                println!("{} message(s) queued again", rows::retry_failed(&mut c, db::now())?);
                return Ok(());
            }
            let id = id.unwrap_or_default();
            if rows::retry(&mut c, &id, db::now())? {
                println!("{id} queued again");
                Ok(())
            } else {
                Err(Failure::Usage(format!("no unsent message with id {id:?}")))
            }
        }
        OutboxAction::Test { to, locale } => {
            let to = Email::parse(&to).map_err(|e| Failure::Usage(format!("--to: {e}")))?;
            let locale: Locale = locale.parse().map_err(|e| Failure::Usage(format!("--locale: {e}")))?;
            let out = crate::mail::test_email(settings, &to, locale)?;
            let mut c = db.conn()?;
            crate::mail::outbox::enqueue(&mut c, settings, &out)?;
            println!("test message for {to} queued; `ketnoi outbox send --once` delivers it");
            Ok(())
        }
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))
}

fn write_json<T: serde::Serialize>(value: &T, output: Option<&std::path::Path>) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).context("serialising")?;
    match output {
        Some(path) => std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?,
        None => println!("{text}"),
    }
    Ok(())
}

fn schedule(action: ScheduleAction) -> Result<(), Failure> {
    use crate::matching::schedule::{self, Instance, Options, PreviousSchedule, Problem, generate};
    match action {
        ScheduleAction::Solve { input, output, previous, seed, effort } => {
            let inst: Instance = read_json(&input)?;
            let started = std::time::Instant::now();
            let mut problem = Problem::new(&inst).map_err(|e| Failure::Usage(format!("{}: {e}", input.display())))?;
            let kept = match &previous {
                Some(path) => Some(problem.keep_previous(&read_json::<PreviousSchedule>(path)?)),
                None => None,
            };
            let solution = schedule::solve(&problem, Options { seed, effort });
            let out = schedule::output(&problem, &solution, started.elapsed().as_secs_f64(), kept);
            tracing::info!(
                meetings = out.meetings.len(),
                weight = out.total_weight,
                bound = out.upper_bound,
                optimal = out.optimal,
                seconds = out.seconds,
                "schedule solved"
            );
            write_json(&out, output.as_deref())
        }
        ScheduleAction::Gen { seed, participants, slots, tables, pairs, general, windows, caps, locks, output } => {
            if !(0.0..=1.0).contains(&windows) || !(0.0..=1.0).contains(&caps) {
                return Err(Failure::Usage("--windows and --caps are shares between 0 and 1".into()));
            }
            let opts = generate::GenOptions {
                seed,
                participants,
                slots: slots as usize,
                tables,
                pairs,
                general,
                windows,
                caps,
                locks,
            };
            write_json(&generate::generate(&opts), output.as_deref())
        }
    }
}

fn read_password(from_stdin: bool) -> Result<String, Failure> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = rpassword::prompt_password("Password: ")
        .context("reading the password (use --password-stdin without a terminal)")?;
    let again = rpassword::prompt_password("Password again: ").context("reading the password")?;
    if first != again {
        return Err(Failure::Usage("the two passwords differ".into()));
    }
    Ok(first)
}

fn create_token(settings: &Settings, email: &str, name: &str) -> Result<(), Failure> {
    let email = Email::parse(email).map_err(|e| Failure::Usage(format!("--email: {e}")))?;
    let db = migrated(settings)?;
    let mut conn = db.conn()?;
    let user = db::users::by_email(&mut conn, &email)?
        .ok_or_else(|| Failure::Usage(format!("--email: no account {email}")))?;
    match crate::services::tokens::create_token(&mut conn, &user, name)? {
        Ok((_, secret)) => {
            println!("{secret}");
            Ok(())
        }
        Err(errors) => Err(Failure::Usage(format!(
            "--name: {}",
            errors.iter().map(|e| crate::web::i18n::t(Locale::En, e.key)).collect::<Vec<_>>().join("; ")
        ))),
    }
}

fn create_user(
    settings: &Settings,
    email: &str,
    role: StaffRole,
    name: Option<String>,
    password_stdin: bool,
) -> Result<(), Failure> {
    let email = Email::parse(email).map_err(|e| Failure::Usage(format!("--email: {e}")))?;
    let pw = read_password(password_stdin)?;
    password::check_new(&pw).map_err(|rule| Failure::Usage(format!("the password must be {rule}")))?;
    let role = match role {
        StaffRole::Staff => Role::Staff,
        StaffRole::Admin => Role::Admin,
    };
    let hash = password::hash(&pw)?;
    let db = migrated(settings)?;
    let mut conn = db.conn()?;
    let created = db::write(&mut conn, |c| {
        let now = db::now();
        let (user, created) = match db::users::by_email(c, &email)? {
            Some(mut u) => {
                u.password_hash = Some(hash);
                u.role = role;
                u.updated_at = now;
                db::users::set_password_and_role(c, &u)?;
                (u, false)
            }
            None => {
                let u = User {
                    id: UserId::new(),
                    display_name: name
                        .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or_default().to_string()),
                    email: email.clone(),
                    password_hash: Some(hash),
                    role,
                    organisation_id: None,
                    locale: Locale::Vi,
                    email_verified_at: Some(now),
                    created_at: now,
                    updated_at: now,
                };
                db::users::insert(c, &u)?;
                (u, true)
            }
        };
        let action = if created { "user.created" } else { "user.password_reset" };
        db::audit::record(
            c,
            None,
            action,
            "user",
            &user.id.to_string(),
            &serde_json::json!({"role": role.code(), "via": "cli"}),
        )?;
        Ok(created)
    })?;
    println!("{} {} ({})", if created { "created" } else { "updated" }, email, role.code());
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

//! Typed settings: built-in defaults < `ketnoi.toml` < `KETNOI_*` environment variables.
//!
//! The raw layers are merged as strings and then parsed once into [`Settings`]; a bad value stops
//! start-up with a [`ConfigError`] naming the key, its environment variable and the expected form.
//! Secrets (database passwords, SMTP credentials, the cookie key) live in `secrecy` types and are
//! redacted whenever settings are printed.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};

/// Every key a setting may have; the environment variable is `KETNOI_` + the key uppercased.
pub const KEYS: &[&str] = &[
    "database_url",
    "data_dir",
    "bind",
    "base_url",
    "smtp_url",
    "secret_key",
    "mail_from",
    "smtp_rate",
    "mail_max_attempts",
    "trust_forwarded",
    "listing_months",
    "api_token_rate",
    "api_token_failures",
];

/// A setting that could not be accepted.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting `{key}` (environment variable {env}): {message}")]
pub struct ConfigError {
    /// The setting's key, e.g. `bind`.
    pub key: String,
    /// Its environment variable, e.g. `KETNOI_BIND`.
    pub env: String,
    /// What is wrong and the expected form.
    pub message: String,
}

impl ConfigError {
    fn new(key: &str, message: impl Into<String>) -> Self {
        Self { key: key.to_string(), env: format!("KETNOI_{}", key.to_uppercase()), message: message.into() }
    }
}

/// Where the data lives.
#[derive(Debug, Clone)]
pub enum DatabaseUrl {
    /// A SQLite file (or `:memory:`).
    Sqlite(String),
    /// A PostgreSQL URL; it may carry a password, so it is a secret.
    Postgres(SecretString),
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH`, `sqlite:PATH`, a bare path, or `postgres://…`/`postgresql://…`.
    pub fn parse(s: &str) -> Result<Self, ConfigError> {
        let s = s.trim();
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            url::Url::parse(s).map_err(|e| {
                ConfigError::new(
                    "database_url",
                    format!("not a valid PostgreSQL URL ({e}); expected postgres://user:password@host:5432/dbname"),
                )
            })?;
            return Ok(Self::Postgres(SecretString::from(s.to_string())));
        }
        let path = s.strip_prefix("sqlite://").or_else(|| s.strip_prefix("sqlite:")).unwrap_or(s);
        if path.is_empty() || (path.contains("://") && !path.starts_with("file:")) {
            return Err(ConfigError::new(
                "database_url",
                format!(
                    "{s:?} is not supported; expected a SQLite file path (data/ketnoi.db, sqlite://data/ketnoi.db) or postgres://user:password@host:5432/dbname"
                ),
            ));
        }
        Ok(Self::Sqlite(path.to_string()))
    }

    /// The URL with any password replaced, for logs and `config show`.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{path}"),
            Self::Postgres(url) => redact_url(url.expose_secret()),
        }
    }
}

/// Replaces the password of a URL with `***`.
fn redact_url(s: &str) -> String {
    match url::Url::parse(s) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => "[unparseable]".to_string(),
    }
}

/// The effective settings of the process.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The database.
    pub database: DatabaseUrl,
    /// Root of runtime files: the SQLite file, the index, written mail, the generated key.
    pub data_dir: PathBuf,
    /// Address the HTTP server listens on.
    pub bind: SocketAddr,
    /// Public address used in links inside emails and feeds.
    pub base_url: url::Url,
    /// SMTP relay; without it mail is written as `.eml` files under `data_dir/mail`.
    pub smtp_url: Option<SecretString>,
    /// Cookie and token signing key; when absent one is generated under `data_dir` at start-up.
    pub secret_key: Option<SecretString>,
    /// Sender of every email, e.g. `Sàn giao dịch công nghệ <no-reply@ketnoi.example.vn>`.
    pub mail_from: lettre::message::Mailbox,
    /// At most this many messages per minute (relays that impose a limit); none when absent.
    pub smtp_rate: Option<u32>,
    /// Attempts before a message with transient failures is marked failed.
    pub mail_max_attempts: u32,
    /// Take the client address from `Forwarded`/`X-Forwarded-For` (only behind a proxy that sets
    /// them): rate limits then count real clients instead of the proxy.
    pub trust_forwarded: bool,
    /// Months a listing stays published before it expires (its owner can renew it).
    pub listing_months: u32,
    /// API requests allowed per token per minute (default 600; raised for contract test runs).
    pub api_token_rate: u32,
    /// Bad bearer tokens allowed per client address in 10 minutes before the address waits
    /// (default 20).
    pub api_token_failures: u32,
}

impl Settings {
    /// Loads `ketnoi.toml` (or `config_file`) and the process environment.
    pub fn load(config_file: Option<&Path>) -> Result<Self, ConfigError> {
        let env: BTreeMap<String, String> = std::env::vars()
            .filter_map(|(k, v)| {
                let key = k.strip_prefix("KETNOI_")?.to_lowercase();
                KEYS.contains(&key.as_str()).then_some((key, v))
            })
            .collect();
        let file = config_file.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("ketnoi.toml"));
        if config_file.is_some() && !file.exists() {
            return Err(ConfigError::new("config", format!("the file {} does not exist", file.display())));
        }
        let toml = std::fs::read_to_string(&file).unwrap_or_default();
        Self::from_sources(&toml, &env)
    }

    /// Builds settings from the text of a TOML file and a map of environment keys (lowercase, no
    /// prefix) to values. Used by [`Settings::load`] and directly by tests.
    pub fn from_sources(toml: &str, env: &BTreeMap<String, String>) -> Result<Self, ConfigError> {
        let figment = Figment::new().merge(Toml::string(toml)).merge(Serialized::globals(env));
        let raw: BTreeMap<String, figment::value::Value> = figment.extract().map_err(|e| {
            let key = e.path.first().cloned().unwrap_or_else(|| "ketnoi.toml".to_string());
            ConfigError::new(&key, format!("cannot read the configuration: {e}"))
        })?;
        let mut values = BTreeMap::new();
        for (key, value) in raw {
            if !KEYS.contains(&key.as_str()) {
                return Err(ConfigError::new(
                    &key,
                    format!("unknown setting; the known settings are {}", KEYS.join(", ")),
                ));
            }
            let text = match value {
                figment::value::Value::String(_, s) => s,
                figment::value::Value::Num(_, n) => n.to_u128().map(|n| n.to_string()).unwrap_or_default(),
                figment::value::Value::Bool(_, b) => b.to_string(),
                _ => return Err(ConfigError::new(&key, "expected a text value")),
            };
            values.insert(key, text);
        }
        Self::from_values(&values)
    }

    fn from_values(v: &BTreeMap<String, String>) -> Result<Self, ConfigError> {
        let get = |k: &str| v.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
        let data_dir = PathBuf::from(get("data_dir").unwrap_or("data"));
        let database = match get("database_url") {
            Some(url) => DatabaseUrl::parse(url)?,
            None => DatabaseUrl::Sqlite(data_dir.join("ketnoi.db").to_string_lossy().into_owned()),
        };
        let bind: SocketAddr = get("bind").unwrap_or("127.0.0.1:8080").parse().map_err(|_| {
            ConfigError::new(
                "bind",
                format!(
                    "{:?} is not an address; expected host:port such as 127.0.0.1:8080 or 0.0.0.0:80",
                    get("bind").unwrap_or("")
                ),
            )
        })?;
        let base_url = match get("base_url") {
            Some(s) => url::Url::parse(s)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                .ok_or_else(|| {
                    ConfigError::new(
                        "base_url",
                        format!("{s:?} is not a web address; expected e.g. https://ketnoi.example.vn"),
                    )
                })?,
            None => url::Url::parse(&format!("http://{bind}"))
                .map_err(|e| ConfigError::new("base_url", format!("cannot derive it from bind: {e}")))?,
        };
        let smtp_url = match get("smtp_url") {
            Some(s) => {
                let ok =
                    url::Url::parse(s).ok().filter(|u| matches!(u.scheme(), "smtp" | "smtps") && u.host().is_some());
                if ok.is_none() {
                    return Err(ConfigError::new(
                        "smtp_url",
                        "expected smtp://user:password@host:587 (STARTTLS), smtps://user:password@host:465, or smtp://host:25?tls=none",
                    ));
                }
                Some(SecretString::from(s.to_string()))
            }
            None => None,
        };
        let secret_key = match get("secret_key") {
            Some(s) if s.chars().count() < 32 => {
                return Err(ConfigError::new(
                    "secret_key",
                    "too short; expected at least 32 random characters (e.g. from `openssl rand -hex 32`)",
                ));
            }
            Some(s) => Some(SecretString::from(s.to_string())),
            None => None,
        };
        let mail_from = match get("mail_from") {
            Some(s) => s.parse::<lettre::message::Mailbox>().map_err(|e| {
                ConfigError::new("mail_from", format!("{s:?} is not a mailbox ({e}); expected e.g. \"Sàn giao dịch công nghệ <no-reply@ketnoi.example.vn>\""))
            })?,
            None => {
                // An IP address is no mail domain: fall back to localhost for the default sender.
                let host = base_url.domain().filter(|d| d.contains('.')).unwrap_or("localhost");
                format!("Sàn giao dịch công nghệ <no-reply@{host}>")
                    .parse()
                    .map_err(|e| ConfigError::new("mail_from", format!("cannot derive a sender from base_url: {e}")))?
            }
        };
        let number = |key: &str, range: std::ops::RangeInclusive<u32>| -> Result<Option<u32>, ConfigError> {
            get(key)
                .map(|s| {
                    s.parse::<u32>().ok().filter(|n| range.contains(n)).ok_or_else(|| {
                        ConfigError::new(
                            key,
                            format!("{s:?} is not a whole number from {} to {}", range.start(), range.end()),
                        )
                    })
                })
                .transpose()
        };
        let smtp_rate = number("smtp_rate", 1..=100_000)?;
        let mail_max_attempts = number("mail_max_attempts", 1..=100)?.unwrap_or(8);
        let listing_months = number("listing_months", 1..=120)?.unwrap_or(12);
        let api_token_rate = number("api_token_rate", 1..=1_000_000)?.unwrap_or(600);
        let api_token_failures = number("api_token_failures", 1..=1_000_000)?.unwrap_or(20);
        let trust_forwarded = match get("trust_forwarded").map(str::to_ascii_lowercase).as_deref() {
            None | Some("false" | "0" | "no") => false,
            Some("true" | "1" | "yes") => true,
            Some(other) => {
                return Err(ConfigError::new("trust_forwarded", format!("{other:?} is not true or false")));
            }
        };
        Ok(Self {
            database,
            data_dir,
            bind,
            base_url,
            smtp_url,
            secret_key,
            mail_from,
            smtp_rate,
            mail_max_attempts,
            trust_forwarded,
            listing_months,
            api_token_rate,
            api_token_failures,
        })
    }

    /// Settings for a given data directory and database, everything else default (tests, tools).
    pub fn for_data_dir(data_dir: &Path, database: DatabaseUrl) -> Result<Self, ConfigError> {
        let mut values = BTreeMap::new();
        values.insert("data_dir".to_string(), data_dir.to_string_lossy().into_owned());
        Ok(Self { database, ..Self::from_values(&values)? })
    }

    /// How long a published listing lives.
    pub fn listing_lifetime(&self) -> chrono::TimeDelta {
        chrono::TimeDelta::days(i64::from(self.listing_months) * 365 / 12)
    }

    /// Where attachments are stored.
    pub fn files_dir(&self) -> PathBuf {
        self.data_dir.join("files")
    }

    /// Where the search index lives.
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }

    /// Where mail is written when no SMTP relay is configured.
    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }

    /// The signing key: the configured one, or one generated once and kept in `data_dir/secret.key`.
    pub fn secret_key_or_generate(&self) -> anyhow::Result<SecretString> {
        if let Some(k) = &self.secret_key {
            return Ok(k.clone());
        }
        let path = self.data_dir.join("secret.key");
        if let Ok(existing) = std::fs::read_to_string(&path)
            && existing.trim().len() >= 32
        {
            return Ok(SecretString::from(existing.trim().to_string()));
        }
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no system randomness: {e}"))?;
        let key: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        std::fs::create_dir_all(&self.data_dir)?;
        std::fs::write(&path, &key)?;
        restrict_permissions(&path);
        Ok(SecretString::from(key))
    }

    /// The effective settings as TOML, secrets redacted.
    pub fn show(&self) -> String {
        let redact = |s: &Option<SecretString>, unset: &str| match s {
            Some(_) => "\"[redacted]\"".to_string(),
            None => format!("\"\" # {unset}"),
        };
        let smtp = match &self.smtp_url {
            Some(u) => format!("{:?}", redact_url(u.expose_secret())),
            None => format!("\"\" # not set: mail is written as .eml files under {}", self.mail_dir().display()),
        };
        format!(
            "database_url = {:?}\ndata_dir = {:?}\nbind = \"{}\"\nbase_url = \"{}\"\nsmtp_url = {}\nsecret_key = {}\nmail_from = {:?}\nsmtp_rate = {}\nmail_max_attempts = {}\ntrust_forwarded = {}\nlisting_months = {}\napi_token_rate = {}\napi_token_failures = {}\n# derived\nindex_dir = {:?}\nmail_dir = {:?}\n",
            self.database.redacted(),
            self.data_dir.display().to_string(),
            self.bind,
            self.base_url,
            smtp,
            redact(&self.secret_key, &format!("not set: generated in {}", self.data_dir.join("secret.key").display())),
            self.mail_from.to_string(),
            self.smtp_rate.map(|r| r.to_string()).unwrap_or_else(|| "\"\" # no limit".into()),
            self.mail_max_attempts,
            self.trust_forwarded,
            self.listing_months,
            self.api_token_rate,
            self.api_token_failures,
            self.index_dir().display().to_string(),
            self.mail_dir().display().to_string(),
        )
    }
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // Best effort: a key readable by other local users would let them forge sessions.
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_need_no_file() {
        let s = Settings::from_sources("", &BTreeMap::new()).unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.database.redacted(), "sqlite://data/ketnoi.db");
        assert_eq!(s.index_dir(), PathBuf::from("data/index"));
        assert_eq!(s.mail_dir(), PathBuf::from("data/mail"));
        assert_eq!(s.base_url.as_str(), "http://127.0.0.1:8080/");
    }

    #[test]
    fn env_overrides_file() {
        let s = Settings::from_sources(
            "bind = \"0.0.0.0:9000\"\ndata_dir = \"/srv/k\"",
            &env(&[("bind", "127.0.0.1:7000")]),
        )
        .unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:7000");
        assert_eq!(s.data_dir, PathBuf::from("/srv/k"));
        assert_eq!(s.database.redacted(), "sqlite:///srv/k/ketnoi.db");
    }

    #[test]
    fn errors_name_the_key() {
        let e = Settings::from_sources("", &env(&[("bind", "eight thousand")])).unwrap_err();
        assert_eq!(e.env, "KETNOI_BIND");
        assert!(e.message.contains("host:port"));
        let e = Settings::from_sources("", &env(&[("database_url", "mysql://x/y")])).unwrap_err();
        assert_eq!(e.key, "database_url");
        let e = Settings::from_sources("", &env(&[("secret_key", "short")])).unwrap_err();
        assert_eq!(e.key, "secret_key");
        let e = Settings::from_sources("", &env(&[("smtp_url", "http://x")])).unwrap_err();
        assert_eq!(e.key, "smtp_url");
        let e = Settings::from_sources("", &env(&[("base_url", "not a url")])).unwrap_err();
        assert_eq!(e.key, "base_url");
        let e = Settings::from_sources("", &env(&[("mail_from", "nobody")])).unwrap_err();
        assert_eq!(e.key, "mail_from");
        let e = Settings::from_sources("", &env(&[("smtp_rate", "0")])).unwrap_err();
        assert_eq!(e.key, "smtp_rate");
        let e = Settings::from_sources("", &env(&[("mail_max_attempts", "many")])).unwrap_err();
        assert_eq!(e.key, "mail_max_attempts");
        let e = Settings::from_sources("", &env(&[("trust_forwarded", "sometimes")])).unwrap_err();
        assert_eq!(e.key, "trust_forwarded");
        assert!(Settings::from_sources("trust_forwarded = true", &BTreeMap::new()).unwrap().trust_forwarded);
        assert!(!Settings::from_sources("", &env(&[("trust_forwarded", "no")])).unwrap().trust_forwarded);
        let e = Settings::from_sources("databse_url = \"x\"", &BTreeMap::new()).unwrap_err();
        assert_eq!(e.key, "databse_url");
        let e = Settings::from_sources("bind = [", &BTreeMap::new()).unwrap_err();
        assert!(e.to_string().contains("cannot read"), "{e}");
    }

    #[test]
    fn secrets_are_redacted() {
        let s = Settings::from_sources(
            "",
            &env(&[
                ("database_url", "postgres://ketnoi:hunter2hunter2@db:5432/ketnoi"),
                ("smtp_url", "smtp://mailer:pa55word@relay.example.vn:587"),
                ("secret_key", "0123456789abcdef0123456789abcdef"),
            ]),
        )
        .unwrap();
        let shown = s.show();
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("pa55word"), "{shown}");
        assert!(!shown.contains("0123456789abcdef"), "{shown}");
        assert!(shown.contains("postgres://ketnoi:***@db:5432/ketnoi"), "{shown}");
    }

    #[test]
    fn generated_key_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings::for_data_dir(dir.path(), DatabaseUrl::Sqlite(":memory:".into())).unwrap();
        let a = s.secret_key_or_generate().unwrap();
        let b = s.secret_key_or_generate().unwrap();
        assert_eq!(a.expose_secret(), b.expose_secret());
        assert_eq!(a.expose_secret().len(), 64);
    }
}

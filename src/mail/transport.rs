//! Where messages go: a pooled async SMTP transport from `KETNOI_SMTP_URL` (one per process), or
//! `.eml` files under `data/mail/` when no relay is configured.
//!
//! `smtp://user:pass@host:587` uses STARTTLS (required), `smtps://…:465` implicit TLS, and
//! `smtp://host:25?tls=none` a plain connection to a local relay.

use std::time::Duration;

use anyhow::Context;
use lettre::address::Envelope;
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::Settings;

/// A delivery failure, classified for the retry policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    /// A 5xx refusal: retrying will not help.
    pub permanent: bool,
    /// What happened, with the server's reply when there was one.
    pub message: String,
}

/// The process's transport.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Transport {
    /// Builds the transport the settings ask for.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        match &settings.smtp_url {
            None => {
                let dir = settings.mail_dir();
                std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
                Ok(Self::Files(AsyncFileTransport::<Tokio1Executor>::new(dir)))
            }
            Some(url) => Self::smtp(url.expose_secret()),
        }
    }

    /// A pooled SMTP transport from an `smtp://` or `smtps://` URL.
    pub fn smtp(url: &str) -> anyhow::Result<Self> {
        let u = url::Url::parse(url).context("KETNOI_SMTP_URL is not a URL")?;
        let host = u.host_str().context("KETNOI_SMTP_URL has no host")?.to_string();
        let tls = u.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v.into_owned());
        let builder = match (u.scheme(), tls.as_deref()) {
            ("smtps", _) => AsyncSmtpTransport::<Tokio1Executor>::relay(&host)?.port(u.port().unwrap_or(465)),
            ("smtp", Some("none")) => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host).port(u.port().unwrap_or(25))
            }
            ("smtp", _) => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&host)?.port(u.port().unwrap_or(587)),
            (other, _) => anyhow::bail!("unsupported mail scheme {other:?}"),
        };
        let mut builder = builder.timeout(Some(Duration::from_secs(30))).pool_config(PoolConfig::new().max_size(32));
        if !u.username().is_empty() {
            let decode = |s: &str| percent_decode(s);
            builder =
                builder.credentials(Credentials::new(decode(u.username()), decode(u.password().unwrap_or_default())));
        }
        Ok(Self::Smtp(builder.build()))
    }

    /// Sends an already formatted message.
    pub async fn send_raw(&self, envelope: &Envelope, message: &[u8]) -> Result<(), SendError> {
        match self {
            Self::Smtp(t) => t
                .send_raw(envelope, message)
                .await
                .map(|_| ())
                .map_err(|e| SendError { permanent: e.is_permanent(), message: e.to_string() }),
            Self::Files(t) => t
                .send_raw(envelope, message)
                .await
                .map(|_| ())
                .map_err(|e| SendError { permanent: false, message: format!("writing the .eml file: {e}") }),
        }
    }
}

/// Percent-decodes URL user info (passwords often contain reserved characters).
fn percent_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_credentials() {
        assert_eq!(percent_decode("p%40ss%3Aw%2Fd"), "p@ss:w/d");
        assert_eq!(percent_decode("plain"), "plain");
        assert_eq!(percent_decode("bad%zz"), "bad%zz");
    }

    #[tokio::test]
    async fn schemes() {
        assert!(Transport::smtp("smtp://u:p@relay.example.vn:587").is_ok());
        assert!(Transport::smtp("smtps://relay.example.vn").is_ok());
        assert!(Transport::smtp("smtp://127.0.0.1:2525?tls=none").is_ok());
        assert!(Transport::smtp("http://relay.example.vn").is_err());
    }
}

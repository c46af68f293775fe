//! Secrets handed to people: signed, expiring links (email verification, password reset, email
//! change, invitations) and random tokens that are stored only as their SHA-256 (sessions, API
//! tokens). HMAC-SHA256 with the configured secret key; the purpose is part of what is signed, so
//! a link made for one purpose is worthless for another.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
    Invite,
    RenewListing,
    /// Answering an expression of interest from the owner's email.
    AnswerInterest,
    /// Leaving a kind of non-transactional email in one click (RFC 8058).
    Unsubscribe,
    /// A participant's agenda of a matchmaking session: read it, download its calendar, confirm
    /// or decline its meetings, without signing in.
    Agenda,
    /// A participant's arrival at a matchmaking session (the agenda's QR code).
    CheckIn,
    /// A participant's report of what its meetings led to (the day's feedback, the follow-ups).
    Feedback,
    /// The cookie that lets a visitor without a session post the sign-in, registration and
    /// reset forms (see `web::auth`).
    VisitorForm,
}

impl Purpose {
    fn tag(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify-email",
            Self::ResetPassword => "reset-password",
            Self::ChangeEmail => "change-email",
            Self::Invite => "invite",
            Self::RenewListing => "renew-listing",
            Self::AnswerInterest => "answer-interest",
            Self::Unsubscribe => "unsubscribe",
            Self::Agenda => "agenda",
            Self::CheckIn => "check-in",
            Self::Feedback => "feedback",
            Self::VisitorForm => "visitor-form",
        }
    }
}

/// What a link says: about whom (`sub`), one more value (`extra`: an email, a fingerprint), until
/// when (`exp`, Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Claims {
    pub sub: String,
    pub extra: String,
    pub exp: i64,
}

/// Why a link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the link has expired")]
    Expired,
    #[error("the link is not valid")]
    Invalid,
}

/// Signs and checks links with the process's secret key.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer([redacted])")
    }
}

impl Signer {
    /// A signer over the secret key's bytes.
    pub fn new(secret: &str) -> Self {
        Self { key: secret.as_bytes().to_vec() }
    }

    /// HMAC keyed with the secret. HMAC accepts keys of any length, so the fallback (an empty
    /// key) is unreachable; it only spares an `expect`.
    fn keyed(&self) -> Hmac<Sha256> {
        Hmac::<Sha256>::new_from_slice(&self.key)
            .or_else(|_| Hmac::<Sha256>::new_from_slice(&[]))
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"))
    }

    fn mac(&self, purpose: Purpose, payload: &str) -> Hmac<Sha256> {
        let mut mac = self.keyed();
        mac.update(purpose.tag().as_bytes());
        mac.update(b".");
        mac.update(payload.as_bytes());
        mac
    }

    /// A URL-safe token carrying `claims`.
    pub fn sign(&self, purpose: Purpose, claims: &Claims) -> String {
        let payload = B64.encode(serde_json::to_vec(claims).unwrap_or_default());
        let sig = B64.encode(self.mac(purpose, &payload).finalize().into_bytes());
        format!("{payload}.{sig}")
    }

    /// The claims of a token made by [`Signer::sign`] for `purpose`, if untampered and not expired
    /// at `now` (Unix seconds).
    pub fn verify(&self, purpose: Purpose, token: &str, now: i64) -> Result<Claims, LinkError> {
        let (payload, sig) = token.trim().split_once('.').ok_or(LinkError::Invalid)?;
        let sig = B64.decode(sig).map_err(|_| LinkError::Invalid)?;
        self.mac(purpose, payload).verify_slice(&sig).map_err(|_| LinkError::Invalid)?;
        let bytes = B64.decode(payload).map_err(|_| LinkError::Invalid)?;
        let claims: Claims = serde_json::from_slice(&bytes).map_err(|_| LinkError::Invalid)?;
        if claims.exp < now {
            return Err(LinkError::Expired);
        }
        Ok(claims)
    }

    /// A short keyed fingerprint of a stored value (e.g. the password hash), put in reset links so
    /// that a link stops working once it has been used.
    pub fn fingerprint(&self, value: &str) -> String {
        let mut mac = self.keyed();
        mac.update(b"fingerprint.");
        mac.update(value.as_bytes());
        B64.encode(&mac.finalize().into_bytes()[..12])
    }
}

/// A fresh random token of 32 bytes, URL-safe.
pub fn random_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no system randomness: {e}"))?;
    Ok(B64.encode(bytes))
}

/// How a token is stored: its SHA-256 in hex. A database leak then yields nothing usable.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> Claims {
        Claims { sub: "u1".into(), extra: "a@b.vn".into(), exp }
    }

    #[test]
    fn round_trip_expiry_tampering_and_purpose() {
        let s = Signer::new("0123456789abcdef0123456789abcdef");
        let t = s.sign(Purpose::VerifyEmail, &claims(100));
        assert_eq!(s.verify(Purpose::VerifyEmail, &t, 99), Ok(claims(100)));
        assert_eq!(s.verify(Purpose::VerifyEmail, &t, 101), Err(LinkError::Expired));
        assert_eq!(s.verify(Purpose::ResetPassword, &t, 99), Err(LinkError::Invalid));
        let other = Signer::new("another key of at least thirty-two chars");
        assert_eq!(other.verify(Purpose::VerifyEmail, &t, 99), Err(LinkError::Invalid));
        // A forged payload with the old signature.
        let (_, sig) = t.split_once('.').unwrap();
        let forged = format!("{}.{sig}", B64.encode(serde_json::to_vec(&claims(10_000)).unwrap()));
        assert_eq!(s.verify(Purpose::VerifyEmail, &forged, 99), Err(LinkError::Invalid));
        assert_eq!(s.verify(Purpose::VerifyEmail, "garbage", 99), Err(LinkError::Invalid));
    }

    #[test]
    fn tokens_hash_and_compare() {
        let a = random_token().unwrap();
        assert_eq!(a.len(), 43);
        assert_ne!(a, random_token().unwrap());
        assert_eq!(token_hash("abc").len(), 64);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, "x"));
    }
}

//! Password hashing with argon2id and the minimum rules for a new password.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Passwords too common to accept whatever their length.
const COMMON: &[&str] = &[
    "password",
    "password1",
    "password123",
    "123456789",
    "1234567890",
    "12345678",
    "qwertyuiop",
    "iloveyou",
    "matkhau123",
    "matkhau",
    "abc123456",
    "123456abc",
    "admin12345",
    "administrator",
    "11111111",
    "00000000",
    "88888888",
    "vietnam123",
    "ketnoi123",
    "changeme123",
];

/// Checks the rules for a new password; the message names what is wrong.
pub fn check_new(password: &str) -> Result<(), &'static str> {
    let n = password.chars().count();
    if n < 10 {
        return Err("at least 10 characters");
    }
    if n > 200 {
        return Err("at most 200 characters");
    }
    if COMMON.contains(&password.to_lowercase().as_str()) {
        return Err("not one of the most common passwords");
    }
    Ok(())
}

/// Hashes with argon2id and a fresh random salt, as a PHC string.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let hash = Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("hashing the password: {e}"))?;
    Ok(hash.to_string())
}

/// True when `password` matches the stored PHC string.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash("một mật khẩu dài").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("một mật khẩu dài", &h));
        assert!(!verify("sai mật khẩu", &h));
        assert!(!verify("x", "not a hash"));
    }

    #[test]
    fn rules() {
        assert!(check_new("short").is_err());
        assert!(check_new("Password123").is_err());
        assert!(check_new("hai con mèo trên mái nhà").is_ok());
    }
}

//! Password hashing with argon2id and the minimum rules for a new password.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Passwords (and, with trailing digits stripped, their bases) too common to accept whatever their
/// length: the long entries of the public most-used-password lists, keyboard walks, and the
/// Vietnamese favourites. Anything shorter than [`MIN_CHARS`] is refused anyway.
const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "p@ssword",
    "p@ssw0rd",
    "qwerty",
    "qwertyuiop",
    "qwertyuiop[]",
    "asdfghjkl",
    "asdfghjkl;",
    "zxcvbnm",
    "zxcvbnm,./",
    "1q2w3e4r5t",
    "1q2w3e4r5t6y",
    "1qaz2wsx",
    "1qaz2wsx3edc",
    "qazwsxedc",
    "qazwsxedcrfv",
    "q1w2e3r4t5",
    "a1b2c3d4e5",
    "abc",
    "abcd",
    "abcde",
    "abcdef",
    "abcdefgh",
    "abcdefghij",
    "abc123",
    "aa",
    "aaa",
    "iloveyou",
    "iloveu",
    "loveyou",
    "admin",
    "administrator",
    "root",
    "welcome",
    "letmein",
    "trustno1",
    "changeme",
    "default",
    "guest",
    "login",
    "master",
    "dragon",
    "monkey",
    "shadow",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "superman",
    "batman",
    "michael",
    "jennifer",
    "starwars",
    "whatever",
    "freedom",
    "computer",
    "internet",
    "samsung",
    "iphone",
    "google",
    "facebook",
    "zalo",
    "matkhau",
    "matkhaumoi",
    "anhyeuem",
    "emyeuanh",
    "yeuem",
    "yeuanh",
    "vietnam",
    "vietnamvodich",
    "hanoi",
    "saigon",
    "hochiminh",
    "danang",
    "hue",
    "nguyen",
    "tran",
    "admin@",
    "ketnoi",
    "12345678910",
    "1234567890",
    "0123456789",
    "0987654321",
    "9876543210",
    "1122334455",
    "1234512345",
    "123123123",
    "123321123321",
    "147258369",
    "159753",
    "789456123",
    "741852963",
    "987654321",
    "112233",
    "121212",
    "123qwe",
    "123qweasd",
    "123qweasdzxc",
    "qwe123",
    "qwerty123",
    "asd123",
    "zaq12wsx",
];

/// The shortest password accepted.
pub const MIN_CHARS: usize = 10;
/// The longest (argon2 hashes anything, but a bound keeps requests small).
pub const MAX_CHARS: usize = 200;

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Weak {
    #[error("at least {0} characters")]
    TooShort(usize),
    #[error("at most {0} characters")]
    TooLong(usize),
    #[error("not one of the most common passwords")]
    Common,
}

/// Checks the rules for a new password.
pub fn check_new(password: &str) -> Result<(), Weak> {
    let n = password.chars().count();
    if n < MIN_CHARS {
        return Err(Weak::TooShort(MIN_CHARS));
    }
    if n > MAX_CHARS {
        return Err(Weak::TooLong(MAX_CHARS));
    }
    let lower = password.to_lowercase();
    // A common password padded with digits or repeated characters is just as common.
    let core = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == '!');
    let one_char = lower.chars().all(|c| lower.starts_with(c));
    if one_char || COMMON.contains(&lower.as_str()) || (core.len() >= 4 && COMMON.contains(&core)) {
        return Err(Weak::Common);
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
        assert!(check_new("iloveyou2026").is_err());
        assert!(check_new("aaaaaaaaaaaa").is_err());
        assert!(check_new("Matkhau12345").is_err());
        assert!(check_new("short").is_err());
        assert!(check_new("Password123").is_err());
        assert!(check_new("hai con mèo trên mái nhà").is_ok());
    }
}

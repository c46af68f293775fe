//! `ketnoi admin`: staff accounts and API tokens for the operator.

use std::io::BufRead;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};

use super::{Failure, migrated};
use crate::config::Settings;
use crate::domain::{Email, Locale, Role, password};

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

pub(super) fn read_password(from_stdin: bool) -> Result<String, Failure> {
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

pub(super) fn create_token(settings: &Settings, email: &str, name: &str) -> Result<(), Failure> {
    let email = Email::parse(email).map_err(|e| Failure::Usage(format!("--email: {e}")))?;
    let db = migrated(settings)?;
    match crate::services::tokens::create_for(&mut *db.conn()?, &email, name)? {
        Ok((_, secret)) => {
            println!("{secret}");
            Ok(())
        }
        Err(errors) => Err(Failure::Usage(
            errors
                .iter()
                .map(|e| format!("--{}: {}", if e.field == "email" { "email" } else { "name" }, e.message(Locale::En)))
                .collect::<Vec<_>>()
                .join("; "),
        )),
    }
}

pub(super) fn create_user(
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
    let created = crate::services::staff::create_staff_user(&mut *db.conn()?, &email, role, name, hash)?;
    println!("{} {} ({})", if created { "created" } else { "updated" }, email, role.code());
    Ok(())
}

//! Queries on `notification_settings`: who asked for the weekly digest.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::notification_settings;

/// Whether `user` receives the weekly digest (no row: no).
pub fn digest(conn: &mut AnyConnection, user: &str) -> anyhow::Result<bool> {
    Ok(notification_settings::table
        .find(user)
        .select(notification_settings::digest)
        .first(conn)
        .optional()?
        .unwrap_or(false))
}

/// Sets the weekly digest on or off for `user`.
pub fn set_digest(conn: &mut AnyConnection, user: &str, on: bool, at: NaiveDateTime) -> anyhow::Result<()> {
    let n = diesel::update(notification_settings::table.find(user))
        .set((notification_settings::digest.eq(on), notification_settings::updated_at.eq(at)))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(notification_settings::table)
            .values((
                notification_settings::user_id.eq(user),
                notification_settings::digest.eq(on),
                notification_settings::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Everyone who asked for the digest.
pub fn digest_readers(conn: &mut AnyConnection) -> anyhow::Result<Vec<String>> {
    Ok(notification_settings::table
        .filter(notification_settings::digest.eq(true))
        .select(notification_settings::user_id)
        .order(notification_settings::user_id.asc())
        .load(conn)?)
}

//! The weekly digest and the choice of non-transactional email: a member who asks for it gets,
//! once a week, the listings published in the last seven days that the recommender suggests for
//! their organisation's own listings. Every digest carries a one-click unsubscribe (RFC 8058:
//! `List-Unsubscribe` and `List-Unsubscribe-Post`, a signed token that a POST alone honours), and
//! `/account/notifications` switches it on and off.

use chrono::{Datelike, NaiveDateTime, TimeDelta};

use super::context::Env;
use crate::db::{self, AnyConnection};
use crate::domain::signed::{LinkError, Purpose};
use crate::domain::{ListingKind, ListingStatus, User, UserId};
use crate::mail::templates::{DigestItem, WeeklyDigest};

/// New listings of this many days make a digest.
pub const WINDOW: TimeDelta = TimeDelta::days(7);
/// At most this many listings in one digest.
pub const ITEMS: usize = 10;
/// How long an unsubscribe link works (longer than any email stays unread).
const LINK_LIFE: TimeDelta = TimeDelta::days(365);

/// Whether `user` asked for the weekly digest.
pub fn wants_digest(conn: &mut AnyConnection, user: &User) -> anyhow::Result<bool> {
    db::notification_settings::digest(conn, &user.id.to_string())
}

/// Switches the weekly digest on or off.
pub fn set_digest(conn: &mut AnyConnection, user: &User, on: bool, now: NaiveDateTime) -> anyhow::Result<()> {
    db::write(conn, |conn| {
        db::notification_settings::set_digest(conn, &user.id.to_string(), on, now)?;
        let detail = serde_json::json!({ "digest": on });
        db::audit::record(conn, Some(user.id), "notifications.changed", "user", &user.id.to_string(), &detail)?;
        Ok(())
    })
}

/// The one-click unsubscribe address of `user`'s digests.
pub fn unsubscribe_link(env: Env, user: UserId) -> String {
    env.link("/unsubscribe", &env.sign(Purpose::Unsubscribe, &user.to_string(), "digest", LINK_LIFE))
}

/// The person an unsubscribe link is for (nothing changes: the page asks for a press).
pub fn unsubscribe_target(conn: &mut AnyConnection, env: Env, token: &str) -> anyhow::Result<Result<User, LinkError>> {
    let claims = match env.check(Purpose::Unsubscribe, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let Ok(id) = claims.sub.parse::<UserId>() else { return Ok(Err(LinkError::Invalid)) };
    Ok(db::users::get(conn, id)?.ok_or(LinkError::Invalid))
}

/// Leaves the digest from its link (one POST, no session). Doing it twice changes nothing.
pub fn unsubscribe(
    conn: &mut AnyConnection,
    env: Env,
    token: &str,
    now: NaiveDateTime,
) -> anyhow::Result<Result<User, LinkError>> {
    let user = match unsubscribe_target(conn, env, token)? {
        Ok(u) => u,
        Err(e) => return Ok(Err(e)),
    };
    set_digest(conn, &user, false, now)?;
    Ok(Ok(user))
}

/// The listings published since `since` that the stored suggestion lists of `user`'s
/// organisation's published listings name, newest first, at most [`ITEMS`].
fn items(
    conn: &mut AnyConnection,
    env: Env,
    user: &User,
    since: NaiveDateTime,
    now: NaiveDateTime,
) -> anyhow::Result<Vec<DigestItem>> {
    let Some(org) = user.organisation_id else { return Ok(Vec::new()) };
    let base = env.settings.base_url.as_str().trim_end_matches('/').to_string();
    let mut found: Vec<(NaiveDateTime, DigestItem)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for mine in db::listings::by_organisation(conn, org)? {
        if mine.status != ListingStatus::Published {
            continue;
        }
        for row in db::recommendations::list(conn, mine.kind, &mine.id)? {
            // A need's list holds offers, an offer's needs.
            let kind = if mine.kind == ListingKind::Need { ListingKind::Offer } else { ListingKind::Need };
            if !seen.insert((kind, row.other_id.clone())) {
                continue;
            }
            let Some(l) = db::listings::get_public(conn, kind, &row.other_id, now)? else { continue };
            let Some(published) = l.published_at().filter(|p| *p >= since) else { continue };
            let title = l.title_for(user.locale).to_string();
            let organisation = db::organisations::get(conn, l.organisation())?.map(|o| o.name).unwrap_or_default();
            let url = format!("{base}/{}/{}", crate::services::listings::input::plural(kind), l.id());
            found
                .push((published, DigestItem { title: title.clone(), url, organisation, matches: mine.title.clone() }));
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    Ok(found.into_iter().take(ITEMS).map(|(_, i)| i).collect())
}

/// Queues this week's digest for everyone who asked for it and has something new (once per
/// person and week, by the dedupe key: several nodes, or the job run every hour, send one).
/// Returns how many were queued.
pub fn send_weekly(conn: &mut AnyConnection, env: Env, now: NaiveDateTime) -> anyhow::Result<usize> {
    let week = crate::domain::local_date(now).iso_week();
    let mut queued = 0;
    for id in db::notification_settings::digest_readers(conn)? {
        let Ok(uid) = id.parse::<UserId>() else { continue };
        let Some(user) = db::users::get(conn, uid)? else { continue };
        let key = format!("digest:{}:{}-W{:02}", user.id, week.year(), week.week());
        if db::outbox::by_dedupe_key(conn, &key)?.is_some() {
            continue;
        }
        let items = items(conn, env, &user, now - WINDOW, now)?;
        if items.is_empty() {
            continue;
        }
        let unsubscribe = unsubscribe_link(env, user.id);
        let letter = WeeklyDigest { items, unsubscribe: unsubscribe.clone() };
        env.mail_with(conn, &key, (&user.email, &user.display_name, user.locale), &letter, Some(unsubscribe))?;
        queued += 1;
    }
    Ok(queued)
}

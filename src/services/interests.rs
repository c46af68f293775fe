//! Expressions of interest: a member of a verified organisation tells the owner of another
//! organisation's published offer or need that it is interested, with a short message; the
//! owner's members answer (accept or decline, with a message) from the site or from the email,
//! whose link leads to a page whose button posts the answer; the sender may withdraw while the
//! expression is open. Unanswered expressions are reminded to the owner after
//! [`REMIND_AFTER`] and expire after [`EXPIRE_AFTER`], the sender told. Accepting makes the
//! contacts visible to each other (see `policy::can_see_contact`).
//!
//! Each operation is one transaction with its audit entry and its emails (outbox rows).

use chrono::{NaiveDateTime, TimeDelta};

use super::context::Env;
use super::listings::{Outcome, Refused};
use crate::db::{self, AnyConnection, interests::Interest};
use crate::domain::signed::{LinkError, Purpose};
use crate::domain::{Listing, ListingKind, OrganisationId, User};
use crate::mail::templates::{InterestAnswered, InterestExpired, InterestMessage, InterestReceived, InterestReminder};
use crate::validate::Check;

/// Expressions one organisation may send in 24 hours.
pub const DAILY_LIMIT: i64 = 20;
/// An open expression is reminded to the owner after this long…
pub const REMIND_AFTER: TimeDelta = TimeDelta::days(7);
/// …and expires after this long.
pub const EXPIRE_AFTER: TimeDelta = TimeDelta::days(30);
/// The longest message, in characters.
pub const MESSAGE_MAX: usize = 1000;

/// Where an expression stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Accepted,
    Declined,
    Withdrawn,
    Expired,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
            Self::Expired => "expired",
        }
    }

    pub fn of(code: &str) -> Self {
        match code {
            "accepted" => Self::Accepted,
            "declined" => Self::Declined,
            "withdrawn" => Self::Withdrawn,
            "expired" => Self::Expired,
            _ => Self::Open,
        }
    }
}

fn audit(conn: &mut AnyConnection, actor: Option<&User>, action: &str, i: &Interest) -> anyhow::Result<()> {
    let detail = serde_json::json!({
        "listing": format!("{}:{}", i.listing_kind, i.listing_id),
        "owner": i.owner_org,
        "sender": i.sender_org,
        "status": i.status,
    });
    db::audit::record(conn, actor.map(|u| u.id), action, "interest", &i.id, &detail)?;
    Ok(())
}

/// The message as typed, through the one text rule.
fn message(field: &'static str, text: &str) -> Result<String, Refused> {
    let mut c = Check::default();
    let m = c.multiline(field, text, 0, MESSAGE_MAX);
    c.finish(m).map_err(Refused::Invalid)
}

fn listing_of(conn: &mut AnyConnection, i: &Interest) -> anyhow::Result<Option<Listing>> {
    let Ok(kind) = i.listing_kind.parse::<ListingKind>() else { return Ok(None) };
    db::listings::get(conn, kind, &i.listing_id)
}

/// The title of an expression's listing (empty if the listing is gone).
fn title_of(conn: &mut AnyConnection, i: &Interest) -> anyhow::Result<String> {
    Ok(listing_of(conn, i)?.map(|l| l.title().to_string()).unwrap_or_default())
}

fn org_name(conn: &mut AnyConnection, id: &str) -> anyhow::Result<String> {
    let Ok(id) = id.parse::<OrganisationId>() else { return Ok(String::new()) };
    Ok(db::organisations::get(conn, id)?.map(|o| o.name).unwrap_or_default())
}

/// The members of an organisation given by its stored id.
fn members(conn: &mut AnyConnection, org: &str) -> anyhow::Result<Vec<User>> {
    match org.parse::<OrganisationId>() {
        Ok(id) => db::users::for_organisation(conn, id),
        Err(_) => Ok(Vec::new()),
    }
}

/// Queues `letter(member)` to every member of `org`, once per member under `key:member`.
fn mail_members<L: crate::mail::templates::Letter>(
    conn: &mut AnyConnection,
    env: Env,
    org: &str,
    key: &str,
    letter: impl Fn(&User) -> L,
) -> anyhow::Result<()> {
    for u in members(conn, org)? {
        env.mail_keyed(conn, &format!("{key}:{}", u.id), (&u.email, &u.display_name, u.locale), &letter(&u))?;
    }
    Ok(())
}

fn base(env: Env) -> String {
    env.settings.base_url.as_str().trim_end_matches('/').to_string()
}

/// The link of the email that lets `recipient` answer without signing in (until the expression
/// closes: an answered one refuses it).
fn answer_link(env: Env, i: &Interest, recipient: &User) -> String {
    let token = env.sign(Purpose::AnswerInterest, &i.id, &recipient.id.to_string(), EXPIRE_AFTER + TimeDelta::days(1));
    env.link("/interest", &token)
}

/// What an expression of interest says: the listing, the message and, when it is sent from a
/// suggestion, the matched words.
#[derive(Debug, Clone, Copy)]
pub struct Expression<'a> {
    pub kind: ListingKind,
    pub listing_id: &'a str,
    pub message: &'a str,
    pub reasons: &'a [String],
}

/// Sends an expression of interest in a published listing of another organisation.
pub fn express(
    conn: &mut AnyConnection,
    env: Env,
    user: &User,
    e: Expression,
    now: NaiveDateTime,
) -> Outcome<Interest> {
    let Expression { kind, listing_id, message: text, reasons } = e;
    let Some(org_id) = user.organisation_id else { return Ok(Err(Refused::State("interest-no-organisation"))) };
    let Some(org) = db::organisations::get(conn, org_id)? else { return Ok(Err(Refused::NotFound)) };
    if org.verified_at.is_none() {
        return Ok(Err(Refused::State("interest-unverified")));
    }
    // One's own listing is refused as such, whatever its status (a draft included); another
    // organisation's must be public.
    if db::listings::owner(conn, kind, listing_id)? == Some(org_id) {
        return Ok(Err(Refused::State("interest-own")));
    }
    let Some(listing) = db::listings::get_public(conn, kind, listing_id, now)? else {
        return Ok(Err(Refused::NotFound));
    };
    let text = match message("message", text) {
        Ok(t) => t,
        Err(r) => return Ok(Err(r)),
    };
    db::write(conn, |conn| {
        let sender = org_id.to_string();
        if db::interests::open_of(conn, &sender, kind.code(), listing_id)?.is_some() {
            return Ok(Err(Refused::State("interest-duplicate")));
        }
        if db::interests::sent_since(conn, &sender, now - TimeDelta::days(1))? >= DAILY_LIMIT {
            return Ok(Err(Refused::State("interest-limit")));
        }
        let i = Interest {
            id: uuid::Uuid::now_v7().to_string(),
            listing_kind: kind.code().into(),
            listing_id: listing_id.into(),
            owner_org: listing.organisation().to_string(),
            sender_org: sender,
            sender_user: Some(user.id.to_string()),
            message: text.clone(),
            status: Status::Open.code().into(),
            answer: String::new(),
            answered_by: None,
            created_at: now,
            answered_at: None,
            reminded_at: None,
            reasons: reasons.join("|"),
            sender_notified_at: None,
            owner_notified_at: None,
        };
        db::interests::insert(conn, &i)?;
        audit(conn, Some(user), "interest.sent", &i)?;
        mail_members(conn, env, &i.owner_org, &format!("interest:{}", i.id), |u| InterestReceived {
            listing: listing.title().to_string(),
            from: org.name.clone(),
            message: text.clone(),
            reasons: reasons.to_vec(),
            url: answer_link(env, &i, u),
            page: format!("{}/my/interests", base(env)),
        })?;
        Ok(Ok(i))
    })
}

/// Accepts or declines an open expression, as a member of the owner's organisation (the emailed
/// link answers through [`answer_by_link`]).
pub fn answer(
    conn: &mut AnyConnection,
    env: Env,
    by: &User,
    id: &str,
    accept: bool,
    text: &str,
    now: NaiveDateTime,
) -> Outcome<Interest> {
    let Some(i) = db::interests::get(conn, id)? else { return Ok(Err(Refused::NotFound)) };
    match side(by, &i) {
        Some(Some(false)) => close_with_answer(conn, env, Some(by), i, accept, text, now),
        // The sender sees its expression but answers nothing: it may withdraw it.
        Some(Some(true)) => Ok(Err(Refused::State("interest-answer-sent"))),
        _ => Ok(Err(Refused::NotFound)),
    }
}

fn close_with_answer(
    conn: &mut AnyConnection,
    env: Env,
    by: Option<&User>,
    i: Interest,
    accept: bool,
    text: &str,
    now: NaiveDateTime,
) -> Outcome<Interest> {
    let text = match message("answer", text) {
        Ok(t) => t,
        Err(r) => return Ok(Err(r)),
    };
    let status = if accept { Status::Accepted } else { Status::Declined };
    db::write(conn, |conn| {
        let by_id = by.map(|u| u.id.to_string());
        if !db::interests::close(conn, &i.id, status.code(), &text, by_id.as_deref(), now)? {
            return Ok(Err(Refused::State("interest-not-open")));
        }
        let Some(i) = db::interests::get(conn, &i.id)? else { return Ok(Err(Refused::NotFound)) };
        audit(conn, by, if accept { "interest.accepted" } else { "interest.declined" }, &i)?;
        let title = title_of(conn, &i)?;
        let owner = org_name(conn, &i.owner_org)?;
        mail_members(conn, env, &i.sender_org, &format!("interest-answer:{}", i.id), |_| InterestAnswered {
            listing: title.clone(),
            by: owner.clone(),
            accepted: accept,
            message: text.clone(),
            url: format!("{}/my/interests", base(env)),
        })?;
        Ok(Ok(i))
    })
}

/// The open expression an answer link names, with the id of the person it was sent to.
fn open_by_link(
    conn: &mut AnyConnection,
    env: Env,
    token: &str,
) -> anyhow::Result<Result<(Interest, String), LinkError>> {
    let claims = match env.check(Purpose::AnswerInterest, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    match db::interests::get(conn, &claims.sub)? {
        Some(i) if Status::of(&i.status) == Status::Open => Ok(Ok((i, claims.extra))),
        _ => Ok(Err(LinkError::Invalid)),
    }
}

/// What an answer link is for, while it can still answer: the expression, the listing's title
/// and the sender's name (nothing changes: the page asks for a confirming press).
pub fn link_target(
    conn: &mut AnyConnection,
    env: Env,
    token: &str,
) -> anyhow::Result<Result<(Interest, String, String), LinkError>> {
    let i = match open_by_link(conn, env, token)? {
        Ok((i, _)) => i,
        Err(e) => return Ok(Err(e)),
    };
    let title = title_of(conn, &i)?;
    let from = org_name(conn, &i.sender_org)?;
    Ok(Ok((i, title, from)))
}

/// Answers from the emailed link (as the person it was sent to, if still a member of the
/// owner). A link that no longer answers is refused as `link-expired` or `link-invalid`.
pub fn answer_by_link(
    conn: &mut AnyConnection,
    env: Env,
    token: &str,
    accept: bool,
    text: &str,
    now: NaiveDateTime,
) -> Outcome<Interest> {
    let refused = |e: LinkError| {
        Refused::State(match e {
            LinkError::Expired => "link-expired",
            LinkError::Invalid => "link-invalid",
        })
    };
    let (i, recipient) = match open_by_link(conn, env, token)? {
        Ok(t) => t,
        Err(e) => return Ok(Err(refused(e))),
    };
    let by = match recipient.parse() {
        Ok(id) => db::users::get(conn, id)?.filter(|u| side(u, &i) == Some(Some(false))),
        Err(_) => None,
    };
    close_with_answer(conn, env, by.as_ref(), i, accept, text, now)
}

/// Withdraws an open expression (a member of the sending organisation).
pub fn withdraw(conn: &mut AnyConnection, user: &User, id: &str, now: NaiveDateTime) -> Outcome<Interest> {
    let Some(i) = db::interests::get(conn, id)? else { return Ok(Err(Refused::NotFound)) };
    match side(user, &i) {
        Some(Some(true)) => {}
        // The owner sees it but withdraws nothing: it answers.
        Some(Some(false)) => return Ok(Err(Refused::State("interest-withdraw-received"))),
        _ => return Ok(Err(Refused::NotFound)),
    }
    db::write(conn, |conn| {
        let by = user.id.to_string();
        if !db::interests::close(conn, &i.id, Status::Withdrawn.code(), "", Some(&by), now)? {
            return Ok(Err(Refused::State("interest-not-open")));
        }
        audit(conn, Some(user), "interest.withdrawn", &i)?;
        Ok(db::interests::get(conn, &i.id)?.ok_or(Refused::NotFound))
    })
}

/// The background loop's part: reminds owners of expressions open for [`REMIND_AFTER`] (once),
/// and expires those open for [`EXPIRE_AFTER`], telling the senders. Returns (reminded, expired).
pub fn sweep(conn: &mut AnyConnection, env: Env, now: NaiveDateTime) -> anyhow::Result<(usize, usize)> {
    let mut expired = 0;
    for i in db::interests::open_before(conn, now - EXPIRE_AFTER)? {
        let done = db::write(conn, |conn| {
            if !db::interests::close(conn, &i.id, Status::Expired.code(), "", None, now)? {
                return Ok(false);
            }
            audit(conn, None, "interest.expired", &i)?;
            let title = title_of(conn, &i)?;
            let owner = org_name(conn, &i.owner_org)?;
            mail_members(conn, env, &i.sender_org, &format!("interest-expired:{}", i.id), |_| InterestExpired {
                listing: title.clone(),
                to: owner.clone(),
                url: format!("{}/my/interests", base(env)),
            })?;
            Ok(true)
        })?;
        expired += usize::from(done);
    }
    let mut reminded = 0;
    for i in db::interests::unreminded_before(conn, now - REMIND_AFTER)? {
        db::write(conn, |conn| {
            db::interests::set_reminded(conn, &i.id, now)?;
            let title = title_of(conn, &i)?;
            let from = org_name(conn, &i.sender_org)?;
            mail_members(conn, env, &i.owner_org, &format!("interest-reminder:{}", i.id), |u| InterestReminder {
                listing: title.clone(),
                from: from.clone(),
                since: i.created_at,
                url: answer_link(env, &i, u),
            })?;
            Ok(())
        })?;
        reminded += 1;
    }
    Ok((reminded, expired))
}

/// One expression as an organisation's page shows it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub interest: Interest,
    /// True when this organisation sent it.
    pub sent: bool,
    pub listing: Option<Listing>,
    /// The other organisation.
    pub other: Option<crate::domain::Organisation>,
}

/// Every expression an organisation sent or received, newest first, with its listing and the
/// other organisation.
pub fn of_organisation(conn: &mut AnyConnection, org: OrganisationId) -> anyhow::Result<Vec<Entry>> {
    db::interests::of_organisation(conn, &org.to_string())?.into_iter().map(|i| entry(conn, org, i)).collect()
}

/// An expression as organisation `org` sees it (sent by it when it is the sender).
pub fn entry(conn: &mut AnyConnection, org: OrganisationId, i: Interest) -> anyhow::Result<Entry> {
    let sent = i.sender_org == org.to_string();
    let other_id = if sent { &i.owner_org } else { &i.sender_org };
    let other = match other_id.parse::<OrganisationId>() {
        Ok(id) => db::organisations::get(conn, id)?,
        Err(_) => None,
    };
    let listing = listing_of(conn, &i)?;
    Ok(Entry { interest: i, sent, listing, other })
}

/// True when an expression between `org` and the owner of a listing was accepted (either way
/// round: the organisation asked about this listing, or the owner asked about one of `org`'s).
pub fn mutual(conn: &mut AnyConnection, org: OrganisationId, listing: &Listing) -> anyhow::Result<bool> {
    db::interests::accepted_between(conn, &org.to_string(), &listing.organisation().to_string())
}

/// How many expressions of a group reached each state, and how fast the answered ones were
/// answered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub sent: usize,
    pub open: usize,
    pub accepted: usize,
    pub declined: usize,
    pub withdrawn: usize,
    pub expired: usize,
    /// The median time from sending to the answer of the accepted and declined ones, in hours.
    pub median_hours: Option<f64>,
}

impl Counts {
    fn of<'a>(items: impl Iterator<Item = &'a Interest>) -> Self {
        let mut c = Counts::default();
        let mut hours: Vec<f64> = Vec::new();
        for i in items {
            c.sent += 1;
            let status = Status::of(&i.status);
            match status {
                Status::Open => c.open += 1,
                Status::Accepted => c.accepted += 1,
                Status::Declined => c.declined += 1,
                Status::Withdrawn => c.withdrawn += 1,
                Status::Expired => c.expired += 1,
            }
            if let (Status::Accepted | Status::Declined, Some(at)) = (status, i.answered_at) {
                hours.push((at - i.created_at).num_minutes() as f64 / 60.0);
            }
        }
        hours.sort_by(f64::total_cmp);
        c.median_hours = match hours.len() {
            0 => None,
            n if n % 2 == 1 => Some(hours[n / 2]),
            n => Some((hours[n / 2 - 1] + hours[n / 2]) / 2.0),
        };
        c
    }
}

/// The exchange's expressions of interest for the centre's staff: by month sent (local time),
/// newest first; by sector of the listing; and in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pipeline {
    pub by_month: Vec<(String, Counts)>,
    pub by_sector: Vec<(crate::domain::Sector, Counts)>,
    pub total: Counts,
}

/// `between` keeps the expressions sent between two local dates (inclusive).
pub fn pipeline(
    conn: &mut AnyConnection,
    between: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
) -> anyhow::Result<Pipeline> {
    let mut all = db::interests::all(conn)?;
    if let Some((from, to)) = between {
        all.retain(|i| (from..=to).contains(&crate::domain::local_date(i.created_at)));
    }
    let mut sectors: std::collections::HashMap<(String, String), Option<crate::domain::Sector>> =
        std::collections::HashMap::new();
    for i in &all {
        if let std::collections::hash_map::Entry::Vacant(slot) =
            sectors.entry((i.listing_kind.clone(), i.listing_id.clone()))
        {
            slot.insert(listing_of(conn, i)?.map(|l| match l {
                Listing::Offer(o) => o.sector,
                Listing::Need(n) => n.sector,
            }));
        }
    }
    let month = |i: &Interest| crate::domain::local_date(i.created_at).format("%Y-%m").to_string();
    let mut months: Vec<String> = all.iter().map(month).collect();
    months.sort();
    months.dedup();
    months.reverse();
    let by_month = months.into_iter().map(|m| (m.clone(), Counts::of(all.iter().filter(|i| month(i) == m)))).collect();
    let sector_of = |i: &Interest| sectors.get(&(i.listing_kind.clone(), i.listing_id.clone())).copied().flatten();
    let by_sector = crate::domain::Sector::ALL
        .iter()
        .map(|s| (*s, Counts::of(all.iter().filter(|i| sector_of(i) == Some(*s)))))
        .filter(|(_, c)| c.sent > 0)
        .collect();
    Ok(Pipeline { by_month, by_sector, total: Counts::of(all.iter()) })
}

/// The longest message of a thread, in characters.
pub const THREAD_MESSAGE_MAX: usize = 2000;
/// Each side is emailed about new messages at most this often per thread.
pub const NOTIFY_EVERY: TimeDelta = TimeDelta::hours(1);

/// Whether `user` reads the thread of `i`: as a member of either organisation (`Some(true)` for
/// the sender's side, `Some(false)` for the owner's), or as staff (`Some` of neither, see
/// [`Thread::can_post`]); `None` for everyone else.
fn side(user: &User, i: &Interest) -> Option<Option<bool>> {
    let org = user.organisation_id.map(|o| o.to_string());
    if org.as_deref() == Some(i.sender_org.as_str()) {
        Some(Some(true))
    } else if org.as_deref() == Some(i.owner_org.as_str()) {
        Some(Some(false))
    } else if matches!(user.role, crate::domain::Role::Staff | crate::domain::Role::Admin) {
        Some(None)
    } else {
        None
    }
}

/// An expression with its thread, as one reader sees it.
#[derive(Debug, Clone)]
pub struct Thread {
    pub entry: Entry,
    /// The messages, oldest first, each with its organisation's name.
    pub messages: Vec<(db::interests::Message, String)>,
    /// Members of either organisation write once the expression is accepted; staff only read.
    pub can_post: bool,
}

/// The thread of an expression, if `user` may read it.
pub fn thread(conn: &mut AnyConnection, user: &User, id: &str) -> anyhow::Result<Option<Thread>> {
    let Some(i) = db::interests::get(conn, id)? else { return Ok(None) };
    let Some(side) = side(user, &i) else { return Ok(None) };
    let sent = side.unwrap_or(true);
    let other_id = if sent { &i.owner_org } else { &i.sender_org };
    let other = match other_id.parse::<OrganisationId>() {
        Ok(o) => db::organisations::get(conn, o)?,
        Err(_) => None,
    };
    let (sender, owner) = (org_name(conn, &i.sender_org)?, org_name(conn, &i.owner_org)?);
    let messages = db::interests::messages(conn, &i.id)?
        .into_iter()
        .map(|m| {
            let name = if m.author_org == i.sender_org { sender.clone() } else { owner.clone() };
            (m, name)
        })
        .collect();
    let can_post = side.is_some() && Status::of(&i.status) == Status::Accepted;
    let listing = listing_of(conn, &i)?;
    Ok(Some(Thread { entry: Entry { interest: i, sent, listing, other }, messages, can_post }))
}

/// Writes in the thread of an accepted expression; the other organisation's members are emailed,
/// at most once per [`NOTIFY_EVERY`] per thread and side.
pub fn post(
    conn: &mut AnyConnection,
    env: Env,
    user: &User,
    id: &str,
    body: &str,
    now: NaiveDateTime,
) -> Outcome<db::interests::Message> {
    let Some(i) = db::interests::get(conn, id)? else { return Ok(Err(Refused::NotFound)) };
    let Some(Some(sent)) = side(user, &i) else { return Ok(Err(Refused::NotFound)) };
    if Status::of(&i.status) != Status::Accepted {
        return Ok(Err(Refused::State("interest-thread-closed")));
    }
    let mut c = Check::default();
    let body = c.multiline("body", body, 1, THREAD_MESSAGE_MAX);
    let body = match c.finish(body) {
        Ok(b) => b,
        Err(e) => return Ok(Err(Refused::Invalid(e))),
    };
    db::write(conn, |conn| {
        let (mine, theirs) = if sent { (&i.sender_org, &i.owner_org) } else { (&i.owner_org, &i.sender_org) };
        let m = db::interests::Message {
            id: uuid::Uuid::now_v7().to_string(),
            interest_id: i.id.clone(),
            author_org: mine.clone(),
            author_user: Some(user.id.to_string()),
            body: body.clone(),
            created_at: now,
            reported_at: None,
            reported_by: None,
        };
        db::interests::add_message(conn, &m)?;
        // The other side: the owner when the sender writes, and the reverse.
        let last = if sent { i.owner_notified_at } else { i.sender_notified_at };
        if last.is_none_or(|t| t + NOTIFY_EVERY <= now) {
            db::interests::set_notified(conn, &i.id, !sent, now)?;
            let title = title_of(conn, &i)?;
            let from = org_name(conn, mine)?;
            mail_members(conn, env, theirs, &format!("interest-message:{}:{}", i.id, m.id), |_| InterestMessage {
                listing: title.clone(),
                from: from.clone(),
                body: body.clone(),
                url: format!("{}/my/interests/{}", base(env), i.id),
            })?;
        }
        Ok(Ok(m))
    })
}

/// Reports a message of a thread to the centre's staff (a member of either organisation).
pub fn report(conn: &mut AnyConnection, user: &User, message: &str, now: NaiveDateTime) -> Outcome<String> {
    let Some(m) = db::interests::message(conn, message)? else { return Ok(Err(Refused::NotFound)) };
    let Some(i) = db::interests::get(conn, &m.interest_id)? else { return Ok(Err(Refused::NotFound)) };
    let Some(Some(_)) = side(user, &i) else { return Ok(Err(Refused::NotFound)) };
    db::write(conn, |conn| {
        if db::interests::report(conn, &m.id, &user.id.to_string(), now)? {
            let detail = serde_json::json!({ "interest": i.id, "author_org": m.author_org });
            db::audit::record(conn, Some(user.id), "interest.message_reported", "interest_message", &m.id, &detail)?;
        }
        Ok(Ok(i.id.clone()))
    })
}

/// The reported messages, for staff: (message, its expression's id, the author's organisation).
pub fn reported(conn: &mut AnyConnection) -> anyhow::Result<Vec<(db::interests::Message, String)>> {
    let mut out = Vec::new();
    for m in db::interests::reported(conn)? {
        let name = org_name(conn, &m.author_org)?;
        out.push((m, name));
    }
    Ok(out)
}

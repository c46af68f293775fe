//! Queries on `interests`: expressions of interest and their answers (see the migration).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{interest_messages, interests};

/// A stored expression of interest.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = interests)]
pub struct Interest {
    pub id: String,
    /// `offer` or `need`.
    pub listing_kind: String,
    pub listing_id: String,
    pub owner_org: String,
    pub sender_org: String,
    pub sender_user: Option<String>,
    pub message: String,
    /// `open`, `accepted`, `declined`, `withdrawn` or `expired`.
    pub status: String,
    pub answer: String,
    pub answered_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
    pub reminded_at: Option<NaiveDateTime>,
    pub reasons: String,
    /// When each side was last emailed about new messages in the thread.
    pub sender_notified_at: Option<NaiveDateTime>,
    pub owner_notified_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut AnyConnection, i: &Interest) -> anyhow::Result<()> {
    diesel::insert_into(interests::table).values(i).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<Interest>> {
    Ok(interests::table.find(id).select(Interest::as_select()).first(conn).optional()?)
}

/// The open expression of `org` on a listing, if any.
pub fn open_of(conn: &mut AnyConnection, org: &str, kind: &str, listing: &str) -> anyhow::Result<Option<Interest>> {
    Ok(interests::table
        .filter(interests::sender_org.eq(org))
        .filter(interests::listing_kind.eq(kind))
        .filter(interests::listing_id.eq(listing))
        .filter(interests::status.eq("open"))
        .select(Interest::as_select())
        .first(conn)
        .optional()?)
}

/// How many expressions `org` sent since `since`.
pub fn sent_since(conn: &mut AnyConnection, org: &str, since: NaiveDateTime) -> anyhow::Result<i64> {
    Ok(interests::table
        .filter(interests::sender_org.eq(org))
        .filter(interests::created_at.ge(since))
        .count()
        .get_result(conn)?)
}

/// Closes an open expression: its new status, the answer and who gave it. False when it was no
/// longer open (answered, withdrawn or expired meanwhile).
pub fn close(
    conn: &mut AnyConnection,
    id: &str,
    status: &str,
    answer: &str,
    by: Option<&str>,
    at: NaiveDateTime,
) -> anyhow::Result<bool> {
    let n = diesel::update(interests::table.find(id).filter(interests::status.eq("open")))
        .set((
            interests::status.eq(status),
            interests::answer.eq(answer),
            interests::answered_by.eq(by),
            interests::answered_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Every expression sent or received by `org`, newest first.
pub fn of_organisation(conn: &mut AnyConnection, org: &str) -> anyhow::Result<Vec<Interest>> {
    Ok(interests::table
        .filter(interests::sender_org.eq(org).or(interests::owner_org.eq(org)))
        .order((interests::created_at.desc(), interests::id.desc()))
        .select(Interest::as_select())
        .load(conn)?)
}

/// True when an expression between the two organisations, either way round, was accepted.
pub fn accepted_between(conn: &mut AnyConnection, a: &str, b: &str) -> anyhow::Result<bool> {
    let n: i64 = interests::table
        .filter(interests::status.eq("accepted"))
        .filter(
            interests::sender_org
                .eq(a)
                .and(interests::owner_org.eq(b))
                .or(interests::sender_org.eq(b).and(interests::owner_org.eq(a))),
        )
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Every expression a person wrote (for their data export).
pub fn by_sender(conn: &mut AnyConnection, user: &str) -> anyhow::Result<Vec<Interest>> {
    Ok(interests::table
        .filter(interests::sender_user.eq(user))
        .order(interests::created_at.asc())
        .select(Interest::as_select())
        .load(conn)?)
}

/// Open expressions created before `before` and not yet reminded of.
pub fn unreminded_before(conn: &mut AnyConnection, before: NaiveDateTime) -> anyhow::Result<Vec<Interest>> {
    Ok(interests::table
        .filter(interests::status.eq("open"))
        .filter(interests::created_at.lt(before))
        .filter(interests::reminded_at.is_null())
        .select(Interest::as_select())
        .load(conn)?)
}

/// Open expressions created before `before`.
pub fn open_before(conn: &mut AnyConnection, before: NaiveDateTime) -> anyhow::Result<Vec<Interest>> {
    Ok(interests::table
        .filter(interests::status.eq("open"))
        .filter(interests::created_at.lt(before))
        .select(Interest::as_select())
        .load(conn)?)
}

pub fn set_reminded(conn: &mut AnyConnection, id: &str, at: NaiveDateTime) -> anyhow::Result<()> {
    diesel::update(interests::table.find(id)).set(interests::reminded_at.eq(Some(at))).execute(conn)?;
    Ok(())
}

/// Every expression, oldest first (the staff's pipeline).
pub fn all(conn: &mut AnyConnection) -> anyhow::Result<Vec<Interest>> {
    Ok(interests::table.order(interests::created_at.asc()).select(Interest::as_select()).load(conn)?)
}

/// Notes that one side (`sender` or not) was emailed about new messages.
pub fn set_notified(conn: &mut AnyConnection, id: &str, sender: bool, at: NaiveDateTime) -> anyhow::Result<()> {
    let row = interests::table.find(id);
    if sender {
        diesel::update(row).set(interests::sender_notified_at.eq(Some(at))).execute(conn)?;
    } else {
        diesel::update(row).set(interests::owner_notified_at.eq(Some(at))).execute(conn)?;
    }
    Ok(())
}

/// A message of the thread an accepted expression opens.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = interest_messages)]
pub struct Message {
    pub id: String,
    pub interest_id: String,
    pub author_org: String,
    pub author_user: Option<String>,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub reported_at: Option<NaiveDateTime>,
    pub reported_by: Option<String>,
}

pub fn add_message(conn: &mut AnyConnection, m: &Message) -> anyhow::Result<()> {
    diesel::insert_into(interest_messages::table).values(m).execute(conn)?;
    Ok(())
}

/// A thread, oldest first.
pub fn messages(conn: &mut AnyConnection, interest: &str) -> anyhow::Result<Vec<Message>> {
    Ok(interest_messages::table
        .filter(interest_messages::interest_id.eq(interest))
        .order((interest_messages::created_at.asc(), interest_messages::id.asc()))
        .select(Message::as_select())
        .load(conn)?)
}

pub fn message(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<Message>> {
    Ok(interest_messages::table.find(id).select(Message::as_select()).first(conn).optional()?)
}

/// Marks a message reported (the first report counts).
pub fn report(conn: &mut AnyConnection, id: &str, by: &str, at: NaiveDateTime) -> anyhow::Result<bool> {
    let n = diesel::update(interest_messages::table.find(id).filter(interest_messages::reported_at.is_null()))
        .set((interest_messages::reported_at.eq(Some(at)), interest_messages::reported_by.eq(Some(by))))
        .execute(conn)?;
    Ok(n == 1)
}

/// Every reported message, newest report first (for staff).
pub fn reported(conn: &mut AnyConnection) -> anyhow::Result<Vec<Message>> {
    Ok(interest_messages::table
        .filter(interest_messages::reported_at.is_not_null())
        .order(interest_messages::reported_at.desc())
        .select(Message::as_select())
        .load(conn)?)
}

/// Every message a person wrote (for their data export).
pub fn messages_by(conn: &mut AnyConnection, user: &str) -> anyhow::Result<Vec<Message>> {
    Ok(interest_messages::table
        .filter(interest_messages::author_user.eq(user))
        .order(interest_messages::created_at.asc())
        .select(Message::as_select())
        .load(conn)?)
}

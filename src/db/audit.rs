//! The audit log: who did what to which entity, when. Rows are only ever appended.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::audit_log;
use crate::domain::UserId;

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub at: NaiveDateTime,
    /// JSON object with what changed.
    pub detail: String,
}

/// Appends an entry in the caller's transaction.
pub fn record(
    conn: &mut AnyConnection,
    actor: Option<UserId>,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    detail: &serde_json::Value,
) -> anyhow::Result<AuditEntry> {
    let entry = AuditEntry {
        id: uuid::Uuid::now_v7().to_string(),
        actor_id: actor.map(|a| a.to_string()),
        action: action.into(),
        entity_type: entity_type.into(),
        entity_id: entity_id.into(),
        at: super::now(),
        detail: detail.to_string(),
    };
    diesel::insert_into(audit_log::table).values(&entry).execute(conn)?;
    Ok(entry)
}

/// Entries about one entity, oldest first.
pub fn for_entity(conn: &mut AnyConnection, entity_type: &str, entity_id: &str) -> anyhow::Result<Vec<AuditEntry>> {
    Ok(audit_log::table
        .filter(audit_log::entity_type.eq(entity_type))
        .filter(audit_log::entity_id.eq(entity_id))
        .order((audit_log::at.asc(), audit_log::id.asc()))
        .select(AuditEntry::as_select())
        .load(conn)?)
}

/// Everything a person did, oldest first (for their data export).
pub fn by_actor(conn: &mut AnyConnection, actor: UserId) -> anyhow::Result<Vec<AuditEntry>> {
    Ok(audit_log::table
        .filter(audit_log::actor_id.eq(actor.to_string()))
        .order(audit_log::at.asc())
        .select(AuditEntry::as_select())
        .load(conn)?)
}

/// What the staff's audit page filters on; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// The start of the action (`listing.`, `session.status`).
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub actor: Option<String>,
    /// From and to (inclusive), UTC.
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
}

/// Entries matching the filter, newest first; `limit` of them after skipping `offset`.
pub fn filtered(conn: &mut AnyConnection, f: &Filter, offset: i64, limit: i64) -> anyhow::Result<Vec<AuditEntry>> {
    let mut q = audit_log::table.select(AuditEntry::as_select()).into_boxed();
    if !f.action.is_empty() {
        q = q.filter(audit_log::action.like(format!("{}%", f.action.replace(['%', '_', '\\'], ""))));
    }
    if !f.entity_type.is_empty() {
        q = q.filter(audit_log::entity_type.eq(f.entity_type.clone()));
    }
    if !f.entity_id.is_empty() {
        q = q.filter(audit_log::entity_id.eq(f.entity_id.clone()));
    }
    if let Some(a) = &f.actor {
        q = q.filter(audit_log::actor_id.eq(a.clone()));
    }
    if let Some(from) = f.from {
        q = q.filter(audit_log::at.ge(from));
    }
    if let Some(to) = f.to {
        q = q.filter(audit_log::at.le(to));
    }
    Ok(q.order((audit_log::at.desc(), audit_log::id.desc())).offset(offset).limit(limit).load(conn)?)
}

/// The entity types the log has, for the filter's choices.
pub fn entity_types(conn: &mut AnyConnection) -> anyhow::Result<Vec<String>> {
    Ok(audit_log::table.select(audit_log::entity_type).distinct().order(audit_log::entity_type.asc()).load(conn)?)
}

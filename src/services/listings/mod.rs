//! Offers and needs from draft to publication to expiry: create and edit (with optimistic
//! locking), submit (with the quality check), review by the centre (approve, return with a
//! reason, reject), pending revisions of published listings, archive, expiry reminders and
//! renewal. Each operation is one transaction with its audit entry and emails.

pub mod attachments;
pub mod browse;
pub mod export;
pub mod import;
pub mod input;

use chrono::{NaiveDateTime, TimeDelta};

use super::context::Env;
use crate::db::{self, AnyConnection, listings::RevisionRow, listings::Workflow};
use crate::domain::signed::{LinkError, Purpose};
use crate::domain::{ListingKind, ListingStatus, OrganisationId, User, UserId, policy, quality};
use crate::mail::templates::{ListingExpiring, ListingReturned};
use crate::validate::{Check, FieldError};
use input::RawListing;

pub use crate::domain::Listing;

/// What listings do through the services: the quality check, the form's fields, saving.
impl Listing {
    /// The quality check.
    pub fn quality(&self) -> quality::Report {
        match self {
            Self::Offer(o) => quality::offer(o),
            Self::Need(n) => quality::need(n),
        }
    }
    /// What is missing before submission.
    pub fn missing(&self) -> Vec<FieldError> {
        match self {
            Self::Offer(o) => input::offer_ready(o),
            Self::Need(n) => input::need_ready(n),
        }
    }
    /// Every field as a form shows it.
    pub fn raw(&self) -> RawListing {
        match self {
            Self::Offer(o) => RawListing::of_offer(o),
            Self::Need(n) => RawListing::of_need(n),
        }
    }
    /// Applies the present fields of `raw`.
    pub fn apply(&mut self, raw: &RawListing) -> Result<(), Vec<FieldError>> {
        match self {
            Self::Offer(o) => raw.apply_offer(o),
            Self::Need(n) => raw.apply_need(n),
        }
    }
    /// Saves every field if still at `version`; false when someone saved first.
    fn save(&self, conn: &mut AnyConnection, version: i32) -> anyhow::Result<bool> {
        match self {
            Self::Offer(o) => db::offers::update(conn, o, version),
            Self::Need(n) => db::needs::update(conn, n, version),
        }
    }
    fn insert(&self, conn: &mut AnyConnection) -> anyhow::Result<()> {
        match self {
            Self::Offer(o) => db::offers::insert(conn, o),
            Self::Need(n) => db::needs::insert(conn, n),
        }
    }
}

/// Loads a listing of either kind, whatever its status.
pub fn load(conn: &mut AnyConnection, kind: ListingKind, id: &str) -> anyhow::Result<Option<Listing>> {
    db::listings::get(conn, kind, id)
}

/// Why an operation on a listing did not happen.
#[derive(Debug, Clone)]
pub enum Refused {
    /// Input refused field by field.
    Invalid(Vec<FieldError>),
    /// Saved by someone else since `version`: the current listing, to show what changed.
    Conflict(Box<Listing>),
    /// Not possible in the listing's current state (an interface-text key says why).
    State(&'static str),
    NotFound,
}

impl From<Vec<FieldError>> for Refused {
    fn from(e: Vec<FieldError>) -> Self {
        Self::Invalid(e)
    }
}

/// The outcome of an operation: done, or refused with a reason.
pub type Outcome<T> = anyhow::Result<Result<T, Refused>>;

/// Records a listing change: the audit entry, and the search change log (same transaction), so
/// every node's index follows.
fn audit(
    conn: &mut AnyConnection,
    actor: Option<UserId>,
    l: &Listing,
    action: &str,
    detail: serde_json::Value,
) -> anyhow::Result<()> {
    let kind = l.kind().code();
    db::audit::record(conn, actor, &format!("{kind}.{action}"), kind, &l.id(), &detail)?;
    db::search_changes::record(conn, l.kind(), &l.id())?;
    Ok(())
}

/// Logs a search change for every listing of an organisation (its name or kind changed, or its
/// listings were archived with its last member).
pub fn touch_organisation(conn: &mut AnyConnection, org: OrganisationId) -> anyhow::Result<()> {
    for o in db::offers::by_organisation(conn, org)? {
        db::search_changes::record(conn, ListingKind::Offer, &o.id.to_string())?;
    }
    for n in db::needs::by_organisation(conn, org)? {
        db::search_changes::record(conn, ListingKind::Need, &n.id.to_string())?;
    }
    Ok(())
}

/// Creates a draft for the user's organisation.
pub fn create(conn: &mut AnyConnection, user: &User, kind: ListingKind, raw: &RawListing) -> Outcome<Listing> {
    let Some(org_id) = user.organisation_id else { return Ok(Err(Refused::State("listing-no-organisation"))) };
    let Some(org) = db::organisations::get(conn, org_id)? else { return Ok(Err(Refused::NotFound)) };
    let listing = match kind {
        ListingKind::Offer => raw.new_offer(org.id, org.province).map(Listing::Offer),
        ListingKind::Need => raw.new_need(org.id, org.province).map(Listing::Need),
    };
    let listing = match listing {
        Ok(l) => l,
        Err(e) => return Ok(Err(Refused::Invalid(e))),
    };
    db::write(conn, |conn| {
        listing.insert(conn)?;
        let w = Workflow { created_by: Some(user.id), ..Workflow::default() };
        db::listings::set_workflow(conn, kind, &listing.id(), &w)?;
        audit(conn, Some(user.id), &listing, "created", serde_json::json!({ "title": listing.title() }))?;
        Ok(Ok(listing))
    })
}

/// What an edit did.
#[derive(Debug, Clone, PartialEq)]
pub enum Edited {
    /// Saved in place (drafts, returned and submitted listings).
    Saved(Box<Listing>),
    /// The listing is published: the change waits for review as a revision, and the published
    /// version stays visible until it is approved.
    PendingRevision(String),
}

/// Edits a listing the caller read at `version`.
pub fn edit(
    conn: &mut AnyConnection,
    user: &User,
    kind: ListingKind,
    id: &str,
    raw: &RawListing,
    version: i32,
) -> Outcome<Edited> {
    db::write(conn, |conn| {
        let Some(current) = load(conn, kind, id)? else { return Ok(Err(Refused::NotFound)) };
        if current.version() != version {
            return Ok(Err(Refused::Conflict(Box::new(current))));
        }
        let mut next = current.clone();
        if let Err(e) = next.apply(raw) {
            return Ok(Err(Refused::Invalid(e)));
        }
        match current.status() {
            ListingStatus::Draft | ListingStatus::Returned | ListingStatus::Submitted => {
                if !next.save(conn, version)? {
                    let now = load(conn, kind, id)?.unwrap_or(current);
                    return Ok(Err(Refused::Conflict(Box::new(now))));
                }
                audit(conn, Some(user.id), &next, "edited", serde_json::json!({ "version": version + 1 }))?;
                Ok(Ok(Edited::Saved(Box::new(load(conn, kind, id)?.unwrap_or(next)))))
            }
            ListingStatus::Published => {
                if let Some(old) = db::listings::pending_revision(conn, kind, id)? {
                    db::listings::decide_revision(conn, &old.id, "superseded", "", Some(user.id))?;
                }
                let row = RevisionRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    listing_kind: kind.code().into(),
                    listing_id: id.into(),
                    organisation_id: current.organisation().to_string(),
                    base_version: version,
                    data: serde_json::to_string(&next.raw())?,
                    quality_score: i32::from(next.quality().score),
                    state: "pending".into(),
                    note: String::new(),
                    created_by: Some(user.id.to_string()),
                    created_at: db::now(),
                    decided_by: None,
                    decided_at: None,
                };
                db::listings::insert_revision(conn, &row)?;
                audit(conn, Some(user.id), &current, "revision_submitted", serde_json::json!({ "revision": row.id }))?;
                Ok(Ok(Edited::PendingRevision(row.id)))
            }
            ListingStatus::Archived | ListingStatus::Rejected => Ok(Err(Refused::State("listing-not-editable"))),
        }
    })
}

/// Submits a draft (or a returned listing) for review. Organisations the centre has not verified
/// yet can draft but not submit.
pub fn submit(
    conn: &mut AnyConnection,
    user: &User,
    kind: ListingKind,
    id: &str,
    version: i32,
) -> Outcome<quality::Report> {
    db::write(conn, |conn| {
        let Some(mut l) = load(conn, kind, id)? else { return Ok(Err(Refused::NotFound)) };
        let verified = db::organisations::get(conn, l.organisation())?.is_some_and(|o| o.verified_at.is_some());
        if !policy::can_publish(verified) {
            return Ok(Err(Refused::State("listing-org-unverified")));
        }
        if l.version() != version {
            return Ok(Err(Refused::Conflict(Box::new(l))));
        }
        if !matches!(l.status(), ListingStatus::Draft | ListingStatus::Returned) {
            return Ok(Err(Refused::State("listing-not-submittable")));
        }
        let missing = l.missing();
        if !missing.is_empty() {
            return Ok(Err(Refused::Invalid(missing)));
        }
        let report = l.quality();
        l.set_status(ListingStatus::Submitted);
        if !l.save(conn, version)? {
            return Ok(Err(Refused::Conflict(Box::new(l))));
        }
        let mut w = db::listings::workflow(conn, kind, id)?.unwrap_or_default();
        w.submitted_at = Some(db::now());
        w.quality_score = Some(i32::from(report.score));
        w.review_note = String::new();
        db::listings::set_workflow(conn, kind, id, &w)?;
        audit(conn, Some(user.id), &l, "submitted", serde_json::json!({ "quality_score": report.score }))?;
        Ok(Ok(report))
    })
}

/// The centre's decision on a listing or a revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    /// Back to the owner to fix and resubmit.
    Return,
    Reject,
}

impl Decision {
    fn code(self) -> &'static str {
        match self {
            Self::Approve => "approved",
            Self::Return => "returned",
            Self::Reject => "rejected",
        }
    }
}

/// A reason is required to return or reject (the owner must know what to fix).
fn reason_of(decision: Decision, reason: &str) -> Result<String, Vec<FieldError>> {
    let mut c = Check::default();
    let r = c.multiline("reason", reason, if decision == Decision::Approve { 0 } else { 10 }, 2000);
    c.finish(r)
}

/// Whether the listing's organisation is verified: only verified organisations publish.
fn organisation_verified(conn: &mut AnyConnection, l: &Listing) -> anyhow::Result<bool> {
    Ok(db::organisations::get(conn, l.organisation())?.is_some_and(|o| o.verified_at.is_some()))
}

/// Staff decide on a submitted listing; a listing of an organisation that is not verified is not
/// published (staff verify the organisation first, or return the listing).
#[allow(clippy::too_many_arguments)]
pub fn review(
    conn: &mut AnyConnection,
    env: Env,
    staff: &User,
    kind: ListingKind,
    id: &str,
    decision: Decision,
    reason: &str,
    now: NaiveDateTime,
) -> Outcome<()> {
    let reason = match reason_of(decision, reason) {
        Ok(r) => r,
        Err(e) => return Ok(Err(Refused::Invalid(e))),
    };
    db::write(conn, |conn| {
        let Some(mut l) = load(conn, kind, id)? else { return Ok(Err(Refused::NotFound)) };
        if l.status() != ListingStatus::Submitted {
            return Ok(Err(Refused::State("listing-not-submitted")));
        }
        let version = l.version();
        if decision == Decision::Approve && !organisation_verified(conn, &l)? {
            return Ok(Err(Refused::State("review-org-unverified")));
        }
        match decision {
            Decision::Approve => {
                l.set_status(ListingStatus::Published);
                l.set_published(l.published_at().or(Some(now)), Some(now + env.settings.listing_lifetime()));
            }
            Decision::Return => l.set_status(ListingStatus::Returned),
            Decision::Reject => l.set_status(ListingStatus::Rejected),
        }
        if !l.save(conn, version)? {
            return Ok(Err(Refused::Conflict(Box::new(l))));
        }
        let mut w = db::listings::workflow(conn, kind, id)?.unwrap_or_default();
        w.review_note = reason.clone();
        db::listings::set_workflow(conn, kind, id, &w)?;
        audit(conn, Some(staff.id), &l, decision.code(), serde_json::json!({ "reason": reason }))?;
        if decision != Decision::Approve {
            notify_owner(conn, env, &l, decision, &reason)?;
        }
        Ok(Ok(()))
    })
}

/// Staff decide on a pending revision of a published listing.
pub fn review_revision(
    conn: &mut AnyConnection,
    env: Env,
    staff: &User,
    revision: &str,
    decision: Decision,
    reason: &str,
) -> Outcome<()> {
    let reason = match reason_of(decision, reason) {
        Ok(r) => r,
        Err(e) => return Ok(Err(Refused::Invalid(e))),
    };
    db::write(conn, |conn| {
        let Some(rev) = db::listings::revision(conn, revision)? else { return Ok(Err(Refused::NotFound)) };
        if rev.state != "pending" {
            return Ok(Err(Refused::State("listing-revision-decided")));
        }
        let kind: ListingKind = rev.listing_kind.parse()?;
        let Some(mut l) = load(conn, kind, &rev.listing_id)? else { return Ok(Err(Refused::NotFound)) };
        if decision == Decision::Approve {
            if !organisation_verified(conn, &l)? {
                return Ok(Err(Refused::State("review-org-unverified")));
            }
            if l.version() != rev.base_version {
                return Ok(Err(Refused::Conflict(Box::new(l))));
            }
            let raw: RawListing = serde_json::from_str(&rev.data)?;
            if let Err(e) = l.apply(&raw) {
                return Ok(Err(Refused::Invalid(e)));
            }
            if !l.save(conn, rev.base_version)? {
                return Ok(Err(Refused::Conflict(Box::new(l))));
            }
        } else {
            notify_owner(conn, env, &l, decision, &reason)?;
        }
        db::listings::decide_revision(conn, &rev.id, decision.code(), &reason, Some(staff.id))?;
        audit(
            conn,
            Some(staff.id),
            &l,
            &format!("revision_{}", decision.code()),
            serde_json::json!({ "revision": rev.id, "reason": reason }),
        )?;
        Ok(Ok(()))
    })
}

/// Archives a listing (owners; instead of deleting, so history and links survive).
pub fn archive(conn: &mut AnyConnection, user: &User, kind: ListingKind, id: &str) -> Outcome<()> {
    db::write(conn, |conn| {
        let Some(mut l) = load(conn, kind, id)? else { return Ok(Err(Refused::NotFound)) };
        if l.status() == ListingStatus::Archived {
            return Ok(Ok(()));
        }
        let version = l.version();
        l.set_status(ListingStatus::Archived);
        if !l.save(conn, version)? {
            return Ok(Err(Refused::Conflict(Box::new(l))));
        }
        if let Some(rev) = db::listings::pending_revision(conn, kind, id)? {
            db::listings::decide_revision(conn, &rev.id, "superseded", "", Some(user.id))?;
        }
        audit(conn, Some(user.id), &l, "archived", serde_json::json!({}))?;
        Ok(Ok(()))
    })
}

/// Staff put a published offer in the showcase (trưng bày sản phẩm KH&CN tiêu biểu) or take it
/// out. Only published offers can be featured.
pub fn set_featured(conn: &mut AnyConnection, staff: UserId, id: &str, featured: bool) -> Outcome<()> {
    db::write(conn, |conn| {
        let Some(l) = load(conn, ListingKind::Offer, id)? else { return Ok(Err(Refused::NotFound)) };
        let Listing::Offer(o) = &l else { return Ok(Err(Refused::NotFound)) };
        if featured && o.status != ListingStatus::Published {
            return Ok(Err(Refused::State("listing-not-published")));
        }
        db::offers::set_featured(conn, o.id, featured)?;
        audit(conn, Some(staff), &l, if featured { "featured" } else { "unfeatured" }, serde_json::json!({}))?;
        Ok(Ok(()))
    })
}

/// Renews a published listing for another lifetime from `now` (also an expired one).
pub fn renew(
    conn: &mut AnyConnection,
    env: Env,
    actor: Option<UserId>,
    kind: ListingKind,
    id: &str,
    now: NaiveDateTime,
) -> Outcome<NaiveDateTime> {
    db::write(conn, |conn| {
        let Some(l) = load(conn, kind, id)? else { return Ok(Err(Refused::NotFound)) };
        if l.status() != ListingStatus::Published {
            return Ok(Err(Refused::State("listing-not-published")));
        }
        let until = now + env.settings.listing_lifetime();
        db::listings::set_expiry(conn, kind, id, until)?;
        audit(conn, actor, &l, "renewed", serde_json::json!({ "expires_at": until }))?;
        Ok(Ok(until))
    })
}

/// The listing a renewal link is for, while the link is valid (nothing is changed: the page asks
/// for a confirming press first, because mail scanners open links).
pub fn renewal_target(conn: &mut AnyConnection, env: Env, token: &str) -> anyhow::Result<Result<Listing, LinkError>> {
    let claims = match env.check(Purpose::RenewListing, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let Some((kind, id)) = claims.sub.split_once(':') else { return Ok(Err(LinkError::Invalid)) };
    let Ok(kind) = kind.parse::<ListingKind>() else { return Ok(Err(LinkError::Invalid)) };
    let Some(l) = load(conn, kind, id)? else { return Ok(Err(LinkError::Invalid)) };
    if l.expires_at().map(|e| e.and_utc().timestamp_micros().to_string()) != Some(claims.extra) {
        return Ok(Err(LinkError::Invalid));
    }
    Ok(Ok(l))
}

/// Renews from the one-click link of the reminder email. The link names the expiry it was sent
/// for, so it works once.
pub fn renew_by_link(
    conn: &mut AnyConnection,
    env: Env,
    token: &str,
    now: NaiveDateTime,
) -> anyhow::Result<Result<(Listing, NaiveDateTime), LinkError>> {
    let l = match renewal_target(conn, env, token)? {
        Ok(l) => l,
        Err(e) => return Ok(Err(e)),
    };
    let (kind, id) = (l.kind(), l.id());
    match renew(conn, env, None, kind, &id, now)? {
        Ok(until) => Ok(Ok((l, until))),
        Err(_) => Ok(Err(LinkError::Invalid)),
    }
}

/// Days before expiry when the owner is reminded.
pub const REMIND_BEFORE: TimeDelta = TimeDelta::days(14);

/// Emails the owners of listings expiring within [`REMIND_BEFORE`] of `now`, once per listing
/// and expiry date (the dedupe key), with a one-click renewal link. Returns how many were queued.
pub fn remind_expiring(conn: &mut AnyConnection, env: Env, now: NaiveDateTime) -> anyhow::Result<usize> {
    let mut queued = 0;
    for s in db::listings::expiring(conn, now, now + REMIND_BEFORE)? {
        let Some(expires) = s.expires_at else { continue };
        let stamp = expires.and_utc().timestamp_micros().to_string();
        let token = env.sign(
            Purpose::RenewListing,
            &format!("{}:{}", s.kind.code(), s.id),
            &stamp,
            REMIND_BEFORE + TimeDelta::days(30),
        );
        let url = env.link("/renew", &token);
        db::write(conn, |conn| {
            for u in db::users::for_organisation(conn, s.organisation_id)? {
                let key = format!("expiry:{}:{}:{stamp}:{}", s.kind.code(), s.id, u.id);
                if db::outbox::by_dedupe_key(conn, &key)?.is_some() {
                    continue;
                }
                let letter = ListingExpiring { title: s.title.clone(), expires, url: url.clone() };
                env.mail_keyed(conn, &key, (&u.email, &u.display_name, u.locale), &letter)?;
                queued += 1;
            }
            Ok(())
        })?;
    }
    Ok(queued)
}

/// Tells the owner's members that a listing (or a change to it) was returned or rejected, with
/// the reason and a link to the listing.
fn notify_owner(
    conn: &mut AnyConnection,
    env: Env,
    l: &Listing,
    decision: Decision,
    reason: &str,
) -> anyhow::Result<()> {
    let url =
        format!("{}/my/{}/{}", env.settings.base_url.as_str().trim_end_matches('/'), input::plural(l.kind()), l.id());
    for u in db::users::for_organisation(conn, l.organisation())? {
        let key = format!("review:{}:{}:{}", l.kind().code(), l.id(), uuid::Uuid::now_v7());
        let letter = ListingReturned {
            title: l.title().to_string(),
            rejected: decision == Decision::Reject,
            reason: reason.to_string(),
            url: url.clone(),
        };
        env.mail_keyed(conn, &key, (&u.email, &u.display_name, u.locale), &letter)?;
    }
    Ok(())
}

//! Organisations: their profile, identity changes held for staff while verified, and the
//! centre's verification.

pub mod org_form;

use super::context::Checked;
use crate::db::{self, AnyConnection};
use crate::domain::{Organisation, OrganisationId, User, UserId};
use crate::validate::Check;
use org_form::OrgForm;

/// Whether a verified organisation other than `except` already has a name that reads the same
/// (case and diacritics aside: "Công ty Tôm" and "CONG TY TOM" are one name to a reader).
fn verified_name_taken(conn: &mut AnyConnection, name: &str, except: OrganisationId) -> anyhow::Result<bool> {
    let folded = ketnoi_text::fold(name);
    Ok(db::organisations::verified_names(conn, except)?.iter().any(|n| ketnoi_text::fold(n) == folded))
}

/// Records in `c` a tax code another organisation has, or a name another verified one reads
/// as: what a new identity (a profile saved, a held change approved) may not take.
fn check_identity(
    conn: &mut AnyConnection,
    c: &mut Check,
    (name, tax_code): (&str, Option<&str>),
    org: OrganisationId,
) -> anyhow::Result<()> {
    if let Some(tax) = tax_code
        && db::organisations::tax_code_taken(conn, tax, Some(org))?
    {
        c.add("tax_code", "err-tax-code-taken");
    }
    if verified_name_taken(conn, name, org)? {
        c.add("name", "err-name-taken");
    }
    Ok(())
}

/// The audit detail of an identity change.
fn change_detail(change: &db::organisations::IdentityChange) -> serde_json::Value {
    serde_json::json!({ "name": change.name, "kind": change.kind, "tax_code": change.tax_code })
}

/// What saving an organisation's profile did.
#[derive(Debug, Clone)]
pub struct OrgSaved {
    /// The organisation as it now is (for a held change: with its verified identity).
    pub organisation: Organisation,
    /// A change of name, kind or tax code of a verified organisation waits for staff.
    pub held: bool,
}

/// Saves an organisation's profile from its settings form. For a verified organisation, a new
/// name, kind or tax code is held for staff approval (the public profile keeps the verified
/// values until then); the other fields are saved at once.
pub fn update_organisation(
    conn: &mut AnyConnection,
    actor: &User,
    org: &Organisation,
    form: &OrgForm,
) -> Checked<OrgSaved> {
    let mut c = Check::default();
    let Some(p) = form.check(&mut c) else { return Ok(Err(c.errors)) };
    check_identity(conn, &mut c, (&p.name, p.tax_code.as_deref()), org.id)?;
    if let Err(e) = c.finish(()) {
        return Ok(Err(e));
    }
    let identity_changed = p.name != org.name || p.kind != org.kind || p.tax_code != org.tax_code;
    let held = org.verified_at.is_some() && identity_changed;
    let change = db::organisations::IdentityChange {
        organisation_id: org.id.to_string(),
        kind: p.kind.code().to_string(),
        name: p.name.clone(),
        tax_code: p.tax_code.clone(),
        requested_by: Some(actor.id.to_string()),
        requested_at: db::now(),
    };
    let (kind, name, tax_code) =
        if held { (org.kind, org.name.clone(), org.tax_code.clone()) } else { (p.kind, p.name, p.tax_code) };
    let updated = Organisation {
        kind,
        name,
        tax_code,
        province: p.province,
        address: p.address,
        website: p.website,
        description: p.description,
        contact: p.contact,
        ..org.clone()
    };
    db::write(conn, |conn| {
        db::organisations::update(conn, &updated)?;
        if held {
            db::organisations::hold_change(conn, &change)?;
            db::audit::record(
                conn,
                Some(actor.id),
                "organisation.change_requested",
                "organisation",
                &org.id.to_string(),
                &change_detail(&change),
            )?;
        } else {
            // Back to the verified identity: nothing is waiting any more.
            db::organisations::drop_change(conn, org.id)?;
        }
        // The organisation's name and kind are part of its listings in the search index.
        crate::services::listings::touch_organisation(conn, org.id)?;
        db::audit::record(
            conn,
            Some(actor.id),
            "organisation.updated",
            "organisation",
            &org.id.to_string(),
            &serde_json::json!({ "name": updated.name }),
        )?;
        Ok(Ok(OrgSaved { organisation: updated, held }))
    })
}

/// Staff approve (or reject) the pending identity change of an organisation. An approval is
/// refused when the tax code or the name has meanwhile been taken. False when nothing is pending.
pub fn decide_change(conn: &mut AnyConnection, staff: UserId, org: OrganisationId, approve: bool) -> Checked<bool> {
    db::write(conn, |conn| {
        let Some(change) = db::organisations::pending_change(conn, org)? else { return Ok(Ok(false)) };
        let mut c = Check::default();
        if approve {
            check_identity(conn, &mut c, (&change.name, change.tax_code.as_deref()), org)?;
            if let Err(e) = c.finish(()) {
                return Ok(Err(e));
            }
            db::organisations::set_identity(conn, &change)?;
            crate::services::listings::touch_organisation(conn, org)?;
        }
        db::organisations::drop_change(conn, org)?;
        let action = if approve { "organisation.change_approved" } else { "organisation.change_rejected" };
        db::audit::record(conn, Some(staff), action, "organisation", &org.to_string(), &change_detail(&change))?;
        Ok(Ok(true))
    })
}

/// Staff mark an organisation verified or not; false when there is no such organisation. An
/// organisation whose name reads the same as a verified one's is not verified.
pub fn set_verified(conn: &mut AnyConnection, staff: UserId, org: OrganisationId, verified: bool) -> Checked<bool> {
    db::write(conn, |conn| {
        if verified
            && let Some(o) = db::organisations::get(conn, org)?
            && verified_name_taken(conn, &o.name, org)?
        {
            let mut c = Check::default();
            c.add("name", "err-name-taken");
            return Ok(c.finish(false));
        }
        let at = verified.then(db::now);
        if !db::organisations::set_verified(conn, org, at)? {
            return Ok(Ok(false));
        }
        let action = if verified { "organisation.verified" } else { "organisation.unverified" };
        db::audit::record(conn, Some(staff), action, "organisation", &org.to_string(), &serde_json::json!({}))?;
        Ok(Ok(true))
    })
}

//! `GET /api/v1/me`, `PATCH /api/v1/organisations/{id}` (members of the organisation) and
//! `POST /api/v1/organisations/{id}/verify` (staff). Every operation takes a personal token
//! (`Authorization: Bearer kn_…`); the policy in `domain::policy` has been applied before these
//! handlers run.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::writes::present;
use utoipa::ToSchema;

use crate::db;
use crate::domain::{Locale, Organisation, OrganisationId};
use crate::error::{AppError, FieldProblem};
use crate::services::organisations::{self, org_form::OrgForm};
use crate::state::AppState;
use crate::validate::FieldError;
use crate::web::auth;

/// The person a token acts for.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeDto {
    pub id: String,
    pub email: String,
    pub display_name: String,
    /// `member`, `staff` or `admin`.
    pub role: String,
    /// The organisation the token acts for, if any.
    pub organisation: Option<OrganisationDto>,
}

/// An organisation as its members see it (contact details included).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "0193a0e4-7c1e-7b4a-9a1e-4f5c2d1b0a01", "kind": "research_institute", "name": "Viện Công nghệ Sinh học miền Trung", "tax_code": "3300101234", "province": "hue", "address": "Số 3 Lê Lợi, Huế", "website": "https://vien.example/", "description": "", "contact": {"name": "Trần Thị Mai", "email": "mai.tran@vien.example", "phone": "0234 3822 111", "share": true}, "verified": true}))]
pub struct OrganisationDto {
    pub id: String,
    /// Organisation kind code.
    pub kind: String,
    pub name: String,
    pub tax_code: Option<String>,
    /// Province code.
    pub province: String,
    pub address: String,
    pub website: Option<String>,
    pub description: String,
    pub contact: ContactDto,
    pub verified: bool,
}

/// Contact person and consent to share with matched partners.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ContactDto {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub share: bool,
}

impl From<&Organisation> for OrganisationDto {
    fn from(o: &Organisation) -> Self {
        Self {
            id: o.id.to_string(),
            kind: o.kind.code().into(),
            name: o.name.clone(),
            tax_code: o.tax_code.clone(),
            province: o.province.code().into(),
            address: o.address.clone(),
            website: o.website.clone(),
            description: o.description.clone(),
            contact: ContactDto {
                name: o.contact.name.clone(),
                email: o.contact.email.clone(),
                phone: o.contact.phone.clone(),
                share: o.contact.share,
            },
            verified: o.verified_at.is_some(),
        }
    }
}

/// A partial update: absent fields keep their value.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"description": "Nghiên cứu và chuyển giao công nghệ sinh học cho nông nghiệp miền Trung", "contact": {"phone": "0234 3822 111", "share": true}}))]
pub struct OrganisationPatch {
    #[serde(default, deserialize_with = "present")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub tax_code: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub province: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub address: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub website: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub contact: Option<ContactPatch>,
}

/// A partial update of the contact.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactPatch {
    #[serde(default, deserialize_with = "present")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub share: Option<bool>,
}

/// The English messages of refused fields.
pub fn problems(errors: &[FieldError]) -> Vec<FieldProblem> {
    errors.iter().map(|e| FieldProblem { field: e.field.to_string(), message: e.message(Locale::En) }).collect()
}

#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = MeDto), (status = 401, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn me(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let org = me.actor.organisation;
    let organisation = match org {
        Some(id) => state.db.run(move |c| db::organisations::get(c, id)).await?.as_ref().map(OrganisationDto::from),
        None => None,
    };
    Ok(HttpResponse::Ok().json(MeDto {
        id: me.user.id.to_string(),
        email: me.user.email.to_string(),
        display_name: me.user.display_name.clone(),
        role: me.user.role.code().into(),
        organisation,
    }))
}

async fn load(state: &AppState, id: &str) -> Result<Organisation, AppError> {
    let id: OrganisationId = id.parse().map_err(|_| AppError::NotFound)?;
    state.db.run(move |c| db::organisations::get(c, id)).await?.ok_or(AppError::NotFound)
}

#[utoipa::path(patch, path = "/api/v1/organisations/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation id (UUID)")), request_body = OrganisationPatch,
    responses((status = 200, body = OrganisationDto),
        (status = 202, description = "Saved; the new name, kind or tax code of a verified organisation waits for staff approval", body = OrganisationDto),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn patch_organisation(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<OrganisationPatch>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let org = load(&state, &id).await?;
    let p = body.into_inner();
    let c = p.contact.unwrap_or_default();
    let current = OrgForm {
        kind: p.kind.unwrap_or_else(|| org.kind.code().into()),
        name: p.name.unwrap_or_else(|| org.name.clone()),
        tax_code: p.tax_code.or_else(|| org.tax_code.clone()).unwrap_or_default(),
        province: p.province.unwrap_or_else(|| org.province.code().into()),
        address: p.address.unwrap_or_else(|| org.address.clone()),
        website: p.website.or_else(|| org.website.clone()).unwrap_or_default(),
        description: p.description.unwrap_or_else(|| org.description.clone()),
        contact_name: c.name.unwrap_or_else(|| org.contact.name.clone()),
        contact_email: c.email.unwrap_or_else(|| org.contact.email.clone()),
        contact_phone: c.phone.unwrap_or_else(|| org.contact.phone.clone()),
        share_contact: c.share.unwrap_or(org.contact.share).then(|| "on".into()),
    };
    match state.db.run(move |c| organisations::update_organisation(c, &me.user, &org, &current)).await? {
        // A held identity change is accepted for review, as a change to a published listing is.
        Ok(saved) if saved.held => Ok(HttpResponse::Accepted().json(OrganisationDto::from(&saved.organisation))),
        Ok(saved) => Ok(HttpResponse::Ok().json(OrganisationDto::from(&saved.organisation))),
        Err(errors) => Err(AppError::Invalid(problems(&errors))),
    }
}

/// Whether the organisation is verified (default true).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyBody {
    #[serde(default = "yes")]
    pub verified: bool,
}

fn yes() -> bool {
    true
}

#[utoipa::path(post, path = "/api/v1/organisations/{id}/verify", tag = "accounts", security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation id (UUID)")), request_body = VerifyBody,
    responses((status = 200, body = OrganisationDto), (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn verify_organisation(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: Option<web::Json<VerifyBody>>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let org = load(&state, &id).await?;
    let verified = body.map(|b| b.verified).unwrap_or(true);
    let (staff, oid) = (me.user.id, org.id);
    let (checked, updated) = state
        .db
        .run(move |c| Ok((organisations::set_verified(c, staff, oid, verified)?, db::organisations::get(c, oid)?)))
        .await?;
    if let Err(errors) = checked {
        return Err(AppError::Invalid(problems(&errors)));
    }
    Ok(HttpResponse::Ok().json(OrganisationDto::from(&updated.ok_or(AppError::NotFound)?)))
}

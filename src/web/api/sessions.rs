//! Matchmaking sessions through the API, public: the list (upcoming and past) and one session
//! with its programme and, once registration has closed, its participants and the listings
//! they bring.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::listings::OrgRef;
use crate::error::AppError;
use crate::services::sessions::{self, Listed, report};
use crate::state::AppState;

/// A matchmaking session.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionDto {
    pub id: String,
    pub title: String,
    /// The English title; empty when none was given.
    pub title_en: String,
    /// Local date (Asia/Ho_Chi_Minh).
    pub date: NaiveDate,
    /// `planned`, `registration_open`, `requests`, `scheduling`, `published`, `held`, `closed` or `cancelled`.
    pub status: String,
    /// Theme sector codes.
    pub sectors: Vec<String>,
    pub venue: String,
    pub map_url: String,
    pub online_url: String,
    /// UTC.
    pub registration_deadline: DateTime<Utc>,
    /// UTC.
    pub request_deadline: DateTime<Utc>,
    /// Organisations with a place.
    pub capacity: i32,
    /// Organisations approved so far.
    pub participants: i64,
    /// What a session held came to (absent before it is held): totals only, never one
    /// organisation's figures.
    pub results: Option<ResultsDto>,
}

/// The headline results of a session held.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultsDto {
    /// One-to-one meetings held.
    pub meetings_held: i64,
    /// Meetings that reached an agreement (NDA) or further.
    pub agreements: i64,
    /// Technology transfer contracts signed.
    pub contracts: i64,
    /// Their total value in đồng.
    pub contract_value: i64,
}

/// Sessions by date: upcoming first (soonest first), then past (latest first).
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionList {
    pub upcoming: Vec<SessionDto>,
    pub past: Vec<SessionDto>,
}

/// A meeting slot (local times).
#[derive(Debug, Serialize, ToSchema)]
pub struct SlotDto {
    /// `morning` or `afternoon`.
    pub block: String,
    /// `HH:MM`.
    pub start: String,
    pub end: String,
}

/// A listing a participant brings.
#[derive(Debug, Serialize, ToSchema)]
pub struct BroughtDto {
    /// `offer` or `need`.
    pub kind: String,
    pub id: String,
    pub title: String,
}

/// An organisation taking part, with what it brings.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantDto {
    pub organisation: OrgRef,
    pub listings: Vec<BroughtDto>,
}

/// One session with its programme.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionDetail {
    #[serde(flatten)]
    pub session: SessionDto,
    pub slot_minutes: i32,
    /// `HH:MM-HH:MM`.
    pub breaks: Vec<String>,
    pub slots: Vec<SlotDto>,
    pub tables: Vec<String>,
    pub online_tables: Vec<String>,
    /// The approved organisations, once registration has closed; absent before.
    pub participant_list: Option<Vec<ParticipantDto>>,
}

fn results(f: &report::Figures) -> ResultsDto {
    ResultsDto {
        meetings_held: f.held as i64,
        agreements: f.agreements() as i64,
        contracts: f.contracts() as i64,
        contract_value: f.contract_value,
    }
}

fn dto(l: &Listed, figures: Option<&report::Figures>) -> SessionDto {
    let v = &l.view;
    SessionDto {
        id: v.row.id.clone(),
        title: v.row.title_vi.clone(),
        title_en: v.row.title_en.clone(),
        date: v.row.session_date,
        status: v.status.code().into(),
        sectors: v.sectors.iter().map(|s| s.code().to_string()).collect(),
        venue: v.row.venue.clone(),
        map_url: v.row.map_url.clone(),
        online_url: v.row.online_url.clone(),
        registration_deadline: v.row.registration_deadline.and_utc(),
        request_deadline: v.row.request_deadline.and_utc(),
        capacity: v.row.capacity,
        participants: l.approved as i64,
        results: figures.map(results),
    }
}

/// The exchange's matchmaking sessions, upcoming and past.
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions", responses((status = 200, body = SessionList)))]
pub async fn list(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let today = crate::domain::local_date(state.clock.now());
    let all = state
        .db
        .run(|c| {
            sessions::list(c)?
                .into_iter()
                .map(|l| Ok((report::held_figures(c, &l.view)?, l)))
                .collect::<anyhow::Result<Vec<_>>>()
        })
        .await?;
    let (upcoming, past): (Vec<_>, Vec<_>) = all.iter().partition(|(_, l)| l.view.row.session_date >= today);
    Ok(HttpResponse::Ok().json(SessionList {
        upcoming: upcoming.into_iter().map(|(f, l)| dto(l, f.as_ref())).collect(),
        past: past.into_iter().rev().map(|(f, l)| dto(l, f.as_ref())).collect(),
    }))
}

/// One session with its programme; its participants once registration has closed.
#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions", params(("id" = String, Path, description = "Session id (UUID)")),
    responses((status = 200, body = SessionDetail), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn get(state: web::Data<AppState>, id: web::Path<String>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let id = id.into_inner();
    let (l, attendees, figures) = state
        .db
        .run(move |c| {
            let Some(l) = sessions::listed(c, &id)? else { return Ok(None) };
            let attendees =
                if l.view.status.participants_public() { Some(sessions::attendees(c, &id, now)?) } else { None };
            let figures = report::held_figures(c, &l.view)?;
            Ok(Some((l, attendees, figures)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let v = &l.view;
    Ok(HttpResponse::Ok().json(SessionDetail {
        session: dto(&l, figures.as_ref()),
        slot_minutes: v.row.slot_minutes,
        breaks: v.programme.breaks.iter().map(ToString::to_string).collect(),
        slots: v
            .programme
            .slots()
            .iter()
            .map(|s| SlotDto {
                block: s.block.code().into(),
                start: s.span.start.format("%H:%M").to_string(),
                end: s.span.end.format("%H:%M").to_string(),
            })
            .collect(),
        tables: v.tables.clone(),
        online_tables: v.online_tables.clone(),
        participant_list: attendees.map(|a| {
            a.iter()
                .map(|a| ParticipantDto {
                    organisation: OrgRef { id: a.organisation.id.to_string(), name: a.organisation.name.clone() },
                    listings: a
                        .listings
                        .iter()
                        .map(|l| BroughtDto { kind: l.kind().code().into(), id: l.id(), title: l.title().to_string() })
                        .collect(),
                })
                .collect()
        }),
    }))
}

//! The JSON API under `/api/v1`, its OpenAPI 3.1 description at `/api/openapi.json` and the
//! vendored Swagger UI at `/api/docs/` (no CDN: the exchange works offline).

mod accounts;
mod export;
mod listings;
mod search;
mod writes;

use actix_web::web;

use crate::error::AppError;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

pub use listings::{NeedDto, NeedList, OfferDto, OfferList};

/// The OpenAPI description of the API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "ketnoi API",
        description = "Technology offers and needs of the exchange. Lists return published, unexpired listings only. Errors are RFC 9457 problems (`application/problem+json`).",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(
        listings::list_offers,
        listings::get_offer,
        listings::list_needs,
        listings::get_need,
        accounts::me,
        accounts::patch_organisation,
        accounts::verify_organisation,
        writes::create_offer,
        writes::put_offer,
        writes::patch_offer,
        writes::submit_offer,
        writes::archive_offer,
        writes::create_need,
        writes::put_need,
        writes::patch_need,
        writes::submit_need,
        writes::archive_need,
        export::export,
        search::search
    ),
    components(schemas(crate::error::Problem, crate::error::FieldProblem)),
    modifiers(&BearerAuth),
    tags(
        (name = "listings", description = "Technology offers and needs"),
        (name = "accounts", description = "The token's account and organisation; staff verification. Personal tokens are created on the account page (/account/tokens).")
    )
)]
pub struct ApiDoc;

/// Declares the bearer-token scheme the account operations use.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal token (kn_…) from /account/tokens"))
                    .build(),
            ),
        );
    }
}

/// Routes of the API and its documentation.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .app_data(
                web::JsonConfig::default()
                    .limit(64 * 1024)
                    .error_handler(|e, _| AppError::bad_param("body", e.to_string()).into()),
            )
            .route("/me", web::get().to(accounts::me))
            .route("/organisations/{id}", web::patch().to(accounts::patch_organisation))
            .route("/organisations/{id}/verify", web::post().to(accounts::verify_organisation))
            .route("/export", web::get().to(export::export))
            .route("/search", web::get().to(search::search))
            .route("/offers", web::post().to(writes::create_offer))
            .route("/offers/{id}", web::put().to(writes::put_offer))
            .route("/offers/{id}", web::patch().to(writes::patch_offer))
            .route("/offers/{id}/submit", web::post().to(writes::submit_offer))
            .route("/offers/{id}/archive", web::post().to(writes::archive_offer))
            .route("/needs", web::post().to(writes::create_need))
            .route("/needs/{id}", web::put().to(writes::put_need))
            .route("/needs/{id}", web::patch().to(writes::patch_need))
            .route("/needs/{id}/submit", web::post().to(writes::submit_need))
            .route("/needs/{id}/archive", web::post().to(writes::archive_need))
            .route("/offers", web::get().to(listings::list_offers))
            .route("/offers/{id}", web::get().to(listings::get_offer))
            .route("/needs", web::get().to(listings::list_needs))
            .route("/needs/{id}", web::get().to(listings::get_need)),
    )
    .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", ApiDoc::openapi()));
}

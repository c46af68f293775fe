//! The JSON API under `/api/v1`, its OpenAPI 3.1 description at `/api/openapi.json` and the
//! vendored Swagger UI at `/api/docs/` (no CDN: the exchange works offline).

pub(crate) mod accounts;
mod contract;
pub(crate) mod export;
pub(crate) mod interests;
pub(crate) mod listings;
pub(crate) mod matches;
pub(crate) mod search;
pub(crate) mod sessions;
pub(crate) mod writes;

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
        matches::need_matches,
        matches::offer_matches,
        interests::offer_interest,
        interests::need_interest,
        interests::list,
        interests::accept,
        interests::decline,
        interests::withdraw,
        sessions::list,
        sessions::get,
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
        (name = "interests", description = "Expressions of interest between organisations: sent on a listing, answered by its owner"),
        (name = "sessions", description = "Matchmaking sessions: programme, venue, deadlines and, once registration has closed, the participants"),
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

/// The OpenAPI document at `/api/openapi.json` and the vendored Swagger UI at `/api/docs/`.
pub(crate) fn swagger() -> SwaggerUi {
    SwaggerUi::new("/api/docs/{_:.*}")
        .external_url_unchecked("/api/openapi.json", contract::document(&ApiDoc::openapi()))
}

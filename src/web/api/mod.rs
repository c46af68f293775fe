//! The JSON API under `/api/v1`, its OpenAPI 3.1 description at `/api/openapi.json` and the
//! vendored Swagger UI at `/api/docs/` (no CDN: the exchange works offline).

mod listings;

use actix_web::web;
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
    paths(listings::list_offers, listings::get_offer, listings::list_needs, listings::get_need),
    components(schemas(crate::error::Problem)),
    tags((name = "listings", description = "Technology offers and needs"))
)]
pub struct ApiDoc;

/// Routes of the API and its documentation.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/offers", web::get().to(listings::list_offers))
            .route("/offers/{id}", web::get().to(listings::get_offer))
            .route("/needs", web::get().to(listings::list_needs))
            .route("/needs/{id}", web::get().to(listings::get_need)),
    )
    .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", ApiDoc::openapi()));
}

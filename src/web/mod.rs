//! The HTTP side: one route table ([`configure`]), the server factory, and the middleware that
//! every response passes through (request logs, security headers, language cookie, error pages).

pub mod api;
pub mod auth;
pub mod charts;
pub mod feeds;
pub mod forms;
pub mod i18n;
pub mod pages;
pub mod query;
pub mod routes;
pub mod search;
pub mod views;

use std::net::TcpListener;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers, Next};
use actix_web::{App, HttpMessage, HttpResponse, HttpServer, web};
use tracing_actix_web::TracingLogger;

use crate::domain::Locale;
use crate::error::{AppError, ErrorInfo, Problem};
use crate::state::AppState;

const CSS: &str = include_str!("../../static/app.css");

/// The whole application: extractor settings, the route table ([`routes`]) and the 404 for
/// everything else.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::QueryConfig::default().error_handler(|e, _| AppError::bad_param("query", e.to_string()).into()))
        .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
        // API bodies; page forms are URL-encoded or multipart and have their own limits.
        .app_data(
            web::JsonConfig::default()
                .limit(64 * 1024)
                .error_handler(|e, _| AppError::bad_param("body", e.to_string()).into()),
        )
        .configure(routes::register)
        .default_service(web::to(not_found));
}

async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

async fn css() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(CSS)
}

/// The centre's mark: two linked rings (a need and an offer meeting) in white on the site's
/// blue, drawn at `size` pixels.
fn mark_png(size: u32) -> Vec<u8> {
    let s = size as f32;
    let ring = |x: f32, y: f32, cx: f32| {
        let d = ((x - cx).powi(2) + (y - s / 2.0).powi(2)).sqrt();
        (d - s * 0.2).abs() < s * 0.065
    };
    let img = image::RgbaImage::from_fn(size, size, |x, y| {
        let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
        // A rounded square: the corners outside a circle of radius s/5 are transparent.
        let r = s / 5.0;
        let (qx, qy) = ((fx - s / 2.0).abs() - (s / 2.0 - r), (fy - s / 2.0).abs() - (s / 2.0 - r));
        if qx > 0.0 && qy > 0.0 && qx * qx + qy * qy > r * r {
            return image::Rgba([0, 0, 0, 0]);
        }
        if ring(fx, fy, s * 0.37) || ring(fx, fy, s * 0.63) {
            image::Rgba([255, 255, 255, 255])
        } else {
            image::Rgba([0x0b, 0x4f, 0x8a, 255])
        }
    });
    let mut out = Vec::new();
    // Encoding an in-memory RGBA image as PNG cannot fail but for memory; an empty icon then.
    let _ = img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png);
    out
}

/// `/favicon.ico`: an ICO file holding the mark at 16, 32 and 48 pixels as PNG images (which
/// every browser since 2007 reads inside an ICO), drawn once.
fn favicon_bytes() -> &'static [u8] {
    static ICO: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    ICO.get_or_init(|| {
        let images: Vec<(u32, Vec<u8>)> = [16, 32, 48].into_iter().map(|n| (n, mark_png(n))).collect();
        let mut out = vec![0, 0, 1, 0];
        out.extend_from_slice(&(images.len() as u16).to_le_bytes());
        let mut offset = 6 + 16 * images.len() as u32;
        for (n, png) in &images {
            out.extend_from_slice(&[*n as u8, *n as u8, 0, 0, 1, 0, 32, 0]);
            out.extend_from_slice(&(png.len() as u32).to_le_bytes());
            out.extend_from_slice(&offset.to_le_bytes());
            offset += png.len() as u32;
        }
        for (_, png) in &images {
            out.extend_from_slice(png);
        }
        out
    })
}

async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/x-icon")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(favicon_bytes())
}

/// Liveness and readiness: answers 200 only when the database answers.
async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let backend = state.db.backend();
    match state.db.run(crate::db::ping).await {
        Ok(()) => HttpResponse::Ok().json(serde_json::json!({ "status": "ok", "database": backend })),
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "health check failed");
            let info =
                ErrorInfo { detail: Some(format!("the {backend} database does not answer")), ..ErrorInfo::default() };
            info.response(actix_web::http::StatusCode::SERVICE_UNAVAILABLE)
        }
    }
}

/// The process's Prometheus recorder, installed on first use (once per process, however many
/// servers a test starts).
fn prometheus() -> Option<&'static metrics_exporter_prometheus::PrometheusHandle> {
    static HANDLE: std::sync::OnceLock<Option<metrics_exporter_prometheus::PrometheusHandle>> =
        std::sync::OnceLock::new();
    HANDLE.get_or_init(|| metrics_exporter_prometheus::PrometheusBuilder::new().install_recorder().ok()).as_ref()
}

/// Metrics in the Prometheus text format (email delivery, queue depth, …).
async fn metrics() -> HttpResponse {
    let body = prometheus().map(|h| h.render()).unwrap_or_default();
    HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(body)
}

/// Builds the HTTP server on an already bound listener (port 0 in tests).
pub fn server(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    prometheus();
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .wrap(actix_web::middleware::from_fn(auth::authenticate))
            .wrap(ErrorHandlers::new().default_handler(render_error))
            .wrap(actix_web::middleware::from_fn(headers_and_language))
            .wrap(actix_web::middleware::Compress::default())
            .wrap(TracingLogger::default())
            .configure(configure)
    })
    .listen(listener)?
    // Graceful shutdown on SIGTERM/SIGINT: stop accepting, let requests in flight finish.
    .shutdown_timeout(15)
    .run();
    Ok(server)
}

/// The reader's language for this request, stored in the request extensions by the middleware.
pub fn request_locale(req: &actix_web::HttpRequest) -> Locale {
    req.extensions().get::<Locale>().copied().unwrap_or_default()
}

/// Whether an `Accept-Language` header prefers English over Vietnamese (a language it does not
/// name gets the weight of `*`, or none). Ties go to Vietnamese, the exchange's first language.
pub fn prefers_english(header: &str) -> bool {
    let (mut en, mut vi, mut any) = (None::<f32>, None::<f32>, 0.0_f32);
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        // A weight that does not parse counts as 0: the item is ignored.
        let q = match parts.find_map(|p| p.trim().strip_prefix("q=")) {
            Some(v) => v.trim().parse::<f32>().ok().filter(|q| q.is_finite()).unwrap_or(0.0).clamp(0.0, 1.0),
            None => 1.0,
        };
        let primary = tag.split('-').next().unwrap_or("");
        match primary {
            "en" => en = Some(en.map_or(q, |e| e.max(q))),
            "vi" => vi = Some(vi.map_or(q, |v| v.max(q))),
            "*" => any = any.max(q),
            _ => {}
        }
    }
    let en = en.unwrap_or(any);
    en > 0.0 && en > vi.unwrap_or(any)
}

/// Picks the language (`?lang=` first, then the `lang` cookie, then `Accept-Language` when it
/// prefers English, else Vietnamese), remembers an explicit choice in a cookie, says what the
/// page varies with, and adds the security headers.
async fn headers_and_language(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let chosen: Option<Locale> =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .ok()
            .and_then(|q| q.get("lang").and_then(|l| l.parse().ok()));
    let cookie = req.cookie("lang").and_then(|c| c.value().parse::<Locale>().ok());
    let accepted = || {
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(prefers_english)
            .then_some(Locale::En)
    };
    let locale = chosen.or(cookie).or_else(accepted).unwrap_or_default();
    req.extensions_mut().insert(locale);
    let is_docs = req.path().starts_with("/api/docs");
    let https = req.app_data::<web::Data<AppState>>().is_some_and(|s| s.settings.base_url.scheme() == "https");
    let mut res = next.call(req).await?;
    if let Some(l) = chosen {
        let c = actix_web::cookie::Cookie::build("lang", l.code())
            .path("/")
            .max_age(actix_web::cookie::time::Duration::days(365))
            .same_site(actix_web::cookie::SameSite::Lax)
            .http_only(true)
            .finish();
        res.response_mut().add_cookie(&c)?;
    }
    let h = res.headers_mut();
    // The same URL is a page in either language, and for a signed-in person or not.
    h.append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if https {
        // Behind TLS, browsers should never fall back to plain HTTP (the session cookie is Secure).
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    if !is_docs {
        // The vendored Swagger UI needs its own inline bootstrap; every other page runs no inline script.
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
        );
    }
    Ok(res)
}

/// Re-renders every error response by scope: a JSON problem under `/api/` and `/healthz`, an HTML
/// page in the reader's language elsewhere. Errors that did not come from [`AppError`] (an unknown
/// method, say) get the same treatment from their status alone.
fn render_error<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    // A page a handler rendered on purpose (a form returned with its errors) stays as it is.
    let is_page = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_page {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let info = res.response().extensions().get::<ErrorInfo>().cloned();
    let (req, old) = res.into_parts();
    let path = req.path().to_string();
    let mut new = if path.starts_with("/api/") || path == "/healthz" {
        Problem::new(status, info.as_ref()).response()
    } else {
        pages::error_page(&req, status, info.as_ref())
    };
    for name in [header::RETRY_AFTER, header::WWW_AUTHENTICATE, header::ALLOW] {
        if let Some(v) = old.headers().get(&name) {
            new.headers_mut().insert(name, v.clone());
        }
    }
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(req, new).map_into_right_body()))
}

#[cfg(test)]
mod tests {
    use super::prefers_english;

    #[test]
    fn english_only_when_preferred_over_vietnamese() {
        assert!(prefers_english("en-US,en;q=0.9"));
        assert!(prefers_english("fr-FR, en;q=0.5"));
        assert!(prefers_english("en-GB;q=0.9, vi;q=0.8"));
        assert!(!prefers_english("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7"));
        assert!(!prefers_english("vi, en"), "a tie goes to Vietnamese");
        assert!(!prefers_english("fr, de;q=0.5"));
        assert!(!prefers_english("*"));
        assert!(!prefers_english("en;q=0"));
        assert!(prefers_english("en, *;q=0.5"));
        assert!(!prefers_english(";;;q=,,en;q=abc;vi"), "nonsense never fails");
        assert!(!prefers_english(""));
    }
}

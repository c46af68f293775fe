//! Who is asking, and may they: the middleware every request passes through after the language
//! is chosen and before any handler runs.
//!
//! - Pages use a server-side session (cookie `ketnoi_session`, HttpOnly, SameSite=Lax, Secure
//!   behind https). The API uses personal tokens (`Authorization: Bearer kn_…`) and ignores
//!   cookies, so it needs no CSRF protection.
//! - The matched route's rule comes from the one route table ([`super::routes`]), which is also
//!   what registers the handlers: no route is served without a rule. A path that exists for other
//!   methods only is answered 405 with `Allow`.
//! - Every state-changing page request must carry the session's CSRF token (form field
//!   `csrf_token` or header `X-CSRF-Token`). The check is here, not in handlers, so it cannot be
//!   forgotten.
//! - Failed bearer tokens and token use are rate-limited per IP and per token.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use chrono::TimeDelta;

use super::routes;
use crate::db;
use crate::domain::policy::{self, Actor, Decision, Facts, Rule};
use crate::domain::signed::{Claims, Purpose, same_secret};
use crate::domain::{Role, User};
use crate::error::AppError;
use crate::state::AppState;

/// The session cookie's name.
pub const COOKIE: &str = "ketnoi_session";
/// The cookie of a visitor without a session: a signed, expiring random value from which the
/// CSRF token of the sign-in, registration and reset forms is derived. It costs no database row,
/// so a client fetching those pages in a loop fills nothing.
pub const VISITOR_COOKIE: &str = "ketnoi_form";
/// How long a visitor's form token works.
const VISITOR_TTL: TimeDelta = TimeDelta::hours(2);
/// The form field (or header, `X-CSRF-Token`) carrying the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
/// The window of the per-IP limit on bearer-token failures (`api_token_failures`).
const TOKEN_FAILURE_WINDOW: TimeDelta = TimeDelta::minutes(10);

/// The session of the request (pages only), put in the request extensions by the middleware.
#[derive(Debug, Clone)]
pub struct Session {
    /// The cookie token (to end this session or keep it when others end); empty for a visitor
    /// whose session is only the signed [`VISITOR_COOKIE`].
    pub token: String,
    pub csrf: String,
    pub user: Option<User>,
    /// Whether the user's organisation is verified.
    pub org_verified: bool,
}

/// The person a request acts for, if any (pages and API), in the request extensions.
#[derive(Debug, Clone)]
pub struct Current {
    pub actor: Actor,
    pub user: User,
}

fn actor_of(user: &User, organisation: Option<crate::domain::OrganisationId>, verified: bool) -> Actor {
    Actor { user: user.id, role: user.role, organisation, organisation_verified: verified }
}

/// The signed-in person of a request (set by the middleware).
pub fn current(req: &HttpRequest) -> Option<Current> {
    req.extensions().get::<Current>().cloned()
}

/// The session of a page request (set by the middleware).
pub fn session(req: &HttpRequest) -> Option<Session> {
    req.extensions().get::<Session>().cloned()
}

/// The signed-in person, for handlers behind a rule that requires one.
pub fn require(req: &HttpRequest) -> Result<Current, AppError> {
    current(req).ok_or(AppError::Unauthorized)
}

/// The client's address for rate limits: the TCP peer (a proxy in front must be trusted
/// explicitly, see `trust_forwarded`).
pub fn client_ip(req: &HttpRequest, trust_forwarded: bool) -> String {
    if trust_forwarded && let Some(ip) = req.connection_info().realip_remote_addr() {
        return ip.to_string();
    }
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default()
}

/// Where a new session comes from (client address and user agent), as its row records it.
fn origin(req: &HttpRequest, state: &AppState) -> (String, String) {
    let ua = req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    (client_ip(req, state.settings.trust_forwarded), ua)
}

/// The session cookie for a token.
pub fn session_cookie(state: &AppState, token: &str) -> Cookie<'static> {
    Cookie::build(COOKIE, token.to_string())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.base_url.scheme() == "https")
        .finish()
}

/// A cookie that removes the session cookie.
pub fn removal_cookie(state: &AppState) -> Cookie<'static> {
    let mut c = session_cookie(state, "");
    c.make_removal();
    c
}

/// Makes sure a visitor can post a form (sign-in, registration, reset): returns the CSRF token
/// and, for a visitor without a session, the signed visitor cookie to set. No database row is
/// made for visitors.
pub async fn ensure_session(
    req: &HttpRequest,
    state: &AppState,
) -> Result<(String, Option<Cookie<'static>>), AppError> {
    if let Some(s) = session(req) {
        return Ok((s.csrf, None));
    }
    let claims = Claims {
        sub: crate::domain::signed::random_token()?,
        extra: String::new(),
        exp: (chrono::Utc::now() + VISITOR_TTL).timestamp(),
    };
    let token = state.signer.sign(Purpose::VisitorForm, &claims);
    let cookie = Cookie::build(VISITOR_COOKIE, token.clone())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.base_url.scheme() == "https")
        .finish();
    Ok((visitor_csrf(state, &token), Some(cookie)))
}

/// The CSRF token of a visitor cookie.
fn visitor_csrf(state: &AppState, cookie: &str) -> String {
    state.signer.fingerprint(&format!("csrf.{cookie}"))
}

/// The form session of a visitor cookie that is signed and not expired.
fn visitor_session(state: &AppState, cookie: &str) -> Option<Session> {
    state.signer.verify(Purpose::VisitorForm, cookie, chrono::Utc::now().timestamp()).ok()?;
    Some(Session { token: String::new(), csrf: visitor_csrf(state, cookie), user: None, org_verified: false })
}

/// Signs `user` in: ends the request's current session (a visitor's, or someone else's) and
/// starts a new one, so no session id known before sign-in survives it. Returns the cookie.
pub async fn start_session(
    req: &HttpRequest,
    state: &AppState,
    user: crate::domain::UserId,
) -> Result<Cookie<'static>, AppError> {
    let old = session(req).map(|s| s.token).filter(|t| !t.is_empty());
    let (ip, ua) = origin(req, state);
    let new = state
        .db
        .run(move |c| {
            if let Some(t) = old {
                db::login_sessions::delete(c, &t)?;
            }
            db::login_sessions::create(c, Some(user), &ip, &ua)
        })
        .await?;
    Ok(session_cookie(state, &new.token))
}

/// The value of path parameter `name` of `pattern` in `path` (patterns here are plain segments).
fn path_param(pattern: &str, path: &str, name: &str) -> Option<String> {
    let want = format!("{{{name}}}");
    pattern.split('/').zip(path.split('/')).find(|(p, _)| *p == want).map(|(_, v)| v.to_string())
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The middleware (see the module documentation).
pub async fn authenticate(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let is_api = req.path().starts_with("/api/");
    let refuse = |req: ServiceRequest, e: AppError| Ok(req.error_response(e).map_into_right_body());

    // Who is asking.
    let current = if is_api {
        match bearer(&req) {
            None => None,
            Some(secret) => match token_actor(&state, &req, secret).await {
                Ok(c) => Some(c),
                Err(e) => return refuse(req, e),
            },
        }
    } else {
        let session = match req.cookie(COOKIE) {
            Some(c) => {
                let token = c.value().to_string();
                let t = token.clone();
                state.db.run(move |conn| db::login_sessions::find(conn, &t)).await.map_err(AppError::from)?.map(|f| {
                    let (user, verified) = f.user.map(|(u, v)| (Some(u), v)).unwrap_or((None, false));
                    Session { token, csrf: f.row.csrf_token, user, org_verified: verified }
                })
            }
            None => None,
        };
        let session = session.or_else(|| req.cookie(VISITOR_COOKIE).and_then(|c| visitor_session(&state, c.value())));
        let current = session.as_ref().and_then(|s| {
            s.user.as_ref().map(|u| Current { actor: actor_of(u, u.organisation_id, s.org_verified), user: u.clone() })
        });
        if let Some(s) = session {
            req.extensions_mut().insert(s);
        }
        current
    };
    if let Some(c) = &current {
        req.extensions_mut().insert(c.clone());
    }

    // May they.
    let pattern = req.match_pattern();
    let method = req.method().clone();
    let rule = match pattern.as_deref() {
        // No route has this path: the default service answers 404.
        None => Rule::Anyone,
        Some(p) => match routes::rule_for(method.as_str(), p) {
            Some(r) => r,
            None => {
                let allow = routes::methods_of(p);
                if allow.is_empty() {
                    // A path registered outside the table: never served.
                    tracing::warn!(method = %method, path = req.path(), "route outside the route table refused");
                    return refuse(req, AppError::NotFound);
                }
                return refuse(req, AppError::MethodNotAllowed(allow.join(", ")));
            }
        },
    };
    let facts = match facts(&state, rule, pattern.as_deref().unwrap_or(""), req.path()).await {
        Ok(f) => f,
        Err(e) => return refuse(req, e),
    };
    match policy::decide(current.as_ref().map(|c| &c.actor), rule, &facts) {
        Decision::Allow => {}
        Decision::SignIn if is_api => return refuse(req, AppError::Unauthorized),
        Decision::SignIn => {
            let next_url = match req.query_string() {
                "" => req.path().to_string(),
                q => format!("{}?{q}", req.path()),
            };
            let target = format!(
                "/login?next={}",
                url::form_urlencoded::byte_serialize(next_url.as_bytes()).collect::<String>()
            );
            let res = HttpResponse::SeeOther().insert_header((header::LOCATION, target)).finish();
            return Ok(req.into_response(res).map_into_right_body());
        }
        Decision::Forbid => {
            return refuse(req, AppError::Forbidden("you may not do this for this organisation or account".into()));
        }
    }

    // Forms must carry the session's CSRF token (a signed token in the request is proof enough).
    if !is_api && !is_safe(&method) && rule != Rule::SignedToken {
        let expected = req.extensions().get::<Session>().map(|s| s.csrf.clone());
        let given = match csrf_from(&mut req).await {
            Ok(g) => g,
            Err(e) => return refuse(req, e),
        };
        let ok = matches!((&expected, &given), (Some(e), Some(g)) if same_secret(e, g));
        if !ok {
            tracing::warn!(path = req.path(), has_session = expected.is_some(), "CSRF token missing or wrong");
            return refuse(
                req,
                AppError::Forbidden(
                    "the form has expired or did not come from this site; reload the page and try again".into(),
                ),
            );
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

fn bearer(req: &ServiceRequest) -> Option<String> {
    let v = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string())
}

/// The actor of a bearer token, with the per-IP limit on failures and the per-token rate.
async fn token_actor(state: &AppState, req: &ServiceRequest, secret: String) -> Result<Current, AppError> {
    let ip = client_ip(req.request(), state.settings.trust_forwarded);
    let rate = i32::try_from(state.settings.api_token_rate).unwrap_or(i32::MAX);
    let failures = i32::try_from(state.settings.api_token_failures).unwrap_or(i32::MAX);
    let found = state
        .db
        .run(move |c| {
            let fail_key = format!("token-fail:{ip}");
            if let Some(wait) = db::rate_limits::locked(c, &fail_key)? {
                return Ok(Err(wait));
            }
            match db::api_tokens::authenticate(c, &secret)? {
                None => {
                    // Count failures as hits; past the limit the IP waits out the window.
                    if let Err(wait) = db::rate_limits::hit(c, &fail_key, failures, TOKEN_FAILURE_WINDOW)? {
                        return Ok(Err(wait));
                    }
                    Ok(Ok(None))
                }
                Some((row, user, verified)) => {
                    if let Err(wait) =
                        db::rate_limits::hit(c, &format!("token:{}", row.id), rate, TimeDelta::minutes(1))?
                    {
                        return Ok(Err(wait));
                    }
                    Ok(Ok(Some((row, user, verified))))
                }
            }
        })
        .await?;
    match found {
        Err(wait) => Err(AppError::too_many(wait)),
        Ok(None) => Err(AppError::Unauthorized),
        Ok(Some((row, user, verified))) => {
            let org = row.organisation_id.as_deref().and_then(|o| o.parse().ok());
            // A token made for an organisation the user has since left acts for nobody.
            if org.is_some() && org != user.organisation_id {
                return Err(AppError::Unauthorized);
            }
            let verified = verified && org.is_some();
            Ok(Current { actor: actor_of(&user, org, verified), user })
        }
    }
}

/// Looks up what a rule needs beyond the actor.
async fn facts(state: &AppState, rule: Rule, pattern: &str, path: &str) -> Result<Facts, AppError> {
    Ok(match rule {
        Rule::OrgMember(p) => {
            Facts { organisation: path_param(pattern, path, p).and_then(|v| v.parse().ok()), ..Facts::default() }
        }
        Rule::ListingOwner(kind, p) => {
            let id = path_param(pattern, path, p).unwrap_or_default();
            Facts { organisation: state.db.run(move |c| db::listings::owner(c, kind, &id)).await?, ..Facts::default() }
        }
        Rule::TokenOwner(p) => {
            let id = path_param(pattern, path, p).unwrap_or_default();
            Facts { token_owner: state.db.run(move |c| db::api_tokens::owner(c, &id)).await?, ..Facts::default() }
        }
        _ => Facts::default(),
    })
}

/// The CSRF token of a state-changing request: the header, the `csrf_token` field of a
/// URL-encoded form body (the body is read and put back for the handler), or for a multipart
/// upload the `csrf_token` query parameter.
async fn csrf_from(req: &mut ServiceRequest) -> Result<Option<String>, AppError> {
    if let Some(h) = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return Ok(Some(h.to_string()));
    }
    // File uploads (multipart) carry the token in the form's action URL: the body is not read here.
    if req.content_type().eq_ignore_ascii_case("multipart/form-data") {
        return Ok(url::form_urlencoded::parse(req.query_string().as_bytes())
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.into_owned()));
    }
    let is_form = req.content_type().eq_ignore_ascii_case("application/x-www-form-urlencoded");
    if !is_form {
        return Ok(None);
    }
    let body = req
        .extract::<web::Bytes>()
        .await
        .map_err(|e| AppError::bad_param("body", format!("cannot read the form: {e}")))?;
    let token = url::form_urlencoded::parse(&body).find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v.into_owned());
    req.set_payload(Payload::from(body));
    Ok(token)
}

/// Whether a role may use the staff pages (for navigation links).
pub fn is_staff(role: Role) -> bool {
    matches!(role, Role::Staff | Role::Admin)
}

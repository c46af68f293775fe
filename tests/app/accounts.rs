//! Accounts and security over real HTTP, on the selected backend: the authorization matrix of
//! every protected route, CSRF, escaping, brute force, session fixation, tokens, enumeration,
//! signed links, and the account flows end to end (email read back from the outbox).

use std::collections::BTreeMap;

use ketnoi::db;
use ketnoi::domain::policy::Rule;
use ketnoi::domain::signed::{Claims, Purpose, Signer};
use ketnoi::domain::*;
use ketnoi::web::routes::{self, ROUTES};
use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;
use secrecy::ExposeSecret;

use crate::db::offer;
use crate::helpers::*;

// ---------------------------------------------------------------- the authorization matrix

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anonymous,
    OtherOrg,
    Owner,
    Staff,
    Admin,
}

const EVERYONE: [Who; 5] = [Who::Anonymous, Who::OtherOrg, Who::Owner, Who::Staff, Who::Admin];

/// Who may use each protected route, written down independently of `policy::ROUTES`.
fn expected() -> BTreeMap<(&'static str, &'static str), Vec<Who>> {
    use Who::*;
    let signed_in = vec![OtherOrg, Owner, Staff, Admin];
    let mut m = BTreeMap::new();
    for p in [
        "/register",
        "/login",
        "/reset",
        "/reset/confirm",
        "/verify-email/resend",
        "/invitations/accept",
        "/verify-email",
        "/account/email/confirm",
        "/renew",
        "/interest",
        "/unsubscribe",
        "/agenda",
        "/feedback",
        "/feedback/stop",
    ] {
        m.insert(("POST", p), EVERYONE.to_vec());
    }
    for (method, p) in [
        ("POST", "/logout"),
        ("GET", "/account"),
        ("POST", "/account/profile"),
        ("POST", "/account/password"),
        ("POST", "/account/email"),
        ("GET", "/account/export"),
        ("POST", "/account/delete"),
        ("GET", "/account/tokens"),
        ("POST", "/account/tokens"),
        ("GET", "/api/v1/me"),
        // A thread: the service lets in the two organisations' members and staff.
        ("GET", "/my/interests/{id}"),
        ("GET", "/account/notifications"),
        ("POST", "/account/notifications"),
    ] {
        m.insert((method, p), signed_in.clone());
    }
    m.insert(("POST", "/account/tokens/{id}/revoke"), vec![Owner]);
    for (method, p) in [
        ("GET", "/organisations/{id}/settings"),
        ("POST", "/organisations/{id}/settings"),
        ("GET", "/organisations/{id}/members"),
        ("POST", "/organisations/{id}/members/invite"),
        ("POST", "/organisations/{id}/members/leave"),
        ("PATCH", "/api/v1/organisations/{id}"),
    ] {
        m.insert((method, p), vec![Owner]);
    }
    for (method, p) in [
        ("GET", "/staff/organisations"),
        ("POST", "/staff/organisations/{id}/verify"),
        ("POST", "/staff/organisations/{id}/unverify"),
        ("POST", "/staff/organisations/{id}/change/approve"),
        ("POST", "/staff/organisations/{id}/change/reject"),
        ("POST", "/api/v1/organisations/{id}/verify"),
    ] {
        m.insert((method, p), vec![Staff, Admin]);
    }
    for (method, p) in [
        ("GET", "/admin/staff"),
        ("GET", "/admin/users"),
        ("POST", "/admin/staff"),
        ("POST", "/admin/staff/{id}/remove"),
        ("POST", "/admin/users/{id}/disable"),
        ("POST", "/admin/users/{id}/enable"),
    ] {
        m.insert((method, p), vec![Admin]);
    }
    // Listings: any member creates for their own organisation; only the owner changes one.
    let members = vec![OtherOrg, Owner];
    for (method, p) in [
        ("GET", "/my/listings"),
        ("GET", "/offers/new"),
        ("POST", "/offers/new"),
        ("GET", "/needs/new"),
        ("POST", "/needs/new"),
        ("POST", "/api/v1/offers"),
        ("POST", "/api/v1/needs"),
        // Expressions of interest: any member; the service decides which are theirs.
        ("GET", "/my/interests"),
        ("POST", "/my/interests/{id}/answer"),
        ("POST", "/my/interests/{id}/withdraw"),
        ("POST", "/my/interests/{id}/messages"),
        ("POST", "/my/interests/{id}/messages/{message}/report"),
        ("POST", "/offers/{id}/interest"),
        ("POST", "/needs/{id}/interest"),
        ("GET", "/api/v1/interests"),
        ("POST", "/api/v1/interests/{id}/accept"),
        ("POST", "/api/v1/interests/{id}/decline"),
        ("POST", "/api/v1/interests/{id}/withdraw"),
        ("POST", "/api/v1/offers/{id}/interest"),
        ("POST", "/api/v1/needs/{id}/interest"),
        // Matchmaking sessions: any member registers its own organisation; the service decides
        // which registrations and requests are theirs.
        ("GET", "/sessions/{id}/register"),
        ("POST", "/sessions/{id}/register"),
        ("POST", "/sessions/{id}/withdraw"),
        ("GET", "/sessions/{id}/meetings"),
        ("POST", "/sessions/{id}/requests"),
        ("POST", "/sessions/{id}/requests/{request}/answer"),
        ("POST", "/sessions/{id}/requests/{request}/withdraw"),
        ("POST", "/sessions/{id}/meetings/{meeting}/attendance"),
    ] {
        m.insert((method, p), members.clone());
    }
    for kind in ["offers", "needs"] {
        for (method, p) in [
            ("GET", format!("/my/{kind}/{{id}}")),
            ("POST", format!("/{kind}/{{id}}/edit")),
            ("POST", format!("/{kind}/{{id}}/submit")),
            ("POST", format!("/{kind}/{{id}}/archive")),
            ("POST", format!("/{kind}/{{id}}/suggestions/{{other}}")),
            ("POST", format!("/{kind}/{{id}}/renew")),
            ("POST", format!("/{kind}/{{id}}/attachments")),
            ("POST", format!("/{kind}/{{id}}/attachments/{{file}}/delete")),
            ("PUT", format!("/api/v1/{kind}/{{id}}")),
            ("PATCH", format!("/api/v1/{kind}/{{id}}")),
            ("POST", format!("/api/v1/{kind}/{{id}}/submit")),
            ("POST", format!("/api/v1/{kind}/{{id}}/archive")),
        ] {
            m.insert((method, Box::leak(p.into_boxed_str())), vec![Owner]);
        }
    }
    for (method, p) in [
        ("GET", "/staff/review"),
        ("GET", "/staff/review/{kind}/{id}"),
        ("POST", "/staff/review/{kind}/{id}"),
        ("GET", "/staff/revisions/{id}"),
        ("POST", "/staff/revisions/{id}"),
        ("GET", "/staff/export"),
        ("GET", "/staff/showcase"),
        ("POST", "/staff/showcase/{id}"),
        ("GET", "/staff/suggestions"),
        ("GET", "/staff/interests"),
        ("GET", "/staff/suggestions/judgements.tsv"),
        ("GET", "/staff/sessions"),
        ("GET", "/staff/sessions/new"),
        ("POST", "/staff/sessions/new"),
        ("GET", "/staff/sessions/{id}"),
        ("POST", "/staff/sessions/{id}"),
        ("POST", "/staff/sessions/{id}/status"),
        ("POST", "/staff/sessions/{id}/participants/{participant}"),
        ("POST", "/staff/sessions/{id}/pairs"),
        ("POST", "/staff/sessions/{id}/pairs/{pair}"),
        ("GET", "/staff/sessions/{id}/schedule"),
        ("POST", "/staff/sessions/{id}/schedule"),
        ("POST", "/staff/sessions/{id}/meetings/{meeting}"),
        ("GET", "/staff/sessions/{id}/updates"),
        ("POST", "/staff/sessions/{id}/updates"),
        ("POST", "/staff/sessions/{id}/remind"),
        ("GET", "/staff/sessions/{id}/tables"),
        ("GET", "/staff/sessions/{id}/door"),
        ("POST", "/staff/sessions/{id}/arrivals/{participant}"),
        ("POST", "/staff/sessions/{id}/walk-in"),
        ("GET", "/staff/sessions/{id}/day"),
        ("POST", "/staff/sessions/{id}/meetings/{meeting}/attendance"),
        ("POST", "/staff/sessions/{id}/refill"),
        ("GET", "/staff/sessions/{id}/report"),
        ("GET", "/staff/reports"),
        ("GET", "/check-in"),
        ("POST", "/check-in"),
        ("GET", "/staff/series/new"),
        ("POST", "/staff/series/new"),
        ("GET", "/staff/series/{id}"),
        ("POST", "/staff/series/{id}"),
        ("GET", "/staff"),
        ("GET", "/staff/outbox"),
        ("POST", "/staff/outbox/retry"),
        ("POST", "/staff/outbox/{id}/retry"),
        ("GET", "/staff/audit"),
        ("GET", "/staff/statistics"),
        ("GET", "/staff/yearly"),
        ("POST", "/staff/contracts"),
        ("POST", "/staff/contracts/{id}/delete"),
        ("GET", "/staff/pages"),
        ("GET", "/staff/pages/{slug}"),
        ("POST", "/staff/pages/{slug}"),
        ("GET", "/staff/news"),
        ("POST", "/staff/news"),
        ("GET", "/staff/news/{id}"),
        ("POST", "/staff/news/{id}"),
        ("POST", "/staff/news/{id}/photo"),
        ("POST", "/staff/news/{id}/photo/delete"),
    ] {
        m.insert((method, p), vec![Staff, Admin]);
    }
    m.insert(("POST", "/admin/targets"), vec![Admin]);
    m
}

/// The pages and documents anyone may read, written down independently of the route table.
const PUBLIC_READS: &[&str] = &[
    "/healthz",
    "/static/app.css",
    "/metrics",
    "/feeds/offers.atom",
    "/feeds/needs.atom",
    "/feeds/listings.json",
    "/favicon.ico",
    "/news/feed.atom",
    "/statistics",
    "/about",
    "/terms",
    "/privacy",
    "/contact",
    "/news",
    "/news/{id}",
    "/news/{id}/photo",
    "/news/{id}/thumb",
    "/api/v1/export",
    "/api/v1/search",
    "/api/v1/offers",
    "/api/v1/offers/{id}",
    "/api/v1/offers/{id}/matches",
    "/api/v1/needs",
    "/api/v1/needs/{id}",
    "/api/v1/needs/{id}/matches",
    "/api/openapi.json",
    "/api/docs/{_:.*}",
    "/",
    "/offers",
    "/offers/{id}",
    "/needs",
    "/needs/{id}",
    "/showcase",
    "/search",
    "/sessions",
    "/sessions/{id}",
    "/agenda",
    "/agenda/calendar.ics",
    "/feedback",
    "/api/v1/sessions",
    "/api/v1/sessions/{id}",
    "/organisations/{id}",
    "/files/{id}",
    "/files/{id}/thumb",
    "/register",
    "/verify-email",
    "/login",
    "/reset",
    "/reset/confirm",
    "/account/email/confirm",
    "/invitations/accept",
    "/renew",
    "/interest",
    "/unsubscribe",
];

#[test]
fn every_route_has_a_rule_and_an_expectation() {
    let mut in_table = Vec::new();
    for r in routes::all() {
        if r.method == "GET" && r.rule == Rule::Anyone {
            assert!(PUBLIC_READS.contains(&r.pattern), "GET {} is public in the table but not here", r.pattern);
        } else {
            in_table.push((r.method, r.pattern));
        }
    }
    for p in PUBLIC_READS {
        assert_eq!(routes::rule_for("GET", p), Some(Rule::Anyone), "GET {p} should be public");
    }
    in_table.sort();
    let expected: Vec<_> = expected().keys().copied().collect();
    assert_eq!(in_table, expected, "the route table and this test's expectations differ");
}

#[tokio::test]
async fn authorization_matrix() {
    let app = TestApp::spawn().await;
    let matrix = expected();
    for route in ROUTES.iter().filter(|r| matrix.contains_key(&(r.method, r.pattern))) {
        // A fresh cast for every route, so that one route's effect (signing out, deleting,
        // leaving) cannot change the next one's answer.
        let tag = uuid::Uuid::now_v7().simple().to_string();
        let owner_org = new_org(&app, &format!("Viện A {tag}"), true);
        let other_org = new_org(&app, &format!("Công ty B {tag}"), true);
        let owner = user(&app, &format!("a{tag}@vien-a.vn"), Role::Member, Some(owner_org.id));
        let colleague = user(&app, &format!("c{tag}@vien-a.vn"), Role::Member, Some(owner_org.id));
        let other = user(&app, &format!("b{tag}@cty-b.vn"), Role::Member, Some(other_org.id));
        let staff = user(&app, &format!("s{tag}@ketnoi.vn"), Role::Staff, None);
        let admin = user(&app, &format!("q{tag}@ketnoi.vn"), Role::Admin, None);
        let target_staff = user(&app, &format!("t{tag}@ketnoi.vn"), Role::Staff, None);
        // The colleague keeps the owner from being the last member (leaving is then possible).
        let _ = colleague;
        let (owner_token, _) =
            db::api_tokens::create(&mut app.db.conn().unwrap(), owner.id, Some(owner_org.id), "t").unwrap();
        let owned_offer = offer(owner_org.id, "Chế phẩm vi sinh xử lý ao nuôi", ListingStatus::Draft);
        let owned_need = crate::db::need(owner_org.id, "Cần máy sấy nông sản");
        db::offers::insert(&mut app.db.conn().unwrap(), &owned_offer).unwrap();
        db::needs::insert(&mut app.db.conn().unwrap(), &owned_need).unwrap();
        let id = match (route.rule, route.pattern) {
            (Rule::TokenOwner(_), _) => owner_token.id.clone(),
            (Rule::ListingOwner(ListingKind::Offer, _), _) => owned_offer.id.to_string(),
            (Rule::ListingOwner(ListingKind::Need, _), _) => owned_need.id.to_string(),
            (_, p) if p.starts_with("/admin/staff/") => target_staff.id.to_string(),
            (_, p) if p.starts_with("/staff/review/") || p.starts_with("/staff/showcase/") => {
                owned_offer.id.to_string()
            }
            _ => owner_org.id.to_string(),
        };
        let path = route
            .pattern
            .replace("{id}", &id)
            .replace("{kind}", "offer")
            .replace("{file}", &uuid::Uuid::now_v7().to_string());
        for who in EVERYONE {
            let actor = match who {
                Who::Anonymous => None,
                Who::OtherOrg => Some(&other),
                Who::Owner => Some(&owner),
                Who::Staff => Some(&staff),
                Who::Admin => Some(&admin),
            };
            let is_api = path.starts_with("/api/");
            let method = reqwest::Method::from_bytes(route.method.as_bytes()).unwrap();
            let url = format!("{}{path}", app.address);
            let res = if is_api {
                let client = reqwest::Client::new();
                let mut req = client.request(method, &url).json(&serde_json::json!({}));
                if let Some(u) = actor {
                    let (_, secret) =
                        db::api_tokens::create(&mut app.db.conn().unwrap(), u.id, u.organisation_id, "m").unwrap();
                    req = req.bearer_auth(secret);
                }
                req.send().await.unwrap()
            } else {
                let (client, csrf) = match actor {
                    Some(u) => signed_in(&app, u),
                    None => {
                        // A visitor with a session (and its CSRF token), as after opening a form.
                        let b = Browser::new(&app);
                        let token = b.csrf("/login").await;
                        (b.client, token)
                    }
                };
                client.request(method, &url).form(&[("csrf_token", csrf.as_str())]).send().await.unwrap()
            };
            let status = res.status();
            let allowed = matrix[&(route.method, route.pattern)].contains(&who);
            let what = format!("{} {} as {who:?}: {status}", route.method, route.pattern);
            assert!(!status.is_server_error(), "{what}");
            if allowed {
                assert!(
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    "{what} should be allowed"
                );
                assert!(!location(&res).starts_with("/login"), "{what} should not ask to sign in");
            } else if who == Who::Anonymous && is_api {
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}");
            } else if who == Who::Anonymous {
                assert_eq!(status, StatusCode::SEE_OTHER, "{what}");
                assert!(location(&res).starts_with("/login?next="), "{what}");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{what}");
            }
        }
    }
}

// ---------------------------------------------------------------- CSRF, escaping, brute force

#[tokio::test]
async fn csrf_missing_or_wrong_is_refused() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Viện Nghiên cứu", true);
    let u = user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    let (client, csrf) = signed_in(&app, &u);
    let url = format!("{}/account/profile", app.address);
    let form = |t: Option<&str>| {
        let mut f = vec![("display_name", "Nguyễn Thị Lan"), ("locale", "vi")];
        if let Some(t) = t {
            f.push(("csrf_token", t));
        }
        f.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>()
    };
    let missing = client.post(&url).form(&form(None)).send().await.unwrap();
    assert_eq!(missing.status(), 403);
    assert!(missing.text().await.unwrap().contains("Không có quyền"));
    let wrong = client.post(&url).form(&form(Some("x".repeat(43).as_str()))).send().await.unwrap();
    assert_eq!(wrong.status(), 403);
    let before = db::users::get(&mut app.db.conn().unwrap(), u.id).unwrap().unwrap();
    assert_eq!(before.display_name, u.display_name, "a refused request changes nothing");
    let right = client.post(&url).form(&form(Some(&csrf))).send().await.unwrap();
    assert_eq!(right.status(), 303);
    assert_eq!(db::users::get(&mut app.db.conn().unwrap(), u.id).unwrap().unwrap().display_name, "Nguyễn Thị Lan");
    // Visitors' forms too: signing in without the token of a session is refused.
    let b = Browser::new(&app);
    let r = b.post("/login", &[("email", "lan@vien.vn"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), 403);
    // The header works as well as the field (for scripts).
    let r = client
        .post(&url)
        .header("x-csrf-token", &csrf)
        .form(&[("display_name", "Lan"), ("locale", "vi")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn xss_payloads_come_back_escaped_everywhere() {
    let app = TestApp::with_demo().await;
    const XSS: &str = r#"<script>alert("x")</script><img src=x onerror=alert(1)>"#;
    // The registration form returned with errors (the password is too short) keeps every field.
    let b = Browser::new(&app);
    let fields = [
        "display_name",
        "email",
        "name",
        "tax_code",
        "address",
        "website",
        "description",
        "contact_name",
        "contact_email",
        "contact_phone",
    ];
    let mut form: Vec<(&str, &str)> = fields.iter().map(|f| (*f, XSS)).collect();
    form.extend([("password", "short"), ("kind", XSS), ("province", XSS)]);
    let r = b.submit("/register", "/register", &form).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(!body.contains("<script>alert") && !body.contains("<img src=x"), "raw payload in the page");
    assert!(body.contains("&#60;script&#62;") || body.contains("&lt;script&gt;"), "the typed text is kept, escaped");
    // Saved values shown on pages: the organisation's settings, public page and the member's name.
    let o = new_org(&app, "Viện", true);
    let u = user(&app, "x@vien.vn", Role::Member, Some(o.id));
    let (client, csrf) = signed_in(&app, &u);
    let save = client
        .post(format!("{}/organisations/{}/settings", app.address, o.id))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("kind", "university"),
            ("name", XSS),
            ("province", "hue"),
            ("address", XSS),
            ("description", XSS),
            ("contact_name", XSS),
            ("contact_email", "lienhe@vien.vn"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(save.status(), 303, "{}", save.text().await.unwrap());
    client
        .post(format!("{}/account/profile", app.address))
        .form(&[("csrf_token", csrf.as_str()), ("display_name", XSS), ("locale", "vi")])
        .send()
        .await
        .unwrap();
    for path in [
        format!("/organisations/{}/settings", o.id),
        format!("/organisations/{}", o.id),
        "/account".into(),
        "/staff/organisations".into(),
    ] {
        let (client, _) = if path.starts_with("/staff") {
            signed_in(&app, &user(&app, &format!("s{}@ketnoi.vn", uuid::Uuid::now_v7().simple()), Role::Staff, None))
        } else {
            (client.clone(), String::new())
        };
        let body = client.get(format!("{}{path}", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(!body.contains("<script>alert") && !body.contains("<img src=x"), "raw payload on {path}");
        assert!(body.contains("&#60;script&#62;") || body.contains("&lt;script&gt;"), "payload missing on {path}");
    }
}

#[tokio::test]
async fn brute_force_login_is_answered_with_429() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Viện", true);
    user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    let b = Browser::new(&app);
    for i in 0..5 {
        let r = b.login("lan@vien.vn", "sai mật khẩu nhé").await;
        assert_eq!(r.status(), 422, "attempt {i}");
        assert!(r.text().await.unwrap().contains("Email hoặc mật khẩu không đúng"));
    }
    let r = b.login("lan@vien.vn", "sai mật khẩu nhé").await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    assert!(r.text().await.unwrap().contains("Bạn đã thử quá nhiều lần"), "a Vietnamese message");
    // Locked: even the right password waits.
    let r = b.login("lan@vien.vn", PASSWORD).await;
    assert_eq!(r.status(), 429);
    // Another account from the same address is not locked, until the address itself is limited.
    let o2 = new_org(&app, "Công ty", true);
    user(&app, "an@cty.vn", Role::Member, Some(o2.id));
    let r = b.login("an@cty.vn", PASSWORD).await;
    assert_eq!(r.status(), 303);
    let b2 = Browser::new(&app);
    let mut last = StatusCode::OK;
    for i in 0..40 {
        last = b2.login(&format!("khong-co-{i}@vi-du.vn"), "bất kỳ mật khẩu nào").await.status();
        if last == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "the per-address limit");
}

#[tokio::test]
async fn signing_in_starts_a_new_session() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Viện", true);
    user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    let b = Browser::new(&app);
    let page = b.client.get(format!("{}/login", app.address)).send().await.unwrap();
    // A visitor gets a signed form cookie, no session (and no database row).
    assert!(session_cookie(&page).is_none());
    let before = page.headers().get_all(SET_COOKIE).iter().find_map(|v| {
        v.to_str().unwrap().strip_prefix("ketnoi_form=").map(|v| v.split(';').next().unwrap().to_string())
    });
    let before = before.expect("a visitor's form cookie");
    let token = csrf_in(&page.text().await.unwrap()).unwrap();
    let r = b.post("/login", &[("email", "lan@vien.vn"), ("password", PASSWORD), ("csrf_token", &token)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/account");
    let cookie = r.headers().get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>();
    let after = session_cookie(&r).expect("a new session cookie");
    assert_ne!(before, after);
    let c = cookie.iter().find(|c| c.starts_with("ketnoi_session=")).unwrap();
    assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax"), "{c}");
    // The id known before signing in is worthless now (fixation).
    let fixated = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = fixated
        .get(format!("{}/account", app.address))
        .header("cookie", format!("ketnoi_session={before}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "the old session id is not signed in");
    let (status, body) = b.get("/account").await;
    assert_eq!(status, 200);
    assert!(body.contains("lan@vien.vn"));
    // Signing out ends the session.
    let r = b.submit("/account", "/logout", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(b.get("/account").await.0, 303);
}

// ---------------------------------------------------------------- tokens and the API

#[tokio::test]
async fn api_tokens_are_shown_once_used_and_revoked() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Viện", true);
    let u = user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    let (client, csrf) = signed_in(&app, &u);
    let r = client
        .post(format!("{}/account/tokens", app.address))
        .form(&[("csrf_token", csrf.as_str()), ("name", "Cổng thông tin của viện")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    let at =
        body.find(r#"<code id="secret-value">"#).expect("the token is shown") + r#"<code id="secret-value">"#.len();
    let secret = body[at..].split('<').next().unwrap().to_string();
    assert!(secret.starts_with("kn_"));
    // Stored hashed only.
    let rows = db::api_tokens::for_user(&mut app.db.conn().unwrap(), u.id).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].token_hash.contains(&secret[3..]) && rows[0].token_hash.len() == 64);
    // Never shown again.
    let list = client.get(format!("{}/account/tokens", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(!list.contains(&secret) && list.contains("Cổng thông tin của viện"));
    let api = reqwest::Client::new();
    let me = api.get(format!("{}/api/v1/me", app.address)).bearer_auth(&secret).send().await.unwrap();
    assert_eq!(me.status(), 200);
    let me: serde_json::Value = me.json().await.unwrap();
    assert_eq!(me["email"], "lan@vien.vn");
    assert_eq!(me["organisation"]["id"], o.id.to_string());
    let used = db::api_tokens::for_user(&mut app.db.conn().unwrap(), u.id).unwrap();
    assert!(used[0].last_used_at.is_some(), "last use recorded");
    // The organisation through the API: a partial update, a refused field, an unknown field.
    let url = format!("{}/api/v1/organisations/{}", app.address, o.id);
    let r = api
        .patch(&url)
        .bearer_auth(&secret)
        .json(&serde_json::json!({"description": "Mô tả mới", "contact": {"phone": "0234 3822 999"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let org: serde_json::Value = r.json().await.unwrap();
    assert_eq!(org["description"], "Mô tả mới");
    assert_eq!(org["contact"]["phone"], "0234 3822 999");
    assert_eq!(org["name"], o.name, "absent fields keep their value");
    let r = api
        .patch(&url)
        .bearer_auth(&secret)
        .json(&serde_json::json!({"website": "javascript:alert(1)", "province": "atlantis"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let p: serde_json::Value = r.json().await.unwrap();
    let fields: Vec<_> =
        p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["province", "website"], "{p}");
    let r = api.patch(&url).bearer_auth(&secret).json(&serde_json::json!({"colour": "red"})).send().await.unwrap();
    assert_eq!(r.status(), 400);
    // Revoked: 401.
    let id = rows[0].id.clone();
    let r = client
        .post(format!("{}/account/tokens/{id}/revoke", app.address))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = api.get(format!("{}/api/v1/me", app.address)).bearer_auth(&secret).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().get("www-authenticate").is_some());
    // Guessing tokens is limited per address.
    let mut last = StatusCode::OK;
    for i in 0..30 {
        last = api
            .get(format!("{}/api/v1/me", app.address))
            .bearer_auth(format!("kn_guess{i}"))
            .send()
            .await
            .unwrap()
            .status();
        if last == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

// ---------------------------------------------------------------- enumeration and links

fn registration<'a>(email: &'a str, tax: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("display_name", "Trần Văn Hùng"),
        ("email", email),
        ("password", PASSWORD),
        ("kind", "enterprise"),
        ("name", "Công ty TNHH Cơ khí Phú Bài"),
        ("tax_code", tax),
        ("province", "hue"),
        ("address", "Khu công nghiệp Phú Bài, phường Phú Bài, thành phố Huế"),
        ("contact_phone", "0234 3861 234"),
        ("share_contact", "on"),
        ("accept_terms", "on"),
    ]
}

#[tokio::test]
async fn reset_and_registration_answer_the_same_for_known_and_unknown_addresses() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Viện", true);
    user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    let b = Browser::new(&app);
    let known = b.submit("/reset", "/reset", &[("email", "lan@vien.vn")]).await;
    let unknown = b.submit("/reset", "/reset", &[("email", "ai.do@khong-co.vn")]).await;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(mails_to(&app, "lan@vien.vn"), ["reset-password"]);
    assert!(mails_to(&app, "ai.do@khong-co.vn").is_empty());

    let known = b.submit("/register", "/register", &registration("LAN@vien.vn", "")).await;
    let unknown = b.submit("/register", "/register", &registration("moi@cty.vn", "")).await;
    assert_eq!(known.status(), 200);
    assert_eq!(known.status(), unknown.status());
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    // The owner of the known address is told; nothing was created for it.
    assert_eq!(mails_to(&app, "lan@vien.vn"), ["reset-password", "account-exists"]);
    assert_eq!(mails_to(&app, "moi@cty.vn"), ["verify-email"]);
}

#[tokio::test]
async fn registration_verification_links_expire_and_resist_tampering() {
    let app = TestApp::spawn().await;
    let b = Browser::new(&app);
    let r = b.submit("/register", "/register", &registration("hung@phubai.vn", "3301234567")).await;
    assert_eq!(r.status(), 200);
    // Not verified yet: no sign-in, a resend offered.
    let r = b.login("hung@phubai.vn", PASSWORD).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("xác nhận email"));
    let link = link_in_mail(&app, "hung@phubai.vn", "verify-email", "/verify-email");
    let path = &link[link.find("/verify-email").unwrap()..];
    // Tampered: one character of the payload changed.
    let at = path.find("token=").unwrap() + 6;
    let mut bytes = path.as_bytes().to_vec();
    bytes[at + 3] = if bytes[at + 3] == b'A' { b'B' } else { b'A' };
    let (status, body) = b.get(std::str::from_utf8(&bytes).unwrap()).await;
    assert_eq!(status, 400);
    assert!(body.contains("không hợp lệ"));
    // Expired: a link signed with the same key an hour in the past.
    let key = app.settings.secret_key_or_generate().unwrap();
    let signer = Signer::new(key.expose_secret());
    let u =
        db::users::by_email(&mut app.db.conn().unwrap(), &Email::parse("hung@phubai.vn").unwrap()).unwrap().unwrap();
    let old = signer.sign(
        Purpose::VerifyEmail,
        &Claims { sub: u.id.to_string(), extra: u.email.to_string(), exp: chrono::Utc::now().timestamp() - 3600 },
    );
    let (status, body) = b.get(&format!("/verify-email?token={old}")).await;
    assert_eq!(status, 400);
    assert!(body.contains("hết hạn"));
    // A link for another purpose is refused too.
    let other = signer
        .sign(Purpose::ResetPassword, &Claims { sub: u.id.to_string(), extra: u.email.to_string(), exp: i64::MAX });
    assert_eq!(b.get(&format!("/verify-email?token={other}")).await.0, 400);
    // The real link works once its page is confirmed (opening it changes nothing), and signing in
    // then works.
    assert_eq!(b.login("hung@phubai.vn", PASSWORD).await.status(), 422, "opening the page is not confirming");
    let r = b.confirm(path).await;
    assert_eq!(r.status(), 200);
    assert_eq!(b.login("hung@phubai.vn", PASSWORD).await.status(), 303);
    // The organisation waits for the centre: registered but not verified.
    let orgs = db::organisations::list(&mut app.db.conn().unwrap()).unwrap();
    assert_eq!(orgs.len(), 1);
    assert!(orgs[0].verified_at.is_none() && orgs[0].contact.share && orgs[0].contact.email == "hung@phubai.vn");
    // The same tax code cannot register twice; what was typed comes back.
    let r = Browser::new(&app).submit("/register", "/register", &registration("khac@phubai.vn", "3301234567")).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("đã đăng ký") && body.contains("Khu công nghiệp Phú Bài"), "{body}");
}

#[tokio::test]
async fn password_reset_works_once_and_ends_sessions() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Viện", true);
    let u = user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    let (old_client, _) = signed_in(&app, &u);
    let b = Browser::new(&app);
    b.submit("/reset", "/reset", &[("email", "lan@vien.vn")]).await;
    let link = link_in_mail(&app, "lan@vien.vn", "reset-password", "/reset/confirm");
    let path = &link[link.find("/reset/confirm").unwrap()..];
    let token = path.split("token=").nth(1).unwrap().to_string();
    // A weak password is refused next to the field.
    let r = b.submit(path, "/reset/confirm", &[("token", &token), ("password", "matkhau123")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("quá phổ biến"));
    let r = b.submit(path, "/reset/confirm", &[("token", &token), ("password", "một mật khẩu mới toanh")]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        old_client.get(format!("{}/account", app.address)).send().await.unwrap().status(),
        303,
        "old sessions end"
    );
    // Used once: the link no longer works.
    assert_eq!(b.get(path).await.0, 400);
    assert_eq!(b.login("lan@vien.vn", PASSWORD).await.status(), 422);
    assert_eq!(b.login("lan@vien.vn", "một mật khẩu mới toanh").await.status(), 303);
}

// ---------------------------------------------------------------- the account's life

#[tokio::test]
async fn members_invite_join_leave_and_staff_verify() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Công ty Phú Bài", false);
    let owner = user(&app, "hung@phubai.vn", Role::Member, Some(o.id));
    let (client, csrf) = signed_in(&app, &owner);
    let r = client
        .post(format!("{}/organisations/{}/members/invite", app.address, o.id))
        .form(&[("csrf_token", csrf.as_str()), ("email", "Mai@PhuBai.vn")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let link = link_in_mail(&app, "mai@phubai.vn", "invite", "/invitations/accept");
    let path = &link[link.find("/invitations/accept").unwrap()..];
    let token = path.split("token=").nth(1).unwrap().to_string();
    let b = Browser::new(&app);
    let (status, page) = b.get(path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Công ty Phú Bài"));
    let r = b
        .submit(
            path,
            "/invitations/accept",
            &[("token", &token), ("display_name", "Lê Thị Mai"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, members) = b.get(&format!("/organisations/{}/members", o.id)).await;
    assert!(members.contains("Lê Thị Mai") && members.contains("hung@phubai.vn"));
    // Mai leaves (with confirmation); the owner, now the last member, cannot.
    let r = b.submit("/account", &format!("/organisations/{}/members/leave", o.id), &[]).await;
    assert_eq!(r.status(), 422, "the confirmation box is required");
    let r = b.submit("/account", &format!("/organisations/{}/members/leave", o.id), &[("confirm", "on")]).await;
    assert_eq!(r.status(), 303);
    let r = client
        .post(format!("{}/organisations/{}/members/leave", app.address, o.id))
        .form(&[("csrf_token", csrf.as_str()), ("confirm", "on")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("thành viên cuối cùng"));
    // Staff verify the organisation; the audit log has each step.
    let staff = user(&app, "canbo@ketnoi.vn", Role::Staff, None);
    let (sc, scsrf) = signed_in(&app, &staff);
    let queue = sc.get(format!("{}/staff/organisations", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(queue.contains("Công ty Phú Bài"));
    let r = sc
        .post(format!("{}/staff/organisations/{}/verify", app.address, o.id))
        .form(&[("csrf_token", scsrf.as_str()), ("confirm", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let mut c = app.db.conn().unwrap();
    assert!(db::organisations::get(&mut c, o.id).unwrap().unwrap().verified_at.is_some());
    let actions: Vec<String> = db::audit::for_entity(&mut c, "organisation", &o.id.to_string())
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    for a in [
        "organisation.member_invited",
        "organisation.member_joined",
        "organisation.member_left",
        "organisation.verified",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} missing from {actions:?}");
    }
}

#[tokio::test]
async fn contact_details_follow_the_privacy_rule() {
    let app = TestApp::spawn().await;
    let owner = new_org(&app, "Viện Sinh học", true);
    let listing = offer(owner.id, "Chế phẩm vi sinh", ListingStatus::Published);
    db::offers::insert(&mut app.db.conn().unwrap(), &listing).unwrap();
    let path = format!("/offers/{}", listing.id);
    let email = owner.contact.email.clone();
    let anonymous = Browser::new(&app).get(&path).await.1;
    assert!(!anonymous.contains(&email) && anonymous.contains("Đăng nhập bằng tài khoản của một tổ chức đã xác minh"));
    let unverified = new_org(&app, "Công ty mới", false);
    let (c, _) = signed_in(&app, &user(&app, "moi@cty.vn", Role::Member, Some(unverified.id)));
    assert!(!c.get(format!("{}{path}", app.address)).send().await.unwrap().text().await.unwrap().contains(&email));
    let verified = new_org(&app, "Công ty đã xác minh", true);
    let (c, _) = signed_in(&app, &user(&app, "da@cty.vn", Role::Member, Some(verified.id)));
    assert!(c.get(format!("{}{path}", app.address)).send().await.unwrap().text().await.unwrap().contains(&email));
    // Without consent, only the owner's members and staff see it.
    let mut o = db::organisations::get(&mut app.db.conn().unwrap(), owner.id).unwrap().unwrap();
    o.contact.share = false;
    db::organisations::update(&mut app.db.conn().unwrap(), &o).unwrap();
    let body = c.get(format!("{}{path}", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(!body.contains(&email) && body.contains("chưa đồng ý chia sẻ"));
    let (s, _) = signed_in(&app, &user(&app, "cb@ketnoi.vn", Role::Staff, None));
    assert!(s.get(format!("{}{path}", app.address)).send().await.unwrap().text().await.unwrap().contains(&email));
}

#[tokio::test]
async fn export_change_email_and_delete() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Viện", true);
    let u = user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    let listing = offer(o.id, "Máy sấy nông sản", ListingStatus::Published);
    db::offers::insert(&mut app.db.conn().unwrap(), &listing).unwrap();
    let (client, csrf) = signed_in(&app, &u);
    let post = |path: &str, form: Vec<(&str, &str)>| {
        let mut f: Vec<(String, String)> = form.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        f.push(("csrf_token".into(), csrf.clone()));
        client.post(format!("{}{path}", app.address)).form(&f).send()
    };
    // Export: everything about the person, no secrets.
    let r = client.get(format!("{}/account/export", app.address)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let doc: serde_json::Value = r.json().await.unwrap();
    assert_eq!(doc["user"]["email"], "lan@vien.vn");
    assert_eq!(doc["organisation"]["id"], o.id.to_string());
    assert!(!doc.to_string().contains("argon2"), "no password hash");
    // Email change: the wrong password is refused next to its field; the new address confirms.
    let r =
        post("/account/email", vec![("new_email", "lan.nguyen@vien.vn"), ("password", "không phải")]).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("lan.nguyen@vien.vn"), "what was typed is kept");
    let r = post("/account/email", vec![("new_email", "lan.nguyen@vien.vn"), ("password", PASSWORD)]).await.unwrap();
    assert_eq!(r.status(), 303);
    let link = link_in_mail(&app, "lan.nguyen@vien.vn", "change-email", "/account/email/confirm");
    let path = &link[link.find("/account/email/confirm").unwrap()..];
    assert_eq!(confirm_with(&client, &app.address, path).await.status(), 200);
    assert_eq!(
        db::users::get(&mut app.db.conn().unwrap(), u.id).unwrap().unwrap().email.as_str(),
        "lan.nguyen@vien.vn"
    );
    // Delete: the password is checked; the last member's listings are archived, the log kept.
    assert_eq!(post("/account/delete", vec![("password", "sai")]).await.unwrap().status(), 422);
    let r = post("/account/delete", vec![("password", PASSWORD)]).await.unwrap();
    assert_eq!(r.status(), 200);
    let mut c = app.db.conn().unwrap();
    assert!(db::users::get(&mut c, u.id).unwrap().is_none());
    assert_eq!(db::offers::get(&mut c, listing.id).unwrap().unwrap().status, ListingStatus::Archived);
    let log = db::audit::for_entity(&mut c, "user", &u.id.to_string()).unwrap();
    assert!(log.iter().any(|a| a.action == "user.deleted") && log.iter().any(|a| a.action == "user.email_changed"));
    assert_eq!(client.get(format!("{}/account", app.address)).send().await.unwrap().status(), 303);
}

#[tokio::test]
async fn admins_manage_staff_but_never_remove_the_last_admin() {
    let app = TestApp::spawn().await;
    let admin = user(&app, "quantri@ketnoi.vn", Role::Admin, None);
    let o = new_org(&app, "Viện", true);
    let m = user(&app, "lan@vien.vn", Role::Member, Some(o.id));
    let (client, csrf) = signed_in(&app, &admin);
    let post = |path: String, form: Vec<(&'static str, &'static str)>| {
        let mut f: Vec<(String, String)> = form.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        f.push(("csrf_token".into(), csrf.clone()));
        client.post(format!("{}{path}", app.address)).form(&f).send()
    };
    let r = post("/admin/staff".into(), vec![("email", "khong-co@vi-du.vn"), ("role", "staff")]).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Không có tài khoản"));
    let r = post("/admin/staff".into(), vec![("email", "lan@vien.vn"), ("role", "staff")]).await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(db::users::get(&mut app.db.conn().unwrap(), m.id).unwrap().unwrap().role, Role::Staff);
    let r = post(format!("/admin/staff/{}/remove", admin.id), vec![]).await.unwrap();
    assert_eq!(r.status(), 422, "the last admin stays");
    let r = post(format!("/admin/staff/{}/remove", m.id), vec![]).await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(db::users::get(&mut app.db.conn().unwrap(), m.id).unwrap().unwrap().role, Role::Member);
}

#[tokio::test]
async fn every_account_page_renders_in_both_languages() {
    let app = TestApp::with_demo().await;
    let o = new_org(&app, "Viện", true);
    let admin = user(&app, "quantri@ketnoi.vn", Role::Admin, Some(o.id));
    let (client, _) = signed_in(&app, &admin);
    for path in [
        "/account".to_string(),
        "/account/tokens".into(),
        format!("/organisations/{}/settings", o.id),
        format!("/organisations/{}/members", o.id),
        "/staff/organisations".into(),
        "/admin/staff".into(),
    ] {
        for (lang, marker) in [("vi", r#"<html lang="vi">"#), ("en", r#"<html lang="en">"#)] {
            let r = client.get(format!("{}{path}?lang={lang}", app.address)).send().await.unwrap();
            assert_eq!(r.status(), 200, "{path} {lang}");
            let body = r.text().await.unwrap();
            assert!(body.contains(marker), "{path} {lang}");
            assert!(!body.contains("account.") && !body.contains("err."), "an untranslated key on {path}");
        }
    }
    for path in ["/login", "/register", "/reset"] {
        for lang in ["vi", "en"] {
            let (status, body) = Browser::new(&app).get(&format!("{path}?lang={lang}")).await;
            assert_eq!(status, 200);
            assert!(csrf_in(&body).is_some(), "{path} has a CSRF token");
        }
    }
}

/// An email speaks the recipient's saved language, whatever the language of the page that
/// caused it; its wording comes from the catalogue, with nothing of the other language in it.
#[tokio::test]
async fn emails_speak_the_recipients_saved_language() {
    let app = TestApp::spawn().await;
    let o = new_org(&app, "Viện", true);
    let mut en = user(&app, "an@vien.vn", Role::Member, Some(o.id));
    en.locale = Locale::En;
    db::users::update(&mut app.db.conn().unwrap(), &en).unwrap();
    user(&app, "binh@vien.vn", Role::Member, Some(o.id));
    let b = Browser::new(&app);
    for to in ["an@vien.vn", "binh@vien.vn"] {
        // Both asked from a Vietnamese page.
        b.submit("/reset?lang=vi", "/reset", &[("email", to)]).await;
    }
    let english = mail_text(&app, "an@vien.vn", "reset-password");
    assert!(english.starts_with("Hello Người dùng an@vien.vn,"), "{english}");
    assert!(english.contains("Choose a new password:") && english.contains("Hue City, Viet Nam"), "{english}");
    assert!(!english.contains("Xin chào") && !english.contains("mật khẩu"), "{english}");
    let vietnamese = mail_text(&app, "binh@vien.vn", "reset-password");
    assert!(vietnamese.starts_with("Xin chào Người dùng binh@vien.vn,"), "{vietnamese}");
    assert!(vietnamese.contains("Chọn mật khẩu mới:") && vietnamese.contains("Thành phố Huế"), "{vietnamese}");
    assert!(!vietnamese.contains("Hello") && !vietnamese.contains("password"), "{vietnamese}");
}

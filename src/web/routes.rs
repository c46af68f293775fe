//! The one route table: every route's method, path, handler and access rule, declared together.
//! The actix configuration ([`register`]) and the authorization middleware ([`rule_for`]) are
//! both built from it, so a route cannot be served without a rule: public pages say
//! `Rule::Anyone` explicitly. A request whose path exists but not for its method is answered
//! 405 with `Allow`; `HEAD` is served by every `GET` route.
//!
//! Order matters where patterns overlap: fixed paths (`/offers/new`) come before `{id}` patterns.

use actix_web::{guard, web};

use super::{api, feeds, pages};
use crate::domain::ListingKind::{Need, Offer};
use crate::domain::policy::Rule::{self, *};

/// A route of the table: method (upper case), actix path pattern, access rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteRule {
    pub method: &'static str,
    pub pattern: &'static str,
    pub rule: Rule,
}

/// The actix route for a method of the table (`GET` also answers `HEAD`).
fn method_route(method: &str) -> actix_web::Route {
    match method {
        "GET" => web::route().guard(guard::Any(guard::Get()).or(guard::Head())),
        "POST" => web::post(),
        "PUT" => web::put(),
        "PATCH" => web::patch(),
        "DELETE" => web::delete(),
        // Unreachable: the table below only uses the methods above (a unit test checks it).
        _ => web::route().guard(guard::fn_guard(|_| false)),
    }
}

macro_rules! route_table {
    ($($method:literal $path:literal => $handler:path, $rule:expr;)*) => {
        /// Every route of the application served by a handler.
        pub const ROUTES: &[RouteRule] = &[$(RouteRule { method: $method, pattern: $path, rule: $rule }),*];

        /// Registers every route of [`ROUTES`] with its handler.
        fn register_handlers(cfg: &mut web::ServiceConfig) {
            $(cfg.route($path, method_route($method).to($handler));)*
        }
    };
}

route_table! {
    // Operations and public documents.
    "GET" "/healthz" => super::healthz, Anyone;
    "GET" "/static/app.css" => super::css, Anyone;
    "GET" "/favicon.ico" => super::favicon, Anyone;
    "GET" "/metrics" => super::metrics, Anyone;
    "GET" "/feeds/offers.atom" => feeds::offers_atom, Anyone;
    "GET" "/feeds/needs.atom" => feeds::needs_atom, Anyone;
    "GET" "/feeds/listings.json" => feeds::json_feed, Anyone;
    "GET" "/news/feed.atom" => feeds::news_atom, Anyone;
    // The JSON API (bearer tokens).
    "GET" "/api/v1/me" => api::accounts::me, SignedIn;
    "PATCH" "/api/v1/organisations/{id}" => api::accounts::patch_organisation, OrgMember("id");
    "POST" "/api/v1/organisations/{id}/verify" => api::accounts::verify_organisation, Staff;
    "GET" "/api/v1/export" => api::export::export, Anyone;
    "GET" "/api/v1/search" => api::search::search, Anyone;
    "POST" "/api/v1/offers" => api::writes::create_offer, Member;
    "GET" "/api/v1/offers" => api::listings::list_offers, Anyone;
    "PUT" "/api/v1/offers/{id}" => api::writes::put_offer, ListingOwner(Offer, "id");
    "PATCH" "/api/v1/offers/{id}" => api::writes::patch_offer, ListingOwner(Offer, "id");
    "GET" "/api/v1/offers/{id}" => api::listings::get_offer, Anyone;
    "GET" "/api/v1/offers/{id}/matches" => api::matches::offer_matches, Anyone;
    "POST" "/api/v1/offers/{id}/interest" => api::interests::offer_interest, Member;
    "POST" "/api/v1/offers/{id}/submit" => api::writes::submit_offer, ListingOwner(Offer, "id");
    "POST" "/api/v1/offers/{id}/archive" => api::writes::archive_offer, ListingOwner(Offer, "id");
    "POST" "/api/v1/needs" => api::writes::create_need, Member;
    "GET" "/api/v1/needs" => api::listings::list_needs, Anyone;
    "PUT" "/api/v1/needs/{id}" => api::writes::put_need, ListingOwner(Need, "id");
    "PATCH" "/api/v1/needs/{id}" => api::writes::patch_need, ListingOwner(Need, "id");
    "GET" "/api/v1/needs/{id}" => api::listings::get_need, Anyone;
    "GET" "/api/v1/needs/{id}/matches" => api::matches::need_matches, Anyone;
    "POST" "/api/v1/needs/{id}/interest" => api::interests::need_interest, Member;
    "GET" "/api/v1/interests" => api::interests::list, Member;
    "POST" "/api/v1/interests/{id}/accept" => api::interests::accept, Member;
    "POST" "/api/v1/interests/{id}/decline" => api::interests::decline, Member;
    "POST" "/api/v1/interests/{id}/withdraw" => api::interests::withdraw, Member;
    "GET" "/api/v1/sessions" => api::sessions::list, Anyone;
    "GET" "/api/v1/sessions/{id}" => api::sessions::get, Anyone;
    "POST" "/api/v1/needs/{id}/submit" => api::writes::submit_need, ListingOwner(Need, "id");
    "POST" "/api/v1/needs/{id}/archive" => api::writes::archive_need, ListingOwner(Need, "id");
    // Public pages.
    "GET" "/" => pages::home::home, Anyone;
    "GET" "/offers/new" => pages::my_listings::new_offer, Member;
    "POST" "/offers/new" => pages::my_listings::create_offer, Member;
    "GET" "/needs/new" => pages::my_listings::new_need, Member;
    "POST" "/needs/new" => pages::my_listings::create_need, Member;
    "GET" "/offers" => pages::listings::offers, Anyone;
    "GET" "/offers/{id}" => pages::listings::offer, Anyone;
    "GET" "/needs" => pages::listings::needs, Anyone;
    "GET" "/needs/{id}" => pages::listings::need, Anyone;
    "GET" "/showcase" => pages::home::showcase, Anyone;
    "GET" "/search" => pages::search::search, Anyone;
    "GET" "/statistics" => pages::statistics::public, Anyone;
    "GET" "/about" => pages::centre::about, Anyone;
    "GET" "/terms" => pages::centre::terms, Anyone;
    "GET" "/privacy" => pages::centre::privacy, Anyone;
    "GET" "/contact" => pages::centre::contact, Anyone;
    "GET" "/news" => pages::centre::news_list, Anyone;
    "GET" "/news/{id}" => pages::centre::news_item, Anyone;
    "GET" "/news/{id}/photo" => pages::centre::photo, Anyone;
    "GET" "/news/{id}/thumb" => pages::centre::thumb, Anyone;
    "GET" "/sessions" => pages::sessions::list, Anyone;
    "GET" "/sessions/{id}" => pages::sessions::detail, Anyone;
    "GET" "/sessions/{id}/register" => pages::sessions::register_page, Member;
    "POST" "/sessions/{id}/register" => pages::sessions::register, Member;
    "POST" "/sessions/{id}/withdraw" => pages::sessions::withdraw, Member;
    "GET" "/sessions/{id}/meetings" => pages::sessions::meetings, Member;
    "POST" "/sessions/{id}/requests" => pages::sessions::ask, Member;
    "POST" "/sessions/{id}/requests/{request}/answer" => pages::sessions::answer, Member;
    "POST" "/sessions/{id}/requests/{request}/withdraw" => pages::sessions::withdraw_request, Member;
    "POST" "/sessions/{id}/meetings/{meeting}/attendance" => pages::day::member_attendance, Member;
    "GET" "/organisations/{id}" => pages::organisations::organisation, Anyone;
    "GET" "/files/{id}" => pages::files::file, Anyone;
    "GET" "/files/{id}/thumb" => pages::files::thumb, Anyone;
    // Listings: an organisation's own.
    "GET" "/my/listings" => pages::my_listings::dashboard, Member;
    "GET" "/my/interests" => pages::interests::mine, Member;
    "GET" "/my/interests/{id}" => pages::interests::thread, SignedIn;
    "POST" "/my/interests/{id}/messages" => pages::interests::post_message, Member;
    "POST" "/my/interests/{id}/messages/{message}/report" => pages::interests::report, Member;
    "POST" "/my/interests/{id}/answer" => pages::interests::answer, Member;
    "POST" "/my/interests/{id}/withdraw" => pages::interests::withdraw, Member;
    "GET" "/my/offers/{id}" => pages::my_listings::my_offer, ListingOwner(Offer, "id");
    "GET" "/my/needs/{id}" => pages::my_listings::my_need, ListingOwner(Need, "id");
    "POST" "/offers/{id}/suggestions/{other}" => pages::listings::judge, ListingOwner(Offer, "id");
    "POST" "/needs/{id}/suggestions/{other}" => pages::listings::judge, ListingOwner(Need, "id");
    "POST" "/offers/{id}/edit" => pages::my_listings::save, ListingOwner(Offer, "id");
    "POST" "/offers/{id}/submit" => pages::my_listings::submit, ListingOwner(Offer, "id");
    "POST" "/offers/{id}/archive" => pages::my_listings::archive, ListingOwner(Offer, "id");
    "POST" "/offers/{id}/renew" => pages::my_listings::renew, ListingOwner(Offer, "id");
    "POST" "/offers/{id}/interest" => pages::interests::express, Member;
    "POST" "/offers/{id}/attachments" => pages::my_listings::upload, ListingOwner(Offer, "id");
    "POST" "/offers/{id}/attachments/{file}/delete" => pages::my_listings::remove_file, ListingOwner(Offer, "id");
    "POST" "/needs/{id}/edit" => pages::my_listings::save, ListingOwner(Need, "id");
    "POST" "/needs/{id}/submit" => pages::my_listings::submit, ListingOwner(Need, "id");
    "POST" "/needs/{id}/archive" => pages::my_listings::archive, ListingOwner(Need, "id");
    "POST" "/needs/{id}/renew" => pages::my_listings::renew, ListingOwner(Need, "id");
    "POST" "/needs/{id}/interest" => pages::interests::express, Member;
    "POST" "/needs/{id}/attachments" => pages::my_listings::upload, ListingOwner(Need, "id");
    "POST" "/needs/{id}/attachments/{file}/delete" => pages::my_listings::remove_file, ListingOwner(Need, "id");
    // Forms open to visitors (the CSRF token still applies) and emailed links: their pages
    // change nothing; the confirming press posts the signed token, which proves the right (an
    // invitation keeps the CSRF token too: accepting one signs a new account in).
    "GET" "/register" => pages::account::register_page, Anyone;
    "POST" "/register" => pages::account::register, Anyone;
    "GET" "/verify-email" => pages::account::verify_email_page, Anyone;
    "POST" "/verify-email" => pages::account::verify_email, SignedToken;
    "POST" "/verify-email/resend" => pages::account::resend_verification, Anyone;
    "GET" "/login" => pages::account::login_page, Anyone;
    "POST" "/login" => pages::account::login, Anyone;
    "GET" "/reset" => pages::account::reset_page, Anyone;
    "POST" "/reset" => pages::account::reset_request, Anyone;
    "GET" "/reset/confirm" => pages::account::reset_confirm_page, Anyone;
    "POST" "/reset/confirm" => pages::account::reset_confirm, Anyone;
    "GET" "/account/email/confirm" => pages::account::confirm_email_page, Anyone;
    "POST" "/account/email/confirm" => pages::account::confirm_email, SignedToken;
    "GET" "/invitations/accept" => pages::members::accept_page, Anyone;
    "POST" "/invitations/accept" => pages::members::accept, Anyone;
    "GET" "/renew" => pages::my_listings::renew_link_page, Anyone;
    "GET" "/interest" => pages::interests::link_page, Anyone;
    "GET" "/agenda" => pages::agendas::agenda_page, Anyone;
    "GET" "/agenda/calendar.ics" => pages::agendas::calendar, Anyone;
    "POST" "/agenda" => pages::agendas::answer, SignedToken;
    "GET" "/feedback" => pages::day::feedback_page, Anyone;
    "POST" "/feedback" => pages::day::feedback, SignedToken;
    "POST" "/feedback/stop" => pages::day::stop, SignedToken;
    "GET" "/check-in" => pages::day::check_in_page, Staff;
    "POST" "/check-in" => pages::day::check_in, Staff;
    "POST" "/interest" => pages::interests::by_link, SignedToken;
    "POST" "/renew" => pages::my_listings::renew_link, SignedToken;
    // The language-free link of notification emails only redirects to the account page.
    "GET" "/account/notifications" => pages::account::notifications, SignedIn;
    "POST" "/account/notifications" => pages::account::save_notifications, SignedIn;
    "GET" "/unsubscribe" => pages::account::unsubscribe_page, Anyone;
    "POST" "/unsubscribe" => pages::account::unsubscribe, SignedToken;
    // The signed-in person's own account.
    "POST" "/logout" => pages::account::logout, SignedIn;
    "GET" "/account" => pages::account::profile, SignedIn;
    "POST" "/account/profile" => pages::account::update_profile, SignedIn;
    "POST" "/account/password" => pages::account::change_password, SignedIn;
    "POST" "/account/email" => pages::account::change_email, SignedIn;
    "GET" "/account/export" => pages::account::export, SignedIn;
    "POST" "/account/delete" => pages::account::delete_account, SignedIn;
    "GET" "/account/tokens" => pages::account::tokens, SignedIn;
    "POST" "/account/tokens" => pages::account::create_token, SignedIn;
    "POST" "/account/tokens/{id}/revoke" => pages::account::revoke_token, TokenOwner("id");
    // An organisation's own data.
    "GET" "/organisations/{id}/settings" => pages::members::settings, OrgMember("id");
    "POST" "/organisations/{id}/settings" => pages::members::save_settings, OrgMember("id");
    "GET" "/organisations/{id}/members" => pages::members::members, OrgMember("id");
    "POST" "/organisations/{id}/members/invite" => pages::members::invite, OrgMember("id");
    "POST" "/organisations/{id}/members/leave" => pages::members::leave, OrgMember("id");
    // The centre.
    "GET" "/staff" => pages::console::home, Staff;
    "GET" "/staff/outbox" => pages::console::outbox, Staff;
    "POST" "/staff/outbox/retry" => pages::console::retry_all, Staff;
    "POST" "/staff/outbox/{id}/retry" => pages::console::retry, Staff;
    "GET" "/staff/audit" => pages::console::audit, Staff;
    "GET" "/staff/statistics" => pages::statistics::staff, Staff;
    "GET" "/staff/yearly" => pages::statistics::yearly, Staff;
    "POST" "/staff/contracts" => pages::statistics::add_contract, Staff;
    "POST" "/staff/contracts/{id}/delete" => pages::statistics::remove_contract, Staff;
    "POST" "/admin/targets" => pages::statistics::save_targets, Admin;
    "GET" "/staff/pages" => pages::centre::staff_pages, Staff;
    "GET" "/staff/pages/{slug}" => pages::centre::edit_page, Staff;
    "POST" "/staff/pages/{slug}" => pages::centre::save_page, Staff;
    "GET" "/staff/news" => pages::centre::staff_news, Staff;
    "POST" "/staff/news" => pages::centre::create_news, Staff;
    "GET" "/staff/news/{id}" => pages::centre::edit_news, Staff;
    "POST" "/staff/news/{id}" => pages::centre::save_news, Staff;
    "POST" "/staff/news/{id}/photo" => pages::centre::upload_photo, Staff;
    "POST" "/staff/news/{id}/photo/delete" => pages::centre::remove_photo, Staff;
    "GET" "/staff/review" => pages::review::queue, Staff;
    "GET" "/staff/review/{kind}/{id}" => pages::review::listing, Staff;
    "POST" "/staff/review/{kind}/{id}" => pages::review::decide, Staff;
    "GET" "/staff/revisions/{id}" => pages::review::revision, Staff;
    "POST" "/staff/revisions/{id}" => pages::review::decide_revision, Staff;
    "GET" "/staff/export" => pages::review::export, Staff;
    "GET" "/staff/showcase" => pages::review::showcase, Staff;
    "GET" "/staff/suggestions" => pages::review::suggestions, Staff;
    "GET" "/staff/interests" => pages::interests::staff, Staff;
    "GET" "/staff/suggestions/judgements.tsv" => pages::review::judgements, Staff;
    "POST" "/staff/showcase/{id}" => pages::review::feature, Staff;
    "GET" "/staff/sessions" => pages::sessions::staff_list, Staff;
    "GET" "/staff/sessions/new" => pages::sessions::new_session, Staff;
    "POST" "/staff/sessions/new" => pages::sessions::create_session, Staff;
    "GET" "/staff/sessions/{id}" => pages::sessions::staff_session, Staff;
    "POST" "/staff/sessions/{id}" => pages::sessions::save_session, Staff;
    "POST" "/staff/sessions/{id}/status" => pages::sessions::set_status, Staff;
    "POST" "/staff/sessions/{id}/participants/{participant}" => pages::sessions::decide, Staff;
    "POST" "/staff/sessions/{id}/pairs" => pages::sessions::broker, Staff;
    "POST" "/staff/sessions/{id}/pairs/{pair}" => pages::sessions::change_pair, Staff;
    "GET" "/staff/sessions/{id}/schedule" => pages::agendas::schedule_page, Staff;
    "POST" "/staff/sessions/{id}/schedule" => pages::agendas::run, Staff;
    "POST" "/staff/sessions/{id}/meetings/{meeting}" => pages::agendas::change_meeting, Staff;
    "GET" "/staff/sessions/{id}/updates" => pages::agendas::updates_page, Staff;
    "POST" "/staff/sessions/{id}/updates" => pages::agendas::send_updates, Staff;
    "POST" "/staff/sessions/{id}/remind" => pages::agendas::remind, Staff;
    "GET" "/staff/sessions/{id}/tables" => pages::agendas::tables, Staff;
    "GET" "/staff/sessions/{id}/door" => pages::day::door, Staff;
    "POST" "/staff/sessions/{id}/arrivals/{participant}" => pages::day::arrive, Staff;
    "POST" "/staff/sessions/{id}/walk-in" => pages::day::walk_in, Staff;
    "GET" "/staff/sessions/{id}/day" => pages::day::day_page, Staff;
    "POST" "/staff/sessions/{id}/meetings/{meeting}/attendance" => pages::day::staff_attendance, Staff;
    "POST" "/staff/sessions/{id}/refill" => pages::day::refill, Staff;
    "GET" "/staff/sessions/{id}/report" => pages::day::session_report, Staff;
    "GET" "/staff/reports" => pages::day::range_report, Staff;
    "GET" "/staff/series/new" => pages::sessions::new_series, Staff;
    "POST" "/staff/series/new" => pages::sessions::create_series, Staff;
    "GET" "/staff/series/{id}" => pages::sessions::series, Staff;
    "POST" "/staff/series/{id}" => pages::sessions::save_series, Staff;
    "GET" "/staff/organisations" => pages::staff::organisations, Staff;
    "POST" "/staff/organisations/{id}/verify" => pages::staff::verify, Staff;
    "POST" "/staff/organisations/{id}/unverify" => pages::staff::unverify, Staff;
    "POST" "/staff/organisations/{id}/change/approve" => pages::staff::approve_change, Staff;
    "POST" "/staff/organisations/{id}/change/reject" => pages::staff::reject_change, Staff;
    "GET" "/admin/staff" => pages::staff::staff, Admin;
    "GET" "/admin/users" => pages::staff::users, Admin;
    "POST" "/admin/staff" => pages::staff::grant, Admin;
    "POST" "/admin/staff/{id}/remove" => pages::staff::remove, Admin;
    "POST" "/admin/users/{id}/disable" => pages::staff::disable_user, Admin;
    "POST" "/admin/users/{id}/enable" => pages::staff::enable_user, Admin;
}

/// Routes served by a whole service rather than a handler: the OpenAPI document and the
/// vendored Swagger UI (registered in [`register`]).
pub const SERVICES: &[RouteRule] = &[
    RouteRule { method: "GET", pattern: "/api/openapi.json", rule: Anyone },
    RouteRule { method: "GET", pattern: "/api/docs/{_:.*}", rule: Anyone },
];

/// Registers every route and service of the table.
pub fn register(cfg: &mut web::ServiceConfig) {
    register_handlers(cfg);
    cfg.service(api::swagger());
}

/// Every route of the table, handlers and services.
pub fn all() -> impl Iterator<Item = &'static RouteRule> {
    ROUTES.iter().chain(SERVICES)
}

/// The rule of `method` on `pattern` (a `HEAD` is a `GET`), if the table has that route.
pub fn rule_for(method: &str, pattern: &str) -> Option<Rule> {
    let method = if method == "HEAD" { "GET" } else { method };
    all().find(|r| r.method == method && r.pattern == pattern).map(|r| r.rule)
}

/// The methods the table serves on `pattern`, for the `Allow` header of a 405 (`HEAD` with
/// `GET`); empty for a pattern it does not have.
pub fn methods_of(pattern: &str) -> Vec<&'static str> {
    let mut m: Vec<&'static str> = all().filter(|r| r.pattern == pattern).map(|r| r.method).collect();
    if m.contains(&"GET") {
        m.push("HEAD");
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_listed_once_with_a_known_method() {
        let all: Vec<_> = all().collect();
        for (i, x) in all.iter().enumerate() {
            assert!(all[..i].iter().all(|y| (y.method, y.pattern) != (x.method, x.pattern)), "{x:?} twice");
            assert!(["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&x.method), "{x:?}");
        }
        assert_eq!(rule_for("HEAD", "/healthz"), Some(Anyone));
        assert_eq!(methods_of("/login"), vec!["GET", "POST", "HEAD"]);
        assert!(methods_of("/nowhere").is_empty());
    }
}

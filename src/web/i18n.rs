//! The per-request context every page template uses: the reader's language with the catalogue's
//! messages and human formatting in it, the CSRF token and the signed-in person.
//!
//! Templates call `ctx.t("key")`, or `ctx.t1("key", "variable", value)` for a message with a
//! variable; the words are in the catalogue (`crate::catalogue`).

use crate::catalogue::{self, Value, human};
use crate::domain::Locale;

/// What every page template needs besides its own data.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub locale: Locale,
    /// The request path, for the language switch.
    pub path: String,
    /// The query string without `lang`, for the language switch.
    pub query: String,
    /// The session's CSRF token, put in every form (empty without a session).
    pub csrf: String,
    /// The signed-in person, for the navigation.
    pub user: Option<NavUser>,
}

/// The signed-in person as the navigation shows them.
#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub staff: bool,
    pub admin: bool,
    /// Their organisation's id, for the organisation links.
    pub org_id: Option<String>,
}

impl Ctx {
    /// The context of a request.
    pub fn from_request(req: &actix_web::HttpRequest) -> Self {
        let query = url::form_urlencoded::parse(req.query_string().as_bytes())
            .filter(|(k, _)| k != "lang")
            .fold(url::form_urlencoded::Serializer::new(String::new()), |mut s, (k, v)| {
                s.append_pair(&k, &v);
                s
            })
            .finish();
        let session = super::auth::session(req);
        let user = super::auth::current(req).map(|c| NavUser {
            name: c.user.display_name.clone(),
            staff: c.actor.is_staff(),
            admin: c.user.role == crate::domain::Role::Admin,
            org_id: c.user.organisation_id.map(|o| o.to_string()),
        });
        Self {
            locale: super::request_locale(req),
            path: req.path().to_string(),
            query,
            csrf: session.map(|s| s.csrf).unwrap_or_default(),
            user,
        }
    }

    /// A field error in the reader's language.
    pub fn field_error(&self, e: &crate::validate::FieldError) -> String {
        e.message(self.locale)
    }

    /// A message of the catalogue in the reader's language.
    pub fn t(&self, key: &str) -> String {
        catalogue::text(self.locale, key)
    }

    /// A message with one variable.
    pub fn t1<'a>(&self, key: &str, name: &str, value: impl Into<Value<'a>>) -> String {
        catalogue::text_with(self.locale, key, &[(name, value.into())])
    }

    /// A message with two variables.
    pub fn t2<'a, 'b>(
        &self,
        key: &str,
        n1: &str,
        v1: impl Into<Value<'a>>,
        n2: &str,
        v2: impl Into<Value<'b>>,
    ) -> String {
        catalogue::text_with(self.locale, key, &[(n1, v1.into()), (n2, v2.into())])
    }

    /// A count with its thousands grouped the reader's way.
    pub fn number(&self, n: &i64) -> String {
        human::number(self.locale, *n)
    }

    /// An amount of đồng as the reader writes it (1.234.567 ₫ / VND 1,234,567).
    pub fn money(&self, dong: i64) -> String {
        crate::domain::Money::new(dong).map(|m| human::money(self.locale, m)).unwrap_or_else(|_| self.number(&dong))
    }

    /// A local date and time as the reader writes it.
    pub fn when(&self, utc: chrono::NaiveDateTime) -> String {
        human::date_time(self.locale, utc)
    }

    /// A local date as the reader writes it.
    pub fn date(&self, d: chrono::NaiveDate) -> String {
        human::date(self.locale, d)
    }

    /// The `lang` attribute of the page.
    pub fn lang(&self) -> &'static str {
        self.locale.code()
    }

    /// This page in the other language.
    pub fn switch_url(&self) -> String {
        let other = if self.locale == Locale::En { "vi" } else { "en" };
        let sep = if self.query.is_empty() { "" } else { "&" };
        format!("{}?{}{sep}lang={other}", self.path, self.query)
    }

    /// The language code of the other language.
    pub fn other_lang(&self) -> &'static str {
        if self.locale == Locale::En { "vi" } else { "en" }
    }
}

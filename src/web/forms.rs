//! HTML forms as data: one partial template renders every form (labels, hints, the message next
//! to each refused field, the CSRF token), so pages only say which fields they have and what was
//! typed. Nothing typed is lost when a form comes back with errors, except passwords.

use crate::validate::FieldError;
use crate::web::i18n::Ctx;

/// One input.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: &'static str,
    pub label: String,
    /// `text`, `email`, `password`, `tel`, `url`, `number`, `date`, `textarea`, `select`,
    /// `checkbox`, `checkboxes` (several values under one name), `hidden`.
    pub kind: &'static str,
    pub value: String,
    pub error: Option<String>,
    pub required: bool,
    pub autocomplete: &'static str,
    pub hint: Option<String>,
    /// (value, label) of a select.
    pub options: Vec<(String, String)>,
    pub maxlength: usize,
}

impl Field {
    /// Whether a select option (or one of several ticked boxes, comma-separated) is chosen.
    pub fn selected(&self, option: &str) -> bool {
        if self.kind == "checkboxes" { self.value.split(',').any(|v| v == option) } else { self.value == option }
    }

    /// Whether a checkbox is ticked.
    pub fn checked(&self) -> bool {
        !self.value.is_empty()
    }
}

/// A form: where it posts, its fields, its button, and messages not tied to a field.
#[derive(Debug, Clone)]
pub struct Form {
    pub id: &'static str,
    pub action: String,
    pub title: Option<String>,
    pub fields: Vec<Field>,
    pub submit: String,
    /// Danger buttons (delete, leave, revoke) are styled apart.
    pub danger: bool,
    /// A file upload (`multipart/form-data`; the CSRF token goes in the action URL).
    pub multipart: bool,
    /// A search or filter form: sent with GET, without the CSRF token (it changes nothing).
    pub get: bool,
    pub errors: Vec<String>,
}

impl Form {
    /// An empty form posting to `action`.
    pub fn new(ctx: &Ctx, id: &'static str, action: impl Into<String>, submit: &str) -> Self {
        Self {
            id,
            action: action.into(),
            title: None,
            fields: Vec::new(),
            submit: ctx.t(submit),
            danger: false,
            multipart: false,
            get: false,
            errors: Vec::new(),
        }
    }

    /// A heading above the form.
    pub fn titled(mut self, ctx: &Ctx, key: &str) -> Self {
        self.title = Some(ctx.t(key));
        self
    }

    /// Makes the form a file upload.
    pub fn multipart(mut self) -> Self {
        self.multipart = true;
        self
    }

    /// Makes the form a filter sent with GET.
    pub fn get(mut self) -> Self {
        self.get = true;
        self
    }

    /// Styles the button as destructive.
    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }

    /// Adds a field; the label is an interface-text key.
    pub fn field(mut self, ctx: &Ctx, name: &'static str, kind: &'static str, label: &str, value: &str) -> Self {
        let (autocomplete, maxlength) = match (name, kind) {
            (_, "password") if name == "current_password" || name == "password" && self.id == "login" => {
                ("current-password", 200)
            }
            (_, "password") => ("new-password", 200),
            (_, "email") => ("email", 254),
            ("display_name" | "contact_name", _) => ("name", 120),
            ("name", _) => ("organization", 300),
            (_, "tel") => ("tel", 30),
            (_, "url") => ("url", 300),
            (_, "textarea") => ("off", 3000),
            _ => ("off", 300),
        };
        self.fields.push(Field {
            name,
            // A hidden field has no label.
            label: if label.is_empty() { String::new() } else { ctx.t(label) },
            kind,
            // Passwords are never sent back to the browser.
            value: if kind == "password" { String::new() } else { value.to_string() },
            error: None,
            required: false,
            autocomplete,
            hint: None,
            options: Vec::new(),
            maxlength,
        });
        self
    }

    /// Marks the last field required.
    pub fn required(mut self) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.required = true;
        }
        self
    }

    /// Adds a hint under the last field.
    pub fn hint(mut self, ctx: &Ctx, key: &str) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.hint = Some(ctx.t(key));
        }
        self
    }

    /// Gives the last field (a select) its options.
    pub fn options(mut self, options: Vec<(String, String)>) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.options = options;
        }
        self
    }

    /// Puts each error next to its field; errors of fields the form lacks go above it.
    pub fn with_errors(mut self, ctx: &Ctx, errors: &[FieldError]) -> Self {
        for e in errors {
            let text = ctx.field_error(e);
            match self.fields.iter_mut().find(|f| f.name == e.field) {
                Some(f) if f.error.is_none() => f.error = Some(text),
                Some(_) => {}
                None => self.errors.push(text),
            }
        }
        self
    }

    /// Adds a message above the fields.
    pub fn error(mut self, text: impl Into<String>) -> Self {
        self.errors.push(text.into());
        self
    }
}

/// Options of a closed vocabulary, with an empty "choose" first.
pub fn choices<T: Copy>(
    ctx: &Ctx,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
) -> Vec<(String, String)> {
    std::iter::once((String::new(), ctx.t("form-choose")))
        .chain(all.iter().map(|v| (code(*v).to_string(), label(*v))))
        .collect()
}

/// A local path to go to after signing in: a path of this site with no control character,
/// resolved the way a browser resolves it (which drops tabs and line breaks, so `/\t/evil.example`
/// would become `//evil.example`) and kept only when it stays on this site; anything else goes
/// to the account page. The result is percent-encoded ASCII, safe in a `Location` header.
pub fn safe_next(next: Option<&str>) -> String {
    const DEFAULT: &str = "/account";
    let Some(n) = next else { return DEFAULT.into() };
    if !n.starts_with('/') || n.starts_with("//") || n.contains('\\') || n.chars().any(char::is_control) {
        return DEFAULT.into();
    }
    let Ok(base) = url::Url::parse("http://ketnoi.invalid/") else { return DEFAULT.into() };
    match base.join(n) {
        // `/a/..//evil.example` resolves to the path `//evil.example`, which a `Location` header
        // would send to another host.
        Ok(u) if u.origin() == base.origin() && !u.path().starts_with("//") => match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        },
        _ => DEFAULT.into(),
    }
}

#[cfg(test)]
mod next_tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        for bad in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "evil.example",
            "/\u{7}",
            // Found by fuzzing: a path that resolves to `//host`.
            "/a/..//evil.example",
            "/x/..////// //my%",
        ] {
            assert_eq!(safe_next(Some(bad)), "/account", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/account");
        assert_eq!(safe_next(Some("/my/listings")), "/my/listings");
        assert_eq!(safe_next(Some("/search?q=nuôi tôm")), "/search?q=nu%C3%B4i%20t%C3%B4m");
        assert_eq!(safe_next(Some("/a/../b")), "/b");
    }
}

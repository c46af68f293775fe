//! The one catalogue of every word a person reads — pages, enum labels, validation messages,
//! emails — in Vietnamese and English, written in Project Fluent (`locales/<lang>/*.ftl`, compiled
//! into the binary), and [`human`], the one place that formats money, dates and times for people.
//!
//! Code names a message by its identifier and passes variables; it never assembles sentences.
//! Unicode isolation marks are off: both languages run left to right, and the marks would leak
//! into email subjects, plain text and CSV.

pub mod human;

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::Locale;

/// The Fluent files of each language, in the order they are loaded.
pub const FILES: &[(Locale, &str, &str)] = &[
    (Locale::Vi, "interface.ftl", include_str!("../../locales/vi/interface.ftl")),
    (Locale::Vi, "labels.ftl", include_str!("../../locales/vi/labels.ftl")),
    (Locale::Vi, "email.ftl", include_str!("../../locales/vi/email.ftl")),
    (Locale::Vi, "centre.ftl", include_str!("../../locales/vi/centre.ftl")),
    (Locale::En, "interface.ftl", include_str!("../../locales/en/interface.ftl")),
    (Locale::En, "labels.ftl", include_str!("../../locales/en/labels.ftl")),
    (Locale::En, "email.ftl", include_str!("../../locales/en/email.ftl")),
    (Locale::En, "centre.ftl", include_str!("../../locales/en/centre.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

/// A file that does not parse still contributes the messages that do; the catalogue tests fail
/// on any parse error, so this only matters to a binary built without running them.
fn bundle(locale: Locale) -> Bundle {
    let lang: unic_langid::LanguageIdentifier = match locale {
        Locale::Vi => unic_langid::langid!("vi"),
        Locale::En => unic_langid::langid!("en"),
    };
    let mut b = FluentBundle::new_concurrent(vec![lang]);
    b.set_use_isolating(false);
    b.set_formatter(Some(match locale {
        Locale::Vi => number_vi,
        Locale::En => number_en,
    }));
    for (l, name, text) in FILES {
        if *l != locale {
            continue;
        }
        let res = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(res, errors)| {
            tracing::error!(file = name, ?errors, "catalogue file has syntax errors");
            res
        });
        if let Err(errors) = b.add_resource(res) {
            tracing::error!(file = name, ?errors, "catalogue file redefines messages");
        }
    }
    b
}

/// Whole numbers shown in messages have their thousands grouped the reader's way.
fn grouped<M>(locale: Locale, v: &FluentValue, _: &M) -> Option<String> {
    match v {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 =>
        {
            #[allow(clippy::cast_possible_truncation)]
            Some(human::number(locale, n.value as i64))
        }
        _ => None,
    }
}
fn number_vi<M>(v: &FluentValue, m: &M) -> Option<String> {
    grouped(Locale::Vi, v, m)
}
fn number_en<M>(v: &FluentValue, m: &M) -> Option<String> {
    grouped(Locale::En, v, m)
}

static VI: LazyLock<Bundle> = LazyLock::new(|| bundle(Locale::Vi));
static EN: LazyLock<Bundle> = LazyLock::new(|| bundle(Locale::En));

fn of(locale: Locale) -> &'static Bundle {
    match locale {
        Locale::Vi => &VI,
        Locale::En => &EN,
    }
}

/// A variable of a message: text, or a number (which also selects plural forms).
#[derive(Debug, Clone)]
pub enum Value<'a> {
    Text(Cow<'a, str>),
    Number(f64),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Text(Cow::Borrowed(s))
    }
}
impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Self {
        Value::Text(Cow::Borrowed(s))
    }
}
impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::Text(Cow::Owned(s))
    }
}
macro_rules! number_values {
    ($($t:ty),*) => {$(
        impl From<$t> for Value<'_> {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(n: $t) -> Self {
                Value::Number(n as f64)
            }
        }
        // Templates pass their values by reference.
        impl From<&$t> for Value<'_> {
            fn from(n: &$t) -> Self {
                Value::from(*n)
            }
        }
    )*};
}
number_values!(u8, i32, i64, u32, u64, usize);

/// Whether the catalogue of `locale` has the message.
pub fn has(locale: Locale, key: &str) -> bool {
    of(locale).has_message(key)
}

/// The message `key` in `locale`, without variables.
pub fn text(locale: Locale, key: &str) -> String {
    text_with(locale, key, &[])
}

/// The message `key` in `locale` with its variables. A key missing from the catalogue (which the
/// catalogue tests rule out) shows as the key itself and is logged, never as an empty string.
pub fn text_with(locale: Locale, key: &str, args: &[(&str, Value<'_>)]) -> String {
    let bundle = of(locale);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        record_missing(locale, key);
        return key.to_string();
    };
    let mut fargs = FluentArgs::new();
    for (name, value) in args {
        let v = match value {
            Value::Text(s) => FluentValue::from(s.as_ref()),
            Value::Number(n) => FluentValue::from(*n),
        };
        fargs.set(*name, v);
    }
    let mut errors = Vec::new();
    let out = bundle.format_pattern(pattern, (!args.is_empty()).then_some(&fargs), &mut errors);
    if !errors.is_empty() {
        tracing::warn!(key, locale = locale.code(), ?errors, "catalogue message formatted with errors");
    }
    out.into_owned()
}

/// The keys asked for and absent since the process started (at most [`MISSING_KEPT`]), for the
/// page tests: a key made at run time escapes the source scan of the catalogue tests.
static MISSING: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());
const MISSING_KEPT: usize = 1000;

fn record_missing(locale: Locale, key: &str) {
    tracing::warn!(key, locale = locale.code(), "missing catalogue message");
    metrics::counter!("ketnoi_catalogue_missing_total").increment(1);
    let mut set = MISSING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if set.len() < MISSING_KEPT {
        set.insert(format!("{}:{key}", locale.code()));
    }
}

/// The keys asked for and absent so far, as `lang:key`.
pub fn missing() -> Vec<String> {
    MISSING.lock().unwrap_or_else(std::sync::PoisonError::into_inner).iter().cloned().collect()
}

/// The identifier of a message chosen at run time from a family, e.g. `key_of("field", "min_trl")`
/// is `field-min-trl`: Fluent's style has hyphens where codes have underscores. The catalogue
/// tests treat every `key_of("area", …)` family as used.
pub fn key_of(area: &str, name: &str) -> String {
    format!("{area}-{}", name.replace(['_', '.'], "-"))
}

#[cfg(test)]
mod tests;

//! The catalogue is complete and used: both languages define the same messages with the same
//! variables; every key that code or a template names exists; every message is used.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::*;
use crate::domain::{
    Block, ContactVisibility, IpStatus, ListingKind, ListingStatus, OrgKind, PairOrigin, ParticipantStatus, Province,
    RequestStatus, Role, Sector, SessionStatus, TransferMode,
};

/// The messages of one language: key → source text (value and variants).
fn messages(locale: Locale) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (l, name, text) in FILES {
        if *l != locale {
            continue;
        }
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.starts_with([' ', '\t']) {
                if let Some(k) = &current {
                    out.entry(k.clone()).and_modify(|v: &mut String| v.push_str(line));
                }
                continue;
            }
            current = None;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (k, v) = line.split_once(" =").unwrap_or_else(|| panic!("{name}: not a message: {line}"));
            assert!(out.insert(k.to_string(), v.to_string()).is_none(), "{name}: {k} is defined twice");
            current = Some(k.to_string());
        }
    }
    out
}

fn variables(source: &str) -> BTreeSet<String> {
    source
        .split('$')
        .skip(1)
        .map(|s| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect())
        .collect()
}

#[test]
fn every_file_parses_and_both_languages_match() {
    for (l, name, text) in FILES {
        if let Err((_, errors)) = FluentResource::try_new((*text).to_string()) {
            panic!("{}/{name}: {errors:?}", l.code());
        }
    }
    for locale in [Locale::Vi, Locale::En] {
        let mut b = FluentBundle::new_concurrent(vec![unic_langid::langid!("en")]);
        for (l, name, text) in FILES {
            if *l == locale {
                let res = FluentResource::try_new((*text).to_string()).unwrap();
                assert!(b.add_resource(res).is_ok(), "{name} redefines a message");
            }
        }
    }
    let (vi, en) = (messages(Locale::Vi), messages(Locale::En));
    assert!(vi.len() > 450, "{} messages", vi.len());
    for k in vi.keys() {
        assert!(en.contains_key(k), "{k} has no English text");
        assert!(has(Locale::Vi, k) && has(Locale::En, k), "{k} does not load");
    }
    for k in en.keys() {
        assert!(vi.contains_key(k), "{k} has no Vietnamese text");
    }
    // The Vietnamese text may leave out a detail the English one gives (the API's English
    // message), never the other way round.
    for (k, v) in &vi {
        let (a, b) = (variables(v), variables(&en[k]));
        assert!(a.is_subset(&b), "{k}: the languages use different variables: {a:?} / {b:?}");
        assert!(!v.trim().is_empty() && !en[k].trim().is_empty(), "{k} is empty");
    }
}

#[test]
fn messages_format_without_errors_or_isolation_marks() {
    for locale in [Locale::Vi, Locale::En] {
        for (k, source) in messages(locale) {
            let args: Vec<(String, Value)> = variables(&source)
                .into_iter()
                .map(|v| {
                    let value = if ["n", "count", "days", "products", "organisations", "score"].contains(&v.as_str()) {
                        Value::Number(2.0)
                    } else {
                        Value::Text("X".into())
                    };
                    (v, value)
                })
                .collect();
            let args: Vec<(&str, Value)> = args.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
            let bundle = of(locale);
            let pattern = bundle.get_message(&k).and_then(|m| m.value()).unwrap();
            let mut fargs = FluentArgs::new();
            for (n, v) in &args {
                match v {
                    Value::Text(s) => fargs.set(*n, FluentValue::from(s.to_string())),
                    Value::Number(x) => fargs.set(*n, FluentValue::from(*x)),
                }
            }
            let mut errors = Vec::new();
            let out = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
            assert!(errors.is_empty(), "{k} ({}): {errors:?}", locale.code());
            assert!(!out.contains(['\u{2068}', '\u{2069}']), "{k}: isolation marks");
            assert!(!out.contains('{') || k.starts_with("search-hint"), "{k}: a placeholder shows: {out}");
        }
    }
}

#[test]
fn plurals_follow_each_language() {
    let one = text_with(Locale::En, "list-results", &[("count", 1.into())]);
    let many = text_with(Locale::En, "list-results", &[("count", 1234.into())]);
    assert_eq!(one, "1 result");
    assert_eq!(many, "1,234 results");
    assert_eq!(text_with(Locale::Vi, "list-results", &[("count", 1234.into())]), "1.234 kết quả");
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every source and template file with its text (Rust tests of this module excluded: they
/// name keys to check them, which must not count as a use).
fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files_under(&root.join("src"), &mut paths);
    files_under(&root.join("templates"), &mut paths);
    paths
        .into_iter()
        .filter(|p| !p.ends_with("catalogue/tests.rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// Every quoted string of a file that looks like a message key of a known area.
fn quoted_keys<'a>(text: &'a str, areas: &BTreeSet<&str>) -> Vec<&'a str> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            let well_formed = s.contains('-')
                && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !s.ends_with('-');
            well_formed && s.split('-').next().is_some_and(|a| areas.contains(a))
        })
        .collect()
}

fn label_keys() -> Vec<String> {
    let mut keys = Vec::new();
    keys.extend(OrgKind::ALL.iter().map(|v| v.label_key()));
    keys.extend(Role::ALL.iter().map(|v| v.label_key()));
    keys.extend(Sector::ALL.iter().map(|v| v.label_key()));
    keys.extend(IpStatus::ALL.iter().map(|v| v.label_key()));
    keys.extend(TransferMode::ALL.iter().map(|v| v.label_key()));
    keys.extend(ListingKind::ALL.iter().map(|v| v.label_key()));
    keys.extend(ListingStatus::ALL.iter().map(|v| v.label_key()));
    keys.extend(ContactVisibility::ALL.iter().map(|v| v.label_key()));
    keys.extend(Province::ALL.iter().map(|v| v.label_key()));
    keys.extend(SessionStatus::ALL.iter().map(|v| v.label_key()));
    keys.extend(Block::ALL.iter().map(|v| v.label_key()));
    keys.extend(ParticipantStatus::ALL.iter().map(|v| v.label_key()));
    keys.extend(RequestStatus::ALL.iter().map(|v| v.label_key()));
    keys.extend(PairOrigin::ALL.iter().map(|v| v.label_key()));
    keys
}

/// Strings of the Rust code shaped like keys that are not: a form id and rate-limit bucket, the
/// kinds of email, the purposes of signed links, the vocabularies' key prefixes, a province code.
const NOT_KEYS: &[&str] = &[
    "reset-confirm",
    "verify-email",
    "account-exists",
    "reset-password",
    "email-changed",
    "listing-expiring",
    "listing-returned",
    "renew-listing",
    "answer-interest",
    "interest-received",
    "interest-answered",
    "interest-reminder",
    "interest-expired",
    "interest-message",
    "weekly-digest",
    "session-notice",
    "session-agenda",
    "session-alert",
    "session-feedback",
    "check-in",
    "meeting-request",
    "session-status",
    "session-block",
    "participant-status",
    "request-status",
    "pair-origin",
    "ip-status",
    "transfer-mode",
    "listing-kind",
    "listing-status",
    "contact-visibility",
    "lang-son",
];

#[test]
fn every_key_in_code_and_templates_exists() {
    let defined = messages(Locale::Vi);
    let areas: BTreeSet<&str> = defined.keys().filter_map(|k| k.split('-').next()).collect();
    let mut checked = 0;
    let mut unknown = Vec::new();
    for (p, text) in sources() {
        for key in quoted_keys(&text, &areas) {
            // CSS classes and element ids share the look of keys; only templates' `t…("` calls
            // and Rust strings are keys.
            let in_template = p.extension().is_some_and(|x| x == "html" || x == "txt");
            if in_template && !text.contains(&format!("(\"{key}\"")) || text.contains(&format!("key_of(\"{key}\"")) {
                continue;
            }
            if !defined.contains_key(key) && !NOT_KEYS.contains(&key) {
                unknown.push(format!("{}: {key}", p.display()));
            }
            checked += 1;
        }
    }
    assert!(unknown.is_empty(), "unknown keys: {unknown:#?}");
    assert!(checked > 400, "only {checked} keys found");
    for k in label_keys() {
        assert!(defined.contains_key(&k), "no label {k}");
    }
}

#[test]
fn every_key_is_used() {
    let defined = messages(Locale::Vi);
    let sources = sources();
    // Families named at run time: `key_of("area", name)`.
    let families: BTreeSet<String> = sources
        .iter()
        .flat_map(|(_, t)| t.split("key_of(\"").skip(1).map(|s| s.split('"').next().unwrap_or("").to_string()))
        .collect();
    assert!(families.contains("field") && families.contains("history"), "{families:?}");
    let labels: BTreeSet<String> = label_keys().into_iter().collect();
    let all: String = sources.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
    let unused: Vec<&String> = defined
        .keys()
        .filter(|k| !labels.contains(*k))
        .filter(|k| !families.iter().any(|f| k.starts_with(&format!("{f}-"))))
        .filter(|k| !all.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "defined but never used: {unused:?}");
}

#[test]
fn a_missing_key_shows_as_itself() {
    assert_eq!(text(Locale::Vi, "no-such-message"), "no-such-message");
    assert_eq!(key_of("field", "min_trl"), "field-min-trl");
}

/// Every `?done=` notice a redirect names has its message (the pages drop an unknown one).
#[test]
fn every_done_notice_has_a_message() {
    let mut checked = 0;
    for (p, text) in sources() {
        for part in text.split("done=").skip(1) {
            let value: String = part.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if value.is_empty() {
                continue;
            }
            let family = if p.ends_with("my_listings.rs") {
                "my-done"
            } else if p.ends_with("pages/interests.rs") {
                // Sent from a listing's page, back to it; answers and withdrawals to the list.
                if value.starts_with("interest") { "listing-done" } else { "interest-done" }
            } else if p.ends_with("pages/listings.rs") {
                "listing-done"
            } else if p.ends_with("pages/sessions.rs") {
                "session-done"
            } else if p.ends_with("pages/agendas.rs") {
                "agenda-done"
            } else if p.ends_with("pages/day.rs") {
                // The door and the day's pages, and the feedback page.
                if matches!(value.as_str(), "saved" | "stopped") { "feedback-done" } else { "day-done" }
            } else if ["console.rs", "centre.rs", "statistics.rs", "staff.rs", "review.rs"]
                .iter()
                .any(|f| p.ends_with(format!("pages/{f}")))
            {
                "staff-done"
            } else {
                "account-done"
            };
            let key = key_of(family, &value);
            assert!(has(Locale::Vi, &key) && has(Locale::En, &key), "{}: no message {key}", p.display());
            checked += 1;
        }
    }
    assert!(checked >= 12, "{checked}");
}

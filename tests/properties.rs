//! Hostile input, bounded: properties over the parsers that take outside text — the search
//! query, the import reader, the schedule instance, the forms and query strings, the text rule
//! and uploads. Each must answer (a value or a refusal) without panicking or hanging. The same
//! entry points are fuzzed without bounds by the `fuzz/` targets (RELIABILITY.md).
//!
//! `PROPTEST_CASES` raises the number of cases (default 64 here, to keep `cargo test` quick).

use std::io::Write;

use ketnoi::matching::schedule::{self, Instance, Problem};
use ketnoi::services::listings::input::RawListing;
use ketnoi::web::query::Strictness;
use ketnoi_text::{Lines, clean, clean_lossy, is_stripped};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Text with what breaks parsers: quotes, minus signs, commas, line ends, control and invisible
/// characters, Vietnamese letters in both normal forms, and anything else.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("-".to_string()),
        Just(",".to_string()),
        Just(";".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{FFFF}".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("nuôi tôm".to_string()),
        Just("Vie\u{0323}\u{0302}t".to_string()),
        Just("=SUM(A1)".to_string()),
        Just("'+84".to_string()),
        Just("%".to_string()),
        Just("&".to_string()),
        Just("<b>".to_string()),
        any::<String>(),
        "[a-z ]{0,12}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_text_rule_strips_refuses_and_is_idempotent(s in hostile()) {
        for lines in [Lines::Single, Lines::Multi] {
            if let Ok(t) = clean(&s, lines) {
                prop_assert!(!t.chars().any(is_stripped), "{t:?}");
                prop_assert!(!t.contains('\r'));
                prop_assert!(t.chars().all(|c| !c.is_control() || (lines == Lines::Multi && matches!(c, '\n' | '\t'))));
                prop_assert_eq!(clean(&t, lines), Ok(t.clone()));
            }
        }
        let lossy = clean_lossy(&s);
        prop_assert!(!lossy.chars().any(|c| is_stripped(c) || c.is_control()));
    }

    #[test]
    fn listing_forms_answer_without_panicking(
        title in hostile(), summary in hostile(), keywords in hostile(), trl in hostile(),
        price in hostile(), deadline in hostile(), sector in prop_oneof![Just("it".to_string()), hostile()],
    ) {
        let raw = RawListing {
            title: Some(title), summary: Some(summary.clone()), description: Some(summary.clone()),
            problem: Some(summary), keywords: Some(keywords), trl: Some(trl.clone()), min_trl: Some(trl),
            price_min: Some(price.clone()), price_max: Some(price.clone()), budget_min: Some(price),
            deadline: Some(deadline), sector: Some(sector), province: Some("hue".into()),
            ..RawListing::default()
        };
        let org = ketnoi::domain::OrganisationId::new();
        if let Ok(o) = raw.new_offer(org, ketnoi::domain::Province::Hue) {
            prop_assert!(!o.title.chars().any(|c| c.is_control() || is_stripped(c)));
            prop_assert!(!o.summary.chars().any(is_stripped));
        }
        let _ = raw.new_need(org, ketnoi::domain::Province::Hue);
    }

    #[test]
    fn organisation_forms_and_emails_answer(name in hostile(), email in hostile(), phone in hostile(), web in hostile()) {
        let form = ketnoi::services::organisations::org_form::OrgForm {
            kind: "enterprise".into(), name, province: "hue".into(), contact_name: "An".into(),
            contact_email: email.clone(), contact_phone: phone, website: web, ..Default::default()
        };
        let mut c = ketnoi::validate::Check::default();
        if let Some(p) = form.check(&mut c) && c.errors.is_empty() {
            prop_assert!(!p.name.chars().any(char::is_control));
        }
        if let Ok(e) = ketnoi::domain::Email::parse(&email) {
            prop_assert!(!e.as_str().chars().any(|c| c.is_control() || c.is_whitespace()));
        }
        let _ = ketnoi::domain::Money::parse(&email);
    }

    #[test]
    fn query_strings_and_redirects_answer(qs in hostile(), next in hostile()) {
        for strict in [Strictness::Form, Strictness::Api] {
            let _ = ketnoi::web::search::parse(&qs, 12, 0, strict);
        }
        let target = ketnoi::web::forms::safe_next(Some(&next));
        prop_assert!(target.starts_with('/') && !target.starts_with("//"), "{target}");
        prop_assert!(target.bytes().all(|b| b.is_ascii_graphic()), "{target:?}");
    }

    #[test]
    fn search_queries_answer_and_escape(q in hostile()) {
        let index = search_index();
        let query = ketnoi_index::SearchQuery { text: q, limit: 10, highlight: true, ..Default::default() };
        let results = index.search(&query).expect("a search answers");
        for h in results.hits {
            let without_marks = h.snippet_html.replace("<b>", "").replace("</b>", "");
            prop_assert!(!without_marks.contains('<'), "{}", h.snippet_html);
        }
    }

    #[test]
    fn import_files_answer_row_by_row(body in hostile(), gz in any::<bool>(), jsonl in any::<bool>()) {
        use ketnoi::services::listings::import::{self, Format, Options};
        let dir = tempfile::tempdir().unwrap();
        let name = match (jsonl, gz) { (false, false) => "a.csv", (false, true) => "a.csv.gz", (true, false) => "a.jsonl", (true, true) => "a.jsonl.gz" };
        let path = dir.path().join(name);
        let content = if jsonl { body.clone() } else { format!("title,summary,sector,province\n{body}") };
        if gz {
            let mut z = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::fast());
            z.write_all(content.as_bytes()).unwrap();
            z.finish().unwrap();
        } else {
            std::fs::write(&path, content).unwrap();
        }
        let opts = Options {
            kind: ketnoi::domain::ListingKind::Offer,
            format: if jsonl { Format::Jsonl } else { Format::Csv },
            mapping: vec![], organisation: None, province: ketnoi::domain::Province::Hue, publish: false, skip_invalid: false,
        };
        if let Ok(report) = import::check(&path, &opts) {
            prop_assert!(report.invalid.len() <= report.rows);
        }
    }

    #[test]
    fn schedule_instances_are_checked_and_solved_validly(
        slots in -2i64..6, tables in -1i64..4,
        people in prop::collection::vec((0usize..8, prop::option::of(prop::collection::vec(-1i64..7, 0..4)), prop::option::of(-1i64..4)), 0..8),
        pairs in prop::collection::vec((0usize..9, 0usize..9, -5.0f64..100.0), 0..16),
        locks in prop::collection::vec((0usize..9, 0usize..9, -1i64..7), 0..3),
    ) {
        let id = |i: usize| format!("p{i}");
        let inst: Instance = serde_json::from_value(serde_json::json!({
            "slots": slots, "tables": tables,
            "participants": people.iter().map(|(i, avail, cap)| serde_json::json!({"id": id(*i), "available": avail, "max_meetings": cap})).collect::<Vec<_>>(),
            "candidates": pairs.iter().map(|(a, b, w)| serde_json::json!({"a": id(*a), "b": id(*b), "weight": w})).collect::<Vec<_>>(),
            "locked": locks.iter().map(|(a, b, s)| serde_json::json!({"a": id(*a), "b": id(*b), "slot": s})).collect::<Vec<_>>(),
        })).expect("the instance shape");
        if let Ok(p) = Problem::new(&inst) {
            let sol = schedule::solve(&p, schedule::Options { seed: 1, effort: 1 });
            prop_assert_eq!(schedule::check(&p, &sol.meetings), Ok(()));
        }
    }

    #[test]
    fn schedule_json_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(inst) = serde_json::from_slice::<Instance>(&bytes) {
            let _ = Problem::new(&inst);
        }
    }

    #[test]
    fn uploads_are_refused_or_prepared(bytes in prop::collection::vec(any::<u8>(), 0..2000), kind in 0u8..4) {
        // Real magic numbers in front of random bytes reach the decoders.
        let head: &[u8] = match kind { 0 => b"\x89PNG\r\n\x1a\n", 1 => &[0xFF, 0xD8, 0xFF], 2 => b"RIFF\0\0\0\0WEBP", _ => b"%PDF-" };
        let mut data = head.to_vec();
        data.extend_from_slice(&bytes);
        let _ = ketnoi::services::listings::attachments::prepare("tệp.bin", data);
    }
}

/// A small index of a few Vietnamese and English listings, built once.
fn search_index() -> &'static ketnoi_index::SearchIndex {
    static INDEX: std::sync::OnceLock<ketnoi_index::SearchIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let index = ketnoi_index::SearchIndex::in_memory().unwrap();
        let mut w = index.writer(15_000_000).unwrap();
        for (i, (title, body)) in [
            ("Chế phẩm vi sinh xử lý đáy ao nuôi tôm", "Giảm khí độc <script> trong ao nuôi tôm thẻ chân trắng"),
            ("Floating solar energy for shrimp ponds", "Solar panels & \"aerators\" for aquaculture"),
            ("Máy sấy nông sản năng lượng mặt trời", "Sấy ớt, tiêu, hạt sen — tiết kiệm 40% điện"),
        ]
        .iter()
        .enumerate()
        {
            let doc = ketnoi_index::Doc {
                id: format!("offer:{i}"),
                title: title.to_string(),
                body: body.to_string(),
                expires: i64::MAX,
                deadline: i64::MAX,
                ..Default::default()
            };
            index.add(&w, &doc).unwrap();
        }
        index.commit(&mut w, 1).unwrap();
        index
    })
}

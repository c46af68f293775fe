//! Search kept in step with the database, over real HTTP and a real index on disk, on the
//! selected backend.

use ketnoi::db;
use ketnoi::domain::*;
use ketnoi::state::AppState;

use crate::helpers::*;

fn titles(v: &serde_json::Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title_html"].as_str().unwrap().replace("<b>", "").replace("</b>", ""))
        .collect()
}

#[tokio::test]
async fn the_demo_is_searchable_with_and_without_diacritics_and_facets_match_the_database() {
    let app = TestApp::with_demo().await;
    for q in ["nuôi tôm", "nuoi tom", "nuo\u{0302}i to\u{0302}m"] {
        let (status, r) = app
            .json(&format!(
                "/api/v1/search?q={}",
                url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
            ))
            .await;
        assert_eq!(status, 200);
        assert_eq!(titles(&r)[0], "Chế phẩm vi sinh xử lý đáy ao nuôi tôm", "{q}");
    }
    // Facet counts of the empty query equal the database's published listings.
    let (_, all) = app.json("/api/v1/search?per_page=100").await;
    let mut c = app.db.conn().unwrap();
    let now = db::now();
    let offers = db::offers::list_public(&mut c, &db::ListFilter::default(), now, 1, 1000).unwrap().items;
    let needs = db::needs::list_public(&mut c, &db::ListFilter::default(), now, 1, 1000).unwrap().items;
    assert_eq!(all["total"].as_u64().unwrap() as usize, offers.len() + needs.len());
    for s in Sector::ALL {
        let expected =
            offers.iter().filter(|o| o.sector == *s).count() + needs.iter().filter(|n| n.sector == *s).count();
        let got = all["facets"]["sector"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["value"] == s.code())
            .map(|f| f["count"].as_u64().unwrap())
            .unwrap_or(0);
        assert_eq!(got as usize, expected, "sector {}", s.code());
    }
    let kinds = &all["facets"]["kind"];
    assert!(
        kinds
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["value"] == "need" && f["count"].as_u64().unwrap() as usize == needs.len())
    );
    // Filters combine; a bad parameter is a 400 naming it.
    let (_, aqua) = app.json("/api/v1/search?q=tom&sector=aquaculture&kind=offer").await;
    assert!(aqua["items"].as_array().unwrap().iter().all(|i| i["kind"] == "offer"));
    let (status, p) = app.json("/api/v1/search?sector=space").await;
    assert_eq!(status, 400);
    assert_eq!(p["param"], "sector");
    // The page: results with highlights, facet links, removable chips.
    let (status, page) = app.text("/search?q=nuoi+tom&sector=aquaculture").await;
    assert_eq!(status, 200);
    assert!(page.contains("<b>nuôi</b>") && page.contains("<b>tôm</b>"), "highlighted");
    assert!(page.contains("class=\"chips\"") && page.contains("Thủy sản ✕"), "a removable chip");
    assert_eq!(app.text("/search?trl_min=12").await.0, 400);
}

#[tokio::test]
async fn updates_archive_and_expiry_leave_the_results() {
    let app = TestApp::spawn().await;
    let org = new_org(&app, "Viện Cơ điện", true);
    let member = user(&app, "an@vien.vn", Role::Member, Some(org.id));
    let staff = user(&app, "cb@ketnoi.vn", Role::Staff, None);
    let mut c = app.db.conn().unwrap();
    let raw = ketnoi::services::listings::input::RawListing {
        title: Some("Máy sấy lúa tuần hoàn 10 tấn/mẻ".into()),
        summary: Some("Máy sấy lúa tuần hoàn cho hợp tác xã đồng bằng".into()),
        description: Some("Sấy 10 tấn lúa mỗi mẻ bằng trấu".into()),
        sector: Some("agriculture".into()),
        ..Default::default()
    };
    let l = ketnoi::services::listings::create(&mut c, &member, ListingKind::Offer, &raw).unwrap().unwrap();
    let id = l.id();
    app.catch_up();
    let count = |q: &str| {
        let q = ketnoi_index::SearchQuery {
            text: q.into(),
            now: db::now().and_utc().timestamp(),
            limit: 10,
            ..Default::default()
        };
        app.state.search.index.search(&q).unwrap().total
    };
    assert_eq!(count("say lua"), 0, "drafts are not searchable");
    ketnoi::services::listings::submit(&mut c, &member, ListingKind::Offer, &id, 1).unwrap().unwrap();
    ketnoi::services::listings::review(
        &mut c,
        app.state.env(),
        &staff,
        ListingKind::Offer,
        &id,
        ketnoi::services::listings::Decision::Approve,
        "",
        db::now(),
    )
    .unwrap()
    .unwrap();
    app.catch_up();
    assert_eq!(count("say lua"), 1, "published: found");
    // An update is applied (after review of the revision).
    let v = ketnoi::services::listings::load(&mut c, ListingKind::Offer, &id).unwrap().unwrap().version();
    let change = ketnoi::services::listings::input::RawListing {
        title: Some("Máy sấy cà phê tuần hoàn".into()),
        ..Default::default()
    };
    let ketnoi::services::listings::Edited::PendingRevision(rev) =
        ketnoi::services::listings::edit(&mut c, &member, ListingKind::Offer, &id, &change, v).unwrap().unwrap()
    else {
        panic!("a revision")
    };
    ketnoi::services::listings::review_revision(
        &mut c,
        app.state.env(),
        &staff,
        &rev,
        ketnoi::services::listings::Decision::Approve,
        "",
    )
    .unwrap()
    .unwrap();
    app.catch_up();
    assert_eq!(count("ca phe"), 1);
    assert_eq!(count("\"tuan hoan 10 tan\""), 0, "the old title is gone");
    // Expiry: gone without any change in the database, by the query's time.
    db::listings::set_expiry(&mut c, ListingKind::Offer, &id, db::now() - chrono::TimeDelta::minutes(1)).unwrap();
    assert_eq!(count("ca phe"), 1, "the index still holds the old expiry until the change is applied");
    db::search_changes::record(&mut c, ListingKind::Offer, &id).unwrap();
    app.catch_up();
    assert_eq!(count("ca phe"), 0, "expired");
    ketnoi::services::listings::renew(&mut c, app.state.env(), None, ListingKind::Offer, &id, db::now())
        .unwrap()
        .unwrap();
    app.catch_up();
    assert_eq!(count("ca phe"), 1, "renewed");
    // Archived: gone.
    ketnoi::services::listings::archive(&mut c, &member, ListingKind::Offer, &id).unwrap().unwrap();
    app.catch_up();
    assert_eq!(count("ca phe"), 0);
}

#[tokio::test]
async fn a_deleted_index_is_rebuilt_and_other_connections_are_followed() {
    let app = TestApp::with_demo().await;
    let dir = app.settings.index_dir();
    assert!(dir.join("meta.json").exists(), "a real index on disk");
    let before = app.state.search.index.len();
    assert!(before >= 37 + 21);
    // A second node (its own data directory and index, the same database) builds its index.
    let other_dir = tempfile::tempdir().unwrap();
    let other_settings =
        ketnoi::config::Settings::for_data_dir(other_dir.path(), app.settings.database.clone()).unwrap();
    let other = AppState::new(db::Db::connect(&other_settings.database).unwrap(), other_settings.clone()).unwrap();
    assert_eq!(other.search.index.len(), before);
    // A listing published through another connection reaches both indexes through the log.
    let extra = db::Db::connect(&app.settings.database).unwrap();
    let mut c = extra.conn().unwrap();
    let o = crate::db::offer(
        OrganisationId::stable("dhkh"),
        "Máy ép viên nén mùn cưa Phong Điền",
        ListingStatus::Published,
    );
    db::write(&mut c, |c| {
        db::offers::insert(c, &o)?;
        db::search_changes::record(c, ListingKind::Offer, &o.id.to_string())
    })
    .unwrap();
    assert_eq!(app.catch_up(), 1);
    assert_eq!(other.search.catch_up(&mut other.db.conn().unwrap()).unwrap(), 1);
    let q = ketnoi_index::SearchQuery {
        text: "\"vien nen mun cua phong dien\"".into(),
        now: db::now().and_utc().timestamp(),
        limit: 5,
        ..Default::default()
    };
    assert_eq!(other.search.index.search(&q).unwrap().total, 1);
    // Deleting the index directory: the next start rebuilds it with everything.
    drop(other);
    std::fs::remove_dir_all(other_settings.index_dir()).unwrap();
    let again = AppState::new(db::Db::connect(&other_settings.database).unwrap(), other_settings.clone()).unwrap();
    assert_eq!(again.search.index.len(), before + 1);
    assert_eq!(again.search.index.search(&q).unwrap().total, 1);
    // An unreadable index is rebuilt too.
    drop(again);
    std::fs::write(other_settings.index_dir().join("meta.json"), "not json").unwrap();
    let third = AppState::new(db::Db::connect(&other_settings.database).unwrap(), other_settings).unwrap();
    assert_eq!(third.search.index.len(), before + 1);
}

#[test]
fn eval_search_writes_a_trec_run_and_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);
    std::fs::write(
        p("corpus.jsonl"),
        "{\"_id\": \"d1\", \"title\": \"Nuôi tôm thẻ chân trắng\", \"text\": \"Quy trình nuôi tôm trong ao lót bạt\"}\n\
         {\"_id\": \"d2\", \"title\": \"Sấy cà phê\", \"text\": \"Máy sấy cà phê bằng năng lượng mặt trời\"}\n\
         {\"_id\": \"d3\", \"title\": \"Wind turbines\", \"text\": \"Small wind turbines for islands\"}\n",
    )
    .unwrap();
    std::fs::write(
        p("queries.jsonl"),
        "{\"_id\": \"q1\", \"text\": \"nuoi tom\"}\n{\"_id\": \"q2\", \"text\": \"turbine\"}\n",
    )
    .unwrap();
    std::fs::write(p("qrels.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t2\n").unwrap();
    let out = crate::config::ketnoi(dir.path())
        .args(["eval", "search", "--corpus"])
        .arg(p("corpus.jsonl"))
        .arg("--queries")
        .arg(p("queries.jsonl"))
        .arg("--qrels")
        .arg(p("qrels.tsv"))
        .arg("--run")
        .arg(p("run.trec"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let metrics: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(metrics["ndcg@10"], 1.0, "{metrics}");
    assert_eq!(metrics["mrr@10"], 1.0);
    assert_eq!(metrics["queries"], 2);
    let run = std::fs::read_to_string(p("run.trec")).unwrap();
    let first: Vec<&str> = run.lines().next().unwrap().split(' ').collect();
    assert_eq!((first[0], first[1], first[2], first[3], first[5]), ("q1", "Q0", "d1", "1", "ketnoi"));
    assert!(run.lines().any(|l| l.starts_with("q2 Q0 d3 1 ")), "stemming: turbine finds turbines\n{run}");
}

//! Migrations, constraints and round trips of every table, on the selected backend.

use chrono::{NaiveDate, TimeDelta};
use diesel::RunQueryDsl;
use ketnoi::db::{self, Db, ListFilter};
use ketnoi::domain::*;

use crate::helpers::{TestDb, backend_name};

fn open() -> (TestDb, Db) {
    let t = TestDb::new();
    let db = Db::connect(&t.url).expect("connect");
    db.migrate().expect("migrate");
    (t, db)
}

pub fn org(name: &str) -> Organisation {
    let now = db::now();
    Organisation {
        id: OrganisationId::new(),
        kind: OrgKind::ResearchInstitute,
        name: name.into(),
        tax_code: None,
        province: Province::Hue,
        address: "Số 3 Lê Lợi, phường Thuận Hóa, thành phố Huế".into(),
        website: Some("https://vien.example".into()),
        description: "Nghiên cứu công nghệ sinh học ứng dụng".into(),
        verified_at: Some(now),
        created_at: now,
        updated_at: now,
        contact: Contact {
            name: "Trần Thị Mai".into(),
            email: "mai.tran@vien.example".into(),
            phone: "0234 3822 111".into(),
            share: true,
        },
    }
}

pub fn offer(org: OrganisationId, title: &str, status: ListingStatus) -> Offer {
    let now = db::now();
    Offer {
        id: OfferId::new(),
        organisation_id: org,
        title: title.into(),
        title_en: String::new(),
        summary_en: String::new(),
        summary: "Quy trình sản xuất chế phẩm vi sinh cho ao nuôi tôm".into(),
        description: "Mô tả chi tiết: đường, dương, đậu — Đ đ".into(),
        advantages: "Rẻ hơn 30%".into(),
        applications: "Ao nuôi tôm nước lợ".into(),
        sector: Sector::Aquaculture,
        keywords: Keywords::new(&["vi sinh", "tôm"]).unwrap(),
        trl: Some(Trl::new(7).unwrap()),
        ip_status: IpStatus::UtilitySolution,
        ip_number: Some("2-0001234".into()),
        transfer_modes: vec![TransferMode::Licence, TransferMode::Training],
        price: MoneyRange::new(Some(Money::new(150_000_000).unwrap()), Some(Money::new(300_000_000).unwrap())).unwrap(),
        province: Province::Hue,
        contact_visibility: ContactVisibility::Members,
        status,
        featured: false,
        created_at: now,
        updated_at: now,
        published_at: (status == ListingStatus::Published).then_some(now - TimeDelta::hours(1)),
        expires_at: (status == ListingStatus::Published).then_some(now + TimeDelta::days(365)),
        version: 1,
    }
}

pub fn need(org: OrganisationId, title: &str) -> Need {
    let now = db::now();
    Need {
        id: NeedId::new(),
        organisation_id: org,
        title: title.into(),
        title_en: String::new(),
        summary_en: String::new(),
        problem: "Tôm chết sớm do bệnh hoại tử gan tụy".into(),
        tried: "Kháng sinh".into(),
        desired_outcome: "Giảm thiệt hại dưới 10%".into(),
        sector: Sector::Aquaculture,
        keywords: Keywords::new(&["bệnh tôm"]).unwrap(),
        min_trl: Some(Trl::new(6).unwrap()),
        budget: MoneyRange::new(None, Some(Money::new(500_000_000).unwrap())).unwrap(),
        deadline: NaiveDate::from_ymd_opt(2027, 3, 31),
        province: Province::DaNang,
        transfer_modes: vec![TransferMode::TechnicalService],
        status: ListingStatus::Published,
        created_at: now,
        updated_at: now,
        published_at: Some(now),
        expires_at: None,
        version: 1,
    }
}

#[test]
fn migrations_apply_once_on_both_backends() {
    eprintln!("backend: {}", backend_name());
    let (_t, db) = open();
    assert!(db.migrate().unwrap().is_empty(), "a second run must apply nothing");
    assert_eq!(db.backend(), backend_name());
}

#[test]
fn migration_sets_have_the_same_names() {
    let names = |dir: &str| {
        let mut v: Vec<String> = std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let sqlite = names("migrations/sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("migrations/postgres"));
}

#[test]
fn every_table_round_trips_vietnamese_text() {
    let (_t, db) = open();
    let mut c = db.conn().unwrap();
    let o = org("Viện Nghiên cứu Đầm phá – \u{1EA0}ặc biệt \"trích dẫn\" 'nháy'");
    db::organisations::insert(&mut c, &o).unwrap();
    assert_eq!(db::organisations::get(&mut c, o.id).unwrap().as_ref(), Some(&o));

    let now = db::now();
    let u = User {
        id: UserId::new(),
        email: Email::parse("Nguyễn.Văn.An@Vien.Example.VN").unwrap(),
        display_name: "Nguyễn Văn Ân".into(),
        password_hash: Some(password::hash("mật khẩu rất dài").unwrap()),
        role: Role::Member,
        organisation_id: Some(o.id),
        locale: Locale::En,
        email_verified_at: None,
        created_at: now,
        updated_at: now,
    };
    db::users::insert(&mut c, &u).unwrap();
    let back = db::users::by_email(&mut c, &Email::parse("nguyễn.văn.an@vien.example.vn").unwrap()).unwrap();
    assert_eq!(back.as_ref(), Some(&u));

    let of = offer(o.id, "Chế phẩm vi sinh xử lý đáy ao — Ưu việt", ListingStatus::Published);
    db::offers::insert(&mut c, &of).unwrap();
    assert_eq!(db::offers::get(&mut c, of.id).unwrap().as_ref(), Some(&of));

    let n = need(o.id, "Cần giải pháp phòng bệnh tôm thẻ chân trắng");
    db::needs::insert(&mut c, &n).unwrap();
    assert_eq!(db::needs::get(&mut c, n.id).unwrap().as_ref(), Some(&n));

    let detail = serde_json::json!({"lý do": "kiểm tra", "n": 1});
    let entry = db::audit::record(&mut c, Some(u.id), "offer.published", "offer", &of.id.to_string(), &detail).unwrap();
    let log = db::audit::for_entity(&mut c, "offer", &of.id.to_string()).unwrap();
    assert_eq!(log, vec![entry]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&log[0].detail).unwrap(), detail);
}

#[test]
fn email_is_unique_whatever_its_case() {
    let (_t, db) = open();
    let mut c = db.conn().unwrap();
    let now = db::now();
    let mut row = db::users::UserRow {
        id: UserId::new().to_string(),
        email: "lan@husc.example.vn".into(),
        display_name: "Lan".into(),
        password_hash: None,
        role: "member".into(),
        organisation_id: None,
        locale: "vi".into(),
        email_verified_at: None,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(db::schema::users::table).values(&row).execute(&mut *c).unwrap();
    // A writer that forgot to normalise must still be stopped by the database.
    row.id = UserId::new().to_string();
    row.email = "LAN@Husc.Example.VN".into();
    assert!(diesel::insert_into(db::schema::users::table).values(&row).execute(&mut *c).is_err());
}

#[test]
fn constraints_hold_on_both_backends() {
    let (_t, db) = open();
    let mut c = db.conn().unwrap();
    // Foreign key: an offer of an organisation that does not exist.
    let orphan = offer(OrganisationId::new(), "Mồ côi", ListingStatus::Draft);
    assert!(db::offers::insert(&mut c, &orphan).is_err(), "foreign keys must be enforced");
    let o = org("Tổ chức A");
    db::organisations::insert(&mut c, &o).unwrap();
    // A price range upside down, written past the domain types.
    let mut row = db::offers::OfferRow::from(&offer(o.id, "Giá ngược", ListingStatus::Draft));
    row.price_min = Some(10);
    row.price_max = Some(5);
    assert!(diesel::insert_into(db::schema::offers::table).values(&row).execute(&mut *c).is_err());
    // TRL out of range.
    let mut row = db::offers::OfferRow::from(&offer(o.id, "TRL 12", ListingStatus::Draft));
    row.trl = Some(12);
    assert!(diesel::insert_into(db::schema::offers::table).values(&row).execute(&mut *c).is_err());
    // A summary over 500 characters (counted in characters: "ệ" is 3 bytes).
    let mut row = db::offers::OfferRow::from(&offer(o.id, "Dài", ListingStatus::Draft));
    row.summary = "ệ".repeat(500);
    diesel::insert_into(db::schema::offers::table).values(&row).execute(&mut *c).expect("500 characters fit");
    let mut row = db::offers::OfferRow::from(&offer(o.id, "Quá dài", ListingStatus::Draft));
    row.summary = "ệ".repeat(501);
    assert!(diesel::insert_into(db::schema::offers::table).values(&row).execute(&mut *c).is_err());
}

#[test]
fn only_published_unexpired_listings_are_public() {
    let (_t, db) = open();
    let mut c = db.conn().unwrap();
    let o = org("Tổ chức B");
    db::organisations::insert(&mut c, &o).unwrap();
    let live = offer(o.id, "Đang đăng", ListingStatus::Published);
    let draft = offer(o.id, "Bản nháp", ListingStatus::Draft);
    let mut expired = offer(o.id, "Hết hạn", ListingStatus::Published);
    expired.expires_at = Some(db::now() - TimeDelta::minutes(1));
    for x in [&live, &draft, &expired] {
        db::offers::insert(&mut c, x).unwrap();
    }
    let page = db::offers::list_public(&mut c, &ListFilter::default(), db::now(), 1, 10).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].id, live.id);
    let get_public = |c: &mut db::Conn, id: OfferId| {
        db::listings::get_public(&mut *c, ListingKind::Offer, &id.to_string(), db::now()).unwrap()
    };
    assert!(get_public(&mut c, live.id).is_some());
    assert!(get_public(&mut c, draft.id).is_none());
    assert!(get_public(&mut c, expired.id).is_none());
}

#[test]
fn seeding_twice_changes_nothing() {
    let (_t, db) = open();
    let mut c = db.conn().unwrap();
    let first = ketnoi::seed::seed_demo(&mut c).unwrap();
    assert!(first.organisations >= 15 && first.offers >= 40 && first.needs >= 25 && first.accounts == 3, "{first:?}");
    let before = (
        db::organisations::count(&mut c).unwrap(),
        db::offers::count_by_status(&mut c).unwrap(),
        db::needs::count_by_status(&mut c).unwrap(),
        db::users::count(&mut c).unwrap(),
    );
    let second = ketnoi::seed::seed_demo(&mut c).unwrap();
    assert!(second.is_empty(), "{second:?}");
    let after = (
        db::organisations::count(&mut c).unwrap(),
        db::offers::count_by_status(&mut c).unwrap(),
        db::needs::count_by_status(&mut c).unwrap(),
        db::users::count(&mut c).unwrap(),
    );
    assert_eq!(before, after);
}

#[test]
fn demo_data_covers_every_sector_trl_and_status() {
    let (_t, db) = open();
    let mut c = db.conn().unwrap();
    ketnoi::seed::seed_demo(&mut c).unwrap();
    let orgs = db::organisations::list(&mut c).unwrap();
    let mut offers = Vec::new();
    let mut needs = Vec::new();
    for o in &orgs {
        offers.extend(db::offers::by_organisation(&mut c, o.id).unwrap());
        needs.extend(db::needs::by_organisation(&mut c, o.id).unwrap());
    }
    for s in Sector::ALL {
        assert!(offers.iter().any(|o| o.sector == *s), "no offer in {s}");
        assert!(needs.iter().any(|n| n.sector == *s), "no need in {s}");
    }
    for level in 1..=9 {
        assert!(offers.iter().any(|o| o.trl.map(|t| t.get()) == Some(level)), "no offer at TRL {level}");
    }
    for st in ListingStatus::ALL {
        assert!(offers.iter().any(|o| o.status == *st), "no offer {st}");
        assert!(needs.iter().any(|n| n.status == *st), "no need {st}");
    }
    let featured: Vec<_> = offers.iter().filter(|o| o.featured && o.status == ListingStatus::Published).collect();
    let featured_orgs: std::collections::HashSet<_> = featured.iter().map(|o| o.organisation_id).collect();
    assert!(featured.len() >= 12, "{} showcase products", featured.len());
    assert!(featured_orgs.len() >= 10, "{} showcase organisations", featured_orgs.len());
    let staff = db::users::by_email(&mut c, &Email::parse("canbo@ketnoi.example.vn").unwrap()).unwrap().unwrap();
    assert_eq!(staff.role, Role::Staff);
    assert!(password::verify("ketnoi-demo-2026", staff.password_hash.as_deref().unwrap()));
}

/// Writers that read first and then write, all at once: each waits its turn, none fails with
/// "database is locked" (on SQLite the write transaction takes the lock at its start).
#[test]
fn concurrent_read_then_write_transactions_all_commit() {
    let (_t, db) = open();
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let db = db.clone();
            std::thread::spawn(move || {
                for j in 0..15 {
                    let mut c = db.conn().unwrap();
                    db::write(&mut c, |c| {
                        let before = db::users::count(c)?;
                        let now = db::now();
                        let u = User {
                            id: UserId::new(),
                            email: Email::parse(&format!("u{i}-{j}@vien.vn")).unwrap(),
                            display_name: format!("Người {i}-{j}"),
                            password_hash: None,
                            role: Role::Member,
                            organisation_id: None,
                            locale: Locale::Vi,
                            email_verified_at: None,
                            created_at: now,
                            updated_at: now,
                        };
                        db::users::insert(c, &u)?;
                        db::audit::record(
                            c,
                            None,
                            "test.write",
                            "user",
                            &u.id.to_string(),
                            &serde_json::json!({ "before": before }),
                        )?;
                        Ok(())
                    })
                    .unwrap_or_else(|e| panic!("writer {i}/{j}: {e:#}"));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(db::users::count(&mut db.conn().unwrap()).unwrap(), 120, "on {}", backend_name());
}

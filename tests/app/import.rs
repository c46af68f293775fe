//! `ketnoi import`: the real binary on files written here (the public corpora are only read by
//! the benchmark), on the selected backend.

use std::io::Write;

use ketnoi::db;
use ketnoi::domain::*;

use crate::config::ketnoi;
use crate::helpers::TestDb;

fn run(t: &TestDb, args: &[&str]) -> (i32, String, String) {
    let out = ketnoi(t.dir.path()).args(args).env("KETNOI_DATABASE_URL", t.url_string()).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn conn(t: &TestDb) -> db::Conn {
    db::Db::connect(&t.url).unwrap().conn().unwrap()
}

const CSV: &str = "title,summary,description,sector,province,trl,keywords,price_min,price_max,organisation\n\
\"Máy bóc vỏ lạc, công suất 300 kg/giờ\",Máy bóc vỏ lạc cho hộ nông dân,\"Bóc 300 kg/giờ, tỷ lệ vỡ dưới 3%.\",agriculture,hue,7,\"máy bóc, lạc\",45000000,60000000,Công ty Cơ khí Thuận An\n\
Lò đốt rác thải y tế,Lò đốt không khói,Đốt 50 kg/giờ,space,hue,7,,,,Công ty Môi trường Xanh\n\
Hệ thống tưới nhỏ giọt tự động,Tưới theo độ ẩm đất,Cảm biến độ ẩm điều khiển van,agriculture,hue,12,,,,Công ty Cơ khí Thuận An\n\
Phần mềm quản lý hợp tác xã,Sổ sách hợp tác xã trên điện thoại,Kế toán theo chế độ hợp tác xã,it,da-nang,9,,,,HTX Số\n\
Ab,Tóm tắt,Mô tả,it,hue,,,,,HTX Số\n";

#[test]
fn a_file_with_bad_rows_imports_nothing_unless_told_to_skip_them() {
    let t = TestDb::new();
    let file = t.dir.path().join("offers.csv");
    std::fs::write(&file, CSV).unwrap();
    let path = file.to_str().unwrap();
    let (code, _, err) = run(&t, &["import", "offers", path]);
    assert_eq!(code, 2, "{err}");
    for line in ["line 3: sector", "line 4: trl", "line 6: title"] {
        assert!(err.contains(line), "{line} missing from the report:\\n{err}");
    }
    assert!(err.contains("nothing was imported"));
    assert!(db::offers::count_by_status(&mut conn(&t)).unwrap().is_empty(), "nothing half-imported");
    let (code, out, err) = run(&t, &["import", "offers", path, "--skip-invalid"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("5 row(s): 2 offers imported, 0 already present, 3 skipped as invalid, 2 organisation(s) created"),
        "{out}"
    );
    let orgs = db::organisations::list(&mut conn(&t)).unwrap();
    let thuan_an = orgs.iter().find(|o| o.name == "Công ty Cơ khí Thuận An").expect("organisation created by name");
    let offers = db::offers::by_organisation(&mut conn(&t), thuan_an.id).unwrap();
    assert_eq!(offers.len(), 1);
    let o = &offers[0];
    assert_eq!(o.title, "Máy bóc vỏ lạc, công suất 300 kg/giờ", "quoted CSV field with a comma");
    assert_eq!(
        (o.status, o.trl.map(|t| t.get()), o.price.max().map(|m| m.dong())),
        (ListingStatus::Draft, Some(7), Some(60_000_000))
    );
}

#[test]
fn jsonl_with_a_mapping_and_sbir_topics_gzipped_are_idempotent() {
    let t = TestDb::new();
    // Generic JSON Lines with a column mapping, into one organisation, published.
    let (code, _, err) = run(&t, &["seed", "demo"]);
    assert_eq!(code, 0, "{err}");
    let org = OrganisationId::stable("dhkh");
    let file = t.dir.path().join("needs.jsonl");
    std::fs::write(
        &file,
        "{\"ten\": \"Cần dây chuyền sấy cà phê 2 tấn/ngày\", \"mo_ta\": \"Cà phê Khe Sanh sấy bằng sân phơi, gặp mưa bị mốc.\", \"sector\": \"agriculture\", \"min_trl\": 7}\n\
         {\"ten\": \"Cần giải pháp xử lý nước nhiễm mặn cho vùng ven biển\", \"mo_ta\": \"Giếng khoan nhiễm mặn 4‰ vào mùa khô.\", \"sector\": \"environment\"}\n",
    )
    .unwrap();
    let org_arg = org.to_string();
    let (code, out, err) = run(
        &t,
        &[
            "import",
            "needs",
            file.to_str().unwrap(),
            "--map",
            "title=ten",
            "--map",
            "problem=mo_ta",
            "--org",
            &org_arg,
            "--publish",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 needs imported"), "{out}");
    let needs = db::needs::by_organisation(&mut conn(&t), org).unwrap();
    let imported = needs.iter().find(|n| n.title.starts_with("Cần dây chuyền sấy cà phê")).unwrap();
    assert_eq!(imported.status, ListingStatus::Published);
    assert!(imported.expires_at.is_some() && imported.problem.contains("Khe Sanh"));
    // SBIR topics, gzip-compressed, in the source's own layout.
    let gz = t.dir.path().join("topics.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::default());
    for i in 0..120 {
        let topic = serde_json::json!({"id": format!("sbir-{i:05}"), "topic_name": format!("Compact sensor for water quality monitoring no. {i}"),
            "agency": "Department of Commerce,National Institute of Standards and Technology", "program": "SBIR", "phase": "Phase I",
            "close_date": "2027-03-30", "description": "Develop a low-cost treatment removing nitrate pollution from river water and farm waste water."});
        writeln!(enc, "{topic}").unwrap();
    }
    enc.finish().unwrap();
    let gz = gz.to_str().unwrap();
    let (code, out, err) = run(&t, &["import", "needs", gz, "--format", "sbir-topics", "--publish"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "120 row(s): 120 needs imported, 0 already present, 0 skipped as invalid, 1 organisation(s) created"
        ),
        "{out}"
    );
    let (_, again, _) = run(&t, &["import", "needs", gz, "--format", "sbir-topics", "--publish"]);
    assert!(again.contains("0 needs imported, 120 already present"), "{again}");
    let nist = OrganisationId::stable("import:National Institute of Standards and Technology");
    let needs = db::needs::by_organisation(&mut conn(&t), nist).unwrap();
    assert_eq!(needs.len(), 120);
    assert!(needs.iter().all(|n| n.deadline == chrono::NaiveDate::from_ymd_opt(2027, 3, 30)));
    assert!(needs.iter().all(|n| n.sector == Sector::Environment), "sector guessed from the text");
    // A mismatched adapter is a usage error.
    let (code, _, err) = run(&t, &["import", "offers", gz, "--format", "sbir-topics"]);
    assert_eq!(code, 2);
    assert!(err.contains("holds needs"), "{err}");
}

//! The demo data set (`ketnoi seed demo`, `ketnoi serve --demo`): organisations, offers, needs and
//! a staff account of a provincial exchange in central Vietnam, written for this project.
//!
//! Every record has a stable id derived from its key, and a record that already exists is left
//! alone, so seeding twice changes nothing and never overwrites what users edited.

mod art;
mod sessions;

use anyhow::Context;
use chrono::{NaiveDateTime, TimeDelta};
use serde::Deserialize;

use crate::db::{self, AnyConnection};
use crate::domain::{
    Contact, ContactVisibility, Email, IpStatus, Keywords, ListingStatus, Locale, Money, MoneyRange, Need, NeedId,
    Offer, OfferId, Organisation, OrganisationId, Province, Role, Sector, Trl, User, UserId, parse_transfer_modes,
    password,
};

const DEMO: &str = include_str!("seed/demo.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFile {
    accounts: Vec<DemoAccount>,
    organisations: Vec<DemoOrg>,
    offers: Vec<DemoOffer>,
    needs: Vec<DemoNeed>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAccount {
    role: String,
    #[serde(default)]
    org: Option<String>,
    email: String,
    name: String,
    password: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoOrg {
    key: String,
    kind: String,
    name: String,
    tax_code: Option<String>,
    province: String,
    address: String,
    website: Option<String>,
    description: String,
    verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoOffer {
    key: String,
    org: String,
    title: String,
    summary: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    summary_en: String,
    description: String,
    advantages: String,
    applications: String,
    sector: String,
    keywords: Vec<String>,
    trl: Option<i64>,
    ip: String,
    ip_number: Option<String>,
    modes: Vec<String>,
    price: Option<[i64; 2]>,
    status: String,
    #[serde(default)]
    featured: bool,
    contact: Option<String>,
    age_days: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoNeed {
    key: String,
    org: String,
    title: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    summary_en: String,
    problem: String,
    tried: String,
    desired_outcome: String,
    sector: String,
    keywords: Vec<String>,
    min_trl: Option<i64>,
    budget: Option<[i64; 2]>,
    deadline_days: Option<i64>,
    modes: Vec<String>,
    status: String,
    age_days: i64,
}

/// What a seeding run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub organisations: usize,
    pub offers: usize,
    pub needs: usize,
    pub accounts: usize,
    /// The demo logins (role, email, password), for `serve --demo` to print.
    pub logins: Vec<(String, String, String)>,
}

impl SeedReport {
    /// True when nothing was inserted.
    pub fn is_empty(&self) -> bool {
        self.organisations == 0 && self.offers == 0 && self.needs == 0 && self.accounts == 0
    }
}

impl DemoFile {
    /// A listing is in its organisation's province.
    fn province_of(&self, org: &str) -> anyhow::Result<Province> {
        let o = self
            .organisations
            .iter()
            .find(|o| o.key == org)
            .with_context(|| format!("unknown demo organisation {org}"))?;
        Ok(o.province.parse()?)
    }
}

fn range(r: Option<[i64; 2]>) -> anyhow::Result<MoneyRange> {
    Ok(match r {
        Some([a, b]) => MoneyRange::new(Some(Money::new(a)?), Some(Money::new(b)?))?,
        None => MoneyRange::negotiable(),
    })
}

/// Publication times of a demo listing `age_days` old: (created, published, expires).
fn times(
    now: NaiveDateTime,
    status: ListingStatus,
    age_days: i64,
) -> (NaiveDateTime, Option<NaiveDateTime>, Option<NaiveDateTime>) {
    let at = now - TimeDelta::days(age_days);
    match status {
        ListingStatus::Published | ListingStatus::Archived => {
            (at - TimeDelta::days(2), Some(at), Some(at + TimeDelta::days(365)))
        }
        _ => (at, None, None),
    }
}

fn org_id(key: &str) -> OrganisationId {
    OrganisationId::stable(key)
}

fn build_offer(o: &DemoOffer, province: Province, now: NaiveDateTime) -> anyhow::Result<Offer> {
    let status: ListingStatus = o.status.parse()?;
    let (created_at, published_at, expires_at) = times(now, status, o.age_days);
    Ok(Offer {
        id: OfferId::stable(&o.key),
        organisation_id: org_id(&o.org),
        title: o.title.clone(),
        summary: o.summary.clone(),
        title_en: o.title_en.clone(),
        summary_en: o.summary_en.clone(),
        description: o.description.clone(),
        advantages: o.advantages.clone(),
        applications: o.applications.clone(),
        sector: o.sector.parse::<Sector>()?,
        keywords: Keywords::new(&o.keywords)?,
        trl: o.trl.map(Trl::new).transpose()?,
        ip_status: o.ip.parse::<IpStatus>()?,
        ip_number: o.ip_number.clone(),
        transfer_modes: parse_transfer_modes(&o.modes)?,
        price: range(o.price)?,
        province,
        contact_visibility: o.contact.as_deref().unwrap_or("members").parse::<ContactVisibility>()?,
        status,
        featured: o.featured,
        created_at,
        updated_at: published_at.unwrap_or(created_at),
        published_at,
        expires_at,
        version: 1,
    })
}

fn build_need(n: &DemoNeed, province: Province, now: NaiveDateTime) -> anyhow::Result<Need> {
    let status: ListingStatus = n.status.parse()?;
    let (created_at, published_at, expires_at) = times(now, status, n.age_days);
    let today = crate::domain::local_date(now);
    Ok(Need {
        id: NeedId::stable(&n.key),
        organisation_id: org_id(&n.org),
        title: n.title.clone(),
        title_en: n.title_en.clone(),
        summary_en: n.summary_en.clone(),
        problem: n.problem.clone(),
        tried: n.tried.clone(),
        desired_outcome: n.desired_outcome.clone(),
        sector: n.sector.parse::<Sector>()?,
        keywords: Keywords::new(&n.keywords)?,
        min_trl: n.min_trl.map(Trl::new).transpose()?,
        budget: range(n.budget)?,
        deadline: n.deadline_days.map(|d| today + TimeDelta::days(d)),
        province,
        transfer_modes: parse_transfer_modes(&n.modes)?,
        status,
        created_at,
        updated_at: published_at.unwrap_or(created_at),
        published_at,
        expires_at,
        version: 1,
    })
}

fn build_org(o: &DemoOrg, now: NaiveDateTime) -> anyhow::Result<Organisation> {
    // Registered over the past year and more (as a real exchange's are), so the statistics by
    // date have something to count.
    let spread = o.key.bytes().fold(0i64, |h, b| (h * 31 + i64::from(b)) % 9973) % 220;
    let created = now - TimeDelta::days(200 + spread);
    Ok(Organisation {
        id: org_id(&o.key),
        kind: o.kind.parse()?,
        name: o.name.clone(),
        tax_code: o.tax_code.clone(),
        province: o.province.parse()?,
        address: o.address.clone(),
        website: o.website.clone(),
        description: o.description.clone(),
        verified_at: o.verified.then_some(created + TimeDelta::days(3)),
        created_at: created,
        updated_at: created,
        contact: demo_contact(&o.key, o.website.as_deref()),
    })
}

/// Every demo listing as the search index holds it, whatever its status, with the id
/// `offer:KEY` or `need:KEY` (how the cross-language judged set refers to them).
pub fn demo_docs() -> anyhow::Result<Vec<ketnoi_index::Doc>> {
    use crate::domain::Listing;
    let demo: DemoFile = toml::from_str(DEMO).context("the embedded demo data is malformed")?;
    let now = db::now();
    let org = |key: &str| -> anyhow::Result<Organisation> {
        let o = demo.organisations.iter().find(|o| o.key == key).context("no such demo organisation")?;
        build_org(o, now)
    };
    let mut docs = Vec::new();
    for o in &demo.offers {
        let offer = build_offer(o, demo.province_of(&o.org)?, now)?;
        let doc = crate::services::search::doc_of(&Listing::Offer(offer), &org(&o.org)?);
        docs.push(ketnoi_index::Doc { id: format!("offer:{}", o.key), ..doc });
    }
    for n in &demo.needs {
        let need = build_need(n, demo.province_of(&n.org)?, now)?;
        let doc = crate::services::search::doc_of(&Listing::Need(need), &org(&n.org)?);
        docs.push(ketnoi_index::Doc { id: format!("need:{}", n.key), ..doc });
    }
    Ok(docs)
}

/// Inserts whatever part of the demo data is missing, in one transaction.
pub fn seed_demo(conn: &mut AnyConnection) -> anyhow::Result<SeedReport> {
    let demo: DemoFile = toml::from_str(DEMO).context("the embedded demo data is malformed")?;
    let now = db::now();
    db::write(conn, |conn| {
        let mut report = SeedReport {
            logins: demo.accounts.iter().map(|a| (a.role.clone(), a.email.clone(), a.password.clone())).collect(),
            ..SeedReport::default()
        };
        for o in &demo.organisations {
            let id = org_id(&o.key);
            if db::organisations::exists(conn, id)? {
                continue;
            }
            let org = build_org(o, now)?;
            db::organisations::insert(conn, &org).with_context(|| format!("demo organisation {}", o.key))?;
            report.organisations += 1;
        }
        for o in &demo.offers {
            let offer =
                build_offer(o, demo.province_of(&o.org)?, now).with_context(|| format!("demo offer {}", o.key))?;
            if db::offers::get(conn, offer.id)?.is_none() {
                db::offers::insert(conn, &offer).with_context(|| format!("demo offer {}", o.key))?;
                let quality = crate::domain::quality::offer(&offer);
                scored(conn, crate::domain::ListingKind::Offer, &offer.id.to_string(), offer.status, quality)?;
                db::search_changes::record(conn, crate::domain::ListingKind::Offer, &offer.id.to_string())?;
                report.offers += 1;
            }
        }
        for n in &demo.needs {
            let need = build_need(n, demo.province_of(&n.org)?, now).with_context(|| format!("demo need {}", n.key))?;
            if db::needs::get(conn, need.id)?.is_none() {
                db::needs::insert(conn, &need).with_context(|| format!("demo need {}", n.key))?;
                let quality = crate::domain::quality::need(&need);
                scored(conn, crate::domain::ListingKind::Need, &need.id.to_string(), need.status, quality)?;
                db::search_changes::record(conn, crate::domain::ListingKind::Need, &need.id.to_string())?;
                report.needs += 1;
            }
        }
        for a in &demo.accounts {
            let email = Email::parse(&a.email)?;
            if db::users::by_email(conn, &email)?.is_some() {
                continue;
            }
            let user = User {
                id: UserId::stable(email.as_str()),
                email,
                display_name: a.name.clone(),
                password_hash: Some(password::hash(&a.password)?),
                role: a.role.parse::<Role>()?,
                organisation_id: a.org.as_deref().map(org_id),
                locale: Locale::Vi,
                email_verified_at: Some(now),
                created_at: now,
                updated_at: now,
            };
            db::users::insert(conn, &user).with_context(|| format!("demo account {}", a.email))?;
            report.accounts += 1;
        }
        if report.offers + report.needs > 0 {
            judge_demo_suggestions(conn, &demo, now)?;
            demo_interests(conn, now)?;
            sessions::seed(conn, now)?;
        }
        if !report.is_empty() {
            let detail = serde_json::json!({
                "organisations": report.organisations,
                "offers": report.offers,
                "needs": report.needs,
                "accounts": report.accounts,
            });
            db::audit::record(conn, None, "demo.seeded", "system", "demo", &detail)?;
        }
        Ok(report)
    })
}

/// The demo's pictures and the centre's demo records that need the file store: an image for
/// each showcase product (so the showcase and the home strip show pictures), and news with
/// photos; also the centre's service contracts of the year. Adds only what is missing.
pub fn seed_demo_files(conn: &mut AnyConnection, files: &std::path::Path) -> anyhow::Result<usize> {
    use crate::services::listings::attachments;
    let demo: DemoFile = toml::from_str(DEMO).context("the embedded demo data is malformed")?;
    let staff = UserId::stable("canbo@ketnoi.example.vn");
    let now = db::now();
    let mut added = 0;
    for o in demo.offers.iter().filter(|o| o.featured) {
        let id = crate::domain::OfferId::stable(&o.key).to_string();
        if !db::attachments::of_listing(conn, crate::domain::ListingKind::Offer, &id)?.is_empty() {
            continue;
        }
        let palette = crate::domain::Sector::ALL.iter().position(|s| s.code() == o.sector).unwrap_or(0);
        let bytes = art::picture(&o.key, palette, 640, 400)?;
        let prepared = attachments::prepare(&format!("{}.jpg", o.key), bytes)
            .map_err(|_| anyhow::anyhow!("a demo picture was refused"))?;
        if attachments::add(conn, files, staff, crate::domain::ListingKind::Offer, &id, prepared)?.is_ok() {
            added += 1;
        }
    }
    if db::centre::news_list(conn, None, 1)?.is_empty() {
        for (i, n) in DEMO_NEWS.iter().enumerate() {
            let at = now - TimeDelta::days(n.days_ago);
            let bytes = art::picture(n.title_vi, i + 1, 960, 600)?;
            let prepared =
                attachments::prepare("photo.jpg", bytes).map_err(|_| anyhow::anyhow!("a demo photo was refused"))?;
            prepared.store_in(files)?;
            db::centre::insert_news(
                conn,
                &db::centre::NewsRow {
                    id: uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, n.title_vi.as_bytes()).to_string(),
                    title_vi: n.title_vi.into(),
                    title_en: n.title_en.into(),
                    body_vi: n.body_vi.into(),
                    body_en: n.body_en.into(),
                    photo_sha256: prepared.sha256().into(),
                    photo_type: prepared.content_type().into(),
                    published_at: Some(at),
                    created_by: Some(staff.to_string()),
                    created_at: at,
                    updated_at: at,
                },
            )?;
            added += 1;
        }
    }
    let year = chrono::Datelike::year(&crate::domain::local_date(now));
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
    );
    if db::centre::contracts(conn, from, to)?.is_empty() {
        for (i, (client, service, month, value)) in DEMO_CONTRACTS.iter().enumerate() {
            db::centre::insert_contract(
                conn,
                &db::centre::ContractRow {
                    id: uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("contract-{year}-{i}").as_bytes())
                        .to_string(),
                    client: (*client).into(),
                    service: (*service).into(),
                    signed_on: chrono::NaiveDate::from_ymd_opt(year, *month, 12).unwrap_or(from),
                    value: *value,
                    created_by: Some(staff.to_string()),
                    created_at: now,
                },
            )?;
            added += 1;
        }
    }
    Ok(added)
}

/// A demo news item.
struct DemoNews {
    days_ago: i64,
    title_vi: &'static str,
    title_en: &'static str,
    body_vi: &'static str,
    body_en: &'static str,
}

const DEMO_NEWS: [DemoNews; 3] = [
    DemoNews {
        days_ago: 3,
        title_vi: "Mở đăng ký phiên kết nối cung – cầu công nghệ tháng tới",
        title_en: "Registration opens for next month's matchmaking session",
        body_vi: "Trung tâm mời các doanh nghiệp, viện nghiên cứu và trường đại học đăng ký tham gia phiên kết nối cung – cầu công nghệ định kỳ.\n\n- Mỗi tổ chức gặp tối đa 8 đối tác theo lịch hẹn 20 phút.\n- Đăng ký và gửi yêu cầu gặp ngay trên trang **Phiên kết nối**.\n- Lịch gặp và lời mời lịch được gửi qua email trước phiên một tuần.",
        body_en: "The centre invites enterprises, research institutes and universities to register for its regular technology matchmaking session.\n\n- Each organisation meets up to 8 partners in scheduled 20-minute meetings.\n- Register and send meeting requests on the **Matchmaking sessions** page.\n- Schedules and calendar invitations are emailed a week before the session.",
    },
    DemoNews {
        days_ago: 40,
        title_vi: "Phiên kết nối công nghệ nông nghiệp và chế biến: nhiều thỏa thuận hợp tác",
        title_en: "Agriculture and food processing session: many cooperation agreements",
        body_vi: "Phiên kết nối vừa qua có sự tham gia của các hợp tác xã, doanh nghiệp chế biến và các nhóm nghiên cứu của Đại học Huế.\n\nCác bên đã gặp nhau theo lịch, thống nhất thử nghiệm máy sấy nông sản năng lượng mặt trời và quy trình xử lý nước ao nuôi tôm. Trung tâm sẽ tiếp tục theo dõi kết quả sau 30, 90 và 180 ngày.",
        body_en: "The last session brought together cooperatives, food processors and research groups of Hue University.\n\nThe parties met on schedule and agreed to pilot a solar agricultural dryer and a shrimp pond water treatment process. The centre follows the results after 30, 90 and 180 days.",
    },
    DemoNews {
        days_ago: 75,
        title_vi: "Trưng bày sản phẩm khoa học và công nghệ tiêu biểu năm nay",
        title_en: "This year's showcase of typical S&T products",
        body_vi: "Trang **Trưng bày** giới thiệu sản phẩm khoa học và công nghệ tiêu biểu của các viện, trường và doanh nghiệp trên địa bàn. Tổ chức có sản phẩm muốn giới thiệu xin liên hệ Trung tâm.",
        body_en: "The **Showcase** page presents typical science and technology products of the area's institutes, universities and companies. Organisations with a product to present are welcome to contact the centre.",
    },
];

/// The centre's demo service contracts of the year: client, service, month, value in đồng.
const DEMO_CONTRACTS: [(&str, &str, u32, i64); 4] = [
    ("Công ty TNHH Thực phẩm Hương Giang", "Tư vấn chuyển giao công nghệ sấy", 2, 420_000_000),
    ("Hợp tác xã Nông nghiệp Quảng Thành", "Thẩm định công nghệ xử lý nước thải", 4, 185_000_000),
    ("Công ty CP Dệt may Phú Bài", "Đo lường – thử nghiệm vật liệu", 6, 760_000_000),
    ("Sở Nông nghiệp và Môi trường", "Tổ chức trình diễn công nghệ", 9, 540_000_000),
];

/// Computes the suggestion lists and has each demo member judge the first suggestions on their
/// organisation's published listings (the first two useful, the third not), so that the pages
/// and the staff's precision figures show something real.
fn judge_demo_suggestions(conn: &mut AnyConnection, demo: &DemoFile, now: NaiveDateTime) -> anyhow::Result<()> {
    crate::services::recommend::compute_all(conn, now, crate::services::recommend::DEFAULT_TOP, |_, _| {})?;
    for a in demo.accounts.iter().filter(|a| a.org.is_some()) {
        let Some(user) = db::users::by_email(conn, &Email::parse(&a.email)?)? else { continue };
        let Some(org) = user.organisation_id else { continue };
        let mine = db::listings::by_organisation(conn, org)?;
        for l in mine.iter().filter(|l| l.status == crate::domain::ListingStatus::Published).take(3) {
            let list = db::recommendations::list(conn, l.kind, &l.id)?;
            for (rank, row) in list.iter().take(3).enumerate() {
                crate::services::recommend::judge(conn, &user, l.kind, &l.id, &row.other_id, rank < 2, now)?;
            }
        }
    }
    Ok(())
}

/// Expressions of interest around the first organisation, so that its page of them shows each
/// state: received and open, received and accepted, sent and open, sent and declined.
fn demo_interests(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<()> {
    let member = db::users::by_email(conn, &Email::parse("thanhvien@dhkh.example")?)?.map(|u| u.id.to_string());
    let rows = [
        (
            "codo",
            "dhkh",
            "offer",
            "vat-lieu-hap-phu-tu-vo-trau",
            "open",
            2,
            "Nhà máy chúng tôi cần xử lý nước thải chế biến có độ mặn cao. Than hoạt tính từ vỏ trấu có dùng được không? Xin hẹn một buổi trao đổi.",
            "",
        ),
        (
            "baola",
            "dhkh",
            "offer",
            "son-mai-sinh-thai",
            "accepted",
            9,
            "Hợp tác xã muốn thử sơn mài gốc nước cho lô hàng mây tre xuất khẩu sang châu Âu.",
            "Rất sẵn lòng. Mời anh chị đến phòng thí nghiệm sáng thứ Năm để xem mẫu.",
        ),
        (
            "dhkh",
            "huongthuy",
            "need",
            "vat-lieu-nhe-chong-nong",
            "open",
            1,
            "Nhóm vật liệu của trường có tấm cách nhiệt từ phụ phẩm nông nghiệp, đã thử trên mái tôn. Xin gửi số liệu đo.",
            "",
        ),
        (
            "dhkh",
            "quangtho",
            "need",
            "bao-quan-rau",
            "declined",
            15,
            "Chúng tôi có màng bao sinh học giúp rau giữ tươi lâu hơn khi bảo quản mát.",
            "Cảm ơn trường; hợp tác xã đã chọn giải pháp kho mát của đơn vị khác.",
        ),
    ];
    for (sender, owner, kind, key, status, days, message, answer) in rows {
        let listing_id =
            if kind == "offer" { OfferId::stable(key).to_string() } else { NeedId::stable(key).to_string() };
        let at = now - TimeDelta::days(days);
        let i = db::interests::Interest {
            id: uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("ketnoi:interest:{sender}:{key}").as_bytes())
                .to_string(),
            listing_kind: kind.into(),
            listing_id,
            owner_org: org_id(owner).to_string(),
            sender_org: org_id(sender).to_string(),
            sender_user: if sender == "dhkh" { member.clone() } else { None },
            message: message.into(),
            status: status.into(),
            answer: answer.into(),
            answered_by: if owner == "dhkh" && status != "open" { member.clone() } else { None },
            created_at: at,
            answered_at: (status != "open").then_some(at + TimeDelta::days(2)),
            reminded_at: None,
            reasons: String::new(),
            sender_notified_at: None,
            owner_notified_at: None,
        };
        if db::interests::get(conn, &i.id)?.is_none() {
            db::interests::insert(conn, &i)?;
            if status == "accepted" {
                // The conversation the acceptance opened.
                let lines = [
                    (sender, 3, "Cảm ơn trường. Chúng tôi sẽ mang theo năm mẫu giỏ mây để thử sơn."),
                    (owner, 3, "Phòng thí nghiệm ở tầng 2, nhà B. Xin mang cả mẫu đã sơn PU để so sánh độ bám."),
                    (sender, 4, "Đã rõ. Hẹn 8 giờ 30 sáng thứ Năm."),
                ];
                for (n, (org, after, body)) in lines.into_iter().enumerate() {
                    db::interests::add_message(
                        conn,
                        &db::interests::Message {
                            id: uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("{}:{n}", i.id).as_bytes())
                                .to_string(),
                            interest_id: i.id.clone(),
                            author_org: org_id(org).to_string(),
                            author_user: if org == "dhkh" { member.clone() } else { None },
                            body: body.into(),
                            created_at: at + TimeDelta::days(after) + TimeDelta::minutes(n as i64 * 17),
                            reported_at: None,
                            reported_by: None,
                        },
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// A contact person for a demo organisation, at its (reserved `.example`) web domain.
/// The quality score a listing gets when it is submitted, so the demo's tables show real figures
/// (a draft has none yet).
fn scored(
    conn: &mut AnyConnection,
    kind: crate::domain::ListingKind,
    id: &str,
    status: ListingStatus,
    report: crate::domain::quality::Report,
) -> anyhow::Result<()> {
    if status == ListingStatus::Draft {
        return Ok(());
    }
    let mut w = db::listings::workflow(conn, kind, id)?.unwrap_or_default();
    w.quality_score = Some(i32::from(report.score));
    db::listings::set_workflow(conn, kind, id, &w)
}

fn demo_contact(key: &str, website: Option<&str>) -> Contact {
    let domain = website
        .and_then(|w| url::Url::parse(w).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| format!("{key}.example"));
    // A stable, plausible Huế landline from the key.
    let n = key.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % 10_000;
    Contact {
        name: "Phòng Hợp tác và Chuyển giao công nghệ".into(),
        email: format!("lienhe@{domain}"),
        phone: format!("0234 38{n:04}"),
        share: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_parses_completely() {
        let demo: DemoFile = toml::from_str(DEMO).unwrap();
        let now = db::now();
        assert!(demo.organisations.len() >= 15);
        assert!(demo.offers.len() >= 40);
        assert!(demo.needs.len() >= 25);
        for o in &demo.offers {
            let offer =
                build_offer(o, demo.province_of(&o.org).unwrap(), now).unwrap_or_else(|e| panic!("{}: {e:#}", o.key));
            assert!(offer.summary.chars().count() <= crate::domain::SUMMARY_MAX_CHARS, "{}", o.key);
            assert!(demo.organisations.iter().any(|g| g.key == o.org), "{} names unknown org {}", o.key, o.org);
        }
        for n in &demo.needs {
            build_need(n, demo.province_of(&n.org).unwrap(), now).unwrap_or_else(|e| panic!("{}: {e:#}", n.key));
            assert!(demo.organisations.iter().any(|g| g.key == n.org), "{} names unknown org {}", n.key, n.org);
        }
    }
}

//! Importing offers and needs from files: CSV or JSON Lines (optionally gzip-compressed) with a
//! column mapping, and adapters for public corpora (SBIR/STTR topics as needs; SBIR awards, NASA
//! software and NASA patents as offers).
//!
//! Two passes over the file, so memory stays flat whatever its size: the first checks every row
//! and reports each bad one; the second (only if nothing is wrong, or with `skip_invalid`) writes
//! in one transaction — all or nothing. Rows carry a source id where the format has one; the
//! listing's id is derived from it, so importing the same file twice adds nothing.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::Context;

use super::Listing;
use super::input::RawListing;
use crate::db::{self, AnyConnection, listings::Workflow};
use crate::domain::{
    Contact, ListingKind, ListingStatus, NeedId, OfferId, OrgKind, Organisation, OrganisationId, Province, Sector,
};
use crate::validate::FieldError;

/// The layout of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated, first line = column names.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// SBIR/STTR solicitation topics (JSONL): agencies' needs.
    SbirTopics,
    /// SBIR/STTR award abstracts (JSONL): small firms' offers.
    SbirAwards,
    /// NASA software catalogue (JSONL): offers.
    NasaSoftware,
    /// NASA patent portfolio (CSV): offers.
    NasaPatents,
}

impl Format {
    /// The kind of listing an adapter produces (generic formats take either).
    pub fn kind(self) -> Option<ListingKind> {
        match self {
            Self::SbirTopics => Some(ListingKind::Need),
            Self::SbirAwards | Self::NasaSoftware | Self::NasaPatents => Some(ListingKind::Offer),
            Self::Csv | Self::Jsonl => None,
        }
    }

    fn is_csv(self) -> bool {
        matches!(self, Self::Csv | Self::NasaPatents)
    }

    /// Guesses the format from the file name (`.csv`, `.jsonl`, with or without `.gz`).
    pub fn from_path(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        let name = name.trim_end_matches(".gz");
        if name.ends_with(".csv") {
            Some(Self::Csv)
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Some(Self::Jsonl)
        } else {
            None
        }
    }
}

/// What to import and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub kind: ListingKind,
    pub format: Format,
    /// `target=source` pairs: a listing field from a column (generic formats).
    pub mapping: Vec<(String, String)>,
    /// Every row goes to this organisation; otherwise the row's organisation (a column named
    /// `organisation`, or the adapter's) is found by name or created.
    pub organisation: Option<OrganisationId>,
    /// Province of listings and created organisations when the row has none.
    pub province: Province,
    /// Publish at once (trusted sources) instead of leaving drafts.
    pub publish: bool,
    /// Import the good rows even when some are bad.
    pub skip_invalid: bool,
}

/// One refused row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// 1-based line (or record) number.
    pub line: usize,
    pub errors: Vec<FieldError>,
    /// Why the row could not even be read (malformed CSV or JSON).
    pub unreadable: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub rows: usize,
    pub imported: usize,
    /// Rows whose listing already exists (same source id).
    pub existing: usize,
    pub invalid: Vec<BadRow>,
    pub organisations_created: usize,
    /// False when bad rows stopped the import (nothing was written).
    pub written: bool,
}

/// One input record: field name → text.
type Record = BTreeMap<String, String>;

fn open(path: &Path) -> anyhow::Result<Box<dyn Read>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let gz = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    Ok(if gz { Box::new(flate2::read::GzDecoder::new(file)) } else { Box::new(file) })
}

/// Calls `f` with each record of the file (number, record or the reason it cannot be read).
fn each_record(
    path: &Path,
    format: Format,
    mut f: impl FnMut(usize, Result<Record, String>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let reader = open(path)?;
    if format.is_csv() {
        let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        // A spreadsheet (and our own export) starts the file with a byte-order mark.
        let headers: Vec<String> = csv
            .headers()
            .context("reading the CSV header")?
            .iter()
            .map(|h| h.trim_start_matches('\u{FEFF}').trim().to_string())
            .collect();
        for (i, rec) in csv.records().enumerate() {
            let line = i + 2;
            match rec {
                Ok(r) => {
                    let cells = r.iter().map(|c| super::export::unneutralise(c).to_string());
                    f(line, Ok(headers.iter().cloned().zip(cells).collect()))?
                }
                Err(e) => f(line, Err(format!("not valid CSV: {e}")))?,
            }
        }
    } else {
        for (i, line) in BufReader::new(reader).lines().enumerate() {
            let line_no = i + 1;
            let text = line.with_context(|| format!("reading line {line_no}"))?;
            if text.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text) {
                Ok(obj) => {
                    let rec = obj
                        .into_iter()
                        .map(|(k, v)| {
                            let t = match v {
                                serde_json::Value::String(s) => s,
                                serde_json::Value::Null => String::new(),
                                serde_json::Value::Array(a) => a
                                    .iter()
                                    .map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string()))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                                other => other.to_string(),
                            };
                            (k, t)
                        })
                        .collect();
                    f(line_no, Ok(rec))?
                }
                Err(e) => f(line_no, Err(format!("not a JSON object: {e}")))?,
            }
        }
    }
    Ok(())
}

/// The first sentences of `text`, at most `max` characters (a summary from an abstract).
fn lead(text: &str, max: usize) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max {
        return t;
    }
    let cut: String = t.chars().take(max).collect();
    match cut.rfind(". ") {
        Some(i) if i > max / 3 => cut[..=i].to_string(),
        _ => format!("{}…", cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut)),
    }
}

/// Long source texts are cut (at a sentence end where possible) to what a listing holds.
fn cap(text: &str) -> String {
    lead(text, super::input::TEXT_MAX)
}

/// A sector from the words of a text, for sources without one.
pub fn guess_sector(text: &str) -> Sector {
    let t = ketnoi_text::fold(text);
    const RULES: &[(Sector, &[&str])] = &[
        (Sector::Aquaculture, &["aquaculture", "fisher", "shrimp", "thuy san", "nuoi tom"]),
        (Sector::FoodProcessing, &["food", "thuc pham", "beverage"]),
        (Sector::Agriculture, &["agricultur", "crop", "soil", "livestock", "nong nghiep", "forest"]),
        (Sector::Health, &["medical", "clinical", "patient", "health", "disease", "vaccine", "drug", "y te", "therap"]),
        (Sector::Biotechnology, &["biolog", "genom", "protein", "microb", "enzyme", "bacteri", "sinh hoc"]),
        (Sector::Energy, &["energy", "battery", "solar", "fuel", "power", "nang luong"]),
        (Sector::Environment, &["water", "environment", "pollut", "waste", "emission", "moi truong"]),
        (Sector::Materials, &["material", "polymer", "composite", "coating", "alloy", "chemical", "vat lieu"]),
        (
            Sector::InformationTechnology,
            &["software", "algorithm", "data", "cyber", "network", "computing", "phan mem"],
        ),
        (Sector::Electronics, &["sensor", "radar", "antenna", "laser", "optic", "electronic", "semiconductor", "rf "]),
        (Sector::Mechanics, &["robot", "mechanical", "engine", "propulsion", "manufactur", "co khi", "actuator"]),
        (Sector::Construction, &["construction", "building", "concrete", "xay dung"]),
    ];
    RULES
        .iter()
        .map(|(s, words)| (*s, words.iter().map(|w| t.matches(w).count()).sum::<usize>()))
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s)
        .unwrap_or(Sector::Other)
}

/// The listing fields, source id and organisation name of one record.
fn translate(opts: &Options, rec: &Record) -> (RawListing, Option<String>, Option<String>) {
    let get = |k: &str| rec.get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let mut v = serde_json::Map::new();
    let mut set = |k: &str, val: Option<String>| {
        if let Some(val) = val {
            v.insert(k.to_string(), serde_json::Value::String(val));
        }
    };
    let (id, org) = match opts.format {
        Format::SbirTopics => {
            let text = get("description").unwrap_or_default();
            set("title", get("topic_name"));
            set("problem", Some(cap(&text)));
            set("deadline", get("close_date"));
            set(
                "sector",
                Some(guess_sector(&format!("{} {text}", get("topic_name").unwrap_or_default())).code().into()),
            );
            set("keywords", Some([get("program"), get("phase")].into_iter().flatten().collect::<Vec<_>>().join(", ")));
            // "Department of Commerce,National Institute of Standards and Technology": the part that acts.
            (get("id"), get("agency").map(|a| a.rsplit(',').next().unwrap_or(&a).trim().to_string()))
        }
        Format::SbirAwards => {
            let text = get("abstract").unwrap_or_default();
            set("title", get("title"));
            set("summary", Some(lead(&text, 480)));
            set("description", Some(cap(&text)));
            set("sector", Some(guess_sector(&format!("{} {text}", get("title").unwrap_or_default())).code().into()));
            (get("id"), get("firm"))
        }
        Format::NasaSoftware => {
            let text = get("description").unwrap_or_default();
            let tags: Vec<String> = get("tags")
                .unwrap_or_default()
                .split(", ")
                .filter(|t| {
                    !t.is_empty() && *t != "NASA" && Some(t.to_string()) != get("center") && !t.contains("Release")
                })
                .take(5)
                .map(str::to_string)
                .collect();
            set("title", get("name"));
            set("summary", Some(lead(&text, 480)));
            set("description", Some(cap(&text)));
            set("keywords", Some(tags.join(", ")));
            set(
                "sector",
                Some(guess_sector(&format!("{} {text} software", get("name").unwrap_or_default())).code().into()),
            );
            set("transfer_modes", None);
            (get("id"), get("center").map(|c| format!("NASA {c}")))
        }
        Format::NasaPatents => {
            let title = get("Title").unwrap_or_default();
            let issued = get("Status").as_deref() == Some("Issued");
            let number = get("Patent Number").filter(|n| n != "0").or_else(|| get("Application SN"));
            set("title", Some(title.clone()));
            set("summary", Some(format!("{title}. {}", if issued { "Granted patent" } else { "Patent application" })));
            set(
                "description",
                Some(format!(
                    "{title}. Case {}; {}{}.",
                    get("Case Number").unwrap_or_default(),
                    if issued { "patent " } else { "application " },
                    number.clone().unwrap_or_default()
                )),
            );
            set("ip_status", Some(if issued { "patent" } else { "pending" }.into()));
            set("ip_number", number);
            set("sector", Some(guess_sector(&title).code().into()));
            (get("Case Number"), get("Center"))
        }
        Format::Csv | Format::Jsonl => {
            for (k, val) in rec {
                set(k, Some(val.clone()));
            }
            for (target, source) in &opts.mapping {
                set(target, get(source));
            }
            (get("id"), get("organisation"))
        }
    };
    let mut raw: RawListing = serde_json::from_value(serde_json::Value::Object(
        v.into_iter().filter(|(k, _)| RawListing::FIELDS.contains(&k.as_str()) && *k != "transfer_modes").collect(),
    ))
    .unwrap_or_default();
    raw.transfer_modes = rec
        .get("transfer_modes")
        .map(|m| m.split([',', ';']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect());
    if opts.format == Format::SbirAwards || opts.format == Format::NasaSoftware || opts.format == Format::NasaPatents {
        raw.transfer_modes = Some(vec!["licence".into()]);
    }
    (raw, id, org)
}

fn build(
    opts: &Options,
    raw: &RawListing,
    org: OrganisationId,
    source_id: Option<&str>,
) -> Result<Listing, Vec<FieldError>> {
    let mut l = match opts.kind {
        ListingKind::Offer => raw.new_offer(org, opts.province).map(Listing::Offer)?,
        ListingKind::Need => raw.new_need(org, opts.province).map(Listing::Need)?,
    };
    if let Some(sid) = source_id {
        // Source ids are unique within a source only (NASA patents and software share case numbers).
        let key = format!("import:{:?}:{sid}", opts.format);
        match &mut l {
            Listing::Offer(o) => o.id = OfferId::stable(&key),
            Listing::Need(n) => n.id = NeedId::stable(&key),
        }
    }
    Ok(l)
}

/// Why an import was refused before a row was read.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// The organisation the rows go to does not exist.
    #[error("no organisation {0}")]
    NoOrganisation(OrganisationId),
    /// `--publish` for an organisation that is not verified: only verified organisations publish.
    #[error(
        "organisation {0} is not verified: its listings cannot be published (have staff verify it, or import without --publish)"
    )]
    NotVerified(OrganisationId),
}

/// The first pass of an import: reads and checks every row of the file without writing anything
/// (rows, and the bad ones with their line and fields).
pub fn check(path: &Path, opts: &Options) -> anyhow::Result<Report> {
    let mut report = Report::default();
    let placeholder = OrganisationId::new();
    each_record(path, opts.format, |line, rec| {
        report.rows += 1;
        match rec {
            Err(e) => report.invalid.push(BadRow { line, errors: Vec::new(), unreadable: Some(e) }),
            Ok(rec) => {
                let (raw, id, _) = translate(opts, &rec);
                if let Err(errors) = build(opts, &raw, placeholder, id.as_deref()) {
                    report.invalid.push(BadRow { line, errors, unreadable: None });
                }
            }
        }
        Ok(())
    })?;
    Ok(report)
}

/// Checks the whole file, then (if allowed) writes it. `progress` is called with (done, total)
/// during the writing pass.
pub fn import(
    conn: &mut AnyConnection,
    lifetime: chrono::TimeDelta,
    path: &Path,
    opts: &Options,
    mut progress: impl FnMut(usize, usize),
) -> anyhow::Result<Report> {
    if let Some(org) = opts.organisation {
        match db::organisations::get(conn, org)? {
            None => return Err(Refused::NoOrganisation(org).into()),
            Some(o) if opts.publish && o.verified_at.is_none() => return Err(Refused::NotVerified(org).into()),
            Some(_) => {}
        }
    }
    let mut report = check(path, opts)?;
    if !report.invalid.is_empty() && !opts.skip_invalid {
        return Ok(report);
    }
    let bad: std::collections::HashSet<usize> = report.invalid.iter().map(|b| b.line).collect();
    let total = report.rows - bad.len();
    let now = db::now();
    db::write(conn, |conn| {
        let mut orgs: HashMap<String, OrganisationId> = HashMap::new();
        let mut done = 0;
        each_record(path, opts.format, |line, rec| {
            let Ok(rec) = rec else { return Ok(()) };
            if bad.contains(&line) {
                return Ok(());
            }
            let (raw, id, org_name) = translate(opts, &rec);
            let org = match (opts.organisation, org_name) {
                (Some(o), _) => o,
                (None, name) => {
                    let name = name.unwrap_or_else(|| "Nguồn nhập khẩu".into());
                    match orgs.get(&name) {
                        Some(o) => *o,
                        None => {
                            let (o, created) = find_or_create_org(conn, &name, opts, now)?;
                            report.organisations_created += usize::from(created);
                            orgs.insert(name, o);
                            o
                        }
                    }
                }
            };
            let Ok(mut l) = build(opts, &raw, org, id.as_deref()) else { return Ok(()) };
            if super::load(conn, l.kind(), &l.id())?.is_some() {
                report.existing += 1;
            } else {
                if opts.publish {
                    l.set_status(ListingStatus::Published);
                    l.set_published(Some(now), Some(now + lifetime));
                }
                l.insert(conn)?;
                db::search_changes::record(conn, l.kind(), &l.id())?;
                db::listings::set_workflow(
                    conn,
                    l.kind(),
                    &l.id(),
                    &Workflow { submitted_at: opts.publish.then_some(now), ..Workflow::default() },
                )?;
                report.imported += 1;
            }
            done += 1;
            progress(done, total);
            Ok(())
        })?;
        let detail = serde_json::json!({ "file": path.display().to_string(), "imported": report.imported, "existing": report.existing, "skipped": report.invalid.len() });
        db::audit::record(
            conn,
            None,
            &format!("{}.imported", opts.kind.code()),
            "import",
            &path.display().to_string(),
            &detail,
        )?;
        Ok(())
    })?;
    report.written = true;
    Ok(report)
}

fn find_or_create_org(
    conn: &mut AnyConnection,
    name: &str,
    opts: &Options,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<(OrganisationId, bool)> {
    let id = OrganisationId::stable(&format!("import:{name}"));
    if db::organisations::exists(conn, id)? {
        return Ok((id, false));
    }
    let research =
        ["NASA", "Institute", "Laboratory", "University", "Center", "Department", "Agency", "Viện", "Trường"];
    let kind = if research.iter().any(|w| name.contains(w)) { OrgKind::ResearchInstitute } else { OrgKind::Enterprise };
    let name: String = name.chars().take(300).collect();
    let org = Organisation {
        id,
        kind,
        name,
        tax_code: None,
        province: opts.province,
        address: String::new(),
        website: None,
        description: String::new(),
        verified_at: Some(now),
        created_at: now,
        updated_at: now,
        contact: Contact::default(),
    };
    db::organisations::insert(conn, &org)?;
    Ok((id, true))
}

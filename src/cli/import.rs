//! `ketnoi import`: offers or needs from a file, checked first.

use std::path::PathBuf;

use super::{Failure, migrated};
use crate::config::Settings;
use crate::domain::Locale;

pub(super) struct ImportArgs {
    pub(super) kind: String,
    pub(super) file: PathBuf,
    pub(super) format: Option<crate::services::listings::import::Format>,
    pub(super) mapping: Vec<String>,
    pub(super) org: Option<String>,
    pub(super) province: String,
    pub(super) publish: bool,
    pub(super) skip_invalid: bool,
}

pub(super) fn import(settings: &Settings, a: ImportArgs) -> Result<(), Failure> {
    use crate::domain::ListingKind;
    use crate::services::listings::import::{self, Format, Options};
    let kind = if a.kind == "needs" { ListingKind::Need } else { ListingKind::Offer };
    let format = a
        .format
        .or_else(|| Format::from_path(&a.file))
        .ok_or_else(|| Failure::Usage(format!("{}: say --format (csv, jsonl, sbir-topics, …)", a.file.display())))?;
    if let Some(k) = format.kind()
        && k != kind
    {
        return Err(Failure::Usage(format!("--format {format:?} holds {}s, not {}", k.code(), a.kind)));
    }
    let mapping = a
        .mapping
        .iter()
        .map(|m| {
            m.split_once('=')
                .map(|(t, s)| (t.trim().to_string(), s.trim().to_string()))
                .filter(|(t, _)| crate::services::listings::input::RawListing::FIELDS.contains(&t.as_str()))
                .ok_or_else(|| {
                    Failure::Usage(format!("--map {m}: expected FIELD=COLUMN with a listing field such as title"))
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let province = a.province.parse().map_err(|e| Failure::Usage(format!("--province: {e}")))?;
    let organisation =
        a.org.as_deref().map(str::parse).transpose().map_err(|e| Failure::Usage(format!("--org: {e}")))?;
    let db = migrated(settings)?;
    let opts =
        Options { kind, format, mapping, organisation, province, publish: a.publish, skip_invalid: a.skip_invalid };
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(format!("importing {}", a.kind));
    let report = import::import(&mut *db.conn()?, settings.listing_lifetime(), &a.file, &opts, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if done % 1000 == 0 {
            tracing::info!(done, total, "importing");
        }
    })
    .map_err(|e| match e.downcast::<import::Refused>() {
        Ok(refused) => Failure::Usage(format!("--org: {refused}")),
        Err(e) => Failure::Runtime(e),
    })?;
    bar.finish_and_clear();
    for bad in &report.invalid {
        let what = match &bad.unreadable {
            Some(e) => e.clone(),
            None => bad
                .errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message(Locale::En)))
                .collect::<Vec<_>>()
                .join("; "),
        };
        eprintln!("line {}: {what}", bad.line);
    }
    if !report.written {
        return Err(Failure::Usage(format!(
            "{} of {} row(s) are not valid; nothing was imported (fix them, or use --skip-invalid)",
            report.invalid.len(),
            report.rows
        )));
    }
    println!(
        "{} row(s): {} {} imported, {} already present, {} skipped as invalid, {} organisation(s) created",
        report.rows,
        report.imported,
        a.kind,
        report.existing,
        report.invalid.len(),
        report.organisations_created
    );
    Ok(())
}

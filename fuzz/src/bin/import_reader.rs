//! The import reader: any bytes as a CSV or JSON Lines file (the first byte picks the format).

use ketnoi::services::listings::import::{self, Format, Options};

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    afl::fuzz!(|data: &[u8]| {
        let Some((&first, rest)) = data.split_first() else { return };
        let (name, format) = match first % 4 {
            0 => ("a.csv", Format::Csv),
            1 => ("a.jsonl", Format::Jsonl),
            2 => ("a.jsonl", Format::SbirTopics),
            _ => ("a.jsonl", Format::NasaPatents),
        };
        let path = dir.path().join(name);
        if std::fs::write(&path, rest).is_err() {
            return;
        }
        let kind = format.kind().unwrap_or(ketnoi::domain::ListingKind::Offer);
        let opts = Options {
            kind,
            format,
            mapping: vec![("summary".into(), "abstract".into())],
            organisation: None,
            province: ketnoi::domain::Province::Hue,
            publish: false,
            skip_invalid: false,
        };
        let _ = import::check(&path, &opts);
    });
}

//! Images and PDF brochures of listings. The type is read from the bytes, never from the name or
//! the browser's claim; sizes are limited; files are stored once per content under
//! `data_dir/files` (named by their SHA-256) with a JPEG thumbnail for images, and removed when
//! the last attachment using them goes.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Outcome, Refused, audit, load};
use crate::db::{self, AnyConnection, attachments::AttachmentRow};
use crate::domain::{ListingKind, UserId};
use crate::validate::FieldError;

/// Largest image accepted.
pub const IMAGE_MAX: usize = 5 * 1024 * 1024;
/// Largest PDF accepted.
pub const PDF_MAX: usize = 10 * 1024 * 1024;
/// Attachments per listing.
pub const PER_LISTING: usize = 10;
/// Thumbnails fit in this square.
pub const THUMB: u32 = 400;

/// The content type of the bytes, if it is one we accept.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// Where the bytes of a content hash live.
pub fn path_of(files: &Path, sha: &str) -> PathBuf {
    files.join(&sha[..2]).join(sha)
}

/// Where the thumbnail of an image lives.
pub fn thumb_of(files: &Path, sha: &str) -> PathBuf {
    files.join("thumbs").join(format!("{sha}.jpg"))
}

fn refuse(key: &'static str, n: Option<usize>) -> Refused {
    Refused::Invalid(vec![FieldError { field: "file", key, n }])
}

/// Stores an upload for a listing (the policy has checked the caller owns it).
pub fn add(
    conn: &mut AnyConnection,
    files: &Path,
    user: UserId,
    kind: ListingKind,
    id: &str,
    filename: &str,
    bytes: &[u8],
) -> Outcome<AttachmentRow> {
    let Some(content_type) = sniff(bytes) else { return Ok(Err(refuse("err.file_type", None))) };
    let image = content_type.starts_with("image/");
    let max = if image { IMAGE_MAX } else { PDF_MAX };
    if bytes.len() > max {
        return Ok(Err(refuse("err.file_size", Some(max / 1024 / 1024))));
    }
    let (width, height) = if image {
        match image::load_from_memory(bytes) {
            Ok(img) => (i32::try_from(img.width()).ok(), i32::try_from(img.height()).ok()),
            Err(_) => return Ok(Err(refuse("err.file_broken", None))),
        }
    } else {
        (None, None)
    };
    let Some(listing) = load(conn, kind, id)? else { return Ok(Err(Refused::NotFound)) };
    if db::attachments::of_listing(conn, kind, id)?.len() >= PER_LISTING {
        return Ok(Err(refuse("err.file_count", Some(PER_LISTING))));
    }
    let sha: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let path = path_of(files, &sha);
    if !path.exists() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // Write then rename: a crash never leaves a half file under the final name.
        let tmp = path.with_extension("part");
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path)?;
    }
    if image {
        let thumb = thumb_of(files, &sha);
        if !thumb.exists() {
            if let Some(dir) = thumb.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let img = image::load_from_memory(bytes)?.thumbnail(THUMB, THUMB).into_rgb8();
            img.save_with_format(&thumb, image::ImageFormat::Jpeg)?;
        }
    }
    let name: String = std::path::Path::new(filename)
        .file_name()
        .map(|n| n.to_string_lossy().chars().filter(|c| !c.is_control()).take(200).collect())
        .unwrap_or_default();
    let row = AttachmentRow {
        id: uuid::Uuid::now_v7().to_string(),
        listing_kind: kind.code().into(),
        listing_id: id.into(),
        organisation_id: listing.organisation().to_string(),
        filename: if name.is_empty() { "file".into() } else { name },
        content_type: content_type.into(),
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: sha,
        width,
        height,
        created_at: db::now(),
    };
    db::write(conn, |conn| {
        db::attachments::insert(conn, &row)?;
        audit(
            conn,
            Some(user),
            &listing,
            "attachment_added",
            serde_json::json!({ "file": row.filename, "type": row.content_type }),
        )?;
        Ok(())
    })?;
    Ok(Ok(row))
}

/// Removes an attachment of a listing; its files go when nothing else uses them.
pub fn remove(
    conn: &mut AnyConnection,
    files: &Path,
    user: UserId,
    kind: ListingKind,
    id: &str,
    attachment: &str,
) -> Outcome<()> {
    let Some(row) = db::attachments::get(conn, attachment)? else { return Ok(Err(Refused::NotFound)) };
    if row.listing_kind != kind.code() || row.listing_id != id {
        return Ok(Err(Refused::NotFound));
    }
    let Some(listing) = load(conn, kind, id)? else { return Ok(Err(Refused::NotFound)) };
    let unused = db::write(conn, |conn| {
        db::attachments::delete(conn, attachment)?;
        audit(conn, Some(user), &listing, "attachment_removed", serde_json::json!({ "file": row.filename }))?;
        Ok(db::attachments::uses_of(conn, &row.sha256)? == 0)
    })?;
    if unused {
        for p in [path_of(files, &row.sha256), thumb_of(files, &row.sha256)] {
            if let Err(e) = std::fs::remove_file(&p)
                && e.kind() != std::io::ErrorKind::NotFound
            {
                tracing::warn!(path = %p.display(), error = %e, "removing an unused file");
            }
        }
    }
    Ok(Ok(()))
}

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

/// Largest width or height of an image, in pixels.
pub const IMAGE_MAX_SIDE: u32 = 12_000;
/// Largest image in megapixels: a 48 MP phone photo passes; what decodes to more is refused
/// before a byte of it is decoded (a small PNG can declare 11000×11000 pixels, ~470 MB).
pub const IMAGE_MAX_MEGAPIXELS: u64 = 50;
/// The most memory one decode may allocate, whatever the header said.
const DECODE_MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Images decoded at once in this process: each may take up to [`DECODE_MAX_ALLOC`]; more
/// uploads wait their turn instead of taking the memory of everything else.
pub static DECODES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// An upload checked, decoded once and thumbnailed, ready to be stored: made outside any database
/// connection, because decoding is the slow part.
pub struct Prepared {
    filename: String,
    content_type: &'static str,
    bytes: Vec<u8>,
    sha256: String,
    width: Option<i32>,
    height: Option<i32>,
    /// The JPEG thumbnail of an image.
    thumb: Option<Vec<u8>>,
}

impl Prepared {
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }

    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    pub fn content_type(&self) -> &'static str {
        self.content_type
    }

    /// Writes the bytes (and an image's thumbnail) to the file store under `files`.
    pub fn store_in(&self, files: &Path) -> std::io::Result<()> {
        store(&path_of(files, &self.sha256), &self.bytes)?;
        if let Some(thumb) = &self.thumb {
            store(&thumb_of(files, &self.sha256), thumb)?;
        }
        Ok(())
    }
}

/// Removes a content's file and thumbnail from the store (when nothing uses them any more).
pub fn remove_files(files: &Path, sha: &str) {
    for p in [path_of(files, sha), thumb_of(files, sha)] {
        if let Err(e) = std::fs::remove_file(&p)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(path = %p.display(), error = %e, "removing an unused file");
        }
    }
}

/// Checks an upload's type and size and, for an image, its declared dimensions before decoding
/// it (with limits on dimensions and allocation) once, to make its thumbnail.
pub fn prepare(filename: &str, bytes: Vec<u8>) -> Result<Prepared, Refused> {
    let Some(content_type) = sniff(&bytes) else { return Err(refuse("err-file-type", None)) };
    let image = content_type.starts_with("image/");
    let max = if image { IMAGE_MAX } else { PDF_MAX };
    if bytes.len() > max {
        return Err(refuse("err-file-size", Some(max / 1024 / 1024)));
    }
    let (width, height, thumb) = if image {
        let (w, h, t) = decode_thumbnail(&bytes)?;
        (i32::try_from(w).ok(), i32::try_from(h).ok(), Some(t))
    } else {
        (None, None, None)
    };
    let name: String = std::path::Path::new(filename)
        .file_name()
        .map(|n| ketnoi_text::clean_lossy(&n.to_string_lossy()).chars().take(200).collect())
        .unwrap_or_default();
    Ok(Prepared {
        filename: if name.trim().is_empty() { "file".into() } else { name.trim().to_string() },
        content_type,
        sha256: Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect(),
        bytes,
        width,
        height,
        thumb,
    })
}

/// Reads an image's dimensions from its header, refuses one too large, then decodes it under
/// limits and returns its dimensions and a JPEG thumbnail.
fn decode_thumbnail(bytes: &[u8]) -> Result<(u32, u32, Vec<u8>), Refused> {
    let broken = || refuse("err-file-broken", None);
    let too_large = || refuse("err-image-pixels", Some(IMAGE_MAX_MEGAPIXELS as usize));
    let reader = || image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().map_err(|_| broken());
    let (w, h) = reader()?.into_dimensions().map_err(|_| broken())?;
    if w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || u64::from(w) * u64::from(h) > IMAGE_MAX_MEGAPIXELS * 1_000_000 {
        return Err(too_large());
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(IMAGE_MAX_SIDE);
    limits.max_image_height = Some(IMAGE_MAX_SIDE);
    limits.max_alloc = Some(DECODE_MAX_ALLOC);
    let mut r = reader()?;
    r.limits(limits);
    let img = r.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => too_large(),
        _ => broken(),
    })?;
    let mut thumb = Vec::new();
    img.thumbnail(THUMB, THUMB)
        .into_rgb8()
        .write_to(&mut std::io::Cursor::new(&mut thumb), image::ImageFormat::Jpeg)
        .map_err(|_| broken())?;
    Ok((w, h, thumb))
}

/// Whether the listing exists and can take one more file: checked before an upload is decoded.
pub fn room(conn: &mut AnyConnection, kind: ListingKind, id: &str) -> Outcome<()> {
    if load(conn, kind, id)?.is_none() {
        return Ok(Err(Refused::NotFound));
    }
    if db::attachments::of_listing(conn, kind, id)?.len() >= PER_LISTING {
        return Ok(Err(refuse("err-file-count", Some(PER_LISTING))));
    }
    Ok(Ok(()))
}

/// Writes `bytes` to `path` unless it is there already. Write then rename: a crash never leaves
/// a half file under the final name.
fn store(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Stores a prepared upload for a listing (the policy has checked the caller owns it).
pub fn add(
    conn: &mut AnyConnection,
    files: &Path,
    user: UserId,
    kind: ListingKind,
    id: &str,
    upload: Prepared,
) -> Outcome<AttachmentRow> {
    let Some(listing) = load(conn, kind, id)? else { return Ok(Err(Refused::NotFound)) };
    upload.store_in(files)?;
    let row = AttachmentRow {
        id: uuid::Uuid::now_v7().to_string(),
        listing_kind: kind.code().into(),
        listing_id: id.into(),
        organisation_id: listing.organisation().to_string(),
        filename: upload.filename,
        content_type: upload.content_type.into(),
        size: i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX),
        sha256: upload.sha256,
        width: upload.width,
        height: upload.height,
        created_at: db::now(),
    };
    db::write(conn, |conn| {
        // Counted again inside the write: two uploads racing for the last place get one.
        if db::attachments::of_listing(conn, kind, id)?.len() >= PER_LISTING {
            return Ok(Err(refuse("err-file-count", Some(PER_LISTING))));
        }
        db::attachments::insert(conn, &row)?;
        audit(
            conn,
            Some(user),
            &listing,
            "attachment_added",
            serde_json::json!({ "file": row.filename, "type": row.content_type }),
        )?;
        Ok(Ok(row))
    })
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
        Ok(db::attachments::uses_of(conn, &row.sha256)? == 0 && db::centre::photo_uses(conn, &row.sha256)? == 0)
    })?;
    if unused {
        remove_files(files, &row.sha256);
    }
    Ok(Ok(()))
}

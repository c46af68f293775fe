//! Shared pieces of the fuzz targets.

/// The bytes as text, the way a request or a file would arrive (invalid UTF-8 replaced).
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

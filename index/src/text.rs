//! Text normalisation for Vietnamese and English.
//!
//! Vietnamese text arrives composed (NFC) from most keyboards but decomposed (NFD) from some
//! keyboards, PDFs and macOS file names; the same word in the two forms has different bytes, so
//! every text and every query is normalised to NFC first. Folding removes every diacritic and maps
//! `đ`/`Đ` to `d` (Unicode does not decompose `đ`, so plain mark stripping misses it): a query typed
//! without diacritics ("cong nghe") then finds the accented words ("công nghệ").

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Returns `text` in Unicode NFC, the form stored and indexed everywhere.
pub fn normalize(text: &str) -> String {
    // Most text is already NFC: a quick check spares rebuilding it.
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        return text.to_string();
    }
    text.nfc().collect()
}

/// Lowercases `text` and removes every diacritic (including `đ` → `d`), collapsing runs of
/// whitespace to one space. The result is plain ASCII for Vietnamese input.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The folded words of a query, for [`contains_words`]: fold once, match many haystacks.
pub fn query_words(query: &str) -> Vec<String> {
    fold(query).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// True when every word occurs in `haystack_folded`: the lenient match used by list filters,
/// where "nuoi tom" finds "Nuôi tôm".
pub fn contains_words(haystack_folded: &str, words: &[String]) -> bool {
    words.iter().all(|w| haystack_folded.contains(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_input_becomes_nfc() {
        let decomposed = "co\u{0302}ng nghe\u{0323}\u{0302}";
        assert_eq!(normalize(decomposed), "công nghệ");
        assert_ne!(decomposed, "công nghệ");
    }

    #[test]
    fn folding_removes_every_vietnamese_diacritic() {
        assert_eq!(fold("Công nghệ Sinh học"), "cong nghe sinh hoc");
        assert_eq!(fold("ĐƯỜNG   dương"), "duong duong");
        assert_eq!(fold("ắằẳẵặ ấầẩẫậ ếềểễệ ốồổỗộ ớờởỡợ ứừửữự ỳýỷỹỵ"), "aaaaa aaaaa eeeee ooooo ooooo uuuuu yyyyy");
        assert_eq!(fold("co\u{0302}ng"), "cong");
    }

    #[test]
    fn folded_match_needs_every_word() {
        let hay = fold("Quy trình nuôi tôm thẻ chân trắng tuần hoàn");
        let matches_folded = |hay: &str, q: &str| contains_words(hay, &query_words(q));
        assert!(matches_folded(&hay, "nuoi tom"));
        assert!(matches_folded(&hay, "NUÔI   Tôm"));
        assert!(!matches_folded(&hay, "nuôi cá"));
        assert!(matches_folded(&hay, "  "));
    }
}

//! Text for Vietnamese and English, shared by the domain, the database queries and the search
//! index (none of which depends on another for it): NFC, folding, word splitting, and in
//! [`rule`] the one rule every text that enters the exchange goes through.
//!
//! Vietnamese text arrives composed (NFC) from most keyboards but decomposed (NFD) from some
//! keyboards, PDFs and macOS file names; the same word in the two forms has different bytes, so
//! every text and every query is normalised to NFC first. Folding removes every diacritic and maps
//! `đ`/`Đ` to `d` (Unicode does not decompose `đ`, so plain mark stripping misses it): a query typed
//! without diacritics ("cong nghe") then finds the accented words ("công nghệ").

pub mod rule;

pub use rule::{ControlCharacter, Lines, clean, clean_lossy, is_stripped};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

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
    // A space is written only before a following letter: none at the end or for a lone mark.
    fn emit(out: &mut String, pending_space: &mut bool, c: char) {
        if std::mem::take(pending_space) {
            out.push(' ');
        }
        out.push(c);
    }
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            fold_char(c, |d| emit(&mut out, &mut pending_space, d));
        }
    }
    out
}

/// The folded form of one character, one character at a time (none for a combining mark;
/// several when its lowercase is several).
pub fn fold_char(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        // Most characters: nothing to decompose.
        f(c.to_ascii_lowercase());
    } else if c == 'đ' || c == 'Đ' {
        f('d');
    } else {
        // Each character decomposed on its own: marks are dropped, so their canonical order
        // (what a whole-text NFD adds) does not matter.
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                d.to_lowercase().for_each(&mut f);
            }
        });
    }
}

/// The words of a text as the index's tokenizer splits them: runs of alphanumeric characters.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The folded words of a text (what the folded fields hold).
pub fn query_words(query: &str) -> Vec<String> {
    words(&fold(query)).map(str::to_string).collect()
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
        assert_eq!(fold(" Tôm \u{0301}  "), "tom", "no space for a lone mark or at the ends");
        // The same as decomposing the whole text first, for every character up to U+3000.
        let reference = |t: &str| -> String {
            t.nfd()
                .filter(|c| !is_combining_mark(*c))
                .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
                .flat_map(char::to_lowercase)
                .collect()
        };
        for c in ('\u{21}'..='\u{3000}').filter(|c| !c.is_whitespace()) {
            assert_eq!(fold(&format!("a{c}")), reference(&format!("a{c}")), "{c:?}");
        }
    }
}

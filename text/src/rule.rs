//! The one rule for every text that enters the exchange (forms, JSON bodies, import files,
//! uploaded file names): invisible characters that only hide or reorder text are removed, the
//! text is composed (NFC), line ends become `\n`, and any other control character is refused —
//! tab and line breaks are allowed only in multi-line fields.
//!
//! Removed silently: NUL, Unicode noncharacters (U+FDD0–U+FDEF and every U+xxFFFE/U+xxFFFF, which
//! make XML ill-formed), the bidirectional embedding, override and isolate controls
//! (U+202A–U+202E, U+2066–U+2069, which can make a name read backwards), the zero-width space
//! U+200B and the byte-order mark U+FEFF. Kept: the zero-width joiner and non-joiner (U+200C,
//! U+200D), which some scripts and emoji need.

/// Whether a line break or tab may stand in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// A name, a title, an address: no control character at all.
    Single,
    /// A description: tab and line breaks allowed.
    Multi,
}

/// The text holds a control character its field does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the text contains a control character")]
pub struct ControlCharacter;

/// Whether `c` is removed from every text.
pub fn is_stripped(c: char) -> bool {
    let n = c as u32;
    c == '\0'
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
        || (0x202A..=0x202E).contains(&n)
        || (0x2066..=0x2069).contains(&n)
        || c == '\u{200B}'
        || c == '\u{FEFF}'
}

/// Applies the rule (see the module documentation); the result is not trimmed.
pub fn clean(value: &str, lines: Lines) -> Result<String, ControlCharacter> {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if is_stripped(c) {
            continue;
        }
        let c = if c == '\r' {
            // CR LF (what browsers send from a textarea) and a lone CR are one line break.
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            '\n'
        } else {
            c
        };
        if c.is_control() && !(lines == Lines::Multi && matches!(c, '\n' | '\t')) {
            return Err(ControlCharacter);
        }
        out.push(c);
    }
    Ok(super::normalize(&out))
}

/// The rule for text that is read but never refused (a search query, a file name): removed
/// characters go, other control characters become spaces.
pub fn clean_lossy(value: &str) -> String {
    let kept: String =
        value.chars().filter(|c| !is_stripped(*c)).map(|c| if c.is_control() { ' ' } else { c }).collect();
    super::normalize(&kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_invisible_and_keeps_joiners() {
        let typed = "a\u{0}b\u{FFFF}c\u{FDD0}d\u{202E}e\u{2066}f\u{200B}g\u{FEFF}h\u{10FFFE}i";
        assert_eq!(clean(typed, Lines::Single), Ok("abcdefghi".into()));
        assert_eq!(clean("👩\u{200D}🔬 a\u{200C}b", Lines::Single), Ok("👩\u{200D}🔬 a\u{200C}b".into()));
    }

    #[test]
    fn control_characters_only_in_multi_line_fields() {
        for bad in ["a\nb", "a\rb", "a\tb", "a\u{7}b", "a\u{7F}b", "a\u{85}b", "a\u{9B}b"] {
            assert_eq!(clean(bad, Lines::Single), Err(ControlCharacter), "{bad:?}");
        }
        assert_eq!(clean("a\r\nb\rc\n\td", Lines::Multi), Ok("a\nb\nc\n\td".into()));
        assert_eq!(clean("a\u{7}b", Lines::Multi), Err(ControlCharacter));
    }

    #[test]
    fn composes_and_lossy_never_refuses() {
        assert_eq!(clean("Vie\u{0323}\u{0302}t", Lines::Single), Ok("Việt".into()));
        assert_eq!(clean_lossy("nuôi\ttôm\u{202E}\u{0}"), "nuôi tôm");
    }
}

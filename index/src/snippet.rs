//! Highlighted passages: the words of a stored text that match the query's folded terms, wrapped
//! in `<b>`, everything else HTML-escaped.
//!
//! Words are split as the index's tokenizer splits them (runs of alphanumeric characters) and
//! compared folded (lowercase, no diacritics, đ → d) one character at a time, without building
//! folded copies: a whole description is scanned in microseconds, where running the index's
//! analyzer over it allocated a string per word.

use ketnoi_text::fold_char;

/// Whether `word` folds to `term`.
fn folds_to(word: &str, term: &str) -> bool {
    if word.is_ascii() {
        return word.eq_ignore_ascii_case(term);
    }
    let mut t = term.chars();
    let mut same = true;
    for c in word.chars() {
        fold_char(c, |f| same &= t.next() == Some(f));
        if !same {
            return false;
        }
    }
    t.next().is_none()
}

/// Whether `c` is part of a word: `char::is_alphanumeric` (what the index's tokenizer splits on),
/// answered without the Unicode tables for the Latin letters Vietnamese and English are written
/// in, which every one of them is.
fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{D7}' | '\u{F7}' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// How far into a text a passage is looked for: long texts (up to 20,000 characters) are read
/// only as far as a reader of the result list would care.
const SCAN: usize = 8 * 1024;

/// The byte ranges of the words of `text` matching a term, with the term's index. Stops at the
/// first match completing a set of every term within `max` bytes (no later passage can hold
/// more), and after [`SCAN`] bytes.
fn matches(text: &str, terms: &[String], max: usize) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    let mut start = None;
    let text = &text[..text.floor_char_boundary(SCAN)];
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                if let Some(t) = terms.iter().position(|t| folds_to(word, t)) {
                    out.push((s, i, t));
                    if complete(&out, terms.len(), max) {
                        break;
                    }
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether the matches ending with the last one, within `max` bytes of it, hold every term.
fn complete(found: &[(usize, usize, usize)], n_terms: usize, max: usize) -> bool {
    let Some(&(_, end, _)) = found.last() else { return false };
    let mut seen = 0u64;
    for &(_, _, t) in found.iter().rev().take_while(|(s, _, _)| end - s <= max) {
        seen |= 1 << t.min(63);
    }
    n_terms <= 64 && seen.count_ones() as usize == n_terms
}

/// The passage of `text` (at most about `max` bytes) holding the most distinct matched terms
/// (then the most matches, then the earliest), with the matches in `<b>`; the beginning of the
/// text when nothing matches. A text no longer than `max` is given whole.
pub fn passage(text: &str, terms: &[String], max: usize) -> String {
    let found = matches(text, terms, max);
    if text.len() <= max {
        return html(text, 0, text.len(), &found);
    }
    // The best window of matches fitting in `max` bytes.
    let mut best: Option<(usize, usize, (usize, usize))> = None; // (first, last, score)
    let mut distinct = vec![0usize; terms.len()];
    let mut n_distinct = 0;
    let mut lo = 0;
    for hi in 0..found.len() {
        if distinct[found[hi].2] == 0 {
            n_distinct += 1;
        }
        distinct[found[hi].2] += 1;
        while lo < hi && found[hi].1 - found[lo].0 > max {
            distinct[found[lo].2] -= 1;
            if distinct[found[lo].2] == 0 {
                n_distinct -= 1;
            }
            lo += 1;
        }
        if found[hi].1 - found[lo].0 > max {
            continue; // one word longer than the passage
        }
        let score = (n_distinct, hi + 1 - lo);
        if best.is_none_or(|(_, _, s)| score > s) {
            best = Some((lo, hi, score));
        }
    }
    let (start, end) = match best {
        None => (0, text.floor_char_boundary(max)),
        Some((first, last, _)) => {
            // Some context before the first match, the rest of the room after it.
            let spare = max.saturating_sub(found[last].1 - found[first].0);
            let start = word_start(text, found[first].0.saturating_sub(spare / 3));
            (start, text.floor_char_boundary(start + max).max(found[last].1))
        }
    };
    let end = word_end(text, end).max(start);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&html(text, start, end, &found));
    if end < text.len() {
        out.push('…');
    }
    out
}

/// `text[start..end]` escaped, with the matches inside it in `<b>`.
fn html(text: &str, start: usize, end: usize, found: &[(usize, usize, usize)]) -> String {
    let mut out = String::with_capacity(end - start + 32);
    let mut at = start;
    for &(s, e, _) in found.iter().filter(|(s, e, _)| *s >= start && *e <= end) {
        escape_into(&mut out, &text[at..s]);
        out.push_str("<b>");
        escape_into(&mut out, &text[s..e]);
        out.push_str("</b>");
        at = e;
    }
    escape_into(&mut out, &text[at..end]);
    out
}

/// Escapes `s` for HTML text and attribute values.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// `i` moved back to the start of the word it falls in.
fn word_start(text: &str, i: usize) -> usize {
    let i = text.floor_char_boundary(i);
    text[..i].rfind(|c: char| !is_word_char(c)).map_or(0, |p| p + text[p..].chars().next().map_or(1, char::len_utf8))
}

/// `i` moved back to the end of the previous whole word (not cutting a word in two).
fn word_end(text: &str, i: usize) -> usize {
    if i >= text.len() || !text[i..].starts_with(is_word_char) {
        return i;
    }
    text[..i].rfind(|c: char| !is_word_char(c)).unwrap_or(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn word_characters_are_the_tokenizers() {
        for c in ('\0'..='\u{3000}').chain('\u{1E00}'..='\u{1F00}') {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn folded_comparison_matches_fold() {
        for word in ["Nuôi", "TÔM", "đường", "Đắk", "nghiệp", "co\u{0302}ng"] {
            let folded = ketnoi_text::fold(word);
            assert!(folds_to(word, &folded), "{word} → {folded}");
        }
        assert!(!folds_to("tôm", "to"));
        assert!(!folds_to("tôm", "tomb"));
        assert!(folds_to("Solar", "solar"));
    }

    #[test]
    fn short_text_is_whole_and_escaped() {
        let p = passage("Máy <sấy> & nuôi tôm", &terms(&["may", "tom"]), 300);
        assert_eq!(p, "<b>Máy</b> &lt;sấy&gt; &amp; nuôi <b>tôm</b>");
        assert_eq!(passage("Không khớp", &terms(&["xyz"]), 300), "Không khớp");
    }

    #[test]
    fn long_text_gives_the_densest_window_cut_at_words() {
        let filler = "lorem ipsum dolor sit amet ".repeat(40);
        let text = format!("{filler}nuôi cá ở đây {filler}ao nuôi tôm thẻ chân trắng {filler}");
        let p = passage(&text, &terms(&["nuoi", "tom"]), 120);
        assert!(p.contains("<b>nuôi</b> <b>tôm</b>"), "{p}");
        assert!(p.starts_with('…') && p.ends_with('…'), "{p}");
        assert!(p.len() < 200, "{p}");
        let words: Vec<&str> = p.trim_matches('…').split(' ').collect();
        for w in [words[0], words[words.len() - 1]] {
            assert!(["lorem", "ipsum", "dolor", "sit", "amet", "thẻ", "chân", "trắng", "ao", ""].contains(&w), "{w}");
        }
        // Nothing matches: the beginning.
        let p = passage(&text, &terms(&["xyz"]), 100);
        assert!(p.starts_with("lorem ipsum") && p.ends_with('…'), "{p}");
    }
}

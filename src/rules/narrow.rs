//! The one-byte-per-character form the prefix scan reads.
//!
//! Normalized Russian and Kazakh text is two bytes a letter in UTF-8, and the Aho-Corasick
//! scan costs about the same per byte whatever the byte, so it reads a narrow copy: ASCII
//! stays, the 32 letters а..я that folded Cyrillic text is made of become 0x80..=0x9F, and
//! any other character becomes one byte saying only how long it is in UTF-8 (0xFD two
//! bytes, 0xFE three, 0xFF four). Equal texts narrow to equal bytes, so every real prefix
//! hit is still found; a length byte may join unequal characters, which only adds a try
//! that the anchored regex then rejects.

const TWO: u8 = 0xFD;
const THREE: u8 = 0xFE;
const FOUR: u8 = 0xFF;

/// The narrow form of a literal (whole characters).
pub(super) fn literal(lit: &[u8]) -> Vec<u8> {
    text(&String::from_utf8_lossy(lit))
}

/// The narrow form of a text.
pub(super) fn text(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    text_into(s, &mut out);
    out
}

/// The narrow form of a text, into `out` (cleared first).
pub(super) fn text_into(s: &str, out: &mut Vec<u8>) {
    let b = s.as_bytes();
    out.clear();
    out.reserve(b.len());
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        // ASCII runs (spaces, digits, punctuation between words) go over in one copy.
        if x < 0x80 {
            let run = b[i..]
                .iter()
                .position(|&c| c >= 0x80)
                .unwrap_or(b.len() - i);
            out.extend_from_slice(&b[i..i + run]);
            i += run;
            continue;
        }
        let (byte, len) = match x {
            // а..п are D0 B0..D0 BF, р..я are D1 80..D1 8F.
            0xD0 => match b.get(i + 1) {
                Some(&y @ 0xB0..=0xBF) => (0x80 + (y - 0xB0), 2),
                _ => (TWO, 2),
            },
            0xD1 => match b.get(i + 1) {
                Some(&y @ 0x80..=0x8F) => (0x90 + (y - 0x80), 2),
                _ => (TWO, 2),
            },
            0xC0..=0xDF => (TWO, 2),
            0xE0..=0xEF => (THREE, 3),
            _ => (FOUR, 4),
        };
        out.push(byte);
        i += len;
    }
}

/// Turns a position in the narrow form back into a byte offset of the text, moving forward
/// from the last answer (hits come nearly in order) or stepping back a little.
pub(super) struct Offsets<'a> {
    narrow: &'a [u8],
    at: usize,
    offset: usize,
}

impl<'a> Offsets<'a> {
    pub(super) fn new(narrow: &'a [u8]) -> Offsets<'a> {
        Offsets {
            narrow,
            at: 0,
            offset: 0,
        }
    }

    /// The text offset of narrow position `pos`.
    pub(super) fn of(&mut self, pos: usize) -> usize {
        let end = pos.min(self.narrow.len());
        // Overlapping prefix hits come in order of their ends, so a start can lie a little
        // before the previous one (at most a prefix's length): step back, never rescan.
        while self.at > end {
            self.at -= 1;
            self.offset -= self.narrow.get(self.at).map_or(0, |&b| width(b));
        }
        for &b in self.narrow.get(self.at..end).unwrap_or_default() {
            self.offset += width(b);
        }
        self.at = end;
        self.offset
    }
}

fn width(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        TWO | 0x80..=0x9F => 2,
        THREE => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The narrow form char by char, as the definition at the top of this file says.
    fn reference(s: &str) -> Vec<u8> {
        s.chars()
            .map(|c| match c {
                'а'..='я' => 0x80 + (c as u32 - 'а' as u32) as u8,
                _ if c.is_ascii() => c as u8,
                _ => match c.len_utf8() {
                    2 => TWO,
                    3 => THREE,
                    _ => FOUR,
                },
            })
            .collect()
    }

    proptest! {
        #[test]
        fn prop_narrow_is_the_char_by_char_form(
            s in "([а-яёәқ]{0,4}|[ a-z0-9.,]{0,5}|\\PC{0,2}){0,12}",
        ) {
            let mut out = vec![1, 2, 3];
            text_into(&s, &mut out);
            prop_assert_eq!(out, reference(&s));
        }
    }

    #[test]
    fn narrow_positions_map_back_to_char_starts() {
        let s = "код ә🙂 ёж — kaspi.kz 12";
        let n = text(s);
        assert_eq!(n.len(), s.chars().count());
        let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        let mut off = Offsets::new(&n);
        for (p, &want) in starts.iter().enumerate() {
            assert_eq!(off.of(p), want);
        }
        // Going back starts over.
        assert_eq!(off.of(1), starts[1]);
        assert_eq!(text("абвгдежзийклмнопрстуфхцчшщъыьэюя").len(), 32);
        assert!(
            text("абвгдежзийклмнопрстуфхцчшщъыьэюя")
                .iter()
                .all(|&b| (0x80..=0x9F).contains(&b))
        );
        assert_eq!(text("код"), literal("код".as_bytes()));
    }
}

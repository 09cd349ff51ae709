//! The one-byte-per-character form the prefix scan and the anchored tries read.
//!
//! Normalized Russian and Kazakh text is two bytes a letter in UTF-8, and both the
//! Aho-Corasick scan and a regex's DFA cost about the same per byte whatever the byte, so
//! they read a narrow copy: ASCII stays, the 32 letters а..я that folded Cyrillic text is made
//! of become 0x80..=0x9F, a few more characters that rules name ([`SINGLES`]) get a byte each
//! from 0xA0, and every other character becomes one byte standing for its *bucket*: the
//! non-ASCII white space (one byte for the two-byte ones, one for the three-byte ones), and
//! the rest by their length in UTF-8 (0xFD two bytes, 0xFE three, 0xFF four). Equal texts
//! narrow to equal bytes, so every real prefix hit is still found; a bucket byte may join
//! unequal characters, which only adds a try that the anchored regex then rejects.
//!
//! A pattern runs on the narrow form itself ([`hir`]) when it tells the characters of
//! each bucket apart no more than the narrow form does: each of its classes holds all of a
//! bucket or none of it, and its literals are made of characters with a byte of their own.
//! Then it matches the narrow form of a text exactly where it matches the text.

use regex_syntax::hir::{self, Class, ClassBytes, ClassBytesRange, ClassUnicode, Hir, HirKind};

/// The characters with a byte of their own besides ASCII and а..я, from 0xA0 on: the
/// letters the rules' word class names (the first [`WORD_SINGLES`]), and the signs of money
/// and quotation they use.
const SINGLES: [char; 22] = [
    'ё', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', '₸', '₽', '€', '’', '«', '»', '“', '”', '…',
    '—', '–', '№',
];
const FIRST_SINGLE: u8 = 0xA0;
/// How many of [`SINGLES`], from the first, are word letters.
const WORD_SINGLES: u8 = 10;
/// White space beyond ASCII, two bytes long (U+0085, U+00A0) and three bytes long.
const SPACE_TWO: u8 = 0xFB;
const SPACE_THREE: u8 = 0xFC;
const TWO: u8 = 0xFD;
const THREE: u8 = 0xFE;
const FOUR: u8 = 0xFF;

/// The Unicode white space characters beyond ASCII (`\s` in a Unicode regex).
const SPACES: [char; 19] = [
    '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}',
    '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}',
    '\u{202f}', '\u{205f}', '\u{3000}',
];

/// The narrow byte of one character.
pub(crate) fn byte_of(c: char) -> u8 {
    match c {
        '\0'..='\x7f' => c as u8,
        'а'..='я' => 0x80 + (c as u32 - 'а' as u32) as u8,
        _ => match SINGLES.iter().position(|&x| x == c) {
            // Invariant: SINGLES has 22 entries, so the byte stays below 0xB6.
            Some(k) => FIRST_SINGLE + k as u8,
            None if SPACES.contains(&c) => {
                if c.len_utf8() == 2 {
                    SPACE_TWO
                } else {
                    SPACE_THREE
                }
            }
            None => match c.len_utf8() {
                2 => TWO,
                3 => THREE,
                _ => FOUR,
            },
        },
    }
}

/// The narrow form of a literal (whole characters).
pub(super) fn literal(lit: &[u8]) -> Vec<u8> {
    text(&String::from_utf8_lossy(lit))
}

/// The narrow form of a text.
pub(crate) fn text(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    text_into(s, &mut out);
    out
}

/// The narrow form of a text, into `out` (cleared first).
pub(super) fn text_into(s: &str, out: &mut Vec<u8>) {
    let b = s.as_bytes();
    // Written in place: the narrow form is never longer than the text.
    out.clear();
    out.resize(b.len(), 0);
    let mut w = 0;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        // ASCII runs (spaces, digits, punctuation between words) go over in one copy.
        if x < 0x80 {
            let run = b[i..]
                .iter()
                .position(|&c| c >= 0x80)
                .unwrap_or(b.len() - i);
            if let Some(dst) = out.get_mut(w..w + run) {
                dst.copy_from_slice(&b[i..i + run]);
            }
            w += run;
            i += run;
            continue;
        }
        // а..п are D0 B0..D0 BF, р..я are D1 80..D1 8F: the letters of nearly every byte
        // here, taken a run at a time.
        let start = i;
        let dst = out.get_mut(w..).unwrap_or_default();
        for (p, slot) in b[i..].chunks_exact(2).zip(dst.iter_mut()) {
            let (lead, y) = (p[0], p[1]);
            let letter = (lead == 0xD0 && y & 0xF0 == 0xB0) || (lead == 0xD1 && y & 0xF0 == 0x80);
            if !letter {
                break;
            }
            // D0 B0..BF → 0x80..0x8F, D1 80..8F → 0x90..0x9F, without a branch.
            *slot = y.wrapping_add(0x10).wrapping_sub(((lead & 1) ^ 1) << 6);
            i += 2;
        }
        if i > start {
            w += (i - start) / 2;
            continue;
        }
        let c = s
            .get(i..)
            .and_then(|t| t.chars().next())
            .unwrap_or('\u{fffd}');
        if let Some(slot) = out.get_mut(w) {
            *slot = byte_of(c);
        }
        w += 1;
        i += c.len_utf8();
    }
    out.truncate(w);
}

/// The characters each bucket byte stands for, as classes (made once).
fn buckets() -> &'static [(ClassUnicode, u8)] {
    static BUCKETS: std::sync::OnceLock<Vec<(ClassUnicode, u8)>> = std::sync::OnceLock::new();
    BUCKETS.get_or_init(|| {
        let one = |c: char| hir::ClassUnicodeRange::new(c, c);
        let span = |a: char, b: char| ClassUnicode::new([hir::ClassUnicodeRange::new(a, b)]);
        let singled = ClassUnicode::new(
            SINGLES
                .iter()
                .chain(&SPACES)
                .map(|&c| one(c))
                .chain([hir::ClassUnicodeRange::new('а', 'я')]),
        );
        let spaces_of = |len: usize| {
            ClassUnicode::new(
                SPACES
                    .iter()
                    .filter(|c| c.len_utf8() == len)
                    .map(|&c| one(c)),
            )
        };
        let rest = |a: char, b: char| {
            let mut c = span(a, b);
            c.difference(&singled);
            c
        };
        vec![
            (spaces_of(2), SPACE_TWO),
            (spaces_of(3), SPACE_THREE),
            (rest('\u{80}', '\u{7ff}'), TWO),
            (rest('\u{800}', '\u{ffff}'), THREE),
            (rest('\u{10000}', '\u{10ffff}'), FOUR),
        ]
    })
}

/// The narrow form of a pattern: a regex over narrow bytes that matches the narrow form of a
/// text exactly where the pattern matches the text, or `None` when the narrow form cannot
/// tell what the pattern needs told (a class holding part of a bucket, a literal character
/// without a byte of its own, a word-boundary assertion).
pub(super) fn hir(h: &Hir) -> Option<Hir> {
    Some(match h.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(hir::Literal(bytes)) => {
            let s = std::str::from_utf8(bytes).ok()?;
            let mut out = Vec::with_capacity(s.len());
            for c in s.chars() {
                let b = byte_of(c);
                if b >= SPACE_TWO {
                    return None;
                }
                out.push(b);
            }
            Hir::literal(out)
        }
        HirKind::Class(Class::Unicode(cls)) => Hir::class(Class::Bytes(class(cls)?)),
        HirKind::Class(Class::Bytes(cls)) => {
            if cls.ranges().iter().any(|r| r.end() >= 0x80) {
                return None;
            }
            Hir::class(Class::Bytes(cls.clone()))
        }
        HirKind::Look(look) => {
            use hir::Look::*;
            match look {
                Start | End | StartLF | EndLF | StartCRLF | EndCRLF => Hir::look(*look),
                _ => return None,
            }
        }
        HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
            min: rep.min,
            max: rep.max,
            greedy: rep.greedy,
            sub: Box::new(hir(&rep.sub)?),
        }),
        // Only whole-match spans are asked for: groups need not be kept.
        HirKind::Capture(cap) => hir(&cap.sub)?,
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(hir).collect::<Option<_>>()?),
        HirKind::Alternation(parts) => {
            Hir::alternation(parts.iter().map(hir).collect::<Option<_>>()?)
        }
    })
}

/// The narrow bytes of a class of characters, if it holds each bucket whole or not at all.
fn class(cls: &ClassUnicode) -> Option<ClassBytes> {
    let mut out = Vec::new();
    for r in cls.ranges() {
        if (r.start() as u32) < 0x80 {
            out.push(ClassBytesRange::new(
                r.start() as u8,
                (r.end() as u32).min(0x7F) as u8,
            ));
        }
    }
    let has = |c: char| {
        cls.ranges()
            .binary_search_by(|r| {
                if r.end() < c {
                    std::cmp::Ordering::Less
                } else if r.start() > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    };
    for c in ('а'..='я').chain(SINGLES) {
        if has(c) {
            let b = byte_of(c);
            out.push(ClassBytesRange::new(b, b));
        }
    }
    for (set, byte) in buckets() {
        let mut common = cls.clone();
        common.intersect(set);
        if common.ranges().is_empty() {
            continue;
        }
        if common != *set {
            return None;
        }
        out.push(ClassBytesRange::new(*byte, *byte));
    }
    Some(ClassBytes::new(out))
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

/// How many bytes of text a narrow byte stands for.
fn width(b: u8) -> usize {
    WIDTH[b as usize] as usize
}

const WIDTH: [u8; 256] = {
    let mut w = [4u8; 256];
    let mut b = 0;
    while b < 0x80 {
        w[b] = 1;
        b += 1;
    }
    while b < 0xA0 {
        w[b] = 2;
        b += 1;
    }
    let mut k = 0;
    while k < SINGLES.len() {
        w[FIRST_SINGLE as usize + k] = SINGLES[k].len_utf8() as u8;
        k += 1;
    }
    w[SPACE_TWO as usize] = 2;
    w[SPACE_THREE as usize] = 3;
    w[TWO as usize] = 2;
    w[THREE as usize] = 3;
    w
};

/// Whether a narrow byte stands for a word character of normalized text (the rules' `\w`).
pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_digit()
        || b.is_ascii_lowercase()
        || b == b'_'
        || (0x80..FIRST_SINGLE + WORD_SINGLES).contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The narrow form char by char, as the definition at the top of this file says.
    fn reference(s: &str) -> Vec<u8> {
        s.chars().map(byte_of).collect()
    }

    proptest! {
        #[test]
        fn prop_narrow_is_the_char_by_char_form(
            s in "([а-яёәқ]{0,4}|[ a-z0-9.,]{0,5}|[«»—№₸\u{a0}\u{2009}]|\\PC{0,2}){0,12}",
        ) {
            let mut out = vec![1, 2, 3];
            text_into(&s, &mut out);
            prop_assert_eq!(out, reference(&s));
        }
    }

    /// The narrow regex of `pattern`, if it has one.
    fn narrow_regex(pattern: &str) -> Option<regex_automata::meta::Regex> {
        let h = regex_syntax::Parser::new()
            .parse(pattern)
            .expect("pattern parses");
        let n = hir(&h)?;
        Some(
            regex_automata::meta::Regex::builder()
                .configure(regex_automata::meta::Regex::config().utf8_empty(false))
                .build_from_hir(&n)
                .expect("narrow regex builds"),
        )
    }

    #[test]
    fn patterns_that_tell_a_bucket_apart_have_no_narrow_form() {
        // Part of the two-byte bucket: é but not ü.
        assert!(narrow_regex("[é]").is_none());
        assert!(narrow_regex("café").is_none());
        assert!(narrow_regex(r"\p{Greek}").is_none());
        // A capital letter: normalized text has none, but the pattern tells it apart.
        assert!(narrow_regex("Код").is_none());
        assert!(narrow_regex(r"(?-u:\b)код").is_none());
        assert!(
            narrow_regex(r"\d").is_none(),
            "Unicode digits of other scripts"
        );
        // Whole buckets, own bytes, or none of them.
        for p in [
            r"\s+",
            r"[^.!?\n]{0,40}",
            "[0-9a-zа-яёәғқңөұүһі_]+",
            "«код»",
            ".",
            r"\S",
            "^a$",
        ] {
            assert!(narrow_regex(p).is_some(), "{p}");
        }
    }

    #[test]
    fn a_narrow_regex_matches_the_narrow_text_where_the_regex_matches_the_text() {
        let patterns = [
            r"код\s+из\s+смс",
            r"[^.!?\n]{0,6}й",
            r"\S+ё",
            r"«[^»]*»",
            r"₸|€",
            r"(ә|қ)\s*[0-9]",
        ];
        let texts = [
            "код из смс",
            "код\u{a0}из\u{2009}смс",
            "код\u{a0}из\u{85}смс 🙂",
            "ой-ой é й",
            "ёё—ё",
            "«код» и «é»",
            "100 ₸ 5 €",
            "ә 1 қ\u{2003}2 ü 3",
        ];
        for p in patterns {
            let text_re = regex_automata::meta::Regex::new(p).expect("regex builds");
            let narrow_re = narrow_regex(p).unwrap_or_else(|| panic!("{p} has a narrow form"));
            for t in texts {
                let n = text(t);
                let mut offsets = Offsets::new(&n);
                let want: Vec<_> = text_re.find_iter(t).map(|m| m.range()).collect();
                let got: Vec<_> = narrow_re
                    .find_iter(n.as_slice())
                    .map(|m| offsets.of(m.start())..offsets.of(m.end()))
                    .collect();
                assert_eq!(got, want, "{p} on {t:?}");
            }
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

//! Text normalization with a map back to the original bytes.
//!
//! Owns turning a message into the *normalized* form that rules match against
//! (NFKC per cluster, lowercase, invisible-character removal, homoglyph and
//! digit-for-letter repair, Kazakh/Russian letter folding, joining of spaced-out
//! letters, Kazakh-Latin transliteration), the record of the obfuscations it
//! undid, and the offset map that takes any byte range of the normalized text
//! back to a char-boundary range of the original. It also folds rule patterns
//! the same way ([`fold_pattern`]).
//!
//! It must not know about rules, categories, files, configuration or the UI:
//! it sees one string (plus byte ranges someone else found, e.g. URLs) and
//! returns a string with a map.
//!
//! # The offset map
//!
//! Every normalized char maps to the original range it came from (a cluster,
//! a digraph's two letters, …); removed chars map to nothing. To keep memory
//! low for large inputs the map is run-length compressed: consecutive chars
//! that map one-to-one onto contiguous original chars of the *same byte
//! length* (plain text that only got lowercased or folded) share one segment,
//! and a position inside such a segment maps by plain arithmetic. Every other
//! normalized char gets its own segment. Offsets are stored as `u32` relative
//! to a chunk base, so inputs larger than 4 GiB still map correctly.

use std::ops::Range;
use std::sync::LazyLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// A normalized message: the text rules match, what was undone, and a map
/// back to the original bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormText {
    /// The normalized text (lowercase, folded; see the module docs).
    pub text: String,
    /// Obfuscations undone while normalizing, sorted by `span.start`.
    pub obfuscations: Vec<Obfuscation>,
    /// The narrow form of `text` the rules read (`rules::narrow`), when normalization made
    /// it on the way: the whole-message fast path does, a char at a time with the text.
    pub narrow: Option<Vec<u8>>,
    map: OffsetMap,
}

/// One obfuscation that normalization undid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obfuscation {
    /// What kind of trick it was.
    pub kind: ObfuscationKind,
    /// Byte range in the *original* text, on char boundaries: the affected
    /// word (for [`ObfuscationKind::SpacedLetters`], the whole spaced-out run).
    pub span: Range<usize>,
}

/// Kinds of obfuscation that [`normalize`] detects and undoes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObfuscationKind {
    /// A word mixing Cyrillic and Latin look-alike letters ("Kаspi" with a Cyrillic "а").
    MixedScript,
    /// A digit standing in for a letter ("к0д", "3вонок").
    DigitForLetter,
    /// Letters spaced out to dodge word matching ("к о д", "К.О.Д").
    SpacedLetters,
    /// An invisible character inside a word ("ко\u{200B}д").
    InvisibleChar,
}

impl NormText {
    /// Map a byte range of `self.text` to a byte range of the original text.
    ///
    /// Any range is accepted: it is clamped to the text, a start past the end
    /// is treated as empty, and bounds that are not on char boundaries are
    /// widened to the enclosing chars. The result is on char boundaries of
    /// the original with `start <= end <= original.len()`. A non-empty range
    /// maps from the start of the original range of its first char to the end
    /// of the original range of its last char (so removed chars in between,
    /// like a zero-width space or the dots of "К.О.Д", are included). An empty
    /// range maps to an empty range where the normalized char at that
    /// position starts in the original (or after the last char at the end).
    pub fn to_original(&self, norm: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        let start = floor_boundary(&self.text, norm.start.min(len));
        let end = norm.end.min(len);
        if end <= start {
            let p = self.map_empty(start);
            return p..p;
        }
        let end = ceil_boundary(&self.text, end);
        let os = self.map_start(start);
        let oe = self.map_end(end).max(os);
        os..oe
    }

    /// Original position where the normalized char starting at `p` starts.
    fn map_start(&self, p: usize) -> usize {
        match self.map.seg_containing(p, self.text.len()) {
            Some(s) if s.is_arith() => s.os + (p - s.ns),
            Some(s) => s.os,
            None => 0,
        }
    }

    /// Original position where the normalized char ending at `p` ends (`p > 0`).
    fn map_end(&self, p: usize) -> usize {
        match self
            .map
            .seg_containing(p.saturating_sub(1), self.text.len())
        {
            Some(s) if s.is_arith() => s.os + (p - s.ns),
            Some(s) => s.oe,
            None => 0,
        }
    }

    fn map_empty(&self, p: usize) -> usize {
        if p < self.text.len() {
            self.map_start(p)
        } else if p > 0 {
            self.map_end(p)
        } else {
            0
        }
    }

    /// Call `f(char, original_start, original_end)` for every normalized char in order.
    fn for_each_char(&self, mut f: impl FnMut(char, usize, usize)) {
        self.map.for_each_seg(self.text.len(), |s| {
            let Some(chunk) = self.text.get(s.ns..s.ne) else {
                return;
            };
            if s.is_arith() {
                for (i, c) in chunk.char_indices() {
                    let os = s.os + i;
                    f(c, os, os + c.len_utf8());
                }
            } else {
                for c in chunk.chars() {
                    f(c, s.os, s.oe);
                }
            }
        });
    }
}

/// Normalize `original` for rule matching (see the module docs for the steps).
///
/// Byte ranges in `protected` (URLs, found elsewhere) are only lowercased and
/// have invisible chars removed: they are never NFKC-folded,
/// transliterated, homoglyph-mapped, letter-folded or joined. A char belongs
/// to a protected range if its first byte does; ranges out of bounds are
/// clamped.
pub fn normalize(original: &str, protected: &[Range<usize>]) -> NormText {
    normalize_impl(original, protected, true)
}

/// [`normalize`], optionally without the bulk fast path (tests compare both).
fn normalize_impl(original: &str, protected: &[Range<usize>], fast: bool) -> NormText {
    if fast
        && protected.is_empty()
        && let Some(n) = plain_message(original)
    {
        return n;
    }
    let prot = Protected::new(protected, original.len());
    let mut st = Stage1::new(original.len());
    let mut cursor = prot.cursor();
    let bytes = original.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if fast && !cursor.contains(i) {
            let end = simple_run_end(original, i, cursor.next_start());
            if end > i {
                st.feed_simple_run(original.get(i..end).unwrap_or_default(), i);
                i = end;
                continue;
            }
        }
        let Some(c) = original.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let char_end = i + c.len_utf8();
        if cursor.contains(i) {
            if fast && let Some(end) = st.feed_protected_ascii(original, i, cursor.current_end()) {
                i = end;
                continue;
            }
            lower_each(c, |l| st.feed(l, i, char_end, true));
            i = char_end;
            continue;
        }
        // Step 1: a cluster is a base char plus following combining marks.
        let mut end = char_end;
        let mut marks = 0usize;
        while marks < MAX_CLUSTER_MARKS
            && let Some(m) = original.get(end..).and_then(|rest| rest.chars().next())
            && is_mark(m)
            && !cursor.contains(end)
        {
            end += m.len_utf8();
            marks += 1;
        }
        if marks == 0 {
            if c.is_ascii() {
                st.feed_unprotected(c.to_ascii_lowercase(), i, end);
            } else if is_plain_cyrillic_letter(c) || is_nfkc_stable(c) {
                lower_each(c, |l| st.feed_unprotected(l, i, end));
            } else {
                for n in std::iter::once(c).nfkc() {
                    lower_each(n, |l| st.feed_unprotected(l, i, end));
                }
            }
        } else {
            let cluster = original.get(i..end).unwrap_or_default();
            for n in cluster.nfkc() {
                lower_each(n, |l| st.feed_unprotected(l, i, end));
            }
        }
        i = end;
    }
    let mut out = st.finish();
    if out.kazakh_latin {
        let mut t = if fast {
            transliterate(&out.norm, &prot)
        } else {
            transliterate_per_char(&out.norm, &prot)
        };
        t.obfuscations = std::mem::take(&mut out.norm.obfuscations);
        recycle(std::mem::replace(&mut out.norm, t));
    }
    out.norm
}

/// The whole-message fast path: a message of only ASCII and basic Cyrillic letters, in which
/// no word mixes digits and letters or Latin and Cyrillic, no word is longer than
/// [`MAX_WORD_CHARS`], no two one-character words stand one separator apart (a possible
/// spaced-out word), and no Latin word may stand for a Cyrillic one or counts towards
/// Kazakh written in Latin letters, needs nothing but lowercasing and folding, char for char
/// and byte for byte. Most chat messages are like that. Anything else (other scripts,
/// marks, invisible chars, …) returns `None` and takes the full path; the tests compare the
/// two on random text.
fn plain_message(original: &str) -> Option<NormText> {
    let b = original.as_bytes();
    if b.len() > CHUNK_LIMIT {
        return None;
    }
    // The buffers of a text given back by [`recycle`], if any.
    let (mut text, mut map) = pooled_text();
    let mut narrow = pooled_narrow();
    text.reserve(b.len());
    narrow.reserve(b.len());
    let plain = match plain_cyrillic_into(b, &mut text, &mut narrow) {
        Some(plain) => plain,
        // An ASCII letter: the slower loop that judges Latin words, from the start.
        None => {
            text.clear();
            narrow.clear();
            plain_into(b, &mut text, &mut narrow)
        }
    };
    if !plain {
        give_text(text, map);
        give_narrow(narrow);
        return None;
    }
    if !text.is_empty() {
        map.commit(0, 0, b.len());
    }
    Some(NormText {
        text,
        obfuscations: Vec::new(),
        narrow: Some(narrow),
        map,
    })
}

/// [`plain_into`] for a text with no ASCII letter, in a tighter loop (most messages):
/// `None` at the first ASCII letter, with `out` and `narrow` partly written.
fn plain_cyrillic_into(b: &[u8], out: &mut String, narrow: &mut Vec<u8>) -> Option<bool> {
    let (table, narrow_table): (&[char; 256], &[u8; 256]) = (&CYRILLIC_FOLD, &NARROW_FOLD);
    // The current word: how many chars, and whether it has digits or letters.
    let (mut word, mut digits, mut letters) = (0usize, false, false);
    // Separators since the previous word, and whether that word had one char.
    let (mut gap, mut prev_single) = (usize::MAX, false);
    let word_ok = |word: usize, digits: bool, letters: bool, prev_single: bool, gap: usize| {
        !(digits && letters) && word <= MAX_WORD_CHARS && !(word == 1 && prev_single && gap == 1)
    };
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let alnum = if x.is_ascii() {
            if x.is_ascii_alphabetic() {
                return None;
            }
            out.push(char::from(x));
            // ASCII is its own narrow byte.
            narrow.push(x);
            i += 1;
            digits |= x.is_ascii_digit();
            x.is_ascii_digit()
        } else {
            let y = b.get(i + 1).copied().unwrap_or(0);
            if !is_plain_cyrillic_pair(x, y) {
                return Some(false);
            }
            let k = fold_index(x, y);
            out.push(table[k]);
            narrow.push(narrow_table[k]);
            i += 2;
            letters = true;
            true
        };
        if alnum {
            word += 1;
        } else if word > 0 {
            if !word_ok(word, digits, letters, prev_single, gap) {
                return Some(false);
            }
            prev_single = word == 1;
            (word, digits, letters, gap) = (0, false, false, 1);
        } else {
            gap = gap.saturating_add(1);
        }
    }
    Some(word == 0 || word_ok(word, digits, letters, prev_single, gap))
}

/// [`plain_message`]'s text of `b` into `out` and its narrow form into `narrow`, if `b` is
/// plain.
fn plain_into(b: &[u8], out: &mut String, narrow: &mut Vec<u8>) -> bool {
    let (table, narrow_table): (&[char; 256], &[u8; 256]) = (&CYRILLIC_FOLD, &NARROW_FOLD);
    // The current word: how many chars, and what it holds.
    let (mut word, mut holds) = (0usize, 0u8);
    // Separators since the previous word, and whether that word had one char.
    let (mut gap, mut prev_single) = (usize::MAX, false);
    // Cyrillic and Latin letters so far (see `Stage1::seen_cyr`).
    let (mut cyr, mut lat) = (0usize, 0usize);
    // A word ends before `end` (exclusive): may the fast path copy it?
    let word_ok = |word: usize, holds: u8, prev_single: bool, gap: usize, end: usize, cyr, lat| {
        let letters = holds & (LATIN | CYRILLIC);
        !(holds & DIGIT != 0 && letters != 0)
            && letters != LATIN | CYRILLIC
            && word <= MAX_WORD_CHARS
            && !(word == 1 && prev_single && gap == 1)
            // A Latin word is all ASCII letters here: one byte each, and the letters seen
            // before it are all but its own.
            && (letters != LATIN
                || plain_latin_word(
                    b.get(end.saturating_sub(word)..end).unwrap_or_default(),
                    (cyr, lat - word),
                ))
    };
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let kind = if x.is_ascii() {
            // (`& 0x7F` tells the compiler the char is one byte long.)
            let l = x.to_ascii_lowercase() & 0x7F;
            out.push(char::from(l));
            // ASCII is its own narrow byte.
            narrow.push(l);
            i += 1;
            let kind = ASCII_KIND[usize::from(l)];
            lat += usize::from(kind == LATIN);
            kind
        } else {
            let y = b.get(i + 1).copied().unwrap_or(0);
            if !is_plain_cyrillic_pair(x, y) {
                return false;
            }
            let k = fold_index(x, y);
            out.push(table[k]);
            narrow.push(narrow_table[k]);
            i += 2;
            cyr += 1;
            CYRILLIC
        };
        if kind != 0 {
            word += 1;
            holds |= kind;
        } else if word > 0 {
            if !word_ok(word, holds, prev_single, gap, i - 1, cyr, lat) {
                return false;
            }
            prev_single = word == 1;
            (word, holds, gap) = (0, 0, 1);
        } else {
            gap = gap.saturating_add(1);
        }
    }
    word == 0 || word_ok(word, holds, prev_single, gap, b.len(), cyr, lat)
}

// What a word holds in [`plain_into`], as bits: digits, ASCII letters, Cyrillic letters.
const DIGIT: u8 = 1;
const LATIN: u8 = 2;
const CYRILLIC: u8 = 4;

/// Of an ASCII byte: [`DIGIT`], [`LATIN`] (a letter) or 0 (anything else).
static ASCII_KIND: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut k = 0;
    while k < 128 {
        let b = k as u8;
        t[k] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_alphabetic() {
            LATIN
        } else {
            0
        };
        k += 1;
    }
    t
};

/// Whether the whole-message fast path may copy the ASCII Latin word `w` as it is: it may
/// not stand for a Cyrillic word (step 3a; `seen`: the Cyrillic and Latin letters of the
/// words before) and does not count towards Kazakh written in Latin letters (step 6).
#[inline(never)]
fn plain_latin_word(w: &[u8], (seen_cyr, seen_lat): (usize, usize)) -> bool {
    ascii_vote(w).is_none() && !ascii_may_stand_for_cyrillic(w, seen_cyr, seen_lat)
}

/// Whether the ASCII word `w` may stand for a Cyrillic one (step 3a): long enough, only
/// letters that look Cyrillic, in a text with more Cyrillic letters than Latin ones so far.
fn ascii_may_stand_for_cyrillic(w: &[u8], seen_cyr: usize, seen_lat: usize) -> bool {
    w.len() >= LOOKALIKE_WORD_MIN
        && seen_cyr > seen_lat
        && w.iter()
            .all(|&b| LOOKALIKE_LATIN.contains(char::from(b.to_ascii_lowercase())))
}

/// Buffers of finished normalizations, kept for the next message on this thread: a chat
/// is millions of messages, most of them short, and each used to allocate its own. Two of
/// each kind are kept (a transliterated message holds two texts and two words at once);
/// long texts' buffers are not kept.
#[derive(Default)]
struct Pool {
    texts: Vec<(String, OffsetMap)>,
    narrows: Vec<Vec<u8>>,
    words: Vec<Vec<Item>>,
}

/// What the pool keeps of each kind.
const POOL_KEEP: usize = 2;

thread_local! {
    static POOL: std::cell::RefCell<Pool> = std::cell::RefCell::new(Pool::default());
}

/// An empty text and offset map, from the pool if it has them.
fn pooled_text() -> (String, OffsetMap) {
    let spare = POOL.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.texts.pop()));
    let (mut text, mut map) = spare.unwrap_or_default();
    text.clear();
    map.segs.clear();
    map.chunks.clear();
    (text, map)
}

/// An empty narrow-form buffer, from the pool if it has one.
fn pooled_narrow() -> Vec<u8> {
    let spare = POOL.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.narrows.pop()));
    let mut narrow = spare.unwrap_or_default();
    narrow.clear();
    narrow
}

/// Give a narrow-form buffer back (see [`Pool`]).
fn give_narrow(narrow: Vec<u8>) {
    if narrow.capacity() <= TEXT_KEEP {
        give(narrow, |p| &mut p.narrows);
    }
}

/// Put `item` in the pool's list `list`, unless it holds [`POOL_KEEP`] already (or the pool
/// is in use, which only a re-entrant call could find).
fn give<T>(item: T, list: impl FnOnce(&mut Pool) -> &mut Vec<T>) {
    POOL.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            let list = list(&mut p);
            if list.len() < POOL_KEEP {
                list.push(item);
            }
        }
    });
}

/// An empty word buffer with room for a usual word, from the pool if it has one.
fn pooled_word() -> Vec<Item> {
    let spare = POOL.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.words.pop()));
    let mut word = spare.unwrap_or_else(|| Vec::with_capacity(WORD_ROOM));
    word.clear();
    word
}

/// Give a word buffer back (see [`Pool`]).
fn give_word(word: Vec<Item>) {
    if word.capacity() <= MAX_WORD_CHARS {
        give(word, |p| &mut p.words);
    }
}

/// Give a normalized text back when done with it: the next message's [`normalize`] on
/// this thread may reuse its buffers (see [`Pool`]).
pub fn recycle(n: NormText) {
    give_text(n.text, n.map);
    if let Some(narrow) = n.narrow {
        give_narrow(narrow);
    }
}

/// The longest text whose buffers the pool keeps, in bytes.
const TEXT_KEEP: usize = 1 << 16;

/// Give a text's buffers back (see [`Pool`]).
fn give_text(text: String, map: OffsetMap) {
    if text.capacity() <= TEXT_KEEP && map.segs.capacity() <= TEXT_KEEP / 8 {
        give((text, map), |p| &mut p.texts);
    }
}

/// End of the run of *simple* chars starting at `start` that can take the
/// fast path. Simple chars are ASCII, basic Cyrillic letters
/// ([`is_plain_cyrillic_letter`]) and the two-byte Latin letters of Kazakh-Latin and other
/// Latin alphabets ([`is_latin_letter_pair`]): all are NFKC-stable and lowercase and fold
/// to chars of the same byte length. The run stops before `limit` (the next protected range) and leaves out a
/// last char that a following combining mark attaches to.
fn simple_run_end(original: &str, start: usize, limit: usize) -> usize {
    let bytes = original.as_bytes();
    let limit = limit.min(bytes.len());
    let mut end = start;
    let mut last_len = 0;
    while end < limit {
        let Some(&b) = bytes.get(end) else { break };
        let len = if b.is_ascii() {
            1
        } else {
            let next = bytes.get(end + 1).copied().unwrap_or(0);
            if is_plain_cyrillic_pair(b, next) || is_latin_letter_pair(b, next) {
                2
            } else {
                break;
            }
        };
        last_len = len;
        end += len;
    }
    let next = original.get(end..).and_then(|rest| rest.chars().next());
    if end > start && next.is_some_and(is_mark) {
        end -= last_len;
    }
    end
}

/// Apply the letter fold of normalization step 4 to a regex pattern's source.
///
/// Only ә ғ қ ң ө ұ ү һ і ё й (and their uppercase) change, to а г к н о у у х
/// и е и (same case); everything else, including all regex syntax, is kept
/// byte for byte.
pub fn fold_pattern(pattern: &str) -> String {
    pattern
        .chars()
        .map(|c| match c {
            'Ә' => 'А',
            'Ғ' => 'Г',
            'Қ' => 'К',
            'Ң' => 'Н',
            'Ө' => 'О',
            'Ұ' | 'Ү' => 'У',
            'Һ' => 'Х',
            'І' | 'Й' => 'И',
            'Ё' => 'Е',
            other => fold_char(other),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Tunables
// ---------------------------------------------------------------------------

/// Combining marks beyond this many start a new cluster (keeps NFKC linear on
/// "Zalgo" text; Unicode's stream-safe format uses 30).
const MAX_CLUSTER_MARKS: usize = 30;

/// Chars of a word the word buffers hold before they grow.
const WORD_ROOM: usize = 32;

/// Segments the transliteration's offset map holds before it grows.
const SEGS_ROOM: usize = 4096;

/// Words longer than this many chars are processed in pieces, and spaced-out
/// runs longer than this many letters are cut, so buffers stay small on
/// adversarial input (no real word is this long).
const MAX_WORD_CHARS: usize = 256;

/// Largest original gap (removed chars) allowed inside a transliteration digraph.
const MAX_DIGRAPH_GAP: usize = 64;

/// Relative offsets above this start a new chunk of the offset map. Small in
/// tests so that the chunking path is exercised by ordinary inputs.
const CHUNK_LIMIT: usize = if cfg!(test) {
    1 << 10
} else {
    u32::MAX as usize
};

// ---------------------------------------------------------------------------
// Offset map
// ---------------------------------------------------------------------------

/// One segment, offsets relative to its chunk's bases. Its normalized end is
/// the next segment's start (or the end of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    norm: u32,
    orig_start: u32,
    orig_end: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Chunk {
    first_seg: usize,
    norm_base: usize,
    orig_base: usize,
}

/// A segment with absolute offsets.
#[derive(Debug, Clone, Copy)]
struct SegSpan {
    ns: usize,
    ne: usize,
    os: usize,
    oe: usize,
}

impl SegSpan {
    /// Arithmetic segments (equal byte lengths) map positions by offset; all
    /// others hold exactly one normalized char.
    fn is_arith(&self) -> bool {
        self.ne - self.ns == self.oe - self.os
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct OffsetMap {
    segs: Vec<Seg>,
    chunks: Vec<Chunk>,
}

impl OffsetMap {
    /// Append a segment starting at normalized `ns` that maps to original
    /// `os..oe`. Calls come in text order with increasing `ns`.
    fn commit(&mut self, ns: usize, os: usize, oe: usize) {
        let in_chunk = self.chunks.last().and_then(|ch| {
            let norm = ns.checked_sub(ch.norm_base).filter(|&r| r <= CHUNK_LIMIT)?;
            let orig_start = os.checked_sub(ch.orig_base).filter(|&r| r <= CHUNK_LIMIT)?;
            Some(Seg {
                norm: u32::try_from(norm).ok()?,
                orig_start: u32::try_from(orig_start).ok()?,
                orig_end: u32::try_from(oe - ch.orig_base).ok()?,
            })
        });
        let seg = match in_chunk {
            Some(seg) => seg,
            None => {
                self.chunks.push(Chunk {
                    first_seg: self.segs.len(),
                    norm_base: ns,
                    orig_base: os,
                });
                // Segments are at most CHUNK_LIMIT long (runs) or one cluster
                // or digraph; should one ever not fit, map it to an empty range.
                Seg {
                    norm: 0,
                    orig_start: 0,
                    orig_end: u32::try_from(oe - os).unwrap_or(0),
                }
            }
        };
        self.segs.push(seg);
    }

    fn chunk_segs(&self, ci: usize) -> &[Seg] {
        let Some(ch) = self.chunks.get(ci) else {
            return &[];
        };
        let hi = self
            .chunks
            .get(ci + 1)
            .map_or(self.segs.len(), |c| c.first_seg);
        self.segs.get(ch.first_seg..hi).unwrap_or_default()
    }

    /// The segment containing normalized byte `p`.
    fn seg_containing(&self, p: usize, text_len: usize) -> Option<SegSpan> {
        let ci = self
            .chunks
            .partition_point(|c| c.norm_base <= p)
            .checked_sub(1)?;
        let ch = self.chunks.get(ci)?;
        let segs = self.chunk_segs(ci);
        let rel = p - ch.norm_base;
        let k = segs
            .partition_point(|s| s.norm as usize <= rel)
            .checked_sub(1)?;
        let s = segs.get(k)?;
        let ne = match (segs.get(k + 1), self.chunks.get(ci + 1)) {
            (Some(next), _) => ch.norm_base + next.norm as usize,
            (None, Some(next_chunk)) => next_chunk.norm_base,
            (None, None) => text_len,
        };
        Some(SegSpan {
            ns: ch.norm_base + s.norm as usize,
            ne,
            os: ch.orig_base + s.orig_start as usize,
            oe: ch.orig_base + s.orig_end as usize,
        })
    }

    fn for_each_seg(&self, text_len: usize, mut f: impl FnMut(SegSpan)) {
        let mut prev: Option<(usize, usize, usize)> = None;
        for (ci, ch) in self.chunks.iter().enumerate() {
            for s in self.chunk_segs(ci) {
                let ns = ch.norm_base + s.norm as usize;
                if let Some((pns, pos, poe)) = prev {
                    f(SegSpan {
                        ns: pns,
                        ne: ns,
                        os: pos,
                        oe: poe,
                    });
                }
                prev = Some((
                    ns,
                    ch.orig_base + s.orig_start as usize,
                    ch.orig_base + s.orig_end as usize,
                ));
            }
        }
        if let Some((ns, os, oe)) = prev {
            f(SegSpan {
                ns,
                ne: text_len,
                os,
                oe,
            });
        }
    }
}

/// Normalized text under construction.
struct Builder {
    text: String,
    map: OffsetMap,
    /// The last segment, not yet committed, with absolute offsets
    /// (normalized start, original start, original end).
    pending: Option<(usize, usize, usize)>,
}

impl Builder {
    /// An empty builder with room for `cap` bytes of text, on pooled buffers.
    fn with_capacity(cap: usize) -> Self {
        let (mut text, map) = pooled_text();
        text.reserve(cap);
        Builder {
            text,
            map,
            pending: None,
        }
    }

    /// Append normalized char `c` that comes from original `os..oe`.
    #[inline]
    fn push(&mut self, c: char, os: usize, oe: usize) {
        let ns = self.text.len();
        self.text.push(c);
        let oe = oe.max(os);
        if let Some((pns, pos, poe)) = self.pending {
            // Extend an arithmetic run: same byte lengths, contiguous.
            if c.len_utf8() == oe - os
                && poe == os
                && ns - pns == poe - pos
                && oe - pos <= CHUNK_LIMIT
            {
                self.pending = Some((pns, pos, oe));
                return;
            }
            self.map.commit(pns, pos, poe);
        }
        self.pending = Some((ns, os, oe));
    }

    /// Append `s`, made of ASCII and two-byte Latin letters ([`is_latin_letter_pair`]),
    /// lowercased on the way; it comes from original `os..os + s.len()`, and each char keeps
    /// its byte length.
    fn push_latin(&mut self, s: &str, os: usize) {
        if s.len() > CHUNK_LIMIT {
            for (k, c) in s.char_indices() {
                self.push(lower_latin_char(c), os + k, os + k + c.len_utf8());
            }
            return;
        }
        let ns = self.text.len();
        if s.is_ascii() {
            self.text.push_str(s);
            if let Some(tail) = self.text.get_mut(ns..) {
                tail.make_ascii_lowercase();
            }
        } else {
            self.text.extend(s.chars().map(lower_latin_char));
        }
        self.extend_arith(ns, os, os + s.len());
    }

    /// Append a word of plain Cyrillic letters ([`is_plain_cyrillic_letter`]) lowercased
    /// and letter-folded. Each char keeps its byte length (all are two-byte letters of
    /// the Cyrillic block), so the word maps to the original byte for byte.
    fn push_cyrillic_word(&mut self, word: &str, os: usize) {
        let bytes = word.as_bytes();
        let plain = bytes.len().is_multiple_of(2)
            && bytes
                .chunks_exact(2)
                .all(|p| is_plain_cyrillic_pair(p[0], p[1]));
        if plain && word.len() <= CHUNK_LIMIT {
            let ns = self.text.len();
            // Lowercase and fold through a table of the block, two bytes in, two bytes out.
            let table: &[char; 256] = &CYRILLIC_FOLD;
            for p in bytes.chunks_exact(2) {
                self.text.push(fold_pair(table, p[0], p[1]));
            }
            self.extend_arith(ns, os, os + word.len());
            return;
        }
        for (n, c) in word.char_indices() {
            let l = if is_plain_cyrillic_letter(c) {
                lower_cyrillic(c)
            } else {
                c
            };
            self.push(fold_char(l), os + n, os + n + c.len_utf8());
        }
    }

    /// The text from normalized `ns` to the end came from original `os..oe`, byte for
    /// byte: extend the pending arithmetic segment or start one.
    fn extend_arith(&mut self, ns: usize, os: usize, oe: usize) {
        if let Some((pns, pos, poe)) = self.pending {
            if poe == os && ns - pns == poe - pos && oe - pos <= CHUNK_LIMIT {
                self.pending = Some((pns, pos, oe));
                return;
            }
            self.map.commit(pns, pos, poe);
        }
        self.pending = Some((ns, os, oe));
    }

    /// Append `run`, normalized already, that comes from original `os..os + run.len()`
    /// byte for byte (a part of one arithmetic segment of another normalized text).
    fn push_run(&mut self, run: &str, os: usize) {
        let ns = self.text.len();
        self.text.push_str(run);
        self.extend_arith(ns, os, os + run.len());
    }

    #[inline]
    fn push_item(&mut self, it: Item) {
        self.push(it.c, it.os, it.oe);
    }

    fn finish(mut self) -> (String, OffsetMap) {
        if let Some((ns, os, oe)) = self.pending.take() {
            self.map.commit(ns, os, oe);
        }
        (self.text, self.map)
    }
}

// ---------------------------------------------------------------------------
// Protected ranges
// ---------------------------------------------------------------------------

/// Sorted, merged, clamped, non-empty protected ranges.
struct Protected {
    ranges: Vec<Range<usize>>,
}

impl Protected {
    fn new(ranges: &[Range<usize>], len: usize) -> Self {
        let mut v: Vec<Range<usize>> = ranges
            .iter()
            .map(|r| r.start.min(len)..r.end.min(len))
            .filter(|r| r.start < r.end)
            .collect();
        v.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(v.len());
        for r in v {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Protected { ranges: merged }
    }

    fn cursor(&self) -> ProtCursor<'_> {
        ProtCursor {
            ranges: &self.ranges,
            idx: 0,
        }
    }
}

/// Membership test for non-decreasing positions.
struct ProtCursor<'a> {
    ranges: &'a [Range<usize>],
    idx: usize,
}

impl ProtCursor<'_> {
    /// Start of the next protected range not yet passed (`usize::MAX` if none).
    #[inline]
    fn next_start(&self) -> usize {
        self.ranges.get(self.idx).map_or(usize::MAX, |r| r.start)
    }

    /// End of the range [`ProtCursor::contains`] last found a position in (`usize::MAX` if
    /// none).
    #[inline]
    fn current_end(&self) -> usize {
        self.ranges.get(self.idx).map_or(usize::MAX, |r| r.end)
    }

    #[inline]
    fn contains(&mut self, pos: usize) -> bool {
        while let Some(r) = self.ranges.get(self.idx) {
            if r.end <= pos {
                self.idx += 1;
            } else {
                return r.start <= pos;
            }
        }
        false
    }
}

// ---------------------------------------------------------------------------
// Char classes and tables
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Cyrillic,
    Latin,
    Other,
}

/// Script of a letter (`Other` for non-letters).
#[inline]
fn script_of(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => Script::Latin,
        0..=0x7F => Script::Other,
        0x00C0..=0x024F if c != '×' && c != '÷' => Script::Latin,
        0x0400..=0x0481 | 0x048A..=0x052F => Script::Cyrillic,
        _ if !c.is_alphabetic() => Script::Other,
        0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F => Script::Latin,
        _ => Script::Other,
    }
}

/// `char::is_alphabetic` with fast paths for ASCII, Latin and Cyrillic.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match script_of(c) {
        Script::Latin | Script::Cyrillic => true,
        Script::Other => (c as u32) >= 0x80 && c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric` with fast paths for ASCII, Latin and Cyrillic.
#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_letter(c) || c.is_numeric()
    }
}

/// Basic Cyrillic letters: already NFKC (no quick check needed), letters,
/// and their lowercase is a basic Cyrillic letter of the same byte length.
#[inline]
fn is_plain_cyrillic_letter(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x0481 | 0x048A..=0x04FF)
}

/// The lowercased, folded form of the plain Cyrillic letter `b0 b1` (see
/// [`is_plain_cyrillic_pair`]), through [`CYRILLIC_FOLD`]: two bytes in, a char of two
/// bytes out.
#[inline]
fn fold_pair(table: &[char; 256], b0: u8, b1: u8) -> char {
    table[fold_index(b0, b1)]
}

/// The index of the plain Cyrillic letter `b0 b1` in [`CYRILLIC_FOLD`] and [`NARROW_FOLD`]:
/// the low byte of its code point.
#[inline]
fn fold_index(b0: u8, b1: u8) -> usize {
    ((usize::from(b0 & 0x1F) << 6) | usize::from(b1 & 0x3F)) & 0xFF
}

/// Do the two bytes encode a [`is_plain_cyrillic_letter`]? U+0400..=U+04FF are `D0 80`
/// to `D3 BF`; U+0482..=U+0489 (`D2 82`..`D2 89`) are signs and marks, not letters.
#[inline]
fn is_plain_cyrillic_pair(b0: u8, b1: u8) -> bool {
    (0xD0..=0xD3).contains(&b0)
        && (0x80..=0xBF).contains(&b1)
        && !(b0 == 0xD2 && (0x82..=0x89).contains(&b1))
}

/// Whether `c` alone is already NFKC (its quick check says yes). The Latin letters with
/// marks of Kazakh-Latin and other Latin scripts (ı ñ ş ğ ü …) and the rest of the Latin
/// and Cyrillic blocks are looked up in a table made once; other chars are checked.
#[inline]
fn is_nfkc_stable(c: char) -> bool {
    const TABLE_END: u32 = 0x0530;
    static STABLE: LazyLock<[u64; TABLE_END as usize / 64]> = LazyLock::new(|| {
        let mut bits = [0u64; TABLE_END as usize / 64];
        for u in 0..TABLE_END {
            let yes = char::from_u32(u)
                .is_some_and(|c| is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes);
            if let Some(w) = bits.get_mut(u as usize / 64) {
                *w |= u64::from(yes) << (u % 64);
            }
        }
        bits
    });
    let u = c as u32;
    match STABLE.get(u as usize / 64) {
        Some(w) => w >> (u % 64) & 1 == 1,
        None => is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes,
    }
}

/// Combining mark that continues a cluster.
#[inline]
fn is_mark(c: char) -> bool {
    let u = c as u32;
    if u < 0x0300 || (0x0400..=0x0482).contains(&u) || (0x048A..=0x052F).contains(&u) {
        return false;
    }
    is_combining_mark(c)
}

/// Diacritic-like marks left over after NFKC that are dropped (stress marks,
/// strike-through, Zalgo, variation selectors).
#[inline]
fn is_droppable_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xE0100..=0xE01EF)
}

/// Invisible chars removed in step 2.
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x115F | 0x1160 | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x2064 | 0x2066..=0x2069 | 0x3164 | 0xFEFF | 0xFFA0 | 0xE0000..=0xE007F)
}

/// Unicode space separators other than U+0020 (mapped to ' ').
#[inline]
fn is_other_space(c: char) -> bool {
    matches!(
        c as u32,
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000
    )
}

/// Lowercase `c`, calling `f` for each resulting char. "İ" becomes plain "i".
#[inline]
fn lower_each(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase());
    } else if is_plain_cyrillic_letter(c) {
        f(lower_cyrillic(c));
    } else if is_plain_latin(c) {
        f(lower_latin(c));
    } else if c == 'İ' {
        f('i');
    } else {
        for l in c.to_lowercase() {
            f(l);
        }
    }
}

/// [`fold_char`] of [`lower_cyrillic`] for every code point of U+0400..=U+04FF, by its
/// low byte (the fast path of plain Cyrillic words). Every entry is two bytes long in
/// UTF-8, like the letter it stands for, so the fast path maps byte for byte; a fold that
/// would change the length (none does) keeps the letter.
static CYRILLIC_FOLD: std::sync::LazyLock<[char; 256]> = std::sync::LazyLock::new(|| {
    let mut t = ['\u{0400}'; 256];
    for (i, slot) in t.iter_mut().enumerate() {
        let c = char::from_u32(0x0400 + i as u32).unwrap_or('\u{0400}');
        let l = if is_plain_cyrillic_letter(c) {
            lower_cyrillic(c)
        } else {
            c
        };
        let f = fold_char(l);
        *slot = if f.len_utf8() == 2 { f } else { c };
    }
    t
});

/// The narrow bytes of [`CYRILLIC_FOLD`]'s letters, by the same index.
static NARROW_FOLD: std::sync::LazyLock<[u8; 256]> =
    std::sync::LazyLock::new(|| CYRILLIC_FOLD.map(crate::rules::narrow::byte_of));

/// Lowercase a basic Cyrillic letter ([`is_plain_cyrillic_letter`]); the
/// result is in the same block. Other chars are returned unchanged.
#[inline]
fn lower_cyrillic(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x0400..=0x040F => u + 0x50,
        0x0410..=0x042F => u + 0x20,
        0x0460..=0x0481 | 0x048A..=0x04BF | 0x04D0..=0x04FF if u.is_multiple_of(2) => u + 1,
        0x04C1..=0x04CE if u % 2 == 1 => u + 1,
        0x04C0 => 0x04CF,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Latin-1 and Latin Extended-A chars that are NFKC-stable and whose
/// lowercase is one char computed by [`lower_latin`].
#[inline]
fn is_plain_latin(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x012F | 0x0131 | 0x0134..=0x013E | 0x0141..=0x0148 | 0x014A..=0x017E)
}

/// Lowercase a [`is_plain_latin`] char.
#[inline]
fn lower_latin(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x00C0..=0x00DE if u != 0x00D7 => u + 0x20,
        0x0100..=0x012F | 0x0132..=0x0137 | 0x014A..=0x0177 if u.is_multiple_of(2) => u + 1,
        0x0139..=0x0148 | 0x0179..=0x017E if u % 2 == 1 => u + 1,
        0x0178 => 0x00FF,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Lowercase an ASCII char or a [`is_plain_latin`] one.
#[inline]
fn lower_latin_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        lower_latin(c)
    }
}

/// Lowercase `word`, made of ASCII and [`is_latin_letter_pair`] letters, into `out`
/// (cleared first).
fn lower_latin_word_into(word: &str, out: &mut String) {
    out.clear();
    out.extend(word.chars().map(lower_latin_char));
}

/// Do the two bytes encode a Latin letter of Latin-1 or Latin Extended-A that
/// [`is_plain_latin`] lowercases (U+00C0..=U+017E but × and ÷, `C3 80` to `C5 BE`)? Such a
/// letter and its lowercase are two bytes long and NFKC-stable.
#[inline]
fn is_latin_letter_pair(b0: u8, b1: u8) -> bool {
    if !(0xC3..=0xC5).contains(&b0) || !(0x80..=0xBF).contains(&b1) {
        return false;
    }
    let u = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
    u != 0xD7 && u != 0xF7 && char::from_u32(u).is_some_and(is_plain_latin)
}

/// Step 4 letter fold (lowercase input).
#[inline]
fn fold_char(c: char) -> char {
    match c {
        'ә' => 'а',
        'ғ' => 'г',
        'қ' => 'к',
        'ң' => 'н',
        'ө' => 'о',
        'ұ' | 'ү' => 'у',
        'һ' => 'х',
        'і' | 'й' => 'и',
        'ё' => 'е',
        other => other,
    }
}

/// Lowercase Latin letters whose upper- or lowercase form looks Cyrillic (А В С Е Н К М О Р
/// Т Х У): a whole word of them amid Cyrillic text is a disguised Cyrillic word.
const LOOKALIKE_LATIN: &str = "abcehkmoptxy";

/// Shortest all-look-alike Latin word read as Cyrillic ("APK", "TOP" stay Latin).
const LOOKALIKE_WORD_MIN: usize = 4;

/// Greek look-alike (lowercase, after case folding) → Latin.
fn greek_to_latin(c: char) -> Option<char> {
    Some(match c {
        'α' | 'ά' => 'a',
        'β' => 'b',
        'γ' => 'y',
        'ε' | 'έ' => 'e',
        'η' => 'h',
        'ι' | 'ί' => 'i',
        'κ' => 'k',
        'μ' => 'm',
        'ν' => 'v',
        'ο' | 'ό' => 'o',
        'π' => 'n',
        'ρ' => 'p',
        'τ' => 't',
        'υ' | 'ύ' => 'u',
        'χ' => 'x',
        'ω' => 'w',
        'ζ' => 'z',
        _ => return None,
    })
}

/// Latin look-alike → Cyrillic (lowercase).
fn latin_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'u' => 'и',
        'n' => 'п',
        'r' => 'г',
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        'm' => 'м',
        't' => 'т',
        'h' => 'н',
        'b' => 'в',
        'i' => 'і',
        'ë' => 'ё',
        _ => return None,
    })
}

/// Cyrillic look-alike → Latin (lowercase).
fn cyrillic_to_latin(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'с' => 'c',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'х' => 'x',
        'у' => 'y',
        'к' => 'k',
        'м' => 'm',
        'т' => 't',
        'н' => 'h',
        'в' => 'b',
        'і' => 'i',
        'һ' => 'h',
        'ѕ' => 's',
        'ј' => 'j',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ӏ' => 'l',
        'ё' => 'ë',
        _ => return None,
    })
}

/// Digit used as a letter, by the word's script.
fn digit_as_letter(d: char, script: Script) -> Option<char> {
    match (script, d) {
        (Script::Cyrillic, '0') => Some('о'),
        (Script::Cyrillic, '3') => Some('з'),
        (Script::Cyrillic, '6') => Some('б'),
        (Script::Cyrillic, '4') => Some('ч'),
        (Script::Latin, '0') => Some('o'),
        (Script::Latin, '1') => Some('l'),
        (Script::Latin, '3') => Some('e'),
        (Script::Latin, '5') => Some('s'),
        _ => None,
    }
}

/// Units and endings written right after a number ("3мес", "6ти", "4шт"),
/// folded: a leading digit before these is a number, not a letter.
const NUMBER_SUFFIXES: &[&str] = &[
    "шт",
    "мин",
    "мес",
    "час",
    "часа",
    "часов",
    "сек",
    "дн",
    "дня",
    "дней",
    "день",
    "нед",
    "лет",
    "год",
    "года",
    "раз",
    "раза",
    "руб",
    "тг",
    "тенге",
    "гб",
    "мб",
    "кб",
    "тб",
    "кг",
    "км",
    "см",
    "мм",
    "мл",
    "млн",
    "млрд",
    "тыс",
    "жыл",
    "ай",
    "кун",
    "сагат",
    "минут",
    "апта",
    "го",
    "ти",
    "ми",
    "ом",
    "ем",
    "еи",
    "ех",
    "их",
    "ым",
    "им",
    "ая",
    "ое",
    "ои",
    "ии",
    "ые",
    "ого",
    "ему",
    "ому",
];

/// One-letter words: a space-separated run made only of these is ordinary
/// text ("а я у вас"), not spaced-out letters.
fn is_one_letter_word(c: char) -> bool {
    matches!(
        c,
        'а' | 'б' | 'в' | 'ж' | 'и' | 'к' | 'о' | 'с' | 'у' | 'я' | 'a' | 'i'
    )
}

fn is_spacing_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '_' | '*')
}

/// How an ASCII word (any case) counts towards the Kazakh-Latin decision: `None` if it does
/// not, else whether it is a strong vote (not also an English word).
fn ascii_vote(bytes: &[u8]) -> Option<bool> {
    let special = bytes.iter().enumerate().any(|(k, b)| {
        b.eq_ignore_ascii_case(&b'q')
            && !bytes
                .get(k + 1)
                .is_some_and(|n| n.eq_ignore_ascii_case(&b'u'))
    });
    if special {
        return Some(true);
    }
    // Markers start with one of these; exact markers are short and the
    // prefix markers fit in the buffer, so longer words are truncated.
    match bytes.first().map(u8::to_ascii_lowercase) {
        Some(b's' | b'r' | b'k' | b'u' | b'm' | b'b' | b'q' | b'z' | b'e' | b'j') => {
            let mut buf = [0u8; 16];
            let n = bytes.len().min(buf.len());
            let dst = buf.get_mut(..n)?;
            dst.copy_from_slice(bytes.get(..n)?);
            dst.make_ascii_lowercase();
            kazakh_marker(dst).map(|english| !english)
        }
        _ => None,
    }
}

/// Is lowercase `word` an ASCII/Kazakh-Latin marker word? `Some(true)` if it
/// is also an English word (so it only counts together with a stronger hint).
fn kazakh_marker(word: &[u8]) -> Option<bool> {
    match word {
        b"men" => Some(true),
        b"salem" | b"raqmet" | b"rakhmet" | b"rahmet" | b"kerek" | b"ushin" | b"ushyn"
        | b"sizdin" | b"sizdyn" | b"sizge" | b"sen" | b"myna" | b"bul" | b"bizdin" | b"qazir"
        | b"kazir" | b"qazyr" | b"kazyr" | b"zhane" | b"emes" => Some(false),
        w if w == "sälem".as_bytes() || w == "üşın".as_bytes() => Some(false),
        w if w.starts_with(b"jiber") || w.starts_with(b"zhiber") => Some(false),
        _ => None,
    }
}

/// Kazakh 2021 Latin → folded Cyrillic, one letter.
fn kazakh_latin_letter(c: char) -> Option<(char, Option<char>)> {
    let one = match c {
        // The 2021 alphabet's letters, then the 2018 one's acute letters (á ǵ ń ó ú ý).
        'a' | 'ä' | 'á' => 'а',
        'b' => 'б',
        'v' => 'в',
        'g' | 'ğ' | 'ǵ' => 'г',
        'd' => 'д',
        'e' => 'е',
        'j' => 'ж',
        'z' => 'з',
        'i' | 'ı' => 'и',
        'k' | 'q' => 'к',
        'l' => 'л',
        'm' => 'м',
        'n' | 'ñ' | 'ń' => 'н',
        'o' | 'ö' | 'ó' => 'о',
        'p' => 'п',
        'r' => 'р',
        's' | 'c' => 'с',
        't' => 'т',
        'u' | 'ū' | 'ü' | 'w' | 'ú' | 'ý' => 'у',
        'f' => 'ф',
        'h' => 'х',
        'y' => 'ы',
        'ş' => 'ш',
        'ç' => 'ч',
        'x' => return Some(('к', Some('с'))),
        _ => return None,
    };
    Some((one, None))
}

/// Kazakh Latin digraphs → folded Cyrillic.
fn kazakh_latin_digraph(a: char, b: char) -> Option<char> {
    Some(match (a, b) {
        ('s', 'h') => 'ш',
        ('c', 'h') => 'ч',
        ('z', 'h') => 'ж',
        ('k', 'h') => 'х',
        ('i', 'a') => 'я',
        ('i', 'u') => 'ю',
        _ => return None,
    })
}

/// The nearest char boundary of `s` at or before `i`.
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary of `s` at or after `i` (at most `s.len()`).
pub(crate) fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

// ---------------------------------------------------------------------------
// Stage 1: steps 1–5 in one streaming pass
// ---------------------------------------------------------------------------

/// A normalized char with its original range.
#[derive(Debug, Clone, Copy)]
struct Item {
    c: char,
    os: usize,
    oe: usize,
    protected: bool,
}

/// Votes for "this message is Kazakh written in Latin letters".
#[derive(Debug, Default)]
struct KazakhLatinVotes {
    /// Latin words with a Kazakh-Latin letter or a marker word.
    words: usize,
    /// Of those, words that are not also English.
    strong: usize,
}

impl KazakhLatinVotes {
    fn decided(&self) -> bool {
        self.words >= 2 && self.strong >= 1
    }
}

struct Stage1Output {
    norm: NormText,
    kazakh_latin: bool,
}

struct Stage1 {
    out: Builder,
    obfuscations: Vec<Obfuscation>,
    /// Current word (alphanumeric run) after steps 1–2.
    word: Vec<Item>,
    /// Counts for the current word, kept while it is assembled.
    word_cyr: usize,
    word_lat: usize,
    word_digits: usize,
    word_protected: bool,
    word_has_invisible: bool,
    /// Greek look-alike letters mapped to Latin in the current word.
    word_greek: usize,
    /// Cyrillic and Latin letters seen so far in the message (which script a lone
    /// look-alike Latin word stands in for).
    seen_cyr: usize,
    seen_lat: usize,
    /// The current word continues an over-long word cut at `MAX_WORD_CHARS`.
    word_continued: bool,
    /// An invisible char was removed right after a letter of the current word.
    pending_invisible: bool,
    /// Candidate spaced-out run: letter, separator, letter, … (step 5).
    spaced: Vec<Item>,
    spaced_sep: Option<char>,
    spaced_script: Script,
    votes: KazakhLatinVotes,
    scratch: String,
    digit_scratch: Vec<(usize, char)>,
}

impl Stage1 {
    fn new(cap: usize) -> Self {
        Stage1 {
            out: Builder::with_capacity(cap),
            obfuscations: Vec::new(),
            // Room for a long word: growing one char at a time cost several allocations.
            word: pooled_word(),
            word_cyr: 0,
            word_lat: 0,
            word_digits: 0,
            word_protected: false,
            word_has_invisible: false,
            word_greek: 0,
            seen_cyr: 0,
            seen_lat: 0,
            word_continued: false,
            pending_invisible: false,
            spaced: Vec::new(),
            spaced_sep: None,
            spaced_script: Script::Other,
            votes: KazakhLatinVotes::default(),
            scratch: String::new(),
            digit_scratch: Vec::new(),
        }
    }

    /// A lowercased, NFKC char from an unprotected cluster.
    #[inline]
    fn feed_unprotected(&mut self, c: char, os: usize, oe: usize) {
        if (c as u32) < 0xA0 {
            self.feed(c, os, oe, false);
            return;
        }
        if is_droppable_mark(c) {
            return;
        }
        let c = if is_other_space(c) { ' ' } else { c };
        // Greek look-alikes (α ο ρ τ κ …) stand in for Latin or Cyrillic letters; as Latin
        // they go through the mixed-script step like any other look-alike.
        if let Some(l) = greek_to_latin(c) {
            self.word_greek += 1;
            self.feed(l, os, oe, false);
            return;
        }
        self.feed(c, os, oe, false);
    }

    /// Step 2 (invisible removal) and word assembly.
    #[inline]
    fn feed(&mut self, c: char, os: usize, oe: usize, protected: bool) {
        if (c as u32) >= 0xAD && is_invisible(c) {
            if self.word.last().is_some_and(|it| is_letter(it.c)) {
                self.pending_invisible = true;
            }
            return;
        }
        let item = Item {
            c,
            os,
            oe,
            protected,
        };
        let script = script_of(c);
        let alnum = match script {
            Script::Cyrillic => {
                self.word_cyr += 1;
                true
            }
            Script::Latin => {
                self.word_lat += 1;
                true
            }
            Script::Other if c.is_ascii_digit() => {
                self.word_digits += 1;
                true
            }
            Script::Other => is_alnum(c),
        };
        if alnum {
            if self.word.len() >= MAX_WORD_CHARS {
                self.flush_word();
                self.word_continued = true;
            }
            if self.pending_invisible && is_letter(c) {
                self.word_has_invisible = true;
            }
            self.pending_invisible = false;
            self.word_protected |= protected;
            self.word.push(item);
        } else {
            self.pending_invisible = false;
            self.flush_word();
            self.word_continued = false;
            self.spaced_other(item);
        }
    }

    fn finish(mut self) -> Stage1Output {
        self.flush_word();
        self.flush_spaced();
        self.obfuscations.sort_by_key(|o| o.span.start);
        give_word(std::mem::take(&mut self.word));
        let (text, map) = self.out.finish();
        Stage1Output {
            kazakh_latin: self.votes.decided(),
            norm: NormText {
                text,
                obfuscations: self.obfuscations,
                narrow: None,
                map,
            },
        }
    }

    fn record(&mut self, kind: ObfuscationKind, span: Range<usize>) {
        self.obfuscations.push(Obfuscation { kind, span });
    }

    fn flush_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let mut word = std::mem::take(&mut self.word);
        let candidate = self.process_word(&mut word);
        match candidate {
            Some((item, script)) => self.spaced_letter(item, script),
            None => {
                self.flush_spaced();
                for &it in &word {
                    self.out.push_item(it);
                }
            }
        }
        word.clear();
        self.word = word;
        self.word_cyr = 0;
        self.word_lat = 0;
        self.word_digits = 0;
        self.word_protected = false;
        self.word_has_invisible = false;
        self.word_greek = 0;
        self.pending_invisible = false;
    }

    /// Steps 3–4 on one word. Returns the letter and its script if the word
    /// is a single letter (a step-5 candidate).
    fn process_word(&mut self, items: &mut [Item]) -> Option<(Item, Script)> {
        let (first, last) = (items.first()?, items.last()?);
        let span = first.os..last.oe;
        if self.word_has_invisible {
            self.record(ObfuscationKind::InvisibleChar, span.clone());
        }
        if self.word_protected {
            for it in items.iter_mut().filter(|it| !it.protected) {
                it.c = fold_char(it.c);
            }
            return None;
        }

        // Step 3a: mixed Cyrillic/Latin words.
        let (mut cyr, mut lat) = (self.word_cyr, self.word_lat);
        if cyr == 0 && self.word_digits == 0 && self.latin_stands_for_cyrillic(items) {
            // A whole word typed in look-alike Latin ("HOMEP") amid Cyrillic text.
            for it in items.iter_mut() {
                if let Some(m) = latin_to_cyrillic(it.c) {
                    it.c = m;
                }
            }
            self.record(ObfuscationKind::MixedScript, span.clone());
            (cyr, lat) = (lat, 0);
        } else if cyr == 0 && self.word_greek > 0 && self.word_greek < lat {
            // Greek letters inside a Latin word ("pαypal").
            self.record(ObfuscationKind::MixedScript, span.clone());
        }
        self.seen_cyr += cyr;
        self.seen_lat += lat;
        if cyr > 0 && lat > 0 {
            let mut report = false;
            // The majority decides, unless it cannot: a Latin-majority word whose Cyrillic
            // letters have no Latin twin while all its Latin ones have a Cyrillic twin
            // ("зapaбoтoк") is a disguised Cyrillic word.
            let cyrillic_at_heart = items
                .iter()
                .any(|it| script_of(it.c) == Script::Cyrillic && cyrillic_to_latin(it.c).is_none())
                && items.iter().all(|it| {
                    script_of(it.c) != Script::Latin || latin_to_cyrillic(it.c).is_some()
                });
            if lat > cyr && !cyrillic_at_heart {
                for it in items.iter_mut() {
                    if script_of(it.c) == Script::Cyrillic {
                        report = true;
                        if let Some(m) = cyrillic_to_latin(it.c) {
                            it.c = m;
                        }
                    }
                }
            } else {
                for it in items.iter_mut() {
                    if script_of(it.c) == Script::Latin {
                        report |= it.c != 'i';
                        if let Some(m) = latin_to_cyrillic(it.c) {
                            it.c = m;
                        }
                    }
                }
            }
            if report {
                self.record(ObfuscationKind::MixedScript, span.clone());
            }
            cyr = 0;
            lat = 0;
            for it in items.iter() {
                match script_of(it.c) {
                    Script::Cyrillic => cyr += 1,
                    Script::Latin => lat += 1,
                    Script::Other => {}
                }
            }
        }

        // Step 3b: digits used as letters.
        let script = if cyr == 0 && lat == 0 {
            Script::Other
        } else if lat > cyr {
            Script::Latin
        } else {
            Script::Cyrillic
        };
        let letters = if script == Script::Latin { lat } else { cyr };
        if script != Script::Other && letters >= 2 && self.word_digits > 0 {
            // Decide on the unmodified word, then apply.
            let mut mapped = std::mem::take(&mut self.digit_scratch);
            mapped.clear();
            mapped.extend(
                (0..items.len()).filter_map(|k| Some((k, digit_letter_at(items, k, script)?))),
            );
            let apply = !mapped.is_empty() && letters + mapped.len() >= 3;
            if apply {
                for &(k, m) in &mapped {
                    if let Some(it) = items.get_mut(k) {
                        it.c = m;
                    }
                }
                self.record(ObfuscationKind::DigitForLetter, span.clone());
            }
            self.digit_scratch = mapped;
        }

        // Step 4: letter fold.
        if cyr > 0 {
            for it in items.iter_mut() {
                it.c = fold_char(it.c);
            }
        }

        if lat > 0 && cyr == 0 && !self.votes.decided() {
            self.vote_kazakh_latin(items);
        }
        match items {
            [only] if is_letter(only.c) && !self.word_continued => Some((*only, script_of(only.c))),
            _ => None,
        }
    }

    /// Is this all-Latin word made only of letters that look Cyrillic, long enough to be
    /// a word, in a message that is so far mostly Cyrillic?
    fn latin_stands_for_cyrillic(&self, items: &[Item]) -> bool {
        items.len() >= LOOKALIKE_WORD_MIN
            && self.seen_cyr > self.seen_lat
            && items
                .iter()
                .all(|it| !it.protected && LOOKALIKE_LATIN.contains(it.c))
    }

    /// The bulk path's cheap check for [`Stage1::latin_stands_for_cyrillic`]: such a word
    /// must go through the word-by-word path.
    fn ascii_may_stand_for_cyrillic(&self, word: &str) -> bool {
        ascii_may_stand_for_cyrillic(word.as_bytes(), self.seen_cyr, self.seen_lat)
    }

    fn vote_kazakh_latin(&mut self, items: &[Item]) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        scratch.extend(items.iter().map(|it| it.c));
        self.vote_word(&scratch);
        self.scratch = scratch;
    }

    /// Count a lowercase Latin word towards the Kazakh-Latin decision.
    fn vote_word(&mut self, word: &str) {
        let mut chars = word.chars().peekable();
        let mut special = false;
        while let Some(c) = chars.next() {
            special |= match c {
                'ä' | 'ğ' | 'ñ' | 'ö' | 'ū' | 'ü' | 'ş' | 'ı' | 'á' | 'ǵ' | 'ń' | 'ó' | 'ú'
                | 'ý' => true,
                // English "q" is nearly always followed by "u".
                'q' => chars.peek() != Some(&'u'),
                _ => false,
            };
        }
        if special {
            self.votes.words += 1;
            self.votes.strong += 1;
        } else if let Some(english) = kazakh_marker(word.as_bytes()) {
            self.votes.words += 1;
            if !english {
                self.votes.strong += 1;
            }
        }
    }

    /// Steps 1–5 for the protected text from original `start` (a link, as written) up to
    /// `limit` at most, when no word is pending: its ASCII stretch up to and including the
    /// last non-word char goes over lowercased at once, as [`Stage1::feed`] would give it
    /// char by char (a protected word is only lowercased; a separator ends any spaced run).
    /// Returns where it stopped, or `None` if it took nothing.
    fn feed_protected_ascii(
        &mut self,
        original: &str,
        start: usize,
        limit: usize,
    ) -> Option<usize> {
        if !self.word.is_empty() {
            return None;
        }
        let stretch = original.as_bytes().get(start..limit.min(original.len()))?;
        let ascii = stretch
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(stretch.len());
        let end = start
            + 1
            + stretch
                .get(..ascii)?
                .iter()
                .rposition(|b| !b.is_ascii_alphanumeric())?;
        self.flush_spaced();
        self.out.push_latin(original.get(start..end)?, start);
        self.word_continued = false;
        self.pending_invisible = false;
        Some(end)
    }

    /// Steps 1–5 for a run of simple chars (see [`simple_run_end`]) starting at
    /// original offset `os`: ordinary Latin words (ASCII letters and two-byte Latin ones),
    /// all-Cyrillic-letter words and ASCII punctuation are copied (lowercased, folded) in
    /// bulk; a word
    /// that may need work (digits, mixed scripts, one letter, touching the
    /// run's edges) goes through [`Stage1::feed`] char by char.
    fn feed_simple_run(&mut self, run: &str, os: usize) {
        let bytes = run.as_bytes();
        // Start of pending Latin and ASCII text to copy (lowercased); while it
        // is pending, the word and spaced-letter buffers are empty.
        let mut bulk: Option<usize> = None;
        let mut k = 0;
        while let Some(&b) = bytes.get(k) {
            let start = k;
            if !b.is_ascii() || b.is_ascii_alphanumeric() {
                // Latin letters: ASCII ones and two-byte ones (`wide`).
                let (mut lat, mut wide, mut cyr, mut digits) = (0usize, 0usize, 0usize, 0usize);
                while let Some(&b) = bytes.get(k) {
                    if b.is_ascii_digit() {
                        digits += 1;
                        k += 1;
                    } else if b.is_ascii_alphabetic() {
                        lat += 1;
                        k += 1;
                    } else if !b.is_ascii() {
                        // Simple runs hold only ASCII and two-byte letters: Cyrillic ones
                        // lead with D0..D3, Latin ones with C3..C5.
                        if b >= 0xD0 {
                            cyr += 1;
                        } else {
                            wide += 1;
                        }
                        k += 2;
                    } else {
                        break;
                    }
                }
                let k_end = k.min(bytes.len());
                let word = run.get(start..k_end).unwrap_or_default();
                let len = lat + wide + cyr + digits;
                let inner =
                    self.word.is_empty() && k < bytes.len() && (2..=MAX_WORD_CHARS).contains(&len);
                // A Latin word with no more than one letter beside digits; one all in ASCII
                // letters may stand for Cyrillic (a two-byte letter has no Cyrillic twin).
                if inner
                    && cyr == 0
                    && (digits == 0 || lat + wide < 2)
                    && !(digits == 0 && wide == 0 && self.ascii_may_stand_for_cyrillic(word))
                {
                    self.seen_lat += lat + wide;
                    if bulk.is_none() {
                        self.flush_spaced();
                        bulk = Some(start);
                    }
                    if lat + wide > 0 && !self.votes.decided() {
                        if wide == 0 {
                            self.vote_ascii(word);
                        } else {
                            let mut lower = std::mem::take(&mut self.scratch);
                            lower_latin_word_into(word, &mut lower);
                            self.vote_word(&lower);
                            self.scratch = lower;
                        }
                    }
                    continue;
                }
                self.flush_bulk(run, os, &mut bulk, start);
                if inner && lat == 0 && wide == 0 && digits == 0 {
                    self.seen_cyr += cyr;
                    self.flush_spaced();
                    self.out.push_cyrillic_word(word, os + start);
                } else {
                    for (n, c) in word.char_indices() {
                        let p = os + start + n;
                        let l = if c.is_ascii() {
                            c.to_ascii_lowercase()
                        } else if is_plain_cyrillic_letter(c) {
                            lower_cyrillic(c)
                        } else {
                            lower_latin(c)
                        };
                        self.feed(l, p, p + c.len_utf8(), false);
                    }
                }
            } else if bulk.is_some() || (self.word.is_empty() && self.spaced.is_empty()) {
                bulk.get_or_insert(start);
                while bytes
                    .get(k)
                    .is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
                {
                    k += 1;
                }
            } else {
                self.feed(char::from(b), os + k, os + k + 1, false);
                k += 1;
            }
        }
        self.flush_bulk(run, os, &mut bulk, bytes.len());
    }

    /// Emit the pending text `run[bulk..end]` (ASCII and Latin words, lowercased).
    fn flush_bulk(&mut self, run: &str, os: usize, bulk: &mut Option<usize>, end: usize) {
        if let Some(start) = bulk.take() {
            self.out
                .push_latin(run.get(start..end).unwrap_or_default(), os + start);
        }
    }

    /// [`Stage1::vote_word`] for an ASCII word in any case.
    fn vote_ascii(&mut self, word: &str) {
        if let Some(strong) = ascii_vote(word.as_bytes()) {
            self.votes.words += 1;
            if strong {
                self.votes.strong += 1;
            }
        }
    }

    // Step 5: spaced-out letters. `spaced` holds letter, sep, letter, … and
    // always starts with a letter.

    fn spaced_letter(&mut self, item: Item, script: Script) {
        let ends_with_sep = self.spaced.len().is_multiple_of(2);
        if self.spaced.is_empty()
            || !ends_with_sep
            || script != self.spaced_script
            || self.spaced.len() >= 2 * MAX_WORD_CHARS
        {
            self.flush_spaced();
            self.spaced_script = script;
        }
        self.spaced.push(item);
    }

    fn spaced_other(&mut self, item: Item) {
        let ends_with_letter = self.spaced.len() % 2 == 1;
        if ends_with_letter && !item.protected && is_spacing_separator(item.c) {
            if self.spaced_sep.is_none_or(|s| s == item.c) {
                self.spaced_sep = Some(item.c);
                self.spaced.push(item);
                return;
            }
            // A different separator: the last letter may start a new run.
            if let Some(letter) = self.spaced.pop() {
                self.flush_spaced();
                self.spaced.push(letter);
                self.spaced_sep = Some(item.c);
                self.spaced.push(item);
                return;
            }
        }
        self.flush_spaced();
        self.out.push_item(item);
    }

    fn flush_spaced(&mut self) {
        if self.spaced.is_empty() {
            return;
        }
        let trailing_sep = self.spaced.len().is_multiple_of(2);
        let letters = self.spaced.len().div_ceil(2);
        let ordinary = self.spaced_sep == Some(' ')
            && self
                .spaced
                .iter()
                .step_by(2)
                .all(|it| is_one_letter_word(it.c));
        if letters >= 3 && !ordinary {
            let last_letter = (letters - 1) * 2;
            if let (Some(first), Some(last)) = (self.spaced.first(), self.spaced.get(last_letter)) {
                let span = first.os..last.oe;
                self.record(ObfuscationKind::SpacedLetters, span);
            }
            for k in (0..self.spaced.len()).step_by(2) {
                if let Some(&it) = self.spaced.get(k) {
                    self.out.push_item(it);
                }
            }
            if trailing_sep && let Some(&sep) = self.spaced.last() {
                self.out.push_item(sep);
            }
        } else {
            for &it in &self.spaced {
                self.out.push_item(it);
            }
        }
        self.spaced.clear();
        self.spaced_sep = None;
    }
}

/// The letter the ASCII digit at `k` stands for, if it is a lone digit
/// touching letters (step 3b).
fn digit_letter_at(items: &[Item], k: usize, script: Script) -> Option<char> {
    let d = items.get(k)?.c;
    if !d.is_ascii_digit() {
        return None;
    }
    let is_num = |i: Option<usize>| {
        i.and_then(|i| items.get(i))
            .is_some_and(|it| it.c.is_numeric())
    };
    if is_num(k.checked_sub(1)) || is_num(Some(k + 1)) {
        return None;
    }
    let letter = |i: usize| items.get(i).is_some_and(|it| is_letter(it.c));
    let left = (1..=2)
        .take_while(|&n| k.checked_sub(n).is_some_and(letter))
        .count();
    let right = (1..=2).take_while(|&n| letter(k + n)).count();
    let at_start = k == 0;
    let at_end = k + 1 == items.len();
    let inner = left >= 1 && right >= 1;
    let lead = at_start && right >= 2;
    let trail = at_end && left >= 2;
    if !(inner || lead || trail) {
        return None;
    }
    if !inner && script == Script::Latin && d != '0' {
        // "mp3", "web3", "1xbet": product names, not obfuscation.
        return None;
    }
    if lead && script == Script::Cyrillic {
        let rest = items.get(1..).unwrap_or_default();
        let is_suffix = NUMBER_SUFFIXES
            .iter()
            .any(|u| u.chars().eq(rest.iter().map(|it| fold_char(it.c))));
        if is_suffix {
            return None;
        }
    }
    digit_as_letter(d, script)
}

// ---------------------------------------------------------------------------
// Stage 2: step 6, Kazakh Latin → Cyrillic
// ---------------------------------------------------------------------------

/// Transliterate the Latin-only words of a Kazakh-Latin message (step 6).
///
/// Char by char, but a stretch of text without a Latin letter (between two Latin words, or
/// before or after one, in a part that maps to the original byte for byte) is copied whole:
/// only the chars of the Latin words and of the words a stretch starts and ends (which may go
/// on into the next part) are read one at a time. Words inside it are not Latin-only and stay
/// as they are, so a long message
/// with a few Latin words costs little more than a copy.
fn transliterate(norm: &NormText, prot: &Protected) -> NormText {
    let mut out = Builder::with_capacity(norm.text.len() + norm.text.len() / 2);
    // A transliterated char is a segment of its own (one byte becomes two): room for a
    // message's worth of them at once.
    out.map.segs.reserve(norm.text.len().min(SEGS_ROOM));
    let mut words = Words::new(prot);
    norm.map.for_each_seg(norm.text.len(), |s| {
        let Some(chunk) = norm.text.get(s.ns..s.ne) else {
            return;
        };
        if !s.is_arith() {
            for c in chunk.chars() {
                words.feed(c, s.os, s.oe, &mut out);
            }
            return;
        }
        let one_by_one = |words: &mut Words, from: usize, to: usize, out: &mut Builder| {
            for (i, c) in chunk.get(from..to).unwrap_or_default().char_indices() {
                let os = s.os + from + i;
                words.feed(c, os, os + c.len_utf8(), out);
            }
        };
        // From `pos` on: a word going on (from the segment before, or cut by a protected
        // range, or over-long) char by char up to its end; an unprotected stretch word by
        // word; a protected one's whole words (a link) as they are.
        let mut pos = 0;
        let mut cut = false;
        loop {
            if cut || !words.word.is_empty() {
                let stop = chunk
                    .get(pos..)
                    .unwrap_or_default()
                    .char_indices()
                    .find(|&(_, c)| !is_alnum(c))
                    .map_or(chunk.len(), |(i, c)| pos + i + c.len_utf8());
                one_by_one(&mut words, pos, stop, &mut out);
                (pos, cut) = (stop, false);
            }
            if pos >= chunk.len() {
                return;
            }
            let free = words.unprotected_until(s.os + pos).saturating_sub(s.os);
            if let Some(stretch) = chunk.get(..free.min(chunk.len())).filter(|f| f.len() > pos) {
                pos = transliterate_stretch(stretch, pos, s.os, &mut out);
                // It stopped at a word that may go on, or protected text starts here.
                cut = pos < stretch.len() || stretch.len() == chunk.len();
                continue;
            }
            // Protected from `pos`, which starts a word: its whole words go over unchanged.
            let whole = words.protected_end(s.os + pos).and_then(|end| {
                let end = end.saturating_sub(s.os).min(chunk.len());
                chunk
                    .get(pos..end)?
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| !is_alnum(c))
                    .map(|(i, c)| pos + i + c.len_utf8())
            });
            match whole.and_then(|w| Some((w, chunk.get(pos..w)?))) {
                Some((w, run)) => {
                    out.push_run(run, s.os + pos);
                    pos = w;
                }
                None => cut = true,
            }
        }
    });
    words.finish(out)
}

/// Step 6 a char at a time: words are gathered and each is transliterated when it ends
/// (or reaches [`MAX_WORD_CHARS`]); other chars pass through.
struct Words<'p> {
    cursor: ProtCursor<'p>,
    word: Vec<Item>,
}

impl<'p> Words<'p> {
    fn new(prot: &'p Protected) -> Words<'p> {
        Words {
            cursor: prot.cursor(),
            word: pooled_word(),
        }
    }

    /// Normalized char `c`, from original `os..oe` (chars come in order).
    fn feed(&mut self, c: char, os: usize, oe: usize, out: &mut Builder) {
        let protected = self.cursor.contains(os);
        if is_alnum(c) {
            if self.word.len() >= MAX_WORD_CHARS {
                transliterate_word(&self.word, out);
                self.word.clear();
            }
            self.word.push(Item {
                c,
                os,
                oe,
                protected,
            });
        } else {
            transliterate_word(&self.word, out);
            self.word.clear();
            out.push(c, os, oe);
        }
    }

    /// The end of the protected range original `from` is in, if it is (`from` is at or
    /// after the last char fed).
    fn protected_end(&mut self, from: usize) -> Option<usize> {
        self.cursor
            .contains(from)
            .then(|| self.cursor.current_end())
    }

    /// Where the protected text next to original `from` on starts (`from` if it is
    /// protected, `usize::MAX` if nothing is; `from` is at or after the last char fed).
    fn unprotected_until(&mut self, from: usize) -> usize {
        if self.cursor.contains(from) {
            from
        } else {
            self.cursor.next_start()
        }
    }

    /// The last word, and the text `out` made (without obfuscations: they are the stage-1
    /// text's, which the caller moves over).
    fn finish(self, mut out: Builder) -> NormText {
        transliterate_word(&self.word, &mut out);
        give_word(self.word);
        let (text, map) = out.finish();
        NormText {
            text,
            obfuscations: Vec::new(),
            narrow: None,
            map,
        }
    }
}

/// [`transliterate`] one char at a time: the reference the tests compare it with (the
/// char-by-char path of [`normalize_impl`]).
fn transliterate_per_char(norm: &NormText, prot: &Protected) -> NormText {
    let mut out = Builder::with_capacity(norm.text.len() + norm.text.len() / 2);
    let mut words = Words::new(prot);
    norm.for_each_char(|c, os, oe| words.feed(c, os, oe, &mut out));
    words.finish(out)
}

/// Step 6 for `chunk[from..]`, a stretch of one arithmetic segment (chunk byte `i` is
/// original byte `os + i`) with nothing protected and no word pending: each word with a
/// Latin letter and no Cyrillic one is transliterated ([`transliterate_whole_word`]), the
/// rest copied. Returns where it stopped: the start of a last word that the chunk's end may
/// cut (it may go on in the next segment), or of a Latin word over [`MAX_WORD_CHARS`]
/// (taken in pieces), which the caller feeds char by char from there; else the chunk's end.
fn transliterate_stretch(chunk: &str, from: usize, os: usize, out: &mut Builder) -> usize {
    let rest = chunk.get(from..).unwrap_or_default();
    // `chunk[copied..]` is not yet in `out`; the current word starts at `word`.
    let mut copied = from;
    let mut word: Option<usize> = None;
    let (mut chars, mut latin, mut cyrillic) = (0usize, false, false);
    let copy_to = |to: usize, out: &mut Builder, copied: &mut usize| {
        if let Some(run) = chunk.get(*copied..to).filter(|r| !r.is_empty()) {
            out.push_run(run, os + *copied);
        }
        *copied = to;
    };
    for (i, c) in rest.char_indices() {
        let i = from + i;
        if is_alnum(c) {
            if word.is_none() {
                word = Some(i);
                (chars, latin, cyrillic) = (0, false, false);
            }
            chars += 1;
            match script_of(c) {
                Script::Latin => latin = true,
                Script::Cyrillic => cyrillic = true,
                Script::Other => {}
            }
            continue;
        }
        let Some(start) = word.take() else {
            continue;
        };
        if !latin {
            continue;
        }
        if chars > MAX_WORD_CHARS {
            copy_to(start, out, &mut copied);
            return start;
        }
        if !cyrillic {
            copy_to(start, out, &mut copied);
            transliterate_whole_word(chunk.get(start..i).unwrap_or_default(), os + start, out);
            copied = i;
        }
    }
    let end = word.unwrap_or(chunk.len());
    copy_to(end, out, &mut copied);
    end
}

/// [`transliterate_word`] for a whole word that stands in the text as it is, from original
/// `os` on, byte for byte, with no char protected.
fn transliterate_whole_word(word: &str, os: usize, out: &mut Builder) {
    let latin_only = word.chars().any(|c| script_of(c) == Script::Latin)
        && !word.chars().any(|c| script_of(c) == Script::Cyrillic);
    if !latin_only {
        out.push_run(word, os);
        return;
    }
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let (cs, ce) = (os + i, os + i + c.len_utf8());
        if let Some(&(j, next)) = chars.peek()
            && let Some(m) = kazakh_latin_digraph(c, next)
        {
            out.push(m, cs, os + j + next.len_utf8());
            chars.next();
            continue;
        }
        match kazakh_latin_letter(c) {
            Some((a, b)) => {
                out.push(a, cs, ce);
                if let Some(b) = b {
                    out.push(b, cs, ce);
                }
            }
            None => out.push(c, cs, ce),
        }
    }
}

fn transliterate_word(word: &[Item], out: &mut Builder) {
    let latin_only = word.iter().any(|it| script_of(it.c) == Script::Latin)
        && !word.iter().any(|it| script_of(it.c) == Script::Cyrillic);
    if !latin_only {
        for &it in word {
            out.push_item(it);
        }
        return;
    }
    let mut k = 0;
    while let Some(&it) = word.get(k) {
        k += 1;
        if it.protected {
            out.push_item(it);
            continue;
        }
        if let Some(&next) = word.get(k)
            && !next.protected
            && next.os.saturating_sub(it.oe) <= MAX_DIGRAPH_GAP
            && let Some(m) = kazakh_latin_digraph(it.c, next.c)
        {
            out.push(m, it.os, next.oe);
            k += 1;
            continue;
        }
        match kazakh_latin_letter(it.c) {
            Some((a, b)) => {
                out.push(a, it.os, it.oe);
                if let Some(b) = b {
                    out.push(b, it.os, it.oe);
                }
            }
            None => out.push_item(it),
        }
    }
}

#[cfg(test)]
mod pair_tests {
    use super::*;

    #[test]
    fn cyrillic_pairs_agree_with_chars() {
        for u in 0x0080u32..=0x07FF {
            let Some(c) = char::from_u32(u) else { continue };
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(
                is_plain_cyrillic_pair(b[0], b[1]),
                is_plain_cyrillic_letter(c),
                "{u:X}"
            );
        }
    }

    /// The two-byte Latin letters the simple runs take are what the char-by-char path
    /// leaves as they are but for lowercasing: NFKC-stable Latin letters, no Greek look-alike,
    /// lowercased to one char of the same length, which is one too.
    #[test]
    fn latin_pairs_are_plain_latin_letters() {
        let mut taken = 0;
        for u in 0x0080u32..=0x07FF {
            let Some(c) = char::from_u32(u) else { continue };
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let pair = is_latin_letter_pair(b[0], b[1]);
            let letter = is_plain_latin(c) && c.is_alphabetic();
            assert_eq!(pair, letter, "{u:X}");
            if !pair {
                continue;
            }
            taken += 1;
            let l = lower_latin(c);
            assert_eq!(c.to_lowercase().collect::<Vec<_>>(), [l], "{u:X}");
            assert_eq!(l.len_utf8(), 2, "{u:X}");
            let mut lb = [0u8; 4];
            let lb = l.encode_utf8(&mut lb).as_bytes();
            assert!(is_latin_letter_pair(lb[0], lb[1]), "{u:X}");
            assert!(is_nfkc_stable(c) && is_nfkc_stable(l), "{u:X}");
            assert_eq!(script_of(c), Script::Latin, "{u:X}");
            assert!(is_alnum(c) && !is_mark(c) && !is_invisible(c), "{u:X}");
            assert_eq!(greek_to_latin(c), None, "{u:X}");
        }
        // ä ö ü ñ ş ğ ı ū … and their capitals, and the rest of Latin-1 and Extended-A.
        assert!(taken > 180, "{taken}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn norm(s: &str) -> NormText {
        normalize(s, &[])
    }

    /// The original substring behind the first occurrence of `needle` in the normalized text.
    fn back<'a>(orig: &'a str, n: &NormText, needle: &str) -> &'a str {
        let Some(pos) = n.text.find(needle) else {
            panic!("{needle:?} not in {:?}", n.text);
        };
        let r = n.to_original(pos..pos + needle.len());
        &orig[r]
    }

    fn kinds(n: &NormText) -> Vec<ObfuscationKind> {
        n.obfuscations.iter().map(|o| o.kind).collect()
    }

    fn spans<'a>(orig: &'a str, n: &NormText, kind: ObfuscationKind) -> Vec<&'a str> {
        n.obfuscations
            .iter()
            .filter(|o| o.kind == kind)
            .map(|o| &orig[o.span.clone()])
            .collect()
    }

    /// Checks every invariant of the map and the records.
    fn check_invariants(orig: &str, n: &NormText, extra: &[(usize, usize)]) {
        if let Some(narrow) = &n.narrow {
            assert_eq!(
                narrow,
                &crate::rules::narrow::text(&n.text),
                "narrow form of {orig:?}"
            );
        }
        let valid = |r: &Range<usize>| {
            r.start <= r.end
                && r.end <= orig.len()
                && orig.is_char_boundary(r.start)
                && orig.is_char_boundary(r.end)
        };
        let mut prev = 0;
        for (i, c) in n.text.char_indices() {
            let r = n.to_original(i..i + c.len_utf8());
            assert!(valid(&r), "char {c:?} at {i} -> {r:?} in {orig:?}");
            assert!(r.start < r.end, "char {c:?} at {i} maps to nothing");
            assert!(r.start >= prev, "map not monotone at {i}");
            prev = r.start;
        }
        for &(a, b) in extra {
            let r = n.to_original(a..b);
            assert!(valid(&r), "{a}..{b} -> {r:?}");
            let r = n.to_original(b..a);
            assert!(valid(&r), "{b}..{a} -> {r:?}");
        }
        for o in &n.obfuscations {
            assert!(valid(&o.span) && o.span.start < o.span.end, "{o:?}");
        }
        let mut count = 0;
        n.for_each_char(|_, os, oe| {
            count += 1;
            assert!(valid(&(os..oe)));
        });
        assert_eq!(count, n.text.chars().count());
    }

    // --- step 1 -----------------------------------------------------------

    #[test]
    fn lower_latin_matches_std() {
        for u in 0x80..=0x017F_u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if !is_plain_latin(c) {
                continue;
            }
            let std: Vec<char> = c.to_lowercase().collect();
            assert_eq!(std, [lower_latin(c)], "{c:?} U+{u:04X}");
            assert_eq!(
                is_nfkc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
        }
    }

    #[test]
    fn nfkc_table_agrees_with_the_quick_check() {
        for c in (0..=0xFFFF_u32).filter_map(char::from_u32) {
            assert_eq!(
                is_nfkc_stable(c),
                is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn fast_letter_and_alphanumeric_tests_agree_with_std() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{:04X}", c as u32);
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn lower_cyrillic_matches_std() {
        for u in 0x0400..=0x04FF_u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if !is_plain_cyrillic_letter(c) {
                continue;
            }
            let std: Vec<char> = c.to_lowercase().collect();
            assert_eq!(std, [lower_cyrillic(c)], "{c:?} U+{u:04X}");
            assert!(is_plain_cyrillic_letter(lower_cyrillic(c)));
            assert!(c.is_alphabetic());
            assert_eq!(
                is_nfkc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
        }
    }

    #[test]
    fn step1_nfkc_lowercase_clusters() {
        let s = "Е\u{0308}лка И\u{0306}ӘК ＫＯＤ";
        let n = norm(s);
        assert_eq!(n.text, "елка иак kod");
        assert_eq!(back(s, &n, "елка"), "Е\u{0308}лка");
        assert_eq!(back(s, &n, "и"), "И\u{0306}");
        assert_eq!(back(s, &n, "kod"), "ＫＯＤ");
        assert!(n.obfuscations.is_empty());
    }

    #[test]
    fn step1_expansion_maps_each_char_to_source() {
        let s = "ﬁle";
        let n = norm(s);
        assert_eq!(n.text, "file");
        assert_eq!(n.to_original(0..1), 0..3);
        assert_eq!(n.to_original(1..2), 0..3);
        assert_eq!(back(s, &n, "file"), "ﬁle");
        assert_eq!(back(s, &n, "le"), "le");
    }

    #[test]
    fn step1_leftover_marks_dropped() {
        let s = "Зво\u{0301}нок ко\u{0336}д İstanbul";
        let n = norm(s);
        assert_eq!(n.text, "звонок код istanbul");
        assert_eq!(back(s, &n, "звонок"), "Зво\u{0301}нок");
        assert_eq!(back(s, &n, "о"), "о\u{0301}");
    }

    #[test]
    fn step1_zalgo_clusters_are_capped() {
        let s = format!("a{}b", "\u{0336}".repeat(500));
        let n = norm(&s);
        assert_eq!(n.text, "ab");
        assert_eq!(&s[n.to_original(0..2)], s);
        check_invariants(&s, &n, &[]);
    }

    // --- step 2 -----------------------------------------------------------

    #[test]
    fn step2_invisible_inside_word() {
        let s = "Ваш ко\u{200B}д";
        let n = norm(s);
        assert_eq!(n.text, "ваш код");
        assert_eq!(back(s, &n, "код"), "ко\u{200B}д");
        assert_eq!(
            spans(s, &n, ObfuscationKind::InvisibleChar),
            ["ко\u{200B}д"]
        );

        let s = "ци\u{00AD}фры";
        let n = norm(s);
        assert_eq!(n.text, "цифры");
        assert_eq!(back(s, &n, "цифры"), s);
        assert_eq!(kinds(&n), [ObfuscationKind::InvisibleChar]);

        let s = "ко\u{200E}\u{2066}д";
        let n = norm(s);
        assert_eq!(n.text, "код");
        assert_eq!(kinds(&n), [ObfuscationKind::InvisibleChar]);
    }

    #[test]
    fn step2_invisible_outside_word_not_recorded() {
        for s in [
            "\u{FEFF}код",
            "код\u{200B}",
            "код \u{200D}вам",
            "1\u{200B}2",
        ] {
            let n = norm(s);
            assert!(n.obfuscations.is_empty(), "{s:?}: {:?}", n.obfuscations);
            assert!(!n.text.contains('\u{200B}'));
        }
        let s = "\u{FEFF}код";
        let n = norm(s);
        assert_eq!(n.text, "код");
        assert_eq!(back(s, &n, "код"), "код");
    }

    #[test]
    fn step2_unicode_spaces() {
        let s = "aa\u{00A0}bb\u{202F}cc\u{2007}dd\u{3000}ee\u{1680}ff";
        let n = norm(s);
        assert_eq!(n.text, "aa bb cc dd ee ff");
        assert_eq!(back(s, &n, "bb cc"), "bb\u{202F}cc");
    }

    // --- step 3 -----------------------------------------------------------

    #[test]
    fn step3_mixed_script_cyrillic_majority() {
        let s = "Введите кoд"; // Latin o
        let n = norm(s);
        assert_eq!(n.text, "введите код");
        assert_eq!(back(s, &n, "код"), "кoд");
        assert_eq!(spans(s, &n, ObfuscationKind::MixedScript), ["кoд"]);
    }

    #[test]
    fn step3_mixed_script_latin_majority() {
        let s = "Your Kаspi card"; // Cyrillic а
        let n = norm(s);
        assert_eq!(n.text, "your kaspi card");
        assert_eq!(back(s, &n, "kaspi"), "Kаspi");
        assert_eq!(spans(s, &n, ObfuscationKind::MixedScript), ["Kаspi"]);
    }

    #[test]
    fn step3_greek_look_alikes() {
        let s = "Ниκακих оплαт, пишите в ЛС"; // Greek κ α
        let n = norm(s);
        assert_eq!(n.text, "никаких оплат, пишите в лс");
        assert_eq!(back(s, &n, "оплат"), "оплαт");
        assert_eq!(
            spans(s, &n, ObfuscationKind::MixedScript),
            ["Ниκακих", "оплαт"]
        );
        // Greek inside a Latin word is a disguise too; a Greek word alone is left as it is.
        let s = "login at pαypal";
        assert_eq!(spans(s, &norm(s), ObfuscationKind::MixedScript), ["pαypal"]);
        assert!(spans("καλημέρα", &norm("καλημέρα"), ObfuscationKind::MixedScript).is_empty());
    }

    #[test]
    fn step3_latin_u_n_r_in_cyrillic_words() {
        let s = "Прuвeт, нyжeн чeлoвeк, пoдрoбнocтu в лuчкy";
        let n = norm(s);
        assert_eq!(n.text, "привет, нужен человек, подробности в личку");
    }

    #[test]
    fn step3_latin_majority_with_cyrillic_only_letters_is_cyrillic() {
        let s = "удалённый зapaбoтoк"; // з, б, т, к Cyrillic; a, p, a, o, o Latin
        let n = norm(s);
        assert_eq!(n.text, "удаленныи заработок");
        assert_eq!(spans(s, &n, ObfuscationKind::MixedScript), ["зapaбoтoк"]);
    }

    #[test]
    fn step3_whole_word_in_look_alike_latin() {
        let s = "Назовите HOMEP карты и CPOK действия";
        let n = norm(s);
        assert_eq!(n.text, "назовите номер карты и срок деиствия");
        assert_eq!(
            spans(s, &n, ObfuscationKind::MixedScript),
            ["HOMEP", "CPOK"]
        );
        // Short words, words with other Latin letters and Latin-first text stay Latin.
        assert_eq!(norm("Скачай APK с сайта").text, "скачаи apk с саита");
        assert_eq!(norm("Оплата через Kaspi").text, "оплата через kaspi");
        assert_eq!(norm("HOMEP is a word").text, "homep is a word");
    }

    #[test]
    fn kazakh_latin_2018_acute_letters() {
        let s = "Týysyńyz bálege ushyrady, aqsha jiberińiz";
        let n = norm(s);
        assert_eq!(n.text, "туысыныз балеге ушырады, акша жибериниз");
        assert_eq!(back(s, &n, "балеге"), "bálege");
    }

    #[test]
    fn step3_tie_goes_to_cyrillic() {
        let s = "кoдe"; // к, д Cyrillic; o, e Latin
        let n = norm(s);
        assert_eq!(n.text, "коде");
        assert_eq!(kinds(&n), [ObfuscationKind::MixedScript]);
    }

    #[test]
    fn step3_kazakh_latin_i_is_silent() {
        let s = "Бәрiңiзге киiнiңдер";
        let n = norm(s);
        assert_eq!(n.text, "баринизге киининдер");
        assert!(n.obfuscations.is_empty(), "{:?}", n.obfuscations);
        assert_eq!(back(s, &n, "баринизге"), "Бәрiңiзге");
    }

    #[test]
    fn step3_kazakh_letters_are_not_foreign() {
        let s = "Құпия сөзіңізді ешкімге айтпаңыз";
        let n = norm(s);
        assert_eq!(n.text, "купия созинизди ешкимге аитпаныз");
        assert!(n.obfuscations.is_empty());
    }

    #[test]
    fn step3_english_kaspi_untouched() {
        let s = "Your Kaspi order has been shipped";
        let n = norm(s);
        assert_eq!(n.text, "your kaspi order has been shipped");
        assert!(n.obfuscations.is_empty());
        assert_eq!(back(s, &n, "kaspi"), "Kaspi");
    }

    #[test]
    fn step3_digit_for_letter() {
        let cases = [
            ("Назовите к0д!", "назовите код!", "код", "к0д"),
            ("3вонок", "звонок", "звонок", "3вонок"),
            ("к0ды", "коды", "коды", "к0ды"),
            ("c0de", "code", "code", "c0de"),
            ("6анк", "банк", "банк", "6анк"),
            ("с4ет", "счет", "счет", "с4ет"),
            ("hell0 w0rld", "hello world", "world", "w0rld"),
            ("п0р0ль", "пороль", "пороль", "п0р0ль"),
        ];
        for (s, text, needle, orig) in cases {
            let n = norm(s);
            assert_eq!(n.text, text, "{s:?}");
            assert_eq!(back(s, &n, needle), orig, "{s:?}");
            assert!(
                kinds(&n).contains(&ObfuscationKind::DigitForLetter),
                "{s:?}"
            );
        }
        let s = "Назовите к0д!";
        assert_eq!(spans(s, &norm(s), ObfuscationKind::DigitForLetter), ["к0д"]);
    }

    #[test]
    fn step3_digits_left_alone() {
        for s in [
            "1с", "1С", "30гб", "12:30", "4-де", "9-da", "4g", "5522", "kz00", "mp3", "2021ж",
            "3мес", "6ти", "4шт", "3гб", "web3", "1xbet", "ps4", "covid19",
        ] {
            let n = norm(s);
            assert_eq!(n.text, s.to_lowercase(), "{s:?}");
            assert!(n.obfuscations.is_empty(), "{s:?}: {:?}", n.obfuscations);
        }
    }

    // --- step 4 -----------------------------------------------------------

    #[test]
    fn step4_letter_fold() {
        let s = "ӘҒҚҢӨҰҮҺІЁЙ әғқңөұүһіёй";
        let n = norm(s);
        assert_eq!(n.text, "агкноуухиеи агкноуухиеи");
        assert_eq!(back(s, &n, "агкноуухиеи"), "ӘҒҚҢӨҰҮҺІЁЙ");
        assert!(n.obfuscations.is_empty());
    }

    #[test]
    fn fold_pattern_folds_letters_only() {
        let p = r"(?i)\bқұпия\s+сөз\w*\p{L}\D\S[ЁЙІ]ё?й+ \d{3}";
        assert_eq!(
            fold_pattern(p),
            r"(?i)\bкупия\s+соз\w*\p{L}\D\S[ЕИИ]е?и+ \d{3}"
        );
        assert_eq!(fold_pattern("ӘҒҚҢӨҰҮҺ"), "АГКНОУУХ");
        assert_eq!(fold_pattern(""), "");
        // Pattern fold agrees with text normalization.
        assert_eq!(fold_pattern("құпиясөзіңізді"), norm("Құпиясөзіңізді").text);
    }

    // --- step 5 -----------------------------------------------------------

    #[test]
    fn step5_spaced_letters_joined() {
        let cases = [
            (
                "Скажите к о д пожалуйста",
                "скажите код пожалуиста",
                "к о д",
            ),
            ("Скажите К.О.Д.", "скажите код.", "К.О.Д"),
            ("К-О-Д", "код", "К-О-Д"),
            ("к_о_д", "код", "к_о_д"),
            ("к*о*д", "код", "к*о*д"),
            ("send c o d e now", "send code now", "c o d e"),
        ];
        for (s, text, orig) in cases {
            let n = norm(s);
            assert_eq!(n.text, text, "{s:?}");
            let needle = if text.contains("code") {
                "code"
            } else {
                "код"
            };
            assert_eq!(back(s, &n, needle), orig, "{s:?}");
            assert_eq!(
                spans(s, &n, ObfuscationKind::SpacedLetters),
                [orig],
                "{s:?}"
            );
        }
    }

    #[test]
    fn step5_ordinary_text_not_joined() {
        for s in [
            "а я у вас спрошу",
            "к о",
            "к о d",
            "к  о  д",
            "т.е. в",
            "и т.д.",
            "к о.д",
            "a i a",
            "2 к о",
        ] {
            let n = norm(s);
            assert_eq!(n.text, s.to_lowercase(), "{s:?}");
            assert!(n.obfuscations.is_empty(), "{s:?}: {:?}", n.obfuscations);
        }
    }

    #[test]
    fn step5_separator_switch_starts_new_run() {
        let s = "и к.о.д";
        let n = norm(s);
        assert_eq!(n.text, "и код");
        assert_eq!(spans(s, &n, ObfuscationKind::SpacedLetters), ["к.о.д"]);
    }

    // --- step 6 -----------------------------------------------------------

    #[test]
    fn step6_kazakh_latin_transliterated() {
        let s = "Sızdıñ esepşotyñyzğa kıru şekteldı";
        let n = norm(s);
        // The brief's "есепшотыныза" drops the ğ→г; this is the folded Cyrillic.
        assert_eq!(n.text, "сиздин есепшотынызга киру шектелди");
        assert_eq!(n.text, fold_pattern("сіздің есепшотыңызға кіру шектелді"));
        assert_eq!(back(s, &n, "шектелди"), "şekteldı");
        assert!(n.obfuscations.is_empty());
    }

    #[test]
    fn step6_examples() {
        let s = "Sälem! Qyzym, qūpiiasözıñızdı jıberıñız. Baiqauyna nömırı kerek";
        let n = norm(s);
        assert_eq!(
            n.text,
            "салем! кызым, купиясозинизди жибериниз. баикауына номири керек"
        );
        assert_eq!(
            n.text,
            fold_pattern("сәлем! қызым, құпиясөзіңізді жіберіңіз. байқауына нөмірі керек")
        );
        assert_eq!(back(s, &n, "кызым"), "Qyzym");
        assert_eq!(back(s, &n, "купиясозинизди"), "qūpiiasözıñızdı");
        assert_eq!(back(s, &n, "я"), "ia");
    }

    #[test]
    fn step6_ascii_kazakh_markers_and_digraphs() {
        let s = "Salem, kodty zhiberiniz, rakhmet";
        let n = norm(s);
        assert_eq!(n.text, "салем, кодты жибериниз, рахмет");
        assert_eq!(back(s, &n, "ж"), "zh");
        let s = "x shop";
        let n = normalize(&format!("{s} sälem qazir"), &[]);
        assert_eq!(n.text, "кс шоп салем казир");
        assert_eq!(n.to_original(0..2), 0..1);
        assert_eq!(n.to_original(2..4), 0..1);
    }

    #[test]
    fn step6_english_stays_latin() {
        for s in [
            "Your Kaspi order has been shipped",
            "Men at work, quick question",
            "Call me at 8 700 123 45 67",
        ] {
            let n = norm(s);
            assert_eq!(n.text, s.to_lowercase(), "{s:?}");
        }
    }

    #[test]
    fn step6_protected_not_transliterated() {
        let s = "Sälem! Kiriñiz: https://qazir.kz/shop";
        let start = s.find("https").unwrap_or_default();
        let url = start..s.len();
        let n = normalize(s, std::slice::from_ref(&url));
        assert_eq!(n.text, "салем! кириниз: https://qazir.kz/shop");
        assert_eq!(back(s, &n, "https://qazir.kz/shop"), &s[start..]);
    }

    // --- protected ranges in stage 1, whitespace, to_original edges ---------

    #[test]
    fn protected_only_lowercased() {
        let s = "См. HTTPS://Kаsрi.kz/К0Д-ｘ\u{200B}y, к о д";
        let start = s.find("HTTPS").unwrap_or_default();
        let end = s.find(", к").unwrap_or_default();
        let url = start..end;
        let n = normalize(s, std::slice::from_ref(&url));
        assert_eq!(n.text, "см. https://kаsрi.kz/к0д-ｘy, код");
        // The zero-width space inside the URL is still reported.
        assert_eq!(
            kinds(&n),
            [
                ObfuscationKind::InvisibleChar,
                ObfuscationKind::SpacedLetters
            ]
        );
        check_invariants(s, &n, &[]);
        // Bogus protected ranges are clamped, not trusted.
        let n = normalize(s, &[Range { start: 5, end: 3 }, 1..2, 0..10_000]);
        check_invariants(s, &n, &[]);
    }

    #[test]
    fn whitespace_kept() {
        let s = "a  \n\n\tb\r\n";
        let n = norm(s);
        assert_eq!(n.text, s);
        assert_eq!(n.to_original(0..n.text.len()), 0..s.len());
    }

    #[test]
    fn to_original_edge_cases() {
        let s = "Ваш ко\u{200B}д\u{200B}";
        let n = norm(s);
        assert_eq!(n.text, "ваш код");
        let len = n.text.len();
        // Out of bounds and reversed ranges.
        assert_eq!(n.to_original(0..10_000), 0..s.len() - 3);
        assert_eq!(n.to_original(10_000..20_000), s.len() - 3..s.len() - 3);
        assert_eq!(n.to_original(Range { start: 5, end: 2 }), 4..4);
        // Not on char boundaries: widened to whole chars.
        assert_eq!(&s[n.to_original(1..2)], "В");
        assert_eq!(&s[n.to_original(1..3)], "Ва");
        // Empty ranges.
        assert_eq!(n.to_original(0..0), 0..0);
        assert_eq!(n.to_original(len..len), s.len() - 3..s.len() - 3);
        let empty = norm("");
        assert_eq!(empty.to_original(0..5), 0..0);
        let invisible = norm("\u{200B}\u{200B}");
        assert_eq!(invisible.text, "");
        assert_eq!(invisible.to_original(0..1), 0..0);
    }

    #[test]
    fn chunked_map_is_exact() {
        // Longer than the test CHUNK_LIMIT, with all kinds of segments.
        let piece = "Ваш к0д: ко\u{200B}д, К.О.Д, Kаspi ﬁle Е\u{0308} ";
        let s = piece.repeat(200);
        let n = norm(&s);
        assert!(n.map.chunks.len() > 1);
        check_invariants(&s, &n, &[(3, 900), (1000, 5000), (4099, 4101)]);
        let one = norm(piece);
        assert_eq!(n.text, one.text.repeat(200));
        assert_eq!(n.obfuscations.len(), one.obfuscations.len() * 200);
        let mut at = 0;
        let mut ot = 0;
        for _ in 0..200 {
            for (i, c) in one.text.char_indices() {
                let r = one.to_original(i..i + c.len_utf8());
                let big = n.to_original(at + i..at + i + c.len_utf8());
                assert_eq!(big, r.start + ot..r.end + ot);
            }
            at += one.text.len();
            ot += piece.len();
        }
    }

    #[test]
    fn plain_text_map_is_compact() {
        let s = "Добрый день! Ваш заказ доставлен. Hello world. ".repeat(100);
        let n = norm(&s);
        assert!(n.map.segs.len() < 50, "{} segs", n.map.segs.len());
        check_invariants(&s, &n, &[]);
    }

    /// One megabyte of adversarial inputs. Not timed: each step is a single
    /// pass over chars with per-word (or per-cluster, capped) buffers that
    /// are emitted once, the spaced-letter buffer is flushed once, and map
    /// lookups are binary searches, so the work is O(n) (O(n log n) for the
    /// checks here).
    #[test]
    fn megabyte_inputs_are_linear() {
        let inputs = [
            "к ".repeat(500_000),
            "к.".repeat(500_000),
            "ко\u{200B}".repeat(300_000),
            "a\u{0301}\u{0302}".repeat(200_000),
            "1".repeat(1_000_000),
            "ж".repeat(500_000),
            format!("sälem qazir {}", "qazir ".repeat(150_000)),
            "\u{200B}".repeat(300_000),
        ];
        for s in &inputs {
            let n = norm(s);
            assert!(!n.text.is_empty() || s.starts_with('\u{200B}'));
            let r = n.to_original(0..n.text.len());
            assert!(r.end <= s.len());
            for p in (0..n.text.len()).step_by(9973) {
                let r = n.to_original(p..p + 3);
                assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            }
        }
    }

    #[test]
    fn overlong_words_and_runs_are_cut_safely() {
        // A long word is processed in pieces; its last piece is never taken
        // for a spaced-out letter.
        let s = format!("{}ñ к о д", "ж".repeat(MAX_WORD_CHARS));
        let n = norm(&s);
        assert_eq!(n.text, format!("{}ñ код", "ж".repeat(MAX_WORD_CHARS)));
        check_invariants(&s, &n, &[]);
        check_fast_path(&s, &[]);
        // A spaced-out run is cut into pieces of at most MAX_WORD_CHARS letters.
        let s = format!(
            "{} {}",
            "x".repeat(3 * MAX_WORD_CHARS),
            "k".repeat(MAX_WORD_CHARS + 3)
        );
        check_fast_path(&s, &[]);
        assert_eq!(norm(&s).text, s);
        let s = "к.".repeat(MAX_WORD_CHARS + 10);
        let n = norm(&s);
        assert_eq!(
            n.text.chars().filter(|&c| c == 'к').count(),
            MAX_WORD_CHARS + 10
        );
        assert_eq!(kinds(&n), [ObfuscationKind::SpacedLetters; 2]);
        check_invariants(&s, &n, &[]);
    }

    // --- property tests ---------------------------------------------------

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "к",
            "о",
            "д",
            "К",
            "а",
            "я",
            "у",
            "ә",
            "ғ",
            "қ",
            "ң",
            "ө",
            "ұ",
            "ү",
            "һ",
            "і",
            "Ё",
            "й",
            "a",
            "o",
            "c",
            "e",
            "i",
            "I",
            "q",
            "ñ",
            "ş",
            "ı",
            "İ",
            "ü",
            "Ş",
            "Ñ",
            "Ü",
            "é",
            "Ÿ",
            "×",
            "ŉ",
            "x",
            "sh",
            "ia",
            "0",
            "3",
            "1",
            "5",
            "12",
            " ",
            "  ",
            ".",
            "-",
            "_",
            "*",
            "\n",
            "\u{200B}",
            "\u{00AD}",
            "\u{202E}",
            "\u{0301}",
            "\u{0308}",
            "\u{0306}",
            "\u{FE0F}",
            "ﬁ",
            "ＫＯ",
            "\u{00A0}",
            "😀",
            "ß",
            "ǅ",
            "㎏",
            "https://x.kz",
            "sälem",
            "qazir",
        ])
    }

    fn mixed_string(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..max).prop_map(|v| v.concat())
    }

    fn ranges(len: usize, raw: &[(usize, usize)]) -> Vec<Range<usize>> {
        raw.iter()
            .map(|&(a, b)| a % (len + 2)..b % (len + 2))
            .collect()
    }

    #[test]
    fn the_fold_table_is_the_full_fold_of_every_plain_letter() {
        // The fast paths take the table's char; a letter whose fold changed its length
        // would be kept unfolded there, and differ from the full path.
        for u in 0x0400u32..=0x04FF {
            let c = char::from_u32(u).unwrap();
            if is_plain_cyrillic_letter(c) {
                let [b0, b1] = [(0xC0 | (u >> 6)) as u8, (0x80 | (u & 0x3F)) as u8];
                assert_eq!(
                    fold_pair(&CYRILLIC_FOLD, b0, b1),
                    fold_char(lower_cyrillic(c))
                );
            }
        }
    }

    #[test]
    fn plain_messages_take_the_whole_message_path() {
        let n = plain_message("Привет, МАМА! Сағат 12:30-да").expect("plain");
        assert_eq!(n.text, "привет, мама! сагат 12:30-да");
        assert_eq!(n.to_original(0..12), 0..12);
        for s in [
            "к о д",
            "к.о.д",
            "к0д",
            "ко\u{200B}д",
            "«код»",
            // Latin words that step 3a or 6 would change: mixed, look-alike, Kazakh-Latin.
            "кодa",
            "Ваш HOMEP",
            "Sälem",
            "salem",
            "aqşa",
            "qazir bar",
        ] {
            assert!(plain_message(s).is_none(), "{s:?}");
        }
        // Latin words left as they are: a brand, English, a look-alike word in Latin text.
        let n = plain_message("Halyk Bank: Ваш код").expect("plain");
        assert_eq!(n.text, "halyk bank: ваш код");
        assert_eq!(n.narrow.as_deref().map(|b| b[0]), Some(b'h'));
        for s in ["a", "Kaspi", "HOMEP", "Hi Mum, new number!", "Сіз OK"] {
            assert!(plain_message(s).is_some(), "{s:?}");
        }
        assert!(plain_message("я в шоке").is_none());
        assert!(plain_message("я  в").is_some());
        // The fast path makes the narrow form too: ASCII as it is, а..я from 0x80.
        let n = normalize("Ёж, 12 ӘЖЕ!", &[]);
        assert_eq!(n.text, "еж, 12 аже!");
        assert_eq!(
            n.narrow.as_deref(),
            Some(&crate::rules::narrow::text(&n.text)[..])
        );
        assert_eq!(n.narrow.as_deref().map(|b| b[0]), Some(0x85));
    }

    /// The fast path and the char-by-char path agree on text, records and mapping.
    fn check_fast_path(s: &str, prot: &[Range<usize>]) {
        let fast = normalize_impl(s, prot, true);
        let slow = normalize_impl(s, prot, false);
        assert_eq!(fast.text, slow.text, "{s:?}");
        assert_eq!(fast.obfuscations, slow.obfuscations, "{s:?}");
        for (i, c) in fast.text.char_indices() {
            let r = i..i + c.len_utf8();
            assert_eq!(fast.to_original(r.clone()), slow.to_original(r), "{s:?}");
        }
    }

    fn run_all(s: &str, raw_prot: &[(usize, usize)], raw: &[(usize, usize)]) {
        let prot = ranges(s.len(), raw_prot);
        check_fast_path(s, &prot);
        let n = normalize(s, &prot);
        let extra: Vec<(usize, usize)> = raw
            .iter()
            .map(|&(a, b)| (a % (n.text.len() + 3), b % (n.text.len() + 3)))
            .collect();
        check_invariants(s, &n, &extra);
        assert_eq!(n, normalize(s, &prot));
        let unprot = normalize(s, &[]);
        check_invariants(s, &unprot, &extra);
    }

    /// Kazakh written in Latin letters (enough of it that step 6 runs) mixed with Cyrillic
    /// words, digits, links and long words, for the whole-stretch copy of [`transliterate`].
    fn kazakh_latin_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("sälem".to_string()),
            Just("şyğyñ".to_string()),
            Just("qazaqstan".to_string()),
            Just("aqşa".to_string()),
            Just("jıberıñız".to_string()),
            Just("kaspi".to_string()),
            Just("код".to_string()),
            Just("ақша".to_string()),
            Just("12".to_string()),
            Just("kod123".to_string()),
            Just("ş".repeat(MAX_WORD_CHARS + 3)),
            Just("ы".repeat(MAX_WORD_CHARS - 1)),
            Just("https://sälem.kz".to_string()),
            "[ .,!\n]{1,3}",
            "[a-zäöüşğñı]{1,6}",
            "[A-Za-zÄÖÜŞĞÑäöüşğñıé×]{1,6}",
            "[а-яәғқңөұүһі]{1,6}",
        ];
        prop::collection::vec(piece, 1..30)
            .prop_map(|v| format!("Sälem! Aqşa jıber. {}", v.concat()))
    }

    /// Kazakh-Latin messages as they come (capitals, a link written out, a word glued to the
    /// link), their links protected: the word-at-once paths agree with the char-by-char one.
    #[test]
    fn kazakh_latin_messages_with_links_agree_with_char_by_char() {
        for s in [
            "Kaspi: Sızdıñ esepşotyñyzğa kıru şekteldı. Qaita aşu üşın: https://kaspi-kz.login-check.top/Kıru?id=5",
            "SÄLEM! AQŞA JIBERIÑIZ, https://bit.ly/ŞQ-ö sıltemesı arqyly. Şügıl!",
            "Ñ ş Ş ğ: saytqa https://egov.kz.sälem.top kırıñız",
            "Qurmettı klient, sızge ÜTYS tüstı: https://halyk-bonus.top/x.apk-ty jüktep alyñyz",
        ] {
            check_fast_path(s, &[]);
            let at = s.find("https://").expect("each has a link");
            let end = s[at..].find(' ').map_or(s.len(), |e| at + e);
            let link = [Range { start: at, end }];
            check_fast_path(s, &link);
            // A protected range that takes in the text before the link.
            let wider = [Range { start: at - 2, end }];
            check_fast_path(s, &wider);
            let n = normalize(s, &link);
            check_invariants(s, &n, &[]);
        }
    }

    proptest! {
        #[test]
        fn prop_kazakh_latin_copied_by_stretch_as_char_by_char(
            s in kazakh_latin_text(),
            prot in prop::collection::vec((any::<usize>(), any::<usize>()), 0..3),
        ) {
            let prot = ranges(s.len(), &prot);
            check_fast_path(&s, &prot);
        }
    }

    proptest! {
        #[test]
        fn prop_any_string(
            s in any::<String>(),
            prot in prop::collection::vec((any::<usize>(), any::<usize>()), 0..3),
            raw in prop::collection::vec((any::<usize>(), any::<usize>()), 0..8),
        ) {
            run_all(&s, &prot, &raw);
        }

        #[test]
        fn prop_mixed_string(
            s in mixed_string(80),
            prot in prop::collection::vec((any::<usize>(), any::<usize>()), 0..3),
            raw in prop::collection::vec((any::<usize>(), any::<usize>()), 0..8),
        ) {
            run_all(&s, &prot, &raw);
        }

        /// Texts the whole-message fast path takes (and near misses): Cyrillic words, Latin
        /// ones (look-alike letters, Kazakh-Latin markers), one-letter words, digits,
        /// separators.
        #[test]
        fn prop_plain_cyrillic(
            s in "([аеокдАЕКДәҚіЁйя]{1,3}|[0-9]{1,2}|[ .,\\-!:\n]{1,2}|[aceopxHOMEPqu]{1,5}|men|Salem|jiberu|Bank){0,40}"
        ) {
            check_fast_path(&s, &[]);
            let n = normalize(&s, &[]);
            check_invariants(&s, &n, &[]);
        }

        #[test]
        fn prop_fold_pattern(p in any::<String>()) {
            let f = fold_pattern(&p);
            prop_assert_eq!(f.chars().count(), p.chars().count());
            prop_assert_eq!(fold_pattern(&f), f.clone());
            let q: String = p.chars().filter(char::is_ascii).collect();
            prop_assert_eq!(fold_pattern(&q), q);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        #[test]
        fn prop_long_string(
            s in mixed_string(20_000),
            prot in prop::collection::vec((any::<usize>(), any::<usize>()), 0..4),
            raw in prop::collection::vec((any::<usize>(), any::<usize>()), 0..32),
        ) {
            run_all(&s, &prot, &raw);
        }
    }
}

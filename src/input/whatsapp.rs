//! WhatsApp "Export chat" reader: the `.txt` transcript (Android and iPhone layouts, every
//! date order and clock) and the `.zip` WhatsApp shares with it, turned into a
//! [`Conversation`].
//!
//! Owns header matching, the per-file header profile and date order, telling person messages
//! from app-generated system lines and media placeholders, and picking the transcript out of
//! a zip (with zip-bomb limits). It never calls the engine and never writes anything: it only
//! reads the text or bytes it is given. Layout notes: `FORMATS.md` §1 in the shared research.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{Cursor, Read};
use std::path::Path;

use crate::conversation::{
    Container, Conversation, ConversationStream, MediaKind, ReadNote, Timestamp,
};
use crate::error::{Error, FormatProblem};
use crate::input::ReadControl;

mod records;

/// Zip-bomb limit: at most this many archive entries are looked at.
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// Zip-bomb limit: at most this many bytes of the chat text are decompressed.
pub const MAX_ZIP_TEXT_BYTES: u64 = 512 * 1024 * 1024;

/// Progress is reported (and cancellation checked) about this often, in bytes of text.
const REPORT_STEP: usize = 1 << 20;

/// Headers looked at to choose the file's header profile.
const VOTE_HEADERS: usize = 5_000;

/// The author of a message ends at the first `": "` within this many characters.
const AUTHOR_MAX_CHARS: usize = 100;

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// Cheap content sniff: true when the start of `text` looks like a WhatsApp transcript.
///
/// Looks at the first 50 non-empty lines (at most 256 KiB): at least two of them, or at least
/// 30 % of them, must start with a header of one agreeing layout (Android or iOS), and at least
/// one of those headers must be followed by `Name: `.
pub fn looks_like(text: &str) -> bool {
    let mut nonempty = 0usize;
    let mut profiles: Vec<(Profile, usize, bool)> = Vec::new();
    let limit = text.len().min(256 * 1024);
    for (start, end, _) in Lines::new(text) {
        if start > limit || nonempty >= 50 {
            break;
        }
        let line = &text[start..end];
        if line.trim_matches(is_blank).is_empty() {
            continue;
        }
        nonempty += 1;
        if let Some(h) = prefilter(line).then(|| match_header(line)).flatten() {
            let authored = author_split(&line[h.body..]).is_some();
            match profiles.iter_mut().find(|p| p.0 == h.profile) {
                Some(p) => {
                    p.1 += 1;
                    p.2 |= authored;
                }
                None => profiles.push((h.profile, 1, authored)),
            }
        }
    }
    profiles
        .iter()
        .max_by_key(|p| p.1)
        .is_some_and(|&(_, count, authored)| authored && (count >= 2 || count * 10 >= nonempty * 3))
}

/// Parse decoded export text into a [`Conversation`] (format
/// [`SourceFormat::WhatsappAndroidTxt`] or [`SourceFormat::WhatsappIosTxt`]).
///
/// System lines (encryption notice, group events, security-code and number changes, missed
/// calls) are counted in `system_lines`, not returned as messages. Lines before the first
/// header are skipped with a [`ReadNote::LinesSkipped`]. Text without a single header is
/// [`FormatProblem::NoMessages`]; a transcript with headers but only system lines is an empty
/// conversation, not an error.
pub fn parse(text: &str, path: &Path, ctl: &ReadControl) -> Result<Conversation, Error> {
    parse_with(text, path, ctl, None)
}

/// Like [`parse`], but each message is made only when the stream is read: what is held is
/// the text and a few bytes a message, not a copy of every message (a 100 MB chat is checked
/// within little more than its own size). Gives the same messages as [`parse`].
pub fn parse_streamed(
    text: String,
    path: &Path,
    ctl: &ReadControl,
) -> Result<ConversationStream, Error> {
    let scan = records::Scan::read(&text, path, ctl, None)?;
    Ok(scan.into_stream(text))
}

/// Read a WhatsApp `.zip` export from bytes.
///
/// Picks the chat `.txt` (`_chat.txt`, then a name containing "WhatsApp", then the only or the
/// WhatsApp-looking or the largest `.txt`), decodes it with [`crate::input::decode::decode`],
/// parses it, and uses the archive's file list to mark media: a message that names a file
/// present in the archive gets that file's media kind (`PTT-….opus`, `…-AUDIO-….opus`, `.m4a`,
/// `.aac` are voice notes) even when the wrapper text around the name is in an unknown
/// language. Returns the conversation (container [`Container::Zip`]) and the encoding name of
/// the chat text. At most [`MAX_ZIP_ENTRIES`] entries are looked at and at most
/// [`MAX_ZIP_TEXT_BYTES`] of the chat text decompressed; hitting either adds
/// [`ReadNote::ZipLimit`] to a partial result.
pub fn read_zip(
    bytes: &[u8],
    path: &Path,
    ctl: &ReadControl,
) -> Result<(Conversation, String), Error> {
    let (conv, encoding) = read_zip_streamed(bytes, path, ctl)?;
    Ok((conv.into_conversation(), encoding))
}

/// Like [`read_zip`], but the messages are made as the stream is read ([`parse_streamed`]).
pub fn read_zip_streamed(
    bytes: &[u8],
    path: &Path,
    ctl: &ReadControl,
) -> Result<(ConversationStream, String), Error> {
    read_zip_limited(bytes, path, ctl, MAX_ZIP_ENTRIES, MAX_ZIP_TEXT_BYTES)
}

// ---------------------------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------------------------

/// Splits text into lines on `\r\n`, `\n` or (in files without any `\n`) `\r`. Yields
/// `(start, end, next)`: the line is `text[start..end]`, the next line starts at `next`.
struct Lines<'a> {
    text: &'a str,
    cursor: LineCursor,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            cursor: LineCursor::new(text),
        }
    }
}

impl Iterator for Lines<'_> {
    type Item = (usize, usize, usize);

    fn next(&mut self) -> Option<Self::Item> {
        self.cursor.next(self.text)
    }
}

/// [`Lines`] as a position only, the text handed in at each step: a reader that owns the
/// text can keep one.
#[derive(Debug, Clone, Copy)]
struct LineCursor {
    pos: usize,
    sep: char,
    /// Where the lines stop (a line start, or the text's end).
    end: usize,
}

impl LineCursor {
    fn new(text: &str) -> Self {
        let sep = if !text.contains('\n') && text.contains('\r') {
            '\r'
        } else {
            '\n'
        };
        LineCursor {
            pos: 0,
            sep,
            end: text.len(),
        }
    }

    /// The lines of `text` from `start` up to `end`, both line starts (or the text's end).
    fn part(text: &str, start: usize, end: usize) -> Self {
        LineCursor {
            pos: start,
            end: end.min(text.len()),
            ..LineCursor::new(text)
        }
    }

    /// The next line of `text` (always the same text).
    fn next(&mut self, text: &str) -> Option<(usize, usize, usize)> {
        if self.pos >= self.end || self.pos >= text.len() {
            return None;
        }
        let start = self.pos;
        let rest = text.get(start..)?;
        // The memchr crate's search is vectorized; `str::find` scans a word at a time, and
        // line splitting was a quarter of reading a big transcript.
        let sep = u8::try_from(self.sep).unwrap_or(b'\n');
        let (end, next) = match memchr::memchr(sep, rest.as_bytes()) {
            Some(i) => {
                let mut end = start + i;
                if self.sep == '\n' && i > 0 && rest.as_bytes()[i - 1] == b'\r' {
                    end -= 1;
                }
                (end, start + i + 1)
            }
            None => (text.len(), text.len()),
        };
        self.pos = next;
        Some((start, end, next))
    }
}

// ---------------------------------------------------------------------------------------------
// Header matching (FORMATS.md §1.5.1, hand-written for speed)
// ---------------------------------------------------------------------------------------------

/// Which separator follows the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Layout {
    /// `[date, time] ` (iOS).
    Bracket,
    /// `date, time - ` (Android).
    Dash,
    /// `date, time: ` (iOS 2015–2017).
    Colon,
}

/// The shape of a header; one file uses one shape (FORMATS.md §1.5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Profile {
    layout: Layout,
    date_sep: u8,
    seconds: bool,
    comma: bool,
    mid: bool,
    ampm: bool,
}

/// AM/PM as found in a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    None,
    Am,
    Pm,
    /// Letters that are not a known meridiem: the hour is kept as written.
    Unknown,
}

/// One matched header.
#[derive(Debug, Clone, Copy)]
struct Header {
    profile: Profile,
    /// The three date fields as written.
    d: [u16; 3],
    /// Digit counts of the first and third date fields.
    len1: u8,
    len3: u8,
    hh: u8,
    mi: u8,
    ss: u8,
    meridiem: Meridiem,
    /// The meridiem was upper-case ASCII (`AM`/`PM`): an en-US hint.
    upper_ampm: bool,
    /// Byte offset in the line where the body (author or system text) starts.
    body: usize,
}

fn is_sp(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}')
}

fn is_lead(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Invisible direction and byte-order marks (stripped from senders and placeholder keys).
fn is_invisible(c: char) -> bool {
    is_lead(c)
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Cheap test before [`match_header`]: the line starts with a digit, `[`, or a lead mark.
fn prefilter(line: &str) -> bool {
    matches!(
        line.as_bytes().first(),
        Some(b'0'..=b'9' | b'[' | 0xE2 | 0xEF)
    )
}

/// A cursor over one line.
struct Cur<'a> {
    s: &'a str,
    i: usize,
}

impl Cur<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i..).and_then(|r| r.chars().next())
    }

    fn byte(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn eat_byte(&mut self, b: u8) -> bool {
        if self.byte() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn eat_sp(&mut self) -> bool {
        match self.peek() {
            Some(c) if is_sp(c) => {
                self.i += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    /// 1..=max ASCII digits.
    fn digits(&mut self, max: usize) -> Option<(u16, u8)> {
        let mut v: u16 = 0;
        let mut n = 0usize;
        while n < max {
            match self.byte() {
                Some(b @ b'0'..=b'9') => {
                    v = v * 10 + u16::from(b - b'0');
                    self.i += 1;
                    n += 1;
                }
                _ => break,
            }
        }
        // n <= max <= 4, so it fits in u8.
        (n > 0).then_some((v, n as u8))
    }

    /// Letters (`\p{L}`-like), at most `max`; returns how many.
    fn letters(&mut self, max: usize) -> usize {
        let mut n = 0;
        while n < max {
            match self.peek() {
                Some(c) if c.is_alphabetic() => {
                    self.i += c.len_utf8();
                    n += 1;
                }
                _ => break,
            }
        }
        n
    }
}

/// Match a WhatsApp header at the start of `line` (FORMATS.md §1.5.1).
fn match_header(line: &str) -> Option<Header> {
    let b = line.as_bytes();
    let mut c = Cur { s: line, i: 0 };
    while let Some(ch) = c.peek() {
        if is_lead(ch) {
            c.i += ch.len_utf8();
        } else {
            break;
        }
    }
    let open = c.eat_byte(b'[');
    let (d1, len1) = c.digits(4)?;
    let s1 = c.byte().filter(|b| matches!(b, b'.' | b'/' | b'-'))?;
    c.i += 1;
    c.eat_sp();
    let (d2, _) = c.digits(4)?;
    if c.byte()? != s1 {
        return None;
    }
    c.i += 1;
    c.eat_sp();
    let (d3, len3) = c.digits(4)?;
    c.eat_byte(b'.');
    let comma = if c.eat_byte(b',') {
        while c.eat_sp() {}
        true
    } else {
        if !c.eat_sp() {
            return None;
        }
        while c.eat_sp() {}
        false
    };
    let mut mid = false;
    let mut meridiem = Meridiem::None;
    let mut upper_ampm = false;
    if c.peek().is_some_and(char::is_alphabetic) {
        let st = c.i;
        c.letters(1);
        let mut n = 0;
        while n < 5 {
            match c.peek() {
                Some(ch) if ch.is_alphabetic() || ch == '.' => {
                    c.i += ch.len_utf8();
                    n += 1;
                }
                _ => break,
            }
        }
        let word = &line[st..c.i];
        c.eat_sp();
        mid = true;
        if let m @ (Meridiem::Am | Meridiem::Pm) = meridiem_of(word) {
            meridiem = m;
            upper_ampm = is_upper_ampm(word);
        }
    }
    let (hh, _) = c.digits(2)?;
    if !matches!(c.byte(), Some(b':' | b'.')) {
        return None;
    }
    c.i += 1;
    let (mi, mlen) = c.digits(2)?;
    if mlen != 2 {
        return None;
    }
    let mut ss = 0u16;
    let mut seconds = false;
    if matches!(c.byte(), Some(b':' | b'.'))
        && b.get(c.i + 1).is_some_and(u8::is_ascii_digit)
        && b.get(c.i + 2).is_some_and(u8::is_ascii_digit)
    {
        ss = u16::from(b[c.i + 1] - b'0') * 10 + u16::from(b[c.i + 2] - b'0');
        c.i += 3;
        seconds = true;
    }
    let after_time = c.i;

    // Meridiem after the time: `[sp]? L{1,4} .? ([sp]? L{1,3} .?)?`, tried longest first.
    let mut cands: [Option<AmPmTry>; 3] = [None, None, None];
    {
        let mut a = Cur {
            s: line,
            i: after_time,
        };
        a.eat_sp();
        let tok_start = a.i;
        if a.letters(4) > 0 {
            a.eat_byte(b'.');
            let first_end = a.i;
            let mut s2 = Cur {
                s: line,
                i: first_end,
            };
            s2.eat_sp();
            if s2.letters(3) > 0 {
                s2.eat_byte(b'.');
                cands[0] = Some((s2.i, Some((tok_start, s2.i))));
            }
            cands[1] = Some((first_end, Some((tok_start, first_end))));
        }
        cands[2] = Some((after_time, None));
    }
    for (pos, tok) in cands.into_iter().flatten() {
        let Some((layout, body)) = separator(line, pos, open) else {
            continue;
        };
        let mut meridiem = meridiem;
        let mut upper = upper_ampm;
        if let Some((ts, te)) = tok {
            let word = &line[ts..te];
            meridiem = meridiem_of(word);
            upper = is_upper_ampm(word);
        }
        // Values are at most 4 digits (dates) or 2 digits (time): they fit.
        return Some(Header {
            profile: Profile {
                layout,
                date_sep: s1,
                seconds,
                comma,
                mid,
                ampm: tok.is_some(),
            },
            d: [d1, d2, d3],
            len1,
            len3,
            hh: hh as u8,
            mi: mi as u8,
            ss: ss as u8,
            meridiem,
            upper_ampm: upper,
            body,
        });
    }
    None
}

/// One way to read the meridiem: where the separator must start, and the token's byte range.
type AmPmTry = (usize, Option<(usize, usize)>);

/// The separator after the time: `]` (+ optional space and `- `), ` - ` / ` – `, or `: `.
fn separator(line: &str, pos: usize, open: bool) -> Option<(Layout, usize)> {
    let mut c = Cur { s: line, i: pos };
    if open {
        if !c.eat_byte(b']') {
            return None;
        }
        c.eat_sp();
        let save = c.i;
        if !(c.eat_byte(b'-') && c.eat_sp()) {
            c.i = save;
        }
        return Some((Layout::Bracket, c.i));
    }
    if c.eat_byte(b':') {
        return c.eat_sp().then_some((Layout::Colon, c.i));
    }
    if !c.eat_sp() {
        return None;
    }
    match c.peek() {
        Some(ch @ ('-' | '\u{2013}')) => c.i += ch.len_utf8(),
        _ => return None,
    }
    c.eat_sp().then_some((Layout::Dash, c.i))
}

/// Meridiem tokens (FORMATS.md §1.5.3), compared without dots and spaces, case-insensitively.
fn meridiem_of(word: &str) -> Meridiem {
    let key: String = word
        .chars()
        .filter(|&c| c != '.' && !is_sp(c))
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "am" | "дп" | "ap" | "de" | "오전" | "上午" | "午前" => Meridiem::Am,
        "pm" | "пп" | "ip" | "du" | "오후" | "下午" | "午後" => Meridiem::Pm,
        "" => Meridiem::None,
        _ => Meridiem::Unknown,
    }
}

fn is_upper_ampm(word: &str) -> bool {
    let t = word.trim_matches(|c: char| is_sp(c) || c == '.');
    t == "AM" || t == "PM"
}

// ---------------------------------------------------------------------------------------------
// Dates (FORMATS.md §1.5.3)
// ---------------------------------------------------------------------------------------------

/// Evidence for the day/month order, gathered over every header of the file.
#[derive(Debug, Default, PartialEq, Eq)]
struct DateStats {
    /// The date of the first header counted (for [`DateStats::merge`]).
    first: Option<[u16; 3]>,
    first_over_12: usize,
    second_over_12: usize,
    dec1: usize,
    dec2: usize,
    ch1: usize,
    ch2: usize,
    prev: Option<[u16; 3]>,
    upper_ampm: bool,
    two_digit_year: bool,
    date_sep: u8,
}

impl DateStats {
    fn add(&mut self, h: &Header) {
        if h.len1 == 4 {
            return; // year first: always Y-M-D
        }
        let [a, b, _] = h.d;
        self.first_over_12 += usize::from(a > 12);
        self.second_over_12 += usize::from(b > 12);
        if let Some(prev) = self.prev {
            self.step(prev, h.d);
        }
        self.first.get_or_insert(h.d);
        self.prev = Some(h.d);
        self.upper_ampm |= h.upper_ampm;
        self.two_digit_year |= h.len3 == 2;
        self.date_sep = h.profile.date_sep;
    }

    /// Count the change from one header's date to the next one's.
    fn step(&mut self, [pa, pb, py]: [u16; 3], [a, b, y]: [u16; 3]) {
        if py == y {
            self.dec1 += usize::from(a < pa);
            self.dec2 += usize::from(b < pb);
        }
        self.ch1 += usize::from(a != pa);
        self.ch2 += usize::from(b != pb);
    }

    /// The statistics of this part of a file followed by `next`'s part: what adding all
    /// their headers in order gives.
    fn merge(&mut self, next: &DateStats) {
        if let (Some(prev), Some(first)) = (self.prev, next.first) {
            self.step(prev, first);
        }
        self.first = self.first.or(next.first);
        self.first_over_12 += next.first_over_12;
        self.second_over_12 += next.second_over_12;
        self.dec1 += next.dec1;
        self.dec2 += next.dec2;
        self.ch1 += next.ch1;
        self.ch2 += next.ch2;
        if next.prev.is_some() {
            self.prev = next.prev;
            self.date_sep = next.date_sep;
        }
        self.upper_ampm |= next.upper_ampm;
        self.two_digit_year |= next.two_digit_year;
    }

    /// True when the first field is the day.
    fn day_first(&self) -> bool {
        if self.first_over_12 > 0 || self.second_over_12 > 0 {
            return self.first_over_12 >= self.second_over_12;
        }
        // Months only grow within a year; ignore a single outlier (records are unsorted).
        if self.dec1 > self.dec2 + 1 {
            return true;
        }
        if self.dec2 > self.dec1 + 1 {
            return false;
        }
        if self.ch1 != self.ch2 {
            return self.ch1 > self.ch2;
        }
        // Hints: `/` with upper-case AM/PM and a 2-digit year is en-US; else day first.
        !(self.date_sep == b'/' && self.upper_ampm && self.two_digit_year)
    }
}

/// A header's date and time as written, kept until the file's date order is known.
#[derive(Debug, Clone, Copy)]
struct RawWhen {
    d: [u16; 3],
    len1: u8,
    len3: u8,
    hh: u8,
    mi: u8,
    ss: u8,
    meridiem: Meridiem,
}

impl RawWhen {
    fn of(h: &Header) -> Self {
        RawWhen {
            d: h.d,
            len1: h.len1,
            len3: h.len3,
            hh: h.hh,
            mi: h.mi,
            ss: h.ss,
            meridiem: h.meridiem,
        }
    }

    /// The message's timestamp, once the file's date order is known.
    fn timestamp(&self, day_first: bool) -> Option<Timestamp> {
        Timestamp::from_ascii(&self.iso(day_first)?)
    }

    /// ISO 8601 local time (`YYYY-MM-DDTHH:MM:SS`, ASCII), or `None` for an impossible date
    /// or time. In an array, not a `String`: every message of a chat has one.
    fn iso(&self, day_first: bool) -> Option<[u8; 19]> {
        let (y, m, d) = if self.len1 == 4 {
            (self.d[0], self.d[1], self.d[2])
        } else {
            let y = match self.len3 {
                2 => 2000 + self.d[2],
                4 => self.d[2],
                _ => return None,
            };
            if day_first {
                (y, self.d[1], self.d[0])
            } else {
                (y, self.d[0], self.d[1])
            }
        };
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        let mut hh = self.hh;
        match self.meridiem {
            // `0:24 PM` (seen in real files; ja/zh clocks run 0–11) is 12:24.
            Meridiem::Pm if hh < 12 => hh += 12,
            Meridiem::Am if hh == 12 => hh = 0,
            _ => {}
        }
        if hh > 23 || self.mi > 59 || self.ss > 59 {
            return None;
        }
        let mut s = *b"0000-00-00T00:00:00";
        put_num(&mut s[0..4], y);
        put_num(&mut s[5..7], m);
        put_num(&mut s[8..10], d);
        put_num(&mut s[11..13], u16::from(hh));
        put_num(&mut s[14..16], u16::from(self.mi));
        put_num(&mut s[17..19], u16::from(self.ss));
        Some(s)
    }
}

/// `v`'s last `out.len()` decimal digits, zero-padded, into `out`.
fn put_num(out: &mut [u8], mut v: u16) {
    for b in out.iter_mut().rev() {
        // v % 10 < 10: always an ASCII digit.
        *b = b'0' + (v % 10) as u8;
        v /= 10;
    }
}

fn days_in_month(y: u16, m: u16) -> u16 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// How a record's first line starts.
enum Opening {
    /// `Name: text`; the body starts at the given absolute offset.
    Author { name: (usize, usize), body: usize },
    /// `Name:text` with no space: a message only if `Name` writes elsewhere in the file.
    Tentative { name: (usize, usize), body: usize },
    /// No author: a system line; its text starts at the given absolute offset.
    System { body: usize },
}

/// The record being read.
struct Pending {
    when: RawWhen,
    opening: Opening,
    /// End of the record's last line (absolute).
    end: usize,
}

/// Where the author ends in a header's rest: `(name_end, body_start, tentative)`.
fn author_split(rest: &str) -> Option<(usize, usize, bool)> {
    // iOS and Android app lines start with LRM and have no author.
    if rest.starts_with(['\u{200E}', '\u{200F}']) {
        return None;
    }
    // 100 characters are at most 400 bytes; the exact count is checked per candidate.
    let bytes = rest.as_bytes();
    let lim = rest.len().min(AUTHOR_MAX_CHARS * 4);
    let mut first_colon = None;
    let mut from = 0;
    while let Some(j) = memchr::memchr(b':', &bytes[from..lim]) {
        let i = from + j;
        from = i + 1;
        if i >= AUTHOR_MAX_CHARS && rest[..i].chars().count() >= AUTHOR_MAX_CHARS {
            break;
        }
        let after = &rest[i + 1..];
        if after.starts_with(' ') {
            return valid_author(rest, i, i + 2, false);
        }
        if after.starts_with('\u{A0}') {
            return valid_author(rest, i, i + 1 + '\u{A0}'.len_utf8(), false);
        }
        if first_colon.is_none() {
            first_colon = Some(i);
        }
    }
    let i = first_colon?;
    if i + 1 == rest.len() {
        // `Name:` and nothing else: an empty message.
        return valid_author(rest, i, i + 1, false);
    }
    valid_author(rest, i, i + 1, true)
}

fn valid_author(
    rest: &str,
    name_end: usize,
    body: usize,
    tentative: bool,
) -> Option<(usize, usize, bool)> {
    let name = &rest[..name_end];
    // A name that starts with a visible ASCII character or a Cyrillic letter (lead bytes
    // D0..D4) is not blank; only others are decoded to find out.
    let visible_start = matches!(name.as_bytes().first(), Some(0x21..=0x7E | 0xD0..=0xD4));
    if !visible_start && name.trim_matches(is_blank).is_empty() {
        return None;
    }
    // A "name" with quotes is usually a system line quoting a group title (`changed the
    // subject from "A: B"`): keep it only if that name writes elsewhere. '“' and '”' start
    // with E2, '«' and '»' with C2: a name with none of these bytes has no quote.
    let quoted = memchr::memchr3(b'"', 0xE2, 0xC2, name.as_bytes()).is_some()
        && name.contains(['"', '“', '”', '«', '»']);
    Some((name_end, body, tentative || quoted))
}

fn parse_with(
    text: &str,
    path: &Path,
    ctl: &ReadControl,
    archive: Option<HashSet<String>>,
) -> Result<Conversation, Error> {
    let scan = records::Scan::read(text, path, ctl, archive)?;
    Ok(scan.into_conversation(text))
}

/// Body text with `\r\n`/`\r` as `\n`, no U+FEFF, and no trailing line breaks.
fn normalize_body(raw: &str) -> Cow<'_, str> {
    let raw = raw.trim_end_matches(['\r', '\n']);
    // One pass for both: a carriage return, or the lead byte of U+FEFF (EF BB BF).
    if memchr::memchr2(b'\r', 0xEF, raw.as_bytes()).is_none()
        || !(raw.contains('\r') || raw.contains('\u{FEFF}'))
    {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{FEFF}' => {}
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

// ---------------------------------------------------------------------------------------------
// Classification of a person's line (FORMATS.md §1.7, §1.9)
// ---------------------------------------------------------------------------------------------

enum Class<'a> {
    System,
    Message {
        /// Mostly a part of the body (no copy); a text put together (iOS attachments) is owned.
        text: Cow<'a, str>,
        media: Option<MediaKind>,
    },
}

/// Case-insensitive equality that ignores invisible marks, treats NBSP/NNBSP as a space and
/// allows one trailing `.` in `s`. `phrase` is lower-case.
fn key_eq(s: &str, phrase: &str) -> bool {
    // Upper- and lower-case forms have the same UTF-8 length for the scripts used here; the
    // slack covers invisible marks, NBSP and a trailing dot.
    if s.len() + 2 < phrase.len() || s.len() > phrase.len() + 16 {
        return false;
    }
    let s = s.trim_matches(is_blank);
    let s = s.strip_suffix('.').unwrap_or(s);
    let mut a = s
        .chars()
        .filter(|&c| !is_invisible(c))
        .map(|c| if is_sp(c) { ' ' } else { c })
        .flat_map(char::to_lowercase);
    let mut b = phrase.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// Lower-cased, invisible-free, NBSP-as-space copy (for keyword searches on short lines).
fn key_of(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_invisible(c))
        .map(|c| if is_sp(c) { ' ' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Does `s` end with `phrase` (lower-case), case-insensitively? Returns the byte index in `s`
/// where the match starts.
fn ends_with_ci(s: &str, phrase: &str) -> Option<usize> {
    let last = s.chars().next_back()?;
    let last = if is_sp(last) { ' ' } else { last };
    if !last.to_lowercase().eq(phrase.chars().next_back()) || s.len() + 2 < phrase.len() {
        return None;
    }
    let n = phrase.chars().count();
    let (start, _) = s.char_indices().rev().nth(n.checked_sub(1)?)?;
    let tail = &s[start..];
    let eq = tail
        .chars()
        .map(|c| if is_sp(c) { ' ' } else { c })
        .flat_map(char::to_lowercase)
        .eq(phrase.chars());
    eq.then_some(start)
}

fn starts_with_ci(s: &str, phrase: &str) -> Option<usize> {
    let mut it = s.char_indices();
    for p in phrase.chars() {
        let (_, c) = it.next()?;
        let c = if is_sp(c) { ' ' } else { c };
        if !c.to_lowercase().eq(std::iter::once(p)) {
            return None;
        }
    }
    Some(it.next().map_or(s.len(), |(i, _)| i))
}

const DELETED: &[&str] = &[
    "this message was deleted",
    "you deleted this message",
    "this message was deleted by an admin",
    "данное сообщение удалено",
    "вы удалили данное сообщение",
    "данное сообщение удалено админом",
    "это сообщение удалено",
    "бұл хат жойылды",
    "сіз бұл хатты жойдыңыз",
    "це повідомлення було видалено",
    "ви видалили це повідомлення",
    "tato zpráva byla odstraněna",
    "tuto zprávu jste odstranil/a",
];

const MISSED_CALLS: &[&str] = &[
    "missed voice call",
    "missed video call",
    "missed group voice call",
    "missed group video call",
    "пропущенный аудиозвонок",
    "пропущенный видеозвонок",
    "пропущенный групповой аудиозвонок",
    "пропущенный групповой видеозвонок",
    "жауапсыз қоңырау",
    "жауапсыз видео қоңырау",
    "жауапсыз аудио қоңырау",
    "пропущений аудіодзвінок",
    "пропущений відеодзвінок",
    "zmeškaný hovor",
];

/// Android "export without media" placeholders, written inside `<…>`.
const NO_MEDIA: &[&str] = &[
    "media omitted",
    "без медиафайлов",
    "файл пропущен",
    "файл қосылған жоқ",
    "файлдар қосылмаған",
    "média vynechány",
];

/// Android "export with media": `<file> (<wrapper>)`.
const ATTACHED_WRAPPERS: &[&str] = &[
    "(file attached)",
    "(файл добавлен)",
    "(қосымша файл)",
    "(soubor byl přiložen)",
    "(файл додано)",
];

/// iOS "without media" placeholders.
const OMITTED: &[(&str, MediaKind)] = &[
    ("image omitted", MediaKind::Photo),
    ("video omitted", MediaKind::Video),
    ("audio omitted", MediaKind::Voice),
    ("sticker omitted", MediaKind::Sticker),
    ("gif omitted", MediaKind::Sticker),
    ("video note omitted", MediaKind::VideoNote),
    ("contact card omitted", MediaKind::Other),
    ("document omitted", MediaKind::Document),
    ("изображение отсутствует", MediaKind::Photo),
    ("видео отсутствует", MediaKind::Video),
    ("аудиофайл отсутствует", MediaKind::Voice),
    ("аудио отсутствует", MediaKind::Voice),
    ("стикер не добавлен", MediaKind::Sticker),
    ("gif отсутствует", MediaKind::Sticker),
    ("карточка контакта отсутствует", MediaKind::Other),
    ("документ отсутствует", MediaKind::Document),
    ("зображення відсутнє", MediaKind::Photo),
    ("відео відсутнє", MediaKind::Video),
    ("аудіо відсутнє", MediaKind::Voice),
    ("наклейку не додано", MediaKind::Sticker),
    ("gif-анімацію пропущено", MediaKind::Sticker),
    ("картка контакту відсутня", MediaKind::Other),
    ("документ пропущено", MediaKind::Document),
];

/// Endings of unknown iOS placeholders (after LRM): media of unknown kind.
const OMITTED_GENERIC: &[&str] = &[
    " omitted",
    " отсутствует",
    " відсутнє",
    " відсутня",
    " пропущено",
    " не добавлен",
    " не додано",
];

/// iOS "export with media": `<marker NAME>`.
const ATTACH_MARKERS: &[&str] = &["<attached:", "<прикреплено:", "<Anhang:"];

const LOCATION_PREFIXES: &[&str] = &[
    "location: ",
    "местоположение: ",
    "орналасуы: ",
    "poloha: ",
    "розташування: ",
];

const MAP_HOSTS: &[&str] = &[
    "https://maps.google.",
    "http://maps.google.",
    "https://www.google.com/maps",
    "https://maps.app.goo.gl/",
];

const LIVE_LOCATION: &[&str] = &[
    "live location shared",
    "геоданные отправлены",
    "қазіргі орынмен бөлісті",
];

const EDITED: &[&str] = &["<this message was edited>", "<это сообщение изменено>"];

/// Keywords of app lines attributed to a name (iOS: body starts with LRM).
const SYSTEM_KEYWORDS: &[&str] = &[
    "end-to-end",
    "шифрован",
    "шифрлау",
    "шифруван",
    "security code",
    "код безопасности",
    "қауіпсіздік код",
    "код безпеки",
    "phone number",
    "номер телефона",
    "номер телефону",
    "number was changed",
    "нөмір",
    "tap to",
    "нажмите",
    "подробнее",
    "басыңыз",
    "changed the",
    "changed this",
    "changed their",
    "изменил",
    "сменил",
    "created group",
    "создал",
    "added",
    "добавил",
    "removed",
    "удалил",
    " left",
    "вышел",
    "вышла",
    "joined",
    "присоедин",
    "вступил",
    "disappearing",
    "исчезающ",
    "message timer",
    "admin",
    "админ",
    "тобын",
    "топқа",
    "топтан",
];

/// Could [`classify`] find the record with this raw body (before [`normalize_body`]) a
/// system line? `false` only when it cannot: the first pass, which needs of a person's
/// message nothing but its sender, then skips the rest of the classification.
///
/// [`classify`] returns [`Class::System`] only for a missed call (its first check) or for a
/// line the app marked (starting with a direction mark). So a body that does not start with
/// one (nor with a byte-order mark, which [`normalize_body`] removes) and whose first line is
/// not a missed-call phrase's length and first letter is a message. A carriage return
/// anywhere sends the body the whole way (it may move the first line's end).
fn may_be_system(raw: &str) -> bool {
    let b = raw.as_bytes();
    // LRM and RLM are E2 80 8E/8F, the BOM is EF BB BF.
    if matches!(b.first(), Some(0xE2 | 0xEF)) || memchr::memchr2(b'\r', 0xEF, b).is_some() {
        return true;
    }
    let first = memchr::memchr(b'\n', b).map_or(raw, |i| &raw[..i]);
    let s = first.trim_matches(is_blank);
    if s.len() > 120 {
        return false;
    }
    let f = s.chars().next().map_or(' ', lower_first);
    FIRSTS.missed_calls.contains(&Some(f))
}

/// The first chars of the phrase lists [`classify`] compares by first char, worked out once
/// (they are compared for every message).
struct Firsts {
    missed_calls: Vec<Option<char>>,
    deleted: Vec<Option<char>>,
    live_location: Vec<Option<char>>,
    location_prefixes: Vec<Option<char>>,
}

static FIRSTS: std::sync::LazyLock<Firsts> = std::sync::LazyLock::new(|| {
    let firsts =
        |list: &[&str]| -> Vec<Option<char>> { list.iter().map(|p| p.chars().next()).collect() };
    Firsts {
        missed_calls: firsts(MISSED_CALLS),
        deleted: firsts(DELETED),
        live_location: firsts(LIVE_LOCATION),
        location_prefixes: firsts(LOCATION_PREFIXES),
    }
});

/// The phrases of `list` whose first char (`firsts`, in the same order) is `f`.
fn starting_with<'l>(
    list: &'l [&'l str],
    firsts: &'l [Option<char>],
    f: char,
) -> impl Iterator<Item = &'l str> {
    list.iter()
        .zip(firsts)
        .filter(move |&(_, &c)| c == Some(f))
        .map(|(&p, _)| p)
}

fn classify<'a>(body: &'a str, sender: &str, archive: Option<&HashSet<String>>) -> Class<'a> {
    let (first, tail) = match memchr::memchr(b'\n', body.as_bytes()) {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, ""),
    };
    let app = body.starts_with(['\u{200E}', '\u{200F}']);
    let s = first.trim_matches(is_blank);
    let media = |kind: MediaKind, text: &'a str| Class::Message {
        text: Cow::Borrowed(strip_edited(
            text.trim_matches(|c: char| c == '\n' || c == '\r'),
        )),
        media: Some(kind),
    };

    // Short exact phrases: deleted messages, missed calls, view-once, live location. Only
    // phrases with the same first letter are compared.
    let f = s.chars().next().map_or(' ', lower_first);
    if s.len() <= 120 {
        let firsts = &*FIRSTS;
        if starting_with(MISSED_CALLS, &firsts.missed_calls, f).any(|p| key_eq(s, p))
            && tail.is_empty()
        {
            return Class::System;
        }
        if starting_with(DELETED, &firsts.deleted, f).any(|p| key_eq(s, p))
            || (matches!(f, 'б' | 'с') && kk_deleted(s))
        {
            return Class::Message {
                text: Cow::Borrowed(""),
                media: None,
            };
        }
        if s == "null" && tail.is_empty() {
            return media(MediaKind::Other, "");
        }
        if starting_with(LIVE_LOCATION, &firsts.live_location, f).any(|p| key_eq(s, p)) {
            return media(MediaKind::Other, tail);
        }
        // Android without media: `<Media omitted>` (caption on the next lines).
        if let Some(inner) = s.strip_prefix('<').and_then(|r| r.strip_suffix('>'))
            && (NO_MEDIA.iter().any(|p| key_eq(inner, p)) || generic_no_media(inner))
        {
            return media(MediaKind::Other, tail);
        }
    }

    // Android with media: `NAME (file attached)`.
    if s.ends_with(')')
        && let Some(open) = s.rfind(" (")
    {
        let name = s[..open].trim_matches(is_blank);
        let wrapper = &s[open + 1..];
        let known = ATTACHED_WRAPPERS.iter().any(|w| key_eq(wrapper, w));
        let in_archive = archive.is_some_and(|a| a.contains(name));
        if !name.is_empty() && (known || in_archive) {
            return media(kind_from_name(name), tail);
        }
    }

    // iOS with media: `‎<attached: NAME>` (the name may be broken over lines).
    if let Some(c) = memchr::memchr(b'<', body.as_bytes()).and_then(|_| ios_attached(body)) {
        return c;
    }

    // Legacy iOS: `NAME <‎attached>`.
    if let Some(i) = s
        .ends_with('>')
        .then(|| ends_with_ci(s, "<\u{200E}attached>").or_else(|| ends_with_ci(s, "<attached>")))
        .flatten()
    {
        let name = s[..i].trim_matches(is_blank);
        return media(kind_from_name(name), tail);
    }

    // iOS without media: `‎image omitted`, `NAME • ‎2 pages ‎document omitted`, `<‎image omitted>`
    // (iOS always writes an LRM there; typed text has none).
    if first.contains('\u{200E}') {
        let t = s
            .strip_prefix('<')
            .and_then(|r| r.strip_suffix('>'))
            .map_or(s, |r| r.trim_matches(is_blank));
        for &(phrase, kind) in OMITTED {
            if let Some(i) = ends_with_ci(t, phrase) {
                let prefix = &t[..i];
                if prefix.trim_matches(is_blank).is_empty() || prefix.ends_with('\u{200E}') {
                    return media(kind, tail);
                }
            }
        }
    }

    // Location: `location: https://maps.google.com/?q=…`.
    for p in starting_with(LOCATION_PREFIXES, &FIRSTS.location_prefixes, f) {
        if let Some(i) = starts_with_ci(s, p)
            && MAP_HOSTS.iter().any(|h| s[i..].starts_with(h))
        {
            return media(MediaKind::Other, tail);
        }
    }

    // A file of the archive named on its own line (any language's wrapper).
    if archive.is_some_and(|a| a.contains(s)) {
        return media(kind_from_name(s), tail);
    }

    if app {
        let key = key_of(s);
        if OMITTED_GENERIC.iter().any(|g| key.ends_with(g)) && key.len() <= 80 {
            return media(MediaKind::Other, tail);
        }
        if SYSTEM_KEYWORDS.iter().any(|k| key.contains(k)) {
            return Class::System;
        }
        // An event attributed to its actor: `~ Maija: ‎~ Maija changed this group's icon`.
        let who = key_of(sender);
        if !who.is_empty() && key.trim_start_matches(['~', ' ']).starts_with(who.as_str()) {
            return Class::System;
        }
    }

    let text = if app {
        body.trim_start_matches(['\u{200E}', '\u{200F}'])
    } else {
        body
    };
    Class::Message {
        text: Cow::Borrowed(strip_edited(text)),
        media: None,
    }
}

/// Lower-case form of a phrase's first letter (ASCII and Russian fast, others via tables).
fn lower_first(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'a'..='z' | 'а'..='я' => c,
        // 'А'..='Я' are 32 code points below 'а'..='я'.
        'А'..='Я' => char::from_u32(u32::from(c) + 32).unwrap_or(c),
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Kazakh "deleted" notices, matched by keyword (the string tables are old, FORMATS.md §1.9).
fn kk_deleted(s: &str) -> bool {
    s.len() <= 120 && s.contains("жой") && s.chars().count() <= 30 && {
        let k = key_of(s);
        k.contains("хат") && k.contains("жой")
    }
}

/// `<…>` placeholders in locales we have no exact string for.
fn generic_no_media(inner: &str) -> bool {
    inner.chars().count() <= 40 && {
        let k = key_of(inner);
        ["media", "медиа", "медіа", "média", "файл"]
            .iter()
            .any(|w| k.contains(w))
    }
}

/// Remove a trailing `<This message was edited>` note.
fn strip_edited(text: &str) -> &str {
    if !text.ends_with('>') {
        return text;
    }
    for e in EDITED {
        if let Some(i) = ends_with_ci(text, e) {
            return text[..i].trim_end();
        }
    }
    text
}

/// iOS `<attached: NAME>` anywhere in the body, right after an LRM or at the start.
fn ios_attached(body: &str) -> Option<Class<'static>> {
    let (s0, marker) = ATTACH_MARKERS
        .iter()
        .filter_map(|m| body.find(m).map(|i| (i, *m)))
        .min_by_key(|&(i, _)| i)?;
    let before = &body[..s0];
    if !(before.ends_with('\u{200E}') || before.trim_matches(is_blank).is_empty()) {
        return None;
    }
    let e = body[s0..].find('>').map_or(body.len(), |i| s0 + i);
    // Nested `<attached: <attached: NAME>`: the name follows the last marker.
    let inner = &body[s0..e];
    let name_start = s0 + inner.rfind(marker).map_or(0, |i| i + marker.len());
    let name: String = body[name_start..e]
        .chars()
        .filter(|&c| c != '\n' && c != '\r' && !is_invisible(c))
        .collect();
    let name = name.trim();
    let kind = if name.is_empty() {
        MediaKind::Other
    } else {
        kind_from_name(name)
    };
    let prefix = before.trim_matches(is_blank);
    let suffix = body.get(e + 1..).unwrap_or("").trim_matches(is_blank);
    // Before the marker iOS writes a document's title (`Resume.pdf • ‎2 pages`); keep any
    // other text as a caption.
    let keep_prefix = !prefix.is_empty() && kind != MediaKind::Document && !prefix.contains('•');
    let text = match (keep_prefix, suffix.is_empty()) {
        (true, true) => prefix.to_string(),
        (true, false) => format!("{prefix}\n{suffix}"),
        (false, _) => suffix.to_string(),
    };
    Some(Class::Message {
        text: Cow::Owned(strip_edited(&text).to_string()),
        media: Some(kind),
    })
}

/// Media kind from an attachment's file name (FORMATS.md §1.1).
fn kind_from_name(name: &str) -> MediaKind {
    let lower = name.to_lowercase();
    let base = lower.rsplit(['/', '\\']).next().unwrap_or(&lower);
    let ext = base.rsplit_once('.').map_or("", |(_, e)| e);
    let voice_ext = matches!(ext, "opus" | "m4a" | "aac");
    if base.starts_with("ptt-") || base.contains("-audio-") || base.contains("-audio.") || voice_ext
    {
        return MediaKind::Voice;
    }
    if base.starts_with("stk-")
        || base.contains("-sticker-")
        || base.contains("-gif-")
        || matches!(ext, "webp" | "gif" | "tgs")
    {
        return MediaKind::Sticker;
    }
    if base.starts_with("img-")
        || base.contains("-photo-")
        || matches!(ext, "jpg" | "jpeg" | "png" | "heic" | "heif" | "bmp")
    {
        return MediaKind::Photo;
    }
    if base.starts_with("vid-")
        || base.contains("-video-")
        || matches!(ext, "mp4" | "mov" | "3gp" | "mkv" | "avi" | "webm")
    {
        return MediaKind::Video;
    }
    if matches!(ext, "vcf" | "mp3" | "wav" | "ogg" | "amr") || base.starts_with("aud-") {
        return MediaKind::Other;
    }
    MediaKind::Document
}

// ---------------------------------------------------------------------------------------------
// Zip
// ---------------------------------------------------------------------------------------------

fn read_zip_limited(
    bytes: &[u8],
    path: &Path,
    ctl: &ReadControl,
    max_entries: usize,
    max_text: u64,
) -> Result<(ConversationStream, String), Error> {
    let format_err = |kind: FormatProblem, reason: String| Error::Format {
        path: path.to_path_buf(),
        reason,
        kind,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format_err(FormatProblem::BadArchive, format!("unreadable zip: {e}")))?;
    let mut limit_hit = zip.len() > max_entries;
    let scan = zip.len().min(max_entries);

    struct Candidate {
        index: usize,
        base: String,
        size: u64,
    }
    let mut names: HashSet<String> = HashSet::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    for i in 0..scan {
        if i % 1024 == 1023 && ctl.cancelled() {
            return Err(Error::Cancelled {
                path: path.to_path_buf(),
            });
        }
        let Ok(f) = zip.by_index_raw(i) else {
            continue;
        };
        if f.is_dir() {
            continue;
        }
        // Entry names without the UTF-8 flag are CP437 to the zip crate; many tools write
        // UTF-8 anyway, so prefer the raw bytes when they are valid UTF-8.
        let full = match std::str::from_utf8(f.name_raw()) {
            Ok(s) => s.to_string(),
            Err(_) => f.name().to_string(),
        };
        if full.starts_with("__MACOSX/") {
            continue;
        }
        let base = full.rsplit(['/', '\\']).next().unwrap_or(&full).to_string();
        if base.starts_with("._") || base.is_empty() {
            continue;
        }
        if base.to_lowercase().ends_with(".txt") && !f.encrypted() {
            candidates.push(Candidate {
                index: i,
                base: base.clone(),
                size: f.size(),
            });
        }
        names.insert(base);
    }
    if candidates.is_empty() {
        return Err(format_err(
            FormatProblem::NoChatInZip,
            "no chat .txt in the archive".into(),
        ));
    }

    // Choose the transcript.
    let pick_largest = |c: &[&Candidate]| c.iter().max_by_key(|c| c.size).map(|c| c.index);
    let chat_txt: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.base == "_chat.txt")
        .collect();
    let named: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.base.to_lowercase().contains("whatsapp"))
        .collect();
    let mut chosen = pick_largest(&chat_txt).or_else(|| pick_largest(&named));
    if chosen.is_none() && candidates.len() == 1 {
        chosen = Some(candidates[0].index);
    }
    if chosen.is_none() {
        for c in candidates.iter().take(32) {
            let Ok(f) = zip.by_index(c.index) else {
                continue;
            };
            let mut head = Vec::with_capacity(64 * 1024);
            if f.take(64 * 1024).read_to_end(&mut head).is_err() {
                continue;
            }
            let head = trim_partial_utf8(head);
            if crate::input::decode::decode(&head).is_ok_and(|d| looks_like(&d.text)) {
                chosen = Some(c.index);
                break;
            }
        }
    }
    let all: Vec<&Candidate> = candidates.iter().collect();
    let index = match chosen.or_else(|| pick_largest(&all)) {
        Some(i) => i,
        None => {
            return Err(format_err(
                FormatProblem::NoChatInZip,
                "no chat .txt in the archive".into(),
            ));
        }
    };
    // Read it, decompressing at most `max_text` bytes.
    let mut f = zip
        .by_index(index)
        .map_err(|e| format_err(FormatProblem::BadArchive, format!("chat text: {e}")))?;
    let declared = f.size();
    let cap = declared.min(max_text).min(64 << 20);
    let mut buf = Vec::with_capacity(usize::try_from(cap).unwrap_or(0));
    let mut chunk = vec![0u8; 1 << 16];
    let mut next_check = REPORT_STEP;
    {
        let mut limited = (&mut f).take(max_text);
        loop {
            let n = limited
                .read(&mut chunk)
                .map_err(|e| format_err(FormatProblem::BadArchive, format!("chat text: {e}")))?;
            if n == 0 {
                break;
            }
            if buf.capacity() - buf.len() < n {
                // Headers can lie about the size: grow by doubling, never past the limit.
                let cap = usize::try_from(max_text).unwrap_or(usize::MAX);
                let target = (buf.capacity() * 2).max(buf.len() + n).min(cap);
                buf.reserve_exact(target.saturating_sub(buf.len()));
            }
            buf.extend_from_slice(&chunk[..n]);
            if buf.len() >= next_check {
                next_check = buf.len() + REPORT_STEP;
                if ctl.cancelled() {
                    return Err(Error::Cancelled {
                        path: path.to_path_buf(),
                    });
                }
            }
        }
    }
    if buf.len() as u64 >= max_text {
        let mut one = [0u8; 1];
        if declared > max_text || matches!(f.read(&mut one), Ok(1)) {
            limit_hit = true;
        }
    }
    drop(f);
    let buf = if limit_hit {
        trim_partial_utf8(buf)
    } else {
        buf
    };
    // Owned: valid UTF-8 becomes the text without a second copy of up to 512 MB.
    let decoded = crate::input::decode::decode_owned(buf).map_err(|_| {
        format_err(
            FormatProblem::NoChatInZip,
            "the chat .txt in the archive is not text".into(),
        )
    })?;
    let mut read = records::Scan::read(&decoded.text, path, ctl, Some(names))?;
    if limit_hit {
        read.notes.push(ReadNote::ZipLimit);
    }
    let mut conv = read.into_stream(decoded.text);
    conv.head.container = Some(Container::Zip);
    Ok((conv, decoded.encoding))
}

/// Drop an incomplete UTF-8 sequence at the end of a buffer cut at a limit.
fn trim_partial_utf8(mut buf: Vec<u8>) -> Vec<u8> {
    if let Err(e) = std::str::from_utf8(&buf)
        && e.error_len().is_none()
    {
        buf.truncate(e.valid_up_to());
    }
    buf
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::{Message, SourceFormat};
    use std::io::Write;

    fn p() -> &'static Path {
        Path::new("chat.txt")
    }

    fn parse_ok(text: &str) -> Conversation {
        match parse(text, p(), &ReadControl::default()) {
            Ok(c) => c,
            Err(e) => panic!("parse failed: {e}"),
        }
    }

    #[test]
    fn date_stats_of_two_runs_merge_into_those_of_the_whole() {
        let lines = [
            "12/03/2024, 09:00 - A: x",
            "[1/2/24, 9:00:00 AM] A: x",
            "13/03/2024, 09:00 - A: x",
            "02/04/2024, 09:00 - A: x",
            "2024-05-01, 09:00 - A: x",
            "01/04/2024, 09:00 - A: x",
            "01/04/2025, 09:00 - A: x",
            "11/05/2025, 09:00 - A: x",
        ];
        let stats = |ls: &[&str]| {
            let mut s = DateStats::default();
            for l in ls {
                s.add(&header(l));
            }
            s
        };
        let whole = stats(&lines);
        for k in 0..=lines.len() {
            let mut merged = stats(&lines[..k]);
            merged.merge(&stats(&lines[k..]));
            assert_eq!(merged, whole, "split at {k}");
        }
    }

    fn header(line: &str) -> Header {
        match match_header(line) {
            Some(h) => h,
            None => panic!("no header in {line:?}"),
        }
    }

    /// Each layout line of FORMATS.md §1.4 the main pattern covers.
    #[test]
    fn header_variants() {
        let cases: &[(&str, Layout, &str)] = &[
            ("23/03/2022, 13:31 - A: b", Layout::Dash, "A: b"),
            ("3/14/25, 7:05\u{202F}PM - A: b", Layout::Dash, "A: b"),
            ("8/21/21, 11:06 PM - A: b", Layout::Dash, "A: b"),
            ("23/03/22, 1:31\u{202F}pm - A: b", Layout::Dash, "A: b"),
            ("14.03.2025, 19:05 - A: b", Layout::Dash, "A: b"),
            ("17.02.19, 12:28 - A: b", Layout::Dash, "A: b"),
            ("14.03.25, 19:05 - A: b", Layout::Dash, "A: b"),
            ("23.03.22 13:31 - A: b", Layout::Dash, "A: b"),
            ("13.6.2018 klo 21.25.15 - A: b", Layout::Dash, "A: b"),
            ("3/6/18, 1:55 p.\u{A0}m. - A: b", Layout::Dash, "A: b"),
            ("01/01/2019, 11:25 a. m. - A: b", Layout::Dash, "A: b"),
            ("2019-05-02, 11:23 a.m. - A: b", Layout::Dash, "A: b"),
            ("2018/07/25, 09:01 - A: b", Layout::Dash, "A: b"),
            ("2022. 03. 23. du. 1:31 - A: b", Layout::Dash, "A: b"),
            ("22. 3. 23. PM 1:31 - A: b", Layout::Dash, "A: b"),
            ("[3/27/22, 21:41:35] A: b", Layout::Bracket, "A: b"),
            ("[1/29/18, 11:46:03 PM] A: b", Layout::Bracket, "A: b"),
            ("[14.03.2025, 19:05:11] A: b", Layout::Bracket, "A: b"),
            ("[12.01.25, 11:01:18] A: b", Layout::Bracket, "A: b"),
            ("[22.4.2026, 20.20.13] A: b", Layout::Bracket, "A: b"),
            ("[3/18/22 14:56:00] A: b", Layout::Bracket, "A: b"),
            ("[26/01/21 21.05.53] A: b", Layout::Bracket, "A: b"),
            ("\u{200E}[3/27/22, 21:41:55] A: b", Layout::Bracket, "A: b"),
            ("4/26/16, 4:23:03 PM: A: b", Layout::Colon, "A: b"),
            ("09/12/2014 17:03:48: A: b", Layout::Colon, "A: b"),
            ("\u{FEFF}12.03.2025, 21:40 - A: b", Layout::Dash, "A: b"),
            ("[01/01/19 11:25] A: b", Layout::Bracket, "A: b"),
        ];
        for &(line, layout, rest) in cases {
            let h = header(line);
            assert_eq!(h.profile.layout, layout, "{line}");
            assert_eq!(&line[h.body..], rest, "{line}");
        }
    }

    #[test]
    fn header_values_and_meridiem() {
        let h = header("3/14/25, 7:05\u{202F}PM - A: b");
        assert_eq!(
            (h.d, h.hh, h.mi, h.meridiem),
            ([3, 14, 25], 7, 5, Meridiem::Pm)
        );
        assert!(h.upper_ampm);
        let h = header("3/6/18, 1:55 p.\u{A0}m. - A: b");
        assert_eq!(h.meridiem, Meridiem::Pm);
        assert!(!h.upper_ampm);
        let h = header("2022. 03. 23. du. 1:31 - A: b");
        assert_eq!(
            (h.d, h.meridiem, h.profile.mid),
            ([2022, 3, 23], Meridiem::Pm, true)
        );
        let h = header("13.6.2018 klo 21.25.15 - A: b");
        assert_eq!((h.hh, h.mi, h.ss, h.meridiem), (21, 25, 15, Meridiem::None));
        assert!(h.profile.seconds && h.profile.mid);
    }

    #[test]
    fn not_headers() {
        for line in [
            "",
            "hello",
            "12:30 - lunch",
            "12.03 - x",
            "12.03/2025, 18:00 - A: b",
            "[\u{200F}27\u{200F}/3\u{200F}/2022\u{60C} 21:41:35] A: b",
            "[٢٧/٣/٢٠٢٢، ٩:٤١:٥٥ م] A: b",
            "19:23, 28 Aug 2013 - A: b",
            "12345.03.2025, 18:00 - A: b",
            "12.03.2025, 18:0 - A: b",
            "12.03.2025;18:00 - A: b",
        ] {
            assert!(match_header(line).is_none(), "{line:?}");
        }
    }

    #[test]
    fn date_order_detected_by_scanning() {
        // First line is ambiguous (03/04), a later one says day first (25/04).
        let c = parse_ok("03/04/2024, 10:00 - A: x\n25/04/2024, 10:00 - A: y\n");
        assert_eq!(
            c.messages[0].timestamp.as_deref(),
            Some("2024-04-03T10:00:00")
        );
        // A second field > 12 says month first.
        let c = parse_ok("03/04/2024, 10:00 - A: x\n04/25/2024, 10:00 - A: y\n");
        assert_eq!(
            c.messages[0].timestamp.as_deref(),
            Some("2024-03-04T10:00:00")
        );
        // All ≤ 12: the field that decreases within a year is the day.
        let c = parse_ok(
            "10/01/2024, 10:00 - A: x\n11/01/2024, 10:00 - A: y\n02/02/2024, 10:00 - A: z\n\
             09/02/2024, 10:00 - A: x\n01/03/2024, 10:00 - A: y\n",
        );
        assert_eq!(
            c.messages[0].timestamp.as_deref(),
            Some("2024-01-10T10:00:00")
        );
        // Fully ambiguous, dot separator: day first.
        let c = parse_ok("03.04.2024, 10:00 - A: x\n");
        assert_eq!(
            c.messages[0].timestamp.as_deref(),
            Some("2024-04-03T10:00:00")
        );
        // Fully ambiguous slash with plain 24 h clock: day first (kk/ru default).
        let c = parse_ok("03/04/24, 10:00 - A: x\n");
        assert_eq!(
            c.messages[0].timestamp.as_deref(),
            Some("2024-04-03T10:00:00")
        );
        // en-US hint: slash, upper-case PM, 2-digit year.
        let c = parse_ok("3/4/24, 1:00\u{202F}PM - A: x\n");
        assert_eq!(
            c.messages[0].timestamp.as_deref(),
            Some("2024-03-04T13:00:00")
        );
        // Year first.
        let c = parse_ok("2019-05-02, 11:23 a.m. - A: x\n");
        assert_eq!(
            c.messages[0].timestamp.as_deref(),
            Some("2019-05-02T11:23:00")
        );
    }

    #[test]
    fn twelve_hour_edges() {
        let c = parse_ok(
            "3/14/25, 12:03\u{202F}AM - A: x\n3/14/25, 12:30\u{202F}PM - A: y\n\
             3/14/25, 0:24\u{202F}PM - A: z\n",
        );
        let t: Vec<_> = c.messages.iter().map(|m| m.timestamp.as_deref()).collect();
        assert_eq!(
            t,
            [
                Some("2025-03-14T00:03:00"),
                Some("2025-03-14T12:30:00"),
                Some("2025-03-14T12:24:00")
            ]
        );
        // Impossible date: the message stays, without a time.
        let c = parse_ok("31.02.2024, 10:00 - A: x\n");
        assert_eq!(c.messages[0].timestamp, None);
        assert_eq!(c.messages[0].text, "x");
    }

    #[test]
    fn multi_line_crlf_and_preamble() {
        let c = parse_ok(
            "garbage line\r\n\r\n12.03.2025, 21:40 - Мама: one\r\ntwo\r\n\r\nthree\r\n\
             12.03.2025, 21:41 - Айдар: ok",
        );
        assert_eq!(c.messages.len(), 2);
        assert_eq!(c.messages[0].text, "one\ntwo\n\nthree");
        assert_eq!(c.messages[1].text, "ok");
        assert_eq!(c.notes, vec![ReadNote::LinesSkipped { count: 1 }]);
        assert_eq!(c.format, SourceFormat::WhatsappAndroidTxt);
    }

    #[test]
    fn no_header_is_no_messages() {
        let e = parse("just text\nmore", p(), &ReadControl::default());
        assert!(matches!(
            e,
            Err(Error::Format {
                kind: FormatProblem::NoMessages,
                ..
            })
        ));
        // Headers with only system lines: an empty conversation, not an error.
        let c = parse_ok("12.03.2025, 21:40 - Сообщения и звонки защищены сквозным шифрованием.\n");
        assert_eq!((c.messages.len(), c.system_lines), (0, 1));
    }

    #[test]
    fn system_lines_en_ru_kk() {
        let bodies = [
            "Dmitry S created group \"Group Chat\"",
            "Dmitry S added you",
            "You changed the subject from \"A: B\" to \"C\"",
            "Айгуль Сериковна добавил(а) вас",
            "Айгуль Сериковна удалил(а) Мама Алинура",
            "Мама Алинура вышел(-ла)",
            "\u{200E}Ольга добавил(-а) контакт +7 909 555-55-55",
            "Осы чатқа жөнелтілген хаттар және қоңыраулар толығымен шифрлау арқылы қауіпсіз етілді.",
            "Әже топқа қосты",
            "Dmitry S: Hello all",
            "Dmitry S: Missed voice call",
            "Dmitry S: Пропущенный аудиозвонок",
            "Dmitry S: Жауапсыз қоңырау",
        ];
        let text: String = bodies
            .iter()
            .map(|b| format!("02.04.25, 10:01 - {b}\n"))
            .collect();
        let c = parse_ok(&text);
        assert_eq!(c.messages.len(), 1, "{:?}", c.messages);
        assert_eq!(c.system_lines, 12);
        // iOS: app lines attributed to the chat's name start with LRM.
        let text = "\
[1/11/23, 16:11:21] Group: \u{200E}Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.\r
[4/28/22, 20:17:30] Elon Musk: \u{200E}\u{200E}Your security code with Elon changed. \u{200E}Tap to learn more.\r
[4/28/22, 20:17:31] Elon Musk: \u{200E}\u{200E}Ваш код безопасности с контактом Elon изменился. \u{200E}Подробнее.\r
[4/28/22, 20:17:32] \u{200E}Марат сменил(-а) номер телефона. В данный момент вы переписываетесь, используя новый номер этого контакта.\r
[4/28/22, 20:17:33] ~\u{202F}Maija: \u{200E}~\u{202F}Maija changed this group's icon\r
[4/28/22, 20:17:34] Elon Musk: Messages and calls are end-to-end encrypted, he wrote\r
";
        let c = parse_ok(text);
        assert_eq!(
            (c.messages.len(), c.system_lines),
            (1, 5),
            "{:?}",
            c.messages
        );
        assert_eq!(c.format, SourceFormat::WhatsappIosTxt);
    }

    fn one(body: &str) -> Message {
        let c = parse_ok(&format!("12.03.2025, 21:40 - Мама: {body}\n"));
        assert_eq!(c.messages.len(), 1, "{body:?}");
        c.messages.into_iter().next().unwrap_or_default()
    }

    fn one_ios(body: &str) -> Message {
        let c = parse_ok(&format!("\u{200E}[3/27/22, 21:41:55] Dmitry S: {body}\r\n"));
        assert_eq!(c.messages.len(), 1, "{body:?}");
        c.messages.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn placeholders_en_ru_kk() {
        let cases: &[(&str, Option<MediaKind>, &str)] = &[
            ("<Media omitted>", Some(MediaKind::Other), ""),
            ("<Без медиафайлов>", Some(MediaKind::Other), ""),
            ("<Файл пропущен>", Some(MediaKind::Other), ""),
            ("<Файл қосылған жоқ>", Some(MediaKind::Other), ""),
            ("<Файлдар қосылмаған>", Some(MediaKind::Other), ""),
            (
                "<Media omitted>\nCaption",
                Some(MediaKind::Other),
                "Caption",
            ),
            (
                "PTT-20220323-WA0000.opus (file attached)",
                Some(MediaKind::Voice),
                "",
            ),
            (
                "\u{200E}IMG-20250301-WA0007.jpg (файл добавлен)\nВот список",
                Some(MediaKind::Photo),
                "Вот список",
            ),
            (
                "\u{200E}IMG-20250402-WA0011.jpg (қосымша файл)",
                Some(MediaKind::Photo),
                "",
            ),
            (
                "STK-20220323-WA0003.webp (file attached)",
                Some(MediaKind::Sticker),
                "",
            ),
            (
                "VID-20220327-WA0001.mp4 (file attached)",
                Some(MediaKind::Video),
                "",
            ),
            ("Alex.vcf (file attached)", Some(MediaKind::Other), ""),
            (
                "\u{200E}Договор.pdf (файл добавлен)",
                Some(MediaKind::Document),
                "",
            ),
            ("This message was deleted", None, ""),
            ("You deleted this message", None, ""),
            ("Данное сообщение удалено", None, ""),
            ("Вы удалили данное сообщение", None, ""),
            ("Бұл хат жойылды", None, ""),
            ("null", Some(MediaKind::Other), ""),
            (
                "location: https://maps.google.com/?q=1,2",
                Some(MediaKind::Other),
                "",
            ),
            (
                "местоположение: https://maps.google.com/?q=1,2",
                Some(MediaKind::Other),
                "",
            ),
            (
                "орналасуы: https://maps.google.com/?q=1,2",
                Some(MediaKind::Other),
                "",
            ),
            (
                "location: https://evil.example.invalid/x",
                None,
                "location: https://evil.example.invalid/x",
            ),
            ("live location shared", Some(MediaKind::Other), ""),
            (
                "don't tell dad yet <This message was edited>",
                None,
                "don't tell dad yet",
            ),
            ("Привет <Это сообщение изменено>", None, "Привет"),
            ("my <Media omitted> joke", None, "my <Media omitted> joke"),
        ];
        for &(body, media, text) in cases {
            let m = one(body);
            assert_eq!((m.media, m.text.as_str()), (media, text), "{body:?}");
        }
        let ios: &[(&str, Option<MediaKind>, &str)] = &[
            ("\u{200E}image omitted", Some(MediaKind::Photo), ""),
            ("\u{200E}audio omitted", Some(MediaKind::Voice), ""),
            ("\u{200E}sticker omitted", Some(MediaKind::Sticker), ""),
            ("\u{200E}video omitted", Some(MediaKind::Video), ""),
            ("\u{200E}GIF omitted", Some(MediaKind::Sticker), ""),
            ("\u{200E}Contact card omitted", Some(MediaKind::Other), ""),
            (
                "Some file.txt \u{200E}document omitted",
                Some(MediaKind::Document),
                "",
            ),
            (
                "Resume.pdf • \u{200E}2 pages \u{200E}document omitted",
                Some(MediaKind::Document),
                "",
            ),
            ("\u{200E}аудиофайл отсутствует", Some(MediaKind::Voice), ""),
            ("\u{200E}аудио отсутствует", Some(MediaKind::Voice), ""),
            (
                "\u{200E}изображение отсутствует",
                Some(MediaKind::Photo),
                "",
            ),
            ("\u{200E}стикер не добавлен", Some(MediaKind::Sticker), ""),
            (
                "\u{200E}<attached: 00000038-AUDIO-2022-03-27-21-44-47.opus>",
                Some(MediaKind::Voice),
                "",
            ),
            (
                "\u{200E}<attached: 00000035-PHOTO-2022-03-27-21-41-55.jpg>",
                Some(MediaKind::Photo),
                "",
            ),
            (
                "\u{200E}<attached: 00000051-GIF-2022-03-27-21-51-57.mp4>",
                Some(MediaKind::Sticker),
                "",
            ),
            (
                "\u{200E}<прикреплено: 00000031-PHOTO-2025-04-02-20-11-30.jpg>",
                Some(MediaKind::Photo),
                "",
            ),
            (
                "Statement.pdf • \u{200E}1 page \u{200E}<attached: 00000009-Statement.pdf>",
                Some(MediaKind::Document),
                "",
            ),
            ("\u{200E}<attached: >", Some(MediaKind::Other), ""),
            (
                "\u{200E}<attached: \n00000035-PHOTO-2022-03-27-21-4\n1-55.jpg>",
                Some(MediaKind::Photo),
                "",
            ),
            ("\u{200E}This message was deleted.", None, ""),
            ("\u{200E}Данное сообщение удалено админом.", None, ""),
            (
                "\u{200E}Location: https://maps.google.com/?q=51.5,-0.1",
                Some(MediaKind::Other),
                "",
            ),
            ("<\u{200E}image omitted>", Some(MediaKind::Photo), ""),
            (
                "2016-04-26-AUDIO-00000012.opus <\u{200E}attached>",
                Some(MediaKind::Voice),
                "",
            ),
            (
                "I have an image omitted here",
                None,
                "I have an image omitted here",
            ),
        ];
        for &(body, media, text) in ios {
            let m = one_ios(body);
            assert_eq!((m.media, m.text.as_str()), (media, text), "{body:?}");
        }
    }

    #[test]
    fn senders() {
        let c = parse_ok(
            "[02.04.2025, 20:11:09] \u{202A}+7\u{A0}777\u{A0}123\u{A0}4567\u{202C}: a\r\n\
             [02.04.2025, 20:11:10] ~\u{202F}Гульнар: b\r\n\
             [02.04.2025, 20:11:11] :abdullahSams: c\r\n\
             [02.04.2025, 20:11:12] John-John Doe: Lorem ipsum : dolor\r\n\
             [02.04.2025, 20:11:13] John Doe:\r\n",
        );
        let s: Vec<_> = c
            .messages
            .iter()
            .map(|m| m.sender.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            s,
            [
                "+7\u{A0}777\u{A0}123\u{A0}4567",
                "Гульнар",
                ":abdullahSams",
                "John-John Doe",
                "John Doe"
            ]
        );
        assert_eq!(c.messages[3].text, "Lorem ipsum : dolor");
        assert_eq!(c.messages[4].text, "");
    }

    #[test]
    fn tentative_author_needs_to_write_elsewhere() {
        let c = parse_ok(
            "01/01/2019, 11:25 - John Doe: Lorem\n01/20/2019, 11:23 - John Doe:.\n\
             01/21/2019, 11:23 - X changed the icon:big\n",
        );
        assert_eq!((c.messages.len(), c.system_lines), (2, 1));
        assert_eq!(c.messages[1].text, ".");
    }

    #[test]
    fn profile_vote_rejects_typed_headers() {
        let c = parse_ok(
            "12.03.2025, 21:40 - Мама: Собрание:\n12.03.2025 в 18:00 - встреча\n\
             12.03.2025, 21:41 - Айдар: ок\n",
        );
        assert_eq!(c.messages.len(), 2);
        assert_eq!(
            c.messages[0].text,
            "Собрание:\n12.03.2025 в 18:00 - встреча"
        );
    }

    #[test]
    fn looks_like_cases() {
        assert!(looks_like("12.03.2025, 21:40 - Мама: hi\n"));
        assert!(looks_like(
            "[3/27/22, 21:41:35] Dmitry S: Hello\r\n[3/27/22, 21:41:36] E: x\r\n"
        ));
        assert!(!looks_like("12.03.2025 в 18:00 - собрание в школе"));
        assert!(!looks_like("Здравствуйте! Назовите код из SMS.\nСпасибо"));
        assert!(!looks_like(""));
    }

    #[test]
    fn progress_and_cancel() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let mut text = String::new();
        for i in 0..60_000 {
            text.push_str(&format!("12.03.2025, 21:40 - Мама: message number {i}\n"));
        }
        let calls = AtomicUsize::new(0);
        let progress = |_: u64, _: u64| {
            calls.fetch_add(1, Ordering::Relaxed);
        };
        let ctl = ReadControl {
            progress: Some(&progress),
            cancel: None,
        };
        let c = match parse(&text, p(), &ctl) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(c.messages.len(), 60_000);
        assert!(calls.load(Ordering::Relaxed) >= 2);
        let stop = AtomicBool::new(true);
        let ctl = ReadControl {
            progress: None,
            cancel: Some(&stop),
        };
        assert!(matches!(
            parse(&text, p(), &ctl),
            Err(Error::Cancelled { .. })
        ));
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn zip_picks_chat_and_marks_voice_from_archive() {
        let chat = "14.03.2025, 19:05 - Айдар: \u{200E}PTT-20250314-WA0007.opus (файл бар)\n\
                    14.03.2025, 19:06 - Айдар: 00000009-AUD-x.m4a\n\
                    14.03.2025, 19:07 - Айдар: Мам, срочно\n";
        let bytes = zip_of(&[
            ("notes.txt", b"not a chat"),
            ("WhatsApp Chat with \u{A0}Aidar.txt", chat.as_bytes()),
            ("PTT-20250314-WA0007.opus", b"x"),
            ("00000009-AUD-x.m4a", b"x"),
        ]);
        let (c, enc) = match read_zip(&bytes, Path::new("a.zip"), &ReadControl::default()) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(enc, "utf-8");
        assert_eq!(c.container, Some(Container::Zip));
        let media: Vec<_> = c.messages.iter().map(|m| m.media).collect();
        assert_eq!(
            media,
            [Some(MediaKind::Voice), Some(MediaKind::Voice), None]
        );
        assert_eq!(c.messages[0].text, "");
    }

    #[test]
    fn zip_errors() {
        let ctl = ReadControl::default();
        let e = read_zip(b"PK\x03\x04garbage", Path::new("a.zip"), &ctl);
        assert!(matches!(
            e,
            Err(Error::Format {
                kind: FormatProblem::BadArchive,
                ..
            })
        ));
        let bytes = zip_of(&[("a.jpg", b"x")]);
        let e = read_zip(&bytes, Path::new("a.zip"), &ctl);
        assert!(matches!(
            e,
            Err(Error::Format {
                kind: FormatProblem::NoChatInZip,
                ..
            })
        ));
    }

    #[test]
    fn zip_text_limit_gives_partial_result() {
        let line = "14.03.2025, 19:05 - Айдар: срочно переведи деньги\n";
        let chat = line.repeat(200_000); // ~11 MB, compresses to almost nothing
        let bytes = zip_of(&[("_chat.txt", chat.as_bytes())]);
        let r = read_zip_limited(
            &bytes,
            Path::new("a.zip"),
            &ReadControl::default(),
            100,
            1 << 20,
        );
        let (c, _) = match r {
            Ok((c, e)) => (c.into_conversation(), e),
            Err(e) => panic!("{e}"),
        };
        assert!(c.notes.contains(&ReadNote::ZipLimit));
        assert!(!c.messages.is_empty() && c.messages.len() < 200_000);
    }

    #[test]
    fn zip_with_lying_sizes_stops_at_the_limit() {
        let line = "14.03.2025, 19:05 - Айдар: срочно переведи деньги\n";
        let chat = line.repeat(200_000); // ~11 MB
        let mut bytes = zip_of(&[("_chat.txt", chat.as_bytes())]);
        // Both headers claim 100 bytes of text.
        for i in 0..bytes.len().saturating_sub(28) {
            let field = match &bytes[i..i + 4] {
                b"PK\x03\x04" => i + 22,
                b"PK\x01\x02" => i + 24,
                _ => continue,
            };
            bytes[field..field + 4].copy_from_slice(&100u32.to_le_bytes());
        }
        let limit = 1u64 << 20;
        let r = read_zip_limited(
            &bytes,
            Path::new("a.zip"),
            &ReadControl::default(),
            100,
            limit,
        );
        let (c, _) = match r {
            Ok((c, e)) => (c.into_conversation(), e),
            Err(e) => panic!("{e}"),
        };
        assert!(c.notes.contains(&ReadNote::ZipLimit));
        // What was inflated and read is the limit, not the 11 MB inside.
        let read: usize = c.messages.iter().map(|m| m.text.len() + 30).sum();
        assert!(
            read as u64 <= limit,
            "{read} bytes of messages from a {limit}-byte limit"
        );
        assert!(c.messages.len() > 1000);
    }

    #[test]
    fn zip_entry_limit() {
        let names: Vec<String> = (0..50).map(|i| format!("IMG-{i}.jpg")).collect();
        let mut entries: Vec<(&str, &[u8])> = vec![("_chat.txt", b"12.03.2025, 21:40 - A: b\n")];
        entries.extend(names.iter().map(|n| (n.as_str(), &b"x"[..])));
        let bytes = zip_of(&entries);
        let r = read_zip_limited(
            &bytes,
            Path::new("a.zip"),
            &ReadControl::default(),
            10,
            1 << 20,
        );
        let (c, _) = match r {
            Ok((c, e)) => (c.into_conversation(), e),
            Err(e) => panic!("{e}"),
        };
        assert!(c.notes.contains(&ReadNote::ZipLimit));
        assert_eq!(c.messages.len(), 1);
    }

    #[test]
    fn cp437_entry_names() {
        // A name without the UTF-8 flag whose bytes are not UTF-8 (CP437 "Чат" is impossible,
        // so use high CP437 bytes): must not panic, and `.txt` is still found.
        let mut bytes = zip_of(&[("chat\u{e9}.txt", b"12.03.2025, 21:40 - A: b\n")]);
        // Replace the UTF-8 'é' (C3 A9) by a lone CP437 byte 0x82 plus a filler, and clear
        // the UTF-8 flag (bit 11 of the general-purpose flags) in both headers.
        for i in 0..bytes.len().saturating_sub(1) {
            if bytes[i] == 0xC3 && bytes[i + 1] == 0xA9 {
                bytes[i] = 0x82;
                bytes[i + 1] = b'_';
            }
        }
        for i in 0..bytes.len().saturating_sub(8) {
            let sig = &bytes[i..i + 4];
            if sig == b"PK\x03\x04" {
                bytes[i + 7] &= !0x08;
            } else if sig == b"PK\x01\x02" {
                bytes[i + 9] &= !0x08;
            }
        }
        let r = read_zip(&bytes, Path::new("a.zip"), &ReadControl::default());
        if let Ok((c, _)) = r {
            assert_eq!(c.messages.len(), 1);
        }
    }

    #[test]
    fn a_missed_call_with_byte_order_marks_inside_is_a_system_line_in_both_passes() {
        // 41 BOMs make the written line 140 bytes; without them it is a missed call.
        let raw = format!("Missed{} voice call", "\u{FEFF}".repeat(41));
        assert!(matches!(
            classify(&normalize_body(&raw), "A", None),
            Class::System
        ));
        assert!(may_be_system(&raw));
        let text = format!(
            "12.03.2025, 21:40 - A: hello\n12.03.2025, 21:41 - A: {raw}\n12.03.2025, 21:42 - B: hi\n"
        );
        let stream = parse_streamed(text, p(), &ReadControl::default()).expect("parses");
        let promised = stream.len();
        let (head, messages) = stream.into_parts();
        assert_eq!(head.system_lines, 1);
        assert_eq!((promised, messages.count()), (2, 2));
    }

    proptest::proptest! {
        /// The first pass's shortcut never takes a system line for a message: whenever
        /// `may_be_system` says no, the full classification does not find a system line.
        #[test]
        fn a_body_may_be_system_only_says_no_for_messages(
            picks in proptest::collection::vec(0usize..SYSTEM_PIECES.len(), 0..8),
        ) {
            let raw: String = picks.iter().map(|&i| SYSTEM_PIECES[i]).collect();
            if !may_be_system(&raw) {
                let body = normalize_body(&raw);
                proptest::prop_assert!(
                    !matches!(classify(&body, "Maija", None), Class::System),
                    "{raw:?}"
                );
            }
        }
    }

    /// Pieces of bodies near the system-line rules: missed calls (as written, in capitals,
    /// with a dot, cut in two), the app's direction marks, BOMs, line ends, system keywords, an actor's
    /// name, media placeholders and ordinary words.
    const SYSTEM_PIECES: &[&str] = &[
        "Missed voice call",
        "missed video call",
        "MISSED GROUP VOICE CALL",
        "Пропущенный аудиозвонок",
        "жауапсыз қоңырау",
        "Жауапсыз видео қоңырау",
        "zmeškaný hovor",
        "Missed",
        " voice call",
        "\u{200E}",
        "\u{200F}",
        "\u{FEFF}",
        // Forty-one BOMs: 123 bytes that normalization removes.
        "\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}\u{FEFF}",
        "\r",
        "\n",
        "\r\n",
        " ",
        "\u{A0}",
        ".",
        "~ ",
        "Maija",
        "Maija changed this group's icon",
        "security code changed",
        "Messages and calls are end-to-end encrypted",
        "image omitted",
        "<Media omitted>",
        "Привет",
        "пап",
        "мама, позвони",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ];
}

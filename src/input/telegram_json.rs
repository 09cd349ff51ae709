//! Telegram Desktop JSON exports (`result.json`) → a [`Conversation`].
//!
//! Owns the reading of both top-level shapes (one chat; a full account export with
//! `chats.list` / `left_chats.list`), the `\xNN` escape repair, and recovery of the complete
//! messages of a truncated or damaged file. Works on text already decoded; never touches the
//! file system and never calls the engine.
//!
//! The document is walked by a small tolerant reader: the structure around the `messages`
//! arrays (objects, keys, commas) is stepped through here, and each message (or skipped
//! value) is parsed by `serde_json` on its own, borrowing strings from the input. So a file
//! cut anywhere still gives every message that was complete, and a 100 MB export is never
//! held as a `serde_json::Value`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::error::Category;

use crate::conversation::{
    AccountEvent, AccountEventKind, Conversation, ConversationStream, HiddenLink, MediaKind,
    Message, MessageExtra, ReadNote, SourceFormat, Timestamp,
};
use crate::error::{Error, FormatProblem};
use crate::input::ReadControl;

/// How much of the start of a file [`looks_like`] reads (FORMATS.md §7: at most 64 KiB).
const SNIFF_BYTES: usize = 64 * 1024;

/// Progress is reported and cancellation checked after this many messages.
const BATCH: usize = 1024;

/// True when `text` looks like a Telegram Desktop JSON export: it opens (after white space
/// or a BOM) with `{` and names `messages`, `chats` or `personal_information` near the top.
/// A cheap sniff; [`parse`] decides for sure.
pub fn looks_like(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c == '\u{FEFF}' || c.is_whitespace());
    if !t.starts_with('{') {
        return false;
    }
    let head = &t.as_bytes()[..t.len().min(SNIFF_BYTES)];
    [
        b"\"messages\"".as_slice(),
        b"\"chats\"".as_slice(),
        b"\"personal_information\"".as_slice(),
    ]
    .iter()
    .any(|key| head.windows(key.len()).any(|w| w == *key))
}

/// Read a Telegram Desktop JSON export (one chat or a full account export) as one
/// conversation, messages in file order.
///
/// Service records (`"type": "service"`) and unsupported messages are counted in
/// `system_lines`. A full export reads every chat, tags each message with its chat's name
/// and adds [`ReadNote::ChatsRead`]. A truncated or damaged file gives the messages that were
/// complete plus [`ReadNote::Truncated`]. Errors: [`FormatProblem::NotTelegramJson`] for
/// other JSON (or not JSON at all), [`FormatProblem::NoMessages`] for an export without
/// messages, [`Error::Cancelled`] when `ctl` asks to stop.
pub fn parse(text: &str, path: &Path, ctl: &ReadControl) -> Result<Conversation, Error> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let repaired = repair_x_escapes(text);
    let (out, notes) = walk(&repaired, path, ctl, true)?;
    Ok(Conversation {
        format: SourceFormat::TelegramJson,
        messages: out.messages,
        system_lines: out.system_lines,
        container: None,
        notes,
        events: out.events,
    })
}

/// Like [`parse`], but each message is made only when the stream is read: a first walk
/// learns everything but the messages (their number, the system lines and account events,
/// where each `messages` array starts and which chat it belongs to) and keeps none; the
/// stream then walks those arrays again. What is held is the text and a few batches of
/// messages, not a copy of every message (a 70 MB export peaks at 1.31× its size checked
/// this way, 1.78× read whole). Gives the same conversation as [`parse`].
pub fn parse_streamed(
    text: String,
    path: &Path,
    ctl: &ReadControl,
) -> Result<ConversationStream, Error> {
    let bom = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let (text, base) = match repair_x_escapes(text.get(bom..).unwrap_or_default()) {
        Cow::Borrowed(_) => (text, bom),
        Cow::Owned(repaired) => (repaired, 0),
    };
    let json = text.get(base..).unwrap_or_default();
    let (out, notes) = walk(json, path, ctl, false)?;
    let head = Conversation {
        format: SourceFormat::TelegramJson,
        messages: Vec::new(),
        system_lines: out.system_lines,
        container: None,
        notes,
        events: out.events,
    };
    let messages = StreamedMessages {
        text,
        base,
        arrays: out.arrays,
        labels: out.labels,
        next_array: 0,
        at: None,
    };
    Ok(ConversationStream::new(head, out.count, messages))
}

/// The walk of [`parse`] and of [`parse_streamed`]'s first pass over `json` (no BOM, `\x`
/// repaired); `keep` keeps the messages. What it found and the notes to give.
fn walk(
    json: &str,
    path: &Path,
    ctl: &ReadControl,
    keep: bool,
) -> Result<(Collected, Vec<ReadNote>), Error> {
    let mut reader = Reader {
        w: Walker { text: json, pos: 0 },
        out: Collected {
            keep,
            ..Collected::default()
        },
        ctl,
        chat: None,
    };
    let stop = match reader.w.peek() {
        Some(b'{') => reader.top().err(),
        _ => {
            return Err(format_error(
                path,
                FormatProblem::NotTelegramJson,
                "not a JSON object",
            ));
        }
    };
    let out = reader.out;
    if matches!(stop, Some(Stop::Cancelled)) {
        return Err(Error::Cancelled {
            path: path.to_path_buf(),
        });
    }
    let truncated = stop.is_some();
    if out.count == 0 {
        let looks_telegram = out.saw_structure && (out.system_lines > 0 || out.foreign == 0);
        return Err(if looks_telegram {
            format_error(
                path,
                FormatProblem::NoMessages,
                if truncated {
                    "Telegram export ends before its first message"
                } else {
                    "Telegram export without messages"
                },
            )
        } else {
            format_error(
                path,
                FormatProblem::NotTelegramJson,
                if truncated {
                    "damaged JSON without Telegram messages"
                } else {
                    "JSON, but not a Telegram export"
                },
            )
        });
    }
    let mut notes = Vec::new();
    if out.full_export {
        notes.push(ReadNote::ChatsRead {
            count: out.chats_read,
        });
    }
    if out.foreign > 0 {
        notes.push(ReadNote::LinesSkipped { count: out.foreign });
    }
    if truncated {
        notes.push(ReadNote::Truncated);
    }
    ctl.report(json.len() as u64, json.len() as u64);
    Ok((out, notes))
}

/// The messages of a [`parse_streamed`] export, made one by one: the `messages` arrays the
/// first walk found are walked again, element by element, with the same decisions (what is
/// a message, where the damage stops the reading).
struct StreamedMessages {
    text: String,
    /// Where the JSON starts in `text` (after a BOM).
    base: usize,
    /// The `messages` arrays: where each starts (its `[`), relative to `base`, and its
    /// chat (an index into `labels`).
    arrays: Vec<(usize, Option<usize>)>,
    labels: Vec<Option<String>>,
    next_array: usize,
    /// Inside an array: where its next element starts; `None` between arrays.
    at: Option<usize>,
}

impl Iterator for StreamedMessages {
    type Item = Message;

    fn next(&mut self) -> Option<Message> {
        let StreamedMessages {
            text,
            base,
            arrays,
            labels,
            next_array,
            at,
        } = self;
        let json = text.get(*base..)?;
        loop {
            let pos = match *at {
                Some(pos) => pos,
                None => {
                    let &(start, _) = arrays.get(*next_array)?;
                    *next_array += 1;
                    let mut w = Walker {
                        text: json,
                        pos: start,
                    };
                    match w.open(b'[', b']') {
                        Ok(false) => w.pos,
                        Ok(true) => continue,
                        // The first walk stopped here too.
                        Err(_) => {
                            *next_array = arrays.len();
                            return None;
                        }
                    }
                }
            };
            // The array being read is the last one taken.
            let chat = next_array
                .checked_sub(1)
                .and_then(|i| arrays.get(i))
                .and_then(|a| a.1);
            let mut w = Walker { text: json, pos };
            let message = match w.value::<RawMessage>() {
                Ok(raw) => raw.is_message().then(|| raw.into_message()),
                // Not a message's shape: skipped, as the first walk skipped it.
                Err(ValueError::Shape) => {
                    w.pos = pos;
                    if w.skip().is_err() {
                        *next_array = arrays.len();
                        *at = None;
                        return None;
                    }
                    None
                }
                // Damage: the first walk stopped here too.
                Err(ValueError::Stop(_)) => {
                    *next_array = arrays.len();
                    *at = None;
                    return None;
                }
            };
            match w.next_or_close(b']') {
                Ok(true) => *at = Some(w.pos),
                Ok(false) => *at = None,
                // Damage after a complete element: the first walk counted it and read
                // nothing after it.
                Err(_) => {
                    *at = None;
                    *next_array = arrays.len();
                }
            }
            if let Some(mut m) = message {
                if let Some(label) = chat.and_then(|c| labels.get(c)).cloned().flatten() {
                    m.set_chat(label);
                }
                return Some(m);
            }
        }
    }
}

fn format_error(path: &Path, kind: FormatProblem, reason: &str) -> Error {
    Error::Format {
        path: path.to_path_buf(),
        reason: reason.to_string(),
        kind,
    }
}

/// FORMATS.md §2.4: Telegram writes control characters as `\xNN`, which is not JSON. Inside
/// string literals, a `\x` that follows an odd run of backslashes becomes `\u00`; `\\x` (an
/// escaped backslash and a letter) stays. Borrows when there is nothing to repair.
fn repair_x_escapes(text: &str) -> Cow<'_, str> {
    if !text.contains("\\x") {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 64);
    let mut flushed = 0;
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                in_string = !in_string;
                i += 1;
            }
            b'\\' if in_string => {
                // An escape pair: consuming it whole keeps the parity of backslash runs.
                if bytes.get(i + 1) == Some(&b'x') {
                    out.push_str(&text[flushed..i]);
                    out.push_str("\\u00");
                    flushed = i + 2;
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[flushed..]);
    Cow::Owned(out)
}

/// Why the walk stopped before the end of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The text ends in the middle of a value.
    Eof,
    /// Not valid JSON here (a damaged file).
    Broken,
    /// The user cancelled.
    Cancelled,
}

/// Why one value could not be read.
enum ValueError {
    /// Syntax error or end of text: the walk cannot go on.
    Stop(Stop),
    /// Well-formed JSON of an unexpected shape: the value can be skipped.
    Shape,
}

/// A cursor over the JSON text that steps through structure and hands single values to
/// `serde_json`.
struct Walker<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Walker<'a> {
    /// Skip white space and return the next byte, if any.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                return Some(b);
            }
        }
        None
    }

    /// Consume `expected` (after white space).
    fn eat(&mut self, expected: u8) -> Result<(), Stop> {
        match self.peek() {
            None => Err(Stop::Eof),
            Some(b) if b == expected => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(Stop::Broken),
        }
    }

    /// Parse one value starting here and move past it.
    fn value<T: Deserialize<'a>>(&mut self) -> Result<T, ValueError> {
        // `pos` only ever moves past ASCII structure bytes or whole values, so it is always
        // on a char boundary; `get` keeps that an invariant rather than a panic.
        let Some(rest) = self.text.get(self.pos..) else {
            return Err(ValueError::Stop(Stop::Broken));
        };
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        match stream.next() {
            None => Err(ValueError::Stop(Stop::Eof)),
            Some(Ok(v)) => {
                self.pos += stream.byte_offset();
                Ok(v)
            }
            Some(Err(e)) => Err(match e.classify() {
                Category::Eof => ValueError::Stop(Stop::Eof),
                Category::Data => ValueError::Shape,
                Category::Syntax | Category::Io => ValueError::Stop(Stop::Broken),
            }),
        }
    }

    /// Skip one value of any shape.
    fn skip(&mut self) -> Result<(), Stop> {
        match self.value::<IgnoredAny>() {
            Ok(_) => Ok(()),
            Err(ValueError::Stop(s)) => Err(s),
            // IgnoredAny accepts every shape; treat the impossible like damage.
            Err(ValueError::Shape) => Err(Stop::Broken),
        }
    }

    /// Read an object key and the `:` after it.
    fn key(&mut self) -> Result<Cow<'a, str>, Stop> {
        if self.peek() != Some(b'"') {
            return Err(if self.peek().is_none() {
                Stop::Eof
            } else {
                Stop::Broken
            });
        }
        let key = match self.value::<Loose<'a>>() {
            Ok(Loose(Some(k))) => k,
            Ok(Loose(None)) | Err(ValueError::Shape) => return Err(Stop::Broken),
            Err(ValueError::Stop(s)) => return Err(s),
        };
        self.eat(b':')?;
        Ok(key)
    }

    /// After a member or element: consume `,` (→ true, more follow) or `close` (→ false).
    fn next_or_close(&mut self, close: u8) -> Result<bool, Stop> {
        match self.peek() {
            None => Err(Stop::Eof),
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            Some(_) => Err(Stop::Broken),
        }
    }

    /// Consume `open`; true when the container is empty (its `close` consumed too).
    fn open(&mut self, open: u8, close: u8) -> Result<bool, Stop> {
        self.eat(open)?;
        if self.peek() == Some(close) {
            self.pos += 1;
            return Ok(true);
        }
        Ok(false)
    }
}

/// What the walk found so far.
#[derive(Default)]
struct Collected {
    /// Keep the messages ([`parse`]); only count them ([`parse_streamed`]'s first walk).
    keep: bool,
    messages: Vec<Message>,
    /// Messages found, kept or not.
    count: usize,
    /// Where each `messages` array starts (its `[`) and its chat (an index into `labels`).
    arrays: Vec<(usize, Option<usize>)>,
    /// The label of each chat of a full export, in order.
    labels: Vec<Option<String>>,
    system_lines: usize,
    /// `joined_telegram` service items, with the message index they precede.
    events: Vec<AccountEvent>,
    /// Array items that are not Telegram messages (wrong shape or unknown `type`).
    foreign: usize,
    /// A `messages` array or a `chats` list was seen.
    saw_structure: bool,
    /// A `chats` / `left_chats` list was seen.
    full_export: bool,
    chats_read: usize,
}

struct Reader<'a, 'c> {
    w: Walker<'a>,
    out: Collected,
    ctl: &'c ReadControl<'c>,
    /// The chat being read (an index into `out.labels`), in a full export.
    chat: Option<usize>,
}

impl<'a> Reader<'a, '_> {
    /// The top-level object: a single chat (`messages`) and/or a full export (`chats`,
    /// `left_chats`); everything else is skipped.
    fn top(&mut self) -> Result<(), Stop> {
        if self.w.open(b'{', b'}')? {
            return Ok(());
        }
        loop {
            let key = self.w.key()?;
            match (key.as_ref(), self.w.peek()) {
                ("messages", Some(b'[')) => {
                    self.out.saw_structure = true;
                    self.messages()?;
                }
                ("chats" | "left_chats", Some(b'{')) => {
                    self.out.saw_structure = true;
                    self.out.full_export = true;
                    self.chat_list()?;
                }
                _ => self.w.skip()?,
            }
            if !self.w.next_or_close(b'}')? {
                return Ok(());
            }
        }
    }

    /// `{ "about": …, "list": [ chat, … ] }`
    fn chat_list(&mut self) -> Result<(), Stop> {
        if self.w.open(b'{', b'}')? {
            return Ok(());
        }
        loop {
            let key = self.w.key()?;
            if key == "list" && self.w.peek() == Some(b'[') {
                if !self.w.open(b'[', b']')? {
                    loop {
                        if self.w.peek() == Some(b'{') {
                            self.chat()?;
                        } else {
                            self.w.skip()?;
                        }
                        if !self.w.next_or_close(b']')? {
                            break;
                        }
                    }
                }
            } else {
                self.w.skip()?;
            }
            if !self.w.next_or_close(b'}')? {
                return Ok(());
            }
        }
    }

    /// One chat of a full export: `{ "name", "type", "id", "messages": [ … ] }`. Its
    /// messages are tagged with the chat's name once the object is done (or cut off).
    fn chat(&mut self) -> Result<(), Stop> {
        self.out.chats_read += 1;
        let first = self.out.messages.len();
        let slot = self.out.labels.len();
        self.out.labels.push(None);
        self.chat = Some(slot);
        let mut name: Option<Option<String>> = None;
        let mut kind: Option<String> = None;
        let result = self.chat_members(&mut name, &mut kind);
        self.chat = None;
        let label = chat_label(name, kind.as_deref());
        if let Some(label) = &label {
            for m in self.out.messages.get_mut(first..).unwrap_or_default() {
                m.set_chat(label.clone());
            }
        }
        if let Some(l) = self.out.labels.get_mut(slot) {
            *l = label;
        }
        result
    }

    fn chat_members(
        &mut self,
        name: &mut Option<Option<String>>,
        kind: &mut Option<String>,
    ) -> Result<(), Stop> {
        if self.w.open(b'{', b'}')? {
            return Ok(());
        }
        loop {
            let key = self.w.key()?;
            match (key.as_ref(), self.w.peek()) {
                ("messages", Some(b'[')) => self.messages()?,
                ("name", _) => match self.w.value::<Loose>() {
                    Ok(v) => *name = Some(v.0.map(Cow::into_owned)),
                    Err(ValueError::Shape) => return Err(Stop::Broken),
                    Err(ValueError::Stop(s)) => return Err(s),
                },
                ("type", _) => match self.w.value::<Loose>() {
                    Ok(v) => *kind = v.0.map(Cow::into_owned),
                    Err(ValueError::Shape) => return Err(Stop::Broken),
                    Err(ValueError::Stop(s)) => return Err(s),
                },
                _ => self.w.skip()?,
            }
            if !self.w.next_or_close(b'}')? {
                return Ok(());
            }
        }
    }

    /// A `messages` array: each element parsed on its own; an element of the wrong shape is
    /// skipped and counted as foreign.
    fn messages(&mut self) -> Result<(), Stop> {
        self.out.arrays.push((self.w.pos, self.chat));
        if self.w.open(b'[', b']')? {
            return Ok(());
        }
        let mut seen = 0usize;
        loop {
            let start = self.w.pos;
            match self.w.value::<RawMessage>() {
                Ok(raw) => self.take(raw),
                Err(ValueError::Shape) => {
                    self.w.pos = start;
                    self.w.skip()?;
                    self.out.foreign += 1;
                }
                Err(ValueError::Stop(s)) => return Err(s),
            }
            seen += 1;
            if seen.is_multiple_of(BATCH) {
                self.ctl.report(self.w.pos as u64, self.w.text.len() as u64);
                if self.ctl.cancelled() {
                    return Err(Stop::Cancelled);
                }
            }
            if !self.w.next_or_close(b']')? {
                return Ok(());
            }
        }
    }

    /// Sort one parsed array item into a message, a system line, or foreign.
    fn take(&mut self, raw: RawMessage) {
        if raw.is_message() {
            if self.out.keep {
                self.out.messages.push(raw.into_message());
            }
            self.out.count += 1;
            return;
        }
        match raw.kind.0.as_deref() {
            Some("service") => {
                self.out.system_lines += 1;
                // A known name opening a new account: `joined_telegram` (FORMATS.md §8).
                if raw.action.0.as_deref() == Some("joined_telegram")
                    && let Some(who) = raw.actor.0.as_deref().filter(|a| !a.trim().is_empty())
                {
                    self.out.events.push(AccountEvent {
                        kind: AccountEventKind::JoinedMessenger,
                        who: who.trim().to_string(),
                        attributed_to: None,
                        before: self.out.count,
                    });
                }
            }
            Some("unsupported") => self.out.system_lines += 1,
            _ => self.out.foreign += 1,
        }
    }
}

/// The label a chat's messages carry: its name; a deleted account (`"name": null`) is
/// "Deleted Account"; chats without a name are named after their type.
fn chat_label(name: Option<Option<String>>, kind: Option<&str>) -> Option<String> {
    match name {
        Some(Some(n)) => Some(n),
        Some(None) => Some("Deleted Account".to_string()),
        None => match kind {
            Some("saved_messages") => Some("Saved Messages".to_string()),
            Some("replies") => Some("Replies".to_string()),
            Some("verification_codes") => Some("Verification Codes".to_string()),
            Some(other) => Some(other.to_string()),
            None => None,
        },
    }
}

/// The fields of a message object Saq uses; everything else is skipped by serde.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RawMessage<'a> {
    #[serde(rename = "type", borrow)]
    kind: Loose<'a>,
    #[serde(borrow)]
    date: Loose<'a>,
    #[serde(borrow)]
    date_unixtime: Loose<'a>,
    #[serde(borrow)]
    from: Loose<'a>,
    #[serde(borrow)]
    forwarded_from: Loose<'a>,
    #[serde(borrow)]
    media_type: Loose<'a>,
    photo: Option<IgnoredAny>,
    file: Option<IgnoredAny>,
    poll: Option<IgnoredAny>,
    contact_information: Option<IgnoredAny>,
    location_information: Option<IgnoredAny>,
    place_name: Option<IgnoredAny>,
    #[serde(borrow)]
    text: RichText<'a>,
    #[serde(borrow, deserialize_with = "entities")]
    text_entities: RichText<'a>,
    #[serde(borrow)]
    action: Loose<'a>,
    #[serde(borrow)]
    actor: Loose<'a>,
}

impl RawMessage<'_> {
    /// A message: `"type": "message"`, or no type but message fields (third-party tools
    /// sometimes drop keys; such an object is read leniently).
    fn is_message(&self) -> bool {
        match self.kind.0.as_deref() {
            Some(kind) => kind == "message",
            None => self.from.0.is_some() || self.text.0.is_some(),
        }
    }

    fn into_message(self) -> Message {
        let media = self.media();
        // FORMATS.md §2.3: prefer `text_entities` (same content, all objects) when present.
        let parts = match (self.text_entities.0, self.text.0) {
            (Some(e), _) if !e.is_empty() => e,
            (_, Some(t)) => t,
            (Some(e), None) => e,
            (None, None) => Vec::new(),
        };
        let (text, hidden_links) = concat_parts(parts);
        let timestamp = match (self.date.0, self.date_unixtime.0) {
            (Some(d), _) => Some(d.into_owned()),
            (None, Some(u)) => u.trim().parse::<i64>().ok().and_then(utc_iso),
            (None, None) => None,
        };
        Message {
            sender: self.from.0.map(|s| s.as_ref().into()),
            timestamp: timestamp.and_then(|s| Timestamp::new(&s)),
            text,
            media,
            extra: MessageExtra::boxed(
                hidden_links,
                self.forwarded_from.0.map(Cow::into_owned),
                None,
            ),
        }
    }

    fn media(&self) -> Option<MediaKind> {
        if let Some(t) = self.media_type.0.as_deref() {
            return Some(match t {
                "voice_message" => MediaKind::Voice,
                "video_message" => MediaKind::VideoNote,
                "sticker" | "animation" => MediaKind::Sticker,
                "video_file" => MediaKind::Video,
                _ => MediaKind::Other,
            });
        }
        if self.photo.is_some() {
            Some(MediaKind::Photo)
        } else if self.file.is_some() {
            Some(MediaKind::Document)
        } else if self.poll.is_some()
            || self.contact_information.is_some()
            || self.location_information.is_some()
            || self.place_name.is_some()
        {
            Some(MediaKind::Other)
        } else {
            None
        }
    }
}

/// Concatenate text parts to plain text; `text_link` anchors become hidden links whose span
/// is the anchor's byte range in the result (always on char boundaries: whole strings are
/// appended).
fn concat_parts(parts: Vec<Part<'_>>) -> (String, Vec<HiddenLink>) {
    let mut text = String::new();
    let mut links = Vec::new();
    for part in parts {
        match part {
            Part::Plain(s) => text.push_str(&s),
            Part::Entity {
                kind,
                text: t,
                href,
            } => {
                let start = text.len();
                if let Some(t) = t {
                    text.push_str(&t);
                }
                if kind.as_deref() == Some("text_link")
                    && let Some(url) = href
                {
                    links.push(HiddenLink {
                        span: start..text.len(),
                        url: url.into_owned(),
                    });
                }
            }
            Part::Other => {}
        }
    }
    (text, links)
}

/// Seconds since the epoch → `YYYY-MM-DDTHH:MM:SSZ` (UTC, said so), for files that only
/// have `date_unixtime`.
fn utc_iso(secs: i64) -> Option<String> {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days → civil date.
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe.checked_add(era.checked_mul(400)?)? + i64::from(m <= 2);
    if !(0..=9999).contains(&y) {
        return None;
    }
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

/// A string value borrowed from the input when it has no escapes; any other JSON value
/// (null, number, object …) reads as `None` instead of failing the message.
#[derive(Default)]
struct Loose<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Loose<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor(PhantomData))
    }
}

struct LooseVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for LooseVisitor<'a> {
    type Value = Loose<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Loose(Some(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Loose(Some(Cow::Owned(v.to_string()))))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Loose(Some(Cow::Owned(v))))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Loose(None))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Loose(None))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Loose(None))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Loose(None))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Loose(None))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Loose(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose(None))
    }
}

/// One run of a message's text.
enum Part<'a> {
    /// A plain string in a `text` array (or the whole `text`).
    Plain(Cow<'a, str>),
    /// An entity object `{type, text, href?}`.
    Entity {
        kind: Option<Cow<'a, str>>,
        text: Option<Cow<'a, str>>,
        href: Option<Cow<'a, str>>,
    },
    /// Anything else (ignored).
    Other,
}

impl<'de: 'a, 'a> Deserialize<'de> for Part<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PartVisitor(PhantomData))
    }
}

struct PartVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for PartVisitor<'a> {
    type Value = Part<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a text entity object")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Part::Plain(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Part::Plain(Cow::Owned(v.to_string())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Part::Plain(Cow::Owned(v)))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Part::Other)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Part::Other)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Part::Other)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Part::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Part::Other)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Part::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Part::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut kind, mut text, mut href) = (None, None, None);
        while let Some(key) = map.next_key::<Loose<'a>>()? {
            match key.0.as_deref() {
                Some("type") => kind = map.next_value::<Loose<'a>>()?.0,
                Some("text") => text = map.next_value::<Loose<'a>>()?.0,
                Some("href") => href = map.next_value::<Loose<'a>>()?.0,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Part::Entity { kind, text, href })
    }
}

/// `text` / `text_entities`: a string (one plain run) or an array of parts; absent or
/// `null` is `None`.
#[derive(Default)]
struct RichText<'a>(Option<Vec<Part<'a>>>);

impl<'de: 'a, 'a> Deserialize<'de> for RichText<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RichTextVisitor(PhantomData, true))
    }
}

/// `text_entities` is an array of parts (or, leniently, one part object). A string there is
/// not entities: it is read as absent, so it cannot replace the message's `text`.
fn entities<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<RichText<'a>, D::Error> {
    d.deserialize_any(RichTextVisitor(PhantomData, false))
}

/// Reads a [`RichText`]; the flag says whether a plain string counts as one run of text.
struct RichTextVisitor<'a>(PhantomData<&'a ()>, bool);

impl<'de: 'a, 'a> Visitor<'de> for RichTextVisitor<'a> {
    type Value = RichText<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or an array of text parts")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(RichText(
            self.1.then(|| vec![Part::Plain(Cow::Borrowed(v))]),
        ))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(RichText(
            self.1.then(|| vec![Part::Plain(Cow::Owned(v.to_string()))]),
        ))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(RichText(self.1.then(|| vec![Part::Plain(Cow::Owned(v))])))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(RichText(None))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(RichText(None))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(RichText(None))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(RichText(None))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(RichText(None))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(RichText(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut parts = Vec::new();
        while let Some(p) = seq.next_element::<Part<'a>>()? {
            parts.push(p);
        }
        Ok(RichText(Some(parts)))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        // A lone entity object instead of an array: read it as a one-part text.
        let part = PartVisitor(PhantomData).visit_map(map)?;
        Ok(RichText(Some(vec![part])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn p() -> PathBuf {
        PathBuf::from("result.json")
    }

    fn read(text: &str) -> Result<Conversation, Error> {
        parse(text, &p(), &ReadControl::default())
    }

    /// [`parse_streamed`], every message taken.
    fn read_streamed(text: &str) -> Result<Conversation, Error> {
        parse_streamed(text.to_string(), &p(), &ReadControl::default())
            .map(ConversationStream::into_conversation)
    }

    /// Every JSON fixture (with a BOM too), whole and cut off at every 97th byte, and some
    /// damaged in the middle: the streamed reading gives what the whole reading gives (the
    /// same messages, chats, events, notes and errors).
    #[test]
    fn streamed_reading_gives_the_whole_reading() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/telegram");
        let mut texts = vec![CHAT.to_string()];
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("the fixtures folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        for path in paths {
            texts.push(std::fs::read_to_string(path).expect("a UTF-8 fixture"));
        }
        assert!(texts.len() >= 6, "fixtures: {}", texts.len());
        let mut compared = 0;
        for text in &texts {
            let mut variants = vec![text.clone(), format!("\u{FEFF}{text}")];
            for cut in (1..text.len()).step_by(97) {
                if let Some(head) = text.get(..cut) {
                    variants.push(head.to_string());
                }
                if let (Some(a), Some(b)) = (text.get(..cut), text.get(cut + 1..)) {
                    variants.push(format!("{a}]{b}"));
                }
            }
            for v in variants {
                let whole = read(&v).map_err(|e| e.to_string());
                let streamed = read_streamed(&v).map_err(|e| e.to_string());
                assert_eq!(streamed, whole, "{v:?}");
                compared += 1;
            }
        }
        assert!(compared > 100, "{compared}");
    }

    fn kind(e: Error) -> Option<FormatProblem> {
        match e {
            Error::Format { kind, .. } => Some(kind),
            _ => None,
        }
    }

    const CHAT: &str = r#"{
 "name": "Айдар",
 "type": "personal_chat",
 "id": 1,
 "messages": [
  {"id": 1, "type": "service", "date": "2025-03-10T12:00:05", "actor": "Айдар", "action": "joined_telegram", "text": ""},
  {"id": 2, "type": "message", "date": "2025-03-14T19:06:40", "from": "Айдар",
   "text": ["Оплати: ", {"type": "text_link", "text": "kaspi.kz/pay", "href": "https://kaspi-pay.example.invalid/login"}, " ", {"type": "bold", "text": "сегодня"}, "\n", {"type": "link", "text": "https://a.invalid"}]},
  {"id": 3, "type": "message", "date": "2025-03-14T19:07:00", "from": null, "text": "третье"},
  {"id": 4, "type": "unsupported"},
  {"id": 5, "type": "message", "date": "2025-03-14T19:08:00", "from": "Мама", "text": "четвёртое"}
 ]
}"#;

    #[test]
    fn entities_concatenate_and_text_link_spans() {
        let c = read(CHAT).expect("reads");
        assert_eq!(c.format, SourceFormat::TelegramJson);
        assert_eq!(c.messages.len(), 3);
        // One service record and one unsupported item.
        assert_eq!(c.system_lines, 2);
        let m = &c.messages[0];
        assert_eq!(m.text, "Оплати: kaspi.kz/pay сегодня\nhttps://a.invalid");
        assert_eq!(m.hidden_links().len(), 1);
        let l = &m.hidden_links()[0];
        assert_eq!(&m.text[l.span.clone()], "kaspi.kz/pay");
        assert_eq!(l.url, "https://kaspi-pay.example.invalid/login");
        assert_eq!(m.sender.as_deref(), Some("Айдар"));
        assert_eq!(m.timestamp.as_deref(), Some("2025-03-14T19:06:40"));
        assert_eq!(c.messages[1].sender, None);
        assert!(c.notes.is_empty());
    }

    #[test]
    fn text_entities_preferred_and_plain_string_text() {
        let j = r#"{"messages": [{"type": "message", "text": "ignored",
            "text_entities": [{"type": "plain", "text": "a "}, {"type": "text_link", "text": "b", "href": "https://x.invalid"}]}]}"#;
        let c = read(j).expect("reads");
        assert_eq!(c.messages[0].text, "a b");
        assert_eq!(c.messages[0].hidden_links()[0].span, 2..3);
    }

    #[test]
    fn text_entities_that_are_not_an_array_keep_the_text() {
        let j = r#"{"messages": [{"type": "message", "text": "Продиктуйте код из СМС",
            "text_entities": "x"}, {"type": "message", "text": "b", "text_entities": 5}]}"#;
        let c = read(j).expect("reads");
        assert_eq!(c.messages[0].text, "Продиктуйте код из СМС");
        assert_eq!(c.messages[1].text, "b");
    }

    #[test]
    fn service_records_are_not_messages() {
        let j = r#"{"name": "g", "messages": [
            {"id": 1, "type": "service", "action": "phone_call", "text": ""},
            {"id": 2, "type": "message", "from": "A", "text": "hi"}]}"#;
        let c = read(j).expect("reads");
        assert_eq!(c.messages.len(), 1);
        assert_eq!(c.system_lines, 1);
    }

    #[test]
    fn truncated_at_several_points_keeps_complete_messages() {
        // Cut inside message 3 (after message 2 closed): 1 message.
        let cut2 = CHAT.find(r#""id": 3"#).expect("marker");
        let c = read(&CHAT[..cut2]).expect("partial result");
        assert_eq!(c.messages.len(), 1);
        assert!(c.notes.contains(&ReadNote::Truncated));
        // Cut just after the unsupported item: 2 messages.
        let cut4 = CHAT.find(r#""id": 5"#).expect("marker");
        let c = read(&CHAT[..cut4]).expect("partial result");
        assert_eq!(c.messages.len(), 2);
        assert_eq!(c.system_lines, 2);
        assert!(c.notes.contains(&ReadNote::Truncated));
        // Cut after the array closed but before the final brace: everything, still noted.
        let last = CHAT.rfind('}').expect("brace");
        let c = read(&CHAT[..last]).expect("partial result");
        assert_eq!(c.messages.len(), 3);
        assert!(c.notes.contains(&ReadNote::Truncated));
        // Every cut point: never a panic; a result has only complete messages.
        for cut in (0..=CHAT.len()).filter(|i| CHAT.is_char_boundary(*i)) {
            match read(&CHAT[..cut]) {
                Ok(c) => {
                    assert!(c.messages.len() <= 3);
                    if cut < CHAT.len() {
                        assert!(c.notes.contains(&ReadNote::Truncated), "cut {cut}");
                    }
                }
                Err(e) => assert!(kind(e).is_some()),
            }
        }
        // Cut before the first message: no result, and it says so.
        let cut1 = CHAT.find(r#""id": 2"#).expect("marker");
        assert_eq!(
            kind(read(&CHAT[..cut1]).unwrap_err()),
            Some(FormatProblem::NoMessages)
        );
    }

    #[test]
    fn damage_in_the_middle_keeps_what_came_before() {
        let broken = CHAT.replace(r#""id": 5, "type""#, r#""id": 5 "type""#);
        let c = read(&broken).expect("partial");
        assert_eq!(c.messages.len(), 2);
        assert!(c.notes.contains(&ReadNote::Truncated));
    }

    #[test]
    fn x_escapes_are_repaired() {
        let j =
            r#"{"messages": [{"type": "message", "text": "код:\x0B 4821\x01 ok \\x41 \\\x42"}]}"#;
        let c = read(j).expect("reads");
        assert_eq!(
            c.messages[0].text,
            "код:\u{0B} 4821\u{01} ok \\x41 \\\u{42}"
        );
        assert_eq!(repair_x_escapes("{\"a\": 1}"), Cow::Borrowed("{\"a\": 1}"));
        // Outside strings nothing changes (and the JSON stays invalid there).
        assert_eq!(repair_x_escapes(r#"\x0B"#), r#"\x0B"#);
    }

    #[test]
    fn not_telegram_json_is_an_error() {
        for j in [
            r#"{"users": [1, 2, 3]}"#,
            r#"[1, 2]"#,
            r#"{"messages": [1, 2, {"x": 1}]}"#,
            "plain text",
            "",
        ] {
            assert_eq!(
                kind(read(j).unwrap_err()),
                Some(FormatProblem::NotTelegramJson),
                "{j}"
            );
        }
    }

    #[test]
    fn empty_export_is_an_error() {
        for j in [
            r#"{"name": "x", "type": "personal_chat", "messages": []}"#,
            r#"{"chats": {"list": [{"name": "x", "messages": []}]}, "left_chats": {"list": []}}"#,
            r#"{"name": "x", "messages": [{"id": 1, "type": "service", "action": "joined_telegram"}]}"#,
        ] {
            assert_eq!(
                kind(read(j).unwrap_err()),
                Some(FormatProblem::NoMessages),
                "{j}"
            );
        }
    }

    #[test]
    fn full_export_tags_chats() {
        let j = r#"{"about": "x", "chats": {"about": "y", "list": [
            {"name": "A", "type": "personal_chat", "messages": [{"type": "message", "from": "A", "text": "1"}]},
            {"type": "saved_messages", "messages": [{"type": "message", "from": "me", "text": "2"}]},
            {"name": null, "type": "personal_chat", "messages": [{"type": "message", "text": "3"}]}]},
            "left_chats": {"list": [{"messages": [{"type": "message", "from": "B", "text": "4"}], "name": "Left"}]}}"#;
        let c = read(j).expect("reads");
        let chats: Vec<_> = c.messages.iter().map(|m| m.chat()).collect();
        assert_eq!(
            chats,
            [
                Some("A"),
                Some("Saved Messages"),
                Some("Deleted Account"),
                Some("Left")
            ]
        );
        assert_eq!(c.notes, vec![ReadNote::ChatsRead { count: 4 }]);
    }

    #[test]
    fn media_kinds() {
        let j = r#"{"messages": [
            {"type": "message", "media_type": "voice_message", "file": "x", "text": ""},
            {"type": "message", "media_type": "video_message", "file": "x", "text": ""},
            {"type": "message", "media_type": "animation", "file": "x", "text": ""},
            {"type": "message", "media_type": "video_file", "file": "x", "text": ""},
            {"type": "message", "media_type": "audio_file", "file": "x", "text": ""},
            {"type": "message", "photo": "(File not included.)", "text": "cap"},
            {"type": "message", "file": "files/a.pdf", "text": ""},
            {"type": "message", "text": "none"}]}"#;
        let c = read(j).expect("reads");
        let kinds: Vec<_> = c.messages.iter().map(|m| m.media).collect();
        use MediaKind::*;
        assert_eq!(
            kinds,
            [
                Some(Voice),
                Some(VideoNote),
                Some(Sticker),
                Some(Video),
                Some(Other),
                Some(Photo),
                Some(Document),
                None
            ]
        );
    }

    #[test]
    fn unixtime_only_gives_utc() {
        assert_eq!(
            utc_iso(1_544_006_350).as_deref(),
            Some("2018-12-05T10:39:10Z")
        );
        assert_eq!(utc_iso(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(utc_iso(i64::MAX), None);
    }

    #[test]
    fn odd_shapes_do_not_fail_the_file() {
        let j = r#"{"messages": [
            {"type": "message", "from": 12, "text": 5},
            {"type": "message", "from": "A", "text": [1, null, {"type": "text_link"}, ["x"], "ok"]},
            "stray",
            {"type": "message", "from": "B", "text": {"type": "bold", "text": "one"}}]}"#;
        let c = read(j).expect("reads");
        assert_eq!(c.messages.len(), 3);
        assert_eq!(c.messages[0].sender, None);
        assert_eq!(c.messages[1].text, "ok");
        assert_eq!(c.messages[2].text, "one");
        assert!(c.notes.contains(&ReadNote::LinesSkipped { count: 1 }));
    }

    #[test]
    fn sniff() {
        assert!(looks_like(
            "\u{FEFF} {\n \"name\": \"x\",\n \"messages\": ["
        ));
        assert!(looks_like(
            "{\"about\": \"x\", \"personal_information\": {}}"
        ));
        assert!(!looks_like("[{\"messages\": 1}]"));
        assert!(!looks_like("{\"a\": 1}"));
        assert!(!looks_like("hello"));
    }

    #[test]
    fn cancel_stops_reading() {
        use std::sync::atomic::AtomicBool;
        let mut j = String::from("{\"messages\": [");
        for i in 0..(BATCH * 2) {
            if i > 0 {
                j.push(',');
            }
            j.push_str(r#"{"type": "message", "text": "x"}"#);
        }
        j.push_str("]}");
        let stop = AtomicBool::new(true);
        let ctl = ReadControl {
            progress: None,
            cancel: Some(&stop),
        };
        assert!(matches!(
            parse(&j, &p(), &ctl),
            Err(Error::Cancelled { .. })
        ));
        assert_eq!(read(&j).expect("reads").messages.len(), BATCH * 2);
    }
}

//! Reading inputs: a path or standard input → a [`Conversation`] plus where it came from.
//!
//! Owns file access (read-only: inputs are never written) and format choice. For now every
//! input is plain text, one message; chat-export readers plug in here. Never calls the engine.

mod account_events;
pub mod decode;
mod html_depth;
pub mod picture;
pub mod telegram_html;
pub mod telegram_json;
pub mod whatsapp;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::conversation::{Conversation, ConversationStream};
use crate::error::{Error, Result};

/// How a long read reports progress and learns it should stop (for the window's progress
/// bar and Cancel button; the CLI uses [`ReadControl::default`]).
#[derive(Default, Clone, Copy)]
pub struct ReadControl<'a> {
    /// Called now and then with (bytes done, bytes total).
    pub progress: Option<&'a (dyn Fn(u64, u64) + Sync)>,
    /// Set to true to stop reading; the reader then returns [`Error::Cancelled`].
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

impl ReadControl<'_> {
    /// Report progress.
    pub fn report(&self, done: u64, total: u64) {
        if let Some(p) = self.progress {
            p(done, total);
        }
    }

    /// True when the user asked to stop.
    pub fn cancelled(&self) -> bool {
        self.cancel
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
    }
}

/// Inputs larger than this are refused with [`Error::TooLarge`] rather than read into memory.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Where an input came from and how it was read (the JSON `source`).
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The path as given, or `-` for standard input.
    pub path: String,
    /// The reader's format name.
    pub format: String,
    /// The text encoding found.
    pub encoding: String,
    /// The archive it came from, if any.
    pub container: Option<crate::conversation::Container>,
    /// What the reader skipped or had to guess.
    pub notes: Vec<crate::conversation::ReadNote>,
    /// For a picture: its size, bytes and the boxes of the recognised words.
    pub picture: Option<std::sync::Arc<picture::Picture>>,
}

/// Which reader a file's content calls for (sniffed from the content; the file name
/// plays no part, so a renamed export still reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// Telegram Desktop `result.json`.
    TelegramJson,
    /// Telegram Desktop `messages.html`.
    TelegramHtml,
    /// WhatsApp `.txt` export.
    Whatsapp,
    /// Anything else that is text: one message.
    Plain,
}

/// Decide the reader for decoded text.
pub fn detect_text(text: &str) -> Detected {
    if telegram_json::looks_like(text) {
        Detected::TelegramJson
    } else if telegram_html::looks_like(text) {
        Detected::TelegramHtml
    } else if whatsapp::looks_like(text) {
        Detected::Whatsapp
    } else {
        Detected::Plain
    }
}

/// Read a file as a conversation.
pub fn read_path(path: &Path) -> Result<(Conversation, Source)> {
    read_path_with(path, &ReadControl::default())
}

/// Read a file as a conversation, reporting progress and honouring Cancel.
pub fn read_path_with(path: &Path, ctl: &ReadControl) -> Result<(Conversation, Source)> {
    let (conv, source) = read_path_streamed_with(path, ctl)?;
    Ok((conv.into_conversation(), source))
}

/// Read a file as a conversation whose messages are made as they are taken (see
/// [`ConversationStream`]): a WhatsApp transcript is then held as its text and a few bytes a
/// message. Other formats are read whole. Gives the same conversation as [`read_path`].
pub fn read_path_streamed(path: &Path) -> Result<(ConversationStream, Source)> {
    read_path_streamed_with(path, &ReadControl::default())
}

/// [`read_path_streamed`], reporting progress and honouring Cancel while the file is read.
pub fn read_path_streamed_with(
    path: &Path,
    ctl: &ReadControl,
) -> Result<(ConversationStream, Source)> {
    let raw = read_file_capped(path, ctl)?;
    from_raw(raw, path.to_string_lossy().as_ref(), path, ctl)
}

/// Read standard input as a conversation.
pub fn read_stdin() -> Result<(Conversation, Source)> {
    let (conv, source) = read_stdin_streamed()?;
    Ok((conv.into_conversation(), source))
}

/// Read standard input as a conversation whose messages are made as they are taken.
pub fn read_stdin_streamed() -> Result<(ConversationStream, Source)> {
    let path = PathBuf::from("-");
    let raw = read_capped(
        std::io::stdin().lock(),
        &path,
        MAX_INPUT_BYTES,
        0,
        &ReadControl::default(),
    )?;
    from_raw(raw, "-", &path, &ReadControl::default())
}

/// The bytes of a regular file, at most [`MAX_INPUT_BYTES`] of them.
///
/// Anything but a regular file is refused before it is opened: opening a FIFO blocks until
/// someone writes to it, and a device such as `/dev/zero` never ends (its size in the
/// metadata is 0, which is no limit). The kind is checked again on the opened file, in case
/// the path was swapped in between. Opened read-only; Saq never writes to an input.
pub(crate) fn read_file_capped(path: &Path, ctl: &ReadControl) -> Result<Raw> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let kind_ok = |meta: &std::fs::Metadata| {
        if meta.is_dir() {
            Err(Error::IsDir {
                path: path.to_path_buf(),
            })
        } else if !meta.is_file() {
            Err(Error::NotRegular {
                path: path.to_path_buf(),
            })
        } else if meta.len() > MAX_INPUT_BYTES {
            Err(Error::TooLarge {
                path: path.to_path_buf(),
                size: meta.len(),
            })
        } else {
            Ok(meta.len())
        }
    };
    kind_ok(&std::fs::metadata(path).map_err(io)?)?;
    let file = std::fs::File::open(path).map_err(io)?;
    let len = kind_ok(&file.metadata().map_err(io)?)?;
    ctl.report(0, len);
    read_capped(file, path, MAX_INPUT_BYTES, len, ctl)
}

/// What a reader took in: text already known to be UTF-8, or bytes still to be decoded.
///
/// The reader checks UTF-8 chunk by chunk as it reads, while each chunk is still in the
/// cache, so a big chat export becomes its `String` without a second pass over all of it
/// on one core before the check can start.
pub(crate) enum Raw {
    /// Every byte read so far was UTF-8.
    Text(String),
    /// Not (all) UTF-8, or not known to be.
    Bytes(Vec<u8>),
}

impl Raw {
    fn as_bytes(&self) -> &[u8] {
        match self {
            Raw::Text(s) => s.as_bytes(),
            Raw::Bytes(b) => b,
        }
    }

    fn len(&self) -> usize {
        self.as_bytes().len()
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            Raw::Text(s) => s.into_bytes(),
            Raw::Bytes(b) => b,
        }
    }

    /// As text (see [`decode::decode_owned`]); text known to be UTF-8 is not checked again.
    fn decode(self) -> std::result::Result<decode::Decoded, decode::DecodeError> {
        match self {
            Raw::Text(text) => decode::decode_text(text),
            Raw::Bytes(bytes) => decode::decode_owned(bytes),
        }
    }

    /// Room for `n` more bytes: grown by doubling, but never past `cap` (so 1 GB of text is
    /// not 2 GB of memory).
    fn reserve(&mut self, n: usize, cap: usize) {
        let (len, capacity) = match self {
            Raw::Text(s) => (s.len(), s.capacity()),
            Raw::Bytes(b) => (b.len(), b.capacity()),
        };
        if capacity - len >= n {
            return;
        }
        let target = (capacity * 2).max(len + n).min(cap.max(len + n));
        match self {
            Raw::Text(s) => s.reserve_exact(target - len),
            Raw::Bytes(b) => b.reserve_exact(target - len),
        }
    }

    /// Add `data`; returns how many bytes at its end are the start of a character cut off
    /// by the end of the chunk (kept by the caller for the next one). While the text is
    /// UTF-8 it stays a `String`; the first invalid sequence turns it into bytes.
    fn push(&mut self, data: &[u8], at_end: bool) -> usize {
        match self {
            Raw::Bytes(b) => {
                b.extend_from_slice(data);
                0
            }
            Raw::Text(s) => match simdutf8::compat::from_utf8(data) {
                Ok(text) => {
                    s.push_str(text);
                    0
                }
                // A character cut by the chunk's end: keep the valid part, carry the rest.
                Err(e) if e.error_len().is_none() && !at_end => {
                    let valid = data.get(..e.valid_up_to()).unwrap_or_default();
                    match simdutf8::basic::from_utf8(valid) {
                        Ok(text) => {
                            s.push_str(text);
                            data.len() - valid.len()
                        }
                        // Unreachable (`valid_up_to` ends on a boundary), but bytes are
                        // a safe answer.
                        Err(_) => {
                            self.become_bytes_with(data);
                            0
                        }
                    }
                }
                Err(_) => {
                    self.become_bytes_with(data);
                    0
                }
            },
        }
    }

    /// Become bytes, then add `data`.
    fn become_bytes_with(&mut self, data: &[u8]) {
        let mut bytes = std::mem::replace(self, Raw::Bytes(Vec::new())).into_bytes();
        bytes.extend_from_slice(data);
        *self = Raw::Bytes(bytes);
    }
}

/// Read `from` to its end, holding at most `cap` bytes: one byte more is [`Error::TooLarge`]
/// (a file that grows while it is read, standard input, a pipe). `expected` (the size from
/// the metadata, 0 when unknown) only sizes the first allocation and the progress total.
/// Binary content is refused once its first 64 KiB are in, with the same decision
/// [`decode`] would make at the end, so `saq check < /dev/urandom` stops at once.
fn read_capped(
    mut from: impl Read,
    path: &Path,
    cap: u64,
    expected: u64,
    ctl: &ReadControl,
) -> Result<Raw> {
    const CHUNK: usize = 1 << 20;
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    let first = usize::try_from(expected).unwrap_or(0).min(cap);
    let mut raw = Raw::Text(String::with_capacity(first.max(8 * 1024)));
    let mut sniffed = false;
    // Up to 3 bytes at the start of `chunk`: a character the last read cut in two.
    let mut carry = 0;
    let mut chunk = vec![0u8; CHUNK];
    loop {
        if ctl.cancelled() {
            return Err(Error::Cancelled {
                path: path.to_path_buf(),
            });
        }
        let held = raw.len() + carry;
        // Never ask for more than one byte past the cap: that byte decides "too large".
        let want = (cap - held.min(cap)).saturating_add(1).min(CHUNK - carry);
        let n = match from.read(&mut chunk[carry..carry + want]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(source) => {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        if held + n > cap {
            return Err(Error::TooLarge {
                path: path.to_path_buf(),
                size: (held + n) as u64,
            });
        }
        raw.reserve(carry + n, cap);
        let data = &chunk[..carry + n];
        let cut = raw.push(data, false);
        chunk.copy_within(carry + n - cut..carry + n, 0);
        carry = cut;
        if !sniffed && raw.len() >= decode::SNIFF_BYTES {
            sniffed = true;
            if decode::refused_as_binary(raw.as_bytes()) && picture::sniff(raw.as_bytes()).is_none()
            {
                return Err(Error::NotText {
                    path: path.to_path_buf(),
                });
            }
        }
        ctl.report(raw.len() as u64, expected.max(raw.len() as u64));
    }
    // A character cut off by the end of the input: not UTF-8 after all.
    raw.push(&chunk[..carry], true);
    Ok(raw)
}

/// Read bytes already in memory; `shown` names them in the report, `path` in errors.
pub fn from_bytes(bytes: &[u8], shown: &str, path: &Path) -> Result<(Conversation, Source)> {
    from_bytes_with(bytes.to_vec(), shown, path, &ReadControl::default())
}

/// Read owned bytes: a zip archive, or text in any of the chat formats, or plain text.
pub fn from_bytes_with(
    bytes: Vec<u8>,
    shown: &str,
    path: &Path,
    ctl: &ReadControl,
) -> Result<(Conversation, Source)> {
    let (conv, source) = from_bytes_streamed(bytes, shown, path, ctl)?;
    Ok((conv.into_conversation(), source))
}

/// Like [`from_bytes_with`], but a WhatsApp transcript's messages are made as they are
/// taken.
pub fn from_bytes_streamed(
    bytes: Vec<u8>,
    shown: &str,
    path: &Path,
    ctl: &ReadControl,
) -> Result<(ConversationStream, Source)> {
    from_raw(Raw::Bytes(bytes), shown, path, ctl)
}

/// [`from_bytes_streamed`] for what a reader took in.
fn from_raw(
    raw: Raw,
    shown: &str,
    path: &Path,
    ctl: &ReadControl,
) -> Result<(ConversationStream, Source)> {
    if raw.len() == 0 {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    if picture::sniff(raw.as_bytes()).is_some() {
        // Recognition takes seconds and has no measure of its own: the total is unknown.
        ctl.report(0, 0);
        let (conv, pic) = picture::read(raw.into_bytes(), path, &|| ctl.cancelled())?;
        let source = Source {
            path: shown.to_string(),
            format: conv.format.as_str().to_string(),
            encoding: "image".to_string(),
            container: None,
            notes: conv.notes.clone(),
            picture: Some(std::sync::Arc::new(pic)),
        };
        return Ok((conv.into(), source));
    }
    let (conv, encoding) = if raw.as_bytes().starts_with(b"PK\x03\x04") {
        whatsapp::read_zip_streamed(raw.as_bytes(), path, ctl)?
    } else {
        let decoded = raw.decode().map_err(|_| Error::NotText {
            path: path.to_path_buf(),
        })?;
        let detected = detect_text(&decoded.text);
        let mut conv: ConversationStream = match detected {
            Detected::TelegramJson => telegram_json::parse_streamed(decoded.text, path, ctl)?,
            Detected::TelegramHtml => read_html_export(decoded.text, path, ctl)?.into(),
            Detected::Whatsapp => whatsapp::parse_streamed(decoded.text, path, ctl)?,
            // Nothing but white space: there is nothing to check, and "no known signs"
            // would suggest there was.
            Detected::Plain if decoded.text.trim().is_empty() => {
                return Err(Error::Empty {
                    path: path.to_path_buf(),
                });
            }
            Detected::Plain => Conversation::plain(decoded.text).into(),
        };
        if decoded.encoding == "utf-8-lossy" {
            conv.head
                .notes
                .push(crate::conversation::ReadNote::InvalidBytesReplaced);
        }
        (conv, decoded.encoding)
    };
    let source = Source {
        path: shown.to_string(),
        format: conv.head.format.as_str().to_string(),
        encoding,
        container: conv.head.container,
        notes: conv.head.notes.clone(),
        picture: None,
    };
    Ok((conv, source))
}

/// A Telegram HTML page, read together with the other pages of the same export
/// (`messages.html`, `messages2.html`, …) when they sit beside it.
fn read_html_export(first: String, path: &Path, ctl: &ReadControl) -> Result<Conversation> {
    let siblings = if path.as_os_str() == "-" {
        Vec::new()
    } else {
        telegram_html::sibling_pages(path)
    };
    let mut pages = Vec::with_capacity(siblings.len().max(1));
    // All pages together stay within the one-input limit; pages past it are left out.
    let mut budget = MAX_INPUT_BYTES.saturating_sub(first.len() as u64);
    let mut left_out = false;
    let mut first = Some(first);
    let quiet = ReadControl {
        progress: None,
        cancel: ctl.cancel,
    };
    for p in &siblings {
        if p == path {
            pages.extend(first.take());
            continue;
        }
        if left_out {
            continue;
        }
        // A sibling that cannot be read (or is not a regular file) is skipped: the opened
        // page still reads.
        match read_file_capped(p, &quiet) {
            Ok(raw) if raw.len() as u64 > budget => left_out = true,
            Ok(raw) => {
                budget -= raw.len() as u64;
                if let Ok(d) = raw.decode() {
                    pages.push(d.text);
                }
            }
            Err(Error::Cancelled { .. }) => {
                return Err(Error::Cancelled {
                    path: path.to_path_buf(),
                });
            }
            Err(_) => {}
        }
    }
    pages.extend(first);
    let mut conv = telegram_html::parse_pages(&pages, path, ctl)?;
    if left_out {
        conv.notes.push(crate::conversation::ReadNote::SizeLimit);
    }
    Ok(conv)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that never ends, counting what it hands out.
    struct Endless {
        byte: u8,
        served: u64,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(self.byte);
            self.served += buf.len() as u64;
            Ok(buf.len())
        }
    }

    fn read_endless(byte: u8, cap: u64) -> (Result<Vec<u8>>, u64) {
        let mut src = Endless { byte, served: 0 };
        let r = read_capped(&mut src, Path::new("-"), cap, 0, &ReadControl::default())
            .map(Raw::into_bytes);
        (r, src.served)
    }

    /// Hands out its bytes `step` at a time, so characters are cut between reads.
    struct Dribble<'a> {
        left: &'a [u8],
        step: usize,
    }

    impl Read for Dribble<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.left.len());
            buf[..n].copy_from_slice(&self.left[..n]);
            self.left = &self.left[n..];
            Ok(n)
        }
    }

    fn read_dribbled(bytes: &[u8], step: usize) -> Raw {
        let src = Dribble { left: bytes, step };
        read_capped(src, Path::new("-"), 1 << 20, 0, &ReadControl::default()).unwrap()
    }

    #[test]
    fn text_read_in_pieces_stays_text_and_broken_text_becomes_bytes() {
        let text = "Продиктуйте код из СМС 🙂 сәлем, ақша! ".repeat(50);
        for step in [1, 2, 3, 5, 7, 4096] {
            match read_dribbled(text.as_bytes(), step) {
                Raw::Text(t) => assert_eq!(t, text, "step {step}"),
                Raw::Bytes(_) => panic!("valid UTF-8 read as bytes (step {step})"),
            }
            // One invalid byte in the middle, or a character cut off at the very end.
            let mut broken = text.as_bytes().to_vec();
            broken.insert(broken.len() / 2, 0xFF);
            let mut cut = text.as_bytes().to_vec();
            cut.extend_from_slice(&"қ".as_bytes()[..1]);
            for bad in [broken, cut] {
                match read_dribbled(&bad, step) {
                    Raw::Bytes(b) => assert_eq!(b, bad, "step {step}"),
                    Raw::Text(_) => panic!("invalid UTF-8 read as text (step {step})"),
                }
            }
        }
    }

    #[test]
    fn an_endless_text_stream_stops_one_byte_past_the_cap() {
        let cap = 3 << 20;
        let (r, served) = read_endless(b'a', cap);
        assert!(matches!(r, Err(Error::TooLarge { size, .. }) if size == cap + 1));
        assert_eq!(served, cap + 1, "read exactly the cap plus one byte");
    }

    #[test]
    fn an_endless_binary_stream_stops_after_its_first_chunk() {
        // `/dev/zero` or `/dev/urandom` on standard input: refused as binary at once, long
        // before the 1 GB cap.
        let (r, served) = read_endless(0, MAX_INPUT_BYTES);
        assert!(matches!(r, Err(Error::NotText { .. })));
        assert!(served <= 1 << 20, "{served} bytes read");
    }

    #[test]
    fn non_regular_files_are_refused_before_opening() {
        for dev in ["/dev/zero", "/dev/urandom", "/dev/null"] {
            if Path::new(dev).exists() {
                let r = read_path(Path::new(dev));
                assert!(matches!(r, Err(Error::NotRegular { .. })), "{dev}");
            }
        }
    }

    #[test]
    fn empty_input_is_an_error_not_a_verdict() {
        for bytes in [&b""[..], b"  \n\t\n", b"\xEF\xBB\xBF"] {
            let r = from_bytes(bytes, "e.txt", Path::new("e.txt"));
            assert!(matches!(r, Err(Error::Empty { .. })), "{bytes:?}");
        }
    }
}

//! Reading inputs: a path or standard input → a [`Conversation`] plus where it came from.
//!
//! Owns file access (read-only: inputs are never written) and format choice. For now every
//! input is plain text, one message; chat-export readers plug in here. Never calls the engine.

mod account_events;
pub mod decode;
pub mod telegram_html;
pub mod telegram_json;
pub mod whatsapp;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::conversation::Conversation;
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Error::IsDir {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    ctl.report(0, meta.len());
    // Opened read-only; Saq never writes to an input.
    let bytes = std::fs::read(path).map_err(io)?;
    if ctl.cancelled() {
        return Err(Error::Cancelled {
            path: path.to_path_buf(),
        });
    }
    from_bytes_with(bytes, path.to_string_lossy().as_ref(), path, ctl)
}

/// Read standard input as a conversation.
pub fn read_stdin() -> Result<(Conversation, Source)> {
    let mut bytes = Vec::new();
    let path = PathBuf::from("-");
    std::io::stdin()
        .lock()
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            path,
            size: bytes.len() as u64,
        });
    }
    from_bytes_with(bytes, "-", &path, &ReadControl::default())
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
    let (conv, encoding) = if bytes.starts_with(b"PK\x03\x04") {
        whatsapp::read_zip(&bytes, path, ctl)?
    } else {
        let decoded = decode::decode_owned(bytes).map_err(|_| Error::NotText {
            path: path.to_path_buf(),
        })?;
        let mut conv = match detect_text(&decoded.text) {
            Detected::TelegramJson => telegram_json::parse(&decoded.text, path, ctl)?,
            Detected::TelegramHtml => read_html_export(decoded.text, path, ctl)?,
            Detected::Whatsapp => whatsapp::parse(&decoded.text, path, ctl)?,
            Detected::Plain => Conversation::plain(decoded.text),
        };
        if decoded.encoding == "utf-8-lossy" {
            conv.notes
                .push(crate::conversation::ReadNote::InvalidBytesReplaced);
        }
        (conv, decoded.encoding)
    };
    let source = Source {
        path: shown.to_string(),
        format: conv.format.as_str().to_string(),
        encoding,
        container: conv.container,
        notes: conv.notes.clone(),
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
    let mut first = Some(first);
    for p in &siblings {
        if p == path {
            pages.extend(first.take());
            continue;
        }
        // A sibling that cannot be read is skipped: the opened page still reads.
        if let Ok(bytes) = std::fs::read(p)
            && let Ok(d) = decode::decode_owned(bytes)
        {
            pages.push(d.text);
        }
    }
    pages.extend(first);
    telegram_html::parse_pages(&pages, path, ctl)
}

//! Reading inputs: a path or standard input → a [`Conversation`] plus where it came from.
//!
//! Owns file access (read-only: inputs are never written) and format choice. For now every
//! input is plain text, one message; chat-export readers plug in here. Never calls the engine.

pub mod decode;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::conversation::Conversation;
use crate::error::{Error, Result};

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
}

/// Read a file as a conversation.
pub fn read_path(path: &Path) -> Result<(Conversation, Source)> {
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
    let bytes = std::fs::read(path).map_err(io)?;
    from_bytes(&bytes, path.to_string_lossy().as_ref(), path)
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
    from_bytes(&bytes, "-", &path)
}

/// Read bytes already in memory; `shown` names them in the report, `path` in errors.
pub fn from_bytes(bytes: &[u8], shown: &str, path: &Path) -> Result<(Conversation, Source)> {
    let decoded = decode::decode(bytes).map_err(|_| Error::NotText {
        path: path.to_path_buf(),
    })?;
    let conv = Conversation::plain(decoded.text);
    let source = Source {
        path: shown.to_string(),
        format: conv.format.as_str().to_string(),
        encoding: decoded.encoding,
    };
    Ok((conv, source))
}

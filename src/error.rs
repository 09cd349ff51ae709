//! The library's one error type. Every I/O error carries the path it concerns, so the
//! CLI can print one clean line and the window can show it localized.

use std::path::PathBuf;

/// Everything that can go wrong while loading rules or reading input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A rule file is not valid TOML or has a wrong field.
    #[error("rule file {path}: {reason}")]
    RuleFile {
        /// The rule file.
        path: PathBuf,
        /// What is wrong, in English (the Fluent layer wraps it).
        reason: String,
    },
    /// One rule in a rule file is wrong (bad regex, unknown category, ...).
    #[error("rule file {path}: rule {rule}: {reason}")]
    Rule {
        /// The rule file.
        path: PathBuf,
        /// The rule's id.
        rule: String,
        /// What is wrong, e.g. the regex compiler's message.
        reason: String,
    },
    /// The input is not text that Saq can read.
    #[error("{path}: not a text file")]
    NotText {
        /// The input file.
        path: PathBuf,
    },
    /// The input is larger than Saq will read ([`crate::input::MAX_INPUT_BYTES`]).
    #[error("{path}: too large (over {size} bytes)")]
    TooLarge {
        /// The input file.
        path: PathBuf,
        /// Its size in bytes when the metadata tells it; for a stream (standard input, a
        /// file that grows), the bytes read before reading stopped: the limit plus one.
        size: u64,
    },
    /// The path is not a regular file (a FIFO, a device, a socket): it is not opened, since
    /// opening a FIFO waits for a writer and a device may never end.
    #[error("{path}: not a regular file")]
    NotRegular {
        /// The path.
        path: PathBuf,
    },
    /// The input is empty (or only white space): there is nothing to check.
    #[error("{path}: empty")]
    Empty {
        /// The input file, or `-`.
        path: PathBuf,
    },
    /// The content is not in a format Saq can read (e.g. HTML without messages).
    #[error("{path}: {reason}")]
    Format {
        /// The input file.
        path: PathBuf,
        /// What is wrong, in English (views show a localized line chosen by `kind`).
        reason: String,
        /// Which problem, for the localized message.
        kind: FormatProblem,
    },
    /// The user cancelled reading.
    #[error("{path}: cancelled")]
    Cancelled {
        /// The input file.
        path: PathBuf,
    },
    /// A report file could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file being written.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A report would replace an existing file; it was not written.
    #[error("{path}: already exists, not replaced")]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// A picture could not be read (damaged, too large, or Tesseract is missing).
    #[error("{path}: picture: {problem:?}")]
    Picture {
        /// The picture file.
        path: PathBuf,
        /// What went wrong, for the localized message.
        problem: PictureProblem,
    },
    /// The path is a directory.
    #[error("{path}: is a directory")]
    IsDir {
        /// The path.
        path: PathBuf,
    },
}

/// Why a file's content could not be read (each has a Fluent message `error-format-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatProblem {
    /// A chat export with no messages in it.
    NoMessages,
    /// A zip archive without a chat text inside.
    NoChatInZip,
    /// A damaged or unreadable archive.
    BadArchive,
    /// JSON that is not a Telegram export.
    NotTelegramJson,
}

/// Why a picture could not be read (each has a Fluent message `error-picture-…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureProblem {
    /// The `tesseract` program is not installed (or not where `SAQ_TESSERACT` says).
    NoTesseract,
    /// Tesseract's language data for these languages is missing (`kaz+rus`).
    MissingLanguages(String),
    /// The picture is larger than Saq decodes.
    TooLarge {
        /// Width in pixels, from the header.
        width: u32,
        /// Height in pixels, from the header.
        height: u32,
    },
    /// The file starts like a picture but cannot be decoded (truncated, damaged).
    Damaged,
    /// No text was found in the picture.
    NoText,
    /// Tesseract took too long and was stopped.
    TimedOut,
    /// Tesseract failed; its complaint.
    OcrFailed(String),
}

/// Shorthand for the library's results.
pub type Result<T> = std::result::Result<T, Error>;

//! The input model every reader produces: a `Conversation` of `Message`s.
//!
//! A plain text is one message; chat exports (WhatsApp, Telegram) give many, with senders
//! and times. The engine reads only this model and never knows which file it came from.

use serde::Serialize;

/// Which reader produced a conversation (the JSON `source.format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Plain text: the whole input is one message.
    Plain,
}

impl SourceFormat {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Plain => "plain",
        }
    }
}

/// What kind of media a message carries, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// A voice note.
    Voice,
    /// A round video message.
    VideoNote,
    /// A picture.
    Photo,
    /// A video.
    Video,
    /// Any other attached file.
    Document,
    /// A sticker or GIF.
    Sticker,
    /// Other media.
    Other,
}

/// One message as read from the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    /// Who sent it, as written in the export.
    pub sender: Option<String>,
    /// When, ISO 8601 as written (no time zone invented).
    pub timestamp: Option<String>,
    /// The text (a media caption, or empty for media only).
    pub text: String,
    /// Media carried by the message.
    pub media: Option<MediaKind>,
}

/// A whole input: one message for plain text, many for a chat export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// Which reader produced it.
    pub format: SourceFormat,
    /// The real messages in file order (system lines are not messages).
    pub messages: Vec<Message>,
    /// How many system lines (group events, encryption notices) were read and set apart.
    pub system_lines: usize,
}

impl Conversation {
    /// A plain text as a one-message conversation.
    pub fn plain(text: impl Into<String>) -> Conversation {
        Conversation {
            format: SourceFormat::Plain,
            messages: vec![Message {
                text: text.into(),
                ..Message::default()
            }],
            system_lines: 0,
        }
    }
}

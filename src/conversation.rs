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
    /// WhatsApp for Android "Export chat" text (`dd.MM.yyyy, HH:mm - Name: text`).
    WhatsappAndroidTxt,
    /// WhatsApp for iPhone "Export chat" text (`[dd.MM.yyyy, HH:mm:ss] Name: text`).
    WhatsappIosTxt,
    /// Telegram Desktop `result.json` (one chat or a full account export).
    TelegramJson,
    /// Telegram Desktop `messages.html` (with `messages2.html`, … of the same export).
    TelegramHtml,
    /// A picture (screenshot, photo of a document) whose text was recognised by Tesseract.
    ImageOcr,
}

impl SourceFormat {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Plain => "plain",
            SourceFormat::WhatsappAndroidTxt => "whatsapp_android_txt",
            SourceFormat::WhatsappIosTxt => "whatsapp_ios_txt",
            SourceFormat::TelegramJson => "telegram_desktop_json",
            SourceFormat::TelegramHtml => "telegram_desktop_html",
            SourceFormat::ImageOcr => "image_ocr",
        }
    }
}

/// An archive the conversation was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Container {
    /// A `.zip` as WhatsApp exports it "with media".
    Zip,
}

/// Something a reader wants the user to know about what it read: a partial result is
/// still a result, but it says what was skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ReadNote {
    /// Lines that fit no known layout were skipped.
    LinesSkipped {
        /// How many.
        count: usize,
    },
    /// The file ends in the middle (truncated JSON or HTML): messages up to there were read.
    Truncated,
    /// A zip archive went past the entry-count or decompressed-size limit; reading stopped.
    ZipLimit,
    /// Invalid bytes were replaced with U+FFFD.
    InvalidBytesReplaced,
    /// The pages of an export together went past the input size limit; the pages after
    /// the limit were not read.
    SizeLimit,
    /// A full Telegram export: every chat in it was read.
    ChatsRead {
        /// How many chats.
        count: usize,
    },
    /// The text was read from a picture by character recognition and may have misreadings.
    ReadFromPicture,
    /// Some words of a picture were read with low confidence.
    LowConfidenceWords {
        /// How many.
        count: usize,
    },
}

impl ReadNote {
    /// One line for the reader, in their language.
    pub fn describe(&self, tr: &crate::i18n::Localizer) -> String {
        use crate::i18n::Arg;
        match self {
            ReadNote::LinesSkipped { count } => {
                tr.tr_args("note-lines-skipped", &[("count", Arg::from(*count))])
            }
            ReadNote::Truncated => tr.tr("note-truncated"),
            ReadNote::ZipLimit => tr.tr("note-zip-limit"),
            ReadNote::InvalidBytesReplaced => tr.tr("note-invalid-bytes"),
            ReadNote::SizeLimit => tr.tr("note-size-limit"),
            ReadNote::ChatsRead { count } => {
                tr.tr_args("note-chats-read", &[("count", Arg::from(*count))])
            }
            ReadNote::ReadFromPicture => tr.tr("note-read-from-picture"),
            ReadNote::LowConfidenceWords { count } => {
                tr.tr_args("note-low-confidence", &[("count", Arg::from(*count))])
            }
        }
    }
}

/// A link hidden behind other text (Telegram `text_link`): the anchor is in the message
/// text, the target is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenLink {
    /// Byte range of the anchor text in [`Message::text`].
    pub span: std::ops::Range<usize>,
    /// Where the link really goes.
    pub url: String,
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

/// An ISO 8601 date-time as written in the export ("2025-03-02T18:12:05", maybe with "Z" or
/// an offset), stored inline: a 100 MB chat has a million of them, and a heap string each
/// would cost more than the text. Reads as `&str`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    len: u8,
    bytes: [u8; 31],
}

impl Timestamp {
    /// The longest text a timestamp holds.
    pub const MAX_LEN: usize = 31;

    /// Store `s`, or `None` when it is longer than [`Timestamp::MAX_LEN`] bytes.
    pub fn new(s: &str) -> Option<Timestamp> {
        let len = u8::try_from(s.len())
            .ok()
            .filter(|&l| usize::from(l) <= Self::MAX_LEN)?;
        let mut bytes = [0u8; 31];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        Some(Timestamp { len, bytes })
    }

    /// Store ASCII `bytes` (`None` when they are not ASCII or too long): ASCII is UTF-8, and
    /// checking it is cheaper than checking UTF-8.
    pub fn from_ascii(bytes: &[u8]) -> Option<Timestamp> {
        if !bytes.is_ascii() || bytes.len() > Self::MAX_LEN {
            return None;
        }
        let mut stored = [0u8; 31];
        stored.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(Timestamp {
            len: u8::try_from(bytes.len()).ok()?,
            bytes: stored,
        })
    }

    /// The UTF-8 bytes of the text (read as `&str`, they are checked again).
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }
}

impl std::ops::Deref for Timestamp {
    type Target = str;

    fn deref(&self) -> &str {
        // Invariant: the bytes were copied whole from a `&str` in `new`, or are ASCII
        // (`from_ascii`), so they are UTF-8.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl std::fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// One message as read from the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    /// Who sent it, as written in the export (shared between a sender's messages).
    pub sender: Option<std::sync::Arc<str>>,
    /// When, ISO 8601 as written (no time zone invented).
    pub timestamp: Option<Timestamp>,
    /// The text (a media caption, or empty for media only).
    pub text: String,
    /// Media carried by the message.
    pub media: Option<MediaKind>,
    /// What few messages carry (hidden links, forwarding, the chat of a full export), boxed
    /// so that a 100 MB chat's million messages stay small.
    pub extra: Option<Box<MessageExtra>>,
}

/// The rarely present parts of a [`Message`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageExtra {
    /// Links whose target is not shown in the text.
    pub hidden_links: Vec<HiddenLink>,
    /// "Forwarded from …", when the export says so.
    pub forwarded_from: Option<String>,
    /// The chat the message belongs to, in a full export of many chats.
    pub chat: Option<String>,
}

impl MessageExtra {
    /// `None` when there is nothing to carry.
    pub fn boxed(
        hidden_links: Vec<HiddenLink>,
        forwarded_from: Option<String>,
        chat: Option<String>,
    ) -> Option<Box<MessageExtra>> {
        if hidden_links.is_empty() && forwarded_from.is_none() && chat.is_none() {
            None
        } else {
            Some(Box::new(MessageExtra {
                hidden_links,
                forwarded_from,
                chat,
            }))
        }
    }
}

impl Message {
    /// Links whose target is not shown in the text.
    pub fn hidden_links(&self) -> &[HiddenLink] {
        self.extra.as_deref().map_or(&[], |e| &e.hidden_links)
    }

    /// "Forwarded from …", when the export says so.
    pub fn forwarded_from(&self) -> Option<&str> {
        self.extra
            .as_deref()
            .and_then(|e| e.forwarded_from.as_deref())
    }

    /// The chat the message belongs to, in a full export of many chats.
    pub fn chat(&self) -> Option<&str> {
        self.extra.as_deref().and_then(|e| e.chat.as_deref())
    }

    /// Set the chat name.
    pub fn set_chat(&mut self, chat: String) {
        self.extra.get_or_insert_with(Box::default).chat = Some(chat);
    }
}

/// What an account event says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountEventKind {
    /// "X changed their phone number": the chat now goes to a new number.
    NumberChanged,
    /// "Your security code with X changed": X's account is on a new device.
    SecurityCodeChanged,
    /// "X joined Telegram": a new account under a name the chat already knows.
    JoinedMessenger,
}

/// A line the messenger app wrote about a contact's account (not a message). On its own it
/// is ordinary; followed by a money or code request from the same person it is the sign of
/// a hijacked or impostor account (S2, S3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountEvent {
    /// What happened.
    pub kind: AccountEventKind,
    /// The contact the line names, as written in it.
    pub who: String,
    /// The author the export put on the line, if any (iOS puts the chat's name there).
    pub attributed_to: Option<std::sync::Arc<str>>,
    /// Index of the first real message after the event (`messages.len()` at the end).
    pub before: usize,
}

impl AccountEvent {
    /// Does this event concern the sender named `sender`? The line may give only a first
    /// name ("Your security code with Elon changed" in a chat with "Elon Musk").
    pub fn concerns(&self, sender: &str) -> bool {
        let who = self.who.trim();
        if self.attributed_to.as_deref() == Some(sender) || sender == who {
            return true;
        }
        !who.is_empty()
            && sender
                .strip_prefix(who)
                .is_some_and(|rest| rest.starts_with(' '))
    }
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
    /// The archive it came from, if any.
    pub container: Option<Container>,
    /// What the reader skipped or had to guess.
    pub notes: Vec<ReadNote>,
    /// Account events among the system lines ("changed their phone number"), in file order.
    pub events: Vec<AccountEvent>,
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
            container: None,
            notes: Vec::new(),
            events: Vec::new(),
        }
    }
}

/// A conversation whose messages are made one at a time, in file order, as they are taken:
/// a big chat is checked as a stream without every message existing at once. Everything
/// else (format, system lines, notes, account events) is known before the first message.
pub struct ConversationStream {
    /// The conversation without its messages (`head.messages` is empty).
    pub head: Conversation,
    len: usize,
    messages: Box<dyn Iterator<Item = Message> + Send>,
}

impl ConversationStream {
    /// A stream of `len` messages after `head` (whose own `messages` are dropped).
    pub fn new(
        mut head: Conversation,
        len: usize,
        messages: impl Iterator<Item = Message> + Send + 'static,
    ) -> ConversationStream {
        head.messages = Vec::new();
        ConversationStream {
            head,
            len,
            messages: Box::new(messages),
        }
    }

    /// How many messages the whole stream has (taken or not).
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the conversation has no messages.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The whole conversation, every message made at once.
    pub fn into_conversation(self) -> Conversation {
        let mut conv = self.head;
        conv.messages = self.messages.collect();
        conv
    }

    /// The head and the messages, to be taken one at a time.
    pub fn into_parts(self) -> (Conversation, Box<dyn Iterator<Item = Message> + Send>) {
        (self.head, self.messages)
    }
}

impl From<Conversation> for ConversationStream {
    fn from(mut conv: Conversation) -> ConversationStream {
        let messages = std::mem::take(&mut conv.messages);
        ConversationStream::new(conv, messages.len(), messages.into_iter())
    }
}

impl std::fmt::Debug for ConversationStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConversationStream")
            .field("head", &self.head)
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn timestamps_from_ascii_bytes_read_as_from_text() {
        let t = Timestamp::from_ascii(b"2025-03-02T18:12:05").expect("ASCII, short");
        assert_eq!(Some(t), Timestamp::new("2025-03-02T18:12:05"));
        assert_eq!(&*t, "2025-03-02T18:12:05");
        assert_eq!(t.as_bytes(), b"2025-03-02T18:12:05");
        assert_eq!(Timestamp::from_ascii("2025-03-02 сағат".as_bytes()), None);
        assert_eq!(Timestamp::from_ascii(&[b'1'; 32]), None);
        assert!(Timestamp::from_ascii(&[b'1'; 31]).is_some());
    }
}

//! A transcript read in two passes over its text: the first ([`Scan::read`]) learns what
//! only the whole file tells — the header profile, the date order, which `Name:text` lines
//! are messages, how many system lines there are and where the account events fall — and
//! keeps no message; the second ([`Scan::into_conversation`], or [`Scan::into_stream`] a
//! message at a time as they are taken) reads the records again and makes the messages. So a
//! 100 MB chat is checked holding its text and a few batches of messages, not a copy of every
//! message. Both passes go through [`RecordCursor`] and [`resolve`], so they agree.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use crate::conversation::{
    AccountEvent, Conversation, ConversationStream, MediaKind, Message, ReadNote, SourceFormat,
};
use crate::error::{Error, FormatProblem};
use crate::input::ReadControl;

use super::{
    Class, DateStats, Layout, LineCursor, Lines, Opening, Pending, Profile, REPORT_STEP, RawWhen,
    VOTE_HEADERS, author_split, classify, is_blank, is_invisible, match_header, normalize_body,
    prefilter,
};

/// The records of a transcript — a header line and the lines up to the next header of the
/// file's profile — one at a time.
struct RecordCursor {
    lines: LineCursor,
    profile: Profile,
    pending: Option<Pending>,
    /// Non-blank lines before the first header.
    skipped: usize,
    stats: DateStats,
}

impl RecordCursor {
    fn new(text: &str, profile: Profile) -> RecordCursor {
        RecordCursor {
            lines: LineCursor::new(text),
            profile,
            pending: None,
            skipped: 0,
            stats: DateStats::default(),
        }
    }

    /// The next whole record of `text` (always the same text). `tick` sees the start of every
    /// line and may stop the reading (progress and Cancel).
    fn next<E>(
        &mut self,
        text: &str,
        tick: &mut impl FnMut(usize) -> Result<(), E>,
    ) -> Result<Option<Pending>, E> {
        while let Some((start, end, _)) = self.lines.next(text) {
            tick(start)?;
            let line = &text[start..end];
            let header = if prefilter(line) {
                match_header(line).filter(|h| h.profile == self.profile)
            } else {
                None
            };
            let Some(h) = header else {
                match self.pending.as_mut() {
                    Some(p) => p.end = end,
                    None => {
                        if !line.trim_matches(is_blank).is_empty() {
                            self.skipped += 1;
                        }
                    }
                }
                continue;
            };
            self.stats.add(&h);
            let rest_at = start + h.body;
            let opening = match author_split(&text[rest_at..end]) {
                Some((name_end, body, false)) => Opening::Author {
                    name: (rest_at, rest_at + name_end),
                    body: rest_at + body,
                },
                Some((name_end, body, true)) => Opening::Tentative {
                    name: (rest_at, rest_at + name_end),
                    body: rest_at + body,
                },
                None => Opening::System { body: rest_at },
            };
            let next = Pending {
                when: RawWhen::of(&h),
                opening,
                end,
            };
            if let Some(done) = self.pending.replace(next) {
                return Ok(Some(done));
            }
        }
        Ok(self.pending.take())
    }
}

/// Senders by name, each name stored once and shared by its messages.
#[derive(Default)]
struct Senders {
    ids: HashMap<String, u32>,
    names: Vec<Arc<str>>,
}

impl Senders {
    fn id(&mut self, name: Cow<'_, str>) -> u32 {
        if let Some(&id) = self.ids.get(name.as_ref()) {
            return id;
        }
        // One sender at most per line of a text under 4 GiB (checked in `Scan::read`).
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.as_ref().into());
        self.ids.insert(name.into_owned(), id);
        id
    }

    fn name(&self, id: u32) -> Arc<str> {
        self.names.get(id as usize).cloned().unwrap_or_default()
    }
}

/// What a record is.
enum Resolved<'t> {
    /// A line the app wrote (its text), attributed to a sender or not.
    System { line: Cow<'t, str>, by: Option<u32> },
    /// A person's message.
    Message {
        sender: u32,
        text: Cow<'t, str>,
        media: Option<MediaKind>,
        /// `Name:text`: a message only if the name also writes as a plain author.
        tentative: bool,
        when: RawWhen,
    },
}

/// Tell what a finished record is.
fn resolve<'t>(
    text: &'t str,
    p: Pending,
    archive: Option<&HashSet<String>>,
    senders: &mut Senders,
) -> Resolved<'t> {
    let (name, body, tentative) = match p.opening {
        Opening::System { body } => {
            return Resolved::System {
                line: Cow::Borrowed(&text[body.min(p.end)..p.end]),
                by: None,
            };
        }
        Opening::Author { name, body } => (name, body, false),
        Opening::Tentative { name, body } => (name, body, true),
    };
    let sender = senders.id(clean_sender(&text[name.0..name.1]));
    let name = senders.name(sender);
    let raw = &text[body.min(p.end)..p.end];
    let (class, body) = match normalize_body(raw) {
        Cow::Borrowed(body) => (classify(body, &name, archive), Cow::Borrowed(body)),
        // Line breaks rewritten: what classify returns borrows the rewritten body.
        Cow::Owned(body) => (
            owned_class(classify(&body, &name, archive)),
            Cow::Owned(body),
        ),
    };
    match class {
        Class::System => Resolved::System {
            line: body,
            by: Some(sender),
        },
        Class::Message { text, media } => Resolved::Message {
            sender,
            text,
            media,
            tentative,
            when: p.when,
        },
    }
}

fn owned_class(c: Class<'_>) -> Class<'static> {
    match c {
        Class::System => Class::System,
        Class::Message { text, media } => Class::Message {
            text: Cow::Owned(text.into_owned()),
            media,
        },
    }
}

/// The sender's name without direction marks and without the `~ ` of non-contacts.
fn clean_sender(raw: &str) -> Cow<'_, str> {
    if raw.contains(is_invisible) {
        let filtered: String = raw.chars().filter(|&c| !is_invisible(c)).collect();
        return Cow::Owned(trim_sender(&filtered).to_string());
    }
    Cow::Borrowed(trim_sender(raw))
}

fn trim_sender(name: &str) -> &str {
    let t = name.trim();
    match t.strip_prefix('~') {
        Some(r) => r.trim_start(),
        None => t,
    }
}

/// What the first pass learnt of a transcript: everything of the conversation but its
/// messages, and what the second pass needs to make them.
pub(super) struct Scan {
    format: SourceFormat,
    profile: Profile,
    archive: Option<HashSet<String>>,
    senders: Senders,
    /// Senders that write as plain authors (their `Name:text` lines are messages too).
    known: Vec<bool>,
    /// The date order of the file (decided over all its headers).
    day_first: bool,
    /// How many messages the second pass gives.
    len: usize,
    system_lines: usize,
    pub(super) notes: Vec<ReadNote>,
    events: Vec<AccountEvent>,
}

impl Scan {
    /// The first pass. `archive` names the files of the zip the text came from (media).
    ///
    /// System lines (encryption notice, group events, security-code and number changes,
    /// missed calls) are counted, not kept as messages. Lines before the first header are
    /// skipped with a [`ReadNote::LinesSkipped`]. Text without a single header is
    /// [`FormatProblem::NoMessages`].
    pub(super) fn read(
        text: &str,
        path: &Path,
        ctl: &ReadControl,
        archive: Option<HashSet<String>>,
    ) -> Result<Scan, Error> {
        let total = text.len() as u64;
        // Sender ids are u32; a text this long (past every input limit) is refused rather
        // than misread.
        if u32::try_from(text.len()).is_err() {
            return Err(Error::TooLarge {
                path: path.to_path_buf(),
                size: total,
            });
        }
        let cancelled = || Error::Cancelled {
            path: path.to_path_buf(),
        };
        let profile = vote(text, ctl).map_err(|()| cancelled())?;
        let Some(profile) = profile else {
            return Err(Error::Format {
                path: path.to_path_buf(),
                reason: "no WhatsApp message header found".into(),
                kind: FormatProblem::NoMessages,
            });
        };

        let mut cursor = RecordCursor::new(text, profile);
        let mut senders = Senders::default();
        let mut known: Vec<bool> = Vec::new();
        let mut messages = 0usize;
        // `Name:text` messages: their index and sender.
        let mut tentative: Vec<(usize, u32)> = Vec::new();
        let mut system_lines = 0usize;
        let mut events: Vec<AccountEvent> = Vec::new();
        let mut next_report = REPORT_STEP;
        let mut tick = |start: usize| {
            if start >= next_report {
                next_report = start + REPORT_STEP;
                ctl.report(start as u64, total);
                if ctl.cancelled() {
                    return Err(cancelled());
                }
            }
            Ok(())
        };
        while let Some(p) = cursor.next(text, &mut tick)? {
            match resolve(text, p, archive.as_ref(), &mut senders) {
                Resolved::System { line, by } => {
                    system_lines += 1;
                    if let Some((kind, who)) = super::super::account_events::parse(&line) {
                        events.push(AccountEvent {
                            kind,
                            who,
                            attributed_to: by.map(|id| senders.name(id)),
                            before: messages,
                        });
                    }
                }
                Resolved::Message {
                    sender,
                    tentative: t,
                    ..
                } => {
                    if t {
                        tentative.push((messages, sender));
                    } else {
                        let i = sender as usize;
                        if known.len() <= i {
                            known.resize(i + 1, false);
                        }
                        known[i] = true;
                    }
                    messages += 1;
                }
            }
        }
        ctl.report(total, total);

        // `Name:text` records are messages only when `Name` also writes as a plain author.
        let is_known = |id: u32| known.get(id as usize).copied().unwrap_or(false);
        let dropped: Vec<usize> = tentative
            .iter()
            .filter(|&&(_, id)| !is_known(id))
            .map(|&(i, _)| i)
            .collect();
        if !dropped.is_empty() {
            // An event's index counts the messages kept before it (`dropped` is in order).
            for e in &mut events {
                e.before -= dropped.partition_point(|&i| i < e.before);
            }
            system_lines += dropped.len();
        }

        let mut notes = Vec::new();
        if cursor.skipped > 0 {
            notes.push(ReadNote::LinesSkipped {
                count: cursor.skipped,
            });
        }
        Ok(Scan {
            format: match profile.layout {
                Layout::Dash => SourceFormat::WhatsappAndroidTxt,
                Layout::Bracket | Layout::Colon => SourceFormat::WhatsappIosTxt,
            },
            profile,
            archive,
            senders,
            known,
            day_first: cursor.stats.day_first(),
            len: messages - dropped.len(),
            system_lines,
            notes,
            events,
        })
    }

    /// The conversation without its messages.
    fn head(&mut self) -> Conversation {
        Conversation {
            format: self.format,
            messages: Vec::new(),
            system_lines: self.system_lines,
            container: None,
            notes: std::mem::take(&mut self.notes),
            events: std::mem::take(&mut self.events),
        }
    }

    /// The whole conversation, every message made at once (`text` as given to
    /// [`Scan::read`]).
    pub(super) fn into_conversation(mut self, text: &str) -> Conversation {
        let mut conv = self.head();
        let mut cursor = RecordCursor::new(text, self.profile);
        conv.messages = Vec::with_capacity(self.len);
        while let Some(m) = self.next_message(text, &mut cursor) {
            conv.messages.push(m);
        }
        conv
    }

    /// The conversation as a stream: each message is made when it is taken.
    pub(super) fn into_stream(mut self, text: String) -> ConversationStream {
        let head = self.head();
        let len = self.len;
        let cursor = RecordCursor::new(&text, self.profile);
        let messages = Messages {
            text,
            scan: self,
            cursor,
        };
        ConversationStream::new(head, len, messages)
    }

    /// The second pass: the next message after `cursor`.
    fn next_message(&mut self, text: &str, cursor: &mut RecordCursor) -> Option<Message> {
        let mut no_tick = |_| Ok::<(), std::convert::Infallible>(());
        loop {
            let Ok(p) = cursor.next(text, &mut no_tick);
            let p = p?;
            let Resolved::Message {
                sender,
                text,
                media,
                tentative,
                when,
            } = resolve(text, p, self.archive.as_ref(), &mut self.senders)
            else {
                continue;
            };
            if tentative && !self.known.get(sender as usize).copied().unwrap_or(false) {
                continue;
            }
            return Some(Message {
                sender: Some(self.senders.name(sender)),
                timestamp: when.timestamp(self.day_first),
                text: text.into_owned(),
                media,
                extra: None,
            });
        }
    }
}

/// Pass 1a: the file's header profile, by a vote of its first headers (ties go to the
/// profile seen first); `None` when there is no header. `Err` when cancelled.
fn vote(text: &str, ctl: &ReadControl) -> Result<Option<Profile>, ()> {
    let mut votes: Vec<(Profile, usize)> = Vec::new();
    let mut matched = 0usize;
    let mut next_report = REPORT_STEP;
    for (start, end, _) in Lines::new(text) {
        if start >= next_report {
            next_report = start + REPORT_STEP;
            if ctl.cancelled() {
                return Err(());
            }
        }
        let line = &text[start..end];
        if !prefilter(line) {
            continue;
        }
        if let Some(h) = match_header(line) {
            match votes.iter_mut().find(|v| v.0 == h.profile) {
                Some(v) => v.1 += 1,
                None => votes.push((h.profile, 1)),
            }
            matched += 1;
            if matched >= VOTE_HEADERS {
                break;
            }
        }
    }
    let mut profile: Option<(Profile, usize)> = None;
    for &(p, n) in &votes {
        if profile.is_none_or(|(_, best)| n > best) {
            profile = Some((p, n));
        }
    }
    Ok(profile.map(|(p, _)| p))
}

/// The messages of a [`Scan`], made one by one from the export text it owns.
struct Messages {
    text: String,
    scan: Scan,
    cursor: RecordCursor,
}

impl Iterator for Messages {
    type Item = Message;

    fn next(&mut self) -> Option<Message> {
        self.scan.next_message(&self.text, &mut self.cursor)
    }
}

//! A transcript read in two passes over its text: the first ([`Scan::read`]) learns what
//! only the whole file tells — the header profile, the date order, which `Name:text` lines
//! are messages, how many system lines there are and where the account events fall — and
//! keeps no message; the second ([`Scan::into_conversation`], or [`Scan::into_stream`] a
//! message at a time as they are taken) reads the records again and makes the messages. So a
//! 100 MB chat is checked holding its text and a few batches of messages, not a copy of every
//! message. Both passes go through [`RecordCursor`] and [`resolve`], so they agree.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::conversation::{
    AccountEvent, Conversation, ConversationStream, MediaKind, Message, ReadNote, SourceFormat,
};
use crate::error::{Error, FormatProblem};
use crate::input::ReadControl;

use super::{
    Class, DateStats, Layout, LineCursor, Lines, Opening, Pending, Profile, REPORT_STEP, RawWhen,
    VOTE_HEADERS, author_split, classify, is_blank, is_invisible, match_header, may_be_system,
    normalize_body, prefilter,
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
        RecordCursor::part(text, profile, 0, text.len())
    }

    /// The records from `start` up to `end`, both line starts (or the text's end).
    fn part(text: &str, profile: Profile, start: usize, end: usize) -> RecordCursor {
        RecordCursor {
            lines: LineCursor::part(text, start, end),
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
    ids: foldhash::HashMap<String, u32>,
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

    /// [`Senders::name`], borrowed: a shared name's count is not touched.
    fn name_str(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
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

/// Which reading of the records resolves one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// The first pass needs of a person's message only its sender and whether it is
    /// tentative: a body that cannot be a system line ([`may_be_system`]) is not classified
    /// further, and the message's text is left empty. Anything else is resolved in full, so
    /// system lines and account events are the same in both passes.
    First,
    /// The second pass makes the messages.
    Second,
}

/// Tell what a finished record is.
fn resolve<'t>(
    text: &'t str,
    p: Pending,
    archive: Option<&HashSet<String>>,
    senders: &mut Senders,
    pass: Pass,
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
    let raw = &text[body.min(p.end)..p.end];
    if pass == Pass::First && !may_be_system(raw) {
        return Resolved::Message {
            sender,
            text: Cow::Borrowed(""),
            media: None,
            tentative,
            when: p.when,
        };
    }
    let name = senders.name_str(sender);
    let (class, body) = match normalize_body(raw) {
        Cow::Borrowed(body) => (classify(body, name, archive), Cow::Borrowed(body)),
        // Line breaks rewritten: what classify returns borrows the rewritten body.
        Cow::Owned(body) => (
            owned_class(classify(&body, name, archive)),
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
        Scan::read_in(text, path, ctl, archive, first_pass_threads(text.len()))
    }

    /// [`Scan::read`] in up to `parts` runs read side by side.
    fn read_in(
        text: &str,
        path: &Path,
        ctl: &ReadControl,
        archive: Option<HashSet<String>>,
        parts: usize,
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

        // The records are read in parts side by side, one per core, each part starting at a
        // header line of the file's profile; what the parts learnt is then added up in
        // order (a 100 MB chat's first pass took a fifth of its check, on one core).
        let bounds = part_bounds(text, profile, parts);
        let done = AtomicU64::new(0);
        let scan = |(start, end): (usize, usize)| {
            let mut last = start;
            let mut next_report = start + REPORT_STEP;
            let mut tick = |at: usize| {
                if at >= next_report {
                    next_report = at + REPORT_STEP;
                    let step = (at - last) as u64;
                    last = at;
                    ctl.report(done.fetch_add(step, Ordering::Relaxed) + step, total);
                    if ctl.cancelled() {
                        return Err(cancelled());
                    }
                }
                Ok(())
            };
            scan_part(text, profile, start, end, archive.as_ref(), &mut tick)
        };
        let parts: Vec<Result<Part, Error>> = if bounds.len() < 2 {
            bounds.into_iter().map(scan).collect()
        } else {
            std::thread::scope(|scope| {
                let scan = &scan;
                let handles: Vec<_> = bounds
                    .into_iter()
                    .map(|b| scope.spawn(move || scan(b)))
                    .collect();
                handles
                    .into_iter()
                    // A scanning thread only panics on a bug; re-raise it rather than hide it.
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        let mut parts = parts.into_iter();
        let mut all = match parts.next() {
            Some(first) => first?,
            None => Part::default(),
        };
        for part in parts {
            all.append(part?);
        }
        ctl.report(total, total);
        let Part {
            senders,
            known,
            messages,
            tentative,
            mut system_lines,
            mut events,
            stats,
            skipped,
        } = all;

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
        if skipped > 0 {
            notes.push(ReadNote::LinesSkipped { count: skipped });
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
            day_first: stats.day_first(),
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
            } = resolve(
                text,
                p,
                self.archive.as_ref(),
                &mut self.senders,
                Pass::Second,
            )
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

/// Below this many bytes the first pass reads on one thread.
const PARALLEL_FIRST_PASS_MIN: usize = 4 << 20;

/// How many parts the first pass reads side by side: one per core (at most 8) for a big text.
fn first_pass_threads(len: usize) -> usize {
    if len < PARALLEL_FIRST_PASS_MIN {
        return 1;
    }
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

/// `n` runs of whole records covering `text`, as (start, end): each run but the first starts
/// at a header line of `profile`, near an equal share of the text (fewer runs when headers
/// are too far apart).
fn part_bounds(text: &str, profile: Profile, n: usize) -> Vec<(usize, usize)> {
    let mut starts = vec![0];
    for k in 1..n {
        let near = text.len() / n * k;
        let from = starts.last().copied().unwrap_or(0).max(near);
        // The first whole line at or after `from`, then the first header line from there.
        let Some(line) = memchr::memchr(b'\n', text.as_bytes().get(from..).unwrap_or_default())
            .map(|i| from + i + 1)
        else {
            break;
        };
        let mut lines = LineCursor::part(text, line, text.len());
        let header = std::iter::from_fn(|| lines.next(text)).find(|&(start, end, _)| {
            let l = &text[start..end];
            prefilter(l) && match_header(l).is_some_and(|h| h.profile == profile)
        });
        match header {
            Some((start, _, _)) => starts.push(start),
            None => break,
        }
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts.iter().copied().zip(ends).collect()
}

/// What the first pass learns from one run of records (see [`Scan::read`]): message
/// indices count from the run's start, sender ids are the run's own.
#[derive(Default)]
struct Part {
    senders: Senders,
    /// Senders that write as plain authors.
    known: Vec<bool>,
    messages: usize,
    /// `Name:text` messages: their index and sender.
    tentative: Vec<(usize, u32)>,
    system_lines: usize,
    events: Vec<AccountEvent>,
    stats: DateStats,
    /// Non-blank lines before the first header.
    skipped: usize,
}

impl Part {
    /// Add the run that follows this one.
    fn append(&mut self, next: Part) {
        let ids: Vec<u32> = next
            .senders
            .names
            .iter()
            .map(|n| self.senders.id(Cow::Borrowed(n)))
            .collect();
        // Every id of the next run is one of its senders, so it has a new id here; an id
        // without one (a bug) would only leave a `Name:text` line out.
        let id = |i: u32| ids.get(i as usize).copied().unwrap_or(u32::MAX);
        for (i, _) in next.known.iter().enumerate().filter(|(_, k)| **k) {
            if let Some(&i) = ids.get(i) {
                mark_known(&mut self.known, i);
            }
        }
        let offset = self.messages;
        self.tentative
            .extend(next.tentative.iter().map(|&(m, s)| (m + offset, id(s))));
        self.events.extend(next.events.into_iter().map(|mut e| {
            e.before += offset;
            e
        }));
        self.messages += next.messages;
        self.system_lines += next.system_lines;
        self.stats.merge(&next.stats);
        self.skipped += next.skipped;
    }
}

/// Note that sender `id` writes as a plain author.
fn mark_known(known: &mut Vec<bool>, id: u32) {
    let i = id as usize;
    if known.len() <= i {
        known.resize(i + 1, false);
    }
    known[i] = true;
}

/// The first pass over the records from `start` to `end`.
fn scan_part(
    text: &str,
    profile: Profile,
    start: usize,
    end: usize,
    archive: Option<&HashSet<String>>,
    tick: &mut impl FnMut(usize) -> Result<(), Error>,
) -> Result<Part, Error> {
    let mut cursor = RecordCursor::part(text, profile, start, end);
    let mut part = Part::default();
    while let Some(p) = cursor.next(text, tick)? {
        match resolve(text, p, archive, &mut part.senders, Pass::First) {
            Resolved::System { line, by } => {
                part.system_lines += 1;
                if let Some((kind, who)) = super::super::account_events::parse(&line) {
                    part.events.push(AccountEvent {
                        kind,
                        who,
                        attributed_to: by.map(|id| part.senders.name(id)),
                        before: part.messages,
                    });
                }
            }
            Resolved::Message {
                sender,
                tentative: t,
                ..
            } => {
                if t {
                    part.tentative.push((part.messages, sender));
                } else {
                    mark_known(&mut part.known, sender);
                }
                part.messages += 1;
            }
        }
    }
    part.stats = cursor.stats;
    part.skipped = cursor.skipped;
    Ok(part)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read_in(text: &str, parts: usize) -> Conversation {
        Scan::read_in(
            text,
            Path::new("t.txt"),
            &ReadControl::default(),
            None,
            parts,
        )
        .expect("a transcript")
        .into_conversation(text)
    }

    /// Every transcript fixture (and the shared real samples, when there), each also twice
    /// in a row and with `\r` line ends, read in 1 to 7 parts: the parts add up to one pass.
    #[test]
    fn a_first_pass_in_parts_reads_like_one_pass() {
        let dirs = [
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/whatsapp"),
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/formats/samples/whatsapp"),
        ];
        let mut texts = Vec::new();
        for dir in dirs.iter().filter(|d| d.is_dir()) {
            let mut paths: Vec<_> = std::fs::read_dir(dir)
                .expect("a readable folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            for p in paths {
                let bytes = std::fs::read(&p).expect("a readable file");
                let text = crate::input::decode::decode(&bytes).expect("text").text;
                if vote(&text, &ReadControl::default()) != Ok(None) {
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() >= 8, "fixtures found: {}", texts.len());
        for text in texts {
            let twice = format!("{text}\n{text}");
            let cr = text.replace("\r\n", "\r").replace('\n', "\r");
            for t in [&text, &twice, &cr] {
                let one = read_in(t, 1);
                for parts in 2..=7 {
                    assert_eq!(read_in(t, parts), one, "{parts} parts of {t:?}");
                }
            }
        }
    }

    #[test]
    fn parts_start_at_headers_and_cover_the_text() {
        let text = "skipped line\n\
            01.02.2025, 10:00 - Ержан: бір\nекі\n\
            01.02.2025, 10:01 - Дана: үш\n\
            01.02.2025, 10:02 - Дана: төрт\n";
        let profile = vote(text, &ReadControl::default()).unwrap().unwrap();
        for n in 1..=6 {
            let bounds = part_bounds(text, profile, n);
            assert_eq!(bounds.first().map(|b| b.0), Some(0));
            assert_eq!(bounds.last().map(|b| b.1), Some(text.len()));
            for w in bounds.windows(2) {
                assert_eq!(w[0].1, w[1].0);
                assert!(text[w[1].0..].starts_with("01.02.2025"), "{bounds:?}");
            }
        }
        assert_eq!(part_bounds(text, profile, 6).len(), 3);
    }
}

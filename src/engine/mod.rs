//! Message and conversation signals → flags → verdict.
//!
//! Owns scoring. Knows nothing about files, terminals or windows, and nothing about words:
//! the rules (data) find red flags, `links` judges addresses and numbers, `normalize` maps
//! disguised text to plain text and back.
//!
//! # How a verdict is reached
//! 1. Every red flag has a weight: 1 = weak alone (a money request, "urgently", a bank's
//!    name), 2 = a real warning sign (a threat, secrecy, "new number", an official's name),
//!    3 = strong alone (asking for an SMS code or password, a "safe account", a look-alike or
//!    disguised link, a remote-access app).
//! 2. The message score is the sum, over categories, of the strongest flag in each category,
//!    so repeating one phrase does not raise it.
//! 3. Combinations that make up a known scheme add [`COMBO_BONUS`]: a money request
//!    together with urgency, secrecy, a new number, a voice/video pretext or a card number
//!    (S3/S6 of the advisory), any payment asked to be kept secret, a payment to a given card
//!    number under pressure (urgency, threats), and an impersonation together with a request for a code, data
//!    or money (S4, S7).
//!
//!    **Scheme markers** (rules marked `marker`, weight 3): one clear marker of a known
//!    scheme — a vote plea, a prize or payout claim, a money-recovery offer, an
//!    easy-earnings offer, a relative-in-trouble plea, an account alarm, an impersonation
//!    opening — makes a message at least `suspicious` on its own, with its explanation.
//!    When the message also asks the reader to act — pay, give a code, a password or card
//!    data, follow a link (any link), call or write to a given number or account, install an
//!    app (rules marked `action`, the request categories, a money request, a link, a card,
//!    IBAN or phone number) — the marker adds [`COMBO_BONUS`] and the message is `danger`.
//!    Genuine warnings that *describe* these schemes are told apart by the rules' `unless`
//!    patterns and the counter-rules below, which take off at least as much as a lone
//!    marker weighs.
//! 4. A word disguised with another alphabet, digits or hidden characters inside a flagged
//!    span adds 1: honest senders do not hide their words.
//!    A prize or investment together with a payment ("pay the fee first") adds it too.
//! 5. Counter-rules (the message warns *about* fraud, like news or a bank's "never tell anyone
//!    the code") subtract their weight, but not below the weight of a direct request for a
//!    code, password, card data, a "safe account" transfer or a remote-access app: advice is
//!    already told apart by the rules' `unless` patterns, so such a request is real — unless
//!    a counter-rule marked `advice_context` says the whole message is advice ("if someone
//!    calls and asks you to move money to a safe account, hang up").
//! 6. `danger` at [`DANGER_AT`] or more, `suspicious` at [`SUSPICIOUS_AT`] or more, else
//!    `no_signs` (never "safe"), and a `no_signs` message lists no flags: alone, such weak
//!    hints are ordinary talk.

mod link_flags;
mod stream;
mod thread;

pub use stream::{STREAM_BATCH, STREAM_IN_FLIGHT, Stream, check_streaming, check_streaming_on};

use std::ops::Range;

use crate::conversation::{Conversation, Message};
use crate::links::{self, NumberKind};
use crate::normalize;
use crate::report::{Category, Flag, Id, MessageReport, Report, Step, Steps, Verdict};
use crate::rules::RuleSet;

/// Score at which a message is `danger`.
pub const DANGER_AT: i32 = 5;
/// Score at which a message is `suspicious`.
pub const SUSPICIOUS_AT: i32 = 3;
/// What a scheme-shaped combination of flags adds.
pub const COMBO_BONUS: i32 = 2;
/// The counter-rule that only sees the word "fraudsters" (see [`Analysis::rescore`]).
const LONE_WORD_COUNTER: &str = "scam-word";
/// How many link flags, and how many card or IBAN flags, one message reports at most.
const MAX_FINDING_FLAGS: usize = 16;

/// Check one message text.
pub fn check_text(rules: &RuleSet, text: &str) -> MessageReport {
    let msg = Message {
        text: text.to_string(),
        ..Message::default()
    };
    let a = analyze_message(rules, &msg);
    message_report(0, msg, a.score, a.flags, Vec::new(), Options::default())
}

/// How a check reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Keep the flags of `no_signs` messages too (for rule authors: `saq check --show-weak`).
    pub keep_weak: bool,
}

/// Check every message of a conversation.
pub fn check_conversation(rules: &RuleSet, conv: &Conversation) -> Report {
    check_conversation_with(rules, conv, Options::default())
}

/// Check every message of a conversation, with options. The texts are copied into the
/// report; [`check_conversation_owned`] moves them instead (for big chats).
pub fn check_conversation_with(rules: &RuleSet, conv: &Conversation, opts: Options) -> Report {
    check_conversation_owned(rules, conv.clone(), opts)
}

/// Like [`check_conversation_with`], but consumes the conversation so that message texts
/// move into the report instead of being copied.
pub fn check_conversation_owned(rules: &RuleSet, conv: Conversation, opts: Options) -> Report {
    let checked = check_lazily(rules, conv, opts);
    report_of(checked)
}

/// [`check_conversation_owned`] that reports progress (messages checked / messages) and
/// stops when `ctl` is cancelled (then `None`): the window's progress bar and Cancel button
/// for a big chat.
pub fn check_conversation_controlled(
    rules: &RuleSet,
    conv: Conversation,
    opts: Options,
    ctl: &crate::input::ReadControl,
) -> Option<Report> {
    check_stream_controlled(rules, conv.into(), opts, ctl)
}

/// [`check_conversation_controlled`] for a conversation whose messages are made as they are
/// taken ([`crate::input::read_path_streamed_with`]): making them is part of the check, so
/// the window's "Checking" bar moves from the start instead of the reading bar standing at
/// 100 % while a big chat's messages are made.
pub fn check_stream_controlled(
    rules: &RuleSet,
    conv: crate::conversation::ConversationStream,
    opts: Options,
    ctl: &crate::input::ReadControl,
) -> Option<Report> {
    let total = conv.len() as u64;
    let system_lines = conv.head.system_lines;
    let mut messages = Vec::with_capacity(conv.len());
    let verdict = check_streaming(rules, conv, opts, |report| {
        if ctl.cancelled() {
            return Err(());
        }
        messages.push(report);
        if messages.len().is_multiple_of(CONTROL_STEP) {
            ctl.report(messages.len() as u64, total);
        }
        Ok(())
    })
    .ok()?;
    ctl.report(total, total);
    Some(Report {
        verdict,
        messages,
        system_lines,
    })
}

fn report_of(checked: Checked<'_>) -> Report {
    let (verdict, system_lines) = (checked.verdict(), checked.system_lines());
    Report {
        verdict,
        messages: checked.into_reports().collect(),
        system_lines,
    }
}

/// A conversation whose messages are analyzed and scored, but whose per-message reports are
/// built one at a time as they are taken: a view can write a 100 MB chat's report without
/// holding every [`MessageReport`] at once. The overall verdict is known up front.
pub struct Checked<'r> {
    rules: &'r RuleSet,
    messages: Vec<Message>,
    analyses: Vec<Scored>,
    /// Conversation flags, by message index (few messages have any).
    signals: Vec<(usize, Vec<Flag>)>,
    system_lines: usize,
    verdict: Verdict,
    opts: Options,
}

impl Checked<'_> {
    /// The worst verdict among the messages.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// System lines the reader set apart.
    pub fn system_lines(&self) -> usize {
        self.system_lines
    }

    /// How many messages.
    pub fn len(&self) -> usize {
        self.messages.len()
    }

    /// True when there are no messages.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// The reports, in message order; each message's text moves into its report.
    pub fn into_reports(self) -> impl Iterator<Item = MessageReport> {
        let (opts, rules) = (self.opts, self.rules);
        let mut signals = self.signals.into_iter().peekable();
        self.messages
            .into_iter()
            .zip(self.analyses)
            .enumerate()
            .map(move |(index, (msg, s))| {
                let extra = match signals.peek() {
                    Some((i, _)) if *i == index => {
                        signals.next().map(|(_, f)| f).unwrap_or_default()
                    }
                    _ => Vec::new(),
                };
                let (score, flags) = match s.full {
                    Some(a) => (a.score, a.flags),
                    // A conversation signal lifted a trimmed message: get its spans back.
                    None if !extra.is_empty() => (s.score, analyze_message(rules, &msg).flags),
                    None => (s.score, Vec::new()),
                };
                message_report(index, msg, score, flags, extra, opts)
            })
    }
}

/// What a conversation keeps of a message's analysis: the score and categories always, the
/// flags only when they will be shown (see [`analyze_all`]).
pub(crate) struct Scored {
    score: i32,
    categories: u32,
    has_link: bool,
    full: Option<Box<Analysis>>,
}

impl Scored {
    fn has(&self, c: Category) -> bool {
        self.categories & (1 << c as u32) != 0
    }

    fn flags(&self) -> &[Flag] {
        self.full.as_deref().map_or(&[], |a| &a.flags)
    }
}

/// Analyze and score a conversation; reports are built later by [`Checked::into_reports`].
pub fn check_lazily(rules: &RuleSet, conv: Conversation, opts: Options) -> Checked<'_> {
    let analyses = analyze_all(rules, &conv.messages, opts.keep_weak);
    checked_from(rules, conv, analyses, opts)
}

/// The [`Checked`] of a conversation whose messages are analyzed already.
fn checked_from(
    rules: &RuleSet,
    conv: Conversation,
    analyses: Vec<Scored>,
    opts: Options,
) -> Checked<'_> {
    let signals = thread::signals(&conv.messages, &conv.events, &analyses);
    let mut scores: Vec<i32> = analyses.iter().map(|a| a.score).collect();
    for (i, extra) in &signals {
        scores[*i] += extra.iter().map(|f| i32::from(f.weight)).sum::<i32>();
    }
    let verdict = scores
        .into_iter()
        .map(verdict_for)
        .max()
        .unwrap_or(Verdict::NoSigns);
    Checked {
        rules,
        messages: conv.messages,
        analyses,
        signals,
        system_lines: conv.system_lines,
        verdict,
        opts,
    }
}

/// Analyze every message; a long conversation is split across the machine's cores.
fn analyze_all(rules: &RuleSet, messages: &[Message], keep_weak: bool) -> Vec<Scored> {
    let run = |part: &[Message]| -> Vec<Scored> {
        part.iter()
            .map(|m| analyze_scored(rules, m, keep_weak))
            .collect()
    };
    let threads = worker_threads();
    if threads < 2 || messages.len() < 2 * PER_THREAD_MIN {
        return run(messages);
    }
    let chunk = messages.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = messages
            .chunks(chunk)
            .map(|part| {
                let run = &run;
                scope.spawn(move || run(part))
            })
            .collect();
        handles
            .into_iter()
            // A worker only panics if analysis has a bug; re-raise it rather than hide it.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// How many messages are checked between two progress reports of
/// [`check_stream_controlled`].
const CONTROL_STEP: usize = 512;

/// Below this many messages a thread of its own is not worth starting.
const PER_THREAD_MIN: usize = 2_000;

/// How many threads analyze messages: the machine's cores, at most 8.
fn worker_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

/// Analyze one message and keep what a conversation needs of it. In a long chat most
/// messages carry a weak hint or two; their flags are not shown, so only their score and
/// categories are kept (for conversation signals). A message that a signal later lifts above
/// the threshold is analyzed again for its spans.
fn analyze_scored(rules: &RuleSet, m: &Message, keep_weak: bool) -> Scored {
    let a = analyze_message(rules, m);
    let keep = keep_weak || a.score >= SUSPICIOUS_AT;
    Scored {
        score: a.score,
        categories: a.categories,
        has_link: a.has_link,
        full: keep.then(|| Box::new(a)),
    }
}

/// Analyze one message: its text, plus links hidden behind its text.
pub fn analyze_message(rules: &RuleSet, msg: &Message) -> Analysis {
    let mut a = analyze(rules, &msg.text);
    if !msg.hidden_links().is_empty() {
        let extra = link_flags::hidden_link_flags(&msg.text, msg.hidden_links());
        if !extra.is_empty() {
            a.flags.extend(extra);
            a.flags.sort_by_key(|f| (f.span.start, f.span.end));
            a.rescore();
        }
        a.has_link = true;
    }
    a
}

/// Every flag found in a text and the score they add up to, before the verdict is applied
/// (`saq rules stats` reads this: it wants even the weak hits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// All flags, ordered by position.
    pub flags: Vec<Flag>,
    /// The score (module docs).
    pub score: i32,
    /// Ids of the counter-rules that matched.
    pub counters: Vec<String>,
    /// Indices (into [`RuleSet::rules`]) of every rule that matched, including those whose
    /// flag was merged into another rule's on the same words.
    pub fired: Vec<usize>,
    /// The message contains a link (judged suspicious or not).
    pub has_link: bool,
    /// What the counter-rules take off.
    counter_weight: i32,
    /// A counter-rule says the whole message is advice (no request floor).
    advice_context: bool,
    /// The message gives a place to send money: a card, an IBAN or a phone number.
    destination: bool,
    /// The categories of all flags (bit = `Category as u32`).
    categories: u32,
    /// A rule marked `marker` fired: a clear marker of a known scheme.
    marker: bool,
    /// A rule marked `action` fired: the message asks the reader to act.
    action: bool,
}

impl Analysis {
    /// Compute `score` from the flags and the counter-rules (module docs, steps 2–5).
    fn rescore(&mut self) {
        // Advice is recognized by the rules' `unless` patterns, so a request that survived
        // them is a real request: warning words around it ("fraudsters are trying to take a
        // loan in your name — dictate the code") lower the score, but never below the
        // request itself.
        let mut floor = if self.advice_context {
            0
        } else {
            request_floor(&self.flags)
        };
        // A scheme marker keeps the message suspicious when the only counter-rule that
        // fired is the bare word "fraudsters": a money-recovery offer names them itself, and
        // that word alone does not make it a warning. Any real warning phrase lifts this.
        if self.marker && self.counters.iter().all(|c| c == LONE_WORD_COUNTER) {
            floor = floor.max(SUSPICIOUS_AT);
        }
        let disguised = self.flags.iter().any(|f| f.rule == "obfuscated-word");
        self.categories = self.flags.iter().fold(0, |m, f| m | 1 << f.category as u32);
        let shape = Shape {
            disguised,
            destination: self.destination,
            has_link: self.has_link,
            marker: self.marker,
            action: self.action,
        };
        self.score = (score(&self.flags, shape) - self.counter_weight).max(floor);
    }
}

/// Find every flag in a text and score it.
///
/// Bidi controls (U+202E …) are read as absent, as normalization reads them: otherwise one
/// placed inside a link would cut it short, and `https://kaspi.kz` + U+202E + `.evil.top`
/// would be judged as the bank's own site. Spans still point into `text`.
pub fn analyze(rules: &RuleSet, text: &str) -> Analysis {
    // Bidi controls are encoded with a lead byte 0xD8 (U+061C) or 0xE2; most texts have
    // neither, and the char scan is skipped.
    if memchr::memchr2(0xE2, 0xD8, text.as_bytes()).is_none()
        || !text.chars().any(links::is_bidi_control)
    {
        return analyze_clean(rules, text);
    }
    let (clean, to_text) = without_bidi(text);
    let mut a = analyze_clean(rules, &clean);
    for f in &mut a.flags {
        let start = to_text(f.span.start, true);
        // An empty span at removed controls would otherwise end before it starts.
        f.span = start..to_text(f.span.end, false).max(start);
    }
    a
}

/// `text` without bidi controls, and a map from a byte offset of the result back to
/// `text`: a start moves past controls removed right before it, an end stays before them.
fn without_bidi(text: &str) -> (String, impl Fn(usize, bool) -> usize) {
    let mut clean = String::with_capacity(text.len());
    // (offset in `clean` where controls were removed, bytes removed there and before).
    let mut gaps: Vec<(usize, usize)> = Vec::new();
    let mut gone = 0;
    for (i, c) in text.char_indices() {
        if links::is_bidi_control(c) {
            gone += c.len_utf8();
            match gaps.last_mut() {
                Some(g) if g.0 == i + c.len_utf8() - gone => g.1 = gone,
                _ => gaps.push((i + c.len_utf8() - gone, gone)),
            }
        } else {
            clean.push(c);
        }
    }
    let to_text = move |at: usize, start: bool| {
        // Gaps at offsets before `at` shift it fully; a gap exactly at `at` shifts a start
        // (which begins after the removed controls) but not an end.
        let k = gaps.partition_point(|&(p, _)| if start { p <= at } else { p < at });
        at + k.checked_sub(1).map_or(0, |k| gaps[k].1)
    };
    (clean, to_text)
}

fn analyze_clean(rules: &RuleSet, text: &str) -> Analysis {
    let found_links = links::find_links(text);
    let protected: Vec<Range<usize>> = found_links.iter().map(|l| l.span.clone()).collect();
    let norm = normalize::normalize(text, &protected);
    let matches = match &norm.narrow {
        Some(narrow) => rules.matches_narrowed(&norm.text, narrow),
        None => rules.matches(&norm.text),
    };

    // Room for the rule flags and a few link, number or disguise flags: growing one by one
    // cost several allocations a message.
    let mut flags: Vec<Flag> = if matches.hits.is_empty() {
        Vec::new()
    } else {
        Vec::with_capacity(matches.hits.len() + 4)
    };
    let (mut marker, mut action) = (false, false);
    let mut fired: Vec<usize> = matches.hits.iter().map(|h| h.rule).collect();
    fired.dedup();
    for hit in &matches.hits {
        let rule = &rules.rules()[hit.rule];
        marker |= rule.marker;
        action |= rule.action;
        let span = whole_word_end(text, norm.to_original(hit.span.clone()));
        // Words inside a link's address ("kaspi" in kaspi.kz.evil.top) are the link's
        // story, told by its own flag, for a rule that says so (`outside_links`).
        if rule.outside_links
            && found_links
                .iter()
                .any(|l| l.span.start <= span.start && span.end <= l.span.end)
        {
            continue;
        }
        flags.push(Flag {
            rule: rule.id,
            category: rule.category,
            weight: rule.weight,
            span,
            explain: rule.explain,
            args: Vec::new(),
            advice: rule.advice,
        });
    }
    // Two rules of one category on the same words, or on words one inside the other
    // ("служба безопасности" in "это служба безопасности"), say the same thing twice (the
    // score takes a category's heaviest flag only): one flag is shown.
    fold_nested(&mut flags);
    // A message with thousands of links or card numbers is hostile, not a longer scam: the
    // first few say all a reader needs, and the report stays small.
    let before = flags.len();
    for l in &found_links {
        if flags.len() - before >= MAX_FINDING_FLAGS {
            break;
        }
        link_flags::link_flags(l, &mut flags);
    }
    flags.truncate(before + MAX_FINDING_FLAGS);
    let numbers = links::find_numbers(text);
    let destination = numbers.iter().any(|n| {
        matches!(
            n.kind,
            NumberKind::Card | NumberKind::Iban | NumberKind::Phone
        )
    });
    let cards = numbers
        .into_iter()
        .filter(|n| matches!(n.kind, NumberKind::Card | NumberKind::Iban))
        .take(MAX_FINDING_FLAGS);
    for n in cards {
        flags.push(Flag {
            rule: Id::from_static("card-number-given"),
            category: Category::PaymentRequest,
            weight: 1,
            span: n.span,
            explain: Id::from_static("explain-card-number-given"),
            args: Vec::new(),
            advice: Steps::from_static(&[Step::A4]),
        });
    }

    let mut disguise = Vec::new();
    for o in &norm.obfuscations {
        let Some(cat) = flags
            .iter()
            .find(|f| overlaps(&f.span, &o.span))
            .map(|f| f.category)
        else {
            continue;
        };
        let word = text.get(o.span.clone()).unwrap_or_default();
        if word.is_empty() || disguise.iter().any(|d: &Flag| d.span == o.span) {
            continue;
        }
        disguise.push(Flag {
            rule: Id::from_static("obfuscated-word"),
            category: cat,
            weight: 1,
            span: o.span.clone(),
            explain: Id::from_static("explain-obfuscated-word"),
            args: vec![("word", link_flags::visible(word))],
            advice: Steps::default(),
        });
    }

    normalize::recycle(norm);
    let counter_weight: i32 = matches
        .counters
        .iter()
        .map(|&c| i32::from(rules.counters()[c].weight))
        .sum();
    let advice_context = matches
        .counters
        .iter()
        .any(|&c| rules.counters()[c].advice_context);
    flags.extend(disguise);
    flags.sort_by_key(|f| (f.span.start, f.span.end));
    let counters = matches
        .counters
        .iter()
        .map(|&c| rules.counters()[c].id.clone())
        .collect();
    let mut a = Analysis {
        flags,
        score: 0,
        counters,
        fired,
        has_link: !found_links.is_empty(),
        counter_weight,
        advice_context,
        destination,
        categories: 0,
        marker,
        action,
    };
    a.rescore();
    a
}

/// Fold every flag lying inside another flag of its category (same words included) into
/// that one: the longer words are shown, explained by the heavier rule (or the first found).
/// Sorting makes it O(n log n) however many flags a hostile message has.
fn fold_nested(flags: &mut Vec<Flag>) {
    // Stable: among equal keys the first found stays first.
    flags.sort_by_key(|f| (f.category, f.span.start, std::cmp::Reverse(f.span.end)));
    // In place: each flag is compared with the last one kept.
    flags.dedup_by(|f, outer| {
        let inside = outer.category == f.category && f.span.end <= outer.span.end;
        if inside && f.weight > outer.weight {
            outer.rule = f.rule;
            outer.weight = f.weight;
            outer.explain = f.explain;
            outer.advice = f.advice;
        }
        inside
    });
}

/// A span that stops inside a word ("Переве|ди": the pattern matched the stem) is carried
/// to the word's end, so highlights and excerpts show whole words.
fn whole_word_end(text: &str, span: Range<usize>) -> Range<usize> {
    let Some(tail) = text.get(span.end..) else {
        return span;
    };
    let inside = text
        .get(span.start..span.end)
        .and_then(|s| s.chars().next_back())
        .is_some_and(normalize::is_letter);
    if !inside {
        return span;
    }
    let extra: usize = tail
        .chars()
        .take_while(|&c| normalize::is_letter(c))
        .map(char::len_utf8)
        .sum();
    span.start..span.end + extra
}

/// Check one message of a conversation (its `index` among real messages).
pub fn check_message(rules: &RuleSet, index: usize, msg: &Message) -> MessageReport {
    check_message_with(rules, index, msg, Options::default())
}

/// Check one message, with options.
pub fn check_message_with(
    rules: &RuleSet,
    index: usize,
    msg: &Message,
    opts: Options,
) -> MessageReport {
    let a = analyze_message(rules, msg);
    message_report(index, msg.clone(), a.score, a.flags, Vec::new(), opts)
}

/// One message's report from its analysis and the conversation flags that complete on it.
fn message_report(
    index: usize,
    msg: Message,
    score: i32,
    mut flags: Vec<Flag>,
    extra: Vec<Flag>,
    opts: Options,
) -> MessageReport {
    let score = score + extra.iter().map(|f| i32::from(f.weight)).sum::<i32>();
    flags.extend(extra);
    flags.sort_by_key(|f| (f.span.start, f.span.end));
    let verdict = verdict_for(score);
    if verdict == Verdict::NoSigns && !opts.keep_weak {
        flags.clear();
    }
    MessageReport {
        index,
        // Moved, not copied: a big chat has a million messages.
        sender: msg.sender,
        timestamp: msg.timestamp,
        text: msg.text,
        media: msg.media,
        chat: msg.extra.and_then(|e| e.chat),
        verdict,
        score,
        flags,
    }
}

/// The verdict for a score.
pub fn verdict_for(score: i32) -> Verdict {
    if score >= DANGER_AT {
        Verdict::Danger
    } else if score >= SUSPICIOUS_AT {
        Verdict::Suspicious
    } else {
        Verdict::NoSigns
    }
}

/// Categories that ask the reader to hand over control: a code, a password, card data, money
/// into a "safe account", a remote-access app.
const REQUESTS: [Category; 5] = [
    Category::CodeRequest,
    Category::CredentialRequest,
    Category::PersonalDataRequest,
    Category::SafeAccount,
    Category::RemoteAccessApp,
];

/// The part of the score that counter-rules cannot remove (see [`analyze`]).
fn request_floor(flags: &[Flag]) -> i32 {
    REQUESTS
        .iter()
        .map(|&c| {
            flags
                .iter()
                .filter(|f| f.category == c)
                .map(|f| i32::from(f.weight))
                .max()
                .unwrap_or(0)
        })
        .sum()
}

/// What besides its flags shapes a message's score.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// A flagged word is disguised.
    disguised: bool,
    /// A card, IBAN or phone number is given.
    destination: bool,
    /// The message holds a link.
    has_link: bool,
    /// A scheme marker fired.
    marker: bool,
    /// An `action` rule fired.
    action: bool,
}

/// Score a message's flags (steps 2–4 of the module docs).
fn score(flags: &[Flag], shape: Shape) -> i32 {
    let Shape {
        disguised,
        destination,
        ..
    } = shape;
    let mut best = [0i32; Category::ALL.len()];
    for f in flags {
        let i = f.category as usize;
        best[i] = best[i].max(i32::from(f.weight));
    }
    let has = |c: Category| best[c as usize] > 0;
    let mut total: i32 = best.iter().sum();

    let money = has(Category::RelativeMoneyRequest) || has(Category::PaymentRequest);
    let card_given = flags.iter().any(|f| f.rule == "card-number-given");
    let pressure = [
        Category::Urgency,
        Category::Secrecy,
        Category::NewNumber,
        Category::VoiceOrVideoCallPretext,
        Category::ThreatOrFear,
    ]
    .into_iter()
    .any(has);
    if has(Category::RelativeMoneyRequest) && (pressure || card_given || destination)
        || has(Category::PaymentRequest) && has(Category::Secrecy)
        || has(Category::PaymentRequest) && card_given && pressure
    {
        total += COMBO_BONUS;
    }
    // A brand named in passing ("check your Kaspi") weighs 1; speaking *as* the bank or a
    // body weighs 2 or more.
    let impersonation = [
        Category::OfficialImpersonation,
        Category::BankImpersonation,
        Category::NbkImpersonation,
        Category::OperatorImpersonation,
    ]
    .into_iter()
    .any(|c| best[c as usize] >= 2);
    let ask = [
        Category::CodeRequest,
        Category::CredentialRequest,
        Category::PersonalDataRequest,
        Category::SafeAccount,
        Category::RemoteAccessApp,
        Category::SuspiciousLink,
    ]
    .into_iter()
    .any(has)
        || money;
    if impersonation && ask {
        total += COMBO_BONUS;
    }
    if has(Category::PrizeOrInvestment) && has(Category::PaymentRequest) {
        // "pay first to receive": the fee-first shape of prizes, jobs and investments.
        total += COMBO_BONUS;
    }
    // A scheme marker (module docs, step 3): with anything that asks the reader to act —
    // pay, a code or card, a link, a number to call or write to, an app — it is the scheme
    // at work, not talk about it.
    if shape.marker && (ask || shape.action || shape.has_link || destination) {
        total += COMBO_BONUS;
    }
    if disguised {
        total += 1;
    }
    total
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_controlled_check_reports_progress_stops_when_cancelled_and_else_is_the_same() {
        let rules = RuleSet::builtin().expect("rules");
        // Enough messages for the analysis to be split across threads.
        let messages: Vec<Message> = (0..6000)
            .map(|i| Message {
                sender: Some(if i % 2 == 0 { "Ержан" } else { "Дана" }.into()),
                text: if i % 50 == 0 {
                    "Продиктуйте код из СМС, иначе карта будет заблокирована.".into()
                } else {
                    format!("Ертең {i}-де кездесеміз.")
                },
                ..Message::default()
            })
            .collect();
        let conv = Conversation {
            messages,
            ..Conversation::plain("")
        };
        let seen = std::sync::Mutex::new(Vec::new());
        let progress = |done: u64, total: u64| {
            seen.lock().expect("not poisoned").push((done, total));
        };
        let ctl = crate::input::ReadControl {
            progress: Some(&progress),
            cancel: None,
        };
        let controlled =
            check_conversation_controlled(&rules, conv.clone(), Options::default(), &ctl)
                .expect("not cancelled");
        assert_eq!(
            controlled,
            check_conversation_owned(&rules, conv.clone(), Options::default())
        );
        let seen = seen.into_inner().expect("not poisoned");
        assert!(seen.len() > 5, "{seen:?}");
        assert!(seen.iter().all(|&(d, t)| d <= t && t == 6000), "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
        assert_eq!(seen.last(), Some(&(6000, 6000)));

        let cancel = std::sync::atomic::AtomicBool::new(true);
        let ctl = crate::input::ReadControl {
            progress: None,
            cancel: Some(&cancel),
        };
        assert!(check_conversation_controlled(&rules, conv, Options::default(), &ctl).is_none());
    }

    #[test]
    fn a_chat_file_checked_as_it_is_made_is_the_same_as_read_whole_then_checked() {
        // The window reads a file as a stream and makes its messages in the check.
        let rules = RuleSet::builtin().expect("rules");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut checked = 0;
        for sub in ["whatsapp", "telegram"] {
            let entries = std::fs::read_dir(dir.join(sub)).expect("fixtures");
            for path in entries.map(|e| e.expect("entry").path()) {
                if !path.is_file() || path.extension().is_some_and(|e| e == "md") {
                    continue;
                }
                let (whole, _) = crate::input::read_path(&path).expect("fixture reads");
                let ctl = crate::input::ReadControl::default();
                let (stream, _) =
                    crate::input::read_path_streamed_with(&path, &ctl).expect("fixture reads");
                assert_eq!(
                    check_stream_controlled(&rules, stream, Options::default(), &ctl),
                    Some(check_conversation_owned(&rules, whole, Options::default())),
                    "{}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked >= 10, "{checked} fixtures");
    }

    #[test]
    fn nested_words_of_one_category_are_one_flag_and_a_bank_inside_a_link_is_the_links() {
        let rules = RuleSet::builtin().expect("rules");
        // Two bank rules fire: one on "это служба безопасности", one on the words inside it.
        let text = "Здравствуйте, это служба безопасности банка.";
        let a = analyze(&rules, text);
        let bank: Vec<&Flag> = a
            .flags
            .iter()
            .filter(|f| f.category == Category::BankImpersonation)
            .collect();
        assert_eq!(bank.len(), 1, "{:?}", a.flags);
        assert_eq!(bank[0].excerpt(text), "это служба безопасности");
        assert!(a.fired.len() >= 2, "both rules still fired: {:?}", a.fired);
        // "kaspi" in a look-alike address: the link's flag, not "claims to be a bank".
        let a = analyze(&rules, "Подробнее: https://kaspi.kz.evil.top/track");
        assert!(
            a.flags
                .iter()
                .all(|f| f.category != Category::BankImpersonation),
            "{:?}",
            a.flags
        );
        assert!(a.flags.iter().any(|f| f.rule == "link-lookalike"));
    }

    #[test]
    fn a_bidi_control_inside_a_link_does_not_make_it_the_banks_own() {
        let rules = RuleSet::builtin().expect("rules");
        let plain = "Перейдите по ссылке https://kaspi.kz.evil.top и сообщите код";
        let hidden = "Перейдите по ссылке https://kaspi.kz\u{202E}.evil.top и сообщите код";
        let (a, b) = (check_text(&rules, plain), check_text(&rules, hidden));
        assert_eq!(a.verdict, Verdict::Danger);
        assert_eq!(b.verdict, a.verdict);
        let rules_of = |r: &MessageReport| r.flags.iter().map(|f| f.rule).collect::<Vec<_>>();
        assert_eq!(rules_of(&a), rules_of(&b));
        // The link's flag covers the whole link, the control included.
        let link = b
            .flags
            .iter()
            .find(|f| f.excerpt(hidden).starts_with("https://"))
            .expect("link flag");
        assert_eq!(link.excerpt(hidden), "https://kaspi.kz\u{202E}.evil.top");
    }

    #[test]
    fn spans_after_removed_controls_point_at_the_same_words() {
        let rules = RuleSet::builtin().expect("rules");
        let text = "\u{202E}\u{2066}Продиктуйте\u{2069} код из СМС";
        let r = check_text(&rules, text);
        let f = r
            .flags
            .iter()
            .find(|f| f.rule == "code-request-ru")
            .expect("code flag");
        let words = f.excerpt(text);
        assert!(words.starts_with("Продиктуйте"), "{words:?}");
        assert!(words.ends_with("СМС"), "{words:?}");
    }

    #[test]
    fn spans_end_at_word_ends() {
        let rules = RuleSet::builtin().expect("rules");
        let text = "Мам, срочно нужна помощь. Переведи 150 000 на карту, только папе не говори!";
        let r = check_text(&rules, text);
        assert!(!r.flags.is_empty());
        for f in &r.flags {
            let after = text[f.span.end..].chars().next();
            assert!(
                !after.is_some_and(char::is_alphabetic),
                "{} ends inside a word: {:?}",
                f.rule,
                &text[f.span.clone()]
            );
        }
        assert_eq!(whole_word_end("Переведи сейчас", 0..12), 0..16);
        assert_eq!(whole_word_end("код 1234", 0..4), 0..6);
        assert_eq!(whole_word_end("код 1234", 0..6), 0..6);
        assert_eq!(whole_word_end("ab", 0..2), 0..2);
    }
}

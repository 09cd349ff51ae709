//! The result of a check: `Report`, `MessageReport`, `Flag`, `Verdict`, `Category`.
//!
//! Owns the data the views read (CLI text/JSON, later the window) and its serde form,
//! the versioned `saq.report/1` JSON schema documented in README. Knows nothing about
//! terminals, windows, files or rules' regexes.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A name many flags share: a rule's id, the Fluent id of its explanation. Names are
/// interned: each distinct one is stored once for the life of the process (rule sets hold
/// a few hundred, and reloading the same rules adds none), and an `Id` points to it. So
/// copying one costs nothing and touches no shared counter: with a reference-counted
/// name, the threads that make flags and the one that writes them fought over the
/// counters' cache lines.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Id(&'static str);

impl Id {
    /// A name known at compile time (no interning needed).
    pub const fn from_static(name: &'static str) -> Id {
        Id(name)
    }

    /// The name.
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

/// The one stored copy of `value`, stored now if it is new. A poisoned lock is taken
/// anyway: the set is only ever added to, whole values at a time.
fn intern<T: ?Sized + Eq + std::hash::Hash + 'static>(
    set: &std::sync::Mutex<std::collections::HashSet<&'static T>>,
    value: &T,
    store: impl FnOnce() -> &'static T,
) -> &'static T {
    let mut set = set
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&stored) = set.get(value) {
        return stored;
    }
    let stored = store();
    set.insert(stored);
    stored
}

static NAMES: std::sync::LazyLock<std::sync::Mutex<std::collections::HashSet<&'static str>>> =
    std::sync::LazyLock::new(Default::default);

static STEP_LISTS: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashSet<&'static [Step]>>,
> = std::sync::LazyLock::new(Default::default);

impl std::ops::Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id(intern(&NAMES, s, || Box::leak(Box::from(s))))
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        Id::from(s.as_str())
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad`, so a table's `{:<28}` lines ids up as it did strings.
        f.pad(self.0)
    }
}

impl std::fmt::Debug for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

/// Advisory steps many flags share (a rule's), interned like [`Id`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Steps(&'static [Step]);

impl Steps {
    /// Steps known at compile time (no interning needed).
    pub const fn from_static(steps: &'static [Step]) -> Steps {
        Steps(steps)
    }
}

impl std::ops::Deref for Steps {
    type Target = [Step];
    fn deref(&self) -> &[Step] {
        self.0
    }
}

impl From<&[Step]> for Steps {
    fn from(steps: &[Step]) -> Steps {
        Steps(intern(&STEP_LISTS, steps, || Box::leak(Box::from(steps))))
    }
}

impl From<Vec<Step>> for Steps {
    fn from(steps: Vec<Step>) -> Steps {
        Steps::from(steps.as_slice())
    }
}

impl std::fmt::Debug for Steps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

/// The red-flag vocabulary (the corpus `signals` use the same snake_case names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    CodeRequest,
    CredentialRequest,
    OfficialImpersonation,
    BankImpersonation,
    NbkImpersonation,
    OperatorImpersonation,
    RelativeMoneyRequest,
    NewNumber,
    VoiceOrVideoCallPretext,
    SafeAccount,
    FakeDocument,
    Urgency,
    Secrecy,
    SuspiciousLink,
    VoteOrSurveyLure,
    RemoteAccessApp,
    PrizeOrInvestment,
    PaymentRequest,
    PersonalDataRequest,
    ThreatOrFear,
}

impl Category {
    /// Every category, in the order above.
    pub const ALL: [Category; 20] = [
        Category::CodeRequest,
        Category::CredentialRequest,
        Category::OfficialImpersonation,
        Category::BankImpersonation,
        Category::NbkImpersonation,
        Category::OperatorImpersonation,
        Category::RelativeMoneyRequest,
        Category::NewNumber,
        Category::VoiceOrVideoCallPretext,
        Category::SafeAccount,
        Category::FakeDocument,
        Category::Urgency,
        Category::Secrecy,
        Category::SuspiciousLink,
        Category::VoteOrSurveyLure,
        Category::RemoteAccessApp,
        Category::PrizeOrInvestment,
        Category::PaymentRequest,
        Category::PersonalDataRequest,
        Category::ThreatOrFear,
    ];

    /// The snake_case name used in rule files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::CodeRequest => "code_request",
            Category::CredentialRequest => "credential_request",
            Category::OfficialImpersonation => "official_impersonation",
            Category::BankImpersonation => "bank_impersonation",
            Category::NbkImpersonation => "nbk_impersonation",
            Category::OperatorImpersonation => "operator_impersonation",
            Category::RelativeMoneyRequest => "relative_money_request",
            Category::NewNumber => "new_number",
            Category::VoiceOrVideoCallPretext => "voice_or_video_call_pretext",
            Category::SafeAccount => "safe_account",
            Category::FakeDocument => "fake_document",
            Category::Urgency => "urgency",
            Category::Secrecy => "secrecy",
            Category::SuspiciousLink => "suspicious_link",
            Category::VoteOrSurveyLure => "vote_or_survey_lure",
            Category::RemoteAccessApp => "remote_access_app",
            Category::PrizeOrInvestment => "prize_or_investment",
            Category::PaymentRequest => "payment_request",
            Category::PersonalDataRequest => "personal_data_request",
            Category::ThreatOrFear => "threat_or_fear",
        }
    }

    /// Fluent id of the category's display name: `cat-code-request`, ...
    pub fn fluent_id(self) -> String {
        format!("cat-{}", self.as_str().replace('_', "-"))
    }
}

/// One of the National Bank advisory's steps A1–A7 (`shared/advisory/STEPS.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Step {
    /// Do not follow suspicious links.
    A1,
    /// Never tell anyone the codes and passwords that come to your phone.
    A2,
    /// National Bank employees make no audio or video calls through messengers.
    A3,
    /// End a call from a "bank employee"; refuse any "event" or payment operation.
    A4,
    /// The National Bank does not service individuals' accounts.
    A5,
    /// Victims turn to law enforcement and file a statement.
    A6,
    /// For advice, call the National Bank's contact center, 1477.
    A7,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 7] = [
        Step::A1,
        Step::A2,
        Step::A3,
        Step::A4,
        Step::A5,
        Step::A6,
        Step::A7,
    ];

    /// "A1" … "A7".
    pub fn as_str(self) -> &'static str {
        match self {
            Step::A1 => "A1",
            Step::A2 => "A2",
            Step::A3 => "A3",
            Step::A4 => "A4",
            Step::A5 => "A5",
            Step::A6 => "A6",
            Step::A7 => "A7",
        }
    }

    /// Fluent id of the step's text: `step-a1` …
    pub fn fluent_id(self) -> String {
        format!("step-{}", self.as_str().to_ascii_lowercase())
    }
}

/// The overall judgement. Never "safe": the best is "no known signs".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No rule fired strongly enough. This does not prove the message is safe.
    NoSigns,
    /// Some red flags, not enough for a clear fraud pattern.
    Suspicious,
    /// Red flags that together form a known fraud pattern.
    Danger,
}

impl Verdict {
    /// `no_signs`, `suspicious`, `danger` (the JSON form).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NoSigns => "no_signs",
            Verdict::Suspicious => "suspicious",
            Verdict::Danger => "danger",
        }
    }

    /// Fluent id of the verdict's headline.
    pub fn fluent_id(self) -> &'static str {
        match self {
            Verdict::NoSigns => "verdict-no-signs",
            Verdict::Suspicious => "verdict-suspicious",
            Verdict::Danger => "verdict-danger",
        }
    }
}

/// One red flag found in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The id of the rule (or built-in detector, e.g. `link-lookalike`) that found it.
    pub rule: Id,
    /// Its category.
    pub category: Category,
    /// Its weight, 1–3 (what it adds to the score alone).
    pub weight: u8,
    /// Byte range in the message's original text, on char boundaries (see
    /// [`Flag::excerpt`]).
    pub span: std::ops::Range<usize>,
    /// Fluent id of the explanation.
    pub explain: Id,
    /// Arguments for the explanation (e.g. `host`, `brand`), already display-safe.
    pub args: Vec<(&'static str, String)>,
    /// Advisory steps that apply.
    pub advice: Steps,
}

impl Flag {
    /// The flagged words: the span of `text`, the text of the message the flag belongs to
    /// (views show links in it defanged). Empty if the span does not fit `text`.
    pub fn excerpt<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.span.clone()).unwrap_or_default()
    }

    /// The explanation in the reader's language, with its arguments filled in (the one
    /// wording every view shows: CLI text and JSON, the window).
    pub fn explanation(&self, tr: &crate::i18n::Localizer) -> String {
        let args: Vec<(&str, crate::i18n::Arg)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, crate::i18n::Arg::from(v)))
            .collect();
        tr.tr_args(&self.explain, &args)
    }
}

/// The check of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageReport {
    /// 0-based position among the conversation's real messages.
    pub index: usize,
    /// The sender, if the input names one (shared with the sender's other messages).
    pub sender: Option<Arc<str>>,
    /// The time, as written.
    pub timestamp: Option<crate::conversation::Timestamp>,
    /// The original text the spans refer to.
    pub text: String,
    /// Media the message carries.
    pub media: Option<crate::conversation::MediaKind>,
    /// The chat it belongs to, in a full export of many chats.
    pub chat: Option<String>,
    /// This message's verdict.
    pub verdict: Verdict,
    /// The score the verdict came from (see `engine` docs).
    pub score: i32,
    /// Red flags, ordered by position in the text. Empty when the verdict is `NoSigns`.
    pub flags: Vec<Flag>,
}

impl MessageReport {
    /// The advisory steps that apply to this message's flags, in order, without repeats.
    pub fn advice(&self) -> Vec<Step> {
        let mut steps: Vec<Step> = self
            .flags
            .iter()
            .flat_map(|f| f.advice.iter().copied())
            .collect();
        steps.sort();
        steps.dedup();
        steps
    }
}

/// The check of one input (a message or a whole chat).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The worst verdict among the messages.
    pub verdict: Verdict,
    /// One report per real message, in order.
    pub messages: Vec<MessageReport>,
    /// System lines set apart by the reader.
    pub system_lines: usize,
}

impl Report {
    /// The advisory steps that apply to any flagged message, without repeats.
    pub fn advice(&self) -> Vec<Step> {
        let mut steps: Vec<Step> = self.messages.iter().flat_map(|m| m.advice()).collect();
        steps.sort();
        steps.dedup();
        steps
    }

    /// How many messages are not `NoSigns`.
    pub fn flagged_count(&self) -> usize {
        self.messages
            .iter()
            .filter(|m| m.verdict != Verdict::NoSigns)
            .count()
    }
}

impl MessageReport {
    /// "Message 12 — Aigerim, 2025-03-02T18:12" (or "Message 12" with no sender): the one
    /// header chat views put above a message. People count from 1 (the JSON `index` counts
    /// from 0).
    pub fn header(&self, tr: &crate::i18n::Localizer) -> String {
        use crate::i18n::Arg;
        match &self.sender {
            Some(s) => tr.tr_args(
                "cli-message-header-from",
                &[
                    ("index", Arg::from(self.index + 1)),
                    ("sender", Arg::from(&**s)),
                    (
                        "time",
                        Arg::from(self.timestamp.as_deref().unwrap_or_default()),
                    ),
                ],
            ),
            None => tr.tr_args(
                "cli-message-header",
                &[("index", Arg::from(self.index + 1))],
            ),
        }
    }
}

/// What [`for_each_shown`] counted while the messages went by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShownTotals {
    /// Messages seen.
    pub total: usize,
    /// Messages not at `NoSigns`.
    pub flagged: usize,
    /// Advisory steps of the flagged messages, in order, without repeats.
    pub steps: Vec<Step>,
}

/// Walk a conversation's reports the way chat views show them: every flagged message with
/// one neighbour on each side (all of them when `show_all`, as for a single message).
/// `show(message, gap_before)` is called for each shown message in order; `gap_before` says
/// that messages were left out just before it (also before the first one shown). Reports may stream by (a 100 MB chat's are
/// never all held): only the previous one is kept back until it is known to be needed. They
/// may be owned (streaming) or borrowed (a report already in memory).
pub fn for_each_shown<E, M: std::borrow::Borrow<MessageReport>>(
    messages: impl IntoIterator<Item = M>,
    show_all: bool,
    mut show: impl FnMut(&MessageReport, bool) -> Result<(), E>,
) -> Result<ShownTotals, E> {
    let mut walk = ShownWalk::new(show_all);
    for item in messages {
        walk.push(item, &mut show)?;
    }
    Ok(walk.finish())
}

/// [`for_each_shown`] one report at a time, for reports handed over by a callback (a
/// streamed check, [`crate::engine::check_streaming`]): [`ShownWalk::push`] each report in
/// order, then [`ShownWalk::finish`].
pub struct ShownWalk<M> {
    show_all: bool,
    totals: ShownTotals,
    prev: Option<M>,
    last_shown: Option<usize>,
    show_next: bool,
}

impl<M: std::borrow::Borrow<MessageReport>> ShownWalk<M> {
    /// A walk that shows every message when `show_all`, else the flagged ones and their
    /// neighbours.
    pub fn new(show_all: bool) -> ShownWalk<M> {
        ShownWalk {
            show_all,
            totals: ShownTotals::default(),
            prev: None,
            last_shown: None,
            show_next: false,
        }
    }

    /// Take the next report; `show(message, gap_before)` is called for each message that
    /// turns out to be shown (the one before this, and this one).
    pub fn push<E>(
        &mut self,
        item: M,
        mut show: impl FnMut(&MessageReport, bool) -> Result<(), E>,
    ) -> Result<(), E> {
        let m = item.borrow();
        self.totals.total += 1;
        let is_flagged = m.verdict != Verdict::NoSigns;
        if is_flagged {
            self.totals.flagged += 1;
            // Kept sorted and without repeats as they come: an all-scam chat would
            // otherwise gather a few steps per message.
            for s in m.advice() {
                if let Err(at) = self.totals.steps.binary_search(&s) {
                    self.totals.steps.insert(at, s);
                }
            }
            let last = self.last_shown;
            if let Some(p) = self.prev.take().filter(|p| last != Some(p.borrow().index)) {
                emit(p.borrow(), &mut self.last_shown, &mut show)?;
            }
        }
        if is_flagged || self.show_next || self.show_all {
            emit(m, &mut self.last_shown, &mut show)?;
        }
        self.show_next = is_flagged;
        self.prev = Some(item);
        Ok(())
    }

    /// What was counted.
    pub fn finish(self) -> ShownTotals {
        self.totals
    }
}

/// Show `m`, saying whether messages were left out since the last one shown.
fn emit<E>(
    m: &MessageReport,
    last_shown: &mut Option<usize>,
    show: &mut impl FnMut(&MessageReport, bool) -> Result<(), E>,
) -> Result<(), E> {
    let gap = last_shown.map_or(m.index > 0, |l| l + 1 != m.index);
    *last_shown = Some(m.index);
    show(m, gap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_and_step_lists_are_stored_once() {
        let (a, b) = (String::from("rule-x"), String::from("rule-x"));
        let (a, b) = (Id::from(a.as_str()), Id::from(b));
        assert!(std::ptr::eq(a.as_str(), b.as_str()), "one stored copy");
        assert_eq!(a, Id::from_static("rule-x"));
        assert_ne!(a, Id::from("rule-y"));
        assert_eq!(format!("[{a:<8}]"), "[rule-x  ]");
        let s = Steps::from(vec![Step::A1, Step::A4]);
        let t = Steps::from(&[Step::A1, Step::A4][..]);
        assert!(std::ptr::eq(&*s, &*t), "one stored copy");
        assert_eq!(s, Steps::from_static(&[Step::A1, Step::A4]));
        assert_ne!(s, Steps::from(vec![Step::A4]));
    }
}

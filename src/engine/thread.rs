//! Conversation-level signals: red flags that only the sequence of messages shows.
//!
//! Each one completes on a later message and is reported there, with a category and an
//! explanation like any other flag:
//! - a voice note, then soon a money or card request from the same sender (S1–S3: the voice
//!   may be cloned; call the person back on the number you know);
//! - a sender whose first message says "this is my new number";
//! - a money or code request right after the app noted that this sender changed number
//!   (or that their security code changed: a new device, maybe a hijacked account; or
//!   that they just joined Telegram: a new account under a known name);
//! - "operator support", then a request for a code (S4);
//! - a plea to vote or take a survey, then a link (S5);
//! - a code (or vote) request, then a money request from the same sender: the signs of a
//!   hijacked account asking the contacts one by one.
//!
//! "Soon" is counted in messages, not minutes: export times are often missing or rounded.
//! Messages of different chats (a full Telegram export) never combine.

use crate::conversation::{AccountEvent, AccountEventKind, MediaKind, Message};
use crate::report::{Category, Flag, Step};

use super::Scored;

/// How many following messages a pattern may take to complete.
const WINDOW: usize = 6;

/// The categories that make a message a money (or card-data) request.
const MONEY: [Category; 3] = [
    Category::PaymentRequest,
    Category::RelativeMoneyRequest,
    Category::PersonalDataRequest,
];

/// Conversation flags, as (message index, flags) for the messages that have any.
pub(super) fn signals(
    messages: &[Message],
    events: &[AccountEvent],
    analyses: &[Scored],
) -> Vec<(usize, Vec<Flag>)> {
    let mut out: Vec<Vec<Flag>> = vec![Vec::new(); messages.len()];
    account_event_signals(messages, events, analyses, &mut out);
    let has = |i: usize, c: Category| analyses.get(i).is_some_and(|a| a.has(c));
    let money = |i: usize| MONEY.iter().any(|&c| has(i, c));
    let same_thread = |a: usize, b: usize| {
        messages[a].sender == messages[b].sender && messages[a].chat() == messages[b].chat()
    };
    let mut seen_senders: std::collections::HashSet<(Option<&str>, Option<&str>)> =
        std::collections::HashSet::new();

    for i in 0..messages.len() {
        let m = &messages[i];
        // A sender's first message in this chat says "new number".
        let first = seen_senders.insert((m.sender.as_deref(), m.chat()));
        if first && m.sender.is_some() && has(i, Category::NewNumber) {
            let span = anchor(m, &analyses[i], &[Category::NewNumber]);
            out[i].push(flag(
                m,
                span,
                "conv-new-number-first",
                Category::NewNumber,
                "explain-conv-new-number-first",
                vec![Step::A4],
            ));
        }
        let earlier = (i.saturating_sub(WINDOW)..i).filter(|&j| same_thread(j, i));
        let mut voice = false;
        let mut operator = false;
        let mut vote = false;
        let mut takeover = false;
        for j in earlier {
            // The same sender already asked for a code or a vote: the account may be hijacked.
            takeover |= has(j, Category::CodeRequest)
                || has(j, Category::VoteOrSurveyLure)
                || has(j, Category::CredentialRequest);
            voice |= messages[j].media == Some(MediaKind::Voice)
                || has(j, Category::VoiceOrVideoCallPretext);
            operator |= has(j, Category::OperatorImpersonation);
            vote |= has(j, Category::VoteOrSurveyLure);
        }
        if voice && money(i) {
            let span = anchor(m, &analyses[i], &MONEY);
            out[i].push(flag(
                m,
                span,
                "conv-voice-then-money",
                Category::VoiceOrVideoCallPretext,
                "explain-conv-voice-then-money",
                vec![Step::A4],
            ));
        }
        if takeover && money(i) {
            let span = anchor(m, &analyses[i], &MONEY);
            out[i].push(flag(
                m,
                span,
                "conv-after-code-request",
                Category::RelativeMoneyRequest,
                "explain-account-takeover",
                vec![Step::A2, Step::A4],
            ));
        }
        if operator && has(i, Category::CodeRequest) {
            let span = anchor(m, &analyses[i], &[Category::CodeRequest]);
            out[i].push(flag(
                m,
                span,
                "conv-operator-then-code",
                Category::OperatorImpersonation,
                "explain-conv-operator-then-code",
                vec![Step::A2, Step::A4],
            ));
        }
        if vote
            && analyses.get(i).is_some_and(|a| a.has_link)
            && !has(i, Category::VoteOrSurveyLure)
        {
            let span = anchor(m, &analyses[i], &[Category::SuspiciousLink]);
            out[i].push(flag(
                m,
                span,
                "conv-vote-then-link",
                Category::SuspiciousLink,
                "explain-conv-vote-then-link",
                vec![Step::A1],
            ));
        }
    }
    out.into_iter()
        .enumerate()
        .filter(|(_, f)| !f.is_empty())
        .collect()
}

/// A money or code request among the first [`WINDOW`] messages a person sends after the app
/// noted their number or security code changed. One flag per event.
fn account_event_signals(
    messages: &[Message],
    events: &[AccountEvent],
    analyses: &[Scored],
    out: &mut [Vec<Flag>],
) {
    let has = |i: usize, c: Category| analyses.get(i).is_some_and(|a| a.has(c));
    let asks = [MONEY.as_slice(), &[Category::CodeRequest]].concat();
    for e in events {
        let theirs = (e.before..messages.len())
            .filter(|&i| messages[i].sender.as_deref().is_some_and(|s| e.concerns(s)))
            .take(WINDOW);
        let Some(i) = theirs
            .into_iter()
            .find(|&i| asks.iter().any(|&c| has(i, c)))
        else {
            continue;
        };
        let (rule, category, explain, weight) = match e.kind {
            AccountEventKind::NumberChanged => (
                "conv-changed-number-then-ask",
                Category::NewNumber,
                "explain-conv-changed-number-then-ask",
                3,
            ),
            AccountEventKind::SecurityCodeChanged => (
                "conv-new-device-then-ask",
                Category::RelativeMoneyRequest,
                "explain-conv-new-device-then-ask",
                2,
            ),
            AccountEventKind::JoinedMessenger => (
                "conv-new-account-then-ask",
                Category::NewNumber,
                "explain-conv-new-account-then-ask",
                2,
            ),
        };
        let span = anchor(&messages[i], &analyses[i], &asks);
        let mut f = flag(&messages[i], span, rule, category, explain, vec![Step::A4]);
        f.weight = weight;
        if !out[i].iter().any(|g| g.rule == f.rule) {
            out[i].push(f);
        }
    }
}

/// Where a conversation flag is shown: on the message's own flag that completes the
/// pattern (the money request, the code request…), or over the whole text when there is
/// none (a link without a flag of its own). A media-only message gets an empty span at 0.
fn anchor(m: &Message, a: &Scored, cats: &[Category]) -> std::ops::Range<usize> {
    a.flags()
        .iter()
        .find(|f| cats.contains(&f.category))
        .map_or(0..m.text.len(), |f| f.span.clone())
}

fn flag(
    m: &Message,
    span: std::ops::Range<usize>,
    rule: &str,
    category: Category,
    explain: &str,
    advice: Vec<Step>,
) -> Flag {
    Flag {
        rule: rule.into(),
        category,
        weight: 2,
        excerpt: m.text.get(span.clone()).unwrap_or_default().to_string(),
        span,
        explain: explain.into(),
        args: Vec::new(),
        advice,
    }
}

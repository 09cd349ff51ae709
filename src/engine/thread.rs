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
use crate::report::{Category, Flag, Id, Step, Steps};

use super::Scored;

/// How many following messages a pattern may take to complete.
const WINDOW: usize = 6;

/// The categories that make a message a request: for money (or card data), or for a code.
const ASKS: [Category; 4] = [
    Category::PaymentRequest,
    Category::RelativeMoneyRequest,
    Category::PersonalDataRequest,
    Category::CodeRequest,
];

/// The categories that make a message a money (or card-data) request.
const MONEY: &[Category] = ASKS.split_at(3).0;

/// How many account events may wait at once for their person's next messages: a chat of
/// thousands of "changed their number" lines for people who never write again would
/// otherwise cost every later message a pass over all of them. The newest are kept.
const MAX_OPEN_EVENTS: usize = 256;

/// Conversation flags, as (message index, flags) for the messages that have any.
pub(super) fn signals(
    messages: &[Message],
    events: &[AccountEvent],
    analyses: &[Scored],
) -> Vec<(usize, Vec<Flag>)> {
    let mut state = Signals::new(events.to_vec());
    messages
        .iter()
        .zip(analyses)
        .enumerate()
        .map(|(i, (m, a))| (i, state.next(i, m, a)))
        .filter(|(_, f)| !f.is_empty())
        .collect()
}

/// What the signals remember of an earlier message.
struct Seen {
    /// Its sender and chat ([`Names`] ids).
    who: Who,
    voice: bool,
    categories: u32,
}

/// A message's sender and chat as [`Names`] ids (`None`: no sender, or no chat). An input
/// is at most 1 GiB (`input::MAX_INPUT_BYTES`), far from 2^32 names, so ids never run out.
type Who = (Option<u32>, Option<u32>);

/// Sender and chat names by id. The signals compare names of every message with earlier
/// ones; as ids they are compared and kept without touching the shared name itself (an
/// `Arc` that the threads making and writing the messages hold too: counting its owners
/// from another thread on every message cost more than the rest of the signals together).
#[derive(Default)]
struct Names {
    senders: foldhash::HashMap<std::sync::Arc<str>, u32>,
    chats: foldhash::HashMap<String, u32>,
    /// The last senders looked up, as (address of the map's own copy of the name, id): a
    /// message whose name is that very allocation (a WhatsApp chat shares one per sender)
    /// needs no hashing. The map keeps those allocations alive, so an address cannot come
    /// to mean another name.
    last: [(usize, u32); 4],
    next: usize,
}

impl Names {
    fn sender(&mut self, s: &std::sync::Arc<str>) -> u32 {
        let addr = |s: &std::sync::Arc<str>| std::sync::Arc::as_ptr(s).cast::<u8>() as usize;
        let at = addr(s);
        if let Some(&(_, id)) = self.last.iter().find(|&&(a, _)| a == at) {
            return id;
        }
        let (kept, id) = match self.senders.get_key_value(&**s) {
            Some((k, &id)) => (addr(k), id),
            None => {
                let id = u32::try_from(self.senders.len()).unwrap_or(u32::MAX);
                self.senders.insert(s.clone(), id);
                (at, id)
            }
        };
        if kept == at {
            self.last[self.next % self.last.len()] = (at, id);
            self.next = self.next.wrapping_add(1);
        }
        id
    }

    fn who(&mut self, m: &Message) -> Who {
        let sender = m.sender.as_ref().map(|s| self.sender(s));
        let chat = m.chat().map(|c| match self.chats.get(c) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.chats.len()).unwrap_or(u32::MAX);
                self.chats.insert(c.to_string(), id);
                id
            }
        });
        (sender, chat)
    }
}

impl Seen {
    fn has(&self, c: Category) -> bool {
        self.categories & (1 << c as u32) != 0
    }
}

/// An account event waiting for its person's next messages.
struct Open {
    event: AccountEvent,
    /// How many of their messages have come since.
    seen: usize,
}

/// Conversation signals computed message by message, in file order: each message's flags
/// depend only on the messages before it (at most [`WINDOW`] of them, plus the account
/// events still waiting), so a chat can be checked as a stream.
pub(super) struct Signals {
    recent: std::collections::VecDeque<Seen>,
    names: Names,
    seen_senders: foldhash::HashSet<Who>,
    /// Events not yet reached, in file order.
    events: std::vec::IntoIter<AccountEvent>,
    upcoming: Option<AccountEvent>,
    open: std::collections::VecDeque<Open>,
}

impl Signals {
    /// `events` in file order (their `before` indices do not decrease).
    pub(super) fn new(events: Vec<AccountEvent>) -> Signals {
        let mut events = events.into_iter();
        let upcoming = events.next();
        Signals {
            recent: std::collections::VecDeque::with_capacity(WINDOW + 1),
            names: Names::default(),
            seen_senders: foldhash::HashSet::default(),
            events,
            upcoming,
            open: std::collections::VecDeque::new(),
        }
    }

    /// The conversation flags of message `i` (they complete on it), given its analysis.
    pub(super) fn next(&mut self, i: usize, m: &Message, a: &Scored) -> Vec<Flag> {
        let mut out = Vec::new();
        self.account_events(i, m, a, &mut out);
        let money = MONEY.iter().any(|&c| a.has(c));
        // A sender's first message in this chat says "new number".
        let who = self.names.who(m);
        let first = self.seen_senders.insert(who);
        if first && m.sender.is_some() && a.has(Category::NewNumber) {
            let span = anchor(m, a, &[Category::NewNumber]);
            out.push(flag(
                span,
                "conv-new-number-first",
                Category::NewNumber,
                "explain-conv-new-number-first",
                &[Step::A4],
            ));
        }
        let (mut voice, mut operator, mut vote, mut takeover) = (false, false, false, false);
        // What earlier messages say matters only to a message that asks for money or a
        // code or has a link (most messages do neither: their look back is skipped).
        let asks = money || a.has(Category::CodeRequest) || a.has_link;
        let earlier = if asks { self.recent.len() } else { 0 };
        for j in self.recent.iter().take(earlier).filter(|j| j.who == who) {
            // The same sender already asked for a code or a vote: the account may be hijacked.
            takeover |= j.has(Category::CodeRequest)
                || j.has(Category::VoteOrSurveyLure)
                || j.has(Category::CredentialRequest);
            voice |= j.voice || j.has(Category::VoiceOrVideoCallPretext);
            operator |= j.has(Category::OperatorImpersonation);
            vote |= j.has(Category::VoteOrSurveyLure);
        }
        if voice && money {
            out.push(flag(
                anchor(m, a, MONEY),
                "conv-voice-then-money",
                Category::VoiceOrVideoCallPretext,
                "explain-conv-voice-then-money",
                &[Step::A4],
            ));
        }
        if takeover && money {
            out.push(flag(
                anchor(m, a, MONEY),
                "conv-after-code-request",
                Category::RelativeMoneyRequest,
                "explain-account-takeover",
                &[Step::A2, Step::A4],
            ));
        }
        if operator && a.has(Category::CodeRequest) {
            out.push(flag(
                anchor(m, a, &[Category::CodeRequest]),
                "conv-operator-then-code",
                Category::OperatorImpersonation,
                "explain-conv-operator-then-code",
                &[Step::A2, Step::A4],
            ));
        }
        if vote && a.has_link && !a.has(Category::VoteOrSurveyLure) {
            out.push(flag(
                anchor(m, a, &[Category::SuspiciousLink]),
                "conv-vote-then-link",
                Category::SuspiciousLink,
                "explain-conv-vote-then-link",
                &[Step::A1],
            ));
        }
        if self.recent.len() == WINDOW {
            self.recent.pop_front();
        }
        self.recent.push_back(Seen {
            who,
            voice: m.media == Some(MediaKind::Voice),
            categories: a.categories,
        });
        out
    }

    /// A money or code request among the first [`WINDOW`] messages a person sends after the
    /// app noted their number or security code changed. One flag per event.
    fn account_events(&mut self, i: usize, m: &Message, a: &Scored, out: &mut Vec<Flag>) {
        while let Some(e) = self.upcoming.take_if(|e| e.before <= i) {
            if self.open.len() == MAX_OPEN_EVENTS {
                self.open.pop_front();
            }
            self.open.push_back(Open { event: e, seen: 0 });
            self.upcoming = self.events.next();
        }
        let Some(sender) = m.sender.as_deref() else {
            return;
        };
        let ask = ASKS.iter().any(|&c| a.has(c));
        for o in self.open.iter_mut().filter(|o| o.event.concerns(sender)) {
            o.seen += 1;
            if !ask {
                continue;
            }
            let (rule, category, explain, weight) = match o.event.kind {
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
            // Done with this event either way: `seen` past the window closes it below.
            o.seen = WINDOW;
            let mut f = flag(anchor(m, a, &ASKS), rule, category, explain, &[Step::A4]);
            f.weight = weight;
            if !out.iter().any(|g| g.rule == f.rule) {
                out.push(f);
            }
        }
        self.open.retain(|o| o.seen < WINDOW);
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
    span: std::ops::Range<usize>,
    rule: &'static str,
    category: Category,
    explain: &'static str,
    advice: &'static [Step],
) -> Flag {
    Flag {
        rule: Id::from_static(rule),
        category,
        weight: 2,
        span,
        explain: Id::from_static(explain),
        args: Vec::new(),
        advice: Steps::from_static(advice),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn from(sender: &Arc<str>) -> Message {
        Message {
            sender: Some(sender.clone()),
            ..Message::default()
        }
    }

    #[test]
    fn senders_get_one_id_per_name_whichever_allocation_carries_it() {
        let mut names = Names::default();
        let (mama, papa) = (Arc::<str>::from("Мама"), Arc::<str>::from("Папа"));
        let mama_again = Arc::<str>::from("Мама");
        let a = names.who(&from(&mama));
        assert_eq!(names.who(&from(&mama)), a, "the same allocation");
        assert_eq!(
            names.who(&from(&mama_again)),
            a,
            "another allocation, same name"
        );
        let b = names.who(&from(&papa));
        assert_ne!(a, b);
        // More senders than the last-four list holds: every one keeps its id.
        let others: Vec<Arc<str>> = (0..9).map(|i| Arc::from(format!("S{i}"))).collect();
        let ids: Vec<Who> = others.iter().map(|s| names.who(&from(s))).collect();
        for (s, id) in others.iter().zip(&ids) {
            assert_eq!(names.who(&from(s)), *id);
        }
        assert_eq!(names.who(&from(&mama_again)), a);
        assert_eq!(names.who(&Message::default()), (None, None));
    }
}

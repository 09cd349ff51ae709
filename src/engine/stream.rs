//! Checking a conversation as a stream: messages go in batch by batch, in file order, and
//! each report comes out as soon as its batch is checked, so a big chat is never held whole
//! (neither its messages nor their analyses).
//!
//! Owns the threads of a streamed check: one makes the messages (a reader's lazy
//! conversation), the machine's cores analyze batches, and the calling thread puts the
//! analyses in order, adds the conversation signals and hands the reports on — all at the
//! same time, with at most [`STREAM_IN_FLIGHT`] batches alive at once.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::mpsc;

use crate::conversation::{AccountEvent, ConversationStream, Message};
use crate::report::{MessageReport, Verdict};
use crate::rules::RuleSet;

use super::{
    Options, PER_THREAD_MIN, Scored, analyze_all, analyze_message, analyze_scored, message_report,
    thread, worker_threads,
};

/// How many messages make one batch of a streamed check.
pub const STREAM_BATCH: usize = 4096;

/// How many batches a streamed check holds at most at once (made and not yet reported), so
/// at most `STREAM_BATCH * STREAM_IN_FLIGHT` messages are alive.
pub const STREAM_IN_FLIGHT: usize = 8;

/// A conversation checked as a stream: messages go in batch by batch, in file order, and
/// each batch's reports come out at once, so what is held is one batch's analyses, not the
/// whole chat's (an all-scam chat keeps every flag of every message otherwise). The worst
/// verdict is known at the end.
pub struct Stream<'r> {
    rules: &'r RuleSet,
    opts: Options,
    signals: thread::Signals,
    next_index: usize,
    verdict: Verdict,
}

impl<'r> Stream<'r> {
    /// A stream over a conversation whose account events are `events` (file order).
    pub fn new(rules: &'r RuleSet, events: Vec<AccountEvent>, opts: Options) -> Stream<'r> {
        Stream {
            rules,
            opts,
            signals: thread::Signals::new(events),
            next_index: 0,
            verdict: Verdict::NoSigns,
        }
    }

    /// Check the next messages; their reports, in order.
    pub fn push(&mut self, batch: Vec<Message>) -> Vec<MessageReport> {
        let analyses = analyze_all(self.rules, &batch, self.opts.keep_weak);
        self.push_analyzed(batch, analyses).collect()
    }

    /// The reports of the next messages, analyzed already (`analyses[i]` of `batch[i]`).
    fn push_analyzed(
        &mut self,
        batch: Vec<Message>,
        analyses: Vec<Scored>,
    ) -> impl Iterator<Item = MessageReport> + '_ {
        batch.into_iter().zip(analyses).map(|(msg, s)| {
            let index = self.next_index;
            self.next_index += 1;
            let extra = self.signals.next(index, &msg, &s);
            let (score, flags) = match s.full {
                Some(a) => (a.score, a.flags),
                // A conversation signal lifted a trimmed message: get its spans back.
                None if !extra.is_empty() => (s.score, analyze_message(self.rules, &msg).flags),
                None => (s.score, Vec::new()),
            };
            let report = message_report(index, msg, score, flags, extra, self.opts);
            self.verdict = self.verdict.max(report.verdict);
            report
        })
    }

    /// The worst verdict among the messages pushed so far.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }
}

/// Check a conversation as a [`Stream`], handing each report to `each` in message order as
/// soon as its batch is checked; returns the worst verdict. Messages are taken from the
/// conversation [`STREAM_BATCH`] at a time and at most [`STREAM_IN_FLIGHT`] batches are
/// alive at once; each message's text is dropped once its report is handed on. A long
/// conversation is analyzed on the machine's cores while its messages are made and the
/// reports handed on; `each` runs on the calling thread. An error from `each` stops the
/// check and is returned.
pub fn check_streaming<E>(
    rules: &RuleSet,
    conv: impl Into<ConversationStream>,
    opts: Options,
    each: impl FnMut(MessageReport) -> Result<(), E>,
) -> Result<Verdict, E> {
    let conv = conv.into();
    // A short conversation is checked on the calling thread: threads cost more than they
    // save there.
    let threads = if conv.len() < 2 * PER_THREAD_MIN {
        1
    } else {
        worker_threads()
    };
    check_streaming_on(rules, conv, opts, threads, each)
}

/// [`check_streaming`] with `threads` analysis threads beside the calling thread (1: all on
/// the calling thread). The reports are the same whatever the number.
pub fn check_streaming_on<E>(
    rules: &RuleSet,
    conv: impl Into<ConversationStream>,
    opts: Options,
    threads: usize,
    mut each: impl FnMut(MessageReport) -> Result<(), E>,
) -> Result<Verdict, E> {
    let (head, mut messages) = conv.into().into_parts();
    let mut stream = Stream::new(rules, head.events, opts);
    if threads < 2 {
        loop {
            let batch: Vec<Message> = messages.by_ref().take(STREAM_BATCH).collect();
            if batch.is_empty() {
                return Ok(stream.verdict());
            }
            let analyses = batch
                .iter()
                .map(|m| analyze_scored(rules, m, opts.keep_weak))
                .collect();
            for report in stream.push_analyzed(batch, analyses) {
                each(report)?;
            }
        }
    }
    pipeline(rules, messages, threads, &mut stream, &mut each)?;
    Ok(stream.verdict())
}

/// A batch on its way: its place in the stream, its messages, and (once analyzed) their
/// analyses or the panic that analysis ended in.
type Analyzed = (usize, Vec<Message>, std::thread::Result<Vec<Scored>>);

/// The threaded check (see [`check_streaming`]): a maker thread cuts `messages` into
/// batches, `workers` threads analyze them, and this thread reports them in order.
fn pipeline<E>(
    rules: &RuleSet,
    messages: Box<dyn Iterator<Item = Message> + Send>,
    workers: usize,
    stream: &mut Stream,
    each: &mut impl FnMut(MessageReport) -> Result<(), E>,
) -> Result<(), E> {
    let keep_weak = stream.opts.keep_weak;
    // One token a batch alive: the maker waits for a free one before making a batch, and
    // one is freed when a batch's reports have been handed on.
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(STREAM_IN_FLIGHT);
    let (work_tx, work_rx) = mpsc::channel::<(usize, Vec<Message>)>();
    let (done_tx, done_rx) = mpsc::channel::<Analyzed>();
    let work_rx = Mutex::new(work_rx);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut messages = messages;
            for seq in 0.. {
                // The checking side has stopped (an error from `each`): stop making.
                if token_tx.send(()).is_err() {
                    return;
                }
                let batch: Vec<Message> = messages.by_ref().take(STREAM_BATCH).collect();
                if batch.is_empty() || work_tx.send((seq, batch)).is_err() {
                    return;
                }
            }
        });
        for _ in 0..workers {
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            scope.spawn(move || {
                loop {
                    // A poisoned lock only means another worker panicked; its panic is
                    // re-raised on the checking side.
                    let next = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(poisoned) => poisoned.into_inner().recv(),
                    };
                    let Ok((seq, batch)) = next else {
                        return;
                    };
                    let analyses = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        batch
                            .iter()
                            .map(|m| analyze_scored(rules, m, keep_weak))
                            .collect::<Vec<_>>()
                    }));
                    if done_tx.send((seq, batch, analyses)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        // Owned here, so that returning early (an error from `each`) drops them before the
        // threads are joined: the maker and the workers then see the stream closed and stop.
        let (token_rx, done_rx) = (token_rx, done_rx);
        // Batches analyzed ahead of the one due; at most STREAM_IN_FLIGHT of them.
        let mut ahead: BTreeMap<usize, (Vec<Message>, Vec<Scored>)> = BTreeMap::new();
        let mut due = 0;
        for (seq, batch, analyses) in done_rx.iter() {
            // Analysis only panics if it has a bug; re-raise it rather than hide it.
            let analyses = analyses.unwrap_or_else(|e| std::panic::resume_unwind(e));
            ahead.insert(seq, (batch, analyses));
            while let Some((batch, analyses)) = ahead.remove(&due) {
                for report in stream.push_analyzed(batch, analyses) {
                    each(report)?;
                }
                due += 1;
                // The maker holds a token for every batch alive, so one is there to take.
                let _ = token_rx.recv();
            }
        }
        Ok(())
    })
}

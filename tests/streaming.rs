//! A big chat is checked as a stream (issue 13): a WhatsApp transcript's messages are made
//! as they are taken, analyzed on several threads, and reported in order. These tests hold
//! the stream to the whole-conversation check — the same reports, whatever the threads — and
//! its memory to a bound: how many messages exist at once, counted, not timed.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use saq::conversation::{Conversation, ConversationStream, Message, SourceFormat};
use saq::engine::{Options, STREAM_BATCH, STREAM_IN_FLIGHT, check_streaming_on};
use saq::input::ReadControl;
use saq::{MessageReport, RuleSet, Verdict};

fn rules() -> RuleSet {
    RuleSet::builtin().expect("built-in rules load")
}

/// Every report of a streamed check with `threads` analysis threads, and its verdict.
fn streamed(
    rules: &RuleSet,
    conv: impl Into<ConversationStream>,
    threads: usize,
) -> (Vec<MessageReport>, Verdict) {
    let mut reports = Vec::new();
    let verdict = check_streaming_on(rules, conv, Options::default(), threads, |r| {
        reports.push(r);
        Ok::<(), ()>(())
    })
    .expect("no error from the sink");
    (reports, verdict)
}

fn chat_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    for sub in ["whatsapp", "telegram"] {
        for entry in std::fs::read_dir(dir.join(sub)).expect("fixtures") {
            let path = entry.expect("entry").path();
            let keep = path
                .extension()
                .is_some_and(|e| e == "txt" || e == "zip" || e == "json");
            if keep {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_fixture_streams_to_the_reports_of_the_whole_read() {
    let rules = rules();
    let files = chat_files();
    assert!(files.len() >= 10, "fixtures found: {files:?}");
    for path in files {
        let Ok((whole, source)) = saq::input::read_path(&path) else {
            continue; // a fixture of a refused input
        };
        let report = saq::check_conversation(&rules, &whole);
        let (stream, streamed_source) = saq::input::read_path_streamed(&path).expect("reads");
        assert_eq!(streamed_source, source, "{}", path.display());
        assert_eq!(stream.len(), whole.messages.len(), "{}", path.display());
        assert_eq!(stream.into_conversation(), whole, "{}", path.display());
        for threads in [1, 2, 3] {
            let (stream, _) = saq::input::read_path_streamed(&path).expect("reads");
            let (reports, verdict) = streamed(&rules, stream, threads);
            assert_eq!(reports, report.messages, "{} ({threads})", path.display());
            assert_eq!(verdict, report.verdict, "{} ({threads})", path.display());
        }
    }
}

/// Lines a generated chat is made of: messages of several senders (scams among them), a
/// `Name:text` line, continuation lines, media, app lines and account events.
const LINES: &[&str] = &[
    "Марат: Как дела?",
    "Марат changed their phone number to a new number. Tap to message or add the new number.",
    "Марат: Привет, срочно скинь 20 тысяч на карту, потом верну",
    "Айгүл: Сәлем! Ертең келесің бе?",
    "Айгүл: <Media omitted>",
    "Бекзат: Здравствуйте, это служба поддержки оператора связи.",
    "Бекзат: Ваш номер будет заблокирован. Назовите код из СМС.",
    "Дана: Проголосуй за мою дочку в конкурсе, пожалуйста",
    "Дана: https://bit.ly/golos-konkurs",
    "Дана:без пробела после двоеточия",
    "Кто-то:пишет только так",
    "~ Ержан: This message was deleted",
    "Messages and calls are end-to-end encrypted. No one outside of this chat can read them.",
    "Your security code with Айгүл changed. Tap to learn more.",
    "Айгүл: Мама, я в беде, переведи 50 000 на эту карту 4400 4302 1234 5678",
    "PTT-20250312-WA0001.opus (file attached)",
    "Ержан: IMG-20250312-WA0002.jpg (file attached)\nподпись к фото",
];

/// A WhatsApp transcript of `picks` (indices into [`LINES`]) repeated `times`, with
/// continuation lines after some messages and `\r\n` line ends if asked.
fn transcript(picks: &[usize], times: usize, extra_lines: &[bool], crlf: bool) -> String {
    let end = if crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    let mut n = 0usize;
    for _ in 0..times {
        for (k, &i) in picks.iter().enumerate() {
            let line = LINES[i % LINES.len()].replace('\n', end);
            let (h, m) = (n / 60 % 24, n % 60);
            text.push_str(&format!("12.03.2025, {h:02}:{m:02} - {line}{end}"));
            if extra_lines.get(k).copied().unwrap_or(false) {
                text.push_str(&format!("и ещё строка{end}{end}"));
            }
            n += 1;
        }
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Generated chats, long enough to take several batches: the streamed read gives the
    /// whole read's messages, and the streamed check its reports, on one thread or three.
    #[test]
    fn a_generated_chat_streams_to_the_whole_checks_reports(
        picks in prop::collection::vec(0..LINES.len(), 1..24),
        extra_lines in prop::collection::vec(any::<bool>(), 0..24),
        times in 1..160usize,
        crlf in any::<bool>(),
    ) {
        let text = transcript(&picks, times, &extra_lines, crlf);
        let ctl = ReadControl::default();
        let path = Path::new("chat.txt");
        let whole = saq::input::whatsapp::parse(&text, path, &ctl).expect("parses");
        let stream = saq::input::whatsapp::parse_streamed(text.clone(), path, &ctl).expect("parses");
        prop_assert_eq!(stream.len(), whole.messages.len());
        prop_assert_eq!(&stream.into_conversation(), &whole);
        let rules = rules();
        let report = saq::check_conversation(&rules, &whole);
        for threads in [1, 3] {
            let stream = saq::input::whatsapp::parse_streamed(text.clone(), path, &ctl)
                .expect("parses");
            let (reports, verdict) = streamed(&rules, stream, threads);
            prop_assert_eq!(&reports, &report.messages);
            prop_assert_eq!(verdict, report.verdict);
        }
    }
}

/// Messages made on demand, counting how many have been made.
struct Counted {
    left: usize,
    made: Arc<AtomicUsize>,
}

impl Iterator for Counted {
    type Item = Message;

    fn next(&mut self) -> Option<Message> {
        self.left = self.left.checked_sub(1)?;
        let n = self.made.fetch_add(1, Ordering::SeqCst);
        Some(Message {
            text: format!("Сәлем, бүгін кешке {} сағатта келемін", n % 24),
            ..Message::default()
        })
    }
}

fn counted(n: usize) -> (ConversationStream, Arc<AtomicUsize>) {
    let made = Arc::new(AtomicUsize::new(0));
    let head = Conversation {
        messages: Vec::new(),
        ..Conversation::plain("")
    };
    let head = Conversation {
        format: SourceFormat::WhatsappAndroidTxt,
        ..head
    };
    let messages = Counted {
        left: n,
        made: made.clone(),
    };
    (ConversationStream::new(head, n, messages), made)
}

#[test]
fn a_streamed_check_holds_a_bounded_number_of_messages() {
    let rules = rules();
    let n = 3 * STREAM_BATCH * STREAM_IN_FLIGHT;
    for (threads, bound) in [
        (1, STREAM_BATCH),
        (2, STREAM_BATCH * STREAM_IN_FLIGHT),
        (3, STREAM_BATCH * STREAM_IN_FLIGHT),
    ] {
        let (conv, made) = counted(n);
        let (mut reported, mut most_alive) = (0usize, 0usize);
        check_streaming_on(&rules, conv, Options::default(), threads, |r| {
            assert_eq!(r.index, reported, "reports come in message order");
            // Made but not yet reported (this one included): alive at once.
            most_alive = most_alive.max(made.load(Ordering::SeqCst) - reported);
            reported += 1;
            Ok::<(), ()>(())
        })
        .expect("no error from the sink");
        assert_eq!(reported, n, "{threads} threads");
        assert!(
            most_alive <= bound,
            "{threads} threads: {most_alive} messages alive at once, bound {bound}"
        );
    }
}

#[test]
fn an_error_from_the_writer_stops_the_check_early() {
    // A closed pipe (`saq check --format json big.txt | head`): the check stops, its threads
    // end, and the rest of the chat is never made.
    let rules = rules();
    let n = 20 * STREAM_BATCH * STREAM_IN_FLIGHT;
    for threads in [1, 2] {
        let (conv, made) = counted(n);
        let mut reported = 0usize;
        let r = check_streaming_on(&rules, conv, Options::default(), threads, |_| {
            reported += 1;
            if reported == 100 {
                Err("closed")
            } else {
                Ok(())
            }
        });
        assert_eq!(r, Err("closed"));
        let made = made.load(Ordering::SeqCst);
        assert!(
            made <= 100 + STREAM_BATCH * (STREAM_IN_FLIGHT + 1),
            "{threads} threads: {made} of {n} messages made after the error"
        );
    }
}

//! Long single messages of hostile shapes are checked in time linear in their length.
//!
//! Each of these shapes once took from 13 s to over a minute at 120–600 KB (a quadratic
//! step in the matcher: repeated prefix hits, open-ended repetitions retried from every
//! position, sentence scoping without a bound). The bound here is a guard against that
//! coming back, generous enough for a debug build on a busy two-core machine; the speed
//! itself is measured by `cargo bench --bench shapes` (README "Hostile input").

use std::sync::mpsc;
use std::time::Duration;

use saq::{RuleSet, check_text};

const SHAPES: &[&str] = &[
    "{\"a\":",
    "код смс переведи деньги срочно ",
    "а",
    "кодизсмс",
    "4400 0000 0000 1234 ",
    "+7 700 000 12 34 ",
    "\"",
    "!?.,;",
    "kaspi-kz.top/login ",
    "https://kaspi.kz.secure-login.icu/a?b=c ",
    "Kаspi ",
    "к о д ",
    "переведите деньги на карту и ",
];

#[test]
fn every_hostile_shape_is_checked_within_bounds() {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let rules = RuleSet::builtin().expect("built-in rules load");
        for unit in SHAPES {
            let text = unit.repeat(1024 * 1024 / unit.len());
            let report = check_text(&rules, &text);
            // Spans stay valid and few: a report never lists more than a handful per rule.
            for f in &report.flags {
                assert!(text.get(f.span.clone()).is_some(), "span off char boundary");
            }
            assert!(
                report.flags.len() < 2_000,
                "{unit:?}: {} flags",
                report.flags.len()
            );
            tx.send(*unit).expect("receiver alive");
        }
    });
    for _ in SHAPES {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(_) => {}
            Err(e) => panic!("a 1 MB hostile message took over a minute ({e})"),
        }
    }
}

/// A chat of 100 000 "changed their number" lines for people who never write, then 100 000
/// messages: each message once looked at every waiting event (10¹⁰ steps); at most 256
/// wait at once now.
#[test]
fn many_account_events_that_never_complete_stay_linear() {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        for i in 0..100_000 {
            text.push_str(&format!(
                "12.03.2025, 10:00 - Person {i} changed their phone number to a new number. \
                 Tap to message or add the new number.\n"
            ));
        }
        for i in 0..100_000 {
            text.push_str(&format!("12.03.2025, 11:00 - Марат: сообщение {i}\n"));
        }
        let conv = saq::input::whatsapp::parse(
            &text,
            std::path::Path::new("chat.txt"),
            &saq::input::ReadControl::default(),
        )
        .expect("chat parses");
        assert_eq!(conv.events.len(), 100_000);
        let rules = RuleSet::builtin().expect("built-in rules load");
        let report = saq::check_conversation(&rules, &conv);
        tx.send(report.messages.len()).expect("receiver alive");
    });
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(n) => assert_eq!(n, 100_000),
        Err(e) => panic!("200 000 lines with 100 000 account events took over two minutes ({e})"),
    }
}

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

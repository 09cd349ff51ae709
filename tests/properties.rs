//! No input makes the engine panic, and every span it reports is a char-boundary range of
//! the message it belongs to.

use proptest::prelude::*;
use saq::rules::RuleSet;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static R: OnceLock<RuleSet> = OnceLock::new();
    R.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

fn messy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "код",
        "к0д",
        "к о д",
        "ко\u{200B}д",
        "кoд",
        "Kаspi",
        "сілтеме",
        "https://kaspi.kz.x.icu/a",
        "xn--gov-qdd.kz",
        "+7 700 000 12 09",
        "5522 0000 0000 7725",
        "KZ00 0000 0000 0000 9941",
        "₸",
        " ",
        "\n",
        ".",
        "!",
        "\u{202E}",
        "\u{0301}",
        "е\u{0308}",
        "Ұлттық Банк",
        "назовите",
        "айтыңыз",
        "🙏",
        "\0",
        "\u{FEFF}",
        "ıñ",
        "q",
        "ş",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check_spans(text: &str) {
    let report = saq::check_text(rules(), text);
    for f in &report.flags {
        assert!(
            f.span.start <= f.span.end && f.span.end <= text.len(),
            "{:?} in {:?}",
            f.span,
            text
        );
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
    }
    let a = saq::engine::analyze(rules(), text);
    for f in &a.flags {
        assert!(text.get(f.span.clone()).is_some(), "{:?}", f.span);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn engine_never_panics_on_unicode(s in any::<String>()) {
        check_spans(&s);
    }

    #[test]
    fn engine_spans_valid_on_messy_text(s in messy_text()) {
        check_spans(&s);
    }

    #[test]
    fn decoder_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok((conv, _)) = saq::input::from_bytes(&bytes, "x", std::path::Path::new("x")) {
            for m in &conv.messages {
                check_spans(&m.text);
            }
        }
    }
}

#[test]
fn huge_line_and_control_characters() {
    let mut s = "срочно переведите ".repeat(20_000);
    s.push_str(&"\u{7}\u{1b}[31m".repeat(1000));
    check_spans(&s);
    let long_word = "к".repeat(200_000);
    check_spans(&long_word);
}

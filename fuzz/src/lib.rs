//! The fuzz targets' bodies and the invariants they assert. Each `fuzz_targets/*.rs` only
//! hands its input to one function here, so the root test suite (`tests/fuzz_regressions.rs`)
//! replays the committed corpora and every saved crash through the same code.
//!
//! A panic here is a finding: libFuzzer saves the input under `artifacts/<target>/`.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use saq::conversation::{Container, Conversation, SourceFormat};
use saq::engine::{Options, check_message_with};
use saq::input::{ReadControl, Source, whatsapp};
use saq::normalize::NormText;
use saq::{Message, MessageReport, RuleSet, Verdict};

/// A target's name (its `fuzz_targets/` file and `corpus/` directory) and its body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target.
pub const TARGETS: [Target; 7] = [
    ("decode", decode),
    ("whatsapp_txt", whatsapp_txt),
    ("whatsapp_zip", whatsapp_zip),
    ("telegram_json", telegram_json),
    ("telegram_html", telegram_html),
    ("normalize", normalize),
    ("engine", engine),
];

/// Encodings only a byte-order mark selects.
const ENCODINGS_FROM_BOM: [&str; 3] = ["utf-8-bom", "utf-16le", "utf-16be"];

/// Encoding sniffing and the front door: bytes → text → which reader → conversation.
pub fn decode(data: &[u8]) {
    let borrowed = saq::input::decode::decode(data);
    // The owned path skips a copy for valid UTF-8; it must not decide differently.
    assert_eq!(borrowed, saq::input::decode::decode_owned(data.to_vec()));
    if let Ok(d) = &borrowed {
        assert!(!d.encoding.is_empty());
        if let Ok(s) = std::str::from_utf8(data)
            && !ENCODINGS_FROM_BOM.contains(&d.encoding.as_str())
        {
            assert_eq!(d.encoding, "utf-8", "valid UTF-8 read as {}", d.encoding);
            assert_eq!(d.text, s, "utf-8 text must be the bytes unchanged");
        }
    }
    // Whatever the sniff chose, reading must not panic and must be consistent.
    if let Ok((conv, source)) = saq::input::from_bytes(data, "-", stdin_path()) {
        assert_conversation(&conv);
        assert_source(&conv, &source);
    }
}

/// The WhatsApp `.txt` reader: sniff and parse any text.
pub fn whatsapp_txt(data: &[u8]) {
    let text = text_of(data);
    let _ = whatsapp::looks_like(&text);
    if let Ok(conv) = whatsapp::parse(&text, stdin_path(), &ReadControl::default()) {
        assert!(matches!(
            conv.format,
            SourceFormat::WhatsappAndroidTxt | SourceFormat::WhatsappIosTxt
        ));
        assert_conversation(&conv);
    }
}

/// The WhatsApp `.zip` reader: archives with lying headers, odd names, broken streams.
pub fn whatsapp_zip(data: &[u8]) {
    if let Ok((conv, encoding)) = whatsapp::read_zip(data, stdin_path(), &ReadControl::default()) {
        assert_eq!(conv.container, Some(Container::Zip));
        assert!(!encoding.is_empty());
        assert_conversation(&conv);
    }
}

/// The Telegram Desktop `result.json` reader: damaged, truncated and hostile JSON.
pub fn telegram_json(data: &[u8]) {
    let text = text_of(data);
    let _ = saq::input::telegram_json::looks_like(&text);
    let whole = saq::input::telegram_json::parse(&text, stdin_path(), &ReadControl::default());
    // The streamed reading (two walks, messages made as they are taken) gives the same.
    let streamed = saq::input::telegram_json::parse_streamed(
        text.to_string(),
        stdin_path(),
        &ReadControl::default(),
    )
    .map(saq::conversation::ConversationStream::into_conversation);
    match (&whole, &streamed) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        _ => panic!("whole and streamed readings disagree: {whole:?} / {streamed:?}"),
    }
    if let Ok(conv) = whole {
        assert_eq!(conv.format, SourceFormat::TelegramJson);
        assert_conversation(&conv);
    }
}

/// The Telegram Desktop `messages.html` reader. A form feed splits the input into pages, so
/// state carried from one page to the next is fuzzed too.
pub fn telegram_html(data: &[u8]) {
    let text = text_of(data);
    let _ = saq::input::telegram_html::looks_like(&text);
    let pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if let Ok(conv) =
        saq::input::telegram_html::parse_pages(&pages, stdin_path(), &ReadControl::default())
    {
        assert_eq!(conv.format, SourceFormat::TelegramHtml);
        assert!(!conv.messages.is_empty());
        assert_conversation(&conv);
    }
}

/// Normalization and its offset map: every range of the normalized text maps back inside
/// the original on char boundaries, and so does every obfuscation it reports. The first
/// byte picks a protected range (as the engine protects URLs) for half the inputs; the rest
/// is the text.
pub fn normalize(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let original = text_of(rest);
    assert_norm_map(&original, &saq::normalize::normalize(&original, &[]));
    if sel & 1 == 1 {
        let len = original.len();
        let a = usize::from(sel >> 1) * len / 128;
        let protected = a..(a + usize::from(sel >> 4) * len / 16).min(len + 2);
        let norm = saq::normalize::normalize(&original, std::slice::from_ref(&protected));
        assert_norm_map(&original, &norm);
    }
}

/// The whole check of one message: no panic, every flag's span is inside the text on char
/// boundaries, its excerpt is the text of its span, and the verdict follows the score. Time
/// is bounded by libFuzzer's `-timeout`.
pub fn engine(data: &[u8]) {
    let text = text_of(data);
    let rules = rules();
    let report = saq::check_text(rules, &text);
    assert_report(&text, &report);
    if report.verdict == Verdict::NoSigns {
        assert!(report.flags.is_empty(), "no_signs message kept its flags");
        // check_text drops a no-signs message's flags; keep them so their spans are
        // checked too (most fuzz inputs score below the verdict threshold).
        let msg = Message {
            text: text.to_string(),
            ..Message::default()
        };
        let weak = check_message_with(rules, 0, &msg, Options { keep_weak: true });
        assert_report(&text, &weak);
        assert_eq!(weak.score, report.score);
    }
}

/// Compiling the rules takes milliseconds: once per process, not per input.
fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    // The built-in rules are compiled into the binary; failing to load them is a build bug.
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

/// Path handed to readers: `-` (standard input) so the HTML reader never looks for sibling
/// pages on disk and the fuzz run stays a pure function of its input.
pub fn stdin_path() -> &'static Path {
    Path::new("-")
}

/// Bytes → text the way a reader would get them (invalid bytes replaced), so every input
/// reaches the parser instead of being thrown away.
pub fn text_of(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// `span` lies inside `text` on char boundaries.
pub fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

/// What every successfully read conversation must satisfy.
pub fn assert_conversation(conv: &Conversation) {
    for m in &conv.messages {
        for l in m.hidden_links() {
            assert_span(&m.text, &l.span, "hidden link");
        }
    }
    for e in &conv.events {
        assert!(
            e.before <= conv.messages.len(),
            "account event points past the messages: {} > {}",
            e.before,
            conv.messages.len()
        );
    }
}

/// A conversation read through the front door agrees with its `Source`.
pub fn assert_source(conv: &Conversation, source: &Source) {
    assert_eq!(source.format, conv.format.as_str());
    assert_eq!(source.container, conv.container);
    assert_eq!(source.notes, conv.notes);
    assert!(!source.encoding.is_empty());
}

/// A message report's flags are valid spans of its text, in order, and its verdict is the
/// one its score calls for.
pub fn assert_report(text: &str, r: &MessageReport) {
    assert_eq!(r.text, text, "report text differs from the message");
    assert_eq!(r.verdict, saq::engine::verdict_for(r.score));
    for f in &r.flags {
        assert_span(text, &f.span, &f.rule);
        assert!(
            (1..=3).contains(&f.weight),
            "{}: weight {}",
            f.rule,
            f.weight
        );
    }
    assert!(
        r.flags
            .windows(2)
            .all(|w| (w[0].span.start, w[0].span.end) <= (w[1].span.start, w[1].span.end)),
        "flags not ordered by position"
    );
}

/// Check `to_original` for one normalized range.
fn assert_maps_back(original: &str, norm: &NormText, r: Range<usize>) {
    let o = norm.to_original(r.clone());
    assert_span(original, &o, &format!("to_original({r:?})"));
}

/// Every char, every empty position, prefixes, suffixes, and out-of-range or reversed
/// bounds of the normalized text map back inside `original`; obfuscations lie inside it.
fn assert_norm_map(original: &str, norm: &NormText) {
    for ob in &norm.obfuscations {
        assert_span(original, &ob.span, &format!("{:?}", ob.kind));
    }
    assert!(
        norm.obfuscations
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start),
        "obfuscations not sorted by start"
    );
    let n = norm.text.len();
    let starts: Vec<usize> = norm.text.char_indices().map(|(i, _)| i).collect();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(n);
        for r in [s..e, s..s, s..n, 0..e, s + 1..e + 1] {
            assert_maps_back(original, norm, r);
        }
    }
    for r in [0..n, n..n + 3, n / 2..n / 3] {
        assert_maps_back(original, norm, r);
    }
}

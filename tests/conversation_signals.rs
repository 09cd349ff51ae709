//! Conversation-level signals, each shown with and without the sequence that completes it:
//! the same last message must be flagged only when the earlier messages (or app lines) make
//! the pattern.

use std::path::Path;

use saq::input::ReadControl;
use saq::{Category, Report, RuleSet};

fn rules() -> RuleSet {
    RuleSet::builtin().expect("built-in rules load")
}

fn whatsapp(lines: &[&str]) -> Report {
    let text: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("12.03.2025, 10:{:02} - {l}\n", i + 10))
        .collect();
    let conv = saq::input::whatsapp::parse(&text, Path::new("chat.txt"), &ReadControl::default())
        .expect("chat parses");
    saq::check_conversation(&rules(), &conv)
}

fn rules_on(report: &Report, index: usize) -> Vec<String> {
    report.messages[index]
        .flags
        .iter()
        .map(|f| f.rule.to_string())
        .collect()
}

/// Did the rule fire on message `index`?
fn fired(report: &Report, index: usize, rule: &str) -> bool {
    rules_on(report, index).iter().any(|r| r == rule)
}

/// Did any rule whose id starts with `prefix` fire on message `index`?
fn fired_any(report: &Report, index: usize, prefix: &str) -> bool {
    rules_on(report, index)
        .iter()
        .any(|r| r.starts_with(prefix))
}

const ASK: &str = "Марат: Привет, срочно скинь 20 тысяч на карту, потом верну";

#[test]
fn a_number_change_line_then_a_money_request_is_flagged() {
    let report = whatsapp(&[
        "Марат: Как дела?",
        "Марат changed their phone number to a new number. Tap to message or add the new number.",
        ASK,
    ]);
    assert_eq!(report.system_lines, 1);
    assert!(
        fired(&report, 1, "conv-changed-number-then-ask"),
        "{:?}",
        rules_on(&report, 1)
    );
    let f = report.messages[1]
        .flags
        .iter()
        .find(|f| f.rule == "conv-changed-number-then-ask")
        .expect("flag present");
    assert_eq!(f.category, Category::NewNumber);
    assert!(f.advice.contains(&saq::Step::A4));

    // The same request with no number change: no such flag.
    let report = whatsapp(&["Марат: Как дела?", ASK]);
    assert!(
        !fired_any(&report, 1, "conv-changed"),
        "{:?}",
        rules_on(&report, 1)
    );
}

#[test]
fn a_number_change_of_someone_else_does_not_count() {
    let report = whatsapp(&[
        "Марат: Как дела?",
        "Айгуль сменил(-а) номер телефона. В данный момент вы переписываетесь, используя новый номер этого контакта.",
        ASK,
    ]);
    assert!(
        !fired_any(&report, 1, "conv-changed"),
        "{:?}",
        rules_on(&report, 1)
    );
}

#[test]
fn an_ios_security_code_line_attributed_to_the_chat_then_a_request_is_flagged() {
    let text = "\
[12.03.25, 10:00:00] Марат Ахметов: Сәлем!\r
[12.03.25, 10:05:00] Марат Ахметов: \u{200E}\u{200E}Ваш код безопасности с контактом Марат изменился. \u{200E}Подробнее.\r
[12.03.25, 10:06:00] Марат Ахметов: Сәлем, маған шұғыл 30 мың теңге аударып жібере аласың ба? Ертең қайтарамын\r
";
    let conv = saq::input::whatsapp::parse(text, Path::new("chat.txt"), &ReadControl::default())
        .expect("chat parses");
    assert_eq!((conv.messages.len(), conv.system_lines), (2, 1));
    assert_eq!(conv.events.len(), 1);
    let report = saq::check_conversation(&rules(), &conv);
    assert!(
        fired(&report, 1, "conv-new-device-then-ask"),
        "{:?}",
        rules_on(&report, 1)
    );
}

#[test]
fn the_request_must_come_soon_after_the_change() {
    let mut lines = vec![
        "Марат changed their phone number to a new number. Tap to message or add the new number.",
    ];
    let chatter = ["Марат: Ок", "Марат: Как дела?", "Марат: Ясно"];
    for i in 0..10 {
        lines.push(chatter[i % chatter.len()]);
    }
    lines.push(ASK);
    let report = whatsapp(&lines);
    let last = report.messages.len() - 1;
    assert!(
        !fired_any(&report, last, "conv-changed"),
        "{:?}",
        rules_on(&report, last)
    );
}

#[test]
fn a_voice_note_then_a_money_request_is_flagged() {
    let with_voice = whatsapp(&["Марат: PTT-20250312-WA0001.opus (file attached)", ASK]);
    assert_eq!(
        with_voice.messages[0].media,
        Some(saq::conversation::MediaKind::Voice)
    );
    assert!(
        fired(&with_voice, 1, "conv-voice-then-money"),
        "{:?}",
        rules_on(&with_voice, 1)
    );
    let without = whatsapp(&["Марат: Как дела?", ASK]);
    assert!(
        !fired(&without, 1, "conv-voice-then-money"),
        "{:?}",
        rules_on(&without, 1)
    );
}

#[test]
fn operator_support_then_a_code_request_is_flagged() {
    let report = whatsapp(&[
        "+7 705 111 22 33: Здравствуйте, служба поддержки Kcell. Срок действия вашей SIM-карты истекает",
        "+7 705 111 22 33: Назовите код из SMS",
    ]);
    assert!(
        fired(&report, 1, "conv-operator-then-code"),
        "{:?}",
        rules_on(&report, 1)
    );
}

fn telegram(messages: &str) -> Report {
    let text = format!(
        r#"{{"name": "Айдар", "type": "personal_chat", "id": 1, "messages": [{messages}]}}"#
    );
    let conv =
        saq::input::telegram_json::parse(&text, Path::new("result.json"), &ReadControl::default())
            .expect("export parses");
    saq::check_conversation(&rules(), &conv)
}

const JOINED: &str = r#"{"id": 1, "type": "service", "date": "2025-03-10T12:00:05", "actor": "Айдар", "action": "joined_telegram", "text": ""}"#;
const HELLO: &str = r#"{"id": 2, "type": "message", "date": "2025-03-12T10:00:00", "from": "Айдар", "text": "Мам, привет"}"#;
const ASK_TG: &str = r#"{"id": 3, "type": "message", "date": "2025-03-12T10:01:00", "from": "Айдар", "text": "Срочно скинь 20 тысяч на карту, потом верну"}"#;

#[test]
fn a_new_telegram_account_then_a_money_request_is_flagged() {
    let report = telegram(&[JOINED, HELLO, ASK_TG].join(","));
    assert_eq!(report.system_lines, 1);
    assert!(
        fired(&report, 1, "conv-new-account-then-ask"),
        "{:?}",
        rules_on(&report, 1)
    );
    let report = telegram(&[HELLO, ASK_TG].join(","));
    assert!(
        !fired(&report, 1, "conv-new-account-then-ask"),
        "{:?}",
        rules_on(&report, 1)
    );
}

/// The stream the JSON output uses gives the same reports as the whole-conversation check,
/// however the messages are cut into batches: a signal that completes across a batch
/// boundary, and an account event before it, still fire.
#[test]
fn a_stream_in_any_batches_gives_the_whole_checks_reports() {
    let lines = [
        "Марат: Как дела?",
        "Марат changed their phone number to a new number. Tap to message or add the new number.",
        "Айгүл: Сәлем!",
        ASK,
        "Бекзат: Здравствуйте, это служба поддержки оператора связи.",
        "Бекзат: Ваш номер будет заблокирован. Назовите код из СМС.",
        "Дана: Проголосуй за мою дочку в конкурсе, пожалуйста",
        "Дана: https://bit.ly/golos-konkurs",
        "Айгүл: Хорошо, спасибо!",
    ];
    let text: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("12.03.2025, 10:{:02} - {l}\n", i + 10))
        .collect();
    let conv = saq::input::whatsapp::parse(&text, Path::new("chat.txt"), &ReadControl::default())
        .expect("chat parses");
    let rules = rules();
    let whole = saq::check_conversation(&rules, &conv);
    let signals: usize = whole
        .messages
        .iter()
        .flat_map(|m| &m.flags)
        .filter(|f| f.rule.starts_with("conv-"))
        .count();
    assert!(
        signals >= 3,
        "the chat should complete three signals, got {signals}"
    );
    let opts = saq::engine::Options::default();
    for batch in 1..=conv.messages.len() {
        let mut stream = saq::engine::Stream::new(&rules, conv.events.clone(), opts);
        let mut reports = Vec::new();
        for part in conv.messages.chunks(batch) {
            reports.extend(stream.push(part.to_vec()));
        }
        assert_eq!(reports, whole.messages, "batches of {batch}");
        assert_eq!(stream.verdict(), whole.verdict, "batches of {batch}");
    }
}

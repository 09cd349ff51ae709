//! Every Telegram sample in `tests/fixtures/telegram/` reads into the model it should, the
//! corpus chat matches its `.expected.json`, and no input makes either Telegram reader panic.
//!
//! How the expected counts were made: for the JSON samples, by loading each file with
//! Python's `json` (after the `\x` → `\u00` repair) and counting the items of every
//! `messages` array (all of `chats.list` and `left_chats.list` for a full export) by their
//! `type`: `"message"` items are messages; `"service"` and `"unsupported"` items are system
//! lines. For the HTML export, by reading both pages: `div.message.default` blocks are
//! messages (the call blocks included), `div.message.service` blocks are system lines except
//! the date separators ("14 March 2025"); this gives FORMATS.md §9's "11 person/call
//! messages + 1 service".

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use saq::conversation::{Conversation, MediaKind, Message, ReadNote, SourceFormat};
use saq::error::{Error, FormatProblem};
use saq::input::ReadControl;
use saq::input::{telegram_html, telegram_json};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/telegram")
        .join(name)
}

fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(name: &str) -> Conversation {
    let path = fixture(name);
    let text = read_text(&path);
    assert!(
        telegram_json::looks_like(&text),
        "{name} sniffs as Telegram JSON"
    );
    telegram_json::parse(&text, &path, &ReadControl::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn html_export() -> Conversation {
    let first = fixture("synth_html_export/messages.html");
    let pages = telegram_html::sibling_pages(&first);
    assert_eq!(
        pages,
        vec![first.clone(), fixture("synth_html_export/messages2.html")]
    );
    let texts: Vec<String> = pages.iter().map(|p| read_text(p)).collect();
    assert!(texts.iter().all(|t| telegram_html::looks_like(t)));
    telegram_html::parse_pages(&texts, &first, &ReadControl::default())
        .unwrap_or_else(|e| panic!("html export: {e}"))
}

/// The sender, time and text of a message, for compact comparisons.
fn brief(m: &Message) -> (Option<&str>, Option<&str>, &str) {
    (m.sender.as_deref(), m.timestamp.as_deref(), m.text.as_str())
}

fn hidden(m: &Message) -> Vec<(&str, &str)> {
    m.hidden_links()
        .iter()
        .map(|l| (&m.text[l.span.clone()], l.url.as_str()))
        .collect()
}

#[test]
fn bot_chat_2020() {
    let c = json("real_2020_bot_chat.json");
    assert_eq!(c.format, SourceFormat::TelegramJson);
    assert_eq!(c.messages.len(), 2);
    assert_eq!(c.system_lines, 0);
    assert_eq!(
        brief(&c.messages[0]),
        (Some("Bot User"), Some("2020-10-13T23:31:04"), "/start")
    );
    assert_eq!(
        brief(&c.messages[1]),
        (
            Some("Real User"),
            Some("2020-10-13T23:31:05"),
            "This is a sample message."
        )
    );
    assert!(c.notes.is_empty());
    assert!(c.messages.iter().all(|m| m.chat().is_none()));
}

#[test]
fn migrated_supergroup_2021() {
    let c = json("real_2021_migrated_supergroup.json");
    assert_eq!(c.messages.len(), 1);
    assert_eq!(c.system_lines, 3);
    assert_eq!(
        brief(&c.messages[0]),
        (Some("Ben"), Some("2021-03-18T15:20:37"), "asdsf")
    );
}

#[test]
fn saved_messages_2021() {
    let c = json("real_2021_saved_messages.json");
    assert_eq!(c.messages.len(), 20);
    assert_eq!(c.system_lines, 1);
    let m = &c.messages;
    assert!(m[..16].iter().all(|m| m.sender.as_deref() == Some("Ben")));
    assert_eq!(m[0].media, Some(MediaKind::Photo));
    assert_eq!(m[0].text, "I'm a photo message sent straight to saved.");
    assert_eq!(m[0].timestamp.as_deref(), Some("2020-08-01T22:01:49"));
    assert_eq!(
        m[1].text,
        "bold italic strikethrough underline @person http://google.com monospace http://mystery.knightlab.com/"
    );
    assert_eq!(hidden(&m[1]), [("http://google.com", "http://google.com/")]);
    assert_eq!(
        m[2].text,
        "Learning SQL by solving an SQL murder mystery\nhttp://mystery.knightlab.com/"
    );
    assert!(m[2].hidden_links().is_empty(), "plain links are visible");
    assert_eq!(m[3].forwarded_from(), Some("Other Person"));
    assert_eq!(m[5].media, Some(MediaKind::Sticker), "animation");
    assert_eq!(m[6].forwarded_from(), Some("Ben"));
    assert_eq!(
        m[7].text,
        "Ben, [1/1/70, 1:00 AM]\nMessage copied and pasted."
    );
    assert_eq!(m[8].media, Some(MediaKind::Voice));
    assert_eq!(m[8].forwarded_from(), Some("Other Person"));
    assert_eq!(
        m[9].text,
        "Check out «Cat     @farsisticker» sticker set: https://t.me/addstickers/cat_farsi"
    );
    assert_eq!(m[11].text, "\"quoted text\"");
    assert_eq!(m[12].media, Some(MediaKind::Sticker));
    assert_eq!(m[12].text, "DoNotChange");
    assert_eq!(m[13].media, Some(MediaKind::Video));
    assert_eq!(
        m[14].text,
        "Just some text with formatting like bold text some other text italicized text and\n\nunderlined textand strikethrough text"
    );
    assert_eq!(m[15].text, "- a list\n- with line breaks\n- three \n- four");
    assert_eq!(m[15].forwarded_from(), Some("ForwardedFrom Person"));
    assert_eq!(m[16].sender.as_deref(), Some("test"));
    assert_eq!(m[16].media, Some(MediaKind::Other), "poll");
    assert_eq!(
        brief(&m[19]),
        (
            Some("test"),
            Some("2021-03-22T17:18:09"),
            "test that reply doesn't exist"
        )
    );
}

#[test]
fn handmade_full_export_minimal() {
    let c = json("handmade_full_export_minimal.json");
    assert_eq!(c.messages.len(), 2);
    assert_eq!(c.notes, vec![ReadNote::ChatsRead { count: 1 }]);
    assert!(c.messages.iter().all(|m| m.chat() == Some("Chatname")));
    // Only `date_unixtime` here: the time is given in UTC, marked `Z`.
    assert_eq!(
        brief(&c.messages[0]),
        (
            Some("Author 1"),
            Some("2018-12-05T10:39:10Z"),
            "Minimal Message"
        )
    );
    assert_eq!(
        brief(&c.messages[1]),
        (
            Some("Author 2"),
            Some("2018-12-05T10:49:24Z"),
            "Link:https://telegram.org/"
        )
    );
}

#[test]
fn personal_chat_2025() {
    let c = json("synth_2025_personal_chat.json");
    assert_eq!(c.messages.len(), 10);
    // Services 101, 107, 113 and the unsupported 112.
    assert_eq!(c.system_lines, 4);
    let m = &c.messages;
    assert_eq!(
        brief(&m[0]),
        (
            Some("Мама"),
            Some("2025-03-12T21:40:31"),
            "Айдар, ты завтра приедешь на обед?"
        )
    );
    assert_eq!(m[1].media, Some(MediaKind::Voice));
    assert_eq!(m[1].text, "");
    assert_eq!(
        m[2].text,
        "Мам, срочно нужна помощь.\nПереведи 150 000 ₸ на карту 4400430123456789\nТолько папе не говори!"
    );
    assert_eq!(m[3].text, "Или оплати по ссылке: kaspi.kz/pay");
    assert_eq!(
        hidden(&m[3]),
        [("kaspi.kz/pay", "https://kaspi-pay.example.invalid/login")]
    );
    assert_eq!(m[4].sender.as_deref(), Some("Мама"));
    assert_eq!(
        m[5].text,
        "Не могу говорить. Звони на новый номер +77015551234"
    );
    assert_eq!(m[6].forwarded_from(), Some("Национальный Банк РК"));
    assert_eq!(m[6].media, Some(MediaKind::Photo));
    assert_eq!(m[7].media, Some(MediaKind::VideoNote));
    assert_eq!(m[8].media, Some(MediaKind::Sticker));
    assert_eq!(
        brief(&m[9]),
        (
            Some("Айдар Нурланов"),
            Some("2025-03-14T19:31:20"),
            "Мам, это не я писал! Аккаунт взломали, ничего не переводи"
        )
    );
    assert!(c.notes.is_empty());
}

#[test]
fn full_account_export_2025_reads_all_chats() {
    let c = json("synth_2025_full_account_export.json");
    // 3 + 4 + 1 messages; 1 + 4 services.
    assert_eq!(c.messages.len(), 8);
    assert_eq!(c.system_lines, 5);
    assert_eq!(c.notes, vec![ReadNote::ChatsRead { count: 3 }]);
    let chats: Vec<_> = c.messages.iter().map(|m| m.chat()).collect();
    let (a, f, s) = (
        Some("Айдар Нурланов"),
        Some("Семья"),
        Some("Saved Messages"),
    );
    assert_eq!(chats, [a, a, a, f, f, f, f, s]);
    let m = &c.messages;
    assert_eq!(m[1].media, Some(MediaKind::Voice));
    assert_eq!(m[3].sender, None, "deleted account");
    assert_eq!(
        m[3].text,
        "Проголосуйте за мою дочь в конкурсе: https://example.invalid/vote?id=7"
    );
    assert_eq!(m[4].sender.as_deref(), Some("Семья"), "anonymous admin");
    assert_eq!(m[6].media, Some(MediaKind::Sticker), "GIF via bot");
    assert_eq!(
        brief(&m[7]),
        (Some("Мама"), Some("2025-03-01T08:00:00"), "Заметка себе")
    );
}

#[test]
fn invalid_x_escape() {
    let c = json("synth_invalid_x_escape.json");
    assert_eq!(c.messages.len(), 2);
    assert_eq!(
        c.messages[0].text,
        "Ваш код:\u{0B} 4821\u{01} Никому не сообщайте"
    );
    assert_eq!(c.messages[1].text, "Строка\u{2028}с разделителем строк");
    assert_eq!(c.messages[0].sender.as_deref(), Some("Kcell Support"));
}

#[test]
fn html_export_reads_both_pages() {
    let c = html_export();
    assert_eq!(c.format, SourceFormat::TelegramHtml);
    assert_eq!(c.messages.len(), 11);
    assert_eq!(c.system_lines, 1);
    assert!(c.notes.is_empty());
    let m = &c.messages;
    let senders: Vec<_> = m.iter().map(|m| m.sender.as_deref()).collect();
    let (mama, aidar) = (Some("Мама"), Some("Айдар Нурланов"));
    assert_eq!(
        senders,
        [
            mama,
            aidar,
            aidar, // joined
            aidar, // joined
            mama,
            mama, // joined (call)
            aidar,
            aidar,
            aidar,
            aidar,
            Some("Deleted Account"),
        ]
    );
    assert_eq!(
        brief(&m[0]),
        (
            mama,
            Some("2025-03-12T21:40:31"),
            "Айдар, ты завтра приедешь на обед?"
        )
    );
    assert_eq!(m[1].media, Some(MediaKind::Voice));
    assert_eq!(m[1].text, "");
    assert_eq!(
        m[2].text,
        "Мам, срочно нужна помощь.\nПереведи 150 000 ₸ на карту 4400430123456789\nТолько папе не говори!"
    );
    assert_eq!(m[3].text, "Или оплати по ссылке: kaspi.kz/pay");
    assert_eq!(
        hidden(&m[3]),
        [("kaspi.kz/pay", "https://kaspi-pay.example.invalid/login")]
    );
    assert_eq!(m[5].media, Some(MediaKind::Other), "call");
    // Page 2.
    assert_eq!(
        brief(&m[6]),
        (
            aidar,
            Some("2025-03-14T19:08:05"),
            "Не могу говорить. Звони на новый номер +77015551234"
        )
    );
    assert!(m[6].hidden_links().is_empty(), "tel: link shows its number");
    assert_eq!(m[7].forwarded_from(), Some("Национальный Банк РК"));
    assert_eq!(m[7].media, Some(MediaKind::Photo));
    assert_eq!(
        m[7].text,
        "Уведомление о бронировании средств в \"резервной ячейке\" & подпись"
    );
    assert_eq!(m[8].media, Some(MediaKind::VideoNote));
    assert_eq!(m[9].media, Some(MediaKind::Other), "answered call");
    assert_eq!(
        brief(&m[10]),
        (
            Some("Deleted Account"),
            Some("2025-03-14T19:31:20"),
            "Сообщение от удалённого аккаунта"
        )
    );
}

#[test]
fn html_second_page_alone_finds_first() {
    let second = fixture("synth_html_export/messages2.html");
    assert_eq!(
        telegram_html::sibling_pages(&second),
        vec![fixture("synth_html_export/messages.html"), second]
    );
}

/// The `kind` the corpus uses for a message.
fn corpus_kind(m: &Message) -> &'static str {
    match m.media {
        None => "text",
        Some(MediaKind::Voice) => "voice",
        Some(MediaKind::VideoNote) => "video_note",
        Some(MediaKind::Photo) => "photo",
        Some(MediaKind::Video) => "video",
        Some(MediaKind::Document) => "document",
        Some(MediaKind::Sticker) => "sticker",
        Some(MediaKind::Other) => "other",
    }
}

#[test]
fn corpus_tg_desktop_colleague() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/chats");
    let dir = if dir.exists() {
        dir
    } else {
        PathBuf::from("/work/shared/corpus/chats")
    };
    let path = dir.join("tg_desktop_colleague.json");
    let expected_path = dir.join("tg_desktop_colleague.expected.json");
    if !path.exists() || !expected_path.exists() {
        eprintln!("skipped: {} not found", path.display());
        return;
    }
    let c = telegram_json::parse(&read_text(&path), &path, &ReadControl::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let expected: serde_json::Value =
        serde_json::from_str(&read_text(&expected_path)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(expected["format"], "telegram_desktop_json");
    assert_eq!(c.format.as_str(), "telegram_desktop_json");
    assert_eq!(
        Some(c.messages.len() as u64),
        expected["message_count"].as_u64()
    );
    let list = expected["messages"]
        .as_array()
        .unwrap_or_else(|| panic!("messages[]"));
    assert_eq!(list.len(), c.messages.len());
    for e in list {
        let i = e["index"].as_u64().unwrap_or_else(|| panic!("index")) as usize;
        let m = &c.messages[i];
        assert_eq!(m.sender.as_deref(), e["sender"].as_str(), "sender of {i}");
        assert_eq!(m.timestamp.as_deref(), e["time"].as_str(), "time of {i}");
        assert_eq!(Some(corpus_kind(m)), e["kind"].as_str(), "kind of {i}");
        let starts = e["starts_with"]
            .as_str()
            .unwrap_or_else(|| panic!("starts_with"));
        if m.media.is_some() && m.text.is_empty() {
            // Media without a caption: the corpus writes a placeholder like "[voice]".
            assert_eq!(
                starts,
                format!("[{}]", corpus_kind(m)),
                "placeholder of {i}"
            );
        } else {
            assert!(
                m.text.starts_with(starts),
                "text of {i}: {:?} does not start with {starts:?}",
                m.text
            );
        }
    }
}

#[test]
fn not_telegram_and_empty_files_are_errors() {
    let p = Path::new("x.json");
    let ctl = ReadControl::default();
    let kind = |r: Result<Conversation, Error>| match r {
        Err(Error::Format { kind, .. }) => Some(kind),
        _ => None,
    };
    assert_eq!(
        kind(telegram_json::parse(r#"{"a": 1}"#, p, &ctl)),
        Some(FormatProblem::NotTelegramJson)
    );
    assert_eq!(
        kind(telegram_json::parse(r#"{"messages": []}"#, p, &ctl)),
        Some(FormatProblem::NoMessages)
    );
    assert_eq!(
        kind(telegram_html::parse_pages(
            &["<p>hi</p>".to_string()],
            p,
            &ctl
        )),
        Some(FormatProblem::NoMessages)
    );
}

#[test]
fn progress_is_reported() {
    use std::sync::Mutex;
    let calls = Mutex::new(Vec::new());
    let progress = |done: u64, total: u64| {
        if let Ok(mut c) = calls.lock() {
            c.push((done, total));
        }
    };
    let ctl = ReadControl {
        progress: Some(&progress),
        cancel: None,
    };
    let first = fixture("synth_html_export/messages.html");
    let texts: Vec<String> = telegram_html::sibling_pages(&first)
        .iter()
        .map(|p| read_text(p))
        .collect();
    telegram_html::parse_pages(&texts, &first, &ctl).unwrap_or_else(|e| panic!("{e}"));
    let seen = calls.lock().map(|c| c.clone()).unwrap_or_default();
    assert_eq!(seen.len(), 2, "one report per page");
    assert_eq!(seen[1].0, seen[1].1);
}

// ---- robustness -------------------------------------------------------------------------

fn json_samples() -> Vec<String> {
    [
        "handmade_full_export_minimal.json",
        "real_2020_bot_chat.json",
        "real_2021_migrated_supergroup.json",
        "real_2021_saved_messages.json",
        "synth_2025_full_account_export.json",
        "synth_2025_personal_chat.json",
        "synth_invalid_x_escape.json",
    ]
    .iter()
    .map(|n| read_text(&fixture(n)))
    .collect()
}

fn html_samples() -> Vec<String> {
    [
        "synth_html_export/messages.html",
        "synth_html_export/messages2.html",
    ]
    .iter()
    .map(|n| read_text(&fixture(n)))
    .collect()
}

/// Every hidden link is a char-boundary range inside its message's text.
fn spans_ok(c: &Conversation) -> bool {
    c.messages.iter().all(|m| {
        m.hidden_links().iter().all(|l| {
            l.span.start <= l.span.end
                && l.span.end <= m.text.len()
                && m.text.is_char_boundary(l.span.start)
                && m.text.is_char_boundary(l.span.end)
        })
    })
}

fn check_both(text: &str) {
    let ctl = ReadControl::default();
    let p = Path::new("fuzz");
    if let Ok(c) = telegram_json::parse(text, p, &ctl) {
        assert!(spans_ok(&c));
        assert!(!c.messages.is_empty());
    }
    let _ = telegram_json::looks_like(text);
    if let Ok(c) = telegram_html::parse_pages(&[text.to_string()], p, &ctl) {
        assert!(spans_ok(&c));
        assert!(!c.messages.is_empty());
    }
    let _ = telegram_html::looks_like(text);
}

#[test]
fn every_truncation_of_every_sample_is_safe() {
    for s in json_samples().iter().chain(html_samples().iter()) {
        let mut cut = 0;
        while cut <= s.len() {
            if s.is_char_boundary(cut) {
                check_both(&s[..cut]);
            }
            cut += 7;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_strings_never_panic(s in "\\PC*") {
        check_both(&s);
    }

    #[test]
    fn json_like_noise_never_panics(
        s in prop::collection::vec(
            prop::sample::select(vec![
                "{", "}", "[", "]", ",", ":", "\"", "\\", "\\x", "\\x0B", "\\u00", "\"messages\"",
                "\"chats\"", "\"list\"", "\"type\"", "\"message\"", "\"service\"", "\"text\"",
                "\"text_link\"", "\"href\"", "\"from\"", "null", "1", "-2", "\"ә\"", " ", "\n",
            ]),
            0..80,
        )
    ) {
        check_both(&s.concat());
    }

    #[test]
    fn truncated_samples_never_panic(sample in 0usize..9, frac in 0.0f64..1.0) {
        let all: Vec<String> = json_samples().into_iter().chain(html_samples()).collect();
        let s = &all[sample % all.len()];
        let mut cut = ((s.len() as f64) * frac) as usize;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        check_both(&s[..cut]);
    }

    #[test]
    fn flipped_bytes_never_panic(
        sample in 0usize..9,
        flips in prop::collection::vec((0.0f64..1.0, any::<u8>()), 1..8),
    ) {
        let all: Vec<String> = json_samples().into_iter().chain(html_samples()).collect();
        let mut bytes = all[sample % all.len()].clone().into_bytes();
        for (at, b) in flips {
            let i = ((bytes.len() as f64) * at) as usize;
            if let Some(x) = bytes.get_mut(i) {
                *x = b;
            }
        }
        check_both(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_text_link_spans_are_valid(
        parts in prop::collection::vec(("\\PC{0,6}", any::<bool>()), 0..8),
    ) {
        let mut items = Vec::new();
        for (t, link) in &parts {
            let t = serde_json::to_string(t).unwrap_or_default();
            items.push(if *link {
                format!(r#"{{"type": "text_link", "text": {t}, "href": "https://x.invalid"}}"#)
            } else {
                t
            });
        }
        let j = format!(r#"{{"messages": [{{"type": "message", "text": [{}]}}]}}"#, items.join(","));
        let c = telegram_json::parse(&j, Path::new("p"), &ReadControl::default());
        let c = c.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(spans_ok(&c));
        prop_assert_eq!(c.messages[0].hidden_links().len(), parts.iter().filter(|p| p.1).count());
    }
}

#[test]
fn joined_telegram_is_an_account_event_in_json_and_html() {
    use saq::conversation::AccountEventKind;
    let c = json("synth_2025_personal_chat.json");
    assert!(
        c.events
            .iter()
            .any(|e| e.kind == AccountEventKind::JoinedMessenger && e.who == "Айдар Нурланов"),
        "{:?}",
        c.events
    );
    let h = html_export();
    assert!(
        h.events
            .iter()
            .any(|e| e.kind == AccountEventKind::JoinedMessenger && e.who == "Айдар Нурланов"),
        "{:?}",
        h.events
    );
}

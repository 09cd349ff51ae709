//! Every `saq check` format is written while the messages are checked (as `--format json`
//! always was): the streamed HTML page, evidence sheet and summary must be what the reports
//! checked whole in memory give (the window's way), and the text output keeps its layout
//! but for a chat's verdict line, which now follows its messages.

use std::path::{Path, PathBuf};

use saq::i18n::{Arg, Lang, Localizer};
use saq::share::{Origin, evidence, html, summary};

mod common;

use common::saq;

const SCAMS: [&str; 3] = [
    "Здравствуйте, я сотрудник службы безопасности Halyk Bank. Продиктуйте код из СМС, иначе карта будет заблокирована.",
    "Мама, это мой новый номер, срочно скинь 20 000 тг на карту 4400 4301 2345 6789",
    "Сіз ұтыс ұттыңыз! Сыйлықты алу үшін https://kaspi-bonus.kz-pay.top/pay сілтемесіне өтіңіз \u{202E}moc.evil",
];
const LEGIT: [&str; 3] = [
    "Анашым, сәлем! Жұмыстан шықтым, жолда нан ала келейін бе?",
    "Завтра родительское собрание в 18:00",
    "ок <b>жақсы</b>",
];

/// A WhatsApp chat of `n` messages, every `every`-th one a scam (the others legit), so
/// flagged messages come alone, in pairs and with gaps between them.
fn chat(n: usize, every: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let text = if i % every == 0 || i % every == 1 && i % 3 == 0 {
            SCAMS[i % SCAMS.len()]
        } else {
            LEGIT[i % LEGIT.len()]
        };
        let sender = if i % 2 == 0 {
            "Ержан"
        } else {
            "+7 701 555 12 34"
        };
        s.push_str(&format!(
            "{:02}.03.2025, {:02}:{:02} - {sender}: {text}\n",
            i / 1440 % 28 + 1,
            i / 60 % 24,
            i % 60
        ));
    }
    s
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("saq-streamed-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// `saq check --lang ru --format <format> <paths>`'s standard output.
fn run(format: &str, paths: &[&Path]) -> String {
    let out = saq()
        .args(["check", "--lang", "ru", "--format", format])
        .args(paths)
        .output()
        .expect("saq runs");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The report time (`YYYY-MM-DD HH:MM UTC`) blanked, so pages made a minute apart compare.
fn undated(page: &str) -> String {
    let re = regex::Regex::new(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC").expect("regex");
    re.replace_all(page, "DATE").into_owned()
}

/// Three inputs: a chat with many flagged messages (more than a thread's share, so the
/// check runs on the pipeline, and a page large enough to leave memory), a file that does
/// not exist, and a single message.
fn inputs(dir: &Path) -> [PathBuf; 3] {
    let big = dir.join("chat.txt");
    std::fs::write(&big, chat(12_000, 5)).expect("write chat");
    let one = dir.join("one.txt");
    std::fs::write(&one, SCAMS[0]).expect("write message");
    [big, dir.join("missing.txt"), one]
}

/// A page made the window's way, from reports checked whole.
fn whole_page(paths: &[PathBuf; 3], tr: &Localizer) -> String {
    let rules = saq::RuleSet::builtin().expect("rules");
    let mut page = Vec::new();
    let mut doc = html::Document::new(&mut page, tr, "DATE").expect("in memory");
    for path in paths {
        match saq::input::read_path(path) {
            Ok((conv, source)) => {
                let report = saq::check_conversation(&rules, &conv);
                let shown = source.path.clone();
                let head = html::SectionHead {
                    path: Some(&shown),
                    notes: &source.notes,
                    len: report.messages.len(),
                    picture: None,
                };
                doc.add(&mut page, head, report.verdict, report.messages.iter())
                    .expect("in memory");
            }
            Err(_) => {
                let reason = tr.tr_args(
                    "cli-error-read",
                    &[
                        ("path", Arg::from(path.display().to_string())),
                        ("reason", Arg::from(tr.tr("cli-reason-not-found"))),
                    ],
                );
                doc.add_failed(&mut page, &path.display().to_string(), &reason)
                    .expect("in memory");
            }
        }
    }
    doc.finish(&mut page).expect("in memory");
    String::from_utf8(page).expect("UTF-8 page")
}

#[test]
fn the_streamed_html_page_is_the_whole_reports_page() {
    let dir = scratch("html");
    let paths = inputs(&dir);
    let tr = Localizer::new(Lang::Ru);
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let streamed = run("html", &refs);
    assert!(
        streamed.len() > 4 << 20,
        "large enough to be spooled to a file"
    );
    assert!(
        !streamed.contains('\u{202E}'),
        "bidi controls never reach the page"
    );
    assert!(streamed.contains("section class=\"input failed\""));
    assert_eq!(undated(&streamed), undated(&whole_page(&paths, &tr)));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_streamed_summary_and_evidence_are_the_whole_reports_ones() {
    let dir = scratch("sheets");
    let chat_path = dir.join("chat.txt");
    std::fs::write(&chat_path, chat(3_000, 7)).expect("write chat");
    let tr = Localizer::new(Lang::Ru);
    let rules = saq::RuleSet::builtin().expect("rules");
    let (conv, _) = saq::input::read_path(&chat_path).expect("read");
    let report = saq::check_conversation(&rules, &conv);

    let expected = format!("{}\n\n", summary::text(&report, &tr));
    assert_eq!(run("summary", &[&chat_path]), expected);

    let ev = evidence::Evidence::collect(&report.messages);
    let origin = Origin {
        path: Some(chat_path.display().to_string()),
        made: "DATE".into(),
    };
    let sheet = run("evidence", &[&chat_path]);
    assert_eq!(undated(&sheet), evidence::page(&ev, &origin, &tr));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn streamed_text_keeps_the_layout_with_a_chats_verdict_after_its_messages() {
    let dir = scratch("text");
    let paths = inputs(&dir);
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let text = run("text", &refs);
    let tr = Localizer::new(Lang::Ru);
    let (danger, suspicious) = (tr.tr("verdict-danger"), tr.tr("verdict-suspicious"));
    let sections: Vec<&str> = text.split("── ").skip(1).collect();
    assert_eq!(
        sections.len(),
        2,
        "the missing file writes nothing to stdout"
    );
    // The chat: its name, then messages at once; the verdict line only at the end.
    let chat_lines: Vec<&str> = sections[0].lines().collect();
    let badge = |l: &str| {
        [&danger, &suspicious]
            .iter()
            .any(|v| l.ends_with(&format!(" — {v}")))
    };
    let verdict_lines: Vec<usize> = (0..chat_lines.len())
        .filter(|&i| chat_lines[i].contains(&danger) && !badge(chat_lines[i]))
        .collect();
    assert_eq!(verdict_lines.len(), 1, "one verdict line");
    let badges: Vec<usize> = (0..chat_lines.len())
        .filter(|&i| badge(chat_lines[i]))
        .collect();
    assert!(badges.iter().all(|&b| b < verdict_lines[0]));
    assert!(
        badges[0] <= 3,
        "messages follow the name: {:?}",
        &chat_lines[..4]
    );
    // Every flagged message is shown, each once.
    let flagged = chat(12_000, 5)
        .lines()
        .filter(|l| SCAMS.iter().any(|s| l.ends_with(s)))
        .count();
    assert_eq!(badges.len(), flagged);
    // A single message: the verdict right under its name, as before.
    let one: Vec<&str> = sections[1].lines().collect();
    assert!(one[1].contains(&danger), "{:?}", &one[..3]);
    let _ = std::fs::remove_dir_all(dir);
}

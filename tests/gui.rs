//! The window, driven headless with egui_kittest: typing a message, switching language,
//! opening chats and broken files through the same commands as the window, and glyphs.
//! Snapshot images of the main screen (kk, ru) need a wgpu adapter (Mesa's lavapipe);
//! they run when `SAQ_SNAPSHOTS=1` (see `.ci/run`).

#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use saq::gui::{App, Command};
use saq::i18n::{Arg, Lang, Localizer};
use saq::report::Verdict;

const SCAM_RU: &str = "Здравствуйте, я сотрудник службы безопасности Halyk Bank. По вашей карте подозрительная операция. Продиктуйте код из СМС, иначе карта будет заблокирована.";
const JOB_LIMIT: Duration = Duration::from_secs(120);

fn harness(lang: Lang) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        // A finished job wakes the window from its thread, which may land a few frames late.
        .with_max_steps(32)
        .build_eframe(move |cc| App::with_lang(&cc.egui_ctx, lang))
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Finish the background jobs, then let the window settle.
fn settle(h: &mut Harness<'static, App>) {
    // One frame takes in the typed keys (a file job's progress bar would keep `run` busy).
    h.step();
    h.state_mut().wait_for_jobs(JOB_LIMIT);
    h.run();
}

fn type_scam(h: &mut Harness<'static, App>) {
    let edit = h.get_by_role(Role::MultilineTextInput);
    edit.focus();
    h.run();
    h.get_by_role(Role::MultilineTextInput).type_text(SCAM_RU);
    settle(h);
}

#[test]
fn typing_a_scam_message_shows_the_verdict_and_the_flags() {
    let tr = Localizer::new(Lang::En);
    let mut h = harness(Lang::En);
    type_scam(&mut h);
    assert_eq!(h.state().text, SCAM_RU);
    h.get_by_label(&tr.tr("verdict-danger"));
    h.get_by_label(&tr.tr("verdict-danger-hint"));
    h.get_by_label(&tr.tr("ui-flags-heading"));
    assert!(
        h.query_all_by_label(&tr.tr("cat-code-request")).count() >= 1,
        "the flag list names the code request"
    );
    // The advice and the two numbers.
    h.get_by_label(&tr.tr("ui-what-to-do"));
    h.get_by_label(&tr.tr("contact-nbk"));
    h.get_by_label(&tr.tr("contact-police"));
    h.get_by_label(&tr.tr("ui-offline-status"));
}

#[test]
fn clicking_a_flag_selects_it() {
    let tr = Localizer::new(Lang::En);
    let mut h = harness(Lang::En);
    type_scam(&mut h);
    assert!(h.state().selected_flag.is_none());
    let first = h
        .state()
        .text_report()
        .and_then(|r| r.flags.first())
        .map(|f| tr.tr(&f.category.fluent_id()))
        .expect("a flag");
    h.get_all_by_label(&first)
        .next()
        .expect("a flag button")
        .click();
    h.run();
    assert_eq!(h.state().selected_flag, Some(0));
    // The flag's words are selected in the message box itself, which has the focus.
    let span = h.state().text_report().expect("a report").flags[0]
        .span
        .clone();
    let chars = |b: usize| SCAM_RU[..b].chars().count();
    let state = egui::TextEdit::load_state(&h.ctx, saq::gui::editor_id()).expect("editor state");
    let range = state.cursor.char_range().expect("a selection");
    let (a, b) = (range.primary.index.0, range.secondary.index.0);
    assert_eq!((a.min(b), a.max(b)), (chars(span.start), chars(span.end)));
    assert!(h.get_by_role(Role::MultilineTextInput).is_focused());
}

#[test]
fn a_harmless_message_says_no_known_signs_with_the_caution() {
    let tr = Localizer::new(Lang::Kk);
    let mut h = harness(Lang::Kk);
    h.state_mut().text = "Анашым, сәлем! Жұмыстан шықтым, жолда нан ала келейін бе?".into();
    h.state_mut().push(Command::TextEdited);
    settle(&mut h);
    h.get_by_label(&tr.tr("verdict-no-signs"));
    h.get_by_label(&tr.tr("verdict-no-signs-caution"));
}

/// The top bar's language menu (titled with the current language), then `to` in it.
fn choose_language(h: &mut Harness<'static, App>, from: Lang, to: Lang) {
    h.get_by_label(&format!("🌐 {}", from.native_name()))
        .click();
    h.run();
    h.get_by_label(to.native_name()).click();
    h.run();
}

/// Open the top bar's menu titled `title`.
fn open_menu(h: &mut Harness<'static, App>, title: &str) {
    h.get_by_label(title).click();
    h.run();
}

#[test]
fn switching_language_changes_the_labels() {
    let en = Localizer::new(Lang::En);
    let kk = Localizer::new(Lang::Kk);
    let ru = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::En);
    h.get_by_label(&en.tr("ui-paste"));
    choose_language(&mut h, Lang::En, Lang::Kk);
    h.get_by_label(&kk.tr("ui-paste"));
    h.get_by_label(&kk.tr("ui-offline-status"));
    assert!(h.query_by_label(&en.tr("ui-paste")).is_none());
    choose_language(&mut h, Lang::Kk, Lang::Ru);
    h.get_by_label(&ru.tr("ui-open-file"));
    assert_eq!(h.state().settings.lang, Lang::Ru);
}

#[test]
fn an_opened_chat_shows_its_summary_and_messages() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    h.state_mut().push(Command::OpenFile(fixture(
        "telegram/synth_2025_personal_chat.json",
    )));
    settle(&mut h);
    let chat = h.state().chat.as_ref().expect("the chat is open");
    let (count, flagged) = (chat.report.messages.len(), chat.report.flagged_count());
    assert!(count > 0);
    h.get_by_label(&tr.tr_args("ui-summary-messages", &[("count", tr.count(count).into())]));
    h.get_by_label(&tr.tr_args("ui-summary-flagged", &[("count", tr.count(flagged).into())]));
    let senders = chat.senders;
    assert!(senders > 0);
    h.get_by_label(&tr.tr_args("ui-summary-senders", &[("count", tr.count(senders).into())]));
    // It opens on its first flagged message, whose flags fill the side list; Next flagged
    // goes on from there and comes round to the first again after the last.
    assert!(flagged > 0, "the fixture has scams");
    let selected = |h: &Harness<'static, App>| h.state().chat.as_ref().and_then(|c| c.selected);
    let first = chat
        .report
        .messages
        .iter()
        .position(|m| m.verdict != Verdict::NoSigns);
    assert_eq!(selected(&h), first);
    h.get_by_label(&tr.tr("ui-flags-heading"));
    let mut seen = Vec::new();
    for _ in 0..flagged {
        h.get_by_label(&tr.tr("ui-next-flagged")).click();
        h.run();
        let msg = h.state().chat.as_ref().and_then(|c| c.selected_message());
        assert!(msg.is_some_and(|m| !m.flags.is_empty()));
        seen.push(selected(&h));
    }
    assert_eq!(
        seen.last().copied().flatten(),
        first,
        "round to the first: {seen:?}"
    );
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), flagged, "each flagged message once: {seen:?}");
    // The file is remembered.
    assert_eq!(h.state().settings.recent.len(), 1);
}

#[test]
fn a_saved_message_opens_on_its_words_without_a_senders_count() {
    let tr = Localizer::new(Lang::Ru);
    let dir = std::env::temp_dir().join(format!("saq-gui-plain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("сообщение.txt");
    std::fs::write(&path, SCAM_RU).expect("write");
    let mut h = harness(Lang::Ru);
    h.state_mut().push(Command::OpenFile(path));
    settle(&mut h);
    let chat = h.state().chat.as_ref().expect("the file is open");
    assert_eq!(chat.report.messages.len(), 1);
    assert_eq!(chat.selected, Some(0), "its one message is shown at once");
    // No sender is named in a plain text file: no "Senders: 0".
    let senders = tr.tr_args("ui-summary-senders", &[("count", tr.count(0).into())]);
    assert!(h.query_by_label(&senders).is_none());
    h.get_by_label(&tr.tr("ui-flags-heading"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_whatsapp_zip_with_a_voice_note_opens() {
    let mut h = harness(Lang::En);
    h.state_mut().push(Command::OpenFile(fixture(
        "whatsapp/synth_android_ru_with_media.zip",
    )));
    settle(&mut h);
    assert!(h.state().chat.is_some(), "{:?}", h.state().error);
}

#[test]
fn a_directory_shows_a_localized_error_and_the_app_keeps_working() {
    let tr = Localizer::new(Lang::Kk);
    let mut h = harness(Lang::Kk);
    let dir = fixture("whatsapp");
    h.state_mut().push(Command::OpenFile(dir.clone()));
    settle(&mut h);
    let shown = tr.tr_args(
        "cli-error-is-dir",
        &[("path", dir.display().to_string().into())],
    );
    h.get_by_label(&shown);
    assert!(h.state().chat.is_none());
    h.get_by_label(&tr.tr("ui-close")).click();
    h.run();
    assert!(h.state().error.is_none());
    type_scam(&mut h);
    h.get_by_label(&tr.tr("verdict-danger"));
}

#[test]
fn a_binary_file_shows_a_localized_error() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    let dir = std::env::temp_dir().join(format!("saq-gui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bin = dir.join("image.txt");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::write(&bin, bytes).expect("write");
    h.state_mut().push(Command::OpenFile(bin.clone()));
    settle(&mut h);
    let err = h.state().error.as_ref().expect("an error is shown");
    assert!(h.state().chat.is_none(), "{err:?}");
    let path = bin.display().to_string();
    let candidates = [
        tr.tr_args("cli-error-not-text", &[("path", path.as_str().into())]),
        tr.tr_args(
            "error-format-no-messages",
            &[("path", path.as_str().into())],
        ),
    ];
    assert!(
        candidates.iter().any(|c| h.query_by_label(c).is_some()),
        "{err:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_guide_page_shows_schemes_and_steps() {
    let tr = Localizer::new(Lang::Kk);
    let mut h = harness(Lang::Kk);
    open_menu(&mut h, &tr.tr("ui-learn"));
    h.get_by_label(&tr.tr("ui-guide")).click();
    h.run();
    h.get_by_label(&tr.tr("scheme-s1-title"));
    h.get_by_label(&tr.tr("scheme-s9-title"));
    h.get_by_label(&format!("A2. {}", tr.tr("step-a2")));
}

#[test]
fn tenge_sign_and_kazakh_letters_render() {
    // The harness panics on a glyph missing from every font.
    let mut h = harness(Lang::Kk);
    let text = "Сізге 50 000 ₸ ұтыс түсті! Әке, ғафу, қала, аңыз, өмір, ұл, үй, һ, із. ӘҒҚҢӨҰҮҺІ";
    h.state_mut().text = text.into();
    h.state_mut().push(Command::TextEdited);
    settle(&mut h);
    assert_eq!(h.state().text, text);
    let kk = Localizer::new(Lang::Kk);
    let shown = ["verdict-danger", "verdict-suspicious", "verdict-no-signs"]
        .iter()
        .filter(|id| h.query_by_label(&kk.tr(id)).is_some())
        .count();
    assert_eq!(shown, 1, "one verdict card");
}

#[test]
fn text_size_keys_and_theme_button_work() {
    let tr = Localizer::new(Lang::En);
    let mut h = harness(Lang::En);
    let before = h.state().settings.text_size;
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    h.run();
    assert!(h.state().settings.text_size > before);
    open_menu(&mut h, &tr.tr("ui-settings"));
    h.get_by_label(&tr.tr("ui-theme-dark")).click();
    h.run();
    assert!(h.state().settings.dark);
    open_menu(&mut h, &tr.tr("ui-settings"));
    h.get_by_label(&tr.tr("ui-theme-light"));
}

fn snapshots_enabled() -> bool {
    std::env::var_os("SAQ_SNAPSHOTS").is_some_and(|v| v == "1")
        || std::env::var_os("UPDATE_SNAPSHOTS").is_some()
}

/// The main screen with a typical scam pasted, at a screen size and text size of issue 14.
/// One harness per image: kittest merges snapshot results per harness.
fn snapshot_main_screens(lang: Lang) {
    if !snapshots_enabled() {
        eprintln!("skipped: set SAQ_SNAPSHOTS=1 (needs a wgpu adapter, e.g. mesa-vulkan-drivers)");
        return;
    }
    let mut results = egui_kittest::SnapshotResults::new();
    for (w, hgt) in SCREENS {
        for steps in [0, 2] {
            let mut h = pasted_at(lang, egui::vec2(w, hgt), steps);
            h.run();
            let name = format!("{lang:?}").to_lowercase();
            let size = if steps == 0 { "text" } else { "larger" };
            h.snapshot(format!("main_{name}_{w}x{hgt}_{size}"));
            results.extend_harness(&mut h);
        }
    }
}

#[test]
fn snapshot_main_screen_kk() {
    snapshot_main_screens(Lang::Kk);
}

#[test]
fn snapshot_main_screen_ru() {
    snapshot_main_screens(Lang::Ru);
}

#[test]
fn snapshot_chat_ru() {
    if !snapshots_enabled() {
        eprintln!("skipped: set SAQ_SNAPSHOTS=1 (needs a wgpu adapter, e.g. mesa-vulkan-drivers)");
        return;
    }
    let mut h = harness(Lang::Ru);
    h.state_mut().push(Command::OpenFile(fixture(
        "telegram/synth_2025_personal_chat.json",
    )));
    settle(&mut h);
    // Opened on its first flagged message.
    h.snapshot("chat_ru");
}

#[test]
fn ctrl_v_with_nothing_focused_fills_the_message_box() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    h.event(egui::Event::Paste(SCAM_RU.into()));
    settle(&mut h);
    assert_eq!(h.state().text, SCAM_RU);
    h.get_by_label(&tr.tr("verdict-danger"));
}

/// A WhatsApp export of `n` messages from Айдар, message `i` saying `body(i)`, written as
/// `name` in a temporary folder named after `folder` (returned with the file's path).
fn write_chat(
    folder: &str,
    name: &str,
    n: u32,
    body: impl Fn(u32) -> String,
) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("{folder}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    let mut text = String::with_capacity(n as usize * 60);
    for i in 0..n {
        let (h, m) = (i / 60 % 24, i % 60);
        text.push_str(&format!("12.03.2025, {h:02}:{m:02} - Айдар: {}\n", body(i)));
    }
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

#[test]
fn a_chat_of_100_000_messages_opens_and_scrolls() {
    let (dir, path) = write_chat("saq-gui-big", "big_chat.txt", 100_000, |i| {
        let line = if i % 1000 == 7 {
            "Продиктуйте код из СМС, срочно!"
        } else {
            "Мам, я дома, всё хорошо"
        };
        format!("{line} {i}")
    });
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    h.state_mut().push(Command::OpenFile(path));
    settle(&mut h);
    let count = h.state().chat.as_ref().map(|c| c.report.messages.len());
    assert_eq!(count, Some(100_000), "{:?}", h.state().error);
    // Big counts are written grouped, as the language writes them ("100,000" in English).
    let shown = tr.count(100_000);
    assert!(shown.len() > "100000".len(), "{shown:?}");
    h.get_by_label(&tr.tr_args("ui-summary-messages", &[("count", shown.into())]));
    // Jumping to the last flagged message scrolls the virtualized list there.
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F3);
    h.run();
    let selected = h.state().chat.as_ref().and_then(|c| c.selected);
    assert_eq!(selected, Some(99_007));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_big_chat_shows_its_checking_stage_and_cancel_stops_it() {
    let (dir, path) = write_chat("saq-gui-check-stage", "long_chat.txt", 400_000, |i| {
        format!("Ертең кездесеміз, код 12{i}")
    });
    let tr = Localizer::new(Lang::Kk);
    let mut h = harness(Lang::Kk);
    h.state_mut().push(Command::OpenFile(path.clone()));
    // Frames until the reading is over and the messages are being checked.
    let until = std::time::Instant::now() + JOB_LIMIT;
    while !h.state().file_job().is_some_and(|j| j.progress.checking()) {
        assert!(std::time::Instant::now() < until, "no checking stage");
        assert!(
            h.state().chat.is_none(),
            "the check ended before it was seen"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(2));
    }
    h.step();
    h.get_by_label(&tr.tr_args("ui-checking-file", &[("path", "long_chat.txt".into())]));
    h.get_by_label(&tr.tr("ui-cancel")).click();
    settle(&mut h);
    // Stopped: nothing opened, no error shown, no job left.
    assert!(h.state().chat.is_none());
    assert!(h.state().error.is_none());
    assert!(h.state().file_job().is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A typical scam of 500–600 characters, in the language of the interface.
const LONG_SCAM_RU: &str = "Здравствуйте! Вас беспокоит служба безопасности Kaspi Bank. Сегодня в 14:32 по вашей карте была попытка перевода 250 000 ₸ на имя Ерлан С. Если это были не вы, операцию нужно срочно отменить. Для этого мы отправили вам код в СМС. Продиктуйте этот код нашему специалисту, иначе деньги спишутся, а карта будет заблокирована. Никому не сообщайте об этом звонке, даже родственникам, это может помешать расследованию. Также установите приложение для удалённой защиты по ссылке https://kaspi-zashita.example.com и следуйте инструкциям. Ответьте в течение 10 минут 🙏";
const LONG_SCAM_KK: &str = "Сәлеметсіз бе! Сізді Halyk Bank қауіпсіздік қызметі мазалап тұр. Бүгін сіздің картаңыздан 250 000 ₸ аударуға әрекет жасалды. Егер бұл сіз болмасаңыз, операцияны дереу тоқтату керек. Ол үшін сізге SMS арқылы код жібердік. Сол кодты біздің маманға айтыңыз, әйтпесе ақшаңыз шешіліп, картаңыз бұғатталады. Бұл қоңырау туралы ешкімге, тіпті туыстарыңызға да айтпаңыз. Сондай-ақ https://halyk-qorgau.example.com сілтемесі бойынша қорғау қолданбасын орнатыңыз. 10 минут ішінде жауап беріңіз 🙏";

/// The window at `size` with the text `steps` Ctrl + presses larger, a long scam pasted.
fn pasted_at(lang: Lang, size: egui::Vec2, steps: usize) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(32)
        .build_eframe(move |cc| App::with_lang(&cc.egui_ctx, lang));
    for _ in 0..steps {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
        h.run();
    }
    let text = if lang == Lang::Kk {
        LONG_SCAM_KK
    } else {
        LONG_SCAM_RU
    };
    h.event(egui::Event::Paste(text.into()));
    settle(&mut h);
    assert_eq!(h.state().text, text);
    h
}

/// The sizes of issue 14: two common laptop screens, default text and text enlarged twice.
const SCREENS: [(f32, f32); 2] = [(1366.0, 768.0), (1280.0, 720.0)];

#[test]
fn verdict_message_flags_and_advice_fit_one_screen_and_the_top_bar_one_row() {
    for lang in [Lang::Kk, Lang::Ru] {
        let tr = Localizer::new(lang);
        for (w, hgt) in SCREENS {
            for steps in [0, 2] {
                let mut h = pasted_at(lang, egui::vec2(w, hgt), steps);
                h.run();
                let at = format!("{lang:?} {w}×{hgt}, Ctrl + ×{steps}");
                let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(w, hgt));
                let report = h.state().text_report().cloned().expect("a report");
                assert!(report.flags.len() >= 2, "{at}: a typical scam has flags");
                let verdict = h.get_by_label(&tr.tr(report.verdict.fluent_id())).rect();
                let editor = h.get_by_role(Role::MultilineTextInput).rect();
                let first_flag = tr.tr(&report.flags[0].category.fluent_id());
                let flag = (h.get_all_by_label(&first_flag))
                    .map(|n| n.rect())
                    .min_by(|a, b| a.top().total_cmp(&b.top()))
                    .expect("the first flag card");
                let advice = h.get_by_label(&tr.tr("ui-what-to-do")).rect();
                let nbk = h.get_by_label(&tr.tr("contact-nbk")).rect();
                for (name, rect) in [
                    ("verdict", verdict),
                    ("message box", editor),
                    ("first flag", flag),
                    ("what to do", advice),
                    ("1477", nbk),
                ] {
                    assert!(
                        window.contains_rect(rect),
                        "{at}: {name} {rect:?} is off screen"
                    );
                }
                // Nothing covers another: the flag card is above the pinned advice, the
                // message box above the actions under it.
                assert!(
                    flag.bottom() <= advice.top(),
                    "{at}: {flag:?} under {advice:?}"
                );
                let present = h.get_by_label(&tr.tr("ui-present")).rect();
                assert!(
                    editor.bottom() <= present.top(),
                    "{at}: the message overflows its box: {editor:?} {present:?}"
                );
                assert!(
                    verdict.bottom() <= editor.top(),
                    "{at}: verdict over the box"
                );
                // The whole message shows without scrolling: the box (its full rect, not
                // the part its scroll area shows) ends above the actions under it.
                // The top bar is one row: every control shares one horizontal band.
                let bar = [
                    tr.tr("ui-paste"),
                    tr.tr("ui-open-file"),
                    tr.tr("ui-page-check"),
                    tr.tr("ui-learn"),
                    format!("🌐 {}", lang.native_name()),
                    tr.tr("ui-settings"),
                ]
                .map(|label| h.get_by_label(&label).rect());
                let lowest_top = bar.iter().map(|r| r.top()).fold(f32::MIN, f32::max);
                let highest_bottom = bar.iter().map(|r| r.bottom()).fold(f32::MAX, f32::min);
                assert!(
                    lowest_top < highest_bottom,
                    "{at}: the top bar wraps: {bar:?}"
                );
                assert!(
                    bar.iter().all(|r| window.contains_rect(*r)),
                    "{at}: {bar:?}"
                );
            }
        }
    }
}

#[test]
fn a_narrow_window_stacks_the_panels_in_one_column() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = pasted_at(Lang::Ru, egui::vec2(700.0, 720.0), 0);
    let verdict = h.get_by_label(&tr.tr("verdict-danger")).rect();
    let editor = h.get_by_role(Role::MultilineTextInput).rect();
    let advice = h.get_by_label(&tr.tr("ui-what-to-do")).rect();
    assert!(verdict.bottom() <= editor.top() && editor.bottom() <= advice.top());
    // One column: the blocks share their left edge instead of standing side by side.
    assert!(
        (advice.left() - editor.left()).abs() < 40.0,
        "{advice:?} {editor:?}"
    );
    h.run();
}

#[test]
fn the_message_box_is_the_highlighted_view_and_marks_follow_typing() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    type_scam(&mut h);
    // One copy of the message: the box; no label repeats it.
    assert_eq!(h.query_all_by_role(Role::MultilineTextInput).count(), 1);
    assert!(h.query_by_label(SCAM_RU).is_none());
    let report = h.state().text_report().cloned().expect("a report");
    let marks = h.state().editor_marks();
    assert_eq!(marks.len(), report.flags.len());
    assert!(
        marks
            .iter()
            .zip(&report.flags)
            .all(|(m, f)| m.span == f.span)
    );
    // Typing in front of the message moves the marks with their words before the next
    // check has even started.
    let prefix = "Мама, это срочно! ";
    h.state_mut().text = format!("{prefix}{SCAM_RU}");
    h.state_mut().push(Command::TextEdited);
    h.state_mut().apply_commands();
    let moved = h.state().editor_marks();
    for (m, f) in moved.iter().zip(&report.flags) {
        assert_eq!(&h.state().text[m.span.clone()], &SCAM_RU[f.span.clone()]);
    }
    settle(&mut h);
    h.get_by_label(&tr.tr("verdict-danger"));
}

#[test]
fn pointing_at_a_highlight_explains_it() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    h.ctx.all_styles_mut(|s| {
        s.interaction.tooltip_delay = 0.0;
        s.interaction.show_tooltips_only_when_still = false;
    });
    type_scam(&mut h);
    let report = h.state().text_report().cloned().expect("a report");
    // What a tooltip says: "category: explanation" (the flag cards show them apart).
    let explained: Vec<String> = (report.flags.iter())
        .map(|f| format!("{}: {}", tr.tr(&f.category.fluent_id()), f.explanation(&tr)))
        .collect();
    let shown = |h: &Harness<'static, App>| {
        (explained.iter()).find(|e| h.query_by_label_contains(e).is_some())
    };
    assert!(shown(&h).is_none(), "no tooltip before pointing");
    // Walk the pointer along the box's first line ("…я сотрудник службы безопасности
    // Halyk Bank" is marked) until a mark explains itself.
    let rect = h.get_by_role(Role::MultilineTextInput).rect();
    let y = rect.top() + h.state().settings.text_size;
    let mut found = None;
    let mut x = rect.left() + 4.0;
    while x < rect.right() && found.is_none() {
        h.hover_at(egui::pos2(x, y));
        h.run();
        found = shown(&h).cloned();
        x += 12.0;
    }
    assert!(found.is_some(), "a tooltip explaining one of {explained:?}");
    // Off the marks (below the text), no explanation.
    h.hover_at(egui::pos2(rect.left() + 8.0, rect.bottom() - 8.0));
    h.run();
    assert!(
        shown(&h).is_none(),
        "an explanation where nothing is marked"
    );
}

#[test]
fn newer_emoji_render_in_the_message_box() {
    // The harness panics on a glyph missing from every font: 🙏 🥰 🙂 were boxes.
    let mut h = harness(Lang::Kk);
    let text = "Апа, көмектесіңізші 🙏 Сізді жақсы көремін 🥰 Рахмет 🙂 ✅ 💳 📞 🎁";
    h.state_mut().text = text.into();
    h.state_mut().push(Command::TextEdited);
    settle(&mut h);
    assert_eq!(h.state().text, text);
}

#[test]
fn the_built_in_picker_lists_readable_files_and_opens_one() {
    let tr = Localizer::new(Lang::Kk);
    let mut h = harness(Lang::Kk);
    let dir = fixture("telegram");
    h.state_mut().push(Command::PickerGo(dir.clone()));
    h.state_mut().apply_commands();
    h.run();
    h.get_by_label(&tr.tr("ui-picker-title"));
    let path = Arg::from(dir.display().to_string());
    h.get_by_label(&tr.tr_args("ui-picker-folder", &[("path", path)]));
    // Up goes to the parent folder.
    h.get_by_label(&tr.tr("ui-picker-up")).click();
    h.run();
    let parent = h.state().picker.as_ref().map(|p| p.dir.clone());
    assert_eq!(parent.as_deref(), dir.parent());
    h.get_by_label("📁 telegram").click();
    h.run();
    h.get_by_label("📄 synth_2025_personal_chat.json").click();
    h.run();
    h.get_by_label(&tr.tr("ui-picker-open")).click();
    // One frame: the reading job's progress bar animates until it ends (`run` would count
    // its frames against the step limit on a busy machine).
    h.step();
    assert!(h.state().picker.is_none());
    settle(&mut h);
    assert!(h.state().chat.is_some(), "{:?}", h.state().error);
    // Cancel closes it without opening anything.
    h.state_mut().push(Command::PickerGo(dir));
    h.state_mut().apply_commands();
    h.run();
    h.get_by_label(&tr.tr("ui-cancel")).click();
    h.run();
    assert!(h.state().picker.is_none());
}

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
use saq::i18n::{Lang, Localizer};

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
    assert!(h.state().selected_flag.is_some());
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

#[test]
fn switching_language_changes_the_labels() {
    let en = Localizer::new(Lang::En);
    let kk = Localizer::new(Lang::Kk);
    let ru = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::En);
    h.get_by_label(&en.tr("ui-paste"));
    h.get_by_label(Lang::Kk.native_name()).click();
    h.run();
    h.get_by_label(&kk.tr("ui-paste"));
    h.get_by_label(&kk.tr("ui-offline-status"));
    assert!(h.query_by_label(&en.tr("ui-paste")).is_none());
    h.get_by_label(Lang::Ru.native_name()).click();
    h.run();
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
    h.get_by_label(&tr.tr_args("ui-summary-messages", &[("count", count.into())]));
    h.get_by_label(&tr.tr_args("ui-summary-flagged", &[("count", flagged.into())]));
    // Next flagged selects a flagged message; its flags fill the side list.
    if flagged > 0 {
        h.get_by_label(&tr.tr("ui-next-flagged")).click();
        h.run();
        let msg = h.state().chat.as_ref().and_then(|c| c.selected_message());
        assert!(msg.is_some_and(|m| !m.flags.is_empty()));
        h.get_by_label(&tr.tr("ui-flags-heading"));
    }
    // The file is remembered.
    assert_eq!(h.state().settings.recent.len(), 1);
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
    h.get_by_label(&tr.tr("ui-theme-dark")).click();
    h.run();
    assert!(h.state().settings.dark);
    h.get_by_label(&tr.tr("ui-theme-light"));
}

fn snapshots_enabled() -> bool {
    std::env::var_os("SAQ_SNAPSHOTS").is_some_and(|v| v == "1")
        || std::env::var_os("UPDATE_SNAPSHOTS").is_some()
}

/// One harness per test: kittest merges snapshot results per harness.
fn snapshot_main_screen(lang: Lang, name: &str) {
    if !snapshots_enabled() {
        eprintln!("skipped: set SAQ_SNAPSHOTS=1 (needs a wgpu adapter, e.g. mesa-vulkan-drivers)");
        return;
    }
    let mut h = harness(lang);
    h.state_mut().text = SCAM_RU.into();
    h.state_mut().push(Command::TextEdited);
    settle(&mut h);
    h.snapshot(name);
}

#[test]
fn snapshot_main_screen_kk() {
    snapshot_main_screen(Lang::Kk, "main_kk");
}

#[test]
fn snapshot_main_screen_ru() {
    snapshot_main_screen(Lang::Ru, "main_ru");
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
    h.state_mut().push(Command::StepFlagged(true));
    settle(&mut h);
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

#[test]
fn a_chat_of_100_000_messages_opens_and_scrolls() {
    let dir = std::env::temp_dir().join(format!("saq-gui-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big_chat.txt");
    let mut text = String::with_capacity(100_000 * 60);
    for i in 0..100_000u32 {
        let (h, m) = (i / 60 % 24, i % 60);
        let line = if i % 1000 == 7 {
            "Продиктуйте код из СМС, срочно!"
        } else {
            "Мам, я дома, всё хорошо"
        };
        text.push_str(&format!("12.03.2025, {h:02}:{m:02} - Айдар: {line} {i}\n"));
    }
    std::fs::write(&path, text).expect("write");
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    h.state_mut().push(Command::OpenFile(path));
    settle(&mut h);
    let count = h.state().chat.as_ref().map(|c| c.report.messages.len());
    assert_eq!(count, Some(100_000), "{:?}", h.state().error);
    h.get_by_label(&tr.tr_args("ui-summary-messages", &[("count", 100_000.into())]));
    // Jumping to the last flagged message scrolls the virtualized list there.
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F3);
    h.run();
    let selected = h.state().chat.as_ref().and_then(|c| c.selected);
    assert_eq!(selected, Some(99_007));
    let _ = std::fs::remove_dir_all(&dir);
}

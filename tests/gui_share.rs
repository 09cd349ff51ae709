//! The window's share actions, driven headless with egui_kittest: "Copy summary" puts a
//! masked summary on the clipboard, "Save report…" writes the HTML report to the chosen
//! file, an existing file is replaced only after the user says so, and the evidence sheet
//! of an opened chat lists what it found. (The system file dialog is not driven: the test
//! sends the path the dialog would return.)

#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use saq::gui::{App, Command, Notice, ShareCommand, ShareKind};
use saq::i18n::{Arg, Lang, Localizer};

const SCAM: &str = "Срочно переведите 50 000 тг на карту 4400 4301 2345 6789, ИИН получателя 850101300123, и продиктуйте код из SMS. <script>alert(1)</script>";
const JOB_LIMIT: Duration = Duration::from_secs(120);

fn harness(lang: Lang) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_max_steps(32)
        .build_eframe(move |cc| App::with_lang(&cc.egui_ctx, lang))
}

fn settle(h: &mut Harness<'static, App>) {
    h.step();
    h.state_mut().wait_for_jobs(JOB_LIMIT);
    h.run();
}

fn with_scam(lang: Lang) -> Harness<'static, App> {
    let mut h = harness(lang);
    h.state_mut().text = SCAM.to_string();
    h.state_mut().push(Command::TextEdited);
    h.run();
    h.state_mut().check_now();
    settle(&mut h);
    h
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("saq-gui-share-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn copied(h: &Harness<'static, App>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn copy_summary_puts_a_masked_summary_on_the_clipboard() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = with_scam(Lang::Ru);
    h.get_by_label(&tr.tr("ui-copy-summary")).click();
    // The click is seen in one frame and the text copied at its end; look at each frame.
    let mut texts = Vec::new();
    for _ in 0..3 {
        h.step();
        texts.extend(copied(&h));
    }
    assert_eq!(texts.len(), 1, "{texts:?}");
    let s = &texts[0];
    assert!(s.contains(&tr.tr("verdict-danger")), "{s}");
    assert!(
        !s.contains("4301 2345") && !s.contains("850101300123"),
        "{s}"
    );
    h.run();
    h.get_by_label(&tr.tr("ui-summary-copied"));
}

#[test]
fn save_report_writes_the_page_and_asks_before_replacing() {
    let tr = Localizer::new(Lang::Kk);
    let mut h = with_scam(Lang::Kk);
    h.get_by_label(&tr.tr("ui-save-report"));
    let dir = scratch("report");
    let path = dir.join("esep.html");

    h.state_mut()
        .push(ShareCommand::SaveTo(ShareKind::Report, path.clone()).into());
    h.run();
    let page = std::fs::read_to_string(&path).expect("report written");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("lang=\"kk\""));
    assert!(page.contains("&lt;script&gt;") && !page.contains("<script>"));
    assert_eq!(h.state().share.notice, Some(Notice::Saved(path.clone())));
    let saved = tr.tr_args(
        "ui-page-saved",
        &[("path", Arg::from(path.display().to_string()))],
    );
    h.get_by_label(&saved);

    // The same name again: nothing is written until the user answers.
    std::fs::write(&path, "mine").expect("seed");
    h.state_mut()
        .push(ShareCommand::SaveTo(ShareKind::Report, path.clone()).into());
    h.run();
    let question = tr.tr_args(
        "ui-replace-question",
        &[("path", Arg::from(path.display().to_string()))],
    );
    h.get_by_label(&question);
    h.get_by_label(&tr.tr("ui-cancel")).click();
    h.run();
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "mine");
    assert!(h.query_by_label(&question).is_none());

    h.state_mut()
        .push(ShareCommand::SaveTo(ShareKind::Report, path.clone()).into());
    h.run();
    h.get_by_label(&tr.tr("ui-replace")).click();
    h.run();
    let page = std::fs::read_to_string(&path).expect("replaced");
    assert!(page.starts_with("<!DOCTYPE html>"));
    let leftovers: Vec<_> = std::fs::read_dir(&dir).expect("dir").flatten().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left");
}

#[test]
fn a_save_that_fails_shows_a_localized_error() {
    let tr = Localizer::new(Lang::En);
    let mut h = with_scam(Lang::En);
    let path = scratch("fail").join("no/such/folder/report.html");
    h.state_mut()
        .push(ShareCommand::SaveTo(ShareKind::Report, path.clone()).into());
    h.run();
    assert!(!path.exists());
    let shown = h.state().error.is_some();
    assert!(shown);
    let prefix = tr.tr_args(
        "cli-error-write",
        &[
            ("path", Arg::from(path.display().to_string())),
            ("reason", Arg::from("")),
        ],
    );
    let prefix = prefix.trim_end_matches([' ', ':']);
    assert!(h.query_by_label_contains(prefix).is_some(), "{prefix}");
}

#[test]
fn the_evidence_sheet_of_an_opened_chat() {
    let tr = Localizer::new(Lang::En);
    let mut h = harness(Lang::En);
    let chat = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/whatsapp/synth_android_ru_24h.txt");
    h.state_mut().push(Command::OpenFile(chat));
    settle(&mut h);
    assert!(h.state().chat.is_some());
    h.get_by_label(&tr.tr("ui-save-evidence"));
    let path = scratch("evidence").join("sheet.html");
    h.state_mut()
        .push(ShareCommand::SaveTo(ShareKind::Evidence, path.clone()).into());
    h.run();
    let page = std::fs::read_to_string(&path).expect("sheet written");
    assert!(page.contains(&tr.tr("evidence-title")));
    assert!(page.contains("synth_android_ru_24h.txt"));
}

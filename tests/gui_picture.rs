//! Pictures in the window (issue 12), driven headless with egui_kittest: a picture shown with
//! a box over each flagged word, a flag card selecting its boxes, a box explaining itself and
//! selecting its flag, words read uncertainly drawn and said differently, the recognised text
//! switch, and the localized errors of damaged, huge and empty pictures.
//!
//! The box tests use a picture whose word boxes are given (no Tesseract needed); the tests
//! that open, drop or paste a drawn screenshot read it with the real Tesseract and skip, with
//! a note on stderr, when it (or its kaz/rus/eng data) is not installed.

#![cfg(feature = "gui")]

mod common;
// Shared with tests/ocr.rs, which uses all of it.
#[allow(dead_code)]
#[path = "ocr/render.rs"]
mod render;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use saq::conversation::ReadNote;
use saq::gui::{App, Command, DrawnBox};
use saq::i18n::{Arg, Lang, Localizer};
use saq::input::Source;
use saq::input::picture::{self, Picture, PictureMessage, Rect, layout::WordBox};
use saq::report::Report;

const JOB_LIMIT: Duration = Duration::from_secs(120);

fn harness(lang: Lang) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_max_steps(32)
        .build_eframe(move |cc| App::with_lang(&cc.egui_ctx, lang))
}

fn settle(h: &mut Harness<'static, App>) {
    h.step();
    h.state_mut().wait_for_jobs(JOB_LIMIT);
    h.run();
}

fn tesseract_ready() -> bool {
    common::tesseract_ready("picture-reading window tests")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("saq-guipic-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Picture size of the made-up picture, and where its words are: one line per message.
const W: u32 = 600;
const H: u32 = 160;
const WORD_W: u32 = 100;

/// A message of the made-up picture: its words side by side on line `line`; the words in
/// `uncertain` read with confidence 30.
fn message(text: &str, line: u32, uncertain: &[&str]) -> PictureMessage {
    let mut words = Vec::new();
    let mut at = 0;
    for (k, word) in text.split(' ').enumerate() {
        let start = text[at..].find(word).map_or(at, |i| at + i);
        let end = start + word.len();
        at = end;
        words.push(WordBox {
            span: start..end,
            rect: Rect {
                x: 10 + k as u32 * WORD_W,
                y: 20 + line * 60,
                w: WORD_W - 10,
                h: 30,
            },
            conf: if uncertain.contains(&word) {
                30.0
            } else {
                95.0
            },
            line: line as usize,
        });
    }
    PictureMessage {
        text: text.to_string(),
        words,
    }
}

/// A checked picture with given word boxes (two messages: a code request whose "код" was
/// read uncertainly, then a prize), and a plain image of its size.
fn made_up_picture() -> (Report, Source, egui::ColorImage) {
    let messages = vec![
        message("Срочно продиктуйте код из СМС", 0, &["код"]),
        message("Вы выиграли приз 500000 тенге", 1, &[]),
    ];
    let conv = picture::conversation(&messages);
    let rules = saq::RuleSet::builtin().expect("built-in rules");
    let report = saq::check_conversation(&rules, &conv);
    let pic = Picture {
        width: W,
        height: H,
        mime: "image/png",
        bytes: Arc::from(Vec::new()),
        messages,
    };
    let source = Source {
        path: "shot.png".into(),
        format: conv.format.as_str().into(),
        encoding: "image".into(),
        container: None,
        notes: conv.notes.clone(),
        picture: Some(Arc::new(pic)),
    };
    let image = egui::ColorImage::filled([W as usize, H as usize], egui::Color32::WHITE);
    (report, source, image)
}

fn open_made_up(h: &mut Harness<'static, App>) -> Report {
    let (report, source, image) = made_up_picture();
    assert!(
        report.messages.iter().all(|m| !m.flags.is_empty()),
        "both made-up messages have red flags: {report:?}"
    );
    h.state_mut().show_opened(
        PathBuf::from("shot.png"),
        report.clone(),
        source,
        Some(image),
    );
    h.run();
    report
}

fn view_boxes(h: &Harness<'static, App>) -> (egui::Rect, Vec<DrawnBox>) {
    let view = (h.state().chat.as_ref())
        .and_then(|c| c.picture.as_ref())
        .expect("a picture is open");
    (
        view.image_rect.expect("the picture is drawn"),
        view.drawn.clone(),
    )
}

/// Where flag `i`'s card is: cards are in list order, so it is the n-th with its title.
fn card_rect(
    h: &Harness<'static, App>,
    report: &Report,
    flags: &[(usize, usize)],
    i: usize,
    tr: &Localizer,
) -> egui::Rect {
    let category = |(m, f): (usize, usize)| report.messages[m].flags[f].category;
    let nth = (flags[..i].iter())
        .filter(|&&mf| category(mf) == category(flags[i]))
        .count();
    let title = tr.tr(&category(flags[i]).fluent_id());
    h.get_all_by_label(&title)
        .nth(nth)
        .expect("the flag's card")
        .rect()
}

fn click(h: &mut Harness<'static, App>, at: egui::Pos2) {
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.drop_at(at);
    h.run();
}

#[test]
fn boxes_sit_on_the_flagged_words_and_a_flag_card_selects_its_boxes() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    let report = open_made_up(&mut h);
    h.get_by_label(&tr.tr("ui-picture-label"));
    h.get_by_label(&tr.tr("ui-picture-verdict-note"));
    h.get_by_label(&tr.tr(report.verdict.fluent_id()));
    let (image, drawn) = view_boxes(&h);
    // The picture keeps its proportions and fits the space.
    let scale = image.width() / W as f32;
    assert!(
        (image.height() / H as f32 - scale).abs() < 0.01,
        "{image:?}"
    );
    assert!(
        image.right() <= 1366.0 && image.bottom() <= 768.0,
        "{image:?}"
    );
    // Every flag of both messages has a box, and each box lies on its words: mapped back to
    // picture pixels, it is the union of the word boxes its span covers (plus the padding).
    let view_flags = h.state().chat.as_ref().and_then(|c| c.picture.as_ref());
    let flags = view_flags.map(|v| v.flags.clone()).unwrap_or_default();
    let total: usize = report.messages.iter().map(|m| m.flags.len()).sum();
    assert_eq!(flags.len(), total);
    let (_, source, _) = made_up_picture();
    let pic = source.picture.expect("picture");
    for (i, &(m, f)) in flags.iter().enumerate() {
        let msg = &report.messages[m];
        let want = pic.boxes(msg.index, &msg.flags[f].span);
        let got: Vec<&DrawnBox> = drawn.iter().filter(|b| b.flag == i).collect();
        assert_eq!(got.len(), want.len(), "flag {i}");
        for (b, r) in got.iter().zip(&want) {
            let x = (b.rect.left() - image.left()) / scale;
            let y = (b.rect.top() - image.top()) / scale;
            let pad = 2.0 / scale + 0.5;
            assert!((x - r.x as f32).abs() <= pad + 0.5, "flag {i}: {b:?} {r:?}");
            assert!((y - r.y as f32).abs() <= pad + 0.5, "flag {i}: {b:?} {r:?}");
            assert!(image.expand(3.0).contains_rect(b.rect), "{b:?}");
            // Message 2's boxes are on the second line of the picture.
            assert_eq!(r.y, 20 + 60 * m as u32);
        }
        assert!(got.iter().all(|b| !b.selected));
    }
    // Clicking a card of the second message selects that flag: its boxes (only its) are
    // drawn as selected.
    let second = flags
        .iter()
        .position(|&(m, _)| m == 1)
        .expect("a flag of message 2");
    let (m, f) = flags[second];
    let category = |(m, f): (usize, usize)| report.messages[m].flags[f].category;
    let title = tr.tr(&category((m, f)).fluent_id());
    // Cards in list order: its card is the n-th with its title.
    let nth = (flags[..second].iter())
        .filter(|&&mf| category(mf) == category((m, f)))
        .count();
    // It may be below the fold of the flag list: scroll to it first, as a user would.
    h.get_all_by_label(&title)
        .nth(nth)
        .expect("its card")
        .scroll_to_me();
    h.run();
    h.get_all_by_label(&title)
        .nth(nth)
        .expect("its card")
        .click();
    h.run();
    assert_eq!(h.state().selected_flag, Some(second));
    let (_, drawn) = view_boxes(&h);
    assert!(drawn.iter().any(|b| b.selected));
    assert!(drawn.iter().all(|b| b.selected == (b.flag == second)));
}

#[test]
fn pointing_at_a_box_explains_it_and_clicking_selects_its_flag() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    h.ctx.all_styles_mut(|s| {
        s.interaction.tooltip_delay = 0.0;
        s.interaction.show_tooltips_only_when_still = false;
    });
    let report = open_made_up(&mut h);
    let (image, drawn) = view_boxes(&h);
    let flags = (h.state().chat.as_ref())
        .and_then(|c| c.picture.as_ref())
        .map(|v| v.flags.clone())
        .unwrap_or_default();
    let last = flags.len() - 1;
    let target = drawn
        .iter()
        .find(|b| b.flag == last)
        .expect("a box of the last flag");
    let at = target.rect.center();
    let (m, f) = flags[last];
    let flag = &report.messages[m].flags[f];
    let explained = format!(
        "{}: {}",
        tr.tr(&flag.category.fluent_id()),
        flag.explanation(&tr)
    );
    assert!(h.query_by_label_contains(&explained).is_none());
    h.hover_at(at);
    h.run();
    assert!(
        h.query_by_label_contains(&explained).is_some(),
        "a tooltip explaining {explained}"
    );
    // Clicking selects a flag under the pointer; where boxes overlap, each click the next.
    let mut under: Vec<usize> = (drawn.iter())
        .filter(|b| b.rect.contains(at))
        .map(|b| b.flag)
        .collect();
    under.sort_unstable();
    under.dedup();
    assert!(under.contains(&last));
    for &want in &under {
        click(&mut h, at);
        assert_eq!(
            h.state().selected_flag,
            Some(want),
            "under the pointer: {under:?}"
        );
        // The flag list scrolls to the selected card.
        h.run();
        let card = card_rect(&h, &report, &flags, want, &tr);
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0));
        assert!(window.contains_rect(card), "card {want} at {card:?}");
    }
    let (_, drawn) = view_boxes(&h);
    let selected = under.last().copied();
    assert!(
        drawn
            .iter()
            .all(|b| b.selected == (Some(b.flag) == selected))
    );
    // A click on the picture away from the boxes selects nothing else.
    click(&mut h, image.right_bottom() - egui::vec2(3.0, 3.0));
    assert_eq!(h.state().selected_flag, selected);
}

#[test]
fn words_read_uncertainly_are_drawn_dashed_and_their_card_says_so() {
    let tr = Localizer::new(Lang::Kk);
    let mut h = harness(Lang::Kk);
    let report = open_made_up(&mut h);
    let (_, drawn) = view_boxes(&h);
    // "код" was read with confidence 30: the code request's box covers it.
    let code_msg = &report.messages[0];
    let uncertain: Vec<&DrawnBox> = drawn.iter().filter(|b| b.low_confidence).collect();
    assert!(!uncertain.is_empty(), "{drawn:?}");
    assert!(
        drawn.iter().any(|b| !b.low_confidence),
        "the prize's boxes are certain"
    );
    assert!(!code_msg.flags.is_empty());
    let note = format!("⚠ {}", tr.tr("flag-low-confidence"));
    assert!(
        h.query_all_by_label(&note).count() >= 1,
        "a card says {note}"
    );
    // The reader's note counts them.
    h.get_by_label(&ReadNote::LowConfidenceWords { count: 1 }.describe(&tr));
}

#[test]
fn the_recognised_text_switch_shows_the_text_with_its_verdicts() {
    let tr = Localizer::new(Lang::En);
    let mut h = harness(Lang::En);
    let report = open_made_up(&mut h);
    h.get_by_label(&tr.tr("picture-recognised-text")).click();
    h.run();
    let view = h.state().chat.as_ref().and_then(|c| c.picture.as_ref());
    assert!(view.is_some_and(|v| v.show_text));
    assert!(h.query_by_label(&tr.tr("ui-picture-label")).is_none());
    for m in &report.messages {
        h.get_by_label(&m.text);
    }
    // Two messages: each is numbered, with its verdict's badge.
    let n2 = tr.tr_args("ui-picture-message", &[("index", Arg::from(2))]);
    h.get_by_label(&n2);
    // Back to the picture.
    h.get_by_label(&tr.tr("ui-picture-show")).click();
    h.run();
    h.get_by_label(&tr.tr("ui-picture-label"));
    // Close goes back to the message box.
    h.get_by_label(&tr.tr("ui-close-picture")).click();
    h.run();
    assert!(h.state().chat.is_none());
}

#[test]
fn a_damaged_picture_and_a_huge_pasted_one_show_localized_errors() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    let dir = temp_dir("damaged");
    let path = dir.join("cut.png");
    let png = render::png(&render::document(
        "ТЕСТ",
        "Проверка связи.",
        render::DESKTOP,
    ));
    std::fs::write(&path, &png[..png.len() / 2]).expect("write");
    h.state_mut().push(Command::OpenFile(path.clone()));
    settle(&mut h);
    let shown = tr.tr_args(
        "error-picture-damaged",
        &[("path", Arg::from(path.display().to_string()))],
    );
    h.get_by_label(&shown);
    assert!(h.state().chat.is_none());
    // A pasted picture larger than Saq reads: refused before recognition, named as pasted.
    let huge = egui::ColorImage::filled([16_385, 2], egui::Color32::WHITE);
    h.event(egui::Event::PasteImage(Arc::new(huge)));
    settle(&mut h);
    let shown = tr.tr_args(
        "error-picture-too-large",
        &[
            ("path", Arg::from(tr.tr("ui-pasted-picture"))),
            ("width", Arg::from(16_385usize)),
            ("height", Arg::from(2usize)),
            ("limit", Arg::from(50usize)),
        ],
    );
    h.get_by_label(&shown);
    // The app keeps working.
    h.get_by_label(&tr.tr("ui-close")).click();
    h.run();
    assert!(h.state().error.is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file dropped on the window, as the window system hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// A drawn chat screenshot of a scam (phone size, which Tesseract reads fully).
fn scam_screenshot() -> Vec<u8> {
    use render::Side::{Me, Them};
    let img = render::chat(
        &[
            (Them, "Здравствуйте, это служба безопасности банка."),
            (
                Them,
                "На ваше имя оформляют кредит. Чтобы отменить заявку, продиктуйте код из СМС.",
            ),
            (Me, "Кто это?"),
        ],
        "Айгүл",
        render::PHONE,
    );
    render::png(&img)
}

#[test]
fn a_dropped_screenshot_is_read_and_shown_with_its_boxes() {
    if !tesseract_ready() {
        return;
    }
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    let dir = temp_dir("dropped");
    let path = dir.join("shot.png");
    let png = scam_screenshot();
    std::fs::write(&path, &png).expect("write");
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.clone())));
    h.step();
    // While recognition runs, the status line says what is being read.
    let reading = tr.tr_args("ui-reading-picture", &[("path", Arg::from("shot.png"))]);
    assert!(h.state().file_job().is_some());
    h.run_steps(1);
    h.get_by_label(&reading);
    settle(&mut h);
    assert!(h.state().error.is_none(), "{:?}", h.state().error);
    h.get_by_label(&tr.tr("verdict-danger"));
    h.get_by_label(&tr.tr("ui-picture-verdict-note"));
    h.get_by_label(&tr.tr_args("ui-picture-file", &[("path", Arg::from("shot.png"))]));
    let (image, drawn) = view_boxes(&h);
    assert!(!drawn.is_empty());
    // Each box lies on ink: mapped back to the picture, it holds dark pixels of the words.
    let gray = image::load_from_memory(&png).expect("decode").to_luma8();
    let scale = image.width() / gray.width() as f32;
    for b in &drawn {
        let to_px = |p: egui::Pos2| {
            let v = (p - image.min) / scale;
            (v.x.max(0.0) as u32, v.y.max(0.0) as u32)
        };
        let (x0, y0) = to_px(b.rect.min);
        let (x1, y1) = to_px(b.rect.max);
        let dark = (y0..y1.min(gray.height()))
            .flat_map(|y| (x0..x1.min(gray.width())).map(move |x| (x, y)))
            .filter(|&(x, y)| gray.get_pixel(x, y).0[0] < 128)
            .count();
        assert!(dark > 10, "box {b:?} over no text");
    }
    assert_eq!(h.state().settings.recent.first(), Some(&path));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_pasted_screenshot_is_read_like_an_opened_one() {
    if !tesseract_ready() {
        return;
    }
    let tr = Localizer::new(Lang::Kk);
    let mut h = harness(Lang::Kk);
    let png = scam_screenshot();
    let rgba = image::load_from_memory(&png).expect("decode").to_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    let pasted = egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw());
    h.event(egui::Event::PasteImage(Arc::new(pasted)));
    settle(&mut h);
    assert!(h.state().error.is_none(), "{:?}", h.state().error);
    // Named as pasted (no "Picture: …" file label).
    h.get_by_label(&tr.tr("ui-pasted-picture"));
    assert!(h.state().chat.as_ref().is_some_and(|c| c.pasted));
    h.get_by_label(&tr.tr("verdict-danger"));
    let (_, drawn) = view_boxes(&h);
    assert!(!drawn.is_empty());
    // A pasted picture is no file to open again.
    assert!(h.state().settings.recent.is_empty());
}

#[test]
fn a_picture_with_no_text_shows_the_localized_error() {
    if !tesseract_ready() {
        return;
    }
    let tr = Localizer::new(Lang::Kk);
    let mut h = harness(Lang::Kk);
    let dir = temp_dir("blank");
    let path = dir.join("blank.png");
    let img = image::GrayImage::from_pixel(640, 480, image::Luma([255]));
    std::fs::write(&path, render::png(&img)).expect("write");
    h.state_mut().push(Command::OpenFile(path.clone()));
    settle(&mut h);
    let shown = tr.tr_args(
        "error-picture-no-text",
        &[("path", Arg::from(path.display().to_string()))],
    );
    h.get_by_label(&shown);
    assert!(h.state().chat.is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

fn snapshots_enabled() -> bool {
    std::env::var_os("SAQ_SNAPSHOTS").is_some_and(|v| v == "1")
        || std::env::var_os("UPDATE_SNAPSHOTS").is_some()
}

#[test]
fn snapshot_picture_ru() {
    if !snapshots_enabled() {
        eprintln!("skipped: set SAQ_SNAPSHOTS=1 (needs a wgpu adapter, e.g. mesa-vulkan-drivers)");
        return;
    }
    if !tesseract_ready() {
        return;
    }
    let mut h = harness(Lang::Ru);
    let dir = temp_dir("snapshot");
    let path = dir.join("shot.png");
    std::fs::write(&path, scam_screenshot()).expect("write");
    h.state_mut().push(Command::OpenFile(path));
    settle(&mut h);
    h.state_mut().push(Command::SelectFlag(0));
    h.run();
    h.snapshot("picture_ru");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn larger_fills_the_width_and_a_selected_flag_scrolls_into_view() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    // A tall picture (a phone screenshot's shape), its second message at the bottom.
    let (report, mut source, _) = made_up_picture();
    let tall = 2400;
    if let Some(pic) = source.picture.as_mut().and_then(Arc::get_mut) {
        pic.height = tall;
        for w in &mut pic.messages[1].words {
            w.rect.y = tall - 100;
        }
    }
    let image = egui::ColorImage::filled([W as usize, tall as usize], egui::Color32::WHITE);
    h.state_mut()
        .show_opened(PathBuf::from("tall.png"), report, source, Some(image));
    h.run();
    // A tall picture starts as wide as the space; "Larger" switches to the whole picture
    // and back.
    let (larger, _) = view_boxes(&h);
    h.get_by_label(&tr.tr("ui-picture-larger")).click();
    h.run();
    let (whole, _) = view_boxes(&h);
    assert!(whole.bottom() <= 768.0, "{whole:?}");
    h.get_by_label(&tr.tr("ui-picture-larger")).click();
    h.run();
    assert_eq!(view_boxes(&h).0, larger);
    assert!(
        larger.width() > whole.width() * 2.0,
        "{whole:?} → {larger:?}"
    );
    assert!(
        larger.bottom() > 768.0,
        "larger than the window: it scrolls"
    );
    // Selecting the last flag (second message, at the bottom) scrolls its box into sight.
    let last = h
        .state()
        .chat
        .as_ref()
        .and_then(|c| c.picture.as_ref())
        .map(|v| v.flags.len() - 1);
    h.state_mut()
        .push(Command::SelectFlag(last.expect("flags")));
    h.run();
    let (_, drawn) = view_boxes(&h);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0));
    let selected: Vec<&DrawnBox> = drawn.iter().filter(|b| b.selected).collect();
    assert!(!selected.is_empty());
    assert!(
        selected.iter().all(|b| window.contains_rect(b.rect)),
        "{selected:?}"
    );
}

#[test]
fn the_saved_report_of_a_picture_shows_the_picture_with_its_boxes() {
    let mut h = harness(Lang::En);
    open_made_up(&mut h);
    let dir = temp_dir("report");
    let path = dir.join("report.html");
    let save = saq::gui::ShareCommand::SaveTo(saq::gui::ShareKind::Report, path.clone());
    h.state_mut().push(save.into());
    h.state_mut().apply_commands();
    let page = std::fs::read_to_string(&path).expect("the report is written");
    assert!(
        page.contains("<figure class=\"pic\">"),
        "the picture is in the page"
    );
    assert!(page.contains("class=\"box"), "with the flags' boxes");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_narrow_window_shows_the_picture_above_the_flag_list() {
    let tr = Localizer::new(Lang::Kk);
    let mut h = Harness::builder()
        .with_size(egui::vec2(700.0, 720.0))
        .with_max_steps(32)
        .build_eframe(|cc| App::with_lang(&cc.egui_ctx, Lang::Kk));
    open_made_up(&mut h);
    let picture = h.get_by_label(&tr.tr("ui-picture-label")).rect();
    let heading = h.get_by_label(&tr.tr("ui-flags-heading")).rect();
    // One column that scrolls: the picture as wide as the window, the flags after it,
    // rather than the picture shrunk to a thumbnail above a flag panel.
    assert!(picture.bottom() <= heading.top(), "{picture:?} {heading:?}");
    assert!(picture.width() > 600.0, "{picture:?}");
}

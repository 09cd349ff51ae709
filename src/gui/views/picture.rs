//! An opened picture (a screenshot, a photo of a document): the verdict, saying the text
//! was recognised and can be misread; the picture scaled to fit, with a translucent box over
//! each flagged word coloured by weight like the text highlights (dashed where a word was
//! read with low confidence); and a switch to the recognised text with the usual
//! highlights. Clicking a flag card or a box selects the flag (its boxes are drawn in the
//! selection colour with a strong outline); pointing at a box explains it.

use eframe::egui;
use egui::{Color32, Pos2, Sense, Shape, Stroke, StrokeKind};

use super::chat::badge;
use super::message::{self, Look};
use super::verdict;
use crate::conversation::ReadNote;
use crate::gui::app::{App, ChatState, Command};
use crate::gui::picture_state::{DrawnBox, PictureView};
use crate::gui::theme::{self, Palette};
use crate::i18n::{Arg, Localizer};
use crate::report::Report;

/// How the picture is placed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placing {
    /// Beside the flag list: whole, or (Larger, or little height) filling the width in a
    /// scroll area of its own.
    Column,
    /// In a one-column window that scrolls as a whole: as wide as the column.
    Stacked,
}

/// The picture beside the flag list: verdict and header on top, the share buttons pinned at
/// the bottom, the picture (or its text) filling the rest.
pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    top(app, ui, Placing::Column);
    egui::Panel::bottom("picture-actions")
        .frame(egui::Frame::new())
        .show_separator_line(false)
        .show(ui, |ui| {
            ui.add_space(theme::BLOCK_GAP / 2.0);
            crate::gui::sharing::buttons(app, ui);
        });
    body(app, ui, Placing::Column);
}

/// One column for a narrow window, which the caller scrolls (the flags and advice follow):
/// verdict, header, the picture as wide as the column, the share buttons.
pub fn stacked(app: &mut App, ui: &mut egui::Ui) {
    top(app, ui, Placing::Stacked);
    body(app, ui, Placing::Stacked);
    ui.add_space(theme::BLOCK_GAP / 2.0);
    crate::gui::sharing::buttons(app, ui);
}

/// The verdict card (saying the text was read from the picture) and the header.
fn top(app: &mut App, ui: &mut egui::Ui, placing: Placing) {
    let mut cmds = Vec::new();
    let Some(chat) = &app.chat else {
        return;
    };
    let Some(view) = &chat.picture else {
        return;
    };
    let note = app.tr.tr("ui-picture-verdict-note");
    let (v, size) = (chat.report.verdict, app.settings.text_size);
    verdict::card_with_note(ui, v, &app.tr, app.palette(), size, Some(&note));
    ui.add_space(theme::BLOCK_GAP / 2.0);
    header(ui, chat, view, placing, &app.tr, &mut cmds);
    app.commands.extend(cmds);
}

/// The picture with its boxes, or the recognised text.
fn body(app: &mut App, ui: &mut egui::Ui, placing: Placing) {
    let palette = app.palette();
    let size = app.settings.text_size;
    let mut cmds = Vec::new();
    let App {
        chat,
        tr,
        selected_flag,
        scroll_to_flag,
        ..
    } = &mut *app;
    if let Some(ChatState {
        picture: Some(view),
        report,
        ..
    }) = chat
    {
        let look = Look { tr, palette, size };
        let selected = *selected_flag;
        // Too little height to show the whole picture usefully: it fills the width and
        // scrolls, as "Larger" does.
        let cramped = ui.available_height() < size * theme::PICTURE_MIN_HEIGHT_EMS;
        if view.show_text {
            text(ui, view, report, selected, scroll_to_flag, placing, &look);
        } else {
            let selection = Selection {
                flag: selected,
                scroll: scroll_to_flag,
            };
            if placing == Placing::Stacked {
                canvas(ui, true, view, report, selection, &look, &mut cmds);
            } else if view.larger || cramped {
                egui::ScrollArea::vertical()
                    .id_salt("picture-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        canvas(ui, true, view, report, selection, &look, &mut cmds);
                    });
            } else {
                *selection.scroll = false;
                canvas(ui, false, view, report, selection, &look, &mut cmds);
            }
        }
    }
    app.commands.extend(cmds);
}

/// The file's name, the picture / recognised text switch, Close; how many messages were
/// read; what the reader noted beyond "read from a picture" (the verdict card says that).
fn header(
    ui: &mut egui::Ui,
    chat: &ChatState,
    view: &PictureView,
    placing: Placing,
    tr: &Localizer,
    cmds: &mut Vec<Command>,
) {
    let name = chat.path.file_name().map_or_else(
        || chat.path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    ui.horizontal_wrapped(|ui| {
        let file = if chat.pasted {
            name
        } else {
            tr.tr_args("ui-picture-file", &[("path", Arg::from(name))])
        };
        ui.label(egui::RichText::new(file).strong());
        if view.can_show_picture() {
            let picture = egui::Button::selectable(!view.show_text, tr.tr("ui-picture-show"));
            if ui.add(picture).clicked() && view.show_text {
                cmds.push(Command::ShowRecognisedText(false));
            }
            let text = egui::Button::selectable(view.show_text, tr.tr("picture-recognised-text"));
            if ui.add(text).clicked() && !view.show_text {
                cmds.push(Command::ShowRecognisedText(true));
            }
            // Stacked, the picture is always as wide as the column.
            if !view.show_text && placing == Placing::Column {
                let larger = egui::Button::selectable(view.larger, tr.tr("ui-picture-larger"));
                if ui.add(larger).clicked() {
                    cmds.push(Command::PictureLarger(!view.larger));
                }
            }
        }
        if ui.button(tr.tr("ui-close-picture")).clicked() {
            cmds.push(Command::CloseChat);
        }
    });
    let messages = chat.report.messages.len();
    if messages > 1 {
        let n = |id: &str, count: usize| tr.tr_args(id, &[("count", Arg::from(tr.count(count)))]);
        ui.label(format!(
            "{} · {}",
            n("ui-summary-messages", messages),
            n("ui-summary-flagged", chat.report.flagged_count())
        ));
    }
    for note in &chat.source.notes {
        if *note != ReadNote::ReadFromPicture {
            ui.label(egui::RichText::new(note.describe(tr)).small());
        }
    }
    if !view.can_show_picture() {
        ui.label(egui::RichText::new(tr.tr("ui-picture-not-shown")).small());
    }
}

/// The selected flag, and whether to scroll it into view (cleared once done).
struct Selection<'a> {
    flag: Option<usize>,
    scroll: &'a mut bool,
}

/// The picture, as large as the space allows (keeping its proportions), with the boxes.
fn canvas(
    ui: &mut egui::Ui,
    fill_width: bool,
    view: &mut PictureView,
    report: &Report,
    pick: Selection,
    look: &Look,
    cmds: &mut Vec<Command>,
) {
    let Selection {
        flag: selected,
        scroll,
    } = pick;
    let Some(texture) = view.texture(ui.ctx()).cloned() else {
        return;
    };
    let pic = std::sync::Arc::clone(&view.picture);
    let (w, h) = (pic.width.max(1) as f32, pic.height.max(1) as f32);
    let width = ui.available_width();
    // Whole: the picture fits the space. Larger: it fills the width and scrolls (a phone
    // screenshot is tall and its letters small when shown whole).
    let scale = if fill_width {
        width / w
    } else {
        (width / w).min(ui.available_height() / h)
    }
    .clamp(0.01, theme::PICTURE_MAX_ENLARGE);
    let room = if fill_width {
        egui::vec2(width, h * scale)
    } else {
        ui.available_size()
    };
    let (area, _) = ui.allocate_exact_size(room, Sense::hover());
    let rect = egui::Rect::from_min_size(
        egui::pos2(area.center().x - w * scale / 2.0, area.top()),
        egui::vec2(w * scale, h * scale),
    );
    let response = ui.interact(rect, egui::Id::unique("saq-picture"), Sense::click());
    let label = look.tr.tr("ui-picture-label");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
    let painter = ui.painter_at(area);
    let uv = egui::Rect::from_min_max(Pos2::ZERO, egui::pos2(1.0, 1.0));
    painter.image(texture.id(), rect, uv, Color32::WHITE);
    let frame = ui.visuals().widgets.noninteractive.bg_stroke;
    painter.rect_stroke(rect, 0.0, frame, StrokeKind::Outside);

    let to_screen = |r: &crate::input::picture::Rect| {
        egui::Rect::from_min_size(
            rect.min + egui::vec2(r.x as f32 * scale, r.y as f32 * scale),
            egui::vec2(r.w as f32 * scale, r.h as f32 * scale),
        )
        .expand(theme::BOX_PAD)
    };
    let mut drawn = Vec::new();
    for i in 0..view.flags.len() {
        let Some((m, f)) = view.flag(report, i) else {
            continue;
        };
        let low_confidence = pic.low_confidence(m.index, &f.span);
        drawn.extend(pic.boxes(m.index, &f.span).iter().map(|r| DrawnBox {
            flag: i,
            rect: to_screen(r),
            selected: selected == Some(i),
            low_confidence,
        }));
    }
    // The selected flag's boxes last: on top of any they overlap.
    drawn.sort_by_key(|b| b.selected);
    for b in &drawn {
        let weight = view.flag(report, b.flag).map_or(1, |(_, f)| f.weight);
        paint_box(&painter, b, weight, look.palette);
    }

    let under = |p: Pos2| -> Vec<usize> {
        let mut flags: Vec<usize> = Vec::new();
        for b in drawn.iter().filter(|b| b.rect.contains(p)) {
            if !flags.contains(&b.flag) {
                flags.push(b.flag);
            }
        }
        flags.sort_unstable();
        flags
    };
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        let flags = under(p);
        // Boxes on top of each other: each click selects the next of them.
        let next = match flags.iter().position(|&i| Some(i) == selected) {
            Some(k) => flags.get((k + 1) % flags.len()),
            None => flags.first(),
        };
        if let Some(&i) = next {
            cmds.push(Command::SelectFlag(i));
        }
    }
    if let Some(p) = response.hover_pos() {
        let text = (under(p).into_iter())
            .filter_map(|i| {
                let (_, f) = view.flag(report, i)?;
                let mut line = message::explained(f, look.tr);
                if view.low_confidence(report, i) {
                    line.push_str(&format!(" ({})", look.tr.tr("flag-low-confidence")));
                }
                Some(line)
            })
            .collect::<Vec<_>>()
            .join("\n");
        if !text.is_empty() {
            response.on_hover_text_at_pointer(text);
        }
    }
    if std::mem::take(scroll)
        && let Some(b) = drawn.iter().find(|b| b.selected)
    {
        ui.scroll_to_rect(b.rect, Some(egui::Align::Center));
    }
    view.image_rect = Some(rect);
    view.drawn = drawn;
}

/// One box: the flag's fill, see-through; its outline in the weight's strong colour (the
/// selected flag's in the selection colour, thicker), dashed over uncertain words.
fn paint_box(painter: &egui::Painter, b: &DrawnBox, weight: u8, palette: Palette) {
    let fill = palette
        .span_fill(weight, b.selected)
        .gamma_multiply(theme::BOX_FILL_SHARE);
    painter.rect_filled(b.rect, 2.0, fill);
    let stroke = if b.selected {
        Stroke::new(3.0, palette.selection_strong())
    } else {
        palette.span_underline(weight)
    };
    if b.low_confidence {
        let r = b.rect;
        let corners = [
            r.left_top(),
            r.right_top(),
            r.right_bottom(),
            r.left_bottom(),
            r.left_top(),
        ];
        let (dash, gap) = theme::BOX_DASH;
        painter.extend(Shape::dashed_line(&corners, stroke, dash, gap));
    } else {
        painter.rect_stroke(b.rect, 2.0, stroke, StrokeKind::Outside);
    }
}

/// The recognised text, message by message (each with its verdict when the picture held
/// several), with the usual highlights; the selected flag's words in the selection colour.
fn text(
    ui: &mut egui::Ui,
    view: &mut PictureView,
    report: &Report,
    selected: Option<usize>,
    scroll: &mut bool,
    placing: Placing,
    look: &Look,
) {
    let mut messages = |ui: &mut egui::Ui| {
        let many = report.messages.len() > 1;
        let mut first = 0;
        for (k, m) in report.messages.iter().enumerate() {
            let n = m.flags.len();
            let here = selected
                .filter(|s| (first..first + n).contains(s))
                .map(|s| s - first);
            first += n;
            if many {
                ui.horizontal_wrapped(|ui| {
                    let title = look
                        .tr
                        .tr_args("ui-picture-message", &[("index", Arg::from(k + 1))]);
                    ui.label(egui::RichText::new(title).strong());
                    badge(ui, m.verdict, look.tr, look.palette);
                });
            }
            let Some(cache) = view.caches.get_mut(k) else {
                continue;
            };
            let mut scroll_here = *scroll && here.is_some();
            message::highlighted(ui, cache, m, here, &mut scroll_here, look);
            if many {
                ui.add_space(theme::BLOCK_GAP);
            }
        }
    };
    if placing == Placing::Stacked {
        messages(ui);
    } else {
        egui::ScrollArea::vertical()
            .id_salt("picture-text")
            .auto_shrink([false, false])
            .show(ui, messages);
    }
    *scroll = false;
}

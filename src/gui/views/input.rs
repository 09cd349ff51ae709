//! The checking page's message column: the verdict, then the message box, which is itself
//! the highlighted view (flags marked as you type, explained on hover, selected from the
//! flag list), then the actions. No second copy of the message.

use eframe::egui;
use egui::text::{CCursor, CCursorRange};

use super::verdict;
use crate::gui::app::{App, Command};
use crate::gui::highlight;
use crate::gui::theme;
use crate::gui::trainer::{PresentSource, TrainerCommand};

/// The message box's id: the flag list selects spans in it through its stored state.
pub fn editor_id() -> egui::Id {
    egui::Id::unique("message-editor")
}

/// The column beside the flag list: the verdict on top, the actions pinned at the bottom,
/// the message box filling the height between them.
pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    verdict_area(app, ui);
    ui.add_space(theme::BLOCK_GAP / 2.0);
    egui::Panel::bottom("check-actions")
        .frame(egui::Frame::new())
        .show_separator_line(false)
        .show(ui, |ui| actions(app, ui));
    editor(app, ui, None);
}

/// One column for a narrow window: verdict, message box (as tall as its text), actions.
/// The caller scrolls it and puts the flags and advice below.
pub fn stacked(app: &mut App, ui: &mut egui::Ui) {
    verdict_area(app, ui);
    ui.add_space(theme::BLOCK_GAP / 2.0);
    let rows = theme::NARROW_EDITOR_ROWS as f32 * app.settings.text_size * 1.3;
    editor(app, ui, Some(rows));
    actions(app, ui);
}

/// The verdict card, or (before any check) a card of the same place saying where the answer
/// will appear, so the message box does not jump down when the first verdict comes.
fn verdict_area(app: &App, ui: &mut egui::Ui) {
    let size = app.settings.text_size;
    match app.last_text_report() {
        Some(report) => verdict::card(ui, report.verdict, &app.tr, app.palette(), size),
        None => verdict::placeholder(ui, &app.tr.tr("ui-verdict-placeholder"), size),
    }
}

/// The label row, then the editor: `height` tall, or (`None`) filling the rest.
fn editor(app: &mut App, ui: &mut egui::Ui, height: Option<f32>) {
    let label = ui
        .horizontal(|ui| {
            // How to read the marks: on pointing at the label (a line of its own would take
            // a row from the message on a small screen).
            let label = ui
                .label(egui::RichText::new(app.tr.tr("ui-input-label")).strong())
                .on_hover_text(app.tr.tr("ui-hover-hint"));
            if !app.text.is_empty() && ui.button(app.tr.tr("ui-clear")).clicked() {
                app.commands.push(Command::ClearText);
            }
            label
        })
        .inner;
    let id = editor_id();
    if std::mem::take(&mut app.scroll_to_flag) {
        select_flag_span(app, ui.ctx(), id);
    }
    // The layouter gets the text as it is after this frame's keys: the marks are carried
    // from the last check to exactly that text.
    let report = app
        .last_text_report()
        .map(|r| (r.text.clone(), r.flags.clone()));
    let (selected, palette, size) = (app.selected_flag, app.palette(), app.settings.text_size);
    let hint = app.tr.tr("ui-input-hint");
    let (text, memo) = (&mut app.text, &mut app.editor);
    let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
        let marks = match &report {
            Some((checked, flags)) => highlight::marks_for(checked, flags, buf.as_str()),
            None => Vec::new(),
        };
        let mut job = memo.job(buf.as_str(), &marks, selected, palette, size);
        job.wrap.max_width = wrap;
        job.keep_trailing_whitespace = true;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let height = height.unwrap_or_else(|| ui.available_height() - ui.spacing().item_spacing.y);
    let height = height.max(size * 4.0);
    // The box's frame adds its margin to the minimum size: take it off, so the box is no
    // taller than the space its scroll area shows.
    let margin = egui::Margin::symmetric(6, 4);
    let scroll = egui::ScrollArea::vertical()
        .id_salt("editor-scroll")
        .max_height(height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::TextEdit::multiline(text)
                .id(id)
                .hint_text(hint)
                .desired_width(f32::INFINITY)
                .margin(margin)
                .min_size(egui::vec2(0.0, height - margin.sum().y))
                .layouter(&mut layouter)
                .show(ui)
        });
    let out = scroll.inner;
    let response = out.response.response.labelled_by(label.id);
    if response.changed() {
        app.commands.push(Command::TextEdited);
    }
    explain_on_hover(app, &response, &out.galley, out.galley_pos);
}

/// Put the selected flag's span in the editor's selection and give the editor focus (egui
/// paints a selection only in a focused box), so the reader sees which words it means.
fn select_flag_span(app: &App, ctx: &egui::Context, id: egui::Id) {
    let marks = app.editor_marks();
    let Some(span) = app.selected_flag.and_then(|i| marks.get(i)) else {
        return;
    };
    if span.span.is_empty() {
        return;
    }
    let a = highlight::char_index(&app.text, span.span.start);
    let b = highlight::char_index(&app.text, span.span.end);
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(CCursorRange::two(CCursor::new(a), CCursor::new(b))));
    egui::TextEdit::store_state(ctx, id, state);
    ctx.memory_mut(|m| m.request_focus(id));
    // The selection scrolls into view when the editor is next drawn.
    ctx.request_repaint();
}

/// Pointing at a marked span shows what each flag there means.
fn explain_on_hover(
    app: &App,
    response: &egui::Response,
    galley: &egui::Galley,
    galley_pos: egui::Pos2,
) {
    let Some(report) = app.last_text_report() else {
        return;
    };
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    let local = pointer - galley_pos;
    if !galley.rect.expand(2.0).contains(local.to_pos2()) {
        return;
    }
    let cursor = galley.cursor_from_pos(local);
    // The char under the pointer: the cursor lands before or after it, whichever is closer.
    let left_half = galley.pos_from_cursor(cursor).min.x > local.x;
    let index = if left_half {
        cursor.index.0.saturating_sub(1)
    } else {
        cursor.index.0
    };
    let Some((byte, _)) = app.text.char_indices().nth(index) else {
        return;
    };
    let marks = app.editor_marks();
    let text = (marks.iter().zip(&report.flags))
        .filter(|(m, _)| m.span.contains(&byte))
        .map(|(_, f)| {
            format!(
                "{}: {}",
                app.tr.tr(&f.category.fluent_id()),
                f.explanation(&app.tr)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    if !text.is_empty() {
        response.clone().on_hover_text_at_pointer(text);
    }
}

/// Show to a group, save, copy; before a check, the hint that files can be dropped.
fn actions(app: &mut App, ui: &mut egui::Ui) {
    ui.add_space(theme::BLOCK_GAP / 2.0);
    if app.last_text_report().is_some() {
        ui.horizontal_wrapped(|ui| {
            if ui.button(app.tr.tr("ui-present")).clicked() {
                app.commands
                    .push(TrainerCommand::Present(PresentSource::Shown).into());
            }
            crate::gui::sharing::button_row(app, ui);
        });
        crate::gui::sharing::notice(app, ui);
    } else {
        ui.label(egui::RichText::new(app.tr.tr("ui-drop-hint")).small());
    }
}

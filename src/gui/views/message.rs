//! One message with its flagged spans marked; hovering a span explains it; a selected flag
//! is scrolled into view. Links are shown defanged and are never clickable.

use eframe::egui;
use egui::text::CCursor;

use crate::gui::app::App;
use crate::gui::highlight::{self, HighlightCache};
use crate::gui::theme::{self, Palette};
use crate::i18n::Localizer;
use crate::report::{Flag, MessageReport};

/// Draw `msg` with its flags marked.
pub fn ui(app: &mut App, ui: &mut egui::Ui, msg: &MessageReport) {
    let look = Look {
        tr: &app.tr,
        palette: app.palette(),
        size: app.settings.text_size,
    };
    highlighted(
        ui,
        &mut app.highlight,
        msg,
        app.selected_flag,
        &mut app.scroll_to_flag,
        &look,
    );
    app.scroll_to_flag = false;
}

/// What a message is drawn with.
pub struct Look<'a> {
    /// Words for the explanations.
    pub tr: &'a Localizer,
    /// Colours.
    pub palette: Palette,
    /// Body text size.
    pub size: f32,
}

/// Draw `msg` with its flags marked, `selected` (an index into its flags) in the selection
/// colour; with `scroll` set, scroll its span into view (and clear `scroll`).
pub fn highlighted(
    ui: &mut egui::Ui,
    cache: &mut HighlightCache,
    msg: &MessageReport,
    selected: Option<usize>,
    scroll: &mut bool,
    look: &Look,
) {
    let h = cache.get(&msg.text, &msg.flags, selected, look.palette, look.size);
    let mut job = h.job.clone();
    job.wrap.max_width = ui.available_width();
    let label = egui::Label::new(job)
        .selectable(false)
        .sense(egui::Sense::hover());
    let (pos, galley, response) = label.layout_in_ui(ui);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, galley.text()));
    ui.painter()
        .galley(pos, galley.clone(), ui.visuals().text_color());
    if *scroll && let Some(span) = selected.and_then(|i| h.spans.get(i)) {
        let at = highlight::char_index(&h.display, span.start);
        let rect = galley
            .pos_from_cursor(CCursor::new(at))
            .translate(pos.to_vec2());
        ui.scroll_to_rect(rect, Some(egui::Align::Center));
        *scroll = false;
    }
    if let Some(hover) = response.hover_pos() {
        let cursor = galley.cursor_from_pos(hover - pos);
        let under = h.flags_at_char(cursor.index.0);
        if !under.is_empty() {
            let text = under
                .iter()
                .filter_map(|&i| msg.flags.get(i))
                .map(|f| explained(f, look.tr))
                .collect::<Vec<_>>()
                .join("\n");
            response.on_hover_text_at_pointer(text);
        }
    }
}

/// What pointing at a flag's words says: "category: explanation".
pub fn explained(f: &Flag, tr: &Localizer) -> String {
    format!("{}: {}", tr.tr(&f.category.fluent_id()), f.explanation(tr))
}

/// Draw `msg` at `size` with only its first `revealed` flags marked, the newest in the
/// selection colour (the quiz and the presenter reveal signs one at a time). Gives the
/// screen rect of the newest revealed span, to scroll to.
pub fn revealed(
    ui: &mut egui::Ui,
    cache: &mut HighlightCache,
    msg: &MessageReport,
    revealed: usize,
    palette: Palette,
    size: f32,
) -> Option<egui::Rect> {
    let shown = msg.flags.get(..revealed).unwrap_or(&msg.flags);
    let newest = shown.len().checked_sub(1);
    let h = cache.get(&msg.text, shown, newest, palette, size);
    let mut job = h.job.clone();
    job.wrap.max_width = ui.available_width();
    let (pos, galley, response) = egui::Label::new(job).selectable(false).layout_in_ui(ui);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, galley.text()));
    ui.painter()
        .galley(pos, galley.clone(), ui.visuals().text_color());
    let span = newest.and_then(|i| h.spans.get(i))?;
    let at = highlight::char_index(&h.display, span.start);
    let rect = galley.pos_from_cursor(CCursor::new(at));
    Some(rect.translate(pos.to_vec2()))
}

/// One revealed red flag: "n. its category", then its explanation, in the span's colours.
pub fn flag_note(
    ui: &mut egui::Ui,
    n: usize,
    flag: &Flag,
    tr: &Localizer,
    palette: Palette,
    size: f32,
) {
    egui::Frame::new()
        .stroke(palette.span_underline(flag.weight))
        .fill(palette.span_fill(flag.weight, false))
        .corner_radius(6)
        .inner_margin(theme::CARD_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = format!("{n}. {}", tr.tr(&flag.category.fluent_id()));
            ui.label(
                egui::RichText::new(title)
                    .size(size)
                    .strong()
                    .color(palette.text()),
            );
            ui.label(
                egui::RichText::new(flag.explanation(tr))
                    .size(size)
                    .color(palette.text()),
            );
        });
}

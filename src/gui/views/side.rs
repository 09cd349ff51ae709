//! The flag list (click one to select its words in the message box) and what to do, with
//! the National Bank's 1477 and the police's 102 always visible.

use eframe::egui;

use crate::gui::app::{App, Command};
use crate::gui::theme::{self, Palette};
use crate::i18n::Localizer;
use crate::links;
use crate::report::{Flag, Step};

/// The side column of a wide window: the flags scroll at the top; what to do and the
/// numbers stay pinned under them, so neither pushes the other out of sight.
pub fn column(app: &mut App, ui: &mut egui::Ui) {
    let advice_max = ui.available_height() * theme::ADVICE_MAX_SHARE;
    egui::Panel::bottom("advice")
        .frame(egui::Frame::new())
        .show(ui, |ui| {
            ui.add_space(theme::BLOCK_GAP / 2.0);
            egui::ScrollArea::vertical()
                .id_salt("advice-scroll")
                .max_height(advice_max)
                .show(ui, |ui| advice(app, ui));
            contacts(app, ui);
        });
    egui::ScrollArea::vertical()
        .id_salt("side-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| flags(app, ui));
}

/// The shown message's flags, one card each; for a picture, the flags of all its messages
/// (one picture, one list, as its boxes are all on it).
pub fn flags(app: &mut App, ui: &mut egui::Ui) {
    let mut cmds = Vec::new();
    let tr = &app.tr;
    let palette = app.palette();
    if let Some(chat) = &app.chat
        && let Some(view) = &chat.picture
    {
        ui.heading(tr.tr("ui-flags-heading"));
        if view.flags.is_empty() {
            ui.label(tr.tr("ui-flags-none"));
        }
        for i in 0..view.flags.len() {
            let Some((msg, flag)) = view.flag(&chat.report, i) else {
                continue;
            };
            let low = view.low_confidence(&chat.report, i);
            let selected = app.selected_flag == Some(i);
            let (clicked, rect) = card(ui, tr, palette, (flag, &msg.text), selected, low);
            if clicked {
                cmds.push(Command::SelectFlag(i));
            }
            if selected && app.scroll_to_card {
                ui.scroll_to_rect(rect, Some(egui::Align::Center));
            }
        }
        app.scroll_to_card = false;
        app.commands.extend(cmds);
        return;
    }
    let Some(msg) = app.shown_message() else {
        return;
    };
    ui.heading(tr.tr("ui-flags-heading"));
    if msg.flags.is_empty() {
        ui.label(tr.tr("ui-flags-none"));
    }
    for (i, flag) in msg.flags.iter().enumerate() {
        let selected = app.selected_flag == Some(i);
        if card(ui, tr, palette, (flag, &msg.text), selected, false).0 {
            cmds.push(Command::SelectFlag(i));
        }
    }
    app.commands.extend(cmds);
}

/// One flag's card (the flag and its message's text): its category (a button that selects
/// it), the words, the explanation; for words read uncertainly from a picture, a line saying
/// so. Whether it was clicked, and where it is.
fn card(
    ui: &mut egui::Ui,
    tr: &Localizer,
    palette: Palette,
    (flag, text): (&Flag, &str),
    selected: bool,
    low_confidence: bool,
) -> (bool, egui::Rect) {
    let card = egui::Frame::new()
        .stroke(palette.span_underline(flag.weight))
        .fill(palette.span_fill(flag.weight, selected))
        .corner_radius(6)
        .inner_margin(8)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = egui::RichText::new(tr.tr(&flag.category.fluent_id()))
                .strong()
                .color(palette.text());
            let clicked = ui
                .add(egui::Button::selectable(selected, title).wrap())
                .clicked();
            let excerpt = format!("«{}»", links::defang_text(flag.excerpt(text)));
            ui.label(egui::RichText::new(excerpt).italics().color(palette.text()));
            ui.label(egui::RichText::new(flag.explanation(tr)).color(palette.text()));
            if low_confidence {
                ui.label(
                    egui::RichText::new(format!("⚠ {}", tr.tr("flag-low-confidence")))
                        .strong()
                        .color(palette.text()),
                );
            }
            clicked
        });
    ui.add_space(4.0);
    (card.inner, card.response.rect)
}

/// "What to do" and its steps for the shown message or chat.
pub fn advice(app: &App, ui: &mut egui::Ui) {
    let steps: Vec<Step> = match (&app.chat, app.last_text_report()) {
        (Some(chat), _) => chat.report.advice(),
        (None, Some(r)) => r.advice(),
        (None, None) => Vec::new(),
    };
    if steps.is_empty() {
        // Nothing checked yet: a heading with nothing under it would only puzzle.
        return;
    }
    ui.heading(app.tr.tr("ui-what-to-do"));
    for step in steps {
        ui.label(format!("• {}", app.tr.tr(&step.fluent_id())));
    }
}

/// The two numbers to call.
pub fn contacts(app: &App, ui: &mut egui::Ui) {
    ui.add_space(4.0);
    ui.label(egui::RichText::new(app.tr.tr("ui-call")).small());
    for id in ["contact-nbk", "contact-police"] {
        ui.label(egui::RichText::new(app.tr.tr(id)).strong());
    }
    ui.add_space(4.0);
}

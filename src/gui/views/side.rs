//! The side panel: the shown message's red flags (click one to find it in the text), then
//! what to do, with the National Bank's 1477 and the police's 102 always visible.

use eframe::egui;

use crate::gui::app::{App, Command};
use crate::links;
use crate::report::Step;

pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    let mut cmds = Vec::new();
    let tr = &app.tr;
    let palette = app.palette();
    if let Some(msg) = app.shown_message() {
        ui.heading(tr.tr("ui-flags-heading"));
        if msg.flags.is_empty() {
            ui.label(tr.tr("ui-flags-none"));
        }
        for (i, flag) in msg.flags.iter().enumerate() {
            let selected = app.selected_flag == Some(i);
            egui::Frame::new()
                .stroke(palette.span_underline(flag.weight))
                .fill(palette.span_fill(flag.weight, selected))
                .corner_radius(6)
                .inner_margin(8)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let title = egui::RichText::new(tr.tr(&flag.category.fluent_id()))
                        .strong()
                        .color(palette.text());
                    if ui
                        .add(egui::Button::selectable(selected, title).wrap())
                        .clicked()
                    {
                        cmds.push(Command::SelectFlag(i));
                    }
                    let excerpt = format!("«{}»", links::defang_text(&flag.excerpt));
                    ui.label(egui::RichText::new(excerpt).italics().color(palette.text()));
                    ui.label(egui::RichText::new(flag.explanation(tr)).color(palette.text()));
                });
            ui.add_space(4.0);
        }
        ui.add_space(super::theme::BLOCK_GAP);
    }
    let steps: Vec<Step> = match (&app.chat, app.text_report()) {
        (Some(chat), _) => chat.report.advice(),
        (None, Some(r)) => r.advice(),
        (None, None) => Vec::new(),
    };
    ui.heading(tr.tr("ui-what-to-do"));
    for step in steps {
        ui.label(format!("• {}", tr.tr(&step.fluent_id())));
    }
    app.commands.extend(cmds);
}

/// The two numbers to call, pinned under the side panel so they never scroll away.
pub fn contacts(app: &App, ui: &mut egui::Ui) {
    ui.add_space(4.0);
    ui.label(egui::RichText::new(app.tr.tr("ui-call")).strong());
    for id in ["contact-nbk", "contact-police"] {
        ui.label(
            egui::RichText::new(app.tr.tr(id))
                .strong()
                .size(app.settings.text_size * 1.15),
        );
    }
    ui.add_space(4.0);
}

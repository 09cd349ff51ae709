//! "How these scams work": the schemes S1–S9 and the National Bank's steps A1–A7.

use eframe::egui;

use crate::gui::app::{App, Command, Page};
use crate::report::Step;

/// The schemes of `advisory.ftl` (`scheme-s1` … `scheme-s9`).
const SCHEMES: usize = 9;

pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    let tr = &app.tr;
    let mut back = false;
    egui::ScrollArea::vertical()
        .id_salt("guide-scroll")
        .show(ui, |ui| {
            ui.set_max_width(
                ui.available_width()
                    .min(app.settings.text_size * super::theme::READING_WIDTH_EMS),
            );
            ui.heading(tr.tr("ui-guide-schemes"));
            for n in 1..=SCHEMES {
                ui.add_space(8.0);
                ui.label(egui::RichText::new(tr.tr(&format!("scheme-s{n}-title"))).strong());
                ui.label(tr.tr(&format!("scheme-s{n}")));
            }
            ui.add_space(super::theme::BLOCK_GAP * 2.0);
            ui.heading(tr.tr("ui-guide-steps"));
            for step in Step::ALL {
                ui.label(format!("{}. {}", step.as_str(), tr.tr(&step.fluent_id())));
            }
            ui.add_space(super::theme::BLOCK_GAP);
            for id in ["contact-nbk", "contact-police"] {
                ui.label(egui::RichText::new(tr.tr(id)).strong());
            }
            ui.add_space(super::theme::BLOCK_GAP);
            back = ui.button(tr.tr("ui-back")).clicked();
        });
    if back {
        app.commands.push(Command::ShowPage(Page::Check));
    }
}

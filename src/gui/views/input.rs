//! The checking page: the message box, the verdict and the message with its flags marked.

use eframe::egui;

use super::{message, verdict};
use crate::gui::app::{App, Command};
use crate::gui::trainer::{PresentSource, TrainerCommand};

pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    egui::ScrollArea::vertical()
        .id_salt("check-scroll")
        .show(ui, |ui| {
            let label = ui.label(egui::RichText::new(app.tr.tr("ui-input-label")).strong());
            let hint = app.tr.tr("ui-input-hint");
            let edit = egui::TextEdit::multiline(&mut app.text)
                .hint_text(hint)
                .desired_rows(6)
                .desired_width(f32::INFINITY);
            let response = ui.add(edit).labelled_by(label.id);
            if response.changed() {
                app.commands.push(Command::TextEdited);
            }
            ui.horizontal_wrapped(|ui| {
                if !app.text.is_empty() && ui.button(app.tr.tr("ui-clear")).clicked() {
                    app.commands.push(Command::ClearText);
                }
                ui.label(egui::RichText::new(app.tr.tr("ui-drop-hint")).small());
            });
            ui.add_space(super::theme::BLOCK_GAP);
            let Some(report) = app.text_report().cloned() else {
                return;
            };
            verdict::card(
                ui,
                report.verdict,
                &app.tr,
                app.palette(),
                app.settings.text_size,
            );
            ui.add_space(super::theme::BLOCK_GAP / 2.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button(app.tr.tr("ui-present")).clicked() {
                    app.commands
                        .push(TrainerCommand::Present(PresentSource::Shown).into());
                }
            });
            crate::gui::sharing::buttons(app, ui);
            if !report.flags.is_empty() {
                ui.add_space(super::theme::BLOCK_GAP);
                ui.heading(app.tr.tr("ui-message-heading"));
                ui.label(egui::RichText::new(app.tr.tr("ui-hover-hint")).small());
                message::ui(app, ui, &report);
            }
        });
}

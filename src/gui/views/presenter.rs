//! Presenter mode: one message full screen in very large text for a room, its red flags
//! revealed one at a time (→ Space PageDown; ← PageUp hides; Esc leaves). The keys are read
//! by the app (`App::presenter_keys`); the buttons here do the same for a mouse.

use eframe::egui;

use super::message;
use crate::gui::app::{App, Command};
use crate::gui::theme;
use crate::gui::trainer::TrainerCommand;
use crate::i18n::Arg;

pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    let palette = app.palette();
    let text_size = app.settings.text_size;
    let App {
        trainer,
        tr,
        highlight,
        ..
    } = &mut *app;
    let Some(p) = &mut trainer.presenter else {
        return;
    };
    let mut cmds: Vec<Command> = Vec::new();
    let note = theme::presenter_note_size(text_size);
    let margin = theme::presenter_margin(text_size);
    egui::Panel::bottom("presenter-notes")
        .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(margin))
        .show(ui, |ui| {
            let total = p.report.flags.len();
            let revealed = p.revealed.min(total);
            if total == 0 {
                // Never "safe": only that no known sign was found.
                let text = egui::RichText::new(tr.tr("ui-trainer-no-signs")).size(note);
                ui.label(text);
            } else {
                let count = tr.tr_args(
                    "ui-signs-shown",
                    &[("index", Arg::from(revealed)), ("count", Arg::from(total))],
                );
                ui.label(egui::RichText::new(count).size(note * 0.75));
                if let Some(flag) = revealed.checked_sub(1).and_then(|i| p.report.flags.get(i)) {
                    message::flag_note(ui, revealed, flag, tr, palette, note);
                }
            }
            ui.add_space(theme::BLOCK_GAP);
            ui.label(egui::RichText::new(tr.tr("ui-presenter-keys")).small());
            ui.horizontal_wrapped(|ui| {
                if ui.small_button(tr.tr("ui-presenter-prev")).clicked() {
                    cmds.push(TrainerCommand::PresenterStep(false).into());
                }
                if ui.small_button(tr.tr("ui-presenter-next")).clicked() {
                    cmds.push(TrainerCommand::PresenterStep(true).into());
                }
                if ui.small_button(tr.tr("ui-presenter-leave")).clicked() {
                    cmds.push(TrainerCommand::LeavePresenter.into());
                }
            });
        });
    egui::CentralPanel::default()
        .frame(egui::Frame::central_panel(ui.style()).inner_margin(margin))
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("presenter-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let size = theme::presenter_size(text_size);
                    let newest =
                        message::revealed(ui, highlight, &p.report, p.revealed, palette, size);
                    if std::mem::take(&mut p.scroll_pending)
                        && let Some(rect) = newest
                    {
                        ui.scroll_to_rect(rect, Some(egui::Align::Center));
                    }
                });
        });
    app.commands.extend(cmds);
}

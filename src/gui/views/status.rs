//! Bottom line: the offline promise, file progress with Cancel, and errors.

use eframe::egui;

use crate::gui::app::{App, Command, ShownError};
use crate::i18n::Arg;
use crate::report::Verdict;

/// The error in the current language.
pub fn error_text(app: &App, e: &ShownError) -> String {
    match e {
        ShownError::Read(e) | ShownError::Save(e) => crate::cli::error_line(e, &app.tr),
        ShownError::Rules => app.tr.tr("ui-error-rules"),
    }
}

pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    let mut cmds = Vec::new();
    ui.add_space(4.0);
    if let Some(job) = app.file_job() {
        let name = job.path.file_name().map_or_else(
            || job.path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        ui.horizontal(|ui| {
            let id = if job.progress.checking() {
                "ui-checking-file"
            } else if job.picture {
                "ui-reading-picture"
            } else {
                "ui-reading"
            };
            ui.label(app.tr.tr_args(id, &[("path", Arg::from(name))]));
            let bar = match job.progress.fraction() {
                Some(f) => egui::ProgressBar::new(f).show_percentage(),
                None => egui::ProgressBar::new(0.0).animate(true),
            };
            ui.add(bar.desired_width(240.0));
            if ui.button(app.tr.tr("ui-cancel")).clicked() {
                cmds.push(Command::CancelJob);
            }
        });
    }
    if let Some(e) = &app.error {
        let text = error_text(app, e);
        let palette = app.palette();
        egui::Frame::new()
            .fill(palette.verdict_fill(Verdict::Danger))
            .inner_margin(8)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(text).color(palette.text()));
                    if ui.button(app.tr.tr("ui-close")).clicked() {
                        cmds.push(Command::DismissError);
                    }
                });
            });
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(app.tr.tr("ui-offline-status")).small());
        if app.checking() {
            ui.label(app.tr.tr("ui-checking"));
        }
    });
    ui.add_space(2.0);
    app.commands.extend(cmds);
}

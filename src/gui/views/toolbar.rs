//! Top bar: language, text size and background; then the big actions; then the pages.

use eframe::egui;

use crate::gui::app::{App, Command, Page};
use crate::gui::theme;
use crate::i18n::Lang;

pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    let tr = &app.tr;
    let mut cmds = Vec::new();
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(tr.tr("ui-app-title")).strong());
        ui.separator();
        ui.label(tr.tr("ui-language"));
        for lang in Lang::ALL {
            let selected = app.settings.lang == lang;
            if ui
                .add(egui::Button::selectable(selected, lang.native_name()))
                .clicked()
            {
                cmds.push(Command::SetLang(lang));
            }
        }
        ui.separator();
        if ui.button(tr.tr("ui-text-smaller")).clicked() {
            cmds.push(Command::ChangeTextSize(-theme::TEXT_SIZE_STEP));
        }
        if ui.button(tr.tr("ui-text-larger")).clicked() {
            cmds.push(Command::ChangeTextSize(theme::TEXT_SIZE_STEP));
        }
        let dark = app.settings.dark;
        let theme_id = if dark {
            "ui-theme-light"
        } else {
            "ui-theme-dark"
        };
        if ui.button(tr.tr(theme_id)).clicked() {
            cmds.push(Command::SetDark(!dark));
        }
    });
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        let big = theme::large_size(app.settings.text_size);
        let paste_text = egui::RichText::new(tr.tr("ui-paste"))
            .size(big)
            .strong()
            .color(app.palette().on_accent());
        let paste = egui::Button::new(paste_text)
            .fill(app.palette().accent_fill())
            .min_size(egui::vec2(big * 6.0, big * 2.0));
        if ui.add(paste).clicked() {
            cmds.push(Command::Paste);
        }
        let open = egui::Button::new(egui::RichText::new(tr.tr("ui-open-file")).size(big))
            .min_size(egui::vec2(0.0, big * 2.0));
        if ui.add(open).clicked() {
            cmds.push(Command::PickFile);
        }
        ui.menu_button(tr.tr("ui-recent"), |ui| {
            if app.settings.recent.is_empty() {
                ui.label(tr.tr("ui-recent-none"));
            }
            for path in &app.settings.recent {
                if ui.button(path.display().to_string()).clicked() {
                    cmds.push(Command::OpenFile(path.clone()));
                    ui.close();
                }
            }
        });
    });
    ui.add_space(4.0);
    // The pages, as tabs on a row of their own (beside the big buttons they wrapped one by
    // one at the default width): the open one is marked.
    ui.horizontal_wrapped(|ui| {
        for (page, id) in [
            (Page::Check, "ui-page-check"),
            (Page::Guide, "ui-guide"),
            (Page::Gallery, "ui-examples"),
            (Page::Quiz, "ui-quiz"),
        ] {
            let open = app.page == page;
            if ui.add(egui::Button::selectable(open, tr.tr(id))).clicked() && !open {
                cmds.push(Command::ShowPage(page));
            }
        }
    });
    ui.add_space(4.0);
    app.commands.extend(cmds);
}

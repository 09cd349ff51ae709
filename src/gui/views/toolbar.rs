//! Top bar, one row: the big actions (Paste, Open), the checking page and the trainer's
//! pages (a menu), then at the right the language and the settings (text size, background,
//! recent files). Grouping the rarely used choices in menus keeps the row to one line in
//! Kazakh and Russian even with the text enlarged.

use eframe::egui;

use crate::gui::app::{App, Command, Page};
use crate::gui::theme;
use crate::i18n::Lang;

/// The trainer's pages, in the "Learn" menu.
const LEARN_PAGES: [(Page, &str); 3] = [
    (Page::Guide, "ui-guide"),
    (Page::Gallery, "ui-examples"),
    (Page::Quiz, "ui-quiz"),
];

pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    let mut cmds = Vec::new();
    ui.add_space(4.0);
    // One row with the language and settings at the right edge when the row is wide enough
    // (its width is last frame's: egui lays out in one pass); otherwise everything wraps
    // from the left rather than overlapping.
    let needed_id = egui::Id::unique("toolbar-needed-width");
    let needed: f32 = ui.data(|d| d.get_temp(needed_id)).unwrap_or(0.0);
    let gap = ui.spacing().item_spacing.x;
    let width = if ui.available_width() >= needed {
        ui.horizontal(|ui| {
            let left = ui.scope(|ui| left_group(app, ui, &mut cmds)).response.rect;
            let right = ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                right_group(app, ui, &mut cmds);
                ui.min_rect().width()
            });
            left.width() + gap + right.inner
        })
        .inner
    } else {
        ui.horizontal_wrapped(|ui| {
            let left = ui.scope(|ui| left_group(app, ui, &mut cmds)).response.rect;
            let right = ui.scope(|ui| right_group(app, ui, &mut cmds)).response.rect;
            left.width() + gap + right.width()
        })
        .inner
    };
    if (width - needed).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(needed_id, width));
        ui.ctx().request_repaint();
    }
    ui.add_space(4.0);
    app.commands.extend(cmds);
}

/// The actions and the pages, from the left.
fn left_group(app: &App, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        actions(app, ui, cmds);
        ui.separator();
        pages(app, ui, cmds);
    });
}

/// The language and the settings, at the right (drawn right to left there).
fn right_group(app: &App, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
    if ui.layout().prefer_right_to_left() {
        settings(app, ui, cmds);
        language(app, ui, cmds);
    } else {
        ui.horizontal(|ui| {
            language(app, ui, cmds);
            settings(app, ui, cmds);
        });
    }
}

/// Paste (the main action, in the accent colour) and Open.
fn actions(app: &App, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
    let tr = &app.tr;
    let size = app.settings.text_size;
    let paste_text = egui::RichText::new(tr.tr("ui-paste"))
        .size(size)
        .strong()
        .color(app.palette().on_accent());
    let paste = egui::Button::new(paste_text)
        .fill(app.palette().accent_fill())
        .min_size(egui::vec2(size * 5.0, 0.0));
    if ui.add(paste).clicked() {
        cmds.push(Command::Paste);
    }
    if ui.button(tr.tr("ui-open-file")).clicked() {
        cmds.push(Command::PickFile);
    }
}

/// The checking page as a tab; the trainer's pages in a menu whose title shows the open one.
fn pages(app: &App, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
    let tr = &app.tr;
    let check = app.page == Page::Check;
    if (ui
        .add(egui::Button::selectable(check, tr.tr("ui-page-check")))
        .clicked())
        && !check
    {
        cmds.push(Command::ShowPage(Page::Check));
    }
    let title = match LEARN_PAGES.iter().find(|(p, _)| *p == app.page) {
        Some((_, id)) => format!("{}: {}", tr.tr("ui-learn"), tr.tr(id)),
        None => tr.tr("ui-learn"),
    };
    ui.menu_button(title, |ui| {
        for (page, id) in LEARN_PAGES {
            let open = app.page == page;
            if ui.add(egui::Button::selectable(open, tr.tr(id))).clicked() {
                if !open {
                    cmds.push(Command::ShowPage(page));
                }
                ui.close();
            }
        }
    });
}

/// The interface language: the current one's own name, the others in its menu.
fn language(app: &App, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
    let current = app.settings.lang;
    ui.menu_button(format!("🌐 {}", current.native_name()), |ui| {
        ui.label(app.tr.tr("ui-language"));
        for lang in Lang::ALL {
            if ui
                .add(egui::Button::selectable(
                    current == lang,
                    lang.native_name(),
                ))
                .clicked()
            {
                if current != lang {
                    cmds.push(Command::SetLang(lang));
                }
                ui.close();
            }
        }
    });
}

/// Text size, background and recent files.
fn settings(app: &App, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
    let tr = &app.tr;
    ui.menu_button(tr.tr("ui-settings"), |ui| {
        let size = crate::i18n::Arg::from(app.settings.text_size.round() as i64);
        ui.label(tr.tr_args("ui-text-size", &[("size", size)]));
        ui.horizontal(|ui| {
            if ui.button(tr.tr("ui-text-smaller")).clicked() {
                cmds.push(Command::ChangeTextSize(-theme::TEXT_SIZE_STEP));
            }
            if ui.button(tr.tr("ui-text-larger")).clicked() {
                cmds.push(Command::ChangeTextSize(theme::TEXT_SIZE_STEP));
            }
        });
        ui.separator();
        let dark = app.settings.dark;
        let theme_id = if dark {
            "ui-theme-light"
        } else {
            "ui-theme-dark"
        };
        if ui.button(tr.tr(theme_id)).clicked() {
            cmds.push(Command::SetDark(!dark));
            ui.close();
        }
        ui.separator();
        ui.label(tr.tr("ui-recent"));
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
}

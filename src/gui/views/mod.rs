//! The window's panels. Each view draws from the [`App`]'s state and pushes [`Command`]s;
//! none changes deep state while drawing.

mod chat;
mod gallery;
mod guide;
mod input;
mod message;
mod picture;
mod presenter;
mod quiz;
mod side;
mod status;
mod toolbar;
mod verdict;

use eframe::egui;

pub use input::editor_id;

use super::app::{App, Page};
use super::theme;

/// Draw the whole window.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    if app.trainer.presenter.is_some() {
        // Full screen for a room: no toolbar, no side panels, only the message.
        presenter::ui(app, ui);
        return;
    }
    egui::Panel::top("toolbar").show(ui, |ui| toolbar::ui(app, ui));
    egui::Panel::bottom("status").show(ui, |ui| status::ui(app, ui));
    if app.page != Page::Check {
        egui::CentralPanel::default_margins().show(ui, |ui| match app.page {
            Page::Guide => guide::ui(app, ui),
            Page::Gallery => gallery::ui(app, ui),
            Page::Quiz => quiz::ui(app, ui),
            Page::Check => {}
        });
        return;
    }
    let width = ui.available_width();
    let em = app.settings.text_size;
    if width >= theme::TWO_COLUMNS_EMS * em {
        // Side by side: everything that matters in one screen.
        egui::Panel::right("side")
            .resizable(false)
            .exact_size(theme::side_width(width, em))
            .show(ui, |ui| side::column(app, ui));
        egui::CentralPanel::default_margins().show(ui, |ui| {
            if app.chat.is_some() {
                opened(app, ui);
            } else {
                input::ui(app, ui);
            }
        });
    } else if app.chat.as_ref().is_some_and(|c| c.picture.is_some()) {
        // A narrow window with a picture: one column that scrolls, the picture as wide as
        // the window (the flags taking the bottom would leave it a thumbnail).
        one_column(app, ui, "picture-narrow-scroll", picture::stacked);
    } else if app.chat.is_some() {
        // A narrow window with a chat: the list, and the flags and advice under it.
        egui::Panel::bottom("side-narrow")
            .resizable(true)
            .default_size(ui.available_height() * 0.4)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("side-narrow-scroll")
                    .show(ui, |ui| {
                        side::flags(app, ui);
                        side::advice(app, ui);
                        side::contacts(app, ui);
                    });
            });
        egui::CentralPanel::default_margins().show(ui, |ui| opened(app, ui));
    } else {
        // A narrow window: one column, in reading order.
        one_column(app, ui, "check-narrow-scroll", input::stacked);
    }
}

/// A narrow window: one column that scrolls, `top` (the message box or the picture) as
/// wide as the window, then the advice and the flags.
fn one_column(app: &mut App, ui: &mut egui::Ui, id: &str, top: fn(&mut App, &mut egui::Ui)) {
    egui::CentralPanel::default_margins().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt(id).show(ui, |ui| {
            top(app, ui);
            ui.add_space(theme::BLOCK_GAP);
            side::advice(app, ui);
            side::contacts(app, ui);
            ui.add_space(theme::BLOCK_GAP);
            side::flags(app, ui);
        });
    });
}

/// An opened file: a picture, or a chat's list.
fn opened(app: &mut App, ui: &mut egui::Ui) {
    if app.chat.as_ref().is_some_and(|c| c.picture.is_some()) {
        picture::ui(app, ui);
    } else {
        chat::ui(app, ui);
    }
}

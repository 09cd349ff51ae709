//! The window's panels. Each view draws from the [`App`]'s state and pushes [`Command`]s;
//! none changes deep state while drawing.

mod chat;
mod gallery;
mod guide;
mod input;
mod message;
mod presenter;
mod quiz;
mod side;
mod status;
mod toolbar;
mod verdict;

use eframe::egui;

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
    if app.page == Page::Check {
        egui::Panel::right("side")
            .resizable(true)
            .default_size(theme::SIDE_PANEL_WIDTH)
            .show(ui, |ui| {
                egui::Panel::bottom("contacts").show(ui, |ui| side::contacts(app, ui));
                egui::ScrollArea::vertical()
                    .id_salt("side-scroll")
                    .show(ui, |ui| side::ui(app, ui));
            });
    }
    egui::CentralPanel::default_margins().show(ui, |ui| match app.page {
        Page::Guide => guide::ui(app, ui),
        Page::Gallery => gallery::ui(app, ui),
        Page::Quiz => quiz::ui(app, ui),
        Page::Check if app.chat.is_some() => chat::ui(app, ui),
        Page::Check => input::ui(app, ui),
    });
}

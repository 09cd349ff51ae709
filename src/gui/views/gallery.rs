//! The example gallery: built-in messages in the interface language (or all three), each
//! with its scheme. Whether one is fraud shows only when the trainer asks, so a room can
//! guess first. "Check this message" checks it like a typed one; "Full screen" presents it.

use eframe::egui;

use crate::examples::{Example, gallery};
use crate::gui::app::{App, Command};
use crate::gui::theme::{self, Palette};
use crate::gui::trainer::{PresentSource, TrainerCommand};
use crate::i18n::Localizer;
use crate::links;

pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    let mut cmds: Vec<Command> = Vec::new();
    let palette = app.palette();
    let lang = app.settings.lang;
    let text_size = app.settings.text_size;
    let App { tr, trainer, .. } = &mut *app;
    ui.heading(tr.tr("ui-gallery-heading"));
    ui.label(tr.tr("ui-gallery-intro"));
    // Display choices of this page only: set directly, nothing else depends on them.
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut trainer.show_answers, tr.tr("ui-gallery-show-answers"));
        ui.checkbox(&mut trainer.all_langs, tr.tr("ui-gallery-all-langs"));
    });
    ui.add_space(theme::BLOCK_GAP / 2.0);
    let shown: Vec<(usize, &Example)> = (gallery().iter().enumerate())
        .filter(|(_, e)| trainer.all_langs || e.lang == lang)
        .collect();
    if shown.is_empty() {
        ui.label(tr.tr("ui-examples-none"));
    }
    egui::ScrollArea::vertical()
        .id_salt("gallery-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(
                ui.available_width()
                    .min(text_size * theme::READING_WIDTH_EMS),
            );
            for (i, ex) in shown {
                let card = Card {
                    index: i,
                    ex,
                    tr,
                    palette,
                    all_langs: trainer.all_langs,
                    show_answer: trainer.show_answers,
                    ready: trainer.report(i).is_some(),
                };
                cmds.extend(card.ui(ui).map(Command::from));
                ui.add_space(theme::BLOCK_GAP / 2.0);
            }
        });
    app.commands.extend(cmds);
}

/// One example as a card.
struct Card<'a> {
    /// Its index in the gallery.
    index: usize,
    ex: &'a Example,
    tr: &'a Localizer,
    palette: Palette,
    all_langs: bool,
    show_answer: bool,
    /// Its check is done (presenting needs the flags).
    ready: bool,
}

impl Card<'_> {
    /// Draw the card; a click on one of its buttons gives a command.
    fn ui(&self, ui: &mut egui::Ui) -> Option<TrainerCommand> {
        let (tr, palette) = (self.tr, self.palette);
        let mut clicked = None;
        egui::Frame::new()
            .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
            .corner_radius(8)
            .inner_margin(theme::CARD_MARGIN)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(tr.tr(&self.ex.title_id())).strong());
                    if self.all_langs {
                        ui.label(egui::RichText::new(self.ex.lang.native_name()).small());
                    }
                    if self.show_answer {
                        let id = if self.ex.fraud {
                            "ui-gallery-fraud"
                        } else {
                            "ui-gallery-look-alike"
                        };
                        ui.label(
                            egui::RichText::new(tr.tr(id))
                                .strong()
                                .color(palette.text())
                                .background_color(palette.fraud_fill(self.ex.fraud)),
                        );
                    }
                });
                // Links are shown defanged, as everywhere in the window.
                ui.label(links::defang_text(&self.ex.text));
                ui.horizontal_wrapped(|ui| {
                    if ui.button(tr.tr("ui-gallery-open")).clicked() {
                        clicked = Some(TrainerCommand::OpenExample(self.index));
                    }
                    let present = egui::Button::new(tr.tr("ui-present"));
                    if ui.add_enabled(self.ready, present).clicked() {
                        let source = PresentSource::Example(self.index);
                        clicked = Some(TrainerCommand::Present(source));
                    }
                });
            });
        clicked
    }
}

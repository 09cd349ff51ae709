//! The verdict card: a word, an icon and a colour, so colour is never the only signal.

use eframe::egui;
use egui::{Align2, FontId, Sense, Shape, Stroke, pos2, vec2};

use crate::gui::theme::{self, Palette};
use crate::i18n::Localizer;
use crate::report::Verdict;

/// The line under the headline.
fn hint_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Danger => "verdict-danger-hint",
        Verdict::Suspicious => "verdict-suspicious-hint",
        Verdict::NoSigns => "verdict-no-signs-caution",
    }
}

pub fn card(ui: &mut egui::Ui, v: Verdict, tr: &Localizer, palette: Palette, text_size: f32) {
    card_with_note(ui, v, tr, palette, text_size, None);
}

/// The verdict card with one more line under the hint (an opened picture says that its text
/// was recognised and may be misread).
pub fn card_with_note(
    ui: &mut egui::Ui,
    v: Verdict,
    tr: &Localizer,
    palette: Palette,
    text_size: f32,
    note: Option<&str>,
) {
    egui::Frame::new()
        .fill(palette.verdict_fill(v))
        .stroke(Stroke::new(3.0, palette.verdict_strong(v)))
        .corner_radius(8)
        .inner_margin(theme::CARD_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                icon(ui, v, palette, text_size * 3.0);
                ui.vertical(|ui| {
                    ui.label(
                        egui::RichText::new(tr.tr(v.fluent_id()))
                            .font(theme::verdict_font(text_size))
                            .strong()
                            .color(palette.text()),
                    );
                    ui.label(egui::RichText::new(tr.tr(hint_id(v))).color(palette.text()));
                    if let Some(note) = note {
                        ui.label(egui::RichText::new(note).strong().color(palette.text()));
                    }
                });
            });
        });
}

/// A painted symbol: a triangle with "!" for danger, a circle with "?" for suspicious, a
/// circle with a tick for no known signs.
fn icon(ui: &mut egui::Ui, v: Verdict, palette: Palette, size: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(size, size), Sense::hover());
    let painter = ui.painter();
    let strong = palette.verdict_strong(v);
    let inner = palette.verdict_fill(v);
    let c = rect.center();
    let r = size * 0.45;
    let mark = |symbol: &str, dy: f32| {
        painter.text(
            c + vec2(0.0, dy),
            Align2::CENTER_CENTER,
            symbol,
            FontId::proportional(size * 0.55),
            inner,
        );
    };
    match v {
        Verdict::Danger => {
            let pts = vec![
                pos2(c.x, c.y - r),
                pos2(c.x + r, c.y + r * 0.8),
                pos2(c.x - r, c.y + r * 0.8),
            ];
            painter.add(Shape::convex_polygon(pts, strong, Stroke::NONE));
            mark("!", r * 0.25);
        }
        Verdict::Suspicious => {
            painter.circle_filled(c, r, strong);
            mark("?", 0.0);
        }
        Verdict::NoSigns => {
            painter.circle_filled(c, r, strong);
            let stroke = Stroke::new(size * 0.09, inner);
            painter.line_segment(
                [c + vec2(-r * 0.5, 0.0), c + vec2(-r * 0.1, r * 0.4)],
                stroke,
            );
            painter.line_segment(
                [c + vec2(-r * 0.1, r * 0.4), c + vec2(r * 0.5, -r * 0.4)],
                stroke,
            );
        }
    }
}

/// Where the verdict will be, before there is one: a quiet card with `text`, about the
/// height of a verdict so the message box under it stays where it is.
pub fn placeholder(ui: &mut egui::Ui, text: &str, text_size: f32) {
    egui::Frame::new()
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(8)
        .inner_margin(theme::CARD_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.allocate_exact_size(vec2(text_size * 3.0, text_size * 3.0), Sense::hover());
                ui.label(egui::RichText::new(text).size(text_size * 1.2));
            });
        });
}

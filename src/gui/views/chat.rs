//! An opened chat: a summary, a virtualized list of messages (only the visible rows are
//! laid out, so 100 000 messages stay smooth) and the selected message in full.

use eframe::egui;

use super::message;
use crate::conversation::MediaKind;
use crate::gui::app::{App, ChatState, Command};
use crate::gui::theme::Palette;
use crate::gui::trainer::{PresentSource, TrainerCommand};
use crate::i18n::{Arg, Localizer};
use crate::links;
use crate::report::{MessageReport, Verdict};

/// Characters of a message shown in its one-line row.
const ROW_CHARS: usize = 160;

fn media_id(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Voice => "ui-media-voice",
        MediaKind::VideoNote => "ui-media-video-note",
        MediaKind::Photo => "ui-media-photo",
        MediaKind::Video => "ui-media-video",
        MediaKind::Document => "ui-media-document",
        MediaKind::Sticker => "ui-media-sticker",
        MediaKind::Other => "ui-media-other",
    }
}

/// A short word for a flagged message's verdict, drawn in its colour (the word makes sure
/// colour is not the only signal).
pub(super) fn badge(ui: &mut egui::Ui, v: Verdict, tr: &Localizer, palette: Palette) {
    let id = match v {
        Verdict::Danger => "ui-badge-danger",
        Verdict::Suspicious => "ui-badge-suspicious",
        Verdict::NoSigns => return,
    };
    ui.label(
        egui::RichText::new(tr.tr(id))
            .strong()
            .color(palette.text())
            .background_color(palette.verdict_fill(v)),
    );
}

/// An export's ISO date-time ("2025-03-14T19:06:00") as people read it in the window's
/// language ("14.03.2025, 19:06"): seconds only when not zero, an offset or "Z" kept after
/// it. Anything else is shown as written.
fn shown_time(t: &str, tr: &Localizer) -> String {
    let Some(p) = IsoParts::of(t) else {
        return t.to_string();
    };
    let mut time = format!("{}:{}", p.hour, p.minute);
    if let Some(s) = p.seconds.filter(|&s| s != "00") {
        time.push(':');
        time.push_str(s);
    }
    if !p.rest.is_empty() {
        time.push(' ');
        time.push_str(p.rest);
    }
    tr.tr_args(
        "ui-datetime",
        &[
            ("year", Arg::from(p.year)),
            ("month", Arg::from(p.month)),
            ("day", Arg::from(p.day)),
            ("time", Arg::from(time)),
        ],
    )
}

/// The fields of "YYYY-MM-DDTHH:MM[:SS][rest]" (a space for the T too), as written.
struct IsoParts<'a> {
    year: &'a str,
    month: &'a str,
    day: &'a str,
    hour: &'a str,
    minute: &'a str,
    seconds: Option<&'a str>,
    rest: &'a str,
}

impl<'a> IsoParts<'a> {
    fn of(t: &'a str) -> Option<IsoParts<'a>> {
        let b = t.as_bytes();
        let at = |i: usize, c: u8| b.get(i) == Some(&c);
        // Only ASCII digits: the slices below then fall on char boundaries.
        let digits = |r: std::ops::Range<usize>| {
            let d = b.get(r.clone())?;
            d.iter().all(u8::is_ascii_digit).then(|| t.get(r))?
        };
        let shape = at(4, b'-') && at(7, b'-') && (at(10, b'T') || at(10, b' ')) && at(13, b':');
        if !shape {
            return None;
        }
        let seconds = if at(16, b':') {
            Some(digits(17..19)?)
        } else {
            None
        };
        Some(IsoParts {
            year: digits(0..4)?,
            month: digits(5..7)?,
            day: digits(8..10)?,
            hour: digits(11..13)?,
            minute: digits(14..16)?,
            rest: t.get(if seconds.is_some() { 19 } else { 16 }..)?,
            seconds,
        })
    }
}

/// "sender, time [voice message]".
fn heading_line(m: &MessageReport, tr: &Localizer) -> String {
    let mut line = m
        .sender
        .as_deref()
        .map_or_else(|| tr.tr("ui-unknown-sender"), String::from);
    if let Some(t) = &m.timestamp {
        line.push_str(", ");
        line.push_str(&shown_time(t, tr));
    }
    if let Some(kind) = m.media {
        line.push_str(&format!(" [{}]", tr.tr(media_id(kind))));
    }
    line
}

pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    let palette = app.palette();
    let mut cmds = Vec::new();
    let detail = {
        let Some(chat) = &app.chat else {
            return;
        };
        summary(ui, chat, &app.tr, &mut cmds);
        chat.selected_message().cloned()
    };
    crate::gui::sharing::buttons(app, ui);
    ui.separator();
    let room = ui.available_height();
    egui::Panel::bottom("chat-detail")
        .resizable(true)
        .min_size(room * 0.35)
        .default_size(room * 0.45)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("chat-detail-scroll")
                .show(ui, |ui| match &detail {
                    None => {
                        ui.label(app.tr.tr("ui-select-message"));
                    }
                    Some(m) => {
                        ui.horizontal_wrapped(|ui| {
                            badge(ui, m.verdict, &app.tr, palette);
                            ui.label(egui::RichText::new(heading_line(m, &app.tr)).strong());
                            if ui.button(app.tr.tr("ui-present")).clicked() {
                                let present = TrainerCommand::Present(PresentSource::Shown);
                                app.commands.push(present.into());
                            }
                        });
                        message::ui(app, ui, m);
                    }
                });
        });
    let App { chat, tr, .. } = &mut *app;
    if let Some(chat) = chat {
        list(ui, chat, tr, palette, &mut cmds);
    }
    app.commands.extend(cmds);
}

fn summary(ui: &mut egui::Ui, chat: &ChatState, tr: &Localizer, cmds: &mut Vec<Command>) {
    let name = chat.path.file_name().map_or_else(
        || chat.path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(tr.tr_args("ui-file", &[("path", Arg::from(name))])).strong());
        if ui.button(tr.tr("ui-close-chat")).clicked() {
            cmds.push(Command::CloseChat);
        }
    });
    ui.horizontal_wrapped(|ui| {
        let n = |id: &str, count: usize| tr.tr_args(id, &[("count", Arg::from(tr.count(count)))]);
        ui.label(n("ui-summary-messages", chat.report.messages.len()));
        ui.separator();
        ui.label(n("ui-summary-flagged", chat.report.flagged_count()));
        // A plain text file or a picture names no sender: "Senders: 0" would only puzzle.
        if chat.senders > 0 {
            ui.separator();
            ui.label(n("ui-summary-senders", chat.senders));
        }
    });
    for note in &chat.source.notes {
        ui.label(egui::RichText::new(note.describe(tr)).small());
    }
    ui.horizontal_wrapped(|ui| {
        let mut only = chat.flagged_only;
        if ui.checkbox(&mut only, tr.tr("ui-flagged-only")).changed() {
            cmds.push(Command::SetFlaggedOnly(only));
        }
        if ui.button(tr.tr("ui-prev-flagged")).clicked() {
            cmds.push(Command::StepFlagged(false));
        }
        if ui.button(tr.tr("ui-next-flagged")).clicked() {
            cmds.push(Command::StepFlagged(true));
        }
    });
}

fn list(
    ui: &mut egui::Ui,
    chat: &mut ChatState,
    tr: &Localizer,
    palette: Palette,
    cmds: &mut Vec<Command>,
) {
    let row_height =
        ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    let spacing = ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("chat-list")
        .auto_shrink([false, false]);
    if std::mem::take(&mut chat.scroll_to_selected)
        && let Some(sel) = chat.selected
        && let Some(row) = chat.rows.iter().position(|&i| i == sel)
    {
        let offset = (row as f32 * (row_height + spacing) - ui.available_height() / 3.0).max(0.0);
        area = area.vertical_scroll_offset(offset);
    }
    area.show_rows(ui, row_height, chat.rows.len(), |ui, range| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        for row in range {
            let Some(&i) = chat.rows.get(row) else {
                continue;
            };
            let Some(m) = chat.report.messages.get(i) else {
                continue;
            };
            ui.allocate_ui_with_layout(
                egui::vec2(ui.available_width(), row_height),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_height(row_height);
                    badge(ui, m.verdict, tr, palette);
                    let text: String =
                        links::defang_text(&m.text.chars().take(ROW_CHARS).collect::<String>())
                            .replace('\n', " ");
                    let line = format!("{} — {}", heading_line(m, tr), text);
                    let selected = chat.selected == Some(i);
                    if ui.add(egui::Button::selectable(selected, line)).clicked() {
                        cmds.push(Command::SelectMessage(i));
                    }
                },
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::shown_time;
    use crate::i18n::{Lang, Localizer};

    #[test]
    fn export_times_show_as_people_write_them() {
        let ru = Localizer::new(Lang::Ru);
        let kk = Localizer::new(Lang::Kk);
        let en = Localizer::new(Lang::En);
        assert_eq!(shown_time("2025-03-14T19:06:00", &ru), "14.03.2025, 19:06");
        assert_eq!(shown_time("2025-03-14T19:06:00", &kk), "14.03.2025, 19:06");
        assert_eq!(shown_time("2025-03-14T19:06:00", &en), "2025-03-14 19:06");
        assert_eq!(
            shown_time("2025-03-14T19:06:07", &ru),
            "14.03.2025, 19:06:07"
        );
        assert_eq!(shown_time("2025-03-14T19:06", &ru), "14.03.2025, 19:06");
        assert_eq!(
            shown_time("2025-03-14T19:06:00Z", &ru),
            "14.03.2025, 19:06 Z"
        );
        assert_eq!(
            shown_time("2025-03-14T19:06:00+05:00", &ru),
            "14.03.2025, 19:06 +05:00"
        );
        // Not an ISO date-time: as written, never cut at a char boundary.
        for odd in [
            "",
            "вчера",
            "2025-03-14",
            "2025-03-14Tсағат",
            "2025-3-14T19:06",
            "ққққ-0",
        ] {
            assert_eq!(shown_time(odd, &ru), odd);
        }
    }
}

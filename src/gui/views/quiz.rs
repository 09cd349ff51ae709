//! The quiz: a message, "Fraud" or "Not fraud", then right or wrong and the red flags one
//! at a time with their explanations; the score at the end and "Start again". The buttons
//! sit in a bar pinned under the page, so a long list of signs never pushes them away.

use eframe::egui;

use super::message;
use crate::examples::gallery;
use crate::gui::app::{App, Command};
use crate::gui::theme;
use crate::gui::trainer::{PresentSource, Quiz, QuizItem, Stage, TrainerCommand};
use crate::i18n::Arg;
use crate::report::{MessageReport, Verdict};

pub fn ui(app: &mut App, ui: &mut egui::Ui) {
    let Some(quiz) = app.trainer.quiz.clone() else {
        return;
    };
    let mut cmds: Vec<Command> = Vec::new();
    egui::Panel::bottom("quiz-actions").show(ui, |ui| {
        ui.add_space(theme::BLOCK_GAP / 2.0);
        actions(app, ui, &quiz, &mut cmds);
        ui.add_space(theme::BLOCK_GAP / 2.0);
    });
    egui::ScrollArea::vertical()
        .id_salt("quiz-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let size = app.settings.text_size;
            ui.set_max_width(ui.available_width().min(size * theme::READING_WIDTH_EMS));
            ui.heading(app.tr.tr("ui-quiz-heading"));
            match (quiz.stage(), quiz.current()) {
                (Stage::Finished, _) | (_, None) => finished(app, ui, &quiz),
                (stage, Some(item)) => question(app, ui, &quiz, stage, item),
            }
        });
    app.commands.extend(cmds);
}

/// A button a step larger than the body text, `accent` for the main action.
fn big_button(ui: &mut egui::Ui, app: &App, id: &str, accent: bool) -> bool {
    let size = theme::large_size(app.settings.text_size);
    let mut text = egui::RichText::new(app.tr.tr(id)).size(size);
    if accent {
        text = text.strong().color(app.palette().on_accent());
    }
    let mut button = egui::Button::new(text).min_size(egui::vec2(size * 5.0, size * 2.0));
    if accent {
        button = button.fill(app.palette().accent_fill());
    }
    ui.add(button).clicked()
}

/// The pinned bar: the question and its two answers, then "show next sign" and "next
/// message", then "start again".
fn actions(app: &App, ui: &mut egui::Ui, quiz: &Quiz, cmds: &mut Vec<Command>) {
    let large = theme::large_size(app.settings.text_size);
    let item = quiz.current();
    let report = item.and_then(|i| app.trainer.report(i.example));
    match (quiz.stage(), item) {
        (Stage::Asking, Some(_)) => {
            ui.label(egui::RichText::new(app.tr.tr("ui-quiz-question")).size(large));
            ui.horizontal_wrapped(|ui| {
                if big_button(ui, app, "ui-quiz-fraud", false) {
                    cmds.push(TrainerCommand::QuizAnswer(true).into());
                }
                if big_button(ui, app, "ui-quiz-not-fraud", false) {
                    cmds.push(TrainerCommand::QuizAnswer(false).into());
                }
            });
        }
        (Stage::Answered { .. }, Some(_)) => {
            let flags = report.map_or(0, |r| r.flags.len());
            let revealed = quiz.revealed().min(flags);
            // On the right, away from where "Fraud" / "Not fraud" were: a double click on
            // "Next message" must not answer the next question.
            let row = egui::Layout::right_to_left(egui::Align::Center);
            ui.allocate_ui_with_layout(egui::vec2(ui.available_width(), 0.0), row, |ui| {
                let (index, total) = quiz.progress();
                let next = if index < total {
                    "ui-quiz-next"
                } else {
                    "ui-quiz-see-score"
                };
                if big_button(ui, app, next, revealed == flags) {
                    cmds.push(TrainerCommand::QuizNext.into());
                }
                if revealed < flags && big_button(ui, app, "ui-quiz-show-sign", true) {
                    cmds.push(TrainerCommand::QuizReveal.into());
                }
            });
        }
        _ => {
            if quiz.score().1 > 0 && big_button(ui, app, "ui-quiz-restart", true) {
                cmds.push(TrainerCommand::QuizRestart.into());
            }
        }
    }
    if let Some(item) = item {
        let present = egui::Button::new(app.tr.tr("ui-present"));
        if ui.add_enabled(report.is_some(), present).clicked() {
            cmds.push(TrainerCommand::Present(PresentSource::Example(item.example)).into());
        }
    }
}

fn question(app: &mut App, ui: &mut egui::Ui, quiz: &Quiz, stage: Stage, item: QuizItem) {
    let (index, total) = quiz.progress();
    let progress = app.tr.tr_args(
        "ui-quiz-progress",
        &[("index", Arg::from(index)), ("total", Arg::from(total))],
    );
    ui.label(progress);
    ui.add_space(theme::BLOCK_GAP);
    let report = app.trainer.report(item.example).cloned();
    let palette = app.palette();
    let large = theme::large_size(app.settings.text_size);
    egui::Frame::new()
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(8)
        .inner_margin(theme::CARD_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let msg = report.clone().unwrap_or_else(|| unchecked(item.example));
            message::revealed(
                ui,
                &mut app.highlight,
                &msg,
                quiz.revealed(),
                palette,
                large,
            );
        });
    ui.add_space(theme::BLOCK_GAP);
    if let Stage::Answered { right } = stage {
        answered(app, ui, quiz, right, item, report.as_ref());
    }
}

/// The example's text without flags, while its check is still running.
fn unchecked(example: usize) -> MessageReport {
    MessageReport {
        index: 0,
        sender: None,
        timestamp: None,
        text: gallery()
            .get(example)
            .map(|e| e.text.clone())
            .unwrap_or_default(),
        media: None,
        chat: None,
        verdict: Verdict::NoSigns,
        score: 0,
        flags: Vec::new(),
    }
}

/// Right or wrong, what the message really is, and the signs revealed so far.
fn answered(
    app: &mut App,
    ui: &mut egui::Ui,
    quiz: &Quiz,
    right: bool,
    item: QuizItem,
    report: Option<&MessageReport>,
) {
    let palette = app.palette();
    let large = theme::large_size(app.settings.text_size);
    let tr = &app.tr;
    egui::Frame::new()
        .fill(palette.answer_fill(right))
        .corner_radius(8)
        .inner_margin(theme::CARD_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let verdict = if right {
                "ui-quiz-right"
            } else {
                "ui-quiz-wrong"
            };
            ui.label(
                egui::RichText::new(tr.tr(verdict))
                    .size(large)
                    .strong()
                    .color(palette.text()),
            );
            let truth = if item.fraud {
                "ui-quiz-was-fraud"
            } else {
                "ui-quiz-was-legit"
            };
            ui.label(egui::RichText::new(tr.tr(truth)).color(palette.text()));
        });
    ui.add_space(theme::BLOCK_GAP);
    let flags = report.map_or(&[][..], |r| &r.flags);
    let summary = match report {
        None => tr.tr("ui-checking"),
        // Never "safe": only that no known sign was found.
        Some(_) if flags.is_empty() => tr.tr("ui-trainer-no-signs"),
        Some(_) => tr.tr_args("ui-signs-found", &[("count", Arg::from(flags.len()))]),
    };
    let summary = ui.label(summary);
    if quiz.revealed() == 0 && std::mem::take(&mut app.trainer.scroll_to_newest) {
        // Just answered: bring the answer and the count of signs into view.
        summary.scroll_to_me(None);
    }
    let revealed = quiz.revealed().min(flags.len());
    for (n, flag) in flags.iter().take(revealed).enumerate() {
        let note = ui.scope(|ui| {
            message::flag_note(ui, n + 1, flag, tr, palette, app.settings.text_size);
        });
        if n + 1 == revealed && std::mem::take(&mut app.trainer.scroll_to_newest) {
            note.response.scroll_to_me(None);
        }
        ui.add_space(4.0);
    }
}

fn finished(app: &App, ui: &mut egui::Ui, quiz: &Quiz) {
    let (score, total) = quiz.score();
    if total == 0 {
        ui.label(app.tr.tr("ui-examples-none"));
        return;
    }
    ui.add_space(theme::BLOCK_GAP);
    ui.label(
        egui::RichText::new(app.tr.tr("ui-quiz-done"))
            .size(theme::large_size(app.settings.text_size))
            .strong(),
    );
    let line = app.tr.tr_args(
        "ui-quiz-score",
        &[("score", Arg::from(score)), ("total", Arg::from(total))],
    );
    ui.label(egui::RichText::new(line).font(theme::verdict_font(app.settings.text_size)));
}

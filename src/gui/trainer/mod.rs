//! Trainer mode's state: the example gallery's display choices, the quiz (fraud or not?) and
//! the presenter (one message full screen, red flags revealed one at a time), plus the
//! commands that change them.
//!
//! Owns the rules of the game (`quiz`: which message comes next, what counts as right; the
//! presenter: how many signs are shown); knows nothing about widgets. Views draw this state
//! and push [`TrainerCommand`]s, which the app applies once per frame like every other
//! command.

mod quiz;

pub use quiz::{QUIZ_ROUND_LEN, Quiz, QuizItem, Rng, Stage};

use eframe::egui;

use super::app::{App, Page};
use crate::examples;
use crate::i18n::Lang;
use crate::report::MessageReport;

/// One message shown full screen to a room, its red flags revealed one at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Presenter {
    /// The message and its flags.
    pub report: MessageReport,
    /// How many flags are revealed, in text order.
    pub revealed: usize,
    /// The page to go back to.
    pub return_to: Page,
    /// Scroll the newest revealed flag into view (set for one frame).
    pub scroll_pending: bool,
}

impl Presenter {
    /// Reveal one more flag (`true`) or hide the last one.
    pub fn step(&mut self, forward: bool) {
        self.revealed = if forward {
            (self.revealed + 1).min(self.report.flags.len())
        } else {
            self.revealed.saturating_sub(1)
        };
        self.scroll_pending = true;
    }
}

/// What the presenter is asked to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentSource {
    /// The message the checking page shows (the message box, or the chat's selected message).
    Shown,
    /// A gallery example; on the quiz page, with the flags the quiz has revealed.
    Example(usize),
}

/// Something the trainer views ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainerCommand {
    /// Put a gallery example in the message box and check it.
    OpenExample(usize),
    /// Enter presenter mode (full screen).
    Present(PresentSource),
    /// Presenter: reveal the next flag (`true`) or hide the last one.
    PresenterStep(bool),
    /// Leave presenter mode and full screen.
    LeavePresenter,
    /// Quiz: the learner answers "fraud" (`true`) or "not fraud".
    QuizAnswer(bool),
    /// Quiz: reveal the next red flag of the message.
    QuizReveal,
    /// Quiz: go on to the next message.
    QuizNext,
    /// Quiz: start a new round.
    QuizRestart,
}

/// Trainer mode's part of the window state.
#[derive(Debug, Default)]
pub struct Trainer {
    /// The gallery lists every language, not only the interface's.
    pub all_langs: bool,
    /// The gallery says which examples are fraud (off at first, so a trainer can ask the
    /// room before telling).
    pub show_answers: bool,
    /// The quiz, once opened.
    pub quiz: Option<Quiz>,
    /// Presenter mode, while on.
    pub presenter: Option<Presenter>,
    /// The check of every gallery example, index for index, once the background job is done.
    pub reports: Vec<MessageReport>,
    /// The gallery check has been started.
    pub(super) reports_requested: bool,
    /// Scroll the quiz's answer, or its newest revealed sign, into view (set for one frame).
    pub scroll_to_newest: bool,
}

impl Trainer {
    /// The check of gallery example `i`, when ready.
    pub fn report(&self, i: usize) -> Option<&MessageReport> {
        self.reports.get(i)
    }
}

impl App {
    /// Get ready to show `page`: the gallery's checks start in the background, and the quiz
    /// is made (in the interface language) the first time it opens.
    pub(super) fn prepare_trainer(&mut self, page: Page) {
        if !matches!(page, Page::Gallery | Page::Quiz) {
            return;
        }
        if !self.trainer.reports_requested {
            self.trainer.reports_requested = true;
            let texts = examples::gallery().iter().map(|e| e.text.clone()).collect();
            self.jobs_mut().check_examples(texts);
        }
        if page == Page::Quiz {
            let lang = self.settings.lang;
            let quiz = &mut self.trainer.quiz;
            if quiz.as_ref().is_none_or(|q| q.lang() != lang) {
                *quiz = Some(Quiz::from_time(lang));
            }
        }
    }

    /// The language changed: a quiz in the old language starts over in the new one.
    pub(super) fn trainer_follow_lang(&mut self, lang: Lang) {
        if self.trainer.quiz.as_ref().is_some_and(|q| q.lang() != lang) {
            self.trainer.quiz = Some(Quiz::from_time(lang));
        }
    }

    pub(super) fn apply_trainer(&mut self, cmd: TrainerCommand) {
        match cmd {
            TrainerCommand::OpenExample(i) => {
                if let Some(ex) = examples::gallery().get(i) {
                    self.set_text(ex.text.clone());
                    self.check_now();
                }
            }
            TrainerCommand::Present(source) => self.start_presenter(source),
            TrainerCommand::PresenterStep(forward) => {
                if let Some(p) = &mut self.trainer.presenter {
                    p.step(forward);
                }
            }
            TrainerCommand::LeavePresenter => {
                if let Some(p) = self.trainer.presenter.take() {
                    self.page = p.return_to;
                    self.set_fullscreen(false);
                }
            }
            TrainerCommand::QuizAnswer(fraud) => {
                if let Some(q) = &mut self.trainer.quiz {
                    q.answer(fraud);
                    self.trainer.scroll_to_newest = true;
                }
            }
            TrainerCommand::QuizReveal => {
                let Some(q) = &mut self.trainer.quiz else {
                    return;
                };
                let flags = (q.current())
                    .and_then(|i| self.trainer.reports.get(i.example))
                    .map_or(0, |r| r.flags.len());
                q.reveal_next(flags);
                self.trainer.scroll_to_newest = true;
            }
            TrainerCommand::QuizNext => {
                if let Some(q) = &mut self.trainer.quiz {
                    q.next();
                }
            }
            TrainerCommand::QuizRestart => {
                if let Some(q) = &mut self.trainer.quiz {
                    q.restart();
                }
            }
        }
    }

    fn start_presenter(&mut self, source: PresentSource) {
        let (report, revealed) = match source {
            PresentSource::Shown => match self.shown_message() {
                Some(r) => (r.clone(), 0),
                None => return,
            },
            PresentSource::Example(i) => {
                let Some(r) = self.trainer.report(i) else {
                    return;
                };
                // From the quiz, the room sees what the learner has revealed so far.
                let revealed = match (&self.trainer.quiz, self.page) {
                    (Some(q), Page::Quiz) if q.current().is_some_and(|c| c.example == i) => {
                        q.revealed()
                    }
                    _ => 0,
                };
                (r.clone(), revealed)
            }
        };
        self.trainer.presenter = Some(Presenter {
            report,
            revealed,
            return_to: self.page,
            scroll_pending: false,
        });
        self.set_fullscreen(true);
    }

    /// The presenter's keys, read in one place and turned into commands: → Space PageDown
    /// reveal, ← PageUp hide, Esc leaves. They are consumed, so a focused button does not
    /// also take Space.
    pub(super) fn presenter_keys(&mut self, ctx: &egui::Context) {
        use egui::{Key, Modifiers};
        let count = |keys: &[Key]| {
            ctx.input_mut(|i| {
                keys.iter()
                    .map(|&k| i.count_and_consume_key(Modifiers::NONE, k))
                    .sum::<usize>()
            })
        };
        let forward = count(&[Key::ArrowRight, Key::Space, Key::PageDown]);
        let back = count(&[Key::ArrowLeft, Key::PageUp]);
        let leave = count(&[Key::Escape]) > 0;
        for _ in 0..forward {
            self.push(TrainerCommand::PresenterStep(true).into());
        }
        for _ in 0..back {
            self.push(TrainerCommand::PresenterStep(false).into());
        }
        if leave {
            self.push(TrainerCommand::LeavePresenter.into());
        }
    }
}

//! Trainer mode, driven headless with egui_kittest through the real window: the example
//! gallery (opening an example checks it), the quiz (answer, right or wrong, signs revealed
//! one by one, score, start again) with a fixed seed, and presenter mode's keys.

#![cfg(feature = "gui")]

use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use saq::examples::{Example, gallery};
use saq::gui::{App, Command, Page, Quiz, Stage};
use saq::i18n::{Lang, Localizer};

const SCAM_RU: &str = "Здравствуйте, я сотрудник службы безопасности Halyk Bank. По вашей карте подозрительная операция. Продиктуйте код из СМС, иначе карта будет заблокирована.";
const JOB_LIMIT: Duration = Duration::from_secs(120);

/// The window; a character no font can draw panics (the trainer's own words must render).
fn harness(lang: Lang) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        // A finished job wakes the window from its thread, which may land a few frames late.
        .with_max_steps(32)
        .build_eframe(move |cc| App::with_lang(&cc.egui_ctx, lang))
}

/// Open the top bar's "Learn" menu (the trainer's pages).
fn open_learn_menu(h: &mut Harness<'static, App>, tr: &Localizer) {
    h.get_by_label(&tr.tr("ui-learn")).click();
    h.run();
}

/// Finish the background jobs, then let the window settle.
fn settle(h: &mut Harness<'static, App>) {
    h.step();
    h.state_mut().wait_for_jobs(JOB_LIMIT);
    h.run();
}

fn examples_of(lang: Lang) -> Vec<(usize, &'static Example)> {
    (gallery().iter().enumerate())
        .filter(|(_, e)| e.lang == lang)
        .collect()
}

/// The Fullscreen commands the window sent in the last frame.
fn fullscreen_commands(h: &Harness<'static, App>) -> Vec<bool> {
    (h.output().viewport_output.values())
        .flat_map(|v| v.commands.iter())
        .filter_map(|c| match c {
            egui::ViewportCommand::Fullscreen(on) => Some(*on),
            _ => None,
        })
        .collect()
}

/// One key-down event in one frame, so that frame's output can be inspected.
fn key_down_one_frame(h: &mut Harness<'static, App>, key: egui::Key) {
    h.event(egui::Event::Key {
        key,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
        repeat: false,
        physical_key: None,
    });
    h.step();
}

#[test]
fn opening_a_gallery_example_fills_the_message_box_and_gives_a_verdict() {
    let tr = Localizer::new(Lang::En);
    let mut h = harness(Lang::En);
    open_learn_menu(&mut h, &tr);
    h.get_by_label(&tr.tr("ui-examples")).click();
    settle(&mut h);
    assert_eq!(h.state().page, Page::Gallery);
    h.get_by_label(&tr.tr("ui-gallery-heading"));
    let en = examples_of(Lang::En);
    assert!(!en.is_empty());
    let open = tr.tr("ui-gallery-open");
    assert_eq!(h.get_all_by_label(&open).count(), en.len(), "one card each");
    // Whether an example is fraud stays hidden until the trainer asks.
    let fraud_word = tr.tr("ui-gallery-fraud");
    let look_alike = tr.tr("ui-gallery-look-alike");
    assert!(h.query_by_label(&fraud_word).is_none());
    h.get_by_label(&tr.tr("ui-gallery-show-answers")).click();
    h.run();
    let frauds = en.iter().filter(|(_, e)| e.fraud).count();
    assert_eq!(h.query_all_by_label(&fraud_word).count(), frauds);
    assert_eq!(h.query_all_by_label(&look_alike).count(), en.len() - frauds);
    // Every language on request.
    h.get_by_label(&tr.tr("ui-gallery-all-langs")).click();
    h.run();
    assert_eq!(h.get_all_by_label(&open).count(), gallery().len());
    h.get_by_label(&tr.tr("ui-gallery-all-langs")).click();
    h.run();
    // Open the first English example: it lands in the message box and is checked.
    let (_, first) = en[0];
    h.get_all_by_label(&open)
        .next()
        .expect("an example card")
        .click();
    settle(&mut h);
    assert_eq!(h.state().page, Page::Check);
    assert_eq!(h.state().text, first.text);
    let report = h.state().text_report().cloned().expect("checked");
    h.get_by_label(&tr.tr(report.verdict.fluent_id()));
    if first.fraud {
        assert!(
            !report.flags.is_empty(),
            "{}: a fraud example has flags",
            first.id
        );
    }
}

#[test]
fn the_quiz_asks_reveals_scores_and_restarts() {
    let tr = Localizer::new(Lang::En);
    let mut h = harness(Lang::En);
    // A fixed seed: the same order every run.
    h.state_mut().trainer.quiz = Some(Quiz::new(Lang::En, 42));
    open_learn_menu(&mut h, &tr);
    h.get_by_label(&tr.tr("ui-quiz")).click();
    settle(&mut h);
    assert_eq!(h.state().page, Page::Quiz);
    let round = h.state().trainer.quiz.as_ref().map(Quiz::round);
    let round = round.expect("the quiz is open");
    assert_eq!(
        round,
        Quiz::new(Lang::En, 42).round(),
        "the seed fixes the order"
    );
    let total = round.len();
    assert_eq!(
        total,
        examples_of(Lang::En).len().min(saq::gui::QUIZ_ROUND_LEN)
    );
    let mut seen = round.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), total, "no repeats in a round");

    let mut right = 0;
    for (n, &i) in round.iter().enumerate() {
        let ex = &gallery()[i];
        assert_eq!(ex.lang, Lang::En);
        let progress = tr.tr_args(
            "ui-quiz-progress",
            &[("index", (n + 1).into()), ("total", total.into())],
        );
        h.get_by_label(&progress);
        if saq::links::find_links(&ex.text).is_empty() {
            h.get_by_label(&ex.text);
        }
        // Nothing is revealed before the answer.
        assert!(h.query_by_label(&tr.tr("ui-quiz-show-sign")).is_none());
        // Answer right on even questions, wrong on odd ones.
        let say_fraud = if n % 2 == 0 { ex.fraud } else { !ex.fraud };
        let button = if say_fraud {
            "ui-quiz-fraud"
        } else {
            "ui-quiz-not-fraud"
        };
        h.get_by_label(&tr.tr(button)).click();
        h.run();
        let is_right = say_fraud == ex.fraud;
        right += usize::from(is_right);
        let verdict = if is_right {
            "ui-quiz-right"
        } else {
            "ui-quiz-wrong"
        };
        h.get_by_label(&tr.tr(verdict));
        let truth = if ex.fraud {
            "ui-quiz-was-fraud"
        } else {
            "ui-quiz-was-legit"
        };
        h.get_by_label(&tr.tr(truth));
        let stage = h.state().trainer.quiz.as_ref().map(Quiz::stage);
        assert_eq!(stage, Some(Stage::Answered { right: is_right }));

        let report = h.state().trainer.report(i).cloned().expect("checked");
        if report.flags.is_empty() {
            h.get_by_label(&tr.tr("ui-trainer-no-signs"));
            assert!(h.query_by_label(&tr.tr("ui-quiz-show-sign")).is_none());
        } else {
            let count = report.flags.len();
            h.get_by_label(&tr.tr_args("ui-signs-found", &[("count", count.into())]));
            for (k, flag) in report.flags.iter().enumerate() {
                let title = format!("{}. {}", k + 1, tr.tr(&flag.category.fluent_id()));
                assert!(h.query_by_label(&title).is_none(), "not yet: {title}");
                h.get_by_label(&tr.tr("ui-quiz-show-sign")).click();
                h.run();
                let revealed = h.state().trainer.quiz.as_ref().map(Quiz::revealed);
                assert_eq!(revealed, Some(k + 1));
                h.get_by_label(&title);
                assert!(h.query_all_by_label(&flag.explanation(&tr)).count() >= 1);
            }
            assert!(
                h.query_by_label(&tr.tr("ui-quiz-show-sign")).is_none(),
                "every sign is shown"
            );
        }
        let next = if n + 1 < total {
            "ui-quiz-next"
        } else {
            "ui-quiz-see-score"
        };
        h.get_by_label(&tr.tr(next)).click();
        h.run();
    }
    assert_eq!(
        h.state().trainer.quiz.as_ref().map(Quiz::stage),
        Some(Stage::Finished)
    );
    assert_eq!(right, total.div_ceil(2));
    let score = tr.tr_args(
        "ui-quiz-score",
        &[("score", right.into()), ("total", total.into())],
    );
    h.get_by_label(&score);

    h.get_by_label(&tr.tr("ui-quiz-restart")).click();
    h.run();
    let quiz = h.state().trainer.quiz.clone().expect("the quiz");
    assert_eq!(quiz.stage(), Stage::Asking);
    assert_eq!(quiz.score(), (0, total));
    assert!(h.query_by_label(&score).is_none());
    h.get_by_label(&tr.tr_args(
        "ui-quiz-progress",
        &[("index", 1.into()), ("total", total.into())],
    ));
}

#[test]
fn presenter_keys_reveal_hide_and_leave() {
    let tr = Localizer::new(Lang::Ru);
    let mut h = harness(Lang::Ru);
    h.state_mut().text = SCAM_RU.into();
    h.state_mut().push(Command::TextEdited);
    settle(&mut h);
    let report = h.state().text_report().cloned().expect("checked");
    let n = report.flags.len();
    assert!(n >= 2, "the scam has several flags: {n}");

    h.get_by_label(&tr.tr("ui-present")).click();
    h.run();
    assert!(h.state().fullscreen(), "full screen asked for");
    let revealed =
        |h: &Harness<'static, App>| h.state().trainer.presenter.as_ref().map(|p| p.revealed);
    assert_eq!(revealed(&h), Some(0));
    // Toolbar and side panels are hidden; the key hint shows.
    assert!(h.query_by_label(&tr.tr("ui-paste")).is_none());
    assert!(h.query_by_label(&tr.tr("ui-what-to-do")).is_none());
    h.get_by_label(&tr.tr("ui-presenter-keys"));
    let shown = |k: usize| {
        tr.tr_args(
            "ui-signs-shown",
            &[("index", k.into()), ("count", n.into())],
        )
    };
    h.get_by_label(&shown(0));

    // → reveals one more sign, with its explanation.
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(revealed(&h), Some(1));
    h.get_by_label(&shown(1));
    let first = &report.flags[0];
    h.get_by_label(&format!("1. {}", tr.tr(&first.category.fluent_id())));
    h.get_by_label(&first.explanation(&tr));
    // Space and PageDown reveal too, never past the last sign.
    h.key_press(egui::Key::Space);
    h.run();
    assert_eq!(revealed(&h), Some(2));
    for _ in 0..n + 2 {
        h.key_press(egui::Key::PageDown);
    }
    h.run();
    assert_eq!(revealed(&h), Some(n));
    // ← and PageUp hide the last one.
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(revealed(&h), Some(n - 1));
    h.get_by_label(&shown(n - 1));
    h.key_press(egui::Key::PageUp);
    h.run();
    assert_eq!(revealed(&h), Some(n - 2));

    // Esc leaves: full screen off (sent to the window), the checking page back.
    key_down_one_frame(&mut h, egui::Key::Escape);
    assert_eq!(fullscreen_commands(&h), vec![false]);
    h.run();
    assert!(h.state().trainer.presenter.is_none());
    assert!(!h.state().fullscreen());
    assert_eq!(h.state().page, Page::Check);
    h.get_by_label(&tr.tr("ui-paste"));
    assert_eq!(h.state().text, SCAM_RU, "the message is still there");
}

#[test]
fn presenting_from_the_quiz_returns_to_the_quiz() {
    let tr = Localizer::new(Lang::Kk);
    let mut h = harness(Lang::Kk);
    h.state_mut().trainer.quiz = Some(Quiz::new(Lang::Kk, 7));
    h.state_mut().push(Command::ShowPage(Page::Quiz));
    settle(&mut h);
    let current = h.state().trainer.quiz.as_ref().and_then(Quiz::current);
    let current = current.expect("a question");
    h.get_by_label(&tr.tr("ui-present")).click();
    h.run();
    let presented = h
        .state()
        .trainer
        .presenter
        .as_ref()
        .map(|p| p.report.text.clone());
    assert_eq!(
        presented.as_deref(),
        Some(gallery()[current.example].text.as_str())
    );
    // The room has not seen the answer: nothing is revealed yet.
    assert_eq!(
        h.state().trainer.presenter.as_ref().map(|p| p.revealed),
        Some(0)
    );
    key_down_one_frame(&mut h, egui::Key::Escape);
    assert_eq!(fullscreen_commands(&h), vec![false]);
    h.run();
    assert_eq!(h.state().page, Page::Quiz);
    h.get_by_label(&tr.tr("ui-quiz-question"));
}

#[test]
fn entering_the_presenter_asks_for_full_screen() {
    let mut h = harness(Lang::En);
    h.state_mut().text = SCAM_RU.into();
    h.state_mut().push(Command::TextEdited);
    settle(&mut h);
    h.state_mut()
        .push(saq::gui::TrainerCommand::Present(saq::gui::PresentSource::Shown).into());
    h.step();
    assert_eq!(fullscreen_commands(&h), vec![true]);
    h.run();
    assert!(h.state().trainer.presenter.is_some());
}

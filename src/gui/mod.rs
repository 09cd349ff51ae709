//! The desktop window (`saq` with no subcommand): paste or open, see the verdict, the red
//! flags in the text and what to do. Built with eframe/egui on top of the library API.
//!
//! Reads `Report`s and asks `i18n` for words; never opens links, never sends anything.

mod app;
mod chat_state;
mod highlight;
mod job;
mod picker;
mod picture_state;
mod sharing;
mod theme;
mod trainer;
mod views;

pub use app::{App, Command, DEBOUNCE, Page, Settings};
pub use picture_state::{DrawnBox, PictureView};
pub use sharing::{Notice, ShareCommand, ShareKind, ShareState};
pub use trainer::{
    PresentSource, Presenter, QUIZ_ROUND_LEN, Quiz, QuizItem, Rng, Stage, Trainer, TrainerCommand,
};
pub use views::editor_id;

use std::process::ExitCode;

use eframe::egui;

/// Open the window and run until it is closed; with `open`, that file is read and checked at once (as if chosen with
/// Open file…), for `saq FILE` and a desktop's "Open with".
pub fn run(open: Option<std::path::PathBuf>) -> ExitCode {
    let tr = crate::i18n::Localizer::new(crate::i18n::Lang::from_system());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(tr.tr("ui-app-title"))
            // Fits a 1366×768 laptop screen with a title bar and a task bar; maximized, the
            // window uses the whole screen (the layout is made for 1280×720 and up).
            .with_inner_size([1200.0, 680.0])
            .with_maximized(true)
            .with_min_inner_size([640.0, 480.0])
            .with_drag_and_drop(true),
        // The same fonts on every machine: the bundled ones, not whatever the system has.
        system_font_fallback: false,
        ..Default::default()
    };
    match eframe::run_native(
        "saq",
        options,
        Box::new(move |cc| {
            let mut app = App::new(cc);
            if let Some(path) = open {
                app.push(Command::OpenFile(path));
            }
            Ok(Box::new(app))
        }),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("saq: {e}");
            ExitCode::from(2)
        }
    }
}

//! The window's state and its one `eframe::App`. Views draw from the state and push
//! [`Command`]s; the app applies them once per frame, after drawing, so no view mutates
//! deep state in the middle of a frame.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use serde::{Deserialize, Serialize};

pub use super::chat_state::ChatState;
use super::highlight::{self, EditorHighlighter, HighlightCache, Mark};
use super::job::{FileError, Jobs, Opened, Outcome};
use super::theme::{self, Palette};
use super::trainer::{Trainer, TrainerCommand};
use super::views;
use crate::i18n::{Lang, Localizer};
use crate::report::MessageReport;

/// Where eframe keeps [`Settings`].
const SETTINGS_KEY: &str = "saq-settings";
/// How long typing must pause before the text is checked.
pub const DEBOUNCE: Duration = Duration::from_millis(300);
/// How many recent files are remembered.
const RECENT_MAX: usize = 8;

/// What the window remembers between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Interface language.
    pub lang: Lang,
    /// Body text size in points.
    pub text_size: f32,
    /// Dark background.
    pub dark: bool,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::from_system(),
            text_size: theme::DEFAULT_TEXT_SIZE,
            dark: false,
            recent: Vec::new(),
        }
    }
}

/// Something a view asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Switch the interface language.
    SetLang(Lang),
    /// Make the text larger (positive) or smaller (negative) by this many points.
    ChangeTextSize(f32),
    /// Dark or light background.
    SetDark(bool),
    /// Put the clipboard's text into the message box (or read its picture).
    Paste,
    /// Read and check a picture pasted from the clipboard.
    PastePicture(std::sync::Arc<egui::ColorImage>),
    /// An opened picture: show its recognised text (true) or the picture (false).
    ShowRecognisedText(bool),
    /// An opened picture: as wide as the window, scrolling (true), or whole (false).
    PictureLarger(bool),
    /// Empty the message box.
    ClearText,
    /// The message box changed (start the debounce).
    TextEdited,
    /// Show the file dialog.
    PickFile,
    /// Read and check a file.
    OpenFile(PathBuf),
    /// The built-in file picker shows this folder (opening it if closed).
    PickerGo(PathBuf),
    /// Choose this file in the built-in file picker (Open reads it).
    PickerChoose(PathBuf),
    /// Close the built-in file picker.
    ClosePicker,
    /// Stop reading the file.
    CancelJob,
    /// Show a page.
    ShowPage(Page),
    /// Trainer mode: the gallery, the quiz and the presenter.
    Trainer(TrainerCommand),
    /// Select a flag of the shown message (and scroll to its span).
    SelectFlag(usize),
    /// Select a message of the chat.
    SelectMessage(usize),
    /// Go to the next (true) or previous flagged message of the chat.
    StepFlagged(bool),
    /// Show only flagged messages of the chat.
    SetFlaggedOnly(bool),
    /// Leave the chat and go back to the message box.
    CloseChat,
    /// Hide the error message.
    DismissError,
    /// Save a report or evidence sheet, or copy the summary.
    Share(super::sharing::ShareCommand),
}

impl From<TrainerCommand> for Command {
    fn from(cmd: TrainerCommand) -> Command {
        Command::Trainer(cmd)
    }
}

/// The pages of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Paste/open and see the result.
    Check,
    /// "How these scams work".
    Guide,
    /// The built-in example messages.
    Gallery,
    /// Fraud or not? A quiz over the examples.
    Quiz,
}

/// An error to show, localized when drawn (so it follows a language switch).
#[derive(Debug)]
pub enum ShownError {
    /// A file could not be read.
    Read(crate::Error),
    /// The built-in rules could not be loaded.
    Rules,
    /// A report could not be written.
    Save(crate::Error),
}

/// The Saq window.
pub struct App {
    /// Persisted choices.
    pub settings: Settings,
    /// Words in the current language.
    pub tr: Localizer,
    jobs: Jobs,
    /// The page shown.
    pub page: Page,
    /// The message box.
    pub text: String,
    generation: u64,
    /// When (egui time, seconds) the text last changed and is not yet checked.
    edited_at: Option<f64>,
    /// The check of the message box (generation, report).
    text_report: Option<(u64, MessageReport)>,
    /// The opened chat.
    pub chat: Option<ChatState>,
    /// The selected flag of the shown message.
    pub selected_flag: Option<usize>,
    /// Scroll the message so the selected flag's span shows (set for one frame).
    pub scroll_to_flag: bool,
    /// Scroll the flag list so the selected flag's card shows (set for one frame: a box
    /// clicked on a picture selects a card that may be out of sight).
    pub scroll_to_card: bool,
    /// The error shown, if any.
    pub error: Option<ShownError>,
    /// Layout of the shown message.
    pub highlight: HighlightCache,
    /// Layout of the message box (the message with its flags marked, as it is edited).
    pub editor: EditorHighlighter,
    /// The built-in file picker, open when the system's file dialog could not be shown.
    pub picker: Option<super::picker::FilePicker>,
    /// The gallery, the quiz and the presenter.
    pub trainer: Trainer,
    /// Saving reports and copying the summary.
    pub share: super::sharing::ShareState,
    /// Whether the window was last asked to be full screen.
    fullscreen: bool,
    /// Viewport commands to send at the end of the frame.
    viewport_cmds: Vec<egui::ViewportCommand>,
    /// The first frame has been drawn.
    started: bool,
    pub(super) commands: Vec<Command>,
    paste_pending: bool,
    applied_style: Option<(f32, bool)>,
    /// Close after the first frame (`SAQ_EXIT_AFTER_FIRST_FRAME=1`): how the README's
    /// start-to-first-frame figure is timed from outside the process.
    exit_after_first_frame: bool,
}

impl App {
    /// The app as eframe starts it: settings from storage, fonts installed.
    pub fn new(cc: &eframe::CreationContext<'_>) -> App {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let mut app = App::with_settings(&cc.egui_ctx, settings);
        app.exit_after_first_frame = std::env::var_os("SAQ_EXIT_AFTER_FIRST_FRAME").is_some();
        app
    }

    /// The app with default settings in `lang`, without storage (for tests).
    pub fn with_lang(ctx: &egui::Context, lang: Lang) -> App {
        App::with_settings(
            ctx,
            Settings {
                lang,
                ..Settings::default()
            },
        )
    }

    /// The app with the given settings.
    pub fn with_settings(ctx: &egui::Context, settings: Settings) -> App {
        theme::install_fonts(ctx);
        // Ctrl +/− change the text size (below) rather than egui's zoom of everything.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        App {
            tr: Localizer::new(settings.lang),
            settings,
            jobs: Jobs::new(ctx.clone()),
            page: Page::Check,
            text: String::new(),
            generation: 0,
            edited_at: None,
            text_report: None,
            chat: None,
            selected_flag: None,
            scroll_to_flag: false,
            scroll_to_card: false,
            error: None,
            highlight: HighlightCache::default(),
            editor: EditorHighlighter::default(),
            picker: None,
            trainer: Trainer::default(),
            share: super::sharing::ShareState::default(),
            fullscreen: false,
            viewport_cmds: Vec::new(),
            started: false,
            commands: Vec::new(),
            paste_pending: false,
            applied_style: None,
            exit_after_first_frame: false,
        }
    }

    /// Ask for `cmd` to be applied at the end of the frame.
    pub fn push(&mut self, cmd: Command) {
        self.commands.push(cmd);
    }

    /// Apply the queued commands now (tests; the window does it every frame).
    pub fn apply_commands(&mut self) {
        for cmd in std::mem::take(&mut self.commands) {
            self.apply(cmd);
        }
    }

    /// Start the pending check of the message box without waiting for the debounce.
    pub fn check_now(&mut self) {
        if self.edited_at.take().is_some() {
            self.start_text_check();
        }
    }

    /// Block until every background job has finished (up to `limit`) and apply the results.
    pub fn wait_for_jobs(&mut self, limit: Duration) {
        let until = std::time::Instant::now() + limit;
        self.apply_commands();
        self.check_now();
        while self.jobs.busy() {
            let left = until.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            let outcomes = self.jobs.poll(Some(left.min(Duration::from_millis(50))));
            self.apply_outcomes(outcomes);
            self.apply_commands();
        }
    }

    /// The current palette.
    pub fn palette(&self) -> Palette {
        Palette {
            dark: self.settings.dark,
        }
    }

    /// The check of the message box, if it is for the current text.
    pub fn text_report(&self) -> Option<&MessageReport> {
        match &self.text_report {
            Some((g, r)) if *g == self.generation && !self.text.trim().is_empty() => Some(r),
            _ => None,
        }
    }

    /// The last check of the message box, also while the text is being edited (the verdict
    /// and flags stay until the next check replaces them, instead of blinking away on every
    /// key); `None` when the box is empty.
    pub fn last_text_report(&self) -> Option<&MessageReport> {
        match &self.text_report {
            Some((_, r)) if !self.text.trim().is_empty() => Some(r),
            _ => None,
        }
    }

    /// Each flag of [`App::last_text_report`], marked where it is in the text now: its span
    /// follows edits made since the check, and is empty where an edit touched it.
    pub fn editor_marks(&self) -> Vec<Mark> {
        match self.last_text_report() {
            Some(r) => highlight::marks_for(&r.text, &r.flags, &self.text),
            None => Vec::new(),
        }
    }

    /// The message whose flags the side panel lists.
    pub fn shown_message(&self) -> Option<&MessageReport> {
        match &self.chat {
            Some(chat) => chat.selected_message(),
            None => self.last_text_report(),
        }
    }

    /// The running file job's path and progress, if any.
    pub fn file_job(&self) -> Option<&super::job::FileJob> {
        self.jobs.file_job()
    }

    /// Whether the window was last asked to be full screen (presenter mode).
    pub fn fullscreen(&self) -> bool {
        self.fullscreen
    }

    pub(super) fn set_fullscreen(&mut self, on: bool) {
        self.fullscreen = on;
        self.viewport_cmds
            .push(egui::ViewportCommand::Fullscreen(on));
    }

    pub(super) fn jobs_mut(&mut self) -> &mut Jobs {
        &mut self.jobs
    }

    /// Put `text` in the message box, on the checking page, as if typed.
    pub(super) fn set_text(&mut self, text: String) {
        self.chat = None;
        self.page = Page::Check;
        self.text = text;
        self.apply(Command::TextEdited);
    }

    /// Whether the message box is being checked.
    pub fn checking(&self) -> bool {
        self.edited_at.is_some() || self.jobs.checking_text()
    }

    fn start_text_check(&mut self) {
        self.jobs.check_text(self.text.clone(), self.generation);
    }

    fn apply_outcomes(&mut self, outcomes: Vec<Outcome>) {
        for outcome in outcomes {
            match outcome {
                Outcome::Text { generation, report } => {
                    if generation != self.generation {
                        continue;
                    }
                    match report {
                        Some(r) => self.text_report = Some((generation, r)),
                        None => self.error = Some(ShownError::Rules),
                    }
                }
                Outcome::File {
                    path,
                    pasted,
                    result,
                } => match result {
                    Ok(opened) => {
                        if !pasted {
                            self.remember(&path);
                        }
                        let Opened {
                            report,
                            source,
                            image,
                        } = opened;
                        self.show_opened(path, report, source, image);
                        if let Some(chat) = &mut self.chat {
                            chat.pasted = pasted;
                        }
                    }
                    Err(FileError::Read(e)) => self.error = Some(ShownError::Read(e)),
                    Err(FileError::Rules) => self.error = Some(ShownError::Rules),
                },
                Outcome::Picked(Some(path)) => self.push(Command::OpenFile(path)),
                Outcome::NoDialog => {
                    self.picker = Some(super::picker::FilePicker::new(self.picker_start()));
                }
                Outcome::Examples(Some(reports)) => self.trainer.reports = reports,
                Outcome::Examples(None) => self.error = Some(ShownError::Rules),
                Outcome::Picked(None) | Outcome::SaveChosen(_, None) => {}
                Outcome::SaveChosen(kind, Some(path)) => {
                    self.push(super::sharing::ShareCommand::SaveTo(kind, path).into());
                }
            }
        }
    }

    /// Show a read and checked file (what a finished file job does): its chat, or for a
    /// picture, `image` with the flags' boxes.
    pub fn show_opened(
        &mut self,
        path: PathBuf,
        report: crate::report::Report,
        source: crate::input::Source,
        image: Option<egui::ColorImage>,
    ) {
        self.error = None;
        self.selected_flag = None;
        self.scroll_to_card = false;
        self.page = Page::Check;
        self.chat = Some(ChatState::new(path, report, source, image));
    }

    /// Where the built-in picker starts: the folder of the last file, else the home folder.
    fn picker_start(&self) -> PathBuf {
        (self.settings.recent.first())
            .and_then(|p| p.parent())
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("/"))
    }

    fn remember(&mut self, path: &Path) {
        let recent = &mut self.settings.recent;
        recent.retain(|p| p != path);
        recent.insert(0, path.to_path_buf());
        recent.truncate(RECENT_MAX);
    }

    fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::SetLang(lang) => {
                self.settings.lang = lang;
                self.tr = Localizer::new(lang);
                self.trainer_follow_lang(lang);
            }
            Command::ChangeTextSize(delta) => {
                self.settings.text_size = (self.settings.text_size + delta)
                    .clamp(theme::MIN_TEXT_SIZE, theme::MAX_TEXT_SIZE);
            }
            Command::SetDark(dark) => self.settings.dark = dark,
            Command::Paste => self.paste_pending = true,
            Command::ClearText => {
                self.text.clear();
                self.generation += 1;
                self.edited_at = None;
                self.selected_flag = None;
            }
            Command::TextEdited => {
                self.generation += 1;
                self.selected_flag = None;
                // The real time is filled in by `ui`; tests call `check_now`.
                self.edited_at = Some(f64::NAN);
            }
            Command::PickFile => {
                if self.picker.is_none() {
                    self.jobs.pick_file(self.tr.tr("ui-file-filter"));
                }
            }
            Command::ClosePicker => self.picker = None,
            Command::PickerChoose(path) => {
                if let Some(p) = &mut self.picker {
                    p.chosen = Some(path);
                }
            }
            Command::PickerGo(dir) => match &mut self.picker {
                Some(p) => p.go(dir),
                None => self.picker = Some(super::picker::FilePicker::new(dir)),
            },
            Command::OpenFile(path) => {
                self.error = None;
                self.picker = None;
                self.jobs.open_file(path);
            }
            Command::PastePicture(image) => {
                self.error = None;
                self.picker = None;
                let name = PathBuf::from(self.tr.tr("ui-pasted-picture"));
                self.jobs.open_pasted(name, image);
            }
            Command::ShowRecognisedText(on) => {
                if let Some(view) = self.chat.as_mut().and_then(|c| c.picture.as_mut()) {
                    view.show_text = on;
                    self.scroll_to_flag = on && self.selected_flag.is_some();
                }
            }
            Command::PictureLarger(on) => {
                if let Some(view) = self.chat.as_mut().and_then(|c| c.picture.as_mut()) {
                    view.larger = on;
                    self.scroll_to_flag = on && self.selected_flag.is_some();
                }
            }
            Command::CancelJob => self.jobs.cancel_file(),
            Command::ShowPage(page) => {
                self.page = page;
                self.prepare_trainer(page);
            }
            Command::Trainer(cmd) => self.apply_trainer(cmd),
            Command::Share(cmd) => self.apply_share(cmd),
            Command::SelectFlag(i) => {
                self.selected_flag = Some(i);
                self.scroll_to_flag = true;
                self.scroll_to_card = true;
            }
            Command::SelectMessage(i) => {
                if let Some(chat) = &mut self.chat {
                    chat.selected = Some(i);
                }
                self.selected_flag = None;
            }
            Command::StepFlagged(forward) => {
                if let Some(chat) = &mut self.chat {
                    chat.step_flagged(forward);
                    self.selected_flag = None;
                }
            }
            Command::SetFlaggedOnly(only) => {
                if let Some(chat) = &mut self.chat {
                    chat.flagged_only = only;
                    chat.refilter();
                    chat.scroll_to_selected = true;
                }
            }
            Command::CloseChat => {
                self.chat = None;
                self.selected_flag = None;
            }
            Command::DismissError => self.error = None,
        }
    }

    /// Keyboard shortcuts, dropped files and pasted text, turned into commands.
    fn handle_input(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        if self.trainer.presenter.is_some() {
            // Full screen for a room: only the presenter's keys (and text size) apply.
            self.presenter_keys(ctx);
        }
        let larger = [
            KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus),
            KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals),
        ];
        let smaller = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
        let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        let prev = KeyboardShortcut::new(Modifiers::SHIFT, Key::F3);
        let next = KeyboardShortcut::new(Modifiers::NONE, Key::F3);
        let (bigger, less, open, prev, next) = ctx.input_mut(|i| {
            (
                larger.iter().any(|s| i.consume_shortcut(s)),
                i.consume_shortcut(&smaller),
                i.consume_shortcut(&open),
                i.consume_shortcut(&prev),
                i.consume_shortcut(&next),
            )
        });
        if bigger {
            self.push(Command::ChangeTextSize(theme::TEXT_SIZE_STEP));
        }
        if less {
            self.push(Command::ChangeTextSize(-theme::TEXT_SIZE_STEP));
        }
        if self.trainer.presenter.is_some() {
            return;
        }
        if open {
            self.push(Command::PickFile);
        }
        if prev || next {
            self.push(Command::StepFlagged(next && !prev));
        }
        let dropped = ctx.input(|i| {
            (i.raw.dropped_files.iter())
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            self.push(Command::OpenFile(path));
        }
        // A picture on the clipboard (egui gives one when the clipboard has no text) is read
        // like an opened one, whatever has the focus: no text box takes a picture.
        let picture = ctx.input_mut(|i| {
            let mut picture = None;
            i.events.retain(|e| match e {
                egui::Event::PasteImage(img) => {
                    picture = Some(std::sync::Arc::clone(img));
                    false
                }
                _ => true,
            });
            picture
        });
        if let Some(img) = picture {
            self.paste_pending = false;
            self.push(Command::PastePicture(img));
        }
        // Ctrl+V with nothing focused (or the Paste button) fills the message box; a focused
        // box handles its own Ctrl+V.
        let nothing_focused = ctx.memory(|m| m.focused().is_none());
        if self.paste_pending || nothing_focused {
            let pasted = ctx.input_mut(|i| {
                let mut text = None;
                i.events.retain(|e| match e {
                    egui::Event::Paste(t) => {
                        text = Some(t.clone());
                        false
                    }
                    _ => true,
                });
                text
            });
            if let Some(t) = pasted {
                self.paste_pending = false;
                self.set_text(t);
            }
        }
    }

    /// One frame of the window (also what the tests drive).
    fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let outcomes = self.jobs.poll(None);
        self.apply_outcomes(outcomes);
        self.handle_input(&ctx);
        let style = (self.settings.text_size, self.settings.dark);
        if self.applied_style != Some(style) {
            theme::apply(&ctx, style.0, style.1);
            self.applied_style = Some(style);
            // Panels keep the size they had with the old text size for this frame, which
            // leaves an unpainted band under the toolbar: draw once more with the new size.
            ctx.request_repaint();
        }
        views::show(self, ui);
        super::sharing::confirm_dialog(self, &ctx);
        super::picker::ui(self, &ctx);
        let cmds = std::mem::take(&mut self.commands);
        let paste = cmds.contains(&Command::Paste);
        if !cmds.is_empty() {
            // The frame just drawn predates the change: draw again with it applied.
            ctx.request_repaint();
        }
        for cmd in cmds {
            self.apply(cmd);
        }
        if paste {
            ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
        }
        if let Some(text) = self.share.clipboard.take() {
            ctx.copy_text(text);
        }
        if !std::mem::replace(&mut self.started, true)
            && ctx.input(|i| i.viewport().fullscreen == Some(true))
        {
            // eframe restores a window closed while presenting as full screen; without the
            // presenter there would be no Esc to leave it.
            self.set_fullscreen(false);
        }
        for cmd in std::mem::take(&mut self.viewport_cmds) {
            ctx.send_viewport_cmd(cmd);
        }
        // Debounce: check once typing has paused.
        let now = ctx.input(|i| i.time);
        if let Some(at) = self.edited_at {
            if at.is_nan() {
                self.edited_at = Some(now);
                ctx.request_repaint_after(DEBOUNCE);
            } else if now - at >= DEBOUNCE.as_secs_f64() {
                self.edited_at = None;
                self.start_text_check();
            } else {
                ctx.request_repaint_after(DEBOUNCE);
            }
        }
        if self.jobs.file_job().is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
        if self.exit_after_first_frame {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

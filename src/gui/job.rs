//! Background work: checking typed text and reading + checking files, off the UI thread.
//! The window starts a job, polls [`Jobs::poll`] once per frame and shows the progress of a
//! file job with a Cancel button. Also runs the file dialog, which blocks its thread.
//!
//! Owns threads and channels; knows nothing about widgets.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use eframe::egui;

use crate::conversation::ConversationStream;
use crate::engine::{self, Options};
use crate::error::{Error, PictureProblem};
use crate::input::picture::{MAX_PIXELS, MAX_SIDE, Picture};
use crate::input::{self, ReadControl, Source};
use crate::report::{MessageReport, Report};
use crate::rules::RuleSet;

/// What a finished job hands back.
#[derive(Debug)]
pub enum Outcome {
    /// The check of the typed text, for text generation `generation`.
    Text {
        /// Which edit of the text this is for (older results are dropped).
        generation: u64,
        /// The report, or `None` when the rules could not be loaded.
        report: Option<MessageReport>,
    },
    /// A file (or a pasted picture) was read and checked (or failed).
    File {
        /// The file (for a pasted picture, its localized name).
        path: PathBuf,
        /// Pasted from the clipboard, not opened from a file (not remembered as recent).
        pasted: bool,
        /// The report, where it came from and the picture to show, or the error.
        result: Result<Opened, FileError>,
    },
    /// The file dialog closed (`None`: the user chose nothing).
    Picked(Option<PathBuf>),
    /// No system file dialog could be shown (no desktop portal, no zenity): the window shows
    /// its own picker instead.
    NoDialog,
    /// The save dialog closed (`None`: the user chose nothing).
    SaveChosen(super::sharing::ShareKind, Option<PathBuf>),
    /// The checks of the example gallery, in gallery order (`None`: no rules).
    Examples(Option<Vec<MessageReport>>),
}

/// A file read and checked.
#[derive(Debug)]
pub struct Opened {
    /// The check of every message.
    pub report: Report,
    /// What the reader said about the input.
    pub source: Source,
    /// For a picture: the picture itself, decoded (and made smaller when larger than
    /// [`MAX_SHOWN_SIDE`]) for the window to show. `None` for text, or when it could not be
    /// decoded again (the recognised text still shows).
    pub image: Option<egui::ColorImage>,
}

/// A picture larger than this (either side, in pixels) is made smaller to be shown: every
/// GPU takes a texture of this size (egui refuses, with a panic, a texture larger than the
/// GPU's limit; 2048 is the least any renderer offers), and the picture is shown smaller.
pub const MAX_SHOWN_SIDE: u32 = 2048;

/// Why a file job failed.
#[derive(Debug)]
pub enum FileError {
    /// The reader's error (shown with the CLI's localized line).
    Read(crate::Error),
    /// The built-in rules could not be loaded.
    Rules,
}

/// Progress of the running file job, shared with its thread.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    /// The file is read; its messages are being checked (`done`/`total` count messages).
    checking: AtomicBool,
}

impl Progress {
    /// Whether the reading is over and the messages are being checked.
    pub fn checking(&self) -> bool {
        self.checking.load(Ordering::Relaxed)
    }

    /// Start the second stage: the bar counts checked messages from 0.
    fn start_checking(&self, messages: u64) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(messages, Ordering::Relaxed);
        self.checking.store(true, Ordering::Relaxed);
    }

    /// 0.0–1.0, or `None` while the total is unknown.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed);
        (total > 0).then(|| (done as f64 / total as f64).clamp(0.0, 1.0) as f32)
    }
}

/// The file job in progress.
#[derive(Debug)]
pub struct FileJob {
    /// The file being read.
    pub path: PathBuf,
    /// How far it got.
    pub progress: Arc<Progress>,
    /// A picture (pasted, or named like one): its text is being recognised.
    pub picture: bool,
    cancel: Arc<AtomicBool>,
}

/// The window's background jobs.
pub struct Jobs {
    tx: Sender<Outcome>,
    rx: Receiver<Outcome>,
    /// Compiled once, on the first job's thread, so the window opens at once.
    rules: Arc<OnceLock<Option<RuleSet>>>,
    ctx: egui::Context,
    file: Option<FileJob>,
    text_running: u64,
    picking: bool,
    examples_running: bool,
}

impl std::fmt::Debug for Jobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jobs")
            .field("file", &self.file)
            .field("text_running", &self.text_running)
            .finish_non_exhaustive()
    }
}

/// A file dialog that gives nothing back sooner than this was never shown.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// Whether rfd has a way to show a dialog: a desktop portal (needs a D-Bus session) or
/// zenity on the PATH. `SAQ_NO_SYSTEM_DIALOG=1` says no (the built-in picker is used).
fn system_dialog_possible() -> bool {
    if std::env::var_os("SAQ_NO_SYSTEM_DIALOG").is_some_and(|v| v == "1") {
        return false;
    }
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join("zenity").is_file()));
    zenity || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

fn rules(cell: &OnceLock<Option<RuleSet>>) -> Option<&RuleSet> {
    cell.get_or_init(|| RuleSet::builtin().ok()).as_ref()
}

impl Jobs {
    /// Jobs that wake `ctx` when they finish.
    pub fn new(ctx: egui::Context) -> Jobs {
        let (tx, rx) = channel();
        Jobs {
            tx,
            rx,
            rules: Arc::new(OnceLock::new()),
            ctx,
            file: None,
            text_running: 0,
            picking: false,
            examples_running: false,
        }
    }

    /// Check `text` on a thread; the outcome carries `generation`.
    pub fn check_text(&mut self, text: String, generation: u64) {
        self.text_running += 1;
        let (tx, rules_cell, ctx) = (self.tx.clone(), Arc::clone(&self.rules), self.ctx.clone());
        std::thread::spawn(move || {
            let report = rules(&rules_cell).map(|r| engine::check_text(r, &text));
            let _ = tx.send(Outcome::Text { generation, report });
            ctx.request_repaint();
        });
    }

    /// Check every example text on a thread (the gallery and the quiz reveal their flags).
    pub fn check_examples(&mut self, texts: Vec<String>) {
        self.examples_running = true;
        let (tx, rules_cell, ctx) = (self.tx.clone(), Arc::clone(&self.rules), self.ctx.clone());
        std::thread::spawn(move || {
            let reports = rules(&rules_cell)
                .map(|r| texts.iter().map(|t| engine::check_text(r, t)).collect());
            let _ = tx.send(Outcome::Examples(reports));
            ctx.request_repaint();
        });
    }

    /// Read and check a file on a thread, replacing (cancelling) any file job running.
    pub fn open_file(&mut self, path: PathBuf) {
        self.start_file_job(path, false, input::read_path_streamed_with);
    }

    /// Read and check a picture pasted from the clipboard, like a file named `name` (the
    /// name errors and the window show). The picture is made a PNG on the thread, so the
    /// same reader (size limits, Tesseract) reads it.
    pub fn open_pasted(&mut self, name: PathBuf, image: Arc<egui::ColorImage>) {
        self.start_file_job(name, true, move |path, ctl| {
            let png = png_of(&image, path)?;
            let shown = path.to_string_lossy().into_owned();
            input::from_bytes_streamed(png, &shown, path, ctl)
        });
    }

    fn start_file_job<F>(&mut self, path: PathBuf, pasted: bool, read: F)
    where
        F: FnOnce(&Path, &ReadControl) -> crate::Result<(ConversationStream, Source)>
            + Send
            + 'static,
    {
        self.cancel_file();
        let progress = Arc::new(Progress::default());
        let cancel = Arc::new(AtomicBool::new(false));
        let picture = pasted
            || (path.extension().and_then(|e| e.to_str())).is_some_and(|e| {
                super::picker::PICTURE_EXTENSIONS
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(e))
            });
        self.file = Some(FileJob {
            path: path.clone(),
            progress: Arc::clone(&progress),
            picture,
            cancel: Arc::clone(&cancel),
        });
        let (tx, rules_cell, ctx) = (self.tx.clone(), Arc::clone(&self.rules), self.ctx.clone());
        std::thread::spawn(move || {
            let report_progress = |done: u64, total: u64| {
                progress.done.store(done, Ordering::Relaxed);
                progress.total.store(total, Ordering::Relaxed);
                ctx.request_repaint_after(Duration::from_millis(100));
            };
            let ctl = ReadControl {
                progress: Some(&report_progress),
                cancel: Some(&cancel),
            };
            let result = match read(&path, &ctl) {
                Err(e) => Err(FileError::Read(e)),
                Ok((conv, source)) => match rules(&rules_cell) {
                    None => Err(FileError::Rules),
                    Some(r) => {
                        progress.start_checking(conv.len() as u64);
                        ctx.request_repaint();
                        let image = source.picture.as_deref().and_then(shown_image);
                        match engine::check_stream_controlled(r, conv, Options::default(), &ctl) {
                            Some(report) => Ok(Opened {
                                report,
                                source,
                                image,
                            }),
                            None => Err(FileError::Read(crate::Error::Cancelled {
                                path: path.clone(),
                            })),
                        }
                    }
                },
            };
            let _ = tx.send(Outcome::File {
                path,
                pasted,
                result,
            });
            ctx.request_repaint();
        });
    }

    /// Ask the running file job to stop; its outcome arrives as a "cancelled" error.
    pub fn cancel_file(&mut self) {
        if let Some(job) = self.file.take() {
            job.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Show the file dialog on a thread (it blocks until the user chooses).
    pub fn pick_file(&mut self, filter_name: String) {
        if self.picking {
            return;
        }
        self.picking = true;
        let (tx, ctx) = (self.tx.clone(), self.ctx.clone());
        std::thread::spawn(move || {
            let outcome = if system_dialog_possible() {
                let asked = std::time::Instant::now();
                let picked = rfd::FileDialog::new()
                    .add_filter(filter_name, &super::picker::EXTENSIONS)
                    .pick_file();
                // rfd gives the same `None` for "cancelled" and "no dialog could be shown";
                // nobody closes a real dialog within a fraction of a second.
                match picked {
                    None if asked.elapsed() < NO_DIALOG_WITHIN => Outcome::NoDialog,
                    picked => Outcome::Picked(picked),
                }
            } else {
                Outcome::NoDialog
            };
            let _ = tx.send(outcome);
            ctx.request_repaint();
        });
    }

    /// Show the save dialog on a thread, proposing `name`.
    pub fn save_dialog(&mut self, kind: super::sharing::ShareKind, name: String, filter: String) {
        if self.picking {
            return;
        }
        self.picking = true;
        let (tx, ctx) = (self.tx.clone(), self.ctx.clone());
        std::thread::spawn(move || {
            let chosen = rfd::FileDialog::new()
                .add_filter(filter, &["html", "htm"])
                .set_file_name(name)
                .save_file();
            let _ = tx.send(Outcome::SaveChosen(kind, chosen));
            ctx.request_repaint();
        });
    }

    /// The file job in progress, if any.
    pub fn file_job(&self) -> Option<&FileJob> {
        self.file.as_ref()
    }

    /// Whether a text check is running.
    pub fn checking_text(&self) -> bool {
        self.text_running > 0
    }

    /// Whether any job is running.
    pub fn busy(&self) -> bool {
        self.text_running > 0 || self.file.is_some() || self.picking || self.examples_running
    }

    /// Finished jobs' outcomes; with `wait`, block (up to `wait`) for the first one.
    pub fn poll(&mut self, wait: Option<Duration>) -> Vec<Outcome> {
        let mut out = Vec::new();
        if let Some(timeout) = wait
            && let Ok(o) = self.rx.recv_timeout(timeout)
        {
            out.push(o);
        }
        out.extend(self.rx.try_iter());
        // A cancelled or replaced file job still reports; only the current one counts.
        out.retain(|o| match o {
            Outcome::Text { .. } => {
                self.text_running = self.text_running.saturating_sub(1);
                true
            }
            Outcome::File { path, .. } => {
                let current = self.file.as_ref().is_some_and(|j| &j.path == path);
                if current {
                    self.file = None;
                }
                current
            }
            Outcome::Picked(_) | Outcome::NoDialog | Outcome::SaveChosen(..) => {
                self.picking = false;
                true
            }
            Outcome::Examples(_) => {
                self.examples_running = false;
                true
            }
        });
        out
    }
}

/// A pasted picture as PNG bytes, refused (as a file would be) when larger than Saq reads.
fn png_of(image: &egui::ColorImage, path: &Path) -> crate::Result<Vec<u8>> {
    let problem = |problem| Error::Picture {
        path: path.to_path_buf(),
        problem,
    };
    let [w, h] = image.size;
    let (width, height) = (
        u32::try_from(w).unwrap_or(u32::MAX),
        u32::try_from(h).unwrap_or(u32::MAX),
    );
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(problem(PictureProblem::TooLarge { width, height }));
    }
    if width == 0 || height == 0 {
        return Err(problem(PictureProblem::Damaged));
    }
    let rgba: Vec<u8> = (image.pixels.iter())
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    crate::input::picture::encode_png(&rgba, width, height, image::ExtendedColorType::Rgba8)
        .ok_or_else(|| problem(PictureProblem::Damaged))
}

/// The picture decoded for showing, no side longer than [`MAX_SHOWN_SIDE`]. The reader has
/// already checked its size, so decoding it again is bounded.
fn shown_image(picture: &Picture) -> Option<egui::ColorImage> {
    let img = image::load_from_memory(&picture.bytes).ok()?;
    Some(fit_image(img, MAX_SHOWN_SIDE))
}

/// `img` as egui's image, made smaller (keeping its proportions) when a side is over `max`.
pub fn fit_image(img: image::DynamicImage, max: u32) -> egui::ColorImage {
    let img = if img.width() > max || img.height() > max {
        img.resize(max, max, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let rgba = img.to_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw())
}

//! The window's share actions over [`crate::share`]: "Save report…", "Evidence sheet…" and
//! "Copy summary". A file is written only to a name the user chose in the file dialog, and
//! an existing file is replaced only after the user confirms it in the window (whatever the
//! system dialog asked): never silently.

use std::borrow::Cow;
use std::path::PathBuf;

use eframe::egui;

use super::app::{App, Command, ShownError};
use crate::report::Report;
use crate::share::{self, Origin};

/// Which page a save writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareKind {
    /// The HTML report of what is shown.
    Report,
    /// The evidence sheet for the police or the bank.
    Evidence,
}

impl ShareKind {
    /// Fluent id of the name the file dialog proposes.
    fn file_name_id(self) -> &'static str {
        match self {
            ShareKind::Report => "ui-report-file-name",
            ShareKind::Evidence => "ui-evidence-file-name",
        }
    }
}

/// What a share button asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareCommand {
    /// Show the save dialog for this kind of page.
    Save(ShareKind),
    /// Write to this file (chosen in the dialog); asks first when it exists.
    SaveTo(ShareKind, PathBuf),
    /// The answer to "replace the existing file?".
    ConfirmReplace(bool),
    /// Put the short summary on the clipboard.
    CopySummary,
}

impl From<ShareCommand> for Command {
    fn from(cmd: ShareCommand) -> Command {
        Command::Share(cmd)
    }
}

/// What the last share action did, shown under the buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A page was written to this file.
    Saved(PathBuf),
    /// The summary is on the clipboard.
    Copied,
}

/// The share actions' state.
#[derive(Debug, Default)]
pub struct ShareState {
    /// A chosen file exists: waiting for the user to say whether to replace it.
    pub confirm: Option<(ShareKind, PathBuf)>,
    /// What the last action did.
    pub notice: Option<Notice>,
    /// Text to put on the clipboard at the end of the frame.
    pub(super) clipboard: Option<String>,
}

impl App {
    /// The report shown on the checking page (the opened chat, else the checked message),
    /// the file it came from, and what the reader noted. A chat's report is borrowed, not
    /// copied: a 100 000-message chat is shared as it is.
    fn shown_for_sharing(
        &self,
    ) -> Option<(
        Cow<'_, Report>,
        Option<String>,
        &[crate::conversation::ReadNote],
    )> {
        if let Some(chat) = &self.chat {
            let path = Some(chat.path.display().to_string());
            return Some((Cow::Borrowed(&chat.report), path, &chat.source.notes));
        }
        let m = self.text_report()?.clone();
        let report = Report {
            verdict: m.verdict,
            messages: vec![m],
            system_lines: 0,
        };
        Some((Cow::Owned(report), None, &[]))
    }

    /// Whether there is something to share.
    pub fn can_share(&self) -> bool {
        self.chat.is_some() || self.text_report().is_some()
    }

    pub(super) fn apply_share(&mut self, cmd: ShareCommand) {
        match cmd {
            ShareCommand::Save(kind) => {
                let name = self.tr.tr(kind.file_name_id());
                let filter = self.tr.tr("ui-html-filter");
                self.jobs_mut().save_dialog(kind, name, filter);
            }
            ShareCommand::SaveTo(kind, path) => {
                if path.symlink_metadata().is_ok() {
                    self.share.confirm = Some((kind, path));
                } else {
                    self.write_page(kind, path, false);
                }
            }
            ShareCommand::ConfirmReplace(replace) => {
                if let Some((kind, path)) = self.share.confirm.take()
                    && replace
                {
                    self.write_page(kind, path, true);
                }
            }
            ShareCommand::CopySummary => {
                let summary = self
                    .shown_for_sharing()
                    .map(|(report, _, _)| share::summary::text(&report, &self.tr));
                if let Some(text) = summary {
                    self.share.clipboard = Some(text);
                    self.share.notice = Some(Notice::Copied);
                }
            }
        }
    }

    fn write_page(&mut self, kind: ShareKind, path: PathBuf, overwrite: bool) {
        let Some((report, from, notes)) = self.shown_for_sharing() else {
            return;
        };
        let origin = Origin::now(from);
        let page = match kind {
            ShareKind::Report => {
                let picture = (self.chat.as_ref()).and_then(|c| c.source.picture.as_deref());
                share::html::report_page_with_picture(&report, &origin, notes, picture, &self.tr)
            }
            ShareKind::Evidence => {
                let ev = share::evidence::Evidence::collect(&report.messages);
                share::evidence::page(&ev, &origin, &self.tr)
            }
        };
        match share::save::write_new(&path, page.as_bytes(), overwrite) {
            Ok(()) => {
                self.error = None;
                self.share.notice = Some(Notice::Saved(path));
            }
            Err(e) => self.error = Some(ShownError::Save(e)),
        }
    }
}

/// The share buttons and the last action's notice.
pub fn buttons(app: &mut App, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| button_row(app, ui));
    notice(app, ui);
}

/// The three sharing buttons, in the caller's row (nothing when there is nothing to share).
pub fn button_row(app: &mut App, ui: &mut egui::Ui) {
    if !app.can_share() {
        return;
    }
    if ui.button(app.tr.tr("ui-save-report")).clicked() {
        app.commands
            .push(ShareCommand::Save(ShareKind::Report).into());
    }
    if ui.button(app.tr.tr("ui-save-evidence")).clicked() {
        app.commands
            .push(ShareCommand::Save(ShareKind::Evidence).into());
    }
    if ui.button(app.tr.tr("ui-copy-summary")).clicked() {
        app.commands.push(ShareCommand::CopySummary.into());
    }
}

/// What the last save or copy did.
pub fn notice(app: &App, ui: &mut egui::Ui) {
    match &app.share.notice {
        Some(Notice::Copied) => {
            ui.label(app.tr.tr("ui-summary-copied"));
        }
        Some(Notice::Saved(path)) => {
            let shown = crate::i18n::Arg::from(path.display().to_string());
            ui.label(app.tr.tr_args("ui-page-saved", &[("path", shown)]));
        }
        None => {}
    }
}

/// "Replace the existing file?" over the whole window, while one is pending.
pub fn confirm_dialog(app: &mut App, ctx: &egui::Context) {
    let Some((_, path)) = &app.share.confirm else {
        return;
    };
    let name = crate::i18n::Arg::from(path.display().to_string());
    let question = app.tr.tr_args("ui-replace-question", &[("path", name)]);
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("replace-file")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.label(question);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(app.tr.tr("ui-replace")).clicked() {
                answer = Some(true);
            }
            if ui.button(app.tr.tr("ui-cancel")).clicked() {
                answer = Some(false);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(false);
    }
    if let Some(a) = answer {
        app.commands.push(ShareCommand::ConfirmReplace(a).into());
    }
}

//! The window's own file picker, for machines where the system's file dialog cannot be
//! shown (no desktop portal, no zenity: rfd then gives nothing back and Open did nothing).
//! A folder listing with Up, only the kinds of file Saq reads, and Open / Cancel.
//!
//! Owns the listing of one folder; opening the chosen file is the app's job (a command).

use std::path::{Path, PathBuf};

use eframe::egui;

use super::app::{App, Command};
use crate::i18n::Arg;

/// The file kinds Saq reads (as the system dialog's filter): chats and pictures.
pub const EXTENSIONS: [&str; 8] = ["txt", "zip", "json", "html", "png", "jpg", "jpeg", "webp"];

/// One row of the listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Name shown.
    pub name: String,
    /// Full path.
    pub path: PathBuf,
    /// A folder (opened on click) rather than a file.
    pub is_dir: bool,
}

/// The picker's state: the folder shown, its listing and the chosen file.
#[derive(Debug, Clone)]
pub struct FilePicker {
    /// The folder shown.
    pub dir: PathBuf,
    /// Its folders, then its readable files, each sorted by name; hidden ones left out.
    pub entries: Vec<Entry>,
    /// The folder could not be listed.
    pub unreadable: bool,
    /// The file chosen (Open reads it).
    pub chosen: Option<PathBuf>,
}

impl FilePicker {
    /// A picker showing `dir`.
    pub fn new(dir: PathBuf) -> FilePicker {
        let mut picker = FilePicker {
            dir: PathBuf::new(),
            entries: Vec::new(),
            unreadable: false,
            chosen: None,
        };
        picker.go(dir);
        picker
    }

    /// Show `dir` instead.
    pub fn go(&mut self, dir: PathBuf) {
        self.chosen = None;
        match list(&dir) {
            Some(entries) => {
                self.entries = entries;
                self.unreadable = false;
            }
            None => {
                self.entries.clear();
                self.unreadable = true;
            }
        }
        self.dir = dir;
    }
}

/// The picture kinds among [`EXTENSIONS`] (the status line says their text is recognised).
pub const PICTURE_EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];

/// Whether Saq reads files named like `path` (by extension, any case).
pub fn readable_kind(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Folders then readable files of `dir`, by name; `None` when it cannot be listed.
fn list(dir: &Path) -> Option<Vec<Entry>> {
    let mut entries: Vec<Entry> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            // Follows links, so a link to a folder is a folder.
            let is_dir = path.is_dir();
            let keep = !name.starts_with('.') && (is_dir || readable_kind(&path));
            keep.then_some(Entry { name, path, is_dir })
        })
        .collect();
    entries.sort_by(|a, b| {
        (b.is_dir.cmp(&a.is_dir)).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Some(entries)
}

/// Draw the picker, when open, over the window.
pub fn ui(app: &mut App, ctx: &egui::Context) {
    let Some(picker) = &app.picker else {
        return;
    };
    let tr = &app.tr;
    let mut cmds = Vec::new();
    let size = ctx.content_rect().size();
    let modal = egui::Modal::new(egui::Id::unique("file-picker")).show(ctx, |ui| {
        ui.set_width((size.x * 0.8).min(900.0));
        ui.heading(tr.tr("ui-picker-title"));
        let folder = Arg::from(picker.dir.display().to_string());
        ui.label(tr.tr_args("ui-picker-folder", &[("path", folder)]));
        ui.horizontal_wrapped(|ui| {
            if let Some(up) = picker.dir.parent()
                && ui.button(tr.tr("ui-picker-up")).clicked()
            {
                cmds.push(Command::PickerGo(up.to_path_buf()));
            }
            if let Some(home) = std::env::var_os("HOME")
                && ui.button(tr.tr("ui-picker-home")).clicked()
            {
                cmds.push(Command::PickerGo(PathBuf::from(home)));
            }
        });
        ui.label(egui::RichText::new(tr.tr("ui-picker-kinds")).small());
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height(size.y * 0.5)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if picker.unreadable {
                    ui.label(tr.tr("ui-picker-unreadable"));
                } else if picker.entries.is_empty() {
                    ui.label(tr.tr("ui-picker-empty"));
                }
                for entry in &picker.entries {
                    let text = if entry.is_dir {
                        format!("📁 {}", entry.name)
                    } else {
                        format!("📄 {}", entry.name)
                    };
                    let selected = picker.chosen.as_ref() == Some(&entry.path);
                    let row = ui.add(egui::Button::selectable(selected, text));
                    if entry.is_dir && row.clicked() {
                        cmds.push(Command::PickerGo(entry.path.clone()));
                    } else if row.double_clicked() {
                        cmds.push(Command::OpenFile(entry.path.clone()));
                    } else if row.clicked() {
                        cmds.push(Command::PickerChoose(entry.path.clone()));
                    }
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let open = egui::Button::new(tr.tr("ui-picker-open"));
            if let Some(path) = &picker.chosen {
                if ui.add(open).clicked() {
                    cmds.push(Command::OpenFile(path.clone()));
                }
            } else {
                ui.add_enabled(false, open);
            }
            if ui.button(tr.tr("ui-cancel")).clicked() {
                cmds.push(Command::ClosePicker);
            }
        });
    });
    if modal.should_close() && cmds.is_empty() {
        cmds.push(Command::ClosePicker);
    }
    app.commands.extend(cmds);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_first_then_only_readable_files() {
        let dir = std::env::temp_dir().join(format!("saq-picker-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("Чаты")).expect("temp dir");
        for name in [
            "b.TXT",
            "a.zip",
            "photo.JPG",
            "shot.webp",
            "song.mp3",
            ".hidden.txt",
            "export.html",
        ] {
            std::fs::write(dir.join(name), "x").expect("write");
        }
        let picker = FilePicker::new(dir.clone());
        let names: Vec<&str> = picker.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Чаты",
                "a.zip",
                "b.TXT",
                "export.html",
                "photo.JPG",
                "shot.webp"
            ]
        );
        assert!(picker.entries[0].is_dir && !picker.unreadable);
        let missing = FilePicker::new(dir.join("нет"));
        assert!(missing.unreadable && missing.entries.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

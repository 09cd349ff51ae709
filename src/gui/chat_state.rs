//! An opened chat export (or picture) and how the window is looking at it: which rows
//! show, which message is selected.

use std::collections::HashSet;
use std::path::PathBuf;

use eframe::egui;

use super::picture_state::PictureView;
use crate::input::Source;
use crate::report::{MessageReport, Report, Verdict};

/// An opened chat export and how it is being looked at.
#[derive(Debug)]
pub struct ChatState {
    /// The file.
    pub path: PathBuf,
    /// The check of every message.
    pub report: Report,
    /// What the reader said about the file.
    pub source: Source,
    /// How many different senders.
    pub senders: usize,
    /// Show only flagged messages.
    pub flagged_only: bool,
    /// Indexes (into `report.messages`) of the rows shown.
    pub rows: Vec<usize>,
    /// The selected message.
    pub selected: Option<usize>,
    /// Scroll the list so the selected row shows (set for one frame).
    pub scroll_to_selected: bool,
    /// For a picture: the picture, shown instead of the list.
    pub picture: Option<PictureView>,
    /// Pasted from the clipboard (`path` is then only its name).
    pub pasted: bool,
}

impl ChatState {
    pub(super) fn new(
        path: PathBuf,
        report: Report,
        source: Source,
        image: Option<egui::ColorImage>,
    ) -> ChatState {
        let senders = report
            .messages
            .iter()
            .filter_map(|m| m.sender.as_deref())
            .collect::<HashSet<_>>()
            .len();
        let picture = (source.picture.clone()).map(|p| PictureView::new(p, image, &report));
        let mut chat = ChatState {
            path,
            report,
            source,
            senders,
            flagged_only: false,
            rows: Vec::new(),
            selected: None,
            scroll_to_selected: false,
            picture,
            pasted: false,
        };
        chat.refilter();
        // Open on what the person came for: the first flagged message, its words marked in
        // the detail pane and its flags in the side list (or the only message there is). A
        // picture shows every flag on the picture itself, with no message list.
        if chat.picture.is_none() {
            chat.step_flagged(true);
            if chat.selected.is_none() && chat.report.messages.len() == 1 {
                chat.selected = Some(0);
            }
        }
        chat
    }

    pub(super) fn refilter(&mut self) {
        let only = self.flagged_only;
        self.rows = (self.report.messages.iter().enumerate())
            .filter(|(_, m)| !only || m.verdict != Verdict::NoSigns)
            .map(|(i, _)| i)
            .collect();
    }

    /// Select the next (or previous) flagged message, going round from the last to the
    /// first (or the first to the last), as a find-next does.
    pub(super) fn step_flagged(&mut self, forward: bool) {
        let msgs = &self.report.messages;
        let flagged = |i: &usize| msgs.get(*i).is_some_and(|m| m.verdict != Verdict::NoSigns);
        let len = msgs.len();
        let next = match (self.selected, forward) {
            (None, true) => (0..len).find(flagged),
            (None, false) => (0..len).rev().find(flagged),
            (Some(s), true) => (s + 1..len).chain(0..=s).find(flagged),
            (Some(s), false) => (0..s).rev().chain((s..len).rev()).find(flagged),
        };
        if let Some(n) = next {
            self.selected = Some(n);
            self.scroll_to_selected = true;
        }
    }

    /// The selected message's report.
    pub fn selected_message(&self) -> Option<&MessageReport> {
        self.selected.and_then(|i| self.report.messages.get(i))
    }
}

//! An opened picture as the window looks at it: the decoded image (then its texture), the
//! flags of all its messages in the order the flag list shows them, whether the recognised
//! text is shown instead of the picture, and where the last frame drew each flag's boxes.
//!
//! Owns no widgets; the picture view draws from it.

use std::sync::Arc;

use eframe::egui;

use super::highlight::HighlightCache;
use crate::input::picture::Picture;
use crate::report::{Flag, MessageReport, Report};

/// One flag's box as drawn in the last frame (what a click or the pointer is matched with).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrawnBox {
    /// The flag (an index into [`PictureView::flags`]).
    pub flag: usize,
    /// Where it was drawn, in screen points.
    pub rect: egui::Rect,
    /// Drawn as the selected flag's.
    pub selected: bool,
    /// A word under it was read with low confidence (drawn dashed).
    pub low_confidence: bool,
}

/// An opened picture and how it is looked at.
pub struct PictureView {
    /// The picture and its word boxes.
    pub picture: Arc<Picture>,
    /// The decoded picture, until the first frame makes it a texture.
    pending: Option<egui::ColorImage>,
    texture: Option<egui::TextureHandle>,
    /// Show the recognised text (with the usual highlights) instead of the picture.
    pub show_text: bool,
    /// Show the picture as wide as the space (scrolling) rather than whole.
    pub larger: bool,
    /// Every flag of every message as (message position, flag position), message by
    /// message: the flag list's order, and what the window's selected flag indexes.
    pub flags: Vec<(usize, usize)>,
    /// Where the last frame drew the picture (screen points), when it drew it.
    pub image_rect: Option<egui::Rect>,
    /// Where the last frame drew each flag's boxes.
    pub drawn: Vec<DrawnBox>,
    /// One layout cache per message, for the recognised text.
    pub(super) caches: Vec<HighlightCache>,
}

impl std::fmt::Debug for PictureView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PictureView")
            .field("width", &self.picture.width)
            .field("height", &self.picture.height)
            .field("show_text", &self.show_text)
            .field("larger", &self.larger)
            .field("flags", &self.flags)
            .field("drawn", &self.drawn)
            .finish_non_exhaustive()
    }
}

impl PictureView {
    pub(super) fn new(
        picture: Arc<Picture>,
        image: Option<egui::ColorImage>,
        report: &Report,
    ) -> PictureView {
        let flags = (report.messages.iter().enumerate())
            .flat_map(|(m, msg)| (0..msg.flags.len()).map(move |f| (m, f)))
            .collect();
        // Without the picture to show, the recognised text is all there is.
        let show_text = image.is_none();
        let larger = picture.height > picture.width;
        PictureView {
            picture,
            pending: image,
            texture: None,
            show_text,
            // A tall picture (a phone's screenshot) shown whole has letters too small to
            // read: it starts as wide as the space, scrolling.
            larger,
            flags,
            image_rect: None,
            drawn: Vec::new(),
            caches: report
                .messages
                .iter()
                .map(|_| HighlightCache::default())
                .collect(),
        }
    }

    /// The picture's texture, made from the decoded picture on first use; `None` when the
    /// picture could not be decoded for showing.
    pub fn texture(&mut self, ctx: &egui::Context) -> Option<&egui::TextureHandle> {
        if let Some(mut image) = self.pending.take() {
            // The job keeps pictures within what every GPU takes; a smaller limit still (a
            // software renderer) would make egui panic.
            let max = ctx.input(|i| i.max_texture_side);
            if image.size.iter().any(|&side| side > max) {
                let rgba: Vec<u8> = (image.pixels.iter())
                    .flat_map(|c| c.to_srgba_unmultiplied())
                    .collect();
                let [w, h] = image.size.map(|s| u32::try_from(s).unwrap_or(u32::MAX));
                let limit = u32::try_from(max).unwrap_or(u32::MAX);
                image = match image::RgbaImage::from_raw(w, h, rgba) {
                    Some(buf) => super::job::fit_image(buf.into(), limit),
                    None => return None,
                };
            }
            self.texture =
                Some(ctx.load_texture("saq-picture", image, egui::TextureOptions::LINEAR));
        }
        self.texture.as_ref()
    }

    /// Whether the picture can be shown (it was decoded).
    pub fn can_show_picture(&self) -> bool {
        self.pending.is_some() || self.texture.is_some()
    }

    /// Flag `i` of the list: its message and the flag.
    pub fn flag<'r>(&self, report: &'r Report, i: usize) -> Option<(&'r MessageReport, &'r Flag)> {
        let &(m, f) = self.flags.get(i)?;
        let msg = report.messages.get(m)?;
        Some((msg, msg.flags.get(f)?))
    }

    /// Whether a word under flag `i` was read with low confidence.
    pub fn low_confidence(&self, report: &Report, i: usize) -> bool {
        self.flag(report, i)
            .is_some_and(|(m, f)| self.picture.low_confidence(m.index, &f.span))
    }
}

//! Design tokens: colours, text sizes and spacing for the window, in one place, plus the
//! fonts the window needs. Views ask here instead of writing colour or size literals.

use eframe::egui;
use egui::{Color32, FontData, FontFamily, FontId, Stroke, TextStyle};

use crate::report::Verdict;

/// Body text size at start: large, because many readers are older people at a PC.
pub const DEFAULT_TEXT_SIZE: f32 = 20.0;
/// Smallest and largest body size the "A−"/"A+" controls allow.
pub const MIN_TEXT_SIZE: f32 = 14.0;
/// Largest body size (projector use).
pub const MAX_TEXT_SIZE: f32 = 40.0;
/// How much one Ctrl + / Ctrl − press changes the body size.
pub const TEXT_SIZE_STEP: f32 = 2.0;

/// Space between the big blocks of a screen.
pub const BLOCK_GAP: f32 = 12.0;
/// Inner margin of cards (verdict, flags).
pub const CARD_MARGIN: i8 = 12;
/// A window narrower than this many body-text heights shows the checking page in one
/// column (message, then what to do and the flags), not side by side.
pub const TWO_COLUMNS_EMS: f32 = 40.0;
/// Most of the side column that "What to do" takes before it scrolls: the first flag card
/// must stay in sight above it.
pub const ADVICE_MAX_SHARE: f32 = 0.3;
/// Rows of the message box in the one-column layout.
pub const NARROW_EDITOR_ROWS: usize = 8;

/// How much of a flag's fill covers a picture under its box: the words must stay readable.
pub const BOX_FILL_SHARE: f32 = 0.45;
/// A box drawn around a flagged word of a picture is this much larger than the word.
pub const BOX_PAD: f32 = 2.0;
/// Dash and gap of the outline of a box over words read with low confidence.
pub const BOX_DASH: (f32, f32) = (6.0, 4.0);
/// With less height than this many body-text heights, a picture fills the width and
/// scrolls instead of being shown whole (it would be a thumbnail).
pub const PICTURE_MIN_HEIGHT_EMS: f32 = 12.0;
/// A small picture is shown at most this many times its own size.
pub const PICTURE_MAX_ENLARGE: f32 = 2.0;

/// Width of the side column (flags, what to do) on the checking page: about a third of the
/// window, enough for 20–30 characters a line at the body size.
pub fn side_width(window_width: f32, text_size: f32) -> f32 {
    (window_width * 0.35).clamp(text_size * 16.0, text_size * 30.0)
}
/// Smallest presenter text, whatever the body size: read from the back of a room.
pub const PRESENTER_MIN_TEXT: f32 = 44.0;
/// Widest a page of reading text gets, in body-text heights (long lines are hard to follow).
pub const READING_WIDTH_EMS: f32 = 45.0;

/// Noto Sans: has the tenge sign ₸ that egui's built-in fonts lack (see TECH_NOTES).
const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
/// Noto Emoji 3.006, monochrome (egui cannot draw colour emoji fonts): the emoji of current
/// messages (🙏 🥰 🙂) that egui's older bundled emoji font lacks or maps to other symbols.
const NOTO_EMOJI: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");

/// egui's fonts plus the bundled ones, so "50 000 ₸ 🙏" renders the same on every machine:
/// Noto Emoji right after each family's main font (ahead of egui's own emoji fonts, whose
/// older tables would otherwise win), Noto Sans last (only ₸ and the like reach it).
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "NotoEmoji-Regular".to_owned(),
        std::sync::Arc::new(FontData::from_static(NOTO_EMOJI)),
    );
    fonts.font_data.insert(
        "NotoSans-Regular".to_owned(),
        std::sync::Arc::new(FontData::from_static(NOTO_SANS)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        let at = list.len().min(1);
        list.insert(at, "NotoEmoji-Regular".to_owned());
        list.push("NotoSans-Regular".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// The colours that depend on light or dark background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Palette {
    /// Dark background.
    pub dark: bool,
}

impl Palette {
    /// Fill of the verdict card.
    pub fn verdict_fill(self, v: Verdict) -> Color32 {
        match (v, self.dark) {
            (Verdict::Danger, false) => Color32::from_rgb(0xfd, 0xe2, 0xe1),
            (Verdict::Danger, true) => Color32::from_rgb(0x5c, 0x14, 0x14),
            (Verdict::Suspicious, false) => Color32::from_rgb(0xff, 0xf1, 0xc9),
            (Verdict::Suspicious, true) => Color32::from_rgb(0x57, 0x40, 0x07),
            (Verdict::NoSigns, false) => Color32::from_rgb(0xe3, 0xf1, 0xe6),
            (Verdict::NoSigns, true) => Color32::from_rgb(0x17, 0x3d, 0x22),
        }
    }

    /// Strong colour of a verdict: card border and icon.
    pub fn verdict_strong(self, v: Verdict) -> Color32 {
        match (v, self.dark) {
            (Verdict::Danger, false) => Color32::from_rgb(0xb3, 0x12, 0x12),
            (Verdict::Danger, true) => Color32::from_rgb(0xff, 0x8a, 0x80),
            (Verdict::Suspicious, false) => Color32::from_rgb(0x8a, 0x5a, 0x00),
            (Verdict::Suspicious, true) => Color32::from_rgb(0xff, 0xd0, 0x5c),
            (Verdict::NoSigns, false) => Color32::from_rgb(0x1b, 0x6b, 0x30),
            (Verdict::NoSigns, true) => Color32::from_rgb(0x8f, 0xd9, 0x9f),
        }
    }

    /// Main text colour (high contrast on both backgrounds).
    pub fn text(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0xf2, 0xf2, 0xf2)
        } else {
            Color32::from_rgb(0x11, 0x11, 0x11)
        }
    }

    /// Fill of the main action (the big Paste button), with white text on it.
    pub fn accent_fill(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0x2a, 0x5d, 0xb0)
        } else {
            Color32::from_rgb(0x1f, 0x5f, 0xc4)
        }
    }

    /// Fill behind the quiz's "right" (true) or "not quite" (false).
    pub fn answer_fill(self, right: bool) -> Color32 {
        self.verdict_fill(if right {
            Verdict::NoSigns
        } else {
            Verdict::Danger
        })
    }

    /// Fill of the gallery's "fraud" (true) or "not fraud" (false) badge.
    pub fn fraud_fill(self, fraud: bool) -> Color32 {
        self.verdict_fill(if fraud {
            Verdict::Danger
        } else {
            Verdict::NoSigns
        })
    }

    /// Text on the accent fill.
    pub fn on_accent(self) -> Color32 {
        Color32::WHITE
    }

    /// Background behind a flagged span, stronger for heavier flags.
    pub fn span_fill(self, weight: u8, selected: bool) -> Color32 {
        if selected {
            return if self.dark {
                Color32::from_rgb(0x1f, 0x4e, 0x9c)
            } else {
                Color32::from_rgb(0xb9, 0xd4, 0xff)
            };
        }
        match (weight, self.dark) {
            (3.., false) => Color32::from_rgb(0xff, 0xc4, 0xc0),
            (3.., true) => Color32::from_rgb(0x7a, 0x1f, 0x1f),
            (2, false) => Color32::from_rgb(0xff, 0xdc, 0xa8),
            (2, true) => Color32::from_rgb(0x6b, 0x44, 0x0a),
            (_, false) => Color32::from_rgb(0xff, 0xf3, 0xa6),
            (_, true) => Color32::from_rgb(0x55, 0x4d, 0x12),
        }
    }

    /// Outline of the selected flag's box on a picture.
    pub fn selection_strong(self) -> Color32 {
        self.accent_fill()
    }

    /// Underline of a flagged span (so the mark does not rely on colour alone).
    pub fn span_underline(self, weight: u8) -> Stroke {
        let v = if weight >= 3 {
            Verdict::Danger
        } else {
            Verdict::Suspicious
        };
        Stroke::new(2.0, self.verdict_strong(v))
    }
}

/// Apply the text size and light/dark choice to every style of the context.
pub fn apply(ctx: &egui::Context, text_size: f32, dark: bool) {
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let size = text_size.clamp(MIN_TEXT_SIZE, MAX_TEXT_SIZE);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::proportional(size * 1.4)),
            (TextStyle::Body, FontId::proportional(size)),
            (TextStyle::Button, FontId::proportional(size)),
            (TextStyle::Monospace, FontId::monospace(size)),
            (TextStyle::Small, FontId::proportional(size * 0.8)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(size * 0.5, size * 0.4);
        style.spacing.button_padding = egui::vec2(size * 0.5, size * 0.25);
        style.spacing.interact_size.y = size * 1.4;
        // Check boxes as large as the text next to them.
        style.spacing.icon_width = size * 0.9;
        style.spacing.icon_width_inner = size * 0.5;
        style.spacing.icon_spacing = size * 0.3;
        // A steady cursor: easier to find for older eyes, and an idle window then draws
        // nothing at all (a blinking one repaints twice a second).
        style.visuals.text_cursor.blink = false;
    });
}

/// Font for the verdict headline.
pub fn verdict_font(text_size: f32) -> FontId {
    FontId::proportional(text_size * 1.45)
}

/// Font for the body text of a highlighted message.
pub fn body_font(text_size: f32) -> FontId {
    FontId::proportional(text_size)
}

/// Text of big actions and of a quiz message: a step above the body.
pub fn large_size(text_size: f32) -> f32 {
    text_size * 1.25
}

/// Text of the presenter's message: very large, for a room or a projector.
pub fn presenter_size(text_size: f32) -> f32 {
    (text_size * 2.2).max(PRESENTER_MIN_TEXT)
}

/// Text of the presenter's explanations: large, but below the message.
pub fn presenter_note_size(text_size: f32) -> f32 {
    presenter_size(text_size) * 0.6
}

/// Margin around the presenter's message and notes.
pub fn presenter_margin(text_size: f32) -> f32 {
    presenter_size(text_size) * 0.5
}

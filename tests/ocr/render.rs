//! Test pictures drawn with the bundled font (Noto Sans): chat screenshots with bubbles and
//! time stamps, and document photos, so the OCR tests need no committed images.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{GrayImage, Luma};

const FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");

/// How big the picture and its text are.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// Picture width in pixels.
    pub width: u32,
    /// Font size in pixels.
    pub px: f32,
    /// Name for messages.
    pub name: &'static str,
}

/// A desktop window's screenshot: 800 px wide, 22 px text.
pub const DESKTOP: Scale = Scale {
    width: 800,
    px: 22.0,
    name: "desktop",
};

/// A phone screenshot: 1080 px wide (a common phone screen), 44 px text.
pub const PHONE: Scale = Scale {
    width: 1080,
    px: 44.0,
    name: "phone",
};

fn font() -> FontRef<'static> {
    // Invariant: the bundled font is a valid TrueType file (the window loads it too).
    FontRef::try_from_slice(FONT).expect("bundled font parses")
}

fn text_width(font: &FontRef, px: f32, s: &str) -> f32 {
    let f = font.as_scaled(PxScale::from(px));
    s.chars().map(|c| f.h_advance(font.glyph_id(c))).sum()
}

/// Split text into lines no wider than `max` pixels.
fn wrap(font: &FontRef, px: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && text_width(font, px, &candidate) > max {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        lines.push(line);
    }
    lines
}

fn draw(img: &mut GrayImage, font: &FontRef, px: f32, x: f32, top: f32, s: &str, ink: u8) {
    let scale = PxScale::from(px);
    let scaled = font.as_scaled(scale);
    let mut caret = x;
    for c in s.chars() {
        let id = font.glyph_id(c);
        let glyph = id.with_scale_and_position(scale, point(caret, top + scaled.ascent()));
        caret += scaled.h_advance(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let b = outline.px_bounds();
        outline.draw(|gx, gy, cov| {
            let (px_x, px_y) = (
                b.min.x as i64 + i64::from(gx),
                b.min.y as i64 + i64::from(gy),
            );
            if px_x < 0 || px_y < 0 || px_x >= img.width() as i64 || px_y >= img.height() as i64 {
                return;
            }
            let p = img.get_pixel_mut(px_x as u32, px_y as u32);
            let bg = f32::from(p.0[0]);
            p.0[0] = (bg + (f32::from(ink) - bg) * cov.clamp(0.0, 1.0)).round() as u8;
        });
    }
}

fn fill(img: &mut GrayImage, x: u32, y: u32, w: u32, h: u32, v: u8) {
    for yy in y..(y + h).min(img.height()) {
        for xx in x..(x + w).min(img.width()) {
            img.put_pixel(xx, yy, Luma([v]));
        }
    }
}

/// Who sent a chat message: the other person (bubble on the left) or me (on the right).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Incoming, left.
    Them,
    /// Outgoing, right.
    Me,
}

/// A chat screenshot: a header with the contact's name, then one bubble per message with
/// its time stamp at the bottom right.
pub fn chat(messages: &[(Side, &str)], contact: &str, s: Scale) -> GrayImage {
    let font = font();
    let line_h = (s.px * 1.35).ceil() as u32;
    let pad = (s.px * 0.5) as u32;
    let bubble_max = s.width as f32 * 0.72;
    let mut layouts = Vec::new();
    let mut height = line_h * 3;
    for (n, (side, text)) in messages.iter().enumerate() {
        let lines = wrap(&font, s.px, text, bubble_max - 2.0 * pad as f32);
        let time = format!("14:{:02}", 5 + n);
        let time_w = text_width(&font, s.px * 0.7, &time);
        let w = lines
            .iter()
            .map(|l| text_width(&font, s.px, l))
            .fold(time_w, f32::max)
            .ceil() as u32
            + 2 * pad;
        let h = line_h * lines.len() as u32 + (s.px * 0.9) as u32 + 2 * pad;
        height += h + line_h;
        layouts.push((*side, lines, time, w, h));
    }
    let mut img = GrayImage::from_pixel(s.width, height, Luma([232]));
    fill(&mut img, 0, 0, s.width, line_h * 2, 200);
    draw(
        &mut img,
        &font,
        s.px,
        pad as f32 * 2.0,
        line_h as f32 * 0.4,
        contact,
        20,
    );
    let mut y = line_h * 3;
    for (side, lines, time, w, h) in layouts {
        let x = match side {
            Side::Them => pad * 2,
            Side::Me => s.width - w - pad * 2,
        };
        fill(
            &mut img,
            x,
            y,
            w,
            h,
            if side == Side::Me { 214 } else { 255 },
        );
        let mut ty = (y + pad) as f32;
        for l in &lines {
            draw(&mut img, &font, s.px, (x + pad) as f32, ty, l, 25);
            ty += line_h as f32;
        }
        let tw = text_width(&font, s.px * 0.7, &time);
        draw(
            &mut img,
            &font,
            s.px * 0.7,
            (x + w - pad) as f32 - tw,
            ty,
            &time,
            110,
        );
        y += h + line_h;
    }
    img
}

/// A document: a heading and paragraphs on white, with margins.
pub fn document(heading: &str, body: &str, s: Scale) -> GrayImage {
    let font = font();
    let margin = s.width / 12;
    let line_h = (s.px * 1.4).ceil() as u32;
    let max = (s.width - 2 * margin) as f32;
    let head = wrap(&font, s.px * 1.2, heading, max);
    let lines = wrap(&font, s.px, body, max);
    let height =
        margin * 2 + line_h * (head.len() as u32 + 1) + line_h * lines.len() as u32 * 11 / 10;
    let mut img = GrayImage::from_pixel(s.width, height, Luma([250]));
    let mut y = margin as f32;
    for l in &head {
        let w = text_width(&font, s.px * 1.2, l);
        draw(
            &mut img,
            &font,
            s.px * 1.2,
            (s.width as f32 - w) / 2.0,
            y,
            l,
            10,
        );
        y += line_h as f32 * 1.2;
    }
    y += line_h as f32;
    for l in &lines {
        draw(&mut img, &font, s.px, margin as f32, y, l, 20);
        y += line_h as f32;
    }
    img
}

/// Encode as PNG bytes.
pub fn png(img: &GrayImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    // Invariant: encoding an in-memory grayscale image to a Vec cannot fail.
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("PNG encodes");
    out.into_inner()
}

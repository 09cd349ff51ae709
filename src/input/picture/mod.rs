//! Pictures (PNG, JPEG, WebP): screenshots of chats, photos of documents. The picture is
//! checked and decoded here (a huge or damaged one is refused before anything else sees
//! it), its text read by Tesseract ([`tesseract`]), the words parsed ([`tsv`]) and grouped
//! into messages ([`layout`]); the result is an ordinary [`Conversation`] plus a
//! [`Picture`] that maps each message's byte ranges back to boxes on the picture.
//!
//! The user's file is never written: Tesseract gets a grayscale PNG made in memory, on its
//! standard input. Never calls the engine.

pub mod layout;
pub mod tesseract;
pub mod tsv;

use std::io::Cursor;
use std::path::Path;

use crate::conversation::{Conversation, Message, ReadNote, SourceFormat};
use crate::error::{Error, PictureProblem, Result};

pub use layout::{LOW_CONFIDENCE, PictureMessage};
pub use tsv::Rect;

/// Pictures with more pixels than this are refused (checked from the header, before
/// decoding): 50 megapixels holds any phone's photo; 20000×20000 is 400.
pub const MAX_PIXELS: u64 = 50_000_000;

/// Neither side may be longer than this.
pub const MAX_SIDE: u32 = 16_384;

/// Pictures narrower than this are enlarged twice for Tesseract (the limits above still
/// hold for the picture as given: 16 384 / 2 is wider than this).
pub const UPSCALE_BELOW: u32 = 1000;

/// A picture as Saq read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `image/png`, `image/jpeg` or `image/webp`.
    pub mime: &'static str,
    /// The file's bytes, as read (for a report that shows the picture).
    pub bytes: std::sync::Arc<[u8]>,
    /// One entry per message of the conversation, in the same order.
    pub messages: Vec<PictureMessage>,
}

impl Picture {
    /// The boxes a flag's span covers in message `index`.
    pub fn boxes(&self, index: usize, span: &std::ops::Range<usize>) -> Vec<Rect> {
        self.messages
            .get(index)
            .map(|m| m.boxes(span))
            .unwrap_or_default()
    }

    /// Was any word under the span read with low confidence?
    pub fn low_confidence(&self, index: usize, span: &std::ops::Range<usize>) -> bool {
        self.messages
            .get(index)
            .is_some_and(|m| m.low_confidence(span))
    }
}

/// The picture format of these bytes, by their magic number (the name plays no part).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Decode a picture into the grayscale PNG Tesseract is given, refusing a huge or
/// damaged one. Returns the PNG and the picture's size.
pub fn prepare(bytes: &[u8], path: &Path) -> Result<(Vec<u8>, u32, u32)> {
    let problem = |problem| Error::Picture {
        path: path.to_path_buf(),
        problem,
    };
    let reader = || {
        image::ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| problem(PictureProblem::Damaged))
    };
    let (width, height) = reader()?
        .into_dimensions()
        .map_err(|_| problem(PictureProblem::Damaged))?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(problem(PictureProblem::TooLarge { width, height }));
    }
    let mut r = reader()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // Four bytes a pixel at the most (RGBA), plus the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    r.limits(limits);
    let gray = r
        .decode()
        .map_err(|e| match e {
            image::ImageError::Limits(_) => problem(PictureProblem::TooLarge { width, height }),
            _ => problem(PictureProblem::Damaged),
        })?
        .into_luma8();
    // Tesseract reads best with letters ~20–30 px high; a desktop screenshot's are ~11.
    // Small pictures are enlarged for it (boxes are scaled back in `read`).
    let gray = if width < UPSCALE_BELOW {
        image::imageops::resize(
            &gray,
            width * 2,
            height * 2,
            image::imageops::FilterType::Triangle,
        )
    } else {
        gray
    };
    // A dark-mode screenshot (light letters on a dark page) is turned into dark on light,
    // which is what Tesseract's page layout expects.
    let mut gray = gray;
    let sum: u64 = gray.as_raw().iter().map(|&v| u64::from(v)).sum();
    if sum < 110 * gray.as_raw().len() as u64 {
        image::imageops::invert(&mut gray);
    }
    // Sharpened: the small grey time stamp on a grey bubble otherwise loses its minutes
    // ("14:06" read as "14"), and a bubble without its time is not split from the next.
    let gray = image::imageops::unsharpen(&gray, 1.0, 0);
    let (width, height) = gray.dimensions();
    let png = encode_png(gray.as_raw(), width, height, image::ExtendedColorType::L8)
        .ok_or_else(|| problem(PictureProblem::Damaged))?;
    Ok((png, width, height))
}

/// Pixels as a PNG made in memory, quickly (for Tesseract and for pasted pictures); `None`
/// when the pixels do not fit the size and colour type.
pub fn encode_png(
    raw: &[u8],
    width: u32,
    height: u32,
    color: image::ExtendedColorType,
) -> Option<Vec<u8>> {
    let mut png = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        &mut png,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Sub,
    );
    image::ImageEncoder::write_image(encoder, raw, width, height, color).ok()?;
    Some(png)
}

/// Read a picture: its text as a conversation (chat bubbles or one document) and the
/// [`Picture`] with its word boxes.
pub fn read(
    bytes: Vec<u8>,
    path: &Path,
    cancelled: &dyn Fn() -> bool,
) -> Result<(Conversation, Picture)> {
    let Some(mime) = sniff(&bytes) else {
        return Err(Error::Picture {
            path: path.to_path_buf(),
            problem: PictureProblem::Damaged,
        });
    };
    let (png, sent_width, _) = prepare(&bytes, path)?;
    let (width, height) = image::ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_dimensions().ok())
        .unwrap_or((sent_width, 0));
    let factor = (sent_width / width.max(1)).max(1);
    let tsv = tesseract::recognise(png, cancelled).map_err(|f| {
        let problem = match f {
            tesseract::Failure::NotInstalled => PictureProblem::NoTesseract,
            tesseract::Failure::MissingLanguages(l) => PictureProblem::MissingLanguages(l),
            tesseract::Failure::TimedOut => PictureProblem::TimedOut,
            tesseract::Failure::Failed(reason) => PictureProblem::OcrFailed(reason),
            tesseract::Failure::Cancelled => {
                return Error::Cancelled {
                    path: path.to_path_buf(),
                };
            }
        };
        Error::Picture {
            path: path.to_path_buf(),
            problem,
        }
    })?;
    let mut words = tsv::parse(&tsv);
    if factor > 1 {
        for w in &mut words {
            w.rect = Rect {
                x: w.rect.x / factor,
                y: w.rect.y / factor,
                w: w.rect.w.div_ceil(factor),
                h: w.rect.h.div_ceil(factor),
            };
        }
    }
    let messages = layout::messages(&words, width);
    if messages.is_empty() {
        return Err(Error::Picture {
            path: path.to_path_buf(),
            problem: PictureProblem::NoText,
        });
    }
    let conv = conversation(&messages);
    let picture = Picture {
        width,
        height,
        mime,
        bytes: bytes.into(),
        messages,
    };
    Ok((conv, picture))
}

/// The conversation of a picture's messages, with the note that says where the text came
/// from.
pub fn conversation(messages: &[PictureMessage]) -> Conversation {
    let low = messages
        .iter()
        .flat_map(|m| &m.words)
        .filter(|w| w.conf < LOW_CONFIDENCE)
        .count();
    let mut notes = vec![ReadNote::ReadFromPicture];
    if low > 0 {
        notes.push(ReadNote::LowConfidenceWords { count: low });
    }
    Conversation {
        format: SourceFormat::ImageOcr,
        messages: messages
            .iter()
            .map(|m| Message {
                text: m.text.clone(),
                ..Message::default()
            })
            .collect(),
        system_lines: 0,
        container: None,
        notes,
        events: Vec::new(),
    }
}

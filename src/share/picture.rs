//! A picture in a report: the picture itself (a `data:` URI, so the page stays one file
//! with no external resource) with a translucent box over each flagged word, coloured by
//! the flag's weight as the text highlights are.

use std::fmt::Write as _;

use super::page::esc;
use crate::i18n::Localizer;
use crate::input::picture::Picture;
use crate::report::MessageReport;

/// A picture larger than this is not embedded (the page would be unwieldy); its boxes are
/// still in the JSON report.
const MAX_EMBEDDED: usize = 16 << 20;

/// The picture with the boxes of every flag of `messages` drawn over it.
pub fn figure<'m>(
    out: &mut String,
    p: &Picture,
    messages: impl Iterator<Item = &'m MessageReport>,
    tr: &Localizer,
) {
    if p.bytes.len() > MAX_EMBEDDED || p.width == 0 || p.height == 0 {
        return;
    }
    let _ = write!(
        out,
        "<figure class=\"pic\"><div class=\"pic-frame\"><img alt=\"{}\" src=\"data:{};base64,",
        esc(&tr.tr("picture-recognised-text")),
        p.mime
    );
    base64(out, &p.bytes);
    out.push_str("\">");
    let pct = |v: u32, of: u32| f64::from(v) * 100.0 / f64::from(of);
    for m in messages {
        for f in &m.flags {
            let mut class = String::from("box");
            if f.weight >= 3 {
                class.push_str(" w3");
            }
            if p.low_confidence(m.index, &f.span) {
                class.push_str(" lc");
            }
            for r in p.boxes(m.index, &f.span) {
                let _ = write!(
                    out,
                    "<div class=\"{class}\" style=\"left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%\"></div>",
                    pct(r.x, p.width),
                    pct(r.y, p.height),
                    pct(r.w, p.width),
                    pct(r.h, p.height)
                );
            }
        }
    }
    out.push_str("</div></figure>\n");
}

/// Under a message's flags: which of them cover words read with low confidence.
pub fn low_confidence_notes(out: &mut String, p: &Picture, m: &MessageReport, tr: &Localizer) {
    for f in m
        .flags
        .iter()
        .filter(|f| p.low_confidence(m.index, &f.span))
    {
        let _ = writeln!(
            out,
            "<p class=\"meta\">«{}» — {}</p>",
            esc(crate::links::defang_text(f.excerpt(&m.text).trim()).as_str()),
            esc(&tr.tr("flag-low-confidence"))
        );
    }
}

/// Standard base64 (RFC 4648, with padding).
fn base64(out: &mut String, bytes: &[u8]) {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextet = |k: u32| char::from(ABC[((n >> (18 - 6 * k)) & 63) as usize]);
        out.push(sextet(0));
        out.push(sextet(1));
        out.push(if chunk.len() > 1 { sextet(2) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(3) } else { '=' });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc4648() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            let mut s = String::new();
            super::base64(&mut s, raw.as_bytes());
            assert_eq!(s, enc);
        }
    }
}

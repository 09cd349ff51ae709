//! `--format json`: one `saq.report/1` object per input, one per line (schema in README).

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::conversation::ConversationStream;
use crate::i18n::Localizer;
use crate::input::Source;
use crate::report::{MessageReport, Verdict};
use crate::rules::RuleSet;

/// The schema name and version written in every object.
pub const SCHEMA: &str = "saq.report/1";

#[derive(Serialize)]
struct JsonSource<'a> {
    path: &'a str,
    format: &'a str,
    encoding: &'a str,
    system_lines: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    container: Option<crate::conversation::Container>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [crate::conversation::ReadNote],
    /// A picture's size in pixels (the boxes' frame).
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<JsonImage>,
}

#[derive(Serialize)]
struct JsonImage {
    width: u32,
    height: u32,
}

/// A message as JSON: what [`message_json`] writes (the tests compare the two).
#[cfg(test)]
#[derive(Serialize)]
struct JsonMessage<'a> {
    index: usize,
    sender: Option<&'a str>,
    timestamp: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<crate::conversation::MediaKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chat: Option<&'a str>,
    text: &'a str,
    verdict: &'static str,
    score: i32,
    flags: Vec<JsonFlag<'a>>,
}

#[derive(Serialize)]
struct JsonFlag<'a> {
    rule: &'a str,
    category: &'static str,
    start: usize,
    end: usize,
    excerpt: &'a str,
    explanation: String,
    advice: Vec<&'static str>,
    /// A picture's flag: the boxes `[x, y, w, h]` (image pixels) of the words it covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    boxes: Option<Vec<[u32; 4]>>,
    /// A picture's flag over a word read with low confidence.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    low_confidence: bool,
}

#[derive(Serialize)]
struct JsonError<'a> {
    schema: &'static str,
    source: JsonErrorSource<'a>,
    error: &'a str,
}

#[derive(Serialize)]
struct JsonErrorSource<'a> {
    path: &'a str,
}

/// Write one input's report as one line of JSON. Its messages are checked as a stream
/// ([`crate::engine::check_streaming`]) and written as they come, so the verdict — known only
/// at the end — is the object's last member. Returns the verdict.
pub fn write(
    out: &mut impl Write,
    source: &Source,
    conv: ConversationStream,
    rules: &RuleSet,
    opts: crate::engine::Options,
    tr: &Localizer,
) -> std::io::Result<Verdict> {
    let head = JsonSource {
        path: super::source_path(source),
        format: &source.format,
        encoding: &source.encoding,
        system_lines: conv.head.system_lines,
        container: source.container,
        notes: &source.notes,
        image: source.picture.as_ref().map(|p| JsonImage {
            width: p.width,
            height: p.height,
        }),
    };
    let picture = source.picture.as_deref();
    write!(out, "{{\"schema\":")?;
    serde_json::to_writer(&mut *out, SCHEMA)?;
    write!(out, ",\"source\":")?;
    serde_json::to_writer(&mut *out, &head)?;
    write!(out, ",\"messages\":[")?;
    let mut first = true;
    // The messages' JSON gathers here and goes out in pieces of `PIECE` bytes or more, which
    // a `BufWriter` of that size passes through without copying them into its own buffer.
    const PIECE: usize = crate::share::save::WRITE_BUFFER;
    let mut buf = Vec::with_capacity(PIECE + 4096);
    let verdict = crate::engine::check_streaming(rules, conv, opts, |m| {
        if !std::mem::take(&mut first) {
            buf.push(b',');
        }
        message_json(&mut buf, &m, picture, tr)?;
        if buf.len() >= PIECE {
            out.write_all(&buf)?;
            buf.clear();
        }
        Ok::<(), std::io::Error>(())
    })?;
    out.write_all(&buf)?;
    writeln!(out, "],\"verdict\":\"{}\"}}", verdict.as_str())?;
    Ok(verdict)
}

/// One message's JSON object, added to the end of `buf`: byte for byte what serde_json
/// writes for [`JsonMessage`], but the message's fields are written by hand and its text is
/// escaped eight bytes at a time. A 100 MB chat is a hundred megabytes of message texts, and
/// serde_json's escaping (a table look-up per byte) and its many small writes were a tenth of
/// the whole check's time, on the thread that hands the reports on.
fn message_json(
    buf: &mut Vec<u8>,
    m: &MessageReport,
    picture: Option<&crate::input::picture::Picture>,
    tr: &Localizer,
) -> std::io::Result<()> {
    buf.extend_from_slice(b"{\"index\":");
    buf.extend_from_slice(itoa::Buffer::new().format(m.index).as_bytes());
    buf.extend_from_slice(b",\"sender\":");
    json_opt_str(buf, m.sender.as_deref());
    buf.extend_from_slice(b",\"timestamp\":");
    match &m.timestamp {
        // Its bytes, not `&str`: reading it as `&str` checks them again, once per message.
        Some(t) => json_bytes(buf, t.as_bytes()),
        None => buf.extend_from_slice(b"null"),
    }
    if let Some(media) = m.media {
        buf.extend_from_slice(b",\"media\":");
        serde_json::to_writer(&mut *buf, &media)?;
    }
    if let Some(chat) = m.chat.as_deref() {
        buf.extend_from_slice(b",\"chat\":");
        json_str(buf, chat);
    }
    buf.extend_from_slice(b",\"text\":");
    json_str(buf, &m.text);
    buf.extend_from_slice(b",\"verdict\":\"");
    buf.extend_from_slice(m.verdict.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"score\":");
    buf.extend_from_slice(itoa::Buffer::new().format(m.score).as_bytes());
    buf.extend_from_slice(b",\"flags\":");
    if m.flags.is_empty() {
        buf.extend_from_slice(b"[]");
    } else {
        serde_json::to_writer(&mut *buf, &json_flags(m, picture, tr))?;
    }
    buf.push(b'}');
    Ok(())
}

fn json_flags<'a>(
    m: &'a MessageReport,
    picture: Option<&crate::input::picture::Picture>,
    tr: &Localizer,
) -> Vec<JsonFlag<'a>> {
    m.flags
        .iter()
        .map(|f| JsonFlag {
            rule: &f.rule,
            category: f.category.as_str(),
            start: f.span.start,
            end: f.span.end,
            excerpt: f.excerpt(&m.text),
            explanation: f.explanation(tr),
            advice: f.advice.iter().map(|s| s.as_str()).collect(),
            boxes: picture.map(|p| {
                p.boxes(m.index, &f.span)
                    .iter()
                    .map(|r| [r.x, r.y, r.w, r.h])
                    .collect()
            }),
            low_confidence: picture.is_some_and(|p| p.low_confidence(m.index, &f.span)),
        })
        .collect()
}

fn json_opt_str(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

/// `s` as a JSON string, escaped as serde_json escapes: `"` and `\\`, the control characters
/// with a short form (`\\b \\t \\n \\f \\r`) by it and the others as `\\u00xx`; nothing else.
fn json_str(buf: &mut Vec<u8>, s: &str) {
    json_bytes(buf, s.as_bytes());
}

/// [`json_str`] of text given as its UTF-8 bytes.
fn json_bytes(buf: &mut Vec<u8>, b: &[u8]) {
    buf.reserve(b.len() + 2);
    buf.push(b'"');
    let mut done = 0;
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time: skip a word with no byte to escape.
        if let Some(word) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            if !needs_escape_word(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let Some(&x) = b.get(i) else { break };
        let short = match x {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            0x08 => Some(b'b'),
            0x09 => Some(b't'),
            0x0A => Some(b'n'),
            0x0C => Some(b'f'),
            0x0D => Some(b'r'),
            _ => None,
        };
        if x >= 0x20 && short.is_none() {
            i += 1;
            continue;
        }
        buf.extend_from_slice(b.get(done..i).unwrap_or_default());
        match short {
            Some(c) => buf.extend_from_slice(&[b'\\', c]),
            None => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                buf.extend_from_slice(b"\\u00");
                buf.push(HEX[usize::from(x >> 4)]);
                buf.push(HEX[usize::from(x & 0xF)]);
            }
        }
        i += 1;
        done = i;
    }
    buf.extend_from_slice(b.get(done..).unwrap_or_default());
    buf.push(b'"');
}

/// Whether any byte of `w` is a control character (below 0x20), `"` or `\\`.
fn needs_escape_word(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below n (n ≤ 0x80) sets its high bit in `w - n` where it had none before.
    let below = |n: u64| w.wrapping_sub(ONES * n) & !w & HIGH;
    let equal = |c: u64| {
        let x = w ^ (ONES * c);
        x.wrapping_sub(ONES) & !x & HIGH
    };
    below(0x20) | equal(u64::from(b'"')) | equal(u64::from(b'\\')) != 0
}

/// Write the line that stands for an input that could not be read, so line N of the
/// output is still input N.
pub fn write_error(out: &mut impl Write, path: &Path, message: &str) -> std::io::Result<()> {
    let shown = path.to_string_lossy();
    let obj = JsonError {
        schema: SCHEMA,
        source: JsonErrorSource { path: &shown },
        error: message,
    };
    serde_json::to_writer(&mut *out, &obj)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::MediaKind;
    use crate::i18n::Lang;
    use proptest::prelude::*;

    fn serde_form(m: &MessageReport, tr: &Localizer) -> Vec<u8> {
        let msg = JsonMessage {
            index: m.index,
            sender: m.sender.as_deref(),
            timestamp: m.timestamp.as_deref(),
            media: m.media,
            chat: m.chat.as_deref(),
            text: &m.text,
            verdict: m.verdict.as_str(),
            score: m.score,
            flags: json_flags(m, None, tr),
        };
        serde_json::to_vec(&msg).expect("a message serializes")
    }

    /// Text with every kind of byte the escaping tells apart, often near an 8-byte edge.
    fn tricky() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("\"".to_string()),
                Just("\\".to_string()),
                (0u8..0x20).prop_map(|b| char::from(b).to_string()),
                Just("\u{7f}".to_string()),
                Just("код".to_string()),
                Just("abcdefg".to_string()),
                any::<char>().prop_map(String::from),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn a_message_is_written_as_serde_json_writes_it(
            text in tricky(),
            sender in proptest::option::of(tricky()),
            timestamp in proptest::option::of("[0-9T:-]{0,19}"),
            chat in proptest::option::of(tricky()),
            media in proptest::option::of(prop_oneof![Just(MediaKind::Voice), Just(MediaKind::Sticker)]),
            index in any::<usize>(),
            score in any::<i32>(),
            scam in any::<bool>(),
        ) {
            let tr = Localizer::new(Lang::En);
            let rules = RuleSet::builtin().expect("built-in rules load");
            // A real scam's flags (or none), so the flags' own serialization is covered too.
            let body = if scam { format!("{text} Продиктуйте код из СМС") } else { text };
            let mut m = crate::engine::check_text(&rules, &body);
            m.index = index;
            m.sender = sender.map(Into::into);
            m.timestamp = timestamp.as_deref().and_then(crate::conversation::Timestamp::new);
            m.chat = chat;
            m.media = media;
            m.score = score;
            // Added after what the buffer holds (the previous messages).
            let mut buf = b"left over".to_vec();
            message_json(&mut buf, &m, None, &tr).expect("writing to memory cannot fail");
            let mut want = b"left over".to_vec();
            want.extend(serde_form(&m, &tr));
            prop_assert_eq!(String::from_utf8_lossy(&buf), String::from_utf8_lossy(&want));
        }
    }

    #[test]
    fn escape_words_are_found_in_every_position() {
        for pos in 0..8 {
            for b in 0u8..=255 {
                let mut w = [b'a'; 8];
                w[pos] = b;
                let want = b < 0x20 || b == b'"' || b == b'\\';
                assert_eq!(
                    needs_escape_word(u64::from_le_bytes(w)),
                    want,
                    "byte {b:#x} at {pos}"
                );
            }
        }
    }
}
